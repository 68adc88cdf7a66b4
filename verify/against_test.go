package verify

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sparkport/sparkport/emit"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/translate"
)

func cells(vs ...string) []*string {
	out := make([]*string, len(vs))
	for i, v := range vs {
		if v != "NULL" {
			v := v
			out[i] = &v
		}
	}
	return out
}

func TestCompareRows(t *testing.T) {
	for _, tc := range []struct {
		name        string
		hive, spark [][]*string
		same        bool
	}{
		{"same, other order", [][]*string{cells("1", "a"), cells("2", "b")}, [][]*string{cells("2", "b"), cells("1", "a")}, true},
		{"duplicates count", [][]*string{cells("1"), cells("1")}, [][]*string{cells("1")}, false},
		{"decimal scale", [][]*string{cells("2.00")}, [][]*string{cells("2")}, true},
		{"decimals exactly", [][]*string{cells("0.10")}, [][]*string{cells("0.11")}, false},
		{"float within 1e-9", [][]*string{cells("0.30000000000000004")}, [][]*string{cells("0.3")}, true},
		{"float exponent", [][]*string{cells("1.0E15")}, [][]*string{cells("1000000000000000.0")}, true},
		{"float beyond tolerance", [][]*string{cells("1.5")}, [][]*string{cells("1.50001")}, false},
		{"NULL is not empty", [][]*string{cells("NULL")}, [][]*string{cells("")}, false},
		{"NULL equals NULL", [][]*string{cells("NULL", "x")}, [][]*string{cells("NULL", "x")}, true},
		{"nested values, spaces", [][]*string{cells(`{"k":[1,2]}`)}, [][]*string{cells(`{"k": [1, 2]}`)}, true},
		{"map number keys", [][]*string{cells(`{1:"b"}`)}, [][]*string{cells(`{"1":"b"}`)}, true},
		// Found by the function sweep: map(1.0, '2', 3.0, '4').
		{"map decimal keys", [][]*string{cells(`{1:"2",-2.5:"4"}`)}, [][]*string{cells(`{"1.0":"2", "-2.5":"4"}`)}, true},
		{"nested decimals by value", [][]*string{cells(`[1,2.5,12345678901234567890.1,-0.50,0]`)}, [][]*string{cells(`[1.000, 2.50, 12345678901234567890.10, -.5, -0.0]`)}, true},
		{"nested decimals exactly", [][]*string{cells(`[1234567890123]`)}, [][]*string{cells(`[1234567890124]`)}, false},
		{"nested exponents by value", [][]*string{cells(`[1.0E15,2.5E-3]`)}, [][]*string{cells(`[1000000000000000, 2.5E-3]`)}, true},
		{"nested decimals differ", [][]*string{cells(`[1.5]`)}, [][]*string{cells(`[1.50001]`)}, false},
		{"numbers inside strings stay text", [][]*string{cells(`["1.0"]`)}, [][]*string{cells(`["1"]`)}, false},
		{"a quoted text key stays text", [][]*string{cells(`{"a b":1}`)}, [][]*string{cells(`{"a b": 1.0}`)}, true},
		{"text exactly", [][]*string{cells("a ")}, [][]*string{cells("a")}, false},
		{"both empty", nil, nil, true},
		{"one empty", [][]*string{cells("1")}, nil, false},
	} {
		d := compareRows(tc.hive, tc.spark)
		if (d == nil) != tc.same {
			t.Errorf("%s: same = %v, want %v (%+v)", tc.name, d == nil, tc.same, d)
		}
	}
}

func TestRowKeysAndNondeterminism(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		keys string
		why  string
	}{
		{"INSERT OVERWRITE TABLE t PARTITION (dt='1') SELECT a FROM s", "db.t", ""},
		{"FROM s INSERT OVERWRITE TABLE a SELECT x INSERT INTO TABLE x.b SELECT y", "db.a,x.b", ""},
		{"CREATE TABLE c AS SELECT 1", "db.c", ""},
		{"SELECT a FROM s", "", ""},
		{"SELECT a FROM s LIMIT 3", "", "LIMIT without ORDER BY"},
		{"SELECT a FROM s ORDER BY a LIMIT 3", "", ""},
		// Found on Hive's insert_into3.q: a multi-insert body's own LIMIT.
		{"FROM s INSERT OVERWRITE TABLE a SELECT * LIMIT 10 INSERT INTO TABLE b SELECT * LIMIT 10", "db.a,db.b", "LIMIT without ORDER BY"},
		{"FROM s INSERT INTO TABLE a SELECT * ORDER BY k LIMIT 50", "db.a", ""},
		{"INSERT INTO t SELECT rand() FROM s", "db.t", "rand"},
		{"INSERT INTO t SELECT unix_timestamp() FROM s", "db.t", "unix_timestamp()"},
		{"INSERT INTO t SELECT unix_timestamp(dt, 'yyyyMMdd') FROM s", "db.t", ""},
		{"INSERT OVERWRITE DIRECTORY '/x' SELECT 1", "-", ""},
		{"CREATE TABLE d (a INT)", "-", ""},
		{"SET a=b", "-", ""},
	} {
		tree := parseHive(tc.sql)
		if tree == nil {
			t.Fatalf("%s: does not parse", tc.sql)
		}
		keys := rowKeys(tree, "db")
		got := strings.Join(keys, ",")
		if keys == nil {
			got = "-"
		}
		if got != tc.keys {
			t.Errorf("%s: keys %q, want %q", tc.sql, got, tc.keys)
		}
		why := nondeterministic(tree)
		if (tc.why == "") != (why == "") || !strings.Contains(why, tc.why) {
			t.Errorf("%s: nondeterministic %q, want %q", tc.sql, why, tc.why)
		}
	}
}

func TestCastList(t *testing.T) {
	desc := [][]*string{cells("a", "int", "NULL"), cells("m", "map<string,int>", "NULL"), cells("dt", "string", "NULL"),
		cells("# Partition Information", "", ""), cells("# col_name", "data_type", "comment"), cells("dt", "string", "NULL")}
	got := castList(desc)
	want := "CAST(`a` AS STRING), to_json(`m`, map('ignoreNullFields', 'false')), CAST(`dt` AS STRING)"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestEdgeFillStatement(t *testing.T) {
	tb := &Table{Name: "db.t", Cols: []Col{{Name: "id", Type: "INT"}, {Name: "amount", Type: "DECIMAL(5,2)"}, {Name: "s", Type: "STRING"}, {Name: "ts", Type: "TIMESTAMP"}},
		Parts: []Col{{Name: "dt", Type: "STRING"}}, Values: map[string][]string{"dt": {"20240229"}}}
	got := EdgeFillStatement(tb)
	for _, want := range []string{
		"CAST(NULL AS INT)", "CAST(-7 AS INT)", "CAST(2147483647 AS INT)", // NULL, negative, limit
		"CAST(999.99 AS DECIMAL(5,2))", "CAST(-1.5 AS DECIMAL(5,2))", // near precision
		"CAST('' AS STRING)", "CAST(' 12 ' AS STRING)", "'日本語 é'",
		"'2024-03-10 02:30:00'",        // a DST gap
		"CAST('20240229' AS STRING)"} { // the selected partition, in every row
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "CAST('20240229' AS STRING)"); n != edgeRows {
		t.Errorf("partition value in %d rows, want %d", n, edgeRows)
	}
	// Both engines must read it the same: it must parse as Hive and as Spark.
	for _, d := range []hiveql.Dialect{hiveql.Hive, hiveql.Spark} {
		if _, errs := hiveql.Parse([]byte(got), d); len(errs) > 0 {
			t.Errorf("%v: %v", d, errs[0])
		}
	}
}

func TestMemberLegacy(t *testing.T) {
	m := &emit.Manifest{Canonical: []*emit.CanonicalEntry{{
		Name:  "region",
		Steps: []*emit.StepEntry{{Index: 1, Kind: "hive-sql", Legacy: "h1:/sql/kanto.hql:1", Files: []string{"sql/region/01.sql"}}},
		Runs:  []*emit.RunEntry{{Name: "kanto", Members: []string{"h1:/etc/crontab:1"}}, {Name: "kansai", Members: []string{"h2:/etc/crontab:2"}}},
	}}}
	members := map[string][][2]string{
		"h1:/etc/crontab:1": {{"hive-sql", "h1:/sql/kanto.hql:1"}},
		"h2:/etc/crontab:2": {{"hive-sql", "h2:/sql/kansai.hql:1"}},
	}
	for name, want := range map[string]string{
		"region [kansai] 01 spark-sql 01.sql":  "h2:/sql/kansai.hql:1",
		"region [kanto] 01 spark-sql 01.sql":   "h1:/sql/kanto.hql:1",
		"region [nowhere] 01 spark-sql 01.sql": "fallback",
		"region [kansai] 02 spark-sql 02.sql":  "fallback",
	} {
		st := &Step{Job: "region", Name: name}
		if got := memberLegacy(m, members, st, "fallback"); got != want {
			t.Errorf("%s: got %s, want %s", name, got, want)
		}
	}
}

// TestAgainstHive runs the sample's output on Hive and Spark, and a job
// whose migrated SQL was left as the legacy text where the two engines are
// known to compute different things: the comparison must see it.
func TestAgainstHive(t *testing.T) {
	ctx := context.Background()
	spark, hive, _ := startBoth(t, ctx)

	t.Run("sample", func(t *testing.T) {
		// A whole migrate output: the golden one lacks report/inventory.json,
		// where the parametric clones' own legacy files are listed.
		out := filepath.Join(t.TempDir(), "out")
		cmd := exec.Command("go", "run", "../cmd/sparkport", "migrate", "../corpus/estate", "-o", out, "--config", "../corpus/sparkport.yaml")
		if b, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 1 {
			t.Fatalf("migrate: %v\n%s", err, b)
		}
		p, err := LoadPlan(out, Options{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := CompareWithHive(ctx, p, spark, hive, AgainstOptions{Estate: "../corpus/estate"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range rep.Comparisons {
			if c.Verdict == Differs && len(c.Rules) == 0 {
				t.Errorf("%s:%d: %s differs and no rule flags it: %s", c.File, c.Line, c.Result, c.Reason)
			}
		}
		if rep.Summary.Same < 27 {
			t.Errorf("only %d statements the same", rep.Summary.Same)
		}
		// SQL inside a script (hive -e "…", spark-sql -e) is compared too,
		// at its line in the script.
		inline := 0
		for _, c := range rep.Comparisons {
			if strings.HasSuffix(c.Legacy, ".sh:6") || strings.HasSuffix(c.Legacy, ".sh:7") {
				inline++
				if c.Verdict != Same {
					t.Errorf("%s (inline at %s): %s %s", c.File, c.Legacy, c.Verdict, c.Reason)
				}
			}
		}
		if inline < 2 {
			t.Errorf("%d statements inline in scripts compared, want the sample's 2 (user_segments, ml_features)", inline)
		}
		t.Log(rep.Line())
	})

	t.Run("functions", func(t *testing.T) { functionsOnBoth(t, ctx, spark, hive) })

	t.Run("a difference is seen", func(t *testing.T) {
		dir, estate := t.TempDir(), t.TempDir()
		legacy := "INSERT OVERWRITE TABLE cmp.result_t SELECT id, hash(s), substr(s, -5) FROM cmp.src;\n"
		os.MkdirAll(filepath.Join(estate, "h1", "sql"), 0o755)
		os.WriteFile(filepath.Join(estate, "h1", "sql", "j.hql"), []byte(legacy), 0o644)
		os.MkdirAll(filepath.Join(dir, "sql", "j"), 0o755)
		migrated := "-- [SP999] a made-up flag\n" + legacy
		os.WriteFile(filepath.Join(dir, "sql", "j", "01.sql"), []byte(migrated), 0o644)
		st := &Step{Job: "j", Name: "j 01 spark-sql 01.sql", File: "sql/j/01.sql", Stmts: splitStatements("sql/j/01.sql", []byte(migrated))}
		bindStep(st)
		p := &Plan{Dir: dir, At: DefaultAt, Steps: []*Step{st}, Manifest: &emit.Manifest{Canonical: []*emit.CanonicalEntry{{
			Name: "j", Steps: []*emit.StepEntry{{Index: 1, Kind: "hive-sql", Legacy: "h1:/sql/j.hql:1", Files: []string{"sql/j/01.sql"}}},
			Runs: []*emit.RunEntry{{Members: []string{"h1:/etc/crontab:1"}}},
		}}}}
		rep, err := CompareWithHive(ctx, p, spark, hive, AgainstOptions{Estate: estate})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Comparisons) != 1 || rep.Comparisons[0].Verdict != Differs {
			for _, c := range rep.Comparisons {
				t.Logf("%+v", c)
			}
			t.Fatalf("want one difference: %s", rep.Line())
		}
		c := rep.Comparisons[0]
		if c.Legacy != "h1:/sql/j.hql:1" || c.Result != "cmp.result_t" || strings.Join(c.Rules, ",") != "SP999" || c.Hive == nil || c.Spark == nil {
			t.Errorf("got %+v", c)
		}
		var b strings.Builder
		rep.WriteText(&b, true)
		if !strings.Contains(b.String(), "sql/j/01.sql:2: differs: cmp.result_t") || !strings.Contains(b.String(), "1 differ (1 flagged)") {
			t.Errorf("report:\n%s", b.String())
		}
	})
}

// functionsOnBoth runs translate/funcparity/engine_cases.tsv on both
// engines: each call's outcome must be the one the file records.
func functionsOnBoth(t *testing.T, ctx context.Context, spark, hive RowEngine) {
	b, err := os.ReadFile("../translate/funcparity/engine_cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	const t4 = "(SELECT 1 AS x UNION ALL SELECT 2 AS x UNION ALL SELECT 3 AS x UNION ALL SELECT 4 AS x) t"
	c := &comparer{ctx: ctx, opt: AgainstOptions{Timeout: 2 * time.Minute, MaxRows: 100}, spark: spark, hive: hive, hiveZone: "UTC"}
	c.exec(spark, "RESET")
	c.exec(hive, "RESET")
	c.resetZones()
	counts := map[string]int{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			t.Errorf("bad line %q", line)
			continue
		}
		name, want, sql := f[0], f[1], strings.ReplaceAll(f[2], "T4", t4)
		sparkSQL, same := sql, "same"
		if want == "translated" {
			// A rewrite's proof: Spark runs what translate wrote.
			sparkSQL, same = translatedQuery(t, sql), "translated"
		}
		h, herr := c.rows(hive, sql)
		s, serr := c.queryRows(spark, sparkSQL, true)
		got := same
		switch {
		case herr != nil && serr != nil:
			got = "fails-both"
		case herr != nil || serr != nil || compareRows(h, s) != nil:
			got = "different"
		}
		counts[got]++
		if got != want {
			t.Errorf("%s: %s, want %s\n\t%s\n\tHive: %s %v\n\tSpark: %s %v", name, got, want, sql, showRows(h), herr, showRows(s), serr)
		}
	}
	t.Logf("functions run on both engines: %v", counts)
}

// translatedQuery is translate's Spark SQL for one Hive query, without
// the settings and comments it adds.
func translatedQuery(t *testing.T, hive string) string {
	r := translate.Translate("case.hql", []byte(hive+";\n"), translate.DefaultConfig(), translate.Options{})
	var keep []string
	for _, line := range strings.Split(r.SQL, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "--") || strings.HasPrefix(strings.ToUpper(trimmed), "SET ") {
			continue
		}
		keep = append(keep, line)
	}
	out := strings.TrimSuffix(strings.TrimSpace(strings.Join(keep, "\n")), ";")
	if out == "" {
		t.Errorf("translate wrote nothing for %s", hive)
	}
	return out
}

// TestInlineSQL: a step whose legacy SQL sits inside a shell script gets
// the inventory's text for it, by the script line.
func TestInlineSQL(t *testing.T) {
	steps := []*Step{{Job: "user_segments", File: "sql/user_segments/01.sql"}, {Job: "daily_sales", File: "sql/daily_sales/02.sql"}}
	legacy := map[string]string{
		"sql/user_segments/01.sql": "batch-03:/home/batch/bin/user_segments.sh:6",
		"sql/daily_sales/02.sql":   "batch-01:/home/batch/sql/daily_sales.hql:1",
	}
	got := inlineSQL("../corpus/estate", steps, nil, nil, legacy)
	if len(got) != 1 || !strings.Contains(got["batch-03:/home/batch/bin/user_segments.sh:6"], "INSERT OVERWRITE TABLE dwh.user_segments") {
		t.Errorf("inline SQL = %q, want only user_segments.sh:6 with its INSERT", got)
	}
	if got := inlineSQL("", steps, nil, nil, legacy); len(got) != 0 {
		t.Errorf("no estate: %q", got)
	}
}

// TestScriptSources: verify --against-hive --sql finds each translated
// script's Hive source beside it in the folder translate read.
func TestScriptSources(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "sub"), 0o755)
	os.WriteFile(filepath.Join(root, "a.q"), []byte("SELECT 1;"), 0o644)
	os.WriteFile(filepath.Join(root, "sub", "b.hql"), []byte("SELECT 1;"), 0o644)
	got := scriptSources(root, []*Step{{File: "a.sql"}, {File: "sub/b.sql"}, {File: "gone.sql"}})
	want := map[string]string{"a.sql": ":a.q:1", "sub/b.sql": ":sub/b.hql:1"}
	if len(got) != len(want) || got["a.sql"] != want["a.sql"] || got["sub/b.sql"] != want["sub/b.sql"] {
		t.Errorf("scriptSources = %v, want %v", got, want)
	}
}

// startBoth starts a local Spark Connect server and a local Hive for the
// test, or skips it when either engine is not installed (scripts/setup-spark,
// scripts/setup-hive) or under -short. restart stops the Spark and starts
// another.
func startBoth(t *testing.T, ctx context.Context) (spark, hive RowEngine, restart func() (RowEngine, error)) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no engines")
	}
	sparkHome, err := SparkHome()
	if err != nil {
		t.Skipf("skipped: %v", err)
	}
	hiveHome, err := HiveHome()
	if err != nil {
		t.Skipf("skipped: %v", err)
	}
	scratch := t.TempDir()
	var srv *LocalServer
	var eng Engine
	starts := 0
	startSpark := func() (RowEngine, error) {
		if eng != nil {
			eng.Close()
			srv.Stop()
		}
		// Each Spark its own metastore: a stopped one may leave Derby's lock.
		dir := scratch
		if starts++; starts > 1 {
			dir = filepath.Join(scratch, fmt.Sprintf("spark%d", starts))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, err
			}
		}
		eng, srv = nil, nil
		s, err := StartLocal(ctx, sparkHome, dir, "1g")
		if err != nil {
			return nil, err
		}
		e, err := Connect(ctx, s.URL)
		if err != nil {
			s.Stop()
			return nil, err
		}
		eng, srv = e, s
		return e.(RowEngine), nil
	}
	t.Cleanup(func() {
		if eng != nil {
			eng.Close()
			srv.Stop()
		}
	})
	if spark, err = startSpark(); err != nil {
		t.Fatal(err)
	}
	hiveDir := filepath.Join(scratch, "hive")
	os.MkdirAll(hiveDir, 0o755)
	h, err := StartHive(ctx, hiveHome, hiveDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return spark, h, startSpark
}

// TestLegacyRulesVersion: a rule that flags a statement only for Hive 4.1
// (the oracle) is named so when the estate runs an older Hive.
func TestLegacyRulesVersion(t *testing.T) {
	src := []byte("INSERT OVERWRITE TABLE t SELECT greatest(a, 1), upper(b) FROM s;\nINSERT OVERWRITE TABLE u SELECT hash(a) FROM s;\nSELECT a FROM s ORDER BY a LIMIT 1;\n")
	for _, tc := range []struct {
		version string
		want    []string // rules of the three statements
	}{
		{"1.2", []string{"SP120 (Hive 4.1 only)", "SP104", "SP131 (Hive 4.1 only)"}},
		{"", []string{"SP120 (Hive 4.1 only)", "SP104", "SP131 (Hive 4.1 only)"}}, // translate's default, 1.2
		{"2.3", []string{"SP120", "SP104", "SP131 (Hive 4.1 only)"}},
		{"4.0", []string{"SP120", "SP104", ""}},
	} {
		leg, _ := legacyStatements(src, nil)
		if len(leg) != 3 {
			t.Fatalf("%d row statements", len(leg))
		}
		legacyRules("x.hql", src, leg, tc.version)
		for i, l := range leg {
			if strings.Join(l.rules, ",") != tc.want[i] {
				t.Errorf("hive_version %q, statement %d: rules %v, want %s", tc.version, i+1, l.rules, tc.want[i])
			}
		}
	}
}

// TestAlteredByManual: after an ALTER TABLE left to a person, what uses
// the table is not comparable (found on Hive's
// schema_evol_text_nonvec_table_llap_io.q: REPLACE COLUMNS changed a
// CHAR(50) column to DOUBLE on Hive only, and every later SELECT
// "differed" by Spark's padding).
func TestAlteredByManual(t *testing.T) {
	src := "-- [SP035] needs a person: REPLACE COLUMNS works in Spark only on v2 tables\n-- | alter table t replace columns (a double)\n"
	stmts := splitStatements("x.sql", []byte(src+"SELECT a FROM t;\nSELECT a FROM u;\n"))
	if len(stmts) != 3 || strings.Join(stmts[0].Alters, ",") != "t" {
		t.Fatalf("statements: %+v", stmts)
	}
	st := &Step{Job: "j", File: "x.sql", Stmts: stmts}
	bindStep(st)
	c := &comparer{}
	rows := c.migratedStatements(t.TempDir(), st)
	if len(rows) != 2 || !strings.Contains(rows[0].why, "ALTER TABLE (line 1) is left to a person") || rows[1].why != "" {
		for _, r := range rows {
			t.Logf("%+v", r)
		}
		t.Errorf("want the query of t not comparable and the query of u comparable")
	}
}

// TestLegacyRulesUnsafeSet: a SET sparkport cannot call harmless flags
// every statement after it (Hive's input30.q: hive.test.mode=true made the
// INSERT write tst_dest30).
func TestLegacyRulesUnsafeSet(t *testing.T) {
	src := []byte("INSERT OVERWRITE TABLE a SELECT 1;\nset hive.test.mode=true;\nINSERT OVERWRITE TABLE dest30 SELECT count(1) FROM src;\n")
	leg, _ := legacyStatements(src, nil)
	if len(leg) != 2 {
		t.Fatalf("%d row statements", len(leg))
	}
	legacyRules("input30.q", src, leg, "")
	if len(leg[0].rules) != 0 || strings.Join(leg[1].rules, ",") != "SP001" {
		t.Errorf("rules %v and %v, want none and SP001", leg[0].rules, leg[1].rules)
	}
}
