// Package ir is the job model every stage after the front ends reads:
// files, jobs, steps, tables and paths, with positions back into the legacy
// files. It imports no other package of the project, so that the front ends
// lower into it and the inventory, translator and emitter read only it.
//
// Field names and JSON tags are those of inventory.json (../shared/DESIGN.md);
// changing one is changing a contract.
package ir

// Estate is everything read from one estate folder.
type Estate struct {
	Files []*File `json:"files"`
	Jobs  []*Job  `json:"jobs"`
}

// Size reports how big an estate is, for summaries.
type Size struct {
	Hosts int `json:"hosts"`
	Files int `json:"files"`
	Jobs  int `json:"jobs"`
	Steps int `json:"steps"`
}

// File kinds.
const (
	KindHiveQL   = "hiveql"
	KindSparkSQL = "sparksql"
	KindShell    = "shell"
	KindDigdag   = "digdag"
	KindCrontab  = "crontab"
	KindOther    = "other"
	KindBinary   = "binary"
)

// File statuses.
const (
	StatusParsed  = "parsed"
	StatusPartial = "partial" // some statements or lines failed; the rest was read
	StatusError   = "error"
	StatusIgnored = "ignored" // binary, empty, too large, unreadable: Reason says which
)

// File is one file of the estate, accounted for whatever it holds.
type File struct {
	Host        string        `json:"host"`
	Path        string        `json:"path"` // absolute path on its host
	Kind        string        `json:"kind"`
	Encoding    string        `json:"encoding"` // utf-8, shift_jis, euc-jp
	CRLF        bool          `json:"crlf,omitempty"`
	Status      string        `json:"status"`
	Reason      string        `json:"reason,omitempty"`
	Diagnostics []*Diagnostic `json:"diagnostics"`
	Secrets     []*Secret     `json:"secrets,omitempty"`
}

// Diagnostic is a message about a place in a file.
type Diagnostic struct {
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"` // error, warning, info
	Code     string `json:"code,omitempty"`
	Message  string `json:"message"`
}

// Secret is a credential found in a file: where and what kind, never the value.
type Secret struct {
	Line int    `json:"line"`
	Col  int    `json:"col"`
	What string `json:"what"`
	// Fingerprint is a hash of the value, to tell two passwords of one
	// account apart; it is never written.
	Fingerprint string `json:"-"`
}

// Loc is a place in a file of the estate.
type Loc struct {
	Host string `json:"host"`
	Path string `json:"path"`
	Line int    `json:"line"`
}

// Trigger kinds.
const (
	TriggerCron        = "cron"
	TriggerDigdag      = "digdag"
	TriggerCalled      = "called"
	TriggerUnscheduled = "unscheduled"
)

// Trigger is what starts a job.
type Trigger struct {
	Kind     string `json:"kind"`
	Spec     string `json:"spec,omitempty"`     // normalised cron, or the Digdag schedule as written
	Timezone string `json:"timezone,omitempty"` // Digdag timezone; cron runs in the host's
	// Written is a Digdag schedule as written (daily>: 04:40:00) when it is
	// not cron>: the same times as Spec on most days, but not the same
	// session_time (daily>'s is midnight) nor the same times on the days a
	// daylight saving clock changes, so a workflow keeping it writes it so.
	Written string `json:"written,omitempty"`
	At      *Loc   `json:"at,omitempty"` // the crontab line or the .dig schedule
	// Invalid says why the schedule as written (Spec) does not parse: the
	// job is kept, and a person must give it a schedule.
	Invalid string `json:"invalid,omitempty"`
}

// Job is a unit that runs on a schedule or on demand: a crontab line, a
// Digdag workflow, or a script nothing calls.
type Job struct {
	ID      string   `json:"id"`
	Host    string   `json:"host"`
	Trigger *Trigger `json:"trigger"`
	Steps   []*Step  `json:"steps"`
	Group   string   `json:"group,omitempty"`
	Dead    bool     `json:"dead"`
	Params  []*Param `json:"params,omitempty"`
	// Alerts are how the legacy job told people it failed: cron's MAILTO
	// (mailed when the command wrote output), a notifier command run on
	// failure. The migrated workflow's _error: replaces them.
	Alerts []*Alert `json:"alerts,omitempty"`
}

// Alert is one legacy failure notification.
type Alert struct {
	Kind string `json:"kind"` // mail (cron MAILTO), command
	To   string `json:"to"`   // the address, or the command line (redacted)
	At   *Loc   `json:"at"`   // where it is set
}

// Step kinds.
const (
	StepHiveSQL     = "hive-sql"
	StepSparkSQL    = "spark-sql"
	StepSqoopImport = "sqoop-import"
	StepSqoopExport = "sqoop-export"
	StepHDFS        = "hdfs"
	StepSparkSubmit = "spark-submit"
	StepMapReduce   = "mapreduce"
	StepEmbulk      = "embulk"
	StepScript      = "script"
	StepUnknown     = "unknown"
)

// Step is one thing a job does.
type Step struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Source    *Loc     `json:"source"`     // where the step's own text is
	InvokedAt *Loc     `json:"invoked_at"` // the cron line, Digdag task or script line that runs it
	Inputs    []string `json:"inputs"`     // tables as lower-case db.table, paths as URIs
	Outputs   []string `json:"outputs"`
	Group     string   `json:"group,omitempty"`
	// Statements are the byte ranges of the SQL statements the step runs,
	// in Source's file (or in the inline SQL text for hive -e and heredocs).
	Statements []Range  `json:"statements,omitempty"`
	Params     []*Param `json:"params,omitempty"`
	Args       []string `json:"args,omitempty"` // the command line, secrets redacted
	// SQL is the text the step runs (decoded, as in the file), for the
	// stages after the inventory; it is not part of inventory.json.
	SQL string `json:"-"`
	// ShellVars are the script's variables the shell substituted into the
	// step's inline SQL (a double-quoted hive -e text): the SQL holds them
	// as ${NAME}, and the migrated step must pass their values itself.
	ShellVars []string `json:"shell_vars,omitempty"`
	// Condition is the shell if test the legacy command ran under ("" when
	// it always ran), as written: the migrated step runs every time.
	Condition string `json:"condition,omitempty"`
	// AssumedDir is the working directory a relative path of the step was
	// resolved from when it was not the script's own folder (a person
	// checks it).
	AssumedDir string `json:"assumed_dir,omitempty"`
	// Calls is the job a call>/require> step runs (host:/path/flow.dig),
	// when it is in the estate: the step is the same as another only when
	// what it calls is.
	Calls string `json:"calls,omitempty"`
	// IOFromArgs is set when the inputs and outputs of a step running code
	// sparkport cannot read (spark-submit, hadoop jar) were taken from its
	// arguments by convention (--input db.t): to check.
	IOFromArgs bool `json:"io_from_args,omitempty"`
	// Missing is set when the file the step runs is not in the estate.
	Missing bool `json:"missing,omitempty"`
	// Complexity is a rough size of the step's SQL (statements, joins,
	// subqueries, windows); 0 for other steps.
	Complexity int `json:"complexity,omitempty"`
	// Translation is how the SQL translates to Spark: auto, warnings or
	// manual (empty for other steps, and when not assessed).
	Translation string `json:"translation,omitempty"`
	// Rules are the translator's rules that warned about the step or left
	// it to a person (SPnnn codes, sorted; info findings are not listed).
	Rules []string `json:"rules,omitempty"`
}

// RunsSQL reports whether the step runs HiveQL or Spark SQL text.
func (s *Step) RunsSQL() bool { return s.Kind == StepHiveSQL || s.Kind == StepSparkSQL }

// Range is a byte range [From, To) of a text.
type Range struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// Param is a value a job or step takes from outside (a positional argument,
// an environment variable, a Digdag variable) or derives from the run date.
type Param struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"` // positional, env, date, digdag
	Default string `json:"default,omitempty"`
	Base    string `json:"base,omitempty"`   // date: run_date or another parameter
	Offset  string `json:"offset,omitempty"` // date: "-1 day"
	Format  string `json:"format,omitempty"` // date: strftime format
	// Source is a date's shell word as the script wrote it
	// ($(date -d '1 day ago' +%Y%m%d)), which verify --digdag runs.
	Source string `json:"source,omitempty"`
}

// Group relations.
const (
	RelIdentical  = "identical"
	RelEquivalent = "equivalent"
	RelParametric = "parametric"
	RelNear       = "near"
)

// Group is a set of steps (or jobs) that are the same in some sense.
type Group struct {
	ID       string              `json:"id"`
	Of       string              `json:"of"` // "steps" or "jobs"
	Relation string              `json:"relation"`
	Members  []string            `json:"members"`
	Params   map[string][]string `json:"params,omitempty"` // parametric: member id → values that differ
	Parent   string              `json:"parent,omitempty"`
	// Similarity is, for near groups, the lowest similarity (0–1) of the
	// canonical token streams of two members.
	Similarity float64 `json:"similarity,omitempty"`
}

// Lineage is the estate's data flow: tables and paths as nodes, steps
// reading and writing them as edges.
type Lineage struct {
	Nodes []*Node `json:"nodes"`
	Edges []*Edge `json:"edges"`
}

// Node is a table (db.table), a source table (jdbc:…) or a path (URI).
type Node struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`            // table, jdbc, path
	Owner string `json:"owner,omitempty"` // path: the table whose location holds it
}

// Edge is one step reading (node → step) or writing (step → node) a node.
type Edge struct {
	Step string `json:"step"`
	Job  string `json:"job"`
	Node string `json:"node"`
	Dir  string `json:"dir"` // read, write
}
