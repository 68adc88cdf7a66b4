package hiveql

import (
	"reflect"
	"testing"
)

func TestAccesses(t *testing.T) {
	src := `use lake;
insert overwrite table mart.daily partition (dt='${dt}') select a.x from orders a join dwh.shops s on a.k = s.k;
with recent as (select * from events) insert into table agg select count(*) from recent;
from raw_events e lateral view explode(e.tags) t as tag insert overwrite table dwh.tags select tag insert overwrite table dwh.cnt select count(*);
create table dwh.snap as select * from dwh.shops where x in (select y from lake.ids);
create external table dwh.dim (a int) location 'hdfs://ns1/dwh/dim';
load data inpath 'hdfs://ns1/in/x.csv' overwrite into table stage.x;
insert overwrite directory '/tmp/out' select * from db_${env}.t;
explain select * from secret_table;
merge into dwh.dim d using stage.dim s on d.a = s.a when matched then delete;
`
	f, errs := Parse([]byte(src), Hive)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := Accesses(f, "default")
	want := []Access{
		{},
		{Inputs: []string{"lake.orders", "dwh.shops"}, Outputs: []string{"mart.daily"}},
		{Inputs: []string{"lake.events"}, Outputs: []string{"lake.agg"}},
		{Inputs: []string{"lake.raw_events"}, Outputs: []string{"dwh.tags", "dwh.cnt"}},
		{Inputs: []string{"dwh.shops", "lake.ids"}, Outputs: []string{"dwh.snap"}},
		{Defines: []string{"dwh.dim"}},
		{Inputs: []string{"hdfs://ns1/in/x.csv"}, Outputs: []string{"stage.x"}},
		{Inputs: []string{"db_${env}.t"}, Outputs: []string{"/tmp/out"}},
		{},
		{Inputs: []string{"stage.dim"}, Outputs: []string{"dwh.dim"}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d accesses, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("statement %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
		}
	}
}

func TestStringValue(t *testing.T) {
	tests := []struct{ src, want string }{
		{`'a\tb'`, "a\tb"},
		{`'it\'s'`, "it's"},
		{`"dq"`, "dq"},
		{`'\\'`, `\`},
		{`'\001'`, "\x01"},
		{`'\u3042'`, "あ"},
		{`'a' 'b'`, "ab"},
		{`'${hiveconf:dt}'`, "${hiveconf:dt}"},
	}
	for _, tt := range tests {
		e, errs := ParseExpr([]byte(tt.src), Hive)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if got := e.(*StringLit).Value(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestInspectVisitsEveryTable(t *testing.T) {
	f, _ := Parse([]byte("select * from a where x in (select y from b) union all select * from (select * from c) s lateral view explode(m) e as k"), Hive)
	var names []string
	Inspect(f.Statements[0].Stmt, func(n Node) bool {
		if tn, ok := n.(*TableName); ok {
			names = append(names, tn.Name.Parts[0].Name)
		}
		return true
	})
	if !reflect.DeepEqual(names, []string{"a", "b", "c"}) {
		t.Errorf("tables = %v", names)
	}
}

func TestNameQualified(t *testing.T) {
	for _, c := range []struct{ name, db, want string }{
		{"Sales", "Mart", "Mart.sales"}, {"DWH.Sales", "mart", "dwh.sales"}, {"t", "", "t"}, {"`a`.b", "x", "a.b"},
		// Hive reads a dotted name in one pair of backquotes as db.table.
		{"`ODS.Orders`", "x", "ods.orders"}, {"`a.b.c`", "x", "x.a.b.c"}, {"ods_x", "x", "x.ods_x"},
	} {
		f, errs := Parse([]byte("SELECT 1 FROM "+c.name), Hive)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var got string
		Inspect(f.Statements[0].Stmt, func(n Node) bool {
			if tn, ok := n.(*TableName); ok {
				got = tn.Name.Qualified(c.db)
			}
			return true
		})
		if got != c.want {
			t.Errorf("%s in %q: %q, want %q", c.name, c.db, got, c.want)
		}
	}
}

func TestPathsAndNames(t *testing.T) {
	for _, c := range []struct {
		in      string
		path    bool
		key     string
		nameTxt string // "" for a path, which is not a table key
	}{
		{"mart.sales", false, "./mart.sales", "mart.sales"},
		{"/data/x.out", true, "/data/x.out", "`/data/x`.out"},
		{"target/warehouse/x.out", false, "./target/warehouse/x.out", "`target/warehouse/x`.out"},
		{"../../data/files/t", true, "../../data/files/t", ""},
		{"hdfs://nn:8020/a", true, "hdfs://nn:8020/a", "`hdfs://nn:8020/a`"},
		{"file:/tmp/x", true, "file:/tmp/x", "`file:/tmp/x`"},
		{"pfile:${system:test.tmp.dir}/x", true, "pfile:${system:test.tmp.dir}/x", ""},
		{"jdbc:mysql://db/x", true, "jdbc:mysql://db/x", "`jdbc:mysql://db/x`"},
		{"db~!@#.t//", false, "./db~!@#.t//", "`db~!@#`.`t//`"},
		{"default.select", false, "./default.select", "default.`select`"},
		{"default.`odd`", false, "./default.`odd`", "default.```odd```"},
		{"d1.2t", false, "./d1.2t", "d1.`2t`"},
	} {
		if got := IsPath(c.in); got != c.path {
			t.Errorf("IsPath(%q) = %v", c.in, got)
		}
		if got := PathKey(c.in); got != c.key {
			t.Errorf("PathKey(%q) = %q, want %q", c.in, got, c.key)
		}
		if got := NameText(c.in); c.nameTxt != "" && got != c.nameTxt {
			t.Errorf("NameText(%q) = %q, want %q", c.in, got, c.nameTxt)
		}
	}
}
