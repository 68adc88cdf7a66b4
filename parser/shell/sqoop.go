package shell

import (
	"sort"
	"strings"

	"github.com/xwb1989/sqlparser"
)

// sourceTables lists the tables a sqoop --query reads, parsed as MySQL
// (the source databases are MySQL). Sqoop requires the literal
// $CONDITIONS in the WHERE clause and replaces it with split predicates;
// it is substituted with a true condition before parsing. The query may
// still hold unresolved ${VARS}; they are replaced by a placeholder
// literal, since only table names matter here.
func sourceTables(query string) ([]string, error) {
	q := strings.ReplaceAll(query, "$CONDITIONS", "1=1")
	q = strings.ReplaceAll(q, "\\$CONDITIONS", "1=1")
	for {
		i := strings.Index(q, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(q[i:], '}')
		if j < 0 {
			break
		}
		q = q[:i] + "0" + q[i+j+1:]
	}
	stmt, err := sqlparser.Parse(q)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	err = sqlparser.Walk(func(n sqlparser.SQLNode) (bool, error) {
		// Only FROM items: column qualifiers (o.id) are TableNames too.
		ate, ok := n.(*sqlparser.AliasedTableExpr)
		if !ok {
			return true, nil
		}
		if t, ok := ate.Expr.(sqlparser.TableName); ok && !t.IsEmpty() {
			name := strings.ToLower(t.Name.String())
			if !t.Qualifier.IsEmpty() {
				name = strings.ToLower(t.Qualifier.String()) + "." + name
			}
			seen[name] = true
		}
		return true, nil
	}, stmt)
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, err
}
