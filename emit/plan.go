package emit

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/parser/shell"
	"github.com/sparkport/sparkport/plan"
	"github.com/sparkport/sparkport/translate"
)

// unitPlan is what one canonical job becomes.
type unitPlan struct {
	u       *plan.Job
	steps   []*stepPlan
	files   map[string][]byte
	review  []*ReviewItem
	verdict string            // auto, warnings, manual
	rules   []string          // translation rules applied, sorted
	secrets map[string]string // Secrets Manager ids to create → JDBC URL
	// secretUses are the legacy steps connecting with each secret, for
	// the review items of secrets to create and credentials to retire.
	secretUses []secretUse
	// artifacts are the jars and files the steps load, to copy to S3.
	artifacts []artifactUse
	// notifierSaid is set once the failure notifier's review item is out.
	notifierSaid bool
	outputs      []string // emr/ and digdag/ files written for it
}

// Digdag forms of a step.
const (
	asEMR  = "emr"  // emr> steps
	asCall = "call" // call> of another canonical job
	asKeep = "keep" // the legacy Digdag task as it was (echo>, wait>, …)
	asFail = "fail" // fail>: a person must replace it
	asDrop = "drop" // nothing to run on EMR (scratch housekeeping): said so
)

// stepPlan is one legacy step's replacement.
type stepPlan struct {
	t      *plan.Template
	index  int // 1-based, in the leader job
	form   string
	emr    []emrTemplate
	sql    []string // emitted sql/ files, in run order
	manual string   // for asFail: why
	call   string   // for asCall: the called workflow's legacy job id
	params []*ir.Param
	diags  []translate.Diagnostic // the translation's findings in the step's own file
	body   string                 // the emitted SQL without its header, for the review report
}

// emrTemplate is an EMR step whose args may hold variable marks and the
// legacy script's ${NAME} references.
type emrTemplate struct {
	what string // short description, for step names
	jar  string
	args []string
}

const commandRunner = "command-runner.jar"

// plan translates and lays out one unit. It runs in parallel with other
// units and touches only its own plan.
func (e *emitter) plan(u *plan.Job) (p *unitPlan) {
	p = &unitPlan{u: u, files: map[string][]byte{}, verdict: "auto"}
	defer func() {
		if r := recover(); r != nil {
			p.steps = nil
			p.verdict = "manual"
			p.review = append(p.review, &ReviewItem{Severity: "error", Job: u.Name, At: u.Leader.ID, Rule: "internal",
				Message: fmt.Sprintf("internal error emitting this job: %v (please report this input)", r)})
		}
	}()
	rules := map[string]bool{}
	for k, t := range u.Steps {
		sp := &stepPlan{t: t, index: k + 1, params: t.Step.Params}
		p.steps = append(p.steps, sp)
		switch t.Step.Kind {
		case ir.StepHiveSQL, ir.StepSparkSQL:
			e.planSQL(p, sp, rules)
		case ir.StepSqoopImport, ir.StepSqoopExport:
			e.planSqoop(p, sp)
		case ir.StepHDFS:
			e.planHDFS(p, sp)
		case ir.StepSparkSubmit:
			e.planSparkSubmit(p, sp)
		case ir.StepMapReduce:
			e.planMapReduce(p, sp)
		case "digdag-call", "digdag-require":
			sp.form = asCall
			if len(t.Step.Args) > 1 {
				sp.call = t.Step.Args[1]
			}
		case "digdag-echo", "digdag-wait", "digdag-fail", "digdag-if", "digdag-loop", "digdag-for_each", "digdag-for_range":
			sp.form = asKeep
		default:
			e.manual(p, sp, "no Spark or EMR equivalent for a "+t.Step.Kind+" step: "+oneLine(strings.Join(t.Args, " ")))
		}
	}
	for id := range rules {
		p.rules = append(p.rules, id)
	}
	sort.Strings(p.rules)
	return p
}

// manual marks a step as one a person must replace.
func (e *emitter) manual(p *unitPlan, sp *stepPlan, why string) {
	sp.form = asFail
	sp.manual = why // may hold the unit's variables: each run fills its own
	sp.emr = nil
	p.verdict = "manual"
	u := p.u
	shown := plan.Fill(why, len(u.Params), func(i int) string { return "<" + u.Params[i] + ">" })
	p.review = append(p.review, &ReviewItem{Severity: "error", Job: p.u.Name, At: loc(sp.t.Step.Source), Rule: "manual-step", Message: shown})
}

// runText is a step's message for one run: its values filled in, and
// ${…} (a legacy variable quoted in the message) written so that neither
// Digdag nor emr-fill takes it for one of theirs.
func runText(s string, r *plan.Run) string {
	s = plan.Fill(s, len(r.Values), func(i int) string { return r.Values[i] })
	return strings.ReplaceAll(s, "${", "$ {")
}

func (p *unitPlan) warn(at, rule, msg string) {
	if p.verdict == "auto" {
		p.verdict = "warnings"
	}
	p.review = append(p.review, &ReviewItem{Severity: "warning", Job: p.u.Name, At: at, Rule: rule, Message: msg})
}

// sqlPath is where step k's SQL goes; part counts from 1 when the legacy
// script had to be cut at a command spark-sql cannot run.
func sqlPath(u *plan.Job, k, part int) string {
	if part > 0 {
		return fmt.Sprintf("sql/%s/%02d-%d.sql", u.Name, k, part)
	}
	return fmt.Sprintf("sql/%s/%02d.sql", u.Name, k)
}

// hivevars writes a canonical job's variable i as emitted SQL reads it.
func hivevars(u *plan.Job) func(i int) string {
	return func(i int) string { return "${hivevar:" + u.Params[i] + "}" }
}

// planSQL translates a HiveQL or Spark SQL step.
func (e *emitter) planSQL(p *unitPlan, sp *stepPlan, rules map[string]bool) {
	u, st := p.u, sp.t.Step
	if st.Missing || st.SQL == "" {
		if f := e.fileAt(st.Source); f != nil && f.Status == ir.StatusError {
			e.manual(p, sp, fmt.Sprintf("the SQL this step runs (%s:%s) could not be read: %s", f.Host, f.Path, f.Reason))
			return
		}
		e.manual(p, sp, "the SQL this step runs is not in the estate: "+oneLine(strings.Join(st.Args, " ")))
		return
	}
	src := plan.Fill(sp.t.SQL, len(u.Params), hivevars(u))
	// The bindings are the template's: a value that differs between runs
	// is a variable each run fills with its own (a Digdag copy's
	// ${session_date}, a cron copy's ${DT}), not the leader's text.
	binds := hiveBindings(sp.t.Args)
	// Variables the shell substituted into the SQL text (a double-quoted
	// hive -e "… '${DT}'") are not Hive's: spark-sql would leave them
	// unset. They become hivevars the step passes, with the shell's value.
	for _, n := range st.ShellVars {
		if boundExactly(binds, "", n) {
			continue
		}
		if !strings.Contains(src, "${"+n+"}") {
			continue
		}
		src = strings.ReplaceAll(src, "${"+n+"}", "${hivevar:"+n+"}")
		binds = append(binds, [2]string{"--hivevar", n + "=${" + n + "}"})
		p.warn(loc(st.Source), "shell-variable", fmt.Sprintf("${%s} was substituted by the shell in the legacy SQL text; it is now ${hivevar:%s}, passed by the step", n, n))
	}
	name := st.Source.Host + ":" + st.Source.Path
	host := st.Source.Host
	res := translate.Translate(name, []byte(src), e.cfg, translate.Options{
		Stale: e.staleTables(),
		Resolve: func(from, file string) (string, []byte, error) {
			if !path.IsAbs(file) {
				file = path.Join(path.Dir(strings.TrimPrefix(from, host+":")), file)
			}
			text, err := e.readEstate(host, file)
			return host + ":" + file, text, err
		},
	})
	for _, r := range res.Rules {
		rules[r] = true
	}
	for _, a := range res.Artifacts {
		from := a.From
		if strings.HasPrefix(from, "/") {
			from = host + ":" + from // the Hive client's own disk
		}
		p.artifacts = append(p.artifacts, artifactUse{from: from, to: a.To, at: loc(st.Source), job: u.Name})
	}
	lineOff := st.Source.Line - 1
	if lineOff < 0 {
		lineOff = 0
	}
	for _, d := range res.Diagnostics {
		if d.File == name {
			sp.diags = append(sp.diags, d)
		}
		at := fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
		if d.File == name {
			at = fmt.Sprintf("%s:%d:%d", d.File, d.Line+lineOff, d.Col)
		}
		switch d.Severity {
		case translate.Error:
			p.verdict = "manual"
			p.review = append(p.review, &ReviewItem{Severity: "error", Job: u.Name, At: at, Rule: d.Rule, Message: d.Message})
		case translate.Warning:
			p.warn(at, d.Rule, d.Message)
		}
	}
	var runVars []string
	for _, i := range plan.UsedVars(sp.t.SQL, len(u.Params)) {
		binds = append(binds, [2]string{"--hivevar", u.Params[i] + "=" + plan.Mark(i)})
		runVars = append(runVars, "--hivevar", u.Params[i]+"="+plan.Mark(i))
	}
	// Every ${…} the emitted SQL reads must be bound by the step that
	// runs it: an unset variable is left in the text or emptied, and an
	// INSERT OVERWRITE filtered on it replaces a table with nothing. Names
	// are compared exactly, as Hive and Spark do.
	for _, prm := range res.Params {
		if prm.Defined || prm.Namespace == "env" || prm.Namespace == "system" || boundExactly(binds, prm.Namespace, prm.Name) {
			continue
		}
		p.verdict = "manual"
		from := "nothing the legacy job passed sets it"
		for _, sp := range st.Params {
			if sp.Name == prm.Name {
				from = fmt.Sprintf("the legacy script has a %s parameter %s, which the step does not pass under this name", sp.Kind, sp.Name)
			}
		}
		if near := nearBinding(binds, prm.Name); near != "" {
			from += fmt.Sprintf(" (the step passes %s: names are case-sensitive)", near)
		}
		p.review = append(p.review, &ReviewItem{Severity: "error", Job: u.Name, At: fmt.Sprintf("%s:%d", name, prm.Line+lineOff), Rule: "unresolved-variable",
			Message: fmt.Sprintf("${%s} is unbound: %s; give it a value in the workflow", prm.Ref, from)})
	}
	binds = binds[:len(binds)-len(runVars)/2]
	header := e.sqlHeader(p, sp, res.Rules)
	// Cut the script where a dfs or ! command ran: each SQL part is a
	// spark-sql step, each command an EMR command step, in order.
	sqlParts := 0
	for _, seg := range res.Segments {
		if seg.Kind == "sql" {
			sqlParts++
		}
	}
	part := 0
	if sqlParts > 1 || len(res.Segments) > 1 {
		part = 1
	}
	if len(res.Segments) == 0 {
		res.Segments = []translate.Segment{{Kind: "sql", SQL: res.SQL}}
	}
	for _, seg := range res.Segments {
		switch seg.Kind {
		case "sql":
			file := sqlPath(u, sp.index, part)
			body := seg.SQL
			if part > 1 {
				p.warn(fmt.Sprintf("%s:%d", seg.File, seg.Line), "split-script",
					"the script was cut at a command spark-sql cannot run; SET statements before the cut do not carry over to this part")
			}
			p.files[file] = []byte(header + body)
			sp.body += body
			sp.sql = append(sp.sql, file)
			args := []string{"spark-sql"}
			args = append(args, "-f", e.artifacts+"/"+file)
			for _, b := range binds {
				args = append(args, b[0], b[1])
			}
			args = append(args, runVars...)
			sp.emr = append(sp.emr, emrTemplate{what: "spark-sql " + path.Base(file), jar: commandRunner, args: args})
			if part > 0 {
				part++
			}
		case "hdfs":
			words, unbound := hiveVarsIn(seg.Args, binds, u)
			if unbound != "" {
				e.manual(p, sp, fmt.Sprintf("the dfs command at %s:%d uses ${%s}, which the command line does not set", seg.File, seg.Line, unbound))
				return
			}
			t, why := e.hdfsStep(words)
			if why != "" {
				e.manual(p, sp, fmt.Sprintf("%s (dfs command at %s:%d)", why, seg.File, seg.Line))
				return
			}
			sp.emr = append(sp.emr, t)
		default:
			e.manual(p, sp, fmt.Sprintf("shell command in the script at %s:%d has no EMR equivalent: %s", seg.File, seg.Line, oneLine(strings.Join(seg.Args, " "))))
			return
		}
	}
	sp.form = asEMR
}

// sqlHeader names what an emitted SQL file replaces and how it was made.
func (e *emitter) sqlHeader(p *unitPlan, sp *stepPlan, rules []string) string {
	u := p.u
	var b strings.Builder
	fmt.Fprintf(&b, "-- sparkport: %s, step %d (%s)\n", u.Name, sp.index, sp.t.Step.Kind)
	fmt.Fprintf(&b, "-- source: %s\n", loc(sp.t.Step.Source))
	b.WriteString("-- replaces:\n")
	for _, r := range u.Runs {
		for _, m := range r.Members {
			k := sp.index - 1
			src := ""
			if k < len(m.Steps) {
				src = loc(m.Steps[k].Source)
			}
			fmt.Fprintf(&b, "--   %s  %s\n", m.ID, src)
		}
	}
	if used := plan.UsedVars(sp.t.SQL, len(u.Params)); len(used) > 0 {
		b.WriteString("-- variables (--hivevar NAME=VALUE per run):\n")
		for _, i := range used {
			vals := make([]string, len(u.Runs))
			for k, r := range u.Runs {
				vals[k] = r.Values[i]
			}
			fmt.Fprintf(&b, "--   %s: %s\n", u.Params[i], strings.Join(vals, ", "))
		}
	}
	if len(rules) > 0 {
		fmt.Fprintf(&b, "-- rules: %s\n", strings.Join(rules, ", "))
	}
	return commentSafe(b.String())
}

// commentSafe keeps a header a comment: a legacy path or value holding a
// line break must not end the comment and become SQL.
func commentSafe(s string) string {
	s = strings.ReplaceAll(s, "\r", " ")
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" && !strings.HasPrefix(l, "--") {
			lines[i] = "-- " + l
		}
	}
	return strings.Join(lines, "")
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

// boundExactly reports whether a --hivevar or --hiveconf binding sets
// name: ${hivevar:x} needs --hivevar x, ${hiveconf:x} --hiveconf x, ${x}
// either.
func boundExactly(binds [][2]string, namespace, name string) bool {
	for _, b := range binds {
		k, _, _ := strings.Cut(b[1], "=")
		if k != name {
			continue
		}
		switch {
		case namespace == "" || namespace == "hivevar" && b[0] == "--hivevar" || namespace == "hiveconf" && b[0] == "--hiveconf":
			return true
		}
	}
	return false
}

// nearBinding is a binding whose name differs from name in case only.
func nearBinding(binds [][2]string, name string) string {
	for _, b := range binds {
		k, _, _ := strings.Cut(b[1], "=")
		if k != name && strings.EqualFold(k, name) {
			return b[0] + " " + k
		}
	}
	return ""
}

// hiveBindings are the variables a hive, beeline or spark-sql command line
// sets, as spark-sql flags: --hivevar k=v (also -d, --define) and
// --hiveconf k=v.
func hiveBindings(args []string) [][2]string {
	var out [][2]string
	for i := 0; i < len(args); i++ {
		a := args[i]
		flag, val, hasVal := strings.Cut(a, "=")
		if !strings.HasPrefix(a, "-") {
			continue
		}
		var to string
		switch strings.TrimLeft(flag, "-") {
		case "hivevar", "d", "define":
			to = "--hivevar"
		case "hiveconf":
			to = "--hiveconf"
		default:
			continue
		}
		if !hasVal { // --hivevar k=v; the one-word form is --hivevar=k=v
			if i+1 >= len(args) {
				continue
			}
			i++
			val = args[i]
		}
		if strings.Contains(val, shell.Redacted) {
			continue
		}
		if k, _, ok := strings.Cut(val, "="); ok && hiveql.SecretKey(k) {
			// A credential passed on the command line: Digdag reads it
			// from its secrets, and no value is written.
			val = k + "=${secret:" + k + "}"
		}
		out = append(out, [2]string{to, val})
	}
	return out
}

// hiveVarsIn substitutes, in a dfs command moved out of a script, the Hive
// variables the legacy command line set: spark-sql substitutes them in
// SQL, but an EMR command step has no one to do it.
func hiveVarsIn(words []string, binds [][2]string, u *plan.Job) ([]string, string) {
	vals := map[string]string{}
	for _, b := range binds {
		k, v, _ := strings.Cut(b[1], "=")
		ns := "hivevar"
		if b[0] == "--hiveconf" {
			ns = "hiveconf"
		}
		vals[ns+":"+k] = v
		vals[k] = v
	}
	for i, n := range u.Params {
		vals["hivevar:"+n] = plan.Mark(i)
		vals[n] = plan.Mark(i)
	}
	unbound := ""
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = hiveVarRE.ReplaceAllStringFunc(w, func(m string) string {
			ref := m[2 : len(m)-1]
			if v, ok := vals[ref]; ok {
				return v
			}
			if unbound == "" {
				unbound = ref
			}
			return m
		})
	}
	return out, unbound
}

// hiveVarRE finds ${name} and ${ns:name} in a word the Hive front end
// already split (see shellVarRE).
var hiveVarRE = regexp.MustCompile(`\$\{(?:(?:hivevar|hiveconf):)?[A-Za-z_][A-Za-z0-9_.]*\}`)
