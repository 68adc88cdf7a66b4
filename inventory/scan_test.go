package inventory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/sparkport/sparkport/ir"
)

// writeEstate writes files (host/path → content) under a temporary folder.
func writeEstate(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestScanAccountsForEveryFile(t *testing.T) {
	sjis, _ := japanese.ShiftJIS.NewEncoder().String("-- 日次集計\nINSERT OVERWRITE TABLE mart.x SELECT a FROM lake.y;\n")
	root := writeEstate(t, map[string]string{
		"README.txt":                     "notes beside the hosts",
		"h1/etc/crontab":                 "0 1 * * * batch /home/batch/bin/run.sh\n",
		"h1/home/batch/bin/run.sh":       "#!/bin/bash\nsh /home/batch/bin/inner.sh\n",
		"h1/home/batch/bin/inner.sh":     "hive -f /home/batch/sql/a.hql\n",
		"h1/home/batch/bin/orphan":       "#!/bin/sh\nhive -e 'INSERT INTO TABLE t.b SELECT * FROM t.a'\n",
		"h1/home/batch/bin/tool.py":      "#!/usr/bin/env python3\nprint(1)\n",
		"h1/home/batch/sql/a.hql":        "INSERT OVERWRITE TABLE mart.a SELECT * FROM lake.a;\r\n",
		"h1/home/batch/sql/sjis.hql":     sjis,
		"h1/home/batch/sql/broken.hql":   "SELECT FROM WHERE;\n",
		"h1/home/batch/lib/x.jar":        "PK\x03\x04\x00\x00",
		"h1/home/batch/empty.hql":        "",
		"h1/var/log/big.log":             strings.Repeat("x", 2048),
		"h2/opt/digdag/p/main.dig":       "schedule:\n  daily>: 01:00:00\n+a:\n  call>: sub\n",
		"h2/opt/digdag/p/sub.dig":        "+b:\n  sh>: hive -f /home/etl/q.hql\n",
		"h2/home/etl/q.hql":              "SELECT 1;\n",
		"h2/home/etl/crontab.bak":        "0 1 * * * /home/etl/old.sh\n",
		"h2/home/etl/broken.sh":          "#!/bin/bash\nif then\n",
		"h2/var/spool/cron/crontabs/etl": "30 2 * * * hive -e 'SELECT 1' --password s3cr3t-Value\n",
	})
	must(t, os.Symlink("loop", filepath.Join(root, "h1/home/batch/loop")))
	must(t, os.Symlink("/nonexistent/target", filepath.Join(root, "h1/home/batch/dangling")))
	must(t, os.Symlink("../sql", filepath.Join(root, "h1/home/batch/bin/sqldir")))

	inv, err := Build(root, Options{MaxFileSize: 1024})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ir.File{}
	for _, f := range inv.Files {
		k := f.Host + ":" + f.Path
		if files[k] != nil {
			t.Errorf("%s listed twice", k)
		}
		files[k] = f
	}
	for k, want := range map[string]string{ // status, then a word of the reason
		":/README.txt":                    "ignored host folder",
		"h1:/etc/crontab":                 "parsed",
		"h1:/home/batch/bin/orphan":       "parsed",
		"h1:/home/batch/bin/tool.py":      "ignored python",
		"h1:/home/batch/sql/sjis.hql":     "parsed",
		"h1:/home/batch/sql/broken.hql":   "error",
		"h1:/home/batch/lib/x.jar":        "ignored binary",
		"h1:/home/batch/empty.hql":        "ignored empty",
		"h1:/var/log/big.log":             "ignored large",
		"h1:/home/batch/loop":             "ignored loop",
		"h1:/home/batch/dangling":         "ignored broken",
		"h1:/home/batch/bin/sqldir":       "ignored directory",
		"h2:/home/etl/crontab.bak":        "parsed not where cron reads",
		"h2:/home/etl/broken.sh":          "error",
		"h2:/var/spool/cron/crontabs/etl": "parsed",
	} {
		f := files[k]
		if f == nil {
			t.Errorf("%s not listed", k)
			continue
		}
		words := strings.SplitN(want, " ", 2)
		if f.Status != words[0] || len(words) > 1 && !strings.Contains(f.Reason, words[1]) {
			t.Errorf("%s: status %q reason %q, want %q", k, f.Status, f.Reason, want)
		}
	}
	if f := files["h1:/home/batch/sql/sjis.hql"]; f.Encoding != "shift_jis" {
		t.Errorf("sjis.hql encoding = %s", f.Encoding)
	}
	if f := files["h1:/home/batch/sql/a.hql"]; !f.CRLF {
		t.Error("a.hql: CRLF not reported")
	}
	if got := len(files); got != countEntries(t, root) {
		t.Errorf("%d files listed, %d entries on disk", got, countEntries(t, root))
	}

	jobs := map[string]*ir.Job{}
	for _, j := range inv.Jobs {
		jobs[j.ID] = j
	}
	for id, trigger := range map[string]string{
		"h1:/etc/crontab:1":                 ir.TriggerCron,
		"h1:/home/batch/bin/orphan":         ir.TriggerUnscheduled,
		"h1:/home/batch/sql/sjis.hql":       ir.TriggerUnscheduled,
		"h2:/opt/digdag/p/main.dig":         ir.TriggerDigdag,
		"h2:/opt/digdag/p/sub.dig":          ir.TriggerCalled,
		"h2:/var/spool/cron/crontabs/etl:1": ir.TriggerCron,
	} {
		if jobs[id] == nil || jobs[id].Trigger.Kind != trigger {
			t.Errorf("job %s: %+v, want trigger %s", id, jobs[id], trigger)
		}
	}
	// Files reached from an entry point are not jobs of their own.
	for _, id := range []string{"h1:/home/batch/bin/run.sh", "h1:/home/batch/bin/inner.sh", "h1:/home/batch/sql/a.hql", "h2:/home/etl/q.hql"} {
		if jobs[id] != nil {
			t.Errorf("%s is called, yet a job of its own", id)
		}
	}
	js, _ := inv.JSON()
	if strings.Contains(string(js), "s3cr3t-Value") {
		t.Error("a secret reached inventory.json")
	}
	if len(inv.Secrets) == 0 {
		t.Error("the crontab's --password was not reported")
	}
}

func countEntries(t *testing.T, root string) int {
	n := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build(filepath.Join(t.TempDir(), "missing"), Options{}); err == nil {
		t.Error("a missing estate is not an error")
	}
	f := filepath.Join(t.TempDir(), "file")
	must(t, os.WriteFile(f, []byte("x"), 0o644))
	if _, err := Build(f, Options{}); err == nil {
		t.Error("a file as estate is not an error")
	}
}

// TestUnreadableIsAnError: a file the scan cannot read (gone between the
// walk and the read here; permissions elsewhere) is an error with its
// reason, never quietly ignored.
func TestUnreadableIsAnError(t *testing.T) {
	root := writeEstate(t, map[string]string{"h1/home/b/x.hql": "SELECT 1;"})
	list, _, err := walk(root, DefaultMaxFileSize)
	if err != nil || len(list) != 1 {
		t.Fatalf("walk: %v, %d files", err, len(list))
	}
	os.Remove(filepath.Join(root, "h1/home/b/x.hql"))
	list[0].read(DefaultMaxFileSize)
	f := list[0].file
	if f.Status != ir.StatusError || !strings.HasPrefix(f.Reason, "unreadable: ") || len(f.Diagnostics) == 0 {
		t.Errorf("status %q, reason %q, %d diagnostics; want an error with its reason", f.Status, f.Reason, len(f.Diagnostics))
	}
	if os.Geteuid() != 0 {
		// Permissions only stop a user other than root.
		root := writeEstate(t, map[string]string{"h1/home/b/x.hql": "SELECT 1;"})
		os.Chmod(filepath.Join(root, "h1/home/b/x.hql"), 0)
		inv, err := Build(root, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if st := inv.Files[0].Status; st != ir.StatusError {
			t.Errorf("a chmod 000 file is %q, want error", st)
		}
	}
}
