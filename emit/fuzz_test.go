package emit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/translate"
)

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
