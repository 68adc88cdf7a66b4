package digdag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sparkport/sparkport/internal/yamlpos"
	"github.com/sparkport/sparkport/parser/cron"
)

// Workflow is one .dig file.
type Workflow struct {
	Timezone string
	Schedule *Schedule
	Export   []*Param // top-level _export
	Params   []*Param // other top-level keys (e.g. _error handled in Root)
	Root     *Task    // the workflow's task group; its children are the +tasks
	Diags    []Diag
}

// Diag is a warning or error at line:col (1-based) of the file.
type Diag struct {
	Line, Col int
	Severity  string // "error" or "warning"
	Msg       string
}

func (d Diag) String() string {
	return fmt.Sprintf("%d:%d: %s: %s", d.Line, d.Col, d.Severity, d.Msg)
}

// Param is one key: value, with the value as text (scalars) or as its YAML
// (mappings and sequences), and the ${...} references it makes.
type Param struct {
	Line, Col int
	Key       string
	Value     string
	IsScalar  bool
	Refs      []string // names used in ${...}, sorted, without duplicates
}

// Task is a +task, the workflow's root group, or a directive's task
// (_error, _check, _do).
type Task struct {
	Name       string // "+load" (with the +), "_error", or the file's name for the root
	Line, Col  int
	Kind       string // "group", "include", or the operator name without ">" (sh, call, td, …)
	Command    *Param // the operator's value (the "sh>:" line); nil for groups
	Params     []*Param
	Export     []*Param
	Children   []*Task // +subtasks, in file order
	Parallel   string  // value of _parallel, "" when absent
	Background bool
	Retry      string
	Error      *Task
	Check      *Task
	Do         *Task
	Include    string // for Kind "include": the included file
	Known      bool   // the operator is one Digdag ships
}

// Schedule is a workflow's schedule: block.
type Schedule struct {
	Line, Col int
	Kind      string // daily, hourly, weekly, monthly, minutes_interval, cron
	Spec      string // the value as written
	Cron      string // normalised five-field cron, "" when it cannot be said in cron
	Options   []*Param
}

// knownOperators are the operators Digdag ships (digdag-standards and the
// TD, AWS and GCP plugins in the distribution).
var knownOperators = map[string]bool{
	"sh": true, "call": true, "require": true, "loop": true, "for_each": true, "for_range": true,
	"if": true, "embulk": true, "py": true, "rb": true, "td": true, "td_run": true, "td_load": true,
	"td_ddl": true, "td_table_export": true, "td_wait": true, "td_wait_table": true, "td_for_each": true,
	"td_partial_delete": true, "td_result_export": true, "pg": true, "redshift": true,
	"redshift_load": true, "redshift_unload": true, "emr": true, "s3_wait": true, "http": true,
	"http_call": true, "mail": true, "echo": true, "fail": true, "wait": true, "bq": true, "bq_load": true,
	"bq_extract": true, "bq_ddl": true, "gcs_wait": true, "param_get": true, "param_set": true,
	"store": true, "notify": true,
}

// Parse reads one .dig file. It never fails: problems are in Diags, and
// what could be read is returned.
func Parse(name string, src []byte) *Workflow {
	w := &Workflow{Root: &Task{Name: name, Line: 1, Col: 1, Kind: "group"}}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlpos.Error(err, src)
		w.Diags = append(w.Diags, Diag{Line: line, Col: 1, Severity: "error", Msg: "yaml: " + msg})
		return w
	}
	if len(doc.Content) == 0 {
		w.Diags = append(w.Diags, Diag{Line: 1, Col: 1, Severity: "warning", Msg: "empty workflow"})
		return w
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		w.warn(top, "error", "a workflow must be a mapping, found %s", kindName(top))
		return w
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch k.Value {
		case "timezone":
			w.Timezone = v.Value
			continue
		case "schedule":
			w.Schedule = w.schedule(k, v)
			continue
		case "_export", "sla", "_error", "_check", "_retry", "_parallel":
			continue
		}
		// Digdag's WorkflowFile takes nothing else at the top level: a
		// workflow with another key never loaded, so it never ran.
		if k.Tag != "!include" && !strings.HasPrefix(k.Value, "+") {
			w.warn(k, "error", "Digdag refuses a top-level %q: a workflow's top level takes timezone, schedule, sla, _export, _error, _check, _retry, _parallel and +tasks", k.Value)
		}
	}
	w.fillTask(w.Root, top, true)
	w.Export = w.Root.Export
	w.checkGroups(top, true)
	return w
}

// checkGroups applies the rules Digdag's WorkflowCompiler checks on task
// groups: a group (a task of +tasks and no operator) takes only _options;
// _after needs a _parallel: true parent; _background: true under one is
// refused.
func (w *Workflow) checkGroups(m *yaml.Node, top bool) {
	parallel, group, children := false, true, false
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Value == "_parallel" && v.Kind == yaml.ScalarNode && (v.Value == "true" || v.Value == "True") {
			parallel = true
		}
		if strings.HasSuffix(k.Value, ">") || k.Value == "_type" {
			group = false
		}
		if strings.HasPrefix(k.Value, "+") {
			children = true
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case strings.HasPrefix(k.Value, "+") && v.Kind == yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				ck, cv := v.Content[j], v.Content[j+1]
				switch {
				case ck.Value == "_after" && !parallel:
					w.warn(ck, "error", "Digdag refuses _after in %s: its parent task has no _parallel: true", k.Value)
				case ck.Value == "_background" && cv.Value == "true" && parallel:
					w.warn(ck, "error", "Digdag refuses _background: true in %s: its parent task has _parallel: true", k.Value)
				}
			}
			w.checkGroups(v, false)
		case !top && group && children && !strings.HasPrefix(k.Value, "_") && !strings.HasPrefix(k.Value, "+") && k.Tag != "!include":
			w.warn(k, "error", "Digdag refuses %q in a task group (a task of +tasks and no operator takes only _options and +tasks; did you mean _%s?)", k.Value, k.Value)
		}
	}
}

func (w *Workflow) warn(n *yaml.Node, sev, format string, args ...any) {
	w.Diags = append(w.Diags, Diag{Line: n.Line, Col: n.Column, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

// fillTask reads the keys of mapping m into t.
func (w *Workflow) fillTask(t *Task, m *yaml.Node, top bool) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := k.Value
		switch {
		case k.Tag == "!include":
			file := strings.TrimSpace(v.Value)
			t.Children = append(t.Children, &Task{Name: "!include", Line: k.Line, Col: k.Column, Kind: "include", Include: file})
		case strings.HasPrefix(key, "+"):
			child := &Task{Name: key, Line: k.Line, Col: k.Column, Kind: "group"}
			switch v.Kind {
			case yaml.MappingNode:
				w.fillTask(child, v, false)
			case yaml.ScalarNode:
				if v.Tag != "!!null" {
					w.warn(v, "error", "task %s must be a mapping, found %s", key, kindName(v))
				}
			default:
				w.warn(v, "error", "task %s must be a mapping, found %s", key, kindName(v))
			}
			t.Children = append(t.Children, child)
		case strings.HasSuffix(key, ">"):
			op := strings.TrimSuffix(key, ">")
			if t.Command != nil {
				w.warn(k, "error", "task %s has two operators: %s> and %s>", t.Name, t.Kind, op)
				continue
			}
			t.Kind = op
			t.Command = param(k, v)
			t.Known = knownOperators[op]
			if !t.Known {
				w.warn(k, "warning", "unknown operator %s>: kept as a step of kind unknown", op)
			}
			if top {
				w.warn(k, "warning", "operator %s> at the top level of a workflow", op)
			}
		case key == "_export":
			if v.Kind != yaml.MappingNode {
				w.warn(v, "error", "_export must be a mapping, found %s", kindName(v))
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				t.Export = append(t.Export, param(v.Content[j], v.Content[j+1]))
			}
		case key == "_parallel":
			t.Parallel = scalarOrYAML(v)
		case key == "_background":
			t.Background = v.Value == "true"
		case key == "_retry":
			t.Retry = scalarOrYAML(v)
		case key == "_error", key == "_check", key == "_do":
			sub := &Task{Name: key, Line: k.Line, Col: k.Column, Kind: "group"}
			if v.Kind == yaml.MappingNode {
				w.fillTask(sub, v, false)
			} else {
				w.warn(v, "error", "%s must be a mapping, found %s", key, kindName(v))
			}
			switch key {
			case "_error":
				t.Error = sub
			case "_check":
				t.Check = sub
			default:
				t.Do = sub
			}
		case top && (key == "timezone" || key == "schedule"):
			// Read by Parse.
		default:
			t.Params = append(t.Params, param(k, v))
		}
	}
}

func param(k, v *yaml.Node) *Param {
	p := &Param{Line: k.Line, Col: k.Column, Key: k.Value}
	if v.Kind == yaml.ScalarNode {
		p.Value, p.IsScalar = v.Value, true
	} else {
		p.Value = scalarOrYAML(v)
	}
	p.Refs = Refs(p.Value)
	return p
}

func scalarOrYAML(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		return v.Value
	}
	b, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimRight(string(b), "\n")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "an alias"
}

// Refs lists the variable names a value uses in ${...}: the leading name of
// each expression (session_date, moment, my_param), sorted and unique. A
// ${...} holds a JavaScript expression in Digdag; only names that stand at
// the start of a member chain are variables.
func Refs(s string) []string {
	seen := map[string]bool{}
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		s = s[i+2:]
		depth, j := 1, 0
		for ; j < len(s) && depth > 0; j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		expr := s[:max(j-1, 0)]
		s = s[j:]
		for _, name := range exprNames(expr) {
			seen[name] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// exprNames returns identifiers in expr that are not after a '.', and not
// inside a string literal.
func exprNames(expr string) []string {
	var out []string
	var quote byte
	for i := 0; i < len(expr); {
		c := expr[i]
		if quote != 0 {
			if c == '\\' {
				i += 2
				continue
			}
			if c == quote {
				quote = 0
			}
			i++
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
			i++
			continue
		}
		if isIdentStart(c) {
			j := i
			for j < len(expr) && (isIdentStart(expr[j]) || (expr[j] >= '0' && expr[j] <= '9')) {
				j++
			}
			prev := strings.TrimRight(expr[:i], " ")
			if !strings.HasSuffix(prev, ".") {
				switch w := expr[i:j]; w {
				case "true", "false", "null", "undefined", "new", "typeof":
				default:
					out = append(out, w)
				}
			}
			i = j
			continue
		}
		i++
	}
	return out
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

var weekdays = map[string]int{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}

// schedule reads the schedule: block and normalises it to cron where the
// schedule can be said in cron.
func (w *Workflow) schedule(k, v *yaml.Node) *Schedule {
	if v.Kind != yaml.MappingNode {
		w.warn(v, "error", "schedule must be a mapping, found %s", kindName(v))
		return nil
	}
	s := &Schedule{Line: k.Line, Col: k.Column}
	for i := 0; i+1 < len(v.Content); i += 2 {
		sk, sv := v.Content[i], v.Content[i+1]
		if strings.HasSuffix(sk.Value, ">") {
			if s.Kind != "" {
				w.warn(sk, "error", "schedule has two kinds: %s> and %s", s.Kind, sk.Value)
				continue
			}
			s.Kind = strings.TrimSuffix(sk.Value, ">")
			s.Spec = sv.Value
			var err error
			s.Cron, err = scheduleCron(s.Kind, s.Spec)
			if err != nil {
				w.warn(sv, "error", "schedule %s: %v", sk.Value, err)
			}
			continue
		}
		switch sk.Value {
		case "skip_on_overtime", "skip_delayed_by", "start", "end":
		default:
			w.warn(sk, "warning", "unknown schedule option %q", sk.Value)
		}
		s.Options = append(s.Options, param(sk, sv))
	}
	if s.Kind == "" {
		w.warn(k, "error", "schedule without a kind (daily>, hourly>, cron>, …)")
	}
	return s
}

// scheduleCron turns a Digdag schedule into five-field cron.
func scheduleCron(kind, spec string) (string, error) {
	spec = strings.TrimSpace(spec)
	hms := func(t string, parts int) ([]int, error) {
		f := strings.Split(strings.TrimSpace(t), ":")
		if len(f) != parts {
			return nil, fmt.Errorf("want %d time fields in %q", parts, t)
		}
		out := make([]int, len(f))
		for i, x := range f {
			n, err := strconv.Atoi(x)
			if err != nil || n < 0 || n > 59 || (parts == 3 && i == 0 && n > 23) {
				return nil, fmt.Errorf("bad time %q", t)
			}
			out[i] = n
		}
		if out[len(out)-1] != 0 {
			return nil, fmt.Errorf("seconds %d in %q cannot be said in cron", out[len(out)-1], t)
		}
		return out, nil
	}
	switch kind {
	case "daily":
		t, err := hms(spec, 3)
		if err != nil {
			return "", err
		}
		return normalise(fmt.Sprintf("%d %d * * *", t[1], t[0]))
	case "hourly":
		t, err := hms(spec, 2)
		if err != nil {
			return "", err
		}
		return normalise(fmt.Sprintf("%d * * * *", t[0]))
	case "weekly", "monthly":
		day, at, ok := strings.Cut(spec, ",")
		if !ok {
			return "", fmt.Errorf("want DAY,HH:MM:SS, got %q", spec)
		}
		t, err := hms(at, 3)
		if err != nil {
			return "", err
		}
		day = strings.TrimSpace(day)
		if kind == "weekly" {
			d, ok := weekdays[strings.ToLower(day)[:min(3, len(day))]]
			if !ok {
				return "", fmt.Errorf("bad weekday %q", day)
			}
			return normalise(fmt.Sprintf("%d %d * * %d", t[1], t[0], d))
		}
		n, err := strconv.Atoi(day)
		if err != nil || n < 1 || n > 31 {
			return "", fmt.Errorf("bad day of month %q", day)
		}
		return normalise(fmt.Sprintf("%d %d %d * *", t[1], t[0], n))
	case "minutes_interval":
		n, err := strconv.Atoi(spec)
		if err != nil || n <= 0 {
			return "", fmt.Errorf("bad interval %q", spec)
		}
		// Digdag counts intervals from the epoch; that is */n only when n divides 60.
		if 60%n != 0 {
			return "", nil
		}
		return normalise(fmt.Sprintf("*/%d * * * *", n))
	case "seconds_interval":
		// A sub-minute schedule (Digdag ships it for tests): no cron form.
		if n, err := strconv.Atoi(spec); err != nil || n <= 0 {
			return "", fmt.Errorf("bad interval %q", spec)
		}
		return "", nil
	case "cron":
		return normalise(spec)
	}
	return "", fmt.Errorf("unknown schedule kind %s>", kind)
}

func normalise(spec string) (string, error) {
	s, err := cron.ParseSchedule(spec)
	if err != nil {
		return "", err
	}
	return s.String(), nil
}

// Walk calls fn for t and every task below it (children, then _error,
// _check and _do), depth first in file order.
func Walk(t *Task, fn func(*Task)) {
	if t == nil {
		return
	}
	fn(t)
	for _, c := range t.Children {
		Walk(c, fn)
	}
	Walk(t.Error, fn)
	Walk(t.Check, fn)
	Walk(t.Do, fn)
}
