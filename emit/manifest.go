package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
)

// ManifestFile is the name of the manifest in the output folder.
const ManifestFile = "manifest.json"

// ManifestSchema is the version of manifest.json's shape; fields are only
// added within a version.
const ManifestSchema = 1

// Manifest maps every legacy job to what replaces it, and lists every
// emitted file with its content hash.
type Manifest struct {
	Schema int    `json:"schema"`
	Estate string `json:"estate"`
	// Timezone is the legacy servers' time zone (the config's): the run
	// dates of emr/*.template.json are calendar dates there.
	Timezone string `json:"timezone,omitempty"`
	// HiveVersion is the legacy Hive (the config's hive_version): verify
	// --against-hive tells Hive 4.1's differences from the estate's.
	HiveVersion string            `json:"hive_version,omitempty"`
	Summary     *ManifestSummary  `json:"summary"`
	Jobs        []*JobEntry       `json:"jobs"`
	Canonical   []*CanonicalEntry `json:"canonical"`
	Secrets     []*SecretToCreate `json:"secrets_to_create"`
	// Artifacts are the jars and files to copy to S3 before the first run.
	Artifacts []*ArtifactToUpload `json:"artifacts_to_upload"`
	Files     []*FileEntry        `json:"files"`
}

// ArtifactToUpload is a jar or file the migrated steps load from S3.
type ArtifactToUpload struct {
	From []string `json:"from"` // where the legacy jobs loaded it (host:/path, hdfs://…)
	To   string   `json:"to"`
	For  []string `json:"for"` // the canonical jobs loading it
}

// ManifestSummary counts what the migration did.
type ManifestSummary struct {
	LegacyJobs int `json:"legacy_jobs"`
	Canonical  int `json:"canonical_jobs"`
	Merged     int `json:"merged_jobs"`   // legacy jobs replaced by another job's canonical job
	Dead       int `json:"dead_jobs"`     // left out as dead (drop_dead)
	Possibly   int `json:"possibly_dead"` // migrated, though the lineage finds them dead
	Empty      int `json:"empty_jobs"`
	Auto       int `json:"canonical_auto"`
	Warnings   int `json:"canonical_with_warnings"`
	Manual     int `json:"canonical_manual"`
	Review     int `json:"review_items"`
	// AfterMerge is the inventory's count of jobs once every job group is
	// one job; Split is how many canonical jobs more than that count came
	// from groups whose merge was refused (each a merge-refused review
	// item). Unless dead jobs are left out, Canonical + Empty = AfterMerge
	// + Split: emit merges what the inventory grouped.
	AfterMerge int `json:"inventory_jobs_after_merge"`
	Split      int `json:"canonical_from_refused_merges"`
}

// Job statuses in the manifest.
const (
	JobMigrated = "migrated" // leads its canonical job
	JobMerged   = "merged"   // replaced by the canonical job another job leads
	JobDead     = "dead"     // writes nothing anyone reads: left out, as the config asked (drop_dead)
	JobEmpty    = "empty"    // runs nothing sparkport could see
)

// JobEntry is one legacy job's fate.
type JobEntry struct {
	ID         string `json:"id"`
	Status     string `json:"status"`
	ReplacedBy string `json:"replaced_by,omitempty"`
	Run        string `json:"run,omitempty"`
	Reason     string `json:"reason,omitempty"`
	// PossiblyDead marks a migrated job the lineage finds dead: it writes
	// only tables nothing in the estate reads (see review.md).
	PossiblyDead bool `json:"possibly_dead,omitempty"`
}

// CanonicalEntry is one emitted job.
type CanonicalEntry struct {
	Name        string       `json:"name"`
	Relation    string       `json:"relation,omitempty"`
	Group       string       `json:"group,omitempty"`
	Leader      string       `json:"leader"`
	Members     []string     `json:"members"`
	Wave        int          `json:"wave,omitempty"`
	Translation string       `json:"translation"` // auto, warnings, manual
	Variables   []string     `json:"variables,omitempty"`
	Runs        []*RunEntry  `json:"runs"`
	Steps       []*StepEntry `json:"steps"`
	Rules       []string     `json:"rules,omitempty"`
	Files       []string     `json:"files"`
}

// RunEntry is one set of variable values.
type RunEntry struct {
	Name    string            `json:"name,omitempty"`
	Values  map[string]string `json:"values,omitempty"`
	Members []string          `json:"members"`
	Trigger string            `json:"trigger"`
	// Workflow is the digdag/ file that runs it ("" when none was written).
	Workflow string `json:"workflow,omitempty"`
}

// StepEntry is what one legacy step became.
type StepEntry struct {
	Index  int         `json:"index"`
	Kind   string      `json:"kind"`
	Legacy string      `json:"legacy"` // host:path:line
	Form   string      `json:"form"`   // emr, call, keep, fail
	Files  []string    `json:"files,omitempty"`
	Reason string      `json:"reason,omitempty"`
	Params []*ir.Param `json:"params,omitempty"` // run-time values the EMR args name as ${NAME}
}

// SecretToCreate is a Secrets Manager secret the emitted JDBC steps read
// and the config did not name: someone must create it.
type SecretToCreate struct {
	ID  string `json:"id"`
	For string `json:"for"`
}

// FileEntry is one emitted file.
type FileEntry struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
}

// JSON is manifest.json, indented, in a stable order.
func (m *Manifest) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// manifest maps the legacy jobs to the canonical ones; its file list is
// added by hashFiles once every other file is written.
func (e *emitter) manifest() *Manifest {
	m := &Manifest{Schema: ManifestSchema, Estate: e.inv.Estate, Timezone: e.cfg.TimeZone, HiveVersion: e.cfg.HiveVersion, Summary: &ManifestSummary{}}
	// runOf is the run each migrated job is a member of (the last one
	// listing it, as a unit's runs are in order).
	runOf := map[string]string{}
	for _, u := range e.units {
		for _, r := range u.Runs {
			for _, x := range r.Members {
				if e.byJob[x.ID] == u {
					runOf[x.ID] = r.Name
				}
			}
		}
	}
	for _, j := range e.inv.Jobs {
		je := &JobEntry{ID: j.ID}
		switch u := e.byJob[j.ID]; {
		case j.Dead && u == nil && e.cfg.DropDead:
			je.Status, je.Reason = JobDead, "left out as asked (drop_dead): "+deadEvidence(j)
			m.Summary.Dead++
		case u == nil:
			je.Status, je.Reason = JobEmpty, "runs no step sparkport could see (see the inventory's diagnostics)"
			m.Summary.Empty++
		default:
			je.ReplacedBy = u.Name
			je.Status = JobMigrated
			if j.Dead {
				je.PossiblyDead = true
				m.Summary.Possibly++
			}
			if u.Leader.ID != j.ID {
				je.Status = JobMerged
				m.Summary.Merged++
				je.Reason = fmt.Sprintf("%s with %s", orDefault(u.Relation, "merged"), u.Leader.ID)
			}
			je.Run = runOf[j.ID]
		}
		m.Jobs = append(m.Jobs, je)
	}
	m.Summary.LegacyJobs = len(e.inv.Jobs)
	if e.inv.Summary != nil {
		m.Summary.AfterMerge = e.inv.Summary.Replaceable
	}
	// A group split into k canonical jobs adds k-1: k is its refused units
	// (splitFrom) plus the unit its other runs merged into (group), if any.
	refused, merged := map[*ir.Group]int{}, map[*ir.Group]int{}
	for _, u := range e.units {
		if u.SplitFrom != nil {
			refused[u.SplitFrom]++
		} else if u.Group != nil {
			merged[u.Group]++
		}
	}
	for g, n := range refused {
		m.Summary.Split += n + merged[g] - 1
	}
	secrets := map[string]string{}
	for _, p := range e.plans {
		u := p.u
		ce := &CanonicalEntry{Name: u.Name, Relation: u.Relation, Leader: u.Leader.ID, Wave: u.Wave, Translation: p.verdict,
			Variables: u.Params, Rules: p.rules, Runs: []*RunEntry{}, Steps: []*StepEntry{}}
		if u.Group != nil {
			ce.Group = u.Group.ID
		}
		for _, x := range u.Members {
			ce.Members = append(ce.Members, x.ID)
		}
		for _, r := range u.Runs {
			re := &RunEntry{Name: r.Name, Trigger: triggerText(r.Timing.Trigger), Workflow: e.workflows[r]}
			if len(u.Params) > 0 {
				re.Values = map[string]string{}
				for i, n := range u.Params {
					re.Values[n] = r.Values[i]
				}
			}
			for _, x := range r.Members {
				re.Members = append(re.Members, x.ID)
			}
			ce.Runs = append(ce.Runs, re)
		}
		for _, sp := range p.steps {
			se := &StepEntry{Index: sp.index, Kind: sp.t.Step.Kind, Legacy: loc(sp.t.Step.Source), Form: sp.form, Files: sp.sql, Reason: sp.manual}
			if sp.form == asEMR {
				se.Params = sp.params
			}
			ce.Steps = append(ce.Steps, se)
		}
		ce.Files = append(ce.Files, p.outputs...)
		for _, sp := range p.steps {
			ce.Files = append(ce.Files, sp.sql...)
		}
		sort.Strings(ce.Files)
		switch p.verdict {
		case "auto":
			m.Summary.Auto++
		case "warnings":
			m.Summary.Warnings++
		default:
			m.Summary.Manual++
		}
		m.Canonical = append(m.Canonical, ce)
		for id, url := range p.secrets {
			secrets[id] = url
		}
	}
	m.Summary.Canonical = len(m.Canonical)
	m.Summary.Review = len(e.items)
	for _, id := range sortedKeys(secrets) {
		m.Secrets = append(m.Secrets, &SecretToCreate{ID: id, For: secrets[id]})
	}
	if m.Jobs == nil {
		m.Jobs = []*JobEntry{}
	}
	if m.Canonical == nil {
		m.Canonical = []*CanonicalEntry{}
	}
	if m.Secrets == nil {
		m.Secrets = []*SecretToCreate{}
	}
	m.Artifacts = e.uploads
	if m.Artifacts == nil {
		m.Artifacts = []*ArtifactToUpload{}
	}
	return m
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// ReviewItem is one thing a person must do or check before the migration
// is deployed.
type ReviewItem struct {
	Severity string `json:"severity"` // error: must be done; warning: must be checked
	Job      string `json:"job,omitempty"`
	At       string `json:"at,omitempty"` // host:path:line[:col] in the estate
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

// dedupeReview drops items said twice (one statement reported through
// two steps that run it): items must be sorted.
func dedupeReview(items []*ReviewItem) []*ReviewItem {
	out := items[:0]
	for i, it := range items {
		if i > 0 {
			p := items[i-1]
			if p.Severity == it.Severity && p.Job == it.Job && p.At == it.At && p.Rule == it.Rule && p.Message == it.Message {
				continue
			}
		}
		out = append(out, it)
	}
	return out
}

func sortReview(items []*ReviewItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Severity != b.Severity {
			return a.Severity == "error"
		}
		if a.Job != b.Job {
			return a.Job < b.Job
		}
		if a.At != b.At {
			return a.At < b.At
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// reviewMarkdown is report/review.md: everything that needs a person, in
// one place, with where in the estate.
func reviewMarkdown(items []*ReviewItem, inv *inventory.Inventory) string {
	var b strings.Builder
	b.WriteString("# Review list\n\n")
	errs, warns := 0, 0
	for _, it := range items {
		if it.Severity == "error" {
			errs++
		} else {
			warns++
		}
	}
	fmt.Fprintf(&b, "%s must be done before deploying, %d must be checked. Secrets found in the estate: %d (their values appear nowhere in this output).\n", plural(errs, "item", "items"), warns, len(inv.Secrets))
	for _, sec := range []struct{ sev, title string }{{"error", "Must be done"}, {"warning", "Must be checked"}} {
		fmt.Fprintf(&b, "\n## %s\n\n", sec.title)
		n := 0
		for _, it := range items {
			if it.Severity != sec.sev {
				continue
			}
			if n == 0 {
				b.WriteString("| job | where | rule | what |\n|---|---|---|---|\n")
			}
			n++
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdCell(it.Job), mdCell(it.At), mdCell(it.Rule), mdCell(it.Message))
		}
		if n == 0 {
			b.WriteString("Nothing.\n")
		}
	}
	if len(inv.Secrets) > 0 {
		b.WriteString("\n## Secrets found in the legacy estate\n\nMove each to AWS Secrets Manager; rotate it, since it was in a file.\n\n")
		for _, s := range inv.Secrets {
			fmt.Fprintf(&b, "- %s:%s:%d: %s found\n", s.Host, s.Path, s.Line, s.What)
		}
	}
	return b.String()
}

func mdCell(s string) string { return mdCellEscaper.Replace(s) }

// The escapers are built once: building a Replacer costs more than most
// of the calls that use it.
var mdCellEscaper = strings.NewReplacer("|", `\|`, "\n", " ")

// plural is "1 item" or "2 items".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
