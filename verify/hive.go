package verify

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// HiveVersion is the Hive that scripts/setup-hive installs.
const HiveVersion = "4.1.0"

// HiveHome is where scripts/setup-hive installed the Hive harness:
// $SPARKPORT_HIVE_HOME, or ~/.cache/sparkport/hive-4.1.0.
func HiveHome() (string, error) {
	home := os.Getenv("SPARKPORT_HIVE_HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		home = filepath.Join(h, ".cache", "sparkport", "hive-"+HiveVersion)
	}
	if _, err := os.Stat(filepath.Join(home, "classes", "sparkport", "SparkportHive.class")); err != nil {
		return "", fmt.Errorf("no Hive harness in %s: run scripts/setup-hive (or set SPARKPORT_HIVE_HOME)", home)
	}
	return home, nil
}

// Hive is one Hive session in a JVM of its own: the harness of
// scripts/hive, an embedded metastore and warehouse under a scratch folder,
// Tez in local mode. It answers one statement at a time.
type Hive struct {
	Version string

	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *tailBuffer
	mu     sync.Mutex
	dead   error
}

// StartHive starts the harness installed in home, keeping its metastore
// and warehouse in scratch (which the caller creates and removes).
func StartHive(ctx context.Context, home, scratch string) (*Hive, error) {
	opts, err := os.ReadFile(filepath.Join(home, "jvm.options"))
	if err != nil {
		return nil, err
	}
	java := "java"
	if jh := os.Getenv("JAVA_HOME"); jh != "" {
		java = filepath.Join(jh, "bin", "java")
	}
	args := strings.Fields(string(opts))
	args = append(args,
		"-Dlog4j2.configurationFile="+filepath.Join(home, "classes", "log4j2.properties"),
		"-cp", filepath.Join(home, "classes")+string(os.PathListSeparator)+filepath.Join(home, "lib", "*"),
		"sparkport.SparkportHive", scratch)
	cmd := exec.Command(java, args...)
	cmd.Dir = scratch
	h := &Hive{cmd: cmd, stderr: &tailBuffer{max: 64 << 10}}
	cmd.Stderr = h.stderr
	if h.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	h.out = bufio.NewReaderSize(stdout, 1<<20)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start Hive: %v", err)
	}
	var ready struct {
		Ready bool   `json:"ready"`
		Hive  string `json:"hive"`
	}
	if err := h.read(ctx, &ready); err != nil || !ready.Ready {
		h.Close()
		return nil, fmt.Errorf("start Hive: %v\n%s", err, lastLines(h.stderr.Bytes(), 20))
	}
	h.Version = ready.Hive
	return h, nil
}

type hiveAnswer struct {
	OK      bool        `json:"ok"`
	Error   string      `json:"error"`
	Columns []string    `json:"columns"`
	Types   []string    `json:"types"`
	Rows    [][]*string `json:"rows"`
	More    bool        `json:"more"`
	MS      int64       `json:"ms"`
}

// read reads one answer line, giving up (and stopping Hive: its session
// cannot be trusted after that) when ctx ends first.
func (h *Hive) read(ctx context.Context, v any) error {
	type result struct {
		line []byte
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := h.out.ReadBytes('\n')
		ch <- result{line, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			h.dead = fmt.Errorf("Hive stopped: %v", r.err)
			return h.dead
		}
		return json.Unmarshal(r.line, v)
	case <-ctx.Done():
		h.dead = fmt.Errorf("Hive stopped after a statement ran out of time")
		h.cmd.Process.Kill()
		return ctx.Err()
	}
}

func (h *Hive) ask(ctx context.Context, stmt string, fetch bool, max int) (*hiveAnswer, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.dead != nil {
		return nil, h.dead
	}
	req, _ := json.Marshal(map[string]any{"sql": stmt, "fetch": fetch, "max": max})
	if _, err := h.in.Write(append(req, '\n')); err != nil {
		h.dead = fmt.Errorf("Hive stopped: %v", err)
		return nil, h.dead
	}
	var a hiveAnswer
	if err := h.read(ctx, &a); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, &Error{Class: "SPARKPORT_TIMEOUT", Message: "the statement ran out of time on Hive"}
		}
		return nil, err
	}
	if !a.OK {
		return nil, hiveError(a.Error)
	}
	return &a, nil
}

// Exec runs one statement on Hive.
func (h *Hive) Exec(ctx context.Context, stmt string, query bool) (int, error) {
	a, err := h.ask(ctx, stmt, query, 100000)
	if err != nil {
		return 0, err
	}
	return len(a.Rows), nil
}

// Rows runs a query on Hive and returns its rows as Hive prints them.
func (h *Hive) Rows(ctx context.Context, stmt string, max int) ([][]*string, error) {
	a, err := h.ask(ctx, stmt, true, max)
	if err != nil {
		return nil, err
	}
	return a.Rows, nil
}

// Close ends the session and the JVM.
func (h *Hive) Close() error {
	h.in.Close()
	done := make(chan struct{})
	go func() { h.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		h.cmd.Process.Kill()
		<-done
	}
	return nil
}

// hiveError turns Hive's "FAILED: SemanticException [Error 10004]: …"
// into an Error whose class is Hive's exception name.
func hiveError(msg string) *Error {
	msg = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(msg), "FAILED:"))
	class := "HIVE"
	if f := strings.Fields(msg); len(f) > 0 && strings.HasSuffix(f[0], "Exception") {
		class = f[0]
		msg = strings.TrimSpace(strings.TrimPrefix(msg, f[0]))
	}
	return &Error{Class: class, Message: oneLine(msg)}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append([]byte(nil), t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) Bytes() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]byte(nil), t.b...)
}
