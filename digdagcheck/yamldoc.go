package digdagcheck

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// doc is what sparkport reads of an emitted workflow itself: the lines of
// its tasks (to place Digdag's findings), its time zone and schedule.
type doc struct {
	root         *yaml.Node
	timezone     string
	schedule     string
	scheduled    bool
	scheduleLine int
}

func parseDoc(src []byte) *doc {
	d := &doc{scheduleLine: 1}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil || n.Kind != yaml.DocumentNode || len(n.Content) == 0 || n.Content[0].Kind != yaml.MappingNode {
		return d
	}
	d.root = n.Content[0]
	for i := 0; i+1 < len(d.root.Content); i += 2 {
		k, v := d.root.Content[i], d.root.Content[i+1]
		switch k.Value {
		case "timezone":
			d.timezone = v.Value
		case "schedule":
			d.scheduled = true
			d.scheduleLine = k.Line
			if v.Kind == yaml.MappingNode {
				var parts []string
				for j := 0; j+1 < len(v.Content); j += 2 {
					parts = append(parts, v.Content[j].Value+" "+v.Content[j+1].Value)
				}
				d.schedule = strings.Join(parts, ", ")
			}
		}
	}
	return d
}

func (d *doc) timezoneOr(def string) string {
	if d.timezone == "" {
		return def
	}
	return d.timezone
}

// taskLine is the line of the task Digdag names full (+wf+a+b, with ^error
// for _error tasks and ^sub for generated ones), or 1.
func (d *doc) taskLine(wf, full string) int {
	if d.root == nil {
		return 1
	}
	rest := strings.TrimPrefix(full, "+"+wf)
	node, line := d.root, 1
	for rest != "" {
		var seg string
		switch rest[0] {
		case '+':
			end := strings.IndexAny(rest[1:], "+^")
			if end < 0 {
				seg, rest = rest, ""
			} else {
				seg, rest = rest[:end+1], rest[end+1:]
			}
		case '^':
			end := strings.IndexAny(rest[1:], "+^")
			word := rest
			if end >= 0 {
				word, rest = rest[:end+1], rest[end+1:]
			} else {
				rest = ""
			}
			if word != "^error" {
				return line
			}
			seg = "_error"
		default:
			return line
		}
		next := lookup(node, seg)
		if next == nil {
			return line
		}
		line, node = next.key.Line, next.val
	}
	return line
}

type pair struct{ key, val *yaml.Node }

func lookup(m *yaml.Node, key string) *pair {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return &pair{m.Content[i], m.Content[i+1]}
		}
	}
	return nil
}

// callRef is a call> task: its full name as Digdag names it, and the
// workflow file it calls (relative to the caller's folder, .dig added).
type callRef struct{ task, target string }

// calls lists the call> tasks of the workflow named wf.
func (d *doc) calls(wf string) []callRef {
	var out []callRef
	var walk func(m *yaml.Node, name string)
	walk = func(m *yaml.Node, name string) {
		if m == nil || m.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			switch {
			case k.Value == "call>" && v.Kind == yaml.ScalarNode:
				t := v.Value
				if !strings.HasSuffix(t, ".dig") {
					t += ".dig"
				}
				out = append(out, callRef{name, t})
			case strings.HasPrefix(k.Value, "+"):
				walk(v, name+k.Value)
			}
		}
	}
	walk(d.root, "+"+wf)
	return out
}
