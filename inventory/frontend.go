package inventory

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/cron"
	"github.com/sparkport/sparkport/parser/digdag"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/parser/shell"
)

// parsed holds what a front end read from one file, for the lowering.
type parsed struct {
	sql      *hiveql.File
	cron     *cron.File
	workflow *digdag.Workflow
	// script is the shell front end's reading, kept for the lowering
	// when it sources nothing (then no option changes it).
	script *shell.Script
}

// parse runs the file's front end: its status, diagnostics and secrets.
// Every front end returns what it could read; none panics on any input,
// and a panic here would still be contained by the caller.
func (s *scanned) parse() *parsed {
	f := s.file
	if f.Status == ir.StatusIgnored || s.text == nil {
		return nil
	}
	p := &parsed{}
	switch f.Kind {
	case ir.KindHiveQL:
		p.sql = parseSQL(f, s.text)
	case ir.KindShell:
		sc := shell.Parse(f.Path, s.text)
		if !sc.Sources {
			p.script = sc
		}
		for _, d := range sc.Diags {
			f.Diagnostics = append(f.Diagnostics, &ir.Diagnostic{Line: d.Line, Col: d.Col, Severity: d.Severity, Message: d.Msg})
		}
		for _, sec := range sc.Secrets {
			f.Secrets = append(f.Secrets, &ir.Secret{Line: sec.Line, Col: sec.Col, What: sec.What, Fingerprint: sec.Fingerprint})
		}
		f.Status = ir.StatusParsed
		if hasError(f) {
			f.Status = ir.StatusError // the shell parser stops at its first error
		}
	case ir.KindDigdag:
		w := digdag.Parse(f.Path, s.text)
		p.workflow = w
		for _, d := range w.Diags {
			f.Diagnostics = append(f.Diagnostics, &ir.Diagnostic{Line: d.Line, Col: d.Col, Severity: d.Severity, Message: d.Msg})
		}
		digdagSecrets(f, w)
		shCommands(f, w)
		f.Status = ir.StatusParsed
		if hasError(f) {
			f.Status = ir.StatusPartial
			if len(w.Root.Children) == 0 {
				f.Status = ir.StatusError
			}
		}
	case ir.KindCrontab:
		form := cron.SystemForm
		if s.form == cronUser || s.form == cronUninstalled && !systemLike(s.text) {
			form = cron.UserForm
		}
		cf := cron.Parse(s.text, form)
		p.cron = cf
		for _, e := range cf.Errors {
			f.Diagnostics = append(f.Diagnostics, &ir.Diagnostic{Line: e.Line, Col: e.Col, Severity: "error", Message: e.Msg})
		}
		for _, e := range cf.Entries {
			// Credentials on a crontab's command line are found by the
			// shell front end, at their place in the crontab.
			sc := shell.Parse(f.Path, []byte(e.Command))
			for _, sec := range sc.Secrets {
				col := sec.Col
				if sec.Line == 1 {
					col += e.CommandCol - 1
				}
				f.Secrets = append(f.Secrets, &ir.Secret{Line: e.Line + sec.Line - 1, Col: col, What: sec.What, Fingerprint: sec.Fingerprint})
			}
		}
		f.Status = ir.StatusParsed
		switch {
		case len(cf.Errors) > 0 && len(cf.Entries) == 0:
			f.Status = ir.StatusError
		case len(cf.Errors) > 0:
			f.Status = ir.StatusPartial
		}
		if s.form == cronUninstalled {
			f.Reason = "named like a crontab but not where cron reads it: its entries are not scheduled"
		}
	}
	lexicalSecrets(f, s.text)
	if f.Kind == ir.KindShell || f.Kind == ir.KindCrontab {
		charColumns(f, s.text)
	}
	return p
}

// charColumns turns the byte columns the shell and cron front ends give
// into character columns, as hiveql.LineIndex gives and editors show.
func charColumns(f *ir.File, text []byte) {
	var starts []int
	starts = append(starts, 0)
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	conv := func(line, col int) int {
		if line < 1 || line > len(starts) || col < 1 {
			return col
		}
		end := starts[line-1] + col - 1
		if end > len(text) {
			return col
		}
		return utf8.RuneCount(text[starts[line-1]:end]) + 1
	}
	for _, d := range f.Diagnostics {
		d.Col = conv(d.Line, d.Col)
	}
	for _, sec := range f.Secrets {
		if sec.What != "credential in the text" {
			sec.Col = conv(sec.Line, sec.Col)
		}
	}
}

// lexicalSecrets reports the credentials the front ends did not: those in
// statements that do not parse, comments, strings run by hive -e, and the
// other places internal/redact finds in the text alone. One per line.
func lexicalSecrets(f *ir.File, text []byte) {
	spans := redact.Find(string(text))
	if len(spans) == 0 {
		return
	}
	seen := map[int]bool{}
	for _, sec := range f.Secrets {
		seen[sec.Line] = true
	}
	li := hiveql.NewLineIndex(text)
	for _, sp := range spans {
		line, col := li.Position(hiveql.Pos(sp.From))
		if seen[line] {
			continue
		}
		seen[line] = true
		f.Secrets = append(f.Secrets, &ir.Secret{Line: line, Col: col, What: "credential in the text"})
	}
	sort.SliceStable(f.Secrets, func(i, j int) bool { return f.Secrets[i].Line < f.Secrets[j].Line })
}

func hasError(f *ir.File) bool {
	for _, d := range f.Diagnostics {
		if d.Severity == "error" {
			return true
		}
	}
	return false
}

// systemLike guesses the form of a crontab copy found outside cron's
// folders: a sixth field that is a user name before a command path.
func systemLike(text []byte) bool {
	for _, line := range strings.Split(string(text), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 7 || strings.HasPrefix(fields[0], "#") || strings.Contains(fields[0], "=") {
			continue
		}
		return !strings.ContainsAny(fields[5], "/.$") && (strings.HasPrefix(fields[6], "/") || strings.Contains(fields[6], "/"))
	}
	return false
}

// parseSQL parses a HiveQL file and records its status and secrets.
func parseSQL(f *ir.File, text []byte) *hiveql.File {
	tree, errs := hiveql.Parse(text, hiveql.Hive)
	li := hiveql.NewLineIndex(text)
	for _, e := range errs {
		line, col := li.Position(e.Pos)
		f.Diagnostics = append(f.Diagnostics, &ir.Diagnostic{Line: line, Col: col, Severity: "error", Message: e.Msg})
	}
	bad := 0
	for _, st := range tree.Statements {
		if _, ok := st.Stmt.(*hiveql.BadStmt); ok {
			bad++
		}
		if c, ok := st.Stmt.(*hiveql.CLIStmt); ok && c.Command == "SET" {
			if key, value, ok := c.KeyValue(); ok && value != "" && hiveql.SecretKey(key) {
				line, col := li.Position(st.Pos())
				f.Secrets = append(f.Secrets, &ir.Secret{Line: line, Col: col, What: "SET " + key})
			}
			continue
		}
		for _, sec := range hiveql.Secrets(text, int(st.Pos()), int(st.End)) {
			line, col := li.Position(sec.From)
			f.Secrets = append(f.Secrets, &ir.Secret{Line: line, Col: col, What: "property " + sec.Name})
		}
	}
	switch {
	case len(tree.Statements) > 0 && bad == len(tree.Statements):
		f.Status = ir.StatusError
	case len(errs) > 0:
		f.Status = ir.StatusPartial
	default:
		f.Status = ir.StatusParsed
	}
	return tree
}

// digdagSecrets finds credentials written into a workflow's parameters
// (_export: password: …); ${secret:…} references are how Digdag wants it.
// shCommands reports the sh> commands bash cannot read, once Digdag's
// ${…} expressions are set aside (HideDigdagExprs): the lowering keeps
// such a task as a step for a person, and this says why.
func shCommands(f *ir.File, w *digdag.Workflow) {
	digdag.Walk(w.Root, func(t *digdag.Task) {
		if t.Kind != "sh" || t.Command == nil {
			return
		}
		text, env := HideDigdagExprs(t.Command.Value)
		for _, d := range shell.ParseWith(f.Path, []byte(text), shell.Options{Env: env}).Diags {
			if d.Severity == "error" {
				f.Diagnostics = append(f.Diagnostics, &ir.Diagnostic{Line: t.Command.Line + d.Line - 1, Col: t.Command.Col, Severity: "error",
					Message: "the sh> command does not read as a shell command: " + d.Msg})
			}
		}
	})
}

func digdagSecrets(f *ir.File, w *digdag.Workflow) {
	check := func(ps []*digdag.Param) {
		for _, p := range ps {
			if p.IsScalar && p.Value != "" && !strings.Contains(p.Value, "${") && hiveql.SecretKey(p.Key) {
				f.Secrets = append(f.Secrets, &ir.Secret{Line: p.Line, Col: p.Col, What: "parameter " + p.Key})
			}
		}
	}
	// The root task holds the workflow's own _export and parameters
	// (w.Export is the same list), so walking the tasks sees each once.
	digdag.Walk(w.Root, func(t *digdag.Task) {
		check(t.Params)
		check(t.Export)
	})
}
