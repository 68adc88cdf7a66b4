package cron

import (
	"strings"
	"testing"
	"time"
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
		// Both day fields restricted: cron runs on either, so a full
		// range must not collapse into '*' (which would mean "both").
		{"0 3 1-31 * 1", "0 3 1-31 * 1"},
		{"0 3 1 * 0-7", "0 3 1 * 0-6"},
		{"0 3 */2 * 1", "0 3 */2 * 1"},
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

func TestTimes(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	ny, _ := time.LoadLocation("America/New_York")
	day := func(loc *time.Location, y int, mo time.Month, d, h, m int) time.Time {
		return time.Date(y, mo, d, h, m, 0, 0, loc)
	}
	tests := []struct {
		name     string
		spec     string
		loc      *time.Location
		from, to time.Time
		want     []string // local times, 2006-01-02 15:04 MST
	}{
		{"daily", "30 2 * * *", tokyo, day(tokyo, 2024, 2, 28, 0, 0), day(tokyo, 2024, 3, 2, 0, 0),
			[]string{"2024-02-28 02:30 JST", "2024-02-29 02:30 JST", "2024-03-01 02:30 JST"}},
		{"either day field", "0 3 1 * 1", tokyo, day(tokyo, 2024, 4, 1, 0, 0), day(tokyo, 2024, 4, 16, 0, 0),
			[]string{"2024-04-01 03:00 JST", "2024-04-08 03:00 JST", "2024-04-15 03:00 JST"}},
		{"both when one is starred", "0 3 */2 * 1", tokyo, day(tokyo, 2024, 4, 1, 0, 0), day(tokyo, 2024, 4, 30, 0, 0),
			[]string{"2024-04-01 03:00 JST", "2024-04-15 03:00 JST", "2024-04-29 03:00 JST"}},
		{"month end", "0 23 31 * *", tokyo, day(tokyo, 2024, 1, 1, 0, 0), day(tokyo, 2024, 6, 1, 0, 0),
			[]string{"2024-01-31 23:00 JST", "2024-03-31 23:00 JST", "2024-05-31 23:00 JST"}},
		// 2024-03-10 02:00 EST jumps to 03:00 EDT: a fixed-time job in
		// the gap runs right after the jump.
		{"fixed time in the gap", "30 2 * * *", ny, day(ny, 2024, 3, 9, 0, 0), day(ny, 2024, 3, 12, 0, 0),
			[]string{"2024-03-09 02:30 EST", "2024-03-10 03:00 EDT", "2024-03-11 02:30 EDT"}},
		{"wildcard hour skips the gap", "30 * 10 3 *", ny, day(ny, 2024, 3, 10, 0, 0), day(ny, 2024, 3, 10, 4, 0),
			[]string{"2024-03-10 00:30 EST", "2024-03-10 01:30 EST", "2024-03-10 03:30 EDT"}},
		// 2024-11-03 02:00 EDT goes back to 01:00 EST: a fixed-time job
		// in the repeated hour runs once, a wildcard one twice.
		{"fixed time repeated", "30 1 * * *", ny, day(ny, 2024, 11, 2, 12, 0), day(ny, 2024, 11, 4, 12, 0),
			[]string{"2024-11-03 01:30 EDT", "2024-11-04 01:30 EST"}},
		{"wildcard repeated", "30 * 3 11 *", ny, day(ny, 2024, 11, 3, 0, 0), day(ny, 2024, 11, 3, 3, 0),
			[]string{"2024-11-03 00:30 EDT", "2024-11-03 01:30 EDT", "2024-11-03 01:30 EST", "2024-11-03 02:30 EST"}},
	}
	for _, tt := range tests {
		s, err := ParseSchedule(tt.spec)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, x := range s.Times(tt.from, tt.to, tt.loc) {
			got = append(got, x.In(tt.loc).Format("2006-01-02 15:04 MST"))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s (%s):\n got  %v\n want %v", tt.name, tt.spec, got, tt.want)
		}
	}
}
