package hiveql

import "strings"

// Node is any node of the tree. Pos is the byte offset of its first token.
type Node interface{ Pos() Pos }

// Span carries a node's position. It is embedded in every node so that
// comparisons of trees (tests, round trips) can ignore positions in one place.
type Span struct{ At Pos }

// Pos returns the byte offset of the node's first token.
func (s Span) Pos() Pos { return s.At }

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// QueryBody is what a query computes rows with: a SELECT, a set operation,
// a parenthesised query or VALUES.
type QueryBody interface {
	Node
	bodyNode()
}

// TableRef is a FROM item.
type TableRef interface {
	Node
	tableRefNode()
}

// ---------------------------------------------------------------- file

// File is one parsed script.
type File struct {
	Statements []*Statement
	Trailing   []Comment // comments after the last statement
}

// Statement is one ';'-terminated statement with the comments before it.
// Comments inside a statement are kept with it too, so that none is lost.
type Statement struct {
	Span
	End      Pos // offset just past the statement's last token
	Comments []Comment
	Stmt     Stmt // *BadStmt when the statement failed to parse
}

// ---------------------------------------------------------------- names

// Ident is an identifier as written: Quoted for `backquoted` ones. Name may
// hold ${...} variables, which Hive substitutes before parsing.
type Ident struct {
	Span
	Name   string
	Quoted bool
}

// Name is a dotted name: table, db.table, or a function's qualified name.
type Name struct {
	Span
	Parts []*Ident
}

// ---------------------------------------------------------------- expressions

type (
	// NumberLit is a numeric literal as written, suffix included (1L, 1.0BD).
	NumberLit struct {
		Span
		Raw string
	}
	// StringLit is one or more adjacent quoted strings, which Hive
	// concatenates ('a' 'b' is 'ab'). Parts are the raw quoted texts.
	StringLit struct {
		Span
		Parts []string
	}
	// BoolLit is TRUE or FALSE.
	BoolLit struct {
		Span
		Value bool
	}
	// NullLit is NULL.
	NullLit struct{ Span }
	// TypedLit is DATE '...', TIMESTAMP '...', X'...' and the like.
	TypedLit struct {
		Span
		Type  string // upper case: DATE, TIMESTAMP, TIMESTAMPLOCALTZ, X, …
		Value *StringLit
	}
	// IntervalLit is INTERVAL value unit [TO unit]; Value is a literal or a
	// parenthesised expression.
	IntervalLit struct {
		Span
		Value  Expr
		Unit   string // upper case, as written (DAY, DAYS, HOUR, …); empty for INTERVAL '1 day'
		ToUnit string
		NoKw   bool // Hive 2.2+: 30 DAYS without INTERVAL
	}
	// VarRef is a variable reference standing alone: ${hiveconf:dt}.
	VarRef struct {
		Span
		Raw string
	}
	// ColumnRef is a possibly qualified column name: c, t.c, db.t.c.
	ColumnRef struct {
		Span
		Parts []*Ident
	}
	// Star is * or t.*.
	Star struct {
		Span
		Qualifier []*Ident
	}
	// BinaryExpr is L Op R for arithmetic, comparison, AND/OR, LIKE-free ops.
	BinaryExpr struct {
		Span
		Op   string // upper case for word operators (AND, OR, DIV)
		L, R Expr
	}
	// UnaryExpr is Op X: NOT, !, -, +, ~.
	UnaryExpr struct {
		Span
		Op string
		X  Expr
	}
	// IsExpr is X IS [NOT] NULL|TRUE|FALSE|UNKNOWN.
	IsExpr struct {
		Span
		X    Expr
		Not  bool
		What string
	}
	// DistinctFromExpr is X IS [NOT] DISTINCT FROM Y.
	DistinctFromExpr struct {
		Span
		X, Y Expr
		Not  bool
	}
	// BetweenExpr is X [NOT] BETWEEN Lo AND Hi.
	BetweenExpr struct {
		Span
		X, Lo, Hi Expr
		Not       bool
	}
	// InExpr is X [NOT] IN (list) or X [NOT] IN (query).
	InExpr struct {
		Span
		X     Expr
		Not   bool
		List  []Expr
		Query *Query
	}
	// LikeExpr is X [NOT] LIKE|RLIKE|REGEXP|ILIKE pattern, and Hive 3's
	// LIKE ANY|ALL (list).
	LikeExpr struct {
		Span
		X       Expr
		Not     bool
		Op      string // LIKE, RLIKE, REGEXP, ILIKE
		Pattern Expr
		Quant   string // ANY or ALL, with List
		List    []Expr
		Escape  Expr
	}
	// ExistsExpr is EXISTS (query).
	ExistsExpr struct {
		Span
		Query *Query
	}
	// SubqueryExpr is a scalar subquery.
	SubqueryExpr struct {
		Span
		Query *Query
	}
	// QuantifiedExpr is X op ANY|SOME|ALL (query).
	QuantifiedExpr struct {
		Span
		X     Expr
		Op    string
		Quant string
		Query *Query
	}
	// CaseExpr is CASE [Operand] WHEN … THEN … [ELSE …] END.
	CaseExpr struct {
		Span
		Operand Expr
		Whens   []*When
		Else    Expr
	}
	// CastExpr is CAST(X AS Type), TRY_CAST, or Spark's X::Type.
	CastExpr struct {
		Span
		Func   string // CAST or TRY_CAST
		X      Expr
		Type   *DataType
		Format *StringLit // CAST(x AS t FORMAT 'p'), Hive 4
	}
	// FuncCall is a function call with its optional window.
	FuncCall struct {
		Span
		Name        *Name
		Quant       string // DISTINCT or ALL
		Star        bool   // count(*)
		Args        []Expr
		IgnoreNulls string // IGNORE NULLS or RESPECT NULLS, as written inside or after the call
		Filter      Expr   // FILTER (WHERE …)
		WithinGroup []*OrderItem
		Over        *Window
	}
	// SpecialCall is a call with keyword syntax: EXTRACT(DAY FROM x),
	// TRIM(BOTH 'a' FROM x), SUBSTRING(x FROM 1 FOR 2), POSITION(a IN b),
	// FLOOR(x TO DAY). Words are the keywords in order, Args the operands:
	// Words[i] precedes Args[i].
	SpecialCall struct {
		Span
		Name  string
		Words []string
		Args  []Expr
	}
	// IndexExpr is X[Index]: array element or map value.
	IndexExpr struct {
		Span
		X, Index Expr
	}
	// FieldExpr is X.Field on an expression that is not a plain name,
	// such as a struct returned by a call or an index: f(x).a, a[0].b.
	FieldExpr struct {
		Span
		X     Expr
		Field *Ident
	}
	// ParenExpr is (X), kept so that printing keeps the author's grouping.
	ParenExpr struct {
		Span
		X Expr
	}
	// RowExpr is (a, b, …), as in (a, b) IN ((1, 2)).
	RowExpr struct {
		Span
		List []Expr
	}
	// LambdaExpr is Spark's x -> body or (x, y) -> body.
	LambdaExpr struct {
		Span
		Params []*Ident
		Body   Expr
	}
	// NamedArg is name => value in a call.
	NamedArg struct {
		Span
		Name  *Ident
		Value Expr
	}
)

// When is one WHEN … THEN … arm.
type When struct {
	Span
	Cond, Result Expr
}

// Window is OVER (…) or OVER name. Hive also spells PARTITION BY as
// DISTRIBUTE BY and ORDER BY as SORT BY inside a window, and CLUSTER BY for both.
type Window struct {
	Span
	Name        *Ident // OVER w, or the base window in OVER (w …)
	PartitionKw string // PARTITION, DISTRIBUTE or CLUSTER
	PartitionBy []Expr
	OrderKw     string // ORDER or SORT
	OrderBy     []*OrderItem
	Frame       *Frame
}

// Frame is ROWS|RANGE BETWEEN Start AND End, or a single bound.
type Frame struct {
	Span
	Unit  string // ROWS or RANGE
	Start *Bound
	End   *Bound // nil when no BETWEEN
}

// Bound is one frame bound.
type Bound struct {
	Span
	Kind  string // UNBOUNDED PRECEDING, UNBOUNDED FOLLOWING, CURRENT ROW, PRECEDING, FOLLOWING
	Value Expr   // for n PRECEDING / n FOLLOWING
}

// OrderItem is one ORDER BY / SORT BY item.
type OrderItem struct {
	Span
	X     Expr
	Dir   string // ASC, DESC or empty
	Nulls string // FIRST, LAST or empty
}

// ---------------------------------------------------------------- types

// DataType is a column or cast type, nested types included.
type DataType struct {
	Span
	Name   string      // upper case: INT, STRING, DECIMAL, ARRAY, MAP, STRUCT, UNIONTYPE, …
	Params []string    // DECIMAL(10,2), VARCHAR(20)
	Elem   []*DataType // ARRAY<t>: one; MAP<k,v>: two; UNIONTYPE<…>: many
	Fields []*StructField
}

// StructField is one field of STRUCT<name: type COMMENT '…'>.
type StructField struct {
	Span
	Name    *Ident
	Type    *DataType
	Comment *StringLit
}

// ---------------------------------------------------------------- queries

// Query is a full query: WITH, a body, and the clauses that order and limit it.
type Query struct {
	Span
	With *With
	Body QueryBody
	Tail
}

// Tail holds the clauses Hive allows after a SELECT or a set operation.
type Tail struct {
	OrderBy      []*OrderItem
	ClusterBy    []Expr
	DistributeBy []Expr
	SortBy       []*OrderItem
	Limit        Expr
	Offset       Expr
}

// Empty reports whether no tail clause is present.
func (t *Tail) Empty() bool {
	return t.OrderBy == nil && t.ClusterBy == nil && t.DistributeBy == nil && t.SortBy == nil && t.Limit == nil && t.Offset == nil
}

// With is WITH [RECURSIVE] name AS (query), ….
type With struct {
	Span
	CTEs []*CTE
}

// CTE is one common table expression.
type CTE struct {
	Span
	Name    *Ident
	Columns []*Ident
	Query   *Query
}

// Select is one SELECT block.
type Select struct {
	Span
	Hints     []*Hint
	Quant     string // DISTINCT or ALL
	Transform *Transform
	Items     []*SelectItem
	From      TableRef
	Where     Expr
	GroupBy   *GroupBy
	Having    Expr
	Windows   []*NamedWindow
	Qualify   Expr
	FromFirst bool // written FROM src SELECT …, as Hive allows in subqueries
}

// SelectItem is one output column.
type SelectItem struct {
	Span
	X       Expr
	As      bool     // AS was written
	Alias   *Ident   // single alias
	Aliases []*Ident // AS (a, b) for UDTFs
}

// Transform is SELECT TRANSFORM(cols) … USING 'script' … AS …, and the
// MAP / REDUCE spellings of it.
type Transform struct {
	Span
	Kw           string // TRANSFORM, MAP or REDUCE
	Args         []Expr
	InRowFormat  *RowFormat
	InRecordW    *StringLit
	Using        *StringLit
	AsParen      bool
	As           []*ColumnDef // names with optional types
	OutRowFormat *RowFormat
	OutRecordR   *StringLit
}

// Hint is one hint inside /*+ … */: MAPJOIN(a, b), BROADCAST(t), …
type Hint struct {
	Span
	Name *Ident
	Args []Expr
}

// NamedWindow is WINDOW w AS (…).
type NamedWindow struct {
	Span
	Name *Ident
	Spec *Window
}

// GroupBy is GROUP BY with optional GROUPING SETS, WITH ROLLUP/CUBE, or
// ROLLUP(…)/CUBE(…).
type GroupBy struct {
	Span
	Quant        string   // ALL (Spark GROUP BY ALL) or empty
	Items        []Expr   // may hold *GroupingElement
	With         string   // ROLLUP or CUBE for WITH ROLLUP / WITH CUBE
	GroupingSets [][]Expr // GROUPING SETS ((a, b), a, ())
	HasSets      bool
}

// GroupingElement is ROLLUP(…), CUBE(…) or GROUPING SETS(…) as a group item.
type GroupingElement struct {
	Span
	Kind string // ROLLUP, CUBE, GROUPING SETS
	Sets [][]Expr
}

// SetOp is L UNION|INTERSECT|EXCEPT|MINUS [ALL|DISTINCT] R.
type SetOp struct {
	Span
	Op    string
	Quant string
	L, R  QueryBody
}

// ParenQuery is a parenthesised query used as a set-operation operand.
type ParenQuery struct {
	Span
	Query *Query
}

// Values is VALUES (…), (…).
type Values struct {
	Span
	Rows [][]Expr
}

// ---------------------------------------------------------------- FROM

type (
	// TableName is a table in FROM with its alias and sampling.
	TableName struct {
		Span
		Name     *Name
		Props    []*Property // Hive: t ('k'='v')
		Sample   *TableSample
		As       bool
		Alias    *Ident
		Columns  []*Ident
		TimeTrav Expr   // FOR SYSTEM_TIME AS OF / VERSION AS OF
		TimeKind string // SYSTEM_TIME, SYSTEM_VERSION, VERSION, TIMESTAMP
	}
	// SubqueryRef is (query) [AS] alias.
	SubqueryRef struct {
		Span
		Query   *Query
		Lateral bool
		As      bool
		Alias   *Ident
		Columns []*Ident
		Sample  *TableSample
	}
	// ParenRef is a parenthesised join: (a JOIN b ON …).
	ParenRef struct {
		Span
		X TableRef
	}
	// Join is L join R [ON …|USING (…)]. Kind is ",", JOIN, INNER JOIN,
	// LEFT [OUTER] JOIN, LEFT SEMI JOIN, LEFT ANTI JOIN, CROSS JOIN, … as words.
	Join struct {
		Span
		Kind    string
		Natural bool
		L, R    TableRef
		On      Expr
		Using   []*Ident
	}
	// LateralView is Source LATERAL VIEW [OUTER] udtf(…) alias AS c1, c2.
	LateralView struct {
		Span
		Source     TableRef
		Outer      bool
		Func       Expr
		TableAlias *Ident
		As         bool
		Columns    []*Ident
	}
	// FuncRef is a table-valued function in FROM: range(10), explode(…),
	// TABLE(…).
	FuncRef struct {
		Span
		Func    Expr
		Lateral bool
		As      bool
		Alias   *Ident
		Columns []*Ident
	}
	// ValuesRef is (VALUES …) or VALUES … as a FROM item.
	ValuesRef struct {
		Span
		Values  *Values
		Paren   bool
		As      bool
		Alias   *Ident
		Columns []*Ident
	}
	// PTFRef is a Hive partitioned table function in FROM:
	// noop(ON t PARTITION BY a ORDER BY b) alias, with named arguments
	// arg1('…') after the ordering.
	PTFRef struct {
		Span
		Name        *Name
		Source      TableRef
		PartitionKw string // PARTITION, DISTRIBUTE or CLUSTER
		PartitionBy []Expr
		OrderKw     string // ORDER or SORT
		OrderBy     []*OrderItem
		Args        []*FuncCall
		As          bool
		Alias       *Ident
	}
	// UniqueJoin is Hive's FROM UNIQUEJOIN [PRESERVE] t (keys), ….
	UniqueJoin struct {
		Span
		Items []*UniqueJoinItem
	}
)

// UniqueJoinItem is one table of a UNIQUEJOIN.
type UniqueJoinItem struct {
	Span
	Preserve bool
	Table    TableRef
	Keys     []Expr
}

// TableSample is TABLESAMPLE(BUCKET x OUT OF y [ON …]) or (n PERCENT|ROWS|size).
type TableSample struct {
	Span
	Bucket, OutOf Expr
	On            []Expr
	Amount        Expr
	Unit          string // PERCENT, ROWS, or a size suffix as written (100M)
}

// ---------------------------------------------------------------- DML

// InsertStmt is INSERT OVERWRITE|INTO … followed by a query.
type InsertStmt struct {
	Span
	With   *With
	Target *InsertTarget
	Query  *Query
}

// InsertTarget is the destination of an insert.
type InsertTarget struct {
	Span
	Overwrite   bool
	Table       *Name // nil for a directory
	TableKw     bool  // TABLE was written
	Partition   []*PartitionValue
	IfNotExists bool
	Columns     []*Ident
	Local       bool       // INSERT OVERWRITE LOCAL DIRECTORY
	Directory   *StringLit // INSERT OVERWRITE [LOCAL] DIRECTORY 'path'
	RowFormat   *RowFormat
	Storage     *Storage
	Using       *Ident // Spark: INSERT OVERWRITE DIRECTORY USING fmt
	Options     []*Property
}

// PartitionValue is one item of a PARTITION spec; Value is nil for a
// dynamic partition column.
type PartitionValue struct {
	Span
	Name  *Ident
	Op    string // "=", or a comparison in ALTER TABLE DROP PARTITION (p > 1)
	Value Expr
}

// MultiInsertStmt is Hive's FROM src INSERT … SELECT … [INSERT … SELECT …].
// It also holds the FROM-first query FROM src SELECT … (a body without Target).
type MultiInsertStmt struct {
	Span
	With   *With
	From   TableRef
	Bodies []*InsertBody
}

// InsertBody is one INSERT … SELECT … of a multi-insert.
type InsertBody struct {
	Span
	Target *InsertTarget // nil for a plain SELECT
	Select *Select       // its From is nil: the statement's From applies
	Tail
}

// LoadStmt is LOAD DATA [LOCAL] INPATH 'p' [OVERWRITE] INTO TABLE t [PARTITION …].
type LoadStmt struct {
	Span
	Local       bool
	Path        *StringLit
	Overwrite   bool
	Table       *Name
	Partition   []*PartitionValue
	InputFormat *StringLit
	Serde       *StringLit
}

// UpdateStmt is UPDATE t SET c = e, … [WHERE …].
type UpdateStmt struct {
	Span
	Table *Name
	Alias *Ident
	Sets  []*Assignment
	Where Expr
}

// Assignment is col = expr.
type Assignment struct {
	Span
	Column *ColumnRef
	Value  Expr
}

// DeleteStmt is DELETE FROM t [WHERE …].
type DeleteStmt struct {
	Span
	Table *Name
	Alias *Ident
	Where Expr
}

// MergeStmt is MERGE INTO t USING src ON cond WHEN … THEN ….
type MergeStmt struct {
	Span
	Target *Name
	As     bool
	Alias  *Ident
	Source TableRef
	On     Expr
	Whens  []*MergeWhen
}

// MergeWhen is one WHEN [NOT] MATCHED [AND cond] THEN action.
type MergeWhen struct {
	Span
	Matched   bool
	BySource  string // Spark: BY SOURCE / BY TARGET
	Cond      Expr
	Action    string // UPDATE, DELETE, INSERT
	Sets      []*Assignment
	UpdateAll bool // UPDATE SET *
	Columns   []*Ident
	Values    []Expr
	InsertAll bool // INSERT *
}

// ---------------------------------------------------------------- DDL

// CreateTableStmt is CREATE [TEMPORARY] [EXTERNAL] TABLE, CTAS and LIKE.
type CreateTableStmt struct {
	Span
	OrReplace     bool
	Temporary     bool
	External      bool
	Transactional bool
	IfNotExists   bool
	Name          *Name
	Like          *Name
	Columns       []*ColumnDef
	Constraints   []*TableConstraint
	Using         *Ident
	Options       []*Property
	Comment       *StringLit
	PartitionedBy []*ColumnDef // with types (Hive) or names only (Spark)
	ClusteredBy   *Bucketing
	SkewedBy      *Skew
	RowFormat     *RowFormat
	Storage       *Storage
	Location      *StringLit
	TblProperties []*Property
	Query         *Query
}

// ColumnDef is a column name, its type and comment; Type is nil where the
// grammar allows a bare name (Spark PARTITIONED BY (c), view columns).
type ColumnDef struct {
	Span
	Name        *Ident
	Type        *DataType
	Constraints []*ColumnConstraint
	Comment     *StringLit
}

// ColumnConstraint is a Hive 3 column constraint: PRIMARY KEY, NOT NULL,
// UNIQUE, DEFAULT e, CHECK (e), with its options (DISABLE NOVALIDATE RELY …).
type ColumnConstraint struct {
	Span
	Name    *Ident // CONSTRAINT name
	Kind    string
	Expr    Expr
	Options []string
}

// TableConstraint is PRIMARY KEY (…), FOREIGN KEY (…) REFERENCES t(…),
// UNIQUE (…) or CHECK (…) in a column list.
type TableConstraint struct {
	Span
	Name       *Ident
	Kind       string // PRIMARY KEY, FOREIGN KEY, UNIQUE, CHECK
	Columns    []*Ident
	RefTable   *Name
	RefColumns []*Ident
	Check      Expr
	Options    []string
}

// Bucketing is CLUSTERED BY (…) [SORTED BY (…)] INTO n BUCKETS.
type Bucketing struct {
	Span
	Columns []*Ident
	SortBy  []*OrderItem
	Buckets *NumberLit
}

// Skew is SKEWED BY (…) ON (…) [STORED AS DIRECTORIES].
type Skew struct {
	Span
	Columns     []*Ident
	Values      []Expr // literals or RowExpr
	Directories bool
}

// RowFormat is ROW FORMAT DELIMITED … or ROW FORMAT SERDE '…' [WITH SERDEPROPERTIES (…)].
type RowFormat struct {
	Span
	Serde           *StringLit
	SerdeProps      []*Property
	FieldsTerm      *StringLit
	FieldsEscape    *StringLit
	CollectionTerm  *StringLit
	MapKeysTerm     *StringLit
	LinesTerm       *StringLit
	NullDefinedAs   *StringLit
	DelimitedClause bool
}

// Storage is STORED AS fmt, STORED AS INPUTFORMAT '…' OUTPUTFORMAT '…', or
// STORED BY 'handler' [WITH SERDEPROPERTIES (…)].
type Storage struct {
	Span
	Format       *Ident
	InputFormat  *StringLit
	OutputFormat *StringLit
	InputDriver  *StringLit // Hive 0.x, kept so that nothing is dropped
	OutputDriver *StringLit
	By           *StringLit
	ByProps      []*Property
}

// Property is 'key'='value' (keys may be bare names in Spark OPTIONS).
type Property struct {
	Span
	Key   Expr // *StringLit or *ColumnRef (dotted bare key)
	Value Expr // nil in UNSET TBLPROPERTIES / key lists
}

// CreateViewStmt is CREATE [OR REPLACE] [MATERIALIZED|TEMPORARY] VIEW.
type CreateViewStmt struct {
	Span
	OrReplace     bool
	Temporary     bool
	Global        bool
	Materialized  bool
	IfNotExists   bool
	Name          *Name
	Columns       []*ColumnDef
	Disabled      string // DISABLE REWRITE (materialized views)
	Comment       *StringLit
	PartitionedOn []*Ident
	ClusteredOn   []*Ident
	DistributedOn []*Ident
	SortedOn      []*Ident
	RowFormat     *RowFormat
	Storage       *Storage
	Location      *StringLit
	TblProperties []*Property
	// Using and Options are Spark's CREATE TEMPORARY VIEW v USING fmt
	// OPTIONS (...): a view over a data source, with no Query.
	Using   *Ident
	Options []*Property
	Query   *Query
}

// CreateDatabaseStmt is CREATE DATABASE|SCHEMA [IF NOT EXISTS] name ….
type CreateDatabaseStmt struct {
	Span
	Kw            string // DATABASE or SCHEMA
	Remote        bool
	IfNotExists   bool
	Name          *Ident
	Comment       *StringLit
	Location      *StringLit
	ManagedLoc    *StringLit
	Props         []*Property
	ConnectorName *Ident
}

// CreateFunctionStmt is CREATE [TEMPORARY] FUNCTION name AS 'class' [USING JAR 'x', …].
type CreateFunctionStmt struct {
	Span
	OrReplace   bool
	Temporary   bool
	IfNotExists bool
	Name        *Name
	Class       *StringLit
	Resources   []*Resource
}

// Resource is JAR|FILE|ARCHIVE 'uri'.
type Resource struct {
	Span
	Kind string
	URI  *StringLit
}

// CreateMacroStmt is CREATE TEMPORARY MACRO name (params) body.
type CreateMacroStmt struct {
	Span
	Name   *Ident
	Params []*ColumnDef
	Body   Expr
}

// DropStmt is DROP TABLE|VIEW|DATABASE|SCHEMA|FUNCTION|MACRO|INDEX|… .
type DropStmt struct {
	Span
	Temporary bool
	What      string // TABLE, VIEW, MATERIALIZED VIEW, DATABASE, SCHEMA, FUNCTION, MACRO, …
	IfExists  bool
	Name      *Name
	On        *Name  // DROP INDEX i ON t
	Options   string // PURGE, CASCADE, RESTRICT
}

// TruncateStmt is TRUNCATE TABLE t [PARTITION …] [COLUMNS (…)].
type TruncateStmt struct {
	Span
	TableKw   bool
	Table     *Name
	Partition []*PartitionValue
	Columns   []*Ident
	Force     bool
}

// AlterTableStmt is ALTER TABLE|VIEW|MATERIALIZED VIEW name [PARTITION …] action.
type AlterTableStmt struct {
	Span
	What      string // TABLE, VIEW, MATERIALIZED VIEW
	Name      *Name
	Partition []*PartitionValue
	Action    AlterAction
}

// AlterAction is what an ALTER TABLE does.
type AlterAction interface {
	Node
	alterNode()
}

type (
	// AlterAddPartitions is ADD [IF NOT EXISTS] PARTITION (…) [LOCATION '…'] ….
	AlterAddPartitions struct {
		Span
		IfNotExists bool
		Parts       []*PartitionLocation
	}
	// AlterDropPartitions is DROP [IF EXISTS] PARTITION (…), … [IGNORE PROTECTION] [PURGE].
	AlterDropPartitions struct {
		Span
		IfExists bool
		Parts    [][]*PartitionValue
		Options  []string
	}
	// AlterRename is RENAME TO name, or PARTITION … RENAME TO PARTITION ….
	AlterRename struct {
		Span
		To        *Name
		Partition []*PartitionValue
	}
	// AlterProps is SET|UNSET TBLPROPERTIES|SERDEPROPERTIES (…).
	AlterProps struct {
		Span
		Unset    bool
		IfExists bool
		Kind     string // TBLPROPERTIES or SERDEPROPERTIES
		Props    []*Property
	}
	// AlterLocation is SET LOCATION '…'.
	AlterLocation struct {
		Span
		Location *StringLit
	}
	// AlterColumns is ADD|REPLACE COLUMNS (…) [CASCADE|RESTRICT].
	AlterColumns struct {
		Span
		Verb    string // ADD or REPLACE
		Columns []*ColumnDef
		Option  string
	}
	// AlterChangeColumn is CHANGE [COLUMN] old new type [COMMENT] [FIRST|AFTER c] [CASCADE|RESTRICT].
	AlterChangeColumn struct {
		Span
		ColumnKw bool
		Old      *Ident
		New      *ColumnDef
		First    bool
		After    *Ident
		Option   string
	}
	// AlterSerde is SET SERDE '…' [WITH SERDEPROPERTIES (…)].
	AlterSerde struct {
		Span
		Serde *StringLit
		Props []*Property
	}
	// AlterFileFormat is SET FILEFORMAT fmt.
	AlterFileFormat struct {
		Span
		Storage *Storage
		Serde   *StringLit // SET FILEFORMAT INPUTFORMAT … OUTPUTFORMAT … SERDE '…'
	}
	// AlterAs is ALTER VIEW v AS query.
	AlterAs struct {
		Span
		Query *Query
	}
	// AlterOther is every other ALTER action (CONCATENATE, ARCHIVE, TOUCH,
	// COMPACT, EXCHANGE PARTITION, SKEWED BY, CLUSTERED BY, ENABLE/DISABLE,
	// ADD CONSTRAINT, SET OWNER, …), kept as its words and tokens.
	AlterOther struct {
		Span
		Tokens []string
	}
)

// PartitionLocation is one PARTITION (…) [LOCATION '…'] of ADD PARTITION.
type PartitionLocation struct {
	Span
	Partition []*PartitionValue
	Location  *StringLit
}

// MsckStmt is MSCK [REPAIR] TABLE t [ADD|DROP|SYNC PARTITIONS].
type MsckStmt struct {
	Span
	Repair bool
	Table  *Name
	Action string
	Filter []Expr // SYNC PARTITIONS (p1 = 'b')
}

// AnalyzeStmt is ANALYZE TABLE t [PARTITION …] COMPUTE STATISTICS [NOSCAN|FOR COLUMNS …].
type AnalyzeStmt struct {
	Span
	Table      *Name
	Partition  []*PartitionValue
	NoScan     bool
	ForColumns bool
	AllColumns bool // Spark: FOR ALL COLUMNS
	Columns    []*Ident
	CacheMeta  bool // CACHE METADATA
}

// UseStmt is USE db.
type UseStmt struct {
	Span
	DB *Ident
}

// ExplainStmt is EXPLAIN [options] statement.
type ExplainStmt struct {
	Span
	Options []string
	Stmt    Stmt
}

// QueryStmt is a query as a statement.
type QueryStmt struct {
	Span
	Query *Query
}

// CLIStmt is a Hive CLI command: SET, RESET, ADD, LIST, DELETE, DFS,
// SOURCE, ! and the test-only CRYPTO, ERASURE, COMPILE. Text is the command's
// argument text as written, up to the ';'.
type CLIStmt struct {
	Span
	Command string // upper case; "!" for shell commands
	Text    string
}

// GenericStmt is an administrative statement the rest of the tool needs to
// recognise but not to understand: SHOW …, DESCRIBE …, GRANT, REVOKE,
// CREATE ROLE, LOCK, EXPORT, IMPORT, CREATE INDEX, ALTER DATABASE, …. Verb
// names it (upper case, e.g. "SHOW", "DESCRIBE"), Tokens keeps the rest.
type GenericStmt struct {
	Span
	Verb   string
	Tokens []string
}

// BadStmt is a statement that failed to parse; From..To is its source range.
type BadStmt struct {
	Span
	To Pos
}

func (*NumberLit) exprNode()        {}
func (*StringLit) exprNode()        {}
func (*BoolLit) exprNode()          {}
func (*NullLit) exprNode()          {}
func (*TypedLit) exprNode()         {}
func (*IntervalLit) exprNode()      {}
func (*VarRef) exprNode()           {}
func (*ColumnRef) exprNode()        {}
func (*Star) exprNode()             {}
func (*BinaryExpr) exprNode()       {}
func (*UnaryExpr) exprNode()        {}
func (*IsExpr) exprNode()           {}
func (*DistinctFromExpr) exprNode() {}
func (*BetweenExpr) exprNode()      {}
func (*InExpr) exprNode()           {}
func (*LikeExpr) exprNode()         {}
func (*ExistsExpr) exprNode()       {}
func (*SubqueryExpr) exprNode()     {}
func (*QuantifiedExpr) exprNode()   {}
func (*CaseExpr) exprNode()         {}
func (*CastExpr) exprNode()         {}
func (*FuncCall) exprNode()         {}
func (*SpecialCall) exprNode()      {}
func (*IndexExpr) exprNode()        {}
func (*FieldExpr) exprNode()        {}
func (*ParenExpr) exprNode()        {}
func (*RowExpr) exprNode()          {}
func (*LambdaExpr) exprNode()       {}
func (*NamedArg) exprNode()         {}
func (*GroupingElement) exprNode()  {}

func (*Select) bodyNode()     {}
func (*SetOp) bodyNode()      {}
func (*ParenQuery) bodyNode() {}
func (*Values) bodyNode()     {}

func (*TableName) tableRefNode()   {}
func (*SubqueryRef) tableRefNode() {}
func (*ParenRef) tableRefNode()    {}
func (*Join) tableRefNode()        {}
func (*LateralView) tableRefNode() {}
func (*FuncRef) tableRefNode()     {}
func (*ValuesRef) tableRefNode()   {}
func (*UniqueJoin) tableRefNode()  {}
func (*PTFRef) tableRefNode()      {}

func (*AlterAddPartitions) alterNode()  {}
func (*AlterDropPartitions) alterNode() {}
func (*AlterRename) alterNode()         {}
func (*AlterProps) alterNode()          {}
func (*AlterLocation) alterNode()       {}
func (*AlterColumns) alterNode()        {}
func (*AlterChangeColumn) alterNode()   {}
func (*AlterSerde) alterNode()          {}
func (*AlterFileFormat) alterNode()     {}
func (*AlterAs) alterNode()             {}
func (*AlterOther) alterNode()          {}

func (*QueryStmt) stmtNode()          {}
func (*InsertStmt) stmtNode()         {}
func (*MultiInsertStmt) stmtNode()    {}
func (*LoadStmt) stmtNode()           {}
func (*UpdateStmt) stmtNode()         {}
func (*DeleteStmt) stmtNode()         {}
func (*MergeStmt) stmtNode()          {}
func (*CreateTableStmt) stmtNode()    {}
func (*CreateViewStmt) stmtNode()     {}
func (*CreateDatabaseStmt) stmtNode() {}
func (*CreateFunctionStmt) stmtNode() {}
func (*CreateMacroStmt) stmtNode()    {}
func (*DropStmt) stmtNode()           {}
func (*TruncateStmt) stmtNode()       {}
func (*AlterTableStmt) stmtNode()     {}
func (*MsckStmt) stmtNode()           {}
func (*AnalyzeStmt) stmtNode()        {}
func (*UseStmt) stmtNode()            {}
func (*ExplainStmt) stmtNode()        {}

// KeyValue splits the text of SET k=v; ok is false for a bare SET or SET -v.
func (c *CLIStmt) KeyValue() (key, value string, ok bool) {
	i := strings.IndexByte(c.Text, '=')
	if i < 0 {
		return strings.TrimSpace(c.Text), "", false
	}
	return strings.TrimSpace(c.Text[:i]), strings.TrimSpace(c.Text[i+1:]), true
}

func (*CLIStmt) stmtNode()     {}
func (*GenericStmt) stmtNode() {}
func (*BadStmt) stmtNode()     {}
