package digdagcheck

import (
	"fmt"
	"io"
	"strings"
)

// WriteProblems prints every problem as FILE:LINE: severity: message.
func (r *Report) WriteProblems(w io.Writer) {
	for _, wf := range r.Workflows {
		for _, p := range wf.Problems {
			also := ""
			if p.Also > 0 {
				also = fmt.Sprintf(" (and at %d other session times)", p.Also)
			}
			fmt.Fprintf(w, "%s:%d: %s: %s%s\n", p.File, p.Line, p.Severity, p.Message, also)
		}
	}
}

// WriteText prints the problems, the notes and the closing figures.
func (r *Report) WriteText(w io.Writer) {
	r.WriteProblems(w)
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	s := r.Summary
	zones := "their own zones"
	if len(r.Zones) > 0 {
		zones += " and " + strings.Join(r.Zones, ", ")
	}
	fmt.Fprintf(w, "digdag: %s; sessions evaluated per workflow and zone: %d\n", r.Digdag, s.Sessions)
	fmt.Fprintf(w, "schedules: %d compared with their legacy copies from %s to %s in %s, %d equal, %d differ only where a daylight saving clock changes (warnings); %d copies ran on another schedule than the one kept (merged-schedule in review.md)\n",
		s.SchedulesCompared, r.From.Format("2006-01-02"), r.Until.Format("2006-01-02"), zones, s.SchedulesEqual, s.SchedulesDST, s.MergedCopies)
	fmt.Fprintf(w, "values: %d compared with the legacy jobs' in %d workflows, %d equal\n", s.ValuesCompared, s.ValueWorkflows, s.ValuesEqual)
	fmt.Fprintf(w, "time: Digdag %.1fs, legacy dates %.1fs (%d runs of date)\n", r.Seconds["digdag"], r.Seconds["dates"], r.DateRuns)
	fmt.Fprintf(w, "%d workflows checked, %d failed\n", s.Workflows, s.Failed)
}
