package hiveql

// Dialect selects the SQL dialect a parser reads and a printer writes.
type Dialect uint8

const (
	Hive  Dialect = iota // Hive 1.x–3.x, with Hive CLI commands
	Spark                // Spark 3.5 SQL
)

func (d Dialect) String() string {
	if d == Spark {
		return "spark"
	}
	return "hive"
}

// ParseDialect maps "hive" or "spark" to a Dialect.
func ParseDialect(s string) (Dialect, bool) {
	switch s {
	case "hive", "Hive", "hiveql", "HiveQL":
		return Hive, true
	case "spark", "Spark", "sparksql":
		return Spark, true
	}
	return Hive, false
}

// lexer turns a whole file into tokens in one pass. It keeps one piece of
// state beyond its offset: whether the next token starts a statement, because
// Hive CLI commands (set, dfs, add jar, !, …) are read by the CLI and not by
// the SQL grammar, so their text runs raw to the next ';'.
type lexer struct {
	src      []byte
	pos      int
	dialect  Dialect
	atStart  bool
	toks     []Token
	comments []Comment
	errs     ErrorList
}

// Lex splits src into tokens and comments. Errors (an unterminated string or
// comment, a stray byte) are reported and lexing goes on.
func Lex(src []byte, d Dialect) ([]Token, []Comment, ErrorList) {
	lx := lexer{src: src, dialect: d, atStart: true}
	// A token every 5 bytes is typical of SQL; growing past it is cheap.
	lx.toks = make([]Token, 0, len(src)/5+4)
	lx.run()
	return lx.toks, lx.comments, lx.errs
}

func (lx *lexer) errorf(pos int, format string, args ...any) {
	lx.errs.Add(Pos(pos), format, args...)
}

func (lx *lexer) emit(k Kind, start int, kw Keyword) {
	lx.toks = append(lx.toks, Token{Pos: Pos(start), End: Pos(lx.pos), Kind: k, Kw: kw})
}

func isWordByte(c byte) bool {
	return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || c >= 0x80
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (lx *lexer) peekByte(off int) byte {
	if lx.pos+off < len(lx.src) {
		return lx.src[lx.pos+off]
	}
	return 0
}

func (lx *lexer) run() {
	src := lx.src
	for {
		// Skip white space and collect comments.
		for lx.pos < len(src) {
			c := src[lx.pos]
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				lx.pos++
				continue
			}
			if c == '-' && lx.peekByte(1) == '-' {
				start := lx.pos
				for lx.pos < len(src) && src[lx.pos] != '\n' {
					lx.pos++
				}
				end := lx.pos
				if end > start && src[end-1] == '\r' {
					end--
				}
				lx.comments = append(lx.comments, Comment{Pos: Pos(start), Text: string(src[start:end])})
				continue
			}
			if c == '/' && lx.peekByte(1) == '*' && lx.peekByte(2) != '+' {
				start := lx.pos
				lx.pos += 2
				for lx.pos < len(src) && !(src[lx.pos] == '*' && lx.peekByte(1) == '/') {
					lx.pos++
				}
				if lx.pos >= len(src) {
					lx.errorf(start, "comment not terminated")
				} else {
					lx.pos += 2
				}
				lx.comments = append(lx.comments, Comment{Pos: Pos(start), Text: string(src[start:lx.pos])})
				continue
			}
			break
		}
		if lx.pos >= len(src) {
			lx.emit(EOF, lx.pos, 0)
			return
		}
		start := lx.pos
		c := src[lx.pos]
		atStart := lx.atStart
		lx.atStart = false
		switch {
		case c == ';':
			lx.pos++
			lx.emit(Semi, start, 0)
			lx.atStart = true
		case isWordByte(c) && !isDigit(c), c == '$' && lx.peekByte(1) == '{':
			lx.scanWord()
			kw := KwNone
			if src[start] != '$' {
				kw = lookupKeyword(src[start:lx.pos])
			}
			kind := Word
			if src[start] == '$' && lx.isLoneVar(start) {
				kind = Var
			}
			lx.emit(kind, start, kw)
			if atStart && lx.isCLICommand(kw, start) {
				lx.scanRaw()
			}
		case isDigit(c), c == '.' && isDigit(lx.peekByte(1)) && lx.dotStartsNumber():
			lx.scanNumber()
		case c == '\'' || c == '"':
			lx.scanString(c)
			lx.emit(String, start, 0)
		case c == '`':
			lx.pos++
			for {
				if lx.pos >= len(src) {
					lx.errorf(start, "quoted identifier not terminated")
					break
				}
				if src[lx.pos] == '`' {
					if lx.peekByte(1) == '`' {
						lx.pos += 2
						continue
					}
					lx.pos++
					break
				}
				lx.pos++
			}
			lx.emit(QuotedIdent, start, 0)
		case c == '/' && lx.peekByte(1) == '*':
			lx.pos += 3
			for lx.pos < len(src) && !(src[lx.pos] == '*' && lx.peekByte(1) == '/') {
				lx.pos++
			}
			if lx.pos >= len(src) {
				lx.errorf(start, "hint not terminated")
			} else {
				lx.pos += 2
			}
			lx.emit(HintTok, start, 0)
		case c == '!' && atStart && lx.dialect == Hive:
			lx.pos++
			lx.emit(Op, start, 0)
			lx.scanRaw()
		default:
			if n := opLen(src[lx.pos:]); n > 0 {
				lx.pos += n
				lx.emit(Op, start, 0)
			} else {
				// One whole UTF-8 sequence, so that the message names a character.
				lx.pos++
				for lx.pos < len(src) && src[lx.pos]&0xC0 == 0x80 {
					lx.pos++
				}
				lx.errorf(start, "unexpected character %q", src[start:lx.pos])
				lx.emit(Illegal, start, 0)
			}
		}
	}
}

// dotStartsNumber tells ".5" (a number) from "t.5" (a field named 5): after
// a name, a ')' or a ']' the dot is an accessor; after an operator or a
// reserved word (AND .5, SELECT .5) it starts a number.
func (lx *lexer) dotStartsNumber() bool {
	n := len(lx.toks)
	if n == 0 {
		return true
	}
	switch prev := lx.toks[n-1]; prev.Kind {
	case QuotedIdent, Var:
		return false
	case Word:
		return prev.Kw != KwNone && reserved[prev.Kw]
	}
	return !lx.prevIsCloser()
}

func (lx *lexer) prevIsCloser() bool {
	if n := len(lx.toks); n > 0 && lx.toks[n-1].Kind == Op {
		t := lx.toks[n-1]
		c := lx.src[t.Pos]
		return c == ')' || c == ']'
	}
	return false
}

// scanWord reads letters, digits, '_' and ${...} variables: Hive substitutes
// variables before it lexes, so `tbl_${hivevar:dt}` is one identifier.
func (lx *lexer) scanWord() {
	src := lx.src
	for lx.pos < len(src) {
		c := src[lx.pos]
		if isWordByte(c) {
			lx.pos++
			continue
		}
		if c == '$' && lx.peekByte(1) == '{' {
			lx.scanVar()
			continue
		}
		break
	}
}

// scanVar reads ${...}, allowing nesting (${hiveconf:${x}}).
func (lx *lexer) scanVar() {
	start := lx.pos
	depth := 0
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		switch {
		case c == '$' && lx.peekByte(1) == '{':
			depth++
			lx.pos += 2
			continue
		case c == '}':
			depth--
			lx.pos++
			if depth == 0 {
				return
			}
			continue
		case c == '\n' || c == ';':
			lx.errorf(start, "variable reference not terminated")
			return
		}
		lx.pos++
	}
	lx.errorf(start, "variable reference not terminated")
}

func (lx *lexer) isLoneVar(start int) bool {
	save := lx.pos
	lx.pos = start
	lx.scanVar()
	lone := lx.pos == save
	lx.pos = save
	return lone
}

// isCLICommand reports whether the word just read starts a Hive CLI command
// (Hive's CommandProcessorFactory: set, reset, dfs, add, list, delete,
// source, crypto, erasure, compile). In Spark, SET, RESET, ADD and LIST are
// statements with the same raw syntax.
func (lx *lexer) isCLICommand(kw Keyword, start int) bool {
	switch kw {
	case KwSET, KwRESET, KwADD, KwLIST:
		return true
	case KwDFS, KwSOURCE:
		return lx.dialect == Hive
	case KwDELETE:
		// DELETE FROM is SQL; DELETE JAR|FILE|ARCHIVE is the CLI.
		w := lx.nextWord()
		switch lowerASCII(w) {
		case "jar", "jars", "file", "files", "archive", "archives":
			return true
		}
		return false
	}
	if lx.dialect == Hive {
		switch lowerASCII(lx.src[start:lx.pos]) {
		case "crypto", "erasure", "compile":
			return true
		}
	}
	return false
}

func (lx *lexer) nextWord() []byte {
	i := lx.pos
	for i < len(lx.src) && (lx.src[i] == ' ' || lx.src[i] == '\t' || lx.src[i] == '\n' || lx.src[i] == '\r') {
		i++
	}
	j := i
	for j < len(lx.src) && isWordByte(lx.src[j]) {
		j++
	}
	return lx.src[i:j]
}

func lowerASCII(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}

// scanRaw reads the rest of a CLI command up to ';' outside quotes, the way
// the Hive CLI splits its input (a backslash escapes the next character).
// Leading and trailing blanks are left out of the token.
func (lx *lexer) scanRaw() {
	src := lx.src
	for lx.pos < len(src) && (src[lx.pos] == ' ' || src[lx.pos] == '\t') {
		lx.pos++
	}
	start := lx.pos
	var quote byte
	end := start
	for lx.pos < len(src) {
		c := src[lx.pos]
		if c == '\\' && lx.pos+1 < len(src) {
			lx.pos += 2
			end = lx.pos
			continue
		}
		if quote != 0 {
			if c == quote {
				quote = 0
			}
		} else if c == '\'' || c == '"' {
			quote = c
		} else if c == ';' {
			break
		}
		lx.pos++
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			end = lx.pos
		}
	}
	if quote != 0 {
		// An unbalanced quote would swallow the rest of the file; Hive's CLI
		// would too, but a report that names the line helps more.
		lx.errorf(start, "unterminated quote in command")
	}
	save := lx.pos
	lx.pos = end
	lx.emit(Raw, start, 0)
	lx.pos = save
}

func (lx *lexer) scanString(q byte) {
	src := lx.src
	start := lx.pos
	lx.pos++
	for lx.pos < len(src) {
		c := src[lx.pos]
		if c == '\\' {
			lx.pos += 2
			continue
		}
		lx.pos++
		if c == q {
			if lx.pos > len(src) {
				break
			}
			return
		}
	}
	lx.pos = len(src)
	lx.errorf(start, "string not terminated")
}

// scanNumber reads a numeric literal with Hive's type suffixes (Y tinyint,
// S smallint, L bigint, BD decimal, D double, F float). Digits followed by
// letters that are not a suffix form an identifier: Hive allows `1_tbl`.
func (lx *lexer) scanNumber() {
	src := lx.src
	start := lx.pos
	if src[lx.pos] == '0' && (lx.peekByte(1) == 'x' || lx.peekByte(1) == 'X') && isHex(lx.peekByte(2)) {
		lx.pos += 2
		for lx.pos < len(src) && isHex(src[lx.pos]) {
			lx.pos++
		}
	} else {
		for lx.pos < len(src) && isDigit(src[lx.pos]) {
			lx.pos++
		}
		if lx.pos < len(src) && src[lx.pos] == '.' && (lx.pos+1 >= len(src) || !isWordByte(src[lx.pos+1]) || isDigit(src[lx.pos+1]) || isExpOrSuffix(src[lx.pos+1:])) {
			lx.pos++
			for lx.pos < len(src) && isDigit(src[lx.pos]) {
				lx.pos++
			}
		}
		if lx.pos < len(src) && (src[lx.pos] == 'e' || src[lx.pos] == 'E') {
			i := lx.pos + 1
			if i < len(src) && (src[i] == '+' || src[i] == '-') {
				i++
			}
			if i < len(src) && isDigit(src[i]) {
				lx.pos = i
				for lx.pos < len(src) && isDigit(src[lx.pos]) {
					lx.pos++
				}
			}
		}
		// Type suffix.
		if lx.pos < len(src) {
			switch src[lx.pos] {
			case 'Y', 'y', 'S', 's', 'L', 'l', 'D', 'd', 'F', 'f':
				lx.pos++
			case 'B', 'b':
				if c := lx.peekByte(1); c == 'D' || c == 'd' {
					lx.pos += 2
				}
			}
		}
	}
	if lx.pos < len(src) && (isWordByte(src[lx.pos]) || (src[lx.pos] == '$' && lx.peekByte(1) == '{')) && src[start] != '.' {
		// Not a number after all: an identifier that starts with digits.
		lx.scanWord()
		lx.emit(Word, start, lookupKeyword(src[start:lx.pos]))
		return
	}
	lx.emit(Number, start, 0)
}

func isExpOrSuffix(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	switch b[0] {
	case 'e', 'E', 'D', 'd', 'F', 'f', 'Y', 'y', 'S', 's', 'L', 'l':
		return len(b) == 1 || !isWordByte(b[1]) || isDigit(b[1]) || b[1] == '+' || b[1] == '-'
	case 'B', 'b':
		return len(b) >= 2 && (b[1] == 'D' || b[1] == 'd') && (len(b) == 2 || !isWordByte(b[2]))
	}
	return false
}

func isHex(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

// opLen returns the length of the operator at the start of b, or 0.
func opLen(b []byte) int {
	if len(b) >= 3 && b[0] == '<' && b[1] == '=' && b[2] == '>' {
		return 3
	}
	if len(b) >= 2 {
		switch string(b[:2]) {
		case "<=", ">=", "<>", "!=", "==", "||", "&&", "::", "->", "=>", "<<", ">>":
			return 2
		}
	}
	switch b[0] {
	case '=', '<', '>', '+', '-', '*', '/', '%', '~', '&', '|', '^', '(', ')', '[', ']', ',', '.', ':', '{', '}', '?', '!', '@', '#':
		return 1
	}
	return 0
}
