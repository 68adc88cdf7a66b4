package emit

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/internal/realworld"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/translate"
)

// TestRealWorldMigrate runs the whole pipeline on inputs written by others
// (each folder of ../shared/realworld/<kind> a host): it must not fail,
// must account for every legacy job, must give the same bytes with one
// worker or several, and must copy no credential the inputs hold.
func TestRealWorldMigrate(t *testing.T) {
	for _, kind := range []string{"shell", "digdag", "hive"} {
		t.Run(kind, func(t *testing.T) {
			root := realworld.Require(t, kind)
			run := func(workers int) *Output {
				inv, err := inventory.Build(root, inventory.Options{Workers: workers})
				if err != nil {
					t.Fatal(err)
				}
				out, err := Build(inv, Options{Config: translate.DefaultConfig(), Estate: root, Workers: workers})
				if err != nil {
					t.Fatal(err)
				}
				if len(out.Manifest.Jobs) != len(inv.Jobs) {
					t.Errorf("manifest lists %d jobs of %d", len(out.Manifest.Jobs), len(inv.Jobs))
				}
				return out
			}
			a := run(0)
			checkReconciled(t, a)
			checkSQLParses(t, a)
			for p, data := range a.Files {
				for _, secret := range []string{"Its-a-s3cret", "qtestpassword"} {
					if bytes.Contains(data, []byte(secret)) {
						t.Errorf("%s holds %q", p, secret)
					}
				}
				if strings.HasPrefix(p, "emr/") && !bytes.HasPrefix(data, []byte(`{`)) {
					t.Errorf("%s is not JSON", p)
				}
			}
			if kind != "hive" { // the Hive corpus is large: one run is enough there
				b := run(1)
				for p, data := range a.Files {
					if !bytes.Equal(data, b.Files[p]) {
						t.Errorf("%s differs between worker counts", p)
					}
				}
			}
			s := a.Manifest.Summary
			t.Logf("%d legacy jobs → %d canonical (%d merged, %d dead, %d empty); %d auto, %d warnings, %d manual; %d files",
				s.LegacyJobs, s.Canonical, s.Merged, s.Dead, s.Empty, s.Auto, s.Warnings, s.Manual, len(a.Files))
		})
	}
}

// TestRealTeams migrates the two real teams' shell + HiveQL jobs laid out
// as an estate: ESTATE/vvic/opt/etl/… (scripts run from /opt/etl, an
// if/else default date, a chat notifier in || branches) and
// ESTATE/ldw/opt/… (SQL built in a shell variable, run with hive -e). At
// least 80% of canonical jobs must migrate automatically or with
// warnings, and every job left to a person must be one of the classes
// that no migration can do alone.
func TestRealTeams(t *testing.T) {
	src := realworld.Require(t, "shell")
	estate := filepath.Join(t.TempDir(), "estate")
	for host, from := range map[string]string{
		"vvic/opt/etl": filepath.Join(src, "yuanshengping-ysp-vvic-test"),
		"ldw/opt":      filepath.Join(src, "makotobot98-ldatawarehouse"),
	} {
		if err := os.CopyFS(filepath.Join(estate, host), os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
	cfgSrc, err := os.ReadFile("testdata/realteams.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := translate.LoadConfig("realteams.yaml", cfgSrc)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.Build(estate, inventory.Options{Consumed: cfg.Consumed})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Build(inv, Options{Config: cfg, Estate: estate})
	if err != nil {
		t.Fatal(err)
	}
	checkReconciled(t, out)
	checkSQLParses(t, out)
	s := out.Manifest.Summary
	t.Logf("%d legacy jobs → %d canonical: %d auto, %d with warnings, %d need a person", s.LegacyJobs, s.Canonical, s.Auto, s.Warnings, s.Manual)
	if ok := s.Auto + s.Warnings; ok*100 < s.Canonical*80 {
		t.Errorf("%d of %d canonical jobs automatic or with warnings, want at least 80%%", ok, s.Canonical)
	}
	// Why the rest need a person, by class.
	classes := map[string]int{}
	for _, it := range out.Review {
		if it.Severity != "error" || it.Rule != "manual-step" && it.Rule != "unresolved-variable" {
			continue
		}
		class := "other"
		switch {
		case strings.Contains(it.Message, "datax"):
			class = "DataX transfer (a sqoop-like tool with no EMR equivalent)"
		case strings.Contains(it.Message, "python step"):
			class = "a team's own Python program"
		case strings.Contains(it.Message, "not in the estate"):
			class = "SQL file not in the estate"
		case it.Rule == "unresolved-variable":
			class = "variable set nowhere in the estate"
		}
		classes[class]++
	}
	for c, n := range classes {
		t.Logf("needs a person: %d × %s", n, c)
	}
	if classes["other"] > 0 {
		t.Errorf("%d manual items of no known class", classes["other"])
	}
	// A notifier in a failure branch is the workflow's _error:, never a step.
	for p, data := range out.Files {
		if strings.HasPrefix(p, "emr/") && bytes.Contains(data, []byte("push_ding")) {
			t.Errorf("%s runs the failure notifier as a step", p)
		}
	}
}
