// Package redact blanks credentials in legacy text that sparkport shows
// as written: statements that did not parse, comments, dropped commands,
// diagnostics and the legacy side of the review report. It works on the
// text alone, so it needs no parse to succeed: a small scanner that knows
// quotes, words and punctuation (enough for SQL, shell, YAML and URLs)
// finds the values that follow credential keys and options.
//
// It is deliberately broad: a false positive hides a value in a comment,
// a false negative leaks a password. It is not applied to the SQL sparkport
// runs, which the translator checks through the parsed tree.
package redact

import (
	"strings"
	"unicode"
)

// Mark replaces every value found.
const Mark = "<redacted>"

// Text returns s with the values of credentials replaced by Mark.
func Text(s string) string {
	spans := Find(s)
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.From])
		b.WriteString(Mark)
		last = sp.To
	}
	b.WriteString(s[last:])
	return b.String()
}

// Span is a byte range [From, To) of a credential value.
type Span struct{ From, To int }

// token kinds of the scanner.
const (
	word   = iota // a run of non-space, non-punctuation characters
	quoted        // '...', "...", `...` with its quotes
	punct         // one of = : , ( ) ; { } [ ] and newline
)

type token struct {
	kind     int
	from, to int
	line     int // line number, to keep command context per line
}

// scan splits s into tokens; it never fails: an unterminated quote runs
// to the end of its line.
func scan(s string) []token {
	var out []token
	line := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			out = append(out, token{punct, i, i + 1, line})
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < len(s) && s[j] != '\n' {
				if s[j] == '\\' && c != '`' && j+1 < len(s) {
					j += 2
					continue
				}
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c { // SQL's doubled quote
						j += 2
						continue
					}
					j++
					break
				}
				j++
			}
			if j > len(s) {
				j = len(s)
			}
			out = append(out, token{quoted, i, j, line})
			i = j
		case strings.IndexByte("=:,();{}[]", c) >= 0:
			out = append(out, token{punct, i, i + 1, line})
			i++
		default:
			j := i
			for j < len(s) && !isSpace(s[j]) && strings.IndexByte("=:,();{}[]'\"`", s[j]) < 0 {
				j++
			}
			// A URL (scheme://user:pass@host) stays one word.
			if j+2 < len(s) && s[j] == ':' && s[j+1] == '/' && s[j+2] == '/' {
				j += 3
				for j < len(s) && !isSpace(s[j]) && strings.IndexByte(",();'\"`", s[j]) < 0 {
					j++
				}
			}
			out = append(out, token{word, i, j, line})
			i = j
		}
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// Find returns the spans of credential values in s, in order, without
// overlaps.
func Find(s string) []Span { return find(s, 0) }

// maxDepth bounds how deep quotes inside quotes are searched (SQL in a
// shell string in a YAML value).
const maxDepth = 3

func find(s string, depth int) []Span {
	if !mayHold(s) {
		return nil
	}
	toks := scan(s)
	var spans []Span
	add := func(from, to int) {
		if to > from {
			spans = append(spans, Span{from, to})
		}
	}
	// value adds a value token: the inside of a quoted one (its quotes
	// stay), a word unless it is a variable reference or already redacted.
	value := func(t token) {
		text := s[t.from:t.to]
		if t.kind == quoted {
			inner := text[1:]
			if strings.HasSuffix(inner, text[:1]) {
				inner = inner[:len(inner)-1]
			}
			if inner != "" && !isReference(inner) && inner != Mark {
				add(t.from+1, t.from+1+len(inner))
			}
			return
		}
		if t.kind == word && !isReference(text) && text != Mark {
			add(t.from, t.to)
		}
	}
	// lineWords is a line's words, lower-cased and space-delimited, for
	// command context; made when an option that needs it is met.
	var byLine map[int]*strings.Builder
	lineWords := func(line int) string {
		if byLine == nil {
			byLine = map[int]*strings.Builder{}
			for _, t := range toks {
				if t.kind == word {
					b := byLine[t.line]
					if b == nil {
						b = &strings.Builder{}
						byLine[t.line] = b
					}
					b.WriteString(" " + strings.ToLower(s[t.from:t.to]) + " ")
				}
			}
		}
		if b := byLine[line]; b != nil {
			return b.String()
		}
		return ""
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		text := s[t.from:t.to]
		// URLs and connection strings carry credentials inside one token.
		if t.kind == word || t.kind == quoted {
			for _, sp := range inToken(text) {
				add(t.from+sp.From, t.from+sp.To)
			}
		}
		// A quoted text may be a whole statement or command (hive -e "…",
		// sh>: "mysql -p…"): its inside is searched too.
		if t.kind == quoted && depth < maxDepth && t.to-t.from > 2 {
			inner := text[1:]
			if strings.HasSuffix(inner, text[:1]) {
				inner = inner[:len(inner)-1]
			}
			for _, sp := range find(inner, depth+1) {
				add(t.from+1+sp.From, t.from+1+sp.To)
			}
		}
		if t.kind != word && t.kind != quoted {
			continue
		}
		key := unquote(text)
		next := func(k int) (token, bool) {
			if i+k < len(toks) && toks[i+k].line == t.line {
				return toks[i+k], true
			}
			return token{}, false
		}
		// ${secret:name}, ${hiveconf:password}: a namespace of a reference.
		inReference := t.from > 0 && s[t.from-1] == '{'
		if secretKey(key) && !inReference {
			n1, ok := next(1)
			if !ok {
				continue
			}
			sep := s[n1.from:n1.to]
			switch {
			case n1.kind == punct && (sep == "=" || sep == ":"):
				if n2, ok := next(2); ok && n2.kind != punct {
					value(n2) // password=x, 'k'='v', password: x (YAML)
					i += 2
				}
			case n1.kind == quoted:
				value(n1) // OPTIONS (password 'x'), --password 'x'
				i++
			case n1.kind == word && strings.HasPrefix(key, "-"):
				value(n1) // --password x
				i++
			case n1.kind == word && strings.EqualFold(s[n1.from:n1.to], "is"):
				if n2, ok := next(2); ok && n2.kind != punct {
					value(n2) // -- the admin password is x
					i += 2
				}
			}
			continue
		}
		// curl -u user:password (the scanner splits user, :, password).
		if t.kind == word && (text == "-u" || text == "--user") && strings.Contains(lineWords(t.line), " curl ") {
			n1, ok1 := next(1)
			n2, ok2 := next(2)
			n3, ok3 := next(3)
			switch {
			case ok1 && n1.kind == quoted:
				v := unquote(s[n1.from:n1.to])
				if c := strings.IndexByte(v, ':'); c >= 0 && c+1 < len(v) && !isReference(v[c+1:]) {
					add(n1.from+1+c+1, n1.from+1+len(v))
				}
				i++
			case ok1 && ok2 && ok3 && n1.kind == word && n2.kind == punct && s[n2.from:n2.to] == ":" && n3.kind != punct && n3.from == n2.to:
				value(n3)
				i += 3
			}
			continue
		}
		// mysql -pVALUE and beeline/mysql -p VALUE.
		if t.kind == word && strings.HasPrefix(text, "-p") && clientLine(lineWords(t.line)) {
			if len(text) > 2 && !strings.HasPrefix(text, "-p=") {
				if !isReference(text[2:]) {
					add(t.from+2, t.to)
				}
			} else if text == "-p" {
				if n1, ok := next(1); ok && n1.kind != punct {
					value(n1)
					i++
				}
			}
		}
	}
	return merge(spans)
}

// clientLine reports whether a line runs a client whose -p is a password.
func clientLine(words string) bool {
	for _, c := range []string{"mysql", "mysqldump", "mysqlimport", "beeline"} {
		if strings.Contains(words, " "+c+" ") || strings.Contains(words, "/"+c+" ") {
			return true
		}
	}
	return false
}

// inToken finds credentials inside one token: user:pass@ in a URL, and
// password=… (also pwd=, passwd=) in a connection string or query.
func inToken(text string) []Span {
	var out []Span
	if i := strings.Index(text, "://"); i >= 0 {
		rest := text[i+3:]
		if at := strings.IndexByte(rest, '@'); at > 0 {
			userinfo := rest[:at]
			if slash := strings.IndexAny(userinfo, "/?#"); slash < 0 {
				if c := strings.IndexByte(userinfo, ':'); c >= 0 && c+1 < len(userinfo) && !isReference(userinfo[c+1:]) {
					out = append(out, Span{i + 3 + c + 1, i + 3 + at})
				}
			}
		}
	}
	lower := strings.ToLower(text)
	for _, k := range []string{"password=", "passwd=", "pwd=", "secret=", "token="} {
		for from := 0; ; {
			j := strings.Index(lower[from:], k)
			if j < 0 {
				break
			}
			j += from
			start := j + len(k)
			if j > 0 && isKeyChar(rune(lower[j-1])) && !strings.ContainsRune("?&;", rune(lower[j-1])) {
				from = start
				continue
			}
			end := start
			for end < len(text) && strings.IndexByte("&;'\"` \t\n)", text[end]) < 0 {
				end++
			}
			if end > start && !isReference(text[start:end]) && text[start:end] != Mark {
				out = append(out, Span{start, end})
			}
			from = end
			if from >= len(lower) {
				break
			}
		}
	}
	return out
}

func isKeyChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// isReference reports whether a value is a variable reference ($X, ${X},
// %(x)s, {{x}}) rather than a credential written out.
func isReference(v string) bool {
	v = strings.TrimSpace(v)
	return strings.HasPrefix(v, "$") || strings.HasPrefix(v, "%(") || strings.HasPrefix(v, "{{") || v == ""
}

func unquote(s string) string {
	if len(s) >= 2 && strings.ContainsRune("'\"`", rune(s[0])) && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// secretKey reports whether a key names a credential: a word of it (split
// at . _ - and case changes) is one of the credential words, or it holds
// password, passwd, secret, credential or token anywhere.
func secretKey(k string) bool {
	if k == "" || len(k) > 128 || !mayBeKey(k) {
		return false
	}
	parts := splitKey(k)
	if n := len(parts); n > 0 {
		switch parts[n-1] {
		case "file", "path", "dir", "location", "provider", "alias", "name", "id", "env":
			return false // where or which credential, not the credential
		}
	}
	lower := strings.ToLower(k)
	for _, w := range []string{"password", "passwd", "secret", "credential", "token", "apikey", "api_key", "privatekey", "private_key", "private.key", "access.key", "accesskey", "access_key"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	for _, part := range parts {
		switch part {
		case "pass", "pwd", "pw", "passwd", "password", "secret", "token":
			return true
		}
	}
	return false
}

// mayBeKey is a quick test that secretKey would say no: every key it
// accepts holds, in any case, one of these words (a part "pwd" holds
// "pw", "api_key" holds "key"). Non-ASCII keys take the full test.
func mayBeKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if k[i] >= 0x80 {
			return true
		}
	}
	for _, w := range []string{"pass", "pw", "secret", "credential", "token", "key"} {
		if containsFold(k, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether ASCII s holds lower-case ASCII w in any case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for j < len(w) && s[i+j]|0x20 == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// splitKey splits DB_PASS, db.pass, dbPass and --pass into lower-case words.
func splitKey(k string) []string {
	var parts []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	prevLower := false
	for _, r := range k {
		switch {
		case r == '.' || r == '_' || r == '-' || r == '/' || r == '$' || r == '{' || r == '}':
			flush()
			prevLower = false
		case unicode.IsUpper(r) && prevLower:
			flush()
			cur = append(cur, r)
			prevLower = false
		default:
			cur = append(cur, r)
			prevLower = unicode.IsLower(r)
		}
	}
	flush()
	return parts
}

// mayHold is a cheap filter: most text holds none of these.
func mayHold(s string) bool {
	lower := strings.ToLower(s)
	for _, w := range []string{"pass", "pwd", "pw", "secret", "credential", "token", "key", "-p", "-u", "--user", "@"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// merge sorts nothing (spans come in order) but drops overlaps.
func merge(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	// Spans are added in token order, but inToken spans of one token may
	// come before a key's value span of an earlier token: sort them.
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].From < spans[j-1].From; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.From < last.To {
			if sp.To > last.To {
				last.To = sp.To
			}
			continue
		}
		out = append(out, sp)
	}
	return out
}

// URL drops the credentials of a URL's user information
// (hdfs://user:pass@host/x → hdfs://user@host/x): a path is compared and
// shown without them.
func URL(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return u
	}
	rest := u[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndexByte(rest[:end], '@')
	if at < 0 {
		return u
	}
	user, _, _ := strings.Cut(rest[:at], ":")
	return u[:i+3] + user + "@" + rest[at+1:]
}
