package hiveql

import "strings"

// Expression precedence, lowest first, after Hive's IdentifiersParser.g:
// OR < AND < NOT < comparison and predicates < | < & < || < + - < * / % DIV
// < ^ < unary < postfix ([], ., ::).
const (
	precOr = iota + 1
	precAnd
	precNot
	precCmp
	precBitOr
	precBitAnd
	precConcat
	precAdd
	precMul
	precXor
	precUnary
	precPostfix
)

func binaryPrec(op string) int {
	switch op {
	case "OR":
		return precOr
	case "AND":
		return precAnd
	case "=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>":
		return precCmp
	case "|":
		return precBitOr
	case "&":
		return precBitAnd
	case "||":
		return precConcat
	case "+", "-":
		return precAdd
	case "*", "/", "%", "DIV":
		return precMul
	case "^":
		return precXor
	}
	return precPostfix
}

func (p *parser) expr() Expr {
	p.enter()
	defer p.leave()
	return p.orExpr()
}

func (p *parser) orExpr() Expr {
	x := p.andExpr()
	for p.isKw(KwOR) {
		p.i++
		x = &BinaryExpr{Span: Span{x.Pos()}, Op: "OR", L: x, R: p.andExpr()}
	}
	return x
}

func (p *parser) andExpr() Expr {
	x := p.notExpr()
	for p.isKw(KwAND) || p.isOp("&&") {
		p.i++
		x = &BinaryExpr{Span: Span{x.Pos()}, Op: "AND", L: x, R: p.notExpr()}
	}
	return x
}

func (p *parser) notExpr() Expr {
	if p.isKw(KwNOT) || (p.isOp("!") && !p.isOpAt(1, "=")) {
		pos := p.tok().Pos
		op := "NOT"
		if p.isOp("!") {
			op = "!"
		}
		p.i++
		p.enter()
		defer p.leave()
		return &UnaryExpr{Span: Span{pos}, Op: op, X: p.notExpr()}
	}
	return p.predicate()
}

func (p *parser) predicate() Expr {
	x := p.binary(precBitOr)
	for {
		t := p.tok()
		not := false
		n := 0
		if t.Kind == Word && t.Kw == KwNOT {
			switch p.peek(1).Kw {
			case KwIN, KwLIKE, KwRLIKE, KwREGEXP, KwBETWEEN:
				not, n = true, 1
			default:
				if p.isWordAt(1, "ILIKE") {
					not, n = true, 1
				}
			}
		}
		t = p.peek(n)
		if t.Kind == Op {
			op := p.text(t)
			switch op {
			case "=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>":
				p.i++
				if (p.isKw(KwANY) || p.isKw(KwALL) || p.isWord("SOME")) && p.isOpAt(1, "(") && p.startsQuery(2) {
					quant := strings.ToUpper(p.text(p.tok()))
					p.i++
					p.expectOp("(")
					q := p.query()
					p.expectOp(")")
					x = &QuantifiedExpr{Span: Span{x.Pos()}, X: x, Op: op, Quant: quant, Query: q}
					continue
				}
				x = &BinaryExpr{Span: Span{x.Pos()}, Op: op, L: x, R: p.binary(precBitOr)}
				continue
			}
			return x
		}
		if t.Kind != Word {
			return x
		}
		switch {
		case t.Kw == KwIS && n == 0:
			p.i++
			isNot := p.acceptKw(KwNOT)
			if p.acceptKw(KwDISTINCT) {
				p.expectKw(KwFROM)
				x = &DistinctFromExpr{Span: Span{x.Pos()}, X: x, Not: isNot, Y: p.binary(precBitOr)}
				continue
			}
			w := p.tok()
			var what string
			switch {
			case w.Kind == Word && (w.Kw == KwNULL || w.Kw == KwTRUE || w.Kw == KwFALSE):
				what = w.Kw.String()
			case p.isWord("UNKNOWN"):
				what = "UNKNOWN"
			default:
				p.fail("expected NULL, TRUE, FALSE or DISTINCT FROM after IS, found %s", p.describe())
			}
			p.i++
			x = &IsExpr{Span: Span{x.Pos()}, X: x, Not: isNot, What: what}
		case t.Kw == KwBETWEEN:
			p.i += n + 1
			lo := p.binary(precBitOr)
			p.expectKw(KwAND)
			hi := p.binary(precBitOr)
			x = &BetweenExpr{Span: Span{x.Pos()}, X: x, Not: not, Lo: lo, Hi: hi}
		case t.Kw == KwIN:
			p.i += n + 1
			in := &InExpr{Span: Span{x.Pos()}, X: x, Not: not}
			p.expectOp("(")
			if p.startsQuery(0) {
				in.Query = p.query()
			} else if !p.isOp(")") {
				in.List = p.exprList()
			}
			p.expectOp(")")
			x = in
		case t.Kw == KwLIKE || t.Kw == KwRLIKE || t.Kw == KwREGEXP || p.isWordAt(n, "ILIKE"):
			p.i += n + 1
			l := &LikeExpr{Span: Span{x.Pos()}, X: x, Not: not, Op: strings.ToUpper(p.text(t))}
			if (p.isKw(KwANY) || p.isKw(KwALL)) && p.isOpAt(1, "(") {
				l.Quant = p.tok().Kw.String()
				p.i++
				l.List = p.parenExprs()
			} else {
				l.Pattern = p.binary(precBitOr)
			}
			if p.acceptWord("ESCAPE") {
				l.Escape = p.primary()
			}
			x = l
		default:
			return x
		}
	}
}

// binary parses operators of precedence prec and higher, left-associative.
func (p *parser) binary(prec int) Expr {
	if prec > precXor {
		return p.unary()
	}
	x := p.binary(prec + 1)
	for {
		t := p.tok()
		var op string
		switch t.Kind {
		case Op:
			op = p.text(t)
		case Word:
			if t.Kw == KwDIV {
				op = "DIV"
			}
		}
		if op == "" || binaryPrec(op) != prec {
			return x
		}
		p.i++
		x = &BinaryExpr{Span: Span{x.Pos()}, Op: op, L: x, R: p.binary(prec + 1)}
	}
}

func (p *parser) unary() Expr {
	t := p.tok()
	if t.Kind == Op {
		switch op := p.text(t); op {
		case "-", "+", "~":
			p.i++
			p.enter()
			defer p.leave()
			return &UnaryExpr{Span: Span{t.Pos}, Op: op, X: p.unary()}
		case "!":
			if !p.isOpAt(1, "=") {
				p.i++
				p.enter()
				defer p.leave()
				return &UnaryExpr{Span: Span{t.Pos}, Op: "!", X: p.unary()}
			}
		}
	}
	return p.postfix(p.primary())
}

func (p *parser) postfix(x Expr) Expr {
	for {
		switch {
		case p.isOp("["):
			p.i++
			idx := p.expr()
			p.expectOp("]")
			x = &IndexExpr{Span: Span{x.Pos()}, X: x, Index: idx}
		case p.isOp(".") && p.peek(1).Kind != Op:
			p.i++
			x = &FieldExpr{Span: Span{x.Pos()}, X: x, Field: p.ident()}
		case p.isOp("::"):
			p.i++
			x = &CastExpr{Span: Span{x.Pos()}, Func: "::", X: x, Type: p.dataType()}
		default:
			return x
		}
	}
}

func (p *parser) exprList() []Expr {
	var out []Expr
	for {
		out = append(out, p.expr())
		if !p.acceptOp(",") {
			return out
		}
	}
}

// parenExprs reads ( e, … ), allowing an empty list.
func (p *parser) parenExprs() []Expr {
	p.expectOp("(")
	if p.acceptOp(")") {
		return []Expr{}
	}
	l := p.exprList()
	p.expectOp(")")
	return l
}

func (p *parser) stringLit() *StringLit {
	t := p.tok()
	if t.Kind != String {
		p.fail("expected string, found %s", p.describe())
	}
	s := &StringLit{Span: Span{t.Pos}}
	for p.tok().Kind == String {
		s.Parts = append(s.Parts, p.text(p.tok()))
		p.i++
	}
	return s
}

func (p *parser) primary() Expr {
	p.enter()
	defer p.leave()
	t := p.tok()
	pos := t.Pos
	switch t.Kind {
	case Number:
		p.i++
		return p.altInterval(&NumberLit{Span: Span{pos}, Raw: p.text(t)})
	case String:
		if p.dquoteIdents && p.src[t.Pos] == '"' {
			return p.columnOrCall()
		}
		return p.altInterval(p.stringLit())
	case Var:
		if p.isOpAt(1, "(") {
			return p.funcCall(p.name())
		}
		if p.isOpAt(1, ".") {
			return p.columnOrCall()
		}
		p.i++
		return &VarRef{Span: Span{pos}, Raw: p.text(t)}
	case QuotedIdent:
		return p.columnOrCall()
	case Op:
		switch p.text(t) {
		case "(":
			return p.parenExpr()
		case "*":
			p.i++
			return &Star{Span: Span{pos}}
		}
	case Word:
		switch t.Kw {
		case KwNULL:
			p.i++
			return &NullLit{Span: Span{pos}}
		case KwTRUE, KwFALSE:
			p.i++
			return &BoolLit{Span: Span{pos}, Value: t.Kw == KwTRUE}
		case KwCASE:
			return p.caseExpr()
		case KwCAST:
			if p.isOpAt(1, "(") {
				return p.cast("CAST")
			}
		case KwEXISTS:
			if p.isOpAt(1, "(") {
				p.i++
				p.expectOp("(")
				q := p.query()
				p.expectOp(")")
				return &ExistsExpr{Span: Span{pos}, Query: q}
			}
		case KwINTERVAL:
			if k := p.peek(1).Kind; k == String || k == Number || k == Var || p.isOpAt(1, "(") || p.isOpAt(1, "-") {
				return p.interval()
			}
		case KwDATE, KwTIMESTAMP:
			if p.peek(1).Kind == String {
				p.i++
				return &TypedLit{Span: Span{pos}, Type: t.Kw.String(), Value: p.stringLit()}
			}
		}
		if p.peek(1).Kind == String {
			switch strings.ToUpper(p.text(t)) {
			case "X", "TIMESTAMPLOCALTZ", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ":
				p.i++
				return &TypedLit{Span: Span{pos}, Type: strings.ToUpper(p.text(t)), Value: p.stringLit()}
			}
		}
		if strings.EqualFold(p.text(t), "TRY_CAST") && p.isOpAt(1, "(") {
			return p.cast("TRY_CAST")
		}
		if reserved[t.Kw] && !p.isOpAt(1, "(") {
			break
		}
		return p.columnOrCall()
	}
	p.fail("expected expression, found %s", p.describe())
	return nil
}

// columnOrCall reads a dotted name, then a call if '(' follows, t.* if '.*'
// follows, or a column reference.
func (p *parser) columnOrCall() Expr {
	pos := p.tok().Pos
	parts := []*Ident{p.ident()}
	for p.isOp(".") {
		nt := p.peek(1)
		if nt.Kind == Op && p.text(nt) == "*" {
			p.i += 2
			return &Star{Span: Span{pos}, Qualifier: parts}
		}
		if nt.Kind != Word && nt.Kind != QuotedIdent && nt.Kind != Var {
			break
		}
		p.i++
		parts = append(parts, p.ident())
	}
	if p.isOp("(") {
		return p.funcCall(&Name{Span: Span{pos}, Parts: parts})
	}
	return &ColumnRef{Span: Span{pos}, Parts: parts}
}

func (p *parser) parenExpr() Expr {
	pos := p.expectOp("(")
	if p.startsQuery(0) {
		q := p.query()
		p.expectOp(")")
		return &SubqueryExpr{Span: Span{pos}, Query: q}
	}
	x := p.expr()
	if p.acceptOp(",") {
		list := append([]Expr{x}, p.exprList()...)
		p.expectOp(")")
		return &RowExpr{Span: Span{pos}, List: list}
	}
	p.expectOp(")")
	return &ParenExpr{Span: Span{pos}, X: x}
}

// lambda reads Spark's x -> body or (x, y) -> body if one starts here. As
// in Spark's grammar, a lambda stands only as a function argument: its body
// runs to the end of the argument.
func (p *parser) lambda() Expr {
	pos := p.tok().Pos
	switch {
	case p.isIdentStart() && p.isOpAt(1, "->"):
		id := p.ident()
		p.i++
		return &LambdaExpr{Span: Span{pos}, Params: []*Ident{id}, Body: p.expr()}
	case p.isOp("("):
		if m := p.matchParen(0); m > 0 && p.isOpAt(m+1, "->") {
			params := p.identList()
			p.expectOp("->")
			return &LambdaExpr{Span: Span{pos}, Params: params, Body: p.expr()}
		}
	}
	return nil
}

func (p *parser) caseExpr() Expr {
	pos := p.expectKw(KwCASE)
	c := &CaseExpr{Span: Span{pos}}
	if !p.isKw(KwWHEN) {
		c.Operand = p.expr()
	}
	for p.isKw(KwWHEN) {
		wpos := p.next().Pos
		cond := p.expr()
		p.expectKw(KwTHEN)
		c.Whens = append(c.Whens, &When{Span: Span{wpos}, Cond: cond, Result: p.expr()})
	}
	if len(c.Whens) == 0 {
		p.fail("expected WHEN, found %s", p.describe())
	}
	if p.acceptKw(KwELSE) {
		c.Else = p.expr()
	}
	p.expectKw(KwEND)
	return c
}

func (p *parser) cast(fn string) Expr {
	pos := p.next().Pos
	p.expectOp("(")
	c := &CastExpr{Span: Span{pos}, Func: fn, X: p.expr()}
	p.expectKw(KwAS)
	c.Type = p.dataType()
	if p.acceptKw(KwFORMAT) {
		c.Format = p.stringLit()
	}
	p.expectOp(")")
	return c
}

var intervalUnits = map[string]bool{
	"YEAR": true, "YEARS": true, "MONTH": true, "MONTHS": true, "DAY": true, "DAYS": true,
	"HOUR": true, "HOURS": true, "MINUTE": true, "MINUTES": true, "SECOND": true, "SECONDS": true,
	"WEEK": true, "WEEKS": true, "QUARTER": true, "QUARTERS": true, "MILLISECOND": true,
	"MILLISECONDS": true, "MICROSECOND": true, "MICROSECONDS": true,
}

// altInterval reads Hive's interval without the INTERVAL keyword
// (30 DAYS, '2' HOURS, supported since Hive 2.2) after a literal.
func (p *parser) altInterval(lit Expr) Expr {
	t := p.tok()
	if t.Kind != Word || reserved[t.Kw] {
		return lit
	}
	u := p.intervalUnit()
	if u == "" {
		return lit
	}
	return &IntervalLit{Span: Span{lit.Pos()}, Value: lit, Unit: u, NoKw: true}
}

func (p *parser) intervalUnit() string {
	t := p.tok()
	if t.Kind == Word {
		if u := strings.ToUpper(p.text(t)); intervalUnits[u] {
			p.i++
			return u
		}
	}
	return ""
}

func (p *parser) interval() Expr {
	pos := p.expectKw(KwINTERVAL)
	iv := &IntervalLit{Span: Span{pos}}
	switch {
	case p.isOp("("):
		iv.Value = p.parenExpr()
	case p.isOp("-"):
		upos := p.next().Pos
		iv.Value = &UnaryExpr{Span: Span{upos}, Op: "-", X: p.primary()}
	case p.tok().Kind == String:
		iv.Value = p.stringLit()
	case p.tok().Kind == Number:
		t := p.next()
		iv.Value = &NumberLit{Span: Span{t.Pos}, Raw: p.text(&t)}
	default:
		iv.Value = p.primary()
	}
	iv.Unit = p.intervalUnit()
	if iv.Unit != "" && p.acceptKw(KwTO) {
		iv.ToUnit = p.intervalUnit()
		if iv.ToUnit == "" {
			p.fail("expected interval unit after TO, found %s", p.describe())
		}
	}
	if iv.Unit == "" {
		if _, ok := iv.Value.(*StringLit); !ok {
			p.fail("expected interval unit, found %s", p.describe())
		}
	}
	return iv
}

// funcCall reads the argument list and what may follow a call.
func (p *parser) funcCall(name *Name) Expr {
	if len(name.Parts) == 1 {
		if sc := p.specialCall(name); sc != nil {
			return sc
		}
	}
	p.expectOp("(")
	f := &FuncCall{Span: name.Span, Name: name}
	switch {
	case p.isKw(KwDISTINCT):
		p.i++
		f.Quant = "DISTINCT"
	case p.isKw(KwALL) && !p.isOpAt(1, ")") && !p.isOpAt(1, ","):
		p.i++
		f.Quant = "ALL"
	}
	if p.isOp("*") && p.isOpAt(1, ")") {
		p.i++
		f.Star = true
	} else if !p.isOp(")") {
		for {
			if p.isIdentStart() && p.isOpAt(1, "=>") {
				pos := p.tok().Pos
				id := p.ident()
				p.i++
				f.Args = append(f.Args, &NamedArg{Span: Span{pos}, Name: id, Value: p.expr()})
			} else if l := p.lambda(); l != nil {
				f.Args = append(f.Args, l)
			} else {
				f.Args = append(f.Args, p.expr())
			}
			if !p.acceptOp(",") {
				break
			}
		}
		if p.isWord("IGNORE") || p.isWord("RESPECT") {
			f.IgnoreNulls = strings.ToUpper(p.text(p.tok())) + " NULLS"
			p.i++
			p.expectKw(KwNULLS)
		}
	}
	p.expectOp(")")
	if p.isWord("IGNORE") || p.isWord("RESPECT") {
		if p.isKwAt(1, KwNULLS) {
			f.IgnoreNulls = strings.ToUpper(p.text(p.tok())) + " NULLS"
			p.i += 2
		}
	}
	if p.isWord("WITHIN") && p.isKwAt(1, KwGROUP) {
		p.i += 2
		p.expectOp("(")
		p.expectKw(KwORDER)
		p.expectKw(KwBY)
		f.WithinGroup = p.orderItems()
		p.expectOp(")")
	}
	if p.isWord("FILTER") && p.isOpAt(1, "(") {
		p.i += 2
		p.expectKw(KwWHERE)
		f.Filter = p.expr()
		p.expectOp(")")
	}
	if p.acceptKw(KwOVER) {
		if p.isOp("(") {
			f.Over = p.windowSpec()
		} else {
			id := p.ident()
			f.Over = &Window{Span: id.Span, Name: id}
		}
	}
	return f
}

// specialCall reads calls whose arguments are separated by keywords. It
// returns nil, consuming nothing, when the call is an ordinary one.
func (p *parser) specialCall(name *Name) Expr {
	fn := strings.ToUpper(name.Parts[0].Name)
	if name.Parts[0].Quoted {
		return nil
	}
	pos := name.At
	switch fn {
	case "EXTRACT":
		// EXTRACT(unit FROM x)
		if !p.isKwAt(2, KwFROM) {
			return nil
		}
		p.expectOp("(")
		unit := strings.ToUpper(p.text(p.tok()))
		p.i += 2
		x := p.expr()
		p.expectOp(")")
		return &SpecialCall{Span: Span{pos}, Name: fn, Words: []string{unit + " FROM"}, Args: []Expr{x}}
	case "TRIM":
		if !p.keywordInCall(KwFROM, KwBOTH) && !p.isWordAt(1, "LEADING") && !p.isWordAt(1, "TRAILING") {
			return nil
		}
		p.expectOp("(")
		sc := &SpecialCall{Span: Span{pos}, Name: fn}
		word := ""
		if p.isKw(KwBOTH) || p.isWord("LEADING") || p.isWord("TRAILING") {
			word = strings.ToUpper(p.text(p.tok()))
			p.i++
		}
		if p.acceptKw(KwFROM) {
			sc.Words = append(sc.Words, strings.TrimSpace(word+" FROM"))
			sc.Args = append(sc.Args, p.expr())
			p.expectOp(")")
			return sc
		}
		x := p.binary(precBitOr)
		p.expectKw(KwFROM)
		sc.Words = append(sc.Words, word, "FROM")
		sc.Args = append(sc.Args, x, p.expr())
		p.expectOp(")")
		return sc
	case "SUBSTRING", "SUBSTR", "POSITION", "FLOOR", "CEIL", "OVERLAY":
		if !p.keywordInCall(KwFROM, KwIN, KwTO, KwFOR) {
			return nil
		}
		p.expectOp("(")
		sc := &SpecialCall{Span: Span{pos}, Name: fn, Words: []string{""}, Args: []Expr{p.binary(precBitOr)}}
		for {
			t := p.tok()
			if !(p.isKw(KwFROM) || p.isKw(KwIN) || p.isKw(KwTO) || p.isKw(KwFOR) || p.isWord("PLACING")) {
				break
			}
			sc.Words = append(sc.Words, strings.ToUpper(p.text(t)))
			p.i++
			if fn == "FLOOR" || fn == "CEIL" {
				sc.Args = append(sc.Args, &ColumnRef{Span: Span{p.tok().Pos}, Parts: []*Ident{p.ident()}})
			} else {
				sc.Args = append(sc.Args, p.binary(precBitOr))
			}
		}
		if len(sc.Args) == 1 {
			p.fail("expected FROM, IN, TO or FOR in %s, found %s", fn, p.describe())
		}
		p.expectOp(")")
		return sc
	}
	return nil
}

// keywordInCall reports whether one of kws appears directly inside the
// parentheses that open at the current token, not nested deeper. It scans
// instead of parsing and backtracking, which would be exponential on nested
// calls such as substr(substr(substr(…))).
func (p *parser) keywordInCall(kws ...Keyword) bool {
	depth := 0
	for n := 0; ; n++ {
		t := p.peek(n)
		switch t.Kind {
		case EOF, Semi:
			return false
		case Op:
			switch p.src[t.Pos] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return false
				}
			}
		case Word:
			if depth == 1 {
				for _, k := range kws {
					if t.Kw == k {
						return true
					}
				}
				if strings.EqualFold(p.text(t), "PLACING") {
					return true
				}
			}
		}
	}
}

func (p *parser) windowSpec() *Window {
	pos := p.expectOp("(")
	w := &Window{Span: Span{pos}}
	if p.isIdentStart() && !(p.isKw(KwPARTITION) || p.isKw(KwDISTRIBUTE) || p.isKw(KwCLUSTER) || p.isKw(KwORDER) || p.isKw(KwSORT) || p.isKw(KwROWS) || p.isKw(KwRANGE)) {
		w.Name = p.ident()
	}
	switch {
	case p.isKw(KwPARTITION), p.isKw(KwDISTRIBUTE), p.isKw(KwCLUSTER):
		w.PartitionKw = p.tok().Kw.String()
		p.i++
		p.expectKw(KwBY)
		w.PartitionBy = p.exprList()
	}
	if p.isKw(KwORDER) || p.isKw(KwSORT) {
		w.OrderKw = p.tok().Kw.String()
		p.i++
		p.expectKw(KwBY)
		w.OrderBy = p.orderItems()
	}
	if p.isKw(KwROWS) || p.isKw(KwRANGE) {
		f := &Frame{Span: Span{p.tok().Pos}, Unit: p.tok().Kw.String()}
		p.i++
		if p.acceptKw(KwBETWEEN) {
			f.Start = p.bound()
			p.expectKw(KwAND)
			f.End = p.bound()
		} else {
			f.Start = p.bound()
		}
		w.Frame = f
	}
	p.expectOp(")")
	return w
}

func (p *parser) bound() *Bound {
	b := &Bound{Span: Span{p.tok().Pos}}
	switch {
	case p.acceptKw(KwUNBOUNDED):
		switch {
		case p.acceptKw(KwPRECEDING):
			b.Kind = "UNBOUNDED PRECEDING"
		case p.acceptKw(KwFOLLOWING):
			b.Kind = "UNBOUNDED FOLLOWING"
		default:
			p.fail("expected PRECEDING or FOLLOWING, found %s", p.describe())
		}
	case p.acceptKw(KwCURRENT):
		p.expectKw(KwROW)
		b.Kind = "CURRENT ROW"
	default:
		b.Value = p.binary(precBitOr)
		switch {
		case p.acceptKw(KwPRECEDING):
			b.Kind = "PRECEDING"
		case p.acceptKw(KwFOLLOWING):
			b.Kind = "FOLLOWING"
		default:
			p.fail("expected PRECEDING or FOLLOWING, found %s", p.describe())
		}
	}
	return b
}

func (p *parser) orderItems() []*OrderItem {
	var out []*OrderItem
	for {
		it := &OrderItem{Span: Span{p.tok().Pos}, X: p.expr()}
		if p.isKw(KwASC) || p.isKw(KwDESC) {
			it.Dir = p.tok().Kw.String()
			p.i++
		}
		if p.acceptKw(KwNULLS) {
			switch {
			case p.acceptKw(KwFIRST):
				it.Nulls = "FIRST"
			case p.acceptKw(KwLAST):
				it.Nulls = "LAST"
			default:
				p.fail("expected FIRST or LAST, found %s", p.describe())
			}
		}
		out = append(out, it)
		if !p.acceptOp(",") {
			return out
		}
	}
}

// ---------------------------------------------------------------- types

func (p *parser) dataType() *DataType {
	p.enter()
	defer p.leave()
	t := p.tok()
	if t.Kind != Word && t.Kind != QuotedIdent {
		p.fail("expected a type, found %s", p.describe())
	}
	dt := &DataType{Span: Span{t.Pos}, Name: strings.ToUpper(p.text(t))}
	p.i++
	switch dt.Name {
	case "ARRAY", "MAP", "UNIONTYPE":
		p.expectAngle("<")
		for {
			dt.Elem = append(dt.Elem, p.dataType())
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectAngle(">")
		return dt
	case "STRUCT":
		p.expectAngle("<")
		if !p.isOp(">") {
			for {
				f := &StructField{Span: Span{p.tok().Pos}, Name: p.ident()}
				p.acceptOp(":")
				f.Type = p.dataType()
				if p.acceptKw(KwCOMMENT) {
					f.Comment = p.stringLit()
				}
				dt.Fields = append(dt.Fields, f)
				if !p.acceptOp(",") {
					break
				}
			}
		}
		p.expectAngle(">")
		return dt
	case "DOUBLE":
		if p.isWord("PRECISION") {
			p.i++
			dt.Name = "DOUBLE PRECISION"
		}
	case "TIMESTAMP":
		if p.isKw(KwWITH) && p.isKwAt(1, KwLOCAL) {
			p.i += 2
			p.expectWord("TIME")
			p.expectKw(KwZONE)
			dt.Name = "TIMESTAMP WITH LOCAL TIME ZONE"
		}
	case "INTERVAL":
		if u := p.intervalUnit(); u != "" {
			dt.Name += " " + u
			if p.acceptKw(KwTO) {
				dt.Name += " TO " + p.intervalUnit()
			}
		}
	}
	if p.isOp("(") {
		p.i++
		for {
			t := p.tok()
			if t.Kind != Number && t.Kind != Var && t.Kind != Word {
				p.fail("expected type parameter, found %s", p.describe())
			}
			dt.Params = append(dt.Params, p.text(t))
			p.i++
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	return dt
}

func (p *parser) expectWord(w string) {
	if !p.acceptWord(w) {
		p.fail("expected %s, found %s", w, p.describe())
	}
}

// expectAngle reads '<' or '>', splitting '>>' (array<array<int>>) and '>='
// so that nested type parameters close one at a time.
func (p *parser) expectAngle(a string) {
	t := p.tok()
	if t.Kind == Op {
		s := p.text(t)
		if s == a {
			p.i++
			return
		}
		if a == ">" && len(s) == 2 && s[0] == '>' {
			t.Pos++
			return
		}
		if a == "<" && s == "<>" {
			t.Pos++
			return
		}
	}
	p.fail("expected '%s', found %s", a, p.describe())
}
