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
