//go:build !linux

package outdir

import "errors"

// exchange is not available here: Write falls back to two renames, and
// Recover repairs a run killed between them.
func exchange(a, b string) error { return errors.New("no atomic exchange on this system") }
