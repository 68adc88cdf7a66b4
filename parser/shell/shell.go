package shell

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// Redacted replaces every secret value.
const Redacted = "<redacted>"

// Script is what a shell script does, as far as a migration cares.
type Script struct {
	Commands []*Command
	Secrets  []Secret
	Params   []*Param
	Diags    []Diag
	// Sources says that the script runs `source f` or `. f`: read with
	// another Options.Read (or none), its commands and variables may
	// differ. Without it, the result does not depend on the options.
	Sources bool
}

// Diag is a warning or error at line:col (1-based).
type Diag struct {
	Line, Col int
	Severity  string
	Msg       string
}

func (d Diag) String() string { return fmt.Sprintf("%d:%d: %s: %s", d.Line, d.Col, d.Severity, d.Msg) }

// Secret is a credential found in the script. It holds where and what kind,
// never the value.
type Secret struct {
	Line, Col int
	What      string // e.g. "--password argument", "password in JDBC URL", "variable DB_PASS"
	// Fingerprint tells two values apart without keeping either: a hash
	// of the value, for "one account, several passwords" checks. It is
	// never written anywhere.
	Fingerprint string
}

// Fingerprint is the hash Secret.Fingerprint holds for a value.
func Fingerprint(value string) string {
	sum := sha256.Sum256([]byte("sparkport secret fingerprint\x00" + value))
	return hex.EncodeToString(sum[:8])
}

// Param is a value the script takes from outside or derives from the run:
// a positional argument, an environment variable it never sets, or a date
// computed from the run date.
type Param struct {
	Name       string // the variable, or "1" for $1
	Kind       string // "positional", "date", "env"
	Line       int
	Positional string // for a variable set from ${1:-…}: "1"
	Default    string // default value, when there is one
	Base       string // date: "run_date" or the variable the date is computed from
	Offset     string // date: "-1 day", "+0 day", …
	Format     string // date: the +FORMAT, e.g. %Y%m%d
	// Source is the assigned word as the script wrote it, printed on one
	// line: $(date -d '1 day ago' +%Y%m%d), ${1:-$(date +%F)}. verify
	// --digdag runs it (date alone, under a faked clock) for the value the
	// legacy job computed.
	Source string
}

// KV is a name=value option.
type KV struct{ Key, Value string }

// Command is one invocation of a tool that matters.
type Command struct {
	Line, Col int
	File      string   // the sourced file the command is in; "" for the script itself
	Tool      string   // argv[0]'s base name: hive, beeline, sqoop, hadoop, ./load.sh, …
	Kind      string   // hive-sql, spark-sql, spark-submit, sqoop-import, sqoop-export, hdfs, mapreduce, embulk, digdag, python, mysql, script
	Args      []string // evaluated arguments, secrets redacted
	SQL       string   // inline SQL: -e / --query text or a heredoc
	SQLLine   int      // where the SQL text starts
	// SQLVars are the shell variables the shell itself substituted into
	// SQL (double-quoted -e text, unquoted heredocs) and could not
	// resolve: SQL holds them as ${NAME}, which Hive would read as its own
	// variable. A single-quoted ${NAME} is Hive's and is not listed.
	SQLVars   []string
	Files     []string // -f files
	InitFiles []string // -i files
	Vars      []KV     // --hivevar, -d, --define
	Conf      []KV     // --hiveconf, --conf
	Options   []KV     // other --name value options (sqoop, spark-submit)
	HDFSOp    string   // -put, -get, -rm, … for hdfs commands
	Tables    []string // sqoop --query: the source tables it reads (MySQL dialect)
	Paths     []string // operands of hdfs commands, the jar and main class of hadoop jar, the script of a script call
	// OnFailure is set for a command that runs only when an earlier one
	// failed: in `{ hive …; } || { python notify.py; }`, or under
	// `if [ $? -ne 0 ]`. It is the job's failure alert, not a step.
	OnFailure bool
	// Condition is the if test the command runs under, as written ("" when
	// it always runs): a migrated workflow runs it every time unless a
	// person carries the condition over.
	Condition string
}

// Options tune Parse.
type Options struct {
	// Read returns the text of another file of the same host, by absolute
	// path, so that `source f` / `. f` can be evaluated in the script's own
	// environment: the variables it sets flow into the caller, and its
	// commands are the caller's. Nil means sourced files are not read.
	Read func(absPath string) ([]byte, bool)
	// Dir is the directory relative paths are resolved from.
	Dir string
	// Env holds variables set before the script runs. A value holding
	// ${…} is text the runner substitutes, kept as written: a Digdag sh>
	// command's ${moment(session_time)…} is hidden behind a name so that
	// bash syntax reads the command, and comes back through Env.
	Env map[string]string
}

// Parse reads one script. name is used in messages only.
func Parse(name string, src []byte) *Script {
	return ParseWith(name, src, Options{})
}

// ParseWith is Parse with options.
func ParseWith(name string, src []byte, opts Options) *Script {
	s := &Script{}
	// CRLF scripts (edited on Windows) run under bash only by luck; read
	// them as LF so that no "\r" sticks to a word. Lines and columns do not move.
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	f, err := parseBash(text, name)
	if err != nil {
		line, col := 1, 1
		if pe, ok := err.(syntax.ParseError); ok {
			line, col = int(pe.Pos.Line()), int(pe.Pos.Col())
			err = fmt.Errorf("%s", pe.Text)
		}
		s.Diags = append(s.Diags, Diag{Line: line, Col: col, Severity: "error", Msg: err.Error()})
		return s
	}
	e := &evaluator{s: s, env: map[string]string{}, funcs: map[string]*syntax.Stmt{}, params: map[string]*Param{}, opts: opts, file: name}
	for k, v := range opts.Env {
		e.env[k] = v
	}
	func() {
		// A bug here must not stop a migration run over thousands of
		// scripts: report it against the file and keep what was found.
		defer func() {
			if r := recover(); r != nil {
				s.Diags = append(s.Diags, Diag{Line: 1, Col: 1, Severity: "error", Msg: fmt.Sprintf("internal error reading the script: %v (please report this input)", r)})
			}
		}()
		e.stmts(f.Stmts)
	}()
	sort.SliceStable(s.Params, func(i, j int) bool { return s.Params[i].Line < s.Params[j].Line })
	return s
}

// parsers are reused: a new syntax.Parser allocates its buffers, and
// an estate has tens of thousands of scripts.
var parsers = sync.Pool{New: func() any { return syntax.NewParser(syntax.Variant(syntax.LangBash)) }}

func parseBash(text, name string) (*syntax.File, error) {
	p := parsers.Get().(*syntax.Parser)
	defer parsers.Put(p)
	return p.Parse(strings.NewReader(text), name)
}

type evaluator struct {
	s      *Script
	env    map[string]string
	funcs  map[string]*syntax.Stmt
	params map[string]*Param
	// inlineDates counts the dates computed inside words (inlineDate).
	inlineDates int
	args        []string // positional parameters inside a function
	depth       int
	// onFailure counts the failure branches being evaluated (|| and
	// if [ $? … ]): commands there are failure alerts.
	onFailure int
	// conditions are the if tests around the statement being evaluated.
	conditions []string
	// valueLine is where each variable's value was written, so that SQL
	// built in a variable (sql="…"; hive -e "$sql") is placed at its text.
	valueLine map[string]int
	opts      Options
	file      string   // the file being evaluated: the script, or a file it sources
	sourced   []string // the script's own name first, once a file was sourced
	// expanded collects, while a word is evaluated, the names of the
	// symbolic ${NAME} the shell's expansions put into it.
	expanded map[string]bool
}

// wordVars evaluates w and returns the symbolic shell variables its
// expansions left in the text.
func (e *evaluator) wordVars(w *syntax.Word) (string, []string) {
	saved := e.expanded
	e.expanded = map[string]bool{}
	v, _ := e.word(w)
	names := make([]string, 0, len(e.expanded))
	for n := range e.expanded {
		names = append(names, n)
	}
	sort.Strings(names)
	e.expanded = saved
	return v, names
}

// symbolicNames lists the ${NAME} references in an expansion's value.
func symbolicNames(v string) []string {
	var out []string
	for i := 0; i+2 < len(v); i++ {
		if v[i] != '$' || v[i+1] != '{' {
			continue
		}
		j := i + 2
		for j < len(v) && (v[j] == '_' || v[j] >= 'a' && v[j] <= 'z' || v[j] >= 'A' && v[j] <= 'Z' || v[j] >= '0' && v[j] <= '9') {
			j++
		}
		if j < len(v) && v[j] == '}' && j > i+2 {
			out = append(out, v[i+2:j])
		}
	}
	return out
}

func (e *evaluator) stmts(list []*syntax.Stmt) {
	for _, st := range list {
		e.stmt(st)
	}
}

func (e *evaluator) stmt(st *syntax.Stmt) {
	if st == nil || e.depth > 50 {
		return
	}
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		e.call(st, c)
	case *syntax.DeclClause:
		for _, a := range c.Args {
			e.assign(a)
		}
	case *syntax.BinaryCmd:
		e.stmt(c.X)
		if c.Op == syntax.OrStmt {
			e.onFailure++
			e.stmt(c.Y)
			e.onFailure--
			return
		}
		e.stmt(c.Y)
	case *syntax.Block:
		e.stmts(c.Stmts)
	case *syntax.Subshell:
		e.stmts(c.Stmts)
	case *syntax.IfClause:
		if c.Else != nil && c.Else.Cond == nil && c.Else.Else == nil && e.defaultIdiom(c.Then, c.Else.Then) {
			return
		}
		if testsFailure(c.Cond) {
			// if [ $? -ne 0 ]; then notify; else …: the then branch runs
			// when the command before failed.
			e.onFailure++
			e.stmts(c.Then)
			e.onFailure--
			if c.Else != nil {
				e.stmt(&syntax.Stmt{Cmd: c.Else})
			}
			return
		}
		var tried []string
		for ic := c; ic != nil; ic = ic.Else {
			e.stmts(ic.Cond)
			cond := condText(ic.Cond)
			if ic.Cond == nil {
				cond = "else of " + strings.Join(tried, ", ")
			}
			tried = append(tried, cond)
			e.conditions = append(e.conditions, cond)
			e.stmts(ic.Then)
			e.conditions = e.conditions[:len(e.conditions)-1]
		}
	case *syntax.WhileClause:
		e.stmts(c.Cond)
		e.stmts(c.Do)
	case *syntax.CaseClause:
		if len(c.Items) == 2 && e.defaultIdiom(c.Items[0].Stmts, c.Items[1].Stmts) {
			return
		}
		for _, it := range c.Items {
			e.stmts(it.Stmts)
		}
	case *syntax.ForClause:
		wi, ok := c.Loop.(*syntax.WordIter)
		if !ok {
			e.stmts(c.Do)
			return
		}
		name := wi.Name.Value
		var items []string
		literal := true
		for _, w := range wi.Items {
			v, lit := e.word(w)
			if !lit {
				literal = false
			}
			items = append(items, strings.Fields(v)...)
		}
		if !literal || len(items) == 0 || len(items) > 100 {
			// Not a literal list: run the body once with the variable symbolic.
			e.env[name] = "${" + name + "}"
			e.stmts(c.Do)
			return
		}
		for _, it := range items {
			e.env[name] = it
			e.stmts(c.Do)
		}
	case *syntax.FuncDecl:
		if c.Name != nil {
			e.funcs[c.Name.Value] = c.Body
		}
	}
}

// assign records NAME=value, turning dates and positional defaults into
// parameters and secrets into Redacted.
func (e *evaluator) assign(a *syntax.Assign) {
	if a.Name == nil {
		return
	}
	name := a.Name.Value
	if a.Value == nil {
		if _, set := e.env[name]; !set && !a.Naked {
			e.env[name] = ""
		}
		return
	}
	if p := e.paramFromWord(name, a.Value); p != nil {
		e.env[name] = "${" + name + "}"
		return
	}
	if e.valueLine == nil {
		e.valueLine = map[string]int{}
	}
	e.valueLine[name] = int(a.Value.Pos().Line())
	v, _ := e.word(a.Value)
	if v != "" && secretName.MatchString(name) && !strings.Contains(v, Redacted) && !isPureReference(a.Value) {
		e.secret(a.Pos(), "variable "+name, v)
		v = Redacted
	}
	e.env[name] = v
}

var secretName = regexp.MustCompile(`(?i)(pass(wd|word)?|secret|token|api_?key|access_?key|credential)`)

func isPureReference(w *syntax.Word) bool {
	if len(w.Parts) != 1 {
		return false
	}
	switch p := w.Parts[0].(type) {
	case *syntax.ParamExp:
		return true
	case *syntax.DblQuoted:
		if len(p.Parts) == 1 {
			_, ok := p.Parts[0].(*syntax.ParamExp)
			return ok
		}
	}
	return false
}

func (e *evaluator) secret(pos syntax.Pos, what, value string) {
	e.s.Secrets = append(e.s.Secrets, Secret{Line: int(pos.Line()), Col: int(pos.Col()), What: what, Fingerprint: Fingerprint(value)})
}

// printWord is a word as written, on one line.
func printWord(w *syntax.Word) string {
	var b strings.Builder
	syntax.NewPrinter(syntax.SingleLine(true)).Print(&b, w)
	return b.String()
}

// condText is an if condition as written, on one line.
func condText(cond []*syntax.Stmt) string {
	var b strings.Builder
	pr := syntax.NewPrinter(syntax.SingleLine(true))
	for i, st := range cond {
		if i > 0 {
			b.WriteString("; ")
		}
		pr.Print(&b, st)
	}
	return strings.TrimSpace(b.String())
}

// testsFailure reports whether an if condition tests the last exit
// status for failure: [ $? -ne 0 ], [ $? != 0 ], [[ $? -gt 0 ]].
func testsFailure(cond []*syntax.Stmt) bool {
	if len(cond) != 1 {
		return false
	}
	var words []string
	switch c := cond[0].Cmd.(type) {
	case *syntax.CallExpr:
		for _, a := range c.Args {
			words = append(words, wordText(a))
		}
	case *syntax.TestClause:
		if b, ok := c.X.(*syntax.BinaryTest); ok {
			if l, ok := b.X.(*syntax.Word); ok {
				if r, ok := b.Y.(*syntax.Word); ok {
					words = []string{wordText(l), b.Op.String(), wordText(r)}
				}
			}
		}
	default:
		return false
	}
	for i := 0; i+2 < len(words); i++ {
		if words[i] == "$?" && words[i+2] == "0" {
			switch words[i+1] {
			case "-ne", "!=", "-gt":
				return true
			}
		}
	}
	return false
}

// wordText is a word as written, quotes removed, for recognising tests.
func wordText(w *syntax.Word) string {
	var b strings.Builder
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			b.WriteString(x.Value)
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			b.WriteString(wordText(&syntax.Word{Parts: x.Parts}))
		case *syntax.ParamExp:
			if x.Param != nil {
				b.WriteString("$" + x.Param.Value)
			}
		}
	}
	return b.String()
}

// defaultIdiom reads the if/else (or two-branch case) that data teams
// write for "the date given as argument, else yesterday":
//
//	if [ -n "$1" ]; then do_date=$1; else do_date=$(date -d "-1 day" +%F); fi
//	if [ $# == 1 ]; then today=$1; else today=`date -d -1days +%F`; fi
//
// When one branch assigns a variable from a positional parameter and the
// other assigns the same variable anything else, it is the variable
// ${N:-other}: a parameter with its default (a date parameter when the
// default is a date). It reports whether it recognised the idiom.
func (e *evaluator) defaultIdiom(a, b []*syntax.Stmt) bool {
	x, y := soleAssign(a), soleAssign(b)
	if x == nil || y == nil || x.Name.Value != y.Name.Value {
		return false
	}
	if positional(y.Value) != "" {
		x, y = y, x
	}
	n := positional(x.Value)
	if n == "" || positional(y.Value) != "" {
		return false
	}
	w := &syntax.Word{Parts: []syntax.WordPart{&syntax.ParamExp{
		Dollar: x.Value.Pos(),
		Param:  &syntax.Lit{ValuePos: x.Value.Pos(), Value: n},
		Exp:    &syntax.Expansion{Op: syntax.DefaultUnsetOrNull, Word: y.Value},
	}}}
	if e.paramFromWord(x.Name.Value, w) == nil {
		return false
	}
	e.env[x.Name.Value] = "${" + x.Name.Value + "}"
	return true
}

// soleAssign is the one assignment a branch consists of, or nil.
func soleAssign(list []*syntax.Stmt) *syntax.Assign {
	if len(list) != 1 {
		return nil
	}
	c, ok := list[0].Cmd.(*syntax.CallExpr)
	if !ok || len(c.Args) != 0 || len(c.Assigns) != 1 || c.Assigns[0].Value == nil || c.Assigns[0].Name == nil {
		return nil
	}
	return c.Assigns[0]
}

// positional is N when w is exactly $N or "$N" (or ${N}), else "".
func positional(w *syntax.Word) string {
	if p, ok := singlePart(w).(*syntax.ParamExp); ok && p.Param != nil && isDigits(p.Param.Value) && p.Exp == nil && p.Slice == nil && p.Repl == nil && !p.Length {
		return p.Param.Value
	}
	return ""
}

// paramFromWord recognises VAR=${1:-default}, VAR=$(date …) and their
// quoted forms, and records a Param for VAR.
func (e *evaluator) paramFromWord(name string, w *syntax.Word) *Param {
	part := singlePart(w)
	line := int(w.Pos().Line())
	src := printWord(w)
	switch p := part.(type) {
	case *syntax.ParamExp:
		if p.Param == nil || !isDigits(p.Param.Value) {
			return nil
		}
		prm := &Param{Name: name, Kind: "positional", Line: line, Positional: p.Param.Value}
		if p.Exp != nil && (p.Exp.Op == syntax.DefaultUnsetOrNull || p.Exp.Op == syntax.DefaultUnset) && p.Exp.Word != nil {
			if d := e.dateFromWord(p.Exp.Word); d != nil {
				prm.Kind, prm.Base, prm.Offset, prm.Format, prm.Source = "date", d.Base, d.Offset, d.Format, src
			} else {
				prm.Default, _ = e.word(p.Exp.Word)
			}
		}
		e.addParam(prm)
		return prm
	case *syntax.CmdSubst:
		d := e.dateFromWord(w)
		if d == nil {
			return nil
		}
		d.Name, d.Line, d.Source = name, line, src
		e.addParam(d)
		return d
	}
	return nil
}

// inlineDate names a date computed inside a word: SP_DATE_1, SP_DATE_2, …
// in the order the script computes them, the same name for the same words.
func (e *evaluator) inlineDate(d *Param, source string, line int) string {
	for _, p := range e.s.Params {
		if strings.HasPrefix(p.Name, "SP_DATE_") && p.Source == source {
			return p.Name
		}
	}
	e.inlineDates++
	d.Name, d.Line, d.Source = fmt.Sprintf("SP_DATE_%d", e.inlineDates), line, source
	e.addParam(d)
	return d.Name
}

func (e *evaluator) addParam(p *Param) {
	if old, ok := e.params[p.Name]; ok {
		*old = *p
		return
	}
	e.params[p.Name] = p
	e.s.Params = append(e.s.Params, p)
}

func singlePart(w *syntax.Word) syntax.WordPart {
	if len(w.Parts) != 1 {
		return nil
	}
	if dq, ok := w.Parts[0].(*syntax.DblQuoted); ok {
		if len(dq.Parts) != 1 {
			return nil
		}
		return dq.Parts[0]
	}
	return w.Parts[0]
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// dateFromWord reads $(date [-d|--date EXPR] [+FORMAT]) into a date Param
// (without a name), or returns nil.
func (e *evaluator) dateFromWord(w *syntax.Word) *Param {
	cs, ok := singlePart(w).(*syntax.CmdSubst)
	if !ok || len(cs.Stmts) != 1 {
		return nil
	}
	call, ok := cs.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	if v, _ := e.word(call.Args[0]); v != "date" {
		return nil
	}
	p := &Param{Kind: "date", Base: "run_date", Offset: "+0 day"}
	args := call.Args[1:]
	for i := 0; i < len(args); i++ {
		v, _ := e.word(args[i])
		switch {
		case strings.HasPrefix(v, "+"):
			p.Format = v[1:]
		case v == "-d" || v == "--date":
			if i+1 < len(args) {
				i++
				expr, _ := e.word(args[i])
				p.Base, p.Offset = dateExpr(expr)
			}
		case strings.HasPrefix(v, "--date="):
			p.Base, p.Offset = dateExpr(strings.TrimPrefix(v, "--date="))
		case strings.HasPrefix(v, "-d") && len(v) > 2:
			p.Base, p.Offset = dateExpr(v[2:])
		}
	}
	return p
}

// dateExpr reads GNU date's relative expressions: "1 day ago", "yesterday",
// "-1 days", "${DT} -1 day", "now". It returns the base and the offset.
func dateExpr(s string) (base, offset string) {
	base = "run_date"
	n, unit, sign := 0, "day", 1
	var fields []string
	for _, f := range strings.Fields(s) {
		// GNU date also reads "-1days", "1day", "+2weeks" as one word.
		i := 0
		if i < len(f) && (f[i] == '-' || f[i] == '+') {
			i++
		}
		j := i
		for j < len(f) && f[j] >= '0' && f[j] <= '9' {
			j++
		}
		if j > i && j < len(f) && (f[j] >= 'a' && f[j] <= 'z' || f[j] >= 'A' && f[j] <= 'Z') {
			fields = append(fields, f[:j], f[j:])
			continue
		}
		fields = append(fields, f)
	}
	for _, f := range fields {
		lf := strings.ToLower(f)
		switch {
		case strings.HasPrefix(f, "${") && strings.HasSuffix(f, "}"):
			base = strings.TrimSuffix(strings.TrimPrefix(f, "${"), "}")
		case lf == "yesterday":
			n = -1
		case lf == "tomorrow":
			n = 1
		case lf == "today" || lf == "now":
		case lf == "ago":
			sign = -sign
		case isSignedInt(lf):
			fmt.Sscan(lf, &n)
		default:
			u := strings.TrimSuffix(lf, "s")
			switch u {
			case "day", "week", "month", "year", "hour", "minute":
				unit = u
			default:
				if base == "run_date" {
					base = f // an absolute date or another expression: keep it
				}
			}
		}
	}
	n *= sign
	return base, fmt.Sprintf("%+d %s", n, unit)
}

func isSignedInt(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	return isDigits(s)
}

// word evaluates a word to a string. lit reports whether it is fully known
// (no symbolic variable, no unknown command substitution).
func (e *evaluator) word(w *syntax.Word) (string, bool) {
	if w == nil {
		return "", true
	}
	var b strings.Builder
	lit := e.parts(&b, w.Parts)
	return b.String(), lit
}

func (e *evaluator) parts(b *strings.Builder, parts []syntax.WordPart) bool {
	return e.partsIn(b, parts, false)
}

// unescapeLit applies bash's backslash rules to a literal: inside double
// quotes only \$ \` \" \\ and \newline are escapes; outside, a backslash
// quotes any character.
func unescapeLit(v string, inDouble bool) string {
	if !strings.Contains(v, "\\") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			n := v[i+1]
			if !inDouble || n == '$' || n == '`' || n == '"' || n == '\\' || n == '\n' {
				if n != '\n' {
					b.WriteByte(n)
				}
				i++
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

func (e *evaluator) partsIn(b *strings.Builder, parts []syntax.WordPart, inDouble bool) bool {
	lit := true
	for _, part := range parts {
		switch p := part.(type) {
		case *syntax.Lit:
			b.WriteString(unescapeLit(p.Value, inDouble))
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			if !e.partsIn(b, p.Parts, true) {
				lit = false
			}
		case *syntax.ParamExp:
			v, ok := e.param(p)
			b.WriteString(v)
			if !ok {
				lit = false
			}
			if e.expanded != nil {
				for _, n := range symbolicNames(v) {
					e.expanded[n] = true
				}
			}
		case *syntax.CmdSubst:
			// Commands inside $(…) run too: a hive -e inside one counts.
			e.stmts(p.Stmts)
			w := &syntax.Word{Parts: []syntax.WordPart{p}}
			if d := e.dateFromWord(w); d != nil {
				// A date computed in place (hive -hivevar day=`date
				// -d -1month +%Y%m`) is a parameter like one assigned
				// first: it gets a name, so that later stages compute
				// it for each run as they do DT=$(date …).
				b.WriteString("${" + e.inlineDate(d, printWord(w), int(p.Pos().Line())) + "}")
			} else {
				b.WriteString("$(…)")
			}
			lit = false
		default:
			lit = false
		}
	}
	return lit
}

// param expands $X / ${X} / ${X:-d}. Unknown names stay symbolic and are
// listed as env parameters.
func (e *evaluator) param(p *syntax.ParamExp) (string, bool) {
	if p.Param == nil {
		return "${…}", false
	}
	name := p.Param.Value
	if isDigits(name) {
		i := int(name[0] - '0')
		if len(name) == 1 && i >= 1 && i <= len(e.args) {
			return e.args[i-1], true
		}
		if _, ok := e.params[name]; !ok {
			prm := &Param{Name: name, Kind: "positional", Line: int(p.Pos().Line())}
			if p.Exp != nil && p.Exp.Word != nil {
				prm.Default, _ = e.word(p.Exp.Word)
			}
			e.addParam(prm)
		}
		return "${" + name + "}", false
	}
	if v, ok := e.env[name]; ok && p.Exp == nil {
		return v, !strings.Contains(v, "${")
	}
	if v, ok := e.env[name]; ok && v != "" {
		return v, !strings.Contains(v, "${")
	}
	if p.Exp != nil && (p.Exp.Op == syntax.DefaultUnsetOrNull || p.Exp.Op == syntax.DefaultUnset) {
		return e.word(p.Exp.Word)
	}
	switch name {
	case "@", "*", "#", "?", "$", "!", "0":
		return "$" + name, false
	}
	if _, ok := e.params[name]; !ok {
		e.addParam(&Param{Name: name, Kind: "env", Line: int(p.Pos().Line())})
	}
	return "${" + name + "}", false
}

// call handles a simple command: assignments alone, a function call, or a
// tool invocation.
func (e *evaluator) call(st *syntax.Stmt, c *syntax.CallExpr) {
	if len(c.Args) == 0 {
		for _, a := range c.Assigns {
			e.assign(a)
		}
		return
	}
	args := make([]string, len(c.Args))
	argVars := make([][]string, len(c.Args))
	for i, w := range c.Args {
		args[i], argVars[i] = e.wordVars(w)
	}
	if body, ok := e.funcs[args[0]]; ok {
		saved := e.args
		e.args = args[1:]
		e.depth++
		e.stmt(body)
		e.depth--
		e.args = saved
		return
	}
	if (args[0] == "source" || args[0] == ".") && len(args) > 1 {
		e.s.Sources = true
	}
	if (args[0] == "source" || args[0] == ".") && len(args) > 1 && e.source(args[1], c.Args[0].Pos()) {
		return
	}
	e.redactArgs(c, args)
	cmd := classify(args)
	if cmd == nil {
		return
	}
	pos := c.Args[0].Pos()
	cmd.Line, cmd.Col = int(pos.Line()), int(pos.Col())
	cmd.OnFailure = e.onFailure > 0
	cmd.Condition = strings.Join(e.conditions, " && ")
	if e.file != e.topFile() {
		cmd.File = e.file
	}
	if strings.HasPrefix(cmd.Kind, "sqoop-") && cmd.SQL != "" {
		tables, err := sourceTables(cmd.SQL)
		if err != nil {
			e.s.Diags = append(e.s.Diags, Diag{Line: cmd.Line, Col: cmd.Col, Severity: "warning", Msg: "sqoop --query not understood as MySQL: " + err.Error()})
		}
		cmd.Tables = tables
	}
	if cmd.SQL != "" && isSQLTool(cmd.Kind) {
		for i := len(args) - 1; i >= 0; i-- {
			if args[i] == cmd.SQL {
				cmd.SQLVars = argVars[i]
				// -e "$sql": the text is where the variable was set.
				if p, ok := singlePart(c.Args[i]).(*syntax.ParamExp); ok && p.Param != nil && isPureReference(c.Args[i]) {
					if l := e.valueLine[p.Param.Value]; l > 0 {
						cmd.SQLLine = l
					}
				}
				break
			}
		}
	}
	for _, r := range st.Redirs {
		if (r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc) && r.Hdoc != nil && isSQLTool(cmd.Kind) {
			cmd.SQL, cmd.SQLVars = e.wordVars(r.Hdoc)
			cmd.SQLLine = int(r.Hdoc.Pos().Line())
		}
	}
	if cmd.SQL != "" && cmd.SQLLine == 0 {
		cmd.SQLLine = cmd.Line
	}
	e.s.Commands = append(e.s.Commands, cmd)
}

func (e *evaluator) topFile() string {
	if e.sourced == nil {
		return e.file
	}
	return e.sourced[0]
}

// source evaluates a sourced file in the current environment. It reports
// false when the file cannot be read, so that the caller records the call.
func (e *evaluator) source(p string, pos syntax.Pos) bool {
	if e.opts.Read == nil || strings.Contains(p, "${") || e.depth > 8 {
		return false
	}
	if !strings.HasPrefix(p, "/") {
		p = path.Join(e.opts.Dir, p)
	}
	src, ok := e.opts.Read(path.Clean(p))
	if !ok {
		e.s.Diags = append(e.s.Diags, Diag{Line: int(pos.Line()), Col: int(pos.Col()), Severity: "warning", Msg: "sourced file " + p + " is not in the estate"})
		return true
	}
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	f, err := parseBash(text, p)
	if err != nil {
		e.s.Diags = append(e.s.Diags, Diag{Line: int(pos.Line()), Col: int(pos.Col()), Severity: "warning", Msg: "sourced file " + p + " does not parse: " + err.Error()})
		return true
	}
	if e.sourced == nil {
		e.sourced = []string{e.file}
	}
	saved := e.file
	e.file = path.Clean(p)
	e.depth++
	e.stmts(f.Stmts)
	e.depth--
	e.file = saved
	return true
}

func isSQLTool(kind string) bool {
	return kind == "hive-sql" || kind == "spark-sql" || kind == "mysql"
}

var jdbcPassword = regexp.MustCompile(`(?i)([?&;:]password=)([^&;]*)`)

// redactArgs finds secrets on a command line and replaces them in args.
func (e *evaluator) redactArgs(c *syntax.CallExpr, args []string) {
	tool := path.Base(args[0])
	for i := 1; i < len(args); i++ {
		pos := c.Args[i].Pos()
		if m := jdbcPassword.FindStringSubmatchIndex(args[i]); m != nil && m[5] > m[4] && args[i][m[4]:m[5]] != Redacted {
			e.secret(pos, "password in JDBC URL", args[i][m[4]:m[5]])
			args[i] = jdbcPassword.ReplaceAllString(args[i], "${1}"+Redacted)
		}
		a := args[i]
		switch {
		case secretFlag(a) || (a == "-p" && (tool == "beeline" || tool == "mysql")) || (a == "-w" && tool == "beeline"):
			if i+1 < len(args) {
				if args[i+1] != Redacted {
					e.secret(c.Args[i+1].Pos(), a+" argument", args[i+1])
					args[i+1] = Redacted
				}
				i++
			}
		case strings.HasPrefix(a, "--") && strings.Contains(a, "=") && secretFlag(a[:strings.IndexByte(a, '=')]):
			flag, v, _ := strings.Cut(a, "=")
			if v != "" && v != Redacted {
				e.secret(pos, flag+" argument", v)
				args[i] = flag + "=" + Redacted
			}
		case tool == "mysql" && strings.HasPrefix(a, "-p") && len(a) > 2:
			if a[2:] != Redacted {
				e.secret(pos, "-p argument", a[2:])
				args[i] = "-p" + Redacted
			}
		}
	}
}

// secretFlag reports whether a long option names a credential:
// --password, --pass, --token, --api-key, --secret-key, --access-key, ….
func secretFlag(a string) bool {
	if !strings.HasPrefix(a, "--") || strings.Contains(a, "=") {
		return false
	}
	name := strings.ToLower(strings.TrimLeft(a, "-"))
	switch name {
	case "password", "pass", "passwd", "pwd", "token", "secret":
		return true
	}
	for _, w := range []string{"password", "passwd", "token", "secret", "api-key", "apikey", "access-key", "credential"} {
		if strings.Contains(name, w) && !strings.HasSuffix(name, "-file") && !strings.HasSuffix(name, "-alias") {
			return true
		}
	}
	return false
}

// classify turns an argument vector into a Command, or nil when the command
// does not matter to the migration (echo, mkdir, rm of local files, …).
func classify(args []string) *Command {
	tool := path.Base(args[0])
	cmd := &Command{Tool: tool, Args: args}
	rest := args[1:]
	switch tool {
	case "hive", "beeline", "spark-sql":
		cmd.Kind = "hive-sql"
		if tool == "spark-sql" {
			cmd.Kind = "spark-sql"
		}
		sqlOptions(cmd, rest)
	case "spark-submit":
		cmd.Kind = "spark-submit"
		genericOptions(cmd, rest)
	case "sqoop":
		if len(rest) == 0 {
			return nil
		}
		switch rest[0] {
		case "import", "import-all-tables":
			cmd.Kind = "sqoop-import"
		case "export":
			cmd.Kind = "sqoop-export"
		default:
			cmd.Kind = "sqoop-" + rest[0]
		}
		genericOptions(cmd, rest[1:])
		for _, o := range cmd.Options {
			if o.Key == "query" || o.Key == "e" {
				cmd.SQL = o.Value
			}
		}
	case "hadoop", "hdfs":
		if len(rest) == 0 {
			return nil
		}
		switch rest[0] {
		case "fs", "dfs":
			cmd.Kind = "hdfs"
			if len(rest) > 1 {
				cmd.HDFSOp = rest[1]
				for _, a := range rest[2:] {
					if !strings.HasPrefix(a, "-") {
						cmd.Paths = append(cmd.Paths, a)
					}
				}
			}
		case "jar":
			cmd.Kind = "mapreduce"
			cmd.Paths = rest[1:]
		case "distcp":
			cmd.Kind = "hdfs"
			cmd.HDFSOp = "distcp"
			cmd.Paths = rest[1:]
		default:
			return nil
		}
	case "embulk":
		cmd.Kind = "embulk"
		cmd.Paths = rest
	case "digdag":
		cmd.Kind = "digdag"
		cmd.Paths = rest
	case "python", "python2", "python3":
		cmd.Kind = "python"
		cmd.Paths = rest
	case "mysql":
		cmd.Kind = "mysql"
		for i := 0; i < len(rest); i++ {
			if (rest[i] == "-e" || rest[i] == "--execute") && i+1 < len(rest) {
				cmd.SQL = rest[i+1]
				i++
			}
		}
	case "sh", "bash", "ksh", "source", ".":
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			return nil
		}
		cmd.Kind = "script"
		cmd.Paths = rest[:1]
	default:
		if strings.HasSuffix(tool, ".sh") || strings.HasPrefix(args[0], "./") || strings.HasPrefix(args[0], "/") && strings.Contains(args[0], "/bin/") {
			cmd.Kind = "script"
			cmd.Paths = args[:1]
			return cmd
		}
		return nil
	}
	return cmd
}

// sqlOptions reads hive / beeline / spark-sql options.
func sqlOptions(cmd *Command, rest []string) {
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		val := func() string {
			if i+1 < len(rest) {
				i++
				return rest[i]
			}
			return ""
		}
		switch a {
		case "-e":
			cmd.SQL = val()
		case "-f":
			cmd.Files = append(cmd.Files, val())
		case "-i":
			cmd.InitFiles = append(cmd.InitFiles, val())
		case "--hivevar", "-hivevar", "-d", "--define", "-define":
			cmd.Vars = append(cmd.Vars, splitKV(val()))
		case "--hiveconf", "-hiveconf", "--conf":
			cmd.Conf = append(cmd.Conf, splitKV(val()))
		case "-u", "-n", "-p", "-w", "--database", "-database", "--master", "--queue", "--name", "--num-executors", "--executor-memory", "--driver-memory", "--executor-cores":
			cmd.Options = append(cmd.Options, KV{strings.TrimLeft(a, "-"), val()})
		default:
			if k, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(k, "--") {
				switch k {
				case "--hivevar", "--define":
					cmd.Vars = append(cmd.Vars, splitKV(v))
				case "--hiveconf", "--conf":
					cmd.Conf = append(cmd.Conf, splitKV(v))
				default:
					cmd.Options = append(cmd.Options, KV{strings.TrimLeft(k, "-"), v})
				}
			} else if strings.HasPrefix(a, "-") {
				cmd.Options = append(cmd.Options, KV{strings.TrimLeft(a, "-"), ""})
			}
		}
	}
}

// genericOptions reads --name value and --name=value pairs (sqoop,
// spark-submit); a bare word after the options is kept in Paths.
func genericOptions(cmd *Command, rest []string) {
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if !strings.HasPrefix(a, "-") {
			cmd.Paths = append(cmd.Paths, a)
			continue
		}
		key := strings.TrimLeft(a, "-")
		if k, v, ok := strings.Cut(key, "="); ok {
			cmd.Options = append(cmd.Options, KV{k, v})
			continue
		}
		if i+1 < len(rest) && !strings.HasPrefix(rest[i+1], "--") {
			i++
			if key == "conf" {
				cmd.Conf = append(cmd.Conf, splitKV(rest[i]))
				continue
			}
			cmd.Options = append(cmd.Options, KV{key, rest[i]})
			continue
		}
		cmd.Options = append(cmd.Options, KV{key, ""})
	}
}

func splitKV(s string) KV {
	k, v, _ := strings.Cut(s, "=")
	return KV{k, v}
}
