// Package draw writes the small charts and graphs of sparkport's HTML
// reports as inline SVG: stacked bars, a funnel, a strip of columns and a
// layered graph. The SVG is self-contained (no script, no font or style
// from the network) and deterministic: the same input gives the same
// bytes. Colours come from CSS classes the page defines (Style), so the
// drawings follow the page.
//
// Hand-written rather than Graphviz: the graphs drawn here are small by
// construction (the reports aggregate before drawing: databases, waves, the
// tables of one database), and a layered layout of a few dozen nodes is a
// page of code; Graphviz compiled to WebAssembly (goccy/go-graphviz
// v0.2.10, measured) adds about 9 MB to a binary and 12 ms per 60-node
// graph, for layouts lineage.dot already offers.
package draw

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Style is the CSS the drawings use; a page includes it once.
const Style = `svg.draw{display:block;margin:.5em 0 1em;max-width:100%;height:auto}
svg.draw text{font:12px system-ui,sans-serif;fill:#222}
svg.draw .muted{fill:#666}
svg.draw .s0{fill:#4a78c2}svg.draw .s1{fill:#8fb3e8}svg.draw .s2{fill:#e0a030}svg.draw .s3{fill:#c8553d}svg.draw .s4{fill:#b0b0b0}svg.draw .s5{fill:#6aa84f}svg.draw .s6{fill:#9aa5b5}
svg.draw .node{fill:#eef3fb;stroke:#4a78c2}svg.draw .node.ext{fill:#f4f4f4;stroke:#999}svg.draw .node.dead{fill:#f6d5d5;stroke:#b44}
svg.draw .edge{fill:none;stroke:#7d8fa8;stroke-opacity:.6}
svg.draw a:hover .node{stroke-width:2}
.legend span{display:inline-block;margin-right:1em}.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
.legend .s0{background:#4a78c2}.legend .s1{background:#8fb3e8}.legend .s2{background:#e0a030}.legend .s3{background:#c8553d}.legend .s4{background:#b0b0b0}.legend .s5{background:#6aa84f}.legend .s6{background:#9aa5b5}
`

// Part is one segment of a bar: a value and its series (0–6, a colour of
// Style; 6 is a neutral grey for totals).
type Part struct {
	Value  int
	Series int
}

// Bar is one labelled bar of stacked parts.
type Bar struct {
	Label string
	Parts []Part
	Title string // the tooltip; Label and the total when empty
	Href  string // an in-page link, or ""
}

func (b Bar) total() int {
	n := 0
	for _, p := range b.Parts {
		n += p.Value
	}
	return n
}

// Legend is the HTML legend of series names (index = series).
func Legend(names ...string) string {
	var s strings.Builder
	s.WriteString(`<p class="legend">`)
	for i, n := range names {
		if n != "" {
			fmt.Fprintf(&s, `<span><i class="s%d"></i>%s</span>`, i%7, esc(n))
		}
	}
	s.WriteString("</p>\n")
	return s.String()
}

// HBars draws one horizontal bar per row, label on the left and total on
// the right, every bar on one scale.
func HBars(title string, bars []Bar) string {
	const labelW, barW, rowH, valueW = 260, 560, 22, 70
	most := 1
	for _, b := range bars {
		most = max(most, b.total())
	}
	var s strings.Builder
	h := len(bars)*rowH + 8
	open(&s, title, labelW+barW+valueW, h)
	for i, b := range bars {
		y := 4 + i*rowH
		tip := b.Title
		if tip == "" {
			tip = fmt.Sprintf("%s: %d", b.Label, b.total())
		}
		link(&s, b.Href, func() {
			fmt.Fprintf(&s, `<g><title>%s</title><text x="%d" y="%d" text-anchor="end">%s</text>`, esc(tip), labelW-8, y+15, esc(clip(b.Label, 40)))
			x := stack(&s, b.Parts, float64(labelW), float64(barW)/float64(most), y+2, rowH-6)
			fmt.Fprintf(&s, `<text x="%s" y="%d" class="muted">%d</text></g>`, num(x+6), y+15, b.total())
		})
		s.WriteByte('\n')
	}
	s.WriteString("</svg>\n")
	return s.String()
}

// Funnel draws stages as centred bars narrowing with their totals, each
// stage's parts side by side.
func Funnel(title string, stages []Bar) string {
	const labelW, barW, rowH = 300, 600, 34
	most := 1
	for _, b := range stages {
		most = max(most, b.total())
	}
	var s strings.Builder
	open(&s, title, labelW+barW+20, len(stages)*rowH+8)
	for i, b := range stages {
		y := 4 + i*rowH
		tip := b.Title
		if tip == "" {
			tip = fmt.Sprintf("%s: %d", b.Label, b.total())
		}
		w := float64(barW) * float64(b.total()) / float64(most)
		x := float64(labelW) + (float64(barW)-math.Max(w, 2))/2
		fmt.Fprintf(&s, `<g><title>%s</title><text x="%d" y="%d" text-anchor="end">%s — %d</text>`, esc(tip), labelW-8, y+20, esc(clip(b.Label, 34)), b.total())
		stack(&s, b.Parts, x, float64(barW)/float64(most), y+4, rowH-8)
		s.WriteString("</g>\n")
	}
	s.WriteString("</svg>\n")
	return s.String()
}

// Columns draws one thin vertical bar per item, in the order given: a
// strip that shows the shape of many items (hosts) at a glance.
func Columns(title string, bars []Bar, height int) string {
	colW := 6.0
	if len(bars) > 0 {
		colW = math.Max(2, math.Min(24, 1100/float64(len(bars))))
	}
	most := 1
	for _, b := range bars {
		most = max(most, b.total())
	}
	width := int(math.Ceil(colW*float64(len(bars)))) + 50
	var s strings.Builder
	open(&s, title, width, height+24)
	fmt.Fprintf(&s, `<text x="0" y="12" class="muted">%d</text><text x="0" y="%d" class="muted">0</text>`+"\n", most, height+4)
	for i, b := range bars {
		x := 40 + float64(i)*colW
		y := float64(height + 4)
		tip := b.Title
		if tip == "" {
			tip = fmt.Sprintf("%s: %d", b.Label, b.total())
		}
		link(&s, b.Href, func() {
			fmt.Fprintf(&s, `<g><title>%s</title>`, esc(tip))
			for _, p := range b.Parts {
				if p.Value == 0 {
					continue
				}
				h := float64(height) * float64(p.Value) / float64(most)
				y -= h
				fmt.Fprintf(&s, `<rect class="s%d" x="%s" y="%s" width="%s" height="%s"/>`, p.Series%7, num(x), num(y), num(math.Max(colW-1, 1)), num(h))
			}
			s.WriteString("</g>")
		})
		s.WriteByte('\n')
	}
	fmt.Fprintf(&s, `<text x="40" y="%d" class="muted">%s</text>`, height+20, esc(fmt.Sprintf("%d items, most to least", len(bars))))
	s.WriteString("</svg>\n")
	return s.String()
}

// stack draws parts side by side from x, scale pixels per unit, and
// returns where the last one ends.
func stack(s *strings.Builder, parts []Part, x, scale float64, y, h int) float64 {
	for _, p := range parts {
		if p.Value == 0 {
			continue
		}
		w := scale * float64(p.Value)
		fmt.Fprintf(s, `<rect class="s%d" x="%s" y="%d" width="%s" height="%d"/>`, p.Series%7, num(x), y, num(math.Max(w, 1)), h)
		x += w
	}
	return x
}

func open(s *strings.Builder, title string, w, h int) {
	fmt.Fprintf(s, `<svg class="draw" xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d" viewBox="0 0 %d %d"><title>%s</title>`+"\n", w, h, w, h, esc(title))
}

func link(s *strings.Builder, href string, body func()) {
	if href == "" {
		body()
		return
	}
	fmt.Fprintf(s, `<a href="%s">`, esc(href))
	body()
	s.WriteString("</a>")
}

func esc(s string) string { return html.EscapeString(s) }

// clip shortens a label to n characters, keeping its end (the table name
// of db.table, the file of a path).
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

// num writes a coordinate with at most one decimal, the same on every
// platform.
func num(f float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0")
}
