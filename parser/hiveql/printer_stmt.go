package hiveql

import (
	"fmt"
	"strings"
)

func typeName(v any) string { return fmt.Sprintf("%T", v) }

func (pr *printer) stmt(s Stmt) {
	switch x := s.(type) {
	case *QueryStmt:
		pr.query(x.Query)
	case *InsertStmt:
		if x.With != nil {
			pr.with(x.With)
			pr.nl()
		}
		pr.insertTarget(x.Target)
		pr.nl()
		pr.query(x.Query)
	case *MultiInsertStmt:
		if x.With != nil {
			pr.with(x.With)
			pr.nl()
		}
		pr.WriteString("FROM ")
		pr.tableRef(x.From)
		for _, b := range x.Bodies {
			pr.nl()
			if b.Target != nil {
				pr.insertTarget(b.Target)
				pr.nl()
			}
			pr.selectList(b.Select)
			pr.selectRest(b.Select)
			pr.tail(&b.Tail)
		}
	case *LoadStmt:
		pr.WriteString("LOAD DATA ")
		if x.Local {
			pr.WriteString("LOCAL ")
		}
		pr.WriteString("INPATH ")
		pr.expr(x.Path)
		if x.Overwrite {
			pr.WriteString(" OVERWRITE")
		}
		pr.WriteString(" INTO TABLE ")
		pr.name(x.Table)
		pr.partition(x.Partition)
		if x.InputFormat != nil {
			pr.WriteString(" INPUTFORMAT ")
			pr.expr(x.InputFormat)
			pr.WriteString(" SERDE ")
			pr.expr(x.Serde)
		}
	case *UpdateStmt:
		pr.WriteString("UPDATE ")
		pr.name(x.Table)
		pr.alias(false, x.Alias, nil)
		pr.WriteString(" SET ")
		pr.assignments(x.Sets)
		pr.where(x.Where)
	case *DeleteStmt:
		pr.WriteString("DELETE FROM ")
		pr.name(x.Table)
		pr.alias(false, x.Alias, nil)
		pr.where(x.Where)
	case *MergeStmt:
		pr.merge(x)
	case *CreateTableStmt:
		pr.createTable(x)
	case *CreateViewStmt:
		pr.createView(x)
	case *CreateDatabaseStmt:
		pr.WriteString("CREATE ")
		if x.Remote {
			pr.WriteString("REMOTE ")
		}
		pr.w(x.Kw, " ")
		if x.IfNotExists {
			pr.WriteString("IF NOT EXISTS ")
		}
		pr.ident(x.Name)
		pr.optString(" COMMENT ", x.Comment)
		pr.optString(" LOCATION ", x.Location)
		pr.optString(" MANAGEDLOCATION ", x.ManagedLoc)
		if x.ConnectorName != nil {
			pr.WriteString(" USING ")
			pr.ident(x.ConnectorName)
		}
		if x.Props != nil {
			pr.WriteString(" WITH DBPROPERTIES ")
			pr.properties(x.Props)
		}
	case *CreateFunctionStmt:
		pr.WriteString("CREATE ")
		if x.OrReplace {
			pr.WriteString("OR REPLACE ")
		}
		if x.Temporary {
			pr.WriteString("TEMPORARY ")
		}
		pr.WriteString("FUNCTION ")
		if x.IfNotExists {
			pr.WriteString("IF NOT EXISTS ")
		}
		pr.name(x.Name)
		pr.WriteString(" AS ")
		pr.expr(x.Class)
		if x.Resources != nil {
			pr.WriteString(" USING ")
			for i, r := range x.Resources {
				if i > 0 {
					pr.WriteString(", ")
				}
				pr.w(r.Kind, " ")
				pr.expr(r.URI)
			}
		}
	case *CreateMacroStmt:
		pr.WriteString("CREATE TEMPORARY MACRO ")
		pr.ident(x.Name)
		pr.WriteByte('(')
		pr.columnDefs(x.Params)
		pr.WriteString(") ")
		pr.expr(x.Body)
	case *DropStmt:
		pr.WriteString("DROP ")
		if x.Temporary {
			pr.WriteString("TEMPORARY ")
		}
		pr.w(x.What, " ")
		if x.IfExists {
			pr.WriteString("IF EXISTS ")
		}
		pr.name(x.Name)
		if x.On != nil {
			pr.WriteString(" ON ")
			pr.name(x.On)
		}
		if x.Options != "" {
			pr.w(" ", x.Options)
		}
	case *TruncateStmt:
		pr.WriteString("TRUNCATE ")
		if x.TableKw {
			pr.WriteString("TABLE ")
		}
		pr.name(x.Table)
		pr.partition(x.Partition)
		if x.Columns != nil {
			pr.WriteString(" COLUMNS ")
			pr.parenIdents(x.Columns)
		}
		if x.Force {
			pr.WriteString(" FORCE")
		}
	case *AlterTableStmt:
		pr.w("ALTER ", x.What, " ")
		pr.name(x.Name)
		pr.partition(x.Partition)
		pr.WriteByte(' ')
		pr.alterAction(x.Action)
	case *MsckStmt:
		pr.WriteString("MSCK ")
		if x.Repair {
			pr.WriteString("REPAIR ")
		}
		pr.WriteString("TABLE ")
		pr.name(x.Table)
		if x.Action != "" {
			pr.w(" ", x.Action, " PARTITIONS")
			if x.Filter != nil {
				pr.WriteByte(' ')
				pr.parenExprs(x.Filter)
			}
		}
	case *AnalyzeStmt:
		pr.WriteString("ANALYZE TABLE ")
		pr.name(x.Table)
		pr.partition(x.Partition)
		switch {
		case x.CacheMeta:
			pr.WriteString(" CACHE METADATA")
		case x.NoScan:
			pr.WriteString(" COMPUTE STATISTICS NOSCAN")
		case x.AllColumns:
			pr.WriteString(" COMPUTE STATISTICS FOR ALL COLUMNS")
		case x.ForColumns:
			pr.WriteString(" COMPUTE STATISTICS FOR COLUMNS")
			if x.Columns != nil {
				pr.WriteByte(' ')
				pr.idents(x.Columns)
			}
		default:
			pr.WriteString(" COMPUTE STATISTICS")
		}
	case *UseStmt:
		pr.WriteString("USE ")
		pr.ident(x.DB)
	case *ExplainStmt:
		pr.WriteString("EXPLAIN ")
		for _, o := range x.Options {
			pr.w(o, " ")
		}
		pr.stmt(x.Stmt)
	case *CLIStmt:
		pr.WriteString(x.Command)
		if x.Text != "" {
			pr.w(" ", x.Text)
		}
	case *GenericStmt:
		pr.WriteString(x.Verb)
		pr.tokens(x.Tokens)
	case *BadStmt:
		panic("hiveql: cannot print a statement that failed to parse")
	default:
		panic("hiveql: cannot print statement " + typeName(s))
	}
}

// tokens writes kept tokens separated by spaces; a space between any two
// tokens is harmless, because the lexer splits them back the same way.
func (pr *printer) tokens(toks []string) {
	for _, t := range toks {
		pr.w(" ", t)
	}
}

func (pr *printer) where(e Expr) {
	if e != nil {
		pr.WriteString(" WHERE ")
		pr.expr(e)
	}
}

func (pr *printer) optString(kw string, s *StringLit) {
	if s != nil {
		pr.WriteString(kw)
		pr.expr(s)
	}
}

func (pr *printer) assignments(as []*Assignment) {
	for i, a := range as {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.expr(a.Column)
		pr.WriteString(" = ")
		pr.expr(a.Value)
	}
}

func (pr *printer) partition(pv []*PartitionValue) {
	if pv == nil {
		return
	}
	pr.WriteString(" PARTITION (")
	for i, v := range pv {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.ident(v.Name)
		if v.Value != nil {
			pr.w(" ", v.Op, " ")
			pr.expr(v.Value)
		}
	}
	pr.WriteByte(')')
}

func (pr *printer) insertTarget(t *InsertTarget) {
	if t.Overwrite {
		pr.WriteString("INSERT OVERWRITE ")
	} else {
		pr.WriteString("INSERT INTO ")
	}
	if t.Table == nil {
		if t.Local {
			pr.WriteString("LOCAL ")
		}
		pr.WriteString("DIRECTORY")
		pr.optString(" ", t.Directory)
		if t.Using != nil {
			pr.WriteString(" USING ")
			pr.ident(t.Using)
			if t.Options != nil {
				pr.WriteString(" OPTIONS ")
				pr.properties(t.Options)
			}
		}
		if t.RowFormat != nil {
			pr.WriteByte(' ')
			pr.rowFormat(t.RowFormat)
		}
		if t.Storage != nil {
			pr.WriteByte(' ')
			pr.storage(t.Storage)
		}
		return
	}
	if t.TableKw {
		pr.WriteString("TABLE ")
	}
	pr.name(t.Table)
	pr.partition(t.Partition)
	if t.IfNotExists {
		pr.WriteString(" IF NOT EXISTS")
	}
	if t.Columns != nil {
		pr.WriteByte(' ')
		pr.parenIdents(t.Columns)
	}
}

func (pr *printer) merge(m *MergeStmt) {
	pr.WriteString("MERGE INTO ")
	pr.name(m.Target)
	pr.alias(m.As, m.Alias, nil)
	pr.WriteString(" USING ")
	pr.tableRef(m.Source)
	pr.WriteString(" ON ")
	pr.expr(m.On)
	for _, w := range m.Whens {
		pr.nl()
		pr.WriteString("WHEN ")
		if !w.Matched {
			pr.WriteString("NOT ")
		}
		pr.WriteString("MATCHED")
		if w.BySource != "" {
			pr.w(" BY ", w.BySource)
		}
		if w.Cond != nil {
			pr.WriteString(" AND ")
			pr.expr(w.Cond)
		}
		pr.w(" THEN ", w.Action)
		switch w.Action {
		case "UPDATE":
			pr.WriteString(" SET ")
			if w.UpdateAll {
				pr.WriteByte('*')
			} else {
				pr.assignments(w.Sets)
			}
		case "INSERT":
			if w.InsertAll {
				pr.WriteString(" *")
				break
			}
			if w.Columns != nil {
				pr.WriteByte(' ')
				pr.parenIdents(w.Columns)
			}
			pr.WriteString(" VALUES ")
			pr.parenExprs(w.Values)
		}
	}
}

func (pr *printer) columnDefs(cs []*ColumnDef) {
	for i, c := range cs {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.columnDef(c)
	}
}

func (pr *printer) columnDef(c *ColumnDef) {
	pr.ident(c.Name)
	if c.Type != nil {
		pr.WriteByte(' ')
		pr.dataType(c.Type)
	}
	for _, cc := range c.Constraints {
		if cc.Name != nil {
			pr.WriteString(" CONSTRAINT ")
			pr.ident(cc.Name)
		}
		pr.w(" ", cc.Kind)
		switch cc.Kind {
		case "CHECK":
			pr.WriteString(" (")
			pr.expr(cc.Expr)
			pr.WriteByte(')')
		case "DEFAULT":
			pr.WriteByte(' ')
			pr.operand(cc.Expr, precBitOr)
		case "REFERENCES":
			pr.WriteByte(' ')
			pr.expr(cc.Expr)
		}
		for _, o := range cc.Options {
			pr.w(" ", o)
		}
	}
	pr.optString(" COMMENT ", c.Comment)
}

func (pr *printer) properties(props []*Property) {
	pr.WriteByte('(')
	for i, p := range props {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.expr(p.Key)
		if p.Value != nil {
			pr.WriteString("=")
			pr.expr(p.Value)
		}
	}
	pr.WriteByte(')')
}

func (pr *printer) rowFormat(r *RowFormat) {
	pr.WriteString("ROW FORMAT ")
	if r.Serde != nil {
		pr.WriteString("SERDE ")
		pr.expr(r.Serde)
		if r.SerdeProps != nil {
			pr.WriteString(" WITH SERDEPROPERTIES ")
			pr.properties(r.SerdeProps)
		}
		return
	}
	pr.WriteString("DELIMITED")
	if r.FieldsTerm != nil {
		pr.WriteString(" FIELDS TERMINATED BY ")
		pr.expr(r.FieldsTerm)
		pr.optString(" ESCAPED BY ", r.FieldsEscape)
	}
	pr.optString(" COLLECTION ITEMS TERMINATED BY ", r.CollectionTerm)
	pr.optString(" MAP KEYS TERMINATED BY ", r.MapKeysTerm)
	pr.optString(" LINES TERMINATED BY ", r.LinesTerm)
	pr.optString(" NULL DEFINED AS ", r.NullDefinedAs)
}

func (pr *printer) storage(s *Storage) {
	if s.By != nil {
		pr.WriteString("STORED BY ")
		pr.expr(s.By)
		if s.ByProps != nil {
			pr.WriteString(" WITH SERDEPROPERTIES ")
			pr.properties(s.ByProps)
		}
		return
	}
	if s.Format == nil && s.InputFormat == nil {
		if s.ByProps != nil {
			pr.WriteString("WITH SERDEPROPERTIES ")
			pr.properties(s.ByProps)
		}
		return
	}
	pr.WriteString("STORED AS ")
	if s.Format != nil {
		pr.ident(s.Format)
	} else {
		pr.WriteString("INPUTFORMAT ")
		pr.expr(s.InputFormat)
		pr.WriteString(" OUTPUTFORMAT ")
		pr.expr(s.OutputFormat)
		pr.optString(" INPUTDRIVER ", s.InputDriver)
		pr.optString(" OUTPUTDRIVER ", s.OutputDriver)
	}
	if s.ByProps != nil {
		pr.WriteString(" WITH SERDEPROPERTIES ")
		pr.properties(s.ByProps)
	}
}

func (pr *printer) createTable(c *CreateTableStmt) {
	pr.WriteString("CREATE ")
	if c.OrReplace {
		pr.WriteString("OR REPLACE ")
	}
	if c.Temporary {
		pr.WriteString("TEMPORARY ")
	}
	if c.External {
		pr.WriteString("EXTERNAL ")
	}
	if c.Transactional {
		pr.WriteString("TRANSACTIONAL ")
	}
	pr.WriteString("TABLE ")
	if c.IfNotExists {
		pr.WriteString("IF NOT EXISTS ")
	}
	pr.name(c.Name)
	if c.Like != nil {
		pr.WriteString(" LIKE ")
		pr.name(c.Like)
	}
	if c.Columns != nil || c.Constraints != nil {
		pr.WriteString(" (")
		pr.indent++
		for i, col := range c.Columns {
			if i > 0 {
				pr.WriteByte(',')
			}
			pr.nl()
			pr.columnDef(col)
		}
		for i, tc := range c.Constraints {
			if i > 0 || c.Columns != nil {
				pr.WriteByte(',')
			}
			pr.nl()
			pr.tableConstraint(tc)
		}
		pr.indent--
		pr.nl()
		pr.WriteByte(')')
	}
	if c.Using != nil {
		pr.WriteString(" USING ")
		pr.ident(c.Using)
	}
	if c.Options != nil {
		pr.WriteString(" OPTIONS ")
		pr.properties(c.Options)
	}
	if c.Comment != nil {
		pr.nl()
		pr.WriteString("COMMENT ")
		pr.expr(c.Comment)
	}
	if c.PartitionedBy != nil {
		pr.nl()
		pr.WriteString("PARTITIONED BY (")
		pr.columnDefs(c.PartitionedBy)
		pr.WriteByte(')')
	}
	if b := c.ClusteredBy; b != nil {
		pr.nl()
		pr.WriteString("CLUSTERED BY ")
		pr.parenIdents(b.Columns)
		if b.SortBy != nil {
			pr.WriteString(" SORTED BY (")
			pr.orderItems(b.SortBy)
			pr.WriteByte(')')
		}
		pr.w(" INTO ", b.Buckets.Raw, " BUCKETS")
	}
	if s := c.SkewedBy; s != nil {
		pr.nl()
		pr.WriteString("SKEWED BY ")
		pr.parenIdents(s.Columns)
		pr.WriteString(" ON ")
		pr.parenExprs(s.Values)
		if s.Directories {
			pr.WriteString(" STORED AS DIRECTORIES")
		}
	}
	if c.RowFormat != nil {
		pr.nl()
		pr.rowFormat(c.RowFormat)
	}
	if c.Storage != nil {
		pr.nl()
		pr.storage(c.Storage)
	}
	if c.Location != nil {
		pr.nl()
		pr.WriteString("LOCATION ")
		pr.expr(c.Location)
	}
	if c.TblProperties != nil {
		pr.nl()
		pr.WriteString("TBLPROPERTIES ")
		pr.properties(c.TblProperties)
	}
	if c.Query != nil {
		pr.nl()
		pr.WriteString("AS ")
		pr.query(c.Query)
	}
}

func (pr *printer) tableConstraint(tc *TableConstraint) {
	if tc.Name != nil {
		pr.WriteString("CONSTRAINT ")
		pr.ident(tc.Name)
		pr.WriteByte(' ')
	}
	pr.WriteString(tc.Kind)
	if tc.Kind == "CHECK" {
		pr.WriteString(" (")
		pr.expr(tc.Check)
		pr.WriteByte(')')
	} else {
		pr.WriteByte(' ')
		pr.parenIdents(tc.Columns)
	}
	if tc.RefTable != nil {
		pr.WriteString(" REFERENCES ")
		pr.name(tc.RefTable)
		pr.parenIdents(tc.RefColumns)
	}
	for _, o := range tc.Options {
		pr.w(" ", o)
	}
}

func (pr *printer) createView(v *CreateViewStmt) {
	pr.WriteString("CREATE ")
	if v.OrReplace {
		pr.WriteString("OR REPLACE ")
	}
	if v.Global {
		pr.WriteString("GLOBAL ")
	}
	if v.Temporary {
		pr.WriteString("TEMPORARY ")
	}
	if v.Materialized {
		pr.WriteString("MATERIALIZED ")
	}
	pr.WriteString("VIEW ")
	if v.IfNotExists {
		pr.WriteString("IF NOT EXISTS ")
	}
	pr.name(v.Name)
	if v.Columns != nil {
		pr.WriteString(" (")
		pr.columnDefs(v.Columns)
		pr.WriteByte(')')
	}
	if v.Disabled != "" {
		pr.w(" ", v.Disabled)
	}
	pr.optString(" COMMENT ", v.Comment)
	for _, on := range []struct {
		kw  string
		ids []*Ident
	}{{" PARTITIONED ON ", v.PartitionedOn}, {" CLUSTERED ON ", v.ClusteredOn}, {" DISTRIBUTED ON ", v.DistributedOn}, {" SORTED ON ", v.SortedOn}} {
		if on.ids != nil {
			pr.WriteString(on.kw)
			pr.parenIdents(on.ids)
		}
	}
	if v.RowFormat != nil {
		pr.WriteByte(' ')
		pr.rowFormat(v.RowFormat)
	}
	if v.Storage != nil {
		pr.WriteByte(' ')
		pr.storage(v.Storage)
	}
	pr.optString(" LOCATION ", v.Location)
	if v.TblProperties != nil {
		pr.WriteString(" TBLPROPERTIES ")
		pr.properties(v.TblProperties)
	}
	if v.Using != nil {
		pr.WriteString(" USING ")
		pr.ident(v.Using)
		if v.Options != nil {
			pr.WriteString(" OPTIONS ")
			pr.properties(v.Options)
		}
	}
	if v.Query == nil {
		return
	}
	pr.WriteString(" AS")
	pr.nl()
	pr.query(v.Query)
}

func (pr *printer) alterAction(a AlterAction) {
	switch x := a.(type) {
	case *AlterAddPartitions:
		pr.WriteString("ADD")
		if x.IfNotExists {
			pr.WriteString(" IF NOT EXISTS")
		}
		for _, p := range x.Parts {
			pr.partition(p.Partition)
			pr.optString(" LOCATION ", p.Location)
		}
	case *AlterDropPartitions:
		pr.WriteString("DROP")
		if x.IfExists {
			pr.WriteString(" IF EXISTS")
		}
		for i, p := range x.Parts {
			if i > 0 {
				pr.WriteByte(',')
			}
			pr.partition(p)
		}
		for _, o := range x.Options {
			pr.w(" ", o)
		}
	case *AlterRename:
		pr.WriteString("RENAME TO")
		if x.To != nil {
			pr.WriteByte(' ')
			pr.name(x.To)
		} else {
			pr.partition(x.Partition)
		}
	case *AlterProps:
		if x.Unset {
			pr.WriteString("UNSET ")
		} else {
			pr.WriteString("SET ")
		}
		pr.w(x.Kind, " ")
		if x.IfExists {
			pr.WriteString("IF EXISTS ")
		}
		pr.properties(x.Props)
	case *AlterLocation:
		pr.WriteString("SET LOCATION ")
		pr.expr(x.Location)
	case *AlterColumns:
		pr.w(x.Verb, " COLUMNS (")
		pr.columnDefs(x.Columns)
		pr.WriteByte(')')
		if x.Option != "" {
			pr.w(" ", x.Option)
		}
	case *AlterChangeColumn:
		pr.WriteString("CHANGE ")
		if x.ColumnKw {
			pr.WriteString("COLUMN ")
		}
		pr.ident(x.Old)
		pr.WriteByte(' ')
		pr.columnDef(x.New)
		if x.First {
			pr.WriteString(" FIRST")
		}
		if x.After != nil {
			pr.WriteString(" AFTER ")
			pr.ident(x.After)
		}
		if x.Option != "" {
			pr.w(" ", x.Option)
		}
	case *AlterSerde:
		pr.WriteString("SET SERDE ")
		pr.expr(x.Serde)
		if x.Props != nil {
			pr.WriteString(" WITH SERDEPROPERTIES ")
			pr.properties(x.Props)
		}
	case *AlterFileFormat:
		pr.WriteString("SET FILEFORMAT ")
		if x.Storage.Format != nil {
			pr.ident(x.Storage.Format)
		} else {
			pr.WriteString("INPUTFORMAT ")
			pr.expr(x.Storage.InputFormat)
			pr.WriteString(" OUTPUTFORMAT ")
			pr.expr(x.Storage.OutputFormat)
		}
		pr.optString(" SERDE ", x.Serde)
	case *AlterAs:
		pr.WriteString("AS")
		pr.nl()
		pr.query(x.Query)
	case *AlterOther:
		pr.WriteString(strings.Join(x.Tokens, " "))
	default:
		panic("hiveql: cannot print ALTER action " + typeName(a))
	}
}
