package cli

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plantedEstate writes a small random estate with credentials planted
// where legacy jobs keep them — inside statements that do not parse, in
// comments, shell variables and options, Digdag parameters, JDBC URLs and
// HDFS URLs — and returns the planted values.
func plantedEstate(t *testing.T, dir string, seed int64) []string {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	var planted []string
	secret := func() string {
		v := fmt.Sprintf("Pl4nt-%06x", rng.Intn(1<<24))
		planted = append(planted, v)
		return v
	}
	put := func(p, content string) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sqlPlaces := []func() string{
		func() string {
			return "CREATE TABLE t1 (a INT) TBLPROPERTIES ('javax.jdo.option.ConnectionPassword'='" + secret() + "' ,,, broken;\n"
		},
		func() string { return "SELECT * FROM t WHERE password='" + secret() + "' garbage garbage (;\n" },
		func() string { return "-- the admin password is " + secret() + "\nSELECT 1;\n" },
		func() string {
			return "CREATE TABLE j USING jdbc OPTIONS (url 'jdbc:mysql://db/x', user 'etl', password '" + secret() + "');\n"
		},
		func() string { return "SET fs.s3a.secret.key=" + secret() + ";\n" },
		func() string { return "dfs -ls hdfs://etl:" + secret() + "@nn:8020/user/x;\n" },
		func() string {
			return "INSERT OVERWRITE TABLE mart.t SELECT a FROM lake.s;\n"
		},
		func() string { return "ALTER TABLE t SET TBLPROPERTIES ('secret.key'='" + secret() + "' ;;\n" },
		func() string {
			return "LOAD DATA INPATH 'hdfs://loader:" + secret() + "@nn:8020/data/raw/x' INTO TABLE lake.raw;\n"
		},
		func() string {
			return "CREATE TABLE lake.ext (a INT) LOCATION 'hdfs://etl:" + secret() + "@nn/data/ext';\n"
		},
	}
	shellPlaces := []func() string{
		func() string { return "DB_PASS='" + secret() + "'\n" },
		func() string { return "mysql -u etl -p" + secret() + " shop -e 'select 1'\n" },
		func() string {
			return "sqoop import --connect 'jdbc:mysql://db01/shop?user=etl&password=" + secret() + "' --table t --target-dir /user/etl/t\n"
		},
		func() string {
			return "sqoop export --connect jdbc:mysql://db01/shop --username etl --password " + secret() + " --table t --export-dir /x\n"
		},
		func() string { return "beeline -u jdbc:hive2://h:10000 -n etl -p " + secret() + " -e 'select 1'\n" },
		func() string {
			return "hive -e \"CREATE TABLE x (a int) TBLPROPERTIES ('password'='" + secret() + "' ,, broken\"\n"
		},
	}
	hosts := 1 + rng.Intn(3)
	for h := 0; h < hosts; h++ {
		host := fmt.Sprintf("h%d", h)
		var sql, sh strings.Builder
		for i := 0; i < 3+rng.Intn(5); i++ {
			sql.WriteString(sqlPlaces[rng.Intn(len(sqlPlaces))]())
		}
		sh.WriteString("#!/bin/bash\n")
		for i := 0; i < 2+rng.Intn(4); i++ {
			sh.WriteString(shellPlaces[rng.Intn(len(shellPlaces))]())
		}
		sh.WriteString("hive -f /home/etl/job.hql\n")
		put(host+"/etc/crontab", "0 1 * * * etl /home/etl/job.sh\n")
		put(host+"/home/etl/job.sh", sh.String())
		put(host+"/home/etl/job.hql", sql.String())
		put(host+"/opt/digdag/p/wf.dig", "timezone: Asia/Tokyo\nschedule:\n  daily>: 01:00:00\n_export:\n  db_password: "+secret()+
			"\n  api_token: '"+secret()+"'\n  api_key: "+secret()+"\n+load:\n  sh>: mysql -u etl -p"+secret()+" shop\n+hook:\n  sh>: curl -u admin:"+secret()+" https://hooks.example/x\n+q:\n  hive>: job.hql\n")
	}
	return planted
}

// TestNoPlantedSecretAnywhere: for random estates with planted credentials,
// no planted value appears on standard output or error of parse,
// translate, inventory and migrate, nor in any file they write.
func TestNoPlantedSecretAnywhere(t *testing.T) {
	for seed := int64(1); seed <= 40; seed++ {
		root := t.TempDir()
		estate := filepath.Join(root, "estate")
		planted := plantedEstate(t, estate, seed)
		runs := [][]string{
			{"parse", filepath.Join(estate, "h0/home/etl/job.hql")},
			{"parse", "--json", filepath.Join(estate, "h0/home/etl/job.hql")},
			{"translate", filepath.Join(estate, "h0/home/etl/job.hql")},
			{"translate", "--json", filepath.Join(estate, "h0/home/etl/job.sh")},
			{"translate", filepath.Join(estate, "h0/home/etl/job.sh")},
			{"translate", "-o", filepath.Join(root, "tr"), filepath.Join(estate, "h0/home/etl/job.hql")},
			{"inventory", "--json", estate, "-o", filepath.Join(root, "inv")},
			{"migrate", estate, "-o", filepath.Join(root, "out")},
			{"init", estate, "-o", filepath.Join(root, "init.yaml")},
		}
		for _, args := range runs {
			var stdout, stderr bytes.Buffer
			code := Main(args, strings.NewReader(""), &stdout, &stderr)
			if code == ExitUsage {
				t.Fatalf("seed %d: sparkport %s: exit 2: %s", seed, strings.Join(args, " "), stderr.String())
			}
			for _, v := range planted {
				if strings.Contains(stdout.String(), v) || strings.Contains(stderr.String(), v) {
					t.Errorf("seed %d: sparkport %s prints planted %s", seed, strings.Join(args, " "), v)
				}
			}
		}
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(p, estate+string(filepath.Separator)) {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, v := range planted {
				if bytes.Contains(data, []byte(v)) {
					rel, _ := filepath.Rel(root, p)
					t.Errorf("seed %d: %s holds planted %s", seed, rel, v)
				}
			}
			return nil
		})
	}
}
