package translate

import (
	"fmt"
	"strings"

	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/translate/funcparity"
)

// builtinCall returns n as a call of a Hive built-in and the function's
// row in the parity table, when the row names rule ("" for any row) and no
// user function of the same name shadows the built-in.
func (p *pass) builtinCall(n hiveql.Node, rule string) (*hiveql.FuncCall, funcparity.Function, bool) {
	f, ok := n.(*hiveql.FuncCall)
	if !ok || len(f.Name.Parts) != 1 {
		return nil, funcparity.Function{}, false
	}
	name := strings.ToLower(f.Name.Parts[0].Name)
	row, ok := funcparity.Default().Lookup(name)
	if !ok || (rule != "" && row.Rule != rule) || p.tr.userFunction(name) {
		return nil, funcparity.Function{}, false
	}
	return f, row, true
}

// newCall builds a call of a function by name, at the position of the
// node it replaces.
func newCall(at hiveql.Span, name string, args ...hiveql.Expr) *hiveql.FuncCall {
	return &hiveql.FuncCall{Span: at, Name: &hiveql.Name{Span: at, Parts: []*hiveql.Ident{{Span: at, Name: name}}}, Args: args}
}

// renamedCall is f calling another function with the same arguments.
func renamedCall(f *hiveql.FuncCall, name string) *hiveql.FuncCall {
	c := *f
	c.Name = &hiveql.Name{Span: f.Name.Span, Parts: []*hiveql.Ident{{Span: f.Name.Parts[0].Span, Name: name}}}
	return &c
}

// ParitySummary describes, in a few lines, how much of Hive's function
// registry and property space the rules classify: the figures `sparkport
// rules` and README show.
func ParitySummary() string {
	var b strings.Builder
	t := funcparity.Default()
	fmt.Fprintf(&b, "Functions (docs/functions.md): Hive's registry against Spark %s\n", t.SparkVersion)
	for _, v := range append(append([]string{}, t.HiveVersions...), "") {
		c := t.Counts(v)
		name := "Hive " + v
		if v == "" {
			name = "any version"
		}
		fmt.Fprintf(&b, "  %-12s %3d functions: %3d same, %2d different (rewritten or warned), %2d renamed (SP054 rewrites or SP042), %3d missing (SP042); %3d run on Hive 4.1 and Spark\n",
			name, c[funcparity.Same]+c[funcparity.Different]+c[funcparity.Renamed]+c[funcparity.Missing],
			c[funcparity.Same], c[funcparity.Different], c[funcparity.Renamed], c[funcparity.Missing], t.RunCount(v))
	}
	outcomes := map[funcparity.Outcome]int{}
	for _, c := range t.Sweep {
		outcomes[c.Outcome]++
	}
	fmt.Fprintf(&b, "Run on both engines (%s, the function sweep): %d calls, %d same, %d differ, %d fail on Spark only, %d run on Spark only, %d fail on both, %d not comparable\n",
		t.SweepEngines, len(t.Sweep), outcomes[funcparity.Agree], outcomes[funcparity.Disagree], outcomes[funcparity.SparkFails],
		outcomes[funcparity.HiveFails], outcomes[funcparity.BothFail], outcomes[funcparity.NotComparable])
	var mapped, kept, dropped int
	for _, a := range settings {
		switch {
		case a.keep:
			kept++
		case len(a.spark) > 0:
			mapped++
		default:
			dropped++
		}
	}
	fmt.Fprintf(&b, "Properties (SP001): %d mapped to Spark, %d kept as Spark reads them, %d dropped with a reason, %d prefixes known to leave results unchanged (info); any other hive./mapred./mapreduce./tez./… property: warning\n",
		mapped, kept, dropped, len(noEffectPrefixes))
	return b.String()
}
