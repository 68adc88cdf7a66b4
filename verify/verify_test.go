package verify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// sample is the golden migrate output of corpus/estate, which the emit
// tests keep up to date.
const sample = "../emit/testdata/corpus"

func TestSubstitute(t *testing.T) {
	vals := map[string]string{"dt": "2024-02-29", "code": "sakae"}
	for _, c := range []struct {
		in, want string
		unbound  []string
	}{
		{"dt = '${hivevar:dt}'", "dt = '2024-02-29'", nil},
		{"t_${code} ${hiveconf:dt} ${dt}", "t_sakae 2024-02-29 2024-02-29", nil},
		{"x = '${hivevar:ym}'", "x = '${hivevar:ym}'", []string{"${hivevar:ym}"}},
		{"${env:HOME}/x", "${env:HOME}/x", []string{"${env:HOME}"}},
		{"no variables", "no variables", nil},
		{"unclosed ${dt", "unclosed ${dt", nil},
	} {
		got, unbound := Substitute(c.in, vals)
		if got != c.want || !cmp.Equal(unbound, c.unbound) {
			t.Errorf("Substitute(%q) = %q, %v; want %q, %v", c.in, got, unbound, c.want, c.unbound)
		}
	}
}

func TestRemap(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"CREATE TABLE t (a INT) LOCATION 's3://lake/t'", "CREATE TABLE t (a INT) LOCATION 'file:/scr/fs/s3/lake/t'"},
		{"LOAD DATA INPATH 'hdfs://ns1/x/${hivevar:dt}' INTO TABLE t", "LOAD DATA INPATH 'file:/scr/fs/hdfs/ns1/x/${hivevar:dt}' INTO TABLE t"},
		// A path in a comment or an identifier is not a location.
		{"-- from s3://lake/t\nSELECT 's3_x' FROM t", "-- from s3://lake/t\nSELECT 's3_x' FROM t"},
		{"SELECT 'it''s' , 'S3A://B/k'", "SELECT 'it''s' , 'file:/scr/fs/s3a/B/k'"},
		// Local paths only where they are locations: a '/' in an
		// expression is data.
		{"CREATE TABLE t (a INT) LOCATION '/data/t'", "CREATE TABLE t (a INT) LOCATION 'file:/scr/fs/local/data/t'"},
		{"INSERT OVERWRITE DIRECTORY 'pfile:/tmp/out' SELECT concat(a, '/', b) FROM t", "INSERT OVERWRITE DIRECTORY 'file:/scr/fs/local/tmp/out' SELECT concat(a, '/', b) FROM t"},
		{"ALTER TABLE t ADD PARTITION (dt='1') LOCATION 'file:/x/y'", "ALTER TABLE t ADD PARTITION (dt='1') LOCATION 'file:/scr/fs/local/x/y'"},
		{"SELECT '/data/t' FROM t", "SELECT '/data/t' FROM t"},
	} {
		if got := Remap(c.in, "/scr/"); got != c.want {
			t.Errorf("Remap(%q) =\n%q\nwant\n%q", c.in, got, c.want)
		}
	}
}

func TestManualReason(t *testing.T) {
	r, ok := manualReason("-- [SP010, SP122] needs a person: the estate's definition")
	if !ok || r != "[SP010, SP122] the estate's definition" {
		t.Errorf("got %q, %v", r, ok)
	}
	for _, c := range []string{"-- [SP112] the legacy Hive servers ran in Asia/Tokyo", "-- | needs a person: x", "-- needs a person: x"} {
		if _, ok := manualReason(c); ok {
			t.Errorf("%q taken for a manual statement", c)
		}
	}
}

func TestPlanSample(t *testing.T) {
	p, err := LoadPlan(sample, Options{})
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string]bool{}
	var stmts, manual, notSQL int
	for _, st := range p.Steps {
		if st.Error != "" {
			t.Errorf("step %s: %s", st.Name, st.Error)
		}
		if st.Skip != "" {
			notSQL++
			continue
		}
		if _, err := os.Stat(filepath.Join(sample, st.File)); err != nil {
			t.Errorf("step %s runs %s: %v", st.Name, st.File, err)
		}
		for _, s := range st.Stmts {
			stmts++
			if s.Manual != "" {
				manual++
			}
			// Every value the sample's steps use is passed by the step.
			if len(s.Unbound) > 0 {
				t.Errorf("%s:%d (step %s): unbound %v", s.File, s.Line, st.Name, s.Unbound)
			}
		}
		if st.Job == "store_sales" {
			for _, v := range st.Vars {
				if v.Name == "store_code" {
					runs[v.Value] = true
				}
			}
		}
	}
	if want := map[string]bool{"sakae": true, "umeda": true, "namba": true, "tenjin": true}; !cmp.Equal(runs, want) {
		t.Errorf("store_sales runs: %v, want %v", runs, want)
	}
	if stmts < 50 || notSQL == 0 || manual == 0 {
		t.Errorf("%d statements, %d manual, %d steps not SQL: the plan lost steps", stmts, manual, notSQL)
	}
	// Waves run in order.
	for i := 1; i < len(p.Steps); i++ {
		if p.Steps[i].Wave < p.Steps[i-1].Wave {
			t.Fatalf("step %s (wave %d) after wave %d", p.Steps[i].Name, p.Steps[i].Wave, p.Steps[i-1].Wave)
		}
	}
	// The date of "1 day ago" at the default run time is the leap day,
	// on the legacy servers' calendar (Asia/Tokyo).
	found := false
	for _, st := range p.Steps {
		for _, v := range st.Vars {
			if strings.EqualFold(v.Name, "dt") && (v.Value == "2024-02-29" || v.Value == "20240229") {
				found = true
			}
		}
	}
	if !found {
		t.Error("no step passes the run date 2024-02-29 for dt")
	}
}

func TestCatalogSample(t *testing.T) {
	p, err := LoadPlan(sample, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := BuildCatalog(p)
	names := func(cols []Col) []string {
		var out []string
		for _, c := range cols {
			out = append(out, c.Name+" "+c.Type)
		}
		return out
	}
	// Defined in ddl/: the definition's columns and partitions.
	ae := c.Tables["lake.app_events"]
	if ae == nil || !strings.HasPrefix(ae.Origin, "ddl/lake.sql:") {
		t.Fatalf("lake.app_events: %+v", ae)
	}
	if diff := cmp.Diff([]string{"session_id STRING", "step STRING", "ts TIMESTAMP"}, names(ae.Cols)); diff != "" {
		t.Errorf("lake.app_events columns (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"dt STRING"}, names(ae.Parts)); diff != "" {
		t.Errorf("lake.app_events partitions (-want +got):\n%s", diff)
	}
	// Defined nowhere (its estate definition is stale): the writer's
	// select list is its shape, and nothing adds a column or partition.
	ds := c.Tables["dwh.dim_shop"]
	if ds == nil || ds.Origin != "inferred" {
		t.Fatalf("dwh.dim_shop: %+v", ds)
	}
	if diff := cmp.Diff([]string{"shop_id STRING", "shop_name STRING", "store_code STRING", "prefecture STRING", "region STRING"}, names(ds.Cols)); diff != "" {
		t.Errorf("dwh.dim_shop columns (-want +got):\n%s", diff)
	}
	if len(ds.Parts) != 0 {
		t.Errorf("dwh.dim_shop partitions: %v", ds.Parts)
	}
	// The parametric job's values are values of the rows.
	if diff := cmp.Diff([]string{"sakae", "umeda", "namba", "tenjin"}, ds.Values["store_code"]); diff != "" {
		t.Errorf("dwh.dim_shop store_code values (-want +got):\n%s", diff)
	}
	// A column summed is numeric.
	so := c.Tables["lake.shop_orders"]
	if so == nil || so.col("amount") == nil || so.col("amount").Type != "DOUBLE" {
		t.Errorf("lake.shop_orders.amount: %+v", so)
	}
	// Tables the jobs create are neither inferred nor filled.
	for name := range c.Created {
		if t2 := c.Tables[name]; t2 != nil && t2.Origin == "inferred" {
			t.Errorf("%s is created by a job and inferred", name)
		}
	}
}

func TestFillStatement(t *testing.T) {
	tbl := &Table{Name: "db.t", Origin: "inferred", Values: map[string][]string{"dt": {"2024-02-29"}, "code": {"a", "b", "c", "d"}},
		Cols:  []Col{{Name: "id", Type: "BIGINT"}, {Name: "code", Type: "STRING"}, {Name: "amt", Type: "DECIMAL(10,2)"}, {Name: "ok", Type: "BOOLEAN"}},
		Parts: []Col{{Name: "dt", Type: "STRING"}}}
	got := FillStatement(tbl, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	var rows []string
	for i := 0; i < 8; i++ {
		rows = append(rows, fmt.Sprintf(" (CAST(%d AS BIGINT), CAST('%c' AS STRING), CAST(%d AS DECIMAL(10,2)), %v, CAST('2024-02-29' AS STRING))", i+1, "abcd"[i%4], i, i%2 == 0))
	}
	want := "INSERT INTO `db`.`t` VALUES" + strings.Join(rows, ",")
	if got != want {
		t.Errorf("FillStatement:\n%s\nwant\n%s", got, want)
	}
	if s := CreateInferred(tbl); s != "CREATE TABLE IF NOT EXISTS `db`.`t` (`id` BIGINT, `code` STRING, `amt` DECIMAL(10,2), `ok` BOOLEAN) PARTITIONED BY (`dt` STRING) STORED AS PARQUET" {
		t.Errorf("CreateInferred: %s", s)
	}
	if FillStatement(&Table{Name: "db.v", View: true}, time.Time{}) != "" {
		t.Error("a view is filled")
	}
}

// fakeEngine records statements and fails those containing a marker.
type fakeEngine struct {
	ran  []string
	fail map[string]string // substring → error class
}

func (f *fakeEngine) Exec(_ context.Context, stmt string, _ bool) (int, error) {
	f.ran = append(f.ran, stmt)
	for sub, class := range f.fail {
		if strings.Contains(stmt, sub) {
			return 0, &Error{Class: class, Message: "fake failure"}
		}
	}
	return 1, nil
}

func (f *fakeEngine) Close() error { return nil }

func TestRunnerFake(t *testing.T) {
	p, err := LoadPlan(sample, Options{})
	if err != nil {
		t.Fatal(err)
	}
	eng := &fakeEngine{fail: map[string]string{"INSERT OVERWRITE TABLE mart.kpi_daily": "TEST_CLASS"}}
	r := &Runner{Engines: []Engine{eng}, Scratch: "/scr"}
	rep, err := r.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var failures []string
	for _, res := range rep.Results {
		if res.Status == StatusFailed {
			failures = append(failures, res.String())
		}
	}
	if len(failures) == 0 || !strings.HasPrefix(failures[0], "sql/shop_kpi") || !strings.Contains(failures[0], ": error: [TEST_CLASS] fake failure") {
		t.Errorf("failures: %v", failures)
	}
	s := rep.Summary
	if s.Failed != len(failures) || s.Manual == 0 || s.Ran == 0 || s.Skipped == 0 {
		t.Errorf("summary %+v, %d failures printed", s, len(failures))
	}
	// Nothing on S3 reaches the engine, every step starts afresh, and the
	// step's values are set before its file.
	sets, resets := 0, 0
	for _, q := range eng.ran {
		if strings.Contains(q, "'s3://") || strings.Contains(q, "'hdfs://") {
			t.Errorf("not remapped: %s", q)
		}
		if strings.HasPrefix(q, "SET store_code=") {
			sets++
		}
		if q == "RESET" {
			resets++
		}
	}
	if sets != 4 || resets < 4 {
		t.Errorf("%d SET store_code, %d RESET", sets, resets)
	}
	var b strings.Builder
	rep.WriteText(&b)
	if !strings.Contains(b.String(), fmt.Sprintf("%d statements ran, %d failed", s.Ran, s.Failed)) {
		t.Errorf("closing line missing:\n%s", b.String())
	}
}

// TestSampleOnSpark runs the sample's output on the Spark that
// scripts/setup-spark installs: every statement must run.
func TestSampleOnSpark(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no Spark")
	}
	home, err := SparkHome()
	if err != nil {
		t.Skipf("skipped: %v", err)
	}
	p, err := LoadPlan(sample, Options{})
	if err != nil {
		t.Fatal(err)
	}
	scratch := t.TempDir()
	ctx := context.Background()
	srv, err := StartLocal(ctx, home, scratch, "1g")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	var engines []Engine
	for range 2 {
		eng, err := Connect(ctx, srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		engines = append(engines, eng)
	}
	rep, err := (&Runner{Engines: engines, Scratch: scratch}).Run(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Status == StatusFailed {
			t.Errorf("%s", r.String())
		}
	}
	if rep.Summary.Ran < 50 {
		t.Errorf("only %d statements ran", rep.Summary.Ran)
	}
	t.Logf("%+v", rep.Summary)
}

func TestWaveUnits(t *testing.T) {
	stmt := func(text string) *Stmt { return &Stmt{Text: text, Sub: text, Tree: parseOne(text)} }
	steps := []*Step{
		{Wave: 1, Job: "a", Stmts: []*Stmt{stmt("INSERT OVERWRITE TABLE d.x SELECT * FROM d.src")}},
		{Wave: 1, Job: "b", Stmts: []*Stmt{stmt("INSERT OVERWRITE TABLE d.x SELECT * FROM d.src2")}}, // writes x too
		{Wave: 1, Job: "c", Stmts: []*Stmt{stmt("INSERT OVERWRITE TABLE d.y SELECT * FROM d.src")}},
		{Wave: 1, Job: "a", Stmts: []*Stmt{stmt("SELECT 1")}},
		{Wave: 1, Job: "d", Stmts: []*Stmt{stmt("SELECT * FROM d.y")}}, // reads what c writes
		{Wave: 2, Job: "e", Stmts: []*Stmt{stmt("SELECT * FROM d.x")}},
	}
	got := jobsByWave(steps)
	want := [][][]int{{{0, 1, 3}, {2, 4}}, {{5}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
}

func TestSparkErrorClass(t *testing.T) {
	for _, c := range []struct{ in, class, msg string }{
		{"failed to execute sql: SELECT x: execution error: [Internal] [UNRESOLVED_ROUTINE] Cannot resolve function `x`.; line 1 pos 7", "UNRESOLVED_ROUTINE", "Cannot resolve function `x`.; line 1 pos 7"},
		{"failed to execute sql: CREATE: execution error: [Internal] \n[PARSE_SYNTAX_ERROR] Syntax error at or near '('.(line 1, pos 61)\n\n== SQL ==", "PARSE_SYNTAX_ERROR", "Syntax error at or near '('.(line 1, pos 61)"},
		{"failed to execute sql: I: execution error: [Internal] [INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS] Cannot write", "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS", "Cannot write"},
		{"failed to execute sql: C: execution error: [Internal] Dynamic partition strict mode requires at least one static partition column.", "UNCLASSIFIED", "Dynamic partition strict mode requires at least one static partition column."},
	} {
		err := sparkError(fmt.Errorf("%s", c.in))
		e, ok := err.(*Error)
		if !ok || e.Class != c.class || e.Message != c.msg {
			t.Errorf("sparkError(%q) = %#v; want class %q, message %q", c.in, err, c.class, c.msg)
		}
	}
}

// TestManualDependents: a statement using a table whose CREATE migrate
// left to a person cannot run either, and is skipped with the reason.
func TestManualDependents(t *testing.T) {
	src := "-- [SP034] needs a person: transactional (ACID) table\n" +
		"-- | create table stats_part(key int) partitioned by (p int)\n" +
		"-- |   tblproperties ('transactional'='true')\n" +
		"INSERT INTO TABLE stats_part PARTITION (p = 101) VALUES (1);\n" +
		"SELECT count(*) FROM default.stats_part;\n" +
		"SELECT 1;\n"
	st := &Step{File: "x.sql", Stmts: splitStatements("x.sql", []byte(src))}
	bindStep(st)
	var got []string
	for _, s := range st.Stmts {
		got = append(got, fmt.Sprintf("%d manual=%v skip=%q", s.Line, s.Manual != "", s.Skip))
	}
	want := []string{
		`1 manual=true skip=""`,
		`4 manual=false skip="uses stats_part, whose CREATE is left to a person (line 1)"`,
		`5 manual=false skip="uses default.stats_part, whose CREATE is left to a person (line 1)"`,
		`6 manual=false skip=""`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
