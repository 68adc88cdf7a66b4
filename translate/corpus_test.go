package translate

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/internal/realworld"
	"github.com/sparkport/sparkport/parser/hiveql"
)

// corpusConfig reads testdata/hive_corpus.yaml, the mapping of the Hive
// test scripts' paths (also used by .ci/run).
func corpusConfig(tb testing.TB) *Config {
	src, err := os.ReadFile("testdata/hive_corpus.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	c, err := LoadConfig("hive_corpus.yaml", src)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestHiveCorpusTranslate translates every script of Hive's test suite and
// checks that nothing is silently dropped: every statement has an outcome,
// every statement not translated as it stands names the rule that decided
// so, and the Spark SQL written re-parses with the Spark dialect.
func TestHiveCorpusTranslate(t *testing.T) {
	dir := realworld.Require(t, "hive/clientpositive")
	names, err := filepath.Glob(filepath.Join(dir, "*.q"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := corpusConfig(t)
	outcomes := map[Outcome]int{}
	byRule := map[string]int{}
	var reparseFailures, statements int
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := hiveql.Parse(src, hiveql.Hive)
		r := Translate(filepath.Base(name), src, cfg, Options{})
		if len(r.Statements) != len(f.Statements) {
			t.Errorf("%s: %d statements in, %d accounted for", filepath.Base(name), len(f.Statements), len(r.Statements))
		}
		statements += len(r.Statements)
		for _, s := range r.Statements {
			outcomes[s.Outcome]++
			if s.Outcome != Kept && len(s.Rules) == 0 {
				t.Errorf("%s:%d: %s without a rule id", s.File, s.Line, s.Outcome)
			}
			if s.Outcome == Manual {
				byRule[s.Rules[len(s.Rules)-1]]++
			}
		}
		for _, seg := range r.Segments {
			if seg.Kind != "sql" {
				continue
			}
			if _, errs := hiveql.Parse([]byte(seg.SQL), hiveql.Spark); len(errs) > 0 {
				reparseFailures++
				li := hiveql.NewLineIndex([]byte(seg.SQL))
				t.Errorf("%s: translated SQL does not parse as Spark SQL: %s", filepath.Base(name), li.ErrorStrings("out", errs)[0])
			}
		}
	}
	var rules []string
	for id, n := range byRule {
		rules = append(rules, fmt.Sprintf("%s:%d", id, n))
	}
	sort.Strings(rules)
	t.Logf("%d files, %d statements: %d kept, %d rewritten, %d dropped, %d moved, %d need a person (%s)",
		len(names), statements, outcomes[Kept], outcomes[Rewritten], outcomes[Dropped], outcomes[Moved], outcomes[Manual], strings.Join(rules, " "))
}

// TestWarehouseTranslate translates the two real teams' warehouse SQL:
// every statement must come out as Spark SQL that re-parses.
func TestWarehouseTranslate(t *testing.T) {
	dir := realworld.Require(t, "shell")
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".sql") {
			files = append(files, p)
		}
		return nil
	})
	// The mapping the team would write for its warehouse.
	cfg := corpusConfig(t)
	cfg.Paths = append(cfg.Paths, PathMapping{From: "hdfs://master:8020/user/hive/warehouse", To: "s3://vvic-dwh/warehouse"})
	outcomes := map[Outcome]int{}
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r := Translate(p, src, cfg, Options{})
		for _, s := range r.Statements {
			outcomes[s.Outcome]++
		}
		for _, seg := range r.Segments {
			if _, errs := hiveql.Parse([]byte(seg.SQL), hiveql.Spark); seg.Kind == "sql" && len(errs) > 0 {
				t.Errorf("%s: translated SQL does not parse as Spark SQL: %v", p, errs)
			}
		}
		for _, d := range r.Diagnostics {
			if d.Severity == Error {
				t.Errorf("%s", d)
			}
		}
	}
	t.Logf("%d files: %d kept, %d rewritten, %d dropped, %d need a person", len(files), outcomes[Kept], outcomes[Rewritten], outcomes[Dropped], outcomes[Manual])
}
