package translate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sparkport/sparkport/parser/hiveql"
)

// FuzzTranslate: on any input the translator returns (never panics, even
// in a rule: rule panics become SP999 and are reported here as failures),
// accounts for every statement, and writes Spark SQL that re-parses.
//
//	go test ./translate -run XXX -fuzz FuzzTranslate -fuzztime 2m
func FuzzTranslate(f *testing.F) {
	for _, c := range ruleCases {
		f.Add(c.in)
	}
	names, _ := filepath.Glob("testdata/golden/*.hql")
	for _, n := range names {
		src, _ := os.ReadFile(n)
		f.Add(string(src))
	}
	cfg := testConfig()
	f.Fuzz(func(t *testing.T, src string) {
		r := Translate("fuzz.hql", []byte(src), cfg, Options{})
		parsed, _ := hiveql.Parse([]byte(src), hiveql.Hive)
		if len(r.Statements) != len(parsed.Statements) {
			t.Fatalf("%d statements in, %d accounted for", len(parsed.Statements), len(r.Statements))
		}
		for _, d := range r.Diagnostics {
			if d.Rule == "SP999" {
				t.Fatalf("internal error: %s", d)
			}
		}
		for _, seg := range r.Segments {
			if seg.Kind != "sql" {
				continue
			}
			if _, errs := hiveql.Parse([]byte(seg.SQL), hiveql.Spark); len(errs) > 0 {
				t.Fatalf("translated SQL does not parse as Spark SQL: %v\n%s", errs, seg.SQL)
			}
		}
	})
}
