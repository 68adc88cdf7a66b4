// Package shell reads shell scripts with mvdan.cc/sh/v3/syntax and extracts
// the commands that matter to a migration — hive, beeline, spark-sql,
// spark-submit, sqoop, hadoop fs / hdfs dfs, hadoop jar, embulk, digdag,
// python, mysql, and calls to other scripts — with their arguments after
// variable resolution.
//
// Variables are followed the way the script would set them: assignments,
// export and local, positional defaults (${1:-x}), literal for-loops and
// simple functions. A value derived from the run date (date -d '1 day ago'
// +%Y%m%d) becomes a Param, not a frozen date. What cannot be resolved stays
// symbolic (${NAME}) and is listed, never guessed.
//
// Secrets (passwords and keys on command lines, in variables or in JDBC
// URLs) are recorded as found at line:col and replaced by Redacted in every
// value the package returns. No secret value leaves this package.
package shell
