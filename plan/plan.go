// Package plan decides the canonical jobs of a migration, once, from the
// inventory: which legacy jobs one emitted job replaces (the inventory's
// identical, equivalent and parametric job groups, split where their
// steps do not line up), the step templates with what differs between
// copies made into variables (literals and parts of names, never
// keywords, layout or comments: templates are aligned on Hive's tokens,
// hiveql.Lex), the runs with their values, leaders and schedules, and
// the names. emit lays a plan out as files; it decides none of this.
package plan

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

// Job is one canonical job: the legacy jobs one emitted job replaces.
// Its steps are the leader's, with what differs between the runs made
// into variables; each run is one set of values and the jobs that ran
// with them.
type Job struct {
	Name     string
	Group    *ir.Group // the topmost job group, nil for a job of its own
	Leader   *ir.Job
	Members  []*ir.Job
	Runs     []*Run
	Params   []string    // variable names, in the order of run.values
	Steps    []*Template // one per leader step
	Wave     int
	Relation string // identical, equivalent, parametric, or "" for one job
	// Refused says why the inventory's group this unit came from was not
	// merged into one canonical job ("" when it was, or had no group);
	// splitFrom is that group.
	Refused   string
	SplitFrom *ir.Group
}

// Run is one set of parameter values and the legacy jobs that ran with it.
type Run struct {
	Name    string // the values joined, or "" for the only run
	Values  []string
	Members []*ir.Job
	Leader  *ir.Job // the copy whose text and command line the run takes
	Timing  *ir.Job // the copy whose trigger the run keeps (lastingCopy)
}

// Template is a leader step with its varying parts marked: in SQL and in
// args, a variable is written as Mark(index).
type Template struct {
	// Canonical is set when sql is the copies' Canonical form (alias names
	// and layout normalised, comments gone) rather than the leader's text.
	Canonical bool
	Step      *ir.Step
	SQL       string   // the SQL with variables (SQL steps)
	Args      []string // the args with variables
}

// VarMark delimits a variable's index in a template's SQL and args:
// VarMark + index + VarMark (Mark). A NUL never stands in SQL as run.
const VarMark = "\x00"

// Jobs partitions the live jobs into canonical jobs: every job of a
// topmost identical, equivalent or parametric job group is replaced by
// one job; other jobs stand alone. A parametric group whose members'
// steps do not line up token by token is split into its runs, each a
// canonical job of its own, so that nothing is merged on a guess.
func Jobs(inv *inventory.Inventory, dropDead bool) []*Job {
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
	byTop := map[string]*Job{}
	var out []*Job
	for _, j := range inv.Jobs {
		if j.Dead && dropDead || len(j.Steps) == 0 {
			continue
		}
		t := top(j)
		if t == nil {
			out = append(out, &Job{Leader: j, Members: []*ir.Job{j}, Runs: []*Run{{Members: []*ir.Job{j}, Leader: j, Timing: j}}})
			continue
		}
		u := byTop[t.ID]
		if u == nil {
			u = &Job{Group: t, Relation: t.Relation}
			byTop[t.ID] = u
			out = append(out, u)
		}
		u.Members = append(u.Members, j)
	}
	var final []*Job
	for _, u := range out {
		if u.Group == nil {
			final = append(final, u)
			continue
		}
		// Jobs are sorted by id, so members and runs are too.
		u.Leader = u.Members[0]
		runOf := map[string]*Run{}
		for _, j := range u.Members {
			key := child(j, u.Group)
			if u.Group.Relation != ir.RelParametric {
				key = ""
			}
			// A Digdag copy passing values computed at run time
			// (${session_date}) is not in the run of a cron copy passing
			// its script's (${DT}): one workflow cannot give both their
			// dates, so each kind is a run of its own.
			if IsWorkflow(j) && passesRunTimeValues(j) {
				key += "\x00digdag"
			}
			r := runOf[key]
			if r == nil {
				r = &Run{Leader: j}
				runOf[key] = r
				u.Runs = append(u.Runs, r)
			}
			r.Members = append(r.Members, j)
		}
		// Each run is led by the copy whose schedule the canonical job
		// keeps (see lastingCopy); the unit by its first run's.
		for _, r := range u.Runs {
			r.Leader, r.Timing = textCopy(r.Members), lastingCopy(r.Members)
			if IsWorkflow(r.Leader) {
				r.Timing = r.Leader // a workflow keeps the schedule of the file it rewrites
			}
		}
		u.Leader = u.Runs[0].Leader
		if len(u.Runs) > 1 && !u.align() {
			// The runs that run the same steps the same way (a bare
			// script copy nothing runs has no command line) may still
			// merge; the others stand alone, each with the reason.
			major, rest := splitBySignature(u.Runs)
			why := func(n int) string {
				return fmt.Sprintf("the inventory groups it (%s) with %d other copies, but it runs other steps, or its text differs in more than values (a keyword, an operator, a credential): it is migrated as a job of its own", u.Group.ID, n)
			}
			if len(major) > 1 && len(rest) > 0 {
				v := &Job{Group: u.Group, Relation: u.Relation, Runs: major}
				for _, r := range major {
					v.Members = append(v.Members, r.Members...)
				}
				sort.Slice(v.Members, func(i, j int) bool { return v.Members[i].ID < v.Members[j].ID })
				v.Leader = major[0].Leader
				if v.align() {
					final = append(final, v)
					for _, r := range rest {
						final = append(final, &Job{Leader: r.Leader, Members: r.Members, Runs: []*Run{{Members: r.Members, Leader: r.Leader, Timing: r.Timing}}, Relation: childRelation(r), Refused: why(len(u.Runs) - 1), SplitFrom: u.Group})
					}
					continue
				}
			}
			for _, r := range u.Runs {
				final = append(final, &Job{Leader: r.Leader, Members: r.Members, Runs: []*Run{{Members: r.Members, Leader: r.Leader, Timing: r.Timing}}, Relation: childRelation(r), Refused: why(len(u.Runs) - 1), SplitFrom: u.Group})
			}
			continue
		}
		if parts := byWrapper(u); parts != nil {
			final = append(final, parts...)
			continue
		}
		final = append(final, u)
	}
	for _, u := range final {
		if u.Steps == nil {
			for _, st := range u.Leader.Steps {
				u.Steps = append(u.Steps, &Template{Step: st, SQL: st.SQL, Args: st.Args})
			}
		}
		if u.Relation == "" && len(u.Members) > 1 {
			u.Relation = ir.RelEquivalent
		}
		u.Wave = wave[u.Leader.ID]
		for _, m := range u.Members {
			if w, ok := wave[m.ID]; ok && (u.Wave == 0 || w < u.Wave) {
				u.Wave = w
			}
		}
	}
	sort.Slice(final, func(i, k int) bool { return final[i].Leader.ID < final[k].Leader.ID })
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
	ka, oka := FiringKey(a.Trigger.Spec)
	kb, okb := FiringKey(b.Trigger.Spec)
	return oka && okb && ka.Period == kb.Period && ka.At > kb.At
}

// Firing is when in its period (hourly or daily, with the same other
// fields) a cron schedule fires.
type Firing struct {
	Period string // the fields other than minute and hour, and which of those vary
	At     int    // minutes into the period of the single firing
}

// FiringKey reads "M H dom mon dow" with one minute and one hour (daily
// and the like) or one minute and * hours (hourly): when in its period the
// job fires. Other specs are not compared.
func FiringKey(spec string) (Firing, bool) {
	f := strings.Fields(spec)
	if len(f) != 5 {
		return Firing{}, false
	}
	m, err := strconv.Atoi(f[0])
	if err != nil {
		return Firing{}, false
	}
	if f[1] == "*" {
		return Firing{Period: "hourly " + strings.Join(f[2:], " "), At: m}, true
	}
	h, err := strconv.Atoi(f[1])
	if err != nil {
		return Firing{}, false
	}
	return Firing{Period: "daily " + strings.Join(f[2:], " "), At: h*60 + m}, true
}

// splitBySignature parts runs into the largest set whose leaders run the
// same kinds of steps with command lines of the same length, and the rest.
func splitBySignature(runs []*Run) (major, rest []*Run) {
	sig := func(r *Run) string {
		var b strings.Builder
		for _, st := range r.Leader.Steps {
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

func childRelation(r *Run) string {
	if len(r.Members) > 1 {
		return ir.RelEquivalent
	}
	return ""
}

// align lines up the steps of one job of each run, token by token for SQL
// and word by word for commands, and makes every place where they differ
// a variable. It fails, leaving u unchanged, when the runs' jobs have a
// different number or kind of steps, or SQL that does not line up.
func (u *Job) align() bool {
	reps := make([]*ir.Job, len(u.Runs))
	for i, r := range u.Runs {
		reps[i] = r.Leader
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
	steps := make([]*Template, n)
	for k := 0; k < n; k++ {
		t := &Template{Step: reps[0].Steps[k]}
		if t.Step.RunsSQL() {
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
				t.Canonical = true
			}
			t.SQL = sql
		}
		words := make([][]string, len(reps))
		for i, j := range reps {
			words[i] = j.Steps[k].Args
		}
		args, ok := alignWords(words, vars)
		if !ok {
			return false
		}
		t.Args = args
		steps[k] = t
	}
	vars.finish()
	u.Steps = steps
	u.Params = vars.names
	for i, r := range u.Runs {
		r.Values = make([]string, len(vars.cols))
		for p, col := range vars.cols {
			r.Values[p] = col[i]
		}
		r.Name = runName(r.Values)
	}
	return true
}

// runName is the values that tell a run from the others, joined. A value
// computed when the job runs (${DT}, a Digdag ${session_date} or
// ${moment(…)}) is named by its words: a name is a label in step names,
// task names and the manifest, never a template to fill.
func runName(values []string) string {
	parts := make([]string, len(values))
	for i, v := range values {
		if strings.Contains(v, "${") {
			if v = ASCIISlug(v); v == "" {
				v = "value"
			}
		}
		parts[i] = v
	}
	return strings.Join(parts, "-")
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
	return Fill(t, len(v.cols), func(i int) string { return v.cols[i][0] })
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
	if h := ASCIISlug(hint); h != "" && (v.hints[i] == "" || strong && !v.strong[i]) {
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

// Mark is how variable i is written in a template.
func Mark(i int) string { return VarMark + fmt.Sprint(i) + VarMark }

// alignSQL lines the texts up by their tokens. Whitespace and comments may
// differ; tokens may differ only in literal values and in parts of names.
func alignSQL(texts []string, vars *varTable) (string, bool) {
	toks := make([][]hiveql.Token, len(texts))
	secrets := make([][]hiveql.Secret, len(texts))
	for i, t := range texts {
		if strings.Contains(t, VarMark) {
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
		b.WriteString(pre + Mark(i) + suf)
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
			if strings.Contains(words[i][p], VarMark) {
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
		out[p] = pre + Mark(vars.add(mids, hint, false)) + suf
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

// name gives every unit a file-name-safe name from its leader: the script
// or workflow it runs, without what differs between its runs. Clashes are
// broken by host, then by a number, in leader order.
func name(us []*Job) {
	used := map[string]bool{}
	for _, u := range us {
		cands := make([]string, len(u.Runs))
		for i, r := range u.Runs {
			cands[i] = baseName(r.Leader)
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
			n = base + "_" + slug(u.Leader.Host)
		}
		for i := 2; used[n]; i++ {
			n = fmt.Sprintf("%s_%s_%d", base, slug(u.Leader.Host), i)
		}
		used[n] = true
		u.Name = n
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

// ASCIISlug keeps ASCII letters, digits and _ (lower case); other runs
// become one _. It names what must be an ASCII identifier (variables,
// Digdag tasks, Secrets Manager names) and may be empty.
func ASCIISlug(s string) string {
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

// FileName makes a table or database name (which backquotes let hold
// anything) a readable, portable file name: letters and digits of any
// script, _, - and . inside; anything else becomes _, and a name that had
// to change gets a hash of the original so that "a b" and "a_b" stay two
// files.
func FileName(s string) string {
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

// Fill replaces variable marks with f(index), for indexes below n; any
// other NUL-delimited text (a NUL byte in a legacy file) is left as it is.
func Fill(s string, n int, f func(int) string) string {
	if !strings.Contains(s, VarMark) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, VarMark)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i+1:], VarMark)
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		k, err := strconv.Atoi(s[i+1 : i+1+j])
		if err != nil || k < 0 || k >= n {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(f(k))
		s = s[i+1+j+1:]
	}
}

// UsedVars lists the variable indexes s refers to, in order.
func UsedVars(s string, n int) []int {
	var out []int
	seen := map[int]bool{}
	Fill(s, n, func(i int) string {
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
		return ""
	})
	sort.Ints(out)
	return out
}

// IsWorkflow reports whether j is a Digdag workflow (host:/path/x.dig, or
// one of its tasks).
func IsWorkflow(j *ir.Job) bool {
	file, _, _ := strings.Cut(strings.TrimPrefix(j.ID, j.Host+":"), "#")
	return strings.HasSuffix(file, ".dig")
}

// byWrapper gives a canonical job whose copies run under Digdag and under
// cron or a script, and pass a value computed at run time in their own
// ways (${session_date} in the workflow, ${DT} from the script's date
// command), a cron- or script-run copy as its leader: each run's own
// values then reach its workflow (a script's date becomes a Digdag
// expression; a workflow's stays as written), where rewriting the
// leading workflow for every run gave the cron copies the workflow's
// dates. It never splits the job; nil when there is nothing to change.
func byWrapper(u *Job) []*Job {
	if len(u.Runs) < 2 || !IsWorkflow(u.Runs[0].Leader) || !runTimeDiffers(u) {
		return nil
	}
	k := -1
	for i, r := range u.Runs {
		if !IsWorkflow(r.Leader) {
			k = i
			break
		}
	}
	if k < 0 {
		return nil
	}
	runs := append([]*Run{u.Runs[k]}, append(append([]*Run{}, u.Runs[:k]...), u.Runs[k+1:]...)...)
	v := &Job{Group: u.Group, Relation: u.Relation, Members: u.Members, Runs: runs, Leader: runs[0].Leader}
	if !v.align() {
		u.align() // the runs' values as they were
		return nil
	}
	return []*Job{v}
}

// runTimeDiffers reports whether a variable of an aligned job holds
// different values computed at run time in different runs.
func runTimeDiffers(u *Job) bool {
	for p := range u.Params {
		seen := ""
		for _, r := range u.Runs {
			if p >= len(r.Values) || !strings.Contains(r.Values[p], "${") {
				continue
			}
			if seen != "" && r.Values[p] != seen {
				return true
			}
			seen = r.Values[p]
		}
	}
	return false
}

// passesRunTimeValues reports whether a job's command lines pass a value
// computed when it runs (a ${…} in an argument).
func passesRunTimeValues(j *ir.Job) bool {
	for _, st := range j.Steps {
		for _, a := range st.Args {
			if strings.Contains(a, "${") {
				return true
			}
		}
	}
	return false
}
