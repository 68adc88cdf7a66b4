package verify

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/parser/hiveql"
)

// Table is a table the statements use, as verify creates and fills it.
type Table struct {
	Name  string // db.table, lower case
	Cols  []Col  // data columns, in order
	Parts []Col  // partition columns, in order
	// Origin says where the definition comes from: "ddl/lake.sql:5", a
	// --schema file, or "inferred" (from how the SQL uses the table).
	Origin string
	View   bool   // a view: created by its DDL, never filled
	def    string // the DDL statement that defines it, for verify --sql to re-create it
	// Values are the literals the statements compare a column with
	// (dt = '2024-02-29', code IN ('a', 'b')), by column: the generated rows
	// take them, so that the runs select rows.
	Values map[string][]string
}

// Col is a column and its type as Spark spells it.
type Col struct {
	Name string           `json:"name"`
	Type string           `json:"type"`
	dt   *hiveql.DataType // the parsed type, for nested types; nil when inferred
}

func (t *Table) col(name string) *Col {
	for i := range t.Cols {
		if t.Cols[i].Name == name {
			return &t.Cols[i]
		}
	}
	for i := range t.Parts {
		if t.Parts[i].Name == name {
			return &t.Parts[i]
		}
	}
	return nil
}

// Catalog is every table the plan touches.
type Catalog struct {
	Tables map[string]*Table
	// Created are the tables and views the jobs create themselves (CREATE
	// TABLE, CTAS, CREATE VIEW in a job's SQL): neither inferred nor filled.
	Created map[string]bool
	// Databases are the databases of all those tables.
	Databases []string
}

// Inferred lists the tables whose columns verify inferred, sorted.
func (c *Catalog) Inferred() []*Table {
	var out []*Table
	for _, t := range c.Tables {
		if t.Origin == "inferred" {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Sorted lists every table by name.
func (c *Catalog) Sorted() []*Table {
	out := make([]*Table, 0, len(c.Tables))
	for _, t := range c.Tables {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// BuildCatalog learns the tables of the DDL, the tables the jobs create,
// and infers the rest from how the jobs' statements use them.
func BuildCatalog(p *Plan) *Catalog {
	c := &Catalog{Tables: map[string]*Table{}, Created: map[string]bool{}}
	for _, s := range p.DDL {
		c.learnDDL(s, fmt.Sprintf("%s:%d", s.File, s.Line))
	}
	// Tables the jobs create, and the current database of each statement.
	type use struct {
		s  *Stmt
		db string
	}
	var uses []use
	// The tables a statement verify cannot run writes (a JDBC import)
	// are still read by others, and by validate/.
	var named []use
	for _, st := range p.Steps {
		db := "default"
		for _, s := range st.Stmts {
			if s.Tree == nil {
				continue
			}
			if s.Skip != "" {
				named = append(named, use{s, db})
				continue
			}
			switch x := s.Tree.(type) {
			case *hiveql.UseStmt:
				db = strings.ToLower(x.DB.Name)
				continue
			case *hiveql.CreateTableStmt:
				if !x.Temporary {
					c.Created[x.Name.Qualified(db)] = true
				}
			case *hiveql.CreateViewStmt:
				c.Created[x.Name.Qualified(db)] = true
				if x.Temporary {
					c.Created[x.Name.Qualified("")] = true
				}
			}
			uses = append(uses, use{s, db})
		}
	}
	u := &usage{c: c, shaped: map[*Table]bool{}}
	// Three passes: INSERTs into tables nothing defines give them their
	// columns (the writer's select list is the table's shape); then every
	// use adds columns and hints at types; then the tables an INSERT
	// writes lend their column types to the columns it copies.
	for _, pass := range []int{passShape, passUses, passTypes} {
		u.pass = pass
		for _, x := range uses {
			u.stmt(x.s.Tree, x.db)
		}
	}
	for _, s := range p.Validate {
		if s.Tree != nil {
			u.pass = passUses
			u.stmt(s.Tree, "default")
		}
	}
	for _, x := range named {
		a := hiveql.StmtAccess(x.s.Tree, x.db)
		for _, n := range append(append([]string{}, a.Inputs...), a.Outputs...) {
			if !hiveql.IsPath(n) {
				u.table(n)
			}
		}
	}
	dbs := map[string]bool{}
	for name, t := range c.Tables {
		if len(t.Cols) == 0 && !t.View {
			// Read only as SELECT * or COUNT(*): one column to hold rows.
			t.Cols = []Col{{Name: "id", Type: "STRING"}}
		}
		if db, _, ok := strings.Cut(name, "."); ok {
			dbs[db] = true
		}
	}
	for db := range dbs {
		c.Databases = append(c.Databases, db)
	}
	sort.Strings(c.Databases)
	return c
}

// learnDDL records a table or view a DDL statement defines.
func (c *Catalog) learnDDL(s *Stmt, origin string) {
	switch x := s.Tree.(type) {
	case *hiveql.CreateTableStmt:
		name := x.Name.Qualified("default")
		t := &Table{Name: name, Origin: origin, Values: map[string][]string{}, def: s.Text}
		if x.Like != nil {
			if l := c.Tables[x.Like.Qualified("default")]; l != nil {
				t.Cols = append(t.Cols, l.Cols...)
				t.Parts = append(t.Parts, l.Parts...)
			}
		}
		types := map[string]string{}
		dtypes := map[string]*hiveql.DataType{}
		for _, cd := range x.Columns {
			types[strings.ToLower(cd.Name.Name)] = typeName(cd.Type)
			dtypes[strings.ToLower(cd.Name.Name)] = cd.Type
		}
		isPart := map[string]bool{}
		for _, cd := range x.PartitionedBy {
			n := strings.ToLower(cd.Name.Name)
			isPart[n] = true
			typ := typeName(cd.Type)
			if cd.Type == nil {
				typ = types[n] // Spark: PARTITIONED BY (names) of listed columns
			}
			dt := cd.Type
			if dt == nil {
				dt = dtypes[n]
			}
			t.Parts = append(t.Parts, Col{n, typ, dt})
		}
		for _, cd := range x.Columns {
			n := strings.ToLower(cd.Name.Name)
			if !isPart[n] {
				t.Cols = append(t.Cols, Col{n, types[n], dtypes[n]})
			}
		}
		if x.Query != nil {
			// CTAS in DDL: its rows come from the query when it runs.
			c.Created[name] = true
			return
		}
		c.Tables[name] = t
	case *hiveql.CreateViewStmt:
		name := x.Name.Qualified("default")
		c.Tables[name] = &Table{Name: name, Origin: origin, View: true, Values: map[string][]string{}}
	}
}

// typeName prints a column type as Spark reads it; STRING when the
// definition gives none.
func typeName(t *hiveql.DataType) string {
	if t == nil {
		return "STRING"
	}
	return hiveql.PrintType(t, hiveql.Spark)
}

// usage walks the jobs' statements for the tables and columns they use.
type usage struct {
	c    *Catalog
	pass int
	// shaped are inferred tables whose columns an INSERT's select list
	// fixed: other uses add no column to them.
	shaped map[*Table]bool
}

// The passes of BuildCatalog.
const (
	passShape = iota
	passUses
	passTypes
)

// table returns the table a statement uses, inferring one when nothing
// defines it; nil for tables and views the jobs create.
func (u *usage) table(name string) *Table {
	if name == "" || u.c.Created[name] {
		return nil
	}
	if t := u.c.Tables[name]; t != nil {
		return t
	}
	if !strings.Contains(name, ".") || strings.Contains(name, "${") {
		return nil
	}
	t := &Table{Name: name, Origin: "inferred", Values: map[string][]string{}}
	u.c.Tables[name] = t
	return t
}

// addCol adds a column to an inferred table.
func (u *usage) addCol(t *Table, name, typ string, part bool) *Col {
	name = strings.ToLower(name)
	if c := t.col(name); c != nil {
		return c
	}
	if t.Origin != "inferred" || name == "" || strings.Contains(name, "${") || u.shaped[t] && !part {
		return nil
	}
	if typ == "" {
		typ = "STRING"
	}
	if part {
		t.Parts = append(t.Parts, Col{Name: name, Type: typ})
		return &t.Parts[len(t.Parts)-1]
	}
	t.Cols = append(t.Cols, Col{Name: name, Type: typ})
	return &t.Cols[len(t.Cols)-1]
}

func (u *usage) stmt(s hiveql.Stmt, db string) {
	ctes := map[string]bool{}
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		if c, ok := n.(*hiveql.CTE); ok {
			ctes[strings.ToLower(c.Name.Name)] = true
		}
		return true
	})
	// Each INSERT target with the select list that feeds it.
	type feed struct {
		tg  *hiveql.InsertTarget
		sel *hiveql.Select
		sc  []scopeEntry
	}
	var feeds []feed
	switch x := s.(type) {
	case *hiveql.InsertStmt:
		if sel := firstSelect(x.Query); sel != nil && sel.Transform == nil {
			var sc []scopeEntry
			if sel.From != nil {
				sc = u.scope(sel.From, db, ctes)
			}
			feeds = append(feeds, feed{x.Target, sel, sc})
		} else {
			u.partitionSpec(x.Target.Table, x.Target.Partition, db)
		}
	case *hiveql.MultiInsertStmt:
		sc := u.scope(x.From, db, ctes)
		for _, b := range x.Bodies {
			if b.Target != nil && b.Select != nil {
				feeds = append(feeds, feed{b.Target, b.Select, sc})
			}
		}
	}
	switch u.pass {
	case passShape:
		for _, f := range feeds {
			u.shape(f.tg, f.sel, f.sc, db)
		}
		return
	case passTypes:
		for _, f := range feeds {
			u.lendTypes(f.tg, f.sel, f.sc, db)
		}
		return
	}
	a := hiveql.StmtAccess(s, db)
	for _, n := range append(append([]string{}, a.Inputs...), a.Outputs...) {
		if !hiveql.IsPath(n) {
			u.table(n)
		}
	}
	switch x := s.(type) {
	case *hiveql.MultiInsertStmt:
		sc := u.scope(x.From, db, ctes)
		u.selectExprs(&hiveql.Select{From: x.From}, sc) // ON and LATERAL VIEW
		for _, b := range x.Bodies {
			if b.Select != nil {
				u.selectExprs(b.Select, sc)
			}
		}
	case *hiveql.AlterTableStmt:
		u.partitionSpec(x.Name, x.Partition, db)
		if add, ok := x.Action.(*hiveql.AlterAddPartitions); ok {
			for _, pl := range add.Parts {
				u.partitionSpec(x.Name, pl.Partition, db)
			}
		}
	case *hiveql.LoadStmt:
		u.partitionSpec(x.Table, x.Partition, db)
	}
	for _, f := range feeds {
		u.partitionSpec(f.tg.Table, f.tg.Partition, db)
	}
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		if sel, ok := n.(*hiveql.Select); ok && sel.From != nil {
			u.selectExprs(sel, u.scope(sel.From, db, ctes))
		}
		return true
	})
}

// partitionSpec records PARTITION (k = v, …) of a table: on an inferred
// table each key is a partition column; a literal value is a value rows
// should have.
func (u *usage) partitionSpec(name *hiveql.Name, spec []*hiveql.PartitionValue, db string) {
	if name == nil || len(spec) == 0 {
		return
	}
	t := u.table(name.Qualified(db))
	if t == nil {
		return
	}
	for _, pv := range spec {
		u.addCol(t, pv.Name.Name, "", true)
		if pv.Value != nil && (pv.Op == "=" || pv.Op == "") {
			if v, ok := literal(pv.Value); ok {
				t.addValue(strings.ToLower(pv.Name.Name), v)
			}
		}
	}
}

func (t *Table) addValue(col, v string) {
	for _, x := range t.Values[col] {
		if x == v {
			return
		}
	}
	if len(t.Values[col]) < 16 {
		t.Values[col] = append(t.Values[col], v)
	}
}

// shape gives an inferred table an INSERT writes, and nothing has shaped
// yet, the select list's names as its columns, and the PARTITION clause's
// keys as its partition columns (dynamic ones last, as Hive requires).
func (u *usage) shape(tg *hiveql.InsertTarget, sel *hiveql.Select, sc []scopeEntry, db string) {
	if tg == nil || tg.Table == nil {
		return
	}
	t := u.table(tg.Table.Qualified(db))
	if t == nil || t.Origin != "inferred" || u.shaped[t] {
		return
	}
	u.partitionSpec(tg.Table, tg.Partition, db)
	if len(tg.Columns) > 0 {
		for _, id := range tg.Columns {
			u.addCol(t, id.Name, "", false)
		}
		return
	}
	dyn := 0
	for _, pv := range tg.Partition {
		if pv.Value == nil {
			dyn++
		}
	}
	n := len(sel.Items) - dyn
	for i := 0; i < n; i++ {
		it := sel.Items[i]
		if _, star := it.X.(*hiveql.Star); star {
			return // SELECT *: the columns are the source's, learnt from other uses
		}
	}
	for i := 0; i < n; i++ {
		u.addCol(t, itemName(sel.Items[i], i), "", false)
	}
	u.shaped[t] = true
}

// lendTypes gives the columns an INSERT copies from inferred tables the
// types of the target's columns they land in, so that Spark's store
// assignment (which refuses STRING into INT) sees what the legacy table
// held.
func (u *usage) lendTypes(tg *hiveql.InsertTarget, sel *hiveql.Select, sc []scopeEntry, db string) {
	if tg == nil || tg.Table == nil {
		return
	}
	t := u.c.Tables[tg.Table.Qualified(db)]
	if t == nil {
		return
	}
	static := map[string]bool{}
	for _, pv := range tg.Partition {
		if pv.Value != nil {
			static[strings.ToLower(pv.Name.Name)] = true
		}
	}
	var targets []Col
	if len(tg.Columns) > 0 {
		for _, id := range tg.Columns {
			c := t.col(strings.ToLower(id.Name))
			if c == nil {
				return
			}
			targets = append(targets, *c)
		}
	} else {
		targets = append(targets, t.Cols...)
		for _, pc := range t.Parts {
			if !static[pc.Name] {
				targets = append(targets, pc)
			}
		}
	}
	if len(targets) != len(sel.Items) {
		return
	}
	for i, it := range sel.Items {
		typ := targets[i].Type
		if typ == "" || typ == "STRING" {
			continue
		}
		cr, ok := it.X.(*hiveql.ColumnRef)
		if !ok {
			continue
		}
		if src, c := u.owner(cr, sc, nil); src != nil && c != nil && src.Origin == "inferred" && c.Type == "STRING" {
			c.Type = typ
		}
	}
}

// itemName is the column name a select item produces.
func itemName(it *hiveql.SelectItem, i int) string {
	if it.Alias != nil {
		return it.Alias.Name
	}
	if cr, ok := it.X.(*hiveql.ColumnRef); ok {
		return cr.Parts[len(cr.Parts)-1].Name
	}
	return fmt.Sprintf("_c%d", i)
}

// scopeEntry is a FROM item: its alias and the table it reads ("" for a
// subquery, a CTE or a function).
type scopeEntry struct {
	alias string
	table *Table
}

func (u *usage) scope(r hiveql.TableRef, db string, ctes map[string]bool) []scopeEntry {
	var out []scopeEntry
	var walk func(r hiveql.TableRef)
	walk = func(r hiveql.TableRef) {
		switch x := r.(type) {
		case *hiveql.TableName:
			alias := strings.ToLower(x.Name.Parts[len(x.Name.Parts)-1].Name)
			if x.Alias != nil {
				alias = strings.ToLower(x.Alias.Name)
			}
			var t *Table
			if !(len(x.Name.Parts) == 1 && ctes[strings.ToLower(x.Name.Parts[0].Name)]) {
				t = u.table(x.Name.Qualified(db))
			}
			out = append(out, scopeEntry{alias, t})
		case *hiveql.Join:
			walk(x.L)
			walk(x.R)
		case *hiveql.ParenRef:
			walk(x.X)
		case *hiveql.LateralView:
			walk(x.Source)
			if x.TableAlias != nil {
				out = append(out, scopeEntry{strings.ToLower(x.TableAlias.Name), nil})
			}
		case *hiveql.SubqueryRef:
			if x.Alias != nil {
				out = append(out, scopeEntry{strings.ToLower(x.Alias.Name), nil})
			}
		}
	}
	walk(r)
	return out
}

// selectExprs reads the expressions of one SELECT (not of the queries
// nested in it, which the caller visits with their own scope).
func (u *usage) selectExprs(sel *hiveql.Select, sc []scopeEntry) {
	aliases := map[string]bool{}
	for _, it := range sel.Items {
		if it.Alias != nil {
			aliases[strings.ToLower(it.Alias.Name)] = true
		}
	}
	visit := func(e hiveql.Node) {
		if e == nil {
			return
		}
		hiveql.Inspect(e, func(n hiveql.Node) bool {
			switch x := n.(type) {
			case *hiveql.Query, *hiveql.Select, *hiveql.SubqueryRef:
				return false
			case *hiveql.ColumnRef:
				u.resolve(x, sc, aliases)
			case *hiveql.FuncCall:
				switch strings.ToLower(x.Name.Qualified("")) {
				case "sum", "avg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "std":
					for _, a := range x.Args {
						u.hint(a, sc, "DOUBLE")
					}
				}
			case *hiveql.BinaryExpr:
				u.compare(x.L, x.R, x.Op, sc)
				u.compare(x.R, x.L, x.Op, sc)
			case *hiveql.InExpr:
				for _, e := range x.List {
					u.compare(x.X, e, "=", sc)
				}
			case *hiveql.BetweenExpr:
				u.compare(x.X, x.Lo, "=", sc)
			}
			return true
		})
	}
	for _, it := range sel.Items {
		visit(it.X)
	}
	visit(sel.Where)
	visit(sel.Having)
	if sel.GroupBy != nil {
		for _, e := range sel.GroupBy.Items {
			visit(e)
		}
	}
	var joins func(r hiveql.TableRef)
	joins = func(r hiveql.TableRef) {
		switch x := r.(type) {
		case *hiveql.Join:
			joins(x.L)
			joins(x.R)
			visit(x.On)
			for _, id := range x.Using {
				for _, e := range sc {
					if e.table != nil {
						u.addCol(e.table, id.Name, "", false)
					}
				}
			}
		case *hiveql.ParenRef:
			joins(x.X)
		case *hiveql.LateralView:
			joins(x.Source)
			visit(x.Func)
		}
	}
	if sel.From != nil {
		joins(sel.From)
	}
}

// compare learns from col OP literal: a value the rows should hold (=),
// and a numeric type for a column compared with or computed from a number.
func (u *usage) compare(colExpr, other hiveql.Expr, op string, sc []scopeEntry) {
	cr, ok := colExpr.(*hiveql.ColumnRef)
	if !ok {
		return
	}
	switch op {
	case "=", "==", "<=>":
		if v, ok := literal(other); ok {
			if t, c := u.owner(cr, sc, nil); t != nil && c != nil {
				t.addValue(c.Name, v)
			}
		}
	}
	num, ok := other.(*hiveql.NumberLit)
	if !ok {
		return
	}
	switch op {
	case "=", "==", "<>", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "DIV":
		typ := "BIGINT"
		if strings.ContainsAny(num.Raw, ".eE") {
			typ = "DOUBLE"
		}
		u.hint(cr, sc, typ)
	}
}

// hint gives an inferred column a type, once.
func (u *usage) hint(e hiveql.Expr, sc []scopeEntry, typ string) {
	if u.pass != passUses {
		return
	}
	if cr, ok := e.(*hiveql.ColumnRef); ok {
		if t, c := u.owner(cr, sc, nil); t != nil && c != nil && t.Origin == "inferred" && c.Type == "STRING" && !t.isPart(c.Name) {
			c.Type = typ
		}
	}
}

func (t *Table) isPart(name string) bool {
	for _, p := range t.Parts {
		if p.Name == name {
			return true
		}
	}
	return false
}

// resolve finds (or, on an inferred table, adds) the column a reference
// names; nil when it names no table's column verify can tell.
func (u *usage) resolve(e hiveql.Expr, sc []scopeEntry, aliases map[string]bool) *Col {
	cr, ok := e.(*hiveql.ColumnRef)
	if !ok {
		return nil
	}
	_, c := u.owner(cr, sc, aliases)
	return c
}

// owner resolves a column reference to its table and column, adding the
// column to an inferred table when the reference can only mean it.
func (u *usage) owner(cr *hiveql.ColumnRef, sc []scopeEntry, aliases map[string]bool) (*Table, *Col) {
	parts := cr.Parts
	if len(parts) == 0 {
		return nil, nil
	}
	if len(parts) >= 2 {
		q := strings.ToLower(parts[len(parts)-2].Name)
		name := parts[len(parts)-1].Name
		if len(parts) >= 3 {
			// db.t.c, or t.c.field of a struct: try the alias first.
			for _, e := range sc {
				if e.alias == strings.ToLower(parts[0].Name) {
					q, name = e.alias, parts[1].Name
				}
			}
		}
		for _, e := range sc {
			if e.alias == q && e.table != nil {
				return e.table, u.addCol(e.table, name, "", false)
			}
		}
		return nil, nil
	}
	name := strings.ToLower(parts[0].Name)
	if aliases[name] {
		return nil, nil
	}
	var tables []*Table
	for _, e := range sc {
		if e.alias != "" && e.table == nil {
			// A subquery, CTE or lateral view may produce the column.
			tables = append(tables, nil)
			continue
		}
		tables = append(tables, e.table)
	}
	for _, t := range tables {
		if t != nil {
			if c := t.col(name); c != nil {
				return t, c
			}
		}
	}
	if len(tables) == 1 && tables[0] != nil {
		return tables[0], u.addCol(tables[0], name, "", false)
	}
	// Several FROM items and none has it: the first inferred table, if
	// every other item is a known table (a subquery could produce it).
	var first *Table
	for _, t := range tables {
		if t == nil {
			return nil, nil
		}
		if t.Origin == "inferred" && first == nil {
			first = t
		}
	}
	if first != nil {
		return first, u.addCol(first, name, "", false)
	}
	return nil, nil
}

// literal returns the value of a string, number or typed literal.
func literal(e hiveql.Expr) (string, bool) {
	switch x := e.(type) {
	case *hiveql.StringLit:
		v := x.Value()
		return v, !strings.Contains(v, "${")
	case *hiveql.NumberLit:
		return strings.TrimRight(x.Raw, "LlSsYyDdBb"), true
	case *hiveql.TypedLit:
		if x.Value != nil && (x.Type == "DATE" || x.Type == "TIMESTAMP") {
			return x.Value.Value(), true
		}
	case *hiveql.ParenExpr:
		return literal(x.X)
	}
	return "", false
}

// firstSelect is the SELECT whose list names a query's columns: the
// query's own, or the leftmost of a UNION.
func firstSelect(q *hiveql.Query) *hiveql.Select {
	if q == nil {
		return nil
	}
	b := q.Body
	for {
		switch x := b.(type) {
		case *hiveql.Select:
			return x
		case *hiveql.SetOp:
			b = x.L
		case *hiveql.ParenQuery:
			if x.Query == nil {
				return nil
			}
			b = x.Query.Body
		default:
			return nil
		}
	}
}
