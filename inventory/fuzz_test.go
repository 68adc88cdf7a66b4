package inventory

import "testing"

// FuzzShapeSQL: the canonical form of any text is computed without a
// panic, the same way twice (it must not depend on map order), and a text
// is always equivalent to itself re-printed.
//
//	go test ./inventory -fuzz FuzzShapeSQL -fuzztime 60s
func FuzzShapeSQL(f *testing.F) {
	for _, s := range []string{
		"SELECT a FROM t WHERE b = 1 AND (c = 2 OR d = 3);",
		"INSERT OVERWRITE TABLE x PARTITION (dt='${hivevar:dt}') SELECT o.a, SUM(o.b) FROM y o JOIN z s ON o.id = s.id GROUP BY o.a;",
		"WITH c AS (SELECT 1 AS n) SELECT n FROM c UNION ALL SELECT 2;",
		"CREATE EXTERNAL TABLE t (a INT) LOCATION '/data/t'; ALTER TABLE t SET LOCATION 'hdfs://nn/x';",
		"SELECT a FROM t LATERAL VIEW explode(b) v AS c WHERE NOT (a > 1) GROUP BY 1 ORDER BY 2;",
		"SELECT",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		a, b := shapeSQL(src), shapeSQL(src)
		if a.canonical != b.canonical || a.parametric != b.parametric || len(a.values) != len(b.values) {
			t.Fatalf("two shapes of one text differ:\n%s\n%s", a.canonical, b.canonical)
		}
	})
}
