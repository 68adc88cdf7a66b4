// Package hiveql reads HiveQL (Hive 1.x–3.x as found in legacy batch jobs)
// and the Spark 3.5 SQL dialect into a typed syntax tree, and prints such a
// tree back as SQL for either dialect.
//
// The package is laid out like Go's own go/scanner, go/ast and go/parser:
//
//	token.go    token kinds and the keyword table
//	lexer.go    bytes → tokens, one pass, no string per token
//	ast.go      the node types; every node carries a byte offset (Pos)
//	parser*.go  recursive descent over the tokens, with error recovery at ';'
//	printer.go  tree → SQL, so that parse(print(tree)) == tree
//	errors.go   diagnostics and the offset → line:col mapping
//
// Hive CLI commands (set, reset, add jar, list, dfs, source, !) are statements
// of their own kind: the Hive CLI, not the SQL grammar, reads them, and their
// text runs to the next ';' whatever it holds.
//
// Variables (${x}, ${hiveconf:x}, ${hivevar:x}, ${env:x}, ${system:x}) are kept
// as written, inside identifiers, literals and numbers alike, so that later
// stages can list and substitute them.
//
// The package knows nothing about jobs, files on hosts or translation.
package hiveql
