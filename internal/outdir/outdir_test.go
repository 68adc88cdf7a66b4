package outdir

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	root := t.TempDir()
	estate := filepath.Join(root, "work", "estate")
	mk := func(p string) string {
		t.Helper()
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write := func(p, s string) {
		t.Helper()
		mk(filepath.Dir(p))
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk(filepath.Join(estate, "batch-01", "etc"))
	write(filepath.Join(root, "foreign", "notes.txt"), "mine")
	ours := mk(filepath.Join(root, "ours"))
	write(filepath.Join(ours, Marker), string(markerContent("migrate", []string{"sql/a.sql"})))
	write(filepath.Join(ours, "sql", "a.sql"), "SELECT 1;")
	old := mk(filepath.Join(root, "old"))
	write(filepath.Join(old, "manifest.json"), `{"schema": 1, "estate": "e", "jobs": [], "files": []}`)
	notManifest := mk(filepath.Join(root, "json"))
	write(filepath.Join(notManifest, "manifest.json"), `{"name": "my web app"}`)
	empty := mk(filepath.Join(root, "empty"))
	write(filepath.Join(root, "file"), "x")
	if err := os.Symlink(ours, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "work"))

	for _, tc := range []struct {
		dir   string
		force bool
		want  string // "" when allowed
	}{
		{filepath.Join(root, "new"), false, ""},
		{filepath.Join(root, "new", "deeper"), false, ""},
		{empty, false, ""},
		{ours, true, ""},
		{old, true, ""},
		{ours, false, "exists (an earlier sparkport output) (use --force"},
		{filepath.Join(root, "foreign"), false, "is not a sparkport output (holds 1 entry: notes.txt)"},
		{filepath.Join(root, "foreign"), true, "is not a sparkport output"},
		{notManifest, true, "is not a sparkport output"},
		{estate, true, "is an input"},
		{filepath.Join(root, "work"), true, "contains the input"},
		{root, true, "contains the input"},
		{filepath.Join(estate, "out"), true, "is inside the input"},
		{filepath.Join(estate, "batch-01"), true, "is inside the input"},
		{"estate/../estate/batch-01/x", true, "is inside the input"},
		{".", true, "is an input"}, // estate given relative below
		{filepath.Join(root, "file"), true, "is a file, not a folder"},
		{filepath.Join(root, "link"), true, "is a symbolic link"},
		{"/", true, "is the root folder"},
	} {
		inputs := []string{estate}
		if tc.dir == "." {
			inputs = []string{"."}
		}
		err := Check(tc.dir, "migrate", inputs, tc.force)
		got := ""
		if err != nil {
			got = err.Error()
			var oe *Error
			if !errors.As(err, &oe) {
				t.Errorf("Check(%s): %T is not *Error", tc.dir, err)
			}
		}
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("Check(%s, force=%v) = %q, want %q", tc.dir, tc.force, got, tc.want)
		}
	}
	// The working directory itself, and a folder holding it.
	t.Chdir(filepath.Join(root, "foreign"))
	for _, d := range []string{".", ".."} {
		if err := Check(d, "migrate", nil, true); err == nil || !strings.Contains(err.Error(), "working directory") {
			t.Errorf("Check(%s) in the working directory = %v", d, err)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, "migrate", map[string][]byte{"a/b.txt": []byte("one")}, false); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, "migrate", map[string][]byte{"a/b.txt": []byte("two")}, false); err == nil {
		t.Fatal("an existing output was replaced without force")
	}
	if err := Write(dir, "migrate", map[string][]byte{"../escape": []byte("x")}, true); err == nil {
		t.Fatal("a path leaving the folder was written")
	}
	if err := Write(dir, "migrate", map[string][]byte{"c.txt": []byte("three")}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Error("the previous output's files survived a replacement")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "c.txt")); string(b) != "three" {
		t.Errorf("c.txt = %q", b)
	}
	if k, _ := Owned(dir); k.Kind != Ours {
		t.Errorf("the output is not recognised as ours: %v", k)
	}
	// A foreign folder is never replaced, even by Write called directly.
	foreign := filepath.Join(t.TempDir(), "f")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "keep"), []byte("x"), 0o644)
	if err := Write(foreign, "migrate", map[string][]byte{"c.txt": nil}, true); err == nil {
		t.Error("Write replaced a foreign folder")
	}
	if _, err := os.Stat(filepath.Join(foreign, "keep")); err != nil {
		t.Error("the foreign file is gone")
	}
	leftovers(t, filepath.Dir(dir))
}

// TestRecover: a previous output moved aside by a run killed between its
// two renames is put back; unfinished copies are removed; folders without
// the marker are left alone.
func TestRecover(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	old := filepath.Join(parent, ".out"+oldInfix)
	os.MkdirAll(old, 0o755)
	os.WriteFile(filepath.Join(old, Marker), markerContent("migrate", []string{"sql/a.sql"}), 0o644)
	tmp := filepath.Join(parent, ".out"+tmpInfix+"123")
	os.MkdirAll(tmp, 0o755)
	os.WriteFile(filepath.Join(tmp, Marker), markerContent("migrate", []string{"sql/a.sql"}), 0o644)
	user := filepath.Join(parent, ".out"+tmpInfix+"mine")
	os.MkdirAll(user, 0o755)
	os.WriteFile(filepath.Join(user, "notes"), nil, 0o644)
	Recover(dir)
	if k, _ := Owned(dir); k.Kind != Ours {
		t.Error("the previous output was not put back")
	}
	if _, err := os.Stat(tmp); err == nil {
		t.Error("an unfinished output was left")
	}
	if _, err := os.Stat(user); err != nil {
		t.Error("a folder without the marker was removed")
	}
}

func leftovers(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.Contains(e.Name(), tmpInfix) || strings.Contains(e.Name(), oldInfix) {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

const killFiles = 400

// generation writes killFiles files all holding gen.
func generation(gen int) map[string][]byte {
	files := map[string][]byte{}
	body := []byte(strings.Repeat(strconv.Itoa(gen)+"\n", 200))
	for i := 0; i < killFiles; i++ {
		files[fmt.Sprintf("d%02d/f%03d.txt", i%20, i)] = body
	}
	return files
}

// TestKilledWrite kills (SIGKILL) a process writing outputs in a loop at
// random moments: the output folder must always be one whole generation,
// and the next Write must leave nothing beside it.
func TestKilledWrite(t *testing.T) {
	if dir := os.Getenv("OUTDIR_KILL_CHILD"); dir != "" {
		for gen := 1; ; gen++ {
			if err := Write(dir, "migrate", generation(gen), true); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
	}
	if testing.Short() {
		t.Skip("-short: no kill test")
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, "migrate", generation(0), false); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 25; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWrite$")
		cmd.Env = append(os.Environ(), "OUTDIR_KILL_CHILD="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+rng.Intn(60)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		Recover(dir) // what the next run does first
		wholeGeneration(t, dir)
	}
	if err := Write(dir, "migrate", generation(-1), true); err != nil {
		t.Fatal(err)
	}
	wholeGeneration(t, dir)
	leftovers(t, filepath.Dir(dir))
}

func wholeGeneration(t *testing.T, dir string) {
	t.Helper()
	gen := ""
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		g, _, _ := strings.Cut(string(b), "\n")
		if gen == "" {
			gen = g
		} else if g != gen {
			return fmt.Errorf("%s is of generation %s, others of %s", p, g, gen)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != killFiles {
		t.Fatalf("output holds %d files, want %d", n, killFiles)
	}
}

// TestInterruptedWrite interrupts (SIGINT) a process writing outputs in a
// loop, which calls Abandon as cmd/sparkport does: the output is always
// one whole generation and nothing is left beside it, without a next run.
func TestInterruptedWrite(t *testing.T) {
	if dir := os.Getenv("OUTDIR_INT_CHILD"); dir != "" {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		go func() {
			<-sig
			Abandon()
			os.Exit(130)
		}()
		fmt.Println("ready") // the handler is in place
		for gen := 1; ; gen++ {
			if err := Write(dir, "migrate", generation(gen), true); err != nil && !Interrupted() {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
	}
	if testing.Short() {
		t.Skip("-short: no interrupt test")
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, "migrate", generation(0), false); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(2))
	for round := 0; round < 15; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptedWrite$")
		cmd.Env = append(os.Environ(), "OUTDIR_INT_CHILD="+dir)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// A signal before the handler is in place would kill the child as
		// SIGKILL does (TestKilledWrite's case): wait for it.
		if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
			t.Fatalf("child said %q", line)
		}
		time.Sleep(time.Duration(5+rng.Intn(60)) * time.Millisecond)
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		wholeGeneration(t, dir)
		leftovers(t, filepath.Dir(dir))
	}
}
