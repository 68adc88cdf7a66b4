package hiveql

import (
	"bytes"
	"strings"
)

// Secret is a 'key' = 'value' pair whose key names a credential, found in
// the tokens of a statement: where the key and the value are, never the
// value itself as a string.
type Secret struct {
	Name     string // the key, unquoted
	Key      Pos    // offset of the key in the text
	From, To Pos    // the value's quoted literal
}

// SecretKey reports whether a property or setting name names a credential.
func SecretKey(k string) bool {
	k = strings.ToLower(k)
	for _, w := range secretWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

var secretWords = []string{"password", "passwd", "secret", "credential", "token", "access.key", "accesskey", "private.key", "apikey", "api_key", "api.key", "api-key"}

// Secrets finds credential properties in src[from:to] (one statement):
// properties of every kind (TBLPROPERTIES, SERDEPROPERTIES, OPTIONS,
// DCPROPERTIES of statements kept as tokens) are read from the tokens, so
// that none is missed because the tree does not model it. Offsets are of src.
func Secrets(src []byte, from, to int) []Secret {
	text := src[from:to]
	if !mayHoldSecret(text) {
		return nil
	}
	toks, _, _ := Lex(text, Hive)
	var out []Secret
	isOp := func(t Token, op string) bool { return t.Kind == Op && string(text[t.Pos:t.End]) == op }
	for i := 0; i+1 < len(toks); i++ {
		k := toks[i]
		var name string
		switch k.Kind {
		case String:
			name = (&StringLit{Parts: []string{string(text[k.Pos:k.End])}}).Value()
		case Word, QuotedIdent:
			// OPTIONS (user 'etl', password 'x') and (password = 'x'):
			// an identifier key only in a property list, after ( or ,.
			if i == 0 || !isOp(toks[i-1], "(") && !isOp(toks[i-1], ",") {
				continue
			}
			name = strings.Trim(string(text[k.Pos:k.End]), "`")
		default:
			continue
		}
		v := toks[i+1]
		if isOp(v, "=") && i+2 < len(toks) {
			v = toks[i+2]
		} else if k.Kind == String {
			continue // 'k' 'v' is no property
		}
		if v.Kind != String || !SecretKey(name) {
			continue
		}
		out = append(out, Secret{Name: name, Key: Pos(from) + k.Pos, From: Pos(from) + v.Pos, To: Pos(from) + v.End})
	}
	return out
}

// mayHoldSecret is a cheap filter before lexing a statement again: the
// words SecretKey looks for, in any case.
func mayHoldSecret(src []byte) bool {
	lower := bytes.ToLower(src)
	for _, w := range []string{"passw", "secret", "credential", "token", "access.key", "accesskey", "private.key"} {
		if bytes.Contains(lower, []byte(w)) {
			return true
		}
	}
	return false
}
