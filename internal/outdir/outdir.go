// Package outdir guards and writes the folders sparkport produces. Every
// command that writes a folder (migrate -o, inventory -o, translate -o)
// goes through it, so that one set of rules decides what sparkport may
// replace:
//
//   - a folder sparkport wrote (it holds the Marker file, or a migrate
//     manifest of an older sparkport) may be replaced, with --force;
//   - an empty folder may be written into;
//   - anything else is refused, and so is a folder that is, contains or
//     sits inside one of the command's inputs (the estate), or that
//     contains the working directory.
//
// Writing is atomic: the files go into a new folder beside the target,
// which is then swapped into place. A run killed at any point leaves the
// previous output whole; the next run removes what the killed one left.
package outdir

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sparkport/sparkport/internal/par"
)

// Marker is the file every folder sparkport writes holds. Its content
// names the command, never a version or a time, so that two outputs of
// the same input stay byte-identical.
const Marker = ".sparkport-output"

// legacyManifest is the file that marked a migrate output before Marker
// existed; such a folder is recognised by its content.
const legacyManifest = "manifest.json"

// Error is a refusal: the folder and what was found there. Callers turn
// it into exit code 2; nothing was touched.
type Error struct {
	Dir  string // the folder as the user named it
	What string // what is wrong
	Hint string // what to do instead, or ""
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("output folder %s: %s", e.Dir, e.What)
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// Check decides whether dir may be written by command. inputs are the
// paths the command reads (the estate, the files to translate): the output
// may neither be one of them, contain one, nor lie inside one. force allows
// replacing an earlier sparkport output; it never allows anything else.
func Check(dir, command string, inputs []string, force bool) error {
	if dir == "" {
		return &Error{Dir: `""`, What: "empty name", Hint: "give -o DIR"}
	}
	abs, err := resolve(dir)
	if err != nil {
		return &Error{Dir: dir, What: err.Error()}
	}
	if abs == string(filepath.Separator) {
		return &Error{Dir: dir, What: "is the root folder", Hint: "name a new folder, such as ./out"}
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue // no such input (an optional --config, standard input)
		}
		ia, err := resolve(in)
		if err != nil {
			continue // the command reports unreadable inputs itself
		}
		switch {
		case ia == abs:
			return &Error{Dir: dir, What: "is an input (" + in + ")", Hint: "write the output outside what sparkport reads"}
		case within(ia, abs):
			return &Error{Dir: dir, What: "contains the input " + in, Hint: "replacing it would delete the input; write the output elsewhere"}
		case within(abs, ia):
			return &Error{Dir: dir, What: "is inside the input " + in, Hint: "the next run would read the output back as input; write it outside"}
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if wd, err = resolve(wd); err == nil && wd == abs {
			return &Error{Dir: dir, What: "is the working directory", Hint: "name a folder below it, such as ./out"}
		} else if err == nil && within(wd, abs) {
			return &Error{Dir: dir, What: "contains the working directory", Hint: "name a folder below it, such as ./out"}
		}
	}
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return &Error{Dir: dir, What: err.Error()}
	case info.Mode()&os.ModeSymlink != 0:
		return &Error{Dir: dir, What: "is a symbolic link", Hint: "name the folder itself"}
	case !info.IsDir():
		return &Error{Dir: dir, What: "is a file, not a folder", Hint: "name a folder; sparkport never replaces a file it did not write"}
	}
	return replaceable(dir, command, force)
}

// replaceable decides whether an existing folder dir may become command's
// output: it must be empty, or an earlier output of the same command
// holding nothing but what sparkport wrote there, and force must be set.
func replaceable(dir, command string, force bool) error {
	o, err := Owned(dir)
	if err != nil {
		return &Error{Dir: dir, What: err.Error()}
	}
	switch {
	case o.Kind == Empty:
		return nil
	case o.Kind == Foreign:
		return &Error{Dir: dir, What: "exists and is not a sparkport output (" + o.found + ")",
			Hint: "sparkport replaces only folders it wrote, even with --force; name a new or empty folder"}
	case o.Command != "" && o.Command != command:
		return &Error{Dir: dir, What: "is a sparkport " + o.Command + " output", Hint: "sparkport " + command + " writes its own folder; name another"}
	case !force:
		return &Error{Dir: dir, What: "exists (an earlier sparkport output)", Hint: "use --force to replace it"}
	}
	if extra := o.extra(dir); len(extra) > 0 {
		shown := extra
		if len(shown) > 3 {
			shown = append(shown[:3:3], "…")
		}
		return &Error{Dir: dir, What: fmt.Sprintf("holds %s sparkport did not write (%s)", plural(len(extra), "entry", "entries"), strings.Join(shown, ", ")),
			Hint: "--force replaces only what sparkport wrote: move them out, or name another folder"}
	}
	return nil
}

// Ownership kinds.
const (
	Empty   = "empty"
	Ours    = "sparkport"
	Foreign = "foreign"
)

// Ownership says who wrote a folder and, for sparkport, which command and
// which files.
type Ownership struct {
	Kind    string
	Command string          // for Ours: migrate, inventory, translate ("" for an old output)
	files   map[string]bool // for Ours: what sparkport wrote (nil: not known)
	found   string          // for Foreign: what was found, for the message
}

// Owned reports whether dir is empty, a sparkport output, or something
// else (with what it holds).
func Owned(dir string) (Ownership, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Ownership{}, err
	}
	if len(entries) == 0 {
		return Ownership{Kind: Empty}, nil
	}
	if b, err := readSmall(filepath.Join(dir, Marker)); err == nil && bytes.HasPrefix(b, []byte("sparkport ")) {
		return parseMarker(b), nil
	}
	if files, ok := legacyManifestFiles(filepath.Join(dir, legacyManifest)); ok {
		return Ownership{Kind: Ours, Command: "migrate", files: files}, nil
	}
	names := make([]string, 0, 3)
	for _, e := range entries {
		if len(names) == 3 {
			names = append(names, "…")
			break
		}
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	return Ownership{Kind: Foreign, found: fmt.Sprintf("holds %s: %s", plural(len(entries), "entry", "entries"), strings.Join(names, ", "))}, nil
}

// extra lists the files and folders of dir sparkport did not write.
func (o Ownership) extra(dir string) []string {
	if o.files == nil {
		return nil
	}
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == Marker {
			return nil
		}
		if d.IsDir() {
			if !o.dirs()[rel] {
				out = append(out, rel+"/")
				return fs.SkipDir
			}
			return nil
		}
		if !o.files[rel] {
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// dirs are the folders that hold what sparkport wrote.
func (o Ownership) dirs() map[string]bool {
	out := map[string]bool{}
	for f := range o.files {
		for d := path.Dir(f); d != "." && d != "/"; d = path.Dir(d) {
			out[d] = true
		}
	}
	return out
}

// markerContent is what Marker holds for command: the command, then
// every file sparkport wrote (so that --force never deletes another).
func markerContent(command string, paths []string) []byte {
	var b strings.Builder
	b.WriteString("sparkport " + command + " output: sparkport may replace this folder with --force\n")
	for _, p := range paths {
		b.WriteString("file " + p + "\n")
	}
	return []byte(b.String())
}

func parseMarker(b []byte) Ownership {
	o := Ownership{Kind: Ours}
	lines := strings.Split(string(b), "\n")
	if f := strings.Fields(lines[0]); len(f) > 1 {
		o.Command = f[1]
	}
	for _, l := range lines[1:] {
		if p, ok := strings.CutPrefix(l, "file "); ok {
			if o.files == nil {
				o.files = map[string]bool{}
			}
			o.files[p] = true
		}
	}
	if o.files == nil {
		o.files = map[string]bool{} // a marker that lists nothing: only the marker is ours
	}
	return o
}

// startedMarker recognises the marker of a folder a killed Write left: it
// may have been cut short while it was written.
func startedMarker(p string) bool {
	b, err := readSmall(p)
	if err != nil {
		return false
	}
	const want = "sparkport "
	return bytes.HasPrefix(b, []byte(want)) || bytes.HasPrefix([]byte(want), b)
}

// legacyManifestFiles recognises manifest.json of a migrate output
// written before Marker existed (a JSON object with schema, estate, jobs
// and files) and returns the files it lists, itself included.
func legacyManifestFiles(p string) (map[string]bool, bool) {
	b, err := readSmall(p)
	if err != nil {
		return nil, false
	}
	var m struct {
		Schema *int             `json:"schema"`
		Estate *string          `json:"estate"`
		Jobs   *json.RawMessage `json:"jobs"`
		Files  *[]struct {
			Path string `json:"path"`
		} `json:"files"`
	}
	if json.Unmarshal(b, &m) != nil || m.Schema == nil || m.Estate == nil || m.Jobs == nil || m.Files == nil {
		return nil, false
	}
	files := map[string]bool{legacyManifest: true}
	for _, f := range *m.Files {
		files[f.Path] = true
	}
	return files, true
}

// readSmall reads a regular file of at most 256 MiB; a marker is never a
// link or a device.
func readSmall(p string) ([]byte, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() || info.Size() > 256<<20 {
		return nil, errors.New("not a regular file")
	}
	return os.ReadFile(p)
}

// resolve makes p absolute and resolves the links of its longest existing
// prefix, so that two names of one folder compare equal.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	cur := abs
	for {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether p lies strictly below dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// writers is how many files Write writes at once: writing thousands of
// small files waits on the disk, not the CPU.
const writers = 8

// Write puts files (slash-separated relative paths) into dir atomically,
// with the Marker of command. Call Check first: Write replaces dir
// only when force is set and dir is empty or a sparkport output, and it
// checks that again.
func Write(dir, command string, files map[string][]byte, force bool) error {
	for p := range files {
		if err := safeRel(p); err != nil {
			return fmt.Errorf("internal error: output file %q: %v", p, err)
		}
	}
	o, err := Begin(dir, command, force)
	if err != nil {
		return err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	errs := make([]error, len(paths))
	parallel(len(paths), writers, func(i int) { errs[i] = o.Add(paths[i], files[paths[i]]) })
	for _, err := range errs {
		if err != nil {
			o.Discard()
			return err
		}
	}
	return o.Commit()
}

// Output is an output folder being written: files are added to a new
// folder beside dir as they are made, so that a large output is never
// held in memory whole, and Commit swaps the folder into place. Until
// Commit, dir is as it was; Discard (or a killed run, and the next run's
// Recover) removes the new folder. Add and Create are safe for
// concurrent use.
type Output struct {
	dir, command, tmp string
	mu                sync.Mutex
	paths             map[string]bool
	dirs              map[string]func() error // made once, whoever needs it first
	done              bool
}

// Begin checks that dir may be written (as Write does) and creates the new
// folder, holding a Marker that lists no file yet.
func Begin(dir, command string, force bool) (*Output, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	base := filepath.Base(dir)
	Recover(dir)
	if info, err := os.Lstat(dir); err == nil {
		if !info.IsDir() {
			return nil, &Error{Dir: dir, What: "is a file, not a folder"}
		}
		if err := replaceable(dir, command, force); err != nil {
			return nil, err
		}
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// The new folder is created and registered for Abandon in one step.
	swapping.Lock()
	if abandoned {
		swapping.Unlock()
		return nil, errors.New("interrupted")
	}
	tmp, err := os.MkdirTemp(parent, "."+base+tmpInfix)
	if err == nil {
		inFlight.Store(tmp, true)
	}
	swapping.Unlock()
	if err != nil {
		return nil, err
	}
	o := &Output{dir: dir, command: command, tmp: tmp, paths: map[string]bool{}, dirs: map[string]func() error{}}
	// The marker goes first: a folder left by a killed run is recognised
	// as ours by the next one, and removed.
	if err := os.WriteFile(filepath.Join(tmp, Marker), markerContent(command, nil), 0o644); err != nil {
		o.Discard()
		return nil, err
	}
	return o, nil
}

// Add writes one file (a slash-separated relative path) into the new
// folder. A path added twice is an internal error: two parts of a run
// wrote one file.
func (o *Output) Add(p string, data []byte) error {
	return o.Create(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Create writes one file through write, buffered: for a large file made
// piece by piece.
func (o *Output) Create(p string, write func(io.Writer) error) error {
	if err := safeRel(p); err != nil {
		return fmt.Errorf("internal error: output file %q: %v", p, err)
	}
	full := filepath.Join(o.tmp, filepath.FromSlash(p))
	o.mu.Lock()
	if o.done {
		o.mu.Unlock()
		return errors.New("internal error: output file " + p + " added after the output was committed or discarded")
	}
	if o.paths[p] {
		o.mu.Unlock()
		return fmt.Errorf("internal error: output file %q written twice", p)
	}
	o.paths[p] = true
	d := filepath.Dir(full)
	mkdir := o.dirs[d]
	if mkdir == nil {
		mkdir = sync.OnceValue(func() error { return os.MkdirAll(d, 0o755) })
		o.dirs[d] = mkdir
	}
	o.mu.Unlock()
	// Abandon waits for writers to finish their current file before it
	// removes the folder: a writer that has not yet seen the stop could
	// otherwise recreate folders under it after their removal.
	writing.RLock()
	defer writing.RUnlock()
	if stopped.Load() {
		return errors.New("interrupted")
	}
	if err := mkdir(); err != nil {
		return err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufPool.Get().(*bufio.Writer)
	bw.Reset(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	bufPool.Put(bw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// bufPool holds the buffers files are written through: one per file
// would allocate 64 KiB for each of tens of thousands of small files.
var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// Discard removes the new folder; dir stays as it was.
func (o *Output) Discard() {
	o.mu.Lock()
	o.done = true
	o.mu.Unlock()
	removeOwned(o.tmp)
	inFlight.Delete(o.tmp)
}

// Commit lists every file added in the Marker and swaps the new folder
// into place (replacing dir, when it was an earlier output).
func (o *Output) Commit() error {
	o.mu.Lock()
	if o.done {
		o.mu.Unlock()
		return errors.New("internal error: output committed twice")
	}
	o.done = true
	paths := make([]string, 0, len(o.paths))
	for p := range o.paths {
		paths = append(paths, p)
	}
	o.mu.Unlock()
	sort.Strings(paths)
	dir, tmp := o.dir, o.tmp
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	done := false
	defer func() {
		if !done {
			removeOwned(tmp)
		}
		inFlight.Delete(tmp)
	}()
	err := func() error {
		writing.RLock()
		defer writing.RUnlock()
		if stopped.Load() {
			return errors.New("interrupted")
		}
		// A marker cut short by a kill still starts as one (startedMarker).
		if err := os.WriteFile(filepath.Join(tmp, Marker), markerContent(o.command, paths), 0o644); err != nil {
			return err
		}
		if err := os.Chmod(tmp, 0o755); err != nil {
			return err
		}
		return syncDir(tmp)
	}()
	if err != nil {
		return err
	}
	// The swap and an interruption's clean-up never overlap: the output
	// is swapped in whole, or the run stops before it.
	swapping.Lock()
	defer swapping.Unlock()
	if abandoned {
		return errors.New("interrupted")
	}
	inFlight.Delete(tmp)
	if _, err := os.Lstat(dir); err == nil {
		// An atomic exchange leaves no moment without an output at dir;
		// where the file system cannot, two renames and Recover do.
		if err := exchange(tmp, dir); err == nil {
			done = true
			removeOwned(tmp) // now the previous output
			return nil
		}
		old := filepath.Join(parent, "."+base+oldInfix)
		removeOwned(old)
		if err := os.Rename(dir, old); err != nil {
			return err
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(old, dir) // put the previous output back
			return err
		}
		done = true
		return removeOwned(old)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return err
	}
	done = true
	return nil
}

// inFlight are the folders Writes are filling now, for Abandon.
var inFlight sync.Map

// swapping guards the swap of an output into place against Abandon.
var (
	swapping  sync.Mutex
	abandoned bool
	stopped   atomic.Bool  // set by Abandon, read without the lock
	writing   sync.RWMutex // held for reading while files are written into a new folder
)

// Interrupted reports whether Abandon ran: a Write failing then failed
// because its files were being removed, not for a reason to report.
func Interrupted() bool { return stopped.Load() }

// Abandon removes the folders Writes are filling now: called when the
// process is interrupted (Ctrl-C), so that nothing half written stays
// beside an output. A swap under way finishes first; none starts after.
// The outputs themselves are untouched.
func Abandon() {
	stopped.Store(true)
	swapping.Lock() // held: the process is about to exit
	abandoned = true
	writing.Lock() // writers see stopped and finish their current file
	defer writing.Unlock()
	inFlight.Range(func(k, _ any) bool {
		// Writers may still be adding files: remove until it is gone.
		for i := 0; i < 50; i++ {
			if removeOwned(k.(string)) == nil {
				if _, err := os.Lstat(k.(string)); os.IsNotExist(err) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond) // a writer finishing its file
		}
		return true
	})
}

const (
	tmpInfix = ".tmp-"
	oldInfix = ".old-sparkport"
)

// Recover repairs and cleans what a killed Write of dir left beside it:
// a previous output moved aside but not replaced is put back, and
// unfinished or replaced copies (they hold the Marker) are removed.
// Folders without the Marker are never touched.
func Recover(dir string) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	old := filepath.Join(parent, "."+base+oldInfix)
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		if _, err := os.Lstat(old); err == nil {
			os.Rename(old, dir)
		}
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() || !(strings.HasPrefix(n, "."+base+tmpInfix) || n == "."+base+oldInfix) {
			continue
		}
		p := filepath.Join(parent, n)
		if startedMarker(filepath.Join(p, Marker)) || isEmptyDir(p) {
			removeOwned(p)
		}
	}
}

// removeOwned removes a folder sparkport wrote, its Marker last: a run
// killed while removing it leaves a folder that still holds the Marker (or
// an empty one), which the next run's Recover recognises and finishes
// removing. os.RemoveAll alone may take the Marker first and leave files
// no later run would dare to touch.
func removeOwned(p string) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return os.RemoveAll(p)
	}
	var firstErr error
	for _, e := range entries {
		if e.Name() == Marker {
			continue
		}
		if err := os.RemoveAll(filepath.Join(p, e.Name())); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return firstErr
	}
	return os.RemoveAll(p)
}

func isEmptyDir(p string) bool {
	entries, err := os.ReadDir(p)
	return err == nil && len(entries) == 0
}

// safeRel refuses output paths that could leave the output folder.
func safeRel(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return errors.New("not a relative slash path")
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return errors.New("has an empty, . or .. element")
		}
	}
	if p == Marker {
		return errors.New("is the marker's name")
	}
	return nil
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	f.Sync() // best effort: not every file system syncs folders
	return nil
}

// parallel runs f(0..n-1) on at most workers goroutines.
func parallel(n, workers int, f func(i int)) { par.Do(n, workers, f) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
