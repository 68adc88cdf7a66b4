package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sparkport/sparkport/internal/par"
	"github.com/sparkport/sparkport/parser/hiveql"
)

// Status of one statement.
const (
	StatusOK      = "ok"
	StatusFailed  = "failed"
	StatusManual  = "manual"  // migrate left it to a person: skipped
	StatusSkipped = "skipped" // cannot run here (JDBC, jar, S3 files)
)

// Result is what happened to one statement.
type Result struct {
	Phase  string `json:"phase"` // setup, job, validate
	File   string `json:"file"`
	Line   int    `json:"line"`
	Job    string `json:"job,omitempty"`
	Step   string `json:"step,omitempty"` // the EMR step's name
	Status string `json:"status"`
	Class  string `json:"class,omitempty"`
	Reason string `json:"reason,omitempty"` // the error message, or why skipped
	Rows   int    `json:"rows,omitempty"`
	// Translation is the job's verdict in manifest.json.
	Translation string `json:"translation,omitempty"`
}

// Report is a verify run.
type Report struct {
	Spark    string            `json:"spark"`
	At       string            `json:"run_time"`
	Assumed  map[string]string `json:"assumed,omitempty"`
	Tables   []TableReport     `json:"tables"`
	Results  []Result          `json:"results"`
	Phases   Phases            `json:"phases"`
	Summary  Summary           `json:"summary"`
	NotSQL   []string          `json:"steps_not_sql,omitempty"`
	Duration float64           `json:"seconds"`
}

// TableReport is one table verify created.
type TableReport struct {
	Name   string `json:"name"`
	Origin string `json:"origin"`
	Cols   []Col  `json:"columns,omitempty"`
	Parts  []Col  `json:"partitions,omitempty"`
	Rows   int    `json:"rows"`
}

// Summary counts the results of the job statements (setup and validate
// statements are counted apart).
type Summary struct {
	Ran            int `json:"ran"`
	Failed         int `json:"failed"`
	FailedAuto     int `json:"failed_in_auto_jobs"`
	Manual         int `json:"skipped_manual"`
	Skipped        int `json:"skipped_external"`
	SetupFailed    int `json:"setup_failed"`
	Validate       int `json:"validate_ran"`
	ValidateFailed int `json:"validate_failed"`
	StepsNotSQL    int `json:"steps_not_sql"`
}

// Runner runs a plan on a Spark.
type Runner struct {
	// Engines are sessions on one Spark: independent work (tables, the
	// jobs of one wave, validate queries) runs on all of them at once; a
	// job's steps always run in order on one.
	Engines []Engine
	Scratch string // local folder the S3 locations are remapped into
	// Timeout bounds one statement (0: none); a statement running longer
	// fails with SPARKPORT_TIMEOUT and the run goes on.
	Timeout time.Duration
	// Progress, when set, is called after each statement.
	Progress func(done, total int)
	// RefreshAfterWave refreshes, in every session, the tables a wave
	// wrote: for a server whose sessions cache file listings (a local
	// server started by verify caches none).
	RefreshAfterWave bool
}

// Phases are the wall times of a run's parts, in seconds.
type Phases struct {
	Setup    float64 `json:"setup"`
	Fill     float64 `json:"fill"`
	Jobs     float64 `json:"jobs"`
	Validate float64 `json:"validate"`
}

// run is one Run's state.
type run struct {
	r     *Runner
	ctx   context.Context
	pool  chan Engine
	total int
	done  atomic.Int64
	// fatal is the first error that ends the run (a lost session).
	fatalMu sync.Mutex
	fatal   error
}

func (x *run) tick() {
	n := x.done.Add(1)
	if x.r.Progress != nil {
		x.r.Progress(int(n), x.total)
	}
}

func (x *run) setFatal(err error) {
	x.fatalMu.Lock()
	if x.fatal == nil {
		x.fatal = err
	}
	x.fatalMu.Unlock()
}

func (x *run) stopped() bool {
	x.fatalMu.Lock()
	defer x.fatalMu.Unlock()
	return x.fatal != nil || x.ctx.Err() != nil
}

// exec runs one statement, its S3 locations remapped. A lost session is
// fatal; any other error is the statement's failure.
func (x *run) exec(e Engine, text string, query bool) (int, error) {
	ctx := x.ctx
	if x.r.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, x.r.Timeout)
		defer cancel()
	}
	n, err := e.Exec(ctx, Remap(text, x.r.Scratch), query)
	if err == nil {
		return n, nil
	}
	if ctx.Err() == context.DeadlineExceeded && x.ctx.Err() == nil {
		return n, &Error{Class: "SPARKPORT_TIMEOUT", Message: fmt.Sprintf("still running after %s: given up (--timeout)", x.r.Timeout)}
	}
	var se *Error
	if !errors.As(err, &se) {
		se = &Error{Class: "UNCLASSIFIED", Message: oneLine(err.Error())}
	}
	if se.Class == "SPARKPORT_CONNECTION" || x.ctx.Err() != nil {
		x.setFatal(fmt.Errorf("lost the Spark session: %s", se.Message))
	}
	return n, se
}

// each runs fn for 0…n-1 on the sessions, each call holding one.
func (x *run) each(n int, fn func(i int, e Engine)) {
	par.Do(n, len(x.r.Engines), func(i int) {
		if x.stopped() {
			return
		}
		e := <-x.pool
		defer func() { x.pool <- e }()
		fn(i, e)
	})
}

// Run creates the catalog, fills it, runs every step in wave order, then
// the validate/ queries. Results are in plan order whatever ran first.
func (r *Runner) Run(ctx context.Context, p *Plan) (*Report, error) {
	if len(r.Engines) == 0 {
		return nil, errors.New("no Spark session")
	}
	start := time.Now()
	cat := BuildCatalog(p)
	rep := &Report{At: p.At.UTC().Format(time.RFC3339), Assumed: p.Assumed}
	x := &run{r: r, ctx: ctx, pool: make(chan Engine, len(r.Engines))}
	for _, e := range r.Engines {
		x.pool <- e
	}
	x.total = len(p.DDL) + len(cat.Tables) + len(p.Validate)
	for _, st := range p.Steps {
		x.total += len(st.Stmts)
	}
	e0 := r.Engines[0]

	// 1. Databases, then tables, then views (which read tables).
	t0 := time.Now()
	defined := map[string]bool{}
	var tables, views, rest []int
	setup := make([]*Result, len(p.DDL))
	for i, s := range p.DDL {
		switch t := s.Tree.(type) {
		case *hiveql.CreateDatabaseStmt:
			defined[strings.ToLower(t.Name.Name)] = true
			rest = append(rest, i)
		case *hiveql.CreateTableStmt:
			tables = append(tables, i)
		case *hiveql.CreateViewStmt:
			views = append(views, i)
		default:
			rest = append(rest, i)
		}
	}
	ddl := func(i int, e Engine) {
		s := p.DDL[i]
		x.tick()
		if s.Manual != "" || strings.TrimSpace(s.Text) == "" {
			return
		}
		res := &Result{Phase: "setup", File: s.File, Line: s.Line, Status: StatusOK}
		if _, err := x.exec(e, s.Text, false); err != nil {
			res.Status, res.Class, res.Reason = StatusFailed, errClass(err), errMessage(err)
		}
		setup[i] = res
	}
	for _, i := range rest {
		ddl(i, e0)
	}
	var extra []*Result
	for _, db := range cat.Databases {
		if defined[db] {
			continue
		}
		if _, err := x.exec(e0, "CREATE DATABASE IF NOT EXISTS "+quoteIdent(db), false); err != nil {
			extra = append(extra, &Result{Phase: "setup", File: "(database " + db + ")", Status: StatusFailed, Class: errClass(err), Reason: errMessage(err)})
		}
	}
	x.each(len(tables), func(k int, e Engine) { ddl(tables[k], e) })
	for _, i := range views {
		ddl(i, e0)
	}
	rep.Phases.Setup = time.Since(t0).Seconds()

	// 2. Inferred tables and every table's rows. Dynamic partitions need
	// the non-strict mode while loading, in every session.
	t0 = time.Now()
	for _, e := range r.Engines {
		x.exec(e, "SET hive.exec.dynamic.partition.mode=nonstrict", false)
	}
	runDay := p.runDay()
	all := cat.Sorted()
	fill := make([]*Result, len(all))
	rep.Tables = make([]TableReport, len(all))
	x.each(len(all), func(i int, e Engine) {
		t := all[i]
		x.tick()
		rep.Tables[i] = TableReport{Name: t.Name, Origin: t.Origin, Cols: t.Cols, Parts: t.Parts}
		if t.Origin == "inferred" {
			if _, err := x.exec(e, CreateInferred(t), false); err != nil {
				fill[i] = &Result{Phase: "setup", File: "(inferred " + t.Name + ")", Status: StatusFailed, Class: errClass(err), Reason: errMessage(err)}
				return
			}
		}
		if ins := FillStatement(t, runDay); ins != "" {
			if _, err := x.exec(e, ins, false); err != nil {
				fill[i] = &Result{Phase: "setup", File: "(rows of " + t.Name + ")", Status: StatusFailed, Class: errClass(err), Reason: errMessage(err)}
				return
			}
			rep.Tables[i].Rows = strings.Count(ins, "), (") + 1
		}
	})
	for _, e := range r.Engines {
		x.exec(e, "RESET", false)
	}
	rep.Phases.Fill = time.Since(t0).Seconds()

	// 3. The jobs, wave by wave; a job's steps in order on one session,
	// the jobs of a wave side by side.
	t0 = time.Now()
	jobResults := make([][]Result, len(p.Steps))
	if p.Scripts {
		// Translated scripts reuse table names (dest1, t1): one at a time,
		// each leaving the catalog as it found it.
		for i, st := range p.Steps {
			if x.stopped() {
				break
			}
			jobResults[i] = x.step(e0, st)
			x.cleanUp(e0, st, cat, runDay)
		}
	}
	for _, wave := range jobsByWave(p.Steps) {
		if p.Scripts {
			break
		}
		x.each(len(wave), func(k int, e Engine) {
			for _, i := range wave[k] {
				jobResults[i] = x.step(e, p.Steps[i])
			}
		})
		if r.RefreshAfterWave && len(r.Engines) > 1 {
			// Another session may hold the file listing of a table this
			// wave rewrote: the next wave must read the new files.
			written := map[string]bool{}
			for _, unit := range wave {
				for _, i := range unit {
					_, outs := stepTables(p.Steps[i])
					for _, t := range outs {
						if strings.Contains(t, ".") && !strings.Contains(t, "${") && !strings.Contains(t, "/") {
							written[t] = true
						}
					}
				}
			}
			for _, e := range r.Engines {
				for _, t := range par.SortedKeys(written) {
					x.exec(e, "REFRESH TABLE "+quoteName(t), false)
				}
			}
		}
	}
	rep.Phases.Jobs = time.Since(t0).Seconds()

	// 4. validate/: the reconciliation queries must run too.
	t0 = time.Now()
	// A file at a time: its SET holds for its query alone.
	var files [][]int
	for i, s := range p.Validate {
		if i == 0 || s.File != p.Validate[i-1].File {
			files = append(files, nil)
		}
		files[len(files)-1] = append(files[len(files)-1], i)
	}
	val := make([]*Result, len(p.Validate))
	x.each(len(files), func(k int, e Engine) {
		for _, i := range files[k] {
			s := p.Validate[i]
			x.tick()
			res := &Result{Phase: "validate", File: s.File, Line: s.Line, Status: StatusOK}
			n, err := x.exec(e, s.Text, isQuery(s))
			if err != nil {
				res.Status, res.Class, res.Reason = StatusFailed, errClass(err), errMessage(err)
			}
			res.Rows = n
			val[i] = res
		}
		x.exec(e, "RESET", false)
	})
	rep.Phases.Validate = time.Since(t0).Seconds()
	if x.fatal != nil {
		return nil, x.fatal
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Results in plan order, and the counts.
	add := func(res *Result) {
		if res == nil {
			return
		}
		rep.Results = append(rep.Results, *res)
		if res.Status == StatusFailed && res.Phase == "setup" {
			rep.Summary.SetupFailed++
		}
	}
	for _, res := range setup {
		add(res)
	}
	for _, res := range extra {
		add(res)
	}
	for _, res := range fill {
		add(res)
	}
	for i, st := range p.Steps {
		if st.Skip != "" {
			rep.Summary.StepsNotSQL++
			rep.NotSQL = append(rep.NotSQL, st.Name+": "+st.Skip)
			continue
		}
		for _, res := range jobResults[i] {
			switch res.Status {
			case StatusManual:
				rep.Summary.Manual++
			case StatusSkipped:
				rep.Summary.Skipped++
			case StatusFailed:
				rep.Summary.Ran++
				rep.Summary.Failed++
				if res.Translation == "auto" {
					rep.Summary.FailedAuto++
				}
			default:
				rep.Summary.Ran++
			}
			rep.Results = append(rep.Results, res)
		}
	}
	for _, res := range val {
		if res == nil {
			continue
		}
		rep.Summary.Validate++
		if res.Status == StatusFailed {
			rep.Summary.ValidateFailed++
		}
		rep.Results = append(rep.Results, *res)
	}
	rep.Duration = time.Since(start).Seconds()
	return rep, nil
}

// cleanUp drops what a script created, and re-creates and refills the
// shared tables it dropped, so that the next script starts from the same
// catalog.
func (x *run) cleanUp(e Engine, st *Step, cat *Catalog, runDay time.Time) {
	var drops []string
	for _, s := range st.Stmts {
		switch t := s.Tree.(type) {
		case *hiveql.CreateTableStmt:
			if !t.Temporary {
				drops = append(drops, "DROP TABLE IF EXISTS "+quoteName(t.Name.Qualified("default")))
			}
		case *hiveql.CreateViewStmt:
			if t.Temporary {
				drops = append(drops, "DROP VIEW IF EXISTS "+quoteName(t.Name.Qualified("")))
			} else {
				drops = append(drops, "DROP VIEW IF EXISTS "+quoteName(t.Name.Qualified("default")))
			}
		case *hiveql.CreateDatabaseStmt:
			if !strings.EqualFold(t.Name.Name, "default") {
				drops = append(drops, "DROP DATABASE IF EXISTS "+quoteIdent(strings.ToLower(t.Name.Name))+" CASCADE")
			}
		case *hiveql.DropStmt:
			if t.What == "TABLE" && t.Name != nil {
				if tb := cat.Tables[t.Name.Qualified("default")]; tb != nil && !tb.View {
					// A shared table the script dropped comes back with its rows.
					if def := x.definition(tb); def != "" {
						drops = append(drops, "DROP TABLE IF EXISTS "+quoteName(tb.Name), def, FillStatement(tb, runDay))
					}
				}
			}
		}
	}
	x.exec(e, "USE default", false)
	for _, q := range drops {
		if q != "" {
			x.exec(e, q, false)
		}
	}
}

// definition is the statement that creates a shared table.
func (x *run) definition(t *Table) string {
	if t.Origin == "inferred" {
		return CreateInferred(t)
	}
	return t.def
}

// jobsByWave groups step indexes: per wave, units that may run side by
// side, each a list of steps to run in order. A unit is one job's steps,
// or several jobs' when they touch a table one of them writes (copies of
// one job merged onto one schedule race on their table on the legacy
// servers too; verify runs them one after the other, in plan order).
func jobsByWave(steps []*Step) [][][]int {
	var out [][][]int
	for lo := 0; lo < len(steps); {
		hi := lo
		for hi < len(steps) && steps[hi].Wave == steps[lo].Wave {
			hi++
		}
		out = append(out, waveUnits(steps, lo, hi))
		lo = hi
	}
	return out
}

// waveUnits splits steps[lo:hi] (one wave) into independent units.
func waveUnits(steps []*Step, lo, hi int) [][]int {
	jobOf := map[string]int{} // job → its index in jobs
	var jobs []string
	for i := lo; i < hi; i++ {
		if _, ok := jobOf[steps[i].Job]; !ok {
			jobOf[steps[i].Job] = len(jobs)
			jobs = append(jobs, steps[i].Job)
		}
	}
	parent := make([]int, len(jobs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			if ra < rb {
				parent[rb] = ra
			} else {
				parent[ra] = rb
			}
		}
	}
	writers := map[string]int{} // table → a job writing it
	readers := map[string][]int{}
	for i := lo; i < hi; i++ {
		j := jobOf[steps[i].Job]
		ins, outs := stepTables(steps[i])
		for _, t := range outs {
			if w, ok := writers[t]; ok {
				union(w, j)
			}
			writers[t] = j
		}
		for _, t := range ins {
			readers[t] = append(readers[t], j)
		}
	}
	for t, js := range readers {
		if w, ok := writers[t]; ok {
			for _, j := range js {
				union(w, j)
			}
		}
	}
	unitOf := map[int]int{}
	var units [][]int
	for i := lo; i < hi; i++ {
		r := find(jobOf[steps[i].Job])
		k, ok := unitOf[r]
		if !ok {
			k = len(units)
			unitOf[r] = k
			units = append(units, nil)
		}
		units[k] = append(units[k], i)
	}
	return units
}

// stepTables lists the tables a step's statements read and write.
func stepTables(st *Step) (ins, outs []string) {
	db := "default"
	for _, s := range st.Stmts {
		if s.Tree == nil || s.Skip != "" || s.Manual != "" {
			continue // what does not run touches nothing
		}
		if u, ok := s.Tree.(*hiveql.UseStmt); ok {
			db = strings.ToLower(u.DB.Name)
			continue
		}
		a := hiveql.StmtAccess(s.Tree, db)
		ins = append(ins, a.Inputs...)
		outs = append(outs, a.Outputs...)
		outs = append(outs, a.Defines...)
	}
	return ins, outs
}

// step runs one EMR step's statements on one session, as spark-sql -f
// would: its --conf and --hivevar values set first, and the session
// reset after it.
func (x *run) step(e Engine, st *Step) []Result {
	if st.Skip != "" {
		return nil
	}
	if st.Error != "" {
		return []Result{{Phase: "job", File: "emr/wave-" + fmt.Sprint(st.Wave), Job: st.Job, Step: st.Name, Status: StatusFailed, Class: "SPARKPORT_STEP", Reason: st.Error, Translation: st.Translation}}
	}
	for _, v := range append(append([]Var{}, st.Conf...), st.Vars...) {
		x.exec(e, "SET "+v.Name+"="+v.Value, false)
	}
	var out []Result
	var tempViews []string
	for _, s := range st.Stmts {
		x.tick()
		res := Result{Phase: "job", File: s.File, Line: s.Line, Job: st.Job, Step: st.Name, Translation: st.Translation}
		switch {
		case s.Manual != "":
			res.Status, res.Reason = StatusManual, s.Manual
		case s.Skip != "":
			res.Status, res.Reason = StatusSkipped, s.Skip
		case len(s.Unbound) > 0:
			res.Status, res.Class = StatusFailed, "SPARKPORT_UNBOUND_VARIABLE"
			res.Reason = strings.Join(s.Unbound, ", ") + ": no value is passed by the step, so Spark would run the text as written"
		default:
			n, err := x.exec(e, s.Text, isQuery(s))
			if err != nil {
				res.Status, res.Class, res.Reason = StatusFailed, errClass(err), errMessage(err)
			} else {
				res.Status, res.Rows = StatusOK, n
			}
			if v, ok := s.Tree.(*hiveql.CreateViewStmt); ok && v.Temporary {
				tempViews = append(tempViews, v.Name.Qualified(""))
			}
		}
		out = append(out, res)
	}
	// The next step starts as a new spark-sql would: default settings,
	// default database, none of this step's temporary views.
	for _, v := range tempViews {
		x.exec(e, "DROP VIEW IF EXISTS "+quoteName(v), false)
	}
	x.exec(e, "RESET", false)
	x.exec(e, "USE default", false)
	return out
}

// isQuery reports whether a statement returns rows that must be fetched
// for it to run at all (a SELECT is lazy over Spark Connect).
func isQuery(s *Stmt) bool {
	switch s.Tree.(type) {
	case *hiveql.QueryStmt:
		return true
	case nil:
		t := strings.ToUpper(strings.TrimSpace(s.Text))
		return strings.HasPrefix(t, "SELECT") || strings.HasPrefix(t, "WITH") || strings.HasPrefix(t, "FROM")
	}
	return false
}

func validateFiles(dir string) []string {
	names, _ := filepath.Glob(filepath.Join(dir, "validate", "*.sql"))
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "validate/" + filepath.Base(n)
	}
	return out
}

func errClass(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return "UNCLASSIFIED"
}

func errMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return oneLine(err.Error())
}

// String is how a failure is printed: FILE:LINE: error: [CLASS] message.
func (r Result) String() string {
	loc := r.File
	if r.Line > 0 {
		loc = fmt.Sprintf("%s:%d", r.File, r.Line)
	}
	s := fmt.Sprintf("%s: error: [%s] %s", loc, r.Class, r.Reason)
	if r.Step != "" && strings.Contains(r.Step, "[") {
		s += " (step " + r.Step + ")"
	}
	return s
}

// WriteFailures prints each failure, in plan order.
func (rep *Report) WriteFailures(w io.Writer) {
	for _, r := range rep.Results {
		if r.Status == StatusFailed {
			fmt.Fprintln(w, r.String())
		}
	}
}

// WriteText prints a report for people: the failures, then the counts.
func (rep *Report) WriteText(w io.Writer) {
	rep.WriteFailures(w)
	var inferred []string
	for _, t := range rep.Tables {
		if t.Origin == "inferred" {
			inferred = append(inferred, t.Name)
		}
	}
	fmt.Fprintf(w, "tables: %d created and filled, %d of them inferred from use (no DDL in ddl/ or --schema)", len(rep.Tables), len(inferred))
	if len(inferred) > 0 && len(inferred) <= 12 {
		fmt.Fprintf(w, ": %s", strings.Join(inferred, ", "))
	}
	fmt.Fprintln(w)
	if len(rep.Assumed) > 0 {
		var names []string
		for k, v := range rep.Assumed {
			names = append(names, k+"="+v)
		}
		sort.Strings(names)
		fmt.Fprintf(w, "values a calling workflow passes, assumed (give --set NAME=VALUE to choose): %s\n", strings.Join(names, ", "))
	}
	s := rep.Summary
	if s.SetupFailed > 0 {
		fmt.Fprintf(w, "setup: %d DDL or fill statements failed\n", s.SetupFailed)
	}
	fmt.Fprintf(w, "validate/: %d queries ran, %d failed\n", s.Validate, s.ValidateFailed)
	if s.StepsNotSQL > 0 {
		fmt.Fprintf(w, "%d EMR steps run no SQL (hadoop fs, spark-submit, shell): not run here\n", s.StepsNotSQL)
	}
	if classes := rep.FailuresByClass(); len(classes) > 0 {
		var parts []string
		for _, c := range classes {
			parts = append(parts, fmt.Sprintf("%s %d", c.Class, c.N))
		}
		fmt.Fprintf(w, "failures by Spark error class: %s\n", strings.Join(parts, ", "))
	}
	p := rep.Phases
	fmt.Fprintf(w, "time: %.0f s (setup %.0f, rows %.0f, jobs %.0f, validate %.0f)\n", rep.Duration, p.Setup, p.Fill, p.Jobs, p.Validate)
	fmt.Fprintf(w, "%d statements ran, %d failed (%d in auto jobs), %d skipped (manual), %d not runnable here (JDBC, jars, S3 files)\n",
		s.Ran, s.Failed, s.FailedAuto, s.Manual, s.Skipped)
}

// Failed reports whether anything failed: a job statement, a setup
// statement of the output's own DDL, or a validate query.
func (rep *Report) Failed() bool {
	return rep.Summary.Failed > 0 || rep.Summary.ValidateFailed > 0 || rep.Summary.SetupFailed > 0
}

// ClassCount is how many job statements failed with one error class.
type ClassCount struct {
	Class string `json:"class"`
	N     int    `json:"n"`
}

// FailuresByClass counts the failed job statements by error class, most
// frequent first.
func (rep *Report) FailuresByClass() []ClassCount {
	n := map[string]int{}
	for _, r := range rep.Results {
		if r.Status == StatusFailed && r.Phase == "job" {
			n[r.Class]++
		}
	}
	out := make([]ClassCount, 0, len(n))
	for c, k := range n {
		out = append(out, ClassCount{c, k})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Class < out[j].Class
	})
	return out
}
