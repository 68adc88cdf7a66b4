package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/hiveql"
)

// unit is one canonical job: the legacy jobs one emitted job replaces.
// Its steps are the leader's, with what differs between the runs made
// into variables; each run is one set of values and the jobs that ran
// with them.
type unit struct {
	name     string
	group    *ir.Group // the topmost job group, nil for a job of its own
	leader   *ir.Job
	members  []*ir.Job
	runs     []*run
	params   []string    // variable names, in the order of run.values
	steps    []*template // one per leader step
	wave     int
	relation string // identical, equivalent, parametric, or "" for one job
	// refused says why the inventory's group this unit came from was not
	// merged into one canonical job ("" when it was, or had no group);
	// splitFrom is that group.
	refused   string
	splitFrom *ir.Group
}

// run is one set of parameter values and the legacy jobs that ran with it.
type run struct {
	name    string // the values joined, or "" for the only run
	values  []string
	members []*ir.Job
	leader  *ir.Job // the copy whose text and command line the run takes
	timing  *ir.Job // the copy whose trigger the run keeps (lastingCopy)
}

// template is a leader step with its varying parts marked: in SQL and in
// args, a variable is written as varMark + index + varMark.
type template struct {
	// canonical is set when sql is the copies' canonical form (alias names
	// and layout normalised, comments gone) rather than the leader's text.
	canonical bool
	step      *ir.Step
	sql       string   // the SQL with variables (SQL steps)
	args      []string // the args with variables
}

const varMark = "\x00"

// units partitions the live jobs into canonical jobs: every job of a
// topmost identical, equivalent or parametric job group is replaced by
// one job; other jobs stand alone. A parametric group whose members'
// steps do not line up token by token is split into its runs, each a
// canonical job of its own, so that nothing is merged on a guess.
func units(inv *inventory.Inventory, dropDead bool) []*unit {
	groups := map[string]*ir.Group{}
	for _, g := range inv.Groups {
		if g.Of == "jobs" {
			groups[g.ID] = g
		}
	}
	top := func(j *ir.Job) *ir.Group {
		g := groups[j.Group]
		for g != nil && g.Parent != "" && groups[g.Parent] != nil {
			g = groups[g.Parent]
		}
		return g
	}
	// child is the group directly under the top that holds the job: its
	// members ran with the same values.
	child := func(j *ir.Job, t *ir.Group) string {
		g := groups[j.Group]
		for g != nil && g.Parent != t.ID {
			g = groups[g.Parent]
		}
		if g == nil || g == t {
			return j.ID
		}
		return g.ID
	}
	wave := map[string]int{}
	for _, w := range inv.Waves {
		for _, id := range w.Jobs {
			wave[id] = w.Wave
		}
	}
	byTop := map[string]*unit{}
	var out []*unit
	for _, j := range inv.Jobs {
		if j.Dead && dropDead || len(j.Steps) == 0 {
			continue
		}
		t := top(j)
		if t == nil {
			out = append(out, &unit{leader: j, members: []*ir.Job{j}, runs: []*run{{members: []*ir.Job{j}, leader: j, timing: j}}})
			continue
		}
		u := byTop[t.ID]
		if u == nil {
			u = &unit{group: t, relation: t.Relation}
			byTop[t.ID] = u
			out = append(out, u)
		}
		u.members = append(u.members, j)
	}
	var final []*unit
	for _, u := range out {
		if u.group == nil {
			final = append(final, u)
			continue
		}
		// Jobs are sorted by id, so members and runs are too.
		u.leader = u.members[0]
		runOf := map[string]*run{}
		for _, j := range u.members {
			key := child(j, u.group)
			if u.group.Relation != ir.RelParametric {
				key = ""
			}
			r := runOf[key]
			if r == nil {
				r = &run{leader: j}
				runOf[key] = r
				u.runs = append(u.runs, r)
			}
			r.members = append(r.members, j)
		}
		// Each run is led by the copy whose schedule the canonical job
		// keeps (see lastingCopy); the unit by its first run's.
		for _, r := range u.runs {
			r.leader, r.timing = textCopy(r.members), lastingCopy(r.members)
			if isDig(r.leader) {
				r.timing = r.leader // a workflow keeps the schedule of the file it rewrites
			}
		}
		u.leader = u.runs[0].leader
		if len(u.runs) > 1 && !u.align() {
			// The runs that run the same steps the same way (a bare
			// script copy nothing runs has no command line) may still
			// merge; the others stand alone, each with the reason.
			major, rest := splitBySignature(u.runs)
			why := func(n int) string {
				return fmt.Sprintf("the inventory groups it (%s) with %d other copies, but it runs other steps, or its text differs in more than values (a keyword, an operator, a credential): it is migrated as a job of its own", u.group.ID, n)
			}
			if len(major) > 1 && len(rest) > 0 {
				v := &unit{group: u.group, relation: u.relation, runs: major}
				for _, r := range major {
					v.members = append(v.members, r.members...)
				}
				sort.Slice(v.members, func(i, j int) bool { return v.members[i].ID < v.members[j].ID })
				v.leader = major[0].leader
				if v.align() {
					final = append(final, v)
					for _, r := range rest {
						final = append(final, &unit{leader: r.leader, members: r.members, runs: []*run{{members: r.members, leader: r.leader, timing: r.timing}}, relation: childRelation(r), refused: why(len(u.runs) - 1), splitFrom: u.group})
					}
					continue
				}
			}
			for _, r := range u.runs {
				final = append(final, &unit{leader: r.leader, members: r.members, runs: []*run{{members: r.members, leader: r.leader, timing: r.timing}}, relation: childRelation(r), refused: why(len(u.runs) - 1), splitFrom: u.group})
			}
			continue
		}
		final = append(final, u)
	}
	for _, u := range final {
		if u.steps == nil {
			for _, st := range u.leader.Steps {
				u.steps = append(u.steps, &template{step: st, sql: st.SQL, args: st.Args})
			}
		}
		if u.relation == "" && len(u.members) > 1 {
			u.relation = ir.RelEquivalent
		}
		u.wave = wave[u.leader.ID]
		for _, m := range u.members {
			if w, ok := wave[m.ID]; ok && (u.wave == 0 || w < u.wave) {
				u.wave = w
			}
		}
	}
	sort.Slice(final, func(i, k int) bool { return final[i].leader.ID < final[k].leader.ID })
	name(final)
	return final
}

// textCopy chooses the copy whose text and command line a run takes: the
// first (in job id order) of the most scheduled kind, so that a bare
// script copy nothing runs never stands for a copy cron ran with
// variables on its command line.
func textCopy(members []*ir.Job) *ir.Job {
	best := members[0]
	for _, m := range members[1:] {
		if triggerRank(m) > triggerRank(best) {
			best = m
		}
	}
	return best
}

// lastingCopy chooses, among copies of one job, the one the migrated job
// follows: a scheduled copy over one a workflow calls over one nothing
// runs (a bare script copy carries none of the command line's
// variables); among copies on the same period, the one that fires last
// in it — for a job that overwrites its output, the copy whose result
// lasted and that later readers saw. Ties keep job id order.
func lastingCopy(members []*ir.Job) *ir.Job {
	best := members[0]
	for _, m := range members[1:] {
		if laterCopy(m, best) {
			best = m
		}
	}
	return best
}

func triggerRank(j *ir.Job) int {
	switch {
	case j.Trigger == nil:
		return 0
	case j.Trigger.Invalid != "":
		return 1
	case j.Trigger.Kind == ir.TriggerCron || j.Trigger.Kind == ir.TriggerDigdag:
		return 3
	case j.Trigger.Kind == ir.TriggerCalled:
		return 2
	}
	return 0
}

// laterCopy reports whether a should lead instead of b.
func laterCopy(a, b *ir.Job) bool {
	ra, rb := triggerRank(a), triggerRank(b)
	if ra != rb {
		return ra > rb
	}
	if ra != 3 || a.Trigger.Kind != ir.TriggerCron || b.Trigger.Kind != ir.TriggerCron {
		return false
	}
	ka, oka := firingKey(a.Trigger.Spec)
	kb, okb := firingKey(b.Trigger.Spec)
	return oka && okb && ka.period == kb.period && ka.at > kb.at
}

type firing struct {
	period string // the fields other than minute and hour, and which of those vary
	at     int    // minutes into the period of the single firing
}

// firingKey reads "M H dom mon dow" with one minute and one hour (daily
// and the like) or one minute and * hours (hourly): when in its period the
// job fires. Other specs are not compared.
func firingKey(spec string) (firing, bool) {
	f := strings.Fields(spec)
	if len(f) != 5 {
		return firing{}, false
	}
	m, err := strconv.Atoi(f[0])
	if err != nil {
		return firing{}, false
	}
	if f[1] == "*" {
		return firing{period: "hourly " + strings.Join(f[2:], " "), at: m}, true
	}
	h, err := strconv.Atoi(f[1])
	if err != nil {
		return firing{}, false
	}
	return firing{period: "daily " + strings.Join(f[2:], " "), at: h*60 + m}, true
}

// splitBySignature parts runs into the largest set whose leaders run the
// same kinds of steps with command lines of the same length, and the rest.
func splitBySignature(runs []*run) (major, rest []*run) {
	sig := func(r *run) string {
		var b strings.Builder
		for _, st := range r.leader.Steps {
			fmt.Fprintf(&b, "%s/%d;", st.Kind, len(st.Args))
		}
		return b.String()
	}
	count := map[string]int{}
	best := ""
	for _, r := range runs {
		k := sig(r)
		count[k]++
		if count[k] > count[best] || count[k] == count[best] && k < best {
			best = k
		}
	}
	for _, r := range runs {
		if sig(r) == best {
			major = append(major, r)
		} else {
			rest = append(rest, r)
		}
	}
	return major, rest
}

func childRelation(r *run) string {
	if len(r.members) > 1 {
		return ir.RelEquivalent
	}
	return ""
}

// align lines up the steps of one job of each run, token by token for SQL
// and word by word for commands, and makes every place where they differ
// a variable. It fails, leaving u unchanged, when the runs' jobs have a
// different number or kind of steps, or SQL that does not line up.
func (u *unit) align() bool {
	reps := make([]*ir.Job, len(u.runs))
	for i, r := range u.runs {
		reps[i] = r.leader
	}
	n := len(reps[0].Steps)
	for _, j := range reps[1:] {
		if len(j.Steps) != n {
			return false
		}
		for k := range j.Steps {
			if j.Steps[k].Kind != reps[0].Steps[k].Kind {
				return false
			}
		}
	}
	vars := &varTable{index: map[string]int{}}
	steps := make([]*template, n)
	for k := 0; k < n; k++ {
		t := &template{step: reps[0].Steps[k]}
		if isSQL(t.step) {
			texts := make([]string, len(reps))
			for i, j := range reps {
				texts[i] = j.Steps[k].SQL
			}
			sql, ok := alignSQL(texts, vars)
			if !ok {
				// The copies differ in what the inventory's canonical form
				// ignores (alias names, layout, optional words): align
				// those forms instead, as the inventory grouped them.
				canon := make([]string, len(texts))
				for i, tx := range texts {
					c, parsed := inventory.CanonicalSQL(tx)
					if !parsed {
						return false
					}
					canon[i] = c
				}
				if sql, ok = alignSQL(canon, vars); !ok {
					return false
				}
				t.canonical = true
			}
			t.sql = sql
		}
		words := make([][]string, len(reps))
		for i, j := range reps {
			words[i] = j.Steps[k].Args
		}
		args, ok := alignWords(words, vars)
		if !ok {
			return false
		}
		t.args = args
		steps[k] = t
	}
	vars.finish()
	u.steps = steps
	u.params = vars.names
	for i, r := range u.runs {
		r.values = make([]string, len(vars.cols))
		for p, col := range vars.cols {
			r.values[p] = col[i]
		}
		r.name = strings.Join(r.values, "-")
	}
	return true
}

// varTable numbers the distinct columns of varying values: the same values
// across the runs are one variable wherever they appear.
type varTable struct {
	index  map[string]int
	cols   [][]string
	hints  []string
	strong []bool
	names  []string
}

// fillFirst is a template with every variable given its first copy's
// value.
func fillFirst(t string, v *varTable) string {
	return fill(t, len(v.cols), func(i int) string { return v.cols[i][0] })
}

func (v *varTable) add(col []string, hint string, strong bool) int {
	key := strings.Join(col, "\x00")
	i, ok := v.index[key]
	if !ok {
		i = len(v.cols)
		v.index[key] = i
		v.cols = append(v.cols, col)
		v.hints = append(v.hints, "")
		v.strong = append(v.strong, false)
	}
	if h := asciiSlug(hint); h != "" && (v.hints[i] == "" || strong && !v.strong[i]) {
		v.hints[i], v.strong[i] = h, strong
	}
	return i
}

// finish names the variables: by what they were compared with where they
// were, else by the name they were part of, else p1, p2, …
func (v *varTable) finish() {
	for i, h := range v.hints {
		name := h
		if name == "" || name[0] >= '0' && name[0] <= '9' {
			name = fmt.Sprintf("p%d", i+1)
		}
		for taken(v.names, name) {
			name += "_"
		}
		v.names = append(v.names, name)
	}
}

func taken(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func mark(i int) string { return varMark + fmt.Sprint(i) + varMark }

// alignSQL lines the texts up by their tokens. Whitespace and comments may
// differ; tokens may differ only in literal values and in parts of names.
func alignSQL(texts []string, vars *varTable) (string, bool) {
	toks := make([][]hiveql.Token, len(texts))
	secrets := make([][]hiveql.Secret, len(texts))
	for i, t := range texts {
		if strings.Contains(t, varMark) {
			return "", false // the mark must be ours alone
		}
		toks[i], _, _ = hiveql.Lex([]byte(t), hiveql.Hive)
		if len(toks[i]) != len(toks[0]) {
			return "", false
		}
		secrets[i] = hiveql.Secrets([]byte(t), 0, len(t))
	}
	// A credential that differs between members would become a variable
	// whose values are written in the output: such members stay apart.
	inSecret := func(i int, tk hiveql.Token) bool {
		for _, s := range secrets[i] {
			if tk.Pos < s.To && s.From < tk.End {
				return true
			}
		}
		return false
	}
	lead := texts[0]
	var b strings.Builder
	last := 0
	for p, tok := range toks[0] {
		words := make([]string, len(texts))
		same, sameFold := true, true
		for i := range texts {
			tk := toks[i][p]
			ident := func(k hiveql.Kind) bool { return k == hiveql.Word || k == hiveql.QuotedIdent }
			if tk.Kind != tok.Kind && !(ident(tk.Kind) && ident(tok.Kind)) {
				return "", false
			}
			words[i] = texts[i][tk.Pos:tk.End]
			same = same && words[i] == words[0]
			// Keyword and identifier case, and the quoting of a plain
			// name, are cosmetic: `SELECT` and `select`, `t` and t.
			sameFold = sameFold && ident(tk.Kind) && strings.EqualFold(strings.Trim(words[i], "`"), strings.Trim(words[0], "`"))
		}
		if same || sameFold {
			continue
		}
		// A keyword never becomes a variable: copies that differ in one
		// differ in structure.
		for i := range texts {
			if toks[i][p].Kw != 0 && toks[i][p].Kind == hiveql.Word {
				return "", false
			}
		}
		for i := range texts {
			if inSecret(i, toks[i][p]) {
				return "", false
			}
		}
		var pre, suf string
		var mids []string
		switch tok.Kind {
		case hiveql.String:
			q := words[0][:1]
			pre, suf = q, q
			for _, w := range words {
				if len(w) < 2 || w[:1] != q || w[len(w)-1:] != q {
					return "", false
				}
				mids = append(mids, w[1:len(w)-1])
			}
		case hiveql.Number:
			mids = words
		case hiveql.Word, hiveql.QuotedIdent:
			var ok bool
			pre, suf, mids, ok = varying(words)
			if !ok {
				return "", false
			}
		default:
			return "", false
		}
		for _, m := range mids {
			if strings.Contains(m, "${") || strings.ContainsAny(m, "'\"`\\") {
				return "", false
			}
		}
		hint, strong := sqlHint(texts[0], toks[0], p, pre)
		i := vars.add(mids, hint, strong)
		b.WriteString(lead[last:tok.Pos])
		b.WriteString(pre + mark(i) + suf)
		last = int(tok.End)
	}
	b.WriteString(lead[last:])
	// A template must parse: filled with its first values it is one of
	// the copies, up to the cosmetic differences kept from the leader.
	if _, errs := hiveql.Parse([]byte(fillFirst(b.String(), vars)), hiveql.Hive); len(errs) > 0 {
		return "", false
	}
	return b.String(), true
}

// sqlHint names a variable after what it is compared with (store_code in
// s.store_code = 'umeda') or the name it is part of.
func sqlHint(src string, toks []hiveql.Token, p int, pre string) (string, bool) {
	text := func(i int) string { return src[toks[i].Pos:toks[i].End] }
	if p >= 2 {
		switch text(p - 1) {
		case "=", "==", ">", "<", ">=", "<=", "<>", "!=":
			switch {
			case toks[p-2].Kind == hiveql.Word:
				return strings.ToLower(text(p - 2)), true
			case text(p-2) == ")":
				// SUM(ss.sales) > 100000: named after the call, sum_sales.
				depth, last := 0, ""
				for i := p - 2; i >= 0; i-- {
					switch text(i) {
					case ")":
						depth++
					case "(":
						depth--
					}
					if depth > 0 && last == "" && toks[i].Kind == hiveql.Word {
						last = text(i)
					}
					if depth == 0 {
						if i > 0 && toks[i-1].Kind == hiveql.Word && last != "" {
							return strings.ToLower(text(i-1) + "_" + last), true
						}
						break
					}
				}
			}
		}
	}
	if pre = strings.Trim(pre, "._-/`"); pre != "" {
		if i := strings.LastIndexAny(pre, "._/"); i >= 0 {
			pre = pre[i+1:]
		}
		return strings.ToLower(pre), false
	}
	return "", false
}

// alignWords lines command words up one by one.
func alignWords(words [][]string, vars *varTable) ([]string, bool) {
	n := len(words[0])
	for _, w := range words[1:] {
		if len(w) != n {
			return nil, false
		}
	}
	out := make([]string, n)
	for p := 0; p < n; p++ {
		col := make([]string, len(words))
		same := true
		for i := range words {
			if strings.Contains(words[i][p], varMark) {
				return nil, false
			}
			col[i] = words[i][p]
			same = same && col[i] == col[0]
		}
		if same {
			out[p] = col[0]
			continue
		}
		pre, suf, mids, ok := varying(col)
		if !ok {
			return nil, false
		}
		hint := ""
		if p > 0 && strings.HasPrefix(words[0][p-1], "-") {
			hint = strings.TrimLeft(words[0][p-1], "-")
		}
		out[p] = pre + mark(vars.add(mids, hint, false)) + suf
	}
	return out, true
}

// varying splits words into a shared prefix and suffix, cut at separators
// so that a part of a name is never split, and the differing middles.
func varying(words []string) (pre, suf string, mids []string, ok bool) {
	pre, suf = words[0], words[0]
	for _, w := range words[1:] {
		pre = commonPrefix(pre, w)
		suf = commonSuffix(suf, w)
	}
	for len(pre) > 0 && !isSep(pre[len(pre)-1]) {
		pre = pre[:len(pre)-1]
	}
	for len(suf) > 0 && !isSep(suf[0]) {
		suf = suf[1:]
	}
	for _, w := range words {
		if len(pre)+len(suf) >= len(w) {
			return "", "", nil, false
		}
		mids = append(mids, w[len(pre):len(w)-len(suf)])
	}
	return pre, suf, mids, true
}

func isSep(c byte) bool {
	return c == '.' || c == '_' || c == '/' || c == '-' || c == ':' || c == '=' || c == '`' || c == '\'' || c == '"'
}

func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a[:n]
}

func commonSuffix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return a[len(a)-n:]
}

func isSQL(st *ir.Step) bool { return st.Kind == ir.StepHiveSQL || st.Kind == ir.StepSparkSQL }

// name gives every unit a file-name-safe name from its leader: the script
// or workflow it runs, without what differs between its runs. Clashes are
// broken by host, then by a number, in leader order.
func name(us []*unit) {
	used := map[string]bool{}
	for _, u := range us {
		cands := make([]string, len(u.runs))
		for i, r := range u.runs {
			cands[i] = baseName(r.leader)
		}
		base := cands[0]
		if len(cands) > 1 {
			if pre, suf, _, ok := varying(cands); ok {
				base = strings.Trim(pre, "_-.")
				if s := strings.Trim(suf, "_-."); s != "" {
					if base != "" {
						base += "_"
					}
					base += s
				}
			}
			if base == "" {
				base = cands[0]
			}
		}
		n := base
		if used[n] {
			n = base + "_" + slug(u.leader.Host)
		}
		for i := 2; used[n]; i++ {
			n = fmt.Sprintf("%s_%s_%d", base, slug(u.leader.Host), i)
		}
		used[n] = true
		u.name = n
	}
}

// baseName is what a job is called on its host: the workflow's project and
// name, the script a crontab line runs, or the file itself.
func baseName(j *ir.Job) string {
	file, line, _ := strings.Cut(strings.TrimPrefix(j.ID, j.Host+":"), "#")
	_ = line
	switch {
	case strings.HasSuffix(file, ".dig"):
		dir := path.Base(path.Dir(file))
		b := strings.TrimSuffix(path.Base(file), ".dig")
		if dir != "/" && dir != "." && !strings.HasPrefix(b, dir) {
			return slug(dir + "_" + b)
		}
		return slug(b)
	case j.Trigger != nil && j.Trigger.Kind == ir.TriggerCron:
		for _, st := range j.Steps {
			if st.InvokedAt != nil && j.Trigger.At != nil && st.InvokedAt.Path != j.Trigger.At.Path {
				return slug(strings.TrimSuffix(path.Base(st.InvokedAt.Path), path.Ext(st.InvokedAt.Path)))
			}
		}
		for _, st := range j.Steps {
			if len(st.Outputs) > 0 {
				return slug(st.Outputs[0])
			}
		}
		if i := strings.LastIndexByte(file, ':'); i >= 0 {
			return slug(path.Base(file[:i]) + "_" + file[i+1:])
		}
	}
	return slug(strings.TrimSuffix(path.Base(file), path.Ext(file)))
}

// slug keeps letters and digits of any script (lower case) and _; other
// runs become one _. It is at most maxName bytes (a long name keeps its
// start and a hash of the whole), and never empty.
func slug(s string) string {
	var b strings.Builder
	us := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			us = false
		} else if !us && b.Len() > 0 {
			b.WriteByte('_')
			us = true
		}
	}
	out := strings.TrimRight(b.String(), "_")
	if out == "" {
		return "job"
	}
	return capName(out, s)
}

// asciiSlug keeps ASCII letters, digits and _ (lower case); other runs
// become one _. It names what must be an ASCII identifier (variables,
// Digdag tasks, Secrets Manager names) and may be empty.
func asciiSlug(s string) string {
	var b strings.Builder
	us := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			us = false
		} else if !us && b.Len() > 0 {
			b.WriteByte('_')
			us = true
		}
	}
	return strings.TrimRight(b.String(), "_")
}

// maxName bounds a name taken from the estate: file systems allow 255
// bytes per path element, and people read the first few words anyway.
const maxName = 96

// capName shortens name to maxName bytes on a rune boundary, adding a hash
// of the original so that two long names stay apart.
func capName(name, original string) string {
	if len(name) <= maxName {
		return name
	}
	cut := maxName - 9
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	sum := sha256.Sum256([]byte(original))
	return strings.TrimRight(name[:cut], "_.-") + "_" + hex.EncodeToString(sum[:4])
}

// fileName makes a table or database name (which backquotes let hold
// anything) a readable, portable file name: letters and digits of any
// script, _, - and . inside; anything else becomes _, and a name that had
// to change gets a hash of the original so that "a b" and "a_b" stay two
// files.
func fileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			b.WriteRune(r)
		case (r == '-' || r == '.') && b.Len() > 0:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := b.String()
	for strings.Contains(out, "..") {
		out = strings.ReplaceAll(out, "..", "_")
	}
	if out == "" || out != s {
		sum := sha256.Sum256([]byte(s))
		out += "-" + hex.EncodeToString(sum[:3])
	}
	return capName(out, s)
}
