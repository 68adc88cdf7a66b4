package emit

import (
	"testing"
	"time"
)

// TestMomentValue: the Digdag date expressions emr-fill computes, checked
// against what moment.js gives for them (month ends stop at the shorter
// month's last day), and the ones it refuses to guess.
func TestMomentValue(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	at := time.Date(2024, 3, 31, 4, 55, 0, 0, tokyo)
	for _, c := range []struct{ expr, want string }{
		{"moment(session_time).format('YYYY-MM-DD')", "2024-03-31"},
		{"moment(session_time).add(-7, 'days').format('YYYY-MM-DD')", "2024-03-24"},
		{"moment(session_time).add(-1, 'days').format('YYYYMMDD')", "20240330"},
		{"moment(session_time).subtract(1, 'months').format('YYYY-MM-DD')", "2024-02-29"},
		{"moment(session_time).add(-1, 'months').format('YYYYMM')", "202402"},
		{"moment(session_time).add(1, 'years').subtract(1,'month').format('YYYY/MM/DD')", "2025/02/28"},
		{"moment(session_time).add(-3, 'hours').format('YYYY-MM-DD HH:mm:ss')", "2024-03-31 01:55:00"},
		{"moment(session_time).format('[day] DDDD, ddd MMM D')", "day 091, Sun Mar 31"},
		{" moment(session_date).add(2, 'weeks').format(\"YY-M-D H\")", "24-4-14 0"},
	} {
		if got, ok := momentValue(c.expr, at); !ok || got != c.want {
			t.Errorf("%s = %q, %v; want %q", c.expr, got, ok, c.want)
		}
	}
	for _, expr := range []string{
		"moment(session_time)",                            // a moment, not text
		"moment(session_time).format('Qo')",               // a token not known
		"moment(session_time).date(1).format('YYYY')",     // a method not known
		"moment(last_session_time).format('YYYY')",        // not the session
		"moment(session_time).add(n, 'days').format('D')", // not a number
		"session_date",
	} {
		if got, ok := momentValue(expr, at); ok {
			t.Errorf("%s = %q, want no value", expr, got)
		}
	}
}
