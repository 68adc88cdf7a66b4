package main

import (
	"strings"
)

// render writes a template for one service in one style; nChoice picks
// the {N:…} literal.
func render(t template, svc string, st style, nChoice int) string {
	s := choices(t.sql, st.mutation, nChoice)
	s = pairs(s, '⟦', '⟧', " = ", st.swapEq)
	s = pairs(s, '⟪', '⟫', " AND ", st.swapAnd)
	cmt := ""
	switch st.comment {
	case 1:
		cmt = "-- " + strings.ReplaceAll(t.comment, "{svc}", svc) + "\n-- 作成: データ基盤チーム"
	case 2:
		cmt = "-- " + t.name + " for " + svc + " (owner: data platform team)"
	}
	as := "AS "
	if st.dropAS {
		as = ""
	}
	open, close := "", ""
	if st.parens {
		open, close = "(", ")"
	}
	r := strings.NewReplacer("{svc}", svc, "{a}", st.aliases[0], "{b}", st.aliases[1], "{AS}", as, "{(}", open, "{)}", close, "{CMT}", cmt)
	s = r.Replace(s)
	if cmt == "" {
		s = strings.TrimPrefix(s, "\n")
	}
	return s
}

// choices resolves {M:base|mutant} (the mutation-th one flips) and
// {N:v1|v2|v3}. Branches may hold other markers.
func choices(s string, mutation, nChoice int) string {
	var b strings.Builder
	m := 0
	for {
		i := strings.Index(s, "{M:")
		j := strings.Index(s, "{N:")
		if i < 0 && j < 0 {
			b.WriteString(s)
			return b.String()
		}
		isM := i >= 0 && (j < 0 || i < j)
		start := j
		if isM {
			start = i
		}
		b.WriteString(s[:start])
		end, alts := branches(s[start+3:])
		if isM {
			if m == mutation {
				b.WriteString(alts[1])
			} else {
				b.WriteString(alts[0])
			}
			m++
		} else {
			b.WriteString(alts[nChoice%len(alts)])
		}
		s = s[start+3+end+1:]
	}
}

// branches splits "x|y}" at top-level bars, up to the closing brace, and
// returns the brace's offset.
func branches(s string) (int, []string) {
	depth := 0
	var alts []string
	last := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i, append(alts, s[last:i])
			}
			depth--
		case '|':
			if depth == 0 {
				alts = append(alts, s[last:i])
				last = i + 1
			}
		}
	}
	return len(s), append(alts, s[last:])
}

// pairs resolves open…close markers holding "x SEP y", swapping x and y
// when swap is set.
func pairs(s string, open, close rune, sep string, swap bool) string {
	for {
		i := strings.IndexRune(s, open)
		if i < 0 {
			return s
		}
		j := strings.IndexRune(s[i:], close) + i
		inner := s[i+len(string(open)) : j]
		if swap {
			if x, y, ok := strings.Cut(inner, sep); ok {
				inner = y + sep + x
			}
		}
		s = s[:i] + inner + s[j+len(string(close)):]
	}
}

// lowerSQL lower-cases a script outside quoted strings, comments and
// ${...} variables, as people who type SQL in lower case write it.
func lowerSQL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case s[i] == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(s[i : i+j+2])
			i += j + 2
		case strings.HasPrefix(s[i:], "${"):
			j := strings.IndexByte(s[i:], '}')
			b.WriteString(s[i : i+j+1])
			i += j + 1
		case strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
		default:
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// reindent re-lays a script: clause lines indented, blank lines between
// statements, trailing spaces.
func reindent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "" || strings.HasPrefix(t, "--"):
		case strings.HasPrefix(strings.ToUpper(t), "INSERT"), strings.HasPrefix(strings.ToUpper(t), "WITH"), strings.HasPrefix(strings.ToUpper(t), "SET"):
			lines[i] = t
		default:
			lines[i] = "    " + t + "  "
		}
	}
	return strings.ReplaceAll(strings.Join(lines, "\n"), ";\n", ";\n\n")
}
