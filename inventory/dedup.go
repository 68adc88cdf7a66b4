package inventory

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/ir"
)

// analysis is what the inventory knows about one step beyond the lowering.
type analysis struct {
	identical  string // same bytes after decoding and newline normalisation
	equivalent string // same canonical tree ("" when the SQL did not parse)
	parametric string // same tree once literals and table names are abstracted
	values     []value
	tokens     []string
	shape      *sqlShape
}

// analyseSteps computes every step's keys, in parallel over the distinct
// SQL texts: the copies of a job share one parse.
func analyseSteps(steps []*ir.Step, opts Options) []*analysis {
	texts := map[string]int{}
	var distinct []string
	for _, st := range steps {
		if isSQL(st) && st.SQL != "" {
			if _, ok := texts[st.SQL]; !ok {
				texts[st.SQL] = len(distinct)
				distinct = append(distinct, st.SQL)
			}
		}
	}
	shapes := make([]*sqlShape, len(distinct))
	parallel(len(distinct), opts.Workers, func(i int) {
		defer func() {
			if r := recover(); r != nil {
				shapes[i] = &sqlShape{locations: map[string]string{}} // unparsed: identical matches only
			}
		}()
		shapes[i] = shapeSQL(distinct[i])
	})
	out := make([]*analysis, len(steps))
	for i, st := range steps {
		a := &analysis{}
		out[i] = a
		switch {
		case isSQL(st) && st.SQL != "":
			sh := shapes[texts[st.SQL]]
			a.shape = sh
			a.identical = st.Kind + "\x00" + normaliseNewlines(st.SQL)
			st.Complexity = sh.complexity
			if sh.parsed {
				a.equivalent = st.Kind + "\x00" + sh.canonical
				a.parametric = st.Kind + "\x00" + sh.parametric
				a.values = sh.values
				a.tokens = sh.tokens
			}
		case isSQL(st) || st.Missing || len(st.Args) == 0:
			// Nothing to compare: a step whose text is not in the estate
			// is like no other.
		default:
			a.identical = st.Kind + "\x00" + strings.Join(st.Args, "\x00")
			a.equivalent = a.identical
			var key strings.Builder
			key.WriteString(st.Kind)
			for _, arg := range st.Args {
				key.WriteByte(0)
				if strings.HasPrefix(arg, "-") || !hasSegments(arg) {
					key.WriteString(arg)
					continue
				}
				key.WriteString("?")
				a.values = append(a.values, value{table: true, text: arg})
			}
			a.parametric = key.String()
		}
	}
	// A step that ran under a condition is not the same as one that always
	// ran (a weekly wrapper running a daily job on Mondays only).
	for i, st := range steps {
		if st.Condition == "" {
			continue
		}
		a := out[i]
		for _, k := range []*string{&a.identical, &a.equivalent, &a.parametric} {
			if *k != "" {
				*k = "if " + st.Condition + "\x00" + *k
			}
		}
	}
	if opts.Assess != nil {
		parallel(len(steps), opts.Workers, func(i int) {
			if isSQL(steps[i]) && steps[i].SQL != "" {
				steps[i].Translation, steps[i].Rules = opts.Assess(steps[i])
			}
		})
	}
	return out
}

// keyCalls makes a call step's keys those of what it calls: two
// workflows that call> "kpi.dig" are the same only when the two kpi.dig
// (and what they call, in turn) are. A call whose target is not in the
// estate keeps its text as key.
func keyCalls(jobs []*ir.Job, steps []*ir.Step, an []*analysis) {
	byID := map[string]*ir.Job{}
	for _, j := range jobs {
		byID[j.ID] = j
	}
	idx := map[*ir.Step]int{}
	for i, st := range steps {
		idx[st] = i
	}
	type keys struct{ identical, equivalent, parametric string }
	memo := map[string]*keys{}
	var of func(id string, depth int) *keys
	of = func(id string, depth int) *keys {
		if k, ok := memo[id]; ok {
			return k
		}
		j := byID[id]
		if j == nil || depth > 16 {
			return nil
		}
		memo[id] = nil // a cycle of calls compares as unknown
		var ki, ke, kp []string
		for _, st := range j.Steps {
			a := an[idx[st]]
			i, e, p := a.identical, a.equivalent, a.parametric
			if st.Calls != "" {
				if sub := of(st.Calls, depth+1); sub != nil {
					i, e, p = sub.identical, sub.equivalent, sub.parametric
				} else {
					i, e, p = "", "", ""
				}
			}
			ki, ke, kp = append(ki, i), append(ke, e), append(kp, p)
		}
		// A level where one step cannot be compared cannot be compared.
		join := func(parts []string) string {
			for _, x := range parts {
				if x == "" {
					return ""
				}
			}
			return "call{" + strings.Join(parts, "\x01") + "}"
		}
		k := &keys{join(ki), join(ke), join(kp)}
		memo[id] = k
		return k
	}
	for i, st := range steps {
		if st.Calls == "" {
			continue
		}
		a := an[i]
		if k := of(st.Calls, 0); k != nil {
			// Values inside the callee are not the caller's to vary: a
			// call is at most equivalent to another, never parametric.
			a.identical, a.equivalent, a.parametric, a.values = k.identical, k.equivalent, k.equivalent, nil
		} else {
			a.identical, a.equivalent, a.parametric, a.values = "", "", "", nil
		}
	}
}

func isSQL(st *ir.Step) bool { return st.Kind == ir.StepHiveSQL || st.Kind == ir.StepSparkSQL }

func normaliseNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// hasSegments reports whether a command-line argument is a name made of
// parts (a path, a host, a table) that a family of jobs may vary in.
func hasSegments(s string) bool { return strings.ContainsAny(s, "/._:") }

// dedup groups equal steps at each relation, nested, then jobs whose steps
// all are, and finally near misses, which are only reported.
func dedup(jobs []*ir.Job, steps []*ir.Step, an []*analysis) []*ir.Group {
	var groups []*ir.Group
	// Steps: identical ⊆ equivalent ⊆ parametric.
	stepIdx := map[*ir.Step]int{}
	for i, st := range steps {
		stepIdx[st] = i
	}
	classes := make([][]string, len(steps)) // per step: class id at each level ("" = alone)
	for i := range classes {
		classes[i] = make([]string, 3)
	}
	keyOf := func(level int, a *analysis) string {
		switch level {
		case 0:
			return a.identical
		case 1:
			return a.equivalent
		}
		return a.parametric
	}
	var stepGroups [3][]*ir.Group
	for level, rel := range []string{ir.RelIdentical, ir.RelEquivalent, ir.RelParametric} {
		buckets := map[string][]int{}
		var order []string
		for i, a := range an {
			k := keyOf(level, a)
			if k == "" {
				continue
			}
			if _, ok := buckets[k]; !ok {
				order = append(order, k)
			}
			buckets[k] = append(buckets[k], i)
		}
		for _, k := range order {
			members := buckets[k]
			var sets [][]int
			if level == 2 {
				sets = families(members, an)
			} else {
				sets = [][]int{members}
			}
			for _, set := range sets {
				if len(set) < 2 {
					continue
				}
				g := &ir.Group{Of: "steps", Relation: rel}
				for _, i := range set {
					g.Members = append(g.Members, steps[i].ID)
				}
				if level == 2 {
					g.Params = params(set, an, func(i int) string { return steps[i].ID })
					if g.Params == nil {
						continue // no value differs: the equivalent group says it all
					}
				}
				finishGroup(g)
				for _, i := range set {
					classes[i][level] = g.ID
				}
				stepGroups[level] = append(stepGroups[level], g)
			}
		}
	}
	// Parents: the next enclosing level that exists.
	parentOf := map[string]string{}
	for i := range steps {
		c := classes[i]
		for l := 0; l < 3; l++ {
			if c[l] == "" {
				continue
			}
			for m := l + 1; m < 3; m++ {
				if c[m] != "" && c[m] != c[l] {
					parentOf[c[l]] = c[m]
					break
				}
			}
		}
	}
	for l := 0; l < 3; l++ {
		for _, g := range stepGroups[l] {
			g.Parent = parentOf[g.ID]
			groups = append(groups, g)
		}
	}
	for i, st := range steps {
		for l := 0; l < 3; l++ {
			if classes[i][l] != "" {
				st.Group = classes[i][l]
				break
			}
		}
	}

	// Jobs: grouped at a level when every step is, in order. A step with
	// no group at a level is in its group of the level below (a parametric
	// bucket where no value differs is its equivalent group).
	stepParams := map[string][]string{}
	for _, g := range stepGroups[2] {
		for id, vs := range g.Params {
			stepParams[id] = vs
		}
	}
	jobClass := make([][]string, len(jobs))
	for l, rel := range []string{ir.RelIdentical, ir.RelEquivalent, ir.RelParametric} {
		buckets := map[string][]int{}
		var order []string
		for j, job := range jobs {
			if len(job.Steps) == 0 {
				continue
			}
			var sig strings.Builder
			ok := true
			for _, st := range job.Steps {
				c := ""
				for m := l; m >= 0 && c == ""; m-- {
					c = classes[stepIdx[st]][m]
				}
				if c == "" {
					ok = false
					break
				}
				sig.WriteString(c)
				sig.WriteByte(0)
			}
			if !ok {
				continue
			}
			k := sig.String()
			if _, seen := buckets[k]; !seen {
				order = append(order, k)
			}
			buckets[k] = append(buckets[k], j)
		}
		for _, k := range order {
			set := buckets[k]
			if len(set) < 2 {
				continue
			}
			g := &ir.Group{Of: "jobs", Relation: rel}
			for _, j := range set {
				g.Members = append(g.Members, jobs[j].ID)
			}
			if l == 2 {
				g.Params = map[string][]string{}
				for _, j := range set {
					var vals []string
					for _, st := range jobs[j].Steps {
						vals = append(vals, stepParams[st.ID]...)
					}
					g.Params[jobs[j].ID] = dedupeStrings(vals)
				}
				if allSameParams(g.Params) {
					continue
				}
			}
			finishGroup(g)
			for _, j := range set {
				if jobClass[j] == nil {
					jobClass[j] = make([]string, 3)
				}
				jobClass[j][l] = g.ID
			}
			groups = append(groups, g)
		}
	}
	for j, job := range jobs {
		c := jobClass[j]
		if c == nil {
			continue
		}
		for l := 0; l < 3; l++ {
			if c[l] != "" {
				job.Group = c[l]
				break
			}
		}
	}
	for _, g := range groups {
		if g.Of != "jobs" {
			continue
		}
		// Parent of a job group: the enclosing job group of a higher level.
		j := jobIndex(jobs, g.Members[0])
		for l := levelOf(g.Relation) + 1; l < 3; l++ {
			if p := jobClass[j][l]; p != "" && p != g.ID {
				g.Parent = p
				break
			}
		}
	}
	groups = append(groups, nearGroups(steps, an, classes)...)
	sort.SliceStable(groups, func(a, b int) bool {
		ga, gb := groups[a], groups[b]
		if ga.Of != gb.Of {
			return ga.Of > gb.Of // steps before jobs
		}
		if levelOf(ga.Relation) != levelOf(gb.Relation) {
			return levelOf(ga.Relation) < levelOf(gb.Relation)
		}
		return ga.Members[0] < gb.Members[0]
	})
	return groups
}

func jobIndex(jobs []*ir.Job, id string) int {
	i := sort.Search(len(jobs), func(i int) bool { return jobs[i].ID >= id })
	return i
}

func levelOf(rel string) int {
	switch rel {
	case ir.RelIdentical:
		return 0
	case ir.RelEquivalent:
		return 1
	case ir.RelParametric:
		return 2
	}
	return 3
}

// finishGroup sorts the members and names the group after them, so that
// the id stays when unrelated jobs come and go.
func finishGroup(g *ir.Group) {
	sort.Strings(g.Members)
	h := sha256.Sum256([]byte(g.Of + "\x00" + g.Relation + "\x00" + strings.Join(g.Members, "\x00")))
	prefix := "s"
	if g.Of == "jobs" {
		prefix = "j"
	}
	g.ID = prefix + "-" + g.Relation + "-" + hex.EncodeToString(h[:5])
}

func dedupeStrings(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func allSameParams(p map[string][]string) bool {
	var first []string
	n := 0
	for _, v := range p {
		if n == 0 {
			first = v
		} else if strings.Join(v, "\x00") != strings.Join(first, "\x00") {
			return false
		}
		n++
	}
	return true
}

// families splits the members of one parametric bucket into sets that may
// be one job with parameters: where table names (or command-line paths)
// differ, they must differ in a part of the name — orders_osaka and
// orders_tokyo — with the rest in common. Names with nothing in common are
// different tables, and their steps different jobs.
func families(members []int, an []*analysis) [][]int {
	if len(members) < 2 {
		return [][]int{members}
	}
	n := len(an[members[0]].values)
	for _, m := range members {
		if len(an[m].values) != n {
			return [][]int{members} // cannot happen for equal keys; stay safe
		}
	}
	for pos := 0; pos < n; pos++ {
		if !an[members[0]].values[pos].table {
			continue
		}
		names := make([]string, len(members))
		for i, m := range members {
			names[i] = an[m].values[pos].text
		}
		if _, ok := varyingParts(names); ok {
			continue
		}
		// Split by this position's name and look at each part again.
		byName := map[string][]int{}
		var order []string
		for i, m := range members {
			if _, ok := byName[names[i]]; !ok {
				order = append(order, names[i])
			}
			byName[names[i]] = append(byName[names[i]], m)
		}
		var out [][]int
		for _, name := range order {
			out = append(out, families(byName[name], an)...)
		}
		return out
	}
	return [][]int{members}
}

// varyingParts returns, for names that differ, the part of each that
// varies, when the names share a prefix and suffix at separators (. _ / -
// :) that holds at least one whole part of the table name. Equal names
// vary in nothing.
func varyingParts(names []string) ([]string, bool) {
	same := true
	for _, s := range names[1:] {
		if s != names[0] {
			same = false
		}
	}
	if same {
		return nil, true
	}
	pre := names[0]
	suf := names[0]
	for _, s := range names[1:] {
		pre = commonPrefix(pre, s)
		suf = commonSuffix(suf, s)
	}
	// Snap to separators so that a part is never split: orders_o|saka.
	for len(pre) > 0 && !isSep(pre[len(pre)-1]) {
		pre = pre[:len(pre)-1]
	}
	for len(suf) > 0 && !isSep(suf[0]) {
		suf = suf[1:]
	}
	var mids []string
	for _, s := range names {
		if len(pre)+len(suf) > len(s) {
			return nil, false
		}
		mid := s[len(pre) : len(s)-len(suf)]
		if mid == "" {
			return nil, false
		}
		mids = append(mids, mid)
	}
	// What is shared must include a part of the last component (the
	// table, or the file): a shared database or folder alone does not
	// make two tables one family.
	lastSep := func(s string) int { return strings.LastIndexAny(s, "./") }
	for _, s := range names {
		tableStart := lastSep(s) + 1
		sharedInTable := len(suf) > 1 || len(pre) > tableStart
		if !sharedInTable {
			// Same table name in different databases or folders.
			base := s[tableStart:]
			for _, t := range names {
				if t[lastSep(t)+1:] != base {
					return nil, false
				}
			}
			return mids, true
		}
	}
	return mids, true
}

func isSep(c byte) bool { return c == '.' || c == '_' || c == '/' || c == '-' || c == ':' || c == '=' }

func commonPrefix(a, b string) string {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return a[:i]
}

func commonSuffix(a, b string) string {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return a[len(a)-i:]
}

// params lists, per member of a family, the values that differ: the
// varying part of table names, and literals. Columns equal for every
// member, and columns repeating an earlier one, are left out. Nil when
// nothing differs.
func params(set []int, an []*analysis, id func(int) string) map[string][]string {
	n := len(an[set[0]].values)
	var cols [][]string
	seen := map[string]bool{}
	for pos := 0; pos < n; pos++ {
		col := make([]string, len(set))
		for i, m := range set {
			col[i] = an[m].values[pos].text
		}
		if an[set[0]].values[pos].table {
			mids, _ := varyingParts(col)
			if mids == nil {
				continue
			}
			col = mids
		} else {
			same := true
			for _, v := range col[1:] {
				if v != col[0] {
					same = false
				}
			}
			if same {
				continue
			}
		}
		k := strings.Join(col, "\x00")
		if seen[k] {
			continue
		}
		seen[k] = true
		cols = append(cols, col)
	}
	if len(cols) == 0 {
		return nil
	}
	out := map[string][]string{}
	for i, m := range set {
		var vals []string
		for _, col := range cols {
			vals = append(vals, col[i])
		}
		out[id(m)] = vals
	}
	return out
}

// nearThreshold is the similarity from which two different SQL steps
// writing the same tables are reported as near misses.
const nearThreshold = 0.8

// nearGroups finds SQL steps that write the same tables with nearly the
// same text but a different meaning: a person must decide whether the
// difference is a fix, a bug or a deliberate variant. They are never merged.
func nearGroups(steps []*ir.Step, an []*analysis, classes [][]string) []*ir.Group {
	type class struct {
		rep     int
		members []int
	}
	buckets := map[string][]*class{}
	var order []string
	byKey := map[string]*class{}
	for i, st := range steps {
		a := an[i]
		if a.tokens == nil || len(st.Outputs) == 0 {
			continue
		}
		// Compare equivalence classes: a parametric family spans
		// services, and its members write different tables.
		k := a.equivalent
		if c, ok := byKey[k]; ok {
			c.members = append(c.members, i)
			continue
		}
		c := &class{rep: i, members: []int{i}}
		byKey[k] = c
		bk := st.Kind + "\x00" + strings.Join(st.Outputs, "\x00")
		if _, ok := buckets[bk]; !ok {
			order = append(order, bk)
		}
		buckets[bk] = append(buckets[bk], c)
	}
	var out []*ir.Group
	for _, bk := range order {
		cs := buckets[bk]
		if len(cs) < 2 {
			continue
		}
		parent := make([]int, len(cs))
		for i := range parent {
			parent[i] = i
		}
		find := func(i int) int {
			for parent[i] != i {
				i = parent[i]
			}
			return i
		}
		type edge struct {
			i   int
			sim float64
		}
		var edges []edge
		for i := 0; i < len(cs); i++ {
			for j := i + 1; j < len(cs); j++ {
				s := similarity(an[cs[i].rep].tokens, an[cs[j].rep].tokens)
				if s < nearThreshold {
					continue
				}
				if ri, rj := find(i), find(j); ri != rj {
					parent[rj] = ri
				}
				edges = append(edges, edge{i, s})
			}
		}
		low := map[int]float64{}
		for _, e := range edges {
			r := find(e.i)
			if v, ok := low[r]; !ok || e.sim < v {
				low[r] = e.sim
			}
		}
		sets := map[int][]int{}
		var roots []int
		for i := range cs {
			r := find(i)
			if _, ok := sets[r]; !ok {
				roots = append(roots, r)
			}
			sets[r] = append(sets[r], i)
		}
		for _, r := range roots {
			if len(sets[r]) < 2 {
				continue
			}
			g := &ir.Group{Of: "steps", Relation: ir.RelNear, Similarity: float64(int(low[r]*100)) / 100}
			for _, ci := range sets[r] {
				for _, m := range cs[ci].members {
					g.Members = append(g.Members, steps[m].ID)
				}
			}
			finishGroup(g)
			out = append(out, g)
		}
	}
	return out
}

// similarity is 1 − (token edit distance / longer length).
func similarity(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	la, lb := len(a), len(b)
	longer := max(la, lb)
	if float64(min(la, lb))/float64(longer) < nearThreshold {
		return 0 // the lengths alone rule it out
	}
	prev := make([]int, lb+1)
	cur := make([]int, lb+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[lb])/float64(longer)
}
