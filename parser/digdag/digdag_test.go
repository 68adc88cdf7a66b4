package digdag

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/internal/realworld"
)

const sample = `timezone: Asia/Tokyo

schedule:
  daily>: 07:30:00
  skip_on_overtime: true

_export:
  dt: ${session_date_compact}
  db: lake

+prepare:
  sh>: hadoop fs -rm -r -f /tmp/sales/${dt}

+load:
  _parallel: true
  _retry: 3
  +orders:
    sh>: hive -hivevar dt=${dt} -f /home/batch/sql/orders.hql
  +shops:
    call>: shops.dig
  !include : 'common/notify.dig'

+report:
  td>: queries/report.sql
  database: ${db}
  store_last_results: true
  _error:
    +alert:
      mail>: alert.txt
      subject: "failed ${moment(session_time).format('YYYY-MM-DD')}"

+custom:
  my_plugin>: x
`

func TestParseSample(t *testing.T) {
	w := Parse("daily.dig", []byte(sample))
	if w.Timezone != "Asia/Tokyo" {
		t.Errorf("timezone = %q", w.Timezone)
	}
	if s := w.Schedule; s == nil || s.Kind != "daily" || s.Cron != "30 7 * * *" || len(s.Options) != 1 {
		t.Errorf("schedule = %+v", w.Schedule)
	}
	if len(w.Export) != 2 || w.Export[0].Key != "dt" || !reflect.DeepEqual(w.Export[0].Refs, []string{"session_date_compact"}) {
		t.Errorf("export = %+v", w.Export)
	}
	var names []string
	Walk(w.Root, func(t *Task) { names = append(names, t.Name+"="+t.Kind) })
	want := "daily.dig=group +prepare=sh +load=group +orders=sh +shops=call !include=include +report=td _error=group +alert=mail +custom=my_plugin"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("tasks:\n got %s\nwant %s", got, want)
	}
	load := w.Root.Children[1]
	if load.Parallel != "true" || load.Retry != "3" || load.Line != 14 || load.Col != 1 {
		t.Errorf("+load = %+v", load)
	}
	if inc := load.Children[2]; inc.Include != "common/notify.dig" || inc.Line != 21 {
		t.Errorf("include = %+v", inc)
	}
	orders := load.Children[0]
	if orders.Command.Value != "hive -hivevar dt=${dt} -f /home/batch/sql/orders.hql" || orders.Command.Line != 18 || !orders.Known {
		t.Errorf("+orders = %+v", orders.Command)
	}
	report := w.Root.Children[2]
	if len(report.Params) != 2 || report.Params[0].Key != "database" || report.Error == nil {
		t.Errorf("+report = %+v", report)
	}
	subject := report.Error.Children[0].Params[0]
	if !reflect.DeepEqual(subject.Refs, []string{"moment", "session_time"}) {
		t.Errorf("subject refs = %v", subject.Refs)
	}
	// The unknown operator is a warning with its position, not an error.
	var diags []string
	for _, d := range w.Diags {
		diags = append(diags, d.String())
	}
	if got := strings.Join(diags, "|"); got != "33:3: warning: unknown operator my_plugin>: kept as a step of kind unknown" {
		t.Errorf("diags = %s", got)
	}
}

func TestScheduleCron(t *testing.T) {
	tests := []struct{ kind, spec, want string }{
		{"daily", "07:00:00", "0 7 * * *"},
		{"hourly", "30:00", "30 * * * *"},
		{"weekly", "Sun,09:00:00", "0 9 * * 0"},
		{"weekly", "fri,23:15:00", "15 23 * * 5"},
		{"monthly", "1,09:00:00", "0 9 1 * *"},
		{"minutes_interval", "15", "*/15 * * * *"},
		{"minutes_interval", "7", ""},
		{"cron", "42 4 1 * *", "42 4 1 * *"},
		{"seconds_interval", "2", ""},
	}
	for _, tt := range tests {
		got, err := scheduleCron(tt.kind, tt.spec)
		if err != nil || got != tt.want {
			t.Errorf("%s> %s: got %q, %v; want %q", tt.kind, tt.spec, got, err, tt.want)
		}
	}
	for _, bad := range [][2]string{{"daily", "7:00"}, {"daily", "07:00:30"}, {"weekly", "Xyz,01:00:00"}, {"monthly", "40,01:00:00"}, {"cron", "* *"}, {"yearly", "x"}} {
		if _, err := scheduleCron(bad[0], bad[1]); err == nil {
			t.Errorf("%s> %s: no error", bad[0], bad[1])
		}
	}
}

func TestBrokenInputs(t *testing.T) {
	tests := []struct{ src, want string }{
		{"+a:\n  sh>: x\n   bad: [", "3:"},
		{"- a\n- b\n", "1:1: error: a workflow must be a mapping"},
		{"+a:\n  sh>: x\n  echo>: y\n", "3:3: error: task +a has two operators"},
		{"schedule:\n  daily>: 25:00:00\n", "2:11: error: schedule daily>: bad time"},
		{"+a: [1, 2]\n", "1:5: error: task +a must be a mapping"},
		{"", "1:1: warning: empty workflow"},
	}
	for _, tt := range tests {
		w := Parse("x.dig", []byte(tt.src))
		var got []string
		for _, d := range w.Diags {
			got = append(got, d.String())
		}
		if !strings.Contains(strings.Join(got, "|"), tt.want) {
			t.Errorf("%q: diags %q, want one containing %q", tt.src, got, tt.want)
		}
	}
}

// TestRealWorld reads every .dig of Digdag's own examples and tests. None
// may crash; the files that draw an error are logged with their reason.
func TestRealWorld(t *testing.T) {
	dir := realworld.Require(t, "digdag")
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".dig") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) < 200 {
		t.Fatalf("found only %d .dig files", len(files))
	}
	var withErrors, tasks int
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w := Parse(filepath.Base(f), src)
		Walk(w.Root, func(*Task) { tasks++ })
		for _, d := range w.Diags {
			if d.Severity == "error" {
				withErrors++
				rel, _ := filepath.Rel(dir, f)
				t.Logf("%s:%s", rel, d)
				break
			}
		}
	}
	t.Logf("%d workflows, %d tasks, %d with errors", len(files), tasks, withErrors)
}

func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Add("+a:\n  for_each>:\n    x: [1, 2]\n  _do:\n    echo>: ${x}\n")
	f.Fuzz(func(t *testing.T, src string) {
		w := Parse("f.dig", []byte(src))
		for _, d := range w.Diags {
			if d.Line < 0 || d.Col < 0 {
				t.Fatalf("bad position %v", d)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	src := []byte(sample)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Parse("daily.dig", src)
	}
}

// TestTopLevelKeys: Digdag loads only known top-level keys; any other
// makes the workflow fail to load, which the reader reports.
func TestTopLevelKeys(t *testing.T) {
	ok := Parse("ok.dig", []byte("timezone: UTC\nschedule:\n  daily>: 01:00:00\nsla:\n  time: 02:00\n_export:\n  a: 1\n_error:\n  echo>: e\n_retry: 1\n_parallel: true\n+t:\n  echo>: x\n"))
	for _, d := range ok.Diags {
		if d.Severity == "error" {
			t.Errorf("ok.dig: %d: %s", d.Line, d.Msg)
		}
	}
	bad := Parse("bad.dig", []byte("timezone: UTC\ndt: 2024-01-01\n+t:\n  echo>: ${dt}\n"))
	var got []string
	for _, d := range bad.Diags {
		if d.Severity == "error" {
			got = append(got, fmt.Sprintf("%d: %s", d.Line, d.Msg))
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], `2: Digdag refuses a top-level "dt"`) {
		t.Errorf("bad.dig: %v", got)
	}
	groups := Parse("groups.dig", []byte("+g:\n  parallel: true\n  +a:\n    echo>: x\n    _after: [b]\n  +b:\n    echo>: y\n+p:\n  _parallel: true\n  +c:\n    _background: true\n    echo>: z\n+leaf:\n  echo>: w\n  note: kept\n"))
	got = nil
	for _, d := range groups.Diags {
		if d.Severity == "error" {
			got = append(got, fmt.Sprintf("%d: %s", d.Line, d.Msg))
		}
	}
	want := []string{
		`2: Digdag refuses "parallel" in a task group`,
		"5: Digdag refuses _after in +a",
		"11: Digdag refuses _background: true in +c",
	}
	if len(got) != len(want) {
		t.Fatalf("groups.dig: %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("groups.dig: %q, want %q…", got[i], want[i])
		}
	}
}
