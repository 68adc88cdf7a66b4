package hiveql

import (
	"strconv"
	"strings"
)

// Value returns the string a literal denotes: its parts concatenated, with
// quotes removed and Hive's backslash escapes applied (\n \t \r \b \0 \Z,
// \ooo octal, \uXXXX; a backslash before any other character yields that
// character, as Hive's unescapeSQLString does). Variables stay as written.
func (s *StringLit) Value() string {
	var b strings.Builder
	for _, p := range s.Parts {
		if len(p) < 2 {
			continue
		}
		unescape(&b, p[1:len(p)-1])
	}
	return b.String()
}

func unescape(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case '0':
			if i+2 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) {
				n, _ := strconv.ParseUint(s[i:i+3], 8, 8)
				b.WriteByte(byte(n))
				i += 2
			} else {
				b.WriteByte(0)
			}
		case 'Z':
			b.WriteByte(26)
		case 'u':
			if i+4 < len(s) {
				if n, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
					b.WriteRune(rune(n))
					i += 4
					continue
				}
			}
			b.WriteByte('u')
		default:
			if isOctal(e) && e <= '3' && i+2 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) {
				n, _ := strconv.ParseUint(s[i:i+3], 8, 8)
				b.WriteByte(byte(n))
				i += 2
				continue
			}
			b.WriteByte(e)
		}
	}
}

func isOctal(c byte) bool { return '0' <= c && c <= '7' }
