// Package verify runs what sparkport wrote on a real Spark, so that "auto"
// is a result and not a claim.
//
// For a migrate output it
//
//  1. reads the EMR wave files (emr/wave-N[.template].json), fills their
//     run-time values as emr-fill would for one run time, and turns each
//     `spark-sql -f … --hivevar k=v` step into the statements of its SQL
//     file, with the values that step passes (plan.go);
//  2. builds the catalog those statements need: the output's ddl/, the
//     user's --schema files, and, for tables defined nowhere, columns
//     inferred from how the SQL uses them (schema.go), every S3 or HDFS
//     location moved into a local scratch warehouse (remap.go);
//  3. fills every table with a few deterministic rows whose partition and
//     key values are the ones the runs select (data.go);
//  4. runs every statement in wave order, one session reset per step, and
//     reports each failure as FILE:LINE with Spark's error class (run.go).
//
// The engine is any Spark Connect server (connect.go); `--spark local`
// starts one from the Spark that scripts/setup-spark installs (local.go).
// Nothing here depends on Spark for its decisions: the plan, the catalog
// and the data are computed from the output alone and are tested without
// an engine.
package verify
