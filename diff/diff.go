package diff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/sparkport/sparkport/emit"
	"github.com/sparkport/sparkport/internal/outdir"
	"github.com/sparkport/sparkport/internal/par"
	"github.com/sparkport/sparkport/parser/hiveql"
)

// readers is how many files are read or compared at once.
const readers = 8

// File change kinds.
const (
	Added      = "added"
	Removed    = "removed"
	Changed    = "changed"    // different in meaning
	Formatting = "formatting" // different bytes, same meaning
)

// MaxExplained is how many changed files a diff explains line by line.
const MaxExplained = 200

// FileChange is one file that differs between two outputs.
type FileChange struct {
	Path string   `json:"path"`
	Kind string   `json:"kind"`
	How  string   `json:"how"`            // sql, json, yaml or text: how it was compared
	Jobs []string `json:"jobs,omitempty"` // canonical jobs the file belongs to
	Diff string   `json:"diff,omitempty"`
	// Note says why a file was compared as text when its kind is compared
	// by meaning (an SQL file that does not parse).
	Note string `json:"note,omitempty"`
}

// MappingChange is a legacy job whose fate changed.
type MappingChange struct {
	Job string `json:"job"`
	Old string `json:"old"` // status and replacement, e.g. "merged into store_sales"
	New string `json:"new"`
}

// StepChange is a step of a canonical job that became something else:
// another kind of replacement, other files, or no step at all.
type StepChange struct {
	Job  string `json:"job"`
	Step int    `json:"step"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// Diff is what differs between two migrate outputs.
type Diff struct {
	Old         string           `json:"old"`
	New         string           `json:"new"`
	Files       []*FileChange    `json:"files"`
	JobsAdded   []string         `json:"jobs_added"`
	JobsRemoved []string         `json:"jobs_removed"`
	JobsChanged []string         `json:"jobs_changed"`
	Mapping     []*MappingChange `json:"mapping"`
	Steps       []*StepChange    `json:"steps"`
	Compared    int              `json:"files_compared"`
	// Unexplained counts the changed files past MaxExplained, listed
	// without their diff.
	Unexplained int `json:"changed_without_diff"`
}

// Equal reports whether the outputs mean the same: formatting-only
// changes do not count.
func (d *Diff) Equal() bool {
	for _, f := range d.Files {
		if f.Kind != Formatting {
			return false
		}
	}
	return len(d.Mapping) == 0
}

// Count returns how many files changed in kind k.
func (d *Diff) Count(k string) int {
	n := 0
	for _, f := range d.Files {
		if f.Kind == k {
			n++
		}
	}
	return n
}

// readTree reads every file under dir, by slash path.
func readTree(dir string) (map[string][]byte, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a folder", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, emit.ManifestFile)); err != nil {
		return nil, fmt.Errorf("%s: no %s: not a migrate output", dir, emit.ManifestFile)
	}
	var paths []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && d.Name() != outdir.Marker {
			rel, _ := filepath.Rel(dir, p)
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(paths))
	datas := make([][]byte, len(paths))
	errs := make([]error, len(paths))
	par.Do(len(paths), readers, func(i int) {
		datas[i], errs[i] = os.ReadFile(filepath.Join(dir, filepath.FromSlash(paths[i])))
	})
	for i, p := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		files[p] = datas[i]
	}
	return files, nil
}

// Dirs compares two migrate outputs by meaning where it can: SQL as
// parsed trees (comments and layout aside), JSON and YAML as data, the
// manifest without its file hashes (the files themselves are compared);
// other files as text.
func Dirs(oldDir, newDir string) (*Diff, error) {
	oldFiles, err := readTree(oldDir)
	if err != nil {
		return nil, err
	}
	newFiles, err := readTree(newDir)
	if err != nil {
		return nil, err
	}
	d := &Diff{Old: oldDir, New: newDir}
	all := map[string]bool{}
	for p := range oldFiles {
		all[p] = true
	}
	for p := range newFiles {
		all[p] = true
	}
	paths := par.SortedKeys(all)
	d.Compared = len(paths)
	changes := make([]*FileChange, len(paths))
	par.Do(len(paths), readers, func(i int) {
		changes[i] = compareFile(paths[i], oldFiles[paths[i]], newFiles[paths[i]], false)
	})
	// Explaining a change (a tree or text diff) costs more than finding
	// it; past MaxExplained changed files nobody reads them one by one.
	var explain []int
	for i, c := range changes {
		if c != nil && c.Kind == Changed {
			if len(explain) < MaxExplained {
				explain = append(explain, i)
			} else {
				d.Unexplained++
			}
		}
	}
	par.Do(len(explain), readers, func(k int) {
		i := explain[k]
		changes[i] = compareFile(paths[i], oldFiles[paths[i]], newFiles[paths[i]], true)
	})
	oldM, err := readManifest(filepath.Join(oldDir, emit.ManifestFile), oldFiles[emit.ManifestFile])
	if err != nil {
		return nil, err
	}
	newM, err := readManifest(filepath.Join(newDir, emit.ManifestFile), newFiles[emit.ManifestFile])
	if err != nil {
		return nil, err
	}
	owner := jobOwners(oldM, newM)
	changed := map[string]bool{}
	for _, c := range changes {
		if c == nil {
			continue
		}
		c.Jobs = owner(c.Path)
		if c.Kind != Formatting {
			for _, j := range c.Jobs {
				changed[j] = true
			}
		}
		d.Files = append(d.Files, c)
	}
	d.diffManifests(oldM, newM, changed)
	if d.Files == nil {
		d.Files = []*FileChange{}
	}
	return d, nil
}

// compareFile returns nil when a and b are the same bytes.
func compareFile(p string, a, b []byte, explain bool) *FileChange {
	switch {
	case a == nil:
		return &FileChange{Path: p, Kind: Added, How: how(p)}
	case b == nil:
		return &FileChange{Path: p, Kind: Removed, How: how(p)}
	case bytes.Equal(a, b):
		return nil
	}
	c := &FileChange{Path: p, Kind: Changed, How: how(p)}
	switch c.How {
	case "sql":
		same, bad := sameSQL(a, b)
		if same {
			c.Kind = Formatting
			return c
		}
		if bad != "" {
			c.How, c.Note = "text", "compared as text: "+bad
		}
	case "json":
		var x, y any
		if json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil {
			if p == emit.ManifestFile {
				x, y = withoutFiles(x), withoutFiles(y)
			}
			// Canonical bytes (maps sorted, one layout) decide equality
			// fast; go-cmp explains a difference in small documents, a
			// line diff of the canonical form in large ones.
			ca, _ := json.MarshalIndent(x, "", "  ")
			cb, _ := json.MarshalIndent(y, "", "  ")
			if bytes.Equal(ca, cb) {
				c.Kind = Formatting
				return c
			}
			switch {
			case !explain:
			case len(ca)+len(cb) < 64<<10:
				c.Diff = cmp.Diff(x, y)
			default:
				c.Diff = udiff.Unified("old/"+p, "new/"+p, string(ca), string(cb))
			}
			return c
		}
	case "yaml":
		var x, y any
		if yaml.Unmarshal(a, &x) == nil && yaml.Unmarshal(b, &y) == nil {
			// The same canonical JSON means the same data; YAML that JSON
			// cannot hold (non-string keys) is compared with go-cmp.
			ca, errA := json.Marshal(x)
			cb, errB := json.Marshal(y)
			if errA == nil && errB == nil && bytes.Equal(ca, cb) || (errA != nil || errB != nil) && cmp.Equal(x, y) {
				c.Kind = Formatting
				return c
			}
		}
	}
	if explain {
		c.Diff = udiff.Unified("old/"+p, "new/"+p, string(a), string(b))
	}
	return c
}

func how(p string) string {
	switch path.Ext(p) {
	case ".sql":
		return "sql"
	case ".json":
		return "json"
	case ".dig", ".yaml", ".yml":
		return "yaml"
	}
	return "text"
}

// sameSQL compares two Spark SQL files as trees: every statement parsed
// and equal, positions and comments aside. When a side does not parse,
// bad says where, and the files count as different.
func sameSQL(a, b []byte) (same bool, bad string) {
	fa, errA := hiveql.Parse(a, hiveql.Spark)
	fb, errB := hiveql.Parse(b, hiveql.Spark)
	for _, side := range []struct {
		name string
		src  []byte
		errs hiveql.ErrorList
	}{{"old", a, errA}, {"new", b, errB}} {
		if len(side.errs) > 0 {
			line, col := hiveql.NewLineIndex(side.src).Position(side.errs[0].Pos)
			return false, fmt.Sprintf("the %s file does not parse as Spark SQL at %d:%d: %s", side.name, line, col, side.errs[0].Msg)
		}
	}
	if len(fa.Statements) != len(fb.Statements) {
		return false, ""
	}
	for i := range fa.Statements {
		if !hiveql.Equal(fa.Statements[i].Stmt, fb.Statements[i].Stmt) {
			return false, ""
		}
	}
	return true, ""
}

// withoutFiles drops the manifest's list of file hashes: a hash changes
// with formatting, and the files are compared on their own.
func withoutFiles(v any) any {
	if m, ok := v.(map[string]any); ok {
		c := map[string]any{}
		for k, x := range m {
			if k != "files" {
				c[k] = x
			}
		}
		return c
	}
	return v
}

// readManifest reads a manifest.json; a broken one is an error at its
// line and column, never an empty manifest.
func readManifest(name string, data []byte) (*emit.Manifest, error) {
	m := &emit.Manifest{}
	err := json.Unmarshal(data, m)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read, the offending one included.
		line, col := lineCol(data, max(se.Offset-1, 0))
		return nil, fmt.Errorf("%s:%d:%d: %v", name, line, col, err)
	case errors.As(err, &te):
		line, col := lineCol(data, te.Offset)
		return nil, fmt.Errorf("%s:%d:%d: %s holds a %s where a %s belongs", name, line, col, te.Field, te.Value, te.Type)
	case err != nil:
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return m, nil
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// jobOwners maps an output path to the canonical jobs it belongs to, by
// the manifests' file lists and, for wave files, by the jobs of the wave.
func jobOwners(ms ...*emit.Manifest) func(string) []string {
	by := map[string]map[string]bool{}
	for _, m := range ms {
		for _, c := range m.Canonical {
			for _, f := range c.Files {
				if by[f] == nil {
					by[f] = map[string]bool{}
				}
				by[f][c.Name] = true
			}
		}
	}
	return func(p string) []string {
		if s := by[p]; s != nil {
			return par.SortedKeys(s)
		}
		// A file neither manifest lists (added by hand): name the job its
		// path says.
		parts := strings.Split(p, "/")
		switch {
		case len(parts) == 3 && parts[0] == "sql":
			return []string{parts[1]}
		case len(parts) == 2 && (parts[0] == "digdag" || parts[0] == "emr") && !strings.HasPrefix(parts[1], "wave-"):
			return []string{strings.SplitN(parts[1], ".", 2)[0]}
		}
		return nil
	}
}

// diffManifests finds canonical jobs added, removed and changed (their
// entries or their files), and legacy jobs whose replacement changed.
func (d *Diff) diffManifests(a, b *emit.Manifest, changed map[string]bool) {
	ca, cb := map[string]*emit.CanonicalEntry{}, map[string]*emit.CanonicalEntry{}
	for _, c := range a.Canonical {
		ca[c.Name] = c
	}
	for _, c := range b.Canonical {
		cb[c.Name] = c
	}
	for _, n := range par.SortedKeys(ca) {
		if cb[n] == nil {
			d.JobsRemoved = append(d.JobsRemoved, n)
		} else if !reflect.DeepEqual(ca[n], cb[n]) {
			changed[n] = true
			d.Steps = append(d.Steps, stepChanges(n, ca[n].Steps, cb[n].Steps)...)
		}
	}
	for _, n := range par.SortedKeys(cb) {
		if ca[n] == nil {
			d.JobsAdded = append(d.JobsAdded, n)
		}
	}
	for _, n := range par.SortedKeys(changed) {
		if ca[n] != nil && cb[n] != nil {
			d.JobsChanged = append(d.JobsChanged, n)
		}
	}
	ja, jb := map[string]string{}, map[string]string{}
	for _, j := range a.Jobs {
		ja[j.ID] = fate(j)
	}
	for _, j := range b.Jobs {
		jb[j.ID] = fate(j)
	}
	ids := map[string]bool{}
	for id := range ja {
		ids[id] = true
	}
	for id := range jb {
		ids[id] = true
	}
	for _, id := range par.SortedKeys(ids) {
		if ja[id] != jb[id] {
			d.Mapping = append(d.Mapping, &MappingChange{Job: id, Old: or(ja[id], "absent"), New: or(jb[id], "absent")})
		}
	}
	for _, l := range []*[]string{&d.JobsAdded, &d.JobsRemoved, &d.JobsChanged} {
		if *l == nil {
			*l = []string{}
		}
	}
	if d.Mapping == nil {
		d.Mapping = []*MappingChange{}
	}
	if d.Steps == nil {
		d.Steps = []*StepChange{}
	}
	sort.Slice(d.Files, func(i, j int) bool { return d.Files[i].Path < d.Files[j].Path })
}

func fate(j *emit.JobEntry) string {
	s := j.Status
	if j.ReplacedBy != "" {
		s += " by " + j.ReplacedBy
	}
	if j.Run != "" {
		s += " [" + j.Run + "]"
	}
	return s
}

// stepChanges compares a canonical job's steps index by index.
func stepChanges(job string, a, b []*emit.StepEntry) []*StepChange {
	var out []*StepChange
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = stepText(a[i])
		}
		if i < len(b) {
			y = stepText(b[i])
		}
		if x != y {
			out = append(out, &StepChange{Job: job, Step: i + 1, Old: or(x, "absent"), New: or(y, "absent")})
		}
	}
	return out
}

func stepText(s *emit.StepEntry) string {
	t := s.Kind + " at " + s.Legacy + " → " + s.Form
	if len(s.Files) > 0 {
		t += " " + strings.Join(s.Files, ", ")
	}
	if s.Reason != "" {
		t += " (" + s.Reason + ")"
	}
	return t
}

func or(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
