package inventory

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/cron"
	"github.com/sparkport/sparkport/parser/digdag"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/parser/shell"
	"mvdan.cc/sh/v3/syntax"
)

// Host gives the lowering access to the other files of one host, so that
// `hive -f x.hql` and `sh x.sh` are read where the host would read them.
// Read returns false when the file is not in the estate.
type Host interface {
	Name() string
	Read(absPath string) ([]byte, bool)
}

// SQLHost is a Host that has already parsed the SQL files it holds, so
// that the lowering does not parse a file again for each job that runs it.
type SQLHost interface {
	Host
	SQL(absPath string) (*hiveql.File, bool)
}

// ScriptHost is a Host that has already read its shell scripts: it returns
// a script's reading when that does not depend on Read (it sources
// nothing), so that the lowering does not parse it a second time.
type ScriptHost interface {
	Host
	Script(absPath string) (*shell.Script, bool)
}

// lowerer holds what one lowering run accumulates.
type lowerer struct {
	host  Host
	depth int
	// alerts are the failure notifiers the scripts run (in || branches
	// and under if [ $? -ne 0 ]): the job's alerts, not its steps.
	alerts []*ir.Alert
}

// maxCallDepth bounds script-calls-script chains (and cycles).
const maxCallDepth = 8

// LowerCrontab turns each active entry of a crontab into a job with a cron
// trigger. Disabled (commented-out) entries are not jobs.
func LowerCrontab(h Host, file string, f *cron.File) []*ir.Job {
	var jobs []*ir.Job
	for _, e := range f.Entries {
		if e.Disabled {
			continue
		}
		at := &ir.Loc{Host: h.Name(), Path: file, Line: e.Line}
		job := &ir.Job{
			ID:      fmt.Sprintf("%s:%s:%d", h.Name(), file, e.Line),
			Host:    h.Name(),
			Trigger: &ir.Trigger{Kind: ir.TriggerCron, Spec: e.Schedule.String(), At: at},
		}
		if e.Invalid != "" {
			job.Trigger.Spec, job.Trigger.Invalid = e.ScheduleRaw, e.Invalid
		}
		// CRON_TZ (cronie) sets the zone the schedule is read in; TZ, the
		// zone the job ran in, is the best guess where CRON_TZ is absent.
		for _, v := range e.Env {
			switch {
			case v.Name == "CRON_TZ" && v.Value != "":
				job.Trigger.Timezone = v.Value
			case v.Name == "TZ" && v.Value != "" && !hasEnv(e.Env, "CRON_TZ"):
				job.Trigger.Timezone = strings.TrimPrefix(v.Value, ":")
			}
		}
		lw := &lowerer{host: h}
		job.Steps = lw.shellText(job.ID, e.Command, at, e.Line)
		job.Alerts = append(cronMail(h.Name(), file, e), lw.alerts...)
		jobs = append(jobs, normalise(job))
	}
	return jobs
}

func hasEnv(env []*cron.EnvVar, name string) bool {
	for _, v := range env {
		if v.Name == name && v.Value != "" {
			return true
		}
	}
	return false
}

// cronMail is where cron mailed a job's output: MAILTO as set above the
// line (cron mails the crontab's owner without one, nobody with
// MAILTO=""), when the command leaves its output to cron. A command that
// sends both stdout and stderr elsewhere mailed nothing.
func cronMail(host, file string, e *cron.Entry) []*ir.Alert {
	if outputRedirected(e.Command) {
		return nil
	}
	to, line := "", 0
	set := false
	for _, v := range e.Env {
		if v.Name == "MAILTO" {
			to, line, set = v.Value, v.Line, true
		}
	}
	if !set {
		owner := e.User
		if owner == "" {
			owner = path.Base(file) // a user crontab is named after its owner
		}
		to, line = owner+" (the crontab's owner: cron's default)", e.Line
	}
	var out []*ir.Alert
	for _, a := range strings.Split(to, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, &ir.Alert{Kind: "mail", To: a, At: &ir.Loc{Host: host, Path: file, Line: line}})
		}
	}
	return out
}

// outputRedirected reports whether a command line sends both its standard
// output and its standard error away from cron (>> log 2>&1, &> f,
// > /dev/null 2>&1), read with the shell parser.
func outputRedirected(cmd string) bool {
	f, err := syntax.NewParser().Parse(strings.NewReader(cmd), "")
	if err != nil || len(f.Stmts) == 0 {
		return false
	}
	st := f.Stmts[len(f.Stmts)-1]
	out, errOut := false, false
	for _, r := range st.Redirs {
		fd := ""
		if r.N != nil {
			fd = r.N.Value
		}
		switch r.Op {
		case syntax.RdrAll, syntax.AppAll:
			out, errOut = true, true
		case syntax.RdrOut, syntax.AppOut, syntax.RdrClob:
			switch fd {
			case "", "1":
				out = true
			case "2":
				errOut = true
			}
		case syntax.DplOut:
			if fd == "2" && out {
				errOut = true
			}
		}
	}
	return out && errOut
}

// LowerDigdag turns a workflow into one job with a digdag trigger; each
// task with an operator becomes steps (sh> through the shell front end).
func LowerDigdag(h Host, file string, w *digdag.Workflow) *ir.Job {
	job := &ir.Job{ID: h.Name() + ":" + file, Host: h.Name(), Trigger: &ir.Trigger{Kind: ir.TriggerUnscheduled}}
	if w.Schedule != nil {
		spec := w.Schedule.Cron
		if spec == "" {
			spec = w.Schedule.Kind + ">: " + w.Schedule.Spec
		}
		job.Trigger = &ir.Trigger{Kind: ir.TriggerDigdag, Spec: spec, Timezone: w.Timezone,
			At: &ir.Loc{Host: h.Name(), Path: file, Line: w.Schedule.Line}}
		if w.Schedule.Kind != "cron" && w.Schedule.Cron != "" {
			job.Trigger.Written = w.Schedule.Kind + ">: " + w.Schedule.Spec
		}
	}
	lw := &lowerer{host: h}
	dir := path.Dir(file)
	defer func() { job.Alerts = lw.alerts }()
	digdag.Walk(w.Root, func(t *digdag.Task) {
		if t.Command == nil {
			return
		}
		at := &ir.Loc{Host: h.Name(), Path: file, Line: t.Command.Line}
		id := fmt.Sprintf("%s#%s", job.ID, taskPath(t, t.Command.Line))
		switch t.Kind {
		case "sh":
			// sh> runs in the project folder: relative paths are from there.
			// Digdag substitutes its ${…} expressions before the shell runs.
			text, env := HideDigdagExprs(t.Command.Value)
			s := shell.ParseWith(at.Path, []byte(text), shell.Options{Read: h.Read, Dir: dir, Env: env})
			if len(s.Commands) == 0 && hasShellError(s) {
				// Nothing is dropped: the task stays, for a person (the
				// file's diagnostics say why it does not read).
				job.Steps = append(job.Steps, &ir.Step{ID: id, Kind: ir.StepUnknown, Source: at, InvokedAt: at, Args: []string{"sh>", t.Command.Value}})
				break
			}
			job.Steps = append(job.Steps, lw.commands(id, s, at, dir, func(cmdLine int) int { return t.Command.Line + cmdLine - 1 })...)
		default:
			step := &ir.Step{ID: id, Kind: ir.StepUnknown, Source: at, InvokedAt: at, Args: []string{t.Kind + ">", t.Command.Value}}
			switch t.Kind {
			case "embulk":
				step.Kind = ir.StepEmbulk
			case "call", "require", "loop", "for_each", "for_range", "if", "echo", "fail", "wait":
				step.Kind = "digdag-" + t.Kind
			}
			job.Steps = append(job.Steps, step)
		}
	})
	exportParams(job, w)
	return normalise(job)
}

// exportParams gives the workflow's _export values to the step parameters
// the shell took for environment variables: dt: ${session_date} is a
// Digdag built-in computed from the session time, not something to ask for.
func exportParams(job *ir.Job, w *digdag.Workflow) {
	values := map[string]string{}
	for _, p := range w.Export {
		if p.IsScalar {
			values[p.Key] = p.Value
		}
	}
	for _, st := range job.Steps {
		for _, prm := range st.Params {
			if v, ok := values[prm.Name]; ok && prm.Kind == "env" {
				prm.Kind, prm.Default = "digdag", v
			}
		}
	}
}

func hasShellError(s *shell.Script) bool {
	for _, d := range s.Diags {
		if d.Severity == "error" {
			return true
		}
	}
	return false
}

// digdagExprPrefix names the variables HideDigdagExprs puts in place of
// Digdag expressions.
const digdagExprPrefix = "SPARKPORT_DIGDAG_EXPR_"

// HideDigdagExprs prepares a Digdag sh> command for the shell front end.
// Digdag evaluates every ${…} of the command as a JavaScript expression
// before bash runs it; ${session_date} reads as a shell variable too, but
// ${moment(session_time).add(-7, 'days').format('YYYY-MM-DD')} is not
// bash syntax. Each expression that is not a plain name is replaced by a
// variable whose value (env) is the expression as written, so that the
// steps read the expression where the command had it. An expression
// spanning lines, or without its closing brace, is left as it is.
func HideDigdagExprs(cmd string) (string, map[string]string) {
	var b strings.Builder
	var env map[string]string
	rest := cmd
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			break
		}
		end := exprEnd(rest[i+2:])
		if end < 0 {
			break
		}
		expr := rest[i+2 : i+2+end]
		b.WriteString(rest[:i])
		rest = rest[i+2+end+1:]
		if shellName(expr) || strings.Contains(expr, "\n") {
			b.WriteString("${" + expr + "}")
			continue
		}
		if env == nil {
			env = map[string]string{}
		}
		name := fmt.Sprintf("%s%d", digdagExprPrefix, len(env)+1)
		env[name] = "${" + expr + "}"
		b.WriteString("${" + name + "}")
	}
	if env == nil {
		return cmd, nil
	}
	b.WriteString(rest)
	return b.String(), env
}

// exprEnd is the index of the brace closing an expression that starts at
// s[0], braces and quoted strings inside it counted; -1 when none does.
func exprEnd(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// shellName reports whether s is a shell variable name.
func shellName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func taskPath(t *digdag.Task, line int) string {
	return fmt.Sprintf("%s@%d", t.Name, line)
}

// LowerScript turns a script nothing calls into a job of its own.
func LowerScript(h Host, file string, src []byte) *ir.Job {
	job := &ir.Job{ID: h.Name() + ":" + file, Host: h.Name(), Trigger: &ir.Trigger{Kind: ir.TriggerUnscheduled}}
	lw := &lowerer{host: h}
	at := &ir.Loc{Host: h.Name(), Path: file, Line: 1}
	job.Steps = lw.script(job.ID, file, src, at)
	job.Alerts = lw.alerts
	return normalise(job)
}

// LowerSQLFile turns a SQL file nothing runs into a job of its own, so
// that it is planned (or found dead) like the rest.
func LowerSQLFile(h Host, file string, kind string) *ir.Job {
	job := &ir.Job{ID: h.Name() + ":" + file, Host: h.Name(), Trigger: &ir.Trigger{Kind: ir.TriggerUnscheduled}}
	st := &ir.Step{ID: job.ID + "/1", Kind: kind, Source: &ir.Loc{Host: h.Name(), Path: file, Line: 1}}
	if src, tree, ok := readSQL(h, file); ok {
		sqlIO(st, src, tree)
	}
	job.Steps = []*ir.Step{st}
	return normalise(job)
}

// normalise gives every list of the contract a value, so that JSON readers
// see [] rather than null.
func normalise(j *ir.Job) *ir.Job {
	if j.Steps == nil {
		j.Steps = []*ir.Step{}
	}
	for _, s := range j.Steps {
		if s.Inputs == nil {
			s.Inputs = []string{}
		}
		if s.Outputs == nil {
			s.Outputs = []string{}
		}
	}
	return j
}

// shellText lowers a command line (a crontab command, an sh> value).
func (lw *lowerer) shellText(id, text string, at *ir.Loc, line int) []*ir.Step {
	return lw.shellTextIn(id, text, at, line, "/")
}

func (lw *lowerer) shellTextIn(id, text string, at *ir.Loc, line int, dir string) []*ir.Step {
	s := shell.ParseWith(at.Path, []byte(text), shell.Options{Read: lw.host.Read, Dir: dir})
	return lw.commands(id, s, at, dir, func(cmdLine int) int { return line + cmdLine - 1 })
}

// script lowers a whole script file: its commands, and what they call.
func (lw *lowerer) script(id, file string, src []byte, invokedAt *ir.Loc) []*ir.Step {
	var s *shell.Script
	if sh, ok := lw.host.(ScriptHost); ok {
		s, _ = sh.Script(file)
	}
	if s == nil {
		s = shell.ParseWith(file, src, shell.Options{Read: lw.host.Read, Dir: path.Dir(file)})
	}
	at := &ir.Loc{Host: lw.host.Name(), Path: file}
	return lw.commands(id, s, at, path.Dir(file), func(l int) int { return l })
}

// commands turns the commands of a parsed script into steps. lineOf maps a
// line of the parsed text to a line of the file it sits in.
func (lw *lowerer) commands(id string, s *shell.Script, at *ir.Loc, dir string, lineOf func(int) int) []*ir.Step {
	var steps []*ir.Step
	own := map[*ir.Step]bool{} // steps of this script, not of the scripts it calls
	defer func() {
		for _, st := range steps {
			if own[st] {
				st.Params = usedParams(s.Params, st)
			}
		}
	}()
	prevFirst, prevCond := 0, ""
	defer func() { markCondition(steps, prevFirst, prevCond) }()
	for i, c := range s.Commands {
		inv := &ir.Loc{Host: at.Host, Path: at.Path, Line: lineOf(c.Line)}
		if c.File != "" {
			// A command of a sourced file stands at its own line there.
			inv = &ir.Loc{Host: at.Host, Path: c.File, Line: c.Line}
		}
		sid := fmt.Sprintf("%s/%d", id, i+1)
		markCondition(steps, prevFirst, prevCond)
		prevFirst, prevCond = len(steps), c.Condition
		if c.OnFailure && notifier(c.Kind) {
			lw.alerts = append(lw.alerts, &ir.Alert{Kind: "command", To: redact.Text(strings.Join(c.Args, " ")), At: inv})
			continue
		}
		switch c.Kind {
		case "script":
			target, assumed := lw.locate(dir, c.Paths[0])
			if lw.depth < maxCallDepth {
				if src, ok := lw.host.Read(target); ok {
					lw.depth++
					steps = append(steps, lw.script(sid, target, src, inv)...)
					lw.depth--
					continue
				}
			}
			st := &ir.Step{ID: sid, Kind: ir.StepScript, Source: &ir.Loc{Host: at.Host, Path: target, Line: 1}, InvokedAt: inv, Args: c.Args, AssumedDir: assumed}
			if _, ok := lw.host.Read(target); !ok {
				st.Missing = true
			}
			own[st] = true
			steps = append(steps, st)
		case "hive-sql", "spark-sql":
			for _, st := range lw.sqlSteps(sid, c, inv, dir) {
				own[st] = true
				steps = append(steps, st)
			}
		default:
			st := &ir.Step{ID: sid, Kind: stepKind(c.Kind), Source: inv, InvokedAt: inv, Args: c.Args}
			st.Inputs, st.Outputs = commandIO(c)
			if opaque(st.Kind) {
				st.IOFromArgs = len(st.Inputs)+len(st.Outputs) > 0
			}
			own[st] = true
			steps = append(steps, st)
		}
	}
	return steps
}

// usedParams lists the script parameters a step's command line mentions,
// and those their values are computed from (YM=$(date -d "$DT" +%Y%m)
// needs DT).
func usedParams(params []*shell.Param, st *ir.Step) []*ir.Param {
	if len(params) == 0 {
		return nil
	}
	byName := map[string]*shell.Param{}
	for _, p := range params {
		byName[p.Name] = p
	}
	text := strings.Join(st.Args, " ")
	need := map[string]bool{}
	var add func(name string, depth int)
	add = func(name string, depth int) {
		p := byName[name]
		if p == nil || need[name] || depth > 16 {
			return
		}
		need[name] = true
		if p.Kind == "date" && p.Base != "" && p.Base != "run_date" {
			add(p.Base, depth+1)
		}
	}
	for _, p := range params {
		if strings.Contains(text, "${"+p.Name+"}") {
			add(p.Name, 0)
		}
	}
	var out []*ir.Param
	for _, p := range params {
		if need[p.Name] {
			out = append(out, &ir.Param{Name: p.Name, Kind: p.Kind, Default: p.Default, Base: p.Base, Offset: p.Offset, Format: p.Format, Source: p.Source})
		}
	}
	return out
}

func stepKind(k string) string {
	switch k {
	case "hive-sql", "spark-sql", "sqoop-import", "sqoop-export", "hdfs", "spark-submit", "mapreduce", "embulk", "script":
		return k
	}
	return k // python, mysql, digdag: named by their tool
}

// sqlSteps lowers hive / beeline / spark-sql: inline SQL is a step whose
// source is the command's line; each -f file is a step whose source is
// that file.
func (lw *lowerer) sqlSteps(id string, c *shell.Command, inv *ir.Loc, dir string) []*ir.Step {
	kind := ir.StepHiveSQL
	if c.Kind == "spark-sql" {
		kind = ir.StepSparkSQL
	}
	var steps []*ir.Step
	if c.SQL != "" {
		line := inv.Line
		if c.SQLLine > 0 {
			line += c.SQLLine - c.Line // a heredoc, or SQL built in a variable above
		}
		st := &ir.Step{ID: id, Kind: kind, Source: &ir.Loc{Host: inv.Host, Path: inv.Path, Line: line}, InvokedAt: inv, Args: c.Args, ShellVars: c.SQLVars}
		sqlIO(st, []byte(c.SQL), nil)
		steps = append(steps, st)
	}
	for i, f := range c.Files {
		target, assumed := lw.locate(dir, f)
		st := &ir.Step{ID: fmt.Sprintf("%s.%d", id, i+1), Kind: kind, Source: &ir.Loc{Host: inv.Host, Path: target, Line: 1}, InvokedAt: inv, Args: c.Args, AssumedDir: assumed}
		if src, tree, ok := readSQL(lw.host, target); ok {
			sqlIO(st, src, tree)
		} else {
			st.Missing = true
		}
		steps = append(steps, st)
	}
	return steps
}

// readSQL reads a SQL file of the host, with its tree when the host has
// parsed it already (nil otherwise: sqlIO parses it).
func readSQL(h Host, file string) ([]byte, *hiveql.File, bool) {
	src, ok := h.Read(file)
	if !ok {
		return nil, nil, false
	}
	var tree *hiveql.File
	if sh, ok := h.(SQLHost); ok {
		tree, _ = sh.SQL(file)
	}
	return src, tree, true
}

// sqlIO fills a step's inputs, outputs and statement ranges from its SQL;
// f is src's tree when the caller has it already.
func sqlIO(st *ir.Step, src []byte, f *hiveql.File) {
	if f == nil {
		f, _ = hiveql.Parse(src, hiveql.Hive)
	}
	st.SQL = string(src)
	var in, out []string
	for i, a := range hiveql.Accesses(f, "default") {
		in = append(in, a.Inputs...)
		out = append(out, a.Outputs...)
		s := f.Statements[i]
		st.Statements = append(st.Statements, ir.Range{From: int(s.At), To: int(s.End)})
	}
	st.Inputs, st.Outputs = uniqueSorted(in), uniqueSorted(out)
}

// commandIO says what a non-SQL command reads and writes.
func commandIO(c *shell.Command) (in, out []string) {
	opt := func(k string) string {
		for _, o := range c.Options {
			if o.Key == k {
				return o.Value
			}
		}
		return ""
	}
	switch c.Kind {
	case "sqoop-import":
		if t := opt("table"); t != "" {
			in = append(in, jdbcTable(opt("connect"), t))
		}
		for _, t := range c.Tables {
			in = append(in, jdbcTable(opt("connect"), t))
		}
		if t := opt("hive-table"); t != "" {
			out = append(out, strings.ToLower(t))
		}
		if d := opt("target-dir"); d != "" {
			out = append(out, hdfsURI(d))
		}
	case "sqoop-export":
		if d := opt("export-dir"); d != "" {
			in = append(in, hdfsURI(d))
		}
		if t := opt("table"); t != "" {
			out = append(out, jdbcTable(opt("connect"), t))
		}
	case "spark-submit", "mapreduce":
		in, out = appArgsIO(c.Args)
	case "hdfs":
		switch c.HDFSOp {
		case "-put", "-copyFromLocal", "-moveFromLocal":
			if n := len(c.Paths); n >= 2 {
				for _, p := range c.Paths[:n-1] {
					in = append(in, "file://"+p)
				}
				out = append(out, hdfsURI(c.Paths[n-1]))
			}
		case "-get", "-copyToLocal", "-cat", "-text", "-ls", "-test", "-du", "-count":
			for _, p := range c.Paths {
				in = append(in, hdfsURI(p))
			}
		case "-cp", "-mv", "distcp":
			if n := len(c.Paths); n >= 2 {
				for _, p := range c.Paths[:n-1] {
					in = append(in, hdfsURI(p))
				}
				out = append(out, hdfsURI(c.Paths[n-1]))
			}
		default: // -rm, -mkdir, -touchz, -chmod, …
			for _, p := range c.Paths {
				out = append(out, hdfsURI(p))
			}
		}
	}
	return uniqueSorted(in), uniqueSorted(out)
}

// opaque reports whether a step kind runs code sparkport cannot read: its
// inputs and outputs are known only from its arguments, if at all.
func opaque(kind string) bool {
	switch kind {
	case ir.StepSparkSubmit, ir.StepMapReduce, ir.StepScript, ir.StepEmbulk, ir.StepUnknown, "python":
		return true
	}
	return false
}

// submitValued are the spark-submit options that take a value: the
// application is the first word after them.
var submitValued = map[string]bool{
	"--master": true, "--deploy-mode": true, "--class": true, "--name": true, "--jars": true, "--packages": true,
	"--exclude-packages": true, "--repositories": true, "--py-files": true, "--files": true, "--conf": true, "-c": true,
	"--properties-file": true, "--driver-memory": true, "--driver-java-options": true, "--driver-library-path": true,
	"--driver-class-path": true, "--executor-memory": true, "--proxy-user": true, "--driver-cores": true,
	"--executor-cores": true, "--num-executors": true, "--archives": true, "--principal": true, "--keytab": true,
	"--queue": true, "--total-executor-cores": true,
}

// appArgsIO reads the tables and paths a spark-submit or hadoop jar
// application names in its own arguments, by convention: a value after
// --input, --in, --src, --source, --from (or -i) is read, after --output,
// --out, --dst, --dest, --target, --to (or -o) written; an unflagged
// db.table or path is counted as read, which orders the job after its
// producer — the safe side.
func appArgsIO(args []string) (in, out []string) {
	i := 1
	if len(args) > 1 && (args[0] == "hadoop" || args[0] == "yarn") {
		for i < len(args) && args[i] != "jar" {
			i++
		}
		i += 2 // jar X.jar
		if i < len(args) && strings.Contains(args[i], ".") && !strings.HasPrefix(args[i], "-") && !tableLike(args[i]) {
			i++ // the main class
		}
	} else {
		for ; i < len(args); i++ {
			a := args[i]
			if !strings.HasPrefix(a, "-") {
				break
			}
			if flag, _, inline := strings.Cut(a, "="); submitValued[flag] && !inline {
				i++
			}
		}
		i++ // the application jar or .py
	}
	dir := ""
	for ; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flag, val, inline := strings.Cut(strings.TrimLeft(a, "-"), "=")
			dir = argDirection(strings.ToLower(flag))
			if !inline {
				continue
			}
			a = val
		}
		for _, v := range strings.Split(a, ",") {
			var ref string
			switch {
			case tableLike(v):
				ref = strings.ToLower(v)
			case strings.HasPrefix(v, "/") || strings.HasPrefix(v, "hdfs://"):
				ref = hdfsURI(v)
			default:
				continue
			}
			if dir == "out" {
				out = append(out, ref)
			} else {
				in = append(in, ref)
			}
		}
		dir = ""
	}
	return in, out
}

func argDirection(flag string) string {
	switch flag {
	case "input", "in", "src", "source", "from", "i", "input-table", "source-table", "input-path":
		return "in"
	case "output", "out", "dst", "dest", "target", "to", "o", "output-table", "target-table", "output-path":
		return "out"
	}
	return ""
}

// tableLike reports whether a word is db.table: two identifiers, the
// second not a file extension.
func tableLike(w string) bool {
	db, t, ok := strings.Cut(w, ".")
	if !ok || strings.Contains(t, ".") || !ident(db) || !ident(t) {
		return false
	}
	switch strings.ToLower(t) {
	case "jar", "py", "csv", "tsv", "json", "txt", "conf", "properties", "xml", "yaml", "yml", "sql", "hql", "parquet", "orc", "avro", "gz", "zip", "log", "sh", "class", "scala", "java":
		return false
	}
	return true
}

func ident(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// jdbcTable names a source table as jdbc:mysql://host/db.table, lower case.
func jdbcTable(connect, table string) string {
	base := connect
	if i := strings.IndexAny(base, "?;"); i >= 0 {
		base = base[:i]
	}
	return strings.ToLower(strings.TrimSuffix(base, "/") + "." + table)
}

// hdfsURI gives a bare HDFS path a scheme; URIs are kept.
func hdfsURI(p string) string {
	if strings.Contains(p, "://") {
		return p
	}
	return "hdfs://" + p
}

// markCondition gives the steps a command made (steps[from:]) the
// condition it ran under; a script called under a condition runs all its
// steps under it.
func markCondition(steps []*ir.Step, from int, cond string) {
	if cond == "" {
		return
	}
	for _, st := range steps[from:] {
		switch {
		case st.Condition == "":
			st.Condition = cond
		case !strings.HasPrefix(st.Condition, cond):
			st.Condition = cond + " && " + st.Condition
		}
	}
}

// notifier reports whether a command in a failure branch is an alert (a
// notifier script, a mail, a chat hook) rather than work: data commands
// there (a retry, a fallback load) stay steps, for a person to judge.
func notifier(kind string) bool {
	switch kind {
	case "hive-sql", "spark-sql", "sqoop-import", "sqoop-export", "hdfs", "spark-submit", "mapreduce", "embulk", "digdag":
		return false
	}
	return true
}

// locate resolves a path a command names. A relative path is read from
// the working directory the job ran in, which the script does not always
// say (cron starts in the owner's home; scripts are often run from their
// project's root): when it is not beside the script, the folders above
// are tried, and a single match is taken, with the folder it assumes.
func (lw *lowerer) locate(dir, p string) (target, assumed string) {
	target = resolve(dir, p)
	if strings.HasPrefix(p, "/") || strings.Contains(p, "$") {
		return target, ""
	}
	if _, ok := lw.host.Read(target); ok {
		return target, ""
	}
	var found, dirs []string
	for d := path.Dir(dir); ; d = path.Dir(d) {
		if c := path.Join(d, p); c != target {
			if _, ok := lw.host.Read(c); ok {
				found, dirs = append(found, c), append(dirs, d)
			}
		}
		if d == "/" || d == "." {
			break
		}
	}
	if len(found) == 1 {
		return found[0], dirs[0]
	}
	return target, ""
}

func resolve(dir, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

func uniqueSorted(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	sort.Strings(list)
	out := list[:1]
	for _, s := range list[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}
