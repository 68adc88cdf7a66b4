package inventory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/internal/realworld"
)

// TestRealWorldEstates inventories inputs written by others as estates
// (each folder of ../shared/realworld/<kind> a host): no panic, every file
// listed once, and no credential the Hive tests write in SQL (JDBC storage
// handler passwords) in any report, parameters of families included.
func TestRealWorldEstates(t *testing.T) {
	for _, kind := range []string{"hive", "shell", "digdag"} {
		t.Run(kind, func(t *testing.T) {
			root := realworld.Require(t, kind)
			inv, err := Build(root, Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					n++
				}
				return nil
			})
			if len(inv.Files) != n {
				t.Errorf("%d files listed, %d on disk", len(inv.Files), n)
			}
			out := t.TempDir()
			if err := WriteReports(out, inv); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{JSONFile, MarkdownFile, HTMLFile, DOTFile} {
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				for _, secret := range []string{"Its-a-s3cret", "qtestpassword"} {
					if strings.Contains(string(b), secret) {
						t.Errorf("%s holds %q", f, secret)
					}
				}
			}
			t.Logf("%d files, %d jobs, %d steps, %d groups, %d secrets", len(inv.Files), len(inv.Jobs), inv.Summary.Steps, len(inv.Groups), len(inv.Secrets))
		})
	}
}
