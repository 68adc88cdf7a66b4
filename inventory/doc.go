// Package inventory turns an estate into the job model of package ir: it
// lowers what the front ends read (crontab lines, Digdag workflows, shell
// scripts, HiveQL files) into jobs and steps with positions, inputs and
// outputs. Scanning whole estates, lineage, deduplication and the reports
// grow here too (see ../shared/DESIGN.md).
package inventory
