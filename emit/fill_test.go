package emit

import (
	"strings"
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

// TestFillDigdagExpressions: a template rewritten from a legacy workflow
// passes the workflow's ${session_date} and date expressions on, and
// emr-fill computes them for the run as Digdag would; --set wins, and an
// expression it cannot compute is asked for.
func TestFillDigdagExpressions(t *testing.T) {
	tmpl := []byte(`{"Steps": [{"Name": "top 01 spark-sql 01.sql", "ActionOnFailure": "CONTINUE", "HadoopJarStep": {"Jar": "command-runner.jar", "Args": [
		"spark-sql", "--hivevar", "dt=${session_date}",
		"--hivevar", "from_dt=${moment(session_time).add(-7, 'days').format('YYYY-MM-DD')}",
		"--hivevar", "m=${moment(session_time).format('YYYYMM')}"]}}]}`)
	m := &Manifest{Timezone: "Asia/Tokyo"}
	at := time.Date(2024, 3, 1, 20, 0, 0, 0, time.UTC) // 2024-03-02 05:00 in Tokyo
	filled, missing, err := FillTemplate(tmpl, m, at, map[string]string{"moment(session_time).format('YYYYMM')": "199901"})
	if err != nil || len(missing) > 0 {
		t.Fatalf("err %v, missing %v", err, missing)
	}
	for _, want := range []string{`"dt=2024-03-02"`, `"from_dt=2024-02-24"`, `"m=199901"`} {
		if !strings.Contains(string(filled), want) {
			t.Errorf("filled lacks %s:\n%s", want, filled)
		}
	}
	_, missing, _ = FillTemplate([]byte(strings.Replace(string(tmpl), "format('YYYYMM')", "format('Qo')", 1)), m, at, nil)
	if len(missing) != 1 || missing[0] != "moment(session_time).format('Qo')" {
		t.Errorf("missing = %q", missing)
	}
}
