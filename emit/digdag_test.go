package emit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/translate"
)

// writeEstate writes files (host/abs path → content) under a new folder.
func writeEstate(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, data := range files {
		name := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func migrateEstate(t *testing.T, root string, cfg *translate.Config) *Output {
	t.Helper()
	inv, err := inventory.Build(root, inventory.Options{Consumed: cfg.Consumed})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Build(inv, Options{Config: cfg, Estate: root})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestParametricWorkflows: two Digdag workflows that differ only in the
// region they load are one SQL file; each keeps its own workflow, rewritten
// in place with its schedule, _retry and _error, running its values.
func TestParametricWorkflows(t *testing.T) {
	wf := func(region, at string) string {
		return "timezone: Asia/Tokyo\nschedule:\n  daily>: " + at + "\n_retry: 3\n_error:\n  echo>: failed\n" +
			"+load:\n  sh>: hive -f queries/sales_" + region + ".hql\n"
	}
	sql := func(region string) string {
		return "INSERT OVERWRITE TABLE mart.sales_" + region + " SELECT shop, SUM(amount) FROM lake.orders WHERE region = '" + region + "' GROUP BY shop;\n"
	}
	root := writeEstate(t, map[string]string{
		"wf1/opt/digdag/sales/osaka.dig":               wf("osaka", "01:00:00"),
		"wf1/opt/digdag/sales/queries/sales_osaka.hql": sql("osaka"),
		"wf2/opt/digdag/sales/tokyo.dig":               wf("tokyo", "02:00:00"),
		"wf2/opt/digdag/sales/queries/sales_tokyo.hql": sql("tokyo"),
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"mart.*"}
	cfg.Artifacts = "s3://a/sp"
	out := migrateEstate(t, root, cfg)
	var c *CanonicalEntry
	for _, x := range out.Manifest.Canonical {
		if len(x.Runs) == 2 {
			c = x
		}
	}
	if c == nil {
		t.Fatalf("the two workflows were not merged: %d canonical jobs", len(out.Manifest.Canonical))
	}
	if len(c.Variables) != 1 || c.Variables[0] != "region" {
		t.Errorf("variables %v, want [region]", c.Variables)
	}
	sqlFile := string(out.Files["sql/"+c.Name+"/01.sql"])
	if !strings.Contains(sqlFile, "mart.sales_${hivevar:region}") || !strings.Contains(sqlFile, "region = '${hivevar:region}'") {
		t.Errorf("the SQL is not parametric:\n%s", sqlFile)
	}
	for i, want := range []struct{ at, value string }{{"01:00:00", "region=osaka"}, {"02:00:00", "region=tokyo"}} {
		name := "digdag/" + c.Name + "." + string(rune('1'+i)) + ".dig"
		dig := string(out.Files[name])
		for _, s := range []string{"daily>: " + want.at, "_retry: 3", "echo>: failed", "emr>:", want.value} {
			if !strings.Contains(dig, s) {
				t.Errorf("%s lacks %q:\n%s", name, s, dig)
			}
		}
	}
}

// TestCronWithoutTimezone: a crontab's schedule moved to Digdag without a
// configured time zone would run in UTC; the review list says so.
func TestCronWithoutTimezone(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab": "0 3 * * * u /x.sh\n",
		"h1/x.sh":        "hive -f /q.hql\n",
		"h1/q.hql":       "INSERT OVERWRITE TABLE mart.x SELECT a FROM lake.y;\n",
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"mart.*"}
	cfg.Artifacts = "s3://a/sp"
	out := migrateEstate(t, root, cfg)
	found := false
	for _, it := range out.Review {
		found = found || it.Rule == "timezone"
	}
	if !found {
		t.Error("no review item for the missing timezone")
	}
	cfg.TimeZone = "Asia/Tokyo"
	for _, it := range migrateEstate(t, root, cfg).Review {
		if it.Rule == "timezone" {
			t.Error("a timezone review item although the config names one")
		}
	}
}

func TestScratchCleanup(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		want bool
	}{
		{"hdfs dfs -rm -r -f /tmp/hive-batch/*", true},
		{"hadoop fs -rmr /tmp/hive/etl/_tmp", true},
		{"hadoop fs -rm -r hdfs://ns1/user/etl/.staging/job_1", true},
		{"hadoop fs -rm -r /user/etl/.sparkStaging/app_1 /tmp/hadoop-yarn/staging", true},
		{"hadoop fs -rm -r /tmp/daily_sales/20240101", false}, // a job's own data
		{"hadoop fs -rm -r /tmp/hive-batch/x /data/lake/t", false},
		{"hadoop fs -ls /tmp/hive-batch", false},
		{"hadoop fs -rm -r", false},
	} {
		if _, got := scratchCleanup(strings.Fields(tc.cmd)); got != tc.want {
			t.Errorf("scratchCleanup(%q) = %v, want %v", tc.cmd, got, tc.want)
		}
	}
}

// TestConflictingWriters: two canonical jobs overwriting one partition
// are a review item on each, naming whose result lasted; writers of
// disjoint static partitions are not.
func TestConflictingWriters(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab": "0 3 * * * b hive -f /q/a.hql\n30 3 * * * b hive -f /q/b.hql\n0 4 * * * b hive -f /q/c.hql\n0 5 * * * b hive -f /q/d.hql\n",
		"h1/q/a.hql":     "INSERT OVERWRITE TABLE mart.t PARTITION (dt='${hivevar:dt}') SELECT SUM(x) FROM lake.s;\n",
		"h1/q/b.hql":     "INSERT OVERWRITE TABLE mart.t PARTITION (dt='${hivevar:dt}') SELECT MAX(x) FROM lake.s;\n",
		"h1/q/c.hql":     "INSERT OVERWRITE TABLE mart.u PARTITION (region='kanto') SELECT SUM(x) FROM lake.s;\n",
		"h1/q/d.hql":     "INSERT OVERWRITE TABLE mart.u PARTITION (region='kansai') SELECT MAX(x) FROM lake.s;\n",
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"mart.*"}
	out := migrateEstate(t, root, cfg)
	var got []string
	for _, it := range out.Review {
		if it.Rule == "conflicting-writers" {
			got = append(got, it.Message)
		}
	}
	if len(got) != 2 {
		t.Fatalf("%d conflicting-writers items, want 2 (one per writer of mart.t): %q", len(got), got)
	}
	for _, m := range got {
		if !strings.HasPrefix(m, "mart.t is written by 2 canonical jobs") || !strings.Contains(m, "the result that lasted was h1:/etc/crontab:2's") {
			t.Errorf("item %q", m)
		}
	}
}

// TestFailureMail: cron's MAILTO becomes the workflow's _error: mail> to
// the same address; a line that sends its output elsewhere, or runs under
// MAILTO="", mailed nothing and gets no _error.
func TestFailureMail(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab": "MAILTO=ops@example.jp\n0 3 * * * b hive -f /q/a.hql\n0 4 * * * b hive -f /q/b.hql >> /var/log/b.log 2>&1\nMAILTO=\"\"\n0 5 * * * b hive -f /q/c.hql\n",
		"h1/q/a.hql":     "INSERT OVERWRITE TABLE mart.a SELECT 1;\n",
		"h1/q/b.hql":     "INSERT OVERWRITE TABLE mart.b SELECT 1;\n",
		"h1/q/c.hql":     "INSERT OVERWRITE TABLE mart.c SELECT 1;\n",
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"mart.*"}
	out := migrateEstate(t, root, cfg)
	if dig := string(out.Files["digdag/mart_a.dig"]); !strings.Contains(dig, "_error:\n  mail>: sparkport_failure_mail.txt") || !strings.Contains(dig, "to: [ops@example.jp]") {
		t.Errorf("digdag/mart_a.dig has no failure mail:\n%s", dig)
	}
	for _, f := range []string{"digdag/mart_b.dig", "digdag/mart_c.dig"} {
		if strings.Contains(string(out.Files[f]), "_error") {
			t.Errorf("%s has an _error: its legacy job mailed nothing", f)
		}
	}
	if len(out.Files[failureMail]) == 0 {
		t.Error("no mail body written")
	}
	cfg.OnFailure.Command = "notify-chat --to ${to}"
	out = migrateEstate(t, root, cfg)
	if dig := string(out.Files["digdag/mart_a.dig"]); !strings.Contains(dig, "sh>: notify-chat --to ops@example.jp") {
		t.Errorf("on_failure.command not used:\n%s", dig)
	}
}

// TestPrerequisites: secrets to create and artifacts to upload are
// must-do review items; URLs with and without the default port are one
// secret; one account with two passwords is pointed out.
func TestPrerequisites(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab": "0 3 * * * b /s/a.sh\n0 4 * * * b /s/b.sh\n",
		"h1/s/a.sh":      "sqoop import --connect jdbc:mysql://DB01/shop --username etl --password Pw-One --table t --hive-import --hive-table lake.t\n",
		"h1/s/b.sh":      "sqoop import --connect jdbc:mysql://db01:3306/shop --username etl --password Pw-Two --table u --hive-import --hive-table lake.u\nspark-submit --class X /opt/app/x.jar lake.t\n",
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"lake.*"}
	cfg.Artifacts = "s3://art/sp"
	cfg.Jars = map[string]string{"x.jar": "s3://art/sp/jars/x.jar"}
	out := migrateEstate(t, root, cfg)
	rules := map[string][]string{}
	for _, it := range out.Review {
		rules[it.Rule] = append(rules[it.Rule], it.Message)
	}
	if n := len(out.Manifest.Secrets); n != 1 {
		t.Errorf("%d secrets to create, want 1 (one server, with and without its port): %+v", n, out.Manifest.Secrets)
	}
	if len(rules["create-secret"]) != 1 || len(rules["secret-mismatch"]) != 1 {
		t.Errorf("create-secret %q, secret-mismatch %q", rules["create-secret"], rules["secret-mismatch"])
	}
	if len(rules["upload-artifact"]) != 1 || !strings.Contains(rules["upload-artifact"][0], "upload h1:/opt/app/x.jar to s3://art/sp/jars/x.jar") {
		t.Errorf("upload-artifact %q", rules["upload-artifact"])
	}
	for _, m := range append(rules["create-secret"], rules["secret-mismatch"]...) {
		if strings.Contains(m, "Pw-") {
			t.Errorf("a password in a review item: %s", m)
		}
	}
}

// TestSqoopExportColumns: a sqoop export of a table's files sends its data
// columns by position, never its partition columns, and a partition
// folder sends that partition's rows.
func TestSqoopExportColumns(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab": "0 1 * * * b hive -f /q/ddl.hql\n0 3 * * * b /s/all.sh\n0 4 * * * b /s/one.sh\n",
		"h1/q/ddl.hql":   "CREATE TABLE mart.kpi (day STRING, pv BIGINT, uu BIGINT) PARTITIONED BY (dt STRING);\nINSERT OVERWRITE TABLE mart.kpi PARTITION (dt='${hivevar:dt}') SELECT 'd', 1, 2 FROM lake.s;\n",
		"h1/s/all.sh":    "sqoop export --connect jdbc:mysql://r/rep --username u --table kpi --export-dir /user/hive/warehouse/mart.db/kpi\n",
		"h1/s/one.sh":    "sqoop export --connect jdbc:mysql://r/rep --username u --table kpi1 --columns day,pv,uu --export-dir /user/hive/warehouse/mart.db/kpi/dt=2024-01-01\n",
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"mart.*"}
	cfg.Paths = []translate.PathMapping{{From: "/", To: "s3://lake/legacy"}}
	out := migrateEstate(t, root, cfg)
	all, one := string(out.Files["sql/all/01.sql"]), string(out.Files["sql/one/01.sql"])
	if !strings.Contains(all, "INSERT INTO sqoop_target\nSELECT day, pv, uu FROM mart.kpi;") {
		t.Errorf("sql/all/01.sql:\n%s", all)
	}
	if !strings.Contains(one, "INSERT INTO sqoop_target (day, pv, uu)\nSELECT day, pv, uu FROM mart.kpi\nWHERE dt = '2024-01-01';") {
		t.Errorf("sql/one/01.sql:\n%s", one)
	}
}

// TestDDLContradicted: a definition its jobs contradict (other partition
// columns, another column count, a column it lacks) is a review item and
// is written commented out; a definition its jobs agree with is created.
func TestDDLContradicted(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab": "0 1 * * * b hive -f /q/ddl.hql\n0 2 * * * b hive -f /q/use.hql\n",
		"h1/q/ddl.hql":   "CREATE TABLE dwh.stale (id INT, name STRING) PARTITIONED BY (dt STRING);\nCREATE TABLE dwh.good (id INT, name STRING) PARTITIONED BY (dt STRING);\n",
		"h1/q/use.hql": "INSERT OVERWRITE TABLE dwh.stale SELECT id, name, region FROM lake.s;\n" +
			"INSERT OVERWRITE TABLE dwh.good PARTITION (dt='${hivevar:dt}') SELECT g.id, g.name FROM lake.s g;\n" +
			"INSERT OVERWRITE TABLE mart.r SELECT s.region, g.name FROM dwh.stale s JOIN dwh.good g ON s.id = g.id;\n",
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"mart.*"}
	out := migrateEstate(t, root, cfg)
	var items []string
	for _, it := range out.Review {
		if it.Rule == "ddl-contradicted" {
			items = append(items, it.Message)
		}
	}
	if len(items) != 1 || !strings.HasPrefix(items[0], "dwh.stale:") || !strings.Contains(items[0], "PARTITION (none)") ||
		!strings.Contains(items[0], "inserts 3 columns, the definition has 2") || !strings.Contains(items[0], "reads s.region") {
		t.Errorf("ddl-contradicted items: %q", items)
	}
	ddl := string(out.Files["ddl/dwh.sql"])
	if !strings.Contains(ddl, "-- CREATE TABLE dwh.stale") || !strings.Contains(ddl, "\nCREATE TABLE dwh.good") {
		t.Errorf("ddl/dwh.sql:\n%s", ddl)
	}
}

// TestCronTimezone: a crontab's CRON_TZ (or TZ) is the workflow's time
// zone, over the config's.
func TestCronTimezone(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab": "CRON_TZ=America/New_York\n0 3 * * * b hive -f /q/a.hql\n",
		"h2/etc/crontab": "TZ=Europe/Berlin\n0 4 * * * b hive -f /q/b.hql\n",
		"h1/q/a.hql":     "INSERT OVERWRITE TABLE mart.a SELECT 1;\n",
		"h2/q/b.hql":     "INSERT OVERWRITE TABLE mart.b SELECT 2;\n",
	})
	cfg := translate.DefaultConfig()
	cfg.TimeZone = "Asia/Tokyo"
	cfg.Consumed = []string{"mart.*"}
	out := migrateEstate(t, root, cfg)
	for f, tz := range map[string]string{"digdag/mart_a.dig": "America/New_York", "digdag/mart_b.dig": "Europe/Berlin"} {
		if !strings.Contains(string(out.Files[f]), "timezone: "+tz+"\n") {
			t.Errorf("%s does not run in %s:\n%s", f, tz, out.Files[f])
		}
	}
}

// TestValidateHashesMaps: Spark refuses xxhash64 over a MAP
// (DATATYPE_MISMATCH.HASH_MAP_TYPE, found by sparkport verify): a MAP
// column of a known definition is hashed as its sorted entries; a nested
// MAP, or unknown columns, get the setting that lets Spark hash maps.
func TestValidateHashesMaps(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab": "0 3 * * * b hive -f /q/a.hql\n",
		"h1/q/a.hql": "CREATE TABLE IF NOT EXISTS mart.m (id INT, attrs MAP<STRING,STRING>) PARTITIONED BY (dt STRING) STORED AS ORC;\n" +
			"CREATE TABLE IF NOT EXISTS mart.n (id INT, tags ARRAY<MAP<STRING,INT>>) STORED AS ORC;\n" +
			"INSERT OVERWRITE TABLE mart.m PARTITION (dt='${hivevar:dt}') SELECT id, attrs FROM lake.s;\n" +
			"INSERT OVERWRITE TABLE mart.n SELECT id, tags FROM lake.s;\n" +
			"INSERT OVERWRITE TABLE mart.o SELECT id FROM lake.s;\n",
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"mart.*"}
	out := migrateEstate(t, root, cfg)
	for file, want := range map[string]string{
		"validate/mart.m.sql": "SELECT dt, COUNT(*) AS row_count, SUM(CAST(xxhash64(id, array_sort(map_entries(attrs)), dt) AS DECIMAL(38, 0))) AS checksum\nFROM mart.m\nGROUP BY dt",
		"validate/mart.n.sql": "SET spark.sql.legacy.allowHashOnMapType=true;\nSELECT COUNT(*) AS row_count, SUM(CAST(xxhash64(*) AS DECIMAL(38, 0))) AS checksum",
		"validate/mart.o.sql": "SET spark.sql.legacy.allowHashOnMapType=true;\nSELECT COUNT(*)",
	} {
		got := string(out.Files[file])
		if !strings.Contains(got, want) {
			t.Errorf("%s:\n%s\nwant it to contain:\n%s", file, got, want)
		}
	}
}

// TestDigdagReadable covers what Digdag's own code found in emitted
// workflows (verify --digdag): every emr> task has a staging folder; an
// _export'ed template is inlined into the steps, where Digdag would pass
// its text; names Digdag's YAML 1.1 reads as numbers are quoted; a legacy
// daily> keeps its form; cron's "either day field" rule is a review item.
func TestDigdagReadable(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"d1/opt/digdag/p/flow.dig": "timezone: Asia/Tokyo\nschedule:\n  daily>: 04:40:00\n_export:\n  dt: ${session_date}\n  ym: m${dt}\n+load:\n  sh>: hive --hivevar dt=${ym} -f q.hql\n+sub:\n  call>: sub.dig\n",
		"d1/opt/digdag/p/q.hql":    "INSERT OVERWRITE TABLE mart.x SELECT a FROM lake.y WHERE dt = '${hivevar:dt}';\n",
		"d1/opt/digdag/p/sub.dig":  "+s:\n  sh>: hive --hivevar dt=${dt} -f s.hql\n",
		"d1/opt/digdag/p/s.hql":    "INSERT OVERWRITE TABLE mart.s SELECT a FROM lake.y WHERE dt = '${hivevar:dt}';\n",
		"h1/etc/crontab":           "0 3 1 * 1 u /x.sh 001\n0 4 * * * u /x.sh 002\n",
		"h1/x.sh":                  "hive --hivevar c=$1 -f /q.hql\n",
		"h1/q.hql":                 "INSERT OVERWRITE TABLE mart.c SELECT a FROM lake.y WHERE c = '${hivevar:c}';\n",
	})
	cfg := translate.DefaultConfig()
	cfg.Consumed = []string{"mart.*"}
	cfg.Artifacts = "s3://a/sp"
	cfg.TimeZone = "Asia/Tokyo"
	out := migrateEstate(t, root, cfg)
	var all strings.Builder
	for name, data := range out.Files {
		if strings.HasPrefix(name, "digdag/") && strings.HasSuffix(name, ".dig") {
			all.WriteString("== " + name + "\n" + string(data))
			if strings.Contains(string(data), "emr>:") && !strings.Contains(string(data), "staging: s3://a/sp/digdag-staging/") {
				t.Errorf("%s: emr> without staging", name)
			}
		}
	}
	text := all.String()
	for _, want := range []string{"dt=m${session_date}", "daily>: 04:40:00"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "dt=${dt}") || strings.Contains(text, "dt=${ym}") {
		t.Errorf("an _export'ed template is still referenced inside emr> steps:\n%s", text)
	}
	days := false
	for _, it := range out.Review {
		days = days || it.Rule == "schedule-days"
	}
	if !days {
		t.Error("no schedule-days review item for 0 3 1 * 1")
	}
	for _, s := range []string{"+001", "+1", "0123", "1_000", ".5", "~", "true", "null"} {
		if n := scalar(s); n.Style != yaml.DoubleQuotedStyle {
			t.Errorf("scalar(%q) is not quoted", s)
		}
	}
	for _, s := range []string{"+s01_hive_sql", "shop", "2024-01-01", "01:00:00", "+kanto"} {
		if n := scalar(s); n.Style != 0 {
			t.Errorf("scalar(%q) is quoted", s)
		}
	}
}

// TestMomentMonths: a month or year offset keeps GNU date's overflow
// (March 31 minus a month is March 2), which moment.js's add() clamps;
// verify --digdag's comparison with the legacy date found it.
func TestMomentMonths(t *testing.T) {
	for off, want := range map[string]string{
		"-1 month": "moment(session_time).date(1).add(-1, 'months').add(moment(session_time).date() - 1, 'days')",
		"+1 year":  "moment(session_time).date(1).add(1, 'years').add(moment(session_time).date() - 1, 'days')",
		"-1 day":   "moment(session_time).add(-1, 'days')",
		"+0 month": "moment(session_time).add(0, 'months')",
	} {
		got, ok := momentTime(&ir.Param{Kind: "date", Base: "run_date", Offset: off}, nil, 0)
		if !ok || got != want {
			t.Errorf("%s: %q, want %q", off, got, want)
		}
	}
}

// TestMixedWrapperDates: one job run by Digdag (dt=${session_date}) and by
// cron through a script (yesterday's date): each run's workflow passes its
// own date — the Digdag run its expression as written, the cron run the
// script's date as a Digdag expression — and nothing is unresolved.
func TestMixedWrapperDates(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/opt/digdag/p/top.dig": "timezone: Asia/Tokyo\nschedule:\n  daily>: 04:55:00\n+run:\n  sh>: hive --hivevar dt=${session_date} -f /home/b/top.hql\n",
		"h1/home/b/top.hql":       "INSERT OVERWRITE TABLE mart.top_a PARTITION (dt='${hivevar:dt}') SELECT * FROM dwh.o WHERE dt = '${hivevar:dt}' LIMIT 50;\n",
		"h2/etc/crontab":          "10 3 * * * batch /home/b/top.sh\n",
		"h2/home/b/top.sh":        "#!/bin/bash\nDT=$(date -d '1 day ago' +%Y-%m-%d)\nhive --hivevar dt=${DT} -f /home/b/top.hql\n",
		"h2/home/b/top.hql":       "INSERT OVERWRITE TABLE mart.top_b PARTITION (dt='${hivevar:dt}') SELECT * FROM dwh.o WHERE dt = '${hivevar:dt}' LIMIT 100;\n",
	})
	out := migrateEstate(t, root, translate.DefaultConfig())
	for _, it := range out.Review {
		if it.Rule == "unresolved-variable" {
			t.Errorf("%s: %s", it.At, it.Message)
		}
	}
	var cronDig, digDig string
	for p, data := range out.Files {
		if !strings.HasPrefix(p, "digdag/") {
			continue
		}
		switch {
		case strings.Contains(string(data), "h2:/etc/crontab:1"):
			cronDig = string(data)
		case strings.Contains(string(data), "h1:/opt/digdag/p/top.dig"):
			digDig = string(data)
		}
	}
	if !strings.Contains(cronDig, "dt=${moment(session_time).add(-1, 'days').format('YYYY-MM-DD')}") {
		t.Errorf("the cron run's workflow does not pass yesterday:\n%s", cronDig)
	}
	if !strings.Contains(digDig, "dt=${session_date}") {
		t.Errorf("the Digdag run's workflow does not pass its session date:\n%s", digDig)
	}
}
