package inventory

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/cron"
	"github.com/sparkport/sparkport/parser/digdag"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

const estate = "../corpus/estate"

func host(name string) DirHost { return DirHost{Root: filepath.Join(estate, name)} }

func read(t *testing.T, h DirHost, p string) []byte {
	t.Helper()
	b, ok := h.Read(p)
	if !ok {
		t.Fatalf("%s:%s not found", h.Name(), p)
	}
	return b
}

// golden compares v, as indented JSON, with testdata/lower/name.json.
func golden(t *testing.T, name string, v any) string {
	t.Helper()
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := []byte(buf.String())
	file := filepath.Join("testdata", "lower", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return string(got)
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./inventory -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from %s (run with -update to accept):\n%s", name, file, got)
	}
	return string(got)
}

func TestLowerCrontab(t *testing.T) {
	h := host("batch-01")
	f := cron.Parse(read(t, h, "/etc/crontab"), cron.SystemForm)
	jobs := LowerCrontab(h, "/etc/crontab", f)
	out := golden(t, "crontab", jobs)

	if len(jobs) != 2 {
		t.Fatalf("got %d jobs, want 2 (the commented-out line is not a job)", len(jobs))
	}
	var kinds []string
	for _, s := range jobs[0].Steps {
		kinds = append(kinds, s.Kind)
	}
	if got := strings.Join(kinds, " "); got != "sqoop-import hive-sql hive-sql hdfs" {
		t.Errorf("daily_sales steps = %s", got)
	}
	sales := jobs[0].Steps[1]
	if sales.Source.Path != "/home/batch/sql/daily_sales.hql" || sales.InvokedAt.Path != "/home/batch/bin/daily_sales.sh" || sales.InvokedAt.Line != 12 {
		t.Errorf("hive -f step at %+v, invoked at %+v", sales.Source, sales.InvokedAt)
	}
	if !reflect.DeepEqual(sales.Inputs, []string{"dwh.dim_shop", "lake.orders"}) || !reflect.DeepEqual(sales.Outputs, []string{"mart.daily_sales"}) {
		t.Errorf("daily_sales.hql reads %v, writes %v", sales.Inputs, sales.Outputs)
	}
	if len(sales.Params) != 1 || sales.Params[0].Name != "DT" || sales.Params[0].Offset != "-1 day" {
		t.Errorf("params = %+v", sales.Params)
	}
	if strings.Contains(out, "ChangeMe-2019") {
		t.Error("a secret value reached the lowered jobs")
	}
	if jobs[0].Trigger.Spec != "30 2 * * *" {
		t.Errorf("trigger = %+v", jobs[0].Trigger)
	}
}

func TestLowerDigdag(t *testing.T) {
	h := host("batch-02")
	const file = "/opt/digdag/sales/daily.dig"
	w := digdag.Parse("daily.dig", read(t, h, file))
	job := LowerDigdag(h, file, w)
	golden(t, "digdag", job)
	if job.Trigger.Kind != ir.TriggerDigdag || job.Trigger.Spec != "0 3 * * *" || job.Trigger.Timezone != "Asia/Tokyo" {
		t.Errorf("trigger = %+v", job.Trigger)
	}
	if len(job.Steps) != 2 || job.Steps[0].Kind != ir.StepHiveSQL || job.Steps[0].Source.Path != "/home/etl/hql/create_tables.hql" || job.Steps[1].Kind != "digdag-echo" {
		t.Errorf("steps = %+v", job.Steps)
	}
}

func TestLowerScript(t *testing.T) {
	h := host("batch-01")
	const file = "/home/batch/bin/daily_sales.sh"
	job := LowerScript(h, file, read(t, h, file))
	golden(t, "script", job)
	if job.Trigger.Kind != ir.TriggerUnscheduled || len(job.Steps) != 4 {
		t.Errorf("job = %+v", job)
	}
}

func TestDirHostStaysInside(t *testing.T) {
	h := host("batch-01")
	if _, ok := h.Read("/../batch-02/opt/digdag/sales/daily.dig"); ok {
		t.Error("a path climbed out of its host's folder")
	}
}

// TestHideDigdagExprs: Digdag's ${…} expressions are set aside for the
// shell front end; names, unclosed and multi-line ones stay as written.
func TestHideDigdagExprs(t *testing.T) {
	for _, c := range []struct {
		in, want string
		env      map[string]string
	}{
		{"hive --hivevar dt=${session_date} -f a.hql", "hive --hivevar dt=${session_date} -f a.hql", nil},
		{"hive --hivevar d=${moment(session_time).add(-7, 'days').format('YYYY-MM-DD')} -f a.hql",
			"hive --hivevar d=${SPARKPORT_DIGDAG_EXPR_1} -f a.hql",
			map[string]string{"SPARKPORT_DIGDAG_EXPR_1": "${moment(session_time).add(-7, 'days').format('YYYY-MM-DD')}"}},
		{"echo ${a.b} ${x} ${ {'}':1}['}'] }", "echo ${SPARKPORT_DIGDAG_EXPR_1} ${x} ${SPARKPORT_DIGDAG_EXPR_2}",
			map[string]string{"SPARKPORT_DIGDAG_EXPR_1": "${a.b}", "SPARKPORT_DIGDAG_EXPR_2": "${ {'}':1}['}'] }"}},
		{"echo ${unclosed(", "echo ${unclosed(", nil},
		{"echo ${a +\n b}", "echo ${a +\n b}", nil},
	} {
		got, env := HideDigdagExprs(c.in)
		if got != c.want || !reflect.DeepEqual(env, c.env) {
			t.Errorf("HideDigdagExprs(%q) = %q, %v; want %q, %v", c.in, got, env, c.want, c.env)
		}
	}
}

// TestLowerDigdagExpressions: an sh> command with a Digdag date
// expression is lowered into its steps with the expression in place (it
// was dropped when bash syntax refused it), and an sh> that bash cannot
// read stays as a step for a person, with the file saying why.
func TestLowerDigdagExpressions(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h/opt/digdag/p/top.dig": "timezone: Asia/Tokyo\nschedule:\n  daily>: 04:55:00\n+run:\n" +
			"  sh>: hive --hivevar dt=${session_date} --hivevar from_dt=${moment(session_time).add(-7, 'days').format('YYYY-MM-DD')} -f /home/b/top.hql\n" +
			"+broken:\n  sh>: if then fi\n",
		"h/home/b/top.hql": "INSERT OVERWRITE TABLE mart.top SELECT * FROM dwh.o WHERE dt BETWEEN '${hivevar:from_dt}' AND '${hivevar:dt}';\n",
	})
	inv, err := Build(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var job *ir.Job
	for _, j := range inv.Jobs {
		if j.ID == "h:/opt/digdag/p/top.dig" {
			job = j
		}
	}
	if job == nil || len(job.Steps) != 2 {
		t.Fatalf("job = %+v", job)
	}
	run, broken := job.Steps[0], job.Steps[1]
	wantArgs := []string{"hive", "--hivevar", "dt=${session_date}", "--hivevar", "from_dt=${moment(session_time).add(-7, 'days').format('YYYY-MM-DD')}", "-f", "/home/b/top.hql"}
	if run.Kind != ir.StepHiveSQL || !reflect.DeepEqual(run.Args, wantArgs) || len(run.Outputs) != 1 || run.Outputs[0] != "mart.top" {
		t.Errorf("sh> step = %+v", run)
	}
	for _, p := range run.Params {
		if strings.HasPrefix(p.Name, digdagExprPrefix) {
			t.Errorf("the hidden expression is a parameter: %+v", p)
		}
	}
	if broken.Kind != ir.StepUnknown || broken.Args[0] != "sh>" || broken.Args[1] != "if then fi" {
		t.Errorf("broken sh> step = %+v", broken)
	}
	for _, f := range inv.Files {
		if f.Path == "/opt/digdag/p/top.dig" {
			if f.Status != ir.StatusPartial || len(f.Diagnostics) != 1 || f.Diagnostics[0].Line != 7 || !strings.Contains(f.Diagnostics[0].Message, "sh> command does not read") {
				t.Errorf("file = %+v, diagnostic %+v", f, *f.Diagnostics[0])
			}
		}
	}
}
