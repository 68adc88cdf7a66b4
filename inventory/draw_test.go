package inventory_test

import (
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/translate"
)

// -update is the inventory package's own flag (lower_test.go), shared by
// the external tests of the same binary.
var updateFlag = func() bool { return flag.Lookup("update").Value.(flag.Getter).Get().(bool) }

var svgBlock = regexp.MustCompile(`(?s)<svg class="draw".*?</svg>`)
var svgTitle = regexp.MustCompile(`<title>([^<]*)</title>`)

// TestOverviewGolden pins the drawings of the sample's inventory.html:
// each SVG is testdata/svg/<title>.svg (go test ./inventory -update
// rewrites them after a deliberate change). Every drawing is well-formed
// XML, and every in-page link of the page names an id in it.
func TestOverviewGolden(t *testing.T) {
	src, err := os.ReadFile("../corpus/sparkport.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := translate.LoadConfig("sparkport.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	assess := translate.Assessor(cfg)
	inv, err := inventory.Build("../corpus/estate", inventory.Options{Consumed: cfg.Consumed,
		Assess: func(st *ir.Step) (string, []string) { return assess(st.Source.Path, st.SQL) }})
	if err != nil {
		t.Fatal(err)
	}
	page := string(inv.HTML())
	svgs := svgBlock.FindAllString(page, -1)
	if len(svgs) < 6 {
		t.Fatalf("%d drawings in inventory.html, want the funnel, outcomes, hosts, verdicts, rules, waves, databases and tables", len(svgs))
	}
	dir := filepath.Join("testdata", "svg")
	seen := map[string]bool{}
	for _, svg := range svgs {
		if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
			t.Errorf("not well-formed: %v\n%.300s", err, svg)
		}
		m := svgTitle.FindStringSubmatch(svg)
		if m == nil {
			t.Fatalf("a drawing without a title: %.200s", svg)
		}
		name := strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			if r >= 'A' && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return '-'
		}, m[1])
		if seen[name] {
			t.Fatalf("two drawings titled %q", m[1])
		}
		seen[name] = true
		file := filepath.Join(dir, name+".svg")
		if updateFlag() {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(svg+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%v (run go test ./inventory -update to create it)", err)
			continue
		}
		if string(want) != svg+"\n" {
			t.Errorf("%s differs from the drawing (go test ./inventory -update to accept)", file)
		}
	}
	if !updateFlag() {
		files, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
		if len(files) != len(svgs) {
			t.Errorf("%d golden drawings, %d drawn: remove the stale ones (go test ./inventory -update rewrites them)", len(files), len(svgs))
		}
	}
	for _, l := range regexp.MustCompile(`href="#([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.Contains(page, fmt.Sprintf(`id="%s"`, l[1])) {
			t.Errorf("link #%s has no target in inventory.html", l[1])
		}
	}
	// The Markdown report carries the waves and the lineage by database as
	// Mermaid, for GitHub to draw.
	md := string(inv.Markdown())
	if strings.Count(md, "```mermaid\nflowchart LR\n") != 2 {
		t.Errorf("inventory.md has %d Mermaid flowcharts, want 2", strings.Count(md, "```mermaid"))
	}
}
