package emit

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/translate"
)

// hostileNames are host, folder, file and table names a legacy estate may
// hold: spaces, shell and SQL punctuation, quotes, dots, line breaks,
// control characters, non-ASCII, very long.
var hostileNames = []string{
	"with space",
	"semi;colon",
	`quo"te's`,
	"..dots..",
	"line\nbreak",
	"tab\tand\x01ctl",
	"日次売上",
	"ünïcødé-名前",
	strings.Repeat("long", 55), // 220 bytes: the script name adds ".sh"
	"$(rm -rf ~)",
	"-dash",
	"{{ jinja }}",
}

// TestHostileNames: an estate whose hosts, scripts, workflows and tables
// carry hostile names migrates; every output path stays inside the output
// folder and is a readable, portable name; every EMR file is JSON, every
// workflow YAML; and the output writes to disk.
func TestHostileNames(t *testing.T) {
	estate := filepath.Join(t.TempDir(), "estate")
	put := func(host, p, content string) {
		t.Helper()
		full := filepath.Join(estate, host, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, n := range hostileNames {
		host := "h" + n
		dir := "/opt/" + n
		script := dir + "/" + n + ".sh"
		sqlFile := dir + "/" + n + ".hql"
		table := "`" + strings.ReplaceAll(n, "`", "") + "`"
		db := "`db " + n + "`"
		put(host, "/etc/crontab", "0 1 * * * batch '"+strings.ReplaceAll(script, "'", `'\''`)+"'\n")
		put(host, script, "#!/bin/bash\nDT=$(date +%Y%m%d)\nhive --hivevar dt=$DT -f '"+strings.ReplaceAll(sqlFile, "'", `'\''`)+"'\n")
		put(host, sqlFile, "INSERT OVERWRITE TABLE "+db+"."+table+" PARTITION (dt='${hivevar:dt}') SELECT a FROM lake.src"+strings.Repeat("x", i)+";\n")
		put(host, "/opt/digdag/"+n+"/"+n+".dig", "timezone: Asia/Tokyo\nschedule:\n  daily>: 02:00:00\n+step:\n  sh>: '"+strings.ReplaceAll(script, "'", "''")+"'\n")
	}
	inv, err := inventory.Build(estate, inventory.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := translate.DefaultConfig()
	cfg.Artifacts = "s3://art/sparkport"
	cfg.Paths = []translate.PathMapping{{From: "/", To: "s3://lake/legacy"}}
	out, err := Build(inv, Options{Config: cfg, Estate: estate})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(out.Manifest.Canonical); n < len(hostileNames) {
		t.Errorf("%d canonical jobs for %d hostile jobs", n, len(hostileNames))
	}
	for p, data := range out.Files {
		checkOutputPath(t, p)
		switch {
		case strings.HasSuffix(p, ".json"):
			if !json.Valid(data) {
				t.Errorf("%s: not JSON", p)
			}
		case strings.HasSuffix(p, ".dig"):
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: not YAML: %v\n%s", p, err, data)
			}
		case strings.HasPrefix(p, "sql/") && strings.HasSuffix(p, ".sql"):
			// The header's legacy names stay inside the comment.
			for i, line := range strings.Split(string(data), "\n") {
				if i < 3 && !strings.HasPrefix(line, "--") && line != "" {
					t.Errorf("%s: line %d of the header is not a comment: %q", p, i+1, line)
				}
			}
		}
		if bytes.ContainsRune(data, 0) {
			t.Errorf("%s: holds a NUL byte", p)
		}
	}
	if err := Write(filepath.Join(t.TempDir(), "out"), out.Files, false); err != nil {
		t.Fatalf("writing the output: %v", err)
	}
}

// checkOutputPath: a relative slash path of readable, portable elements
// (no control characters, no . or .., at most 255 bytes each, not empty).
func checkOutputPath(t *testing.T, p string) {
	t.Helper()
	if p == "" || strings.HasPrefix(p, "/") {
		t.Errorf("output path %q is not relative", p)
		return
	}
	for _, el := range strings.Split(p, "/") {
		switch {
		case el == "" || el == "." || el == "..":
			t.Errorf("output path %q has element %q", p, el)
		case len(el) > 255:
			t.Errorf("output path %q has an element of %d bytes", p, len(el))
		case !utf8.ValidString(el):
			t.Errorf("output path %q is not UTF-8", p)
		case strings.HasPrefix(el, "-"):
			t.Errorf("output path %q has an element starting with -", p)
		}
		for _, r := range el {
			if unicode.IsControl(r) || strings.ContainsRune(`\:*?"<>|'$;`+"`", r) || r == ' ' {
				t.Errorf("output path %q holds %q", p, r)
				break
			}
		}
	}
}
