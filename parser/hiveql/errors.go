package hiveql

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Error is one diagnostic at a byte offset of a file.
type Error struct {
	Pos Pos
	Msg string
}

// ErrorList collects errors; parsing goes on after each.
type ErrorList []Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the errors by position, keeping the order of equal positions.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos < l[j].Pos })
}

// LineIndex maps byte offsets of one file to 1-based line and column.
// Columns count characters (runes of the decoded UTF-8 text), as an editor
// shows them: the same line gives the same column whatever encoding the
// legacy file was written in.
type LineIndex struct {
	src   []byte
	lines []int // offset of the first byte of each line
}

// NewLineIndex indexes the line starts of src.
func NewLineIndex(src []byte) *LineIndex {
	li := &LineIndex{src: src, lines: make([]int, 1, len(src)/30+1)}
	for i, c := range src {
		if c == '\n' {
			li.lines = append(li.lines, i+1)
		}
	}
	return li
}

// Position returns the 1-based line and column of offset p.
func (li *LineIndex) Position(p Pos) (line, col int) {
	off := int(p)
	i := sort.Search(len(li.lines), func(i int) bool { return li.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	start := li.lines[i]
	if off > len(li.src) {
		return i + 1, off - start + 1
	}
	return i + 1, utf8.RuneCount(li.src[start:off]) + 1
}

// Format writes one diagnostic the way compilers do: file:line:col: severity: message.
func (li *LineIndex) Format(file string, p Pos, severity, msg string) string {
	line, col := li.Position(p)
	return fmt.Sprintf("%s:%d:%d: %s: %s", file, line, col, severity, msg)
}

// ErrorStrings formats every error of l for file.
func (li *LineIndex) ErrorStrings(file string, l ErrorList) []string {
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = li.Format(file, e.Pos, "error", e.Msg)
	}
	return out
}

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "offset %d: %s", e.Pos, e.Msg)
	}
	return b.String()
}
