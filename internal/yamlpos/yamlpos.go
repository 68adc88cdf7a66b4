// Package yamlpos finds the line a YAML syntax error is really on.
// yaml.v3 reports many indentation errors at the line of the token before
// the fault (the block the bad line breaks); a person needs the bad line.
package yamlpos

import (
	"strconv"
	"strings"
)

// Error splits a yaml.v3 error ("yaml: line 3: mapping values are not
// allowed in this context") into the line a person must look at and the
// message. When the indentation of a line at or after the reported one
// cannot be right (a tab, a dedent to a level no block opened, a mapping
// key among list items), that line is given and the message says so.
func Error(err error, src []byte) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	line = 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if l, m, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(l); err == nil {
				line, msg = n, m
			}
		}
	}
	if bad, why := FaultLine(src); bad >= line && bad > 0 {
		return bad, msg + " (line " + strconv.Itoa(bad) + ": " + why + ")"
	}
	return line, msg
}

// FaultLine returns the first line whose indentation cannot be right, and
// why, or 0.
func FaultLine(src []byte) (int, string) {
	type level struct {
		indent int
		seq    bool // the block's lines are list items
		first  bool // no line seen at this level yet
	}
	stack := []level{{indent: 0, first: true}}
	inBlockScalar := -1 // indentation of the key that opened a | or > scalar
	for i, raw := range strings.Split(string(src), "\n") {
		l := strings.TrimRight(raw, "\r")
		t := strings.TrimLeft(l, " ")
		ind := len(l) - len(t)
		if inBlockScalar >= 0 {
			if strings.TrimSpace(l) == "" || ind > inBlockScalar {
				continue
			}
			inBlockScalar = -1
		}
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "---") || strings.HasPrefix(t, "...") {
			continue
		}
		if strings.HasPrefix(t, "\t") {
			return i + 1, "indented with a tab; YAML indents with spaces"
		}
		item := t == "-" || strings.HasPrefix(t, "- ")
		top := &stack[len(stack)-1]
		switch {
		case ind > top.indent:
			stack = append(stack, level{indent: ind, seq: item})
		case ind < top.indent:
			for len(stack) > 1 && stack[len(stack)-1].indent > ind {
				stack = stack[:len(stack)-1]
			}
			if stack[len(stack)-1].indent != ind {
				return i + 1, "indented to a level no block above it opened"
			}
			if lv := stack[len(stack)-1]; lv.seq != item && !lv.first {
				return i + 1, "a key among list items, or a list item among keys, at the same indentation"
			}
		default:
			if !top.first && top.seq != item {
				return i + 1, "a key among list items, or a list item among keys, at the same indentation"
			}
			if top.first {
				top.seq = item
			}
		}
		stack[len(stack)-1].first = false
		// A list item's own keys are indented past "- ".
		if item {
			rest := strings.TrimLeft(strings.TrimPrefix(t, "-"), " ")
			if rest != "" && !strings.HasPrefix(rest, "#") {
				stack = append(stack, level{indent: ind + (len(t) - len(rest)), first: false})
			}
		}
		if strings.HasSuffix(t, "|") || strings.HasSuffix(t, ">") || strings.HasSuffix(t, "|-") || strings.HasSuffix(t, ">-") {
			inBlockScalar = ind
		}
	}
	return 0, ""
}
