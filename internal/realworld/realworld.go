// Package realworld finds ../shared/realworld, the inputs written by others
// that tests measure sparkport against. It lies beside the checkout in CI
// and on developers' machines, and is absent from a user's fresh clone:
// tests that need it skip with a message saying so.
package realworld

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the realworld folder, or "" when there is none. The
// SPARKPORT_REALWORLD environment variable overrides the search.
func Dir() string {
	if d := os.Getenv("SPARKPORT_REALWORLD"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			rw := filepath.Join(filepath.Dir(d), "shared", "realworld")
			if st, err := os.Stat(rw); err == nil && st.IsDir() {
				return rw
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Require returns the sub-folder rel of the realworld folder, or skips the
// test with a clear message when it is not there.
func Require(t testing.TB, rel string) string {
	t.Helper()
	d := Dir()
	if d == "" {
		t.Skip("skipping: ../shared/realworld not found beside the checkout (set SPARKPORT_REALWORLD to run)")
	}
	p := filepath.Join(d, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipping: %s not found", p)
	}
	return p
}
