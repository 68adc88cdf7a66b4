package hiveql

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sparkport/sparkport/internal/realworld"
)

// treeOpts compares trees without positions.
var treeOpts = cmp.Options{
	cmpopts.IgnoreTypes(Span{}),
	cmpopts.IgnoreFields(Comment{}, "Pos"),
	cmpopts.IgnoreFields(Statement{}, "End"),
	cmpopts.EquateEmpty(),
}

type corpusFile struct {
	name string
	src  []byte
}

func loadCorpus(t testing.TB) []corpusFile {
	dir := realworld.Require(t, "hive/clientpositive")
	names, err := filepath.Glob(filepath.Join(dir, "*.q"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var out []corpusFile
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, corpusFile{filepath.Base(n), src})
	}
	return out
}

// knownInvalid reads testdata/invalid_hive.txt: "file:line reason" for
// statements of the Hive corpus that are not valid HiveQL.
func knownInvalid(t testing.TB) map[string]string {
	f, err := os.Open("testdata/invalid_hive.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, _ := strings.Cut(line, " ")
		if strings.TrimSpace(reason) == "" {
			t.Fatalf("invalid_hive.txt: %s has no reason", key)
		}
		m[key] = strings.TrimSpace(reason)
	}
	return m
}

// TestHiveCorpus parses Apache Hive's own clientpositive test scripts. At
// least 99% of statements must parse; every statement listed as invalid in
// testdata must fail; every statement that parses must round-trip.
func TestHiveCorpus(t *testing.T) {
	files := loadCorpus(t)
	invalid := knownInvalid(t)
	var total, failed, roundTripFailures int
	var unexpected []string
	failedKeys := map[string]bool{}
	for _, cf := range files {
		f, _ := Parse(cf.src, Hive)
		li := NewLineIndex(cf.src)
		for _, st := range f.Statements {
			total++
			line, _ := li.Position(st.At)
			key := cf.name + ":" + strconv.Itoa(line)
			if _, bad := st.Stmt.(*BadStmt); bad {
				failed++
				failedKeys[key] = true
				if _, ok := invalid[key]; !ok {
					unexpected = append(unexpected, key)
				}
				continue
			}
			if msg := roundTrip(st.Stmt, Hive); msg != "" {
				roundTripFailures++
				if roundTripFailures <= 10 {
					t.Errorf("%s: round trip: %s", key, msg)
				}
			}
		}
	}
	for key := range invalid {
		if !failedKeys[key] {
			t.Errorf("%s is listed as invalid in testdata/invalid_hive.txt but parses", key)
		}
	}
	rate := 100 * float64(total-failed) / float64(total)
	t.Logf("%d statements, %d parsed (%.2f%%), %d failed (%d listed as invalid, %d not supported); %d round-trip failures",
		total, total-failed, rate, failed, failed-len(unexpected), len(unexpected), roundTripFailures)
	if testing.Verbose() {
		for _, k := range unexpected {
			t.Logf("unsupported: %s", k)
		}
	}
	if rate < 99 {
		t.Errorf("parse rate %.2f%% is below 99%%", rate)
	}
	if roundTripFailures > 0 {
		t.Errorf("%d statements do not round-trip", roundTripFailures)
	}
}

// roundTrip prints s, parses the text again and compares the trees.
func roundTrip(s Stmt, d Dialect) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = "printer panic: " + toString(r)
		}
	}()
	text := PrintStmt(s, d)
	f, errs := Parse([]byte(text), d)
	if len(errs) > 0 || len(f.Statements) != 1 {
		return "reparse failed: " + errs.Error() + "\n" + text
	}
	if !Equal(s, f.Statements[0].Stmt) {
		return "tree changed (-before +after):\n" + cmp.Diff(s, f.Statements[0].Stmt, treeOpts) + "\n" + text
	}
	return ""
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if e, ok := v.(error); ok {
		return e.Error()
	}
	return "panic"
}

// TestWarehouseSQL: the HiveQL files of two real teams' warehouse jobs in
// ../shared/realworld/shell must all parse and round-trip.
func TestWarehouseSQL(t *testing.T) {
	dir := realworld.Require(t, "shell")
	var n int
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(path); ext != ".sql" && ext != ".hql" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, errs := Parse(src, Hive)
		li := NewLineIndex(src)
		for _, e := range li.ErrorStrings(path, errs) {
			t.Error(e)
		}
		for _, st := range f.Statements {
			n++
			if _, bad := st.Stmt.(*BadStmt); bad {
				continue
			}
			if msg := roundTrip(st.Stmt, Hive); msg != "" {
				line, _ := li.Position(st.At)
				t.Errorf("%s:%d: %s", path, line, msg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no statements found")
	}
	t.Logf("%d statements", n)
}

// TestHiveCorpusSparkRoundTrip parses the Hive corpus with the Spark
// dialect: whatever it accepts must round-trip in that dialect too.
func TestHiveCorpusSparkRoundTrip(t *testing.T) {
	files := loadCorpus(t)
	var total, parsed, failures int
	for _, cf := range files {
		f, _ := Parse(cf.src, Spark)
		for _, st := range f.Statements {
			total++
			if _, bad := st.Stmt.(*BadStmt); bad {
				continue
			}
			parsed++
			if msg := roundTrip(st.Stmt, Spark); msg != "" {
				failures++
				if failures <= 10 {
					t.Errorf("%s: %s", cf.name, msg)
				}
			}
		}
	}
	t.Logf("Spark dialect: %d of %d statements parsed, %d round-trip failures", parsed, total, failures)
	if parsed == 0 {
		t.Fatal("nothing parsed")
	}
}
