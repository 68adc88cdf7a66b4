package verify

import (
	"bytes"
	"context"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/translate/funcparity"
)

var sweepFlag = flag.String("sweep", "", "TestFunctionSweep: sweep these functions (comma-separated, or all) on both engines and rewrite translate/funcparity/engine_sweep.tsv")

const sweepFile = "../translate/funcparity/engine_sweep.tsv"

// sweptFunctions are the functions the sweep calls: every function of
// Hive 4.1's registry that Spark 3.5 lists under the same name.
func sweptFunctions() []string {
	var out []string
	for _, f := range funcparity.Default().Functions {
		if f.Class != funcparity.Same && f.Class != funcparity.Different {
			continue
		}
		if len(f.Hive) == 0 || f.Hive[len(f.Hive)-1] != "4.1.0" || !identifierName(f.Name) {
			continue
		}
		out = append(out, f.Name)
	}
	return out
}

func identifierName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// TestFunctionSweep: with -sweep, calls the functions on both engines and
// rewrites engine_sweep.tsv; without it, reruns every call the file records
// as differing or failing on Spark, and every 25th of the others, and
// fails when one no longer does what the file says.
func TestFunctionSweep(t *testing.T) {
	b, err := os.ReadFile(sweepFile)
	if err != nil && *sweepFlag == "" {
		t.Fatal(err)
	}
	recorded, _, err := funcparity.ParseSweep(b)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	spark, hive, restart := startBoth(t, ctx)
	if *sweepFlag != "" {
		fns := sweptFunctions()
		if *sweepFlag != "all" {
			fns = strings.Split(*sweepFlag, ",")
		}
		swept := map[string]bool{}
		for _, f := range fns {
			swept[f] = true
		}
		calls, err := SweepFunctions(ctx, spark, hive, fns, SweepOptions{Log: os.Stderr, RestartSpark: restart})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range recorded {
			if !swept[c.Function] {
				calls = append(calls, c)
			}
		}
		var out bytes.Buffer // WriteSweep sorts
		if err := funcparity.WriteSweep(&out, "Hive "+HiveVersion+", Spark "+SparkVersion, calls); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(sweepFile, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	c := &comparer{ctx: ctx, opt: AgainstOptions{Timeout: 20 * time.Second, MaxRows: 100, Log: os.Stderr}, spark: spark, hive: hive, hiveZone: "UTC", restartSpark: restart}
	c.sweepSession()
	rerun := 0
	for i, r := range recorded {
		if r.Outcome != funcparity.Disagree && r.Outcome != funcparity.SparkFails && i%25 != 0 {
			continue
		}
		rerun++
		q := sweepQuery{hive: r.HiveSQL, spark: r.SparkSQL}
		if r.Outcome == funcparity.NotComparable {
			q.why = "recorded"
		}
		got := c.sweepCall(r.Function, q)
		if got.Outcome != r.Outcome {
			t.Errorf("%s: %s, the file says %s\n\t%s\n\tHive: %s\n\tSpark: %s", r.Function, got.Outcome, r.Outcome, r.HiveSQL, got.Hive, got.Spark)
		}
	}
	t.Logf("%d of %d recorded calls rerun", rerun, len(recorded))
}

func TestSeedExamples(t *testing.T) {
	spark := "Usage: abs(expr) - Returns the absolute value.\n\nExtended Usage:\n    Examples:\n      > SELECT abs(-1);\n       1\n      > SELECT abs(INTERVAL -'1-1' YEAR TO MONTH);\n       1-1\n"
	hive := "Example:\n  > SELECT abs(0) FROM src LIMIT 1;\n  0\n  > select abs(-5) FROM src;\n"
	got := seedExamples([][]*string{{&spark}, {nil}, {&hive}})
	want := []string{"SELECT abs(-1)", "SELECT abs(INTERVAL -'1-1' YEAR TO MONTH)", "SELECT abs(0)", "select abs(-5)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeds (-want +got):\n%s", diff)
	}
}

func TestSweepVariants(t *testing.T) {
	for _, tc := range []struct {
		fn, seed string
		want     []string // Hive's text of some of the calls
		n        int      // how many calls
	}{
		// The seed itself, then each literal in turn: a negative number
		// is one literal, a date-like string gets dates.
		{"date_add", "SELECT date_add('2016-07-30', -1)", []string{
			"SELECT date_add('2016-07-30', -1)", "SELECT date_add('2020-02-29', -1)", "SELECT date_add('2016-07-30', NULL)", "SELECT date_add('2016-07-30', 2147483647)",
		}, 1 + 5 + 4},
		// An aggregate over FROM VALUES reads a UNION ALL subquery.
		{"avg", "SELECT avg(col) FROM VALUES (1), (2), (3) AS tab(col)", []string{
			"SELECT avg(col)\nFROM (\n  SELECT 1 AS col\n  UNION ALL\n  SELECT 2 AS col\n  UNION ALL\n  SELECT 3 AS col\n) AS tab",
		}, 1},
		{"concat_ws", "SELECT concat_ws(' ', 'Spark', 'SQL')", []string{"SELECT concat_ws('é漢€ñ', 'Spark', 'SQL')", "SELECT concat_ws(' ', 'Spark', '')"}, 1 + 3*4},
		{"abs", "SELECT upper('x')", nil, 0}, // does not call abs
		{"abs", "SELECT abs(", nil, 0},       // does not parse
	} {
		var got []string
		for _, q := range sweepVariants(tc.fn, tc.seed) {
			got = append(got, q.hive)
			if f, errs := hiveql.Parse([]byte(q.spark), hiveql.Spark); len(errs) > 0 || f == nil {
				t.Errorf("%s: Spark's text does not parse: %s", tc.seed, q.spark)
			}
		}
		if len(got) != tc.n {
			t.Errorf("%s: %d calls, want %d:\n%s", tc.seed, len(got), tc.n, strings.Join(got, "\n"))
		}
		for _, w := range tc.want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: no call %q in\n%s", tc.seed, w, strings.Join(got, "\n"))
			}
		}
	}
}
