package hiveql

import (
	"strings"
	"testing"
)

// FuzzParse checks that no input makes the parser panic, loop or report an
// internal error, and that every statement it accepts round-trips.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"select a, b from t where x > 1 group by a order by b limit 1",
		"insert overwrite table t partition (dt='${hiveconf:dt}') select * from s lateral view explode(x) e as c",
		"from s insert into table a select x insert into table b select y",
		"create external table t (a array<map<string,struct<x:int>>>) partitioned by (d string) stored as orc location 'x'",
		"set a=b; add jar x.jar; dfs -ls /; ! echo; source f.hql",
		"select case when a then b else c end, cast(x as decimal(1,2)), interval '1' day from t",
		"with x as (select 1) select * from x union all select 2",
		"alter table t add partition (a=1) location 'x'",
		"merge into t using s on t.k = s.k when matched then delete",
		"select -1, - -1, 1Y, .5e3BD, `a``b`, 'x' 'y'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		debugPanics = false
		file, errs := Parse([]byte(src), Hive)
		for _, e := range errs {
			if strings.HasPrefix(e.Msg, "internal parser error") {
				t.Fatalf("internal error on %q: %s", src, e.Msg)
			}
			if e.Pos < 0 || int(e.Pos) > len(src) {
				t.Fatalf("error position %d outside input of %d bytes", e.Pos, len(src))
			}
		}
		for _, st := range file.Statements {
			if _, bad := st.Stmt.(*BadStmt); bad {
				continue
			}
			if msg := roundTrip(st.Stmt, Hive); msg != "" {
				t.Fatalf("%q: %s", src, msg)
			}
		}
	})
}
