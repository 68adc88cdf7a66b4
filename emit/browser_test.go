package emit

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewHTMLInBrowser loads report/diff.html in headless Chromium
// (Debian's chromium package; .ci/run installs it) and checks the DOM the
// browser built: it loaded, nothing was logged to the console as an error,
// and every table-of-contents link points to an element of the page.
func TestReviewHTMLInBrowser(t *testing.T) {
	bin := ""
	for _, b := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(b); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("no Chromium installed (apt-get install chromium): the review page is not checked in a browser")
	}
	out := buildCorpus(t, 0)
	page := filepath.Join(t.TempDir(), "diff.html")
	if err := os.WriteFile(page, out.Files["report/diff.html"], 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir="+t.TempDir(),
		"--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+page)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	dom := stdout.String()
	if !strings.Contains(dom, "<h1>Migration review</h1>") {
		t.Fatalf("the page did not load as expected; DOM starts:\n%.400s", dom)
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, "CONSOLE") && (strings.Contains(line, "ERROR") || strings.Contains(line, "Uncaught")) {
			t.Errorf("console error: %s", line)
		}
	}
	// Every in-page link of the serialised DOM must name an id in it.
	links := 0
	for _, part := range strings.Split(dom, `href="#`)[1:] {
		target, _, _ := strings.Cut(part, `"`)
		links++
		if !strings.Contains(dom, `id="`+target+`"`) {
			t.Errorf("link #%s has no target in the page", target)
		}
	}
	if links < len(out.Manifest.Canonical) {
		t.Errorf("%d in-page links for %d canonical jobs: the table of contents is incomplete", links, len(out.Manifest.Canonical))
	}
}
