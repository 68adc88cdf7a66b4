package emit

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/xwb1989/sqlparser"

	"github.com/sparkport/sparkport/parser/shell"
	"github.com/sparkport/sparkport/plan"
	"github.com/sparkport/sparkport/translate"
)

// mapPath maps a legacy path (hdfs://ns/x, hdfs:///x, /x) to S3.
func (e *emitter) mapPath(p string) (string, bool) {
	if to, ok := e.cfg.MapPath(p); ok {
		return to, true
	}
	if rest, ok := strings.CutPrefix(p, "hdfs://"); ok {
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			return e.cfg.MapPath(rest[i:])
		}
	}
	return p, false
}

// looksLikePath tells a path argument from a flag value or a name.
func looksLikePath(s string) bool {
	return strings.HasPrefix(s, "/") || strings.Contains(s, "://")
}

// hdfsStep turns a hadoop fs / hdfs dfs / dfs / distcp command into an EMR
// command step on S3 paths; why is set when it cannot be.
func (e *emitter) hdfsStep(words []string) (emrTemplate, string) {
	w := words
	switch {
	case len(w) >= 2 && (w[0] == "hadoop" || w[0] == "hdfs") && (w[1] == "fs" || w[1] == "dfs"):
		w = w[2:]
	case len(w) >= 1 && w[0] == "dfs":
		w = w[1:]
	case len(w) >= 2 && w[0] == "hadoop" && w[1] == "distcp":
		return e.distcp(w[2:])
	}
	if len(w) == 0 {
		return emrTemplate{}, "HDFS command without a subcommand"
	}
	sub := w[0]
	switch sub {
	case "-put", "-copyFromLocal", "-moveFromLocal", "-get", "-copyToLocal", "-moveToLocal", "-getmerge", "-appendToFile":
		return emrTemplate{}, fmt.Sprintf("hadoop fs %s moves files between the legacy host's disk and HDFS; there is no such disk on EMR", sub)
	case "-rmr":
		w = append([]string{"-rm", "-r"}, w[1:]...)
	case "-lsr":
		w = append([]string{"-ls", "-R"}, w[1:]...)
	}
	args := []string{"hadoop", "fs"}
	for _, a := range w {
		if looksLikePath(a) && !strings.HasPrefix(a, "-") {
			to, ok := e.mapPath(a)
			if !ok {
				return emrTemplate{}, fmt.Sprintf("path %s has no mapping in the config's paths:", a)
			}
			a = to
		}
		args = append(args, a)
	}
	return emrTemplate{what: "hadoop fs " + strings.TrimPrefix(w[0], "-"), jar: commandRunner, args: args}, ""
}

// scratchCleanup reports whether an HDFS command only deletes Hive or
// Hadoop scratch and staging folders (hive.exec.scratchdir's /tmp/hive*,
// .hive-staging, .staging, .sparkStaging, /tmp/hadoop-*, /tmp/logs): the
// legacy cluster's housekeeping, meaningless on S3.
func scratchCleanup(words []string) (string, bool) {
	w := words
	switch {
	case len(w) >= 2 && (w[0] == "hadoop" || w[0] == "hdfs") && (w[1] == "fs" || w[1] == "dfs"):
		w = w[2:]
	case len(w) >= 1 && w[0] == "dfs":
		w = w[1:]
	default:
		return "", false
	}
	if len(w) == 0 || w[0] != "-rm" && w[0] != "-rmr" && w[0] != "-expunge" {
		return "", false
	}
	var paths []string
	for _, a := range w[1:] {
		if !strings.HasPrefix(a, "-") {
			paths = append(paths, a)
		}
	}
	if len(paths) == 0 {
		return "", false
	}
	for _, p := range paths {
		if !isScratch(p) {
			return "", false
		}
	}
	return strings.Join(paths, " "), true
}

func isScratch(p string) bool {
	if rest, ok := strings.CutPrefix(p, "hdfs://"); ok {
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			p = rest[i:]
		}
	}
	parts := strings.Split(strings.Trim(p, "/"), "/")
	for i, part := range parts {
		switch {
		case part == ".hive-staging" || strings.HasPrefix(part, ".hive-staging_") || part == ".staging" || part == ".sparkStaging":
			return true
		case i == 1 && parts[0] == "tmp" && (strings.HasPrefix(part, "hive") || strings.HasPrefix(part, "hadoop-") || part == "hadoop-yarn" || part == "logs"):
			return true
		}
	}
	return false
}

// distcp becomes s3-dist-cp, EMR's copy tool for S3.
func (e *emitter) distcp(w []string) (emrTemplate, string) {
	var paths []string
	for _, a := range w {
		if strings.HasPrefix(a, "-") {
			continue // -update, -overwrite, -m N: s3-dist-cp decides its own
		}
		if looksLikePath(a) {
			to, ok := e.mapPath(a)
			if !ok {
				return emrTemplate{}, fmt.Sprintf("path %s has no mapping in the config's paths:", a)
			}
			paths = append(paths, to)
		}
	}
	if len(paths) != 2 {
		return emrTemplate{}, "distcp with other than one source and one destination"
	}
	return emrTemplate{what: "s3-dist-cp", jar: commandRunner, args: []string{"s3-dist-cp", "--src=" + paths[0], "--dest=" + paths[1]}}, ""
}

func (e *emitter) planHDFS(p *unitPlan, sp *stepPlan) {
	if what, ok := scratchCleanup(sp.t.Args); ok {
		sp.form = asDrop
		sp.manual = "housekeeping of " + what + ", which has no counterpart on EMR (Hive and YARN keep their scratch and staging on the cluster, which EMR clears)"
		p.warn(loc(sp.t.Step.Source), "housekeeping-dropped", "dropped: "+oneLine(strings.Join(sp.t.Args, " "))+" — "+sp.manual)
		return
	}
	t, why := e.hdfsStep(sp.t.Args)
	if why != "" {
		e.manual(p, sp, why)
		return
	}
	sp.emr = []emrTemplate{t}
	sp.form = asEMR
}

// sparkSubmitValued are spark-submit options that take a value.
var sparkSubmitValued = map[string]bool{
	"--master": true, "--deploy-mode": true, "--class": true, "--name": true, "--jars": true, "--packages": true,
	"--exclude-packages": true, "--repositories": true, "--py-files": true, "--files": true, "--conf": true, "-c": true,
	"--properties-file": true, "--driver-memory": true, "--driver-java-options": true, "--driver-library-path": true,
	"--driver-class-path": true, "--executor-memory": true, "--proxy-user": true, "--driver-cores": true,
	"--executor-cores": true, "--num-executors": true, "--archives": true, "--principal": true, "--keytab": true,
	"--queue": true, "--total-executor-cores": true,
}

func (e *emitter) planSparkSubmit(p *unitPlan, sp *stepPlan) {
	w := sp.t.Args
	if len(w) == 0 {
		e.manual(p, sp, "spark-submit without arguments")
		return
	}
	args := []string{"spark-submit"}
	i := 1
	for ; i < len(w); i++ {
		a := w[i]
		if !strings.HasPrefix(a, "-") {
			break
		}
		flag, val, inline := strings.Cut(a, "=")
		if !sparkSubmitValued[flag] || flag == "--conf" && inline {
			args = append(args, a)
			continue
		}
		if !inline {
			if i+1 >= len(w) {
				break
			}
			i++
			val = w[i]
		}
		switch flag {
		case "--principal", "--keytab":
			p.warn(loc(sp.t.Step.Source), "spark-submit", flag+" dropped: EMR steps run with the cluster's IAM role")
			continue
		case "--master":
			val = "yarn"
		case "--jars", "--py-files", "--files", "--archives", "--properties-file":
			var mapped []string
			for _, f := range strings.Split(val, ",") {
				to, ok := e.cfg.MapJar(f)
				if !ok {
					e.manual(p, sp, fmt.Sprintf("spark-submit %s %s has no S3 location (config jars: or paths:)", flag, f))
					return
				}
				p.upload(sp, f, to)
				mapped = append(mapped, to)
			}
			val = strings.Join(mapped, ",")
		}
		args = append(args, flag, val)
	}
	if i >= len(w) {
		e.manual(p, sp, "spark-submit without an application")
		return
	}
	app, ok := e.cfg.MapJar(w[i])
	if !ok {
		e.manual(p, sp, fmt.Sprintf("the application %s has no S3 location (config jars: or paths:)", w[i]))
		return
	}
	p.upload(sp, w[i], app)
	args = append(args, app)
	for _, a := range w[i+1:] {
		if looksLikePath(a) {
			if to, ok := e.mapPath(a); ok {
				a = to
			} else {
				p.warn(loc(sp.t.Step.Source), "spark-submit", "application argument "+a+" looks like a legacy path and has no mapping")
			}
		}
		args = append(args, a)
	}
	sp.emr = []emrTemplate{{what: "spark-submit " + path.Base(app), jar: commandRunner, args: args}}
	sp.form = asEMR
}

// planMapReduce turns hadoop jar X.jar ... into an EMR custom JAR step,
// which runs the jar as `hadoop jar` does.
func (e *emitter) planMapReduce(p *unitPlan, sp *stepPlan) {
	w := sp.t.Args
	i := 0
	for i < len(w) && w[i] != "jar" {
		i++
	}
	if i+1 >= len(w) {
		e.manual(p, sp, "a MapReduce step that is not `hadoop jar`: "+oneLine(strings.Join(w, " ")))
		return
	}
	jar, ok := e.cfg.MapJar(w[i+1])
	if !ok {
		e.manual(p, sp, fmt.Sprintf("the jar %s has no S3 location (config jars: or paths:)", w[i+1]))
		return
	}
	p.upload(sp, w[i+1], jar)
	var args []string
	for _, a := range w[i+2:] {
		if looksLikePath(a) {
			to, ok := e.mapPath(a)
			if !ok {
				e.manual(p, sp, fmt.Sprintf("path %s has no mapping in the config's paths:", a))
				return
			}
			a = to
		}
		args = append(args, a)
	}
	sp.emr = []emrTemplate{{what: "hadoop jar " + path.Base(jar), jar: jar, args: args}}
	sp.form = asEMR
}

// sqoopArgs is a sqoop command line read into its options.
type sqoopArgs struct {
	tool  string // import, export
	opts  map[string]string
	flags map[string]bool
	other []string // options sparkport does not carry over
}

// sqoopValued are the sqoop options that take a value.
var sqoopValued = map[string]bool{
	"connect": true, "username": true, "password": true, "password-file": true, "password-alias": true,
	"table": true, "query": true, "e": true, "where": true, "columns": true, "split-by": true, "m": true,
	"num-mappers": true, "target-dir": true, "warehouse-dir": true, "hive-table": true, "hive-database": true,
	"hive-partition-key": true, "hive-partition-value": true, "export-dir": true, "hcatalog-table": true,
	"hcatalog-database": true, "fields-terminated-by": true, "input-fields-terminated-by": true,
	"lines-terminated-by": true, "input-lines-terminated-by": true, "null-string": true, "null-non-string": true,
	"input-null-string": true, "input-null-non-string": true, "update-key": true, "update-mode": true,
	"staging-table": true, "driver": true, "connection-manager": true, "map-column-java": true,
	"map-column-hive": true, "fetch-size": true, "boundary-query": true, "compression-codec": true,
	"check-column": true, "incremental": true, "last-value": true, "mapreduce-job-name": true,
}

func readSqoop(words []string) *sqoopArgs {
	s := &sqoopArgs{opts: map[string]string{}, flags: map[string]bool{}}
	if len(words) > 1 {
		s.tool = words[1]
	}
	for i := 2; i < len(words); i++ {
		a := words[i]
		if !strings.HasPrefix(a, "-") {
			s.other = append(s.other, a)
			continue
		}
		name, val, inline := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !sqoopValued[name] {
			s.flags[name] = true
			continue
		}
		if !inline {
			if i+1 >= len(words) {
				break
			}
			i++
			val = words[i]
		}
		switch name {
		case "e":
			name = "query"
		case "m":
			name = "num-mappers"
		}
		s.opts[name] = val
	}
	return s
}

// jdbcDrivers are the AWS Secrets Manager JDBC wrapper drivers by the
// scheme of the legacy JDBC URL.
var jdbcDrivers = map[string]string{
	"mysql":      "com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver",
	"mariadb":    "com.amazonaws.secretsmanager.sql.AWSSecretsManagerMariaDBDriver",
	"postgresql": "com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver",
	"oracle":     "com.amazonaws.secretsmanager.sql.AWSSecretsManagerOracleDriver",
	"sqlserver":  "com.amazonaws.secretsmanager.sql.AWSSecretsManagerMSSQLServerDriver",
	"db2":        "com.amazonaws.secretsmanager.sql.AWSSecretsManagerDb2Driver",
	"redshift":   "com.amazonaws.secretsmanager.sql.AWSSecretsManagerRedshiftDriver",
}

// secretFor names the Secrets Manager secret for a connection: the
// config's, or sparkport/<host>/<database>/<user>.
func (e *emitter) secretFor(url, user string) (id string, configured bool) {
	best := ""
	url = normalizeJDBC(url)
	for prefix, sid := range e.cfg.JDBC.Secrets {
		np := normalizeJDBC(prefix)
		if (strings.HasPrefix(url, np) || strings.HasPrefix(url, prefix)) && len(np) > len(best) {
			best, id = np, sid
		}
	}
	if best != "" {
		return id, true
	}
	rest := url
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	host, db, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, ":")
	db, _, _ = strings.Cut(db, "?")
	if user == "" || user == shell.Redacted {
		user = "user"
	}
	return "sparkport/" + plan.ASCIISlug(host) + "/" + plan.ASCIISlug(db) + "/" + plan.ASCIISlug(user), false
}

var sqlStringEscaper = strings.NewReplacer(`\`, `\\`, `'`, `\'`)

// sqlString writes s as a Spark SQL string literal.
func sqlString(s string) string {
	return "'" + sqlStringEscaper.Replace(s) + "'"
}

// shellVarRE finds ${NAME} and $NAME references left in a command word
// after the shell front end (values only known at run time). It scans
// words already split by the shell parser; it parses nothing.
var shellVarRE = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// toHivevar rewrites run-time references of a command word into spark-sql
// variables and returns the names it bound.
func toHivevar(s string, names map[string]bool) string {
	return shellVarRE.ReplaceAllStringFunc(s, func(m string) string {
		n := strings.Trim(m, "${}")
		if n == "CONDITIONS" {
			return m
		}
		names[n] = true
		return "${hivevar:" + n + "}"
	})
}

func (e *emitter) planSqoop(p *unitPlan, sp *stepPlan) {
	u, st := p.u, sp.t.Step
	sq := readSqoop(sp.t.Args)
	url := sq.opts["connect"]
	scheme := ""
	if rest, ok := strings.CutPrefix(url, "jdbc:"); ok {
		scheme, _, _ = strings.Cut(rest, ":")
	}
	driver := jdbcDrivers[scheme]
	if driver == "" {
		e.manual(p, sp, fmt.Sprintf("sqoop %s from %q: no Secrets Manager JDBC driver for this database", sq.tool, url))
		return
	}
	for _, f := range []string{"update-key", "update-mode", "incremental", "staging-table", "hbase-table"} {
		if _, ok := sq.opts[f]; ok {
			e.manual(p, sp, fmt.Sprintf("sqoop %s --%s has no Spark JDBC equivalent", sq.tool, f))
			return
		}
	}
	user := sq.opts["username"]
	if user == "" {
		user = urlParam(url, "user")
	}
	secret, configured := e.secretFor(withoutCredentials(url), user)
	if p.secrets == nil {
		p.secrets = map[string]string{}
	}
	if !configured {
		p.secrets[secret] = normalizeJDBC(withoutCredentials(url))
	}
	for _, m := range p.u.Members {
		for _, mst := range m.Steps {
			if mst.Kind == st.Kind && mst.Source != nil {
				p.secretUses = append(p.secretUses, secretUse{id: secret, configured: configured, url: normalizeJDBC(withoutCredentials(url)),
					user: user, at: mst.Source, passwordFile: sqoopOpt(mst.Args, "password-file")})
			}
		}
	}
	vars := map[string]bool{}
	hv := func(s string) string { return toHivevar(plan.Fill(s, len(u.Params), hivevars(u)), vars) }
	jdbcURL := "jdbc-secretsmanager:" + strings.TrimPrefix(withoutCredentials(url), "jdbc:")
	var b strings.Builder
	b.WriteString(e.sqoopHeader(p, sp, sq, secret))
	view := "sqoop_source"
	if sq.tool == "export" {
		view = "sqoop_target"
	}
	fmt.Fprintf(&b, "CREATE TEMPORARY VIEW %s\nUSING jdbc\nOPTIONS (\n  url %s,\n  driver %s,\n  user %s,\n", view, sqlString(hv(jdbcURL)), sqlString(driver), sqlString(secret))
	switch sq.tool {
	case "import":
		query, table := sq.opts["query"], sq.opts["table"]
		switch {
		case query != "":
			q := strings.ReplaceAll(query, "$CONDITIONS", "(1 = 1)")
			if _, err := sqlparser.Parse(shellVarRE.ReplaceAllString(plan.Fill(q, len(u.Params), func(int) string { return "x" }), "x")); err != nil {
				p.warn(loc(st.Source), "sqoop-query", "the --query does not parse as MySQL ("+oneLine(err.Error())+"); check it runs on the source database")
			}
			fmt.Fprintf(&b, "  query %s\n", sqlString(hv(q)))
		case table != "" && (sq.opts["where"] != "" || sq.opts["columns"] != ""):
			cols := "*"
			if c := sq.opts["columns"]; c != "" {
				cols = c
			}
			q := "SELECT " + cols + " FROM " + table
			if w := sq.opts["where"]; w != "" {
				q += " WHERE " + w
			}
			fmt.Fprintf(&b, "  query %s\n", sqlString(hv(q)))
		case table != "":
			fmt.Fprintf(&b, "  dbtable %s\n", sqlString(hv(table)))
		default:
			e.manual(p, sp, "sqoop import without --table or --query")
			return
		}
		b.WriteString(");\n")
		target, why := e.sqoopImportTarget(sq, hv)
		if why != "" {
			e.manual(p, sp, why)
			return
		}
		fmt.Fprintf(&b, "%s\nSELECT * FROM %s;\n", target, view)
	case "export":
		table := sq.opts["table"]
		if table == "" {
			e.manual(p, sp, "sqoop export without --table")
			return
		}
		fmt.Fprintf(&b, "  dbtable %s\n);\n", sqlString(hv(table)))
		source, pre, why := e.sqoopExportSource(p, sp, sq, hv)
		if why != "" {
			e.manual(p, sp, why)
			return
		}
		b.WriteString(pre)
		sel, where := e.sqoopExportColumns(p, sp, sq, source)
		target := view
		if c := sq.opts["columns"]; c != "" {
			// --columns names the database columns the fields go to, in order.
			target += " (" + strings.Join(strings.Split(c, ","), ", ") + ")"
		}
		fmt.Fprintf(&b, "INSERT INTO %s\nSELECT %s FROM %s%s;\n", target, sel, source, where)
	default:
		e.manual(p, sp, "sqoop "+sq.tool+" has no Spark equivalent")
		return
	}
	file := sqlPath(u, sp.index, 0)
	p.files[file] = []byte(b.String())
	if _, body, ok := strings.Cut(b.String(), "CREATE TEMPORARY VIEW"); ok {
		sp.body = "CREATE TEMPORARY VIEW" + body
	}
	sp.sql = []string{file}
	args := []string{"spark-sql"}
	if len(e.cfg.JDBC.Jars) > 0 {
		args = append(args, "--jars", strings.Join(e.cfg.JDBC.Jars, ","))
	}
	args = append(args, "-f", e.artifacts+"/"+file)
	for _, n := range sortedKeys(vars) {
		args = append(args, "--hivevar", n+"=${"+n+"}")
	}
	seen := map[int]bool{}
	for _, a := range sp.t.Args {
		for _, i := range plan.UsedVars(a, len(u.Params)) {
			if !seen[i] {
				seen[i] = true
				args = append(args, "--hivevar", u.Params[i]+"="+plan.Mark(i))
			}
		}
	}
	sp.emr = []emrTemplate{{what: "spark-sql " + path.Base(file), jar: commandRunner, args: args}}
	sp.form = asEMR
}

func (e *emitter) sqoopHeader(p *unitPlan, sp *stepPlan, sq *sqoopArgs, secret string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- sparkport: %s, step %d (sqoop %s as a Spark JDBC %s)\n", p.u.Name, sp.index, sq.tool,
		map[string]string{"import": "read", "export": "write"}[sq.tool])
	fmt.Fprintf(&b, "-- source: %s\n", loc(sp.t.Step.Source))
	b.WriteString("-- replaces:\n")
	for _, r := range p.u.Runs {
		for _, m := range r.Members {
			fmt.Fprintf(&b, "--   %s\n", m.ID)
		}
	}
	fmt.Fprintf(&b, "-- credentials: AWS Secrets Manager secret %s, through its JDBC wrapper driver (never inline)\n", secret)
	if n := sq.opts["num-mappers"]; n != "" && n != "1" {
		fmt.Fprintf(&b, "-- sqoop read with %s mappers", n)
		if s := sq.opts["split-by"]; s != "" {
			fmt.Fprintf(&b, " split by %s", s)
		}
		b.WriteString(": add partitionColumn, lowerBound, upperBound and numPartitions for a parallel read\n")
	}
	var ignored []string
	for _, k := range sortedKeys(sq.flags) {
		switch k {
		case "hive-import", "hive-overwrite", "create-hive-table", "delete-target-dir", "direct", "verbose":
			continue
		}
		ignored = append(ignored, "--"+k)
	}
	if len(ignored) > 0 {
		fmt.Fprintf(&b, "-- not carried over: %s\n", strings.Join(ignored, " "))
	}
	return commentSafe(b.String())
}

// sqoopImportTarget is the INSERT an import's rows go to.
func (e *emitter) sqoopImportTarget(sq *sqoopArgs, hv func(string) string) (string, string) {
	table := sq.opts["hive-table"]
	if db := sq.opts["hive-database"]; db != "" && table != "" && !strings.Contains(table, ".") {
		table = db + "." + table
	}
	if t := sq.opts["hcatalog-table"]; t != "" {
		table = t
		if db := sq.opts["hcatalog-database"]; db != "" {
			table = db + "." + t
		}
	}
	if sq.flags["hive-import"] && table == "" {
		table = sq.opts["table"]
	}
	if table != "" {
		verb := "INSERT INTO TABLE"
		if sq.flags["hive-overwrite"] {
			verb = "INSERT OVERWRITE TABLE"
		}
		s := verb + " " + hv(table)
		if k := sq.opts["hive-partition-key"]; k != "" {
			s += " PARTITION (" + k + " = " + sqlString(hv(sq.opts["hive-partition-value"])) + ")"
		}
		return s, ""
	}
	dir := sq.opts["target-dir"]
	if dir == "" {
		return "", "sqoop import to its default folder (/user/<user>/<table>): give it a table or a --target-dir mapping"
	}
	to, ok := e.mapPath(dir)
	if !ok {
		return "", fmt.Sprintf("path %s has no mapping in the config's paths:", dir)
	}
	return "INSERT OVERWRITE DIRECTORY " + sqlString(hv(to)) + "\nUSING csv", ""
}

// sqoopExportSource is what an export reads: the table whose files the
// export dir holds, or the files themselves.
func (e *emitter) sqoopExportSource(p *unitPlan, sp *stepPlan, sq *sqoopArgs, hv func(string) string) (src, pre, why string) {
	if t := sq.opts["hcatalog-table"]; t != "" {
		if db := sq.opts["hcatalog-database"]; db != "" {
			t = db + "." + t
		}
		return hv(t), "", ""
	}
	dir := sq.opts["export-dir"]
	if dir == "" {
		return "", "", "sqoop export without --export-dir or --hcatalog-table"
	}
	if owner := e.ownerOf(dir); owner != "" {
		return owner, "", ""
	}
	if table, _ := e.partitionOf(dir); table != "" {
		return table, "", ""
	}
	to, ok := e.mapPath(dir)
	if !ok {
		return "", "", fmt.Sprintf("path %s has no mapping in the config's paths:", dir)
	}
	sep := sq.opts["input-fields-terminated-by"]
	switch sep {
	case "":
		sep = ","
	case `\001`, `\01`, `\1`:
		sep = "\\u0001"
	case `\t`:
		sep = "\\t"
	}
	p.warn(loc(sp.t.Step.Source), "sqoop-export", "the export reads the files of "+dir+" as text: every column is a string")
	pre = fmt.Sprintf("CREATE TEMPORARY VIEW sqoop_files\nUSING csv\nOPTIONS (path %s, sep '%s');\n", sqlString(hv(to)), sep)
	return "sqoop_files", pre, ""
}

// ownerOf finds the table whose location holds a legacy path, from the
// inventory's lineage.
func (e *emitter) ownerOf(dir string) string {
	want := strings.TrimSuffix(stripScheme(dir), "/")
	for _, n := range e.inv.Lineage.Nodes {
		if n.Kind == "path" && n.Owner != "" && strings.TrimSuffix(stripScheme(n.ID), "/") == want {
			return n.Owner
		}
	}
	for _, n := range e.inv.Lineage.Nodes {
		if n.Kind == "table" {
			if loc, ok := e.tableLocation(n.ID); ok && strings.TrimSuffix(stripScheme(loc), "/") == want {
				return n.ID
			}
		}
	}
	return ""
}

// stripScheme turns hdfs://ns/x and hdfs:///x into /x.
func stripScheme(p string) string {
	if rest, ok := strings.CutPrefix(p, "hdfs://"); ok {
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			return rest[i:]
		}
		return "/"
	}
	return p
}

// tableLocation is where Hive kept a managed table by default:
// /user/hive/warehouse/<db>.db/<table>.
func (e *emitter) tableLocation(table string) (string, bool) {
	db, t, ok := strings.Cut(table, ".")
	if !ok {
		return "", false
	}
	if db == "default" {
		return "/user/hive/warehouse/" + t, true
	}
	return "/user/hive/warehouse/" + db + ".db/" + t, true
}

// normalizeJDBC writes a JDBC URL one way (translate.NormalizeJDBC).
func normalizeJDBC(url string) string { return translate.NormalizeJDBC(url) }

// sqoopOpt is the value of --name in a sqoop command line.
func sqoopOpt(args []string, name string) string {
	for i, a := range args {
		if a == "--"+name && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
	}
	return ""
}

// withoutCredentials drops user and password parameters from a JDBC URL:
// the Secrets Manager driver supplies them.
func withoutCredentials(url string) string {
	base, query, ok := strings.Cut(url, "?")
	if !ok {
		return url
	}
	var keep []string
	for _, kv := range strings.FieldsFunc(query, func(r rune) bool { return r == '&' || r == ';' }) {
		k, _, _ := strings.Cut(kv, "=")
		switch strings.ToLower(k) {
		case "user", "username", "password", "pwd", "passwd":
			continue
		}
		keep = append(keep, kv)
	}
	if len(keep) == 0 {
		return base
	}
	return base + "?" + strings.Join(keep, "&")
}

func urlParam(url, name string) string {
	_, query, _ := strings.Cut(url, "?")
	for _, kv := range strings.FieldsFunc(query, func(r rune) bool { return r == '&' || r == ';' }) {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.EqualFold(k, name) && v != shell.Redacted {
			return v
		}
	}
	return ""
}

// upload records a jar or file a command step loads from S3: a local path
// is on the legacy host that ran the command.
func (p *unitPlan) upload(sp *stepPlan, from, to string) {
	if strings.HasPrefix(to, "s3://") && strings.HasPrefix(from, "s3") {
		return // already on S3
	}
	if strings.HasPrefix(from, "/") {
		from = sp.t.Step.Source.Host + ":" + from
	}
	p.artifacts = append(p.artifacts, artifactUse{from: from, to: to, at: loc(sp.t.Step.Source), job: p.u.Name})
}

// sqoopExportColumns is what a sqoop export of a table's files sends:
// sqoop read the data files, so it sent the table's data columns, by
// position, never its partition columns (they are folder names); an
// export of one partition's folder sends that partition's rows.
func (e *emitter) sqoopExportColumns(p *unitPlan, sp *stepPlan, sq *sqoopArgs, source string) (sel, where string) {
	if source == "sqoop_files" || sq.opts["hcatalog-table"] != "" {
		return "*", "" // the files themselves, or HCatalog's own mapping
	}
	if _, filter := e.partitionOf(sq.opts["export-dir"]); len(filter) > 0 {
		var conds []string
		for _, kv := range filter {
			conds = append(conds, kv[0]+" = "+sqlString(kv[1]))
		}
		where = "\nWHERE " + strings.Join(conds, " AND ")
	}
	d := e.tableDefs()[source]
	if d == nil {
		parts := e.insertPartsOf(source)
		if len(parts) > 0 {
			e.manual(p, sp, fmt.Sprintf("sqoop export of %s's files sent its data columns by position, without its partition columns (%s); the estate has no DDL for the table to list them: write the column list", source, strings.Join(parts, ", ")))
			return "*", where
		}
		p.warn(loc(sp.t.Step.Source), "sqoop-export", "sqoop sent "+source+"'s columns by position; Spark's JDBC write maps them by name: check they match the database table's")
		return "*", where
	}
	return strings.Join(d.columns, ", "), where
}

// partitionOf reads an export folder below a table's location as that
// table and the partition the folder holds (k=v folder names).
func (e *emitter) partitionOf(dir string) (string, [][2]string) {
	want := strings.TrimSuffix(stripScheme(dir), "/")
	for _, n := range e.inv.Lineage.Nodes {
		if n.Kind != "table" {
			continue
		}
		loc, ok := e.tableLocation(n.ID)
		if !ok {
			continue
		}
		base := strings.TrimSuffix(stripScheme(loc), "/")
		rest, ok := strings.CutPrefix(want, base+"/")
		if !ok {
			continue
		}
		var filter [][2]string
		for _, part := range strings.Split(rest, "/") {
			k, v, ok := strings.Cut(part, "=")
			if !ok {
				return "", nil
			}
			filter = append(filter, [2]string{k, v})
		}
		return n.ID, filter
	}
	return "", nil
}

// insertPartsOf are a table's partition columns as INSERTs name them.
func (e *emitter) insertPartsOf(table string) []string {
	e.tableDefs()
	return e.insertParts[table]
}
