package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
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
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/translate"
)

// Against-Hive comparison (verify --against-hive): each legacy statement
// that writes or returns rows runs on a real Hive, its migrated form on
// Spark, from the same tables holding the same generated rows, and the
// results are compared as multisets.
//
// Both engines start from the same state (the same CREATE TABLE and the
// same generated INSERT on each) and run the same steps in the same order;
// a step neither engine can run (its legacy SQL is not a Hive script, or
// it runs no SQL) runs on neither, so that the two stay in step.

// Verdicts of a comparison.
const (
	Same          = "same"
	Differs       = "differs"
	NotComparable = "not-comparable"
)

// Comparison is the verdict on one statement that writes or returns rows.
type Comparison struct {
	Job     string `json:"job"`
	File    string `json:"file"` // the emitted SQL file ("" when the migration has no counterpart)
	Line    int    `json:"line"`
	Legacy  string `json:"legacy"` // host:/path:line of the legacy statement ("" when none)
	Result  string `json:"result"` // the table written, or "rows returned"
	Verdict string `json:"verdict"`
	// Reason says why a result is not comparable, or how it differs.
	Reason string `json:"reason,omitempty"`
	// Rules are the hazard rules migrate flagged at the statement.
	Rules     []string  `json:"rules,omitempty"`
	HiveRows  int       `json:"hive_rows"`
	SparkRows int       `json:"spark_rows"`
	Hive      []*string `json:"hive_row,omitempty"`  // first differing row, Hive's
	Spark     []*string `json:"spark_row,omitempty"` // and Spark's
}

type rowDiff struct{ hive, spark []*string }

// AgainstReport is everything verify --against-hive found.
type AgainstReport struct {
	Hive        string        `json:"hive"` // Hive's version
	Comparisons []*Comparison `json:"comparisons"`
	// Setup are the tables one engine could not create or fill (what reads
	// them is compared anyway: both see the same thing or one fails).
	Setup   []string `json:"setup,omitempty"`
	Summary struct {
		Statements int `json:"statements"`
		Same       int `json:"same"`
		// Empty are the "same" results with no row on either engine: the
		// generated rows did not reach them, so they prove little.
		Empty         int `json:"empty"`
		Differ        int `json:"differ"`
		Flagged       int `json:"flagged"` // of those that differ, how many a hazard rule flags
		NotComparable int `json:"not_comparable"`
	} `json:"summary"`
	Seconds float64 `json:"seconds"`
}

// AgainstOptions are the inputs of a comparison besides the plan.
type AgainstOptions struct {
	Estate  string        // the legacy estate migrate read (for the legacy SQL)
	Timeout time.Duration // per statement, on each engine
	MaxRows int           // rows compared per result; 0: 10000
	// Sample compares every Sample-th canonical job only (1 or 0: all);
	// the others run on neither engine.
	Sample int
	// Log, when set, hears what is being done (a line per phase).
	Log io.Writer
	// HiveVersion is the estate's Hive (the config's hive_version, which
	// the manifest records; "" is translate's default). Where Hive 4.1, the
	// oracle, computes a statement otherwise than that version did, the
	// rule that says so is named "(Hive 4.1 only)".
	HiveVersion string
}

// CompareWithHive runs the plan's SQL steps on both engines and compares
// what each statement writes or returns.
func CompareWithHive(ctx context.Context, p *Plan, spark, hive RowEngine, opt AgainstOptions) (*AgainstReport, error) {
	start := time.Now()
	if opt.MaxRows <= 0 {
		opt.MaxRows = 10000
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 5 * time.Minute
	}
	rep := &AgainstReport{}
	c := &comparer{ctx: ctx, opt: opt, spark: spark, hive: hive, rep: rep, hiveZone: "UTC"}
	if p.Manifest != nil && p.Manifest.Timezone != "" {
		c.hiveZone = p.Manifest.Timezone
	}
	if c.opt.HiveVersion == "" && p.Manifest != nil {
		c.opt.HiveVersion = p.Manifest.HiveVersion
	}
	jobIndex := map[string]int{}
	for _, st := range p.Steps {
		if _, ok := jobIndex[st.Job]; !ok {
			jobIndex[st.Job] = len(jobIndex)
		}
	}
	// The steps compared; only the tables they touch are set up.
	var steps []*Step
	for _, st := range p.Steps {
		if st.Skip != "" || st.Error != "" || st.File == "" {
			continue
		}
		if opt.Sample > 1 && jobIndex[st.Job]%opt.Sample != 0 {
			continue
		}
		steps = append(steps, st)
	}
	sub := *p
	sub.Steps, sub.Validate = steps, nil
	c.logf("verify: %d SQL steps to compare; creating and filling their tables on both engines…", len(steps))
	c.setup(&sub)
	c.logf("verify: tables ready (%.0f s); running the steps…", time.Since(start).Seconds())
	legacy := legacyOf(p.Manifest)
	if p.Scripts {
		legacy = scriptSources(opt.Estate, steps)
	}
	members := memberSteps(p.Dir)
	c.inline = inlineSQL(opt.Estate, steps, members, p.Manifest, legacy)
	for _, st := range steps {
		c.step(p, st, memberLegacy(p.Manifest, members, st, legacy[st.File]))
	}
	sort.SliceStable(rep.Comparisons, func(i, j int) bool {
		a, b := rep.Comparisons[i], rep.Comparisons[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Legacy < b.Legacy
	})
	s := &rep.Summary
	for _, cmp := range rep.Comparisons {
		s.Statements++
		switch cmp.Verdict {
		case Same:
			s.Same++
			if cmp.HiveRows == 0 && cmp.SparkRows == 0 {
				s.Empty++
			}
		case Differs:
			s.Differ++
			if len(cmp.Rules) > 0 {
				s.Flagged++
			}
		default:
			s.NotComparable++
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

type comparer struct {
	// inline is the legacy SQL of steps whose SQL sits inside a shell
	// script or a workflow (hive -e "…", a heredoc, spark-sql -e), by
	// the legacy location memberLegacy gives: the inventory's text, with
	// the shell's variables as ${NAME}.
	inline      map[string]string
	ctx         context.Context
	opt         AgainstOptions
	spark, hive RowEngine
	rep         *AgainstReport
	hiveZone    string // the legacy servers' time zone
	// restartSpark, for the function sweep, starts a new Spark when a
	// call stopped the running one.
	restartSpark func() (RowEngine, error)
}

// resetZones puts each engine in the time zone it ran in: Hive in the
// legacy servers' (the manifest's timezone, which the config gives),
// Spark in UTC, an EMR cluster's default; the migrated SQL sets Spark's
// own zone where migrate wrote one (SP112), as it will on EMR.
func (c *comparer) resetZones() {
	c.exec(c.spark, "SET spark.sql.session.timeZone=UTC")
	c.exec(c.hive, "SET hive.local.time.zone="+c.hiveZone)
}

func (c *comparer) logf(format string, args ...any) {
	if c.opt.Log != nil {
		fmt.Fprintf(c.opt.Log, format+"\n", args...)
	}
}

func (c *comparer) exec(e Engine, stmt string) error {
	ctx, cancel := context.WithTimeout(c.ctx, c.opt.Timeout)
	defer cancel()
	_, err := e.Exec(ctx, stmt, false)
	return err
}

func (c *comparer) rows(e RowEngine, stmt string) ([][]*string, error) {
	ctx, cancel := context.WithTimeout(c.ctx, c.opt.Timeout)
	defer cancel()
	return e.Rows(ctx, stmt, c.opt.MaxRows)
}

// hiveSession sets what every Hive run starts from: dynamic partitions as
// the legacy jobs ran them, the zones of the run, and none of the hooks or
// the transaction manager a previous script may have set. Hive's RESET
// does not unload hooks: Hive's own acid_bloom_filter_orc_file_dump.q sets
// hive.exec.post.hooks=…PostExecOrcFileDump, and every later query of the
// session failed ("Error while invoking PostHook … does not exist") until
// the property was set empty again.
func (c *comparer) hiveSession() {
	for _, set := range []string{
		"hive.exec.dynamic.partition.mode=nonstrict",
		"hive.exec.pre.hooks=", "hive.exec.post.hooks=", "hive.exec.failure.hooks=",
		"hive.exec.driver.run.hooks=", "hive.semantic.analyzer.hook=", "hive.query.lifetime.hooks=",
		"hive.support.concurrency=false", "hive.txn.manager=org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager",
	} {
		c.exec(c.hive, "SET "+set)
	}
	c.resetZones()
}

// setup creates every table the plan reads on both engines, with the same
// definition and the same generated rows.
func (c *comparer) setup(p *Plan) {
	cat := BuildCatalog(p)
	c.hiveSession()
	for _, db := range cat.Databases {
		q := "CREATE DATABASE IF NOT EXISTS " + quoteIdent(db)
		c.exec(c.spark, q)
		c.exec(c.hive, q)
	}
	runDay := p.runDay()
	used := tablesUsed(p.Steps)
	for _, t := range cat.Sorted() {
		if t.View || cat.Created[t.Name] || !used[t.Name] {
			continue
		}
		for _, q := range []string{CreateInferred(t), FillStatement(t, runDay), EdgeFillStatement(t)} {
			if q == "" {
				continue
			}
			if err := c.exec(c.spark, q); err != nil {
				c.rep.Setup = append(c.rep.Setup, fmt.Sprintf("%s: Spark: %v", t.Name, err))
			}
			if err := c.exec(c.hive, q); err != nil {
				c.rep.Setup = append(c.rep.Setup, fmt.Sprintf("%s: Hive: %v", t.Name, err))
			}
		}
	}
}

// tablesUsed are the tables the steps' statements read or write: the
// only ones set up (filling a table on Hive costs a Tez job).
func tablesUsed(steps []*Step) map[string]bool {
	used := map[string]bool{}
	for _, st := range steps {
		db := "default"
		for _, s := range st.Stmts {
			if s.Tree == nil {
				continue
			}
			if u, ok := s.Tree.(*hiveql.UseStmt); ok && u.DB != nil {
				db = strings.ToLower(u.DB.Name)
			}
			a := hiveql.StmtAccess(s.Tree, db)
			for _, list := range [][]string{a.Inputs, a.Outputs, a.Defines} {
				for _, t := range list {
					used[t] = true
				}
			}
		}
	}
	return used
}

// legacyOf maps each emitted SQL file to the legacy location its step
// came from (host:/path:line).
func legacyOf(m *emit.Manifest) map[string]string {
	out := map[string]string{}
	if m == nil {
		return out
	}
	for _, ce := range m.Canonical {
		for _, st := range ce.Steps {
			for _, f := range st.Files {
				out[f] = st.Legacy
			}
		}
	}
	return out
}

// memberSteps reads report/inventory.json: each legacy job's steps, as
// kind and host:/path:line, in order.
func memberSteps(dir string) map[string][][2]string {
	out := map[string][][2]string{}
	b, err := os.ReadFile(filepath.Join(dir, "report", "inventory.json"))
	if err != nil {
		return out
	}
	var inv struct {
		Jobs []struct {
			ID    string `json:"id"`
			Steps []struct {
				Kind   string `json:"kind"`
				Source struct {
					Host string `json:"host"`
					Path string `json:"path"`
					Line int    `json:"line"`
				} `json:"source"`
			} `json:"steps"`
		} `json:"jobs"`
	}
	if json.Unmarshal(b, &inv) != nil {
		return out
	}
	for _, j := range inv.Jobs {
		for _, st := range j.Steps {
			out[j.ID] = append(out[j.ID], [2]string{st.Kind, fmt.Sprintf("%s:%s:%d", st.Source.Host, st.Source.Path, st.Source.Line)})
		}
	}
	return out
}

// scriptSources maps translated scripts (verify --sql: DIR/a/b.sql from
// sparkport translate -o DIR) to the Hive scripts they came from, in the
// folder translate read (a/b.q, a/b.hql or a/b.sql), as legacy locations
// with no host (":a/b.q:1").
func scriptSources(root string, steps []*Step) map[string]string {
	out := map[string]string{}
	for _, st := range steps {
		stem := strings.TrimSuffix(st.File, ".sql")
		for _, ext := range []string{".q", ".hql", ".sql", ".hive"} {
			if fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(stem+ext))); err == nil && fi.Mode().IsRegular() {
				out[st.File] = ":" + stem + ext + ":1"
				break
			}
		}
	}
	return out
}

// inlineSQL reads the legacy SQL the steps' legacy locations hold inside
// a script or workflow, from an inventory of the estate (the same
// lowering migrate used): location → text. Nothing is read when every
// legacy location is an SQL file of its own.
func inlineSQL(estate string, steps []*Step, members map[string][][2]string, m *emit.Manifest, legacy map[string]string) map[string]string {
	want := map[string]bool{}
	for _, st := range steps {
		loc := memberLegacy(m, members, st, legacy[st.File])
		if _, path, _, ok := splitLocation(loc); ok && !isSQLFile(path) {
			want[loc] = true
		}
	}
	out := map[string]string{}
	if len(want) == 0 || estate == "" {
		return out
	}
	inv, err := inventory.Build(estate, inventory.Options{})
	if err != nil {
		return out
	}
	for _, j := range inv.Jobs {
		for _, st := range j.Steps {
			if st.SQL == "" || st.Source == nil {
				continue
			}
			loc := fmt.Sprintf("%s:%s:%d", st.Source.Host, st.Source.Path, st.Source.Line)
			if want[loc] {
				out[loc] = st.SQL
			}
		}
	}
	return out
}

// memberLegacy is the legacy SQL a step of one run stands for: the k-th
// step of the run's first member (a parametric clone's own file, not the
// leader's), when the inventory lists it with the same kind; else the
// canonical step's own legacy location.
func memberLegacy(m *emit.Manifest, members map[string][][2]string, st *Step, fallback string) string {
	if m == nil {
		return fallback
	}
	// The EMR step name is "JOB [RUN] NN kind file".
	rest := strings.TrimPrefix(st.Name, st.Job+" ")
	run := ""
	if strings.HasPrefix(rest, "[") {
		if i := strings.Index(rest, "] "); i > 0 {
			run, rest = rest[1:i], rest[i+2:]
		}
	}
	var k int
	if _, err := fmt.Sscanf(rest, "%d", &k); err != nil || k < 1 {
		return fallback
	}
	for _, ce := range m.Canonical {
		if ce.Name != st.Job {
			continue
		}
		var kind string
		for _, s := range ce.Steps {
			if s.Index == k {
				kind = s.Kind
			}
		}
		for _, r := range ce.Runs {
			if r.Name != run || len(r.Members) == 0 {
				continue
			}
			steps := members[r.Members[0]]
			if k <= len(steps) && steps[k-1][0] == kind {
				return steps[k-1][1]
			}
		}
	}
	return fallback
}

// rowStmt is one statement that writes or returns rows, on one side.
type rowStmt struct {
	key   string // "lake.t" for a table written, "" for rows returned
	n     int    // occurrence of that key in its file
	line  int
	last  int // the statement's last line (legacy statements)
	text  string
	tree  hiveql.Stmt
	why   string // why it cannot be compared, decided before running
	rules []string
	rows  [][]*string
	err   error
	ran   bool
}

func (r *rowStmt) result() string {
	if r.key == "" {
		return "rows returned"
	}
	return r.key
}

// step runs one EMR step's SQL on Spark and its legacy SQL on Hive.
func (c *comparer) step(p *Plan, st *Step, legacyLoc string) {
	mig := c.migratedStatements(p.Dir, st)
	if len(mig) == 0 {
		return
	}
	add := func(r *rowStmt, reason string) {
		c.rep.Comparisons = append(c.rep.Comparisons, &Comparison{Job: st.Job, File: st.File, Line: r.line, Result: r.result(),
			Rules: r.rules, Legacy: legacyLoc, Verdict: NotComparable, Reason: reason})
	}
	host, path, at, ok := splitLocation(legacyLoc)
	var src []byte
	offset := 0 // the line of the legacy file the SQL text starts on, less one
	switch text, inline := c.inline[legacyLoc]; {
	case ok && inline:
		src, offset = []byte(text), at-1
	case !ok || !isSQLFile(path):
		for _, r := range mig {
			why := r.why
			if why == "" {
				why = "the legacy SQL is not a Hive script of its own (inline in " + filepath.Base(path) + ") and the inventory of --estate has no text for it: not run on either engine"
			}
			add(r, why)
		}
		return
	default:
		var err error
		src, err = os.ReadFile(filepath.Join(c.opt.Estate, host, filepath.FromSlash(path)))
		if err != nil {
			for _, r := range mig {
				add(r, "the legacy file cannot be read: "+err.Error())
			}
			return
		}
	}
	vals := map[string]string{}
	for _, v := range st.Conf {
		vals[v.Name] = v.Value
	}
	for _, v := range st.Vars {
		vals[v.Name] = v.Value
	}
	leg, all := legacyStatements(src, vals)
	// The rules translate reports at each legacy statement: what flags a
	// difference when the migrated file does not say (verify --sql of
	// translate's output, whose files carry no per-statement notes).
	legacyRules(path, src, leg, c.opt.HiveVersion)
	moved := map[*rowStmt]bool{}
	for _, l := range append(append([]*rowStmt{}, all...), leg...) {
		if !moved[l] {
			moved[l] = true
			l.line += offset
		}
	}

	// Spark: the migrated file, as the step runs it.
	c.exec(c.spark, "RESET")
	c.resetZones()
	c.runSide(c.spark, st.Stmts, mig, true)
	// Hive: the legacy file, with the same values.
	c.exec(c.hive, "RESET")
	c.hiveSession()
	c.runLegacy(all, leg)

	used := map[*rowStmt]bool{}
	for _, r := range mig {
		l := pair(leg, r)
		lloc := fmt.Sprintf("%s:%s", host, path)
		if l != nil {
			used[l] = true
			lloc = fmt.Sprintf("%s:%s:%d", host, path, l.line)
		}
		verdict, reason, d := judge(r, l)
		// The migrated file's notes, else the rules translate reports at
		// the legacy statement; the "(Hive 4.1 only)" ones always.
		rules := append([]string{}, r.rules...)
		if l != nil {
			for _, lr := range l.rules {
				if (len(r.rules) == 0 || strings.HasSuffix(lr, " only)")) && !slices.Contains(rules, lr) {
					rules = append(rules, lr)
				}
			}
			sort.Strings(rules)
		}
		cmp := &Comparison{Job: st.Job, File: st.File, Line: r.line, Legacy: lloc, Result: r.result(), Rules: rules, Verdict: verdict, Reason: reason}
		if r.ran {
			cmp.SparkRows = len(r.rows)
		}
		if l != nil && l.ran {
			cmp.HiveRows = len(l.rows)
		}
		if d != nil {
			cmp.Hive, cmp.Spark = d.hive, d.spark
		}
		c.rep.Comparisons = append(c.rep.Comparisons, cmp)
	}
	for _, l := range leg {
		if !used[l] {
			c.rep.Comparisons = append(c.rep.Comparisons, &Comparison{Job: st.Job, Legacy: fmt.Sprintf("%s:%s:%d", host, path, l.line), Result: l.result(),
				Verdict: NotComparable, Reason: "the migrated SQL has no statement that " + describeKey(l.key)})
		}
	}
}

func describeKey(k string) string {
	if k == "" {
		return "returns rows in this place"
	}
	return "writes " + k
}

// legacyRules gives each legacy row statement the rules that warn about it
// or leave it to a person when its script is translated for the estate's
// Hive version, and, named "SPnnn (Hive 4.1 only)", those that warn only
// when it is translated for Hive 4.1, the oracle: a difference such a rule
// explains is Hive 4.1's and not the estate's (greatest(1, NULL) is NULL
// from Hive 2.0 on; the estate's Hive 1.2 skipped NULLs as Spark does).
func legacyRules(file string, src []byte, leg []*rowStmt, hiveVersion string) {
	cfg := translate.DefaultConfig()
	if hiveVersion != "" {
		cfg.HiveVersion = hiveVersion
	}
	estate := translate.Translate(file, src, cfg, translate.Options{})
	oracleCfg := translate.DefaultConfig()
	oracleCfg.HiveVersion = oracleVersion
	oracle := translate.Translate(file, src, oracleCfg, translate.Options{})
	// flags are the rules that warn or leave the statement to a person;
	// with all, the rewrites too (a rewrite only the oracle's version
	// needs tells of a difference between the versions as well).
	flags := func(r *translate.Result, l *rowStmt, all bool) map[string]bool {
		out := map[string]bool{}
		for _, d := range r.Diagnostics {
			if (all || d.Severity == translate.Warning || d.Severity == translate.Error) && d.Line >= l.line && d.Line <= max(l.last, l.line) {
				out[d.Rule] = true
			}
		}
		return out
	}
	// A SET of a property sparkport cannot call harmless (SP001 warning)
	// is in force for every statement after it: Hive's input30.q sets
	// hive.test.mode=true, and the INSERT two lines below wrote tst_dest30.
	var unsafeSet []int
	for _, d := range estate.Diagnostics {
		if d.Rule == "SP001" && d.Severity == translate.Warning {
			unsafeSet = append(unsafeSet, d.Line)
		}
	}
	for _, l := range leg {
		for r := range flags(estate, l, false) {
			if !slices.Contains(l.rules, r) {
				l.rules = append(l.rules, r)
			}
		}
		if len(unsafeSet) > 0 && unsafeSet[0] < l.line && !slices.Contains(l.rules, "SP001") {
			l.rules = append(l.rules, "SP001")
		}
		if cfg.HiveVersion != oracleCfg.HiveVersion {
			own := flags(estate, l, true)
			for r := range flags(oracle, l, true) {
				if !own[r] {
					l.rules = append(l.rules, r+" (Hive "+oracleVersion+" only)")
				}
			}
		}
		sort.Strings(l.rules)
	}
}

// oracleVersion is HiveVersion as translate's hive_version spells it.
var oracleVersion = HiveVersion[:strings.LastIndex(HiveVersion, ".")]

// pair finds the legacy statement that does what r does: the same
// table written the same n-th time, or the n-th query.
func pair(leg []*rowStmt, r *rowStmt) *rowStmt {
	for _, l := range leg {
		if l.key == r.key && l.n == r.n {
			return l
		}
	}
	return nil
}

// judge compares one pair's results.
func judge(r, l *rowStmt) (string, string, *rowDiff) {
	switch {
	case r.why != "":
		return NotComparable, r.why, nil
	case l == nil:
		return NotComparable, "no legacy statement " + describeKey(r.key) + " in the legacy file", nil
	case l.why != "":
		return NotComparable, l.why, nil
	case r.err != nil && l.err != nil:
		return NotComparable, fmt.Sprintf("fails on both engines: Hive: %v; Spark: %v", l.err, r.err), nil
	case l.err != nil:
		return NotComparable, fmt.Sprintf("the legacy statement fails on Hive %s: %v", HiveVersion, l.err), nil
	case r.err != nil:
		return Differs, fmt.Sprintf("runs on Hive, fails on Spark: %v", r.err), nil
	}
	if d := compareRows(l.rows, r.rows); d != nil {
		return Differs, fmt.Sprintf("Hive has %d rows, Spark %d", len(l.rows), len(r.rows)), d
	}
	return Same, "", nil
}

// migratedStatements lists the step's statements that write or return rows.
func (c *comparer) migratedStatements(dir string, st *Step) []*rowStmt {
	rules := rulesByLine(dir, st)
	seen := map[string]int{}
	altered := map[string]int{} // table → line of the manual ALTER
	var out []*rowStmt
	db := "default"
	for _, s := range st.Stmts {
		if u, ok := s.Tree.(*hiveql.UseStmt); ok && u.DB != nil {
			db = strings.ToLower(u.DB.Name)
		}
		if s.Manual != "" {
			for _, t := range s.Alters {
				if !strings.Contains(t, ".") {
					t = db + "." + t
				}
				altered[strings.ToLower(t)] = s.Line
			}
			continue
		}
		keys := rowKeys(s.Tree, db)
		var stale string
		if s.Tree != nil && len(altered) > 0 {
			a := hiveql.StmtAccess(s.Tree, db)
			for _, t := range append(append([]string{}, a.Inputs...), a.Outputs...) {
				if line, ok := altered[strings.ToLower(t)]; ok {
					stale = fmt.Sprintf("uses %s, whose ALTER TABLE (line %d) is left to a person: Spark's table is not the one Hive altered", t, line)
					break
				}
			}
		}
		for _, k := range keys {
			r := &rowStmt{key: k, n: seen[k], line: s.Line, text: s.Sub, tree: s.Tree, rules: rules[s.Line]}
			seen[k]++
			switch {
			case s.Skip != "":
				r.why = "not runnable here: " + s.Skip
			case len(s.Unbound) > 0:
				r.why = "unbound " + strings.Join(s.Unbound, ", ")
			case stale != "":
				r.why = stale
			default:
				r.why = nondeterministic(s.Tree)
			}
			out = append(out, r)
		}
	}
	return out
}

// rulesByLine reads the "-- [SPnnn]" comments migrate writes before a
// statement it flags.
func rulesByLine(dir string, st *Step) map[int][]string {
	out := map[int][]string{}
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(st.File)))
	if err != nil {
		return out
	}
	f, _ := hiveql.Parse(src, hiveql.Spark)
	if f == nil {
		return out
	}
	li := hiveql.NewLineIndex(src)
	for _, s := range f.Statements {
		line, _ := li.Position(s.Pos())
		seen := map[string]bool{}
		for _, cm := range s.Comments {
			// A setting migrate dropped is no hazard of the statement after it.
			if strings.Contains(cm.Text, "] dropped:") {
				continue
			}
			for _, m := range ruleComment.FindAllStringSubmatch(cm.Text, -1) {
				for _, r := range strings.Split(m[1], ", ") {
					if !seen[r] {
						seen[r] = true
						out[line] = append(out[line], r)
					}
				}
			}
		}
	}
	return out
}

var ruleComment = regexp.MustCompile(`\[(SP[0-9]{3}(?:, SP[0-9]{3})*)\]`)

// rowKeys are the results a statement produces: the tables it writes, or
// "" for rows it returns. None for statements that produce no rows (DDL,
// SET) and for writes verify cannot read back (a directory).
func rowKeys(s hiveql.Stmt, db string) []string {
	switch x := s.(type) {
	case *hiveql.QueryStmt:
		return []string{""}
	case *hiveql.InsertStmt:
		if x.Target != nil && x.Target.Table != nil {
			return []string{x.Target.Table.Qualified(db)}
		}
	case *hiveql.MultiInsertStmt:
		var out []string
		for _, b := range x.Bodies {
			if b.Target == nil {
				out = append(out, "")
			} else if b.Target.Table != nil {
				out = append(out, b.Target.Table.Qualified(db))
			}
		}
		return out
	case *hiveql.CreateTableStmt:
		if x.Query != nil && x.Name != nil {
			return []string{x.Name.Qualified(db)}
		}
	}
	return nil
}

// nondeterministic says why a statement's result cannot be compared
// between two engines whatever their semantics, or "".
func nondeterministic(s hiveql.Stmt) string {
	why := ""
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		if why != "" {
			return false
		}
		switch x := n.(type) {
		case *hiveql.FuncCall:
			why = nondeterministicCall(x)
		case *hiveql.TableSample:
			why = "samples the table (TABLESAMPLE)"
		case *hiveql.Query:
			if x.Limit != nil && len(x.OrderBy) == 0 && len(x.SortBy) == 0 {
				why = "LIMIT without ORDER BY: which rows is up to the engine"
			}
		case *hiveql.InsertBody:
			// FROM t INSERT … SELECT … LIMIT n: the body's own tail.
			if x.Limit != nil && len(x.OrderBy) == 0 && len(x.SortBy) == 0 {
				why = "LIMIT without ORDER BY: which rows is up to the engine"
			}
		}
		return true
	})
	return why
}

// nondeterministicCall says why a call's value is not the same from one
// run to the next, or "".
func nondeterministicCall(x *hiveql.FuncCall) string {
	if x.Name == nil {
		return ""
	}
	name := strings.ToLower(x.Name.Qualified(""))
	switch name {
	case "rand", "random", "uuid", "current_timestamp", "current_date", "now", "reflect", "java_method", "input_file_name", "monotonically_increasing_id", "spark_partition_id", "shuffle", "current_user", "logged_in_user":
		return "calls " + name + "(), whose value depends on when and where it runs"
	case "unix_timestamp":
		if len(x.Args) == 0 {
			return "calls unix_timestamp() without an argument (the current time)"
		}
	case "row_number", "rank", "dense_rank", "first_value", "last_value", "lag", "lead", "collect_list", "collect_set", "first", "last":
		// Order-sensitive: comparable only when the window or the result
		// is fully ordered, which verify cannot know; compared all the
		// same, and a difference is then reported with this in mind.
	}
	return ""
}

// legacyStatements parses a legacy Hive script, substitutes the step's
// values, and returns the statements that write or return rows (all of
// which run, in order, with the others).
func legacyStatements(src []byte, vals map[string]string) (rows []*rowStmt, all []*rowStmt) {
	f, _ := hiveql.Parse(src, hiveql.Hive)
	if f == nil {
		return nil, nil
	}
	li := hiveql.NewLineIndex(src)
	seen := map[string]int{}
	db := "default"
	for _, st := range f.Statements {
		start, end := int(st.Pos()), int(st.End)
		if start < 0 || end > len(src) || start >= end {
			continue
		}
		line, _ := li.Position(st.Pos())
		last, _ := li.Position(hiveql.Pos(end - 1))
		text, unbound := Substitute(string(src[start:end]), vals)
		tree := parseHive(text)
		if tree == nil {
			tree = st.Stmt
		}
		if u, ok := tree.(*hiveql.UseStmt); ok && u.DB != nil {
			db = strings.ToLower(u.DB.Name)
		}
		keys := rowKeys(tree, db)
		if len(keys) == 0 {
			all = append(all, &rowStmt{line: line, last: last, text: text, tree: tree})
			continue
		}
		var first *rowStmt
		for _, k := range keys {
			r := &rowStmt{key: k, n: seen[k], line: line, last: last, text: text, tree: tree}
			seen[k]++
			switch {
			case len(unbound) > 0:
				r.why = "the legacy statement reads " + strings.Join(unbound, ", ") + ", which the step does not pass"
			default:
				r.why = nondeterministic(tree)
			}
			if first == nil {
				first = r
				all = append(all, r)
			} else {
				r.text = "" // one run serves every target of a multi-insert
				all = append(all, r)
			}
			rows = append(rows, r)
		}
	}
	return rows, all
}

func parseHive(text string) hiveql.Stmt {
	f, errs := hiveql.Parse([]byte(text), hiveql.Hive)
	if len(errs) > 0 || f == nil || len(f.Statements) != 1 {
		return nil
	}
	if _, bad := f.Statements[0].Stmt.(*hiveql.BadStmt); bad {
		return nil
	}
	return f.Statements[0].Stmt
}

// runSide runs a migrated step's statements on Spark in order and reads
// back what each row statement produced.
func (c *comparer) runSide(e RowEngine, stmts []*Stmt, rows []*rowStmt, spark bool) {
	byLine := map[int][]*rowStmt{}
	for _, r := range rows {
		byLine[r.line] = append(byLine[r.line], r)
	}
	for _, s := range stmts {
		if s.Manual != "" || s.Skip != "" || len(s.Unbound) > 0 {
			continue
		}
		rs := byLine[s.Line]
		if len(rs) == 0 {
			c.exec(e, s.Sub)
			continue
		}
		c.runRows(e, s.Sub, rs, spark)
	}
}

// runLegacy runs a legacy script's statements on Hive in order.
func (c *comparer) runLegacy(all []*rowStmt, rows []*rowStmt) {
	isRow := map[*rowStmt]bool{}
	for _, r := range rows {
		isRow[r] = true
	}
	for i := 0; i < len(all); i++ {
		s := all[i]
		if !isRow[s] {
			c.exec(c.hive, s.text)
			continue
		}
		group := []*rowStmt{s}
		for i+1 < len(all) && isRow[all[i+1]] && all[i+1].text == "" {
			i++
			group = append(group, all[i])
		}
		if s.why != "" && strings.HasPrefix(s.why, "the legacy statement reads") {
			continue
		}
		c.runRows(c.hive, s.text, group, false)
	}
}

// runRows runs one statement and reads back each of its results.
func (c *comparer) runRows(e RowEngine, text string, rs []*rowStmt, spark bool) {
	if len(rs) == 1 && rs[0].key == "" {
		r := rs[0]
		r.ran = true
		r.rows, r.err = c.queryRows(e, text, spark)
		return
	}
	err := c.exec(e, text)
	for _, r := range rs {
		r.ran = true
		if err != nil {
			r.err = err
			continue
		}
		if r.key == "" {
			r.why = "a multi-insert's plain SELECT: its rows are not read back"
			continue
		}
		r.rows, r.err = c.tableRows(e, r.key, spark)
	}
}

// tableRows reads a whole table back as text. Spark renders each value
// with CAST(… AS STRING) (to_json for arrays, maps and structs), which
// prints what Hive's own text output prints.
func (c *comparer) tableRows(e RowEngine, table string, spark bool) ([][]*string, error) {
	if !spark {
		return c.rows(e, "SELECT * FROM "+quoteName(table))
	}
	cols, err := c.rows(e, "DESCRIBE TABLE "+quoteName(table))
	if err != nil {
		return nil, err
	}
	return c.rows(e, "SELECT "+castList(cols)+" FROM "+quoteName(table))
}

// queryRows runs a query and returns its rows as text.
func (c *comparer) queryRows(e RowEngine, text string, spark bool) ([][]*string, error) {
	if !spark {
		return c.rows(e, text)
	}
	if err := c.exec(e, "CREATE OR REPLACE TEMPORARY VIEW sparkport_result AS "+text); err != nil {
		return c.rows(e, text)
	}
	cols, err := c.rows(e, "DESCRIBE TABLE sparkport_result")
	if err != nil {
		return nil, err
	}
	return c.rows(e, "SELECT "+castList(cols)+" FROM sparkport_result")
}

// castList turns DESCRIBE's rows (col_name, data_type, comment) into a
// select list of text renderings, stopping at the partition section.
func castList(desc [][]*string) string {
	var items []string
	seen := map[string]bool{}
	for _, row := range desc {
		if len(row) < 2 || row[0] == nil || row[1] == nil {
			continue
		}
		name, typ := *row[0], strings.ToLower(*row[1])
		if name == "" || strings.HasPrefix(name, "#") {
			break
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		q := quoteIdent(name)
		switch {
		case strings.HasPrefix(typ, "array") || strings.HasPrefix(typ, "map") || strings.HasPrefix(typ, "struct"):
			// ignoreNullFields: to_json drops a struct's NULL fields by
			// default, where Hive prints them ({"a":1,"b":null}).
			items = append(items, "to_json("+q+", map('ignoreNullFields', 'false'))")
		default:
			items = append(items, "CAST("+q+" AS STRING)")
		}
	}
	if len(items) == 0 {
		return "*"
	}
	return strings.Join(items, ", ")
}

// compareRows compares two results as multisets of rows: numbers by value
// (decimals exactly, floating point within a relative 1e-9), the rest as
// text. It returns the first difference, or nil.
func compareRows(hive, spark [][]*string) *rowDiff {
	h := sortedRows(hive)
	s := sortedRows(spark)
	n := len(h)
	if len(s) > n {
		n = len(s)
	}
	for i := 0; i < n; i++ {
		var a, b []*string
		if i < len(h) {
			a = h[i]
		}
		if i < len(s) {
			b = s[i]
		}
		if a == nil || b == nil || !sameRow(a, b) {
			return &rowDiff{hive: a, spark: b}
		}
	}
	return nil
}

func sortedRows(rows [][]*string) [][]*string {
	out := append([][]*string(nil), rows...)
	key := func(r []*string) string {
		var b strings.Builder
		for _, c := range r {
			if c == nil {
				b.WriteString("\x00N")
			} else {
				b.WriteString(canonicalCell(*c))
			}
			b.WriteByte('\x01')
		}
		return b.String()
	}
	ks := make([]string, len(out))
	for i, r := range out {
		ks[i] = key(r)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return ks[idx[i]] < ks[idx[j]] })
	sorted := make([][]*string, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted
}

// canonicalCell is the text a cell sorts by: numbers by their value
// rounded to 9 significant digits, so that 1.5 and 1.50 sort together.
func canonicalCell(s string) string {
	if f, ok := number(s); ok {
		return "#" + strconvFloat(f)
	}
	return s
}

func strconvFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return fmt.Sprint(f)
	}
	return fmt.Sprintf("%.9e", f)
}

func sameRow(a, b []*string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameCell(a[i], b[i]) {
			return false
		}
	}
	return true
}

func sameCell(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if *a == *b {
		return true
	}
	x, okx := number(*a)
	y, oky := number(*b)
	if !okx || !oky {
		return normalizeJSON(*a) == normalizeJSON(*b)
	}
	// Exact decimals compare exactly.
	if !strings.ContainsAny(*a, "eE") && !strings.ContainsAny(*b, "eE") {
		ra, oka := new(big.Rat).SetString(*a)
		rb, okb := new(big.Rat).SetString(*b)
		if oka && okb && ra.Cmp(rb) == 0 {
			return true
		}
	}
	if x == y {
		return true
	}
	d := math.Abs(x - y)
	return d <= 1e-9*math.Max(math.Abs(x), math.Abs(y))
}

var numberRE = regexp.MustCompile(`^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$`)

func number(s string) (float64, bool) {
	if !numberRE.MatchString(s) {
		return 0, false
	}
	var f float64
	_, err := fmt.Sscan(s, &f)
	return f, err == nil
}

// normalizeJSON drops the spaces Spark's and Hive's renderings of nested
// values differ by, unquotes number map keys (Hive prints {1:"b"}, JSON
// quotes them) and writes every number outside a string by its value
// (Hive prints a decimal 1.0 as 1, Spark as 1.0).
func normalizeJSON(s string) string {
	if s == "" || (s[0] != '[' && s[0] != '{') {
		return s
	}
	var b strings.Builder
	inString := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case inString:
			b.WriteByte(ch)
			if ch == '\\' && i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			} else if ch == '"' {
				inString = false
			}
		case ch == '"':
			// A quoted number that is a map key: {"1.0":…}.
			prev := strings.TrimRight(s[:i], " ")
			if j := strings.IndexByte(s[i+1:], '"'); j >= 0 && (strings.HasSuffix(prev, "{") || strings.HasSuffix(prev, ",")) {
				key := s[i+1 : i+1+j]
				if rest := strings.TrimLeft(s[i+2+j:], " "); strings.HasPrefix(rest, ":") && numberRE.MatchString(key) {
					b.WriteString(jsonNumber(key))
					i += 1 + j
					continue
				}
			}
			inString = true
			b.WriteByte(ch)
		case ch == ' ' && i > 0 && (s[i-1] == ',' || s[i-1] == ':'):
			// Spark's ", " and ": ".
		case ch == '-' || ch >= '0' && ch <= '9':
			j := i + 1
			for j < len(s) && strings.IndexByte("0123456789.eE+-", s[j]) >= 0 {
				j++
			}
			b.WriteString(jsonNumber(s[i:j]))
			i = j - 1
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// jsonNumber writes a number of a nested value by its value, exactly: a
// decimal without its sign '+', leading and trailing zeros (1.0, 01 and 1
// are one value; 1234567890123 and 1234567890124 stay two), and a number
// with an exponent as a float (1.0E15).
func jsonNumber(n string) string {
	if !numberRE.MatchString(n) {
		return n
	}
	if strings.ContainsAny(n, "eE") {
		var r big.Rat
		if _, ok := r.SetString(n); ok && r.IsInt() {
			return r.Num().String() // 1.0E15 is 1000000000000000
		}
		if f, ok := number(n); ok {
			return strconvFloat(f)
		}
		return n
	}
	neg := strings.HasPrefix(n, "-")
	n = strings.TrimLeft(n, "+-")
	if strings.Contains(n, ".") {
		n = strings.TrimSuffix(strings.TrimRight(n, "0"), ".")
	}
	n = strings.TrimLeft(n, "0")
	if n == "" || strings.HasPrefix(n, ".") {
		n = "0" + n
	}
	if neg && n != "0" {
		n = "-" + n
	}
	return n
}

// splitLocation splits host:/path:line.
func splitLocation(loc string) (host, path string, line int, ok bool) {
	i := strings.Index(loc, ":")
	j := strings.LastIndex(loc, ":")
	if i < 0 || j <= i {
		return "", "", 0, false
	}
	fmt.Sscan(loc[j+1:], &line)
	return loc[:i], loc[i+1 : j], line, true
}

func isSQLFile(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".hql", ".sql", ".q", ".hive":
		return true
	}
	return false
}

// Summary line, as verify prints it last.
func (r *AgainstReport) Line() string {
	s := r.Summary
	return fmt.Sprintf("%d statements compared, %d same, %d differ (%d flagged), %d not comparable", s.Statements, s.Same, s.Differ, s.Flagged, s.NotComparable)
}

// WriteText prints the comparisons, one line each (differences first with
// the first differing rows), then the closing line. quiet prints the
// differences and the closing line only.
func (r *AgainstReport) WriteText(w io.Writer, quiet bool) {
	where := func(c *Comparison) string {
		if c.File == "" {
			return c.Legacy
		}
		return fmt.Sprintf("%s:%d", c.File, c.Line)
	}
	for _, c := range r.Comparisons {
		if c.Verdict != Differs {
			continue
		}
		flag := "not flagged by any rule"
		if len(c.Rules) > 0 {
			flag = "flagged: " + strings.Join(c.Rules, ", ")
		}
		fmt.Fprintf(w, "%s: differs: %s: %s (%s; legacy %s)\n", where(c), c.Result, c.Reason, flag, c.Legacy)
		if c.Hive != nil || c.Spark != nil {
			fmt.Fprintf(w, "\tfirst differing row: Hive %s, Spark %s\n", showRow(c.Hive), showRow(c.Spark))
		}
	}
	if !quiet {
		for _, c := range r.Comparisons {
			if c.Verdict == NotComparable {
				fmt.Fprintf(w, "%s: not comparable: %s: %s\n", where(c), c.Result, c.Reason)
			}
		}
		for _, s := range r.Setup {
			fmt.Fprintf(w, "setup: %s\n", s)
		}
		fmt.Fprintf(w, "engines: Hive %s (embedded, Tez local mode), Spark; time: %.0f s\n", r.Hive, r.Seconds)
		if r.Summary.Empty > 0 {
			fmt.Fprintf(w, "of the same: %d empty on both engines (the generated rows did not reach them)\n", r.Summary.Empty)
		}
	}
	fmt.Fprintln(w, r.Line())
}

func showRow(row []*string) string {
	if row == nil {
		return "(no row)"
	}
	parts := make([]string, len(row))
	for i, c := range row {
		if c == nil {
			parts[i] = "NULL"
		} else {
			parts[i] = strconv.Quote(*c)
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
