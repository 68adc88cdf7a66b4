package digdagcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sparkport/sparkport/emit"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/cron"
)

// Options tune a check.
type Options struct {
	// Home is the harness install (Home()).
	Home string
	// Zones are time zones every scheduled workflow is checked in as well
	// as its own (schedules and values): one with daylight saving time
	// by default, America/New_York.
	Zones []string
	// From and Until bound the fire times compared (default: the year
	// 2024, a leap year).
	From, Until time.Time
	// Params are passed to every workflow as `digdag run -p` would.
	Params map[string]string
	// Timeout bounds each run of the harness (default 10 minutes).
	Timeout time.Duration
	// Estate is the legacy estate migrate read, for the legacy Digdag
	// workflows (default: the manifest's estate, when it is a folder
	// from here).
	Estate string
}

// Problem is one finding, at a line of an emitted workflow.
type Problem struct {
	File     string `json:"file"` // digdag/<job>.dig
	Line     int    `json:"line"`
	Severity string `json:"severity"` // error, warning
	Kind     string `json:"kind"`     // load, schedule, call, eval, operator, value, fire-times, daylight-saving
	Message  string `json:"message"`
	// Also counts the other session times the same problem was seen at.
	Also int `json:"also,omitempty"`
	// same groups the problems that differ only by session time.
	same string
}

// Workflow is the check of one emitted workflow.
type Workflow struct {
	File     string    `json:"file"`
	Tasks    int       `json:"tasks"`
	Timezone string    `json:"timezone,omitempty"`
	Schedule string    `json:"schedule,omitempty"`
	Failed   bool      `json:"failed"`
	Problems []Problem `json:"problems,omitempty"`
}

// Summary holds the closing figures.
type Summary struct {
	Workflows int `json:"workflows"`
	Failed    int `json:"failed"`
	// Schedules: (workflow, legacy copy, zone) triples whose fire times
	// over the window were compared, and how many were equal.
	SchedulesCompared int `json:"schedules_compared"`
	SchedulesEqual    int `json:"schedules_equal"`
	// SchedulesDST differ only within hours of a daylight saving clock
	// change, where Digdag's scheduler and cron differ (warnings).
	SchedulesDST int `json:"schedules_dst_only"`
	// MergedCopies are legacy copies that ran on another schedule than
	// the one their canonical job keeps (listed in review.md as
	// merged-schedule): the documented exception, not compared.
	MergedCopies int `json:"merged_copies"`
	// Values: parameters an emr> step passes, compared with what the
	// legacy job computed at the same time, and how many were equal;
	// ValueWorkflows counts the workflows that had any.
	ValuesCompared int `json:"values_compared"`
	ValuesEqual    int `json:"values_equal"`
	ValueWorkflows int `json:"value_workflows"`
	// Sessions is the number of session times each workflow was
	// evaluated at, in each zone.
	Sessions int `json:"sessions"`
}

// Report is the result of a check.
type Report struct {
	Digdag    string      `json:"digdag"`
	Zones     []string    `json:"zones"`
	From      time.Time   `json:"from"`
	Until     time.Time   `json:"until"`
	Workflows []*Workflow `json:"workflows"`
	Notes     []string    `json:"notes,omitempty"`
	Summary   Summary     `json:"summary"`
	// Seconds are wall times: digdag (the harness runs), dates (the
	// legacy date words under faketime, with DateRuns runs of bash).
	Seconds  map[string]float64 `json:"seconds"`
	DateRuns int                `json:"date_runs"`
}

// Failed reports whether any workflow failed.
func (r *Report) Failed() bool { return r.Summary.Failed > 0 }

// ClusterParam is the value given to ${emr_cluster_id} when the workflows
// are evaluated.
const ClusterParam = "j-SPARKPORTVERIFY"

// Run checks the digdag/ folder of the migrate output dir.
func Run(ctx context.Context, dir string, opt Options) (*Report, error) {
	if opt.From.IsZero() {
		opt.From = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if opt.Until.IsZero() {
		opt.Until = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if opt.Zones == nil {
		opt.Zones = []string{"America/New_York"}
	}
	if opt.Timeout == 0 {
		opt.Timeout = 10 * time.Minute
	}
	params := map[string]string{"emr_cluster_id": ClusterParam}
	for k, v := range opt.Params {
		params[k] = v
	}
	for _, z := range opt.Zones {
		if _, err := time.LoadLocation(z); err != nil {
			return nil, fmt.Errorf("zone %s: %v", z, err)
		}
	}

	c := &checker{dir: dir, opt: opt, workflows: map[string]*Workflow{}, docs: map[string]*doc{}}
	if err := c.load(); err != nil {
		return nil, err
	}
	rep := &Report{Zones: opt.Zones, From: opt.From, Until: opt.Until, Seconds: map[string]float64{}}
	if len(c.files) == 0 {
		return rep, nil
	}
	dates, note := newDateRunner()
	defer dates.close()
	if note != "" {
		rep.Notes = append(rep.Notes, note)
	}
	if c.noEstate {
		rep.Notes = append(rep.Notes, "the legacy estate was not found (give --estate DIR): workflows rewritten from legacy Digdag workflows were not compared with them")
	}
	c.dates = dates

	// One run of Digdag in the workflows' own zones (the emitted
	// workflows and the legacy Digdag workflows they replace), then one
	// per extra zone for the scheduled ones.
	for zi, zone := range append([]string{""}, opt.Zones...) {
		req := &harnessRequest{Params: params, Timezone: zone,
			ScheduleFrom: opt.From.UTC().Format(time.RFC3339), ScheduleUntil: opt.Until.UTC().Format(time.RFC3339), ScheduleLimit: 600000}
		var keys []string
		for _, f := range c.files {
			d := c.docs[f]
			if zone != "" && !d.scheduled {
				continue
			}
			z := zone
			if z == "" {
				z = d.timezone
			}
			hw := harnessWorkflow{Project: filepath.Join(dir, "digdag"), File: f, Sessions: c.sessions(z, zone != "")}
			if cr, ok := c.callers[f]; ok {
				hw.Caller = &harnessCaller{Project: filepath.Join(dir, "digdag"), File: cr.file, Task: cr.task}
				if zone == "" {
					hw.Sessions = c.sessions(c.docs[cr.file].timezoneOr("UTC"), false)
				}
			}
			req.Workflows = append(req.Workflows, hw)
			keys = append(keys, "new:"+f)
		}
		for _, lf := range c.legacyDigs() {
			z := zone
			if z == "" {
				z = c.legacyZone[lf]
			}
			req.Workflows = append(req.Workflows, harnessWorkflow{Project: filepath.Dir(lf), File: filepath.Base(lf), Sessions: c.sessions(z, zone != "")})
			keys = append(keys, "old:"+lf)
		}
		if len(req.Workflows) == 0 {
			continue
		}
		started := time.Now()
		resp, err := runHarness(ctx, opt.Home, req, opt.Timeout)
		if err != nil {
			return nil, err
		}
		rep.Seconds["digdag"] += time.Since(started).Seconds()
		rep.Digdag = resp.Digdag
		got := map[string]*harnessResult{}
		for i, k := range keys {
			got[k] = resp.Workflows[i]
		}
		if zi == 0 {
			rep.Summary.Sessions = len(c.sessions("UTC", false))
		}
		if err := c.compare(ctx, got, zone); err != nil {
			return nil, err
		}
	}
	if dates != nil {
		rep.Seconds["dates"], rep.DateRuns = dates.spent.Seconds(), dates.runs
	}
	rep.Summary.MergedCopies = c.merged
	rep.Summary.SchedulesCompared, rep.Summary.SchedulesEqual, rep.Summary.SchedulesDST = c.schedCompared, c.schedEqual, c.schedDST
	rep.Summary.ValuesCompared, rep.Summary.ValuesEqual = c.valCompared, c.valEqual
	rep.Summary.ValueWorkflows = len(c.valueFiles)
	for _, f := range c.files {
		w := c.workflows[f]
		sort.SliceStable(w.Problems, func(i, j int) bool { return w.Problems[i].Line < w.Problems[j].Line })
		w.Problems = dedupe(w.Problems)
		for _, p := range w.Problems {
			if p.Severity == "error" {
				w.Failed = true
			}
		}
		rep.Workflows = append(rep.Workflows, w)
		rep.Summary.Workflows++
		if w.Failed {
			rep.Summary.Failed++
		}
	}
	return rep, nil
}

// dedupe keeps the first of equal problems, and of problems that differ
// only by the session they were seen at, counting the others in Also.
func dedupe(ps []Problem) []Problem {
	seen := map[string]int{}
	var out []Problem
	for _, p := range ps {
		k := fmt.Sprintf("%d\x00%s\x00%s", p.Line, p.Kind, p.Message)
		if p.same != "" {
			k = fmt.Sprintf("%d\x00%s\x00%s", p.Line, p.Kind, p.same)
		}
		if i, ok := seen[k]; ok {
			if p.Message != out[i].Message {
				out[i].Also++
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, p)
	}
	return out
}

// checker holds one check's inputs and tallies.
type checker struct {
	dir       string
	opt       Options
	manifest  *emit.Manifest
	jobs      map[string]*ir.Job
	files     []string // digdag/ files, relative to digdag/
	docs      map[string]*doc
	workflows map[string]*Workflow
	// runsOf lists, per workflow file, the canonical runs it schedules.
	runsOf map[string][]runRef
	// legacyDig is the estate path of each Digdag leader's workflow file;
	// legacyZone its own time zone.
	legacyDig  map[string]string // run key → estate path
	legacyZone map[string]string
	// callers holds, for a workflow another one calls, the first caller
	// (in file order) and its call> task.
	callers map[string]struct{ file, task string }
	dates   *dateRunner
	// estate is where the legacy files are ("" when unknown); noEstate
	// is set when a legacy Digdag workflow could not be read for it.
	estate   string
	noEstate bool

	merged                    int
	schedCompared, schedEqual int
	schedDST                  int
	valCompared, valEqual     int
	valueFiles                map[string]bool
	mergedSeen                map[string]bool
}

type runRef struct {
	canon *emit.CanonicalEntry
	run   *emit.RunEntry
}

func (c *checker) load() error {
	data, err := os.ReadFile(filepath.Join(c.dir, "manifest.json"))
	if err != nil {
		return fmt.Errorf("%s is not a migrate output: %v", c.dir, err)
	}
	c.manifest = &emit.Manifest{}
	if err := json.Unmarshal(data, c.manifest); err != nil {
		return fmt.Errorf("manifest.json: %v", err)
	}
	data, err = os.ReadFile(filepath.Join(c.dir, "report", "inventory.json"))
	if err != nil {
		return fmt.Errorf("%s has no report/inventory.json: %v", c.dir, err)
	}
	var inv inventory.Inventory
	if err := json.Unmarshal(data, &inv); err != nil {
		return fmt.Errorf("report/inventory.json: %v", err)
	}
	c.jobs = map[string]*ir.Job{}
	for _, j := range inv.Jobs {
		c.jobs[j.ID] = j
	}
	root := filepath.Join(c.dir, "digdag")
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".dig") {
			rel, _ := filepath.Rel(root, p)
			c.files = append(c.files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	sort.Strings(c.files)
	for _, f := range c.files {
		src, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return err
		}
		c.docs[f] = parseDoc(src)
		c.workflows[f] = &Workflow{File: "digdag/" + f, Timezone: c.docs[f].timezone, Schedule: c.docs[f].schedule}
	}
	c.callers = map[string]struct{ file, task string }{}
	for _, f := range c.files {
		for _, cr := range c.docs[f].calls(strings.TrimSuffix(f, ".dig")) {
			t := filepath.ToSlash(filepath.Join(filepath.Dir(f), cr.target))
			if _, seen := c.callers[t]; !seen && c.docs[t] != nil && t != f {
				c.callers[t] = struct{ file, task string }{f, cr.task}
			}
		}
	}
	estate := c.opt.Estate
	if estate == "" {
		if st, err := os.Stat(c.manifest.Estate); err == nil && st.IsDir() {
			estate = c.manifest.Estate
		}
	}
	c.estate = estate
	c.runsOf = map[string][]runRef{}
	c.legacyDig = map[string]string{}
	c.legacyZone = map[string]string{}
	c.valueFiles = map[string]bool{}
	c.mergedSeen = map[string]bool{}
	for _, ce := range c.manifest.Canonical {
		for _, r := range ce.Runs {
			if r.Workflow == "" {
				continue
			}
			f := strings.TrimPrefix(r.Workflow, "digdag/")
			c.runsOf[f] = append(c.runsOf[f], runRef{ce, r})
			// A run rewritten from a legacy Digdag workflow: Digdag
			// evaluates the legacy file too, for its values.
			if lead := c.jobs[ce.Leader]; lead != nil && len(r.Members) > 0 && strings.HasSuffix(legacyPath(r.Members[0]), ".dig") {
				if estate == "" {
					c.noEstate = true
					continue
				}
				p := filepath.Join(estate, hostOf(r.Members[0]), filepath.FromSlash(legacyPath(r.Members[0])))
				if _, err := os.Stat(p); err == nil {
					c.legacyDig[runKey(ce, r)] = p
					z := "UTC"
					if j := c.jobs[r.Members[0]]; j != nil && j.Trigger != nil && j.Trigger.Timezone != "" {
						z = j.Trigger.Timezone
					} else if src, err := os.ReadFile(p); err == nil {
						if d := parseDoc(src); d.timezone != "" {
							z = d.timezone
						}
					}
					c.legacyZone[p] = z
				}
			}
		}
	}
	return nil
}

func runKey(ce *emit.CanonicalEntry, r *emit.RunEntry) string {
	return ce.Name + "\x00" + r.Name + "\x00" + r.Workflow
}

// hostOf and legacyPath split a job id host:/path[:line][#…].
func hostOf(id string) string {
	h, _, _ := strings.Cut(id, ":")
	return h
}

func legacyPath(id string) string {
	_, p, _ := strings.Cut(id, ":")
	p, _, _ = strings.Cut(p, "#")
	return p
}

func (c *checker) legacyDigs() []string {
	set := map[string]bool{}
	for _, p := range c.legacyDig {
		set[p] = true
	}
	var out []string
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// sessions are the instants each workflow is evaluated at: local midnight
// of the days where date arithmetic goes wrong (a year's first day, a leap
// day and the days around it, month ends of 30 and 31 days, the year's
// last day) and, in a zone with daylight saving time, of the days its
// clock changes. A scheduled workflow runs at its first session on or
// after each. In an extra zone (extra), only the leap day and the days the
// clock changes: the others were seen in the workflow's own zone, and
// Digdag compiles every ${...} afresh for each.
func (c *checker) sessions(zone string, extra bool) []string {
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" {
		loc = time.UTC
	}
	y := c.opt.From.Year()
	days := []time.Time{
		time.Date(y, 1, 1, 0, 0, 0, 0, loc),
		time.Date(y, 2, 28, 0, 0, 0, 0, loc),
		time.Date(y, 3, 1, 0, 0, 0, 0, loc),
		time.Date(y, 3, 31, 0, 0, 0, 0, loc),
		time.Date(y, 4, 30, 0, 0, 0, 0, loc),
		time.Date(y, 12, 31, 0, 0, 0, 0, loc),
	}
	if extra {
		days = nil
	}
	if time.Date(y, 2, 29, 0, 0, 0, 0, loc).Month() == 2 {
		days = append(days, time.Date(y, 2, 29, 0, 0, 0, 0, loc))
	}
	days = append(days, transitions(y, loc)...)
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	var out []string
	for _, d := range days {
		out = append(out, d.UTC().Format(time.RFC3339))
	}
	return out
}

// transitions are local midnights of the days in year y when loc's
// offset changes.
func transitions(y int, loc *time.Location) []time.Time {
	var out []time.Time
	for d := time.Date(y, 1, 1, 0, 0, 0, 0, loc); d.Year() == y; d = d.AddDate(0, 0, 1) {
		_, a := d.Zone()
		_, b := d.AddDate(0, 0, 1).Zone()
		if a != b {
			out = append(out, d)
		}
	}
	return out
}

// compare reads one run of the harness: zone is "" for the workflows'
// own zones, else the zone they were all put in.
func (c *checker) compare(ctx context.Context, got map[string]*harnessResult, zone string) error {
	for _, f := range c.files {
		res := got["new:"+f]
		if res == nil {
			continue
		}
		w, d := c.workflows[f], c.docs[f]
		add := func(line int, kind, format string, args ...any) {
			w.Problems = append(w.Problems, Problem{File: w.File, Line: line, Severity: "error", Kind: kind, Message: fmt.Sprintf(format, args...)})
		}
		if res.Error != "" {
			if zone == "" && strings.Contains(res.Error, "for key '_parallel' but got") {
				// digdag-core 0.9.42 reads _parallel as true or false;
				// 0.10 also takes {limit: N} and ${...}. The rest of the
				// check needs the workflow compiled, which 0.9.42 cannot.
				w.Problems = append(w.Problems, Problem{File: w.File, Line: errorLine(res.Error, d), Severity: "warning", Kind: "version",
					Message: "not checked: Digdag " + DigdagVersion + " refuses it, Digdag 0.10 takes it: " + oneLine(res.Error)})
			} else if zone == "" {
				add(errorLine(res.Error, d), "load", "Digdag does not load it: %s", oneLine(res.Error))
			}
			continue
		}
		w.Tasks = res.Tasks
		if zone == "" {
			for _, call := range res.Calls {
				if call.Error != "" {
					add(d.taskLine(res.Name, call.Task), "call", "%s", oneLine(call.Error))
				}
			}
			if res.Schedule != nil && res.Schedule.Error != "" {
				add(d.scheduleLine, "schedule", "Digdag refuses the schedule: %s", oneLine(res.Schedule.Error))
			}
		}
		for _, s := range res.Sessions {
			for _, t := range s.Tasks {
				line := d.taskLine(res.Name, t.Name)
				if t.Error != "" {
					add(line, "eval", "%s at session %s: %s", t.Name, s.SessionTime, oneLine(t.Error))
					w.Problems[len(w.Problems)-1].same = t.Name + "\x00" + oneLine(t.Error)
					continue
				}
				for _, msg := range operatorProblems(t.Config) {
					add(line, "operator", "%s: %s", t.Name, msg)
				}
				if left := unevaluated(t.Config); left != "" {
					add(line, "eval", "%s at session %s: Digdag leaves %q as it is: an _export'ed value used inside a list or nested map is passed unevaluated", t.Name, s.SessionTime, left)
					w.Problems[len(w.Problems)-1].same = t.Name + "\x00" + left
				}
			}
		}
		for _, rr := range c.runsOf[f] {
			if err := c.compareValues(ctx, w, d, res, rr, got, zone); err != nil {
				return err
			}
			c.compareSchedules(w, d, res, rr, got, zone)
		}
	}
	return nil
}

var lineRE = regexp.MustCompile(`line (\d+)`)

func errorLine(msg string, d *doc) int {
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 1
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return s
}

// emrStepTypes and their keys are what Digdag's emr> operator reads
// (digdag-standards EmrOperatorFactory, 0.9.x and 0.10.x): a key it does
// not read is ignored, which hides a typo.
var emrStepKeys = map[string][]string{
	"command":   {"type", "name", "action_on_failure", "command", "args", "files", "env"},
	"script":    {"type", "name", "action_on_failure", "script", "args", "files", "env"},
	"spark":     {"type", "name", "action_on_failure", "application", "class", "args", "jars", "conf", "submit_options", "deploy_mode", "files"},
	"spark-sql": {"type", "name", "action_on_failure", "query", "result", "jars", "conf", "submit_options", "deploy_mode"},
	"hive":      {"type", "name", "action_on_failure", "script", "vars", "hiveconf"},
	"flink":     {"type", "name", "action_on_failure", "application", "args", "files", "yarn_containers"},
}

var emrKeys = map[string]bool{"emr>": true, "cluster": true, "staging": true, "action_on_failure": true, "steps": true, "emr": true, "s3": true, "kms": true, "aws": true}

// operatorProblems checks an evaluated task against what its operator
// needs.
func operatorProblems(cfg map[string]any) []string {
	if _, ok := cfg["emr>"]; !ok {
		return nil
	}
	var out []string
	if _, ok := cfg["staging"]; !ok {
		out = append(out, "emr> has no staging: Digdag's emr operator uploads its step runner (runner.py) to the S3 staging folder before any step, and fails with \"Please configure a S3 'staging' directory\" without one")
	}
	switch v := cfg["cluster"].(type) {
	case string:
		if v == "" {
			out = append(out, "emr>: cluster is empty")
		}
	case map[string]any:
	default:
		out = append(out, "emr> has no cluster (an id, or a map to create one)")
	}
	for k := range cfg {
		if !emrKeys[k] && !strings.HasPrefix(k, "_") {
			out = append(out, fmt.Sprintf("emr> does not read %q", k))
		}
	}
	steps, _ := cfg["steps"].([]any)
	for i, s := range steps {
		m, ok := s.(map[string]any)
		if !ok {
			out = append(out, fmt.Sprintf("emr> step %d is not a map", i+1))
			continue
		}
		typ, _ := m["type"].(string)
		keys, ok := emrStepKeys[typ]
		if !ok {
			out = append(out, fmt.Sprintf("emr> step %d: unsupported step type %q", i+1, typ))
			continue
		}
		for k := range m {
			found := false
			for _, x := range keys {
				found = found || x == k
			}
			if !found {
				out = append(out, fmt.Sprintf("emr> step %d (%s) does not read %q", i+1, typ, k))
			}
		}
		if typ == "command" {
			if c, _ := m["command"].(string); c == "" {
				out = append(out, fmt.Sprintf("emr> step %d (command) has no command", i+1))
			}
			if a, ok := m["args"]; ok {
				if _, isList := a.([]any); !isList {
					out = append(out, fmt.Sprintf("emr> step %d (command): args is not a list", i+1))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// unevaluated finds a string Digdag left holding ${...} (other than the
// ${secret:…} references operators read themselves, and the error tasks'
// own).
func unevaluated(v any) string {
	switch x := v.(type) {
	case string:
		for _, m := range templateRE.FindAllString(x, -1) {
			if !strings.HasPrefix(m, "${secret:") {
				return m
			}
		}
	case []any:
		for _, e := range x {
			if s := unevaluated(e); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if k == "_do" || k == "_else_do" {
				continue
			}
			if s := unevaluated(x[k]); s != "" {
				return s
			}
		}
	}
	return ""
}

var templateRE = regexp.MustCompile(`\$\{[^}]*\}`)

// emrArgs returns the args of every command step of an evaluated emr>
// task, with the step's name.
func emrArgs(cfg map[string]any) (names []string, args [][]string) {
	steps, _ := cfg["steps"].([]any)
	for _, s := range steps {
		m, _ := s.(map[string]any)
		if m == nil {
			continue
		}
		name, _ := m["name"].(string)
		var a []string
		if cmd, _ := m["command"].(string); cmd != "" {
			a = append(a, cmd)
		}
		list, _ := m["args"].([]any)
		for _, x := range list {
			if s, ok := x.(string); ok {
				a = append(a, s)
			}
		}
		names = append(names, name)
		args = append(args, a)
	}
	return names, args
}

var stepNameRE = regexp.MustCompile(` (\d{2}) `)

// compareValues compares the values each emr> step of a run passes with
// those the legacy copies of the run computed at the same time.
func (c *checker) compareValues(ctx context.Context, w *Workflow, d *doc, res *harnessResult, rr runRef, got map[string]*harnessResult, zone string) error {
	perRun := len(c.runsOf[strings.TrimPrefix(w.File, "digdag/")]) > 1 || rr.run.Name != "" && len(rr.canon.Runs) > 1
	prefix := ""
	if perRun && !c.isLegacyDig(rr) {
		prefix = emit.RunTaskName(rr.run.Name)
	}
	var legacy *harnessResult
	if p, ok := c.legacyDig[runKey(rr.canon, rr.run)]; ok {
		legacy = got["old:"+p]
	}
	for si, s := range res.Sessions {
		at, err := time.Parse("2006-01-02T15:04:05Z07:00", s.SessionTime)
		if err != nil {
			continue
		}
		for _, t := range s.Tasks {
			if t.Error != "" || t.Config == nil {
				continue
			}
			if _, ok := t.Config["emr>"]; !ok {
				continue
			}
			if prefix != "" && !strings.Contains(t.Name, prefix+"+") {
				continue
			}
			names, args := emrArgs(t.Config)
			var expected map[string]string
			var from string
			if legacy != nil {
				if si >= len(legacy.Sessions) || legacy.Error != "" {
					continue
				}
				expected, from = legacyTaskVars(legacy.Sessions[si], strings.TrimPrefix(t.Name, "+"+res.Name)), "the legacy workflow, evaluated by Digdag"
				if expected == nil {
					continue
				}
			}
			for i := range args {
				got := hiveVars(args[i])
				if len(got) == 0 {
					continue
				}
				if legacy == nil {
					m := stepNameRE.FindStringSubmatch(names[i])
					if m == nil {
						continue
					}
					idx, _ := strconv.Atoi(m[1])
					var err error
					expected, err = c.cronValues(ctx, rr, idx, at, zone)
					if err != nil {
						return err
					}
					from = "the legacy script's date command under faketime"
					if expected == nil {
						continue
					}
				}
				keys := make([]string, 0, len(got))
				for k := range got {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					want, ok := expected[k]
					if !ok {
						continue
					}
					c.valCompared++
					c.valueFiles[w.File] = true
					if want == got[k] {
						c.valEqual++
						continue
					}
					where := "its own zone " + d.timezoneOr("UTC")
					if zone != "" {
						where = zone
					}
					w.Problems = append(w.Problems, Problem{File: w.File, Line: d.taskLine(res.Name, t.Name), Severity: "error", Kind: "value",
						Message: fmt.Sprintf("%s passes %s=%s at session %s (%s); %s gives %s", t.Name, k, got[k], s.SessionTime, where, from, want),
						same:    t.Name + "\x00" + k})
				}
			}
		}
	}
	return nil
}

func (c *checker) isLegacyDig(rr runRef) bool {
	_, ok := c.legacyDig[runKey(rr.canon, rr.run)]
	return ok
}

// legacyTaskVars reads the Hive variables of the legacy task with the
// same name (the rewrite keeps task names): a sh> command line, or any
// string of its keys.
func legacyTaskVars(s *harnessSession, suffix string) map[string]string {
	for _, t := range s.Tasks {
		if !strings.HasSuffix(t.Name, suffix) || t.Error != "" {
			continue
		}
		var words []string
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case string:
				words = append(words, shellWords(x)...)
			case []any:
				for _, e := range x {
					walk(e)
				}
			case map[string]any:
				for _, k := range slices.Sorted(maps.Keys(x)) {
					walk(x[k])
				}
			}
		}
		walk(t.Config)
		return hiveVars(words)
	}
	return nil
}

// shellWords splits a command line into words, removing quotes (enough for
// the Hive variables of a sh> line; nothing is expanded).
func shellWords(s string) []string {
	var out []string
	var b strings.Builder
	in := false
	var q rune
	for _, r := range s {
		switch {
		case q != 0:
			if r == q {
				q = 0
			} else {
				b.WriteRune(r)
			}
		case r == '\'' || r == '"':
			q, in = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if in {
				out = append(out, b.String())
				b.Reset()
				in = false
			}
		default:
			b.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, b.String())
	}
	return out
}

// cronValues is what the legacy copies of a run passed for step idx when
// cron (or whatever started a script) started them at instant at: the date variables computed by their
// own date words, and the Hive variables of their command lines. It is nil
// when the copies disagree with each other or have nothing to compare.
func (c *checker) cronValues(ctx context.Context, rr runRef, idx int, at time.Time, zone string) (map[string]string, error) {
	if c.dates == nil {
		return nil, nil
	}
	var out map[string]string
	for _, id := range rr.run.Members {
		j := c.jobs[id]
		// A cron job, or a script something else started: its date words
		// read the clock it ran at. (A Digdag job's values come from
		// evaluating its workflow.)
		if j == nil || j.Trigger == nil || j.Trigger.Kind == ir.TriggerDigdag || idx < 1 || idx > len(j.Steps) || len(j.Steps) != len(rr.canon.Steps) {
			continue
		}
		st := j.Steps[idx-1]
		z := zone
		if z == "" {
			z = c.legacyCronZone(j)
		}
		params := st.Params
		if len(params) == 0 {
			params = j.Params
		}
		vals, err := c.dates.values(ctx, params, at, z)
		if err != nil {
			return nil, err
		}
		if len(vals) == 0 {
			continue
		}
		exp := map[string]string{}
		for k, v := range vals {
			exp[k] = v
		}
		for k, v := range hiveVars(st.Args) {
			if s, ok := substitute(v, vals); ok {
				exp[k] = s
			}
		}
		if out == nil {
			out = exp
		}
	}
	return out, nil
}

// legacyCronZone is the zone a legacy cron job ran in: its CRON_TZ, else
// the legacy servers' (the config's), else UTC.
func (c *checker) legacyCronZone(j *ir.Job) string {
	if j.Trigger != nil && j.Trigger.Timezone != "" {
		return j.Trigger.Timezone
	}
	if c.manifest.Timezone != "" {
		return c.manifest.Timezone
	}
	return "UTC"
}

// compareSchedules compares the fire times Digdag computes for the
// workflow with those of each legacy copy on the run's schedule.
func (c *checker) compareSchedules(w *Workflow, d *doc, res *harnessResult, rr runRef, got map[string]*harnessResult, zone string) {
	if res.Schedule == nil || res.Schedule.Error != "" {
		return
	}
	digdagTimes := res.Schedule.RunTimes
	for _, id := range rr.run.Members {
		j := c.jobs[id]
		if j == nil || j.Trigger == nil || j.Trigger.Kind != ir.TriggerCron && j.Trigger.Kind != ir.TriggerDigdag || j.Trigger.Invalid != "" {
			continue
		}
		if triggerText(j.Trigger) != rr.run.Trigger {
			if !c.mergedSeen[id+"\x00"+w.File] {
				c.mergedSeen[id+"\x00"+w.File] = true
				c.merged++
			}
			continue
		}
		var legacy []int64
		loc := zone
		switch j.Trigger.Kind {
		case ir.TriggerCron:
			if loc == "" {
				loc = c.legacyCronZone(j)
			}
			l, err := time.LoadLocation(loc)
			if err != nil {
				continue
			}
			s, err := cron.ParseSchedule(j.Trigger.Spec)
			if err != nil {
				continue
			}
			for _, t := range s.Times(c.opt.From, c.opt.Until, l) {
				legacy = append(legacy, t.Unix())
			}
		case ir.TriggerDigdag:
			p, ok := c.legacyDig[runKey(rr.canon, rr.run)]
			lr := got["old:"+p]
			if !ok || lr == nil || lr.Schedule == nil || lr.Schedule.Error != "" {
				continue
			}
			legacy = lr.Schedule.RunTimes
			if loc == "" {
				loc = lr.Timezone
			}
		default:
			continue
		}
		c.schedCompared++
		onlyNew, onlyOld := diffTimes(digdagTimes, legacy)
		if len(onlyNew) == 0 && len(onlyOld) == 0 {
			c.schedEqual++
			continue
		}
		l, _ := time.LoadLocation(loc)
		if l == nil {
			l = time.UTC
		}
		msg := fmt.Sprintf("in %s from %s to %s, Digdag fires %d times, the legacy %s of %s %d: Digdag only at %s; legacy only at %s",
			loc, c.opt.From.Format("2006-01-02"), c.opt.Until.Format("2006-01-02"), len(digdagTimes), triggerText(j.Trigger), id, len(legacy),
			sample(onlyNew, l), sample(onlyOld, l))
		if j.Trigger.Kind == ir.TriggerCron && nearChanges(append(onlyNew, onlyOld...), l) {
			// Digdag reads cron patterns with cron4j, which matches wall
			// times: a time the clock skips runs at the same minutes
			// past the jump, a repeated time runs once, at its second
			// occurrence. cron runs a skipped fixed time right after the
			// jump, and a repeated one at its first occurrence (twice
			// for a starred hour). No cron> pattern says cron's way.
			c.schedDST++
			w.Problems = append(w.Problems, Problem{File: w.File, Line: d.scheduleLine, Severity: "warning", Kind: "daylight-saving",
				Message: msg + " (only where the clock changes: Digdag's scheduler and cron differ there; run the workflow in a zone without daylight saving time, or accept the shift)"})
			continue
		}
		w.Problems = append(w.Problems, Problem{File: w.File, Line: d.scheduleLine, Severity: "error", Kind: "fire-times", Message: msg})
	}
}

// triggerText is a legacy trigger as the manifest's runs print it.
func triggerText(t *ir.Trigger) string {
	if t.Written != "" {
		return t.Kind + " " + t.Written
	}
	return t.Kind + " " + t.Spec
}

// nearChanges reports whether every instant lies within three hours of a
// change of loc's offset.
func nearChanges(ts []int64, loc *time.Location) bool {
	for _, t := range ts {
		at := time.Unix(t, 0)
		_, a := at.Add(-3 * time.Hour).In(loc).Zone()
		_, b := at.Add(3 * time.Hour).In(loc).Zone()
		if a == b {
			return false
		}
	}
	return len(ts) > 0
}

// diffTimes returns what is only in a and only in b (both sorted).
func diffTimes(a, b []int64) (onlyA, onlyB []int64) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			onlyA = append(onlyA, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return onlyA, onlyB
}

func sample(ts []int64, loc *time.Location) string {
	if len(ts) == 0 {
		return "none"
	}
	var parts []string
	for i, t := range ts {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(ts)-3))
			break
		}
		parts = append(parts, time.Unix(t, 0).In(loc).Format("2006-01-02 15:04 MST"))
	}
	return strings.Join(parts, ", ")
}
