package cron

import (
	"strings"
	"testing"
)

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"* * * * *", "* * * * *"},
		{"0 2 * * *", "0 2 * * *"},
		{"*/15 * * * *", "*/15 * * * *"},
		{"0,15,30,45 * * * *", "*/15 * * * *"},
		{"0-59/15 * * * *", "*/15 * * * *"},
		{"30 1 * * 1-5", "30 1 * * 1-5"},
		{"30 1 * * mon-fri", "30 1 * * 1-5"},
		{"0 0 * * 7", "0 0 * * 0"},
		{"0 0 * * sun", "0 0 * * 0"},
		{"0 0 1 jan *", "0 0 1 1 *"},
		{"5 4 * * 0-7", "5 4 * * *"},
		{"0 9-18/3 * * *", "0 9,12,15,18 * * *"},
		{"0 1,2,3,7 * * *", "0 1-3,7 * * *"},
		{"10/20 * * * *", "10,30,50 * * * *"},
		{"@daily", "0 0 * * *"},
		{"@midnight", "0 0 * * *"},
		{"@hourly", "0 * * * *"},
		{"@weekly", "0 0 * * 0"},
		{"@monthly", "0 0 1 * *"},
		{"@yearly", "0 0 1 1 *"},
		{"@annually", "0 0 1 1 *"},
		{"@reboot", "@reboot"},
	}
	for _, tt := range tests {
		s, err := ParseSchedule(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if got := s.String(); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScheduleErrors(t *testing.T) {
	for _, in := range []string{
		"60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8",
		"*/0 * * * *", "5-1 * * * *", "a * * * *", "1,,2 * * * *", "* * * *", "@often",
	} {
		if _, err := ParseSchedule(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestParseSystemCrontab(t *testing.T) {
	src := "SHELL=/bin/bash\r\n" +
		"PATH=/usr/local/bin:/usr/bin\r\n" +
		"MAILTO=\"ops@example.jp\"\r\n" +
		"# m h dom mon dow user command\r\n" +
		"30 2 * * * batch /home/batch/bin/daily_sales.sh $(date +\\%Y\\%m\\%d) >> /var/log/sales.log 2>&1\r\n" +
		"\r\n" +
		"#0 3 * * * batch /home/batch/bin/old_job.sh\r\n" +
		"@hourly root run-parts /etc/cron.hourly\r\n" +
		"0 4 * * * batch mail -s report ops%line one%line two\r\n" +
		"99 * * * * batch /bad.sh\r\n" +
		"0 5 * * *\r\n"
	f := Parse([]byte(src), SystemForm)
	if len(f.Env) != 3 || f.Env[2].Name != "MAILTO" || f.Env[2].Value != "ops@example.jp" {
		t.Errorf("env = %+v", f.Env)
	}
	if len(f.Entries) != 5 {
		t.Fatalf("got %d entries, want 5: %+v", len(f.Entries), f.Entries)
	}
	// A line whose schedule does not parse is kept, marked, with its
	// command: its job must not vanish.
	if bad := f.Entries[4]; bad.Line != 10 || bad.Invalid != "minute: 99 out of range 0-59" || bad.ScheduleRaw != "99 * * * *" || bad.User != "batch" || bad.Command != "/bad.sh" {
		t.Errorf("invalid entry = %+v", bad)
	}
	e := f.Entries[0]
	if e.Line != 5 || e.User != "batch" || e.Schedule.String() != "30 2 * * *" || e.CommandCol != 18 {
		t.Errorf("entry 0 = %+v", e)
	}
	if want := "/home/batch/bin/daily_sales.sh $(date +%Y%m%d) >> /var/log/sales.log 2>&1"; e.Command != want {
		t.Errorf("command = %q, want %q", e.Command, want)
	}
	if len(e.Env) != 3 {
		t.Errorf("entry 0 sees %d env vars, want 3", len(e.Env))
	}
	if !f.Entries[1].Disabled || f.Entries[1].Command != "/home/batch/bin/old_job.sh" {
		t.Errorf("entry 1 = %+v", f.Entries[1])
	}
	if f.Entries[2].Schedule.String() != "0 * * * *" || f.Entries[2].User != "root" {
		t.Errorf("entry 2 = %+v", f.Entries[2])
	}
	if f.Entries[3].Command != "mail -s report ops" || f.Entries[3].Stdin != "line one\nline two" {
		t.Errorf("entry 3 = %+v", f.Entries[3])
	}
	var msgs []string
	for _, err := range f.Errors {
		msgs = append(msgs, err.Error())
	}
	want := "10:1: minute: 99 out of range 0-59|11:10: missing user field (system crontab)"
	if got := strings.Join(msgs, "|"); got != want {
		t.Errorf("errors = %s, want %s", got, want)
	}
}

func TestParseUserCrontab(t *testing.T) {
	f := Parse([]byte("  15 1 * * 1-5   /home/etl/run.sh --date yesterday\n"), UserForm)
	if len(f.Errors) != 0 || len(f.Entries) != 1 {
		t.Fatalf("errors %v, entries %d", f.Errors, len(f.Entries))
	}
	e := f.Entries[0]
	if e.User != "" || e.Command != "/home/etl/run.sh --date yesterday" || e.CommandCol != 18 || e.Schedule.String() != "15 1 * * 1-5" {
		t.Errorf("entry = %+v", e)
	}
}

func TestDayFieldsStar(t *testing.T) {
	s, _ := ParseSchedule("0 0 1 * 1")
	if s.Dom.Star || s.Dow.Star {
		t.Error("restricted day fields marked as '*'")
	}
	s, _ = ParseSchedule("0 0 * * 1")
	if !s.Dom.Star || s.Dow.Star {
		t.Error("'*' day of month not marked")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("SHELL=/bin/sh\n30 2 * * * batch /x.sh\n@daily root y\n", true)
	f.Add("*/5 1-3,7 * jan-mar mon-fri cmd %in%put\n", false)
	f.Fuzz(func(t *testing.T, src string, system bool) {
		form := UserForm
		if system {
			form = SystemForm
		}
		file := Parse([]byte(src), form)
		for _, e := range file.Entries {
			if e.Invalid != "" {
				// A job with a bad schedule is kept without one.
				if e.Schedule != (Schedule{}) {
					t.Fatalf("%q: invalid entry keeps schedule %q", src, e.Schedule.String())
				}
				continue
			}
			// The normalised form must parse back to the same schedule.
			s, err := ParseSchedule(e.Schedule.String())
			if err != nil {
				t.Fatalf("%q: normalised %q does not parse: %v", src, e.Schedule.String(), err)
			}
			if s.String() != e.Schedule.String() {
				t.Fatalf("%q: %q normalises to %q", src, e.Schedule.String(), s.String())
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("SHELL=/bin/bash\nMAILTO=ops\n")
	for i := 0; i < 200; i++ {
		sb.WriteString("*/5 1-3,7 * jan-mar mon-fri batch /home/batch/bin/job.sh --flag value >> /var/log/job.log 2>&1\n")
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Parse(src, SystemForm)
	}
}
