package hiveql

import (
	"strings"
)

// Print writes a whole file back as SQL in dialect d: each statement ends
// with ";\n" and is preceded by its comments. For every tree the parser
// builds, Parse(Print(f)) yields the same tree, positions aside.
func Print(f *File, d Dialect) string {
	pr := &printer{Builder: new(strings.Builder), d: d}
	for _, st := range f.Statements {
		pr.comments(st.Comments)
		pr.stmt(st.Stmt)
		pr.WriteString(";\n")
	}
	pr.comments(f.Trailing)
	return pr.String()
}

// PrintStmt writes one statement without a terminator.
func PrintStmt(s Stmt, d Dialect) string {
	var b strings.Builder
	AppendStmt(&b, s, d)
	return b.String()
}

// AppendStmt writes one statement without a terminator to b, so that a
// caller printing many statements keeps one buffer.
func AppendStmt(b *strings.Builder, s Stmt, d Dialect) {
	pr := &printer{Builder: b, d: d}
	pr.stmt(s)
}

// PrintExpr writes one expression.
func PrintExpr(e Expr, d Dialect) string {
	pr := &printer{Builder: new(strings.Builder), d: d}
	pr.expr(e)
	return pr.String()
}

// PrintType prints a column type in dialect d: INT, DECIMAL(10,2),
// ARRAY<STRUCT<a:INT>>.
func PrintType(t *DataType, d Dialect) string {
	pr := &printer{Builder: new(strings.Builder), d: d}
	pr.dataType(t)
	return pr.String()
}

type printer struct {
	*strings.Builder
	d      Dialect
	indent int
}

func (pr *printer) comments(cs []Comment) {
	for _, c := range cs {
		pr.WriteString(c.Text)
		pr.WriteByte('\n')
	}
}

func (pr *printer) w(parts ...string) {
	for _, s := range parts {
		pr.WriteString(s)
	}
}

func (pr *printer) nl() {
	pr.WriteByte('\n')
	for i := 0; i < pr.indent; i++ {
		pr.WriteString("  ")
	}
}

func (pr *printer) ident(id *Ident) {
	if id.Quoted {
		pr.WriteByte('`')
		pr.WriteString(strings.ReplaceAll(id.Name, "`", "``"))
		pr.WriteByte('`')
		return
	}
	pr.WriteString(id.Name)
}

func (pr *printer) idents(ids []*Ident) {
	for i, id := range ids {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.ident(id)
	}
}

func (pr *printer) parenIdents(ids []*Ident) {
	pr.WriteByte('(')
	pr.idents(ids)
	pr.WriteByte(')')
}

func (pr *printer) dotted(ids []*Ident) {
	for i, id := range ids {
		if i > 0 {
			pr.WriteByte('.')
		}
		pr.ident(id)
	}
}

func (pr *printer) name(n *Name) { pr.dotted(n.Parts) }

func (pr *printer) exprs(es []Expr) {
	for i, e := range es {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.expr(e)
	}
}

func (pr *printer) parenExprs(es []Expr) {
	pr.WriteByte('(')
	pr.exprs(es)
	pr.WriteByte(')')
}

// ---------------------------------------------------------------- expressions

func exprPrec(e Expr) int {
	switch x := e.(type) {
	case *BinaryExpr:
		return binaryPrec(x.Op)
	case *UnaryExpr:
		// "!" is read both as NOT (low) and as a prefix operator (high):
		// on a primary it binds like the latter.
		if x.Op == "NOT" || (x.Op == "!" && exprPrec(x.X) < precUnary) {
			return precNot
		}
		return precUnary
	case *IsExpr, *BetweenExpr, *InExpr, *LikeExpr, *DistinctFromExpr, *QuantifiedExpr:
		return precCmp
	case *LambdaExpr:
		return 0
	}
	// Everything else, the keyword-less interval 30 DAYS included, is read
	// as a primary and binds like one.
	return precPostfix
}

// operand prints e, in parentheses when its precedence is below min.
func (pr *printer) operand(e Expr, min int) {
	if exprPrec(e) < min {
		pr.WriteByte('(')
		pr.expr(e)
		pr.WriteByte(')')
		return
	}
	pr.expr(e)
}

func (pr *printer) expr(e Expr) {
	switch x := e.(type) {
	case nil:
	case *NumberLit:
		pr.WriteString(x.Raw)
	case *StringLit:
		pr.WriteString(strings.Join(x.Parts, " "))
	case *BoolLit:
		if x.Value {
			pr.WriteString("TRUE")
		} else {
			pr.WriteString("FALSE")
		}
	case *NullLit:
		pr.WriteString("NULL")
	case *TypedLit:
		pr.w(x.Type, " ")
		pr.expr(x.Value)
	case *IntervalLit:
		if !x.NoKw {
			pr.WriteString("INTERVAL ")
		}
		pr.expr(x.Value)
		if x.Unit != "" {
			pr.w(" ", x.Unit)
		}
		if x.ToUnit != "" {
			pr.w(" TO ", x.ToUnit)
		}
	case *VarRef:
		pr.WriteString(x.Raw)
	case *ColumnRef:
		pr.dotted(x.Parts)
	case *Star:
		if len(x.Qualifier) > 0 {
			pr.dotted(x.Qualifier)
			pr.WriteByte('.')
		}
		pr.WriteByte('*')
	case *BinaryExpr:
		p := binaryPrec(x.Op)
		pr.operand(x.L, p)
		pr.w(" ", x.Op, " ")
		pr.operand(x.R, p+1)
	case *UnaryExpr:
		switch x.Op {
		case "NOT":
			pr.WriteString("NOT ")
			pr.operand(x.X, precNot)
		default:
			pr.WriteString(x.Op)
			// Never let "-" meet "-" or a number sign: "--" starts a comment.
			sub := PrintExpr(x.X, pr.d)
			min := precUnary
			if x.Op == "!" {
				min = precNot
			}
			if exprPrec(x.X) < min {
				sub = "(" + sub + ")"
			}
			if strings.HasPrefix(sub, "-") || strings.HasPrefix(sub, "+") || strings.HasPrefix(sub, "!") {
				pr.WriteByte(' ')
			}
			pr.WriteString(sub)
		}
	case *IsExpr:
		pr.operand(x.X, precCmp)
		pr.WriteString(" IS ")
		if x.Not {
			pr.WriteString("NOT ")
		}
		pr.WriteString(x.What)
	case *DistinctFromExpr:
		pr.operand(x.X, precCmp)
		pr.WriteString(" IS ")
		if x.Not {
			pr.WriteString("NOT ")
		}
		pr.WriteString("DISTINCT FROM ")
		pr.operand(x.Y, precBitOr)
	case *BetweenExpr:
		pr.operand(x.X, precCmp)
		pr.not(x.Not)
		pr.WriteString(" BETWEEN ")
		pr.operand(x.Lo, precBitOr)
		pr.WriteString(" AND ")
		pr.operand(x.Hi, precBitOr)
	case *InExpr:
		pr.operand(x.X, precCmp)
		pr.not(x.Not)
		pr.WriteString(" IN ")
		if x.Query != nil {
			pr.subquery(x.Query)
		} else {
			pr.parenExprs(x.List)
		}
	case *LikeExpr:
		pr.operand(x.X, precCmp)
		pr.not(x.Not)
		pr.w(" ", x.Op, " ")
		if x.Quant != "" {
			pr.w(x.Quant, " ")
			pr.parenExprs(x.List)
		} else {
			pr.operand(x.Pattern, precBitOr)
		}
		if x.Escape != nil {
			pr.WriteString(" ESCAPE ")
			pr.expr(x.Escape)
		}
	case *ExistsExpr:
		pr.WriteString("EXISTS ")
		pr.subquery(x.Query)
	case *SubqueryExpr:
		pr.subquery(x.Query)
	case *QuantifiedExpr:
		pr.operand(x.X, precCmp)
		pr.w(" ", x.Op, " ", x.Quant, " ")
		pr.subquery(x.Query)
	case *CaseExpr:
		pr.WriteString("CASE")
		if x.Operand != nil {
			pr.WriteByte(' ')
			pr.expr(x.Operand)
		}
		for _, w := range x.Whens {
			pr.WriteString(" WHEN ")
			pr.expr(w.Cond)
			pr.WriteString(" THEN ")
			pr.expr(w.Result)
		}
		if x.Else != nil {
			pr.WriteString(" ELSE ")
			pr.expr(x.Else)
		}
		pr.WriteString(" END")
	case *CastExpr:
		if x.Func == "::" {
			pr.operand(x.X, precPostfix)
			pr.WriteString("::")
			pr.dataType(x.Type)
			return
		}
		pr.w(x.Func, "(")
		pr.expr(x.X)
		pr.WriteString(" AS ")
		pr.dataType(x.Type)
		if x.Format != nil {
			pr.WriteString(" FORMAT ")
			pr.expr(x.Format)
		}
		pr.WriteByte(')')
	case *FuncCall:
		pr.funcCall(x)
	case *SpecialCall:
		pr.w(x.Name, "(")
		for i, a := range x.Args {
			if i < len(x.Words) && x.Words[i] != "" {
				if i > 0 {
					pr.WriteByte(' ')
				}
				pr.w(x.Words[i], " ")
			}
			pr.expr(a)
		}
		pr.WriteByte(')')
	case *IndexExpr:
		pr.operand(x.X, precPostfix)
		pr.WriteByte('[')
		pr.expr(x.Index)
		pr.WriteByte(']')
	case *FieldExpr:
		pr.operand(x.X, precPostfix)
		if _, isNum := x.X.(*NumberLit); isNum {
			// "0.x" would lex as a number; "0 .x" is the field of 0.
			pr.WriteByte(' ')
		}
		pr.WriteByte('.')
		if !x.Field.Quoted && x.Field.Name != "" && isDigit(x.Field.Name[0]) {
			// ".0a" would lex as the number .0: keep the name apart.
			pr.WriteByte(' ')
		}
		pr.ident(x.Field)
	case *ParenExpr:
		pr.WriteByte('(')
		pr.expr(x.X)
		pr.WriteByte(')')
	case *RowExpr:
		pr.parenExprs(x.List)
	case *LambdaExpr:
		if len(x.Params) == 1 {
			pr.ident(x.Params[0])
		} else {
			pr.parenIdents(x.Params)
		}
		pr.WriteString(" -> ")
		pr.expr(x.Body)
	case *NamedArg:
		pr.ident(x.Name)
		pr.WriteString(" => ")
		pr.expr(x.Value)
	case *GroupingElement:
		pr.w(x.Kind, " ")
		pr.groupingSets(x.Sets)
	default:
		panic("hiveql: cannot print expression " + strings.TrimPrefix(typeName(e), "*hiveql."))
	}
}

// subquery prints (query) with the query indented on lines of its own.
func (pr *printer) subquery(q *Query) {
	pr.WriteByte('(')
	pr.indent++
	pr.nl()
	pr.query(q)
	pr.indent--
	pr.nl()
	pr.WriteByte(')')
}

func (pr *printer) not(not bool) {
	if not {
		pr.WriteString(" NOT")
	}
}

func (pr *printer) funcCall(f *FuncCall) {
	pr.name(f.Name)
	pr.WriteByte('(')
	if f.Quant != "" {
		pr.w(f.Quant, " ")
	}
	if f.Star {
		pr.WriteByte('*')
	}
	pr.exprs(f.Args)
	pr.WriteByte(')')
	if f.IgnoreNulls != "" {
		pr.w(" ", f.IgnoreNulls)
	}
	if f.WithinGroup != nil {
		pr.WriteString(" WITHIN GROUP (ORDER BY ")
		pr.orderItems(f.WithinGroup)
		pr.WriteByte(')')
	}
	if f.Filter != nil {
		pr.WriteString(" FILTER (WHERE ")
		pr.expr(f.Filter)
		pr.WriteByte(')')
	}
	if f.Over != nil {
		pr.WriteString(" OVER ")
		w := f.Over
		if w.Name != nil && w.PartitionBy == nil && w.OrderBy == nil && w.Frame == nil && w.Span == w.Name.Span {
			pr.ident(w.Name)
			return
		}
		pr.window(w)
	}
}

func (pr *printer) window(w *Window) {
	pr.WriteByte('(')
	sep := ""
	if w.Name != nil {
		pr.ident(w.Name)
		sep = " "
	}
	if w.PartitionBy != nil {
		pr.w(sep, w.PartitionKw, " BY ")
		pr.exprs(w.PartitionBy)
		sep = " "
	}
	if w.OrderBy != nil {
		pr.w(sep, w.OrderKw, " BY ")
		pr.orderItems(w.OrderBy)
		sep = " "
	}
	if f := w.Frame; f != nil {
		pr.w(sep, f.Unit, " ")
		if f.End != nil {
			pr.WriteString("BETWEEN ")
			pr.bound(f.Start)
			pr.WriteString(" AND ")
			pr.bound(f.End)
		} else {
			pr.bound(f.Start)
		}
	}
	pr.WriteByte(')')
}

func (pr *printer) bound(b *Bound) {
	if b.Value != nil {
		pr.operand(b.Value, precBitOr)
		pr.WriteByte(' ')
	}
	pr.WriteString(b.Kind)
}

func (pr *printer) orderItems(items []*OrderItem) {
	for i, it := range items {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.expr(it.X)
		if it.Dir != "" {
			pr.w(" ", it.Dir)
		}
		if it.Nulls != "" {
			pr.w(" NULLS ", it.Nulls)
		}
	}
}

func (pr *printer) dataType(t *DataType) {
	switch t.Name {
	case "ARRAY", "MAP", "UNIONTYPE":
		pr.w(t.Name, "<")
		for i, e := range t.Elem {
			if i > 0 {
				pr.WriteByte(',')
			}
			pr.dataType(e)
		}
		pr.WriteByte('>')
		return
	case "STRUCT":
		pr.WriteString("STRUCT<")
		for i, f := range t.Fields {
			if i > 0 {
				pr.WriteByte(',')
			}
			pr.ident(f.Name)
			pr.WriteByte(':')
			pr.dataType(f.Type)
			if f.Comment != nil {
				pr.WriteString(" COMMENT ")
				pr.expr(f.Comment)
			}
		}
		pr.WriteByte('>')
		return
	}
	pr.WriteString(t.Name)
	if len(t.Params) > 0 {
		pr.w("(", strings.Join(t.Params, ","), ")")
	}
}

// ---------------------------------------------------------------- queries

func (pr *printer) query(q *Query) {
	if q.With != nil {
		pr.with(q.With)
		pr.nl()
	}
	pr.body(q.Body)
	pr.tail(&q.Tail)
}

func (pr *printer) with(w *With) {
	pr.WriteString("WITH ")
	for i, c := range w.CTEs {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.ident(c.Name)
		if c.Columns != nil {
			pr.parenIdents(c.Columns)
		}
		pr.WriteString(" AS (")
		pr.indent++
		pr.nl()
		pr.query(c.Query)
		pr.indent--
		pr.nl()
		pr.WriteByte(')')
	}
}

func (pr *printer) tail(t *Tail) {
	if t.OrderBy != nil {
		pr.nl()
		pr.WriteString("ORDER BY ")
		pr.orderItems(t.OrderBy)
	}
	if t.ClusterBy != nil {
		pr.nl()
		pr.WriteString("CLUSTER BY ")
		pr.exprs(t.ClusterBy)
	}
	if t.DistributeBy != nil {
		pr.nl()
		pr.WriteString("DISTRIBUTE BY ")
		pr.exprs(t.DistributeBy)
	}
	if t.SortBy != nil {
		pr.nl()
		pr.WriteString("SORT BY ")
		pr.orderItems(t.SortBy)
	}
	if t.Limit != nil {
		pr.nl()
		pr.WriteString("LIMIT ")
		pr.expr(t.Limit)
	}
	if t.Offset != nil {
		if t.Limit == nil {
			pr.nl()
		} else {
			pr.WriteByte(' ')
		}
		pr.WriteString("OFFSET ")
		pr.expr(t.Offset)
	}
}

func (pr *printer) body(b QueryBody) {
	switch x := b.(type) {
	case *Select:
		pr.selectBlock(x)
	case *SetOp:
		pr.body(x.L)
		pr.nl()
		pr.WriteString(x.Op)
		if x.Quant != "" {
			pr.w(" ", x.Quant)
		}
		pr.nl()
		pr.body(x.R)
	case *ParenQuery:
		pr.WriteByte('(')
		pr.query(x.Query)
		pr.WriteByte(')')
	case *Values:
		pr.values(x)
	default:
		panic("hiveql: cannot print query body " + typeName(b))
	}
}

func (pr *printer) values(v *Values) {
	pr.WriteString("VALUES ")
	for i, row := range v.Rows {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.parenExprs(row)
	}
}

func (pr *printer) selectBlock(s *Select) {
	if s.FromFirst && s.From != nil {
		pr.WriteString("FROM ")
		pr.tableRef(s.From)
		pr.nl()
	}
	pr.selectList(s)
	if s.From != nil && !s.FromFirst {
		pr.nl()
		pr.WriteString("FROM ")
		pr.tableRef(s.From)
	}
	pr.selectRest(s)
}

func (pr *printer) selectList(s *Select) {
	if tr := s.Transform; tr != nil && tr.Kw != "TRANSFORM" {
		pr.w(tr.Kw, " ")
		pr.exprs(tr.Args)
		pr.transformRest(tr)
		return
	}
	pr.WriteString("SELECT ")
	for _, h := range s.Hints {
		pr.WriteString("/*+ ")
		pr.ident(h.Name)
		if h.Args != nil {
			pr.parenExprs(h.Args)
		}
		pr.WriteString(" */ ")
	}
	if s.Quant != "" {
		pr.w(s.Quant, " ")
	}
	if tr := s.Transform; tr != nil {
		pr.WriteString("TRANSFORM")
		pr.parenExprs(tr.Args)
		pr.transformRest(tr)
		return
	}
	for i, it := range s.Items {
		if i > 0 {
			pr.WriteString(", ")
		}
		pr.expr(it.X)
		switch {
		case it.Aliases != nil:
			pr.WriteString(" AS ")
			pr.parenIdents(it.Aliases)
		case it.Alias != nil:
			if it.As {
				pr.WriteString(" AS")
			}
			pr.WriteByte(' ')
			pr.ident(it.Alias)
		}
	}
}

func (pr *printer) transformRest(tr *Transform) {
	if tr.InRowFormat != nil {
		pr.WriteByte(' ')
		pr.rowFormat(tr.InRowFormat)
	}
	if tr.InRecordW != nil {
		pr.WriteString(" RECORDWRITER ")
		pr.expr(tr.InRecordW)
	}
	pr.WriteString(" USING ")
	pr.expr(tr.Using)
	if tr.As != nil {
		pr.WriteString(" AS ")
		if tr.AsParen {
			pr.WriteByte('(')
		}
		pr.columnDefs(tr.As)
		if tr.AsParen {
			pr.WriteByte(')')
		}
	}
	if tr.OutRowFormat != nil {
		pr.WriteByte(' ')
		pr.rowFormat(tr.OutRowFormat)
	}
	if tr.OutRecordR != nil {
		pr.WriteString(" RECORDREADER ")
		pr.expr(tr.OutRecordR)
	}
}

func (pr *printer) selectRest(s *Select) {
	if s.Where != nil {
		pr.nl()
		pr.WriteString("WHERE ")
		pr.expr(s.Where)
	}
	if g := s.GroupBy; g != nil {
		pr.nl()
		pr.WriteString("GROUP BY")
		if g.Quant != "" {
			pr.w(" ", g.Quant)
		}
		if g.Items != nil {
			pr.WriteByte(' ')
			pr.exprs(g.Items)
		}
		if g.With != "" {
			pr.w(" WITH ", g.With)
		}
		if g.HasSets {
			pr.WriteString(" GROUPING SETS ")
			pr.groupingSets(g.GroupingSets)
		}
	}
	if s.Having != nil {
		pr.nl()
		pr.WriteString("HAVING ")
		pr.expr(s.Having)
	}
	if s.Windows != nil {
		pr.nl()
		pr.WriteString("WINDOW ")
		for i, w := range s.Windows {
			if i > 0 {
				pr.WriteString(", ")
			}
			pr.ident(w.Name)
			pr.WriteString(" AS ")
			if w.Spec.Name != nil && w.Spec.PartitionBy == nil && w.Spec.OrderBy == nil && w.Spec.Frame == nil && w.Spec.Span == w.Spec.Name.Span {
				pr.ident(w.Spec.Name)
			} else {
				pr.window(w.Spec)
			}
		}
	}
	if s.Qualify != nil {
		pr.nl()
		pr.WriteString("QUALIFY ")
		pr.expr(s.Qualify)
	}
}

func (pr *printer) groupingSets(sets [][]Expr) {
	pr.WriteByte('(')
	for i, set := range sets {
		if i > 0 {
			pr.WriteString(", ")
		}
		if len(set) == 1 {
			if _, isRow := set[0].(*RowExpr); !isRow {
				if _, isParen := set[0].(*ParenExpr); !isParen {
					pr.expr(set[0])
					continue
				}
			}
		}
		pr.parenExprs(set)
	}
	pr.WriteByte(')')
}

func (pr *printer) alias(as bool, alias *Ident, cols []*Ident) {
	if alias == nil {
		return
	}
	if as {
		pr.WriteString(" AS")
	}
	pr.WriteByte(' ')
	pr.ident(alias)
	if cols != nil {
		pr.parenIdents(cols)
	}
}

func (pr *printer) tableRef(t TableRef) {
	switch x := t.(type) {
	case *TableName:
		pr.name(x.Name)
		if x.Props != nil {
			pr.WriteByte(' ')
			pr.properties(x.Props)
		}
		if x.TimeTrav != nil {
			if x.TimeKind == "SYSTEM_TIME" || x.TimeKind == "SYSTEM_VERSION" {
				pr.w(" FOR ", x.TimeKind, " AS OF ")
			} else {
				pr.w(" ", x.TimeKind, " AS OF ")
			}
			pr.operand(x.TimeTrav, precBitOr)
		}
		if x.Sample != nil {
			pr.tableSample(x.Sample)
		}
		pr.alias(x.As, x.Alias, x.Columns)
	case *SubqueryRef:
		if x.Lateral {
			pr.WriteString("LATERAL ")
		}
		pr.subquery(x.Query)
		if x.Sample != nil {
			pr.tableSample(x.Sample)
		}
		pr.alias(x.As, x.Alias, x.Columns)
	case *ParenRef:
		pr.WriteByte('(')
		pr.tableRef(x.X)
		pr.WriteByte(')')
	case *Join:
		pr.tableRef(x.L)
		if x.Kind == "," {
			pr.WriteString(", ")
		} else {
			pr.nl()
			if x.Natural {
				pr.WriteString("NATURAL ")
			}
			pr.w(x.Kind, " ")
		}
		pr.tableRef(x.R)
		if x.On != nil {
			pr.WriteString(" ON ")
			pr.expr(x.On)
		}
		if x.Using != nil {
			pr.WriteString(" USING ")
			pr.parenIdents(x.Using)
		}
	case *LateralView:
		pr.tableRef(x.Source)
		pr.nl()
		pr.WriteString("LATERAL VIEW ")
		if x.Outer {
			pr.WriteString("OUTER ")
		}
		pr.expr(x.Func)
		if x.TableAlias != nil {
			pr.WriteByte(' ')
			pr.ident(x.TableAlias)
		}
		if x.As {
			pr.WriteString(" AS ")
			pr.idents(x.Columns)
		}
	case *FuncRef:
		pr.expr(x.Func)
		pr.alias(x.As, x.Alias, x.Columns)
	case *ValuesRef:
		pr.values(x.Values)
		pr.alias(x.As, x.Alias, x.Columns)
	case *PTFRef:
		pr.name(x.Name)
		pr.WriteString("(ON ")
		pr.tableRef(x.Source)
		if x.PartitionBy != nil {
			pr.w(" ", x.PartitionKw, " BY ")
			pr.exprs(x.PartitionBy)
		}
		if x.OrderBy != nil {
			pr.w(" ", x.OrderKw, " BY ")
			pr.orderItems(x.OrderBy)
		}
		for i, a := range x.Args {
			if i > 0 {
				pr.WriteByte(',')
			}
			pr.WriteByte(' ')
			pr.funcCall(a)
		}
		pr.WriteByte(')')
		pr.alias(x.As, x.Alias, nil)
	case *UniqueJoin:
		pr.WriteString("UNIQUEJOIN ")
		for i, it := range x.Items {
			if i > 0 {
				pr.WriteString(", ")
			}
			if it.Preserve {
				pr.WriteString("PRESERVE ")
			}
			pr.tableRef(it.Table)
			pr.WriteByte(' ')
			pr.parenExprs(it.Keys)
		}
	default:
		panic("hiveql: cannot print table reference " + typeName(t))
	}
}

func (pr *printer) tableSample(ts *TableSample) {
	pr.WriteString(" TABLESAMPLE(")
	if ts.Bucket != nil {
		pr.WriteString("BUCKET ")
		pr.expr(ts.Bucket)
		pr.WriteString(" OUT OF ")
		pr.expr(ts.OutOf)
		if ts.On != nil {
			pr.WriteString(" ON ")
			pr.exprs(ts.On)
		}
	} else {
		if ts.Amount != nil {
			pr.expr(ts.Amount)
			if ts.Unit != "" {
				pr.WriteByte(' ')
			}
		}
		pr.WriteString(ts.Unit)
	}
	pr.WriteByte(')')
}

// IdentText is how a name part is written in SQL: as it is when it is a
// plain identifier (letters, digits, underscores, not starting with a
// digit, not a reserved word), else in backquotes. Names that came from a
// tree keep their own quoting; this is for names known only as text, such
// as the keys of a table list.
func IdentText(name string) string {
	plain := name != "" && !(name[0] >= '0' && name[0] <= '9') && !reserved[lookupKeyword([]byte(name))]
	for i := 0; plain && i < len(name); i++ {
		c := name[i]
		plain = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	if plain {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// NameText writes a db.table key (the database is the part before the
// first dot; the rest, dots included, is the table) with IdentText.
func NameText(key string) string {
	db, table, ok := strings.Cut(key, ".")
	if !ok {
		return IdentText(key)
	}
	return IdentText(db) + "." + IdentText(table)
}
