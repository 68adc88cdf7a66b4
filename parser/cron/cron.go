package cron

import (
	"fmt"
	"strconv"
	"strings"
)

// Form tells whether a crontab has a user field.
type Form uint8

const (
	UserForm   Form = iota // crontab -e: five fields, then the command
	SystemForm             // /etc/crontab, /etc/cron.d: five fields, a user, then the command
)

// File is one parsed crontab.
type File struct {
	Entries []*Entry
	Env     []*EnvVar
	Errors  []Error
}

// Entry is one scheduled command.
type Entry struct {
	Line        int // 1-based
	Schedule    Schedule
	User        string // system form only
	Command     string // as written, up to the end of the line
	CommandCol  int    // 1-based column where Command starts
	Stdin       string // text after an unescaped %, which cron feeds to the command
	Env         []*EnvVar
	Disabled    bool // the line was commented out with a leading '#'
	ScheduleRaw string
	// Invalid is set when the schedule does not parse but the line still
	// has its fields and a command: the entry is kept (with the error in
	// File.Errors) so that its job is not lost; Schedule is then empty.
	Invalid string
}

// EnvVar is NAME=value; it applies to the entries below it.
type EnvVar struct {
	Line  int
	Name  string
	Value string
}

// Error is a problem at line:col of the file.
type Error struct {
	Line, Col int
	Msg       string
}

func (e Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Schedule is a cron schedule. Reboot is set for @reboot, which has no
// times. Otherwise each field holds the set of values it matches.
type Schedule struct {
	Reboot                   bool
	Minute, Hour, Dom, Month Field
	Dow                      Field
}

// Field is the set of values a field matches, as a bit set, and whether it
// was written as a bare '*' (which matters for the day fields: when both day
// of month and day of week are restricted, cron runs on either).
type Field struct {
	Bits uint64
	Star bool
}

// Has reports whether v is in the field.
func (f Field) Has(v int) bool { return v >= 0 && v < 64 && f.Bits&(1<<uint(v)) != 0 }

var fieldSpecs = [5]struct {
	name     string
	min, max int
	names    []string
}{
	{"minute", 0, 59, nil},
	{"hour", 0, 23, nil},
	{"day of month", 1, 31, nil},
	{"month", 1, 12, []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
	{"day of week", 0, 7, []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
}

var macros = map[string]string{
	"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
	"@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
}

// String writes the schedule in normalised five-field form: the same set of
// times always prints the same way (*/15 and 0,15,30,45 both print
// "*/15"; 7 prints as 0; names print as numbers).
func (s Schedule) String() string {
	if s.Reboot {
		return "@reboot"
	}
	fs := []Field{s.Minute, s.Hour, s.Dom, s.Month, s.Dow}
	parts := make([]string, 5)
	for i, f := range fs {
		parts[i] = formatField(f, fieldSpecs[i].min, lastValue(i))
		// A day field that covers every value without a '*' (1-31,
		// 0-6) beside a restricted other day field still counts: cron
		// runs on either day field when neither is starred, so it must
		// not print as '*'.
		other := s.Dow
		if i == 4 {
			other = s.Dom
		}
		if (i == 2 || i == 4) && !f.Star && !other.Star && parts[i] == "*" {
			parts[i] = fmt.Sprintf("%d-%d", fieldSpecs[i].min, lastValue(i))
		}
	}
	return strings.Join(parts, " ")
}

func lastValue(i int) int {
	if i == 4 {
		return 6 // 7 is folded into 0
	}
	return fieldSpecs[i].max
}

func formatField(f Field, min, max int) string {
	var all uint64
	for v := min; v <= max; v++ {
		all |= 1 << uint(v)
	}
	if f.Bits&all == all {
		return "*"
	}
	var vals []int
	for v := min; v <= max; v++ {
		if f.Has(v) {
			vals = append(vals, v)
		}
	}
	// A step from the minimum that covers exactly these values: */n.
	if len(vals) > 1 && vals[0] == min {
		step := vals[1] - vals[0]
		ok := true
		for i := 1; i < len(vals); i++ {
			if vals[i]-vals[i-1] != step {
				ok = false
				break
			}
		}
		if ok && vals[len(vals)-1]+step > max {
			return "*/" + strconv.Itoa(step)
		}
	}
	// Otherwise a list, with runs of three or more as ranges.
	var out []string
	for i := 0; i < len(vals); {
		j := i
		for j+1 < len(vals) && vals[j+1] == vals[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			out = append(out, fmt.Sprintf("%d-%d", vals[i], vals[j]))
		case j == i:
			out = append(out, strconv.Itoa(vals[i]))
		default:
			out = append(out, strconv.Itoa(vals[i]), strconv.Itoa(vals[j]))
		}
		i = j + 1
	}
	return strings.Join(out, ",")
}

// ParseSchedule parses a five-field spec or a macro.
func ParseSchedule(spec string) (Schedule, error) {
	fields := strings.Fields(spec)
	if len(fields) == 1 && strings.HasPrefix(fields[0], "@") {
		s, _, err := parseMacro(fields[0])
		return s, err
	}
	if len(fields) != 5 {
		return Schedule{}, fmt.Errorf("want 5 fields, got %d", len(fields))
	}
	var s Schedule
	dst := []*Field{&s.Minute, &s.Hour, &s.Dom, &s.Month, &s.Dow}
	for i, f := range fields {
		v, err := parseField(f, i)
		if err != nil {
			return Schedule{}, err
		}
		*dst[i] = v
	}
	return s, nil
}

func parseMacro(m string) (Schedule, string, error) {
	lm := strings.ToLower(m)
	if lm == "@reboot" {
		return Schedule{Reboot: true}, "@reboot", nil
	}
	spec, ok := macros[lm]
	if !ok {
		return Schedule{}, "", fmt.Errorf("unknown schedule macro %q", m)
	}
	s, err := ParseSchedule(spec)
	return s, lm, err
}

// parseField reads one field: a comma list of *, n, a-b, each with an
// optional /step.
func parseField(text string, idx int) (Field, error) {
	spec := fieldSpecs[idx]
	var f Field
	// Vixie cron and cronie mark a field starred when it starts with '*'
	// (so */2 is starred too): for the day fields that decides between
	// "both" and "either".
	f.Star = strings.HasPrefix(text, "*")
	for _, item := range strings.Split(text, ",") {
		if item == "" {
			return Field{}, fmt.Errorf("%s: empty list item in %q", spec.name, text)
		}
		rng, stepText, hasStep := strings.Cut(item, "/")
		step := 1
		if hasStep {
			n, err := strconv.Atoi(stepText)
			if err != nil || n <= 0 || n > spec.max {
				return Field{}, fmt.Errorf("%s: bad step %q", spec.name, stepText)
			}
			step = n
		}
		lo, hi := spec.min, spec.max
		if idx == 4 {
			hi = 6 // '*' for weekdays covers 0-6; 7 only by name
		}
		if rng != "*" {
			a, b, isRange := strings.Cut(rng, "-")
			var err error
			if lo, err = fieldValue(a, idx); err != nil {
				return Field{}, err
			}
			hi = lo
			if isRange {
				if hi, err = fieldValue(b, idx); err != nil {
					return Field{}, err
				}
				if hi < lo {
					return Field{}, fmt.Errorf("%s: range %q runs backwards", spec.name, rng)
				}
			} else if hasStep {
				// n/step means n through the maximum, as cronie reads it.
				hi = spec.max
			}
		}
		for v := lo; v <= hi; v += step {
			if idx == 4 && v == 7 {
				f.Bits |= 1 // Sunday
				continue
			}
			f.Bits |= 1 << uint(v)
		}
	}
	return f, nil
}

func fieldValue(s string, idx int) (int, error) {
	spec := fieldSpecs[idx]
	if n, err := strconv.Atoi(s); err == nil {
		if n < spec.min || n > spec.max {
			return 0, fmt.Errorf("%s: %d out of range %d-%d", spec.name, n, spec.min, spec.max)
		}
		return n, nil
	}
	for i, name := range spec.names {
		if strings.EqualFold(s, name) {
			if idx == 3 {
				return i + 1, nil
			}
			return i, nil
		}
	}
	return 0, fmt.Errorf("%s: bad value %q", spec.name, s)
}

// Parse reads a crontab. Errors are collected per line; a bad line does not
// stop the others. CRLF line endings are accepted.
func Parse(src []byte, form Form) *File {
	f := &File{}
	var env []*EnvVar
	lines := strings.Split(string(src), "\n")
	for i, raw := range lines {
		ln := i + 1
		line := strings.TrimSuffix(raw, "\r")
		trimmed := strings.TrimLeft(line, " \t")
		indent := len(line) - len(trimmed)
		if trimmed == "" {
			continue
		}
		if trimmed[0] == '#' {
			// A commented-out entry is still worth knowing about: people
			// disable jobs that way. Keep it when it parses as an entry.
			body := strings.TrimLeft(trimmed[1:], " \t")
			if e, errs := parseEntry(body, ln, indent+len(trimmed)-len(body), form); len(errs) == 0 && e != nil {
				e.Disabled = true
				e.Env = env
				f.Entries = append(f.Entries, e)
			}
			continue
		}
		if v, ok := parseEnv(trimmed, ln); ok {
			env = append(env[:len(env):len(env)], v)
			f.Env = append(f.Env, v)
			continue
		}
		e, errs := parseEntry(trimmed, ln, indent, form)
		f.Errors = append(f.Errors, errs...)
		if e != nil && e.Invalid != "" && len(errs) == 0 {
			e = nil // cannot happen: an invalid entry carries its error
		}
		if e != nil {
			e.Env = env
			f.Entries = append(f.Entries, e)
		}
	}
	return f
}

// parseEnv reads NAME = value, where value may be quoted.
func parseEnv(line string, ln int) (*EnvVar, bool) {
	name, value, ok := strings.Cut(line, "=")
	if !ok {
		return nil, false
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, " \t") || strings.HasPrefix(name, "@") || strings.ContainsAny(name[:1], "0123456789*") {
		return nil, false
	}
	value = strings.TrimSpace(value)
	if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') && value[len(value)-1] == value[0] {
		value = value[1 : len(value)-1]
	}
	return &EnvVar{Line: ln, Name: name, Value: value}, true
}

// parseEntry reads schedule, [user,] command from one line; col0 is the
// 0-based column where line starts in the file's line.
func parseEntry(line string, ln, col0 int, form Form) (*Entry, []Error) {
	sc := &entryScanner{line: line, ln: ln, col0: col0}
	nextField, errAt := sc.nextField, sc.errAt
	e := &Entry{Line: ln}
	first, firstCol := nextField()
	if strings.HasPrefix(first, "@") {
		s, norm, err := parseMacro(first)
		if err != nil {
			return nil, errAt(firstCol, "%v", err)
		}
		e.Schedule, e.ScheduleRaw = s, norm
	} else {
		fields := []string{first}
		cols := []int{firstCol}
		for len(fields) < 5 {
			t, c := nextField()
			if t == "" {
				return nil, errAt(c, "want 5 schedule fields, got %d", len(fields))
			}
			fields = append(fields, t)
			cols = append(cols, c)
		}
		dst := []*Field{&e.Schedule.Minute, &e.Schedule.Hour, &e.Schedule.Dom, &e.Schedule.Month, &e.Schedule.Dow}
		var bad []Error
		for i, t := range fields {
			v, err := parseField(t, i)
			if err != nil {
				bad = errAt(cols[i], "%v", err)
				e.Invalid = err.Error()
				e.Schedule = Schedule{}
				break
			}
			*dst[i] = v
		}
		e.ScheduleRaw = strings.Join(fields, " ")
		if bad != nil {
			// The rest of the line is still read: the job is kept with
			// its command, marked invalid.
			rest, errs := parseEntryTail(e, sc, form)
			if rest == nil {
				return nil, append(bad, errs...)
			}
			return rest, bad
		}
	}
	return parseEntryTail(e, sc, form)
}

// entryScanner reads the blank-separated fields of one crontab line.
type entryScanner struct {
	line     string
	pos      int // the next byte to read
	ln, col0 int // the line number, and the column where line starts (0-based)
}

func (sc *entryScanner) skipBlanks() {
	for sc.pos < len(sc.line) && (sc.line[sc.pos] == ' ' || sc.line[sc.pos] == '\t') {
		sc.pos++
	}
}

// nextField returns the next field and its 0-based column in line; at the
// end of the line the field is empty.
func (sc *entryScanner) nextField() (string, int) {
	sc.skipBlanks()
	start := sc.pos
	for sc.pos < len(sc.line) && sc.line[sc.pos] != ' ' && sc.line[sc.pos] != '\t' {
		sc.pos++
	}
	return sc.line[start:sc.pos], start
}

func (sc *entryScanner) errAt(col int, format string, args ...any) []Error {
	return []Error{{Line: sc.ln, Col: sc.col0 + col + 1, Msg: fmt.Sprintf(format, args...)}}
}

// parseEntryTail reads the user field (system form) and the command of
// an entry whose schedule the scanner has read.
func parseEntryTail(e *Entry, sc *entryScanner, form Form) (*Entry, []Error) {
	if form == SystemForm {
		u, c := sc.nextField()
		if u == "" {
			return nil, sc.errAt(c, "missing user field (system crontab)")
		}
		e.User = u
	}
	sc.skipBlanks()
	line, pos := sc.line, sc.pos
	if pos >= len(line) {
		return nil, sc.errAt(pos, "missing command")
	}
	e.CommandCol = sc.col0 + pos + 1
	cmd := line[pos:]
	// An unescaped % ends the command; the rest is its standard input,
	// with further % as newlines.
	for i := 0; i < len(cmd); i++ {
		if cmd[i] == '\\' && i+1 < len(cmd) && cmd[i+1] == '%' {
			cmd = cmd[:i] + cmd[i+1:]
			continue
		}
		if cmd[i] == '%' {
			e.Stdin = strings.ReplaceAll(cmd[i+1:], "%", "\n")
			cmd = cmd[:i]
			break
		}
	}
	e.Command = strings.TrimRight(cmd, " \t")
	return e, nil
}
