package translate

import (
	"math"
	"strconv"
	"strings"

	"github.com/sparkport/sparkport/parser/hiveql"
)

// Hazards: places where the same text means something else in Spark. Each
// is a warning at the place, unless a rewrite can make Spark do what Hive
// did, in which case the rewrite is made and said.

var ruleDynamicOverwrite = &Rule{
	ID: "SP100", Name: "dynamic-partition-overwrite", Kind: HazardRule,
	Doc:  "INSERT OVERWRITE with dynamic partitions replaces only the partitions it writes in Hive; Spark's default (spark.sql.sources.partitionOverwriteMode=static) deletes every matching partition of a data-source table first, so the script sets dynamic mode before the first such insert.",
	Ref:  "Spark SQL configuration, spark.sql.sources.partitionOverwriteMode",
	Stmt: dynamicOverwrite,
}

// insertTargets lists the tables and directories an INSERT writes.
func insertTargets(s hiveql.Stmt) []*hiveql.InsertTarget {
	switch s := s.(type) {
	case *hiveql.InsertStmt:
		return []*hiveql.InsertTarget{s.Target}
	case *hiveql.MultiInsertStmt:
		var ts []*hiveql.InsertTarget
		for _, b := range s.Bodies {
			ts = append(ts, b.Target)
		}
		return ts
	}
	return nil
}

func dynamicOverwrite(p *pass) {
	for _, t := range insertTargets(p.stmt) {
		if t == nil || !t.Overwrite || t.Table == nil {
			continue
		}
		dynamic := false
		for _, pv := range t.Partition {
			if pv.Value == nil {
				dynamic = true
			}
		}
		if !dynamic || p.tr.dynOverwriteSet {
			continue
		}
		p.tr.dynOverwriteSet = true
		p.before = append(p.before, &hiveql.CLIStmt{Span: hiveql.Span{At: t.At}, Command: "SET", Text: "spark.sql.sources.partitionOverwriteMode=dynamic"})
		p.report(t.At, Warning, "dynamic-partition INSERT OVERWRITE: SET spark.sql.sources.partitionOverwriteMode=dynamic added, so that only the partitions written are replaced, as in Hive")
		if p.outcome == Kept {
			p.outcome = Rewritten
		}
	}
}

var ruleDynamicMode = &Rule{
	ID: "SP126", Name: "dynamic-partition-mode", Kind: HazardRule,
	Doc:  "An INSERT whose PARTITION clause names no value (every partition column dynamic), in a script that never sets hive.exec.dynamic.partition.mode: the legacy job ran, so Hive was in non-strict mode (Hive 4's default, or the cluster's hive-site.xml); Spark's Hive tables default to strict and refuse the statement. The script sets hive.exec.dynamic.partition.mode=nonstrict before it. Found by running Hive's own tests with sparkport verify.",
	Ref:  "HiveConf hive.exec.dynamic.partition.mode; Spark InsertIntoHiveTable (strict-mode check)",
	Stmt: dynamicMode,
}

func dynamicMode(p *pass) {
	if c, ok := p.stmt.(*hiveql.CLIStmt); ok && c.Command == "SET" {
		k, _, _ := strings.Cut(c.Text, "=")
		if strings.EqualFold(strings.TrimSpace(k), "hive.exec.dynamic.partition.mode") {
			p.tr.dynModeSet = true
		}
		return
	}
	if p.tr.dynModeSet {
		return
	}
	for _, t := range insertTargets(p.stmt) {
		if t == nil || t.Table == nil || len(t.Partition) == 0 {
			continue
		}
		static := false
		for _, pv := range t.Partition {
			if pv.Value != nil {
				static = true
			}
		}
		if static {
			continue
		}
		p.tr.dynModeSet = true
		p.before = append(p.before, &hiveql.CLIStmt{Span: hiveql.Span{At: t.At}, Command: "SET", Text: "hive.exec.dynamic.partition.mode=nonstrict"})
		p.report(t.At, Info, "every partition column is dynamic and the script never sets hive.exec.dynamic.partition.mode: the legacy job ran non-strict, Spark's Hive tables default to strict; SET hive.exec.dynamic.partition.mode=nonstrict added")
		if p.outcome == Kept {
			p.outcome = Rewritten
		}
		return
	}
}

var ruleSelfOverwrite = &Rule{
	ID: "SP101", Name: "self-overwrite", Kind: HazardRule,
	Doc: "INSERT OVERWRITE of a table the same statement reads: Hive stages the result first; Spark refuses it for data-source tables (\"Cannot overwrite a path that is also being read from\"); for Hive-format tables Spark 3.5 stages the result too (checked on Hive TEXTFILE and Parquet tables), so the table must stay Hive-format, or the job writes a staging table and swaps.",
	Ref: "Spark SQL: InsertIntoHadoopFsRelationCommand / DataSourceAnalysis, 'Cannot overwrite a path that is also being read from'",
	After: func(p *pass) {
		targets := insertTargets(p.stmt)
		if len(targets) == 0 {
			return
		}
		acc := hiveql.StmtAccess(p.stmt, p.tr.db)
		for _, t := range targets {
			if t == nil || !t.Overwrite || t.Table == nil {
				continue
			}
			key := p.tableKey(t.Table)
			for _, in := range acc.Inputs {
				if in == key {
					p.report(t.At, Warning, "INSERT OVERWRITE of %s, which the same statement reads: Spark refuses this for data-source (USING parquet/orc) tables and, for Hive-format tables, relies on writing to a staging folder first; keep the table Hive-format, or write to a staging table and swap", key)
					break
				}
			}
		}
	},
}

var ruleGroupByOrdinal = &Rule{
	ID: "SP102", Name: "group-by-ordinal", Kind: HazardRule,
	Doc:  "GROUP BY 1: Hive groups by the constant (hive.groupby.position.alias is false by default), Spark by the first select column (spark.sql.groupByOrdinal is true).",
	Ref:  "Hive configuration hive.groupby.position.alias; Spark SQL configuration spark.sql.groupByOrdinal",
	On:   on(&hiveql.Select{}),
	Node: groupByOrdinal,
}

func isIntLit(e hiveql.Expr) bool {
	n, ok := e.(*hiveql.NumberLit)
	if !ok {
		return false
	}
	_, err := strconv.Atoi(n.Raw)
	return err == nil
}

func groupByOrdinal(p *pass, n hiveql.Node) hiveql.Node {
	s, ok := n.(*hiveql.Select)
	if !ok || s.GroupBy == nil || p.tr.groupByPosition {
		return n
	}
	for _, e := range s.GroupBy.Items {
		if isIntLit(e) {
			p.report(e.Pos(), Warning, "GROUP BY %s: Hive grouped by the constant %[1]s, Spark groups by select column %[1]s", e.(*hiveql.NumberLit).Raw)
		}
	}
	return n
}

var ruleOrderByOrdinal = &Rule{
	ID: "SP103", Name: "order-by-ordinal", Kind: HazardRule,
	Doc:  "ORDER BY 1 before Hive 2.2 sorts by the constant (hive.groupby.orderby.position.alias false); Spark sorts by the first select column. Reported when the config's hive_version is below 2.2.",
	Ref:  "Hive configuration hive.orderby.position.alias (2.2.0, HIVE-15797); Spark SQL configuration spark.sql.orderByOrdinal",
	On:   on(&hiveql.Query{}, &hiveql.InsertBody{}),
	Node: orderByOrdinal,
}

func orderByOrdinal(p *pass, n hiveql.Node) hiveql.Node {
	if p.tr.orderByPosition || versionAtLeast(p.tr.cfg.HiveVersion, 2, 2) {
		return n
	}
	var items []*hiveql.OrderItem
	switch x := n.(type) {
	case *hiveql.Query:
		items = append(append(items, x.OrderBy...), x.SortBy...)
	case *hiveql.InsertBody:
		items = append(append(items, x.OrderBy...), x.SortBy...)
	}
	for _, it := range items {
		if isIntLit(it.X) {
			p.report(it.At, Warning, "ORDER BY %s: Hive %s sorted by the constant, Spark sorts by select column %[1]s", it.X.(*hiveql.NumberLit).Raw, p.tr.cfg.HiveVersion)
		}
	}
	return n
}

var ruleHash = &Rule{
	ID: "SP104", Name: "hash-function", Kind: HazardRule,
	Doc:  "hash() is Java's hashCode in Hive and Murmur3 in Spark: sampling, bucketing or keys built with it select other rows.",
	Ref:  "Spark SQL functions: hash (Murmur3); Hive GenericUDFHash (ObjectInspectorUtils.hashCode)",
	On:   on(&hiveql.FuncCall{}),
	Node: funcHazard("hash", "hash() returns Murmur3 in Spark, Java hashCode in Hive: values (and rows selected by them) differ"),
}

// funcHazard reports every call of the named function.
func funcHazard(name, msg string) func(p *pass, n hiveql.Node) hiveql.Node {
	return func(p *pass, n hiveql.Node) hiveql.Node {
		if f, ok := n.(*hiveql.FuncCall); ok && len(f.Name.Parts) == 1 && strings.EqualFold(f.Name.Parts[0].Name, name) {
			p.report(f.At, Warning, "%s", msg)
		}
		return n
	}
}

var ruleBucketed = &Rule{
	ID: "SP105", Name: "bucketed-table", Kind: HazardRule,
	Doc: "CLUSTERED BY … INTO n BUCKETS: Spark does not write Hive-compatible bucket files (inserts fail while hive.enforce.bucketing is true), so bucket map joins and bucket sampling on the table change.",
	Ref: "Spark SQL migration guide / InsertIntoHiveTable: 'Output Hive table is bucketed but Spark currently does NOT populate bucketed output which is compatible with Hive'",
	Stmt: func(p *pass) {
		if s, ok := p.stmt.(*hiveql.CreateTableStmt); ok && s.ClusteredBy != nil {
			p.report(s.ClusteredBy.At, Warning, "bucketed table: Spark writes it without Hive's bucket layout; inserts fail unless hive.enforce.bucketing=false")
		}
	},
}

var ruleDatetimePattern = &Rule{
	ID: "SP106", Name: "datetime-pattern", Kind: HazardRule,
	Doc:  "Date/time patterns: Spark 3 rejects week-based letters (Y, w, W, u, e, c) and A, n, N, p that Hive's SimpleDateFormat accepted, and parses stricter (spark.sql.legacy.timeParserPolicy).",
	Ref:  "Spark SQL reference, Datetime Patterns; Spark 3.0 migration guide (DateTimeFormatter)",
	On:   on(&hiveql.FuncCall{}),
	Node: datetimePattern,
}

// patternArg gives, for each function that takes a datetime pattern, the
// index of that argument and whether the function parses (rather than
// formats).
var patternArg = map[string]struct {
	i     int
	parse bool
}{
	"date_format": {1, false}, "from_unixtime": {1, false},
	"unix_timestamp": {1, true}, "to_unix_timestamp": {1, true}, "to_date": {1, true}, "to_timestamp": {1, true},
}

func datetimePattern(p *pass, n hiveql.Node) hiveql.Node {
	f, ok := n.(*hiveql.FuncCall)
	if !ok || len(f.Name.Parts) != 1 {
		return n
	}
	pa, ok := patternArg[strings.ToLower(f.Name.Parts[0].Name)]
	if !ok || len(f.Args) <= pa.i {
		return n
	}
	lit, ok := f.Args[pa.i].(*hiveql.StringLit)
	if !ok {
		return n
	}
	pat := lit.Value()
	inQuote := false
	seen := map[rune]bool{}
	for _, c := range pat {
		if c == '\'' {
			inQuote = !inQuote
			continue
		}
		if inQuote || seen[c] {
			continue
		}
		seen[c] = true
		switch c {
		case 'Y', 'w', 'W', 'u', 'e', 'c':
			p.report(lit.At, Warning, "pattern %q: Spark 3 rejects the week-based letter %q that Hive accepted (use y for the year, dayofweek() or E for the day of week)", pat, c)
		case 'A', 'n', 'N', 'p':
			p.report(lit.At, Warning, "pattern %q: Spark 3 does not support the letter %q", pat, c)
		}
	}
	if pa.parse && !isLiteral(f.Args[0]) {
		p.report(lit.At, Info, "%s parses with pattern %q: Spark 3 parses strictly, and input Hive's lenient parser accepted fails (spark.sql.legacy.timeParserPolicy=LEGACY restores Hive's parser)", f.Name.Parts[0].Name, pat)
	}
	return n
}

func isLiteral(e hiveql.Expr) bool {
	switch e.(type) {
	case *hiveql.StringLit, *hiveql.NumberLit, *hiveql.TypedLit, *hiveql.NullLit, *hiveql.BoolLit:
		return true
	}
	return false
}

var ruleStringNumberCompare = &Rule{
	ID: "SP107", Name: "string-number-compare", Kind: HazardRule,
	Doc:  "Comparing a string with a number: Hive converts both sides to DOUBLE, Spark casts the string to the number's type ('1.5' = 1 is false in Hive, true in Spark). Column types come from CREATE TABLE in the script or the inventory.",
	Ref:  "Spark SQL reference, ANSI compliance / type coercion (PromoteStrings); Hive LanguageManual Types, implicit conversions",
	On:   on(&hiveql.BinaryExpr{}),
	Node: stringNumberCompare,
}

func stringNumberCompare(p *pass, n hiveql.Node) hiveql.Node {
	b, ok := n.(*hiveql.BinaryExpr)
	if !ok {
		return n
	}
	switch b.Op {
	case "=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>":
	default:
		return n
	}
	// Column types are looked up only against a literal: that is where the
	// coercion is certain, and it keeps the lookup off most comparisons.
	_, lLit := b.L.(*hiveql.ColumnRef)
	_, rLit := b.R.(*hiveql.ColumnRef)
	if lLit == rLit && !(isLiteral(b.L) && isLiteral(b.R)) {
		return n
	}
	if lLit && !isLiteral(b.R) || rLit && !isLiteral(b.L) {
		return n
	}
	lk, rk := p.kindOf(b.L), p.kindOf(b.R)
	if lk == kindString && rk == kindNumber || lk == kindNumber && rk == kindString {
		// A string literal that is a plain integer compared with an integer
		// means the same on both sides.
		if intText(b.L) && intText(b.R) {
			return n
		}
		p.report(b.At, Warning, "string compared with a number: Hive compares both as DOUBLE, Spark casts the string to the number's type")
	}
	return n
}

type valueKind uint8

const (
	kindUnknown valueKind = iota
	kindString
	kindNumber
)

func (p *pass) kindOf(e hiveql.Expr) valueKind {
	switch x := e.(type) {
	case *hiveql.StringLit:
		return kindString
	case *hiveql.NumberLit:
		return kindNumber
	case *hiveql.ColumnRef:
		t := p.columnType(x)
		switch t {
		case "STRING", "VARCHAR", "CHAR":
			return kindString
		case "TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL", "NUMERIC":
			return kindNumber
		}
	}
	return kindUnknown
}

// intText reports whether e is an integer literal, or a string literal or
// column whose comparison with an integer cannot differ (a column of a
// numeric type compared with an integer-looking string).
func intText(e hiveql.Expr) bool {
	switch x := e.(type) {
	case *hiveql.StringLit:
		_, err := strconv.Atoi(x.Value())
		return err == nil
	case *hiveql.NumberLit:
		_, err := strconv.Atoi(x.Raw)
		return err == nil
	}
	return false
}

// columnType finds a column's type from the tables the statement reads,
// as far as the script's DDL and the inventory know them.
func (p *pass) columnType(c *hiveql.ColumnRef) string {
	if len(p.tr.schema) == 0 {
		return ""
	}
	if p.scope == nil {
		p.scope = map[string]string{}
		hiveql.Inspect(p.stmt, func(n hiveql.Node) bool {
			if t, ok := n.(*hiveql.TableName); ok {
				key := p.tableKey(t.Name)
				p.scope[key] = key
				last := strings.ToLower(t.Name.Parts[len(t.Name.Parts)-1].Name)
				p.scope[last] = key
				if t.Alias != nil {
					p.scope[strings.ToLower(t.Alias.Name)] = key
				}
			}
			return true
		})
	}
	col := strings.ToLower(c.Parts[len(c.Parts)-1].Name)
	if len(c.Parts) >= 2 {
		q := strings.ToLower(c.Parts[len(c.Parts)-2].Name)
		if t, ok := p.scope[q]; ok {
			return p.tr.schema[t][col]
		}
		return ""
	}
	found := ""
	for alias, t := range p.scope {
		if alias != t {
			continue
		}
		if typ, ok := p.tr.schema[t][col]; ok {
			if found != "" && found != typ {
				return ""
			}
			found = typ
		}
	}
	return found
}

var ruleDefaultStorage = &Rule{
	ID: "SP108", Name: "default-storage", Kind: HazardRule,
	Doc:  "CREATE TABLE without a storage clause: Hive makes a TEXTFILE table (hive.default.fileformat); Spark 3.5 does the same, Spark 4 makes a Parquet data-source table. STORED AS is written out for Spark 4, or from the config's default_storage.",
	Ref:  "Spark SQL configuration spark.sql.legacy.createHiveTableByDefault (true in 3.x, false in 4.0)",
	Stmt: defaultStorage,
}

func defaultStorage(p *pass) {
	s, ok := p.stmt.(*hiveql.CreateTableStmt)
	if !ok || s.Storage != nil || s.Using != nil || s.Like != nil || s.Temporary {
		return
	}
	format := strings.ToUpper(p.tr.cfg.DefaultStorage)
	if format != "" && format != "TEXTFILE" && format != "SEQUENCEFILE" && s.RowFormat != nil && s.RowFormat.DelimitedClause {
		format = "TEXTFILE" // ROW FORMAT DELIMITED describes a text layout
	}
	switch {
	case format != "":
	case p.tr.cfg.spark4():
		format = "TEXTFILE"
	default:
		p.report(s.At, Info, "no storage clause: Spark 3.5 creates a Hive TEXTFILE table as Hive did (Spark 4 would create Parquet; set default_storage to choose)")
		return
	}
	s.Storage = &hiveql.Storage{Span: hiveql.Span{At: s.At}, Format: &hiveql.Ident{Span: hiveql.Span{At: s.At}, Name: format}}
	p.rewrote(s.At, "STORED AS %s written out: the table's format no longer depends on the engine's default", format)
}

// shellSpecial are the characters of a TRANSFORM command that bash reads
// and Hive's own splitting (on spaces, honouring quotes) does not. Found by
// running Hive's insert_into3.q on both engines: USING 'tr \t _' (a tab)
// ran in Hive and failed in Spark with "tr: missing operand".
const shellSpecial = "\t\n$`\\|;&<>*?~(){}!#"

var ruleTransformScript = &Rule{
	ID: "SP109", Name: "transform-script", Kind: HazardRule,
	Doc: "SELECT TRANSFORM … USING 'script' runs a script on every node: it must be shipped (ADD FILE s3://…) and its interpreter installed on the EMR nodes. Spark runs the command through /bin/bash -c where Hive splits it on spaces and runs it without a shell: a command holding a tab, $, |, ;, &, <, >, * or ? is warned about.",
	Ref: "Spark SQL reference, TRANSFORM (Hive support)",
	On:  on(&hiveql.Select{}),
	Node: func(p *pass, n hiveql.Node) hiveql.Node {
		if s, ok := n.(*hiveql.Select); ok && s.Transform != nil && s.Transform.Using != nil {
			cmd := s.Transform.Using.Value()
			p.report(s.Transform.At, Warning, "TRANSFORM runs %q on the cluster nodes: ship it with ADD FILE and install its interpreter on EMR", cmd)
			if i := strings.IndexAny(cmd, shellSpecial); i >= 0 {
				p.report(s.Transform.At, Warning, "Spark runs the TRANSFORM command through /bin/bash -c, Hive splits it on spaces and runs it without a shell: %q holds %q, which bash reads otherwise (a tab splits words, $ expands, | ; & < > redirect, * ? glob); write the command so that both read it alike, or wrap it in a script", cmd, cmd[i:i+1])
			}
		}
		return n
	},
}

var ruleDecimal = &Rule{
	ID: "SP110", Name: "decimal-arithmetic", Kind: HazardRule,
	Doc:  "Multiplying or dividing wide decimals (precision ≥ 20): Spark caps the result at DECIMAL(38) and cuts the scale to 6 (spark.sql.decimalOperations.allowPrecisionLoss), returning NULL on overflow, where Hive's result type differs.",
	Ref:  "Spark SQL migration guide (decimal operations); Hive LanguageManual Types, Decimals",
	On:   on(&hiveql.BinaryExpr{}),
	Node: decimalArith,
}

func decimalArith(p *pass, n hiveql.Node) hiveql.Node {
	b, ok := n.(*hiveql.BinaryExpr)
	if !ok || (b.Op != "*" && b.Op != "/") {
		return n
	}
	if p.wideDecimal(b.L) || p.wideDecimal(b.R) {
		p.report(b.At, Warning, "wide DECIMAL %s: Spark may round the scale down to 6 digits or return NULL on overflow", map[string]string{"*": "multiplication", "/": "division"}[b.Op])
	}
	return n
}

func (p *pass) wideDecimal(e hiveql.Expr) bool {
	var t *hiveql.DataType
	switch x := e.(type) {
	case *hiveql.CastExpr:
		t = x.Type
	case *hiveql.ParenExpr:
		return p.wideDecimal(x.X)
	case *hiveql.ColumnRef:
		typ := p.columnType(x)
		return strings.HasPrefix(typ, "DECIMAL(") && decimalPrecision(typ[len("DECIMAL("):]) >= 20
	}
	if t == nil || t.Name != "DECIMAL" && t.Name != "NUMERIC" || len(t.Params) == 0 {
		return false
	}
	return decimalPrecision(t.Params[0]) >= 20
}

func decimalPrecision(s string) int {
	s, _, _ = strings.Cut(s, ",")
	n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(s, ")")))
	return n
}

var ruleANSI = &Rule{
	ID: "SP111", Name: "ansi-mode", Kind: HazardRule,
	Doc:  "Spark 4 runs in ANSI mode: casts of bad strings, overflow and division by zero raise errors where Hive returned NULL. By default a Spark 4 script starts with SET spark.sql.ansi.enabled=false; with ansi: true in the config, the casts and divisions are reported instead.",
	Ref:  "Spark SQL reference, ANSI Compliance; Spark 4.0 migration guide (spark.sql.ansi.enabled defaults to true)",
	On:   on(&hiveql.CastExpr{}, &hiveql.BinaryExpr{}),
	Node: ansiHazard,
}

func ansiHazard(p *pass, n hiveql.Node) hiveql.Node {
	if !p.tr.cfg.spark4() || !p.tr.cfg.ANSI {
		return n
	}
	switch x := n.(type) {
	case *hiveql.CastExpr:
		if x.Func == "CAST" && !isLiteral(x.X) {
			switch x.Type.Name {
			case "TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT", "DECIMAL", "NUMERIC", "DATE", "TIMESTAMP", "FLOAT", "DOUBLE", "BOOLEAN":
				p.report(x.At, Warning, "under ANSI mode CAST(… AS %s) raises an error on bad input where Hive returned NULL (try_cast keeps NULL)", x.Type.Name)
			}
		}
	case *hiveql.BinaryExpr:
		if (x.Op == "/" || x.Op == "%" || x.Op == "DIV") && !isLiteral(x.R) {
			p.report(x.At, Warning, "under ANSI mode division by zero raises an error where Hive returned NULL (try_divide keeps NULL)")
		}
	}
	return n
}

var ruleTimeZone = &Rule{
	ID: "SP112", Name: "session-timezone", Kind: HazardRule,
	Doc:  "Hive's date functions used the servers' JVM time zone; EMR runs in UTC. With timezone in the config every script sets spark.sql.session.timeZone; without it, scripts using time-zone dependent functions are reported once.",
	Ref:  "Spark SQL configuration spark.sql.session.timeZone",
	On:   on(&hiveql.FuncCall{}),
	Node: timeZone,
}

var zoneFunctions = map[string]bool{
	"from_unixtime": true, "unix_timestamp": true, "to_unix_timestamp": true, "current_timestamp": true,
	"current_date": true, "now": true,
}

func timeZone(p *pass, n hiveql.Node) hiveql.Node {
	if p.tr.cfg.TimeZone != "" || p.tr.zoneReported {
		return n
	}
	f, ok := n.(*hiveql.FuncCall)
	if !ok || len(f.Name.Parts) != 1 || !zoneFunctions[strings.ToLower(f.Name.Parts[0].Name)] {
		return n
	}
	p.tr.zoneReported = true
	p.report(f.At, Warning, "%s depends on the session time zone: Hive used the server's, EMR uses UTC; set timezone in the config", f.Name.Parts[0].Name)
	return n
}

var ruleAddMonths = &Rule{
	ID: "SP113", Name: "add-months", Kind: HazardRule,
	Doc:  "add_months from the last day of a month: Hive returns the last day of the target month (2017-02-28 + 1 = 2017-03-31), Spark 3 keeps the day (2017-03-28).",
	Ref:  "Spark 3.0 migration guide: add_months no longer adjusts to the last day of the month",
	On:   on(&hiveql.FuncCall{}),
	Node: funcHazard("add_months", "add_months: from the last day of a month Hive returns the last day of the target month, Spark keeps the day number"),
}

var ruleMapDupKeys = &Rule{
	ID: "SP114", Name: "map-duplicate-keys", Kind: HazardRule,
	Doc:  "str_to_map, map_from_arrays and map(…) with computed keys: Spark 3 raises an error on a duplicate key (spark.sql.mapKeyDedupPolicy=EXCEPTION) where Hive kept the last value.",
	Ref:  "Spark 3.0 migration guide; Spark SQL configuration spark.sql.mapKeyDedupPolicy",
	On:   on(&hiveql.FuncCall{}),
	Node: mapDupKeys,
}

func mapDupKeys(p *pass, n hiveql.Node) hiveql.Node {
	f, ok := n.(*hiveql.FuncCall)
	if !ok || len(f.Name.Parts) != 1 {
		return n
	}
	switch strings.ToLower(f.Name.Parts[0].Name) {
	case "str_to_map", "map_from_arrays":
	case "map":
		literal := true
		for i := 0; i < len(f.Args); i += 2 {
			literal = literal && isLiteral(f.Args[i])
		}
		if literal {
			return n
		}
	default:
		return n
	}
	p.report(f.At, Warning, "%s: a duplicate key raises an error in Spark where Hive kept the last value (spark.sql.mapKeyDedupPolicy=LAST_WIN restores Hive's way)", f.Name.Parts[0].Name)
	return n
}

var ruleGroupingID = &Rule{
	ID: "SP115", Name: "grouping-id", Kind: HazardRule,
	Doc:  "GROUPING__ID before Hive 2.3 numbered its bits the other way round; Spark follows the SQL standard as Hive 2.3+ does. Reported when hive_version is below 2.3.",
	Ref:  "HIVE-16102 (Hive 2.3); Spark SQL functions grouping_id",
	On:   on(&hiveql.ColumnRef{}),
	Node: groupingID,
}

func groupingID(p *pass, n hiveql.Node) hiveql.Node {
	if versionAtLeast(p.tr.cfg.HiveVersion, 2, 3) {
		return n
	}
	if c, ok := n.(*hiveql.ColumnRef); ok && len(c.Parts) == 1 && strings.EqualFold(c.Parts[0].Name, "GROUPING__ID") {
		p.report(c.At, Warning, "GROUPING__ID: Hive %s sets the bits in the opposite order to Spark", p.tr.cfg.HiveVersion)
	}
	return n
}

var ruleSerde = &Rule{
	ID: "SP116", Name: "serde-classpath", Kind: HazardRule,
	Doc:  "A SerDe or input/output format outside Hive's built-in ones must be on the Spark classpath on EMR (add its jar), or reading the table fails.",
	Ref:  "Spark SQL reference, Hive format (ROW FORMAT SERDE)",
	Stmt: serdeClasspath,
}

var builtinClassPrefixes = []string{
	"org.apache.hadoop.hive.serde2.", "org.apache.hadoop.hive.ql.io.", "org.apache.hadoop.mapred.",
	"org.apache.hadoop.mapreduce.", "org.apache.hadoop.hive.serde.",
}

func serdeClasspath(p *pass) {
	var lits []*hiveql.StringLit
	switch s := p.stmt.(type) {
	case *hiveql.CreateTableStmt:
		if s.RowFormat != nil {
			lits = append(lits, s.RowFormat.Serde)
		}
		if s.Storage != nil && s.Storage.By == nil {
			lits = append(lits, s.Storage.InputFormat, s.Storage.OutputFormat)
		}
	case *hiveql.AlterTableStmt:
		if a, ok := s.Action.(*hiveql.AlterSerde); ok {
			lits = append(lits, a.Serde)
		}
	}
	for _, l := range lits {
		if l == nil {
			continue
		}
		cls := l.Value()
		if hasAnyPrefix(cls, builtinClassPrefixes) || !strings.Contains(cls, ".") {
			continue
		}
		p.report(l.At, Warning, "class %s must be on the Spark classpath on EMR: add its jar", cls)
	}
}

var ruleSplitEmpty = &Rule{
	ID: "SP117", Name: "split-empty-pattern", Kind: HazardRule,
	Doc:  "split(s, '') with an empty pattern: Hive (Java's String.split(regex, -1)) returns one element more than Spark, a trailing empty string, so posexplode(split(space(n), '')) date ranges lose their last day in Spark. Rewritten to add it back: IF(s = '', split(s, ''), concat(split(s, ''), array(''))).",
	Ref:  "Hive GenericUDFSplit (String.split(regex, -1)); Spark StringSplit with an empty regex",
	On:   on(&hiveql.FuncCall{}),
	Node: splitEmpty,
}

func splitEmpty(p *pass, n hiveql.Node) hiveql.Node {
	f, ok := n.(*hiveql.FuncCall)
	if !ok || len(f.Name.Parts) != 1 || !strings.EqualFold(f.Name.Parts[0].Name, "split") || len(f.Args) != 2 || f.Over != nil {
		return n
	}
	pat, ok := f.Args[1].(*hiveql.StringLit)
	if !ok || pat.Value() != "" {
		return n
	}
	x := f.Args[0]
	call := func(name string, args ...hiveql.Expr) *hiveql.FuncCall { return newCall(f.Span, name, args...) }
	split := func() hiveql.Expr { return call(f.Name.Parts[0].Name, x, strLit(f.At, "")) }
	p.rewrote(f.At, "split(…, '') returns a trailing empty string in Hive and not in Spark: it is added back")
	return call("IF",
		&hiveql.BinaryExpr{Span: f.Span, Op: "=", L: x, R: strLit(f.At, "")},
		split(),
		call("concat", split(), call("array", strLit(f.At, ""))))
}

var ruleShellVarLiteral = &Rule{
	ID: "SP118", Name: "shell-variable-in-sql", Kind: HazardRule,
	Doc:  "A string literal holding $name (a shell variable's spelling, not Hive's ${name}): nothing substitutes it in a .hql file run with -f, so the job reads or writes the literal text $name — often a partition named dt=$do_date. Copied SQL from a shell script usually; the job must pass the value as ${hivevar:name}.",
	Ref:  "Hive variable substitution: only ${…} is substituted",
	On:   on(&hiveql.StringLit{}),
	Node: shellVarLiteral,
}

func shellVarLiteral(p *pass, n hiveql.Node) hiveql.Node {
	lit, ok := n.(*hiveql.StringLit)
	if !ok {
		return n
	}
	v := lit.Value()
	for i := 0; i+1 < len(v); i++ {
		if v[i] != '$' || i > 0 && v[i-1] == '\\' {
			continue
		}
		c := v[i+1]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			j := i + 1
			for j < len(v) && (v[j] == '_' || v[j] >= 'a' && v[j] <= 'z' || v[j] >= 'A' && v[j] <= 'Z' || v[j] >= '0' && v[j] <= '9') {
				j++
			}
			p.report(lit.At, Warning, "the literal %s holds %s, a shell variable's spelling that nothing substitutes here: the job would use the text itself; pass the value as ${hivevar:%s}", lit.Parts[0], v[i:j], v[i+1:j])
			return n
		}
	}
	return n
}

var rulePopulationAggregate = &Rule{
	ID: "SP119", Name: "population-aggregate", Kind: HazardRule,
	Doc:  "std, stddev and variance: in Hive they are the population statistics (stddev_pop, var_pop); in Spark the sample ones (stddev_samp, var_samp), which give another number on every group. Rewritten to stddev_pop and var_pop.",
	Ref:  "Hive FunctionRegistry (std, stddev → GenericUDAFStd; variance → GenericUDAFVariance); Spark 3.5 std = stddev = stddev_samp, variance = var_samp (run: docs/functions.md)",
	On:   on(&hiveql.FuncCall{}),
	Node: populationAggregate,
}

func populationAggregate(p *pass, n hiveql.Node) hiveql.Node {
	f, row, ok := p.builtinCall(n, "SP119")
	if !ok {
		return n
	}
	p.rewrote(f.At, "%s: %s, so it is written %s", f.Name.Parts[0].Name, row.Note, row.Spark)
	return renamedCall(f, row.Spark)
}

var ruleFunctionSemantics = &Rule{
	ID: "SP120", Name: "function-semantics", Kind: HazardRule,
	Doc:  "A Hive built-in whose Spark namesake computes something else and that no rewrite covers (percentile_approx, histogram_numeric, mask, collect_set's order, greatest/least with NULLs, substr with a negative start, sqrt and log out of domain, trunc, regexp_extract of an unmatched group, lpad/rpad with an empty pad, ascii of non-ASCII text; the different rows of docs/functions.md): the call is kept and warned about, saying what differs, when its arguments can meet the difference.",
	Ref:  "docs/functions.md, rows of class different with rule SP120",
	On:   on(&hiveql.FuncCall{}),
	Node: functionSemantics,
}

func functionSemantics(p *pass, n hiveql.Node) hiveql.Node {
	f, row, ok := p.builtinCall(n, "SP120")
	if !ok {
		return n
	}
	if since, ok := semanticsSince[row.Name]; ok && !versionAtLeast(p.tr.cfg.HiveVersion, since[0], since[1]) {
		return n
	}
	if applies := semanticsApply[row.Name]; applies != nil && !applies(f) {
		return n
	}
	p.report(f.At, Warning, "%s: %s", f.Name.Parts[0].Name, row.Note)
	return n
}

// semanticsSince are the SP120 differences that began with a Hive version
// (the config's hive_version): before Hive 2.0, greatest and least skipped
// NULLs as Spark does.
var semanticsSince = map[string][2]int{"greatest": {2, 0}, "least": {2, 0}}

// semanticsApply says, for the SP120 functions whose difference shows only
// on some arguments, whether a call can meet it: a call whose literal
// arguments keep clear of the difference is not warned about. A function
// not here is warned about at every call.
var semanticsApply = map[string]func(f *hiveql.FuncCall) bool{
	"substr":    negativeStart,
	"substring": negativeStart,
	"sqrt": func(f *hiveql.FuncCall) bool {
		v, ok := numberArg(f, 0)
		return !ok || v < 0
	},
	"log": func(f *hiveql.FuncCall) bool {
		if len(f.Args) != 2 {
			return false // log(x): both return NULL for x <= 0
		}
		b, ok := numberArg(f, 0)
		x, okx := numberArg(f, 1)
		return !ok || b <= 1 || (okx && x <= 0)
	},
	"greatest": anyNullable,
	"least":    anyNullable,
	"trunc": func(f *hiveql.FuncCall) bool {
		if len(f.Args) != 2 {
			return true
		}
		s, ok := f.Args[1].(*hiveql.StringLit)
		if !ok {
			return true // a number of digits, or a unit not written
		}
		switch s.Value() {
		case "YEAR", "YYYY", "YY", "MONTH", "MON", "MM":
			return false // the same truncation; the result is a DATE, not a STRING
		}
		return true
	},
	"regexp_extract": func(f *hiveql.FuncCall) bool {
		if len(f.Args) < 2 {
			return false
		}
		if len(f.Args) == 3 {
			if v, ok := numberArg(f, 2); ok && v == 0 {
				return false // group 0 always takes part
			}
		}
		pat, ok := f.Args[1].(*hiveql.StringLit)
		if !ok {
			return true
		}
		v := pat.Value()
		return strings.Contains(v, "|") || strings.Contains(v, ")?") || strings.Contains(v, ")*") || strings.Contains(v, "){0")
	},
	"lpad": padHazard,
	"rpad": padHazard,
	// Found by the function sweep (docs/functions.md, Run on both engines).
	"acos":   outsideUnit,
	"asin":   outsideUnit,
	"round":  hugeScale,
	"bround": hugeScale,
	"chr": func(f *hiveql.FuncCall) bool {
		v, ok := numberArg(f, 0)
		return !ok || v < 0 || v > 255 || v != math.Trunc(v)
	},
	"conv": func(f *hiveql.FuncCall) bool {
		if len(f.Args) == 0 {
			return false
		}
		if _, ok := numberArg(f, 0); ok {
			return false
		}
		s, ok := f.Args[0].(*hiveql.StringLit)
		return !ok || strings.TrimSpace(s.Value()) != s.Value()
	},
	"pmod": func(f *hiveql.FuncCall) bool {
		v, ok := numberArg(f, 1)
		return !ok || v <= 0 || v > 1<<30
	},
	"rand": func(f *hiveql.FuncCall) bool { return len(f.Args) == 1 }, // rand() differs from run to run anyway
	// xpath differs on empty text or an empty or unreadable path: literal
	// XML and a literal path are safe (an unreadable one fails loudly).
	"xpath": func(f *hiveql.FuncCall) bool {
		for i := 0; i < 2 && i < len(f.Args); i++ {
			if s, ok := f.Args[i].(*hiveql.StringLit); !ok || s.Value() == "" {
				return true
			}
		}
		return len(f.Args) < 2
	},
	"replace": func(f *hiveql.FuncCall) bool {
		if len(f.Args) != 3 {
			return false
		}
		s, ok := f.Args[1].(*hiveql.StringLit)
		return !ok || s.Value() == ""
	},
	"soundex": func(f *hiveql.FuncCall) bool {
		if len(f.Args) != 1 {
			return false
		}
		s, ok := f.Args[0].(*hiveql.StringLit)
		if !ok {
			return true
		}
		v := s.Value()
		if v == "" || !(v[0] >= 'a' && v[0] <= 'z' || v[0] >= 'A' && v[0] <= 'Z') {
			return true
		}
		for _, r := range v {
			if r >= 0x80 {
				return true
			}
		}
		return false
	},
	// ascii differs on non-ASCII text only: a literal of ASCII text is safe.
	"ascii": func(f *hiveql.FuncCall) bool {
		if len(f.Args) != 1 {
			return true
		}
		s, ok := f.Args[0].(*hiveql.StringLit)
		if !ok {
			return true
		}
		v := s.Value()
		return v != "" && v[0] >= 0x80
	},
}

// outsideUnit: acos and asin of a number outside [-1, 1] are NULL in Hive
// and NaN in Spark; a literal inside it is safe.
func outsideUnit(f *hiveql.FuncCall) bool {
	if len(f.Args) == 1 {
		if _, null := f.Args[0].(*hiveql.NullLit); null {
			return false
		}
	}
	v, ok := numberArg(f, 0)
	return !ok || v < -1 || v > 1
}

// hugeScale: round(x, d) and bround(x, d) with d beyond a decimal's 38
// digits, or not a literal (round(2.5, 2147483647) is NULL in Hive, 2.5 in
// Spark; the scales the sweep tried up to 2 agreed).
func hugeScale(f *hiveql.FuncCall) bool {
	if len(f.Args) < 2 {
		return false
	}
	v, ok := numberArg(f, 1)
	return !ok || v > 38 || v < -38
}

// numberArg returns the value of argument i when it is a number literal,
// negative ones included.
func numberArg(f *hiveql.FuncCall, i int) (float64, bool) {
	if i >= len(f.Args) {
		return 0, false
	}
	e, sign := f.Args[i], 1.0
	if u, ok := e.(*hiveql.UnaryExpr); ok && (u.Op == "-" || u.Op == "+") {
		if u.Op == "-" {
			sign = -1
		}
		e = u.X
	}
	n, ok := e.(*hiveql.NumberLit)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimRight(strings.ToUpper(n.Raw), "LSYDB"), 64) // Hive suffixes: L, S, Y, D, BD
	return sign * v, err == nil
}

// negativeStart: substr's start is negative or not a literal.
func negativeStart(f *hiveql.FuncCall) bool {
	v, ok := numberArg(f, 1)
	return !ok || v < 0
}

// anyNullable: some argument of greatest/least is not a non-NULL literal.
func anyNullable(f *hiveql.FuncCall) bool {
	for i, a := range f.Args {
		if _, ok := a.(*hiveql.StringLit); ok {
			continue
		}
		if _, ok := numberArg(f, i); ok {
			continue
		}
		return true
	}
	return false
}

// padHazard: the pad string is empty or not a literal, or the length is
// negative or not a literal.
func padHazard(f *hiveql.FuncCall) bool {
	if len(f.Args) != 3 {
		return false
	}
	if v, ok := numberArg(f, 1); ok && v < 0 {
		return true
	}
	pad, ok := f.Args[2].(*hiveql.StringLit)
	return !ok || pad.Value() == ""
}

var ruleArrayContainsNull = &Rule{
	ID: "SP121", Name: "array-contains-null", Kind: HazardRule,
	Doc:  "array_contains returns FALSE in Hive where Spark returns NULL (a NULL value, a NULL array, an array holding a NULL but not the value), so NOT array_contains(…) keeps rows in Hive that Spark drops. Rewritten to coalesce(array_contains(a, v), false), which is Hive's result in every case.",
	Ref:  "Hive GenericUDFArrayContains; run beside Spark 3.5.9's array_contains by translate/funcparity/hive_udf_run.py",
	On:   on(&hiveql.FuncCall{}),
	Node: arrayContainsNull,
}

func arrayContainsNull(p *pass, n hiveql.Node) hiveql.Node {
	f, row, ok := p.builtinCall(n, "SP121")
	if !ok || len(f.Args) != 2 || f.Over != nil {
		return n
	}
	p.rewrote(f.At, "%s: %s", f.Name.Parts[0].Name, row.Note)
	return newCall(f.Span, "coalesce", f, &hiveql.BoolLit{Span: f.Span, Value: false})
}

var ruleAESMode = &Rule{
	ID: "SP129", Name: "aes-mode", Kind: HazardRule,
	Doc:  "Hive's aes_encrypt and aes_decrypt use AES in ECB mode with PKCS padding; Spark's default mode is GCM, with a random IV: Spark's aes_encrypt gives other bytes at every run, and its aes_decrypt cannot read what Hive encrypted. Rewritten to pass the mode and the padding: aes_encrypt(x, key, 'ECB', 'PKCS'). A key of a length AES does not take gives NULL in Hive and fails in Spark.",
	Ref:  "found by the function sweep (docs/functions.md, Run on both engines): hex(aes_encrypt('Spark', '0000111122223333')) is 348FF37EBDE05B7880BA339068FBDA5E in Hive 4.1.0 and 66 other hex digits, new at every run, in Spark 3.5.7",
	On:   on(&hiveql.FuncCall{}),
	Node: aesMode,
}

func aesMode(p *pass, n hiveql.Node) hiveql.Node {
	f, row, ok := p.builtinCall(n, "SP129")
	if !ok || len(f.Args) != 2 || f.Over != nil {
		return n
	}
	p.rewrote(f.At, "%s: %s", f.Name.Parts[0].Name, row.Note)
	c := *f
	c.Args = append(append([]hiveql.Expr{}, f.Args...), strLit(f.At, "ECB"), strLit(f.At, "PKCS"))
	return &c
}

var ruleSparkArity = &Rule{
	ID: "SP130", Name: "spark-arity", Kind: HazardRule,
	Doc:  "Calls that Hive 4 runs and Spark refuses for their number of arguments: nvl(a, b, c, …) (Hive takes the first non-NULL, as coalesce does) is rewritten to coalesce; instr(s, sub, start, n) (the n-th occurrence from start) has no Spark form and needs a person.",
	Ref:  "found by the function sweep (docs/functions.md, Calls Hive ran and Spark refused): nvl(NULL, 1, NULL) is 1 in Hive 4.1.0 and WRONG_NUM_ARGS in Spark 3.5.7; instr('CORPORATE FLOOR', 'OR', 3, 2) is 14 in Hive, WRONG_NUM_ARGS in Spark",
	On:   on(&hiveql.FuncCall{}),
	Node: sparkArity,
}

func sparkArity(p *pass, n hiveql.Node) hiveql.Node {
	f, row, ok := p.builtinCall(n, "SP130")
	if !ok || f.Over != nil || len(f.Args) <= 2 {
		return n
	}
	if row.Spark == "" {
		p.manual(f.At, "%s with %d arguments: %s", f.Name.Parts[0].Name, len(f.Args), row.Note)
		return n
	}
	p.rewrote(f.At, "%s with %d arguments written as %s: %s", f.Name.Parts[0].Name, len(f.Args), row.Spark, row.Note)
	return renamedCall(f, row.Spark)
}

var ruleNullOrder = &Rule{
	ID: "SP131", Name: "null-order", Kind: RewriteRule,
	Doc:  "From Hive 4.0 (hive.default.nulls.last=true), an ORDER BY, SORT BY or window ordering without NULLS FIRST/LAST puts NULLs last when ascending and first when descending; Spark, like Hive 1.x–3.x, does the opposite. With hive_version 4.0 or later each such item is written with Hive's null ordering, so ORDER BY … LIMIT keeps the same rows.",
	Ref:  "Hive 4.0 HiveConf hive.default.nulls.last; found by verify --against-hive on Hive's cbo_rp_limit.q (ORDER BY x, key LIMIT 1: a row in Hive 4.1, the NULL row in Spark)",
	On:   on(&hiveql.Query{}, &hiveql.InsertBody{}, &hiveql.Window{}),
	Node: nullOrder,
}

func nullOrder(p *pass, n hiveql.Node) hiveql.Node {
	if !versionAtLeast(p.tr.cfg.HiveVersion, 4, 0) {
		return n
	}
	var items []*hiveql.OrderItem
	switch x := n.(type) {
	case *hiveql.Query:
		items = append(append(items, x.OrderBy...), x.SortBy...)
	case *hiveql.InsertBody:
		items = append(append(items, x.OrderBy...), x.SortBy...)
	case *hiveql.Window:
		items = x.OrderBy
	}
	changed := 0
	for _, it := range items {
		if it.Nulls != "" {
			continue
		}
		it.Nulls = "LAST"
		if strings.EqualFold(it.Dir, "DESC") {
			it.Nulls = "FIRST"
		}
		changed++
	}
	if changed > 0 {
		p.rewrote(n.Pos(), "Hive %s puts NULLs last when ascending (hive.default.nulls.last): %d ordering item(s) written with NULLS LAST/FIRST, as Hive sorted them", p.tr.cfg.HiveVersion, changed)
	}
	return n
}
