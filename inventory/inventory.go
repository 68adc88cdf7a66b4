package inventory

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/parser/shell"
)

// SchemaVersion is the version of inventory.json's shape. Fields are only
// ever added within a version.
const SchemaVersion = 1

// Options tune a Build.
type Options struct {
	// Workers bounds the goroutines reading and parsing; 0 means one per core.
	Workers int
	// MaxFileSize is the size above which a file is not read (default
	// DefaultMaxFileSize).
	MaxFileSize int64
	// Consumed are table patterns (path.Match globs on db.table, such as
	// "mart.*") read outside the estate — by Athena users, dashboards,
	// exports — so that jobs writing them are not dead.
	Consumed []string
	// Progress, when set, is called as files are read and parsed.
	Progress func(done, total int)
	// Assess, when set, judges how a SQL step translates: "auto",
	// "warnings" or "manual", and the rules that warned or refused. The
	// inventory does not translate; the caller (the CLI) wires the
	// translator in.
	Assess func(st *ir.Step) (verdict string, rules []string)
}

// Inventory is what inventory.json holds.
type Inventory struct {
	Schema        int              `json:"schema"`
	Estate        string           `json:"estate"`
	Summary       *Summary         `json:"summary"`
	Files         []*ir.File       `json:"files"`
	Jobs          []*ir.Job        `json:"jobs"`
	Groups        []*ir.Group      `json:"groups"`
	Lineage       *ir.Lineage      `json:"lineage"`
	Waves         []*Wave          `json:"waves"`
	Cycles        [][]string       `json:"cycles"`
	Dead          []string         `json:"dead"`
	Consolidation []*Consolidation `json:"consolidation"`
	Secrets       []*SecretFound   `json:"secrets"`
}

// Wave is a set of jobs that can migrate together once the waves before
// it have: everything they read is produced in an earlier wave or outside
// the estate.
type Wave struct {
	Wave int      `json:"wave"`
	Jobs []string `json:"jobs"`
}

// Consolidation is a set of jobs on the same schedule reading the same
// inputs: candidates for one Spark application, for a person to decide.
type Consolidation struct {
	Trigger string   `json:"trigger"`
	Inputs  []string `json:"inputs"`
	Jobs    []string `json:"jobs"`
}

// SecretFound is where a credential is written in the estate. The value is
// never kept.
type SecretFound struct {
	Host string `json:"host"`
	Path string `json:"path"`
	Line int    `json:"line"`
	What string `json:"what"`
}

// Summary is the counts a planning meeting starts from.
type Summary struct {
	Hosts       int                       `json:"hosts"`
	Files       int                       `json:"files"`
	FilesBy     map[string]map[string]int `json:"files_by_kind_and_status"`
	Jobs        int                       `json:"jobs"`
	JobsBy      map[string]int            `json:"jobs_by_trigger"`
	Steps       int                       `json:"steps"`
	StepsBy     map[string]int            `json:"steps_by_kind"`
	Translation map[string]int            `json:"sql_steps_by_translation,omitempty"`
	Groups      map[string]int            `json:"groups_by_relation"`
	Dead        int                       `json:"dead_jobs"`
	Waves       int                       `json:"waves"`
	Cycles      int                       `json:"cycles"`
	Secrets     int                       `json:"secrets"`
	// Replaceable is how many jobs remain once every identical,
	// equivalent and parametric job group is merged into one job.
	Replaceable int `json:"jobs_after_merge"`
}

// Build inventories the estate at root. Only an unreadable root is an
// error: everything inside it is accounted for in the result.
func Build(root string, opts Options) (*Inventory, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a folder (want ESTATE/<host>/...)", root)
	}
	list, hosts, err := walk(root, opts.MaxFileSize)
	if err != nil {
		return nil, err
	}
	trees := make([]*parsed, len(list))
	var done atomic.Int64
	parallel(len(list), opts.Workers, func(i int) {
		s := list[i]
		func() {
			defer func() {
				if r := recover(); r != nil {
					s.file.Status = ir.StatusError
					s.file.Diagnostics = append(s.file.Diagnostics, &ir.Diagnostic{Line: 1, Col: 1, Severity: "error",
						Message: fmt.Sprintf("internal error reading the file: %v (please report this input)", r)})
				}
			}()
			if s.file.Status == "" {
				s.read(opts.MaxFileSize)
			}
			trees[i] = s.parse()
		}()
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), len(list))
		}
	})

	inv := &Inventory{Schema: SchemaVersion, Estate: filepath.Base(filepath.Clean(root))}
	byHost := map[string]*memHost{}
	for _, h := range hosts {
		byHost[h] = &memHost{name: h, files: map[string]int{}}
	}
	for i, s := range list {
		inv.Files = append(inv.Files, s.file)
		if h := byHost[s.file.Host]; h != nil {
			h.files[s.file.Path] = i
			h.list, h.trees = list, trees
		}
	}
	jobsOf := make([][]*ir.Job, len(hosts))
	parallel(len(hosts), opts.Workers, func(i int) {
		jobsOf[i] = byHost[hosts[i]].lower()
	})
	for _, js := range jobsOf {
		inv.Jobs = append(inv.Jobs, js...)
	}
	// Command lines are shown as written (inventory.json, reports, emitted
	// steps): they go through the redaction every verbatim copy goes
	// through, beyond what the shell front end already blanked (a password
	// inside hive -e SQL, a URL's user:pass@).
	for _, j := range inv.Jobs {
		for _, st := range j.Steps {
			for i, a := range st.Args {
				st.Args[i] = redact.Text(a)
			}
			// Paths and URLs name data; a user:pass@ in them is a
			// credential, never part of the name.
			for i, x := range st.Inputs {
				st.Inputs[i] = redact.URL(x)
			}
			for i, x := range st.Outputs {
				st.Outputs[i] = redact.URL(x)
			}
		}
	}
	for _, f := range inv.Files {
		if f.Diagnostics == nil {
			f.Diagnostics = []*ir.Diagnostic{}
		}
		// Messages quote the legacy text they are about: they go through
		// the redaction every verbatim copy goes through.
		for _, d := range f.Diagnostics {
			d.Message = redact.Text(d.Message)
		}
		for _, sec := range f.Secrets {
			inv.Secrets = append(inv.Secrets, &SecretFound{Host: f.Host, Path: f.Path, Line: sec.Line, What: sec.What})
		}
	}
	sortFiles(inv.Files)
	sort.Slice(inv.Jobs, func(i, j int) bool { return inv.Jobs[i].ID < inv.Jobs[j].ID })

	steps := allSteps(inv.Jobs)
	analyses := analyseSteps(steps, opts)
	keyCalls(inv.Jobs, steps, analyses)
	inv.Groups = dedup(inv.Jobs, steps, analyses)
	inv.Lineage = lineage(inv.Jobs, analyses)
	inv.Waves, inv.Cycles = waves(inv.Jobs, inv.Lineage, inv.Groups)
	inv.Dead = deadJobs(inv.Jobs, inv.Lineage, opts.Consumed)
	inv.Consolidation = consolidation(inv.Jobs)
	inv.Summary = summarise(inv, len(hosts))
	inv.normalise()
	return inv, nil
}

func allSteps(jobs []*ir.Job) []*ir.Step {
	var out []*ir.Step
	for _, j := range jobs {
		out = append(out, j.Steps...)
	}
	return out
}

// normalise gives every list of the contract a value: readers see [] for
// nothing, never null.
func (inv *Inventory) normalise() {
	if inv.Files == nil {
		inv.Files = []*ir.File{}
	}
	if inv.Jobs == nil {
		inv.Jobs = []*ir.Job{}
	}
	if inv.Groups == nil {
		inv.Groups = []*ir.Group{}
	}
	if inv.Waves == nil {
		inv.Waves = []*Wave{}
	}
	if inv.Cycles == nil {
		inv.Cycles = [][]string{}
	}
	if inv.Dead == nil {
		inv.Dead = []string{}
	}
	if inv.Consolidation == nil {
		inv.Consolidation = []*Consolidation{}
	}
	if inv.Secrets == nil {
		inv.Secrets = []*SecretFound{}
	}
}

// memHost is one host of the estate as the scan read it: the lowering reads
// files from memory, decoded, and the host records which files were read,
// which is how the inventory knows what is called from an entry point.
type memHost struct {
	name  string
	files map[string]int // absolute path → index in list
	list  []*scanned
	trees []*parsed

	mu    sync.Mutex
	reads map[string]bool
}

func (h *memHost) Name() string { return h.name }

func (h *memHost) Read(abs string) ([]byte, bool) {
	i, ok := h.files[path.Clean("/"+abs)]
	if !ok || h.list[i].text == nil {
		return nil, false
	}
	h.mu.Lock()
	if h.reads != nil {
		h.reads[h.list[i].file.Path] = true
	}
	h.mu.Unlock()
	return h.list[i].text, true
}

func (h *memHost) Script(abs string) (*shell.Script, bool) {
	i, ok := h.files[path.Clean("/"+abs)]
	if !ok || h.trees[i] == nil || h.trees[i].script == nil {
		return nil, false
	}
	h.Read(abs) // what the lowering reads is tracked as read
	return h.trees[i].script, true
}

func (h *memHost) SQL(abs string) (*hiveql.File, bool) {
	i, ok := h.files[path.Clean("/"+abs)]
	if !ok || h.trees[i] == nil || h.trees[i].sql == nil {
		return nil, false
	}
	return h.trees[i].sql, true
}

// track starts recording reads; the returned function stops and returns them.
func (h *memHost) track() func() map[string]bool {
	h.mu.Lock()
	h.reads = map[string]bool{}
	h.mu.Unlock()
	return func() map[string]bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		r := h.reads
		h.reads = nil
		return r
	}
}

// lower turns the host's files into jobs: crontab lines and scheduled
// workflows first, then workflows other workflows call, then every script
// and SQL file that nothing reached.
func (h *memHost) lower() (jobs []*ir.Job) {
	defer func() {
		if r := recover(); r != nil {
			// A lowering bug loses this host's jobs, never the run; the
			// host's first file carries the message.
			for _, i := range h.files {
				f := h.list[i].file
				f.Diagnostics = append(f.Diagnostics, &ir.Diagnostic{Line: 1, Col: 1, Severity: "error",
					Message: fmt.Sprintf("internal error lowering host %s: %v (please report this input)\n%s", h.name, r, debug.Stack())})
				break
			}
		}
	}()
	paths := make([]string, 0, len(h.files))
	for p := range h.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	reached := map[string]bool{}
	called := map[string]string{} // workflow → the first workflow calling it
	var workflows []string
	for _, p := range paths {
		s, tree := h.list[h.files[p]], h.trees[h.files[p]]
		if tree == nil {
			continue
		}
		switch {
		case tree.cron != nil && s.form != cronUninstalled:
			stop := h.track()
			jobs = append(jobs, LowerCrontab(h, p, tree.cron)...)
			for r := range stop() {
				reached[r] = true
			}
		case tree.workflow != nil:
			workflows = append(workflows, p)
		}
	}
	wfJobs := map[string]*ir.Job{}
	for _, p := range workflows {
		stop := h.track()
		job := LowerDigdag(h, p, h.trees[h.files[p]].workflow)
		for r := range stop() {
			reached[r] = true
		}
		wfJobs[p] = job
		for _, st := range job.Steps {
			if st.Kind != "digdag-call" && st.Kind != "digdag-require" || len(st.Args) < 2 {
				continue
			}
			target := resolve(path.Dir(p), st.Args[1])
			if !strings.HasSuffix(target, ".dig") {
				target += ".dig"
			}
			if _, ok := called[target]; !ok && target != p {
				called[target] = job.ID
			}
			if _, ok := h.files[target]; ok && target != p {
				st.Calls = h.name + ":" + target
			}
		}
	}
	for _, p := range workflows {
		job := wfJobs[p]
		if job.Trigger.Kind == ir.TriggerUnscheduled {
			if by, ok := called[p]; ok {
				job.Trigger = &ir.Trigger{Kind: ir.TriggerCalled, Spec: by}
			}
		}
		jobs = append(jobs, job)
	}
	// Scripts and SQL files nothing reached are jobs of their own, unless
	// another such file calls them; in a cycle of such files, each stays.
	var rest []string
	for _, p := range paths {
		s := h.list[h.files[p]]
		if !reached[p] && s.text != nil && s.file.Status != ir.StatusIgnored && (s.file.Kind == ir.KindShell || s.file.Kind == ir.KindHiveQL) {
			rest = append(rest, p)
		}
	}
	pending := map[string]*ir.Job{}
	readBy := map[string][]string{}
	for _, p := range rest {
		stop := h.track()
		var job *ir.Job
		if h.list[h.files[p]].file.Kind == ir.KindShell {
			job = LowerScript(h, p, h.list[h.files[p]].text)
		} else {
			job = LowerSQLFile(h, p, ir.StepHiveSQL)
		}
		for r := range stop() {
			if r != p {
				readBy[r] = append(readBy[r], p)
			}
		}
		pending[p] = job
	}
	for _, p := range rest {
		if len(readBy[p]) == 0 || !reachesRoot(p, readBy) {
			jobs = append(jobs, pending[p])
		}
	}
	return jobs
}

// reachesRoot reports whether some chain of callers of p starts at a file
// nothing calls (so p is covered by that file's job). In a cycle with no
// such file, it reports false and each file of the cycle stays a job.
func reachesRoot(p string, readBy map[string][]string) bool {
	seen := map[string]bool{p: true}
	queue := []string{p}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		for _, c := range readBy[q] {
			if len(readBy[c]) == 0 {
				return true
			}
			if !seen[c] {
				seen[c] = true
				queue = append(queue, c)
			}
		}
	}
	return false
}
