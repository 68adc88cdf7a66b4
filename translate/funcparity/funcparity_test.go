package funcparity

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/functions.md")

const docPath = "../../docs/functions.md"

// TestDocUpToDate keeps docs/functions.md in step with the data files.
func TestDocUpToDate(t *testing.T) {
	got := Default().Markdown()
	if *update {
		if err := os.WriteFile(docPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./translate/funcparity -update (or go run ./translate/funcparity/gen)", docPath)
	}
}

func TestEmbeddedTable(t *testing.T) {
	tb := Default()
	if len(tb.HiveVersions) != 4 || tb.SparkVersion == "" || tb.Spark4Version == "" {
		t.Fatalf("versions: hive %v, spark %q", tb.HiveVersions, tb.SparkVersion)
	}
	for _, c := range []struct {
		name  string
		class Class
	}{
		{"stddev", Different}, {"variance", Different}, {"concat", Same}, {"ngrams", Missing},
		{"floor_day", Renamed}, {"STD", Different}, {"upper", Same}, {"percentile_approx", Different},
	} {
		f, ok := tb.Lookup(c.name)
		if !ok || f.Class != c.class {
			t.Errorf("%s: class %q (found %v), want %q", c.name, f.Class, ok, c.class)
		}
	}
	if f, _ := tb.Lookup("percentile_cont"); !f.InSpark4 {
		t.Error("percentile_cont: Spark 4.0 lists it")
	}
	if _, ok := tb.Lookup("no_such_function"); ok {
		t.Error("an unknown name was found")
	}
	// Every Hive 1.2 function is in every later registry but a few removed
	// ones; a broken extraction shows as a small count.
	if n := len(tb.Functions); n < 400 {
		t.Errorf("only %d functions: the Hive extraction lost some", n)
	}
}

func TestParseErrors(t *testing.T) {
	hive := "# versions: 1.2.2,4.1.0\nstd\tUDAF\t1.2.2,4.1.0\nfoo\tUDF\t4.1.0\n"
	spark := "# Spark 3.5.9\nstd\nstddev_pop\n"
	for _, c := range []struct{ hive, spark, diffs, want string }{
		{hive, spark, "std\tdifferent\tstddev_pop\tSP119\tpopulation\tregistry\n", ""},
		{hive, spark, "std\tdifferent\tstddev_pop\tSP119\tpopulation\n", "want 6"},
		{hive, spark, "bar\tdifferent\t\tSP120\tx\ty\n", "not in Hive's registry"},
		{hive, spark, "foo\tdifferent\t\tSP120\tx\ty\n", "Spark does not list it"},
		{hive, spark, "std\trenamed\tx\tSP042\tx\ty\n", "Spark lists the name"},
		{hive, spark, "std\tsame\tx\tSP042\tx\ty\n", "want different or renamed"},
		{hive, spark, "std\tdifferent\t\t\tx\ty\n", "needs a rule"},
		{hive + "std\tUDF\t1.2.2\n", spark, "", "listed twice"},
		{"# versions: 1.2.2\nstd\tUDF\t9.9\n", spark, "", "not in the header"},
		{"# versions: 1.2.2\nstd\tUDF\n", spark, "", "want name, kinds and versions"},
		{hive, "std\n\nx\n", "", "empty line"},
	} {
		_, err := Parse([]byte(c.hive), []byte(c.spark), []byte(c.spark), []byte(c.diffs))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v", c.diffs, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: error %v, want one containing %q", c.diffs, err, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(string(hiveTSV[:200]), "# Spark 3.5.9\nstd\n", "std\tdifferent\tx\tSP1\tn\te\n")
	f.Fuzz(func(t *testing.T, hive, spark, diffs string) {
		tb, err := Parse([]byte(hive), []byte(spark), []byte(spark), []byte(diffs))
		if err == nil {
			tb.Markdown()
			for _, fn := range tb.Functions {
				if got, ok := tb.Lookup(fn.Name); !ok || got.Name != fn.Name {
					t.Fatalf("lookup of %q", fn.Name)
				}
			}
		}
	})
}

// TestREADMECounts keeps README's parity figures equal to the table's.
func TestREADMECounts(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	tb := Default()
	for _, v := range tb.HiveVersions {
		c := tb.Counts(v)
		row := fmt.Sprintf("| %s | %d | %d | %d | %d | %d |", v, c[Same]+c[Different]+c[Renamed]+c[Missing], c[Same], c[Different], c[Renamed], c[Missing])
		if !bytes.Contains(readme, []byte(row)) {
			t.Errorf("README has no row %q", row)
		}
	}
}

func TestSweepRoundTrip(t *testing.T) {
	calls := []Call{
		{Function: "abs", Outcome: Agree, HiveSQL: "SELECT abs(-1)", SparkSQL: "SELECT abs(-1)", Hive: `[("1")]`, Spark: `[("1")]`},
		{Function: "avg", Outcome: Disagree, HiveSQL: "SELECT avg(col)\nFROM t", SparkSQL: "SELECT avg(`col`)\tFROM t", Hive: "[(\"1\")]", Spark: "error: a\tb"},
	}
	var b bytes.Buffer
	if err := WriteSweep(&b, "Hive 4.1.0, Spark 3.5.7", calls); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "abs\tsame\tSELECT abs(-1)\t=\t") {
		t.Errorf("same text not written as '=':\n%s", b.String())
	}
	got, engines, err := ParseSweep(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if engines != "Hive 4.1.0, Spark 3.5.7" {
		t.Errorf("engines %q", engines)
	}
	if len(got) != 2 || got[0].SparkSQL != "SELECT abs(-1)" || got[1].HiveSQL != "SELECT avg(col) FROM t" || got[1].SparkSQL != "SELECT avg(`col`) FROM t" || got[1].Spark != "error: a b" {
		t.Errorf("round trip: %+v", got)
	}
	for _, bad := range []string{"abs\tsame\tx\n", "abs\tmaybe\ta\t=\tb\tc\n"} {
		if _, _, err := ParseSweep([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if err := Default().AddSweep([]Call{{Function: "no_such_function", Outcome: Agree}}, ""); err == nil {
		t.Error("a call of an unknown function was attached")
	}
}

// TestSweepAgreesWithTable: a function whose calls differed on the two
// engines is not "same" in the table; each such function is a different
// row (with its rule), or the sweep file is wrong.
func TestSweepAgreesWithTable(t *testing.T) {
	tb := Default()
	if len(tb.Sweep) == 0 {
		t.Fatal("engine_sweep.tsv has no calls")
	}
	for _, f := range tb.Functions {
		if f.Runs[Disagree] > 0 && f.Class == Same {
			t.Errorf("%s: %d calls differed on the engines (engine_sweep.tsv), and the table calls it same", f.Name, f.Runs[Disagree])
		}
	}
}
