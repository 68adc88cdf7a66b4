package emit

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// chromium finds headless Chromium (Debian's chromium package; .ci/run
// installs it), or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, b := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(b); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (apt-get install chromium): the report pages are not checked in a browser")
	return ""
}

// pageCheck is what the checker script reports from inside the browser.
type pageCheck struct {
	SVGs      int      `json:"svgs"`
	EmptySVGs []string `json:"empty_svgs"` // titles of drawings with an empty bounding box
	LoadMS    float64  `json:"load_ms"`
}

// checker runs in a copy of the page once it has loaded (the page itself
// carries no script): it opens every <details> and shows every section so
// that the drawings in them are laid out, measures every report SVG's bounding box, and writes
// what it found into the DOM for --dump-dom.
const checker = `<script>
window.addEventListener("load", function () {
  var load = performance.now();
  document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  // Sections off screen are laid out only when shown (content-visibility).
  document.querySelectorAll("section").forEach(function (s) { s.style.contentVisibility = "visible"; });
  var empty = [], svgs = document.querySelectorAll("svg.draw");
  svgs.forEach(function (s) {
    var r = s.getBoundingClientRect(), b = s.getBBox();
    if (r.width <= 0 || r.height <= 0 || b.width <= 0 || b.height <= 0) {
      var t = s.querySelector("title");
      empty.push(t ? t.textContent : "(untitled)");
    }
  });
  var out = document.createElement("pre");
  out.id = "sparkport-check";
  out.textContent = JSON.stringify({svgs: svgs.length, empty_svgs: empty, load_ms: load});
  document.body.appendChild(out);
});
</script>`

// loadInBrowser loads page (the bytes of a report page) in headless
// Chromium with the checker added, and returns the DOM the browser built,
// the checker's findings and the console errors.
func loadInBrowser(t *testing.T, bin string, page []byte) (string, pageCheck, []string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "page.html")
	checked := bytes.Replace(page, []byte("</body>"), []byte(checker+"</body>"), 1)
	if err := os.WriteFile(file, checked, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir="+t.TempDir(),
		"--window-size=1400,1000", "--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+file)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	dom := stdout.String()
	var errs []string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, "CONSOLE") && (strings.Contains(line, "ERROR") || strings.Contains(line, "Uncaught")) {
			errs = append(errs, line)
		}
	}
	var pc pageCheck
	_, rest, ok := strings.Cut(dom, `<pre id="sparkport-check">`)
	body, _, _ := strings.Cut(rest, "</pre>")
	body = strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(body)
	if !ok || json.Unmarshal([]byte(body), &pc) != nil {
		t.Fatalf("the checker did not run; DOM starts:\n%.400s", dom)
	}
	return dom, pc, errs
}

// checkLinks: every in-page link of the DOM names an id in it; it returns
// how many there are.
func checkLinks(t *testing.T, name, dom string) int {
	t.Helper()
	links := 0
	for _, part := range strings.Split(dom, `href="#`)[1:] {
		target, _, _ := strings.Cut(part, `"`)
		links++
		if !strings.Contains(dom, `id="`+target+`"`) {
			t.Errorf("%s: link #%s has no target in the page", name, target)
		}
	}
	return links
}

// TestReportsInBrowser loads report/diff.html and report/inventory.html of
// the sample in headless Chromium and checks what the browser built: the
// page loaded, nothing was logged to the console as an error, every
// drawing has a non-empty bounding box, every in-page link points to an
// element of the page, and the page was interactive in under 2 s.
func TestReportsInBrowser(t *testing.T) {
	bin := chromium(t)
	// The checker sees an empty drawing: the test can fail.
	if _, pc, _ := loadInBrowser(t, bin, []byte(`<!DOCTYPE html><html><body><svg class="draw" width="0" height="0"><title>nothing</title></svg></body></html>`)); len(pc.EmptySVGs) != 1 || pc.EmptySVGs[0] != "nothing" {
		t.Fatalf("the checker missed an empty drawing: %+v", pc)
	}
	out := buildCorpus(t, 0)
	for _, c := range []struct {
		path, heading string
		minSVGs       int
	}{
		{"report/diff.html", "<h1>Migration review</h1>", 2},
		{"report/inventory.html", "<h1>Inventory of", 8},
	} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			dom, pc, errs := loadInBrowser(t, bin, out.Files[c.path])
			if !strings.Contains(dom, c.heading) {
				t.Fatalf("the page did not load as expected; DOM starts:\n%.400s", dom)
			}
			for _, e := range errs {
				t.Errorf("console error: %s", e)
			}
			if pc.SVGs < c.minSVGs {
				t.Errorf("%d drawings, want at least %d", pc.SVGs, c.minSVGs)
			}
			for _, title := range pc.EmptySVGs {
				t.Errorf("drawing %q has an empty bounding box", title)
			}
			if pc.LoadMS > 2000 {
				t.Errorf("loaded in %.0f ms, want under 2 s", pc.LoadMS)
			}
			links := checkLinks(t, c.path, dom)
			if c.path == "report/diff.html" && links < len(out.Manifest.Canonical) {
				t.Errorf("%d in-page links for %d canonical jobs: the table of contents is incomplete", links, len(out.Manifest.Canonical))
			}
			t.Logf("%s: %d drawings, %d links, loaded in %.0f ms", c.path, pc.SVGs, links, pc.LoadMS)
		})
	}
}
