package emit

import (
	"bytes"
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
