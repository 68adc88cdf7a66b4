package shell

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/internal/realworld"
)

const daily = `#!/bin/bash
# 日次売上 daily sales
set -eu
DT=${1:-$(date -d '1 day ago' +%Y%m%d)}
DT_DASH=$(date -d "${DT}" +%F)
BASE=/home/batch
export HIVE_OPTS="--hiveconf mapreduce.job.queuename=batch"
DB_PASS='s3cr3t-pw'

hive --hivevar dt=${DT} -hiveconf hive.exec.dynamic.partition.mode=nonstrict -f ${BASE}/sql/daily_sales.hql

sqoop import --connect "jdbc:mysql://db01/shop?user=etl&password=hunter2" \
  --username etl --password "$DB_PASS" --table orders \
  --target-dir /user/etl/orders/${DT} --hive-import --hive-table lake.orders

hadoop fs -rm -r -f /tmp/sales/${DT}
hdfs dfs -put /data/export/${DT_DASH}.csv /user/etl/incoming/

for t in orders users shops; do
  hive -e "msck repair table lake.${t}"
done

load() {
  beeline -u jdbc:hive2://hs2:10000 -n etl -p 'pa55' -e "select count(*) from lake.$1"
}
load orders

hive <<EOF
insert overwrite table mart.kpi partition (dt='${DT}')
select count(*) from lake.orders where dt='${DT}';
EOF

mysql -uetl -pmysqlpw -e "delete from stage where dt='${DT}'"
./notify.sh "${DT}" ${SLACK_CHANNEL}
`

func TestParseDaily(t *testing.T) {
	s := Parse("daily.sh", []byte(daily))
	if len(s.Diags) != 0 {
		t.Fatalf("diags: %v", s.Diags)
	}
	var got []string
	for _, c := range s.Commands {
		got = append(got, c.Kind)
	}
	want := "hive-sql sqoop-import hdfs hdfs hive-sql hive-sql hive-sql hive-sql hive-sql mysql script"
	if strings.Join(got, " ") != want {
		t.Fatalf("kinds:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	hive := s.Commands[0]
	if hive.Line != 10 || !reflect.DeepEqual(hive.Files, []string{"/home/batch/sql/daily_sales.hql"}) ||
		!reflect.DeepEqual(hive.Vars, []KV{{"dt", "${DT}"}}) ||
		!reflect.DeepEqual(hive.Conf, []KV{{"hive.exec.dynamic.partition.mode", "nonstrict"}}) {
		t.Errorf("hive = %+v", hive)
	}
	sq := s.Commands[1]
	opts := map[string]string{}
	for _, o := range sq.Options {
		opts[o.Key] = o.Value
	}
	if opts["table"] != "orders" || opts["target-dir"] != "/user/etl/orders/${DT}" || opts["hive-table"] != "lake.orders" || opts["password"] != Redacted {
		t.Errorf("sqoop options = %v", opts)
	}
	if !strings.Contains(opts["connect"], "password="+Redacted) {
		t.Errorf("connect = %q", opts["connect"])
	}
	if c := s.Commands[2]; c.HDFSOp != "-rm" || !reflect.DeepEqual(c.Paths, []string{"/tmp/sales/${DT}"}) {
		t.Errorf("hadoop fs = %+v", c)
	}
	// The literal for-loop expands to one command per table.
	for i, tbl := range []string{"orders", "users", "shops"} {
		if c := s.Commands[4+i]; c.SQL != "msck repair table lake."+tbl || c.Line != 20 {
			t.Errorf("loop %d = %q at %d", i, c.SQL, c.Line)
		}
	}
	// The function call binds $1.
	if c := s.Commands[7]; c.Tool != "beeline" || c.SQL != "select count(*) from lake.orders" {
		t.Errorf("beeline = %+v", c)
	}
	// The heredoc is the command's SQL, starting on the line after <<EOF.
	if c := s.Commands[8]; c.SQLLine != 29 || !strings.HasPrefix(c.SQL, "insert overwrite table mart.kpi partition (dt='${DT}')") {
		t.Errorf("heredoc = %q at %d", c.SQL, c.SQLLine)
	}
	if c := s.Commands[9]; c.SQL != "delete from stage where dt='${DT}'" {
		t.Errorf("mysql = %+v", c)
	}
	if c := s.Commands[10]; !reflect.DeepEqual(c.Paths, []string{"./notify.sh"}) {
		t.Errorf("script call = %+v", c)
	}
}

func TestParams(t *testing.T) {
	s := Parse("daily.sh", []byte(daily))
	var got []string
	for _, p := range s.Params {
		got = append(got, strings.Join([]string{p.Name, p.Kind, p.Positional, p.Base, p.Offset, p.Format}, "|"))
	}
	want := []string{
		"DT|date|1|run_date|-1 day|%Y%m%d",
		"DT_DASH|date||DT|+0 day|%F",
		"SLACK_CHANNEL|env||||",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("params:\n got %q\nwant %q", got, want)
	}
}

// TestSecrets: every credential is found at its position, and no secret
// value appears anywhere in what the package returns.
func TestSecrets(t *testing.T) {
	s := Parse("daily.sh", []byte(daily))
	var got []string
	for _, sec := range s.Secrets {
		got = append(got, sec.What)
	}
	sort.Strings(got)
	// --password "$DB_PASS" is not reported again: the variable was, at its
	// assignment, and its value is already Redacted.
	want := []string{"-p argument", "-p argument", "password in JDBC URL", "variable DB_PASS"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("secrets:\n got %q\nwant %q", got, want)
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"s3cr3t-pw", "hunter2", "pa55", "mysqlpw"} {
		if strings.Contains(string(out), v) {
			t.Errorf("secret value %q leaked into the result", v)
		}
	}
}

func TestDateExpr(t *testing.T) {
	tests := []struct{ in, base, off string }{
		{"1 day ago", "run_date", "-1 day"},
		{"yesterday", "run_date", "-1 day"},
		{"-2 days", "run_date", "-2 day"},
		{"${DT} -1 day", "DT", "-1 day"},
		{"3 months ago", "run_date", "-3 month"},
		{"tomorrow", "run_date", "+1 day"},
		{"now", "run_date", "+0 day"},
	}
	for _, tt := range tests {
		b, o := dateExpr(tt.in)
		if b != tt.base || o != tt.off {
			t.Errorf("%q: got %s %s, want %s %s", tt.in, b, o, tt.base, tt.off)
		}
	}
}

func TestCRLF(t *testing.T) {
	s := Parse("crlf.sh", []byte(strings.ReplaceAll(daily, "\n", "\r\n")))
	if len(s.Diags) != 0 || len(s.Commands) != 11 {
		t.Fatalf("diags %v, %d commands", s.Diags, len(s.Commands))
	}
	if got := s.Commands[0].Files[0]; got != "/home/batch/sql/daily_sales.hql" {
		t.Errorf("file = %q", got)
	}
}

func TestSqoopQuery(t *testing.T) {
	src := `sqoop import --connect jdbc:mysql://db/shop --query "select o.id, u.name from orders o join shop.users u on o.uid = u.id where o.dt = '${DT}' and \$CONDITIONS" --split-by o.id --target-dir /x`
	s := Parse("q.sh", []byte(src))
	if len(s.Commands) != 1 {
		t.Fatalf("commands: %+v, diags %v", s.Commands, s.Diags)
	}
	if got := s.Commands[0].Tables; !reflect.DeepEqual(got, []string{"orders", "shop.users"}) {
		t.Errorf("tables = %v (diags %v)", got, s.Diags)
	}
}

func TestSourceSharesVariables(t *testing.T) {
	files := map[string]string{
		"/home/batch/conf/env.sh": "HIVE_DB=mart\nSQL_DIR=/home/batch/sql\nhive -e 'set x=1'\n",
	}
	read := func(p string) ([]byte, bool) { s, ok := files[p]; return []byte(s), ok }
	src := "source ../conf/env.sh\nhive -f ${SQL_DIR}/a.hql --hivevar db=${HIVE_DB}\n. /missing.sh\n"
	s := ParseWith("/home/batch/bin/job.sh", []byte(src), Options{Read: read, Dir: "/home/batch/bin"})
	if len(s.Commands) != 2 {
		t.Fatalf("commands = %+v", s.Commands)
	}
	if c := s.Commands[0]; c.File != "/home/batch/conf/env.sh" || c.Line != 3 {
		t.Errorf("sourced command = %+v", c)
	}
	if c := s.Commands[1]; c.File != "" || c.Files[0] != "/home/batch/sql/a.hql" || c.Vars[0].Value != "mart" {
		t.Errorf("command = %+v", c)
	}
	if len(s.Diags) != 1 || !strings.Contains(s.Diags[0].Msg, "/missing.sh is not in the estate") {
		t.Errorf("diags = %v", s.Diags)
	}
}

func TestSyntaxError(t *testing.T) {
	s := Parse("bad.sh", []byte("if true; then\n  echo x\n"))
	if len(s.Diags) != 1 || s.Diags[0].Severity != "error" {
		t.Errorf("diags = %v", s.Diags)
	}
}

// TestRealWorld reads the two teams' warehouse scripts: none fails to parse,
// and their hive calls with a file or inline SQL are found.
func TestRealWorld(t *testing.T) {
	dir := realworld.Require(t, "shell")
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".sh") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 50 {
		t.Fatalf("found only %d scripts", len(files))
	}
	kinds := map[string]int{}
	var sqlSteps, unresolved int
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := Parse(filepath.Base(f), src)
		for _, d := range s.Diags {
			t.Errorf("%s:%s", f, d)
		}
		for _, c := range s.Commands {
			kinds[c.Kind]++
			if (c.Kind == "hive-sql" || c.Kind == "spark-sql") && (c.SQL != "" || len(c.Files) > 0) {
				sqlSteps++
			}
		}
		for _, p := range s.Params {
			if p.Kind == "env" {
				unresolved++
			}
		}
	}
	t.Logf("%d scripts: commands by kind %v; %d SQL steps; %d unresolved environment parameters", len(files), kinds, sqlSteps, unresolved)
	if sqlSteps < len(files)/2 {
		t.Errorf("only %d SQL steps in %d scripts", sqlSteps, len(files))
	}
}

func FuzzParse(f *testing.F) {
	f.Add(daily)
	f.Add("for x in a b; do hive -e \"select $x\"; done\nf() { sqoop import --password p; }\nf\n")
	f.Fuzz(func(t *testing.T, src string) {
		s := Parse("f.sh", []byte(src))
		for _, d := range s.Diags {
			if strings.Contains(d.Msg, "internal error") {
				t.Fatalf("%q: %s", src, d.Msg)
			}
		}
		if _, err := json.Marshal(s); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	src := []byte(daily)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Parse("daily.sh", src)
	}
}

func TestSecretFlags(t *testing.T) {
	src := "notify.sh --to ops@example.com --token tok123 --api-key=key456\nsqoop import --password-file /user/etl/.pw --connect jdbc:mysql://h/db\n"
	s := Parse("n.sh", []byte(src))
	var got []string
	for _, sec := range s.Secrets {
		got = append(got, sec.What)
	}
	sort.Strings(got)
	if want := []string{"--api-key argument", "--token argument"}; !reflect.DeepEqual(got, want) {
		t.Errorf("secrets: got %q, want %q", got, want)
	}
	out, _ := json.Marshal(s)
	for _, v := range []string{"tok123", "key456"} {
		if strings.Contains(string(out), v) {
			t.Errorf("secret value %q leaked into the result", v)
		}
	}
	if !strings.Contains(string(out), "/user/etl/.pw") {
		t.Error("--password-file names a file, not a secret: it must be kept")
	}
}

// TestSQLVars: the shell variables the shell substituted into SQL text
// are told from Hive's own ${...} references.
func TestSQLVars(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"DT=${1:-$(date +%F)}\nhive -e \"select * from t where dt = '${DT}'\"\n", "DT"},
		{"hive -e 'select * from t where dt = \"${DT}\"'\n", ""},
		{"hive --hivevar dt=$X -e \"select '\\${hivevar:dt}', '$Y'\"\n", "Y"},
		{"sql=\"insert overwrite table t select * from s where dt='$do_date'\"\nhive -e \"$sql\"\n", "do_date"},
		{"hive <<EOF\nselect '$DT';\nEOF\n", "DT"},
		{"hive <<'EOF'\nselect '${DT}';\nEOF\n", ""},
		{"D=20240101\nhive -e \"select '$D'\"\n", ""},
	} {
		sc := Parse("t.sh", []byte(tc.src))
		var got []string
		for _, c := range sc.Commands {
			got = append(got, c.SQLVars...)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%q: SQLVars = %v, want %q", tc.src, got, tc.want)
		}
	}
}

// TestDefaultDateIdioms: the if/else and case forms of "the argument,
// else yesterday" are the date parameter ${1:-$(date …)}.
func TestDefaultDateIdioms(t *testing.T) {
	for _, src := range []string{
		"if [ -n \"$1\" ]\nthen\ndo_date=$1\nelse\ndo_date=`date -d \"-1 day\" +%F`\nfi\nhive -e \"select '$do_date'\"\n",
		"if [ $# == 1 ]; then\n   do_date=$1\nelse\n   do_date=`date -d -1days '+%Y-%m-%d'`\nfi\nhive -e \"select '$do_date'\"\n",
		"if [ -z \"$1\" ]; then do_date=$(date -d '1 day ago' +%F); else do_date=\"$1\"; fi\nhive -e \"select '$do_date'\"\n",
		"case $# in\n1) do_date=$1 ;;\n*) do_date=$(date -d yesterday +%F) ;;\nesac\nhive -e \"select '$do_date'\"\n",
	} {
		sc := Parse("t.sh", []byte(src))
		var p *Param
		for _, x := range sc.Params {
			if x.Name == "do_date" {
				p = x
			}
		}
		if p == nil || p.Kind != "date" || p.Offset != "-1 day" || p.Format != "%F" && p.Format != "%Y-%m-%d" || p.Positional != "1" {
			t.Errorf("%q: param %+v", src, p)
		}
	}
}

// TestCondition: a command under an if test carries it; the default-date
// idiom and failure branches are no conditions.
func TestCondition(t *testing.T) {
	sc := Parse("t.sh", []byte("WEEK_DAY=$(date +%w)\nif [ \"$WEEK_DAY\" = 1 ]; then\n  hive -f /q/weekly.sql\nelse\n  hive -f /q/daily.sql\nfi\nhive -f /q/always.sql\n"))
	var got []string
	for _, c := range sc.Commands {
		got = append(got, c.Condition)
	}
	want := []string{`[ "$WEEK_DAY" = 1 ]`, `else of [ "$WEEK_DAY" = 1 ]`, ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("conditions %q, want %q", got, want)
	}
}

// TestInlineDates: a date computed inside an argument becomes a named
// parameter (SP_DATE_n, one per distinct words), with its source, so the
// migrated step computes it per run instead of passing its placeholder.
func TestInlineDates(t *testing.T) {
	src := "hive -hivevar day=`date -d -1month '+%Y%m'` -f m.sql\nhive -hivevar d=$(date -d -1month '+%Y%m') -hivevar t=$(date +%F) -f n.sql\n"
	s := Parse("inline.sh", []byte(src))
	var got []string
	for _, p := range s.Params {
		got = append(got, strings.Join([]string{p.Name, p.Kind, p.Base, p.Offset, p.Format, p.Source}, "|"))
	}
	want := []string{
		// backquotes print as $(…): the same words, one name
		"SP_DATE_1|date|run_date|-1 month|%Y%m|$(date -d -1month '+%Y%m')",
		"SP_DATE_2|date|run_date|+0 day|%F|$(date +%F)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("params:\n got %q\nwant %q", got, want)
	}
	var args []string
	for _, c := range s.Commands {
		args = append(args, strings.Join(c.Args, " "))
	}
	if len(args) != 2 || !strings.Contains(args[0], "day=${SP_DATE_1}") || !strings.Contains(args[1], "d=${SP_DATE_1} -hivevar t=${SP_DATE_2}") {
		t.Errorf("args %q", args)
	}
}
