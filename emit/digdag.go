package emit

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/cron"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/plan"
)

// Digdag's emr> operator runs each step through its command runner.
// Steps are `type: command` running spark-sql -f: Digdag's own
// `type: spark-sql` runs one query through a wrapper and renders the file
// as a Digdag template, which would eat Hive's ${hivevar:x} references.

// emitDigdag writes digdag/<job>.dig per canonical job: the legacy
// workflow with its shell and Hive tasks replaced by emr> tasks, or, for
// cron jobs, a new workflow on the same schedule.
func (e *emitter) emitDigdag() {
	// Jobs are written side by side: each touches its own plan, and the
	// review items it adds are sorted later.
	parallel(len(e.plans), e.workers(), func(i int) { e.emitWorkflows(e.plans[i]) })
}

// emitWorkflows writes one canonical job's workflows.
func (e *emitter) emitWorkflows(p *unitPlan) {
	if len(p.steps) == 0 {
		return
	}
	e.scheduleWarnings(p)
	if plan.IsWorkflow(p.u.Leader) {
		// Each run rewrites its own leader's workflow: its schedule,
		// _export and error handling, with the run's values.
		files := map[string][]byte{}
		var err error
		for i, r := range p.u.Runs {
			var data []byte
			if data, err = e.rewriteWorkflow(p, r); err != nil {
				break
			}
			name := "digdag/" + p.u.Name + ".dig"
			if len(p.u.Runs) > 1 {
				name = fmt.Sprintf("digdag/%s.%d.dig", p.u.Name, i+1)
			}
			files[name] = data
			e.scheduled(r, name)
		}
		if err == nil {
			for _, name := range sortedKeys(files) {
				e.put(name, files[name])
				p.outputs = append(p.outputs, name)
			}
			return
		}
		e.review(&ReviewItem{Severity: "warning", Job: p.u.Name, At: p.u.Leader.ID, Rule: "digdag",
			Message: "the legacy workflow could not be rewritten in place (" + err.Error() + "); a new workflow was written from its steps"})
	}
	e.generateWorkflows(p)
}

// scheduled notes the digdag/ file a run is scheduled in, for the
// manifest.
func (e *emitter) scheduled(r *plan.Run, file string) {
	e.workflowsMu.Lock()
	defer e.workflowsMu.Unlock()
	if e.workflows == nil {
		e.workflows = map[*plan.Run]string{}
	}
	e.workflows[r] = file
}

// scheduleWarnings lists the copies merged onto another copy's schedule.
func (e *emitter) scheduleWarnings(p *unitPlan) {
	for _, r := range p.u.Runs {
		var others []string
		for _, m := range r.Members {
			if m != r.Timing && !sameTrigger(m.Trigger, r.Timing.Trigger) {
				others = append(others, m.ID+" ("+triggerText(m.Trigger)+")")
			}
		}
		if len(others) > 0 {
			e.review(&ReviewItem{Severity: "warning", Job: p.u.Name, At: r.Timing.ID, Rule: "merged-schedule",
				Message: fmt.Sprintf("copies ran on other schedules: %s; the workflow runs on %s's (%s): among copies on one period, the last to fire (whose output lasted), and scheduled copies before called or unscheduled ones", strings.Join(others, ", "), r.Timing.ID, triggerText(r.Timing.Trigger))})
		}
	}
}

// schedule groups a unit's runs by the trigger of the job leading each.
type schedule struct {
	trigger *ir.Trigger
	runs    []*plan.Run
}

func (e *emitter) generateWorkflows(p *unitPlan) {
	u := p.u
	var scheds []*schedule
	for _, r := range u.Runs {
		var s *schedule
		for _, x := range scheds {
			if sameTrigger(x.trigger, r.Timing.Trigger) {
				s = x
			}
		}
		if s == nil {
			s = &schedule{trigger: r.Timing.Trigger}
			scheds = append(scheds, s)
		}
		s.runs = append(s.runs, r)
	}
	for i, s := range scheds {
		file := "digdag/" + u.Name + ".dig"
		if len(scheds) > 1 {
			file = fmt.Sprintf("digdag/%s.%d.dig", u.Name, i+1)
		}
		root := mapping()
		var head strings.Builder
		fmt.Fprintf(&head, "sparkport: %s\nreplaces:", u.Name)
		for _, r := range s.runs {
			for _, m := range r.Members {
				fmt.Fprintf(&head, "\n  %s (%s)", printable(m.ID), triggerText(m.Trigger))
			}
		}
		tz := e.cfg.TimeZone
		if s.trigger.Timezone != "" {
			tz = s.trigger.Timezone
		}
		if tz != "" {
			add(root, "timezone", scalar(tz))
		} else if s.trigger.Kind == ir.TriggerCron {
			e.tzOnce.Do(func() {
				e.review(&ReviewItem{Severity: "warning", Rule: "timezone",
					Message: "the config names no timezone: the workflows made from crontabs run their schedules in UTC, where cron ran them in each host's time zone"})
			})
		}
		switch {
		case s.trigger.Invalid != "":
			head.WriteString("\nno schedule: the legacy schedule " + printable(s.trigger.Spec) + " does not parse (" + printable(s.trigger.Invalid) + ")")
		case s.trigger.Kind == ir.TriggerCron || s.trigger.Kind == ir.TriggerDigdag:
			if sc, err := cron.ParseSchedule(s.trigger.Spec); err == nil && s.trigger.Kind == ir.TriggerCron && !sc.Dom.Star && !sc.Dow.Star {
				// Digdag reads cron> with cron4j, which wants both day
				// fields to match; cron wanted either.
				e.review(&ReviewItem{Severity: "error", Job: p.u.Name, At: s.runs[0].Timing.ID, Rule: "schedule-days",
					Message: fmt.Sprintf("cron ran %s on the days matching its day of month or its day of week; Digdag's cron> fires only on days matching both: split the workflow in two (one per day field) or guard it with if>", s.trigger.Spec)})
			}
			sch := mapping()
			written := s.trigger.Spec
			if s.trigger.Written != "" {
				written = s.trigger.Written
			}
			if kind, spec, ok := strings.Cut(written, ">: "); ok {
				add(sch, kind+">", scalar(spec))
			} else {
				add(sch, "cron>", scalar(s.trigger.Spec))
			}
			add(root, "schedule", sch)
		default:
			head.WriteString("\nno schedule: the legacy job was " + triggerText(s.trigger))
		}
		perRun := len(s.runs) > 1 || len(s.runs) == 1 && s.runs[0].Name != "" && len(u.Runs) > 1
		if !perRun {
			e.onFailure(p, root, s.runs)
		}
		for _, r := range s.runs {
			e.scheduled(r, file)
			parent := root
			if perRun {
				parent = mapping()
				add(root, "+"+taskName(r.Name), parent)
				// Each run alerts as its own legacy copies did.
				e.onFailure(p, parent, []*plan.Run{r})
			}
			for _, sp := range p.steps {
				name := fmt.Sprintf("+s%02d_%s", sp.index, taskName(sp.t.Step.Kind))
				add(parent, name, e.task(p, sp, r, p.u.Leader))
			}
		}
		if len(root.Content) > 0 {
			root.Content[0].HeadComment = head.String()
		}
		e.put(file, encodeYAML(root))
		p.outputs = append(p.outputs, file)
	}
}

// task is the Digdag task replacing one step for one run.
func (e *emitter) task(p *unitPlan, sp *stepPlan, r *plan.Run, job *ir.Job) *yaml.Node {
	t := mapping()
	switch sp.form {
	case asEMR:
		add(t, "emr>", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""})
		add(t, "cluster", scalar(e.clusterRef()))
		// emr> uploads its step runner there before any step runs.
		add(t, "staging", scalar(e.artifacts+"/digdag-staging/"))
		add(t, "action_on_failure", scalar(ActionOnFailure))
		steps := &yaml.Node{Kind: yaml.SequenceNode}
		for _, et := range sp.emr {
			steps.Content = append(steps.Content, e.emrStep(p, sp, et, r, job))
		}
		add(t, "steps", steps)
	case asCall:
		target := e.calledName(job, sp.call)
		if target == "" {
			add(t, "fail>", scalar(fmt.Sprintf("sparkport: %s calls %s, which was not migrated (dead, missing or empty); a person must decide", loc(sp.t.Step.Source), sp.call)))
		} else {
			add(t, "call>", scalar(target+".dig"))
		}
	case asDrop:
		add(t, "echo>", scalar(runText("sparkport: dropped "+oneLine(strings.Join(sp.t.Args, " "))+": "+sp.manual, r)))
	case asKeep:
		if len(sp.t.Args) >= 2 {
			add(t, sp.t.Args[0], scalar(sp.t.Args[1]))
		} else {
			add(t, "echo>", scalar("sparkport: "+sp.t.Step.Kind))
		}
	default:
		add(t, "fail>", scalar(runText(fmt.Sprintf("sparkport: not migrated, a person must replace this task: %s (%s)", sp.manual, loc(runSource(sp, r))), r)))
	}
	return t
}

func (e *emitter) clusterRef() string {
	if e.cfg.Cluster != "" {
		return e.cfg.Cluster
	}
	return "${emr_cluster_id}"
}

// emrStep is one entry of an emr> task's steps.
func (e *emitter) emrStep(p *unitPlan, sp *stepPlan, et emrTemplate, r *plan.Run, job *ir.Job) *yaml.Node {
	args := make([]string, len(et.args))
	for i, a := range et.args {
		// The template's own text is the leader's; each value is its
		// run's: a run led by a workflow passes Digdag's values as they are
		// (a canonical job led by a cron copy may have such runs).
		args[i] = plan.Fill(e.digdagValue(p, sp, a, job), len(r.Values), func(k int) string {
			if plan.IsWorkflow(r.Leader) {
				return r.Values[k]
			}
			return e.digdagValue(p, sp, r.Values[k], job)
		})
	}
	s := mapping()
	add(s, "type", scalar("command"))
	add(s, "name", scalar(fmt.Sprintf("%s %02d %s", p.u.Name, sp.index, et.what)))
	if et.jar != commandRunner {
		// A custom JAR step: emr> has no such type, so the jar is fetched
		// and run as `hadoop jar` runs it.
		local := "/tmp/sparkport-" + path.Base(et.jar)
		words := []string{"aws", "s3", "cp", et.jar, local, "&&", "hadoop", "jar", local}
		cmd := make([]string, 0, len(words)+len(args))
		for _, w := range words {
			if w == "&&" {
				cmd = append(cmd, w)
				continue
			}
			cmd = append(cmd, shellQuote(w))
		}
		for _, a := range args {
			cmd = append(cmd, shellQuote(a))
		}
		add(s, "command", scalar("bash"))
		add(s, "args", flowSeq([]string{"-c", strings.Join(cmd, " ")}))
		return s
	}
	add(s, "command", scalar(args[0]))
	add(s, "args", flowSeq(args[1:]))
	return s
}

// digdagValue rewrites the run-time values of a legacy cron job's command
// line (${DT} computed with date) into Digdag expressions on the session
// time. Digdag workflows' own ${...} variables are left as they are.
func (e *emitter) digdagValue(p *unitPlan, sp *stepPlan, s string, job *ir.Job) string {
	if plan.IsWorkflow(job) {
		return s
	}
	return shellVarRE.ReplaceAllStringFunc(s, func(m string) string {
		n := strings.Trim(m, "${}")
		for _, prm := range sp.params {
			if prm.Name != n {
				continue
			}
			if expr, ok := momentExpr(prm, sp.params); ok {
				return "${" + expr + "}"
			}
			if prm.Kind == "positional" && prm.Default != "" && !strings.ContainsAny(prm.Default, "$`") {
				return prm.Default
			}
		}
		e.reviewOnce(p, &ReviewItem{Severity: "error", Job: p.u.Name, At: loc(sp.t.Step.Source), Rule: "unresolved-variable",
			Message: fmt.Sprintf("${%s} came from the legacy host's environment or arguments; define it in the workflow's _export", n)})
		return m
	})
}

// reviewOnce adds an item found while writing a workflow (after the plans'
// own items were collected), once per place and message.
func (e *emitter) reviewOnce(p *unitPlan, r *ReviewItem) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, x := range e.items {
		if x.At == r.At && x.Message == r.Message && x.Job == r.Job {
			return
		}
	}
	e.items = append(e.items, r)
	p.verdict = "manual"
}

// redactSecrets replaces the value of every credential parameter of a
// legacy workflow (_export: password: …) with a Digdag secret reference,
// so that no value is copied; each is a review item.
func (e *emitter) redactSecrets(p *unitPlan, at string, m *yaml.Node) {
	switch m.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if v.Kind == yaml.ScalarNode && v.Value != "" && !strings.Contains(v.Value, "${") && hiveql.SecretKey(k.Value) {
				e.review(&ReviewItem{Severity: "error", Job: p.u.Name, At: fmt.Sprintf("%s:%d", at, v.Line), Rule: "secret",
					Message: fmt.Sprintf("%s was written in the workflow; it now reads ${secret:%s}: set it with digdag secrets --project", k.Value, k.Value)})
				p.verdict = "manual"
				*v = yaml.Node{Kind: yaml.ScalarNode, Value: "${secret:" + k.Value + "}"}
				continue
			}
			if v.Kind == yaml.ScalarNode {
				// A credential inside a value (curl -u user:pass, a URL's
				// user:pass@, -pX) is blanked like every text shown as written.
				if r := redact.Text(v.Value); r != v.Value {
					e.review(&ReviewItem{Severity: "error", Job: p.u.Name, At: fmt.Sprintf("%s:%d", at, v.Line), Rule: "secret",
						Message: fmt.Sprintf("the value of %s held a credential, written as %s in the workflow: give it to the task through digdag secrets", k.Value, redact.Mark)})
					p.verdict = "manual"
					v.Value = r
				}
				continue
			}
			e.redactSecrets(p, at, v)
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, c := range m.Content {
			e.redactSecrets(p, at, c)
		}
	}
}

// momentExpr is the Digdag (moment.js) expression computing a date
// parameter from the session time: date -d '1 day ago' +%Y%m%d becomes
// moment(session_time).add(-1, 'days').format('YYYYMMDD').
func momentExpr(prm *ir.Param, all []*ir.Param) (string, bool) {
	f, ok := momentFormat(prm.Format)
	if !ok {
		return "", false
	}
	expr, ok := momentTime(prm, all, 0)
	if !ok {
		return "", false
	}
	return expr + ".format('" + f + "')", true
}

// momentTime is the moment.js time a date parameter stands for: the
// session time, or another date parameter, moved by the offset.
func momentTime(prm *ir.Param, all []*ir.Param, depth int) (string, bool) {
	if prm.Kind != "date" || depth > 4 {
		return "", false
	}
	expr := "moment(session_time)"
	if prm.Base != "run_date" && prm.Base != "" {
		var base *ir.Param
		for _, q := range all {
			if q.Name == prm.Base {
				base = q
			}
		}
		if base == nil {
			return "", false
		}
		b, ok := momentTime(base, all, depth+1)
		if !ok {
			return "", false
		}
		expr = b
	}
	if prm.Offset != "" {
		fields := strings.Fields(strings.TrimSuffix(prm.Offset, " ago"))
		if len(fields) != 2 {
			return "", false
		}
		n, err := strconv.Atoi(strings.TrimPrefix(fields[0], "+"))
		if err != nil {
			return "", false
		}
		if strings.HasSuffix(prm.Offset, " ago") {
			n = -n
		}
		unit := strings.TrimSuffix(strings.ToLower(fields[1]), "s")
		switch unit {
		case "day", "hour", "minute", "week", "month", "year", "second":
		default:
			return "", false
		}
		if (unit == "month" || unit == "year") && n != 0 {
			// GNU date moves the month (or year) and keeps the day,
			// letting it overflow: March 31 minus a month is March 2,
			// where moment.js stops at February's last day. From the
			// month's first day, then forward by the day's number, is
			// GNU's way in moment.js.
			expr = fmt.Sprintf("%s.date(1).add(%d, '%ss').add(%s.date() - 1, 'days')", expr, n, unit, expr)
		} else {
			expr += fmt.Sprintf(".add(%d, '%ss')", n, unit)
		}
	}
	return expr, true
}

// momentFormat translates a strftime format to moment.js.
func momentFormat(f string) (string, bool) {
	if f == "" {
		return "ddd MMM D HH:mm:ss YYYY", false // date's default: not worth guessing
	}
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\'' {
				b.WriteString("[" + string(c) + "]")
			} else {
				b.WriteByte(c)
			}
			continue
		}
		i++
		if i >= len(f) {
			return "", false
		}
		m, ok := map[byte]string{'Y': "YYYY", 'y': "YY", 'm': "MM", 'd': "DD", 'H': "HH", 'M': "mm", 'S': "ss",
			'F': "YYYY-MM-DD", 'j': "DDDD", 's': "X", 'e': "D", '%': "%", 'G': "GGGG", 'V': "WW",
			'u': "E", 'a': "ddd", 'A': "dddd", 'b': "MMM", 'B': "MMMM", 'h': "MMM"}[f[i]]
		if !ok {
			return "", false
		}
		b.WriteString(m)
	}
	return b.String(), true
}

// calledName is the canonical job replacing the workflow a call> names,
// relative to the calling workflow.
func (e *emitter) calledName(job *ir.Job, target string) string {
	file, _, _ := strings.Cut(strings.TrimPrefix(job.ID, job.Host+":"), "#")
	t := target
	if !path.IsAbs(t) {
		t = path.Join(path.Dir(file), t)
	}
	if !strings.HasSuffix(t, ".dig") {
		t += ".dig"
	}
	if u := e.byJob[job.Host+":"+t]; u != nil {
		return u.Name
	}
	return ""
}

// rewriteWorkflow rewrites the legacy .dig of a unit's leader: every task
// whose steps were migrated gets emr> (or call>, or fail>) in place of its
// operator; everything else — schedule, timezone, _export, _retry, _error,
// _parallel, other operators — stays as written.
func (e *emitter) rewriteWorkflow(p *unitPlan, r *plan.Run) ([]byte, error) {
	job := r.Leader
	file, _, _ := strings.Cut(strings.TrimPrefix(job.ID, job.Host+":"), "#")
	src, err := e.readEstate(job.Host, file)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a mapping")
	}
	root := doc.Content[0]
	// The run's leader has the unit's steps in the same order (that is
	// what aligning them checked): its step ids name its own tasks.
	if len(job.Steps) != len(p.steps) {
		return nil, fmt.Errorf("%s has %d steps, the canonical job %d", job.ID, len(job.Steps), len(p.steps))
	}
	byTask := map[string][]*stepPlan{}
	for k, sp := range p.steps {
		id := strings.TrimPrefix(job.Steps[k].ID, job.ID+"#")
		task, _, _ := strings.Cut(id, "/")
		byTask[task] = append(byTask[task], sp)
	}
	// scope holds the _export values in force at each task, root first:
	// Digdag hands them to a task unevaluated, and evaluates ${name}
	// with them only in the task's top-level keys, so the emr> steps (a
	// list of maps) get each templated one inlined.
	var walk func(m *yaml.Node, scope map[string]string)
	walk = func(m *yaml.Node, scope map[string]string) {
		scope = withExports(scope, m)
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if v.Kind != yaml.MappingNode || !(strings.HasPrefix(k.Value, "+") || k.Value == "_error" || k.Value == "_do" || k.Value == "_check") {
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				op := v.Content[j]
				if !strings.HasSuffix(op.Value, ">") {
					continue
				}
				sps := byTask[fmt.Sprintf("%s@%d", k.Value, op.Line)]
				if len(sps) == 0 {
					break
				}
				repl := e.taskFor(p, sps, r, job)
				inlineExports(repl, withExports(scope, v))
				rest := append([]*yaml.Node{}, v.Content[:j]...)
				rest = append(rest, repl.Content...)
				rest = append(rest, v.Content[j+2:]...)
				v.Content = rest
				break
			}
			walk(v, scope)
		}
	}
	walk(root, e.callScope(p))
	e.redactSecrets(p, job.Host+":"+file, root)
	var head strings.Builder
	fmt.Fprintf(&head, "sparkport: %s, rewritten from %s\nreplaces:", p.u.Name, printable(job.ID))
	for _, m := range r.Members {
		fmt.Fprintf(&head, "\n  %s (%s)", printable(m.ID), triggerText(m.Trigger))
	}
	if r.Name != "" {
		fmt.Fprintf(&head, "\nvalues: %s", printable(r.Name))
	}
	if len(root.Content) > 0 {
		if root.Content[0].HeadComment != "" {
			head.WriteString("\n\n" + strings.TrimLeft(root.Content[0].HeadComment, "# "))
		}
		root.Content[0].HeadComment = head.String()
	}
	return encodeYAML(root), nil
}

// callScope is the _export a called workflow inherits from its callers:
// the values every call> of it has in force, when they agree. A name whose
// callers disagree is left out (its ${name} stays, and verify --digdag
// reports it) and is a review item.
func (e *emitter) callScope(p *unitPlan) map[string]string {
	e.callScopesOnce.Do(func() {
		e.callScopes = map[string][]map[string]string{}
		for _, q := range e.plans {
			if !plan.IsWorkflow(q.u.Leader) {
				continue
			}
			job := q.u.Leader
			file, _, _ := strings.Cut(strings.TrimPrefix(job.ID, job.Host+":"), "#")
			src, err := e.readEstate(job.Host, file)
			if err != nil {
				continue
			}
			var doc yaml.Node
			if yaml.Unmarshal(src, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
				continue
			}
			var walk func(m *yaml.Node, scope map[string]string)
			walk = func(m *yaml.Node, scope map[string]string) {
				scope = withExports(scope, m)
				for i := 0; i+1 < len(m.Content); i += 2 {
					k, v := m.Content[i], m.Content[i+1]
					if k.Value == "call>" && v.Kind == yaml.ScalarNode {
						if name := e.calledName(job, v.Value); name != "" {
							e.callScopes[name] = append(e.callScopes[name], scope)
						}
					}
					if v.Kind == yaml.MappingNode && (strings.HasPrefix(k.Value, "+") || k.Value == "_error" || k.Value == "_do") {
						walk(v, scope)
					}
				}
			}
			walk(doc.Content[0], nil)
		}
	})
	scopes := e.callScopes[p.u.Name]
	if len(scopes) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range scopes[0] {
		out[k] = v
	}
	for _, s := range scopes[1:] {
		for k, v := range out {
			if w, ok := s[k]; !ok || w != v {
				delete(out, k)
				if ok && strings.Contains(v+w, "${") {
					e.review(&ReviewItem{Severity: "warning", Job: p.u.Name, At: p.u.Leader.ID, Rule: "digdag",
						Message: fmt.Sprintf("its callers export %s differently (%s, %s): Digdag passes the text of an exported ${...} to emr> steps unevaluated, so the steps need the value inlined; a person must choose", k, printable(v), printable(w))})
				}
			}
		}
	}
	return out
}

// withExports is scope with the string values of m's _export added.
func withExports(scope map[string]string, m *yaml.Node) map[string]string {
	var exp *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "_export" && m.Content[i+1].Kind == yaml.MappingNode {
			exp = m.Content[i+1]
		}
	}
	if exp == nil {
		return scope
	}
	out := make(map[string]string, len(scope)+len(exp.Content)/2)
	for k, v := range scope {
		out[k] = v
	}
	for i := 0; i+1 < len(exp.Content); i += 2 {
		if v := exp.Content[i+1]; v.Kind == yaml.ScalarNode {
			out[exp.Content[i].Value] = v.Value
		} else {
			delete(out, exp.Content[i].Value)
		}
	}
	return out
}

var exportRefRE = regexp.MustCompile(`\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}`)

// inlineExports rewrites ${name} in the nested values of an emitted task
// (its emr> steps) where name is an _export'ed value that is itself a
// template (dt: ${session_date}): Digdag would pass the template's text
// there, not its value, since it evaluates nested values against the
// parameters as exported. The template's text is inlined instead, which
// Digdag evaluates where it stands.
func inlineExports(task *yaml.Node, scope map[string]string) {
	if len(scope) == 0 {
		return
	}
	var inline func(s string, depth int) string
	inline = func(s string, depth int) string {
		if depth > 8 {
			return s
		}
		return exportRefRE.ReplaceAllStringFunc(s, func(m string) string {
			v, ok := scope[exportRefRE.FindStringSubmatch(m)[1]]
			if !ok || !strings.Contains(v, "${") {
				return m
			}
			return inline(v, depth+1)
		})
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			n.Value = inline(n.Value, 0)
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	for i := 0; i+1 < len(task.Content); i += 2 {
		if v := task.Content[i+1]; v.Kind != yaml.ScalarNode {
			walk(v)
		}
	}
}

// taskFor is the operator (and its keys) replacing a legacy task's
// operator: emr> when all its steps became EMR steps, call> for a call,
// fail> when any step needs a person.
func (e *emitter) taskFor(p *unitPlan, sps []*stepPlan, r *plan.Run, job *ir.Job) *yaml.Node {
	if len(sps) == 1 && sps[0].form != asEMR {
		return e.task(p, sps[0], r, job)
	}
	for _, sp := range sps {
		if sp.form != asEMR {
			return e.task(p, sp, r, job)
		}
	}
	t := e.task(p, sps[0], r, job)
	steps := t.Content[len(t.Content)-1]
	for _, sp := range sps[1:] {
		for _, et := range sp.emr {
			steps.Content = append(steps.Content, e.emrStep(p, sp, et, r, job))
		}
	}
	return t
}

func sameTrigger(a, b *ir.Trigger) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Kind == b.Kind && a.Spec == b.Spec && a.Written == b.Written && a.Timezone == b.Timezone
}

func triggerText(t *ir.Trigger) string {
	if t == nil {
		return "no trigger"
	}
	switch t.Kind {
	case ir.TriggerCron, ir.TriggerDigdag:
		if t.Invalid != "" {
			return t.Kind + " " + t.Spec + " (does not parse)"
		}
		if t.Written != "" {
			return t.Kind + " " + t.Written
		}
		return t.Kind + " " + t.Spec
	case ir.TriggerCalled:
		return "called by " + t.Spec
	}
	return t.Kind
}

func taskName(s string) string {
	if n := plan.ASCIISlug(s); n != "" {
		return n
	}
	return "task"
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

// scalar is a string node. A string Digdag's YAML reader would take for
// something else is quoted: Digdag reads YAML 1.1 with its own resolver
// (digdag-core YamlTagResolver), where +001 and 0123 are octal integers,
// 1_000 is 1000, .5 a number and ~ null, which go.yaml.in/yaml/v3, a YAML
// 1.2 writer, leaves plain. A task named +001 would reach Digdag as the
// key 1 ("includes unknown keys"), a value 0123 as 83.
func scalar(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	if digdagNonString(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

var (
	digdagInt   = regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*)$`)
	digdagFloat = regexp.MustCompile(`^(?:[-+]?(?:\.[0-9]+|[1-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
	digdagOther = regexp.MustCompile(`^(?:[Tt]rue|[Ff]alse|~|null|Null|NULL|<<)$`)
)

// digdagNonString reports whether Digdag reads the plain scalar s as a
// number, a boolean or null.
func digdagNonString(s string) bool {
	return s == "" || digdagInt.MatchString(s) || digdagFloat.MatchString(s) || digdagOther.MatchString(s)
}

func flowSeq(list []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range list {
		n.Content = append(n.Content, scalar(s))
	}
	return n
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, scalar(key), v)
}

func encodeYAML(n *yaml.Node) []byte {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		panic(err) // a tree built here always encodes
	}
	enc.Close()
	return b.Bytes()
}

// printable keeps a legacy name on one line of a YAML comment: control
// characters (YAML refuses them even in comments) and line breaks become ?.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == 0x2028 || r == 0x2029 || r == 0xfeff {
			return '?'
		}
		return r
	}, s)
}

// failureMail is the body of the mail> every migrated workflow sends on
// failure, in place of the mail cron sent with the job's output.
const failureMail = "digdag/sparkport_failure_mail.txt"

// onFailure gives a workflow made from legacy jobs their failure alerts:
// cron's MAILTO and the notifier commands scripts ran on failure become
// its _error: task (a mail> to the same recipients, the notifier run by
// sh>, or the configured command).
func (e *emitter) onFailure(p *unitPlan, root *yaml.Node, runs []*plan.Run) {
	seen := map[string]bool{}
	var mails, locals, commands []string
	var at string
	for _, r := range runs {
		for _, m := range r.Members {
			for _, a := range m.Alerts {
				if seen[a.Kind+a.To] {
					continue
				}
				seen[a.Kind+a.To] = true
				if at == "" {
					at = loc(a.At)
				}
				switch {
				case a.Kind == "command":
					commands = append(commands, a.To)
				case strings.Contains(a.To, "@"):
					mails = append(mails, a.To)
				default:
					locals = append(locals, a.To)
				}
			}
		}
	}
	sort.Strings(mails)
	sort.Strings(locals)
	sort.Strings(commands)
	if len(mails)+len(locals)+len(commands) == 0 {
		return
	}
	cfg := e.cfg.OnFailure
	var tasks [][2]any // name, task
	switch {
	case cfg.Command != "":
		t := mapping()
		add(t, "sh>", scalar(strings.ReplaceAll(cfg.Command, "${to}", strings.Join(append(append(mails, locals...), commands...), ","))))
		tasks = append(tasks, [2]any{"+notify", t})
	default:
		if cfg.Mail && len(mails) > 0 {
			t := mapping()
			add(t, "mail>", scalar(path.Base(failureMail)))
			add(t, "subject", scalar("[sparkport] "+p.u.Name+" failed (${session_time})"))
			to := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, m := range mails {
				to.Content = append(to.Content, scalar(m))
			}
			add(t, "to", to)
			tasks = append(tasks, [2]any{"+mail", t})
			e.failureMailOnce.Do(func() {
				e.put(failureMail, []byte("Workflow ${workflow_name} (session ${session_time}, attempt ${attempt_id}) failed.\n"+
					"It replaces legacy jobs whose failures cron mailed to this address; see report/review.md of the sparkport migration.\n"))
				e.review(&ReviewItem{Severity: "warning", Rule: "failure-mail",
					Message: "cron's MAILTO became the workflows' _error: mail> (" + failureMail + "): set the Digdag server's mail.host, mail.port, mail.from and mail.username (mail.password as a secret), or give on_failure.command in the config"})
			})
		}
		for i, c := range commands {
			t := mapping()
			add(t, "sh>", scalar(c))
			tasks = append(tasks, [2]any{fmt.Sprintf("+notify_%d", i+1), t})
		}
		if len(commands) > 0 && !p.notifierSaid {
			// One item per canonical job, however many runs it has.
			p.notifierSaid = true
			e.review(&ReviewItem{Severity: "warning", Job: p.u.Name, At: at, Rule: "failure-notifier",
				Message: "the legacy job ran `" + commands[0] + "` when it failed; the workflow's _error: runs it with sh> (each run its own): deploy the notifier with the Digdag project, or set on_failure.command"})
		}
		switch {
		case len(locals) > 0 && cfg.Mail:
			e.review(&ReviewItem{Severity: "warning", Job: p.u.Name, At: at, Rule: "failure-alert",
				Message: "cron mailed the job's output (its errors) to the local user " + strings.Join(locals, ", ") + " on the legacy host, whom the workflow cannot reach: set MAILTO to an address, or give on_failure.command"})
		case !cfg.Mail && len(mails)+len(locals) > 0:
			e.review(&ReviewItem{Severity: "warning", Job: p.u.Name, At: at, Rule: "failure-alert",
				Message: "the legacy job's failures were mailed to " + strings.Join(append(mails, locals...), ", ") + "; the migrated workflow does not mail them (on_failure.mail is false and no on_failure.command is set)"})
		}
	}
	switch len(tasks) {
	case 0:
	case 1:
		add(root, "_error", tasks[0][1].(*yaml.Node))
	default:
		group := mapping()
		for _, t := range tasks {
			add(group, t[0].(string), t[1].(*yaml.Node))
		}
		add(root, "_error", group)
	}
}

// runSource is where a run's own copy of a step is written: each run of a
// merged job has its legacy file.
func runSource(sp *stepPlan, r *plan.Run) *ir.Loc {
	if i := sp.index - 1; r != nil && r.Leader != nil && i >= 0 && i < len(r.Leader.Steps) && r.Leader.Steps[i].Kind == sp.t.Step.Kind {
		return r.Leader.Steps[i].Source
	}
	return sp.t.Step.Source
}

// RunTaskName is the name of the group task that holds one run's steps in a
// workflow scheduling several runs ("+" and the run's name as a slug), for
// readers of the output such as verify --digdag.
func RunTaskName(run string) string { return "+" + taskName(run) }
