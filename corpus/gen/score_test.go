package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sparkport/sparkport/diff"
	"github.com/sparkport/sparkport/emit"
	"github.com/sparkport/sparkport/translate"

	"github.com/sparkport/sparkport/internal/outdir"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
)

// scores are what the issue asks the inventory to show on generated estates.
type scores struct {
	pairsFound, pairsRight, pairsTruth int // identical+equivalent merges
	familiesTruth, familiesFound       int
	parametricWrong                    int // parametric groups mixing families
	flowsTP, flowsFP, flowsFN          int
	nearPlanted, nearFound             int
	deadTP, deadFP, deadFN             int
}

func (s scores) precision() float64 { return ratio(s.pairsRight, s.pairsFound) }
func (s scores) recall() float64    { return ratio(s.pairsRight, s.pairsTruth) }
func (s scores) families() float64  { return ratio(s.familiesFound, s.familiesTruth) }
func (s scores) flowsF1() float64 {
	p, r := ratio(s.flowsTP, s.flowsTP+s.flowsFP), ratio(s.flowsTP, s.flowsTP+s.flowsFN)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s scores) String() string {
	return fmt.Sprintf("merge precision %.4f (%d/%d pairs), recall %.4f (%d/%d); parametric families %.4f (%d/%d), %d mixed groups; flows F1 %.4f (tp %d fp %d fn %d); near misses found %d/%d; dead tp %d fp %d fn %d",
		s.precision(), s.pairsRight, s.pairsFound, s.recall(), s.pairsRight, s.pairsTruth,
		s.families(), s.familiesFound, s.familiesTruth, s.parametricWrong,
		s.flowsF1(), s.flowsTP, s.flowsFP, s.flowsFN, s.nearFound, s.nearPlanted, s.deadTP, s.deadFP, s.deadFN)
}

// score compares an inventory with the truth of the estate it read.
func score(inv *inventory.Inventory, truth *Truth) scores {
	var s scores
	byFile := map[string]*SQLFile{}
	for _, f := range truth.SQL {
		byFile[f.File] = f
	}
	stepFile := map[string]string{}
	for _, j := range inv.Jobs {
		for _, st := range j.Steps {
			if st.Source != nil {
				stepFile[st.ID] = st.Source.Host + ":" + st.Source.Path
			}
		}
	}
	// Merge pairs: the pairs of planted files inside one equivalent group
	// (identical groups lie inside them).
	classSize := map[string]int{}
	for _, f := range truth.SQL {
		classSize[f.Class]++
	}
	for _, n := range classSize {
		s.pairsTruth += n * (n - 1) / 2
	}
	filesOf := func(g *ir.Group) []*SQLFile {
		seen := map[string]bool{}
		var out []*SQLFile
		for _, m := range g.Members {
			f := byFile[stepFile[m]]
			if f != nil && !seen[f.File] {
				seen[f.File] = true
				out = append(out, f)
			}
		}
		return out
	}
	for _, g := range inv.Groups {
		if g.Of != "steps" {
			continue
		}
		fs := filesOf(g)
		switch g.Relation {
		case ir.RelEquivalent:
			n := len(fs)
			s.pairsFound += n * (n - 1) / 2
			by := map[string]int{}
			for _, f := range fs {
				by[f.Class]++
			}
			for _, k := range by {
				s.pairsRight += k * (k - 1) / 2
			}
		case ir.RelParametric:
			fams := map[string]bool{}
			for _, f := range fs {
				fams[f.Family] = true
			}
			if len(fams) > 1 {
				s.parametricWrong++
			}
		}
	}
	// Identical groups of files whose SQL did not parse are not inside an
	// equivalent group: count them too.
	inEquivalent := map[string]bool{}
	for _, g := range inv.Groups {
		if g.Relation == ir.RelEquivalent {
			for _, m := range g.Members {
				inEquivalent[m] = true
			}
		}
	}
	for _, g := range inv.Groups {
		if g.Of == "steps" && g.Relation == ir.RelIdentical && !inEquivalent[g.Members[0]] {
			fs := filesOf(g)
			n := len(fs)
			s.pairsFound += n * (n - 1) / 2
			by := map[string]int{}
			for _, f := range fs {
				by[f.Class]++
			}
			for _, k := range by {
				s.pairsRight += k * (k - 1) / 2
			}
		}
	}
	// Families: found when one parametric group (or, for a family of one
	// file per service, ...) holds exactly the family's files.
	famFiles := map[string][]string{}
	famClasses := map[string]map[string]bool{}
	for _, f := range truth.SQL {
		famFiles[f.Family] = append(famFiles[f.Family], f.File)
		if famClasses[f.Family] == nil {
			famClasses[f.Family] = map[string]bool{}
		}
		famClasses[f.Family][f.Class] = true
	}
	groupSets := map[string]bool{}
	for _, g := range inv.Groups {
		if g.Of == "steps" && g.Relation == ir.RelParametric {
			var files []string
			for _, f := range filesOf(g) {
				files = append(files, f.File)
			}
			sort.Strings(files)
			groupSets[strings.Join(files, "\n")] = true
		}
	}
	for fam, files := range famFiles {
		if len(famClasses[fam]) < 2 {
			continue
		}
		s.familiesTruth++
		sort.Strings(files)
		if groupSets[strings.Join(files, "\n")] {
			s.familiesFound++
		}
	}
	// Flows.
	want := map[string]bool{}
	for _, f := range truth.Flows {
		want[f] = true
	}
	got := map[string]bool{}
	for _, f := range inventory.Flows(inv.Lineage) {
		if strings.Contains(f, "/tmp/") || strings.HasPrefix(f, "hdfs://") {
			continue // staging paths (sqoop --target-dir) are not planted flows
		}
		got[f] = true
	}
	for f := range got {
		if want[f] {
			s.flowsTP++
		} else {
			s.flowsFP++
		}
	}
	for f := range want {
		if !got[f] {
			s.flowsFN++
		}
	}
	// Near misses: a planted near copy sits in a near group with a file
	// of its job that is not near.
	nearOf := map[string][]*SQLFile{}
	for _, g := range inv.Groups {
		if g.Relation == ir.RelNear {
			fs := filesOf(g)
			for _, f := range fs {
				nearOf[f.File] = fs
			}
		}
	}
	for _, f := range truth.SQL {
		if f.Copy != "near" {
			continue
		}
		s.nearPlanted++
		for _, o := range nearOf[f.File] {
			if o.Class != f.Class && strings.HasSuffix(o.Class, "/base") && strings.TrimSuffix(o.Class, "/base") == f.Class[:strings.LastIndexByte(f.Class, '/')] {
				s.nearFound++
				break
			}
		}
	}
	// Dead jobs, by job id.
	deadWant := map[string]bool{}
	for _, d := range truth.Dead {
		deadWant[d] = true
	}
	deadGot := map[string]bool{}
	for _, d := range inv.Dead {
		deadGot[d] = true
	}
	for d := range deadGot {
		if deadWant[d] {
			s.deadTP++
		} else {
			s.deadFP++
		}
	}
	for d := range deadWant {
		if !deadGot[d] {
			s.deadFN++
		}
	}
	return s
}

func generate(tb testing.TB, cfg Config) (string, *Truth) {
	tb.Helper()
	dir := tb.TempDir()
	truth, err := Generate(dir, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return dir, truth
}

// TestInventoryScores runs the inventory on generated estates and holds it
// to the figures: merges never wrong, almost all found, families
// found, lineage right, no secret in any output.
func TestInventoryScores(t *testing.T) {
	for _, cfg := range []Config{
		{Hosts: 30, Services: 12, Seed: 1},
		{Hosts: 60, Services: 40, Seed: 7},
	} {
		t.Run(fmt.Sprintf("hosts=%d,seed=%d", cfg.Hosts, cfg.Seed), func(t *testing.T) {
			dir, truth := generate(t, cfg)
			inv, err := inventory.Build(filepath.Join(dir, "estate"), inventory.Options{Consumed: truth.Consumed})
			if err != nil {
				t.Fatal(err)
			}
			s := score(inv, truth)
			t.Log(s)
			if s.precision() != 1 || s.parametricWrong != 0 {
				t.Errorf("merged files of different jobs: %s", s)
			}
			if s.recall() < 0.98 {
				t.Errorf("merge recall %.4f < 0.98", s.recall())
			}
			if s.families() < 0.95 {
				t.Errorf("parametric families found %.4f < 0.95", s.families())
			}
			if s.flowsF1() < 0.98 {
				t.Errorf("lineage F1 %.4f < 0.98", s.flowsF1())
			}
			if s.deadFP != 0 || s.deadFN != 0 {
				t.Errorf("dead jobs wrong: %s", s)
			}
			out := filepath.Join(dir, "out")
			if err := inventory.WriteReports(out, inv); err != nil {
				t.Fatal(err)
			}
			assertNoSecret(t, out, truth.Secrets)
			found := 0
			for _, sec := range inv.Secrets {
				if strings.Contains(sec.What, "password") || strings.Contains(sec.What, "PASSWORD") {
					found++
				}
			}
			if found < len(truth.Secrets) {
				t.Errorf("%d secrets reported, %d planted", found, len(truth.Secrets))
			}
		})
	}
}

func assertNoSecret(t *testing.T, dir string, secrets []string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Errorf("%s holds the planted secret %q", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestGenerateDeterministic: one seed, one estate, byte for byte.
func TestGenerateDeterministic(t *testing.T) {
	a, _ := generate(t, Config{Hosts: 6, Services: 4, Seed: 3})
	b, _ := generate(t, Config{Hosts: 6, Services: 4, Seed: 3})
	if da, db := digest(t, a), digest(t, b); da != db {
		t.Error("two runs with one seed wrote different estates")
	}
}

func digest(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&os.ModeSymlink != 0 {
			return nil
		}
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %d %x\n", rel, len(data), data[:min(len(data), 64)])
		return nil
	})
	return b.String()
}

// TestInventoryDeterministic: one core or many, the reports are the same bytes.
func TestInventoryDeterministic(t *testing.T) {
	dir, truth := generate(t, Config{Hosts: 20, Services: 10, Seed: 11})
	var outs [][]byte
	for _, workers := range []int{1, 4} {
		inv, err := inventory.Build(filepath.Join(dir, "estate"), inventory.Options{Workers: workers, Consumed: truth.Consumed})
		if err != nil {
			t.Fatal(err)
		}
		js, err := inv.JSON()
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, append(append(js, inv.Markdown()...), append(inv.HTML(), inv.DOT()...)...))
	}
	if string(outs[0]) != string(outs[1]) {
		t.Error("reports differ between 1 and 4 workers")
	}
}

// BenchmarkInventory172 inventories the default generated estate (172 VMs,
// 3,000+ jobs) end to end, reports included:
//
//	go test ./corpus/gen -bench Inventory172 -benchmem -cpu 1,2
func BenchmarkInventory172(b *testing.B) {
	dir, truth := generate(b, Config{Seed: 1})
	b.ResetTimer()
	for b.Loop() {
		inv, err := inventory.Build(filepath.Join(dir, "estate"), inventory.Options{Consumed: truth.Consumed})
		if err != nil {
			b.Fatal(err)
		}
		if err := inventory.WriteReports(filepath.Join(dir, "out"), inv); err != nil {
			b.Fatal(err)
		}
	}
}

// generatedConfig is the migrate config for a generated estate: every
// legacy path under one S3 prefix.
func generatedConfig(truth *Truth) *translate.Config {
	cfg := translate.DefaultConfig()
	cfg.TimeZone = "Asia/Tokyo"
	cfg.Artifacts = "s3://example-artifacts/sparkport"
	cfg.Consumed = truth.Consumed
	cfg.Paths = []translate.PathMapping{{From: "/", To: "s3://example-lake/legacy"}}
	return cfg
}

func migrate(tb testing.TB, dir string, truth *Truth, workers int) *emit.Output {
	return migrateWith(tb, dir, generatedConfig(truth), workers)
}

func migrateWith(tb testing.TB, dir string, cfg *translate.Config, workers int) *emit.Output {
	estate := filepath.Join(dir, "estate")
	inv, err := inventory.Build(estate, inventory.Options{Workers: workers, Consumed: cfg.Consumed})
	if err != nil {
		tb.Fatal(err)
	}
	out, err := emit.Build(inv, emit.Options{Config: cfg, Estate: estate, Workers: workers})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestMigrateGenerated: on a generated estate, migrate is deterministic
// across worker counts, copies no planted secret, and accounts for every
// job.
func TestMigrateGenerated(t *testing.T) {
	dir, truth := generate(t, Config{Hosts: 24, Services: 12, Seed: 5})
	a, b := migrate(t, dir, truth, 1), migrate(t, dir, truth, 4)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files with 1 worker, %d with 4", len(a.Files), len(b.Files))
	}
	for p, data := range a.Files {
		if !bytes.Equal(data, b.Files[p]) {
			t.Errorf("%s differs between 1 and 4 workers", p)
		}
		for _, s := range truth.Secrets {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s contains a planted secret", p)
			}
		}
	}
	// By default no job is left out: the dead ones are migrated and
	// marked; drop_dead leaves exactly them out.
	count := func(o *emit.Output) (dead, possibly int) {
		for _, j := range o.Manifest.Jobs {
			if j.Status == emit.JobDead {
				dead++
			}
			if j.PossiblyDead {
				possibly++
			}
		}
		return dead, possibly
	}
	if dead, possibly := count(a); dead != 0 || possibly != len(truth.Dead) {
		t.Errorf("by default: %d jobs left out as dead, %d marked possibly dead; want 0 and %d (the truth)", dead, possibly, len(truth.Dead))
	}
	cfg := generatedConfig(truth)
	cfg.DropDead = true
	if dead, possibly := count(migrateWith(t, dir, cfg, 0)); dead != len(truth.Dead) || possibly != 0 {
		t.Errorf("drop_dead: %d jobs left out as dead, %d marked possibly dead; want %d and 0", dead, possibly, len(truth.Dead))
	}
	// emit merges what the inventory grouped: the canonical jobs beyond
	// the inventory's count come from refused merges, each a review item.
	if s := a.Manifest.Summary; s.Canonical+s.Empty != s.AfterMerge+s.Split {
		t.Errorf("%d canonical + %d empty jobs; the inventory has %d after merging, %d more from refused merges", s.Canonical, s.Empty, s.AfterMerge, s.Split)
	}
	if a.Manifest.Summary.Canonical == 0 || a.Manifest.Summary.Merged == 0 {
		t.Errorf("nothing migrated or merged: %+v", a.Manifest.Summary)
	}
}

// TestCanonicalAgainstTruth scores migrate's consolidation with the
// generator's truth: the planted SQL files of one family (one template,
// one mutation, any service, any copy — identical, re-encoded, reformatted)
// are parametric clones of one job, so they belong in one canonical job,
// and two families never share one. The canonical jobs holding planted
// SQL are within 5% of the families; a family split in two is a merge
// emit refused, which review.md names (checkReconciled counts them).
func TestCanonicalAgainstTruth(t *testing.T) {
	for _, cfg := range []Config{{Hosts: 24, Services: 12, Seed: 5}, {Seed: 1}} {
		if testing.Short() && cfg.Hosts == 0 {
			continue
		}
		dir, truth := generate(t, cfg)
		estate := filepath.Join(dir, "estate")
		inv, err := inventory.Build(estate, inventory.Options{Consumed: generatedConfig(truth).Consumed})
		if err != nil {
			t.Fatal(err)
		}
		out, err := emit.Build(inv, emit.Options{Config: generatedConfig(truth), Estate: estate})
		if err != nil {
			t.Fatal(err)
		}
		familyOf := map[string]string{}
		for _, f := range truth.SQL {
			familyOf[f.File] = f.Family
		}
		canonicalOf := map[string]string{}
		for _, j := range out.Manifest.Jobs {
			canonicalOf[j.ID] = j.ReplacedBy
		}
		families := map[string]map[string]bool{}   // family → canonical jobs
		canonicals := map[string]map[string]bool{} // canonical job → families
		for _, j := range inv.Jobs {
			c := canonicalOf[j.ID]
			for _, st := range j.Steps {
				if st.Source == nil || c == "" {
					continue
				}
				fam, ok := familyOf[st.Source.Host+":"+st.Source.Path]
				if !ok {
					continue
				}
				if families[fam] == nil {
					families[fam] = map[string]bool{}
				}
				if canonicals[c] == nil {
					canonicals[c] = map[string]bool{}
				}
				families[fam][c], canonicals[c][fam] = true, true
			}
		}
		truthFamilies := map[string]bool{}
		for _, f := range truth.SQL {
			truthFamilies[f.Family] = true
		}
		for c, fams := range canonicals {
			if len(fams) > 1 {
				t.Errorf("hosts %d: canonical job %s merges %d families: %v", truth.Hosts, c, len(fams), fams)
			}
		}
		split := 0
		for _, cs := range families {
			split += len(cs) - 1
		}
		n, want := len(canonicals), len(truthFamilies)
		t.Logf("hosts %d: %d canonical jobs hold the planted SQL of %d families (%d families migrated; %d extra canonical jobs from split families)", truth.Hosts, n, want, len(families), split)
		if len(families) != want {
			t.Errorf("hosts %d: %d of %d families reach a canonical job", truth.Hosts, len(families), want)
		}
		if float64(n) > float64(want)*1.05+0.5 {
			t.Errorf("hosts %d: %d canonical jobs for %d families: more than 5%% over the truth", truth.Hosts, n, want)
		}
		// Every value the generated jobs use is set by the job (a date,
		// a default, a Digdag expression), and only the planted broken
		// script runs nothing sparkport can read.
		for _, it := range out.Review {
			if it.Rule == "unresolved-variable" {
				t.Errorf("hosts %d: %s: %s", truth.Hosts, it.At, it.Message)
			}
		}
		for _, j := range out.Manifest.Jobs {
			if j.Status == emit.JobEmpty && !strings.HasSuffix(j.ID, "/bin/broken_report.sh") {
				t.Errorf("hosts %d: %s migrated as an empty job", truth.Hosts, j.ID)
			}
		}
		// emr-fill fills every template whole (names included): what it
		// cannot compute it asks for, and nothing else stays a ${…}.
		at := time.Date(2024, 5, 2, 2, 30, 0, 0, time.UTC)
		for p, data := range out.Files {
			if !strings.HasSuffix(p, ".template.json") {
				continue
			}
			_, missing, err := emit.FillTemplate(data, out.Manifest, at, nil)
			set := map[string]string{}
			for _, m := range missing {
				set[m] = "2024-05-02"
			}
			filled, missing, err2 := emit.FillTemplate(data, out.Manifest, at, set)
			if err != nil || err2 != nil || len(missing) > 0 || bytes.Contains(filled, []byte("${")) {
				t.Errorf("hosts %d: %s: filled with an error (%v, %v), missing %v, or still holding ${", truth.Hosts, p, err, err2, missing)
			}
		}
	}
}

// BenchmarkMigrate172 runs the whole pipeline on the default generated
// estate (172 VMs, 3,000+ jobs) in memory: inventory, translation and
// emission of every file. BenchmarkMigrate172Write adds the atomic write
// of the output folder, which on a slow disk dominates.
//
//	go test ./corpus/gen -run XXX -bench Migrate172 -benchmem -cpu 1,2
func BenchmarkMigrate172(b *testing.B) {
	dir, truth := generate(b, Config{Seed: 1})
	b.ResetTimer()
	for b.Loop() {
		migrate(b, dir, truth, 0)
	}
}

func BenchmarkMigrate172Write(b *testing.B) {
	dir, truth := generate(b, Config{Seed: 1})
	cfg := generatedConfig(truth)
	estate := filepath.Join(dir, "estate")
	b.ResetTimer()
	for b.Loop() {
		// As sparkport migrate does: files go to the new folder as they
		// are made, and it is swapped into place.
		inv, err := inventory.Build(estate, inventory.Options{Consumed: cfg.Consumed})
		if err != nil {
			b.Fatal(err)
		}
		dst, err := outdir.Begin(filepath.Join(dir, "out"), "migrate", true)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := emit.Build(inv, emit.Options{Config: cfg, Estate: estate, Out: dst}); err != nil {
			b.Fatal(err)
		}
		if err := dst.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiff172 compares two migrate outputs of the default generated
// estate that differ in one config mapping (the artifacts prefix, which
// every EMR step and workflow names), the worst case of a CI diff:
//
//	go test ./corpus/gen -run XXX -bench Diff172 -benchmem
func BenchmarkDiff172(b *testing.B) {
	dir, truth := generate(b, Config{Seed: 1})
	out := migrate(b, dir, truth, 0)
	if err := emit.Write(filepath.Join(dir, "a"), out.Files, true); err != nil {
		b.Fatal(err)
	}
	for p, data := range out.Files {
		out.Files[p] = bytes.ReplaceAll(data, []byte("s3://example-artifacts/"), []byte("s3://other-artifacts/"))
	}
	if err := emit.Write(filepath.Join(dir, "b"), out.Files, true); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		d, err := diff.Dirs(filepath.Join(dir, "a"), filepath.Join(dir, "b"))
		if err != nil {
			b.Fatal(err)
		}
		if d.Equal() {
			b.Fatal("no difference found")
		}
	}
}

// TestWrapperIdioms: whatever way a generated wrapper is written (the run
// date by ${1:-…} or by if/else, the SQL file relative to the project
// folder, a notifier in a || branch), the migrated job gets the same
// values and the notifier becomes the workflow's _error:, never a step.
func TestWrapperIdioms(t *testing.T) {
	dir, truth := generate(t, Config{Hosts: 24, Services: 12, Seed: 7})
	out := migrate(t, dir, truth, 0)
	scheduled := map[string]bool{}
	for _, c := range out.Manifest.Canonical {
		for _, r := range c.Runs {
			if strings.HasPrefix(r.Trigger, "cron ") || strings.HasPrefix(r.Trigger, "digdag ") {
				scheduled[c.Name] = true
			}
		}
	}
	for _, it := range out.Review {
		if it.Rule == "unresolved-variable" && scheduled[it.Job] {
			t.Errorf("%s (a scheduled job): %s", it.Job, it.Message)
		}
		if it.Rule == "manual-step" && strings.Contains(it.Message, "not in the estate") {
			t.Errorf("%s: %s", it.Job, it.Message)
		}
	}
	alerts := 0
	for p, data := range out.Files {
		if strings.HasPrefix(p, "emr/") && bytes.Contains(data, []byte("push_alert")) {
			t.Errorf("%s runs the notifier as a step", p)
		}
		if strings.HasPrefix(p, "digdag/") && bytes.Contains(data, []byte("sh>: python /opt/notify/push_alert.py")) {
			alerts++
		}
	}
	if alerts == 0 {
		t.Error("no workflow runs the legacy notifier on failure")
	}
}

// TestGeneratedClasses: the classes the sample's review found, planted by
// the generator, are found on every generated estate: Spark applications
// whose tables are only in their arguments come after their producers,
// and Hive scratch cleanup is dropped with its reason on every host.
func TestGeneratedClasses(t *testing.T) {
	dir, truth := generate(t, Config{Hosts: 24, Services: 12, Seed: 11})
	cfg := generatedConfig(truth)
	inv, err := inventory.Build(filepath.Join(dir, "estate"), inventory.Options{Consumed: cfg.Consumed})
	if err != nil {
		t.Fatal(err)
	}
	wave := map[string]int{}
	for _, w := range inv.Waves {
		for _, id := range w.Jobs {
			wave[id] = w.Wave
		}
	}
	writers := map[string][]string{}
	for _, j := range inv.Jobs {
		for _, st := range j.Steps {
			for _, o := range st.Outputs {
				writers[o] = append(writers[o], j.ID)
			}
		}
	}
	apps := 0
	for _, j := range inv.Jobs {
		for _, st := range j.Steps {
			if st.Kind != ir.StepSparkSubmit {
				continue
			}
			apps++
			if !st.IOFromArgs || len(st.Inputs) == 0 || len(st.Outputs) == 0 {
				t.Errorf("%s: the application's tables were not read from its arguments: in %v out %v", j.ID, st.Inputs, st.Outputs)
			}
			for _, in := range st.Inputs {
				for _, w := range writers[in] {
					if w != j.ID && wave[w] >= wave[j.ID] {
						t.Errorf("%s (wave %d) reads %s, written by %s in wave %d", j.ID, wave[j.ID], in, w, wave[w])
					}
				}
			}
		}
	}
	if apps == 0 {
		t.Fatal("no Spark application planted")
	}
	out := migrateWith(t, dir, cfg, 0)
	dropped := 0
	for _, it := range out.Review {
		if it.Rule == "housekeeping-dropped" {
			dropped++
		}
	}
	if dropped == 0 {
		t.Error("no Hive scratch cleanup dropped")
	}
	for p, data := range out.Files {
		if strings.HasPrefix(p, "emr/") && bytes.Contains(data, []byte("/tmp/hive-")) {
			t.Errorf("%s deletes a Hive scratch folder on S3", p)
		}
	}
}
