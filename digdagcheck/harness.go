package digdagcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// DigdagVersion is the digdag-core whose code the harness runs.
const DigdagVersion = "0.9.42"

// Home is where scripts/setup-digdag installed the harness:
// $SPARKPORT_DIGDAG_HOME, else ~/.cache/sparkport/digdag-0.9.42.
func Home() (string, error) {
	home := os.Getenv("SPARKPORT_DIGDAG_HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		home = filepath.Join(h, ".cache", "sparkport", "digdag-"+DigdagVersion)
	}
	stamps, _ := filepath.Glob(filepath.Join(home, ".installed-*"))
	if len(stamps) == 0 {
		return "", fmt.Errorf("no Digdag %s harness in %s: run scripts/setup-digdag", DigdagVersion, home)
	}
	return home, nil
}

// harnessWorkflow is one workflow the harness is asked about.
type harnessWorkflow struct {
	Project  string   `json:"project"`
	File     string   `json:"file"`
	Sessions []string `json:"sessions,omitempty"`
	// Caller is the call> task a called workflow is evaluated under: its
	// session, time zone and _export.
	Caller *harnessCaller `json:"caller,omitempty"`
}

type harnessCaller struct {
	Project string `json:"project"`
	File    string `json:"file"`
	Task    string `json:"task"`
}

type harnessRequest struct {
	Workflows     []harnessWorkflow `json:"workflows"`
	Params        map[string]string `json:"params,omitempty"`
	Timezone      string            `json:"timezone,omitempty"`
	ScheduleFrom  string            `json:"schedule_from"`
	ScheduleUntil string            `json:"schedule_until"`
	ScheduleLimit int               `json:"schedule_limit"`
}

// harnessResult is what Digdag made of one workflow.
type harnessResult struct {
	Project  string `json:"project"`
	File     string `json:"file"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
	Error    string `json:"error"`
	Tasks    int    `json:"tasks"`
	Calls    []struct {
		Task   string `json:"task"`
		Target string `json:"target"`
		Error  string `json:"error"`
	} `json:"calls"`
	Schedule *struct {
		Config   json.RawMessage `json:"config"`
		Error    string          `json:"error"`
		Times    []int64         `json:"times"`
		RunTimes []int64         `json:"run_times"`
	} `json:"schedule"`
	Sessions []*harnessSession `json:"sessions"`
}

type harnessSession struct {
	Requested   string         `json:"requested"`
	SessionTime string         `json:"session_time"`
	Tasks       []*harnessTask `json:"tasks"`
}

// harnessTask is one operator task as OperatorManager would hand it to
// its operator: the task's own keys, evaluated.
type harnessTask struct {
	Name   string         `json:"name"`
	Config map[string]any `json:"config"`
	Error  string         `json:"error"`
}

type harnessResponse struct {
	Digdag    string           `json:"digdag"`
	Workflows []*harnessResult `json:"workflows"`
}

// runHarness runs the Java harness once over req.
func runHarness(ctx context.Context, home string, req *harnessRequest, timeout time.Duration) (*harnessResponse, error) {
	java := "java"
	if jh := os.Getenv("JAVA_HOME"); jh != "" {
		java = filepath.Join(jh, "bin", "java")
	}
	in, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cp := filepath.Join(home, "classes") + string(os.PathListSeparator) + filepath.Join(home, "lib", "*")
	cmd := exec.CommandContext(ctx, java, "-Xss4m", "-XX:+UseSerialGC", "-cp", cp, "io.digdag.core.agent.SparkportDigdag")
	cmd.Stdin = bytes.NewReader(in)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if len(msg) > 2000 {
			msg = msg[:2000] + "…"
		}
		return nil, fmt.Errorf("the Digdag harness failed: %v: %s", err, msg)
	}
	var resp harnessResponse
	if err := json.Unmarshal(out.Bytes(), &resp); err != nil {
		return nil, fmt.Errorf("the Digdag harness printed no result: %v", err)
	}
	if len(resp.Workflows) != len(req.Workflows) {
		return nil, fmt.Errorf("the Digdag harness answered for %d workflows of %d", len(resp.Workflows), len(req.Workflows))
	}
	return &resp, nil
}
