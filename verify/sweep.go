package verify

// The function sweep calls every built-in function both engines list,
// on Hive and on Spark, and compares the results. Its calls are not
// written by hand: each engine documents its functions with examples
// (DESCRIBE FUNCTION EXTENDED: "> SELECT abs(-1);"), which are calls the
// engine accepts, and each literal argument of such a seed is replaced in
// turn by edge values of its kind — NULL, zero, negative and boundary
// numbers, empty and non-ASCII text, month ends and leap days — one
// argument at a time, so that the number of calls grows with the number
// of arguments and not with their product. A seed is parsed, changed and
// printed as a tree (parser/hiveql), once per dialect: a FROM VALUES
// table becomes a UNION ALL subquery, which Hive reads too.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/translate/funcparity"
)

// seedExamples returns the example queries of a DESCRIBE FUNCTION
// EXTENDED answer: lines "> SELECT …;" (Spark) or "  > SELECT … FROM src
// LIMIT 1;" (Hive, whose examples read a test table, dropped here).
func seedExamples(desc [][]*string) []string {
	var out []string
	for _, row := range desc {
		for _, cell := range row {
			if cell == nil {
				continue
			}
			for _, line := range strings.Split(*cell, "\n") {
				line = strings.TrimSpace(line)
				rest, ok := strings.CutPrefix(line, ">")
				if !ok {
					continue
				}
				q := strings.TrimSpace(rest)
				if len(q) < 7 || !strings.EqualFold(q[:7], "SELECT ") {
					continue
				}
				q = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(q), ";"))
				for _, tail := range []string{" FROM src LIMIT 1", " FROM src limit 1", " FROM src"} {
					q = strings.TrimSuffix(q, tail)
				}
				out = append(out, q)
			}
		}
	}
	return out
}

// sweepQuery is a seed changed for one call: the same tree printed for
// each engine, and, for a SELECT of expressions without FROM (most
// seeds), those expressions, so that many calls run as one query.
type sweepQuery struct {
	hive, spark string
	items       []hiveql.Expr
	why         string // why the call's value is not comparable, or ""
}

// sweepVariants returns the seed as it is and one call per (literal
// argument of a call of fn, edge value of its kind). A seed that does
// not parse, or does not call fn, gives nothing.
func sweepVariants(fn, seed string) []sweepQuery {
	parse := func() hiveql.Stmt {
		f, errs := hiveql.Parse([]byte(seed), hiveql.Spark)
		if len(errs) > 0 || f == nil || len(f.Statements) != 1 {
			return nil
		}
		s := f.Statements[0].Stmt
		if _, bad := s.(*hiveql.BadStmt); bad {
			return nil
		}
		valuesAsUnion(s)
		return s
	}
	s := parse()
	if s == nil {
		return nil
	}
	lits := fnLiterals(s, fn)
	if lits == nil {
		return nil
	}
	out := []sweepQuery{printBoth(s)}
	for i, lit := range lits {
		for _, v := range edgeValues(lit) {
			e, errs := hiveql.ParseExpr([]byte(v), hiveql.Spark)
			if len(errs) > 0 {
				continue
			}
			t := parse()
			target := fnLiterals(t, fn)[i]
			hiveql.Rewrite(t, func(n hiveql.Node) hiveql.Node {
				if n == target {
					return e
				}
				return n
			})
			out = append(out, printBoth(t))
		}
	}
	return out
}

func printBoth(s hiveql.Stmt) sweepQuery {
	q := sweepQuery{
		hive:  strings.TrimSuffix(strings.TrimSpace(hiveql.PrintStmt(s, hiveql.Hive)), ";"),
		spark: strings.TrimSuffix(strings.TrimSpace(hiveql.PrintStmt(s, hiveql.Spark)), ";"),
		why:   sweepNondeterministic(s),
	}
	if qs, ok := s.(*hiveql.QueryStmt); ok && qs.Query != nil && qs.Query.With == nil && reflect.ValueOf(qs.Query.Tail).IsZero() {
		if sel, ok := qs.Query.Body.(*hiveql.Select); ok && sel.From == nil && sel.Where == nil && sel.GroupBy == nil &&
			sel.Having == nil && sel.Transform == nil && sel.Windows == nil && sel.Qualify == nil && sel.Quant == "" && sel.Hints == nil {
			for _, it := range sel.Items {
				if it.Aliases != nil {
					return q
				}
			}
			for _, it := range sel.Items {
				q.items = append(q.items, it.X)
			}
		}
	}
	return q
}

// sweepNondeterministic says why a call's value differs from run to run,
// as verify judges statements, except that rand(seed) is reproducible in
// a one-row query: its sequence is the engine's, and compared.
func sweepNondeterministic(s hiveql.Stmt) string {
	why := ""
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		if f, ok := n.(*hiveql.FuncCall); ok && why == "" {
			name := ""
			if f.Name != nil {
				name = strings.ToLower(f.Name.Qualified(""))
			}
			if (name == "rand" || name == "random") && len(f.Args) == 1 {
				return true
			}
			why = nondeterministicCall(f)
		}
		return why == ""
	})
	return why
}

// fnLiterals returns the literals inside the arguments of calls of fn,
// in source order; nil when the statement calls fn nowhere.
func fnLiterals(s hiveql.Stmt, fn string) []hiveql.Expr {
	var lits []hiveql.Expr
	found := false
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		f, ok := n.(*hiveql.FuncCall)
		if !ok || f.Name == nil || len(f.Name.Parts) != 1 || !strings.EqualFold(f.Name.Parts[0].Name, fn) {
			return true
		}
		found = true
		for _, a := range f.Args {
			hiveql.Inspect(a, func(n hiveql.Node) bool {
				switch n := n.(type) {
				case *hiveql.UnaryExpr:
					// -3 is a minus and a 3: the number is the literal.
					if _, ok := n.X.(*hiveql.NumberLit); ok && n.Op == "-" {
						lits = append(lits, n)
						return false
					}
				case *hiveql.NumberLit, *hiveql.StringLit, *hiveql.TypedLit:
					lits = append(lits, n.(hiveql.Expr))
					return false
				}
				return true
			})
		}
		return false
	})
	if !found {
		return nil
	}
	if lits == nil {
		lits = []hiveql.Expr{}
	}
	return lits
}

// edgeValues are the values a literal is replaced by, chosen by its kind:
// the values at which Hive and Spark are known to part (NULL, empty and
// non-ASCII text, negative numbers, integer boundaries, decimals at their
// precision, month ends, leap days, invalid dates).
func edgeValues(lit hiveql.Expr) []string {
	switch l := lit.(type) {
	case *hiveql.UnaryExpr:
		return edgeValues(l.X)
	case *hiveql.NumberLit:
		if strings.ContainsAny(l.Raw, ".eE") {
			return []string{"NULL", "0.0", "(-2.5)", "12345678901234567890.123456789"}
		}
		// Not -2147483648: Spark reads it as an INT and Hive as a
		// negated BIGINT, which tells of literals and not of functions.
		return []string{"NULL", "0", "(-3)", "2147483647"}
	case *hiveql.TypedLit:
		switch l.Type {
		case "DATE":
			return []string{"DATE '2020-02-29'", "DATE '2019-12-31'"}
		case "TIMESTAMP":
			return []string{"TIMESTAMP '2020-02-29 23:59:59.999'", "TIMESTAMP '1969-12-31 23:59:59'"}
		}
		return nil
	case *hiveql.StringLit:
		v := l.Value()
		switch {
		case looksLikeDate(v) && len(v) == 10:
			return []string{"NULL", "''", "'2020-02-29'", "'2019-12-31'", "'2021-02-29'"}
		case looksLikeDate(v):
			return []string{"NULL", "''", "'2020-02-29 23:59:59.999'", "'1969-12-31 23:59:59'", "'2021-02-29 10:00:00'"}
		case looksLikeNumber(v):
			return []string{"NULL", "''", "'-7.5'", "' 12 '", "'1e3'"}
		}
		return []string{"NULL", "''", "'é漢€ñ'", "' a,B '"}
	}
	return nil
}

func looksLikeDate(v string) bool {
	if len(v) < 10 || v[4] != '-' || v[7] != '-' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return len(v) == 10 || v[10] == ' ' || v[10] == 'T'
}

func looksLikeNumber(v string) bool {
	digits := 0
	for i, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || (i == 0 && (r == '-' || r == '+')):
		default:
			return false
		}
	}
	return digits > 0
}

// valuesAsUnion replaces each FROM VALUES (…), (…) AS t(a, b) by
// (SELECT … AS a, … AS b UNION ALL …) t: Spark's examples of aggregates
// read such tables, and Hive reads the subquery form.
func valuesAsUnion(s hiveql.Stmt) {
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		sel, ok := n.(*hiveql.Select)
		if !ok {
			return true
		}
		v, ok := sel.From.(*hiveql.ValuesRef)
		if !ok || v.Values == nil || len(v.Values.Rows) == 0 {
			return true
		}
		var body hiveql.QueryBody
		for _, row := range v.Values.Rows {
			one := &hiveql.Select{}
			for i, e := range row {
				item := &hiveql.SelectItem{X: e, As: true}
				if i < len(v.Columns) {
					item.Alias = v.Columns[i]
				} else {
					item.Alias = &hiveql.Ident{Name: fmt.Sprintf("col%d", i+1)}
				}
				one.Items = append(one.Items, item)
			}
			if body == nil {
				body = one
			} else {
				body = &hiveql.SetOp{Op: "UNION", Quant: "ALL", L: body, R: one}
			}
		}
		alias := v.Alias
		if alias == nil {
			alias = &hiveql.Ident{Name: "v"}
		}
		sel.From = &hiveql.SubqueryRef{Query: &hiveql.Query{Body: body}, As: true, Alias: alias}
		return true
	})
}

// SweepOptions tune a sweep.
type SweepOptions struct {
	// RestartSpark starts a new Spark when a call has stopped the one
	// running (an argument of 2147483647 asks space() for 2 GB: the JVM's
	// OutOfMemoryError stops the SparkContext), so that the calls after it
	// still run; nil: they fail.
	RestartSpark func() (RowEngine, error)
	PerFunction  int           // at most this many calls per function (0: 30)
	Timeout      time.Duration // per query (0: one minute)
	Log          io.Writer     // progress, one line per function
}

// SweepFunctions calls each function of fns on both engines, with the
// seeds both engines document for it, and returns every call with its
// outcome, sorted by function and query; an error when Hive stopped
// answering, with the calls made until then.
func SweepFunctions(ctx context.Context, spark, hive RowEngine, fns []string, opt SweepOptions) ([]funcparity.Call, error) {
	if opt.PerFunction == 0 {
		opt.PerFunction = 30
	}
	if opt.Timeout == 0 {
		opt.Timeout = 20 * time.Second
	}
	c := &comparer{ctx: ctx, opt: AgainstOptions{Timeout: opt.Timeout, MaxRows: 100, Log: opt.Log}, spark: spark, hive: hive, hiveZone: "UTC", restartSpark: opt.RestartSpark}
	c.sweepSession()
	var calls []funcparity.Call
	for _, fn := range fns {
		// A Hive that stopped (a statement past the timeout) would turn
		// every later call into a Hive failure: the sweep ends instead.
		if _, err := c.rows(c.hive, "SELECT 1"); err != nil {
			return calls, fmt.Errorf("Hive does not answer before %s: %v", fn, err)
		}
		var seeds []string
		if desc, err := c.sparkDescribe(fn); err == nil {
			seeds = append(seeds, seedExamples(desc)...)
		}
		if desc, err := c.rows(c.hive, "DESCRIBE FUNCTION EXTENDED "+fn); err == nil {
			seeds = append(seeds, seedExamples(desc)...)
		}
		seen := map[string]bool{}
		var batch, single []sweepQuery
		for _, seed := range seeds {
			for _, q := range sweepVariants(fn, seed) {
				if seen[q.hive] || len(seen) >= opt.PerFunction {
					continue
				}
				seen[q.hive] = true
				if q.items != nil {
					batch = append(batch, q)
				} else {
					single = append(single, q)
				}
			}
		}
		calls = append(calls, c.sweepBatch(fn, batch)...)
		for _, q := range single {
			calls = append(calls, c.sweepCall(fn, q))
		}
		n := len(seen)
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "%s: %d seeds, %d calls\n", fn, len(seeds), n)
		}
	}
	sort.SliceStable(calls, func(i, j int) bool {
		if calls[i].Function != calls[j].Function {
			return calls[i].Function < calls[j].Function
		}
		return calls[i].HiveSQL < calls[j].HiveSQL
	})
	return calls, nil
}

func (c *comparer) sweepSession() {
	c.exec(c.spark, "RESET")
	c.exec(c.hive, "RESET")
	c.hiveSession()
	c.resetZones()
}

// sparkRows runs a sweep query on Spark, on a new Spark when the query
// finds the running one stopped.
func (c *comparer) sparkRows(text string) ([][]*string, error) {
	rows, err := c.queryRows(c.spark, text, true)
	if err == nil || c.restartSpark == nil || !sparkStopped(err) {
		return rows, err
	}
	c.logf("Spark stopped (%v): starting a new one", err)
	if !c.newSpark() {
		return rows, err
	}
	rows, err = c.queryRows(c.spark, text, true)
	if err != nil && sparkStopped(err) {
		c.newSpark() // the query itself stops Spark: leave a running one for the next
	}
	return rows, err
}

// newSpark replaces a stopped Spark by a new one, set as the sweep's
// session is; false when none starts.
func (c *comparer) newSpark() bool {
	e, err := c.restartSpark()
	if err != nil {
		c.logf("a new Spark did not start: %v", err)
		return false
	}
	c.spark = e
	c.exec(c.spark, "RESET")
	c.resetZones()
	return true
}

// sparkDescribe is DESCRIBE FUNCTION EXTENDED on Spark, on a new Spark
// when the running one has stopped.
func (c *comparer) sparkDescribe(fn string) ([][]*string, error) {
	q := "DESCRIBE FUNCTION EXTENDED " + fn
	rows, err := c.rows(c.spark, q)
	if err != nil && c.restartSpark != nil && sparkStopped(err) && c.newSpark() {
		rows, err = c.rows(c.spark, q)
	}
	return rows, err
}

// sparkStopped says whether an error tells of a Spark that no longer runs
// queries: the connection is gone, or the SparkContext was stopped.
func sparkStopped(err error) bool {
	var se *Error
	if errors.As(err, &se) && se.Class == "SPARKPORT_CONNECTION" {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true // a one-row query that takes this long: Spark is stuck, as after an OutOfMemoryError
	}
	m := err.Error()
	return strings.Contains(m, "stopped SparkContext") || strings.Contains(m, "SparkEnv") || strings.Contains(m, "deadline exceeded")
}

func (c *comparer) sweepCall(fn string, q sweepQuery) funcparity.Call {
	// The engines are two processes: each runs its query at the same time.
	var h [][]*string
	var herr error
	done := make(chan struct{})
	go func() {
		h, herr = c.rows(c.hive, q.hive)
		close(done)
	}()
	s, serr := c.sparkRows(q.spark)
	<-done
	return sweepJudge(fn, q, h, herr, s, serr)
}

func sweepJudge(fn string, q sweepQuery, h [][]*string, herr error, s [][]*string, serr error) funcparity.Call {
	call := funcparity.Call{Function: fn, HiveSQL: q.hive, SparkSQL: q.spark, Hive: sweepShow(h, herr), Spark: sweepShow(s, serr)}
	switch {
	case herr != nil && serr != nil:
		call.Outcome = funcparity.BothFail
	case herr != nil:
		call.Outcome = funcparity.HiveFails
	case serr != nil:
		call.Outcome = funcparity.SparkFails
	case q.why != "":
		call.Outcome = funcparity.NotComparable
	case compareRows(h, s) != nil:
		call.Outcome = funcparity.Disagree
	default:
		call.Outcome = funcparity.Agree
	}
	return call
}

// sweepResult is what one engine returned for one call.
type sweepResult struct {
	rows [][]*string
	err  error
}

// sweepBatch runs calls whose queries are SELECTs of expressions as one
// query per engine, all expressions side by side; where an engine refuses
// the query, it runs each half on its own, down to the single call, whose
// own query gives the error.
func (c *comparer) sweepBatch(fn string, qs []sweepQuery) []funcparity.Call {
	var h, s []sweepResult
	done := make(chan struct{})
	go func() {
		h = c.batchRows(c.hive, false, qs)
		close(done)
	}()
	s = c.batchRows(c.spark, true, qs)
	<-done
	calls := make([]funcparity.Call, len(qs))
	for i, q := range qs {
		calls[i] = sweepJudge(fn, q, h[i].rows, h[i].err, s[i].rows, s[i].err)
	}
	return calls
}

func (c *comparer) batchRows(e RowEngine, spark bool, qs []sweepQuery) []sweepResult {
	if len(qs) == 0 {
		return nil
	}
	if len(qs) == 1 {
		text := qs[0].hive
		if spark {
			text = qs[0].spark
		}
		if spark {
			rows, err := c.sparkRows(text)
			return []sweepResult{{rows, err}}
		}
		rows, err := c.queryRows(e, text, false)
		return []sweepResult{{rows, err}}
	}
	d := hiveql.Hive
	if spark {
		d = hiveql.Spark
	}
	var cols []string
	var width []int
	for _, q := range qs {
		width = append(width, len(q.items))
		for _, x := range q.items {
			cols = append(cols, fmt.Sprintf("%s AS c%d", hiveql.PrintExpr(x, d), len(cols)+1))
		}
	}
	text := "SELECT " + strings.Join(cols, ", ")
	var rows [][]*string
	var err error
	if spark {
		rows, err = c.sparkRows(text)
	} else {
		rows, err = c.queryRows(e, text, false)
	}
	if err != nil || len(rows) != 1 || len(rows[0]) != len(cols) {
		half := len(qs) / 2
		return append(c.batchRows(e, spark, qs[:half]), c.batchRows(e, spark, qs[half:])...)
	}
	out := make([]sweepResult, len(qs))
	at := 0
	for i, w := range width {
		out[i].rows = [][]*string{rows[0][at : at+w]}
		at += w
	}
	return out
}

// sweepShow is rows or an error as one short line of a TSV file.
func sweepShow(rows [][]*string, err error) string {
	s := showRows(rows)
	if err != nil {
		s = "error: " + oneLine(err.Error())
	}
	s = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
	if len(s) > 160 {
		n := 157
		for n > 0 && !utf8.RuneStart(s[n]) {
			n-- // not inside a character: the file stays UTF-8
		}
		s = s[:n] + "..."
	}
	return s
}

func showRows(rows [][]*string) string {
	var parts []string
	for _, r := range rows {
		parts = append(parts, showRow(r))
	}
	return "[" + strings.Join(parts, " ") + "]"
}
