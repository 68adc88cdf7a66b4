// Package digdagcheck runs Digdag on the workflows sparkport migrate wrote
// (digdag/*.dig) before anyone deploys them, for `sparkport verify
// --digdag`:
//
//  1. Digdag's own code (digdag-core, through the Java harness
//     scripts/setup-digdag builds) loads every workflow with its !include
//     files, compiles it into tasks, reads its schedule, resolves its call>
//     targets, and evaluates every operator task's ${...} at a set of
//     session times (a leap day, month and year ends, the days a daylight
//     saving clock changes), as a scheduled run would (harness.go);
//  2. each evaluated task is checked against what its operator needs
//     (emr> needs a staging folder, knows six step types and their keys)
//     and for ${...} Digdag left as text (check.go);
//  3. the values each emr> step passes (--hivevar NAME=VALUE) are compared
//     with the values the legacy job computed at the same time: a cron
//     job's own `date` words, run under faketime in the host's time zone
//     (legacy.go), or the legacy Digdag workflow evaluated by Digdag too;
//  4. the fire times Digdag computes for each schedule over a year are
//     compared with those of each legacy crontab line (cron.Schedule.Times
//     models cronie, daylight saving time included) or legacy Digdag
//     schedule, in the workflow's own zone and in a zone with daylight
//     saving time.
//
// Problems print as digdag/<job>.dig:LINE: error: message, and a run
// closes with "N workflows checked, M failed".
package digdagcheck
