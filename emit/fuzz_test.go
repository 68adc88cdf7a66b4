package emit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/translate"
)

func tokenTexts(s string) string {
	toks, _, _ := hiveql.Lex([]byte(s), hiveql.Hive)
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(s[t.Pos:t.End])
		b.WriteByte(0)
	}
	return b.String()
}

// FuzzAlign lines up two SQL texts as parametric clones: it must never
// panic, and when it succeeds, filling the template with each text's
// values must give that text's tokens back (layout and comments are the
// first text's: they may differ between clones).
//
//	go test ./emit -run XXX -fuzz FuzzAlign
func FuzzAlign(f *testing.F) {
	f.Add("INSERT OVERWRITE TABLE mart.sales_umeda SELECT * FROM t WHERE store = 'umeda';",
		"INSERT OVERWRITE TABLE mart.sales_namba SELECT * FROM t WHERE store = 'namba';")
	f.Add("SELECT 1 FROM a WHERE n > 100", "SELECT 1 FROM a WHERE n > 50")
	f.Add("SET password='x'; SELECT 1", "SET password='y'; SELECT 1")
	f.Add("SELECT `a_b` FROM x", "SELECT `a_c` FROM x")
	f.Fuzz(func(t *testing.T, a, b string) {
		vars := &varTable{index: map[string]int{}}
		tmpl, ok := alignSQL([]string{a, b}, vars)
		if !ok {
			return
		}
		vars.finish()
		for i, want := range []string{a, b} {
			got := fill(tmpl, len(vars.cols), func(k int) string { return vars.cols[k][i] })
			if g, w := tokenTexts(got), tokenTexts(want); g != w {
				t.Fatalf("template %q with values of text %d gives\n%q\nwant the tokens of\n%q", tmpl, i, got, want)
			}
		}
		if strings.Contains(tmpl, "password='") && vars.cols != nil {
			for _, col := range vars.cols {
				if col[0] == "x" && col[1] == "y" {
					t.Fatalf("a credential became a variable: %q", tmpl)
				}
			}
		}
	})
}

// FuzzMigrate runs the whole pipeline on a one-host estate made of a
// crontab line, the script it runs and a SQL file (twice, on two hosts, so
// that groups form): no error, no panic caught as an internal error, the
// same bytes twice.
//
//	go test ./emit -run XXX -fuzz FuzzMigrate
func FuzzMigrate(f *testing.F) {
	f.Add("#!/bin/bash\nDT=$(date -d '1 day ago' +%Y%m%d)\nhive --hivevar dt=$DT -f /q.hql\n", "INSERT OVERWRITE TABLE mart.x PARTITION (dt='${hivevar:dt}') SELECT a FROM lake.y;\n")
	f.Add("sqoop import --connect jdbc:mysql://db/shop --password s3cret --table t --hive-import --hive-table lake.t\nhadoop fs -rm -r /tmp/x\n", "")
	f.Add("hive -e \"SELECT 1\"\nspark-submit --class A /opt/a.jar\n", "dfs -rm -r /tmp/${hivevar:x};\nSELECT 1;")
	f.Fuzz(func(t *testing.T, script, sql string) {
		root := t.TempDir()
		for _, h := range []string{"h1", "h2"} {
			for p, data := range map[string]string{"etc/crontab": "0 1 * * * u /x.sh\n", "x.sh": script, "q.hql": sql} {
				name := filepath.Join(root, h, p)
				os.MkdirAll(filepath.Dir(name), 0o755)
				if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		cfg := translate.DefaultConfig()
		cfg.Consumed = []string{"*"}
		run := func() *Output {
			inv, err := inventory.Build(root, inventory.Options{Workers: 1, Consumed: cfg.Consumed})
			if err != nil {
				t.Fatal(err)
			}
			out, err := Build(inv, Options{Config: cfg, Estate: root, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		a, b := run(), run()
		for _, it := range a.Review {
			if it.Rule == "internal" {
				t.Fatalf("internal error: %s", it.Message)
			}
		}
		for p, data := range a.Files {
			if string(data) != string(b.Files[p]) {
				t.Fatalf("%s differs between two runs", p)
			}
		}
	})
}
