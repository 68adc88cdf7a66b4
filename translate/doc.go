// Package translate turns a parsed Hive script into Spark SQL for Spark on
// Amazon EMR (tables in the Glue Data Catalog, data on S3), and says,
// statement by statement, what it changed and what it could not make equal.
//
// Every change and every warning comes from a Rule: a small named function
// with a stable id (SP001…), a one-line doc and its own tests, in the manner
// of sqlglot's transforms and go/analysis. Rules run on the syntax tree of
// parser/hiveql; the printer writes the result in the Spark dialect. Rules
// of kind Rewrite change the tree, Hazard rules report places where the same
// text means something else in Spark, and Manual rules mark statements that
// need a person: those are written out as comments, never run half-translated.
//
// The package reads no files itself: a Config says where legacy paths live
// on S3, and an optional Resolver reads the files that `source` names.
package translate
