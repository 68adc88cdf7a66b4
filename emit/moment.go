package emit

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// momentValue computes, for a session at at, the Digdag (moment.js)
// expressions that legacy workflows and sparkport's own workflows write
// for dates: moment(session_time) — or session_date, session_local_time —
// moved with .add(N, 'unit') or .subtract(N, 'unit') and written with
// .format('…'). Anything else is not computed (false): emr-fill then asks
// for the value rather than guess.
func momentValue(expr string, at time.Time) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(expr), "moment(")
	if !ok {
		return "", false
	}
	arg, rest, ok := strings.Cut(rest, ")")
	switch strings.TrimSpace(arg) {
	case "session_time", "session_local_time":
	case "session_date":
		at = time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, at.Location())
	default:
		return "", false
	}
	t := at
	for ok {
		if rest == "" {
			return "", false // a moment, not text: no format given
		}
		var method, args string
		if method, rest, ok = strings.Cut(strings.TrimPrefix(rest, "."), "("); !ok {
			return "", false
		}
		if args, rest, ok = strings.Cut(rest, ")"); !ok {
			return "", false
		}
		switch method {
		case "add", "subtract":
			n, unit, ok := momentAmount(args)
			if !ok {
				return "", false
			}
			if method == "subtract" {
				n = -n
			}
			if t, ok = momentAdd(t, n, unit); !ok {
				return "", false
			}
		case "format":
			f, ok := momentString(args)
			if !ok || strings.TrimSpace(rest) != "" {
				return "", false
			}
			return momentText(t, f)
		default:
			return "", false
		}
	}
	return "", false
}

// momentAmount reads the arguments of add/subtract: N, 'unit'.
func momentAmount(args string) (int, string, bool) {
	num, unit, ok := strings.Cut(args, ",")
	if !ok {
		return 0, "", false
	}
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil {
		return 0, "", false
	}
	u, ok := momentString(unit)
	return n, u, ok
}

// momentString reads a quoted JavaScript string without escapes.
func momentString(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || (s[0] != '\'' && s[0] != '"') || s[len(s)-1] != s[0] || strings.ContainsAny(s[1:len(s)-1], `\'"`) {
		return "", false
	}
	return s[1 : len(s)-1], true
}

// momentAdd moves t as moment.js does: months and years keep the day
// unless the target month is shorter, where moment stops at its last day.
func momentAdd(t time.Time, n int, unit string) (time.Time, bool) {
	switch strings.TrimSuffix(unit, "s") {
	case "second":
		return t.Add(time.Duration(n) * time.Second), true
	case "minute":
		return t.Add(time.Duration(n) * time.Minute), true
	case "hour":
		return t.Add(time.Duration(n) * time.Hour), true
	case "day":
		return t.AddDate(0, 0, n), true
	case "week":
		return t.AddDate(0, 0, 7*n), true
	case "month", "year":
		months := n
		if strings.HasPrefix(unit, "year") {
			months = 12 * n
		}
		first := time.Date(t.Year(), t.Month(), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location()).AddDate(0, months, 0)
		last := first.AddDate(0, 1, -1).Day()
		return first.AddDate(0, 0, min(t.Day(), last)-1), true
	}
	return time.Time{}, false
}

// momentText writes t in a moment.js format; a token it does not know
// makes it give up rather than write something else.
func momentText(t time.Time, f string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(f); {
		if f[i] == '[' {
			end := strings.IndexByte(f[i:], ']')
			if end < 0 {
				return "", false
			}
			b.WriteString(f[i+1 : i+end])
			i += end + 1
			continue
		}
		c := f[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			b.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(f) && f[j] == c {
			j++
		}
		tok := f[i:j]
		i = j
		switch tok {
		case "YYYY":
			fmt.Fprintf(&b, "%04d", t.Year())
		case "YY":
			fmt.Fprintf(&b, "%02d", t.Year()%100)
		case "MMMM":
			b.WriteString(t.Month().String())
		case "MMM":
			b.WriteString(t.Month().String()[:3])
		case "MM":
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case "M":
			fmt.Fprintf(&b, "%d", int(t.Month()))
		case "DDDD":
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case "DD":
			fmt.Fprintf(&b, "%02d", t.Day())
		case "D":
			fmt.Fprintf(&b, "%d", t.Day())
		case "HH":
			fmt.Fprintf(&b, "%02d", t.Hour())
		case "H":
			fmt.Fprintf(&b, "%d", t.Hour())
		case "mm":
			fmt.Fprintf(&b, "%02d", t.Minute())
		case "ss":
			fmt.Fprintf(&b, "%02d", t.Second())
		case "X":
			fmt.Fprintf(&b, "%d", t.Unix())
		case "dddd":
			b.WriteString(t.Weekday().String())
		case "ddd":
			b.WriteString(t.Weekday().String()[:3])
		default:
			return "", false
		}
	}
	return b.String(), true
}
