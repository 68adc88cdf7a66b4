package hiveql

import "strings"

func (p *parser) query() *Query {
	p.enter()
	defer p.leave()
	pos := p.tok().Pos
	var w *With
	if p.isKw(KwWITH) {
		w = p.with()
	}
	return p.queryAfterWith(pos, w)
}

func (p *parser) with() *With {
	pos := p.expectKw(KwWITH)
	p.acceptKw(KwRECURSIVE)
	w := &With{Span: Span{pos}}
	for {
		c := &CTE{Span: Span{p.tok().Pos}, Name: p.ident()}
		if p.isOp("(") {
			c.Columns = p.identList()
		}
		p.expectKw(KwAS)
		p.expectOp("(")
		c.Query = p.query()
		p.expectOp(")")
		w.CTEs = append(w.CTEs, c)
		if !p.acceptOp(",") {
			return w
		}
	}
}

func (p *parser) queryAfterWith(pos Pos, w *With) *Query {
	q := &Query{Span: Span{pos}, With: w}
	q.Body = p.setOps()
	p.tail(&q.Tail)
	return q
}

func (p *parser) setOps() QueryBody {
	x := p.queryPrimary()
	for {
		t := p.tok()
		if t.Kind != Word {
			return x
		}
		switch t.Kw {
		case KwUNION, KwINTERSECT, KwEXCEPT, KwMINUS:
		default:
			return x
		}
		p.i++
		s := &SetOp{Span: Span{x.Pos()}, Op: t.Kw.String(), L: x}
		if p.isKw(KwALL) || p.isKw(KwDISTINCT) {
			s.Quant = p.tok().Kw.String()
			p.i++
		}
		s.R = p.queryPrimary()
		x = s
	}
}

func (p *parser) queryPrimary() QueryBody {
	p.enter()
	defer p.leave()
	t := p.tok()
	switch {
	case t.Kind == Op && p.text(t) == "(":
		p.i++
		q := p.query()
		p.expectOp(")")
		return &ParenQuery{Span: Span{t.Pos}, Query: q}
	case t.Kind == Word && (t.Kw == KwSELECT || t.Kw == KwMAP || t.Kw == KwREDUCE):
		return p.selectCore(false)
	case t.Kind == Word && t.Kw == KwVALUES:
		return p.values()
	case t.Kind == Word && t.Kw == KwFROM:
		// FROM src SELECT … as a query (Hive allows it in subqueries).
		p.i++
		from := p.fromClause()
		s := p.selectCore(true)
		s.From = from
		s.At = t.Pos
		s.FromFirst = true
		return s
	case t.Kind == Word && t.Kw == KwTABLE:
		p.i++
		n := p.name()
		return &Select{Span: Span{t.Pos}, Items: []*SelectItem{{Span: Span{t.Pos}, X: &Star{Span: Span{t.Pos}}}}, From: &TableName{Span: n.Span, Name: n}}
	}
	p.fail("expected SELECT, found %s", p.describe())
	return nil
}

func (p *parser) values() *Values {
	pos := p.expectKw(KwVALUES)
	v := &Values{Span: Span{pos}}
	for {
		if p.isOp("(") {
			v.Rows = append(v.Rows, p.parenExprs())
		} else {
			v.Rows = append(v.Rows, []Expr{p.expr()})
		}
		if !p.acceptOp(",") {
			return v
		}
	}
}

func (p *parser) tail(t *Tail) {
	for {
		switch {
		case p.isKw(KwORDER) && p.isKwAt(1, KwBY):
			p.i += 2
			t.OrderBy = p.orderItems()
		case p.isKw(KwCLUSTER) && p.isKwAt(1, KwBY):
			p.i += 2
			t.ClusterBy = p.exprList()
		case p.isKw(KwDISTRIBUTE) && p.isKwAt(1, KwBY):
			p.i += 2
			t.DistributeBy = p.exprList()
		case p.isKw(KwSORT) && p.isKwAt(1, KwBY):
			p.i += 2
			t.SortBy = p.orderItems()
		case p.isKw(KwLIMIT):
			p.i++
			x := p.expr()
			if p.acceptOp(",") {
				// Hive's LIMIT offset, count.
				t.Offset = x
				x = p.expr()
			}
			t.Limit = x
		case p.isKw(KwOFFSET):
			p.i++
			t.Offset = p.expr()
			if p.isKw(KwROWS) || p.isKw(KwROW) {
				p.i++
			}
		default:
			return
		}
	}
}

// selectCore reads one SELECT block (or a MAP / REDUCE block). With
// fromFirst, the block's FROM came before it (the FROM-first and
// multi-insert forms), so it has no FROM clause of its own.
func (p *parser) selectCore(fromFirst bool) *Select {
	t := p.tok()
	s := &Select{Span: Span{t.Pos}}
	switch {
	case p.isKw(KwMAP), p.isKw(KwREDUCE):
		tr := &Transform{Span: Span{t.Pos}, Kw: t.Kw.String()}
		p.i++
		tr.Args = p.exprList()
		p.transformRest(tr)
		s.Transform = tr
	default:
		p.expectKw(KwSELECT)
		for p.tok().Kind == HintTok {
			s.Hints = append(s.Hints, p.hints()...)
		}
		if p.isKw(KwDISTINCT) || (p.isKw(KwALL) && !p.isOpAt(1, ",")) {
			s.Quant = p.tok().Kw.String()
			p.i++
		}
		if p.isKw(KwTRANSFORM) && p.isOpAt(1, "(") && p.transformClauseAhead() {
			tr := &Transform{Span: Span{p.tok().Pos}, Kw: "TRANSFORM"}
			p.i++
			tr.Args = p.parenExprs()
			p.transformRest(tr)
			s.Transform = tr
		} else {
			s.Items = p.selectItems()
		}
	}
	if !fromFirst && p.acceptKw(KwFROM) {
		s.From = p.fromClause()
	}
	if p.acceptKw(KwWHERE) {
		s.Where = p.expr()
	}
	if p.isKw(KwGROUP) && p.isKwAt(1, KwBY) {
		s.GroupBy = p.groupBy()
	}
	if p.acceptKw(KwHAVING) {
		s.Having = p.expr()
	}
	if p.acceptKw(KwWINDOW) {
		for {
			nw := &NamedWindow{Span: Span{p.tok().Pos}, Name: p.ident()}
			p.expectKw(KwAS)
			if p.isOp("(") {
				nw.Spec = p.windowSpec()
			} else {
				id := p.ident()
				nw.Spec = &Window{Span: id.Span, Name: id}
			}
			s.Windows = append(s.Windows, nw)
			if !p.acceptOp(",") {
				break
			}
		}
	}
	if p.acceptKw(KwQUALIFY) {
		s.Qualify = p.expr()
	}
	return s
}

func (p *parser) transformRest(tr *Transform) {
	if p.isKw(KwROW) {
		tr.InRowFormat = p.rowFormat()
	}
	if p.acceptKw(KwRECORDWRITER) {
		tr.InRecordW = p.stringLit()
	}
	p.expectKw(KwUSING)
	tr.Using = p.stringLit()
	if p.acceptKw(KwAS) {
		if p.acceptOp("(") {
			tr.AsParen = true
			tr.As = p.columnDefs(true)
			p.expectOp(")")
		} else {
			tr.As = p.columnDefs(true)
		}
	}
	if p.isKw(KwROW) {
		tr.OutRowFormat = p.rowFormat()
	}
	if p.acceptKw(KwRECORDREADER) {
		tr.OutRecordR = p.stringLit()
	}
}

// hints reads one /*+ … */ token into its hints.
func (p *parser) hints() []*Hint {
	t := p.next()
	body := p.src[t.Pos+3 : max(t.Pos+3, t.End-2)]
	toks, _, errs := Lex(body, p.d)
	for _, e := range errs {
		p.errs.Add(t.Pos+3+e.Pos, "in hint: %s", e.Msg)
	}
	for i := range toks {
		toks[i].Pos += t.Pos + 3
		toks[i].End += t.Pos + 3
	}
	sub := &parser{src: p.src, d: p.d, toks: toks}
	var out []*Hint
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(bailout); !ok {
					panic(r)
				}
				p.errs = append(p.errs, sub.errs...)
				panic(bailout{})
			}
		}()
		for sub.tok().Kind != EOF {
			h := &Hint{Span: Span{sub.tok().Pos}, Name: sub.ident()}
			if sub.isOp("(") {
				h.Args = sub.parenExprs()
			}
			out = append(out, h)
			sub.acceptOp(",")
		}
	}()
	return out
}

func (p *parser) selectItems() []*SelectItem {
	var out []*SelectItem
	for {
		it := &SelectItem{Span: Span{p.tok().Pos}, X: p.expr()}
		if p.acceptKw(KwAS) {
			it.As = true
			if p.isOp("(") {
				it.Aliases = p.identList()
				if len(it.Aliases) == 0 {
					p.fail("expected column aliases in AS ( )")
				}
			} else {
				it.Alias = p.ident()
			}
		} else if t := p.tok(); (t.Kind == Word && !reserved[t.Kw]) || t.Kind == QuotedIdent || t.Kind == Var {
			it.Alias = p.ident()
		}
		out = append(out, it)
		if !p.acceptOp(",") {
			return out
		}
	}
}

func (p *parser) groupBy() *GroupBy {
	pos := p.expectKw(KwGROUP)
	p.expectKw(KwBY)
	g := &GroupBy{Span: Span{pos}}
	if p.isKw(KwALL) && !p.isOpAt(1, "(") {
		p.i++
		g.Quant = "ALL"
		return g
	}
	if !(p.isKw(KwGROUPING) && p.isKwAt(1, KwSETS)) {
		for {
			if el := p.groupingElement(); el != nil {
				g.Items = append(g.Items, el)
			} else {
				g.Items = append(g.Items, p.expr())
			}
			if !p.acceptOp(",") {
				break
			}
		}
	}
	switch {
	case p.isKw(KwWITH) && (p.isKwAt(1, KwROLLUP) || p.isKwAt(1, KwCUBE)):
		g.With = p.peek(1).Kw.String()
		p.i += 2
	case p.isKw(KwGROUPING) && p.isKwAt(1, KwSETS):
		p.i += 2
		g.HasSets = true
		g.GroupingSets = p.groupingSets()
	}
	return g
}

func (p *parser) groupingElement() Expr {
	t := p.tok()
	switch {
	case (p.isKw(KwROLLUP) || p.isKw(KwCUBE)) && p.isOpAt(1, "("):
		p.i++
		ge := &GroupingElement{Span: Span{t.Pos}, Kind: t.Kw.String()}
		ge.Sets = p.groupingSets()
		return ge
	case p.isKw(KwGROUPING) && p.isKwAt(1, KwSETS) && p.isOpAt(2, "("):
		p.i += 2
		return &GroupingElement{Span: Span{t.Pos}, Kind: "GROUPING SETS", Sets: p.groupingSets()}
	}
	return nil
}

// groupingSets reads ( set, … ) where a set is (a, b), () or a single expression.
func (p *parser) groupingSets() [][]Expr {
	p.expectOp("(")
	var sets [][]Expr
	for {
		if p.isOp("(") && !p.parenIsExpr() {
			sets = append(sets, p.parenExprs())
		} else {
			sets = append(sets, []Expr{p.expr()})
		}
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return sets
}

// matchParen returns the look-ahead offset of the ')' that closes the '('
// at offset n, or -1 when the statement ends first.
func (p *parser) matchParen(n int) int {
	depth := 0
	for ; ; n++ {
		t := p.peek(n)
		if t.Kind == EOF || t.Kind == Semi {
			return -1
		}
		if t.Kind != Op {
			continue
		}
		switch p.src[t.Pos] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return n
			}
		}
	}
}

// parenJoinAhead reports whether "( (subquery) alias JOIN …)" is ahead: a
// parenthesised join whose first item is a subquery, rather than a
// parenthesised query. After the inner ')' a query continues with ')', a set
// operator or an ordering clause; a join continues with an alias or a join.
func (p *parser) parenJoinAhead() bool {
	if !p.isOpAt(1, "(") {
		return false
	}
	m := p.matchParen(1)
	if m < 0 || p.isOpAt(m+1, ")") {
		return false
	}
	t := p.peek(m + 1)
	if t.Kind != Word && t.Kind != QuotedIdent {
		return t.Kind == Op && p.text(t) == ","
	}
	switch t.Kw {
	case KwUNION, KwINTERSECT, KwEXCEPT, KwMINUS, KwORDER, KwSORT, KwCLUSTER, KwDISTRIBUTE, KwLIMIT:
		return false
	}
	return true
}

// transformClauseAhead tells Hive's SELECT TRANSFORM(…) USING 'script' from
// Spark's higher-order function transform(array, fn): only the clause is
// followed by USING, ROW FORMAT or RECORDWRITER after its ')'.
func (p *parser) transformClauseAhead() bool {
	n := p.matchParen(1)
	return n >= 0 && (p.isKwAt(n+1, KwUSING) || p.isKwAt(n+1, KwROW) || p.isKwAt(n+1, KwRECORDWRITER))
}

// parenIsExpr reports whether the '(' at the current token opens an
// expression such as (a + b) rather than a list of grouping columns: it
// looks at what follows the matching ')'.
func (p *parser) parenIsExpr() bool {
	n := p.matchParen(0)
	if n < 0 {
		return false
	}
	return !(p.isOpAt(n+1, ",") || p.isOpAt(n+1, ")"))
}

// ---------------------------------------------------------------- FROM

func (p *parser) fromClause() TableRef {
	p.enter()
	defer p.leave()
	x := p.tableFactor()
	for {
		t := p.tok()
		if t.Kind == Op && p.text(t) == "," {
			p.i++
			if p.isKw(KwLATERAL) && !p.isKwAt(1, KwVIEW) {
				x = &Join{Span: Span{x.Pos()}, Kind: ",", L: x, R: p.tableFactor()}
				continue
			}
			x = &Join{Span: Span{x.Pos()}, Kind: ",", L: x, R: p.tableFactor()}
			continue
		}
		if t.Kind != Word {
			return x
		}
		if t.Kw == KwLATERAL && p.isKwAt(1, KwVIEW) {
			x = p.lateralView(x)
			continue
		}
		kind, natural, ok := p.joinKind()
		if !ok {
			return x
		}
		j := &Join{Span: Span{x.Pos()}, Kind: kind, Natural: natural, L: x, R: p.tableFactor()}
		for p.isKw(KwLATERAL) && p.isKwAt(1, KwVIEW) {
			j.R = p.lateralView(j.R)
		}
		if p.acceptKw(KwON) {
			j.On = p.expr()
		} else if p.isKw(KwUSING) {
			p.i++
			j.Using = p.identList()
		}
		x = j
	}
}

// joinKind reads the words of a join operator, if one is next.
func (p *parser) joinKind() (kind string, natural, ok bool) {
	save := p.i
	natural = p.acceptKw(KwNATURAL)
	var words []string
	t := p.tok()
	switch t.Kw {
	case KwJOIN:
	case KwINNER, KwCROSS:
		words = append(words, t.Kw.String())
		p.i++
	case KwLEFT, KwRIGHT, KwFULL:
		words = append(words, t.Kw.String())
		p.i++
		switch p.tok().Kw {
		case KwOUTER, KwSEMI, KwANTI:
			if p.tok().Kind == Word {
				// Hive's grammar has LEFT SEMI JOIN but no anti join
				// keyword (Hive 4.1 refuses it too, run by verify
				// --against-hive): a script using it never ran on Hive.
				if p.tok().Kw == KwANTI && p.d == Hive && t.Kw == KwLEFT && p.peekJoin() {
					p.fail("LEFT ANTI JOIN is Spark SQL, not HiveQL: Hive refuses it (NOT EXISTS or LEFT JOIN … WHERE … IS NULL is Hive's way)")
				}
				words = append(words, p.tok().Kw.String())
				p.i++
			}
		}
	default:
		p.i = save
		return "", false, false
	}
	if t.Kind != Word || !p.isKw(KwJOIN) {
		p.i = save
		return "", false, false
	}
	p.i++
	words = append(words, "JOIN")
	return strings.Join(words, " "), natural, true
}

// peekJoin reports whether the token after the next one is JOIN.
func (p *parser) peekJoin() bool {
	return p.i+1 < len(p.toks) && p.toks[p.i+1].Kw == KwJOIN
}

func (p *parser) lateralView(src TableRef) TableRef {
	p.expectKw(KwLATERAL)
	p.expectKw(KwVIEW)
	lv := &LateralView{Span: Span{src.Pos()}, Source: src}
	lv.Outer = p.acceptKw(KwOUTER)
	lv.Func = p.postfix(p.primary())
	if !p.isKw(KwAS) {
		lv.TableAlias = p.ident()
	}
	if p.acceptKw(KwAS) {
		lv.As = true
		for {
			lv.Columns = append(lv.Columns, p.ident())
			if !p.acceptOp(",") {
				break
			}
		}
	}
	return lv
}

func (p *parser) aliasWithColumns() (as bool, alias *Ident, cols []*Ident) {
	as, alias = p.optAlias()
	if alias != nil && p.isOp("(") && !p.startsQuery(1) {
		cols = p.identList()
	}
	return
}

func (p *parser) tableFactor() TableRef {
	p.enter()
	defer p.leave()
	t := p.tok()
	pos := t.Pos
	switch {
	case t.Kind == Op && p.text(t) == "(":
		if p.startsQuery(1) && !p.parenJoinAhead() {
			p.i++
			q := p.query()
			p.expectOp(")")
			sr := &SubqueryRef{Span: Span{pos}, Query: q}
			if p.isKw(KwTABLESAMPLE) {
				sr.Sample = p.tableSample()
			}
			sr.As, sr.Alias, sr.Columns = p.aliasWithColumns()
			return sr
		}
		p.i++
		x := p.fromClause()
		p.expectOp(")")
		return &ParenRef{Span: Span{pos}, X: x}
	case t.Kind == Word && t.Kw == KwVALUES:
		v := &ValuesRef{Span: Span{pos}, Values: p.values()}
		v.As, v.Alias, v.Columns = p.aliasWithColumns()
		return v
	case t.Kind == Word && t.Kw == KwUNIQUEJOIN:
		p.i++
		u := &UniqueJoin{Span: Span{pos}}
		for {
			it := &UniqueJoinItem{Span: Span{p.tok().Pos}}
			it.Preserve = p.acceptWord("PRESERVE")
			n := p.name()
			tn := &TableName{Span: n.Span, Name: n}
			tn.As, tn.Alias = p.optAlias()
			it.Table = tn
			it.Keys = p.parenExprs()
			u.Items = append(u.Items, it)
			if !p.acceptOp(",") {
				break
			}
		}
		return u
	case t.Kind == Word && t.Kw == KwLATERAL && p.isOpAt(1, "("):
		p.i++
		if p.startsQuery(1) {
			p.i++
			q := p.query()
			p.expectOp(")")
			sr := &SubqueryRef{Span: Span{pos}, Query: q, Lateral: true}
			sr.As, sr.Alias, sr.Columns = p.aliasWithColumns()
			return sr
		}
		p.fail("expected a subquery after LATERAL")
	case t.Kind == Word && t.Kw == KwTABLE && p.isOpAt(1, "("):
		f := &FuncRef{Span: Span{pos}, Func: p.columnOrCall()}
		f.As, f.Alias, f.Columns = p.aliasWithColumns()
		return f
	}
	if p.isIdentStart() {
		// A name followed by '(' is a table function, unless a table
		// property list follows the name (t ('k'='v')).
		n := 1
		for p.isOpAt(n, ".") {
			n += 2
		}
		if p.isOpAt(n, "(") && p.isKwAt(n+1, KwON) {
			return p.ptf()
		}
		if p.isOpAt(n, "(") && p.peek(n+1).Kind != String {
			f := &FuncRef{Span: Span{pos}, Func: p.columnOrCall()}
			f.As, f.Alias, f.Columns = p.aliasWithColumns()
			return f
		}
		return p.tableName()
	}
	p.fail("expected a table, found %s", p.describe())
	return nil
}

func (p *parser) tableName() TableRef {
	n := p.name()
	tn := &TableName{Span: n.Span, Name: n}
	if p.isOp("(") && p.peek(1).Kind == String {
		tn.Props = p.properties()
	}
	if p.isKw(KwFOR) && (p.isWordAt(1, "SYSTEM_TIME") || p.isWordAt(1, "SYSTEM_VERSION")) {
		p.i++
		tn.TimeKind = strings.ToUpper(p.text(p.tok()))
		p.i++
		p.expectKw(KwAS)
		p.expectKw(KwOF)
		tn.TimeTrav = p.binary(precBitOr)
	} else if (p.isWord("VERSION") || p.isKw(KwTIMESTAMP)) && p.isKwAt(1, KwAS) && p.isKwAt(2, KwOF) {
		tn.TimeKind = strings.ToUpper(p.text(p.tok()))
		p.i += 3
		tn.TimeTrav = p.binary(precBitOr)
	}
	if p.isKw(KwTABLESAMPLE) {
		tn.Sample = p.tableSample()
	}
	tn.As, tn.Alias, tn.Columns = p.aliasWithColumns()
	if tn.Sample == nil && p.isKw(KwTABLESAMPLE) {
		tn.Sample = p.tableSample()
	}
	return tn
}

func (p *parser) tableSample() *TableSample {
	pos := p.expectKw(KwTABLESAMPLE)
	p.expectOp("(")
	ts := &TableSample{Span: Span{pos}}
	if p.acceptKw(KwBUCKET) {
		ts.Bucket = p.primary()
		p.expectKw(KwOUT)
		p.expectKw(KwOF)
		ts.OutOf = p.primary()
		if p.acceptKw(KwON) {
			ts.On = p.exprList()
		}
	} else {
		t := p.tok()
		if t.Kind == Word && p.isOpAt(1, ")") {
			// A size: 100M, 1G, as one word.
			ts.Unit = p.text(t)
			p.i++
		} else {
			ts.Amount = p.primary()
			switch {
			case p.acceptKw(KwPERCENT):
				ts.Unit = "PERCENT"
			case p.acceptKw(KwROWS):
				ts.Unit = "ROWS"
			case p.tok().Kind == Word:
				ts.Unit = strings.ToUpper(p.text(p.tok()))
				p.i++
			}
		}
	}
	p.expectOp(")")
	return ts
}

// ptf reads a Hive partitioned table function (windowing PTFs such as noop
// or matchpath): name(ON source [PARTITION|DISTRIBUTE|CLUSTER BY …]
// [ORDER|SORT BY …] [arg(expr), …]) [alias].
func (p *parser) ptf() TableRef {
	pos := p.tok().Pos
	f := &PTFRef{Span: Span{pos}, Name: p.name()}
	p.expectOp("(")
	p.expectKw(KwON)
	if n := 1; p.isIdentStart() {
		for p.isOpAt(n, ".") {
			n += 2
		}
		if p.isOpAt(n, "(") && p.isKwAt(n+1, KwON) {
			f.Source = p.ptf()
		}
	}
	if f.Source == nil {
		f.Source = p.tableFactor()
	}
	if p.isKw(KwPARTITION) || p.isKw(KwDISTRIBUTE) || p.isKw(KwCLUSTER) {
		f.PartitionKw = p.tok().Kw.String()
		p.i++
		p.expectKw(KwBY)
		f.PartitionBy = p.exprList()
	}
	if p.isKw(KwORDER) || p.isKw(KwSORT) {
		f.OrderKw = p.tok().Kw.String()
		p.i++
		p.expectKw(KwBY)
		f.OrderBy = p.orderItems()
	}
	for p.isIdentStart() && p.isOpAt(1, "(") {
		n := p.name()
		call, ok := p.funcCall(n).(*FuncCall)
		if !ok {
			p.fail("expected a table function argument")
		}
		f.Args = append(f.Args, call)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	f.As, f.Alias = p.optAlias()
	return f
}
