package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sparkport/sparkport/ir"
)

// templateVar finds the ${NAME} (and ${secret:NAME}) run-time values of an
// emr/*.template.json file.
var templateVar = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_:.]*)\}`)

// momentRef finds the Digdag date expressions of a template: moment(…)
// with its method calls, whose arguments hold no brace.
var momentRef = regexp.MustCompile(`\$\{\s*moment\([^{}]*\}`)

// FillTemplate turns an emr/*.template.json file into concrete steps for
// one run: each ${NAME} is computed as manifest.json says (a date
// parameter at the run time at, a default), or taken from set. Steps are
// matched to their canonical job by name ("<job> …"). It returns the
// filled file, or the names nothing could fill; nothing is returned half
// filled.
func FillTemplate(template []byte, m *Manifest, at time.Time, set map[string]string) ([]byte, []string, error) {
	// The legacy jobs computed their dates in the servers' time zone: a
	// run time given in UTC is the same instant on their calendar.
	if m.Timezone != "" {
		loc, err := time.LoadLocation(m.Timezone)
		if err != nil {
			return nil, nil, fmt.Errorf("manifest timezone %q: %v", m.Timezone, err)
		}
		at = at.In(loc)
	}
	var f StepsFile
	dec := json.NewDecoder(bytes.NewReader(template))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("not an emr/ steps file: %v", err)
	}
	params := map[string]map[string]*ir.Param{} // job → name → param
	for _, c := range m.Canonical {
		ps := map[string]*ir.Param{}
		for _, st := range c.Steps {
			for _, p := range st.Params {
				ps[p.Name] = p
			}
		}
		params[c.Name] = ps
	}
	missing := map[string]bool{}
	for i := range f.Steps {
		s := &f.Steps[i]
		job, _, _ := strings.Cut(s.Name, " ")
		ps := params[job]
		for k, a := range s.HadoopJarStep.Args {
			s.HadoopJarStep.Args[k] = templateVar.ReplaceAllStringFunc(a, func(ref string) string {
				name := ref[2 : len(ref)-1]
				if v, ok := set[name]; ok {
					return v
				}
				if v, ok := paramValue(name, ps, at, 0); ok {
					return v
				}
				// A legacy workflow's own ${session_date}, passed on as
				// Digdag would have.
				if v, ok := digdagBuiltin(ref, at); ok {
					return v
				}
				missing[name] = true
				return ref
			})
			// and its date expressions (${moment(session_time)…}).
			s.HadoopJarStep.Args[k] = momentRef.ReplaceAllStringFunc(s.HadoopJarStep.Args[k], func(ref string) string {
				expr := ref[2 : len(ref)-1]
				if v, ok := set[expr]; ok {
					return v
				}
				if v, ok := momentValue(expr, at); ok {
					return v
				}
				missing[expr] = true
				return ref
			})
		}
	}
	if len(missing) > 0 {
		names := make([]string, 0, len(missing))
		for n := range missing {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, names, nil
	}
	return stepsJSON(f.Steps), nil, nil
}

// paramValue computes a parameter at run time at: a date from the run
// date (or from another parameter) with its offset and format, or a
// positional parameter's default.
func paramValue(name string, ps map[string]*ir.Param, at time.Time, depth int) (string, bool) {
	p := ps[name]
	if p == nil || depth > 8 {
		return "", false
	}
	switch p.Kind {
	case "date":
		base := at
		if p.Base != "" && p.Base != "run_date" {
			b, ok := paramValue(p.Base, ps, at, depth+1)
			if !ok {
				return "", false
			}
			t, ok := parseDate(b)
			if !ok {
				return "", false
			}
			base = t
		}
		t, ok := addOffset(base, p.Offset)
		if !ok {
			return "", false
		}
		return strftime(t, p.Format)
	case "positional":
		if p.Default != "" && !strings.Contains(p.Default, "${") {
			return p.Default, true
		}
	case "digdag":
		// A workflow's _export of a Digdag built-in: the session is the run.
		if v, ok := digdagBuiltin(strings.TrimSpace(p.Default), at); ok {
			return v, true
		}
		if p.Default != "" && !strings.Contains(p.Default, "${") {
			return p.Default, true
		}
	}
	return "", false
}

// digdagBuiltin computes ${session_date} and the other session variables
// Digdag defines, for a session at at.
func digdagBuiltin(expr string, at time.Time) (string, bool) {
	name, ok := strings.CutPrefix(expr, "${")
	if !ok || !strings.HasSuffix(name, "}") {
		return "", false
	}
	switch strings.TrimSuffix(name, "}") {
	case "session_date":
		return at.Format("2006-01-02"), true
	case "session_date_compact":
		return at.Format("20060102"), true
	case "session_time":
		return at.Format("2006-01-02T15:04:05-07:00"), true
	case "session_local_time":
		return at.Format("2006-01-02 15:04:05"), true
	case "session_tz_offset":
		return at.Format("-0700"), true
	case "session_unixtime":
		return strconv.FormatInt(at.Unix(), 10), true
	}
	return "", false
}

func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{"20060102", "2006-01-02", "2006/01/02", "2006-01-02 15:04:05", "200601021504", "2006010215"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// addOffset applies "+N unit" / "-N unit" (day, week, month, year, hour,
// minute), as the shell front end writes GNU date's relative dates.
func addOffset(t time.Time, off string) (time.Time, bool) {
	if off == "" {
		return t, true
	}
	num, unit, ok := strings.Cut(off, " ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return t, false
	}
	switch strings.TrimSuffix(unit, "s") {
	case "day":
		return t.AddDate(0, 0, n), true
	case "week":
		return t.AddDate(0, 0, 7*n), true
	case "month":
		return t.AddDate(0, n, 0), true
	case "year":
		return t.AddDate(n, 0, 0), true
	case "hour":
		return t.Add(time.Duration(n) * time.Hour), true
	case "minute":
		return t.Add(time.Duration(n) * time.Minute), true
	}
	return t, false
}

// strftime formats t with the conversions GNU date scripts use.
func strftime(t time.Time, format string) (string, bool) {
	if format == "" {
		format = "%a %b %e %H:%M:%S %Z %Y" // date's default
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 >= len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		switch format[i] {
		case 'Y':
			b.WriteString(t.Format("2006"))
		case 'y':
			b.WriteString(t.Format("06"))
		case 'm':
			b.WriteString(t.Format("01"))
		case 'd':
			b.WriteString(t.Format("02"))
		case 'e':
			b.WriteString(t.Format("_2"))
		case 'H':
			b.WriteString(t.Format("15"))
		case 'M':
			b.WriteString(t.Format("04"))
		case 'S':
			b.WriteString(t.Format("05"))
		case 'F':
			b.WriteString(t.Format("2006-01-02"))
		case 'T':
			b.WriteString(t.Format("15:04:05"))
		case 'j':
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case 'G':
			y, _ := t.ISOWeek()
			fmt.Fprintf(&b, "%04d", y)
		case 'V':
			_, w := t.ISOWeek()
			fmt.Fprintf(&b, "%02d", w)
		case 'a':
			b.WriteString(t.Format("Mon"))
		case 'b':
			b.WriteString(t.Format("Jan"))
		case 'Z':
			b.WriteString(t.Format("MST"))
		case 's':
			b.WriteString(strconv.FormatInt(t.Unix(), 10))
		case 'u':
			wd := int(t.Weekday())
			if wd == 0 {
				wd = 7
			}
			b.WriteString(strconv.Itoa(wd))
		case 'w':
			b.WriteString(strconv.Itoa(int(t.Weekday())))
		case '%':
			b.WriteByte('%')
		default:
			return "", false
		}
	}
	return b.String(), true
}
