package digdagcheck

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sparkport/sparkport/emit"
	"github.com/sparkport/sparkport/internal/realworld"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/digdag"
	"github.com/sparkport/sparkport/translate"
)

func TestHiveVars(t *testing.T) {
	got := hiveVars([]string{"hive", "--hivevar", "dt=2024", "-hiveconf", "x=1", "-d", "a=b", "--define=c=d", "-f", "q.hql", "--hivevar", "novalue"})
	want := map[string]string{"dt": "2024", "x": "1", "a": "b", "c": "d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSubstitute(t *testing.T) {
	vals := map[string]string{"DT": "20240229", "YM": "202402"}
	if s, ok := substitute("dt=${DT}/$YM", vals); !ok || s != "dt=20240229/202402" {
		t.Errorf("got %q %v", s, ok)
	}
	if _, ok := substitute("x=${HOST}", vals); ok {
		t.Error("an unknown variable substituted")
	}
}

func TestDiffTimes(t *testing.T) {
	a, b := diffTimes([]int64{1, 2, 4, 6}, []int64{2, 3, 4, 7})
	if !reflect.DeepEqual(a, []int64{1, 6}) || !reflect.DeepEqual(b, []int64{3, 7}) {
		t.Errorf("got %v %v", a, b)
	}
}

func TestNearChanges(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	near := time.Date(2024, 3, 10, 3, 30, 0, 0, ny).Unix()
	far := time.Date(2024, 3, 12, 3, 30, 0, 0, ny).Unix()
	if !nearChanges([]int64{near}, ny) || nearChanges([]int64{near, far}, ny) || nearChanges(nil, ny) {
		t.Error("nearChanges is wrong")
	}
}

func TestOperatorProblems(t *testing.T) {
	ok := map[string]any{"emr>": nil, "cluster": "j-1", "staging": "s3://b/s/", "action_on_failure": "CONTINUE",
		"steps": []any{map[string]any{"type": "command", "name": "n", "command": "spark-sql", "args": []any{"-f", "x"}}}}
	if p := operatorProblems(ok); len(p) != 0 {
		t.Errorf("problems in a good task: %v", p)
	}
	bad := map[string]any{"emr>": nil, "cluster": "j-1", "stagin": "x",
		"steps": []any{map[string]any{"type": "command", "cmd": "x"}, map[string]any{"type": "pig"}}}
	got := strings.Join(operatorProblems(bad), "\n")
	for _, want := range []string{"has no staging", `does not read "stagin"`, `(command) does not read "cmd"`, "(command) has no command", `unsupported step type "pig"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestUnevaluated(t *testing.T) {
	cfg := map[string]any{"steps": []any{map[string]any{"args": []any{"a", "dt=${session_date}"}}}, "password": "${secret:pw}"}
	if got := unevaluated(cfg); got != "${session_date}" {
		t.Errorf("got %q", got)
	}
	if got := unevaluated(map[string]any{"x": "${secret:a.b}", "_do": map[string]any{"y": "${z}"}}); got != "" {
		t.Errorf("got %q", got)
	}
}

func TestTaskLine(t *testing.T) {
	d := parseDoc([]byte("timezone: UTC\nschedule:\n  daily>: 01:00:00\n+a:\n  +b:\n    echo>: x\n  _error:\n    +m:\n      mail>: x\n+c:\n  call>: sub\n"))
	for full, want := range map[string]int{"+wf+a+b": 5, "+wf+a": 4, "+wf+a^error+m": 8, "+wf+nope": 1, "+wf+c": 10} {
		if got := d.taskLine("wf", full); got != want {
			t.Errorf("%s: line %d, want %d", full, got, want)
		}
	}
	if d.scheduleLine != 2 || !d.scheduled || d.timezone != "UTC" {
		t.Errorf("doc %+v", d)
	}
	if got := d.calls("wf"); len(got) != 1 || got[0] != (callRef{"+wf+c", "sub.dig"}) {
		t.Errorf("calls %v", got)
	}
}

// TestDateRunner runs legacy date words under faketime: GNU date's month
// arithmetic (March 31 minus a month is March 2) is what the legacy job
// computed, and what the emitted expression must match.
func TestDateRunner(t *testing.T) {
	d, why := newDateRunner()
	if d == nil {
		t.Skipf("skipped: %s", why)
	}
	defer d.close()
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	params := []*ir.Param{
		{Name: "DT", Kind: "date", Base: "run_date", Source: "${1:-$(date -d '1 day ago' +%Y%m%d)}"},
		{Name: "YM", Kind: "date", Base: "DT", Source: `$(date -d "$DT" +%Y%m)`},
		{Name: "M1", Kind: "date", Base: "run_date", Source: "$(date -d '1 month ago' +%Y%m%d)"},
		{Name: "X", Kind: "date", Base: "run_date", Source: "$(cat /etc/passwd)"},
	}
	got, err := d.values(context.Background(), params, time.Date(2024, 3, 31, 2, 30, 0, 0, tokyo), "Asia/Tokyo")
	if err == nil || !strings.Contains(err.Error(), "cat: command not found") {
		t.Fatalf("a word running cat: %v, %v", got, err)
	}
	got, err = d.values(context.Background(), params[:3], time.Date(2024, 3, 31, 2, 30, 0, 0, tokyo), "Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"DT": "20240330", "YM": "202403", "M1": "20240302"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// buildSample migrates corpus/estate into a temporary folder.
func buildSample(t *testing.T) string {
	t.Helper()
	return migrate(t, "../corpus/estate", "../corpus/sparkport.yaml")
}

// migrate migrates estate with the config file cfgFile into a temporary
// folder, as sparkport migrate does.
func migrate(t *testing.T, estate, cfgFile string) string {
	t.Helper()
	src, err := os.ReadFile(cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := translate.LoadConfig(filepath.Base(cfgFile), src)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.Build(estate, inventory.Options{Consumed: cfg.Consumed})
	if err != nil {
		t.Fatal(err)
	}
	out, err := emit.Build(inv, emit.Options{Config: cfg, Estate: estate})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for p, data := range out.Files {
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRealTeamsOnDigdag checks the workflows migrated from the two real
// teams' shell jobs (laid out as emit's TestRealTeams does): every value a
// step passes equals what the team's own date words computed. It found
// GNU date's month arithmetic (March 31 minus a month is March 2).
func TestRealTeamsOnDigdag(t *testing.T) {
	home := harnessHome(t)
	src := realworld.Require(t, "shell")
	estate := filepath.Join(t.TempDir(), "estate")
	for host, from := range map[string]string{
		"vvic/opt/etl": filepath.Join(src, "yuanshengping-ysp-vvic-test"),
		"ldw/opt":      filepath.Join(src, "makotobot98-ldatawarehouse"),
	} {
		if err := os.CopyFS(filepath.Join(estate, host), os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
	dir := migrate(t, estate, "../emit/testdata/realteams.yaml")
	rep, err := Run(context.Background(), dir, Options{Home: home, Estate: estate})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range rep.Workflows {
		for _, p := range w.Problems {
			if p.Severity == "error" {
				t.Errorf("%s:%d: %s", p.File, p.Line, p.Message)
			}
		}
	}
	if s := rep.Summary; s.ValuesCompared < 100 || s.ValuesEqual != s.ValuesCompared {
		t.Errorf("summary %+v", s)
	}
	t.Logf("%+v", rep.Summary)
}

func harnessHome(t *testing.T) string {
	if testing.Short() {
		t.Skip("-short: no Digdag")
	}
	home, err := Home()
	if err != nil {
		t.Skipf("skipped: %v", err)
	}
	if _, err := exec.LookPath("java"); err != nil && os.Getenv("JAVA_HOME") == "" {
		t.Skip("skipped: no java")
	}
	return home
}

// TestSampleOnDigdag checks the sample estate's workflows on Digdag's own
// code: all load and evaluate, their values equal the legacy jobs', their
// fire times equal the legacy schedules' except where a daylight saving
// clock changes.
func TestSampleOnDigdag(t *testing.T) {
	home := harnessHome(t)
	dir := buildSample(t)
	rep, err := Run(context.Background(), dir, Options{Home: home, Estate: "../corpus/estate"})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range rep.Workflows {
		for _, p := range w.Problems {
			if p.Severity == "error" {
				t.Errorf("%s:%d: %s", p.File, p.Line, p.Message)
			}
		}
	}
	s := rep.Summary
	if s.Workflows < 30 || s.ValuesCompared < 100 || s.ValuesEqual != s.ValuesCompared || s.SchedulesCompared < 30 ||
		s.SchedulesEqual+s.SchedulesDST != s.SchedulesCompared {
		t.Errorf("summary %+v", s)
	}
	if s.SchedulesDST == 0 {
		t.Error("no schedule differs where New York's clock changes: the cron model or the harness lost daylight saving time")
	}
	t.Logf("%+v", s)
}

// TestBrokenWorkflows breaks emitted workflows the ways Digdag refuses or
// miscomputes, and expects each at its line.
func TestBrokenWorkflows(t *testing.T) {
	home := harnessHome(t)
	dir := buildSample(t)
	edit := func(file, old, new string) {
		p := filepath.Join(dir, "digdag", file)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if !strings.Contains(s, old) {
			t.Fatalf("%s has no %q", file, old)
		}
		os.WriteFile(p, []byte(strings.Replace(s, old, new, 1)), 0o644)
	}
	// an _export'ed template used inside the steps (before the fix in emit)
	edit("shop_daily.dig", "dt=${session_date}", "dt=${dt}")
	// emr> without staging
	edit("top_items.dig", "  staging: s3://example-artifacts/sparkport/digdag-staging/\n", "")
	// a call> to a file that is not in the project
	edit("shop_daily.dig", "call>: shop_kpi.dig", "call>: kpi_gone.dig")
	// a date expression that computes another day than the legacy job
	edit("daily_sales.dig", "DT=${moment(session_time).add(-1, 'days').format('YYYYMMDD')}", "DT=${moment(session_time).format('YYYYMMDD')}")
	// a schedule Digdag refuses
	edit("pv_daily.dig", "cron>: 50 1 * * *", "cron>: 50 1 * * * *")
	rep, err := Run(context.Background(), dir, Options{Home: home, Estate: "../corpus/estate"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range rep.Workflows {
		for _, p := range w.Problems {
			if p.Severity == "error" {
				got = append(got, p.File+":"+p.Kind+": "+p.Message)
			}
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`digdag/shop_daily.dig:eval: +shop_daily+dim_shop at session 2024-01-01T00:00:00+09:00: Digdag leaves "${session_date}"`,
		"digdag/top_items.dig:operator: +top_items+s01_hive_sql: emr> has no staging",
		"digdag/shop_daily.dig:call: call>: kpi_gone.dig is not in the project",
		"digdag/daily_sales.dig:value: +daily_sales+s01_sqoop_import passes DT=20240101 at session 2024-01-01T02:30:00+09:00 (its own zone Asia/Tokyo); the legacy script's date command under faketime gives 20231231",
		"digdag/pv_daily.dig:schedule: Digdag refuses the schedule",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q", want)
		}
	}
	if rep.Summary.Failed != 4 {
		t.Errorf("%d workflows failed, want 4:\n%s", rep.Summary.Failed, all)
	}
}

// TestReusedEngine: the harness's reused JavaScript engine gives what
// Digdag's fresh engine per task gives.
func TestReusedEngine(t *testing.T) {
	home := harnessHome(t)
	dir := buildSample(t)
	req := &harnessRequest{Params: map[string]string{"emr_cluster_id": "j-1"}, ScheduleFrom: "2024-01-01T00:00:00Z", ScheduleUntil: "2024-01-03T00:00:00Z", ScheduleLimit: 100}
	for _, f := range []string{"shop_daily.dig", "region_weekly.1.dig", "hourly_access.1.dig"} {
		req.Workflows = append(req.Workflows, harnessWorkflow{Project: filepath.Join(dir, "digdag"), File: f, Sessions: []string{"2024-02-29T00:00:00Z", "2024-12-31T00:00:00Z"}})
	}
	reused, err := runHarness(context.Background(), home, req, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SPARKPORT_DIGDAG_FRESH_ENGINE", "1")
	fresh, err := runHarness(context.Background(), home, req, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(reused, fresh) {
		t.Error("the reused engine evaluates otherwise than fresh ones")
	}
}

// TestRealworldAgreement loads Digdag's own example and test workflows
// with Digdag's code and with sparkport's reader (parser/digdag): a
// workflow Digdag refuses must get an error from sparkport's reader too,
// or sparkport would plan a migration of a workflow that never ran.
func TestRealworldAgreement(t *testing.T) {
	home := harnessHome(t)
	root := realworld.Require(t, "digdag")
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".dig") {
			files = append(files, p)
		}
		return nil
	})
	req := &harnessRequest{ScheduleFrom: "2024-01-01T00:00:00Z", ScheduleUntil: "2024-01-02T00:00:00Z", ScheduleLimit: 1}
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		req.Workflows = append(req.Workflows, harnessWorkflow{Project: filepath.Dir(abs), File: filepath.Base(abs)})
	}
	resp, err := runHarness(context.Background(), home, req, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	refused, missed := 0, 0
	for i, f := range files {
		r := resp.Workflows[i]
		msg := r.Error
		if msg == "" && r.Schedule != nil {
			msg = r.Schedule.Error
		}
		if msg == "" {
			continue
		}
		refused++
		src, _ := os.ReadFile(f)
		ours := digdagParse(f, src)
		if len(ours) == 0 {
			missed++
			// digdag-core 0.9.42 reads _parallel as a boolean only;
			// Digdag 0.10, which these tests are for, takes {limit: N}.
			if !strings.Contains(msg, "for key '_parallel' but got") {
				t.Errorf("%s: Digdag refuses it (%s); sparkport's reader accepts it", f, oneLine(msg))
			}
		}
	}
	t.Logf("%d workflows, %d refused by Digdag, %d of them accepted by sparkport's reader", len(files), refused, missed)
}

// digdagParse returns the errors sparkport's reader finds in a workflow.
func digdagParse(name string, src []byte) []string {
	var out []string
	for _, d := range digdag.Parse(name, src).Diags {
		if d.Severity == "error" {
			out = append(out, d.Msg)
		}
	}
	return out
}
