package inventory

import (
	"os"
	"path/filepath"
	"strings"
)

// DirHost is one host of an estate on disk: ESTATE/<host>/<absolute path>.
// An absolute path inside a script resolves inside the host's own folder,
// never outside it.
type DirHost struct {
	Root string // ESTATE/<host>
}

// Name is the host's name: the folder's base name.
func (h DirHost) Name() string { return filepath.Base(h.Root) }

// Read reads absPath of the host. Paths that climb out of the host's folder
// (../../etc/passwd) are not in the estate.
func (h DirHost) Read(absPath string) ([]byte, bool) {
	clean := filepath.Clean("/" + absPath)
	if strings.Contains(clean, "..") {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(h.Root, filepath.FromSlash(clean)))
	return b, err == nil
}
