package emit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/plan"
)

// secretUse is a legacy step that connects with a Secrets Manager secret.
type secretUse struct {
	id           string
	configured   bool // named by the config's jdbc.secrets (it exists)
	url, user    string
	at           *ir.Loc // the legacy sqoop line
	passwordFile string  // --password-file on HDFS, to retire
}

// artifactUse is a jar or file a step loads.
type artifactUse struct {
	from, to string // as the legacy step named it; its S3 place
	at       string // the step
	job      string // the canonical job
}

// prerequisites are the review items of what must exist before the first
// run: the Secrets Manager secrets to create (with the legacy credentials
// they replace, and a warning when one account had several passwords),
// and the jars and files to upload to S3.
func (e *emitter) prerequisites() {
	e.secretItems()
	e.artifactItems()
	e.orderItems()
	e.locationItems()
	if e.cfg.Cluster == "" {
		e.review(&ReviewItem{Severity: "warning", Rule: "cluster",
			Message: "every emr> task runs on ${emr_cluster_id}, which nothing defines yet: set it in the Digdag project (_export: emr_cluster_id: j-…, or digdag params), or give cluster: in the config"})
	}
}

// locationItems compare, for each database, where the config's paths:
// put its tables' data (the legacy warehouse folder, mapped) with where
// its layer puts the database for the Glue Data Catalog: when they
// differ, the data copied by the path mapping is not where the tables
// will point.
func (e *emitter) locationItems() {
	type mismatch struct{ table, mapped, want string }
	byDB := map[string]mismatch{}
	for _, n := range e.inv.Lineage.Nodes {
		if n.Kind != "table" {
			continue
		}
		db, t, ok := strings.Cut(n.ID, ".")
		if !ok || byDB[db].table != "" {
			continue
		}
		if d := e.tableDefs()[n.ID]; d != nil && strings.Contains(strings.ToUpper(d.text), "LOCATION") {
			continue // its own LOCATION, mapped by the translation
		}
		dbLoc, ok := e.cfg.DatabaseLocation(db)
		if !ok {
			continue
		}
		legacy, _ := e.tableLocation(n.ID)
		mapped, ok := e.cfg.MapPath(legacy)
		want := strings.TrimSuffix(dbLoc, "/") + "/" + t
		if ok && strings.TrimSuffix(mapped, "/") != want {
			byDB[db] = mismatch{n.ID, mapped, want}
		}
	}
	for _, db := range sortedKeys(byDB) {
		m := byDB[db]
		e.review(&ReviewItem{Severity: "warning", Rule: "location-mismatch", Job: "ddl/" + plan.FileName(db) + ".sql",
			Message: fmt.Sprintf("paths: maps the legacy data of %s to %s, but the database's layer puts the table at %s: data copied by the path mapping is not where the Glue table points; make the two agree", m.table, m.mapped, m.want)})
	}
}

// orderItems say where a job's place in the waves rests on a guess: its
// inputs read from a program's arguments, or not known at all (the job
// is then in the last wave).
func (e *emitter) orderItems() {
	for _, u := range e.units {
		for _, st := range u.Leader.Steps {
			if st.Condition != "" {
				e.review(&ReviewItem{Severity: "warning", Job: u.Name, At: loc(st.InvokedAt), Rule: "conditional-step",
					Message: fmt.Sprintf("the legacy %s step ran only when `%s`; the migrated step runs every time: carry the condition over (a Digdag if> task) or confirm it does not matter", st.Kind, st.Condition)})
			}
			switch {
			case st.IOFromArgs:
				e.review(&ReviewItem{Severity: "warning", Job: u.Name, At: loc(st.Source), Rule: "lineage-from-args",
					Message: fmt.Sprintf("the %s step's tables were read from its arguments (reads %s; writes %s): check them, they order the job in the waves",
						st.Kind, orDefault(strings.Join(st.Inputs, ", "), "nothing"), orDefault(strings.Join(st.Outputs, ", "), "nothing"))})
			case opaqueKind(st.Kind) && len(st.Inputs) == 0 && u.Wave > 0:
				e.review(&ReviewItem{Severity: "warning", Job: u.Name, At: loc(st.Source), Rule: "unknown-inputs",
					Message: fmt.Sprintf("the %s step runs code sparkport cannot read and names no table or path it reads: the job is placed after every job it does not feed (wave %d); move it earlier once you know its inputs", st.Kind, u.Wave)})
			}
		}
	}
}

func opaqueKind(kind string) bool {
	switch kind {
	case ir.StepSparkSubmit, ir.StepMapReduce, ir.StepScript, ir.StepEmbulk, ir.StepUnknown, "python":
		return true
	}
	return false
}

func (e *emitter) secretItems() {
	byID := map[string][]secretUse{}
	for _, p := range e.plans {
		for _, s := range p.secretUses {
			byID[s.id] = append(byID[s.id], s)
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		uses := byID[id]
		var sources, files []string
		fps := map[string]bool{}
		seenAt, seenFile := map[string]bool{}, map[string]bool{}
		for _, u := range uses {
			f := e.fileAt(&ir.Loc{Host: u.at.Host, Path: u.at.Path})
			inline := false
			if f != nil {
				for _, sec := range f.Secrets {
					if sec.Fingerprint != "" {
						fps[sec.Fingerprint] = true
						inline = true
					}
				}
			}
			where := loc(u.at)
			if inline && !seenAt[where] {
				seenAt[where] = true
				sources = append(sources, where+" (password in the script)")
			}
			if u.passwordFile != "" && !seenFile[u.passwordFile] {
				seenFile[u.passwordFile] = true
				files = append(files, u.passwordFile)
			}
		}
		sort.Strings(sources)
		sort.Strings(files)
		var retire []string
		retire = append(retire, sources...)
		for _, pf := range files {
			retire = append(retire, "password file "+pf+" (on HDFS)")
		}
		u0 := uses[0]
		if !u0.configured {
			msg := fmt.Sprintf("create the AWS Secrets Manager secret %s (username and password of %s on %s) before the first run", id, orDefault(u0.user, "the legacy user"), u0.url)
			if len(retire) > 0 {
				msg += "; it replaces the legacy credentials at " + strings.Join(retire, ", ") + ", to retire once migrated"
			}
			e.review(&ReviewItem{Severity: "error", Rule: "create-secret", At: loc(u0.at), Message: msg})
		} else if len(retire) > 0 {
			e.review(&ReviewItem{Severity: "warning", Rule: "retire-credentials", At: loc(u0.at),
				Message: fmt.Sprintf("the secret %s replaces the legacy credentials at %s: retire them once migrated", id, strings.Join(retire, ", "))})
		}
		if len(fps) > 1 {
			e.review(&ReviewItem{Severity: "warning", Rule: "secret-mismatch", At: loc(u0.at),
				Message: fmt.Sprintf("the legacy scripts connecting as %s to %s hold %d different passwords (at %s): find the current one before creating %s", orDefault(u0.user, "the legacy user"), u0.url, len(fps), strings.Join(sources, ", "), id)})
		}
	}
}

func (e *emitter) artifactItems() {
	type agg struct {
		from map[string]bool
		jobs map[string]bool
		at   string
	}
	byTo := map[string]*agg{}
	for _, p := range e.plans {
		for _, a := range p.artifacts {
			g := byTo[a.to]
			if g == nil {
				g = &agg{from: map[string]bool{}, jobs: map[string]bool{}, at: a.at}
				byTo[a.to] = g
			}
			g.from[a.from] = true
			g.jobs[a.job] = true
		}
	}
	tos := make([]string, 0, len(byTo))
	for t := range byTo {
		tos = append(tos, t)
	}
	sort.Strings(tos)
	for _, to := range tos {
		g := byTo[to]
		from := keys(g.from)
		msg := fmt.Sprintf("upload %s to %s before the first run (loaded by %s)", strings.Join(from, " or "), to, strings.Join(keys(g.jobs), ", "))
		if !strings.HasPrefix(to, e.artifacts+"/") && !e.jarMapped(from) {
			msg += "; its S3 place comes from a data path mapping, not jars: or the artifacts prefix: map it under jars: unless the data copy brings it"
		}
		e.review(&ReviewItem{Severity: "error", Rule: "upload-artifact", At: g.at, Message: msg})
		e.uploads = append(e.uploads, &ArtifactToUpload{From: from, To: to, For: keys(g.jobs)})
	}
}

// jarMapped reports whether the config's jars: names one of the paths.
func (e *emitter) jarMapped(paths []string) bool {
	for _, p := range paths {
		if _, host, ok := strings.Cut(p, ":"); ok && strings.HasPrefix(host, "/") {
			p = host // host:/path as a local file is named /path in jars:
		}
		if _, ok := e.cfg.Jars[p]; ok {
			return true
		}
		if i := strings.LastIndexByte(p, '/'); i >= 0 {
			if _, ok := e.cfg.Jars[p[i+1:]]; ok {
				return true
			}
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
