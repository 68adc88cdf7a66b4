package emit

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// writers is how many files Write writes at once.
const writers = 8

// ErrExists is returned by Write when the output folder exists and force
// is not set.
var ErrExists = errors.New("output folder exists (use --force to replace it)")

// Write puts files into dir atomically: everything is written into a new
// folder beside dir, which is then renamed into place. An interrupted run
// leaves dir as it was. An existing dir is replaced only when force is set.
func Write(dir string, files map[string][]byte, force bool) error {
	dir = filepath.Clean(dir)
	if info, err := os.Stat(dir); err == nil {
		if !force {
			return fmt.Errorf("%s: %w", dir, ErrExists)
		}
		if !info.IsDir() {
			return fmt.Errorf("%s: not a folder", dir)
		}
	} else if !os.IsNotExist(err) {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	made := map[string]bool{}
	for _, p := range paths {
		if d := filepath.Dir(filepath.Join(tmp, filepath.FromSlash(p))); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
	}
	// Writing thousands of small files waits on the disk, not the CPU:
	// a few writers at once hide its latency.
	errs := make([]error, len(paths))
	parallel(len(paths), writers, func(i int) {
		errs[i] = os.WriteFile(filepath.Join(tmp, filepath.FromSlash(paths[i])), files[paths[i]], 0o644)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	var old string
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir) // put the previous output back
		}
		return err
	}
	done = true
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
