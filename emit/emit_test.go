package emit

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/emr/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sparkport/sparkport/internal/outdir"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/translate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/corpus")

// corpusInventory is the sample estate's inventory, with its config.
func corpusInventory(t testing.TB, workers int) (*inventory.Inventory, *translate.Config) {
	t.Helper()
	src, err := os.ReadFile("../corpus/sparkport.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := translate.LoadConfig("sparkport.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.Build("../corpus/estate", inventory.Options{Workers: workers, Consumed: cfg.Consumed})
	if err != nil {
		t.Fatal(err)
	}
	return inv, cfg
}

// buildCorpus runs the pipeline on the sample estate with its config.
func buildCorpus(t testing.TB, workers int) *Output {
	t.Helper()
	inv, cfg := corpusInventory(t, workers)
	out, err := Build(inv, Options{Config: cfg, Estate: "../corpus/estate", Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// golden reports whether an output file is kept under testdata/corpus:
// everything migrate decides. The inventory reports are the inventory's
// own tests' business, and the manifest's hashes cover them.
func golden(path string) bool {
	return !strings.HasPrefix(path, "report/inventory.") && path != "report/lineage.dot"
}

// TestGoldenCorpus compares the migration of corpus/estate with
// testdata/corpus; go test ./emit -update rewrites it.
func TestGoldenCorpus(t *testing.T) {
	out := buildCorpus(t, 0)
	dir := filepath.Join("testdata", "corpus")
	if *update {
		os.RemoveAll(dir)
		for p, data := range out.Files {
			if !golden(p) {
				continue
			}
			name := filepath.Join(dir, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(name), 0o755)
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			want[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	got := map[string]string{}
	for p, data := range out.Files {
		if golden(p) {
			got[p] = string(data)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("migrate output differs from testdata/corpus (go test ./emit -update to accept) (-want +got):\n%s", diff)
	}
}

// TestDeterministic: one worker or many, the same bytes.
func TestDeterministic(t *testing.T) {
	a, b := buildCorpus(t, 1), buildCorpus(t, 8)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files with 1 worker, %d with 8", len(a.Files), len(b.Files))
	}
	for p, data := range a.Files {
		if !bytes.Equal(data, b.Files[p]) {
			t.Errorf("%s differs between 1 and 8 workers", p)
		}
	}
}

// TestStreamedOutput: files given to a sink as they are made (migrate's
// output folder) are the files Build keeps in memory, and the manifest
// lists each with its hash; a sink that fails makes Build fail.
func TestStreamedOutput(t *testing.T) {
	mem := buildCorpus(t, 4)
	inv, cfg := corpusInventory(t, 4)
	dir := filepath.Join(t.TempDir(), "out")
	dst, err := outdir.Begin(dir, "migrate", false)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Build(inv, Options{Config: cfg, Estate: "../corpus/estate", Workers: 4, Out: dst})
	if err != nil {
		t.Fatal(err)
	}
	if err := dst.Commit(); err != nil {
		t.Fatal(err)
	}
	if out.Files != nil {
		t.Errorf("Build kept %d files beside the sink", len(out.Files))
	}
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == outdir.Marker {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got, _ := os.ReadFile(p)
		if want, ok := mem.Files[filepath.ToSlash(rel)]; !ok {
			t.Errorf("%s written to the folder only", rel)
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s differs between the folder and memory", rel)
		}
		n++
		return nil
	})
	if n != len(mem.Files) || len(out.Manifest.Files)+1 != n {
		t.Errorf("%d files in the folder, %d in memory, %d in the manifest (+ itself)", n, len(mem.Files), len(out.Manifest.Files))
	}
	if _, err := Build(inv, Options{Config: cfg, Estate: "../corpus/estate", Out: failingSink{}}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a failing sink: Build returned %v", err)
	}
}

type failingSink struct{}

func (failingSink) Create(p string, write func(io.Writer) error) error {
	if strings.HasPrefix(p, "ddl/") {
		return errors.New("disk full")
	}
	return write(io.Discard)
}

// TestNoSecretLeaks: the credentials written in the sample estate appear in
// no emitted file.
func TestNoSecretLeaks(t *testing.T) {
	out := buildCorpus(t, 0)
	secrets := []string{"Sh0p-Import-2019?", "Sh0p-Import-2018!", "P0int-Url-Pass", "Ads-Plain-Pass-77",
		"ChangeMe-2019", "Rep0rt-Beeline-1", "Rep0rt-Beeline-2"}
	for p, data := range out.Files {
		for _, s := range secrets {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s contains the secret %q", p, s)
			}
		}
	}
	// And the credentials are pointed to, not dropped silently.
	if !bytes.Contains(out.Files["report/review.md"], []byte("ads_api_password was written in the workflow")) {
		t.Error("review.md does not list the Digdag password moved to digdag secrets")
	}
}

// TestEMRShape decodes every emr/ file into the EMR API's own types
// (aws-sdk-go-v2), refusing unknown fields, so a misspelt field name or a
// wrong ActionOnFailure fails here rather than in aws emr add-steps.
func TestEMRShape(t *testing.T) {
	out := buildCorpus(t, 0)
	actions := map[types.ActionOnFailure]bool{}
	for _, a := range types.ActionOnFailure("").Values() {
		actions[a] = true
	}
	n := 0
	for p, data := range out.Files {
		if !strings.HasPrefix(p, "emr/") {
			continue
		}
		var f struct{ Steps []types.StepConfig }
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			t.Errorf("%s: not an AddJobFlowSteps input: %v", p, err)
			continue
		}
		if len(f.Steps) == 0 {
			t.Errorf("%s: no steps", p)
		}
		for _, s := range f.Steps {
			n++
			if s.Name == nil || *s.Name == "" || len(*s.Name) > 256 {
				t.Errorf("%s: bad step name %v", p, s.Name)
			}
			if !actions[s.ActionOnFailure] {
				t.Errorf("%s: ActionOnFailure %q is none of %v", p, s.ActionOnFailure, types.ActionOnFailure("").Values())
			}
			if s.HadoopJarStep == nil || s.HadoopJarStep.Jar == nil || *s.HadoopJarStep.Jar == "" {
				t.Errorf("%s: step %q has no jar", p, *s.Name)
				continue
			}
			if *s.HadoopJarStep.Jar == commandRunner && len(s.HadoopJarStep.Args) == 0 {
				t.Errorf("%s: command-runner step %q has no command", p, *s.Name)
			}
		}
	}
	if n == 0 {
		t.Fatal("no EMR steps emitted")
	}
}

// TestManifestAccountsForEveryJob: every legacy job is in the manifest
// once, and every emitted file is listed with its hash.
func TestManifestAccountsForEveryJob(t *testing.T) {
	out := buildCorpus(t, 0)
	m := out.Manifest
	checkReconciled(t, out)
	if m.Summary.LegacyJobs != len(m.Jobs) {
		t.Errorf("summary says %d jobs, manifest lists %d", m.Summary.LegacyJobs, len(m.Jobs))
	}
	canon := map[string]bool{}
	for _, c := range m.Canonical {
		canon[c.Name] = true
	}
	for _, j := range m.Jobs {
		switch j.Status {
		case JobMigrated, JobMerged:
			if !canon[j.ReplacedBy] {
				t.Errorf("%s replaced by %q, which is not a canonical job", j.ID, j.ReplacedBy)
			}
		case JobDead, JobEmpty:
			if j.Reason == "" {
				t.Errorf("%s is %s without a reason", j.ID, j.Status)
			}
		default:
			t.Errorf("%s: status %q", j.ID, j.Status)
		}
	}
	var listed []string
	for _, f := range m.Files {
		listed = append(listed, f.Path)
	}
	var files []string
	for p := range out.Files {
		if p != ManifestFile {
			files = append(files, p)
		}
	}
	sort.Strings(files)
	if diff := cmp.Diff(files, listed); diff != "" {
		t.Errorf("manifest files differ from the output (-output +manifest):\n%s", diff)
	}
}

// TestParametricClonesShareOneFile: the four store_sales_<store> jobs of
// the sample become one SQL file with a variable, run once per store.
func TestParametricClonesShareOneFile(t *testing.T) {
	out := buildCorpus(t, 0)
	var c *CanonicalEntry
	for _, x := range out.Manifest.Canonical {
		if x.Name == "store_sales" {
			c = x
		}
	}
	if c == nil {
		t.Fatal("no canonical job store_sales")
	}
	if len(c.Runs) != 4 || len(c.Variables) != 1 || c.Variables[0] != "store_code" {
		t.Fatalf("store_sales: %d runs, variables %v; want 4 runs of store_code", len(c.Runs), c.Variables)
	}
	sql := string(out.Files["sql/store_sales/01.sql"])
	for _, want := range []string{"mart.store_sales_${hivevar:store_code}", "s.store_code = '${hivevar:store_code}'"} {
		if !strings.Contains(sql, want) {
			t.Errorf("sql/store_sales/01.sql lacks %q:\n%s", want, sql)
		}
	}
}

// TestWriteIsAtomic: a write that fails half way leaves the previous
// output as it was, and an existing folder needs force.
func TestWriteIsAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, map[string][]byte{"a.txt": []byte("one")}, false); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, map[string][]byte{"a.txt": []byte("two")}, false); err == nil {
		t.Fatal("replaced an existing folder without force")
	}
	// "x" as a file and as a folder: the second write fails after the
	// first file is written.
	bad := map[string][]byte{"a.txt": []byte("three"), "x": []byte("file"), "x/y": []byte("under a file")}
	if err := Write(dir, bad, true); err == nil {
		t.Fatal("an impossible output was written")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(data) != "one" {
		t.Fatalf("previous output changed by a failed write: a.txt = %q", data)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("a failed write left %d entries beside the output", len(entries))
	}
	if err := Write(dir, map[string][]byte{"b.txt": []byte("four")}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.txt")); !os.IsNotExist(err) {
		t.Error("--force kept a file of the previous output")
	}
}

// TestMomentExpr: legacy date arithmetic becomes Digdag expressions.
func TestMomentFormats(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"%Y%m%d", "YYYYMMDD"}, {"%Y-%m-%d", "YYYY-MM-DD"}, {"%G-W%V", "GGGG-[W]WW"}, {"%Y%m%d%H", "YYYYMMDDHH"},
	} {
		if got, ok := momentFormat(c.in); !ok || got != c.want {
			t.Errorf("momentFormat(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	if _, ok := momentFormat("%Q"); ok {
		t.Error("an unknown strftime conversion was translated")
	}
}

// TestHeaderStaysAComment: a line break in a legacy name cannot end the
// header comment of an emitted SQL file.
func TestHeaderStaysAComment(t *testing.T) {
	got := commentSafe("-- replaces:\n--   h1:/x\nDROP TABLE t;\r\n-- end\n")
	for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if !strings.HasPrefix(line, "--") {
			t.Errorf("line %q of the header is not a comment", line)
		}
	}
}

// TestFenced: legacy text holding backticks cannot close its code block.
func TestFenced(t *testing.T) {
	got := fenced("diff", "a\n```\nb")
	if !strings.HasPrefix(got, "````diff\n") || !strings.HasSuffix(got, "\n````\n") {
		t.Errorf("fence not longer than the text's backticks:\n%s", got)
	}
}

// TestOutputParsesAsSpark: every SQL file migrate writes parses as Spark
// SQL with sparkport's own front end — or diff would call a reformatted
// file changed.
func TestOutputParsesAsSpark(t *testing.T) {
	checkSQLParses(t, buildCorpus(t, 0))
}

// checkSQLParses: every SQL file of an output parses as Spark SQL,
// parametric templates included (a variable never stands for a keyword).
func checkSQLParses(t *testing.T, out *Output) {
	t.Helper()
	n, bad := 0, 0
	for p, data := range out.Files {
		if !strings.HasSuffix(p, ".sql") {
			continue
		}
		n++
		if _, errs := hiveql.Parse(data, hiveql.Spark); len(errs) > 0 {
			if bad++; bad <= 20 {
				t.Errorf("%s: %v", p, errs)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d SQL files do not parse as Spark SQL", bad, n)
	}
	if n == 0 {
		t.Fatal("no SQL emitted")
	}
}

// varRef finds ${ns:name} and ${name} references in SQL text.
var varRef = regexp.MustCompile(`\$\{(?:(hivevar|hiveconf):)?([A-Za-z_][A-Za-z0-9_.]*)\}`)

// UnboundVariables is the static check of emitted SQL: for every SQL file
// an EMR step runs, every ${…} it reads is set by that step's --hivevar or
// --hiveconf, or by a SET in the file. It returns "file: ${ref}" for each
// variable nothing binds, for a canonical job migrate called automatic.
func unboundVariables(t *testing.T, out *Output) []string {
	t.Helper()
	auto := map[string]bool{}
	for _, c := range out.Manifest.Canonical {
		if c.Translation != "manual" {
			auto[c.Name] = true
		}
	}
	var bad []string
	for p, data := range out.Files {
		if !strings.HasPrefix(p, "emr/") || strings.HasPrefix(p, "emr/wave-") {
			continue
		}
		job := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(p, "emr/"), ".json"), ".template")
		if !auto[job] {
			continue
		}
		var f struct{ Steps []StepConfig }
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		for _, s := range f.Steps {
			args := s.HadoopJarStep.Args
			for i := 0; i+1 < len(args); i++ {
				if args[i] != "-f" {
					continue
				}
				at := strings.Index(args[i+1], "/sql/")
				if at < 0 {
					continue
				}
				file := args[i+1][at+1:]
				var lines []string
				for _, l := range strings.Split(string(out.Files[file]), "\n") {
					if !strings.HasPrefix(strings.TrimSpace(l), "--") {
						lines = append(lines, l)
					}
				}
				sql := strings.Join(lines, "\n")
				for _, m := range varRef.FindAllStringSubmatch(sql, -1) {
					ns, name := m[1], m[2]
					if strings.Contains(sql, "SET "+name+"=") || strings.Contains(sql, "SET hivevar:"+name+"=") {
						continue
					}
					bound := false
					for j := 0; j+1 < len(args); j++ {
						k, _, _ := strings.Cut(args[j+1], "=")
						if k == name && (ns == "" || args[j] == "--"+ns) {
							bound = true
						}
					}
					if !bound {
						bad = append(bad, file+": "+m[0])
					}
				}
			}
		}
	}
	sort.Strings(bad)
	return bad
}

// TestEveryVariableBound: in the sample's output, no automatic job reads a
// variable its step does not set (the ml_features '${DT}' the shell
// substituted once emptied mart.ml_scores every day).
func TestEveryVariableBound(t *testing.T) {
	out := buildCorpus(t, 0)
	if bad := unboundVariables(t, out); len(bad) > 0 {
		t.Errorf("unbound variables in automatic jobs:\n%s", strings.Join(bad, "\n"))
	}
	// The shell's ${DT} became a hivevar the step passes: migrated, not
	// left for a person.
	if sql := string(out.Files["sql/ml_features/02.sql"]); !strings.Contains(sql, "dt = '${hivevar:DT}'") {
		t.Errorf("sql/ml_features/02.sql does not read ${hivevar:DT}:\n%s", sql)
	}
	if emr := string(out.Files["emr/ml_features.template.json"]); !strings.Contains(emr, `"DT=${DT}"`) {
		t.Errorf("emr/ml_features.template.json does not pass DT:\n%s", emr)
	}
}

// TestFillTemplate: every emr/*.template.json of the sample fills from the
// manifest at a run time (with --set for the Digdag variable dt), leaving
// no ${…}; the dates are the legacy job's.
func TestFillTemplate(t *testing.T) {
	out := buildCorpus(t, 0)
	at := time.Date(2024, 5, 2, 7, 0, 0, 0, time.FixedZone("JST", 9*3600))
	n := 0
	for p, data := range out.Files {
		if !strings.HasSuffix(p, ".template.json") {
			continue
		}
		n++
		filled, missing, err := FillTemplate(data, out.Manifest, at, map[string]string{"dt": "2024-05-02"})
		if err != nil || len(missing) > 0 {
			t.Errorf("%s: %v, missing %v", p, err, missing)
			continue
		}
		if bytes.Contains(filled, []byte("${")) {
			t.Errorf("%s: filled file still holds ${", p)
		}
	}
	if n == 0 {
		t.Fatal("no template emitted")
	}
	filled, _, _ := FillTemplate(out.Files["emr/ml_features.template.json"], out.Manifest, at, nil)
	for _, want := range []string{`"DT=2024-05-01"`, `"--date",`, `"2024-05-01"`} {
		if !bytes.Contains(filled, []byte(want)) {
			t.Errorf("ml_features filled lacks %s:\n%s", want, filled)
		}
	}
	// The same instant given in UTC is the same calendar day in Tokyo.
	utc, _, _ := FillTemplate(out.Files["emr/ml_features.template.json"], out.Manifest, at.UTC(), nil)
	if !bytes.Equal(utc, filled) {
		t.Errorf("--at in UTC gives other values than in the legacy time zone")
	}
	// dt is the workflow's _export of ${session_date}: the run's date.
	wave, missing, _ := FillTemplate(out.Files["emr/wave-1.template.json"], out.Manifest, at, nil)
	if len(missing) > 0 || !bytes.Contains(wave, []byte(`"dt=2024-05-02"`)) {
		t.Errorf("wave-1: missing %v, dt not the session date:\n%s", missing, wave)
	}
	for _, tc := range []struct{ format, want string }{{"%Y%m%d", "20240502"}, {"%F %H:%M", "2024-05-02 07:00"}, {"%j", "123"}, {"%G-W%V", "2024-W18"}} {
		if got, ok := strftime(at, tc.format); !ok || got != tc.want {
			t.Errorf("strftime(%q) = %q, want %q", tc.format, got, tc.want)
		}
	}
}

// checkReconciled: emit merges what the inventory grouped. Every canonical
// job beyond the inventory's count of jobs after merging comes from a
// refused merge, and every refused merge is a review item.
func checkReconciled(t *testing.T, out *Output) {
	t.Helper()
	s := out.Manifest.Summary
	if got, want := s.Canonical+s.Empty, s.AfterMerge+s.Split; got != want || s.AfterMerge == 0 {
		t.Errorf("%d canonical + %d empty jobs = %d; the inventory has %d jobs after merging, %d more from refused merges = %d",
			s.Canonical, s.Empty, got, s.AfterMerge, s.Split, want)
	}
	refused := 0
	for _, it := range out.Review {
		if it.Rule == "merge-refused" {
			refused++
		}
	}
	if (s.Split == 0) != (refused == 0) || refused < s.Split {
		t.Errorf("%d canonical jobs from refused merges, %d merge-refused review items", s.Split, refused)
	}
}
