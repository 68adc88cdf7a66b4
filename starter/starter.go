// Package starter writes a first sparkport.yaml from an inventory: the
// facts of the estate a config must speak to (the HDFS and local path
// prefixes its jobs use, its databases and their likely layers, the jars
// and files its scripts name, its JDBC connections, its time zones), each
// with where it was seen, and placeholder S3 prefixes the user replaces.
// It reads the inventory and writes text; it never reads a credential.
package starter

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/internal/textenc"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/cron"
	"github.com/sparkport/sparkport/translate"
)

// Placeholder marks every S3 prefix the starter config invents; migrate
// reports a config that still holds it.
const Placeholder = translate.Placeholder

// Options are what Config needs beside the inventory.
type Options struct {
	// EstateDir is the estate folder, to read crontabs' time zones again.
	EstateDir string
}

// seen is one fact with how often and where it was first seen.
type seen struct {
	count int
	at    string // host:path:line of the first sighting (in sorted order)
}

func (s *seen) add(at string) {
	at = oneLine(at)
	if s.count == 0 || at < s.at {
		s.at = at
	}
	s.count++
}

type facts struct {
	paths     map[string]*seen // legacy path prefix → sightings
	jars      map[string]*seen // jar or file as named
	jdbc      map[string]*seen // connection URL without credentials
	timezones map[string]*seen
	dbs       map[string]*dbFacts
}

type dbFacts struct {
	written, read, imported int
	tables                  map[string]bool
	finalTables             int // written and read by no job
}

// Config returns the starter config for inv.
func Config(inv *inventory.Inventory, opts Options) []byte {
	f := gather(inv, opts)
	return render(inv, f)
}

func gather(inv *inventory.Inventory, opts Options) *facts {
	f := &facts{paths: map[string]*seen{}, jars: map[string]*seen{}, jdbc: map[string]*seen{}, timezones: map[string]*seen{}, dbs: map[string]*dbFacts{}}
	db := func(table string) *dbFacts {
		name, _, ok := strings.Cut(table, ".")
		if !ok {
			name = "default"
		}
		d := f.dbs[name]
		if d == nil {
			d = &dbFacts{tables: map[string]bool{}}
			f.dbs[name] = d
		}
		d.tables[table] = true
		return d
	}
	readers := map[string]bool{}
	writers := map[string]bool{}
	cfg := translate.DefaultConfig()
	translated := map[string][]translate.UnmappedPath{}
	for _, j := range inv.Jobs {
		if j.Trigger != nil && j.Trigger.Timezone != "" {
			addSeen(f.timezones, j.Trigger.Timezone, loc(j.Trigger.At))
		}
		for _, st := range j.Steps {
			at := loc(st.InvokedAt)
			for _, in := range st.Inputs {
				switch {
				case isTable(in):
					d := db(in)
					d.read++
					readers[in] = true
				case strings.HasPrefix(in, "jdbc:"):
					addSeen(f.jdbc, jdbcConnection(in), at)
				default:
					addPath(f.paths, in, at)
				}
			}
			for _, out := range st.Outputs {
				switch {
				case isTable(out):
					d := db(out)
					d.written++
					if st.Kind == ir.StepSqoopImport {
						d.imported++
					}
					writers[out] = true
				case strings.HasPrefix(out, "jdbc:"):
					addSeen(f.jdbc, jdbcConnection(out), at)
				default:
					addPath(f.paths, out, at)
				}
			}
			for _, a := range artifactArgs(st) {
				addSeen(f.jars, a, at)
			}
			if st.SQL == "" || st.Source == nil {
				continue
			}
			un, ok := translated[st.SQL]
			if !ok {
				un = translate.Translate(st.Source.Path, []byte(st.SQL), cfg, translate.Options{}).Unmapped
				translated[st.SQL] = un
			}
			for _, u := range un {
				where := fmt.Sprintf("%s:%s:%d", st.Source.Host, st.Source.Path, st.Source.Line+u.Line-1)
				if u.Kind == "path" {
					addPath(f.paths, u.Path, where)
				} else {
					addSeen(f.jars, u.Path, where)
				}
			}
		}
	}
	for t := range writers {
		if !readers[t] {
			db(t).finalTables++
		}
	}
	for _, file := range inv.Files {
		if file.Kind != ir.KindCrontab || opts.EstateDir == "" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(opts.EstateDir, file.Host, filepath.FromSlash(file.Path)))
		if err != nil {
			continue
		}
		form := cron.UserForm
		if strings.HasPrefix(file.Path, "/etc/") {
			form = cron.SystemForm
		}
		for _, e := range cron.Parse(textenc.Decode(raw).Text, form).Env {
			if e.Name == "CRON_TZ" || e.Name == "TZ" {
				addSeen(f.timezones, e.Value, fmt.Sprintf("%s:%s:%d", file.Host, file.Path, e.Line))
			}
		}
	}
	return f
}

func addSeen(m map[string]*seen, key, at string) {
	if key == "" {
		return
	}
	s := m[key]
	if s == nil {
		s = &seen{}
		m[key] = s
	}
	s.add(at)
}

// addPath records the static part of a legacy path (up to its first
// variable, glob or partition folder), as the scripts name it: the
// inventory's hdfs:///x and file:///x become /x again, since path
// mappings match the text of the scripts.
func addPath(m map[string]*seen, p, at string) {
	for _, pre := range []string{"hdfs://", "file://"} {
		if rest, ok := strings.CutPrefix(p, pre); ok && strings.HasPrefix(rest, "/") {
			p = rest
		}
	}
	// hdfs://namenode:8020/x is /x on that cluster, and a mapping of /x
	// covers it: one mapping per folder, whatever the URI.
	if rest, ok := strings.CutPrefix(p, "hdfs://"); ok {
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			p = rest[i:]
		}
	}
	if strings.HasPrefix(p, "s3://") || strings.HasPrefix(p, "s3a://") || strings.HasPrefix(p, "s3n://") {
		return // already on S3: nothing to map
	}
	if !strings.HasPrefix(p, "/") && !strings.Contains(p, "://") {
		return // relative, or a variable: not a prefix to map
	}
	addSeen(m, staticPart(p), at)
}

// staticPart cuts p before the first element holding a variable, a glob
// or a partition (k=v), and drops a file name's element.
func staticPart(p string) string {
	scheme := ""
	if i := strings.Index(p, "://"); i >= 0 {
		j := strings.Index(p[i+3:], "/")
		if j < 0 {
			return p
		}
		scheme, p = p[:i+3+j], p[i+3+j:]
	}
	parts := strings.Split(strings.Trim(p, "/"), "/")
	var keep []string
	for _, part := range parts {
		if part == "" || strings.ContainsAny(part, "$*?[{=`") || strings.Contains(part, "..") {
			break
		}
		keep = append(keep, part)
	}
	if len(keep) == len(parts) && len(keep) > 1 && strings.Contains(keep[len(keep)-1], ".") && !strings.HasSuffix(keep[len(keep)-1], ".db") {
		keep = keep[:len(keep)-1] // a file name
	}
	return scheme + "/" + strings.Join(keep, "/")
}

func isTable(s string) bool { return !strings.Contains(s, ":") && !strings.Contains(s, "/") }

// jdbcConnection keeps scheme, host, port and database of a JDBC URL (as
// the inventory writes it: jdbc:mysql://host:port/db.table): never a user
// or a password.
func jdbcConnection(u string) string {
	rest, ok := strings.CutPrefix(u, "jdbc:")
	if !ok {
		return ""
	}
	scheme, hostPath, ok := strings.Cut(rest, "://")
	if !ok {
		return ""
	}
	if i := strings.LastIndex(hostPath, "@"); i >= 0 {
		hostPath = hostPath[i+1:]
	}
	host, dbTable, _ := strings.Cut(hostPath, "/")
	db, _, _ := strings.Cut(dbTable, ".")
	db, _, _ = strings.Cut(db, "?")
	db, _, _ = strings.Cut(db, ";")
	// One server however the scripts spell it (case, default port).
	return translate.NormalizeJDBC("jdbc:" + scheme + "://" + host + "/" + db)
}

// artifactArgs are the jars and files a command step names: spark-submit's
// application and --jars/--files/--py-files, hadoop jar's jar.
func artifactArgs(st *ir.Step) []string {
	var out []string
	a := st.Args
	switch st.Kind {
	case ir.StepSparkSubmit:
		for i := 1; i < len(a); i++ {
			switch {
			case a[i] == "--jars" || a[i] == "--files" || a[i] == "--py-files" || a[i] == "--archives":
				if i+1 < len(a) {
					out = append(out, strings.Split(a[i+1], ",")...)
					i++
				}
			case strings.HasPrefix(a[i], "--"):
				if !strings.Contains(a[i], "=") && i+1 < len(a) && !strings.HasPrefix(a[i+1], "--") && a[i] != "--verbose" && a[i] != "--supervise" {
					i++
				}
			case strings.HasSuffix(a[i], ".jar") || strings.HasSuffix(a[i], ".py"):
				return append(out, a[i]) // the application: its own arguments follow
			}
		}
	case ir.StepMapReduce:
		for i := 0; i+1 < len(a); i++ {
			if a[i] == "jar" {
				return append(out, a[i+1])
			}
		}
	}
	return out
}

func loc(l *ir.Loc) string {
	if l == nil {
		return ""
	}
	return fmt.Sprintf("%s:%s:%d", l.Host, l.Path, l.Line)
}

// prefixGroup is a path prefix to map and the paths it covers.
type prefixGroup struct {
	prefix string
	count  int
	at     string
	paths  int
}

// groupPaths groups the static path parts by their first two elements and
// keeps the deepest prefix common to each group, at most three elements
// deep: a mapping per data area (/user/hive/warehouse, /data/lake), not
// per table.
func groupPaths(m map[string]*seen) []*prefixGroup {
	byKey := map[string][]string{}
	for p := range m {
		byKey[groupKey(p)] = append(byKey[groupKey(p)], p)
	}
	var out []*prefixGroup
	for _, ps := range byKey {
		sort.Strings(ps)
		common := ps[0]
		for _, p := range ps[1:] {
			common = commonDir(common, p)
		}
		common = clip(common, 3)
		g := &prefixGroup{prefix: common, paths: len(ps)}
		for _, p := range ps {
			s := m[p]
			g.count += s.count
			if g.at == "" || s.at < g.at {
				g.at = s.at
			}
		}
		out = append(out, g)
	}
	return mergeSiblings(out)
}

// mergeSiblings replaces four or more groups under one parent folder
// (/tmp/batch-001, /tmp/batch-002, …: one per host or per team) by the
// parent: one mapping the user edits instead of hundreds.
func mergeSiblings(gs []*prefixGroup) []*prefixGroup {
	for {
		byParent := map[string][]*prefixGroup{}
		for _, g := range gs {
			byParent[parentOf(g.prefix)] = append(byParent[parentOf(g.prefix)], g)
		}
		merged := false
		var out []*prefixGroup
		used := map[*prefixGroup]bool{}
		for parent, kids := range byParent {
			_, rest := splitScheme(parent)
			if len(kids) < 4 || rest == "/" {
				continue
			}
			m := &prefixGroup{prefix: parent}
			for _, k := range kids {
				used[k] = true
				m.count += k.count
				m.paths += k.paths
				if m.at == "" || k.at < m.at {
					m.at = k.at
				}
			}
			out = append(out, m)
			merged = true
		}
		for _, g := range gs {
			if !used[g] {
				out = append(out, g)
			}
		}
		gs = out
		if !merged {
			break
		}
	}
	// A group under another one is covered by it.
	sort.Slice(gs, func(i, j int) bool { return gs[i].prefix < gs[j].prefix })
	var out []*prefixGroup
	for _, g := range gs {
		if n := len(out); n > 0 && underPrefix(g.prefix, out[n-1].prefix) {
			out[n-1].count += g.count
			out[n-1].paths += g.paths
			if g.at < out[n-1].at {
				out[n-1].at = g.at
			}
			continue
		}
		out = append(out, g)
	}
	return out
}

func parentOf(p string) string {
	scheme, rest := splitScheme(p)
	rest = strings.TrimSuffix(rest, "/")
	i := strings.LastIndex(rest, "/")
	if i <= 0 {
		return scheme + "/"
	}
	return scheme + rest[:i]
}

func underPrefix(p, pre string) bool {
	return p == pre || strings.HasPrefix(p, strings.TrimSuffix(pre, "/")+"/")
}

func splitScheme(p string) (scheme, rest string) {
	if i := strings.Index(p, "://"); i >= 0 {
		j := strings.Index(p[i+3:], "/")
		if j < 0 {
			return p, "/"
		}
		return p[:i+3+j], p[i+3+j:]
	}
	return "", p
}

func groupKey(p string) string {
	scheme, rest := splitScheme(p)
	parts := strings.Split(strings.Trim(rest, "/"), "/")
	if len(parts) > 2 {
		parts = parts[:2]
	}
	return scheme + "/" + strings.Join(parts, "/")
}

func commonDir(a, b string) string {
	sa, ra := splitScheme(a)
	sb, rb := splitScheme(b)
	if sa != sb {
		return "/"
	}
	pa := strings.Split(strings.Trim(ra, "/"), "/")
	pb := strings.Split(strings.Trim(rb, "/"), "/")
	n := 0
	for n < len(pa) && n < len(pb) && pa[n] == pb[n] {
		n++
	}
	return sa + "/" + strings.Join(pa[:n], "/")
}

func clip(p string, depth int) string {
	scheme, rest := splitScheme(p)
	parts := strings.Split(strings.Trim(rest, "/"), "/")
	if len(parts) > depth {
		parts = parts[:depth]
	}
	return scheme + "/" + strings.Join(parts, "/")
}

// layerOf guesses a database's layer from its name, then from where its
// tables sit in the lineage.
func layerOf(name string, d *dbFacts) (layer, why string) {
	n := strings.ToLower(name)
	for _, c := range []struct{ layer, words string }{
		{"lake", "lake raw ods src source stg staging landing ingest import ext"},
		{"mart", "mart report bi dm ads app dash kpi"},
		{"warehouse", "dwh dw warehouse dim fact edw core dws dwd"},
	} {
		for _, w := range strings.Fields(c.words) {
			if n == w || strings.HasPrefix(n, w+"_") || strings.HasSuffix(n, "_"+w) || strings.Contains(n, w) && len(w) >= 4 {
				return c.layer, "its name"
			}
		}
	}
	switch {
	case d.imported > 0 && d.imported == d.written:
		return "lake", "lineage: loaded by sqoop imports only"
	case d.written == 0:
		return "lake", "lineage: read, never written by a job"
	case d.finalTables == len(d.tables):
		return "mart", "lineage: no job reads its tables"
	}
	return "warehouse", "lineage: written and read by jobs"
}

func render(inv *inventory.Inventory, f *facts) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# sparkport.yaml: a starter config written by `sparkport init` from the estate %q\n", inv.Estate)
	w("# (%d hosts, %d files, %d jobs). Edit it, then run\n", inv.Summary.Hosts, inv.Summary.Files, inv.Summary.Jobs)
	w("#   sparkport migrate ESTATE -o out --config sparkport.yaml\n")
	w("# Every S3 prefix below holding %q is a placeholder: migrate lists the ones left\n", Placeholder)
	w("# in report/review.md. The keys are documented in sparkport's README (\"Translation config\").\n\n")

	w("# Versions: the Spark on EMR you target, and the Hive the legacy servers run\n")
	w("# (some defaults changed across Hive versions: check yours with `hive --version`).\n")
	w("spark_version: \"3.5\"\n")
	w("hive_version: \"1.2\"\n\n")

	w("# The time zone the legacy Hive servers ran in (their JVM default): date and\n")
	w("# time functions depend on it. Time zones the estate names:\n")
	tzs := sortedKeys(f.timezones)
	for _, tz := range tzs {
		s := f.timezones[tz]
		w("#   %s (%s, first at %s)\n", oneLine(tz), times(s.count), s.at)
	}
	switch {
	case len(tzs) == 0:
		w("#   none: no crontab sets CRON_TZ or TZ and no workflow sets timezone.\n")
		w("# timezone: Asia/Tokyo\n\n")
	default:
		best := tzs[0]
		for _, tz := range tzs {
			if f.timezones[tz].count > f.timezones[best].count {
				best = tz
			}
		}
		w("timezone: %s\n\n", yamlString(best))
	}

	w("# Where sparkport's sql/ and validate/ folders are uploaded; EMR steps read them there.\n")
	w("artifacts: s3://%s-artifacts/sparkport\n\n", Placeholder)

	w("# Legacy path prefixes (HDFS and local) the jobs read and write, mapped to S3.\n")
	w("# The longest matching prefix wins; a path no prefix covers makes its step\n")
	w("# \"needs a person\" (SP011), never a silent pass-through.\n")
	groups := groupPaths(f.paths)
	dbNames := make([]string, 0, len(f.dbs))
	for d := range f.dbs {
		dbNames = append(dbNames, d)
	}
	sort.Strings(dbNames)
	if len(groups) == 0 && len(dbNames) == 0 {
		w("paths: []\n\n")
	} else {
		w("paths:\n")
		// Hive's warehouse folder of each database goes where its layer
		// puts the database, so that copied data is where the Glue tables
		// point (the longest prefix wins over the mappings below).
		for _, name := range dbNames {
			if name == "default" || !ident(name) {
				continue
			}
			layer, _ := layerOf(name, f.dbs[name])
			w("  - from: /user/hive/warehouse/%s.db   # %s's managed tables, on its layer\n", name, name)
			w("    to: s3://%s-%s/%s.db\n", Placeholder, layer, name)
		}
		for _, g := range groups {
			w("  # %s under it, %s; first at %s\n", plural(g.paths, "path", "paths"), times(g.count), g.at)
			w("  - from: %s\n", yamlString(g.prefix))
			_, rest := splitScheme(g.prefix)
			w("    to: s3://%s-lake/legacy%s\n", Placeholder, strings.TrimSuffix(rest, "/"))
		}
		w("\n")
	}

	w("# S3 layers, and the layer of each database (a guess from its name or its\n")
	w("# place in the lineage: check it). A database created without LOCATION\n")
	w("# gets <layer prefix>/<db>.db.\n")
	w("layers:\n")
	for _, l := range []string{"lake", "warehouse", "mart"} {
		w("  %s: s3://%s-%s\n", l, Placeholder, l)
	}
	dbs := make([]string, 0, len(f.dbs))
	for d := range f.dbs {
		dbs = append(dbs, d)
	}
	sort.Strings(dbs)
	if len(dbs) == 0 {
		w("databases: {}\n\n")
	} else {
		w("databases:\n")
		for _, name := range dbs {
			d := f.dbs[name]
			layer, why := layerOf(name, d)
			w("  %s: %s   # %s; guessed from %s\n", yamlString(name), layer, plural(len(d.tables), "table", "tables"), why)
		}
		w("\n")
	}

	w("# Tables read outside the estate (dashboards, Athena, exports): jobs writing\n")
	w("# them are never called dead. Databases whose tables no job reads:\n")
	var finals []string
	for _, name := range dbs {
		if d := f.dbs[name]; d.finalTables > 0 {
			finals = append(finals, name)
			w("#   %s: %s read by no job\n", oneLine(name), plural(d.finalTables, "table", "tables"))
		}
	}
	if len(finals) == 0 {
		w("consumed: []\n\n")
	} else {
		w("consumed:\n")
		for _, name := range finals {
			if _, layer := layerOf(name, f.dbs[name]); layer == "mart" || strings.Contains(strings.ToLower(name), "mart") {
				w("  - %s\n", yamlString(name+".*"))
			} else {
				w("  # - %s\n", yamlString(name+".*"))
			}
		}
		w("\n")
	}
	w("# Leave out the jobs the lineage finds dead (by default they are migrated\n")
	w("# and listed in review.md as possibly dead).\n")
	w("drop_dead: false\n\n")

	w("# Jars and files the scripts name, and where they will be on S3.\n")
	jars := sortedKeys(f.jars)
	if len(jars) == 0 {
		w("jars: {}\n\n")
	} else {
		w("jars:\n")
		for _, j := range jars {
			s := f.jars[j]
			w("  # %s, first at %s\n", times(s.count), s.at)
			w("  %s: s3://%s-artifacts/sparkport/jars/%s\n", yamlString(j), Placeholder, path.Base(j))
		}
		w("\n")
	}

	w("# JDBC connections (sqoop): credentials come from AWS Secrets Manager. Without\n")
	w("# an entry, the secret is named sparkport/<host>/<database>/<user> and listed\n")
	w("# in review.md as one to create. Connections the estate uses:\n")
	conns := sortedKeys(f.jdbc)
	for _, c := range conns {
		s := f.jdbc[c]
		w("#   %s (%s, first at %s)\n", oneLine(c), times(s.count), s.at)
	}
	if len(conns) == 0 {
		w("#   none\n")
	}
	w("jdbc:\n")
	w("  jars: []      # S3 locations of the JDBC drivers and the Secrets Manager JDBC wrapper\n")
	if len(conns) == 0 {
		w("  secrets: {}\n")
	} else {
		w("  secrets:      # uncomment and name the secrets you create\n")
		for _, c := range conns {
			w("    # %s: prod/%s\n", oneLine(yamlString(c)), oneLine(secretName(c)))
		}
	}
	return []byte(b.String())
}

func secretName(conn string) string {
	_, rest, _ := strings.Cut(conn, "://")
	host, db, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, ":")
	return host + "/" + db
}

func sortedKeys(m map[string]*seen) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func times(n int) string { return plural(n, "use", "uses") }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// yamlString quotes s when YAML would read it as something else.
func yamlString(s string) string {
	if s == "" || strings.ContainsAny(s, ":#{}[],&*?|<>=!%@`'\"\\\n\t") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`).Replace(s) + `"`
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return `"` + s + `"`
	}
	return s
}

// oneLine keeps a legacy name inside a YAML comment: no line breaks or
// control characters.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return '?'
		}
		return r
	}, s)
}

func ident(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}
