package inventory

import (
	"fmt"
	"strings"
	"testing"
)

// TestCanonicalSame: what Hive ignores must not keep copies apart.
func TestCanonicalSame(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"keyword case and whitespace", "SELECT a FROM t WHERE b = 1;", "select   a\nfrom T\n  where B=1;"},
		{"comments", "-- daily\nSELECT a FROM t; -- end", "/* 日次 */ SELECT a FROM t;"},
		{"optional AS", "SELECT x.a AS c FROM t AS x;", "SELECT x.a c FROM t x;"},
		{"alias names", "SELECT o.id FROM orders o JOIN shops s ON o.sid = s.id;", "SELECT a.id FROM orders a JOIN shops b ON a.sid = b.id;"},
		{"AND order", "SELECT a FROM t WHERE b = 1 AND c = 2 AND d > 3;", "SELECT a FROM t WHERE d > 3 AND (c = 2 AND b = 1);"},
		{"OR order", "SELECT a FROM t WHERE b = 1 OR c = 2;", "SELECT a FROM t WHERE c = 2 OR b = 1;"},
		{"= sides", "SELECT a FROM t JOIN u ON t.id = u.id;", "SELECT a FROM t JOIN u ON u.id = t.id;"},
		{"mirrored comparison", "SELECT a FROM t WHERE b < 3;", "SELECT a FROM t WHERE 3 > b;"},
		{"redundant parentheses", "SELECT a FROM t WHERE (b = 1);", "SELECT a FROM t WHERE ((b = 1));"},
		{"quoted plain names", "SELECT `a` FROM `db`.`t`;", "SELECT a FROM db.t;"},
		{"optional join words", "SELECT a FROM t INNER JOIN u ON t.id = u.id LEFT OUTER JOIN v ON v.id = t.id;", "SELECT a FROM t JOIN u ON t.id = u.id LEFT JOIN v ON v.id = t.id;"},
		{"!= and <>", "SELECT a FROM t WHERE b != 1;", "SELECT a FROM t WHERE b <> 1;"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := shapeSQL(tc.a), shapeSQL(tc.b)
			if !a.parsed || !b.parsed {
				t.Fatalf("did not parse: %v %v", a.parsed, b.parsed)
			}
			if a.canonical != b.canonical {
				t.Errorf("canonical forms differ:\n%s\n%s", a.canonical, b.canonical)
			}
		})
	}
}

// TestCanonicalDifferent: a change of meaning keeps them apart, at every
// level (canonical and parametric), because merging them would be wrong.
func TestCanonicalDifferent(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"operator", "SELECT a FROM t WHERE b > 1;", "SELECT a FROM t WHERE b >= 1;"},
		{"aggregate", "SELECT SUM(a) FROM t;", "SELECT MAX(a) FROM t;"},
		{"join type", "SELECT a FROM t JOIN u ON t.id = u.id;", "SELECT a FROM t LEFT JOIN u ON t.id = u.id;"},
		{"column", "SELECT a FROM t;", "SELECT b FROM t;"},
		{"predicate added", "SELECT a FROM t WHERE b = 1;", "SELECT a FROM t WHERE b = 1 AND c = 2;"},
		{"grouping kept by the tree", "SELECT a FROM t WHERE (b = 1 OR c = 2) AND d = 3;", "SELECT a FROM t WHERE b = 1 OR (c = 2 AND d = 3);"},
		{"IS NULL", "SELECT a FROM t WHERE b IS NULL;", "SELECT a FROM t WHERE b IS NOT NULL;"},
		{"GROUP BY ordinal", "SELECT a, b, COUNT(*) FROM t GROUP BY 1;", "SELECT a, b, COUNT(*) FROM t GROUP BY 2;"},
		{"select alias", "CREATE TABLE x AS SELECT a AS p FROM t;", "CREATE TABLE x AS SELECT a AS q FROM t;"},
		{"non-commutative", "SELECT a - b FROM t;", "SELECT b - a FROM t;"},
		{"variable namespace", "SELECT a FROM t WHERE dt = '${hivevar:dt}';", "SELECT a FROM t WHERE dt = '${hiveconf:dt}';"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := shapeSQL(tc.a), shapeSQL(tc.b)
			if a.canonical == b.canonical {
				t.Errorf("merged as equivalent:\n%s", a.canonical)
			}
			if a.parametric == b.parametric {
				t.Errorf("merged as parametric:\n%s", a.parametric)
			}
		})
	}
}

// TestParametric: literals and table names become parameters.
func TestParametric(t *testing.T) {
	a := shapeSQL("INSERT OVERWRITE TABLE dwh.osaka_pv SELECT page, COUNT(*) FROM lake.osaka_log WHERE svc = 'osaka' AND n > 10 GROUP BY page;")
	b := shapeSQL("insert overwrite table dwh.tokyo_pv select page, count(*) from lake.tokyo_log where n > 20 and svc = 'tokyo' group by page;")
	if a.canonical == b.canonical || a.parametric != b.parametric {
		t.Fatalf("want one family:\n%s\n%s", a.parametric, b.parametric)
	}
	an := []*analysis{{values: a.values}, {values: b.values}}
	got := params([]int{0, 1}, an, func(i int) string { return []string{"a", "b"}[i] })
	if strings.Join(got["a"], ",") != "osaka,10" || strings.Join(got["b"], ",") != "tokyo,20" {
		t.Errorf("params = %v", got)
	}
}

func TestVaryingParts(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string // "" for not a family
	}{
		{[]string{"lake.osaka_orders", "lake.tokyo_orders"}, "osaka,tokyo"},
		{[]string{"dwh.osaka_ec_pv", "dwh.kobe_pv"}, "osaka_ec,kobe"},
		{[]string{"shop_a.orders", "shop_b.orders"}, "a,b"},
		{[]string{"mart.sales", "mart.refunds"}, ""},                      // different tables in one database
		{[]string{"lake.orders", "lake.orders_old"}, ""},                  // nothing varies in one of them
		{[]string{"lake.kobe_orders", "lake.kochi_orders"}, "kobe,kochi"}, // a part is never split
	} {
		mids, ok := varyingParts(tc.names)
		got := ""
		if ok {
			got = strings.Join(mids, ",")
		}
		if got != tc.want {
			t.Errorf("varyingParts(%v) = %q, want %q", tc.names, got, tc.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	a := tokens("SELECT a, SUM(b) FROM t WHERE c > 1 GROUP BY a")
	b := tokens("SELECT a, MAX(b) FROM t WHERE c > 1 GROUP BY a")
	if s := similarity(a, b); s < nearThreshold || s >= 1 {
		t.Errorf("similarity = %.2f", s)
	}
	if s := similarity(a, tokens("DROP TABLE x")); s >= nearThreshold {
		t.Errorf("unrelated similarity = %.2f", s)
	}
}

// TestParametricKeepsSecrets: a family whose members differ in a password
// lists the difference, never the password.
func TestParametricKeepsSecrets(t *testing.T) {
	const q = "CREATE EXTERNAL TABLE db.t_%s (a INT) STORED BY 'x' TBLPROPERTIES ('hive.sql.dbcp.password' = '%s', 'hive.sql.table' = '%s');"
	a := shapeSQL(fmt.Sprintf(q, "osaka", "Its-a-s3cret", "osaka"))
	b := shapeSQL(fmt.Sprintf(q, "tokyo", "other-Secret-2", "tokyo"))
	if a.parametric != b.parametric {
		t.Fatalf("want one family:\n%s\n%s", a.parametric, b.parametric)
	}
	for _, v := range append(a.values, b.values...) {
		if strings.Contains(v.text, "s3cret") || strings.Contains(v.text, "Secret-2") {
			t.Errorf("a secret became a parameter value: %q", v.text)
		}
	}
}
