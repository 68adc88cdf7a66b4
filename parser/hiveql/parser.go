package hiveql

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Parse reads a whole script. It always returns a File: statements that
// fail to parse become *BadStmt, and their errors are in the ErrorList,
// sorted by position. Parsing resumes after the next ';'.
func Parse(src []byte, d Dialect) (*File, ErrorList) {
	toks, comments, lexErrs := Lex(src, d)
	p := &parser{src: src, d: d, toks: toks, comments: comments, lexErrs: lexErrs}
	f := p.parseFile()
	errs := append(lexErrs, p.errs...)
	errs.Sort()
	return f, errs
}

// ParseExpr reads a single expression, for tests and for tools that hold
// expressions apart from statements.
func ParseExpr(src []byte, d Dialect) (e Expr, errs ErrorList) {
	toks, _, lexErrs := Lex(src, d)
	p := &parser{src: src, d: d, toks: toks}
	defer func() {
		if r := recover(); r != nil {
			p.recovered(r)
			e, errs = nil, append(lexErrs, p.errs...)
		}
	}()
	e = p.expr()
	if p.tok().Kind != EOF {
		p.fail("unexpected %s after expression", p.describe())
	}
	return e, append(lexErrs, p.errs...)
}

type parser struct {
	src      []byte
	d        Dialect
	toks     []Token
	i        int
	comments []Comment
	ci       int
	errs     ErrorList
	depth    int
	lexErrs  ErrorList // in source order
	li       int       // next lexer error to match to a statement
	// dquoteIdents is set by "set hive.support.quoted.identifiers=standard":
	// from then on Hive reads "x" as an identifier, as standard SQL does.
	dquoteIdents bool
}

// bailout unwinds a statement that cannot be parsed; parseFile catches it.
type bailout struct{}

// maxDepth bounds nesting so that a hostile input cannot exhaust the stack.
const maxDepth = 1000

func (p *parser) parseFile() *File {
	f := &File{}
	for {
		for p.tok().Kind == Semi {
			p.i++
		}
		if p.tok().Kind == EOF {
			break
		}
		f.Statements = append(f.Statements, p.statementSafe())
	}
	f.Trailing = p.comments[p.ci:]
	if len(f.Trailing) == 0 {
		f.Trailing = nil
	}
	return f
}

func (p *parser) statementSafe() (st *Statement) {
	start := p.tok().Pos
	st = &Statement{Span: Span{start}}
	defer func() {
		if r := recover(); r != nil {
			p.recovered(r)
			// Skip to the end of the statement.
			for p.tok().Kind != Semi && p.tok().Kind != EOF {
				p.i++
			}
			st.Stmt = &BadStmt{Span: Span{start}, To: p.prevEnd()}
		}
		st.End = p.prevEnd()
		if st.End < start {
			st.End = start
		}
		p.attachComments(st)
	}()
	p.depth = 0
	s := p.statement()
	if k := p.tok().Kind; k != Semi && k != EOF {
		p.fail("unexpected %s, expected ';'", p.describe())
	}
	// A statement holding a lexical error (an unterminated string, a stray
	// byte) has been read, but not as its author wrote it: it fails too.
	for p.li < len(p.lexErrs) && p.lexErrs[p.li].Pos < start {
		p.li++
	}
	if p.li < len(p.lexErrs) && p.lexErrs[p.li].Pos <= p.prevEnd() {
		st.Stmt = &BadStmt{Span: Span{start}, To: p.prevEnd()}
		return st
	}
	st.Stmt = s
	if c, ok := s.(*CLIStmt); ok && c.Command == "SET" {
		if k, v, ok := c.KeyValue(); ok && strings.EqualFold(k, "hive.support.quoted.identifiers") {
			p.dquoteIdents = strings.EqualFold(v, "standard")
		}
	}
	return st
}

func (p *parser) recovered(r any) {
	if _, ok := r.(bailout); ok {
		return
	}
	// A bug in the parser must not stop a migration run: report it at the
	// current token as an internal error and go on.
	p.errs.Add(p.tok().Pos, "internal parser error: %v (please report this input)", r)
	if debugPanics {
		panic(fmt.Sprintf("%v\n%s", r, debug.Stack()))
	}
}

func (p *parser) attachComments(st *Statement) {
	j := p.ci
	for j < len(p.comments) && p.comments[j].Pos < st.End {
		j++
	}
	if j > p.ci {
		st.Comments = p.comments[p.ci:j:j]
	}
	p.ci = j
}

func (p *parser) prevEnd() Pos {
	if p.i == 0 {
		return 0
	}
	return p.toks[min(p.i, len(p.toks))-1].End
}

// ---------------------------------------------------------------- token helpers

// tok returns the current token. Past the end it keeps returning EOF, so
// that a skip of several tokens after a look-ahead can never run off the end.
func (p *parser) tok() *Token {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return &p.toks[len(p.toks)-1]
}

func (p *parser) peek(n int) *Token {
	if p.i+n < len(p.toks) {
		return &p.toks[p.i+n]
	}
	return &p.toks[len(p.toks)-1]
}

func (p *parser) next() Token {
	t := *p.tok()
	if t.Kind != EOF {
		p.i++
	}
	return t
}

func (p *parser) text(t *Token) string { return string(p.src[t.Pos:t.End]) }

func (p *parser) isKw(k Keyword) bool {
	t := p.tok()
	return t.Kind == Word && t.Kw == k
}

func (p *parser) isKwAt(n int, k Keyword) bool {
	t := p.peek(n)
	return t.Kind == Word && t.Kw == k
}

func (p *parser) acceptKw(k Keyword) bool {
	if p.isKw(k) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectKw(k Keyword) Pos {
	if !p.isKw(k) {
		p.fail("expected %s, found %s", k, p.describe())
	}
	return p.next().Pos
}

// isWord reports whether the current token is the (non-keyword) word w, in
// any case. Used for the rare words not worth a keyword constant.
func (p *parser) isWord(w string) bool {
	t := p.tok()
	return t.Kind == Word && strings.EqualFold(string(p.src[t.Pos:t.End]), w)
}

func (p *parser) isWordAt(n int, w string) bool {
	t := p.peek(n)
	return t.Kind == Word && strings.EqualFold(string(p.src[t.Pos:t.End]), w)
}

func (p *parser) acceptWord(w string) bool {
	if p.isWord(w) {
		p.i++
		return true
	}
	return false
}

func (p *parser) isOp(op string) bool {
	t := p.tok()
	return t.Kind == Op && string(p.src[t.Pos:t.End]) == op
}

func (p *parser) isOpAt(n int, op string) bool {
	t := p.peek(n)
	return t.Kind == Op && string(p.src[t.Pos:t.End]) == op
}

func (p *parser) acceptOp(op string) bool {
	if p.isOp(op) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectOp(op string) Pos {
	if !p.isOp(op) {
		p.fail("expected '%s', found %s", op, p.describe())
	}
	return p.next().Pos
}

// describe names the current token for a message.
func (p *parser) describe() string {
	t := p.tok()
	switch t.Kind {
	case EOF, Semi:
		return t.Kind.String()
	case String:
		// Never the literal itself: it may be a credential, and messages
		// are copied into reports.
		return "a string literal"
	}
	s := p.text(t)
	if len(s) > 30 {
		s = s[:27] + "..."
	}
	return fmt.Sprintf("'%s'", s)
}

func (p *parser) fail(format string, args ...any) {
	p.errs.Add(p.tok().Pos, format, args...)
	panic(bailout{})
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail("nesting too deep")
	}
}

func (p *parser) leave() { p.depth-- }

// ---------------------------------------------------------------- names

// reserved words cannot stand as an unquoted alias, and the parser does not
// read them as column names. The set follows Hive's SQL:2011 reserved words
// that matter for telling an alias from the next clause.
var reserved = func() [numKeywords]bool {
	var r [numKeywords]bool
	for _, k := range []Keyword{
		KwALL, KwAND, KwAS, KwBETWEEN, KwBY, KwCASE, KwCROSS, KwDISTINCT, KwDISTRIBUTE, KwCLUSTER,
		KwELSE, KwEND, KwEXCEPT, KwFROM, KwFULL, KwGROUP, KwHAVING, KwIN, KwINNER, KwINSERT,
		KwINTERSECT, KwIS, KwJOIN, KwLATERAL, KwLEFT, KwLIKE, KwLIMIT, KwMINUS, KwNOT, KwON, KwOR,
		KwORDER, KwOUTER, KwRIGHT, KwRLIKE, KwREGEXP, KwSELECT, KwSORT, KwTABLESAMPLE, KwTHEN,
		KwUNION, KwUSING, KwWHEN, KwWHERE, KwWINDOW, KwWITH, KwSEMI, KwANTI, KwQUALIFY, KwOVER,
		KwMAP, KwREDUCE, KwPIVOT, KwUNPIVOT, KwOFFSET, KwTRANSFORM, KwUNIQUEJOIN, KwPARTITION,
	} {
		r[k] = true
	}
	return r
}()

// ident reads any identifier, keywords included: after a dot, as a table or
// column name in DDL, and wherever Hive accepts a keyword as a name.
func (p *parser) ident() *Ident {
	t := p.tok()
	switch t.Kind {
	case Word, Var:
		p.i++
		return &Ident{Span: Span{t.Pos}, Name: string(p.src[t.Pos:t.End])}
	case QuotedIdent:
		p.i++
		return &Ident{Span: Span{t.Pos}, Name: unquoteIdent(p.src[t.Pos:t.End]), Quoted: true}
	case String:
		if p.dquoteIdents && p.src[t.Pos] == '"' {
			p.i++
			return &Ident{Span: Span{t.Pos}, Name: unquoteIdent(p.src[t.Pos:t.End]), Quoted: true}
		}
	}
	p.fail("expected identifier, found %s", p.describe())
	return nil
}

func unquoteIdent(b []byte) string {
	if len(b) >= 2 {
		b = b[1 : len(b)-1]
	}
	return strings.ReplaceAll(string(b), "``", "`")
}

func (p *parser) isIdentStart() bool {
	switch t := p.tok(); t.Kind {
	case Word, Var, QuotedIdent:
		return true
	case String:
		return p.dquoteIdents && p.src[t.Pos] == '"'
	}
	return false
}

// aliasIdent reads an alias written without AS, if one is there.
func (p *parser) optAlias() (as bool, id *Ident) {
	if p.acceptKw(KwAS) {
		return true, p.ident()
	}
	t := p.tok()
	if (t.Kind == Word && !reserved[t.Kw]) || t.Kind == QuotedIdent || t.Kind == Var || (t.Kind == String && p.dquoteIdents && p.src[t.Pos] == '"') {
		return false, p.ident()
	}
	return false, nil
}

func (p *parser) name() *Name {
	first := p.ident()
	n := &Name{Span: first.Span, Parts: []*Ident{first}}
	for p.isOp(".") && p.peek(1).Kind != Op {
		p.i++
		n.Parts = append(n.Parts, p.ident())
	}
	return n
}

func (p *parser) identList() []*Ident {
	p.expectOp("(")
	ids := []*Ident{}
	if p.acceptOp(")") {
		return ids
	}
	for {
		ids = append(ids, p.ident())
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return ids
}

// ---------------------------------------------------------------- statements

func (p *parser) statement() Stmt {
	t := p.tok()
	pos := t.Pos
	switch t.Kind {
	case Op:
		switch p.text(t) {
		case "(":
			return &QueryStmt{Span: Span{pos}, Query: p.query()}
		case "!":
			p.i++
			return p.cliText(pos, "!")
		}
	case Word:
		switch t.Kw {
		case KwSELECT, KwVALUES, KwMAP, KwREDUCE:
			return &QueryStmt{Span: Span{pos}, Query: p.query()}
		case KwWITH:
			return p.withStatement()
		case KwFROM:
			return p.fromFirst(nil)
		case KwINSERT:
			return p.insertStmt(nil)
		case KwEXPLAIN:
			return p.explain()
		case KwCREATE:
			return p.create()
		case KwDROP:
			return p.drop()
		case KwALTER:
			return p.alter()
		case KwLOAD:
			return p.load()
		case KwUPDATE:
			return p.update()
		case KwDELETE:
			if p.peek(1).Kind == Raw {
				p.i++
				return p.cliText(pos, "DELETE")
			}
			return p.deleteStmt()
		case KwMERGE:
			return p.merge()
		case KwTRUNCATE:
			return p.truncate()
		case KwMSCK:
			return p.msck()
		case KwANALYZE:
			return p.analyze()
		case KwUSE:
			p.i++
			return &UseStmt{Span: Span{pos}, DB: p.ident()}
		case KwSET, KwRESET, KwADD, KwLIST, KwDFS, KwSOURCE:
			if p.peek(1).Kind == Raw {
				p.i++
				return p.cliText(pos, t.Kw.String())
			}
		case KwSHOW, KwDESCRIBE, KwDESC, KwGRANT, KwREVOKE, KwLOCK, KwUNLOCK, KwEXPORT, KwIMPORT,
			KwCACHE, KwRELOAD:
			return p.generic(pos, 1)
		}
		if p.peek(1).Kind == Raw {
			word := strings.ToUpper(p.text(t))
			p.i++
			return p.cliText(pos, word)
		}
		switch strings.ToUpper(p.text(t)) {
		case "ABORT", "KILL", "REPL", "START", "COMMIT", "ROLLBACK", "UNCACHE", "REFRESH", "CLEAR",
			"PREPARE", "EXECUTE", "REPAIR", "ENABLE", "DISABLE", "REPLACE":
			return p.generic(pos, 1)
		}
		p.fail("unknown statement starting with %s", p.describe())
	}
	p.fail("expected a statement, found %s", p.describe())
	return nil
}

func (p *parser) cliText(pos Pos, cmd string) Stmt {
	s := &CLIStmt{Span: Span{pos}, Command: cmd}
	if p.tok().Kind == Raw {
		s.Text = p.text(p.tok())
		p.i++
	}
	return s
}

// generic keeps an administrative statement as its tokens. verbWords is how
// many leading words name the statement.
func (p *parser) generic(pos Pos, verbWords int) *GenericStmt {
	var verb []string
	for n := 0; n < verbWords && p.tok().Kind != EOF && p.tok().Kind != Semi; n++ {
		verb = append(verb, strings.ToUpper(p.text(p.tok())))
		p.i++
	}
	g := &GenericStmt{Span: Span{pos}, Verb: strings.Join(verb, " ")}
	depth := 0
	for {
		t := p.tok()
		if t.Kind == EOF || (t.Kind == Semi && depth == 0) {
			break
		}
		if t.Kind == Semi {
			break
		}
		if t.Kind == Op {
			switch p.src[t.Pos] {
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		if t.Kind == Illegal {
			p.fail("unexpected %s", p.describe())
		}
		g.Tokens = append(g.Tokens, p.text(t))
		p.i++
	}
	return g
}

func (p *parser) withStatement() Stmt {
	pos := p.tok().Pos
	w := p.with()
	switch {
	case p.isKw(KwINSERT):
		s := p.insertStmt(w)
		s.(*InsertStmt).At = pos
		return s
	case p.isKw(KwFROM):
		s := p.fromFirst(w)
		s.(*MultiInsertStmt).At = pos
		return s
	}
	q := p.queryAfterWith(pos, w)
	return &QueryStmt{Span: Span{pos}, Query: q}
}

func (p *parser) explain() Stmt {
	pos := p.expectKw(KwEXPLAIN)
	s := &ExplainStmt{Span: Span{pos}}
	for {
		t := p.tok()
		if t.Kind != Word {
			break
		}
		switch strings.ToUpper(p.text(t)) {
		case "EXTENDED", "FORMATTED", "DEPENDENCY", "AUTHORIZATION", "LOGICAL", "CBO", "COST", "JOINCOST",
			"AST", "VECTORIZATION", "ONLY", "SUMMARY", "OPERATOR", "EXPRESSION", "DETAIL", "ANALYZE",
			"LOCKS", "REOPTIMIZATION", "DEBUG", "DDL", "CODEGEN", "USER", "REWRITE":
			if t.Kw == KwANALYZE && p.isKwAt(1, KwTABLE) {
				break
			}
			s.Options = append(s.Options, strings.ToUpper(p.text(t)))
			p.i++
			continue
		}
		break
	}
	s.Stmt = p.statement()
	return s
}

// insertTarget reads INSERT OVERWRITE|INTO [TABLE] t [PARTITION (…)] [IF NOT
// EXISTS] [(cols)], or INSERT OVERWRITE [LOCAL] DIRECTORY 'p' [ROW FORMAT …] [STORED AS …].
func (p *parser) insertTarget() *InsertTarget {
	pos := p.expectKw(KwINSERT)
	t := &InsertTarget{Span: Span{pos}}
	if p.acceptKw(KwOVERWRITE) {
		t.Overwrite = true
	} else {
		p.expectKw(KwINTO)
	}
	if t.Overwrite && (p.isKw(KwLOCAL) || p.isKw(KwDIRECTORY)) {
		t.Local = p.acceptKw(KwLOCAL)
		p.expectKw(KwDIRECTORY)
		if p.tok().Kind == String {
			t.Directory = p.stringLit()
		}
		if p.acceptKw(KwUSING) {
			t.Using = p.ident()
			if p.acceptKw(KwOPTIONS) {
				t.Options = p.properties()
			}
		}
		if p.isKw(KwROW) {
			t.RowFormat = p.rowFormat()
		}
		if p.isKw(KwSTORED) {
			t.Storage = p.storage()
		}
		return t
	}
	t.TableKw = p.acceptKw(KwTABLE)
	t.Table = p.name()
	if p.isKw(KwPARTITION) {
		t.Partition = p.partitionSpec()
	}
	if p.isKw(KwIF) {
		p.i++
		p.expectKw(KwNOT)
		p.expectKw(KwEXISTS)
		t.IfNotExists = true
	}
	if p.isOp("(") && !p.startsQuery(1) {
		t.Columns = p.identList()
	}
	return t
}

// startsQuery reports whether the token n ahead, past any '(', begins a query.
func (p *parser) startsQuery(n int) bool {
	for p.isOpAt(n, "(") {
		n++
	}
	t := p.peek(n)
	if t.Kind != Word {
		return false
	}
	switch t.Kw {
	case KwSELECT, KwWITH, KwFROM, KwVALUES:
		return true
	case KwMAP, KwREDUCE:
		return !p.isOpAt(n+1, "(")
	}
	return false
}

func (p *parser) insertStmt(w *With) Stmt {
	pos := p.tok().Pos
	s := &InsertStmt{Span: Span{pos}, With: w}
	s.Target = p.insertTarget()
	s.Query = p.query()
	return s
}

// fromFirst reads Hive's FROM src INSERT … SELECT … [INSERT …] and FROM src SELECT ….
func (p *parser) fromFirst(w *With) Stmt {
	pos := p.expectKw(KwFROM)
	m := &MultiInsertStmt{Span: Span{pos}, With: w}
	m.From = p.fromClause()
	for {
		t := p.tok()
		if t.Kind != Word {
			break
		}
		var body *InsertBody
		switch t.Kw {
		case KwINSERT:
			body = &InsertBody{Span: Span{t.Pos}}
			body.Target = p.insertTarget()
		case KwSELECT, KwMAP, KwREDUCE:
			body = &InsertBody{Span: Span{t.Pos}}
		}
		if body == nil {
			break
		}
		body.Select = p.selectCore(true)
		p.tail(&body.Tail)
		m.Bodies = append(m.Bodies, body)
	}
	if len(m.Bodies) == 0 {
		p.fail("expected INSERT or SELECT after FROM clause, found %s", p.describe())
	}
	return m
}

func (p *parser) partitionSpec() []*PartitionValue {
	p.expectKw(KwPARTITION)
	p.expectOp("(")
	var out []*PartitionValue
	for {
		pv := &PartitionValue{Span: Span{p.tok().Pos}, Name: p.ident()}
		t := p.tok()
		if t.Kind == Op {
			switch op := p.text(t); op {
			case "=", "==", "<", ">", "<=", ">=", "<>", "!=":
				p.i++
				pv.Op = op
				pv.Value = p.expr()
			}
		}
		out = append(out, pv)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return out
}

func (p *parser) load() Stmt {
	pos := p.expectKw(KwLOAD)
	p.expectKw(KwDATA)
	s := &LoadStmt{Span: Span{pos}}
	s.Local = p.acceptKw(KwLOCAL)
	p.expectKw(KwINPATH)
	s.Path = p.stringLit()
	s.Overwrite = p.acceptKw(KwOVERWRITE)
	p.expectKw(KwINTO)
	p.expectKw(KwTABLE)
	s.Table = p.name()
	if p.isKw(KwPARTITION) {
		s.Partition = p.partitionSpec()
	}
	if p.acceptKw(KwINPUTFORMAT) {
		s.InputFormat = p.stringLit()
		p.expectKw(KwSERDE)
		s.Serde = p.stringLit()
	}
	return s
}

func (p *parser) update() Stmt {
	pos := p.expectKw(KwUPDATE)
	s := &UpdateStmt{Span: Span{pos}, Table: p.name()}
	if !p.isKw(KwSET) {
		_, s.Alias = p.optAlias()
	}
	p.expectKw(KwSET)
	s.Sets = p.assignments()
	if p.acceptKw(KwWHERE) {
		s.Where = p.expr()
	}
	return s
}

func (p *parser) assignments() []*Assignment {
	var out []*Assignment
	for {
		pos := p.tok().Pos
		col := &ColumnRef{Span: Span{pos}, Parts: p.name().Parts}
		p.expectOp("=")
		out = append(out, &Assignment{Span: Span{pos}, Column: col, Value: p.expr()})
		if !p.acceptOp(",") {
			return out
		}
	}
}

func (p *parser) deleteStmt() Stmt {
	pos := p.expectKw(KwDELETE)
	p.expectKw(KwFROM)
	s := &DeleteStmt{Span: Span{pos}, Table: p.name()}
	if !p.isKw(KwWHERE) {
		_, s.Alias = p.optAlias()
	}
	if p.acceptKw(KwWHERE) {
		s.Where = p.expr()
	}
	return s
}

func (p *parser) merge() Stmt {
	pos := p.expectKw(KwMERGE)
	p.expectKw(KwINTO)
	s := &MergeStmt{Span: Span{pos}, Target: p.name()}
	if !p.isKw(KwUSING) {
		s.As, s.Alias = p.optAlias()
	}
	p.expectKw(KwUSING)
	s.Source = p.tableFactor()
	p.expectKw(KwON)
	s.On = p.expr()
	for p.isKw(KwWHEN) {
		w := &MergeWhen{Span: Span{p.next().Pos}}
		if !p.acceptKw(KwNOT) {
			w.Matched = true
		}
		p.expectKw(KwMATCHED)
		if p.acceptKw(KwBY) {
			w.BySource = strings.ToUpper(p.text(p.tok()))
			p.i++
		}
		if p.acceptKw(KwAND) {
			w.Cond = p.expr()
		}
		p.expectKw(KwTHEN)
		switch {
		case p.acceptKw(KwUPDATE):
			w.Action = "UPDATE"
			p.expectKw(KwSET)
			if p.acceptOp("*") {
				w.UpdateAll = true
			} else {
				w.Sets = p.assignments()
			}
		case p.acceptKw(KwDELETE):
			w.Action = "DELETE"
		case p.acceptKw(KwINSERT):
			w.Action = "INSERT"
			if p.acceptOp("*") {
				w.InsertAll = true
				break
			}
			if p.isOp("(") {
				w.Columns = p.identList()
			}
			p.expectKw(KwVALUES)
			w.Values = p.parenExprs()
		default:
			p.fail("expected UPDATE, DELETE or INSERT, found %s", p.describe())
		}
		s.Whens = append(s.Whens, w)
	}
	if len(s.Whens) == 0 {
		p.fail("expected WHEN, found %s", p.describe())
	}
	return s
}

func (p *parser) truncate() Stmt {
	pos := p.expectKw(KwTRUNCATE)
	s := &TruncateStmt{Span: Span{pos}}
	s.TableKw = p.acceptKw(KwTABLE)
	s.Table = p.name()
	if p.isKw(KwPARTITION) {
		s.Partition = p.partitionSpec()
	}
	if p.acceptKw(KwCOLUMNS) {
		s.Columns = p.identList()
	}
	s.Force = p.acceptWord("FORCE")
	return s
}

func (p *parser) msck() Stmt {
	pos := p.expectKw(KwMSCK)
	s := &MsckStmt{Span: Span{pos}}
	s.Repair = p.acceptKw(KwREPAIR)
	p.expectKw(KwTABLE)
	s.Table = p.name()
	if p.isKw(KwADD) || p.isKw(KwDROP) || p.isWord("SYNC") {
		s.Action = strings.ToUpper(p.text(p.tok()))
		p.i++
		p.expectKw(KwPARTITIONS)
		if p.isOp("(") {
			s.Filter = p.parenExprs()
		}
	}
	return s
}

func (p *parser) analyze() Stmt {
	pos := p.expectKw(KwANALYZE)
	p.expectKw(KwTABLE)
	s := &AnalyzeStmt{Span: Span{pos}, Table: p.name()}
	if p.isKw(KwPARTITION) {
		s.Partition = p.partitionSpec()
	}
	if p.acceptKw(KwCACHE) {
		p.expectKw(KwMETADATA)
		s.CacheMeta = true
		return s
	}
	p.expectKw(KwCOMPUTE)
	if !p.acceptWord("STATISTICS") {
		p.fail("expected STATISTICS, found %s", p.describe())
	}
	switch {
	case p.acceptKw(KwNOSCAN):
		s.NoScan = true
	case p.acceptKw(KwFOR):
		s.ForColumns = true
		if p.acceptKw(KwALL) {
			s.AllColumns = true
			p.expectKw(KwCOLUMNS)
			break
		}
		p.expectKw(KwCOLUMNS)
		if p.isIdentStart() {
			for {
				s.Columns = append(s.Columns, p.ident())
				if !p.acceptOp(",") {
					break
				}
			}
		}
	}
	return s
}

// debugPanics makes internal errors crash with a stack trace; tests set it.
var debugPanics = false
