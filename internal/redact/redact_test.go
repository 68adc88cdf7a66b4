package redact

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`TBLPROPERTIES ('javax.jdo.option.ConnectionPassword'='Hunter2Secret' ,,, broken`, `TBLPROPERTIES ('javax.jdo.option.ConnectionPassword'='<redacted>' ,,, broken`},
		{`CREATE TABLE t USING jdbc OPTIONS (url 'x', password='pw123456' garbage`, `CREATE TABLE t USING jdbc OPTIONS (url 'x', password='<redacted>' garbage`},
		{`OPTIONS (user 'etl', password 'pw123456')`, `OPTIONS (user 'etl', password '<redacted>')`},
		{`DB_PASS='ChangeMe-2019'`, `DB_PASS='<redacted>'`},
		{`export DB_PASSWORD=ChangeMe-2019`, `export DB_PASSWORD=<redacted>`},
		{`sqoop import --password Sh0p-Import --table t`, `sqoop import --password <redacted> --table t`},
		{`sqoop import --password=Sh0p-Import`, `sqoop import --password=<redacted>`},
		{`mysql -u etl -pS3cret shop`, `mysql -u etl -p<redacted> shop`},
		{`beeline -u jdbc:hive2://h:10000 -n etl -p Rep0rt-Beeline -f x.hql`, `beeline -u jdbc:hive2://h:10000 -n etl -p <redacted> -f x.hql`},
		{`--connect 'jdbc:mysql://db01/shop?user=etl&password=P0int-Url-Pass&ssl=1'`, `--connect 'jdbc:mysql://db01/shop?user=etl&password=<redacted>&ssl=1'`},
		{`dfs -ls hdfs://etl:Url-Pass-9@nn:8020/x`, `dfs -ls hdfs://etl:<redacted>@nn:8020/x`},
		{`SET fs.s3a.secret.key=AKIAxyz;`, `SET fs.s3a.secret.key=<redacted>;`},
		{`set fs.s3a.access.key = AKIA123;`, `set fs.s3a.access.key = <redacted>;`},
		{"ads_api_password: Ads-Plain-Pass\n", "ads_api_password: <redacted>\n"},
		{`api_token: "tok-123"`, `api_token: "<redacted>"`},
		{`'it''s' = 'x', 'password' = 'a''b'`, `'it''s' = 'x', 'password' = '<redacted>'`},
		// Not credentials.
		{`--password-file /user/etl/.pw`, `--password-file /user/etl/.pw`},
		{`--password $DB_PASS`, `--password $DB_PASS`},
		{`password='${hivevar:pw}'`, `password='${hivevar:pw}'`},
		{`SELECT bypass, passenger_count FROM t WHERE compass = 'n'`, `SELECT bypass, passenger_count FROM t WHERE compass = 'n'`},
		{`hive -p 10000 -e 'select 1'`, `hive -p 10000 -e 'select 1'`},
		{`INSERT INTO t SELECT key, value FROM src`, `INSERT INTO t SELECT key, value FROM src`},
		{`password = '<redacted>'`, `password = '<redacted>'`},
		{`-- admin password is Hunter2Secret`, `-- admin password is <redacted>`},
		{`hive -e "CREATE TABLE x (a int) TBLPROPERTIES ('password'='Pl4nt-7faa70' ,, broken"`, `hive -e "CREATE TABLE x (a int) TBLPROPERTIES ('password'='<redacted>' ,, broken"`},
		{`sh>: "mysql -u etl -pS3cret shop"`, `sh>: "mysql -u etl -p<redacted> shop"`},
		{`curl -u admin:Hook-Pw-1 https://x`, `curl -u admin:<redacted> https://x`},
		{`curl -u admin:Xyz-42 https://x`, `curl -u admin:<redacted> https://x`},
		{`curl --user 'admin:Hook-Pw-1' https://x`, `curl --user 'admin:<redacted>' https://x`},
		{`it now reads ${secret:ads_api_password}: set it`, `it now reads ${secret:ads_api_password}: set it`},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// FuzzText: no panic, idempotent, and a planted password after a
// credential key never survives.
func FuzzText(f *testing.F) {
	f.Add("x", "password='pw'")
	f.Add("'k'='v'", "")
	f.Add("unterminated 'quote", "--password x")
	f.Fuzz(func(t *testing.T, pre, post string) {
		in := pre + " password='Planted-Val9' " + post
		out := Text(in)
		if Text(out) != out {
			t.Fatalf("not idempotent: %q → %q → %q", in, out, Text(out))
		}
		if !strings.ContainsAny(pre, "'\"`") && strings.Contains(out, "Planted-Val9") {
			t.Fatalf("planted value survived: %q → %q", in, out)
		}
	})
}

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		"hdfs://u:pw@nn:8020/data":  "hdfs://u@nn:8020/data",
		"hdfs://nn/data":            "hdfs://nn/data",
		"/local/path":               "/local/path",
		"s3://b/k@x":                "s3://b/k@x",
		"jdbc:mysql://u:p@h/db?x=1": "jdbc:mysql://u@h/db?x=1",
	} {
		if got := URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSecretKeyQuickTest: the quick rejection never turns away a key the
// full test accepts, whatever its case or separators.
func TestSecretKeyQuickTest(t *testing.T) {
	for _, k := range []string{"password", "DB_PASS", "dbPass", "--pass", "db.pwd", "PW", "X-Api-Key", "accessKey",
		"ACCESS_KEY", "private.key", "Token", "mySecret", "aws_credential", "passwd", "Passw0rd_field", "ＰＡＳＳ"} {
		if !mayBeKey(k) {
			t.Errorf("mayBeKey(%q) = false", k)
		}
		full := false
		lower := strings.ToLower(k)
		for _, w := range []string{"pass", "pw", "secret", "credential", "token", "key"} {
			full = full || strings.Contains(lower, w)
		}
		if full != mayBeKey(k) && k != "ＰＡＳＳ" {
			t.Errorf("mayBeKey(%q) = %v, strings.Contains says %v", k, mayBeKey(k), full)
		}
	}
	for _, k := range []string{"user", "host", "DB_NAME", "table", "dt"} {
		if mayBeKey(k) || secretKey(k) {
			t.Errorf("%q taken for a credential key", k)
		}
	}
}
