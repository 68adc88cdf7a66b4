package emit

import (
	"fmt"
	"html"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/sparkport/sparkport/internal/draw"
	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/parser/shell"
	"github.com/sparkport/sparkport/plan"
)

// reviewHunk is one hunk of a legacy-to-emitted diff with the rules that
// reported something on its legacy lines.
type reviewHunk struct {
	header string
	lines  []udiff.Line
	rules  []string
}

// stepReview is one step as the review report shows it.
type stepReview struct {
	sp     *stepPlan
	legacy string // the legacy text, credentials redacted
	hunks  []reviewHunk
}

// redactSQL blanks the values of credential properties in legacy SQL.
func redactSQL(src string) string {
	secs := hiveql.Secrets([]byte(src), 0, len(src))
	for i := len(secs) - 1; i >= 0; i-- {
		s := secs[i]
		src = src[:s.From] + shell.Redacted + src[s.To:]
	}
	return src
}

func (e *emitter) stepReviews(p *unitPlan) []*stepReview {
	var out []*stepReview
	for _, sp := range p.steps {
		st := sp.t.Step
		r := &stepReview{sp: sp}
		r.legacy = legacyText(st)
		if sp.body != "" {
			edits := udiff.Strings(r.legacy, sp.body)
			ud, err := udiff.ToUnifiedDiff("legacy", "emitted", r.legacy, edits, 2)
			if err == nil {
				for _, h := range ud.Hunks {
					last := h.FromLine - 1
					for _, l := range h.Lines {
						if l.Kind != udiff.Insert {
							last++
						}
					}
					rh := reviewHunk{header: fmt.Sprintf("@@ legacy lines %d–%d @@", h.FromLine, last), lines: h.Lines}
					seen := map[string]bool{}
					for _, d := range sp.diags {
						if d.Line >= h.FromLine && d.Line <= last && !seen[d.Rule] {
							seen[d.Rule] = true
							rh.rules = append(rh.rules, fmt.Sprintf("%s (line %d): %s", d.Rule, d.Line, d.Message))
						}
					}
					r.hunks = append(r.hunks, rh)
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// emitReview writes report/diff.md and report/diff.html: per canonical
// job, its legacy members and, step by step, the legacy code beside what
// replaces it, each change annotated with the rules that made it; the
// review list and a summary first.
func (e *emitter) emitReview(m *Manifest) {
	var md, h strings.Builder
	s := m.Summary
	md.WriteString("# Migration review\n\n")
	fmt.Fprintf(&md, "| legacy jobs | canonical jobs | merged | possibly dead (migrated) | left out as dead | empty | automatic | with warnings | manual | review items |\n|---|---|---|---|---|---|---|---|---|---|\n| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n\n",
		s.LegacyJobs, s.Canonical, s.Merged, s.Possibly, s.Dead, s.Empty, s.Auto, s.Warnings, s.Manual, s.Review)
	h.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>sparkport migration review</title><style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1200px}section{content-visibility:auto;contain-intrinsic-size:auto 800px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
pre{background:#f6f8fa;padding:6px;overflow-x:auto}.sbs{width:100%;table-layout:fixed;margin:0.5em 0}.sbs td{vertical-align:top;padding:0}.sbs pre{margin:0;padding:0 4px;background:none;white-space:pre-wrap}.sbs .empty{background:#fafafa}.add{background:#e6ffec}.del{background:#ffebe9}.hunk{color:#555}.rule{color:#8250df}.error{color:#cf222e}.warning{color:#9a6700}
` + draw.Style + `</style></head><body><h1>Migration review</h1>` + "\n")
	fmt.Fprintf(&h, "<table><tr><th>legacy jobs</th><th>canonical jobs</th><th>merged</th><th>possibly dead (migrated)</th><th>left out as dead</th><th>empty</th><th>automatic</th><th>with warnings</th><th>manual</th><th>review items</th></tr><tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr></table>\n",
		s.LegacyJobs, s.Canonical, s.Merged, s.Possibly, s.Dead, s.Empty, s.Auto, s.Warnings, s.Manual, s.Review)
	// The merge is the inventory's: say how the counts meet.
	fmt.Fprintf(&md, "%s\n\n", reconciliation(s))
	fmt.Fprintf(&h, "<p>%s</p>\n", html.EscapeString(reconciliation(s)))
	h.WriteString(summaryDrawing(s))
	// Hazards and manual items first.
	md.WriteString("## Needs a person\n\n")
	h.WriteString(`<h2 id="review">Needs a person</h2>` + "\n<table><tr><th>severity</th><th>job</th><th>where</th><th>rule</th><th>what</th></tr>\n")
	for _, it := range e.items {
		fmt.Fprintf(&md, "- **%s** %s `%s` [%s] %s\n", it.Severity, it.Job, it.At, it.Rule, it.Message)
		fmt.Fprintf(&h, "<tr><td class=%q>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", it.Severity, it.Severity, e.jobLink(it.Job), esc(it.At), esc(it.Rule), esc(it.Message))
	}
	if len(e.items) == 0 {
		md.WriteString("Nothing.\n")
	}
	h.WriteString("</table>\n")
	md.WriteString("\n## Jobs\n\n")
	h.WriteString(`<h2 id="jobs">Jobs</h2><ul>` + "\n")
	for _, p := range e.plans {
		fmt.Fprintf(&md, "- [%s](#job-%s) — %s, %d legacy jobs\n", p.u.Name, p.u.Name, p.verdict, len(p.u.Members))
		fmt.Fprintf(&h, "<li><a href=\"#job-%s\">%s</a> — %s, %d legacy jobs</li>\n", p.u.Name, p.u.Name, p.verdict, len(p.u.Members))
	}
	h.WriteString("</ul>\n")
	mds := make([]string, len(e.plans))
	hs := make([]string, len(e.plans))
	parallel(len(e.plans), e.workers(), func(i int) { mds[i], hs[i] = e.unitSection(e.plans[i]) })
	for i := range e.plans {
		md.WriteString(mds[i])
		h.WriteString(hs[i])
	}
	h.WriteString(`<p><a href="#review">back to the review list</a></p></body></html>` + "\n")
	e.put("report/diff.md", []byte(md.String()))
	e.put("report/diff.html", []byte(h.String()))
}

func esc(s string) string { return html.EscapeString(s) }

func (e *emitter) jobLink(job string) string {
	if e.byName == nil {
		e.byName = map[string]bool{}
		for _, u := range e.units {
			e.byName[u.Name] = true
		}
	}
	if !e.byName[job] {
		return esc(job)
	}
	return fmt.Sprintf("<a href=\"#job-%s\">%s</a>", esc(job), esc(job))
}

// sideBySide writes a hunk as a two-column table, legacy on the left and
// emitted on the right: a run of removed lines is paired with the run of
// added lines that replaces it.
func sideBySide(h *strings.Builder, hk reviewHunk) {
	h.WriteString("<table class=\"sbs\"><tr><th>legacy</th><th>emitted</th></tr>\n")
	fmt.Fprintf(h, "<tr><td colspan=\"2\" class=\"hunk\">%s</td></tr>\n", esc(hk.header))
	for _, rule := range hk.rules {
		fmt.Fprintf(h, "<tr><td colspan=\"2\" class=\"rule\">%s</td></tr>\n", esc(rule))
	}
	cell := func(class, text string) string {
		if class == "" {
			return "<td><pre>" + esc(text) + "</pre></td>"
		}
		return "<td class=\"" + class + "\"><pre>" + esc(text) + "</pre></td>"
	}
	lines := hk.lines
	for i := 0; i < len(lines); {
		if lines[i].Kind == udiff.Equal {
			t := strings.TrimRight(lines[i].Content, "\n")
			h.WriteString("<tr>" + cell("", t) + cell("", t) + "</tr>\n")
			i++
			continue
		}
		var dels, ins []string
		for i < len(lines) && lines[i].Kind == udiff.Delete {
			dels = append(dels, strings.TrimRight(lines[i].Content, "\n"))
			i++
		}
		for i < len(lines) && lines[i].Kind == udiff.Insert {
			ins = append(ins, strings.TrimRight(lines[i].Content, "\n"))
			i++
		}
		for k := 0; k < len(dels) || k < len(ins); k++ {
			left, right := cell("empty", ""), cell("empty", "")
			if k < len(dels) {
				left = cell("del", dels[k])
			}
			if k < len(ins) {
				right = cell("add", ins[k])
			}
			h.WriteString("<tr>" + left + right + "</tr>\n")
		}
	}
	h.WriteString("</table>\n")
}

// memberDiffs shows how the legacy copies of a canonical job differ: each
// run's copy against the job's leader (the values its variables take), and
// each copy against its own run's copy (what the merge ignored: layout,
// encoding, alias names). Copies with the same code as their run's are
// named together in one line, so that a job with hundreds of copies stays
// a short section.
func (e *emitter) memberDiffs(md, h *strings.Builder, u *plan.Job) {
	lead := u.Leader
	shown := 0
	var unshown []string // copies whose diff only the Markdown report shows
	show := func(m, base *ir.Job) (same bool) {
		if len(m.Steps) != len(base.Steps) {
			return false
		}
		var diffs []string
		for k, st := range m.Steps {
			bs := base.Steps[k]
			a, b := legacyText(bs), legacyText(st)
			if a == b {
				continue
			}
			diffs = append(diffs, udiff.Unified(base.ID+" step "+fmt.Sprint(k+1), m.ID+" step "+fmt.Sprint(k+1), a, b))
		}
		if len(diffs) == 0 {
			return true
		}
		fmt.Fprintf(md, "\n`%s` differs from `%s` only in what the merge ignores or makes a variable:\n\n%s", m.ID, base.ID, fenced("diff", strings.Join(diffs, "")))
		if shown++; shown > maxHTMLDiffs {
			unshown = append(unshown, m.ID)
			return false
		}
		fmt.Fprintf(h, "<details><summary><code>%s</code> differs from <code>%s</code> only in what the merge ignores or makes a variable</summary><pre>", esc(m.ID), esc(base.ID))
		for _, d := range diffs {
			for _, line := range strings.SplitAfter(d, "\n") {
				switch {
				case strings.HasPrefix(line, "+") && !strings.HasPrefix(line, "+++"):
					fmt.Fprintf(h, "<span class=\"add\">%s</span>", esc(line))
				case strings.HasPrefix(line, "-") && !strings.HasPrefix(line, "---"):
					fmt.Fprintf(h, "<span class=\"del\">%s</span>", esc(line))
				default:
					h.WriteString(esc(line))
				}
			}
		}
		h.WriteString("</pre></details>\n")
		return false
	}
	for _, r := range u.Runs {
		base := r.Leader
		if base != lead && len(base.Steps) == len(lead.Steps) {
			if show(base, lead) {
				fmt.Fprintf(md, "\n`%s`: the same legacy code as `%s`.\n", base.ID, lead.ID)
				fmt.Fprintf(h, "<p><code>%s</code>: the same legacy code as <code>%s</code>.</p>\n", esc(base.ID), esc(lead.ID))
			}
		}
		var same []string
		for _, m := range r.Members {
			if m == base || m == lead {
				continue
			}
			if show(m, base) {
				same = append(same, m.ID)
			}
		}
		switch {
		case len(same) == 1:
			fmt.Fprintf(md, "\n`%s`: the same legacy code as `%s`.\n", same[0], base.ID)
			fmt.Fprintf(h, "<p><code>%s</code>: the same legacy code as <code>%s</code>.</p>\n", esc(same[0]), esc(base.ID))
		case len(same) > 1:
			fmt.Fprintf(md, "\n%d copies have the same legacy code as `%s`: `%s`.\n", len(same), base.ID, strings.Join(same, "`, `"))
			fmt.Fprintf(h, "<p>%d copies have the same legacy code as <code>%s</code>: <code>%s</code>.</p>\n", len(same), esc(base.ID), strings.Join(escAll(same), "</code>, <code>"))
		}
	}
	if len(unshown) > 0 {
		fmt.Fprintf(h, "<p>%d more copies differ from their run's copy only in what the merge ignores; their diffs are in <a href=\"diff.md\">diff.md</a>: <code>%s</code>.</p>\n",
			len(unshown), strings.Join(escAll(unshown), "</code>, <code>"))
	}
}

// maxHTMLDiffs bounds the copies' diffs diff.html shows per canonical job,
// so that the page stays light on an estate of many copies; diff.md has
// them all.
const maxHTMLDiffs = 8

func escAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = esc(s)
	}
	return out
}

// legacyText is what a legacy step runs, for people: its SQL with
// credentials redacted, or its command line (redacted by the front end).
func legacyText(st *ir.Step) string {
	if st.RunsSQL() && st.SQL != "" {
		return strings.ReplaceAll(redact.Text(redactSQL(st.SQL)), "\r\n", "\n")
	}
	return redact.Text(strings.Join(st.Args, " ")) + "\n"
}

// unitSection is one canonical job's part of the review report, as
// Markdown and HTML; sections are built in parallel.
func (e *emitter) unitSection(p *unitPlan) (string, string) {
	var md, h strings.Builder
	u := p.u
	fmt.Fprintf(&md, "\n<a id=\"job-%s\"></a>\n## %s\n\n%s; replaces:\n\n", u.Name, u.Name, p.verdict)
	fmt.Fprintf(&h, "<section id=\"job-%s\"><h2>%s</h2><p>%s; replaces:</p><ul>\n", u.Name, esc(u.Name), esc(p.verdict))
	for _, r := range u.Runs {
		for _, mem := range r.Members {
			run := ""
			if r.Name != "" {
				run = " [" + r.Name + "]"
			}
			fmt.Fprintf(&md, "- `%s` on %s (%s)%s\n", mem.ID, mem.Host, triggerText(mem.Trigger), run)
			fmt.Fprintf(&h, "<li><code>%s</code> on %s (%s)%s</li>\n", esc(mem.ID), esc(mem.Host), esc(triggerText(mem.Trigger)), esc(run))
		}
	}
	h.WriteString("</ul>\n")
	h.WriteString(mergeDrawing(u))
	e.memberDiffs(&md, &h, u)
	for _, r := range e.stepReviews(p) {
		sp := r.sp
		fmt.Fprintf(&md, "\n### Step %d: %s (%s) → %s\n\n", sp.index, sp.t.Step.Kind, loc(sp.t.Step.Source), sp.form)
		fmt.Fprintf(&h, "<h3>Step %d: %s (%s) → %s</h3>\n", sp.index, esc(sp.t.Step.Kind), esc(loc(sp.t.Step.Source)), esc(sp.form))
		if sp.manual != "" {
			fmt.Fprintf(&md, "Needs a person: %s\n", sp.manual)
			fmt.Fprintf(&h, "<p class=\"error\">Needs a person: %s</p>\n", esc(sp.manual))
		}
		if len(r.hunks) > 0 {
			var body strings.Builder
			for _, hk := range r.hunks {
				body.WriteString(hk.header + "\n")
				for _, rule := range hk.rules {
					body.WriteString("# " + rule + "\n")
				}
				for _, l := range hk.lines {
					prefix := " "
					switch l.Kind {
					case udiff.Delete:
						prefix = "-"
					case udiff.Insert:
						prefix = "+"
					}
					body.WriteString(prefix + strings.TrimRight(l.Content, "\n") + "\n")
				}
			}
			md.WriteString(fenced("diff", body.String()))
			for _, hk := range r.hunks {
				sideBySide(&h, hk)
			}
		}
		if len(sp.emr) > 0 && len(u.Runs) > 0 {
			steps := e.runSteps(&unitPlan{u: u, steps: []*stepPlan{sp}}, u.Runs[0])
			js := string(stepsJSON(steps))
			md.WriteString("\nEMR steps (first run):\n\n" + fenced("json", js))
			h.WriteString("<p>EMR steps (first run):</p><pre>" + esc(js) + "</pre>\n")
		}
	}
	h.WriteString("</section>\n")
	return md.String(), h.String()
}

// fenced puts text in a Markdown code block whose fence is longer than any
// run of backticks in it, so that legacy text cannot close it.
func fenced(lang, text string) string {
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return fence + lang + "\n" + text + fence + "\n"
}

// reconciliation says how the canonical jobs meet the inventory's count
// of jobs after merging.
func reconciliation(s *ManifestSummary) string {
	line := fmt.Sprintf("%d canonical jobs and %d empty jobs: the inventory's %d jobs after merging", s.Canonical, s.Empty, s.AfterMerge)
	if s.Dead > 0 {
		// Dead jobs left out count in the inventory's figure, merged
		// with their copies: the two no longer add up job for job.
		line = fmt.Sprintf("%d canonical jobs and %d empty jobs; the inventory counts %d jobs after merging, the %d dead jobs left out (drop_dead) among them", s.Canonical, s.Empty, s.AfterMerge, s.Dead)
	}
	if s.Split > 0 {
		jobs := "jobs"
		if s.Split == 1 {
			jobs = "job"
		}
		line += fmt.Sprintf(", and %d more canonical %s where a merge was refused (merge-refused items below)", s.Split, jobs)
	}
	return line + "."
}
