package translate

import (
	"reflect"
	"sort"

	"github.com/sparkport/sparkport/parser/hiveql"
)

// Kind says what a rule does.
type Kind string

// Rule kinds.
const (
	RewriteRule Kind = "rewrite" // changes the statement so that Spark does what Hive did
	HazardRule  Kind = "hazard"  // the same text means something else in Spark: a warning
	ManualRule  Kind = "manual"  // Spark cannot do it: the statement needs a person
)

// Rule is one named translation rule. Its ID never changes meaning once
// released: reports, review notes and CI baselines cite it.
type Rule struct {
	ID   string
	Name string
	Kind Kind
	Doc  string // one line: what it does and why
	Ref  string // where the Hive or Spark behaviour is documented

	// Stmt runs on the whole statement before the expression walk; it may
	// replace p.stmt, drop the statement, move it or mark it manual.
	Stmt func(p *pass)
	// Node runs on every node of the types in On, children first, in one
	// walk shared by all rules; what it returns replaces the node where an
	// expression stands.
	Node func(p *pass, n hiveql.Node) hiveql.Node
	On   []reflect.Type
	// After runs on the statement once the expression walk is done.
	After func(p *pass)
}

// Rules returns every rule, ordered by id.
func Rules() []*Rule { return allRules }

var allRules []*Rule

// nodeRules lists, per node type, the rules whose Node function wants it:
// the walk calls a handful of rules per node instead of all of them.
var nodeRules map[reflect.Type][]*Rule

// on lists the node types a Node rule looks at.
func on(samples ...hiveql.Node) []reflect.Type {
	ts := make([]reflect.Type, len(samples))
	for i, s := range samples {
		ts[i] = reflect.TypeOf(s)
	}
	return ts
}

func init() {
	allRules = []*Rule{
		ruleParse, ruleInternal, ruleParams, ruleSecret,
		ruleSetting, ruleAddResource, ruleFunctionJar, ruleDFS, ruleShell, ruleSource, ruleCLIOther,
		rulePathMapping, ruleUnmappedPath, ruleLocalPath, ruleDatabaseLocation,
		ruleMapjoin, ruleStreamtable, ruleHiveOnlyStmt, ruleMacro, ruleAnalyzeColumns,
		ruleVirtualColumn, ruleFirstIgnoreNulls, ruleTrimChars, ruleChangeColumn, ruleTempTable,
		ruleStorageHandler, ruleSkewedBy, ruleConstraints, ruleUnionType, ruleACID,
		ruleUnsupportedStmt, ruleExplain, ruleUniqueJoin, ruleTableSample, ruleAuthorization,
		ruleAlterCascade, ruleHiveFunction, ruleDropPartitionRange, ruleIntervalKeyword, ruleCreateLikeExternal, ruleWithinGroup,
		ruleFloorTo, ruleQuantifiedSubquery, rulePTF, ruleQualify, ruleTableProps, ruleTypeNames, ruleCastFormat, ruleHiveDDLClauses,
		ruleDynamicOverwrite, ruleSelfOverwrite, ruleGroupByOrdinal, ruleOrderByOrdinal, ruleHash,
		ruleBucketed, ruleDatetimePattern, ruleStringNumberCompare, ruleDefaultStorage,
		ruleTransformScript, ruleDecimal, ruleANSI, ruleTimeZone, ruleAddMonths, ruleMapDupKeys,
		ruleGroupingID, ruleSerde, ruleSplitEmpty, ruleShellVarLiteral, rulePopulationAggregate, ruleFunctionSemantics, ruleFunctionSpelling, ruleArrayContainsNull, ruleAESMode, ruleSparkArity, ruleNullOrder,
		ruleStaleDefinition, ruleDropMissing, ruleStoreAssignment, ruleExternalLocation, ruleDynamicMode, ruleDottedName, ruleCTASNames,
	}
	sort.SliceStable(allRules, func(i, j int) bool { return allRules[i].ID < allRules[j].ID })
	indexNodeRules()
}

func indexNodeRules() {
	nodeRules = map[reflect.Type][]*Rule{}
	for _, r := range allRules {
		if r.Node == nil {
			continue
		}
		if len(r.On) == 0 {
			panic("translate: rule " + r.ID + " has a Node function but no On types")
		}
		for _, t := range r.On {
			nodeRules[t] = append(nodeRules[t], r)
		}
	}
}

// The rules that are not about Hive at all, but about the translation.
var (
	ruleParse = &Rule{
		ID: "SP000", Name: "parse-error", Kind: ManualRule,
		Doc: "A statement that does not parse as HiveQL is left as a comment for a person.",
		Ref: "sparkport parse reports the syntax error with its position",
	}
	ruleInternal = &Rule{
		ID: "SP999", Name: "internal-error", Kind: ManualRule,
		Doc: "A rule failed on this statement; it is left as a comment and the run goes on. Please report it.",
	}
	ruleParams = &Rule{
		ID: "SP008", Name: "variables", Kind: RewriteRule,
		Doc: "${hiveconf:x}, ${hivevar:x} and ${x} are kept: spark-sql substitutes them (--hiveconf/--hivevar, SET); each is listed as a parameter of the script.",
		Ref: "Spark SQL variable substitution, spark.sql.variable.substitute (VariableSubstitution binds hiveconf and hivevar)",
	}
)
