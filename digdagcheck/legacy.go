package digdagcheck

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/sparkport/sparkport/ir"
)

// dateRunner computes the values a legacy script's date variables took at
// a given time by running the script's own words — $(date -d '1 day ago'
// +%Y%m%d), ${1:-$(date +%F)}, $(date -d "$DT" +%Y%m) — in bash under
// faketime, with the host's time zone.
//
// Nothing else of the legacy script runs. The words run in a restricted
// bash (no redirections, no PATH changes, no commands named by a path), with
// an empty environment and a PATH holding `date` alone, so a word that
// would run anything else fails instead.
type dateRunner struct {
	faketime string
	bin      string // a folder holding only a link to date
	mu       sync.Mutex
	cache    map[string]map[string]string
	spent    time.Duration
	runs     int
}

// newDateRunner finds faketime and date; it returns nil and why when it
// cannot run.
func newDateRunner() (*dateRunner, string) {
	ft, err := exec.LookPath("faketime")
	if err != nil {
		return nil, "faketime is not installed (scripts/setup-digdag installs it): legacy values were not computed"
	}
	date, err := exec.LookPath("date")
	if err != nil {
		return nil, "date is not on PATH: legacy values were not computed"
	}
	bin, err := os.MkdirTemp("", "sparkport-date-")
	if err != nil {
		return nil, err.Error()
	}
	if err := os.Symlink(date, filepath.Join(bin, "date")); err != nil {
		return nil, err.Error()
	}
	return &dateRunner{faketime: ft, bin: bin, cache: map[string]map[string]string{}}, ""
}

func (d *dateRunner) close() {
	if d != nil {
		os.RemoveAll(d.bin)
	}
}

var shellName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// values runs the date parameters of params (in script order) at instant
// at on a host in zone, and returns each one's value. Parameters with no
// source, or computed from a variable the script did not compute, are left
// out.
func (d *dateRunner) values(ctx context.Context, params []*ir.Param, at time.Time, zone string) (map[string]string, error) {
	known := map[string]bool{}
	var script strings.Builder
	script.WriteString("set -e\n")
	var names []string
	for _, p := range params {
		if p.Kind != "date" || p.Source == "" || !shellName.MatchString(p.Name) {
			continue
		}
		if p.Base != "" && p.Base != "run_date" && !known[strings.Trim(p.Base, "${}")] {
			continue
		}
		known[p.Name] = true
		names = append(names, p.Name)
		fmt.Fprintf(&script, "%s=%s\n", p.Name, p.Source)
	}
	if len(names) == 0 {
		return map[string]string{}, nil
	}
	for _, n := range names {
		fmt.Fprintf(&script, "printf '%%s\\0' \"$%s\"\n", n)
	}
	key := zone + "\x00" + at.UTC().Format(time.RFC3339) + "\x00" + script.String()
	d.mu.Lock()
	if v, ok := d.cache[key]; ok {
		d.mu.Unlock()
		return v, nil
	}
	d.mu.Unlock()

	started := time.Now()
	defer func() {
		d.mu.Lock()
		d.spent += time.Since(started)
		d.runs++
		d.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, d.faketime, fmt.Sprintf("@%d", at.Unix()), "/bin/bash", "-r", "-c", script.String())
	cmd.Env = []string{"PATH=" + d.bin, "TZ=" + zone, "LC_ALL=C"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("running the legacy date words: %v: %s", err, strings.TrimSpace(errb.String()))
	}
	parts := strings.Split(out.String(), "\x00")
	if len(parts) < len(names) {
		return nil, fmt.Errorf("running the legacy date words: %d values for %d variables", len(parts), len(names))
	}
	v := map[string]string{}
	for i, n := range names {
		v[n] = parts[i]
	}
	d.mu.Lock()
	d.cache[key] = v
	d.mu.Unlock()
	return v, nil
}

var varRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// substitute replaces ${NAME} and $NAME in s by their values; it reports
// false when s names a variable with no value.
func substitute(s string, vals map[string]string) (string, bool) {
	ok := true
	out := varRef.ReplaceAllStringFunc(s, func(m string) string {
		n := strings.Trim(m, "${}")
		if v, found := vals[n]; found {
			return v
		}
		ok = false
		return m
	})
	return out, ok
}

// hiveVars reads the NAME=VALUE pairs a hive, beeline or spark-sql command
// line defines: --hivevar, -hivevar, --hiveconf, -hiveconf, -d, --define.
func hiveVars(args []string) map[string]string {
	out := map[string]string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		var pair string
		switch {
		case a == "--hivevar" || a == "-hivevar" || a == "--hiveconf" || a == "-hiveconf" || a == "-d" || a == "--define":
			if i+1 < len(args) {
				i++
				pair = args[i]
			}
		case strings.HasPrefix(a, "--hivevar=") || strings.HasPrefix(a, "--hiveconf=") || strings.HasPrefix(a, "--define="):
			_, pair, _ = strings.Cut(a, "=")
		default:
			continue
		}
		if k, v, ok := strings.Cut(pair, "="); ok && k != "" {
			out[k] = v
		}
	}
	return out
}
