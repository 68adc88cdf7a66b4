package diff

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/sparkport/sparkport/internal/par"
)

// Summary is the one-line verdict of a diff.
func (d *Diff) Summary() string {
	if d.Equal() {
		if n := d.Count(Formatting); n > 0 {
			return fmt.Sprintf("no semantic change (%d files differ in formatting only; %d compared)", n, d.Compared)
		}
		return fmt.Sprintf("no change (%d files compared)", d.Compared)
	}
	s := fmt.Sprintf("%d files changed, %d added, %d removed, %d formatting only; canonical jobs: %d changed, %d added, %d removed; %d legacy jobs remapped",
		d.Count(Changed), d.Count(Added), d.Count(Removed), d.Count(Formatting), len(d.JobsChanged), len(d.JobsAdded), len(d.JobsRemoved), len(d.Mapping))
	if d.Unexplained > 0 {
		s += fmt.Sprintf(" (the first %d changed files are shown with their diff, %d more without)", MaxExplained, d.Unexplained)
	}
	return s
}

// Text is the diff for people; color adds ANSI colours for a terminal.
func (d *Diff) Text(color bool) string {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\033[" + code + "m" + s + "\033[0m"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "sparkport diff %s %s: %s\n", d.Old, d.New, d.Summary())
	list := func(title string, names []string, code string) {
		if len(names) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", title, paint(code, strings.Join(names, ", ")))
		}
	}
	list("jobs changed", d.JobsChanged, "33")
	list("jobs added", d.JobsAdded, "32")
	list("jobs removed", d.JobsRemoved, "31")
	for _, m := range d.Mapping {
		fmt.Fprintf(&b, "legacy job %s: %s → %s\n", m.Job, paint("31", m.Old), paint("32", m.New))
	}
	for _, st := range d.Steps {
		fmt.Fprintf(&b, "step %d of %s: %s ⇒ %s\n", st.Step, st.Job, paint("31", st.Old), paint("32", st.New))
	}
	for _, f := range d.Files {
		jobs := ""
		if len(f.Jobs) > 0 {
			jobs = " [" + strings.Join(f.Jobs, ", ") + "]"
		}
		code := map[string]string{Added: "32", Removed: "31", Changed: "33", Formatting: "2"}[f.Kind]
		fmt.Fprintf(&b, "%s %s%s\n", paint(code, fmt.Sprintf("%-10s", f.Kind)), f.Path, jobs)
		if f.Note != "" {
			fmt.Fprintf(&b, "           (%s)\n", f.Note)
		}
		for _, line := range strings.SplitAfter(f.Diff, "\n") {
			if line == "" {
				continue
			}
			switch {
			case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
				b.WriteString("    " + paint("1", line))
			case strings.HasPrefix(line, "+"):
				b.WriteString("    " + paint("32", line))
			case strings.HasPrefix(line, "-"):
				b.WriteString("    " + paint("31", line))
			default:
				b.WriteString("    " + line)
			}
		}
	}
	return b.String()
}

// Markdown is the diff for a CI job summary ($GITHUB_STEP_SUMMARY).
func (d *Diff) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## sparkport diff\n\n%s\n\n", d.Summary())
	if len(d.JobsChanged)+len(d.JobsAdded)+len(d.JobsRemoved) > 0 {
		b.WriteString("| canonical job | change |\n|---|---|\n")
		for _, l := range []struct {
			kind  string
			names []string
		}{{"changed", d.JobsChanged}, {"added", d.JobsAdded}, {"removed", d.JobsRemoved}} {
			for _, n := range l.names {
				fmt.Fprintf(&b, "| `%s` | %s |\n", n, l.kind)
			}
		}
		b.WriteString("\n")
	}
	if len(d.Mapping) > 0 {
		b.WriteString("| legacy job | before | after |\n|---|---|---|\n")
		for _, m := range d.Mapping {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", m.Job, m.Old, m.New)
		}
		b.WriteString("\n")
	}
	if len(d.Steps) > 0 {
		b.WriteString("| canonical job | step | before | after |\n|---|---|---|---|\n")
		for _, st := range d.Steps {
			fmt.Fprintf(&b, "| `%s` | %d | %s | %s |\n", st.Job, st.Step, st.Old, st.New)
		}
		b.WriteString("\n")
	}
	for _, f := range d.Files {
		fmt.Fprintf(&b, "- **%s** `%s`", f.Kind, f.Path)
		if len(f.Jobs) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(f.Jobs, ", "))
		}
		if f.Note != "" {
			fmt.Fprintf(&b, " — %s", f.Note)
		}
		b.WriteString("\n")
		if f.Diff != "" {
			fence := "```"
			for strings.Contains(f.Diff, fence) {
				fence += "`"
			}
			fmt.Fprintf(&b, "\n  <details><summary>diff</summary>\n\n%sdiff\n%s%s\n\n  </details>\n\n", fence, strings.TrimRight(f.Diff, "\n")+"\n", fence)
		}
	}
	return b.String()
}

// JSON is the diff for tools.
func (d *Diff) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(struct {
		Equal bool `json:"equal"`
		*Diff
	}{d.Equal(), d})
	return b.Bytes(), err
}

// JUnit is the diff as JUnit XML: one test case per canonical job, legacy
// job remapped and folder of files outside the jobs that changed; a change
// is a failure.
func (d *Diff) JUnit() ([]byte, error) {
	type failure struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		Failure   *failure `xml:"failure,omitempty"`
	}
	type suite struct {
		XMLName  xml.Name   `xml:"testsuite"`
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Cases    []testcase `xml:"testcase"`
	}
	s := suite{Name: "sparkport diff"}
	byJob := map[string][]*FileChange{}
	var loose []*FileChange
	for _, f := range d.Files {
		if f.Kind == Formatting {
			continue
		}
		if len(f.Jobs) == 0 {
			loose = append(loose, f)
		}
		for _, j := range f.Jobs {
			byJob[j] = append(byJob[j], f)
		}
	}
	add := func(class, name, msg, text string) {
		c := testcase{Name: name, Classname: class}
		if msg != "" {
			c.Failure = &failure{Message: msg, Text: text}
			s.Failures++
		}
		s.Cases = append(s.Cases, c)
	}
	kinds := map[string]string{}
	for _, n := range d.JobsChanged {
		kinds[n] = "changed"
	}
	for _, n := range d.JobsAdded {
		kinds[n] = "added"
	}
	for _, n := range d.JobsRemoved {
		kinds[n] = "removed"
	}
	for _, n := range par.SortedKeys(kinds) {
		var text strings.Builder
		for _, f := range byJob[n] {
			fmt.Fprintf(&text, "%s %s\n%s", f.Kind, f.Path, f.Diff)
		}
		add("canonical job", n, "canonical job "+kinds[n], text.String())
	}
	for _, m := range d.Mapping {
		add("legacy job", m.Job, fmt.Sprintf("%s → %s", m.Old, m.New), "")
	}
	// Files of no job (ddl/, validate/, report/, the manifest) are one
	// case per folder: a change of one job touches every report.
	byFolder := map[string][]*FileChange{}
	for _, f := range loose {
		folder, _, ok := strings.Cut(f.Path, "/")
		if !ok {
			folder = f.Path
		}
		byFolder[folder] = append(byFolder[folder], f)
	}
	for _, folder := range par.SortedKeys(byFolder) {
		var text strings.Builder
		for _, f := range byFolder[folder] {
			fmt.Fprintf(&text, "%s %s\n%s", f.Kind, f.Path, f.Diff)
		}
		add("output", folder, fmt.Sprintf("%d files differ", len(byFolder[folder])), text.String())
	}
	if len(s.Cases) == 0 {
		add("output", "no semantic change", "", "")
	}
	s.Tests = len(s.Cases)
	out, err := xml.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
