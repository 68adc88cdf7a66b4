package translate

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/parser/hiveql"
)

// Severity ranks a diagnostic. Errors mean a statement was not translated.
type Severity uint8

// Severities, least severe first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// MarshalText writes the severity's name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one finding of one rule at one place.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
}

// String formats d the way compilers do: file:line:col: severity: [rule] message.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: [%s] %s", d.File, d.Line, d.Col, d.Severity, d.Rule, d.Message)
}

// Outcome is what became of one statement.
type Outcome string

// Outcomes.
const (
	Kept      Outcome = "kept"      // runs in Spark as written
	Rewritten Outcome = "rewritten" // changed by rules, then runs in Spark
	Dropped   Outcome = "dropped"   // has no effect or no meaning in Spark; left as a comment
	Moved     Outcome = "moved"     // a dfs or ! command, now a step of its own
	Inlined   Outcome = "inlined"   // a source command, replaced by the file's statements
	Manual    Outcome = "manual"    // needs a person; left as a comment
)

// StatementResult is the fate of one input statement.
type StatementResult struct {
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Outcome Outcome  `json:"outcome"`
	Rules   []string `json:"rules,omitempty"`
}

// Segment is a run of the translated script in execution order: Spark SQL,
// or a command moved out of the SQL because spark-sql cannot run it.
type Segment struct {
	Kind    string   `json:"kind"` // "sql", "hdfs" (a dfs command) or "shell" (a ! command)
	SQL     string   `json:"sql,omitempty"`
	Args    []string `json:"args,omitempty"` // the command's words, secrets redacted
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Secrets int      `json:"secrets,omitempty"` // secrets found (and redacted) in the command
}

// Param is a variable the script reads: ${hiveconf:dt}, ${hivevar:x}, ${x}.
type Param struct {
	Ref       string `json:"ref"`       // as written, without ${ }
	Name      string `json:"name"`      // without its namespace
	Namespace string `json:"namespace"` // hiveconf, hivevar, env, system, or empty
	Defined   bool   `json:"defined"`   // set by the script itself before use
	Line      int    `json:"line"`      // first use
}

// Result is a translated script.
type Result struct {
	File        string            `json:"file"`
	SQL         string            `json:"-"` // the whole script; moved commands appear as comments in place
	Segments    []Segment         `json:"segments"`
	Statements  []StatementResult `json:"statements"`
	Diagnostics []Diagnostic      `json:"diagnostics"`
	Params      []Param           `json:"params"`
	Resources   []string          `json:"resources"` // jars and files the script needs, on S3
	Rules       []string          `json:"rules"`     // every rule that changed or reported something
	// Artifacts are the jars and files the script loads, from where the
	// legacy script named them to their S3 place: someone must copy them
	// there before the first run.
	Artifacts []Artifact `json:"artifacts,omitempty"`
	// Unmapped are the legacy paths, jars and files no mapping of the
	// config covers (each also an SP011 diagnostic); sparkport init
	// gathers them to write a starter config.
	Unmapped []UnmappedPath `json:"unmapped,omitempty"`
}

// Artifact is a jar or file to copy from its legacy place to S3.
type Artifact struct {
	From string `json:"from"` // as the legacy script names it
	To   string `json:"to"`
}

// UnmappedPath is a legacy path the config does not map.
type UnmappedPath struct {
	Path string `json:"path"`
	Kind string `json:"kind"` // path, jar, file, archive
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// Failed reports whether some statement could not be translated.
func (r *Result) Failed() bool {
	for _, d := range r.Diagnostics {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns how many statements had outcome o.
func (r *Result) Count(o Outcome) int {
	n := 0
	for _, s := range r.Statements {
		if s.Outcome == o {
			n++
		}
	}
	return n
}

// Resolver reads a file named by a Hive `source` command, as the legacy
// host would see it. It returns the name to report it under.
type Resolver func(from, path string) (name string, src []byte, err error)

// Options are the per-run inputs beside the config.
type Options struct {
	Resolve   Resolver // nil: source commands are reported as unresolved
	DefaultDB string   // the database before any USE; "default" when empty
	// Schema holds column types of tables known from elsewhere (lower-case
	// db.table → column → upper-case type name), for hazards that depend
	// on types. CREATE TABLE statements of the script add to it.
	Schema map[string]map[string]string
	// Stale holds tables (lower-case db.table) whose definitions in the
	// estate contradict how its jobs use them, with why: a CREATE TABLE of
	// one must not run, for on a fresh catalog it would create the wrong
	// table (SP122).
	Stale map[string]string
}

// Translate parses src as HiveQL and translates it. name is used in
// diagnostics. It never panics: a rule that fails on a statement marks that
// statement for a person and the rest goes on.
func Translate(name string, src []byte, cfg *Config, opts Options) *Result {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	tr := &translator{cfg: cfg, opts: opts, res: &Result{File: name}, schema: map[string]map[string]string{}}
	for t, cols := range opts.Schema {
		tr.schema[t] = cols
	}
	tr.db = strings.ToLower(opts.DefaultDB)
	if tr.db == "" {
		tr.db = "default"
	}
	tr.prologue()
	tr.file(name, src, 0)
	tr.finish()
	return tr.res
}

// translator holds what one script's translation learns as it goes.
type translator struct {
	cfg  *Config
	opts Options
	res  *Result

	out      strings.Builder // the whole output
	segStart int             // offset in out where the current SQL segment starts
	outFile  string
	outLine  int
	visiting map[string]bool // files being sourced, against cycles
	// storeAssignment is set once the script has set Hive's store
	// assignment (SP124).
	storeAssignment bool
	// dynModeSet is set once the script has set, or been given,
	// hive.exec.dynamic.partition.mode (SP126).
	dynModeSet bool

	db              string                             // current database (USE)
	macros          map[string]*hiveql.CreateMacroStmt // lower-case name → macro
	jars            []string                           // S3 jars added so far
	defined         map[string]bool                    // variables set by the script
	params          map[string]*Param
	schema          map[string]map[string]string
	dynOverwriteSet bool
	groupByPosition bool // hive.groupby.position.alias=true seen
	orderByPosition bool // hive.orderby.position.alias=true seen
	rulesUsed       map[string]bool
	spans           [][2]int        // per segment: its SQL's offsets in out, or -1
	functions       map[string]bool // functions the script creates
	zoneReported    bool
}

// prologue writes the settings every script needs on the target.
func (tr *translator) prologue() {
	if tr.cfg.TimeZone != "" {
		tr.rule(ruleTimeZone.ID)
		fmt.Fprintf(&tr.out, "-- [%s] the legacy Hive servers ran in %s\nSET spark.sql.session.timeZone=%s;\n", ruleTimeZone.ID, tr.cfg.TimeZone, tr.cfg.TimeZone)
	}
	if tr.cfg.spark4() && !tr.cfg.ANSI {
		tr.rule(ruleANSI.ID)
		fmt.Fprintf(&tr.out, "-- [%s] Hive returns NULL where Spark 4's ANSI mode raises an error\nSET spark.sql.ansi.enabled=false;\n", ruleANSI.ID)
	}
}

func (tr *translator) rule(id string) {
	if tr.rulesUsed == nil {
		tr.rulesUsed = map[string]bool{}
	}
	tr.rulesUsed[id] = true
}

// file translates one file's statements into the output; depth > 0 for
// files read by `source`.
func (tr *translator) file(name string, src []byte, depth int) {
	f, errs := hiveql.Parse(src, hiveql.Hive)
	li := hiveql.NewLineIndex(src)
	for _, st := range f.Statements {
		p := &pass{tr: tr, file: name, src: src, li: li, st: st, stmt: st.Stmt, depth: depth}
		if _, bad := st.Stmt.(*hiveql.BadStmt); bad {
			// The statement's first parse error, to point at it.
			for i := range errs {
				if errs[i].Pos >= st.Pos() && errs[i].Pos <= st.End {
					p.parseErr = &errs[i]
					break
				}
			}
		}
		p.run()
		p.emit()
	}
	for _, c := range f.Trailing {
		tr.write(commentText(c.Text) + "\n")
	}
}

func (tr *translator) write(s string) { tr.out.WriteString(s) }

// flushSQL ends the current SQL segment. Segments are recorded as offsets
// into the output and cut from it once at the end, so that no SQL is
// copied twice.
func (tr *translator) flushSQL() {
	if tr.out.Len() > tr.segStart {
		tr.res.Segments = append(tr.res.Segments, Segment{Kind: "sql", File: tr.outFile, Line: tr.outLine})
		tr.spans = append(tr.spans, [2]int{tr.segStart, tr.out.Len()})
	}
	tr.segStart = tr.out.Len()
	tr.outFile, tr.outLine = "", 0
}

// moveOut ends the SQL segment and records a command step in its place,
// with a comment in the output where it ran.
func (tr *translator) moveOut(seg Segment) {
	tr.flushSQL()
	// A command line is legacy text: credentials on it (a URL's user:pass@,
	// -p…) are never carried into the step or the comment.
	for i, a := range seg.Args {
		seg.Args[i] = redact.Text(a)
	}
	tr.res.Segments = append(tr.res.Segments, seg)
	tr.spans = append(tr.spans, [2]int{-1, -1})
	tr.out.WriteString(commentSafe(fmt.Sprintf("-- [%s] %s step (not Spark SQL): %s", map[string]string{"hdfs": ruleDFS.ID, "shell": ruleShell.ID}[seg.Kind], seg.Kind, shellJoin(seg.Args))) + "\n")
	tr.segStart = tr.out.Len()
}

func (tr *translator) finish() {
	tr.flushSQL()
	tr.res.SQL = tr.out.String()
	kept := tr.res.Segments[:0]
	for i, seg := range tr.res.Segments {
		if sp := tr.spans[i]; sp[0] >= 0 {
			seg.SQL = tr.res.SQL[sp[0]:sp[1]]
			if strings.TrimSpace(seg.SQL) == "" {
				continue
			}
		}
		kept = append(kept, seg)
	}
	tr.res.Segments = kept
	d := tr.res.Diagnostics
	sort.SliceStable(d, func(i, j int) bool {
		if d[i].File != d[j].File {
			return d[i].File < d[j].File
		}
		if d[i].Line != d[j].Line {
			return d[i].Line < d[j].Line
		}
		if d[i].Col != d[j].Col {
			return d[i].Col < d[j].Col
		}
		return d[i].Rule < d[j].Rule
	})
	for _, p := range tr.params {
		tr.res.Params = append(tr.res.Params, *p)
	}
	sort.Slice(tr.res.Params, func(i, j int) bool { return tr.res.Params[i].Ref < tr.res.Params[j].Ref })
	for id := range tr.rulesUsed {
		tr.res.Rules = append(tr.res.Rules, id)
	}
	sort.Strings(tr.res.Rules)
	if tr.res.Segments == nil {
		tr.res.Segments = []Segment{}
	}
	if tr.res.Params == nil {
		tr.res.Params = []Param{}
	}
	if tr.res.Resources == nil {
		tr.res.Resources = []string{}
	}
	if tr.res.Rules == nil {
		tr.res.Rules = []string{}
	}
	if tr.res.Diagnostics == nil {
		tr.res.Diagnostics = []Diagnostic{}
	}
}

func (tr *translator) addResource(from, uri string) {
	for _, r := range tr.res.Resources {
		if r == uri {
			return
		}
	}
	tr.res.Resources = append(tr.res.Resources, uri)
	tr.res.Artifacts = append(tr.res.Artifacts, Artifact{From: from, To: uri})
}

// ---------------------------------------------------------------- pass

// pass is one statement going through the rules.
type pass struct {
	// parseErr is the first parse error of a statement that does not parse.
	parseErr *hiveql.Error
	tr       *translator
	file     string
	src      []byte
	li       *hiveql.LineIndex
	st       *hiveql.Statement
	stmt     hiveql.Stmt // the statement as rules leave it
	depth    int

	rule    *Rule
	outcome Outcome
	rules   []string
	notes   []string      // comment lines written before the statement
	before  []hiveql.Stmt // statements written before it
	after   []hiveql.Stmt
	moved   *Segment
	inline  *inlined // for Inlined: the file source names
	reason  string   // for Dropped and Manual
	// setsStore says p.before holds SP124's SET of the store assignment.
	setsStore bool
	display   string            // the statement as comments show it, when its text must not be copied
	scope     map[string]string // table names and aliases the statement reads → db.table
	redact    bool              // the statement holds secrets: comments show it redacted
}

// report records a diagnostic of the running rule at pos.
func (p *pass) report(pos hiveql.Pos, sev Severity, format string, args ...any) {
	line, col := p.li.Position(pos)
	p.tr.res.Diagnostics = append(p.tr.res.Diagnostics, Diagnostic{
		File: p.file, Line: line, Col: col, Severity: sev, Rule: p.rule.ID, Message: redact.Text(oneLine(fmt.Sprintf(format, args...))),
	})
	p.used()
}

// unmapped records a path no mapping covers, for sparkport init.
func (p *pass) unmapped(pos hiveql.Pos, kind, path string) {
	line, col := p.li.Position(pos)
	p.tr.res.Unmapped = append(p.tr.res.Unmapped, UnmappedPath{Path: redact.URL(path), Kind: kind, Line: line, Col: col})
}

// reportAs reports on behalf of another rule than the running one: a path
// rule that finds an unmapped path reports it as SP011.
func (p *pass) reportAs(r *Rule, pos hiveql.Pos, sev Severity, format string, args ...any) {
	saved := p.rule
	p.rule = r
	if sev == Error {
		p.manual(pos, format, args...)
	} else {
		p.report(pos, sev, format, args...)
	}
	p.rule = saved
}

// used records that the running rule acted on the statement.
func (p *pass) used() {
	for _, r := range p.rules {
		if r == p.rule.ID {
			return
		}
	}
	p.rules = append(p.rules, p.rule.ID)
	p.tr.rule(p.rule.ID)
}

// rewrote marks the statement as changed by the running rule, with an
// informational diagnostic saying how.
func (p *pass) rewrote(pos hiveql.Pos, format string, args ...any) {
	p.report(pos, Info, format, args...)
	if p.outcome == Kept {
		p.outcome = Rewritten
	}
}

// drop leaves the statement out (as a comment) with a reason.
func (p *pass) drop(sev Severity, format string, args ...any) {
	p.reason = fmt.Sprintf(format, args...)
	p.report(p.stmt.Pos(), sev, "dropped: %s", p.reason)
	p.outcome = Dropped
}

// manual marks the statement as needing a person: it is written as a
// comment and the run fails.
func (p *pass) manual(pos hiveql.Pos, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	p.report(pos, Error, "%s", msg)
	if p.outcome != Manual {
		p.reason = msg
	}
	p.outcome = Manual
}

func (p *pass) done() bool {
	return p.outcome == Dropped || p.outcome == Manual || p.outcome == Moved || p.outcome == Inlined
}

func (p *pass) line() int {
	l, _ := p.li.Position(p.st.Pos())
	return l
}

// text is the statement's source, on one line, shortened for comments.
func (p *pass) text() string {
	if p.display != "" {
		return redact.Text(p.display)
	}
	s := strings.Join(strings.Fields(p.redactedSource()), " ")
	if len(s) > 100 {
		s = s[:97] + "..."
	}
	return s
}

// run applies every rule to the statement, in id order, until one of them
// decides its fate. A panic in a rule is caught and reported: one bad rule
// on one odd statement must not stop a migration run.
func (p *pass) run() {
	p.outcome = Kept
	defer func() {
		if r := recover(); r != nil {
			p.rule = ruleInternal
			p.manual(p.st.Pos(), "internal error while applying %s: %v", p.ruleID(), r)
		}
	}()
	if _, bad := p.stmt.(*hiveql.BadStmt); bad {
		p.rule = ruleParse
		if e := p.parseErr; e != nil {
			p.manual(e.Pos, "statement does not parse as HiveQL: %s", e.Msg)
		} else {
			p.manual(p.st.Pos(), "statement does not parse as HiveQL (see `sparkport parse`)")
		}
		return
	}
	switch s := p.stmt.(type) {
	case *hiveql.UseStmt:
		p.tr.db = strings.ToLower(s.DB.Name)
	case *hiveql.CreateTableStmt:
		p.tr.learnSchema(p.tableKey(s.Name), s.Columns)
	}
	p.rule = ruleParams
	collectParams(p)
	for _, r := range allRules {
		if r.Stmt == nil {
			continue
		}
		p.rule = r
		r.Stmt(p)
		if p.done() {
			if p.outcome == Manual {
				collectAllParams(p)
			}
			return
		}
	}
	p.rule = nil
	hiveql.Rewrite(p.stmt, func(n hiveql.Node) hiveql.Node {
		if p.done() {
			return n
		}
		scanNodeParams(p, n)
		for _, r := range nodeRules[reflect.TypeOf(n)] {
			p.rule = r
			n = r.Node(p, n)
			if p.done() {
				return n
			}
		}
		return n
	})
	if p.done() {
		return
	}
	for _, r := range allRules {
		if r.After == nil {
			continue
		}
		p.rule = r
		r.After(p)
		if p.done() {
			return
		}
	}
}

func (p *pass) ruleID() string {
	if p.rule == nil {
		return "a rule"
	}
	return p.rule.ID
}

// emit writes the statement's translation to the output.
func (p *pass) emit() {
	tr := p.tr
	tr.res.Statements = append(tr.res.Statements, StatementResult{File: p.file, Line: p.line(), Outcome: p.outcome, Rules: p.rules})
	if p.outcome == Inlined {
		for _, c := range p.st.Comments {
			tr.write(commentText(c.Text) + "\n")
		}
		if tr.visiting == nil {
			tr.visiting = map[string]bool{}
		}
		tr.visiting[p.file] = true
		tr.visiting[p.inline.name] = true
		tr.file(p.inline.name, p.inline.src, p.depth+1)
		delete(tr.visiting, p.inline.name)
		return
	}
	if p.outcome == Moved {
		for _, c := range p.st.Comments {
			tr.write(commentText(c.Text) + "\n")
		}
		tr.moveOut(*p.moved)
		return
	}
	if tr.outFile == "" {
		tr.outFile, tr.outLine = p.file, p.line()
	}
	for _, c := range p.st.Comments {
		tr.write(commentText(c.Text) + "\n")
	}
	for _, n := range p.notes {
		tr.write(commentSafe("-- "+redact.Text(n)) + "\n")
	}
	if p.setsStore && (p.outcome == Dropped || p.outcome == Manual) {
		tr.storeAssignment = false // the SET was not written: the next INSERT sets it
	}
	switch p.outcome {
	case Dropped:
		tr.write(commentSafe(fmt.Sprintf("-- [%s] dropped: %s -- %s", strings.Join(p.rules, ", "), p.text(), redact.Text(p.reason))) + "\n")
		return
	case Manual:
		tr.write(commentSafe(fmt.Sprintf("-- [%s] needs a person: %s", strings.Join(p.rules, ", "), redact.Text(p.reason))) + "\n")
		for _, l := range strings.Split(strings.TrimRight(p.redactedSource(), "\n"), "\n") {
			tr.write(commentSafe("-- | "+strings.TrimRight(l, " \t\r")) + "\n")
		}
		return
	}
	for _, s := range p.before {
		hiveql.AppendStmt(&tr.out, s, hiveql.Spark)
		tr.write(";\n")
	}
	hiveql.AppendStmt(&tr.out, p.stmt, hiveql.Spark)
	tr.write(";\n")
	for _, s := range p.after {
		hiveql.AppendStmt(&tr.out, s, hiveql.Spark)
		tr.write(";\n")
	}
}

// learnSchema records the column types of a table the script defines.
func (tr *translator) learnSchema(table string, cols []*hiveql.ColumnDef) {
	if len(cols) == 0 {
		return
	}
	m := map[string]string{}
	for _, c := range cols {
		if c.Type == nil {
			continue
		}
		t := c.Type.Name
		if len(c.Type.Params) > 0 {
			t += "(" + strings.Join(c.Type.Params, ",") + ")"
		}
		m[strings.ToLower(c.Name.Name)] = t
	}
	tr.schema[table] = m
}

// commentSafe keeps a comment line that sparkport writes free of ';':
// spark-sql's and other tools' statement splitters cut at a semicolon even
// inside a comment. Prose "a; b" becomes "a, b"; a semicolon in quoted
// source becomes the full-width '；', which reads the same.
func commentSafe(s string) string {
	s = oneLine(s)
	if !strings.Contains(s, ";") {
		return s
	}
	s = strings.ReplaceAll(s, "; ", ", ")
	return strings.ReplaceAll(s, ";", "；")
}

// shellJoin writes a command's words so that a person can run it again:
// words with blanks or quotes are single-quoted.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a != "" && !strings.ContainsAny(a, " \t\n'\"\\$`|&<>()*?") {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}

// commentText is a source comment as the output carries it: a block
// comment the file never closed is closed, so that it does not swallow
// the statements written after it.
func commentText(c string) string {
	c = redact.Text(c)
	if strings.HasPrefix(c, "/*") && (len(c) < 4 || !strings.HasSuffix(c, "*/")) {
		return c + " */"
	}
	return c
}

// oneLine keeps a message or comment on one line: line breaks inside
// quoted values are written as \n.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return lineBreakEscaper.Replace(s)
}

var lineBreakEscaper = strings.NewReplacer("\r", `\r`, "\n", `\n`)
