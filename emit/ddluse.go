package emit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/parser/hiveql"
)

// ddlContradictions checks every table the estate defines against how its
// jobs use it: an INSERT naming other partition columns (or none, or some
// where the table has none), a SELECT feeding it another number of
// columns, a reference alias.column to a column the definition lacks. A
// definition contradicted by use is stale: the live one is in the legacy
// metastore. It returns, per table, the first contradictions with their
// places.
func (e *emitter) ddlContradictions() map[string][]string {
	e.contradictedOnce.Do(func() { e.contradicted = e.findContradictions() })
	return e.contradicted
}

// staleTables is ddlContradictions as translate.Options.Stale wants it.
func (e *emitter) staleTables() map[string]string {
	e.staleOnce.Do(func() {
		e.stale = map[string]string{}
		for t, why := range e.ddlContradictions() {
			e.stale[t] = strings.Join(why, "; ")
		}
	})
	return e.stale
}

func (e *emitter) findContradictions() map[string][]string {
	defs := e.tableDefs()
	out := map[string][]string{}
	said := map[string]bool{}
	add := func(t, msg string) {
		// One example of each contradiction: the place, then what.
		_, what, _ := strings.Cut(msg, " ")
		if key := t + "\x00" + what; !said[key] {
			said[key] = true
			out[t] = append(out[t], msg)
		}
	}
	seen := map[string]bool{}
	for _, j := range e.inv.Jobs {
		for _, st := range j.Steps {
			if !st.RunsSQL() || st.SQL == "" || seen[st.SQL] {
				continue
			}
			seen[st.SQL] = true
			parsed := e.parseSQL(st.SQL)
			f, li := parsed.file, parsed.lines
			at := func(p hiveql.Pos) string {
				line, _ := li.Position(p)
				return fmt.Sprintf("%s:%s:%d", st.Source.Host, st.Source.Path, line+st.Source.Line-1)
			}
			db := "default"
			for _, s := range f.Statements {
				if u, ok := s.Stmt.(*hiveql.UseStmt); ok {
					db = strings.ToLower(u.DB.Name)
					continue
				}
				if _, ok := s.Stmt.(*hiveql.CreateTableStmt); ok {
					continue // a definition, not a use
				}
				for _, ins := range inserts(s.Stmt) {
					t := ins.target.Table.Qualified(db)
					d := defs[t]
					if d == nil {
						continue
					}
					var named, dynamic []string
					for _, pv := range ins.target.Partition {
						named = append(named, strings.ToLower(pv.Name.Name))
						if pv.Value == nil {
							dynamic = append(dynamic, pv.Name.Name)
						}
					}
					if !sameSet(named, d.partitions) {
						add(t, fmt.Sprintf("%s writes it with PARTITION (%s), the definition has %s", at(ins.target.Pos()), orDefault(strings.Join(named, ", "), "none"), partitionsText(d.partitions)))
					}
					if n, ok := selectArity(ins.query); ok && len(ins.target.Columns) == 0 && n != len(d.columns)+len(dynamic) {
						add(t, fmt.Sprintf("%s inserts %d columns, the definition has %d data columns", at(ins.target.Pos()), n, len(d.columns)))
					}
				}
				// alias.column references to columns the definition lacks.
				aliases := map[string]string{}
				ambiguous := map[string]bool{}
				hiveql.Inspect(s.Stmt, func(n hiveql.Node) bool {
					if tn, ok := n.(*hiveql.TableName); ok && tn.Name != nil {
						t := tn.Name.Qualified(db)
						a := strings.ToLower(tn.Name.Parts[len(tn.Name.Parts)-1].Name)
						if tn.Alias != nil {
							a = strings.ToLower(tn.Alias.Name)
						}
						if prev, ok := aliases[a]; ok && prev != t {
							ambiguous[a] = true
						}
						aliases[a] = t
					}
					return true
				})
				hiveql.Inspect(s.Stmt, func(n hiveql.Node) bool {
					c, ok := n.(*hiveql.ColumnRef)
					if !ok || len(c.Parts) != 2 {
						return true
					}
					a := strings.ToLower(c.Parts[0].Name)
					t, ok := aliases[a]
					d := defs[t]
					if !ok || ambiguous[a] || d == nil {
						return true
					}
					col := strings.ToLower(c.Parts[1].Name)
					if !containsFold(d.columns, col) && !containsFold(d.partitions, col) {
						add(t, fmt.Sprintf("%s reads %s.%s, a column the definition lacks", at(c.Pos()), c.Parts[0].Name, c.Parts[1].Name))
					}
					return true
				})
			}
		}
	}
	// Partitions and column counts first: they break every write.
	for t, msgs := range out {
		sort.SliceStable(msgs, func(i, j int) bool {
			return !strings.Contains(msgs[i], " reads ") && strings.Contains(msgs[j], " reads ")
		})
		if len(msgs) > 4 {
			msgs = msgs[:4]
		}
		out[t] = msgs
	}
	return out
}

type insertUse struct {
	target *hiveql.InsertTarget
	query  *hiveql.Query // nil for a multi-insert body
}

func inserts(s hiveql.Stmt) []insertUse {
	var out []insertUse
	switch x := s.(type) {
	case *hiveql.InsertStmt:
		if x.Target != nil && x.Target.Table != nil {
			out = append(out, insertUse{target: x.Target, query: x.Query})
		}
	case *hiveql.MultiInsertStmt:
		for _, b := range x.Bodies {
			if b.Target != nil && b.Target.Table != nil {
				out = append(out, insertUse{target: b.Target})
			}
		}
	}
	return out
}

// selectArity is the number of columns a query's SELECT gives, when it is
// one SELECT without * (a UNION or a star is not counted).
func selectArity(q *hiveql.Query) (int, bool) {
	if q == nil {
		return 0, false
	}
	sel, ok := q.Body.(*hiveql.Select)
	if !ok || sel.Transform != nil {
		return 0, false
	}
	n := 0
	for _, it := range sel.Items {
		if _, star := it.X.(*hiveql.Star); star || len(it.Aliases) > 0 {
			return 0, false
		}
		n++
	}
	return n, n > 0
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !containsFold(b, x) {
			return false
		}
	}
	return true
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func partitionsText(parts []string) string {
	if len(parts) == 0 {
		return "no partitions"
	}
	return "PARTITIONED BY (" + strings.Join(parts, ", ") + ")"
}
