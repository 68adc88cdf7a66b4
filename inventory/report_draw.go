package inventory

import (
	"cmp"
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/internal/draw"
	"github.com/sparkport/sparkport/ir"
)

// The drawn overview at the top of inventory.html: the shape of the estate
// before its rows. Everything is computed from the inventory alone, sorted,
// and aggregated before drawing so that no drawing grows with the estate
// past what a reader can take in.

// maxTablesDrawn bounds a database's table graph; past it the tables with
// the most jobs are drawn and the rest counted.
const maxTablesDrawn = 60

// mergeLevel orders the relations: merging at a level merges the groups
// of that relation and the ones inside them.
var mergeLevel = map[string]int{ir.RelIdentical: 1, ir.RelEquivalent: 2, ir.RelParametric: 3}

// jobGroups indexes the job groups by id.
func (inv *Inventory) jobGroups() map[string]*ir.Group {
	groups := map[string]*ir.Group{}
	for _, g := range inv.Groups {
		if g.Of == "jobs" {
			groups[g.ID] = g
		}
	}
	return groups
}

// mergedInto is what job j becomes once every job group of a relation up
// to level is one job: the outermost such group's id, or the job's own.
func mergedInto(groups map[string]*ir.Group, j *ir.Job, level int) string {
	key := "job:" + j.ID
	for g := groups[j.Group]; g != nil && mergeLevel[g.Relation] > 0 && mergeLevel[g.Relation] <= level; g = groups[g.Parent] {
		key = g.ID
	}
	return key
}

// jobsAfter counts the jobs left once every job group of a relation up to
// level is one job.
func (inv *Inventory) jobsAfter(level int) int {
	groups := inv.jobGroups()
	keys := map[string]bool{}
	for _, j := range inv.Jobs {
		keys[mergedInto(groups, j, level)] = true
	}
	return len(keys)
}

// sortedPairs lists the keys of a map of pairs in order.
func sortedPairs[K cmp.Ordered](m map[[2]K]int) [][2]K {
	keys := make([][2]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, k int) bool {
		return keys[i][0] < keys[k][0] || keys[i][0] == keys[k][0] && keys[i][1] < keys[k][1]
	})
	return keys
}

// jobOutcome classes a job for the drawings: dead, empty (no step), the
// worst translation of its SQL steps, or "commands" (no SQL step).
func jobOutcome(j *ir.Job, dead bool) string {
	switch {
	case dead:
		return "dead"
	case len(j.Steps) == 0:
		return "empty"
	}
	v := ""
	for _, st := range j.Steps {
		v = worse(v, st.Translation)
	}
	if v == "" {
		return "commands"
	}
	return v
}

var outcomeSeries = map[string]int{"auto": 5, "warnings": 2, "manual": 3, "commands": 1, "empty": 4, "dead": 0}

// overview is the drawn part of inventory.html, with its own headings.
func (inv *Inventory) overview(jobAnchor map[string]string) string {
	var b strings.Builder
	b.WriteString(`<h2 id="overview">Overview</h2>` + "\n")
	b.WriteString(inv.funnelSection())
	b.WriteString(inv.hostsSection())
	b.WriteString(inv.translationSection())
	b.WriteString(inv.wavesSection())
	b.WriteString(inv.layerSection(jobAnchor))
	return b.String()
}

func (inv *Inventory) deadSet() map[string]bool {
	dead := map[string]bool{}
	for _, d := range inv.Dead {
		dead[d] = true
	}
	return dead
}

func (inv *Inventory) funnelSection() string {
	s := inv.Summary
	dead := inv.deadSet()
	// The jobs left after merging, by what becomes of them: each group
	// counts once, as its first member.
	groups := inv.jobGroups()
	seen := map[string]bool{}
	count := map[string]int{}
	for _, j := range inv.Jobs {
		key := mergedInto(groups, j, mergeLevel[ir.RelParametric])
		if seen[key] {
			continue
		}
		seen[key] = true
		count[jobOutcome(j, dead[j.ID])]++
	}
	var after []draw.Part
	var tip []string
	for _, o := range []string{"auto", "warnings", "manual", "commands", "empty", "dead"} {
		after = append(after, draw.Part{Value: count[o], Series: outcomeSeries[o]})
		tip = append(tip, fmt.Sprintf("%s %d", o, count[o]))
	}
	stages := []draw.Bar{
		{Label: "legacy jobs", Parts: []draw.Part{{Value: s.Jobs, Series: 6}}},
		{Label: "after identical merges", Parts: []draw.Part{{Value: inv.jobsAfter(1), Series: 6}}},
		{Label: "after equivalent merges", Parts: []draw.Part{{Value: inv.jobsAfter(2), Series: 6}}},
		{Label: "after parametric merges", Parts: after, Title: fmt.Sprintf("jobs after merging: %d (%s)", s.Replaceable, strings.Join(tip, ", "))},
	}
	var b strings.Builder
	b.WriteString(`<h3 id="funnel">Consolidation</h3>` + "\n")
	fmt.Fprintf(&b, "<p>%d legacy jobs become %d once identical, equivalent and parametric copies are merged; the last bar shows what becomes of them.</p>\n", s.Jobs, s.Replaceable)
	b.WriteString(draw.Funnel("Consolidation funnel", stages))
	var outcomes []draw.Bar
	for _, o := range []struct{ key, label string }{
		{"auto", "SQL translated automatically"}, {"warnings", "SQL with warnings"}, {"manual", "SQL a person must migrate"},
		{"commands", "commands only (no SQL)"}, {"empty", "empty (runs nothing readable)"}, {"dead", "dead (nothing reads their tables)"},
	} {
		outcomes = append(outcomes, draw.Bar{Label: o.label, Parts: []draw.Part{{Value: count[o.key], Series: outcomeSeries[o.key]}}})
	}
	fmt.Fprintf(&b, "<p>The %d jobs after merging, each counted as its group's first job:</p>\n", s.Replaceable)
	b.WriteString(draw.HBars("Jobs after merging, by what becomes of them", outcomes))
	return b.String()
}

func (inv *Inventory) hostsSection() string {
	groups := inv.jobGroups()
	// A job is a copy when its outermost group holds jobs of other hosts.
	hostOf := map[string]string{}
	for _, j := range inv.Jobs {
		hostOf[j.ID] = j.Host
	}
	spread := map[string]bool{} // outermost group → spans hosts
	for _, g := range inv.Groups {
		if g.Of != "jobs" || g.Parent != "" || g.Relation == ir.RelNear {
			continue
		}
		for _, m := range g.Members {
			if hostOf[m] != hostOf[g.Members[0]] {
				spread[g.ID] = true
			}
		}
	}
	type hostCount struct {
		host        string
		own, copies int
	}
	by := map[string]*hostCount{}
	for _, j := range inv.Jobs {
		h := by[j.Host]
		if h == nil {
			h = &hostCount{host: j.Host}
			by[j.Host] = h
		}
		top := groups[j.Group]
		for top != nil && groups[top.Parent] != nil {
			top = groups[top.Parent]
		}
		if top != nil && spread[top.ID] {
			h.copies++
		} else {
			h.own++
		}
	}
	list := make([]*hostCount, 0, len(by))
	for _, h := range by {
		list = append(list, h)
	}
	sort.Slice(list, func(i, k int) bool {
		a, c := list[i], list[k]
		if a.own+a.copies != c.own+c.copies {
			return a.own+a.copies > c.own+c.copies
		}
		return a.host < c.host
	})
	var bars []draw.Bar
	copies := 0
	for _, h := range list {
		copies += h.copies
		bars = append(bars, draw.Bar{Label: h.host, Parts: []draw.Part{{Value: h.copies, Series: 1}, {Value: h.own, Series: 0}},
			Title: fmt.Sprintf("%s: %d jobs, %d of them copies of jobs on other VMs", orDash(h.host), h.own+h.copies, h.copies)})
	}
	var b strings.Builder
	b.WriteString(`<h3 id="hosts">Hosts</h3>` + "\n")
	fmt.Fprintf(&b, "<p>Jobs per VM, most to least (%d VMs); %d of %d jobs have a copy on another VM. Hover a column for its VM; the table <a href=\"#"+sectionHosts+"\">Files by host</a> has the rows.</p>\n", len(list), copies, len(inv.Jobs))
	if len(bars) <= 40 {
		b.WriteString(draw.HBars("Jobs per VM", bars))
	} else {
		b.WriteString(draw.Columns("Jobs per VM", bars, 120))
	}
	b.WriteString(draw.Legend("jobs of its own", "copies of jobs on other VMs"))
	return b.String()
}

func (inv *Inventory) translationSection() string {
	s := inv.Summary
	if s.Translation == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<h3 id="verdicts">Translation</h3>` + "\n")
	b.WriteString("<p>SQL steps by how they translate to Spark, and the rules that warned about them or left them to a person (a step counts once per rule).</p>\n")
	verdicts := []draw.Bar{
		{Label: "automatic", Parts: []draw.Part{{Value: s.Translation["auto"], Series: 5}}},
		{Label: "with warnings", Parts: []draw.Part{{Value: s.Translation["warnings"], Series: 2}}},
		{Label: "needs a person", Parts: []draw.Part{{Value: s.Translation["manual"], Series: 3}}},
	}
	b.WriteString(draw.HBars("SQL steps by translation", verdicts))
	type ruleCount struct {
		rule            string
		warned, refused int
	}
	by := map[string]*ruleCount{}
	for _, j := range inv.Jobs {
		for _, st := range j.Steps {
			for _, r := range st.Rules {
				c := by[r]
				if c == nil {
					c = &ruleCount{rule: r}
					by[r] = c
				}
				if st.Translation == "manual" {
					c.refused++
				} else {
					c.warned++
				}
			}
		}
	}
	if len(by) == 0 {
		return b.String()
	}
	list := make([]*ruleCount, 0, len(by))
	for _, c := range by {
		list = append(list, c)
	}
	sort.Slice(list, func(i, k int) bool {
		a, c := list[i], list[k]
		if a.warned+a.refused != c.warned+c.refused {
			return a.warned+a.refused > c.warned+c.refused
		}
		return a.rule < c.rule
	})
	var bars []draw.Bar
	for _, c := range list {
		bars = append(bars, draw.Bar{Label: c.rule, Parts: []draw.Part{{Value: c.warned, Series: 2}, {Value: c.refused, Series: 3}},
			Title: fmt.Sprintf("%s: %d steps translated with its warning, %d steps needing a person where it reported", c.rule, c.warned, c.refused)})
	}
	b.WriteString(draw.HBars("SQL steps by rule", bars))
	b.WriteString(draw.Legend("", "", "in steps translated with warnings", "in steps a person must migrate"))
	return b.String()
}

// waveDeps counts, for each pair of waves, the jobs of the later wave that
// read a table a job of the earlier one writes.
func (inv *Inventory) waveDeps() map[[2]int]int {
	wave := map[string]int{}
	for _, w := range inv.Waves {
		for _, j := range w.Jobs {
			wave[j] = w.Wave
		}
	}
	writers := map[string][]string{}
	reads := map[string][]string{}
	for _, e := range inv.Lineage.Edges {
		if e.Dir == "write" {
			writers[e.Node] = append(writers[e.Node], e.Job)
		} else {
			reads[e.Job] = append(reads[e.Job], e.Node)
		}
	}
	out := map[[2]int]int{}
	for job, nodes := range reads {
		to, ok := wave[job]
		if !ok {
			continue
		}
		from := map[int]bool{}
		for _, n := range nodes {
			for _, w := range writers[n] {
				if fw, ok := wave[w]; ok && fw < to {
					from[fw] = true
				}
			}
		}
		for fw := range from {
			out[[2]int{fw, to}]++
		}
	}
	return out
}

func (inv *Inventory) wavesSection() string {
	if len(inv.Waves) == 0 {
		return ""
	}
	var g draw.Graph
	for _, w := range inv.Waves {
		g.Nodes = append(g.Nodes, draw.Node{ID: fmt.Sprint(w.Wave), Label: fmt.Sprintf("wave %d: %d jobs", w.Wave, len(w.Jobs)), Href: "#" + sectionWaves, Layer: w.Wave - 1,
			Title: fmt.Sprintf("wave %d: %d jobs (listed in the Waves table)", w.Wave, len(w.Jobs))})
	}
	deps := inv.waveDeps()
	for _, k := range sortedPairs(deps) {
		g.Edges = append(g.Edges, draw.Edge{From: fmt.Sprint(k[0]), To: fmt.Sprint(k[1]), Weight: deps[k],
			Title: fmt.Sprintf("%d jobs of wave %d read what wave %d writes", deps[k], k[1], k[0])})
	}
	var b strings.Builder
	b.WriteString(`<h3 id="wave-graph">Migration waves</h3>` + "\n")
	b.WriteString("<p>Each wave can move once the waves it waits for have; an arrow's width grows with the number of jobs that wait.</p>\n")
	b.WriteString(draw.Layered("Migration waves", g))
	return b.String()
}

// dbOf is the database of a lineage node, or what stands for one: source
// databases read over JDBC and files are one node each.
func dbOf(node string) string {
	switch nodeKind(node) {
	case "jdbc":
		return "JDBC sources"
	case "path":
		return "files and folders"
	}
	db, _, _ := strings.Cut(node, ".")
	return db
}

// jobIO is, per job, the lineage nodes it reads and writes, computed
// once per report for every database's drawing.
type jobIO struct {
	jobs          []string            // sorted
	reads, writes map[string][]string // job → nodes, sorted
}

func (inv *Inventory) jobIO() jobIO {
	var jobs []string
	reads, writes := map[string][]string{}, map[string][]string{}
	for _, e := range inv.Lineage.Edges {
		if e.Dir == "write" {
			writes[e.Job] = append(writes[e.Job], e.Node)
		} else {
			reads[e.Job] = append(reads[e.Job], e.Node)
		}
	}
	set := map[string]bool{}
	for j := range reads {
		set[j] = true
	}
	for j := range writes {
		set[j] = true
	}
	for j := range set {
		jobs = append(jobs, j)
		reads[j], writes[j] = uniqueSorted(reads[j]), uniqueSorted(writes[j])
	}
	sort.Strings(jobs)
	return jobIO{jobs, reads, writes}
}

// layerFlows counts, per pair of databases, the jobs reading the first
// and writing the second.
func (inv *Inventory) layerFlows() (dbs []string, flows map[[2]string]int) {
	io := inv.jobIO()
	jobs, reads, writes := io.jobs, io.reads, io.writes
	flows = map[[2]string]int{}
	seen := map[string]bool{}
	for _, j := range jobs {
		pairs := map[[2]string]bool{}
		for _, w := range writes[j] {
			to := dbOf(w)
			seen[to] = true
			for _, r := range reads[j] {
				from := dbOf(r)
				seen[from] = true
				pairs[[2]string{from, to}] = true
			}
		}
		for _, r := range reads[j] {
			seen[dbOf(r)] = true
		}
		for p := range pairs {
			flows[p]++
		}
	}
	for d := range seen {
		dbs = append(dbs, d)
	}
	sort.Strings(dbs)
	return dbs, flows
}

func dbAnchor(db string) string { return "db-" + anchorSafe(db) }

// anchorSafe makes an id from any text: letters and digits kept, the rest
// as their code, so that two names never share an id.
func anchorSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x", r)
		}
	}
	return b.String()
}

func (inv *Inventory) layerSection(jobAnchor map[string]string) string {
	dbs, flows := inv.layerFlows()
	if len(dbs) == 0 {
		return ""
	}
	tables := inv.tablesByDB()
	var g draw.Graph
	for _, d := range dbs {
		n := draw.Node{ID: d, Label: d, Title: fmt.Sprintf("%s: %d tables", d, len(tables[d]))}
		if len(tables[d]) > 0 {
			n.Href = "#" + dbAnchor(d)
			n.Label = fmt.Sprintf("%s (%d tables)", d, len(tables[d]))
		} else {
			n.Class = "ext"
		}
		g.Nodes = append(g.Nodes, n)
	}
	for _, k := range sortedPairs(flows) {
		g.Edges = append(g.Edges, draw.Edge{From: k[0], To: k[1], Weight: flows[k], Title: fmt.Sprintf("%d jobs read %s and write %s", flows[k], k[0], k[1])})
	}
	var b strings.Builder
	b.WriteString(`<h3 id="layers">Lineage by database</h3>` + "\n")
	b.WriteString("<p>Databases (lake → warehouse → mart) and the jobs between them: an arrow's width grows with the number of jobs reading one and writing the other. Click a database for its tables.</p>\n")
	b.WriteString(draw.Layered("Lineage by database", g))
	io := inv.jobIO()
	for _, d := range dbs {
		if len(tables[d]) > 0 {
			b.WriteString(inv.tableSection(d, tables[d], io, jobAnchor))
		}
	}
	return b.String()
}

// tablesByDB lists the tables of each database the lineage names.
func (inv *Inventory) tablesByDB() map[string][]string {
	out := map[string][]string{}
	for _, n := range inv.Lineage.Nodes {
		if n.Kind == "table" {
			d := dbOf(n.ID)
			out[d] = append(out[d], n.ID)
		}
	}
	for d := range out {
		sort.Strings(out[d])
	}
	return out
}

// tableSection draws the tables of one database with what feeds them and
// what they feed, each table linking to a job that writes it.
func (inv *Inventory) tableSection(db string, tables []string, io jobIO, jobAnchor map[string]string) string {
	jobs, reads, writes := io.jobs, io.reads, io.writes
	in := map[string]bool{}
	for _, t := range tables {
		in[t] = true
	}
	type pair struct{ from, to string }
	weight := map[pair]int{}
	writers := map[string][]string{}
	readers := map[string][]string{}
	for _, j := range jobs {
		for _, w := range writes[j] {
			writers[w] = append(writers[w], j)
			for _, r := range reads[j] {
				if in[w] || in[r] {
					weight[pair{r, w}]++
				}
			}
		}
		for _, r := range reads[j] {
			readers[r] = append(readers[r], j)
		}
	}
	// Nodes: the database's tables on the most job edges (up to half the
	// bound), then the neighbours they share the most jobs with.
	degree := map[string]int{}
	for p, w := range weight {
		degree[p.from] += w
		degree[p.to] += w
	}
	own := append([]string{}, tables...)
	sort.SliceStable(own, func(i, k int) bool { return degree[own[i]] > degree[own[k]] })
	nodes := own
	if len(own) > maxTablesDrawn/2 {
		nodes = own[:maxTablesDrawn/2]
	}
	left := len(own) - len(nodes)
	chosen := map[string]bool{}
	for _, n := range nodes {
		chosen[n] = true
	}
	near := map[string]int{}
	for p, w := range weight {
		switch {
		case chosen[p.from] && !in[p.to]:
			near[p.to] += w
		case chosen[p.to] && !in[p.from]:
			near[p.from] += w
		}
	}
	others := make([]string, 0, len(near))
	for n := range near {
		others = append(others, n)
	}
	sort.Slice(others, func(i, k int) bool {
		if near[others[i]] != near[others[k]] {
			return near[others[i]] > near[others[k]]
		}
		return others[i] < others[k]
	})
	nodes = append(nodes, others[:min(len(others), maxTablesDrawn-len(nodes))]...)
	drawn := map[string]bool{}
	for _, n := range nodes {
		drawn[n] = true
	}
	sort.Strings(nodes)
	var g draw.Graph
	for _, n := range nodes {
		nd := draw.Node{ID: n, Label: n}
		if in[n] {
			_, nd.Label, _ = strings.Cut(n, ".") // the section names the database
		} else {
			nd.Class = "ext"
		}
		w, r := writers[n], readers[n]
		nd.Title = fmt.Sprintf("%s — written by %s; read by %s", n, listSome(w), listSome(r))
		for _, j := range append(append([]string{}, w...), r...) {
			if a := jobAnchor[j]; a != "" {
				nd.Href = "#" + a
				break
			}
		}
		g.Nodes = append(g.Nodes, nd)
	}
	pairs := make([]pair, 0, len(weight))
	for p := range weight {
		if drawn[p.from] && drawn[p.to] {
			pairs = append(pairs, p)
		}
	}
	sort.Slice(pairs, func(i, k int) bool {
		return pairs[i].from < pairs[k].from || pairs[i].from == pairs[k].from && pairs[i].to < pairs[k].to
	})
	for _, p := range pairs {
		g.Edges = append(g.Edges, draw.Edge{From: p.from, To: p.to, Weight: weight[p], Title: fmt.Sprintf("%d jobs read %s and write %s", weight[p], p.from, p.to)})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<details id=\"%s\"><summary>Tables of %s (%d)</summary>\n", dbAnchor(db), html.EscapeString(db), len(tables))
	if left > 0 {
		fmt.Fprintf(&b, "<p>The %d tables on the most job edges are drawn, with their neighbours; %d more are in the Jobs table and %s.</p>\n", len(tables)-left, left, DOTFile)
	}
	b.WriteString("<p>Grey boxes are tables and paths of other databases. A box links to a job that writes (or reads) the table, in the Jobs table.</p>\n")
	b.WriteString(draw.Layered("Tables of "+db, g))
	b.WriteString("</details>\n")
	return b.String()
}

// listSome names up to three items and counts the rest.
func listSome(list []string) string {
	list = uniqueSorted(list)
	switch {
	case len(list) == 0:
		return "no job"
	case len(list) <= 3:
		return strings.Join(list, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(list[:3], ", "), len(list)-3)
}

// mermaid is the Markdown report's drawings, for GitHub to render: the
// waves and the lineage by database.
func (inv *Inventory) mermaid() string {
	var b strings.Builder
	if len(inv.Waves) > 0 {
		b.WriteString("\n## Migration waves (drawn)\n\nAn arrow is labelled with the number of jobs of the later wave that read what the earlier one writes.\n\n```mermaid\nflowchart LR\n")
		for _, w := range inv.Waves {
			fmt.Fprintf(&b, "  w%d[\"wave %d: %d jobs\"]\n", w.Wave, w.Wave, len(w.Jobs))
		}
		deps := inv.waveDeps()
		for _, k := range sortedPairs(deps) {
			fmt.Fprintf(&b, "  w%d -->|%d| w%d\n", k[0], deps[k], k[1])
		}
		b.WriteString("```\n")
	}
	dbs, flows := inv.layerFlows()
	if len(dbs) > 0 {
		b.WriteString("\n## Lineage by database (drawn)\n\nAn arrow is labelled with the number of jobs reading one database and writing the other.\n\n```mermaid\nflowchart LR\n")
		id := map[string]string{}
		for i, d := range dbs {
			id[d] = fmt.Sprintf("d%d", i)
			fmt.Fprintf(&b, "  d%d[\"%s\"]\n", i, mermaidText(d))
		}
		for _, k := range sortedPairs(flows) {
			fmt.Fprintf(&b, "  %s -->|%d| %s\n", id[k[0]], flows[k], id[k[1]])
		}
		b.WriteString("```\n")
	}
	return b.String()
}

// mermaidText is a node label inside "…": Mermaid reads #quot; and the
// like as entities, so quotes and # are written as entity codes.
func mermaidText(s string) string {
	return mermaidEscaper.Replace(s)
}

var mermaidEscaper = strings.NewReplacer(`"`, "#quot;", "#", "#35;", "<", "#lt;", ">", "#gt;")
