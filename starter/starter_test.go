package starter

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/translate"
)

// TestSampleStarter: the starter config of the sample estate loads, maps
// every path the estate's SQL names (no SP011 left), names the estate's
// time zone and databases, and holds no credential.
func TestSampleStarter(t *testing.T) {
	estate := filepath.Join("..", "corpus", "estate")
	inv, err := inventory.Build(estate, inventory.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := Config(inv, Options{EstateDir: estate})
	cfg, err := translate.LoadConfig("starter.yaml", src)
	if err != nil {
		t.Fatalf("the starter config does not load: %v\n%s", err, src)
	}
	if cfg.TimeZone != "Asia/Tokyo" {
		t.Errorf("timezone = %q, want the sample's Asia/Tokyo", cfg.TimeZone)
	}
	for _, db := range []string{"lake", "dwh", "mart"} {
		if _, ok := cfg.Databases[db]; !ok {
			t.Errorf("database %s is not in the starter config", db)
		}
	}
	if len(cfg.Placeholders()) == 0 {
		t.Error("the starter config has no placeholder to replace")
	}
	// Uncommenting a suggested secret keeps the file valid.
	edited := strings.Replace(string(src), "    # \"jdbc:", "    \"jdbc:", 1)
	if edited == string(src) {
		t.Fatal("no JDBC secret suggested")
	}
	if _, err := translate.LoadConfig("edited.yaml", []byte(edited)); err != nil {
		t.Errorf("uncommenting a suggested secret breaks the config: %v", err)
	}
	// Hive's warehouse folder of each database maps where its layer puts
	// the database.
	for _, db := range []string{"lake", "dwh", "mart"} {
		loc, _ := cfg.DatabaseLocation(db)
		if got, ok := cfg.MapPath("/user/hive/warehouse/" + db + ".db/t"); !ok || got != loc+"/t" {
			t.Errorf("%s: warehouse data goes to %s, the database to %s", db, got, loc)
		}
	}
	unmapped := 0
	for _, j := range inv.Jobs {
		for _, st := range j.Steps {
			if st.SQL == "" || st.Source == nil {
				continue
			}
			for _, u := range translate.Translate(st.Source.Path, []byte(st.SQL), cfg, translate.Options{}).Unmapped {
				t.Errorf("%s:%s: %s %s is still unmapped", st.Source.Host, st.Source.Path, u.Kind, u.Path)
				unmapped++
			}
		}
	}
	for _, secret := range []string{"Sh0p-Import", "P0int-Url-Pass", "Ads-Plain-Pass", "ChangeMe-2019", "Rep0rt-Beeline", "password="} {
		if strings.Contains(string(src), secret) {
			t.Errorf("the starter config holds %q", secret)
		}
	}
}

func TestStaticPart(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/user/batch/stage/orders/${DT}", "/user/batch/stage/orders"},
		{"/data/lake/app_events/dt=2024-01-01/part-0", "/data/lake/app_events"},
		{"/user/batch/tmp/*", "/user/batch/tmp"},
		{"/var/export/app/events.tsv", "/var/export/app"},
		{"/user/hive/warehouse/mart.db", "/user/hive/warehouse/mart.db"},
		{"hdfs://ns1/user/hive/warehouse/mart.db/t", "hdfs://ns1/user/hive/warehouse/mart.db/t"},
		{"hdfs://ns1", "hdfs://ns1"},
	} {
		if got := staticPart(tc.in); got != tc.want {
			t.Errorf("staticPart(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestGroupPaths(t *testing.T) {
	m := map[string]*seen{}
	for _, p := range []string{"/tmp/h1", "/tmp/h2", "/tmp/h3", "/tmp/h4", "/user/batch/stage/orders", "/user/batch/stage/items", "/user/batch/tmp", "/user/hive/warehouse/mart.db/kpi", "/data/lake/a", "/data/lake/b"} {
		addSeen(m, p, "h:/x:1")
	}
	var got []string
	for _, g := range groupPaths(m) {
		got = append(got, g.prefix)
	}
	want := "/data/lake /tmp /user/batch /user/hive/warehouse"
	if strings.Join(got, " ") != want {
		t.Errorf("groups = %v, want %s", got, want)
	}
}

func TestJDBCConnection(t *testing.T) {
	for in, want := range map[string]string{
		"jdbc:mysql://shopdb01:3306/shop.orders":       "jdbc:mysql://shopdb01:3306/shop",
		"jdbc:mysql://etl:pw@shopdb01/shop.orders":     "jdbc:mysql://shopdb01:3306/shop",
		"jdbc:postgresql://pg01/dwh?password=x.orders": "jdbc:postgresql://pg01:5432/dwh",
	} {
		if got := jdbcConnection(in); got != want {
			t.Errorf("jdbcConnection(%q) = %q, want %q", in, got, want)
		}
	}
}
