package hiveql

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// TestPrintGolden prints each testdata/print/*.hql file in both dialects and
// compares with the .hive.golden and .spark.golden files beside it. Run
// `go test ./parser/hiveql -run TestPrintGolden -update` after a deliberate
// change of the printer, and review the diff.
func TestPrintGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/print/*.hql")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs in testdata/print: %v", err)
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := Parse(src, Hive)
		if len(errs) > 0 {
			li := NewLineIndex(src)
			t.Fatalf("%s", strings.Join(li.ErrorStrings(in, errs), "\n"))
		}
		for _, d := range []Dialect{Hive, Spark} {
			got := Print(f, d)
			golden := strings.TrimSuffix(in, ".hql") + "." + d.String() + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s: printed output differs from %s (run with -update to accept):\n%s", in, golden, got)
			}
		}
	}
}
