package translate

import (
	"fmt"
	"strings"

	"github.com/sparkport/sparkport/translate/funcparity"
)

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
		fmt.Fprintf(&b, "  %-12s %3d functions: %3d same, %2d different (rewritten or warned), %2d renamed (SP054 rewrites or SP042), %3d missing (SP042)\n",
			name, c[funcparity.Same]+c[funcparity.Different]+c[funcparity.Renamed]+c[funcparity.Missing],
			c[funcparity.Same], c[funcparity.Different], c[funcparity.Renamed], c[funcparity.Missing])
	}
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
