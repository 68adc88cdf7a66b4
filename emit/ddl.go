package emit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/plan"
	"github.com/sparkport/sparkport/translate"
)

// tableDDL is a table definition found in the estate.
type tableDDL struct {
	table      string // db.table, lower case
	text       string // the statement as written
	at         string // host:path:line
	partitions []string
	columns    []string // data columns, in order (no partition columns)
	// maps are the data columns of MAP type; nestedMap says a MAP sits
	// inside another type. Spark refuses to hash either as they are
	// (DATATYPE_MISMATCH.HASH_MAP_TYPE), which the validate/ checksums do.
	maps      []string
	nestedMap bool
}

// tableDefs is collectDDL, computed once: planning (sqoop exports) and
// emitDDL both read it.
func (e *emitter) tableDefs() map[string]*tableDDL {
	e.ddlOnce.Do(func() { e.ddl = e.collectDDL() })
	return e.ddl
}

// collectDDL finds every CREATE TABLE with columns in the estate's SQL,
// the first by step id for each table. CREATE TABLE AS SELECT and LIKE
// are left to the jobs that run them.
func (e *emitter) collectDDL() map[string]*tableDDL {
	out := map[string]*tableDDL{}
	e.insertParts = map[string][]string{}
	seen := map[string]bool{}
	for _, j := range e.inv.Jobs {
		for _, st := range j.Steps {
			if !st.RunsSQL() || st.SQL == "" || seen[st.SQL] {
				continue
			}
			seen[st.SQL] = true
			parsed := e.parseSQL(st.SQL)
			f, li := parsed.file, parsed.lines
			db := "default"
			for _, s := range f.Statements {
				// INSERT ... PARTITION (k) names a table's partition
				// columns even where its DDL is not in the estate.
				hiveql.Inspect(s.Stmt, func(n hiveql.Node) bool {
					if it, ok := n.(*hiveql.InsertTarget); ok && it.Table != nil && len(it.Partition) > 0 {
						name := it.Table.Qualified(db)
						if e.insertParts[name] == nil {
							for _, pv := range it.Partition {
								e.insertParts[name] = append(e.insertParts[name], strings.ToLower(pv.Name.Name))
							}
						}
					}
					return true
				})
				switch x := s.Stmt.(type) {
				case *hiveql.UseStmt:
					db = strings.ToLower(x.DB.Name)
				case *hiveql.CreateTableStmt:
					if x.Temporary || x.Query != nil || x.Like != nil || len(x.Columns) == 0 || x.Name == nil {
						continue
					}
					name := x.Name.Qualified(db)
					if strings.Contains(name, "${") || out[name] != nil {
						continue
					}
					line, _ := li.Position(s.Pos())
					d := &tableDDL{table: name, text: st.SQL[s.Pos():s.End], at: fmt.Sprintf("%s:%s:%d", st.Source.Host, st.Source.Path, line+st.Source.Line-1)}
					for _, c := range x.PartitionedBy {
						d.partitions = append(d.partitions, strings.ToLower(c.Name.Name))
					}
					for _, c := range x.Columns {
						if c.Name != nil {
							d.columns = append(d.columns, c.Name.Name)
							if c.Type != nil && c.Type.Name == "MAP" {
								d.maps = append(d.maps, c.Name.Name)
							} else if hasMap(c.Type) {
								d.nestedMap = true
							}
						}
					}
					if len(x.Name.Parts) == 1 && strings.Count(name, ".") == 1 && !strings.Contains(x.Name.Parts[0].Name, ".") {
						// Unqualified: it was created in the database of a
						// USE; the definition names it in full. The parsed
						// tree is shared (parseSQL), so a copy is renamed.
						named := *x
						named.Name = &hiveql.Name{Span: x.Name.Span, Parts: append([]*hiveql.Ident{{Name: db}}, x.Name.Parts...)}
						d.text = hiveql.PrintStmt(&named, hiveql.Hive)
					}
					out[d.table] = d
				}
			}
		}
	}
	return out
}

// emitDDL writes ddl/<db>.sql: the database on its layer's S3 prefix and
// the tables defined in the estate, translated (locations mapped, storage
// settled); tables the estate uses but never defines are listed for a
// person to take from the legacy metastore.
func (e *emitter) emitDDL() {
	ddl := e.tableDefs()
	tables := map[string]bool{}
	for _, n := range e.inv.Lineage.Nodes {
		if n.Kind == "table" && !strings.Contains(n.ID, "${") {
			tables[n.ID] = true
		}
	}
	for t := range ddl {
		tables[t] = true
	}
	byDB := map[string][]string{}
	for t := range tables {
		db, _, ok := strings.Cut(t, ".")
		if !ok {
			continue
		}
		byDB[db] = append(byDB[db], t)
	}
	// DDL is translated without the per-script prologue: it sets session
	// options, which mean nothing to a table definition.
	cfg := *e.cfg
	cfg.TimeZone, cfg.ANSI = "", true
	contradicted := e.ddlContradictions()
	missing := 0
	for _, db := range sortedKeys(byDB) {
		list := byDB[db]
		sort.Strings(list)
		var b strings.Builder
		fmt.Fprintf(&b, "-- sparkport: Glue Data Catalog definitions for database %s\n", db)
		if l, ok := e.cfg.DatabaseLocation(db); ok {
			fmt.Fprintf(&b, "CREATE DATABASE IF NOT EXISTS %s LOCATION %s;\n", hiveql.IdentText(db), sqlString(l))
		} else {
			fmt.Fprintf(&b, "-- no databases: pattern of the config matches %s: its tables keep the locations below\nCREATE DATABASE IF NOT EXISTS %s;\n", db, hiveql.IdentText(db))
		}
		var undefined []string
		for _, t := range list {
			d := ddl[t]
			if d == nil {
				undefined = append(undefined, t)
				continue
			}
			if why := contradicted[t]; len(why) > 0 {
				// A stale definition must not reach the Glue Data Catalog:
				// it is kept as a comment for the person who fixes it.
				e.review(&ReviewItem{Severity: "warning", Job: "ddl/" + plan.FileName(db) + ".sql", At: d.at, Rule: "ddl-contradicted",
					Message: fmt.Sprintf("%s: the estate's definition contradicts its use (%s); it is written commented out: take the live definition from the legacy metastore (SHOW CREATE TABLE)", t, strings.Join(why, "; "))})
				fmt.Fprintf(&b, "\n-- %s, from %s: contradicted by its use, not created (see report/review.md)\n", t, d.at)
				b.WriteString(commentSafe(redact.Text(redactSQL(d.text)) + ";"))
				b.WriteString("\n")
				continue
			}
			res := translate.Translate(d.at, []byte(d.text+";\n"), &cfg, translate.Options{DefaultDB: db})
			fmt.Fprintf(&b, "\n-- %s, from %s\n", t, d.at)
			for _, dg := range res.Diagnostics {
				if dg.Severity >= translate.Warning {
					e.review(&ReviewItem{Severity: dg.Severity.String(), Job: "ddl/" + plan.FileName(db) + ".sql", At: d.at, Rule: dg.Rule, Message: t + ": " + dg.Message})
				}
			}
			b.WriteString(res.SQL)
		}
		if len(undefined) > 0 {
			missing += len(undefined)
			b.WriteString("\n-- Used by the estate but defined nowhere in it: take each definition from the\n-- legacy metastore (SHOW CREATE TABLE) and set its LOCATION on S3.\n")
			for _, t := range undefined {
				fmt.Fprintf(&b, "--   %s\n", t)
			}
		}
		e.put("ddl/"+plan.FileName(db)+".sql", []byte(b.String()))
	}
	if missing > 0 {
		e.review(&ReviewItem{Severity: "warning", Job: "ddl", Rule: "ddl-missing",
			Message: fmt.Sprintf("%d tables are used by the estate but defined nowhere in it; ddl/*.sql lists them", missing)})
	}
}

// emitValidate writes validate/<db.table>.sql for every table a migrated
// job writes: row counts and an order-independent checksum per partition,
// to run with Spark on the legacy and on the new side and compare.
func (e *emitter) emitValidate() {
	written := map[string]bool{}
	for _, u := range e.units {
		for _, m := range u.Members {
			for _, st := range m.Steps {
				for _, o := range st.Outputs {
					if isTable(o) {
						written[o] = true
					}
				}
			}
		}
	}
	contradicted := e.ddlContradictions()
	for _, t := range sortedKeys(written) {
		var parts []string
		d := e.ddl[t]
		if d != nil && len(contradicted[t]) > 0 {
			d = nil // stale: the live table is not what the estate defined
		}
		if d != nil {
			parts = d.partitions
		} else {
			parts = e.insertParts[t]
		}
		var b strings.Builder
		fmt.Fprintf(&b, "-- sparkport: reconciliation of %s\n", t)
		b.WriteString("-- Run with spark-sql against the legacy metastore and against the Glue Data Catalog;\n")
		b.WriteString("-- the two results must be equal. The checksum is order-independent: a sum of row hashes.\n")
		// Spark hashes no MAP (DATATYPE_MISMATCH.HASH_MAP_TYPE): a MAP
		// column of a known definition is hashed as its entries, sorted;
		// where the columns are not known, or a MAP is nested, Spark is
		// allowed to hash maps (equal maps written in another entry order
		// would then differ: check such a table by hand).
		hashed := "*"
		switch {
		case d != nil && d.nestedMap:
			b.WriteString("-- a MAP nested in a column: hashed as stored, in its entries' order\n")
			b.WriteString("SET spark.sql.legacy.allowHashOnMapType=true;\n")
		case d != nil && len(d.maps) > 0:
			var cols []string
			for _, c := range append(append([]string{}, d.columns...), d.partitions...) {
				q := hiveql.IdentText(c)
				if containsFold(d.maps, c) {
					q = "array_sort(map_entries(" + q + "))"
				}
				cols = append(cols, q)
			}
			hashed = strings.Join(cols, ", ")
		case d == nil:
			b.WriteString("-- the table's columns are not known here: should one be a MAP, it is hashed in its entries' order\n")
			b.WriteString("SET spark.sql.legacy.allowHashOnMapType=true;\n")
		}
		quoted := make([]string, len(parts))
		for i, p := range parts {
			quoted[i] = hiveql.IdentText(p)
		}
		parts = quoted
		cols := strings.Join(parts, ", ")
		if cols != "" {
			cols += ", "
		}
		fmt.Fprintf(&b, "SELECT %sCOUNT(*) AS row_count, SUM(CAST(xxhash64(%s) AS DECIMAL(38, 0))) AS checksum\nFROM %s", cols, hashed, hiveql.NameText(t))
		if len(parts) > 0 {
			fmt.Fprintf(&b, "\nGROUP BY %s\nORDER BY %s", strings.Join(parts, ", "), strings.Join(parts, ", "))
		}
		b.WriteString(";\n")
		e.put("validate/"+plan.FileName(t)+".sql", []byte(b.String()))
	}
}

// hasMap reports whether a type holds a MAP anywhere.
func hasMap(t *hiveql.DataType) bool {
	if t == nil {
		return false
	}
	if t.Name == "MAP" {
		return true
	}
	for _, e := range t.Elem {
		if hasMap(e) {
			return true
		}
	}
	for _, f := range t.Fields {
		if hasMap(f.Type) {
			return true
		}
	}
	return false
}

func isTable(s string) bool {
	return !hiveql.IsPath(s) && strings.Contains(s, ".") && !strings.Contains(s, "${")
}
