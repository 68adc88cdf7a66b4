package inventory

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/internal/par"
	"github.com/sparkport/sparkport/internal/textenc"
	"github.com/sparkport/sparkport/ir"
)

// DefaultMaxFileSize is the size above which a file is reported and not
// read: scripts are small, and the logs of hundreds of MB that sit beside
// them on batch hosts are not jobs.
const DefaultMaxFileSize = 16 << 20

// scanned is one file found in the estate, as the scan read it.
type scanned struct {
	file *ir.File
	disk string // path on disk
	text []byte // decoded UTF-8; nil when the file was not read
	form cronForm
}

type cronForm uint8

const (
	notCron cronForm = iota
	cronSystem
	cronUser
	cronUninstalled // named like a crontab, but where cron does not read it
)

// walk lists every entry of the estate, host by host, in lexical order,
// without following symbolic links to directories. Everything found is
// accounted for: what is not read says why in its Reason.
func walk(root string, maxSize int64) ([]*scanned, []string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, nil, err
	}
	var out []*scanned
	var hosts []string
	for _, e := range entries {
		hostDir := filepath.Join(root, e.Name())
		if !e.IsDir() {
			// A file beside the host folders belongs to no host.
			out = append(out, ignored(&ir.File{Host: "", Path: "/" + e.Name()}, hostDir, "not inside a host folder (ESTATE/<host>/...)"))
			continue
		}
		hosts = append(hosts, e.Name())
		err := filepath.WalkDir(hostDir, func(p string, d fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(hostDir, p)
			abs := "/" + filepath.ToSlash(rel)
			if rel == "." {
				abs = "/"
			}
			f := &ir.File{Host: e.Name(), Path: abs}
			if err != nil {
				out = append(out, unreadable(f, p, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			out = append(out, classifyEntry(f, p, d, maxSize))
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return out, hosts, nil
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// unreadable marks a file the scan could not read: an error (the run
// fails), never a file quietly left out.
func unreadable(f *ir.File, disk string, err error) *scanned {
	f.Kind, f.Status, f.Reason, f.Encoding = ir.KindOther, ir.StatusError, "unreadable: "+errText(err), ""
	f.Diagnostics = append(f.Diagnostics, &ir.Diagnostic{Line: 1, Col: 1, Severity: "error", Message: "cannot read the file: " + errText(err)})
	return &scanned{file: f, disk: disk}
}

func ignored(f *ir.File, disk, reason string) *scanned {
	f.Kind, f.Status, f.Reason, f.Encoding = ir.KindOther, ir.StatusIgnored, reason, ""
	return &scanned{file: f, disk: disk}
}

// classifyEntry decides, from the directory entry alone, whether a file is
// to be read: links are followed to files only, and sizes are checked
// before a byte is read.
func classifyEntry(f *ir.File, disk string, d fs.DirEntry, maxSize int64) *scanned {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(disk)
		info, err := os.Stat(disk)
		switch {
		case err != nil && strings.Contains(err.Error(), "too many levels"):
			return ignored(f, disk, "symbolic link loop ("+target+")")
		case err != nil:
			return ignored(f, disk, "broken symbolic link to "+target)
		case info.IsDir():
			return ignored(f, disk, "symbolic link to a directory ("+target+"), not followed")
		case !info.Mode().IsRegular():
			return ignored(f, disk, "symbolic link to a special file ("+target+")")
		}
		return sized(f, disk, info.Size(), maxSize)
	}
	if !mode.IsRegular() {
		return ignored(f, disk, "not a regular file ("+mode.Type().String()+")")
	}
	info, err := d.Info()
	if err != nil {
		return unreadable(f, disk, err)
	}
	return sized(f, disk, info.Size(), maxSize)
}

func sized(f *ir.File, disk string, size, maxSize int64) *scanned {
	switch {
	case size == 0:
		return ignored(f, disk, "empty file")
	case size > maxSize:
		return ignored(f, disk, fmt.Sprintf("too large to be a job file (%d bytes, limit %d); not read", size, maxSize))
	}
	return &scanned{file: f, disk: disk}
}

// read loads, decodes and classifies one file the walk chose to read. A
// file that grew past the limit since the walk is cut there, not read whole.
func (s *scanned) read(maxSize int64) {
	fh, err := os.Open(s.disk)
	if err != nil {
		unreadable(s.file, s.disk, err)
		return
	}
	defer fh.Close()
	raw, err := io.ReadAll(io.LimitReader(fh, maxSize+1))
	if err != nil {
		unreadable(s.file, s.disk, err)
		return
	}
	if int64(len(raw)) > maxSize {
		ignored(s.file, s.disk, fmt.Sprintf("too large to be a job file (over %d bytes); not read", maxSize))
		return
	}
	if textenc.IsBinary(raw) {
		s.file.Kind, s.file.Status, s.file.Reason = ir.KindBinary, ir.StatusIgnored, "binary file"
		return
	}
	dec := textenc.Decode(raw)
	s.text = dec.Text
	s.file.Encoding, s.file.CRLF = dec.Encoding, dec.CRLF
	if dec.Lossy {
		s.file.Diagnostics = append(s.file.Diagnostics, &ir.Diagnostic{Line: 1, Col: 1, Severity: "warning",
			Message: "some bytes are not valid " + dec.Encoding + " and were replaced"})
	}
	s.file.Kind, s.form, s.file.Reason = classify(s.file.Path, s.text)
	if s.file.Reason != "" {
		s.file.Status = ir.StatusIgnored
	}
}

// classify names a file's kind from its path, then its shebang. Reason is
// set for files that are read but hold no job.
func classify(p string, text []byte) (kind string, form cronForm, reason string) {
	base := path.Base(p)
	switch {
	case p == "/etc/crontab":
		return ir.KindCrontab, cronSystem, ""
	case strings.HasPrefix(p, "/etc/cron.d/"):
		return ir.KindCrontab, cronSystem, ""
	case strings.HasPrefix(p, "/var/spool/cron/"):
		return ir.KindCrontab, cronUser, ""
	}
	ext := strings.ToLower(path.Ext(base))
	switch ext {
	case ".hql", ".q", ".hive", ".sql":
		return ir.KindHiveQL, notCron, ""
	case ".dig":
		return ir.KindDigdag, notCron, ""
	case ".sh", ".bash", ".ksh":
		return ir.KindShell, notCron, ""
	}
	if strings.HasPrefix(strings.ToLower(base), "crontab") {
		return ir.KindCrontab, cronUninstalled, ""
	}
	if interp := shebang(text); interp != "" {
		switch interp {
		case "sh", "bash", "ksh", "dash", "zsh":
			return ir.KindShell, notCron, ""
		}
		return ir.KindOther, notCron, interp + " script: no front end reads it; its calls are not followed"
	}
	switch ext {
	case ".yml", ".yaml":
		return ir.KindOther, notCron, "configuration (YAML), read only where a job names it"
	case ".log", ".out", ".err":
		return ir.KindOther, notCron, "log file"
	case ".conf", ".cfg", ".properties", ".ini", ".env":
		return ir.KindOther, notCron, "configuration file"
	case ".md", ".txt", ".rst", ".csv", ".tsv", ".json":
		return ir.KindOther, notCron, "data or documentation, not a job"
	case ".bak", ".orig", ".old", ".swp":
		return ir.KindOther, notCron, "backup copy, not run"
	}
	return ir.KindOther, notCron, "not a job file (no known extension or shebang)"
}

// shebang returns the interpreter's base name of a #! line, looking
// through /usr/bin/env.
func shebang(text []byte) string {
	if len(text) < 2 || text[0] != '#' || text[1] != '!' {
		return ""
	}
	line := string(text[2:])
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return ""
	}
	interp := path.Base(fields[0])
	if interp == "env" && len(fields) > 1 {
		interp = path.Base(fields[1])
	}
	return strings.TrimRight(interp, "0123456789.")
}

// parallel runs fn(0) … fn(n-1) on at most workers goroutines (0: one
// per core); results are kept by index.
func parallel(n, workers int, fn func(i int)) { par.Do(n, workers, fn) }

func sortFiles(files []*ir.File) {
	sort.Slice(files, func(i, j int) bool {
		if files[i].Host != files[j].Host {
			return files[i].Host < files[j].Host
		}
		return files[i].Path < files[j].Path
	})
}

// rootDirs are folders of a Unix root file system: an estate whose host
// folders are named so was given one level too low (a host's root).
var rootDirs = map[string]bool{"etc": true, "home": true, "opt": true, "var": true, "usr": true, "srv": true, "root": true, "tmp": true, "data": true, "bin": true, "lib": true}

// CheckLayout tells an estate given at the wrong level before anything is
// read: ESTATE must hold one folder per VM (ESTATE/<host>/etc/crontab).
// It reports an empty folder, loose files with no host folder, one host's
// root file system given as the estate, and an estate one level too high
// (its only folder holds the host folders).
func CheckLayout(root string) error {
	entries, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	var hosts []string
	files := 0
	for _, e := range entries {
		if e.IsDir() {
			hosts = append(hosts, e.Name())
		} else {
			files++
		}
	}
	switch {
	case len(hosts) == 0 && files == 0:
		return fmt.Errorf("the folder is empty: want one folder per VM (ESTATE/<host>/etc/crontab, ESTATE/<host>/home/…)")
	case len(hosts) == 0:
		what := fmt.Sprintf("%d files", files)
		if files == 1 {
			what = "1 file"
		}
		return fmt.Errorf("%s and no host folder: want one folder per VM (ESTATE/<host>/etc/crontab, ESTATE/<host>/home/…)", what)
	}
	rootLike := 0
	for _, h := range hosts {
		if rootDirs[h] {
			rootLike++
		}
	}
	if rootLike >= 2 && rootLike*2 >= len(hosts) {
		return fmt.Errorf("its folders (%s) look like one host's root file system: give the folder that holds this host's folder, with one folder per VM", strings.Join(hosts, ", "))
	}
	// One level too high: a folder that holds host folders (each with
	// etc/, home/, opt/ …) is an estate, not a host.
	for _, h := range hosts {
		sub, err := os.ReadDir(filepath.Join(root, h))
		if err != nil {
			continue
		}
		hostLike, rootHere := 0, false
		for _, d := range sub {
			if !d.IsDir() {
				continue
			}
			if rootDirs[d.Name()] {
				rootHere = true
				break
			}
			inner, _ := os.ReadDir(filepath.Join(root, h, d.Name()))
			for _, in := range inner {
				if in.IsDir() && rootDirs[in.Name()] {
					hostLike++
					break
				}
			}
		}
		if !rootHere && hostLike >= 2 {
			return fmt.Errorf("it looks one level too high: %s holds host folders; give %s instead", h, filepath.Join(root, h))
		}
	}
	return nil
}
