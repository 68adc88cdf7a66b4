package emit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/plan"
)

// tableWrite is one INSERT of a legacy step: the table, its static
// partition values (a variable value is "" — it may be any), and whether
// it overwrites.
type tableWrite struct {
	table     string
	parts     map[string]string
	overwrite bool
}

// stepWrites reads the INSERT targets of a step's SQL.
func (e *emitter) stepWrites(st *ir.Step) []tableWrite {
	if st.SQL == "" || !st.RunsSQL() {
		return nil
	}
	f := e.parseSQL(st.SQL).file
	db := "default"
	var out []tableWrite
	for _, s := range f.Statements {
		var targets []*hiveql.InsertTarget
		switch x := s.Stmt.(type) {
		case *hiveql.UseStmt:
			db = strings.ToLower(x.DB.Name)
		case *hiveql.InsertStmt:
			targets = append(targets, x.Target)
		case *hiveql.MultiInsertStmt:
			for _, b := range x.Bodies {
				targets = append(targets, b.Target)
			}
		}
		for _, t := range targets {
			if t == nil || t.Table == nil {
				continue
			}
			w := tableWrite{table: t.Table.Qualified(db), parts: map[string]string{}, overwrite: t.Overwrite}
			for _, pv := range t.Partition {
				v := ""
				if lit, ok := pv.Value.(*hiveql.StringLit); ok && !strings.Contains(lit.Value(), "${") {
					v = lit.Value()
				} else if n, ok := pv.Value.(*hiveql.NumberLit); ok {
					v = n.Raw
				}
				if pv.Name != nil {
					w.parts[strings.ToLower(pv.Name.Name)] = v
				}
			}
			out = append(out, w)
		}
	}
	return out
}

// disjoint reports whether two writes of one table can never touch the
// same partition: a partition column both give a different literal.
func disjoint(a, b tableWrite) bool {
	for k, va := range a.parts {
		if vb, ok := b.parts[k]; ok && va != "" && vb != "" && va != vb {
			return true
		}
	}
	return false
}

// writer is a legacy job writing a table, and the canonical job replacing it.
type writer struct {
	job  *ir.Job
	unit *plan.Job
	w    tableWrite
}

// checkWriters finds tables (partitions) written by more than one
// canonical job: in the legacy estate the result was whichever ran last;
// migrated, both keep running on their schedules. Each is a review item
// on every writer, with the legacy writers, their schedules and which
// result lasted.
func (e *emitter) checkWriters() {
	byTable := map[string][]writer{}
	parsed := map[string][]tableWrite{} // copies share their text: parse it once
	for _, u := range e.units {
		for _, m := range u.Members {
			for _, st := range m.Steps {
				ws, ok := parsed[st.Kind+"\x00"+st.SQL]
				if !ok {
					ws = e.stepWrites(st)
					parsed[st.Kind+"\x00"+st.SQL] = ws
				}
				for _, w := range ws {
					byTable[w.table] = append(byTable[w.table], writer{job: m, unit: u, w: w})
				}
			}
		}
	}
	tables := make([]string, 0, len(byTable))
	for t := range byTable {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		ws := byTable[t]
		// Writers of other canonical jobs that may touch the same partition.
		conflict := map[*plan.Job]bool{}
		for i := range ws {
			for j := range ws {
				if ws[i].unit != ws[j].unit && (ws[i].w.overwrite || ws[j].w.overwrite) && !disjoint(ws[i].w, ws[j].w) {
					conflict[ws[i].unit] = true
				}
			}
		}
		if len(conflict) < 2 {
			continue
		}
		var units []*plan.Job
		for u := range conflict {
			units = append(units, u)
		}
		sort.Slice(units, func(i, j int) bool { return units[i].Name < units[j].Name })
		var desc []string
		last, lastAt, period, comparable := "", -1, "", true
		for _, u := range units {
			for _, w := range ws {
				if w.unit != u {
					continue
				}
				desc = append(desc, fmt.Sprintf("%s → %s (%s)", w.job.ID, u.Name, triggerText(w.job.Trigger)))
				k, ok := plan.Firing{}, false
				if w.job.Trigger != nil && w.job.Trigger.Kind == ir.TriggerCron {
					k, ok = plan.FiringKey(w.job.Trigger.Spec)
				}
				switch {
				case !ok || period != "" && k.Period != period:
					comparable = false
				case k.At > lastAt:
					last, lastAt, period = w.job.ID, k.At, k.Period
				}
			}
		}
		desc = dedupe(desc)
		lasted := "which run's result lasted depends on the order they ran in"
		if last != "" && comparable {
			lasted = "in the legacy estate the result that lasted was " + last + "'s, the last to run"
		}
		for _, u := range units {
			e.review(&ReviewItem{Severity: "warning", Job: u.Name, At: u.Leader.ID, Rule: "conflicting-writers",
				Message: fmt.Sprintf("%s is written by %d canonical jobs: %s; %s; decide which one the migration keeps", t, len(units), strings.Join(desc, ", "), lasted)})
		}
	}
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
