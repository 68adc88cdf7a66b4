package draw

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Node is a box of a graph.
type Node struct {
	ID    string
	Label string
	Title string // tooltip; the label when empty
	Href  string // in-page link, or ""
	Class string // "", "ext" or "dead"
	// Layer is the least layer the node stands in (0 is the first), for
	// graphs whose layers mean something of their own (waves).
	Layer int
}

// Edge is a weighted link between two nodes (by ID).
type Edge struct {
	From, To string
	Weight   int
	Title    string // tooltip; "from → to: weight" when empty
}

// Graph is what Layered draws.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// Layered draws g left to right in layers: a node stands one layer after
// the furthest of its predecessors (edges closing a cycle are drawn but do
// not count), nodes in a layer are ordered to shorten edges (barycentres,
// a few sweeps each way), and an edge's width grows with the log of its
// weight. Edges naming unknown nodes are ignored.
func Layered(title string, g Graph) string {
	const boxW, boxH, gapX, gapY = 230, 26, 90, 14
	idx := map[string]int{}
	for i, n := range g.Nodes {
		idx[n.ID] = i
	}
	n := len(g.Nodes)
	succ := make([][]int, n)
	var edges []Edge
	for _, e := range g.Edges {
		a, okA := idx[e.From]
		b, okB := idx[e.To]
		if !okA || !okB || a == b {
			continue
		}
		succ[a] = append(succ[a], b)
		edges = append(edges, e)
	}
	for i := range succ {
		sort.Ints(succ[i])
	}
	// Back edges: found by a depth-first search in node order.
	back := map[[2]int]bool{}
	state := make([]int, n) // 0 new, 1 on the stack, 2 done
	var visit func(int)
	visit = func(v int) {
		state[v] = 1
		for _, w := range succ[v] {
			switch state[w] {
			case 0:
				visit(w)
			case 1:
				back[[2]int{v, w}] = true
			}
		}
		state[v] = 2
	}
	for v := 0; v < n; v++ {
		if state[v] == 0 {
			visit(v)
		}
	}
	// Longest-path layers over the forward edges, in topological order.
	indeg := make([]int, n)
	for v := range succ {
		for _, w := range succ[v] {
			if !back[[2]int{v, w}] {
				indeg[w]++
			}
		}
	}
	layer := make([]int, n)
	for v, nd := range g.Nodes {
		layer[v] = max(nd.Layer, 0)
	}
	var queue []int
	for v := 0; v < n; v++ {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range succ[v] {
			if back[[2]int{v, w}] {
				continue
			}
			layer[w] = max(layer[w], layer[v]+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	layers := 0
	for _, l := range layer {
		layers = max(layers, l+1)
	}
	cols := make([][]int, layers)
	for v := 0; v < n; v++ {
		cols[layer[v]] = append(cols[layer[v]], v)
	}
	pos := make([]float64, n)
	setPos := func() {
		for _, c := range cols {
			for i, v := range c {
				pos[v] = float64(i)
			}
		}
	}
	setPos()
	pred := make([][]int, n)
	for v := range succ {
		for _, w := range succ[v] {
			pred[w] = append(pred[w], v)
		}
	}
	order := func(c []int, nbrs [][]int) {
		key := make(map[int]float64, len(c))
		for _, v := range c {
			if len(nbrs[v]) == 0 {
				key[v] = pos[v]
				continue
			}
			sum := 0.0
			for _, u := range nbrs[v] {
				sum += pos[u]
			}
			key[v] = sum / float64(len(nbrs[v]))
		}
		sort.SliceStable(c, func(i, j int) bool { return key[c[i]] < key[c[j]] })
	}
	for sweep := 0; sweep < 4; sweep++ {
		for l := 1; l < layers; l++ {
			order(cols[l], pred)
			setPos()
		}
		for l := layers - 2; l >= 0; l-- {
			order(cols[l], succ)
			setPos()
		}
	}
	// Coordinates: the first layer stacked from the top; each later node
	// as near the mean height of its predecessors as the nodes above it in
	// its layer allow, so that chains stay level.
	yPos := make([]float64, n)
	const step = boxH + gapY
	for l, c := range cols {
		next := 0.0
		for _, v := range c {
			want := next
			if l > 0 {
				sum, k := 0.0, 0
				for _, u := range pred[v] {
					if layer[u] < l {
						sum += yPos[u]
						k++
					}
				}
				if k > 0 {
					want = math.Max(next, sum/float64(k))
				}
			}
			yPos[v] = want
			next = want + step
		}
	}
	bottom := 0.0
	for v := range yPos {
		bottom = math.Max(bottom, yPos[v]+boxH)
	}
	x := func(v int) float64 { return float64(10 + layer[v]*(boxW+gapX)) }
	y := func(v int) float64 { return 10 + yPos[v] }
	width := 20 + layers*(boxW+gapX) - gapX
	height := 20 + int(math.Ceil(bottom))
	if n == 0 {
		width, height = 200, 30
	}
	// Edges looping under the boxes need room below the lowest.
	for _, e := range edges {
		if layer[idx[e.To]] <= layer[idx[e.From]] {
			height += 34
			break
		}
	}
	var s strings.Builder
	open(&s, title, width, height)
	sort.SliceStable(edges, func(i, j int) bool { return edges[i].Weight < edges[j].Weight })
	for _, e := range edges {
		a, b := idx[e.From], idx[e.To]
		x1, y1 := x(a)+boxW, y(a)+boxH/2
		x2, y2 := x(b), y(b)+boxH/2
		if layer[b] <= layer[a] { // a back edge or one within a layer: loop under the boxes
			x1, x2 = x(a)+boxW/2, x(b)+boxW/2
			y1, y2 = y(a)+boxH, y(b)+boxH
		}
		mid := (x1 + x2) / 2
		c1, c2 := mid, mid
		if layer[b] <= layer[a] {
			c1, c2 = x1, x2
			low := math.Max(y1, y2) + 30
			y1c, y2c := low, low
			tip := edgeTitle(e)
			fmt.Fprintf(&s, `<path class="edge" stroke-width="%s" d="M%s,%s C%s,%s %s,%s %s,%s"><title>%s</title></path>`+"\n",
				num(width1(e.Weight)), num(x1), num(y1), num(c1), num(y1c), num(c2), num(y2c), num(x2), num(y2), esc(tip))
			continue
		}
		fmt.Fprintf(&s, `<path class="edge" stroke-width="%s" d="M%s,%s C%s,%s %s,%s %s,%s"><title>%s</title></path>`+"\n",
			num(width1(e.Weight)), num(x1), num(y1), num(c1), num(y1), num(c2), num(y2), num(x2), num(y2), esc(edgeTitle(e)))
	}
	for v, nd := range g.Nodes {
		tip := nd.Title
		if tip == "" {
			tip = nd.Label
		}
		class := "node"
		if nd.Class != "" {
			class += " " + nd.Class
		}
		link(&s, nd.Href, func() {
			fmt.Fprintf(&s, `<g><title>%s</title><rect class="%s" x="%s" y="%s" width="%d" height="%d" rx="4"/><text x="%s" y="%s">%s</text></g>`,
				esc(tip), class, num(x(v)), num(y(v)), boxW, boxH, num(x(v)+6), num(y(v)+17), esc(clip(nd.Label, 32)))
		})
		s.WriteByte('\n')
	}
	s.WriteString("</svg>\n")
	return s.String()
}

func width1(w int) float64 { return 1 + 1.5*math.Log2(float64(max(w, 1))) }

func edgeTitle(e Edge) string {
	if e.Title != "" {
		return e.Title
	}
	return fmt.Sprintf("%s → %s: %d", e.From, e.To, e.Weight)
}
