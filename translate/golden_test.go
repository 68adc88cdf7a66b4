package translate

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sparkport/sparkport/parser/hiveql"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// TestGolden translates testdata/golden/*.hql with testdata/golden/sparkport.yaml
// and compares the Spark SQL with NAME.spark.sql and the diagnostics with
// NAME.diag. go test ./translate -run Golden -update rewrites them; review
// the diff before committing.
func TestGolden(t *testing.T) {
	cfgSrc, err := os.ReadFile("testdata/golden/sparkport.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig("sparkport.yaml", cfgSrc)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("testdata/golden/*.hql")
	if len(names) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			r := Translate(filepath.Base(name), src, cfg, Options{})
			var diag strings.Builder
			for _, d := range r.Diagnostics {
				diag.WriteString(d.String() + "\n")
			}
			base := strings.TrimSuffix(name, ".hql")
			check(t, base+".spark.sql", r.SQL)
			check(t, base+".diag", diag.String())
			for _, seg := range r.Segments {
				if _, errs := hiveql.Parse([]byte(seg.SQL), hiveql.Spark); seg.Kind == "sql" && len(errs) > 0 {
					t.Errorf("output does not parse as Spark SQL: %v", errs)
				}
			}
			if strings.Contains(r.SQL, "abc123secret") {
				t.Error("a secret of the input reached the output")
			}
		})
	}
}

func check(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run Golden -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
