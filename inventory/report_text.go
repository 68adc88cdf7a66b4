package inventory

import (
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/internal/draw"
	"github.com/sparkport/sparkport/ir"
)

// table is a report table, written as Markdown or HTML.
type table struct {
	id    string // the HTML id of its heading; s<index> when empty
	title string
	note  string
	head  []string
	rows  [][]string
	ids   []string // per row, an HTML id or ""
}

// Ids of sections the drawings link to.
const (
	sectionWaves = "waves"
	sectionJobs  = "jobs"
	sectionHosts = "files-by-host"
)

// jobAnchors gives each job the id of its row in the Jobs table.
func (inv *Inventory) jobAnchors() map[string]string {
	out := make(map[string]string, len(inv.Jobs))
	for i, j := range inv.Jobs {
		out[j.ID] = fmt.Sprintf("job-%d", i+1)
	}
	return out
}

// sections are the report's tables, in reading order, shared by the
// Markdown and HTML reports so that they never say different things.
func (inv *Inventory) sections() []*table {
	s := inv.Summary
	var out []*table
	sum := &table{title: "Summary", head: []string{"what", "count"}}
	add := func(k string, v int) { sum.rows = append(sum.rows, []string{k, fmt.Sprint(v)}) }
	add("hosts", s.Hosts)
	add("files", s.Files)
	add("jobs", s.Jobs)
	add("steps", s.Steps)
	add("jobs after merging duplicate groups", s.Replaceable)
	add("duplicate and near groups", len(inv.Groups))
	add("dead jobs", s.Dead)
	add("waves", s.Waves)
	add("dependency cycles", s.Cycles)
	add("secrets found", s.Secrets)
	out = append(out, sum)

	// Counts by host, kind and status.
	byHost := map[string]map[string]int{}
	var hosts []string
	for _, f := range inv.Files {
		if byHost[f.Host] == nil {
			byHost[f.Host] = map[string]int{}
			hosts = append(hosts, f.Host)
		}
		byHost[f.Host][f.Kind]++
		byHost[f.Host]["status:"+f.Status]++
	}
	kinds := []string{ir.KindCrontab, ir.KindShell, ir.KindHiveQL, ir.KindDigdag, ir.KindOther, ir.KindBinary}
	statuses := []string{ir.StatusParsed, ir.StatusPartial, ir.StatusError, ir.StatusIgnored}
	ht := &table{id: sectionHosts, title: "Files by host", head: append(append([]string{"host"}, kinds...), statuses...)}
	jobsBy := map[string]int{}
	for _, j := range inv.Jobs {
		jobsBy[j.Host]++
	}
	ht.head = append(ht.head, "jobs")
	for _, h := range hosts {
		row := []string{orDash(h)}
		for _, k := range kinds {
			row = append(row, fmt.Sprint(byHost[h][k]))
		}
		for _, st := range statuses {
			row = append(row, fmt.Sprint(byHost[h]["status:"+st]))
		}
		row = append(row, fmt.Sprint(jobsBy[h]))
		ht.rows = append(ht.rows, row)
	}
	out = append(out, ht)

	if s.Translation != nil {
		tt := &table{title: "How the SQL steps translate", head: []string{"verdict", "steps"},
			note: "auto: translated with no finding; warnings: translated, with semantic differences to review; manual: some statement needs a person."}
		for _, v := range []string{"auto", "warnings", "manual"} {
			tt.rows = append(tt.rows, []string{v, fmt.Sprint(s.Translation[v])})
		}
		out = append(out, tt)
	}

	pt := &table{title: "Files not fully read", head: []string{"file", "kind", "status", "reason and errors"}}
	for _, f := range inv.Files {
		if f.Status == ir.StatusParsed && f.Reason == "" {
			continue
		}
		// Every error of the file, not only the first: a person fixes them
		// all in one go.
		why := f.Reason
		var errs []string
		for _, d := range f.Diagnostics {
			if d.Severity == "error" {
				errs = append(errs, fmt.Sprintf("%d:%d: %s", d.Line, d.Col, d.Message))
			}
		}
		if len(errs) > 0 {
			if why != "" {
				why += "; "
			}
			why += strings.Join(errs, "; ")
		}
		pt.rows = append(pt.rows, []string{f.Host + ":" + f.Path, f.Kind, f.Status, why})
	}
	out = append(out, pt)

	st := &table{title: "Secrets found", note: "Values are never copied; move each to AWS Secrets Manager or Digdag secrets.", head: []string{"where", "what"}}
	for _, sec := range inv.Secrets {
		st.rows = append(st.rows, []string{fmt.Sprintf("%s:%s:%d: secret found", sec.Host, sec.Path, sec.Line), sec.What})
	}
	out = append(out, st)

	anchors := inv.jobAnchors()
	jt := &table{id: sectionJobs, title: "Jobs", head: []string{"job", "trigger", "steps", "complexity", "translation", "group", "dead"}}
	for _, j := range inv.Jobs {
		cx, verdict := 0, ""
		var kinds []string
		for _, s := range j.Steps {
			cx += s.Complexity
			verdict = worse(verdict, s.Translation)
			kinds = append(kinds, s.Kind)
		}
		trig := j.Trigger.Kind
		if j.Trigger.Spec != "" {
			trig += " " + j.Trigger.Spec
		}
		dead := ""
		if j.Dead {
			dead = "dead"
		}
		jt.rows = append(jt.rows, []string{j.ID, trig, strings.Join(compress(kinds), ", "), fmt.Sprint(cx), verdict, j.Group, dead})
		jt.ids = append(jt.ids, anchors[j.ID])
	}
	out = append(out, jt)

	gt := &table{title: "Duplicate groups", note: "identical ⊆ equivalent ⊆ parametric; a parametric group lists the values that differ per member. Near groups are only reported: never merged.",
		head: []string{"group", "of", "relation", "members", "values per member", "inside"}}
	for _, g := range inv.Groups {
		var vals []string
		for _, m := range g.Members {
			if v, ok := g.Params[m]; ok {
				vals = append(vals, m+": "+strings.Join(v, ", "))
			}
		}
		rel := g.Relation
		if g.Relation == ir.RelNear {
			rel = fmt.Sprintf("near (similarity ≥ %.2f)", g.Similarity)
		}
		gt.rows = append(gt.rows, []string{g.ID, g.Of, rel, strings.Join(g.Members, "\n"), strings.Join(vals, "\n"), g.Parent})
	}
	out = append(out, gt)

	dt := &table{title: "Dead jobs", note: "Their table outputs are read by no live job and match no `consumed:` pattern of the configuration.", head: []string{"job", "writes"}}
	outputs := map[string][]string{}
	for _, e := range inv.Lineage.Edges {
		if e.Dir == "write" {
			outputs[e.Job] = append(outputs[e.Job], e.Node)
		}
	}
	for _, id := range inv.Dead {
		dt.rows = append(dt.rows, []string{id, strings.Join(uniqueSorted(outputs[id]), ", ")})
	}
	out = append(out, dt)

	wt := &table{id: sectionWaves, title: "Waves", note: "Migrate wave by wave: a job's inputs are produced in earlier waves or outside the estate.", head: []string{"wave", "jobs"}}
	for _, w := range inv.Waves {
		wt.rows = append(wt.rows, []string{fmt.Sprint(w.Wave), strings.Join(w.Jobs, "\n")})
	}
	out = append(out, wt)

	ct := &table{title: "Dependency cycles", note: "Jobs that feed each other; each cycle migrates as one unit.", head: []string{"jobs"}}
	for _, c := range inv.Cycles {
		ct.rows = append(ct.rows, []string{strings.Join(c, "\n")})
	}
	out = append(out, ct)

	kt := &table{title: "Consolidation candidates", note: "Jobs on the same schedule reading the same tables: one Spark application may serve them. For a person to decide.", head: []string{"trigger", "inputs", "jobs"}}
	for _, c := range inv.Consolidation {
		kt.rows = append(kt.rows, []string{c.Trigger, strings.Join(c.Inputs, ", "), strings.Join(c.Jobs, "\n")})
	}
	out = append(out, kt)
	return out
}

// worse returns the worse of two translation verdicts.
func worse(a, b string) string {
	rank := map[string]int{"": 0, "auto": 1, "warnings": 2, "manual": 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// compress writes runs of one kind as kind×n.
func compress(kinds []string) []string {
	var out []string
	for i := 0; i < len(kinds); {
		j := i
		for j < len(kinds) && kinds[j] == kinds[i] {
			j++
		}
		if j-i > 1 {
			out = append(out, fmt.Sprintf("%s×%d", kinds[i], j-i))
		} else {
			out = append(out, kinds[i])
		}
		i = j
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// Markdown is inventory.md.
func (inv *Inventory) Markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Inventory of %s\n\nThe lineage graph is in `%s` (Graphviz) and drawn in `%s`.\n", inv.Estate, DOTFile, HTMLFile)
	cell := func(s string) string {
		s = strings.ReplaceAll(s, "|", `\|`)
		return strings.ReplaceAll(s, "\n", "<br>")
	}
	for i, t := range inv.sections() {
		if i == 1 {
			// The drawings after the summary, before the long tables.
			b.WriteString(inv.mermaid())
		}
		fmt.Fprintf(&b, "\n## %s\n\n", t.title)
		if t.note != "" {
			fmt.Fprintf(&b, "%s\n\n", t.note)
		}
		if len(t.rows) == 0 {
			b.WriteString("None.\n")
			continue
		}
		b.WriteString("| " + strings.Join(t.head, " | ") + " |\n|")
		for range t.head {
			b.WriteString(" --- |")
		}
		b.WriteString("\n")
		for _, r := range t.rows {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = cell(c)
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
	}
	return []byte(b.String())
}

// HTML is inventory.html: one page, no external resources.
func (inv *Inventory) HTML() []byte {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Inventory of %s</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left;white-space:pre-line}
th{background:#f3f3f3}
nav a{margin-right:1em}
svg text{font:11px system-ui,sans-serif}
.job{fill:#dbe9ff;stroke:#4a78c2}.dead{fill:#f6d5d5;stroke:#b44}.tbl{fill:#e8f5e1;stroke:#5a9a44}
line{stroke:#999;stroke-width:1}
%s</style></head><body>
<h1>Inventory of %s</h1>
`, esc(inv.Estate), draw.Style, esc(inv.Estate))
	secs := inv.sections()
	for i, t := range secs {
		if t.id == "" {
			t.id = fmt.Sprintf("s%d", i)
		}
	}
	b.WriteString(`<nav><a href="#overview">Overview</a>`)
	for _, t := range secs {
		fmt.Fprintf(&b, `<a href="#%s">%s</a>`, t.id, esc(t.title))
	}
	b.WriteString(`<a href="#lineage">Lineage</a></nav>` + "\n")
	b.WriteString(inv.overview(inv.jobAnchors()))
	for _, t := range secs {
		fmt.Fprintf(&b, "<h2 id=\"%s\">%s</h2>\n", t.id, esc(t.title))
		if t.note != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", esc(t.note))
		}
		if len(t.rows) == 0 {
			b.WriteString("<p>None.</p>\n")
			continue
		}
		b.WriteString("<table><tr>")
		for _, h := range t.head {
			fmt.Fprintf(&b, "<th>%s</th>", esc(h))
		}
		b.WriteString("</tr>\n")
		for i, r := range t.rows {
			if i < len(t.ids) && t.ids[i] != "" {
				fmt.Fprintf(&b, `<tr id="%s">`, t.ids[i])
			} else {
				b.WriteString("<tr>")
			}
			for _, c := range r {
				fmt.Fprintf(&b, "<td>%s</td>", esc(c))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("<h2 id=\"lineage\">Lineage</h2>\n")
	b.WriteString(inv.svg())
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

// maxDrawn bounds the graph drawn in the HTML: past it a drawing is
// unreadable, and lineage.dot is the tool.
const maxDrawn = 400

// svg draws the job-and-table graph in columns: tables a job reads to its
// left, jobs by wave, each table beside its first producer.
func (inv *Inventory) svg() string {
	type box struct {
		id, label, class string
		col, row         int
	}
	jobWave := map[string]int{}
	for _, w := range inv.Waves {
		for _, j := range w.Jobs {
			jobWave[j] = w.Wave
		}
	}
	dead := map[string]bool{}
	for _, d := range inv.Dead {
		dead[d] = true
	}
	boxes := map[string]*box{}
	var order []string
	place := func(id, label, class string, col int) {
		if b, ok := boxes[id]; ok {
			if col > b.col && class == "tbl" {
				b.col = col
			}
			return
		}
		boxes[id] = &box{id: id, label: label, class: class, col: col}
		order = append(order, id)
	}
	for _, j := range inv.Jobs {
		class := "job"
		if dead[j.ID] {
			class = "dead"
		}
		place("j:"+j.ID, j.ID, class, 2*jobWave[j.ID]-1)
	}
	type link struct{ from, to string }
	var links []link
	for _, e := range inv.Lineage.Edges {
		if nodeKind(e.Node) != "table" {
			continue
		}
		if e.Dir == "write" {
			place("t:"+e.Node, e.Node, "tbl", 2*jobWave[e.Job])
			links = append(links, link{"j:" + e.Job, "t:" + e.Node})
		} else {
			place("t:"+e.Node, e.Node, "tbl", 0)
			links = append(links, link{"t:" + e.Node, "j:" + e.Job})
		}
	}
	if len(boxes) > maxDrawn {
		return fmt.Sprintf("<p>%d jobs and tables: too many to draw here; render %s with Graphviz.</p>\n", len(boxes), DOTFile)
	}
	rows := map[int]int{}
	sort.SliceStable(order, func(a, b int) bool { return boxes[order[a]].col < boxes[order[b]].col })
	maxCol, maxRow := 0, 0
	for _, id := range order {
		b := boxes[id]
		b.row = rows[b.col]
		rows[b.col]++
		maxCol, maxRow = max(maxCol, b.col), max(maxRow, b.row)
	}
	const w, h, gx, gy = 230, 22, 270, 30
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d">`+"\n", (maxCol+1)*gx+20, (maxRow+1)*gy+20)
	seen := map[link]bool{}
	for _, l := range links {
		if seen[l] {
			continue
		}
		seen[l] = true
		a, c := boxes[l.from], boxes[l.to]
		fmt.Fprintf(&s, `<line x1="%d" y1="%d" x2="%d" y2="%d"/>`+"\n", 10+a.col*gx+w, 10+a.row*gy+h/2, 10+c.col*gx, 10+c.row*gy+h/2)
	}
	for _, id := range order {
		b := boxes[id]
		label := b.label
		if len(label) > 38 {
			label = "…" + label[len(label)-37:]
		}
		fmt.Fprintf(&s, `<g><title>%s</title><rect class="%s" x="%d" y="%d" width="%d" height="%d" rx="4"/><text x="%d" y="%d">%s</text></g>`+"\n",
			html.EscapeString(b.label), b.class, 10+b.col*gx, 10+b.row*gy, w, h, 14+b.col*gx, 10+b.row*gy+15, html.EscapeString(label))
	}
	s.WriteString("</svg>\n")
	return s.String()
}

// DOT is lineage.dot: jobs as boxes, tables as ellipses, paths as notes.
func (inv *Inventory) DOT() []byte {
	var b strings.Builder
	q := func(s string) string {
		return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
	}
	b.WriteString("digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\" fontsize=10];\n")
	dead := map[string]bool{}
	for _, d := range inv.Dead {
		dead[d] = true
	}
	for _, j := range inv.Jobs {
		attrs := "shape=box"
		if dead[j.ID] {
			attrs += " style=filled fillcolor=\"#f6d5d5\""
		}
		fmt.Fprintf(&b, "  %s [%s];\n", q("job:"+j.ID), attrs)
	}
	for _, n := range inv.Lineage.Nodes {
		shape := "ellipse"
		switch n.Kind {
		case "path":
			shape = "note"
		case "jdbc":
			shape = "cylinder"
		}
		fmt.Fprintf(&b, "  %s [shape=%s];\n", q(n.ID), shape)
		if n.Owner != "" {
			fmt.Fprintf(&b, "  %s -> %s [style=dashed label=\"location of\"];\n", q(n.ID), q(n.Owner))
		}
	}
	seen := map[string]bool{}
	for _, e := range inv.Lineage.Edges {
		var line string
		if e.Dir == "read" {
			line = fmt.Sprintf("  %s -> %s;\n", q(e.Node), q("job:"+e.Job))
		} else {
			line = fmt.Sprintf("  %s -> %s;\n", q("job:"+e.Job), q(e.Node))
		}
		if !seen[line] {
			seen[line] = true
			b.WriteString(line)
		}
	}
	b.WriteString("}\n")
	return []byte(b.String())
}
