package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/sparkport/sparkport/plan"
	"strings"
)

// StepConfig is one EMR step in the shape of the EMR API's StepConfig
// (AddJobFlowSteps, `aws emr add-steps --cli-input-json`, Step Functions'
// elasticmapreduce:addStep). Field names are the API's.
type StepConfig struct {
	Name            string              `json:"Name"`
	ActionOnFailure string              `json:"ActionOnFailure"`
	HadoopJarStep   HadoopJarStepConfig `json:"HadoopJarStep"`
}

// HadoopJarStepConfig is the API's HadoopJarStepConfig.
type HadoopJarStepConfig struct {
	Jar       string   `json:"Jar"`
	MainClass string   `json:"MainClass,omitempty"`
	Args      []string `json:"Args"`
}

// StepsFile is the content of an emr/ file: the Steps of an AddJobFlowSteps
// request. The cluster is given on the command line:
//
//	aws emr add-steps --cluster-id j-XXXX --cli-input-json file://emr/x.json
//
// Values the legacy job computed at run time (${DT}) are left as ${NAME}
// in files named *.template.json; manifest.json says how each is
// computed, sparkport emr-fill computes them for a run time, and the
// Digdag workflows compute them.
type StepsFile struct {
	Steps []StepConfig `json:"Steps"`
}

// ActionOnFailure of every emitted step: a failed step cancels the steps
// queued after it, as a failed command stopped the legacy job, and the
// cluster stays up.
const ActionOnFailure = "CANCEL_AND_WAIT"

// maxStepName is the EMR API's limit on a step name.
const maxStepName = 256

// runSteps instantiates a unit's EMR steps for one run, in order. A step a
// person must replace becomes a step that fails with the reason; Digdag
// calls and other Digdag-only tasks have no EMR step (a called workflow's
// steps are in its own file).
func (e *emitter) runSteps(p *unitPlan, r *plan.Run) []StepConfig {
	var out []StepConfig
	for _, sp := range p.steps {
		if sp.form == asFail {
			// A step a person must replace fails where it stood, so that
			// the file cannot run the steps around it as if it were done.
			msg := runText("sparkport: not migrated, a person must replace this step: "+sp.manual+" ("+loc(runSource(sp, r))+")", r)
			name := fmt.Sprintf("%s %02d NOT MIGRATED", p.u.Name, sp.index)
			out = append(out, StepConfig{Name: name, ActionOnFailure: ActionOnFailure, HadoopJarStep: HadoopJarStepConfig{
				Jar: commandRunner, Args: []string{"bash", "-c", "echo " + shellQuote(msg) + " >&2; exit 1"}}})
			continue
		}
		if sp.form != asEMR {
			continue
		}
		for _, t := range sp.emr {
			name := fmt.Sprintf("%s %02d %s", p.u.Name, sp.index, t.what)
			if r.Name != "" {
				name = fmt.Sprintf("%s [%s] %02d %s", p.u.Name, r.Name, sp.index, t.what)
			}
			if len(name) > maxStepName {
				name = name[:maxStepName]
			}
			args := make([]string, len(t.args))
			for i, a := range t.args {
				args[i] = plan.Fill(a, len(r.Values), func(i int) string { return r.Values[i] })
			}
			out = append(out, StepConfig{Name: name, ActionOnFailure: ActionOnFailure, HadoopJarStep: HadoopJarStepConfig{Jar: t.jar, Args: args}})
		}
	}
	return out
}

// emrFile names an emr/ file: base.json when every value is concrete,
// base.template.json when some are ${NAME} to fill at run time
// (sparkport emr-fill), so that a template is never submitted by mistake.
func emrFile(base string, data []byte) string {
	if bytes.Contains(data, []byte("${")) {
		return "emr/" + base + ".template.json"
	}
	return "emr/" + base + ".json"
}

// emitEMR writes emr/<job>[.template].json per canonical job and
// emr/wave-<n>[.template].json per migration wave.
func (e *emitter) emitEMR() {
	// Each job's steps are made side by side; the waves gather them in
	// the plans' order.
	stepsOf := make([][]StepConfig, len(e.plans))
	parallel(len(e.plans), e.workers(), func(i int) {
		p := e.plans[i]
		var steps []StepConfig
		for _, r := range p.u.Runs {
			steps = append(steps, e.runSteps(p, r)...)
		}
		if len(steps) == 0 {
			return
		}
		data := stepsJSON(steps)
		name := emrFile(p.u.Name, data)
		e.put(name, data)
		p.outputs = append(p.outputs, name)
		stepsOf[i] = steps
	})
	waves := map[int][]StepConfig{}
	for i, p := range e.plans {
		if p.u.Wave > 0 && len(stepsOf[i]) > 0 {
			waves[p.u.Wave] = append(waves[p.u.Wave], stepsOf[i]...)
		}
	}
	for w, steps := range waves {
		data := stepsJSON(steps)
		e.put(emrFile(fmt.Sprintf("wave-%d", w), data), data)
	}
}

func stepsJSON(steps []StepConfig) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(StepsFile{Steps: steps}); err != nil {
		panic(err) // plain structs of strings always encode
	}
	return b.Bytes()
}

// shellQuote quotes a word for bash -c.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
