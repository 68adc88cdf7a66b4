package emit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sparkport/sparkport/internal/draw"
	"github.com/sparkport/sparkport/plan"
)

// The drawings of report/diff.html: the summary's figures at the top, and
// per canonical job its legacy copies merging into it.

// maxMembersDrawn bounds the boxes of one job's merge diagram; the other
// copies are counted in one box.
const maxMembersDrawn = 16

// summaryDrawing draws the manifest summary: the legacy jobs narrowing to
// the canonical jobs by verdict, and what became of every legacy job.
func summaryDrawing(s *ManifestSummary) string {
	var b strings.Builder
	b.WriteString(draw.Funnel("From legacy jobs to canonical jobs", []draw.Bar{
		{Label: "legacy jobs", Parts: []draw.Part{{Value: s.LegacyJobs, Series: 6}}},
		{Label: "canonical jobs", Parts: []draw.Part{{Value: s.Auto, Series: 5}, {Value: s.Warnings, Series: 2}, {Value: s.Manual, Series: 3}},
			Title: fmt.Sprintf("%d canonical jobs: %d automatic, %d with warnings, %d need a person", s.Canonical, s.Auto, s.Warnings, s.Manual)},
	}))
	b.WriteString(draw.HBars("Canonical jobs by verdict", []draw.Bar{
		{Label: "automatic", Parts: []draw.Part{{Value: s.Auto, Series: 5}}},
		{Label: "with warnings", Parts: []draw.Part{{Value: s.Warnings, Series: 2}}},
		{Label: "needs a person", Parts: []draw.Part{{Value: s.Manual, Series: 3}}},
	}))
	leaders := s.Canonical
	b.WriteString(draw.HBars("What became of the legacy jobs", []draw.Bar{
		{Label: "lead a canonical job", Parts: []draw.Part{{Value: leaders, Series: 0}}},
		{Label: "merged into another's", Parts: []draw.Part{{Value: s.Merged, Series: 1}}},
		{Label: "possibly dead (migrated)", Parts: []draw.Part{{Value: s.Possibly, Series: 2}}},
		{Label: "left out as dead", Parts: []draw.Part{{Value: s.Dead, Series: 4}}},
		{Label: "empty (a person decides)", Parts: []draw.Part{{Value: s.Empty, Series: 3}}},
	}))
	return b.String()
}

// mergeDrawing draws a canonical job's legacy copies, by host and run,
// merging into it; "" for a job of one copy.
func mergeDrawing(u *plan.Job) string {
	if len(u.Members) < 2 {
		return ""
	}
	var g draw.Graph
	job := "job:" + u.Name
	last := 1 // hosts, then the job; hosts, runs, then the job for clones
	if len(u.Runs) > 1 {
		last = 2
	}
	g.Nodes = append(g.Nodes, draw.Node{ID: job, Label: u.Name, Title: fmt.Sprintf("%s: %d legacy jobs", u.Name, len(u.Members)), Layer: last})
	budget := maxMembersDrawn
	hidden, hiddenHosts := 0, map[string]bool{}
	for i, r := range u.Runs {
		target := job
		if len(u.Runs) > 1 {
			target = fmt.Sprintf("run:%d", i)
			g.Nodes = append(g.Nodes, draw.Node{ID: target, Label: "run " + r.Name, Layer: 1,
				Title: fmt.Sprintf("run %s (%s): %d legacy jobs", r.Name, triggerText(r.Timing.Trigger), len(r.Members))})
			g.Edges = append(g.Edges, draw.Edge{From: target, To: job, Weight: len(r.Members)})
		}
		// Copies on one host are one box.
		byHost := map[string][]string{}
		for _, m := range r.Members {
			byHost[m.Host] = append(byHost[m.Host], triggerText(m.Trigger))
		}
		hosts := make([]string, 0, len(byHost))
		for h := range byHost {
			hosts = append(hosts, h)
		}
		sort.Strings(hosts)
		for _, h := range hosts {
			triggers := byHost[h]
			if budget == 0 {
				hidden += len(triggers)
				hiddenHosts[h] = true
				continue
			}
			budget--
			id := fmt.Sprintf("host:%d:%s", i, h)
			label := fmt.Sprintf("%s: %s", h, triggers[0])
			if len(triggers) > 1 {
				label = fmt.Sprintf("%s: %d jobs", h, len(triggers))
			}
			g.Nodes = append(g.Nodes, draw.Node{ID: id, Label: label, Class: "ext", Title: fmt.Sprintf("%s: %s", h, strings.Join(triggers, "; "))})
			g.Edges = append(g.Edges, draw.Edge{From: id, To: target, Weight: len(triggers)})
		}
	}
	if hidden > 0 {
		g.Nodes = append(g.Nodes, draw.Node{ID: "more", Label: fmt.Sprintf("%d more on %d hosts", hidden, len(hiddenHosts)), Class: "ext"})
		g.Edges = append(g.Edges, draw.Edge{From: "more", To: job, Weight: hidden})
	}
	return draw.Layered(fmt.Sprintf("Legacy jobs merged into %s", u.Name), g)
}
