// Package emit writes what the team deploys from an inventory: Spark SQL
// per canonical job, EMR step definitions, Digdag workflows with emr>
// tasks, table DDL for the Glue Data Catalog, reconciliation queries, the
// review list and a manifest mapping every legacy job to its replacement.
//
// Build lays the output out file by file: to Options.Out as each file is
// made (migrate's new output folder, swapped into place when whole), or in
// memory as path → bytes, which Write puts in place atomically. Nothing
// here decides what a job means: the inventory did (groups, lineage, dead
// jobs), plan does (the canonical jobs, their templates, runs and names)
// and the translator does (SQL); emit only lays their results out.
package emit

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/sparkport/sparkport/internal/par"
	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/internal/textenc"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/plan"
	"github.com/sparkport/sparkport/translate"
)

// Options are the inputs of Build beside the inventory.
type Options struct {
	// Config is the translation and target config (paths, layers, S3
	// prefix of the artifacts, JDBC secrets).
	Config *translate.Config
	// Estate is the estate folder the inventory read; legacy workflows and
	// files named by `source` are read from it again.
	Estate string
	// Workers bounds the goroutines translating; 0 means one per core.
	Workers int
	// Out receives the files as they are made; nil keeps them in
	// Output.Files.
	Out FileSink
}

// Output is what Build made: the files by slash-separated path (unless
// Options.Out received them), the manifest (which lists every file with
// its hash) and the review items.
type Output struct {
	Files    map[string][]byte
	Manifest *Manifest
	Review   []*ReviewItem
}

// defaultArtifacts is used when the config names no S3 prefix; a review
// item says so.
const defaultArtifacts = "s3://CHANGE-ME-artifacts/sparkport"

// Build lays out the migration of inv. It never fails on a job: what
// cannot be emitted is a review item.
func Build(inv *inventory.Inventory, opts Options) (*Output, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = translate.DefaultConfig()
	}
	e := &emitter{inv: inv, cfg: cfg, opts: opts, sink: opts.Out}
	var mem *memSink
	if e.sink == nil {
		mem = &memSink{files: map[string][]byte{}}
		e.sink = mem
	}
	e.artifacts = strings.TrimSuffix(cfg.Artifacts, "/")
	if e.artifacts == "" {
		e.artifacts = defaultArtifacts
		e.review(&ReviewItem{Severity: "error", Rule: "config", Message: "the config names no artifacts: S3 prefix; emitted steps read " + defaultArtifacts})
	}
	if keys := cfg.Placeholders(); len(keys) > 0 {
		shown := keys
		if len(shown) > 8 {
			shown = append(shown[:8:8], fmt.Sprintf("and %d more", len(keys)-8))
		}
		e.review(&ReviewItem{Severity: "error", Rule: "config", Message: fmt.Sprintf("the config still holds %d placeholder S3 prefixes (%q, from sparkport init): %s; replace them before deploying", len(keys), translate.Placeholder, strings.Join(shown, "; "))})
	}
	e.units = plan.Jobs(inv, e.cfg.DropDead)
	e.byJob = map[string]*plan.Job{}
	for _, u := range e.units {
		if u.Refused != "" {
			e.review(&ReviewItem{Severity: "warning", Job: u.Name, At: u.Leader.ID, Rule: "merge-refused", Message: u.Refused})
		}
		for _, m := range u.Members {
			e.byJob[m.ID] = u
		}
	}
	// Files that did not parse, or only in part, are review items: what
	// they hold is missing from, or only partly in, the migration.
	for _, f := range inv.Files {
		if f.Status != ir.StatusError && f.Status != ir.StatusPartial {
			continue
		}
		at := f.Host + ":" + f.Path
		var first *ir.Diagnostic
		n := 0
		for _, d := range f.Diagnostics {
			if d.Severity == "error" {
				if first == nil {
					first = d
				}
				n++
			}
		}
		msg := "could not be read: " + f.Reason
		if first != nil {
			at = fmt.Sprintf("%s:%d", at, first.Line)
			msg = fmt.Sprintf("%s (%s): %d:%d: %s", map[string]string{ir.StatusError: "does not parse", ir.StatusPartial: "parses only in part"}[f.Status], f.Kind, first.Line, first.Col, first.Message)
			if n > 1 {
				msg += fmt.Sprintf(" (and %d more errors, listed in report/inventory.md)", n-1)
			}
		}
		e.review(&ReviewItem{Severity: "error", At: at, Rule: "file-error", Message: msg})
	}
	// Jobs that are not migrated are said so where people look.
	for _, j := range inv.Jobs {
		at := j.ID
		if j.Trigger != nil && j.Trigger.At != nil {
			at = loc(j.Trigger.At)
		}
		if j.Trigger != nil && j.Trigger.Invalid != "" {
			e.review(&ReviewItem{Severity: "error", Job: j.ID, At: at, Rule: "invalid-schedule",
				Message: fmt.Sprintf("the legacy schedule %q does not parse (%s): its workflow is written without a schedule; a person must give it one", j.Trigger.Spec, j.Trigger.Invalid)})
		}
		switch {
		case j.Dead && e.cfg.DropDead:
			e.review(&ReviewItem{Severity: "warning", Job: j.ID, At: at, Rule: "dead-job",
				Message: "left out (drop_dead): " + deadEvidence(j) + "; confirm nobody outside the estate reads them"})
		case j.Dead && e.byJob[j.ID] != nil:
			e.review(&ReviewItem{Severity: "warning", Job: j.ID, At: at, Rule: "possibly-dead",
				Message: "migrated, but possibly dead: " + deadEvidence(j) + "; if nobody reads them, leave the job out with drop_dead: true (or --drop-dead); if someone outside the estate does, list the tables under consumed:"})
		case e.byJob[j.ID] == nil:
			e.review(&ReviewItem{Severity: "error", Job: j.ID, At: at, Rule: "empty-job",
				Message: "not migrated: it runs nothing sparkport could read (see the inventory's diagnostics for its files); a person must decide what replaces it"})
		}
	}
	// Translation is the expensive part: one goroutine per unit, results
	// kept by index so that the output does not depend on scheduling.
	plans := make([]*unitPlan, len(e.units))
	workers := e.workers()
	parallel(len(e.units), workers, func(i int) {
		p := e.plan(e.units[i])
		for _, path := range sortedKeys(p.files) {
			e.put(path, p.files[path])
		}
		p.files = nil
		plans[i] = p
	})
	e.plans = plans
	for _, p := range plans {
		for _, r := range p.review {
			e.review(r)
		}
	}
	e.prerequisites()
	// The inventory reports are the largest files and depend on nothing
	// emitted: they are written while the rest is laid out.
	reports := make(chan struct{})
	go func() {
		e.inventoryReports()
		close(reports)
	}()
	e.checkWriters()
	e.emitEMR()
	e.emitDigdag()
	e.emitDDL()
	e.emitValidate()
	<-reports
	sortReview(e.items)
	e.items = dedupeReview(e.items)
	e.put("report/review.md", []byte(reviewMarkdown(e.items, inv)))
	// The review report shows the manifest's summary, and the manifest
	// lists the review report's hash: the files are hashed last.
	m := e.manifest()
	e.emitReview(m)
	m.Files = e.hashFiles()
	js, err := m.JSON()
	if err != nil {
		return nil, err
	}
	e.put(ManifestFile, js)
	if e.writeErr != nil {
		return nil, e.writeErr
	}
	out := &Output{Manifest: m, Review: e.items}
	if mem != nil {
		out.Files = mem.files
	}
	return out, nil
}

// emitter holds one Build's state.
type emitter struct {
	inv       *inventory.Inventory
	cfg       *translate.Config
	uploads   []*ArtifactToUpload // jars and files to copy to S3, for the manifest
	filesOnce sync.Once
	// failureMailOnce writes the failure mail body and its review item.
	failureMailOnce sync.Once
	fileIndex       map[string]*ir.File // host:path → file, for messages
	opts            Options
	artifacts       string
	units           []*plan.Job
	byJob           map[string]*plan.Job
	plans           []*unitPlan
	// workflows are the digdag/ files the runs are scheduled in.
	workflowsMu sync.Mutex
	workflows   map[*plan.Run]string
	// sink receives the files; written lists them with their hashes.
	sink      FileSink
	writtenMu sync.Mutex
	written   []*FileEntry
	writeErr  error
	mu        sync.Mutex
	items     []*ReviewItem
	ddl       map[string]*tableDDL
	ddlOnce   sync.Once
	byName    map[string]bool // canonical job names, for links
	// insertParts are partition columns seen in INSERT ... PARTITION, by
	// table, for tables whose DDL is not in the estate.
	insertParts map[string][]string
	tzOnce      sync.Once
	// callScopes holds, per canonical job a legacy workflow calls, the
	// _export in force at each call> task (callScope).
	callScopes     map[string][]map[string]string
	callScopesOnce sync.Once
	// parsed holds each SQL text of the estate parsed once: DDL
	// collection, the DDL-use check and the writers check all read it.
	parsedMu sync.Mutex
	parsed   map[string]*parsedSQL
	// contradicted are the tables whose estate definitions contradict
	// their use (ddlContradictions), computed once: ddl/ comments them
	// out and translate makes their CREATE TABLE a manual step (SP122).
	contradictedOnce sync.Once
	contradicted     map[string][]string
	staleOnce        sync.Once
	stale            map[string]string
}

// parsedSQL is one SQL text of the estate as Hive reads it.
type parsedSQL struct {
	file  *hiveql.File
	lines *hiveql.LineIndex
}

// parseSQL parses a step's SQL text, once per run; callers only read the
// tree.
func (e *emitter) parseSQL(sql string) *parsedSQL {
	e.parsedMu.Lock()
	defer e.parsedMu.Unlock()
	if p, ok := e.parsed[sql]; ok {
		return p
	}
	if e.parsed == nil {
		e.parsed = map[string]*parsedSQL{}
	}
	f, _ := hiveql.Parse([]byte(sql), hiveql.Hive)
	p := &parsedSQL{file: f, lines: hiveql.NewLineIndex([]byte(sql))}
	e.parsed[sql] = p
	return p
}

func (e *emitter) workers() int {
	if e.opts.Workers > 0 {
		return e.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (e *emitter) review(r *ReviewItem) {
	r.Message = redact.Text(r.Message)
	e.mu.Lock()
	e.items = append(e.items, r)
	e.mu.Unlock()
}

// fileAt is the estate's file at l, or nil.
func (e *emitter) fileAt(l *ir.Loc) *ir.File {
	if l == nil {
		return nil
	}
	e.filesOnce.Do(func() {
		e.fileIndex = map[string]*ir.File{}
		for _, f := range e.inv.Files {
			e.fileIndex[f.Host+":"+f.Path] = f
		}
	})
	return e.fileIndex[l.Host+":"+l.Path]
}

// readEstate reads a file of a host as the legacy host saw it, decoded.
func (e *emitter) readEstate(host, abs string) ([]byte, error) {
	if e.opts.Estate == "" {
		return nil, fmt.Errorf("no estate folder to read %s from", abs)
	}
	p := filepath.Join(e.opts.Estate, host, filepath.FromSlash(path.Clean("/"+abs)))
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return textenc.Decode(raw).Text, nil
}

// loc formats a legacy place as host:path:line.
func loc(l *ir.Loc) string {
	if l == nil {
		return ""
	}
	if l.Line > 0 {
		return fmt.Sprintf("%s:%s:%d", l.Host, l.Path, l.Line)
	}
	return l.Host + ":" + l.Path
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string { return par.SortedKeys(m) }

// parallel runs fn(0) … fn(n-1) on at most workers goroutines.
func parallel(n, workers int, fn func(i int)) { par.Do(n, max(workers, 1), fn) }

// deadEvidence says why the lineage finds j dead: what it writes and that
// nothing reads it.
func deadEvidence(j *ir.Job) string {
	seen := map[string]bool{}
	var tables []string
	for _, st := range j.Steps {
		for _, o := range st.Outputs {
			if !seen[o] {
				seen[o] = true
				tables = append(tables, o)
			}
		}
	}
	sort.Strings(tables)
	if len(tables) > 5 {
		tables = append(tables[:5], fmt.Sprintf("and %d more", len(tables)-5))
	}
	return "it writes " + strings.Join(tables, ", ") + ", which no job of the estate reads and no consumed: pattern lists"
}
