package translate

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/sparkport/sparkport/internal/redact"
)

// Config is what only the user knows about the target platform. The zero
// value is not useful; start from DefaultConfig or LoadConfig.
type Config struct {
	// SparkVersion is the target Spark version, "3.5" by default. From 4.0
	// Spark runs in ANSI mode and creates data-source tables by default.
	SparkVersion string `yaml:"spark_version"`
	// HiveVersion is the legacy Hive version, "1.2" by default: some Hive
	// defaults changed across versions (ORDER BY positions in 2.2,
	// GROUPING__ID in 2.3).
	HiveVersion string `yaml:"hive_version"`
	// TimeZone is the session time zone the legacy Hive servers ran in (their
	// JVM default), e.g. Asia/Tokyo. When set, every script starts with
	// SET spark.sql.session.timeZone; when empty, time-zone dependent
	// functions are reported.
	TimeZone string `yaml:"timezone"`
	// ANSI keeps Spark 4's ANSI mode on. By default a Spark 4 script starts
	// with SET spark.sql.ansi.enabled=false, which keeps Hive's
	// NULL-on-error semantics.
	ANSI bool `yaml:"ansi"`
	// DefaultStorage is the storage format for CREATE TABLE without one
	// (e.g. PARQUET). Empty keeps Hive's TEXTFILE, written out explicitly
	// where the target Spark would choose otherwise.
	DefaultStorage string `yaml:"default_storage"`
	// Paths maps legacy path prefixes (hdfs://ns1/user/hive/warehouse,
	// /data/incoming) to S3 prefixes. The longest matching prefix wins.
	Paths []PathMapping `yaml:"paths"`
	// Layers names the S3 prefix of each storage layer (lake, dwh, mart).
	Layers map[string]string `yaml:"layers"`
	// Databases maps database name patterns (path.Match globs, lower case)
	// to a layer; a database created without LOCATION gets
	// <layer prefix>/<db>.db.
	Databases map[string]string `yaml:"databases"`
	// Jars maps a jar or file as the legacy scripts name it (full path or
	// base name) to its S3 location.
	Jars map[string]string `yaml:"jars"`
	// Consumed lists table patterns (globs on db.table, such as "mart.*")
	// read outside the estate — Athena users, dashboards, exports. The
	// inventory never calls a job writing them dead.
	Consumed []string `yaml:"consumed"`
	// DropDead leaves out of the migration the jobs the lineage finds
	// dead (they write only tables nothing in the estate reads and no
	// Consumed pattern lists). By default they are migrated and listed
	// for review as possibly dead: readers outside the estate are common.
	DropDead bool `yaml:"drop_dead"`
	// Artifacts is the S3 prefix the migrate output's sql/ and validate/
	// folders are uploaded to; EMR steps name their files there.
	Artifacts string `yaml:"artifacts"`
	// Cluster is what the emitted Digdag emr> tasks give as cluster:
	// "${emr_cluster_id}" by default, a Digdag variable set per project.
	Cluster string `yaml:"cluster"`
	// JDBC says how sqoop's database connections are made from Spark.
	JDBC JDBCConfig `yaml:"jdbc"`
	// OnFailure says how migrated workflows tell people a run failed, in
	// place of the legacy jobs' cron MAILTO and failure notifiers.
	OnFailure OnFailureConfig `yaml:"on_failure"`
}

// OnFailureConfig is the _error: of the workflows migrate writes.
type OnFailureConfig struct {
	// Mail sends the legacy recipients a mail with Digdag's mail> (true
	// by default; the Digdag server needs its SMTP settings).
	Mail bool `yaml:"mail"`
	// Command, when set, is run with sh> on failure instead of a mail (a
	// chat webhook, the team's notifier); ${to} is the legacy recipients.
	Command string `yaml:"command"`
}

// JDBCConfig is how emitted JDBC reads and writes reach the legacy
// databases: credentials come from AWS Secrets Manager through its JDBC
// wrapper driver, never from the scripts.
type JDBCConfig struct {
	// Jars are the S3 locations of the JDBC drivers and of the Secrets
	// Manager JDBC wrapper, added to every spark-sql step that needs them.
	Jars []string `yaml:"jars"`
	// Secrets maps a JDBC URL prefix (jdbc:mysql://shopdb01:3306/shop) to
	// the Secrets Manager secret holding its user and password. The
	// longest matching prefix wins; without one, the secret is named
	// sparkport/<host>/<database>/<user> and listed as to create.
	Secrets map[string]string `yaml:"secrets"`
}

// PathMapping maps one legacy path prefix to an S3 prefix.
type PathMapping struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// Placeholder is the mark of the S3 prefixes sparkport init invents for
// the user to replace (s3://change-me-lake/...).
const Placeholder = "change-me"

// Placeholders lists the keys whose values still hold Placeholder, in the
// order of the file's sections.
func (c *Config) Placeholders() []string {
	var keys []string
	has := func(s string) bool { return strings.Contains(s, Placeholder) }
	if has(c.Artifacts) {
		keys = append(keys, "artifacts")
	}
	for _, m := range c.Paths {
		if has(m.To) {
			keys = append(keys, "paths: "+m.From)
		}
	}
	for _, k := range sortedStrings(c.Layers) {
		if has(c.Layers[k]) {
			keys = append(keys, "layers: "+k)
		}
	}
	for _, k := range sortedStrings(c.Jars) {
		if has(c.Jars[k]) {
			keys = append(keys, "jars: "+k)
		}
	}
	for _, j := range c.JDBC.Jars {
		if has(j) {
			keys = append(keys, "jdbc.jars: "+j)
		}
	}
	for _, k := range sortedStrings(c.JDBC.Secrets) {
		if has(c.JDBC.Secrets[k]) {
			keys = append(keys, "jdbc.secrets: "+k)
		}
	}
	return keys
}

func sortedStrings(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// DefaultConfig returns the configuration used without a config file:
// Spark 3.5, Hive 1.2, no path mappings (every HDFS or local path is then
// reported as unmapped, never passed through).
func DefaultConfig() *Config {
	return &Config{SparkVersion: "3.5", HiveVersion: "1.2", OnFailure: OnFailureConfig{Mail: true}}
}

func parseVersion(v string) (major, minor int, ok bool) {
	a, b, _ := strings.Cut(v, ".")
	maj, err1 := strconv.Atoi(a)
	mnr := 0
	var err2 error
	if b != "" {
		b, _, _ = strings.Cut(b, ".")
		mnr, err2 = strconv.Atoi(b)
	}
	return maj, mnr, err1 == nil && err2 == nil && maj > 0
}

func versionAtLeast(v string, major, minor int) bool {
	a, b, ok := parseVersion(v)
	if !ok {
		return false
	}
	return a > major || a == major && b >= minor
}

// MapPath rewrites a legacy path to its S3 location with the longest
// matching prefix of Paths; ok is false when no mapping applies.
func (c *Config) MapPath(p string) (string, bool) { return c.mapPath(p) }

// MapJar finds the S3 location of a jar or file the legacy scripts name.
func (c *Config) MapJar(p string) (string, bool) { return c.mapJar(p) }

// DatabaseLocation is where a database lives on S3 by its layer; ok is
// false when no databases: pattern matches.
func (c *Config) DatabaseLocation(db string) (string, bool) { return c.databaseLocation(db) }

func (c *Config) spark4() bool { return versionAtLeast(c.SparkVersion, 4, 0) }

// mapPath rewrites a legacy path with the longest matching prefix. ok is
// false when no mapping applies to a path that needs one; S3 paths need
// none (s3a:// and s3n:// become s3://, EMRFS's scheme).
func (c *Config) mapPath(p string) (string, bool) {
	p = redact.URL(p) // hdfs://user:pass@nn/x is mapped (and shown) as hdfs://user@nn/x
	if rest, ok := strings.CutPrefix(p, "hdfs://"); ok {
		if at := strings.IndexByte(rest, '@'); at >= 0 && at < strings.IndexByte(rest+"/", '/') {
			p = "hdfs://" + rest[at+1:] // the user is no part of where the data is
		}
	}
	for _, pre := range []string{"s3a://", "s3n://"} {
		if strings.HasPrefix(p, pre) {
			return "s3://" + p[len(pre):], true
		}
	}
	if strings.HasPrefix(p, "s3://") {
		return p, true
	}
	best := -1
	for i, m := range c.Paths {
		if hasPathPrefix(p, m.From) && (best < 0 || len(m.From) > len(c.Paths[best].From)) {
			best = i
		}
	}
	if best < 0 {
		// hdfs://namenode:8020/user/x is /user/x on that cluster: a
		// mapping of the path alone covers it.
		if rest, ok := strings.CutPrefix(p, "hdfs://"); ok {
			if i := strings.IndexByte(rest, '/'); i >= 0 {
				return c.mapPath(rest[i:])
			}
		}
		return p, false
	}
	m := c.Paths[best]
	rest := strings.TrimPrefix(p[len(m.From):], "/")
	to := strings.TrimSuffix(m.To, "/")
	if rest == "" {
		return to, true
	}
	return to + "/" + rest, true
}

// hasPathPrefix reports whether prefix covers p as a whole path prefix:
// /data covers /data and /data/x, not /database.
func hasPathPrefix(p, prefix string) bool {
	if strings.HasPrefix(prefix, "/") && !strings.HasPrefix(p, "/") {
		return false // a path mapping never covers a URI (hdfs://, file://)
	}
	prefix = strings.TrimSuffix(prefix, "/")
	if !strings.HasPrefix(p, prefix) {
		return false
	}
	return len(p) == len(prefix) || p[len(prefix)] == '/' || prefix == ""
}

// mapJar finds the S3 location of a jar or file named in a script: first
// by full path, then by base name, then by the path mappings.
func (c *Config) mapJar(p string) (string, bool) {
	if to, ok := c.Jars[p]; ok {
		return to, true
	}
	if to, ok := c.Jars[path.Base(p)]; ok {
		return to, true
	}
	return c.mapPath(p)
}

// databaseLocation is where a database created without LOCATION lives,
// by its layer; ok is false when no pattern matches.
func (c *Config) databaseLocation(db string) (string, bool) {
	db = strings.ToLower(db)
	pats := make([]string, 0, len(c.Databases))
	for p := range c.Databases {
		pats = append(pats, p)
	}
	// Exact names before globs, then longer patterns first: the most
	// specific pattern wins, whatever the map order.
	sort.Slice(pats, func(i, j int) bool {
		gi, gj := strings.ContainsAny(pats[i], "*?["), strings.ContainsAny(pats[j], "*?[")
		if gi != gj {
			return !gi
		}
		if len(pats[i]) != len(pats[j]) {
			return len(pats[i]) > len(pats[j])
		}
		return pats[i] < pats[j]
	})
	for _, p := range pats {
		if ok, _ := path.Match(p, db); ok {
			return strings.TrimSuffix(c.Layers[c.Databases[p]], "/") + "/" + db + ".db", true
		}
	}
	return "", false
}

// defaultPorts are the JDBC schemes' default ports: a URL without a port
// names the same server as one with it.
var defaultPorts = map[string]string{"mysql": "3306", "mariadb": "3306", "postgresql": "5432", "oracle": "1521",
	"sqlserver": "1433", "redshift": "5439", "db2": "50000"}

// NormalizeJDBC writes a JDBC URL one way: scheme and host in lower case,
// the default port made explicit, no credentials or query.
func NormalizeJDBC(url string) string {
	rest, ok := strings.CutPrefix(url, "jdbc:")
	if !ok {
		return url
	}
	scheme, hostPath, ok := strings.Cut(rest, "://")
	if !ok {
		return url
	}
	if i := strings.LastIndex(hostPath, "@"); i >= 0 && !strings.Contains(hostPath[:i], "/") {
		hostPath = hostPath[i+1:]
	}
	host, dbPath, _ := strings.Cut(hostPath, "/")
	dbPath, _, _ = strings.Cut(dbPath, "?")
	host = strings.ToLower(host)
	if !strings.Contains(host, ":") && defaultPorts[strings.ToLower(scheme)] != "" {
		host += ":" + defaultPorts[strings.ToLower(scheme)]
	}
	out := "jdbc:" + strings.ToLower(scheme) + "://" + host
	if dbPath != "" {
		out += "/" + dbPath
	}
	return out
}
