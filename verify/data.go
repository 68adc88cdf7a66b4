package verify

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sparkport/sparkport/parser/hiveql"
)

// rowsPerTable is how many rows a table gets at least: enough for a join
// to match and a GROUP BY to group, few enough to run fast.
const rowsPerTable = 3

// CreateInferred is the statement that creates an inferred table: Hive
// format, as the Glue Data Catalog tables of an EMR estate are.
func CreateInferred(t *Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s (", quoteName(t.Name))
	for i, c := range t.Cols {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s", quoteIdent(c.Name), c.Type)
	}
	b.WriteString(")")
	if len(t.Parts) > 0 {
		b.WriteString(" PARTITIONED BY (")
		for i, c := range t.Parts {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %s", quoteIdent(c.Name), c.Type)
		}
		b.WriteString(")")
	}
	b.WriteString(" STORED AS PARQUET")
	return b.String()
}

// FillStatement is the INSERT that gives a table its generated rows, or ""
// for a table verify does not fill (a view). Rows are deterministic: row i
// holds i+1 in every key-like column, so that joins on ids match across
// tables, and the values the statements select where they compare a
// column with a literal (dt = '2024-02-29'), so that the runs find rows.
func FillStatement(t *Table, runDay time.Time) string {
	if t.View {
		return ""
	}
	cols := append(append([]Col{}, t.Cols...), t.Parts...)
	if len(cols) == 0 {
		return ""
	}
	// Two rows per value a statement selects (a partition, a store code),
	// so that each run finds more than one row to group and join.
	n := rowsPerTable
	for _, c := range cols {
		if k := 2 * len(t.Values[c.Name]); k > n {
			n = k
		}
	}
	return insertRows(t, cols, n, func(c Col, i int) string { return value(c.dt, c.Type, i, runDay) })
}

// insertRows is the INSERT of n rows into t: row i takes, in each column
// the statements compare with literals, the i-th of those values (so that
// every row lands where the runs read), elsewhere lit(c, i).
func insertRows(t *Table, cols []Col, n int, lit func(c Col, i int) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s VALUES", quoteName(t.Name))
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(" (")
		for j, c := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			if vs := t.Values[c.Name]; len(vs) > 0 {
				fmt.Fprintf(&b, "CAST(%s AS %s)", quote(vs[i%len(vs)]), c.Type)
				continue
			}
			b.WriteString(lit(c, i))
		}
		b.WriteString(")")
	}
	return b.String()
}

// value is row i's literal for a column type: dt when the type was read
// from DDL (nested types need it), name otherwise.
func value(dt *hiveql.DataType, name string, i int, runDay time.Time) string {
	base := strings.ToUpper(name)
	if dt != nil {
		base = dt.Name
	}
	if k := strings.IndexAny(base, "(<"); k >= 0 {
		base = base[:k]
	}
	day := runDay.AddDate(0, 0, -1-i)
	switch strings.TrimSpace(base) {
	case "TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT", "LONG", "SHORT", "BYTE":
		return fmt.Sprintf("CAST(%d AS %s)", i+1, name)
	case "FLOAT", "DOUBLE", "REAL":
		return fmt.Sprintf("CAST(%s AS %s)", strconv.FormatFloat(float64(i+1)*1.5, 'f', -1, 64), name)
	case "DECIMAL", "DEC", "NUMERIC":
		return fmt.Sprintf("CAST(%d AS %s)", i, name)
	case "STRING", "VARCHAR", "CHAR", "TEXT":
		return fmt.Sprintf("CAST('%d' AS %s)", i+1, name)
	case "DATE":
		return "DATE '" + day.Format("2006-01-02") + "'"
	case "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ":
		return fmt.Sprintf("CAST('%s' AS %s)", day.Format("2006-01-02")+fmt.Sprintf(" %02d:00:00", i%24), name)
	case "BOOLEAN", "BOOL":
		return strconv.FormatBool(i%2 == 0)
	case "BINARY":
		return fmt.Sprintf("CAST('%d' AS BINARY)", i+1)
	case "ARRAY":
		if dt != nil && len(dt.Elem) == 1 {
			return "array(" + value(dt.Elem[0], typeName(dt.Elem[0]), i, runDay) + ")"
		}
	case "MAP":
		if dt != nil && len(dt.Elem) == 2 {
			return "map(" + value(dt.Elem[0], typeName(dt.Elem[0]), i, runDay) + ", " + value(dt.Elem[1], typeName(dt.Elem[1]), i, runDay) + ")"
		}
	case "STRUCT":
		if dt != nil && len(dt.Fields) > 0 {
			var parts []string
			for _, f := range dt.Fields {
				parts = append(parts, quote(f.Name.Name), value(f.Type, typeName(f.Type), i, runDay))
			}
			return "CAST(named_struct(" + strings.Join(parts, ", ") + ") AS " + name + ")"
		}
	}
	return "CAST(NULL AS " + name + ")"
}

// quote is a Spark SQL string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

func quoteName(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = quoteIdent(p)
	}
	return strings.Join(parts, ".")
}

// Remap moves every location a statement names into the scratch folder:
// 's3://lake/x' becomes 'file:/scratch/fs/s3/lake/x' wherever it is
// written, and a path on the local disk ('/data/x', 'file:/x',
// 'pfile:/x') where the statement uses it as a location (LOCATION, LOAD
// DATA INPATH, INSERT OVERWRITE DIRECTORY), so that nothing verify runs
// reads or writes outside the scratch folder. It works on the statement's
// tokens: a path in a comment or an identifier is left alone, ${…} inside
// a path is kept for Spark to substitute.
func Remap(text, scratch string) string {
	src := []byte(text)
	toks, _, _ := hiveql.Lex(src, hiveql.Spark)
	var locations map[hiveql.Pos]bool
	var b strings.Builder
	last := 0
	for _, t := range toks {
		if t.Kind != hiveql.String {
			continue
		}
		raw := string(src[t.Pos:t.End])
		v := (&hiveql.StringLit{Parts: []string{raw}}).Value()
		var local string
		switch {
		case remote(v):
			scheme, rest, _ := strings.Cut(v, "://")
			local = strings.ToLower(scheme) + "/" + rest
		case localPath(v):
			if locations == nil {
				locations = locationLiterals(text)
			}
			if !locations[t.Pos] {
				continue
			}
			p := v
			for _, pre := range []string{"pfile:", "file:"} {
				p = strings.TrimPrefix(p, pre)
			}
			if strings.HasPrefix(p, "file:") || strings.HasPrefix(p, strings.TrimSuffix(scratch, "/")+"/") {
				continue // already in the scratch folder
			}
			local = "local/" + strings.TrimLeft(p, "/")
		default:
			continue
		}
		b.WriteString(text[last:t.Pos])
		b.WriteString(quote("file:" + strings.TrimSuffix(scratch, "/") + "/fs/" + local))
		last = int(t.End)
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// localPath reports whether a string names a path on the local disk.
func localPath(v string) bool {
	return strings.HasPrefix(v, "/") || strings.HasPrefix(v, "file:") || strings.HasPrefix(v, "pfile:")
}

// locationLiterals finds the string literals a statement uses as
// locations, by their offsets.
func locationLiterals(text string) map[hiveql.Pos]bool {
	out := map[hiveql.Pos]bool{}
	tree := parseOne(text)
	if tree == nil {
		return out
	}
	add := func(l *hiveql.StringLit) {
		if l != nil {
			out[l.Pos()] = true
		}
	}
	hiveql.Inspect(tree, func(n hiveql.Node) bool {
		switch x := n.(type) {
		case *hiveql.CreateTableStmt:
			add(x.Location)
		case *hiveql.CreateViewStmt:
			add(x.Location)
		case *hiveql.CreateDatabaseStmt:
			add(x.Location)
			add(x.ManagedLoc)
		case *hiveql.AlterLocation:
			add(x.Location)
		case *hiveql.PartitionLocation:
			add(x.Location)
		case *hiveql.LoadStmt:
			add(x.Path)
		case *hiveql.InsertTarget:
			add(x.Directory)
		case *hiveql.Resource:
			add(x.URI)
		}
		return true
	})
	return out
}

// EdgeFillStatement is an INSERT of rows that exercise where Hive and
// Spark are known to differ (verify --against-hive runs it after
// FillStatement on both engines): NULLs, empty and padded strings, numeric
// strings, non-ASCII text, negative numbers, zero, values near a type's
// limits, month and year ends, a leap day, timestamps in a daylight saving
// gap and overlap. Columns the statements compare with a literal keep
// those values, so that the rows land where the runs read. "" for a view
// or a table without columns.
func EdgeFillStatement(t *Table) string {
	if t.View {
		return ""
	}
	cols := append(append([]Col{}, t.Cols...), t.Parts...)
	if len(cols) == 0 {
		return ""
	}
	return insertRows(t, cols, edgeRows, func(c Col, i int) string { return edgeValue(c.dt, c.Type, i) })
}

const edgeRows = 5

// edgeValue is edge row i's literal for a column type; row 0 is all NULL.
func edgeValue(dt *hiveql.DataType, name string, i int) string {
	if i == 0 {
		return "CAST(NULL AS " + name + ")"
	}
	base := strings.ToUpper(name)
	if dt != nil {
		base = dt.Name
	}
	args := ""
	if k := strings.IndexAny(base, "(<"); k >= 0 {
		base, args = base[:k], base[k:]
	}
	pick := func(vs ...string) string { return vs[(i-1)%len(vs)] }
	switch strings.TrimSpace(base) {
	case "TINYINT", "BYTE":
		return "CAST(" + pick("-7", "0", "127", "-1") + " AS " + name + ")"
	case "SMALLINT", "SHORT":
		return "CAST(" + pick("-7", "0", "32767", "-1") + " AS " + name + ")"
	case "INT", "INTEGER":
		return "CAST(" + pick("-7", "0", "2147483647", "-1") + " AS " + name + ")"
	case "BIGINT", "LONG":
		return "CAST(" + pick("-7", "0", "9007199254740993", "-1") + " AS " + name + ")"
	case "FLOAT", "DOUBLE", "REAL":
		return "CAST(" + pick("-0.5", "0.1", "1000000000000000.3", "-2.5") + " AS " + name + ")"
	case "DECIMAL", "DEC", "NUMERIC":
		p, s := 10, 0
		if args != "" {
			fmt.Sscanf(args, "(%d,%d)", &p, &s)
			if s == 0 {
				fmt.Sscanf(args, "(%d)", &p)
			}
		}
		max := strings.Repeat("9", p-s)
		if p-s <= 0 {
			max = "0"
		}
		if s > 0 {
			max += "." + strings.Repeat("9", s)
		}
		frac := ""
		if s > 0 {
			frac = ".5"
		}
		return "CAST(" + pick("-1"+frac, "0", max, "-"+max) + " AS " + name + ")"
	case "STRING", "VARCHAR", "CHAR", "TEXT":
		return "CAST(" + pick("''", "' 12 '", "'日本語 é'", "'-3'") + " AS " + name + ")"
	case "DATE":
		return "DATE '" + pick("2024-02-29", "2024-12-31", "2023-03-31", "2024-03-01") + "'"
	case "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ":
		return "CAST('" + pick("2024-03-10 02:30:00", "2024-11-03 01:30:00", "2024-02-29 23:59:59.999", "1969-12-31 23:59:59") + "' AS " + name + ")"
	case "BOOLEAN", "BOOL":
		return pick("false", "true")
	}
	return "CAST(NULL AS " + name + ")"
}
