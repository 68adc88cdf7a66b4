package yamlpos

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestError(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
	}{
		{"timezone: UTC\n+a:\n  sh>: echo 1\n +b:\n  sh>: echo 2\n", 4},
		{"timezone: UTC\n+a:\n  sh>: echo 1\n\t+b:\n  sh>: echo 2\n", 4},
		{"_export:\n  - a: 1\n  b: 2\n+a:\n  sh>: x\n", 3},
		{"paths:\n  - from: /tmp\n    to: s3://a\n  - from: /x\n  to: s3://b\n", 5},
		{"a: b: c\n", 1},
	} {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(tc.src), &n)
		if err == nil {
			t.Errorf("%q parses", tc.src)
			continue
		}
		if line, msg := Error(err, []byte(tc.src)); line != tc.line {
			t.Errorf("%q: line %d (%s), want %d (yaml.v3 said %v)", tc.src, line, msg, tc.line, err)
		}
	}
	// Valid YAML has no fault line.
	for _, src := range []string{
		"a:\n  - x: 1\n    y: 2\n  - x: 3\nb: |\n  text\n   more\nc: 1\n",
		"+t:\n  _export:\n    k: v\n  sh>: echo\n",
		"- a\n- b\n",
	} {
		if line, why := FaultLine([]byte(src)); line != 0 {
			t.Errorf("valid %q: fault at %d (%s)", src, line, why)
		}
	}
}
