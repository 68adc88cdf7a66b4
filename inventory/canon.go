package inventory

import (
	"sort"
	"strings"

	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/parser/shell"
)

// sqlShape is what deduplication and lineage need from one SQL text. It is
// computed once per distinct text: copies of a job share it.
type sqlShape struct {
	canonical  string   // the canonical tree, printed: equal means equivalent
	parametric string   // the canonical tree with literals and table names abstracted
	values     []value  // what was abstracted, in tree order
	tokens     []string // the canonical text's tokens, for near matches
	complexity int
	locations  map[string]string // path → the table whose location it is
	parsed     bool              // every statement parsed
}

// value is one abstracted literal or table name.
type value struct {
	table bool
	text  string
}

// CanonicalSQL is src in the canonical form equivalence is decided on
// (identifier case, quoting, optional AS, table-alias names, parentheses,
// operand order; no comments), printed as HiveQL. Copies the inventory
// calls equivalent print the same; parametric copies differ only in their
// literals and table names, so emit aligns these texts when the copies'
// own texts differ in more. ok is false when a statement does not parse.
func CanonicalSQL(src string) (string, bool) {
	sh := shapeSQL(src)
	return sh.canonical, sh.parsed
}

// shapeSQL parses src and computes its shape. The tree is its own, so it
// is changed in place as it is normalised.
func shapeSQL(src string) *sqlShape {
	f, _ := hiveql.Parse([]byte(src), hiveql.Hive)
	sh := &sqlShape{parsed: true, locations: map[string]string{}}
	db := "default"
	for _, st := range f.Statements {
		switch s := st.Stmt.(type) {
		case *hiveql.BadStmt:
			sh.parsed = false
		case *hiveql.UseStmt:
			db = strings.ToLower(s.DB.Name)
		}
		sh.complexity += complexity(st.Stmt)
		tableLocations(st.Stmt, db, sh.locations)
	}
	if !sh.parsed {
		return sh
	}
	var canon, param strings.Builder
	for _, st := range f.Statements {
		canonicalise(st.Stmt)
		hiveql.AppendStmt(&canon, st.Stmt, hiveql.Hive)
		canon.WriteString(";\n")
	}
	// Values of credential properties are parameters like any literal,
	// but their text must never reach a report.
	secret := map[hiveql.Pos]bool{}
	for _, st := range f.Statements {
		for _, sec := range hiveql.Secrets([]byte(src), int(st.Pos()), int(st.End)) {
			secret[sec.From] = true
		}
	}
	for _, st := range f.Statements {
		sh.values = abstract(st.Stmt, sh.values, secret)
		hiveql.AppendStmt(&param, st.Stmt, hiveql.Hive)
		param.WriteString(";\n")
	}
	sh.canonical, sh.parametric = canon.String(), param.String()
	sh.tokens = tokens(sh.canonical)
	return sh
}

// canonicalise rewrites a statement's tree so that texts that differ only
// in what Hive ignores print the same: identifier case, quoting of plain
// names, the optional AS, table-alias names, redundant parentheses, the
// order of AND/OR operands and of the sides of =. Comments, whitespace and
// keyword case are already gone: the printer writes neither.
func canonicalise(s hiveql.Stmt) {
	aliases := map[string]string{}
	alias := func(id *hiveql.Ident) {
		if id == nil {
			return
		}
		name := strings.ToLower(id.Name)
		if _, ok := aliases[name]; !ok {
			aliases[name] = "_a" + itoa(len(aliases)+1)
		}
	}
	// Names first, so that alias references are found whatever their case.
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		switch x := n.(type) {
		case *hiveql.Ident:
			if !strings.Contains(x.Name, "${") {
				x.Name = strings.ToLower(x.Name)
			}
			if x.Quoted && plainName(x.Name) {
				x.Quoted = false
			}
		case *hiveql.TableName:
			alias(x.Alias)
			x.As = x.Alias != nil
		case *hiveql.SubqueryRef:
			alias(x.Alias)
			x.As = x.Alias != nil
		case *hiveql.SelectItem:
			x.As = x.Alias != nil || len(x.Aliases) > 0
		case *hiveql.FuncRef:
			x.As = x.Alias != nil
		case *hiveql.ValuesRef:
			x.As = x.Alias != nil
		case *hiveql.LateralView:
			x.As = len(x.Columns) > 0
		case *hiveql.Join:
			// INNER and OUTER are optional words: INNER JOIN is JOIN,
			// LEFT OUTER JOIN is LEFT JOIN.
			k := strings.ReplaceAll(x.Kind, " OUTER", "")
			x.Kind = strings.TrimPrefix(k, "INNER ")
		}
		return true
	})
	rename := func(id *hiveql.Ident) {
		if a, ok := aliases[id.Name]; ok {
			id.Name = a
		}
	}
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		switch x := n.(type) {
		case *hiveql.TableName:
			if x.Alias != nil {
				rename(x.Alias)
			}
		case *hiveql.SubqueryRef:
			if x.Alias != nil {
				rename(x.Alias)
			}
		case *hiveql.ColumnRef:
			if len(x.Parts) >= 2 {
				rename(x.Parts[0])
			}
		case *hiveql.Star:
			if len(x.Qualifier) == 1 {
				rename(x.Qualifier[0])
			}
		}
		return true
	})
	hiveql.Rewrite(s, func(n hiveql.Node) hiveql.Node {
		switch x := n.(type) {
		case *hiveql.ParenExpr:
			return x.X // the tree holds the grouping; wrap() writes it back
		case *hiveql.BinaryExpr:
			switch x.Op {
			case "AND", "OR", "&&", "||":
				// Hive's || is string concatenation, not OR; && is AND.
				if x.Op == "&&" {
					x.Op = "AND"
				}
				if x.Op == "AND" || x.Op == "OR" {
					return wrap(sortChain(x))
				}
			case "==":
				x.Op = "="
			case "!=":
				x.Op = "<>"
			}
			if mirror, ok := mirrored[x.Op]; ok && exprText(x.R) < exprText(x.L) {
				x.L, x.R, x.Op = x.R, x.L, mirror
			}
			return wrap(x)
		}
		return wrap(n)
	})
}

// mirrored maps a comparison to the one that holds with its sides swapped.
var mirrored = map[string]string{"=": "=", "<>": "<>", "<=>": "<=>", "<": ">", ">": "<", "<=": ">=", ">=": "<="}

// sortChain flattens a chain of one operator (a AND b AND c) and rebuilds
// it with its operands in the order of their text.
func sortChain(x *hiveql.BinaryExpr) hiveql.Expr {
	var operands []hiveql.Expr
	var flatten func(e hiveql.Expr)
	flatten = func(e hiveql.Expr) {
		if b, ok := e.(*hiveql.BinaryExpr); ok && b.Op == x.Op {
			flatten(b.L)
			flatten(b.R)
			return
		}
		if p, ok := e.(*hiveql.ParenExpr); ok {
			if b, ok := p.X.(*hiveql.BinaryExpr); ok && b.Op == x.Op {
				flatten(b)
				return
			}
		}
		operands = append(operands, e)
	}
	flatten(x)
	texts := make([]string, len(operands))
	for i, o := range operands {
		texts[i] = exprText(o)
	}
	idx := make([]int, len(operands))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return texts[idx[a]] < texts[idx[b]] })
	var out hiveql.Expr = operands[idx[0]]
	for _, i := range idx[1:] {
		out = wrap(&hiveql.BinaryExpr{Span: x.Span, Op: x.Op, L: out, R: operands[i]}).(hiveql.Expr)
	}
	return out
}

// wrap puts parentheses around the operator operands of an operator, so
// that the printed text says the tree's grouping whatever the author wrote.
func wrap(n hiveql.Node) hiveql.Node {
	p := func(e hiveql.Expr) hiveql.Expr {
		if operator(e) {
			return &hiveql.ParenExpr{X: e}
		}
		return e
	}
	switch x := n.(type) {
	case *hiveql.BinaryExpr:
		x.L, x.R = p(x.L), p(x.R)
	case *hiveql.UnaryExpr:
		x.X = p(x.X)
	case *hiveql.IsExpr:
		x.X = p(x.X)
	case *hiveql.BetweenExpr:
		x.X, x.Lo, x.Hi = p(x.X), p(x.Lo), p(x.Hi)
	case *hiveql.InExpr:
		x.X = p(x.X)
	case *hiveql.LikeExpr:
		x.X = p(x.X)
		if x.Pattern != nil {
			x.Pattern = p(x.Pattern)
		}
	case *hiveql.DistinctFromExpr:
		x.X, x.Y = p(x.X), p(x.Y)
	case *hiveql.IndexExpr:
		x.X = p(x.X)
	case *hiveql.FieldExpr:
		x.X = p(x.X)
	}
	return n
}

func operator(e hiveql.Expr) bool {
	switch e.(type) {
	case *hiveql.BinaryExpr, *hiveql.UnaryExpr, *hiveql.IsExpr, *hiveql.BetweenExpr, *hiveql.InExpr,
		*hiveql.LikeExpr, *hiveql.DistinctFromExpr, *hiveql.QuantifiedExpr, *hiveql.LambdaExpr:
		return true
	}
	return false
}

func exprText(e hiveql.Expr) string { return hiveql.PrintExpr(e, hiveql.Hive) }

func plainName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// abstract replaces the literals and table names of a canonical tree by
// placeholders and appends what it replaced to vals, in tree order.
// Variables stay: they are parameters already. Ordinals in GROUP BY and
// ORDER BY are column references, not values, and stay too.
func abstract(s hiveql.Stmt, vals []value, secret map[hiveql.Pos]bool) []value {
	tables := map[*hiveql.Name]bool{}
	keep := map[hiveql.Node]bool{}
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		switch x := n.(type) {
		case *hiveql.TableName:
			tables[x.Name] = true
		case *hiveql.InsertTarget:
			tables[x.Table] = true
		case *hiveql.CreateTableStmt:
			tables[x.Name], tables[x.Like] = true, true
		case *hiveql.CreateViewStmt:
			tables[x.Name] = true
		case *hiveql.LoadStmt:
			tables[x.Table] = true
		case *hiveql.AlterTableStmt:
			tables[x.Name] = true
		case *hiveql.DropStmt:
			if x.What == "TABLE" || x.What == "VIEW" {
				tables[x.Name] = true
			}
		case *hiveql.TruncateStmt:
			tables[x.Table] = true
		case *hiveql.MsckStmt:
			tables[x.Table] = true
		case *hiveql.AnalyzeStmt:
			tables[x.Table] = true
		case *hiveql.GroupBy:
			hiveql.Inspect(x, func(m hiveql.Node) bool {
				if l, ok := m.(*hiveql.NumberLit); ok {
					keep[l] = true
				}
				return true
			})
		case *hiveql.OrderItem:
			if l, ok := x.X.(*hiveql.NumberLit); ok {
				keep[l] = true
			}
		}
		return true
	})
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		switch x := n.(type) {
		case *hiveql.Name:
			if tables[x] {
				parts := make([]string, len(x.Parts))
				for i, p := range x.Parts {
					parts[i] = p.Name
				}
				name := strings.Join(parts, ".")
				if strings.Contains(name, "${") {
					return false
				}
				vals = append(vals, value{table: true, text: name})
				x.Parts = []*hiveql.Ident{{Name: "_t"}}
				return false
			}
		case *hiveql.NumberLit:
			if !keep[x] {
				vals = append(vals, value{text: x.Raw})
				x.Raw = "0"
			}
		case *hiveql.StringLit:
			text := strings.Join(x.Parts, " ")
			if !strings.Contains(text, "${") {
				// Unquoted, so that 'osaka' and the table part osaka are
				// seen as one parameter.
				v := x.Value()
				if secret[x.Pos()] {
					v = shell.Redacted
				}
				vals = append(vals, value{text: v})
				x.Parts = []string{"'?'"}
			}
		}
		return true
	})
	return vals
}

// complexity is a rough measure of how much a person must read to review
// a statement's translation: one per statement, plus joins, subqueries,
// set operations, windows and CASE arms.
func complexity(s hiveql.Stmt) int {
	c := 1
	hiveql.Inspect(s, func(n hiveql.Node) bool {
		switch x := n.(type) {
		case *hiveql.Join:
			c += 2
		case *hiveql.SubqueryRef, *hiveql.SubqueryExpr, *hiveql.ExistsExpr, *hiveql.CTE:
			c += 2
		case *hiveql.SetOp:
			c++
		case *hiveql.Window:
			c += 2
		case *hiveql.CaseExpr:
			c += len(x.Whens)
		case *hiveql.LateralView, *hiveql.Transform:
			c += 3
		}
		return true
	})
	return c
}

// tableLocations records the paths DDL gives to tables.
func tableLocations(s hiveql.Stmt, db string, out map[string]string) {
	qualify := func(n *hiveql.Name) string { return n.Qualified(db) }
	switch x := s.(type) {
	case *hiveql.CreateTableStmt:
		if x.Location != nil {
			out[pathKey(x.Location.Value())] = qualify(x.Name)
		}
	case *hiveql.AlterTableStmt:
		switch a := x.Action.(type) {
		case *hiveql.AlterLocation:
			if a.Location != nil {
				out[pathKey(a.Location.Value())] = qualify(x.Name)
			}
		default:
			hiveql.Inspect(x, func(n hiveql.Node) bool {
				if pl, ok := n.(*hiveql.PartitionLocation); ok && pl.Location != nil {
					out[pathKey(pl.Location.Value())] = qualify(x.Name)
				}
				return true
			})
		}
	}
}

// tokens splits a canonical text into words and punctuation.
func tokens(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		word := c == '_' || c == '$' || c == '{' || c == '}' || c == ':' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		if c != ' ' && c != '\n' && c != '\t' {
			out = append(out, s[i:i+1])
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
