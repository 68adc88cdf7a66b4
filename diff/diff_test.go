package diff

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/emit"
)

// TestCompareFile: each kind of file is compared by meaning where it has
// one; formatting is never a change, a change of meaning always is.
func TestCompareFile(t *testing.T) {
	for _, c := range []struct {
		name, path, a, b, want string
	}{
		{"same bytes", "sql/j/01.sql", "SELECT 1;", "SELECT 1;", ""},
		{"sql layout and case", "sql/j/01.sql", "SELECT a, b FROM t WHERE x = 1;", "select a,\n  b\nfrom t -- note\nwhere x = 1;\n", Formatting},
		{"sql comment only", "sql/j/01.sql", "-- one\nSELECT 1;", "-- two\nSELECT 1;", Formatting},
		{"sql literal", "sql/j/01.sql", "SELECT 1;", "SELECT 2;", Changed},
		{"sql table", "sql/j/01.sql", "INSERT INTO a SELECT 1;", "INSERT INTO b SELECT 1;", Changed},
		{"sql statement added", "sql/j/01.sql", "SELECT 1;", "SELECT 1; SELECT 1;", Changed},
		{"sql that does not parse", "sql/j/01.sql", "SELEC 1;", "SELEC  1;", Changed},
		{"json layout and key order", "emr/j.json", `{"a": 1, "b": [1, 2]}`, "{\n  \"b\": [1, 2],\n  \"a\": 1\n}\n", Formatting},
		{"json value", "emr/j.json", `{"a": 1}`, `{"a": 2}`, Changed},
		{"json order of a list", "emr/j.json", `{"a": [1, 2]}`, `{"a": [2, 1]}`, Changed},
		{"manifest hashes only", emit.ManifestFile, `{"schema": 1, "files": [{"path": "x", "sha256": "aa"}]}`, `{"schema": 1, "files": [{"path": "x", "sha256": "bb"}]}`, Formatting},
		{"manifest job", emit.ManifestFile, `{"schema": 1, "jobs": [{"id": "a", "status": "dead"}]}`, `{"schema": 1, "jobs": [{"id": "a", "status": "merged"}]}`, Changed},
		{"yaml comments and quoting", "digdag/j.dig", "# one\na: 'x'\nb: [1, 2]\n", "a: x\nb:\n  - 1\n  - 2\n", Formatting},
		{"yaml value", "digdag/j.dig", "a: x\n", "a: y\n", Changed},
		{"text", "report/review.md", "a\n", "b\n", Changed},
		{"added", "sql/j/02.sql", "", "SELECT 1;", Added},
		{"removed", "sql/j/02.sql", "SELECT 1;", "", Removed},
	} {
		t.Run(c.name, func(t *testing.T) {
			var a, b []byte
			if c.a != "" || c.want == Removed {
				a = []byte(c.a)
			}
			if c.b != "" || c.want == Added {
				b = []byte(c.b)
			}
			if c.want == Added {
				a = nil
			}
			if c.want == Removed {
				b = nil
			}
			got := compareFile(c.path, a, b, true)
			kind := ""
			if got != nil {
				kind = got.Kind
			}
			if kind != c.want {
				t.Errorf("kind %q, want %q", kind, c.want)
			}
			if kind == Changed && got.Diff == "" {
				t.Error("a change without its diff")
			}
		})
	}
}

// TestDiffExplainsAtMost: past MaxExplained changed files, the rest are
// listed without their diff, and said to be.
func TestDiffExplainsAtMost(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	files := map[string][]byte{emit.ManifestFile: []byte(`{"schema": 1}`)}
	for i := 0; i < MaxExplained+5; i++ {
		files[fmt.Sprintf("report/f%03d.txt", i)] = []byte("old\n")
	}
	if err := emit.Write(a, files, false); err != nil {
		t.Fatal(err)
	}
	for p := range files {
		if p != emit.ManifestFile {
			files[p] = []byte("new\n")
		}
	}
	if err := emit.Write(b, files, false); err != nil {
		t.Fatal(err)
	}
	d, err := Dirs(a, b)
	if err != nil {
		t.Fatal(err)
	}
	explained := 0
	for _, f := range d.Files {
		if f.Diff != "" {
			explained++
		}
	}
	if d.Count(Changed) != MaxExplained+5 || explained != MaxExplained || d.Unexplained != 5 {
		t.Errorf("%d changed, %d explained, %d unexplained", d.Count(Changed), explained, d.Unexplained)
	}
	if d.Equal() {
		t.Error("different outputs reported equal")
	}
	if _, err := Dirs(a, filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("a missing folder compared")
	}
	os.WriteFile(filepath.Join(b, emit.ManifestFile), []byte("{\n  \"schema\": 1,\n  \"jobs\": [}\n"), 0o644)
	if _, err := Dirs(a, b); err == nil || !strings.Contains(err.Error(), "manifest.json:3:12:") {
		t.Errorf("a broken manifest: %v, want its file:line:col", err)
	}
	os.Remove(filepath.Join(b, emit.ManifestFile))
	if _, err := Dirs(a, b); err == nil {
		t.Error("a folder without manifest.json compared")
	}
}
