package draw

import (
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// wellFormed parses an SVG as XML and returns the attributes of its
// elements by name, failing the test on malformed output.
func wellFormed(t *testing.T, svg string) map[string][]map[string]string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	out := map[string][]map[string]string{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			attrs := map[string]string{}
			for _, a := range se.Attr {
				attrs[a.Name.Local] = a.Value
			}
			out[se.Name.Local] = append(out[se.Name.Local], attrs)
		}
	}
	return out
}

// inside checks that every rect lies in the SVG's viewBox.
func inside(t *testing.T, els map[string][]map[string]string) {
	t.Helper()
	vb := strings.Fields(els["svg"][0]["viewBox"])
	w, _ := strconv.ParseFloat(vb[2], 64)
	h, _ := strconv.ParseFloat(vb[3], 64)
	for _, r := range els["rect"] {
		x, _ := strconv.ParseFloat(r["x"], 64)
		y, _ := strconv.ParseFloat(r["y"], 64)
		rw, _ := strconv.ParseFloat(r["width"], 64)
		rh, _ := strconv.ParseFloat(r["height"], 64)
		if x < 0 || y < 0 || x+rw > w+0.5 || y+rh > h+0.5 || rw <= 0 || rh <= 0 {
			t.Errorf("rect %v outside the %gx%g view box or empty", r, w, h)
		}
	}
}

const hostile = `<script>alert("x")</script> & 'q' ]]> 東京`

func TestChartsAreWellFormed(t *testing.T) {
	bars := []Bar{
		{Label: hostile, Parts: []Part{{Value: 3, Series: 0}, {Value: 0, Series: 1}, {Value: 2, Series: 9}}, Href: "#a\"b"},
		{Label: "zero", Parts: nil},
		{Label: strings.Repeat("long-", 30), Parts: []Part{{Value: 100, Series: 2}}, Title: hostile},
	}
	for name, svg := range map[string]string{
		"hbars":   HBars(hostile, bars),
		"funnel":  Funnel(hostile, bars),
		"columns": Columns(hostile, bars, 100),
		"empty":   HBars("none", nil),
		"legend":  "<p>" + Legend(hostile, "", "b") + "</p>",
	} {
		t.Run(name, func(t *testing.T) {
			if strings.Contains(svg, "<script>") {
				t.Fatalf("label not escaped:\n%s", svg)
			}
			els := wellFormed(t, svg)
			if name != "legend" {
				inside(t, els)
			}
		})
	}
	if a, b := HBars("x", bars), HBars("x", bars); a != b {
		t.Error("the same bars drew differently")
	}
}

var nodeBox = regexp.MustCompile(`<rect class="node[^"]*" x="([0-9.]+)" y="([0-9.]+)"`)

// positions returns each node's box corner, in node order.
func positions(t *testing.T, svg string) [][2]float64 {
	t.Helper()
	var out [][2]float64
	for _, m := range nodeBox.FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		out = append(out, [2]float64{x, y})
	}
	return out
}

func TestLayered(t *testing.T) {
	chain := Graph{
		Nodes: []Node{{ID: "c", Label: "c"}, {ID: "a", Label: "a"}, {ID: "b", Label: "b", Href: "#b"}},
		Edges: []Edge{{From: "a", To: "b", Weight: 3}, {From: "b", To: "c", Weight: 1}, {From: "a", To: "nowhere"}, {From: "a", To: "a"}},
	}
	svg := Layered("chain", chain)
	inside(t, wellFormed(t, svg))
	p := positions(t, svg)
	if len(p) != 3 {
		t.Fatalf("%d nodes drawn, want 3", len(p))
	}
	// c after b after a, left to right.
	if !(p[1][0] < p[2][0] && p[2][0] < p[0][0]) {
		t.Errorf("layers not in edge order: a %v, b %v, c %v", p[1], p[2], p[0])
	}
	if got := strings.Count(svg, `<path class="edge"`); got != 2 {
		t.Errorf("%d edges drawn, want 2 (an unknown node and a self-loop are ignored)", got)
	}

	// A cycle is drawn, with one edge looping back, and no node lost.
	cycle := Graph{Nodes: []Node{{ID: "x", Label: "x"}, {ID: "y", Label: "y"}, {ID: "z", Label: "z"}},
		Edges: []Edge{{From: "x", To: "y"}, {From: "y", To: "z"}, {From: "z", To: "x"}}}
	svg = Layered("cycle", cycle)
	inside(t, wellFormed(t, svg))
	if got := strings.Count(svg, `<path class="edge"`); got != 3 || len(positions(t, svg)) != 3 {
		t.Errorf("cycle: %d edges and %d nodes drawn, want 3 and 3", got, len(positions(t, svg)))
	}

	// A node's own layer holds even without edges (waves).
	waves := Graph{Nodes: []Node{{ID: "1", Label: "wave 1"}, {ID: "5", Label: "wave 5", Layer: 4}}}
	p = positions(t, Layered("waves", waves))
	if len(p) != 2 || p[1][0] <= p[0][0] {
		t.Errorf("wave 5 not to the right of wave 1: %v", p)
	}

	// Chains stay level: a node sits beside its only predecessor.
	level := Graph{Nodes: []Node{{ID: "a1"}, {ID: "a2"}, {ID: "a3"}, {ID: "b3"}},
		Edges: []Edge{{From: "a3", To: "b3"}, {From: "a1", To: "a2"}}}
	p = positions(t, Layered("level", level))
	if p[3][1] != p[2][1] {
		t.Errorf("b3 at y=%g, its predecessor a3 at y=%g", p[3][1], p[2][1])
	}

	if Layered("empty", Graph{}) == "" {
		t.Error("an empty graph drew nothing at all")
	}
	inside(t, wellFormed(t, Layered("empty", Graph{})))
}
