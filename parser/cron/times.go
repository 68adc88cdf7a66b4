package cron

import (
	"sort"
	"time"
)

// Times returns the instants in [from, until) at which cron starts a job on
// schedule s, with the host's clock in loc. It models cronie and Debian's
// Vixie cron, the crons of the legacy VMs:
//
//   - A time matches when minute, hour and month match and, for the days,
//     both day fields match when either is starred ('*', '*/2'), or either
//     matches when neither is.
//   - Daylight saving time, as cron(8) describes it: a job at a fixed time
//     (neither minute nor hour starred) whose time is skipped when the
//     clock jumps forward runs right after the jump; one whose time comes
//     twice when the clock goes back runs once, the first time. A job with
//     a starred minute or hour follows the new clock: its skipped times do
//     not run, its repeated times run twice.
//
// @reboot has no times.
func (s Schedule) Times(from, until time.Time, loc *time.Location) []time.Time {
	if s.Reboot || !until.After(from) {
		return nil
	}
	wildcard := s.Minute.Star || s.Hour.Star
	var out []time.Time
	seen := map[int64]bool{}
	addAt := func(t time.Time) {
		if !t.Before(from) && t.Before(until) && !seen[t.Unix()] {
			seen[t.Unix()] = true
			out = append(out, t)
		}
	}
	// Walk local calendar days from the day before from (a time zone's
	// day can start before from's instant) to the day after until.
	start := from.In(loc)
	day := time.Date(start.Year(), start.Month(), start.Day()-1, 12, 0, 0, 0, loc)
	end := until.In(loc).AddDate(0, 0, 1)
	for ; day.Before(end); day = day.AddDate(0, 0, 1) {
		y, mo, d := day.Date()
		if !s.Month.Has(int(mo)) || !s.dayMatches(d, int(day.Weekday())) {
			continue
		}
		for h := 0; h < 24; h++ {
			if !s.Hour.Has(h) {
				continue
			}
			for m := 0; m < 60; m++ {
				if !s.Minute.Has(m) {
					continue
				}
				ts := wallTimes(y, mo, d, h, m, loc)
				for _, t := range ts {
					addAt(t)
				}
				if len(ts) == 0 && !wildcard {
					// Skipped by a jump forward: run right after it.
					addAt(afterGap(y, mo, d, h, m, loc))
				}
			}
		}
	}
	if !wildcard {
		out = firstOfRepeats(out, loc)
	}
	sortTimes(out)
	return out
}

// dayMatches applies cron's rule for the two day fields.
func (s Schedule) dayMatches(dom, dow int) bool {
	if s.Dom.Star || s.Dow.Star {
		return s.Dom.Has(dom) && s.Dow.Has(dow)
	}
	return s.Dom.Has(dom) || s.Dow.Has(dow)
}

// wallTimes are the instants at which loc's clock reads y-mo-d h:m: none in
// a gap, two in a repeated hour, else one.
func wallTimes(y int, mo time.Month, d, h, m int, loc *time.Location) []time.Time {
	var out []time.Time
	// time.Date picks one instant for a wall time; the other candidates
	// lie an offset change away. Try both sides of a day.
	base := time.Date(y, mo, d, h, m, 0, 0, loc)
	for _, shift := range []time.Duration{-3 * time.Hour, -2 * time.Hour, -time.Hour, -30 * time.Minute, 0, 30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour} {
		t := base.Add(shift)
		ty, tmo, td := t.Date()
		if ty == y && tmo == mo && td == d && t.Hour() == h && t.Minute() == m {
			dup := false
			for _, x := range out {
				dup = dup || x.Equal(t)
			}
			if !dup {
				out = append(out, t)
			}
		}
	}
	sortTimes(out)
	return out
}

// afterGap is the instant a clock jump forward lands on, for a wall time it
// skipped: the first instant whose wall clock reads later that day.
func afterGap(y int, mo time.Month, d, h, m int, loc *time.Location) time.Time {
	want := h*60 + m
	t := time.Date(y, mo, d, h, m, 0, 0, loc).Add(-3 * time.Hour).Truncate(time.Minute)
	for i := 0; i < 6*60; i++ {
		l := t.In(loc)
		if ly, lmo, ld := l.Date(); ly == y && lmo == mo && ld == d && l.Hour()*60+l.Minute() >= want {
			return t
		}
		t = t.Add(time.Minute)
	}
	return time.Date(y, mo, d, h, m, 0, 0, loc)
}

// firstOfRepeats keeps, of two instants with the same wall time (the hour a
// clock repeats), the first.
func firstOfRepeats(ts []time.Time, loc *time.Location) []time.Time {
	sortTimes(ts)
	seen := map[string]bool{}
	out := ts[:0]
	for _, t := range ts {
		k := t.In(loc).Format("2006-01-02 15:04")
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

func sortTimes(ts []time.Time) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
}
