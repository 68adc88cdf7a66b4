package hiveql

// Pos is a byte offset into the source of one file. Line and column are
// computed only when a message is printed (see LineIndex).
type Pos int32

// NoPos marks a node built by a program rather than read from a file.
const NoPos Pos = -1

// Kind is the lexical class of a token.
type Kind uint8

const (
	EOF         Kind = iota
	Word             // identifier or keyword; may contain ${...} variables
	QuotedIdent      // `identifier`
	String           // '...' or "..."
	Number           // 1, 1.5, 1e3, 1Y, 1S, 1L, 1BD, 1.0D, .5
	Var              // ${...} standing alone
	Op               // operators and punctuation
	Raw              // the text of a Hive CLI command, up to (not including) ';'
	Semi             // ;
	HintTok          // /*+ ... */
	Illegal          // a byte sequence no token starts with
)

var kindNames = [...]string{
	EOF: "end of input", Word: "word", QuotedIdent: "quoted identifier", String: "string",
	Number: "number", Var: "variable", Op: "operator", Raw: "command text", Semi: "';'",
	HintTok: "hint", Illegal: "illegal character",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "token"
}

// Token is one lexeme. Its text is src[Pos:End]; tokens hold no strings so
// that lexing a file allocates only the token slice.
type Token struct {
	Pos, End Pos
	Kind     Kind
	Kw       Keyword // for Word tokens that spell a keyword, else 0
}

// Comment is a -- or /* */ comment, kept so that printers can carry it over.
type Comment struct {
	Pos  Pos
	Text string // including the comment markers
}
