package inventory

import (
	"path"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/hiveql"
)

// pathKey normalises a path for matching: an HDFS URI loses its scheme
// and name node (hdfs://nn:8020/a → /a), a trailing slash goes.
func pathKey(p string) string {
	for _, scheme := range []string{"hdfs://", "viewfs://"} {
		if rest, ok := strings.CutPrefix(p, scheme); ok {
			if i := strings.IndexByte(rest, '/'); i >= 0 {
				p = rest[i:]
			} else {
				p = "/"
			}
		}
	}
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
	}
	return p
}

func nodeKind(id string) string {
	switch {
	case strings.HasPrefix(id, "jdbc:"):
		return "jdbc"
	case hiveql.IsPath(id):
		return "path"
	}
	return "table"
}

// owners maps paths to the tables whose data they hold: locations given by
// DDL anywhere in the estate, then Hive's default warehouse layout
// (/user/hive/warehouse/db.db/table).
type owners struct {
	locs []string // sorted, longest first among shared prefixes
	by   map[string]string
}

func newOwners(an []*analysis) *owners {
	o := &owners{by: map[string]string{}}
	for _, a := range an {
		if a.shape == nil {
			continue
		}
		for p, t := range a.shape.locations {
			if old, ok := o.by[p]; !ok || t < old {
				o.by[p] = t // two tables at one place: the first name, whatever the file order
			}
		}
	}
	for p := range o.by {
		o.locs = append(o.locs, p)
	}
	sort.Strings(o.locs)
	return o
}

// owner returns the table holding the data at p, or "".
func (o *owners) owner(p string) string {
	k := pathKey(p)
	best := ""
	for _, loc := range o.locs {
		if (k == loc || strings.HasPrefix(k, loc+"/")) && len(loc) > len(best) {
			best = loc
		}
	}
	if best != "" {
		return o.by[best]
	}
	if rest, ok := strings.CutPrefix(k, "/user/hive/warehouse/"); ok {
		parts := strings.Split(rest, "/")
		if db, ok := strings.CutSuffix(parts[0], ".db"); ok && len(parts) > 1 {
			return db + "." + strings.ToLower(parts[1])
		}
		return "default." + strings.ToLower(parts[0])
	}
	return ""
}

// lineage joins every step's inputs and outputs into one graph. A path
// that lies in a table's location stands for that table, so that a
// `hadoop fs -put` into a table's folder feeds the jobs reading the table.
func lineage(jobs []*ir.Job, an []*analysis) *ir.Lineage {
	o := newOwners(an)
	nodes := map[string]*ir.Node{}
	node := func(id string) string {
		if n, ok := nodes[id]; ok {
			if n.Owner != "" {
				return n.Owner
			}
			return id
		}
		n := &ir.Node{ID: id, Kind: nodeKind(id)}
		if n.Kind == "path" {
			n.Owner = o.owner(id)
		}
		nodes[id] = n
		if n.Owner != "" {
			if _, ok := nodes[n.Owner]; !ok {
				nodes[n.Owner] = &ir.Node{ID: n.Owner, Kind: "table"}
			}
			return n.Owner
		}
		return id
	}
	lin := &ir.Lineage{}
	seen := map[ir.Edge]bool{}
	add := func(e ir.Edge) {
		if !seen[e] {
			seen[e] = true
			ec := e
			lin.Edges = append(lin.Edges, &ec)
		}
	}
	for _, j := range jobs {
		for _, st := range j.Steps {
			for _, in := range st.Inputs {
				add(ir.Edge{Step: st.ID, Job: j.ID, Node: node(in), Dir: "read"})
			}
			for _, out := range st.Outputs {
				add(ir.Edge{Step: st.ID, Job: j.ID, Node: node(out), Dir: "write"})
			}
		}
	}
	for _, n := range nodes {
		lin.Nodes = append(lin.Nodes, n)
	}
	sort.Slice(lin.Nodes, func(a, b int) bool { return lin.Nodes[a].ID < lin.Nodes[b].ID })
	sort.Slice(lin.Edges, func(a, b int) bool {
		x, y := lin.Edges[a], lin.Edges[b]
		if x.Step != y.Step {
			return x.Step < y.Step
		}
		if x.Dir != y.Dir {
			return x.Dir < y.Dir
		}
		return x.Node < y.Node
	})
	if lin.Nodes == nil {
		lin.Nodes = []*ir.Node{}
	}
	if lin.Edges == nil {
		lin.Edges = []*ir.Edge{}
	}
	return lin
}

// Flows returns the table-level data flow of a lineage: "in -> out" for
// every step that reads in and writes out, sorted and without duplicates.
func Flows(lin *ir.Lineage) []string {
	reads := map[string][]string{}
	writes := map[string][]string{}
	var stepsOrder []string
	for _, e := range lin.Edges {
		if _, ok := reads[e.Step]; !ok {
			if _, ok := writes[e.Step]; !ok {
				stepsOrder = append(stepsOrder, e.Step)
			}
		}
		if e.Dir == "read" {
			reads[e.Step] = append(reads[e.Step], e.Node)
		} else {
			writes[e.Step] = append(writes[e.Step], e.Node)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range stepsOrder {
		for _, in := range reads[s] {
			for _, w := range writes[s] {
				if in == w {
					continue
				}
				f := in + " -> " + w
				if !seen[f] {
					seen[f] = true
					out = append(out, f)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// jobGraph is which job feeds which: producer → consumers, through any node.
func jobGraph(jobs []*ir.Job, lin *ir.Lineage, parents map[string]string) map[string]map[string]bool {
	writers := map[string][]string{}
	for _, e := range lin.Edges {
		if e.Dir == "write" {
			writers[e.Node] = append(writers[e.Node], e.Job)
		}
	}
	g := map[string]map[string]bool{}
	for _, j := range jobs {
		g[j.ID] = map[string]bool{}
	}
	// Copies of one job (a job group) write and read the same tables; they
	// migrate as one job, so they do not depend on each other.
	root := map[string]string{}
	for _, j := range jobs {
		root[j.ID] = j.ID
		if j.Group != "" {
			root[j.ID] = groupRoot(j.Group, parents)
		}
	}
	for _, e := range lin.Edges {
		if e.Dir != "read" {
			continue
		}
		for _, w := range writers[e.Node] {
			if w != e.Job && root[w] != root[e.Job] {
				g[w][e.Job] = true
			}
		}
	}
	return g
}

func groupRoot(id string, parents map[string]string) string {
	for i := 0; i < 8 && parents[id] != ""; i++ {
		id = parents[id]
	}
	return id
}

// UnknownInputs reports whether a job runs code sparkport cannot read
// (spark-submit, hadoop jar, a script, embulk) whose inputs could not be
// taken from its arguments: it may read anything, so it is ordered after
// every job it does not feed.
func UnknownInputs(j *ir.Job) bool {
	for _, st := range j.Steps {
		if opaque(st.Kind) && !st.IOFromArgs && len(st.Inputs) == 0 {
			return true
		}
	}
	return false
}

// orderUnknown adds to g an edge from every job to each job with unknown
// inputs, except from the jobs it feeds (that would make a cycle): such a
// job never lands before a wave it may depend on.
func orderUnknown(jobs []*ir.Job, g map[string]map[string]bool) {
	for _, u := range jobs {
		if !UnknownInputs(u) {
			continue
		}
		fed := map[string]bool{u.ID: true}
		queue := []string{u.ID}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for to := range g[n] {
				if !fed[to] {
					fed[to] = true
					queue = append(queue, to)
				}
			}
		}
		for _, j := range jobs {
			if fed[j.ID] || UnknownInputs(j) {
				continue
			}
			if g[j.ID] == nil {
				g[j.ID] = map[string]bool{}
			}
			g[j.ID][u.ID] = true
		}
	}
}

// waves orders jobs so that a job comes after every job producing what it
// reads. Jobs feeding each other in a cycle move together, in the wave of
// the cycle, and the cycle is reported.
func waves(jobs []*ir.Job, lin *ir.Lineage, groups []*ir.Group) ([]*Wave, [][]string) {
	parents := map[string]string{}
	for _, g := range groups {
		if g.Of == "jobs" {
			parents[g.ID] = g.Parent
		}
	}
	g := jobGraph(jobs, lin, parents)
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = j.ID
	}
	orderUnknown(jobs, g)
	comp, comps := scc(ids, g)
	// Condensed graph and its longest-path layering.
	preds := make([]map[int]bool, len(comps))
	for i := range preds {
		preds[i] = map[int]bool{}
	}
	for from, tos := range g {
		for to := range tos {
			if comp[from] != comp[to] {
				preds[comp[to]][comp[from]] = true
			}
		}
	}
	level := make([]int, len(comps))
	var depth func(int) int
	state := make([]uint8, len(comps))
	depth = func(c int) int {
		if state[c] == 2 {
			return level[c]
		}
		state[c] = 1
		l := 1
		for p := range preds[c] {
			if state[p] == 1 {
				continue // cannot happen in a condensation; stay safe
			}
			if d := depth(p) + 1; d > l {
				l = d
			}
		}
		state[c] = 2
		level[c] = l
		return l
	}
	byWave := map[int][]string{}
	maxWave := 0
	for c := range comps {
		w := depth(c)
		byWave[w] = append(byWave[w], comps[c]...)
		maxWave = max(maxWave, w)
	}
	var out []*Wave
	for w := 1; w <= maxWave; w++ {
		if len(byWave[w]) == 0 {
			continue
		}
		sort.Strings(byWave[w])
		out = append(out, &Wave{Wave: w, Jobs: byWave[w]})
	}
	var cycles [][]string
	for _, c := range comps {
		if len(c) > 1 {
			sort.Strings(c)
			cycles = append(cycles, c)
		}
	}
	sort.Slice(cycles, func(a, b int) bool { return cycles[a][0] < cycles[b][0] })
	return out, cycles
}

// scc finds the strongly connected components of g (Tarjan, iterative so
// that long chains of jobs do not grow the goroutine stack).
func scc(ids []string, g map[string]map[string]bool) (map[string]int, [][]string) {
	index := map[string]int{}
	low := map[string]int{}
	onStack := map[string]bool{}
	comp := map[string]int{}
	var stack []string
	var comps [][]string
	next := 0
	succ := func(v string) []string {
		var out []string
		for w := range g[v] {
			out = append(out, w)
		}
		sort.Strings(out)
		return out
	}
	type frame struct {
		v    string
		succ []string
		i    int
	}
	for _, root := range ids {
		if _, ok := index[root]; ok {
			continue
		}
		work := []*frame{{v: root, succ: succ(root)}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(work) > 0 {
			f := work[len(work)-1]
			if f.i < len(f.succ) {
				w := f.succ[f.i]
				f.i++
				if _, ok := index[w]; !ok {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					work = append(work, &frame{v: w, succ: succ(w)})
				} else if onStack[w] && index[w] < low[f.v] {
					low[f.v] = index[w]
				}
				continue
			}
			work = work[:len(work)-1]
			if len(work) > 0 {
				p := work[len(work)-1].v
				if low[f.v] < low[p] {
					low[p] = low[f.v]
				}
			}
			if low[f.v] == index[f.v] {
				var c []string
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = len(comps)
					c = append(c, w)
					if w == f.v {
						break
					}
				}
				comps = append(comps, c)
			}
		}
	}
	return comp, comps
}

// deadJobs are jobs whose table outputs nobody reads: no other live job,
// and no pattern of tables consumed outside the estate. A job that
// exports (writes a JDBC table) or writes a path no table owns feeds
// something outside and is not dead. Death spreads: a job read only by
// dead jobs is dead too.
func deadJobs(jobs []*ir.Job, lin *ir.Lineage, consumed []string) []string {
	outputs := map[string][]string{}
	readers := map[string]map[string]bool{}
	external := map[string]bool{}
	writesTable := map[string]bool{}
	for _, e := range lin.Edges {
		if e.Dir == "write" && nodeKind(e.Node) == "table" {
			writesTable[e.Step] = true
		}
	}
	steps := map[string]*ir.Step{}
	for _, j := range jobs {
		for _, st := range j.Steps {
			steps[st.ID] = st
		}
	}
	for _, e := range lin.Edges {
		switch e.Dir {
		case "write":
			switch nodeKind(e.Node) {
			case "table":
				outputs[e.Job] = append(outputs[e.Job], e.Node)
			case "jdbc":
				external[e.Job] = true // an export feeds a database outside
			default:
				// A path no table owns is read by something outside the
				// estate — unless the step only deletes or prepares it, or
				// stages data for a table it writes (sqoop --target-dir).
				if !writesTable[e.Step] && !housekeeping(steps[e.Step]) {
					external[e.Job] = true
				}
			}
		case "read":
			if readers[e.Node] == nil {
				readers[e.Node] = map[string]bool{}
			}
			readers[e.Node][e.Job] = true
		}
	}
	isConsumed := func(t string) bool {
		for _, p := range consumed {
			if ok, _ := path.Match(strings.ToLower(p), t); ok {
				return true
			}
		}
		return false
	}
	dead := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, j := range jobs {
			if dead[j.ID] || external[j.ID] || len(outputs[j.ID]) == 0 {
				continue
			}
			alive := false
			for _, t := range outputs[j.ID] {
				if isConsumed(t) {
					alive = true
					break
				}
				for r := range readers[t] {
					if r != j.ID && !dead[r] {
						alive = true
						break
					}
				}
				if alive {
					break
				}
			}
			if !alive {
				dead[j.ID] = true
				changed = true
			}
		}
	}
	var out []string
	for _, j := range jobs {
		if dead[j.ID] {
			j.Dead = true
			out = append(out, j.ID)
		}
	}
	return out
}

// consolidation lists jobs on the same schedule reading the same tables,
// leaving out sets that are all copies of one job (dedup already merges
// those).
func consolidation(jobs []*ir.Job) []*Consolidation {
	byKey := map[string][]*ir.Job{}
	var order []string
	for _, j := range jobs {
		if j.Trigger == nil || j.Trigger.Kind != ir.TriggerCron && j.Trigger.Kind != ir.TriggerDigdag {
			continue
		}
		var ins []string
		for _, st := range j.Steps {
			for _, in := range st.Inputs {
				if nodeKind(in) == "table" {
					ins = append(ins, in)
				}
			}
		}
		ins = uniqueSorted(ins)
		if len(ins) == 0 {
			continue
		}
		k := j.Trigger.Spec + "\x00" + strings.Join(ins, "\x00")
		if _, ok := byKey[k]; !ok {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], j)
	}
	var out []*Consolidation
	for _, k := range order {
		js := byKey[k]
		if len(js) < 2 {
			continue
		}
		sameGroup := js[0].Group != ""
		for _, j := range js[1:] {
			if j.Group != js[0].Group {
				sameGroup = false
			}
		}
		if sameGroup {
			continue
		}
		spec, rest, _ := strings.Cut(k, "\x00")
		c := &Consolidation{Trigger: spec, Inputs: strings.Split(rest, "\x00")}
		for _, j := range js {
			c.Jobs = append(c.Jobs, j.ID)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Jobs[0] < out[b].Jobs[0] })
	return out
}

// summarise counts what the reports open with.
func summarise(inv *Inventory, hosts int) *Summary {
	s := &Summary{Hosts: hosts, Files: len(inv.Files), FilesBy: map[string]map[string]int{},
		Jobs: len(inv.Jobs), JobsBy: map[string]int{}, StepsBy: map[string]int{}, Groups: map[string]int{},
		Dead: len(inv.Dead), Waves: len(inv.Waves), Cycles: len(inv.Cycles), Secrets: len(inv.Secrets)}
	for _, f := range inv.Files {
		if s.FilesBy[f.Kind] == nil {
			s.FilesBy[f.Kind] = map[string]int{}
		}
		s.FilesBy[f.Kind][f.Status]++
	}
	for _, j := range inv.Jobs {
		s.JobsBy[j.Trigger.Kind]++
		for _, st := range j.Steps {
			s.Steps++
			s.StepsBy[st.Kind]++
			if st.Translation != "" {
				if s.Translation == nil {
					s.Translation = map[string]int{}
				}
				s.Translation[st.Translation]++
			}
		}
	}
	merged := 0
	for _, g := range inv.Groups {
		s.Groups[g.Of+"/"+g.Relation]++
	}
	// Jobs after merging: each outermost job group counts once.
	for _, g := range inv.Groups {
		if g.Of == "jobs" && g.Parent == "" && g.Relation != ir.RelNear {
			merged += len(g.Members) - 1
		}
	}
	s.Replaceable = len(inv.Jobs) - merged
	return s
}

// housekeeping reports whether an hdfs step only removes or prepares paths.
func housekeeping(st *ir.Step) bool {
	if st == nil || st.Kind != ir.StepHDFS {
		return false
	}
	for _, a := range st.Args {
		switch a {
		case "-rm", "-rmr", "-rmdir", "-mkdir", "-chmod", "-chown", "-chgrp", "-touchz", "-setrep", "-expunge", "-test":
			return true
		}
	}
	return false
}
