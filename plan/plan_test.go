package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/parser/hiveql"
)

// tokenTexts is s as Hive reads it, token by token: the case of keywords
// and names and the backquotes of a name are cosmetic (a template keeps
// the first clone's), literals and ${…} variables are not.
func tokenTexts(s string) string {
	toks, _, _ := hiveql.Lex([]byte(s), hiveql.Hive)
	var b strings.Builder
	for _, t := range toks {
		text := s[t.Pos:t.End]
		switch {
		case t.Kind == hiveql.QuotedIdent && len(text) >= 2:
			text = strings.ToLower(text[1 : len(text)-1])
		case t.Kind == hiveql.Word && !strings.Contains(text, "${"):
			text = strings.ToLower(text)
		}
		b.WriteString(text)
		b.WriteByte(0)
	}
	return b.String()
}

// FuzzAlign lines up two SQL texts as parametric clones: it must never
// panic, and when it succeeds, filling the template with each text's
// values must give that text's tokens back (layout, comments and the case
// of keywords and names are the first text's: they may differ between
// clones).
//
//	go test ./plan -run XXX -fuzz FuzzAlign
func FuzzAlign(f *testing.F) {
	f.Add("INSERT OVERWRITE TABLE mart.sales_umeda SELECT * FROM t WHERE store = 'umeda';",
		"INSERT OVERWRITE TABLE mart.sales_namba SELECT * FROM t WHERE store = 'namba';")
	f.Add("SELECT 1 FROM a WHERE n > 100", "SELECT 1 FROM a WHERE n > 50")
	f.Add("SET password='x'; SELECT 1", "SET password='y'; SELECT 1")
	f.Add("SELECT `a_b` FROM x", "SELECT `a_c` FROM x")
	f.Fuzz(func(t *testing.T, a, b string) {
		vars := &varTable{index: map[string]int{}}
		tmpl, ok := alignSQL([]string{a, b}, vars)
		if !ok {
			return
		}
		vars.finish()
		for i, want := range []string{a, b} {
			got := Fill(tmpl, len(vars.cols), func(k int) string { return vars.cols[k][i] })
			if g, w := tokenTexts(got), tokenTexts(want); g != w {
				t.Fatalf("template %q with values of text %d gives\n%q\nwant the tokens of\n%q", tmpl, i, got, want)
			}
		}
		if strings.Contains(tmpl, "password='") && vars.cols != nil {
			for _, col := range vars.cols {
				if col[0] == "x" && col[1] == "y" {
					t.Fatalf("a credential became a variable: %q", tmpl)
				}
			}
		}
	})
}

// TestLastingCopy: among copies of a job, the scheduled one leads a bare
// script copy; among copies on one period, the last to fire keeps its
// schedule (its output is the one that lasted).
func TestLastingCopy(t *testing.T) {
	cron := func(id, spec string) *ir.Job {
		return &ir.Job{ID: id, Trigger: &ir.Trigger{Kind: ir.TriggerCron, Spec: spec}}
	}
	bare := &ir.Job{ID: "a:/x.hql", Trigger: &ir.Trigger{Kind: ir.TriggerUnscheduled}}
	for _, tc := range []struct {
		members     []*ir.Job
		text, timed string
	}{
		{[]*ir.Job{bare, cron("b:/etc/crontab:1", "10 1 * * *"), cron("c:/etc/crontab:1", "15 1 * * *")}, "b:/etc/crontab:1", "c:/etc/crontab:1"},
		{[]*ir.Job{cron("a:1", "5 * * * *"), cron("b:1", "15 * * * *")}, "a:1", "b:1"},
		{[]*ir.Job{cron("a:1", "30 3 * * *"), cron("b:1", "0 3 * * *")}, "a:1", "a:1"},
		{[]*ir.Job{cron("a:1", "0 3 * * *"), cron("b:1", "0 * * * *")}, "a:1", "a:1"}, // other periods: not compared
	} {
		if got := textCopy(tc.members).ID; got != tc.text {
			t.Errorf("textCopy = %s, want %s", got, tc.text)
		}
		if got := lastingCopy(tc.members).ID; got != tc.timed {
			t.Errorf("lastingCopy = %s, want %s", got, tc.timed)
		}
	}
}

// TestAlignCosmetic: copies that differ in keyword or identifier case or
// quoting align without variables there; a variable stands only for a
// literal or a name part; copies that differ in a keyword do not align;
// the template always parses.
func TestAlignCosmetic(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		ok   bool
		vars int
	}{
		{"INSERT OVERWRITE TABLE mart.sales_umeda SELECT * FROM lake.s WHERE s.c = 'umeda';", "insert overwrite table mart.sales_namba select * from LAKE.S where s.c = 'namba';", true, 1},
		{"SELECT `a` FROM t;", "select a from T;", true, 0},
		{"SELECT a FROM t JOIN u ON t.k = u.k;", "SELECT a FROM t LEFT JOIN u ON t.k = u.k;", false, 0},
		{"SELECT SUM(x) FROM t;", "SELECT MAX(x) FROM t;", true, 1},
	} {
		v := &varTable{index: map[string]int{}}
		tpl, ok := alignSQL([]string{tc.a, tc.b}, v)
		if ok != tc.ok || ok && len(v.cols) != tc.vars {
			t.Errorf("align(%q, %q) = %q, %v with %d variables; want %v with %d", tc.a, tc.b, tpl, ok, len(v.cols), tc.ok, tc.vars)
		}
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"mart.daily_sales": "mart.daily_sales",
		"日次.売上":            "日次.売上",
		"db a.b":           "db_a.b-",
		"db_a.b":           "db_a.b",
		"../x":             "_._x-",
		".hidden":          "_hidden-",
		"a/b":              "a_b-",
	} {
		got := FileName(in)
		if strings.HasSuffix(want, "-") {
			if !strings.HasPrefix(got, want) || len(got) != len(want)+6 {
				t.Errorf("fileName(%q) = %q, want %q and a hash", in, got, want)
			}
		} else if got != want {
			t.Errorf("fileName(%q) = %q, want %q", in, got, want)
		}
	}
	if FileName("a b") == FileName("a_b") {
		t.Error(`"a b" and "a_b" share a file`)
	}
	long := FileName(strings.Repeat("長い", 100))
	if len(long) > maxName || !utf8.ValidString(long) {
		t.Errorf("long name: %d bytes, valid UTF-8 %v", len(long), utf8.ValidString(long))
	}
	if slug("") != "job" || slug("日次 売上!") != "日次_売上" {
		t.Errorf(`slug("") = %q, slug("日次 売上!") = %q`, slug(""), slug("日次 売上!"))
	}
}

// TestRunName: a run is named by its values; one computed at run time is
// named by its words, so that no name holds a ${…} to fill.
func TestRunName(t *testing.T) {
	for _, c := range []struct {
		values []string
		want   string
	}{
		{[]string{"gifu_ec", "100"}, "gifu_ec-100"},
		{[]string{"kyoto", "${session_date}", "${moment(session_time).add(-7, 'days').format('YYYY-MM-DD')}"}, "kyoto-session_date-moment_session_time_add_7_days_format_yyyy_mm_dd"},
		{[]string{"a", "${DT}", "${…}"}, "a-dt-value"},
	} {
		if got := runName(c.values); got != c.want {
			t.Errorf("runName(%q) = %q, want %q", c.values, got, c.want)
		}
	}
}

// TestMixedWrappers: copies of one job run by Digdag (dt=${session_date})
// and by cron through a script (dt=$(date -d '1 day ago')) stay one
// canonical job, led by a cron copy so that the cron runs keep their own
// date (the workflow's leader gave them the session date), and no run
// name holds a ${…}.
func TestMixedWrappers(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"h1/opt/digdag/p/top.dig": "timezone: Asia/Tokyo\nschedule:\n  daily>: 04:55:00\n+run:\n  sh>: hive --hivevar dt=${session_date} -f /home/b/top.hql\n",
		"h1/home/b/top.hql":       "INSERT OVERWRITE TABLE mart.top_a PARTITION (dt='${hivevar:dt}') SELECT * FROM dwh.o WHERE dt = '${hivevar:dt}' LIMIT 50;\n",
		"h2/etc/crontab":          "10 3 * * * batch /home/b/top.sh\n",
		"h2/home/b/top.sh":        "#!/bin/bash\nDT=$(date -d '1 day ago' +%Y-%m-%d)\nhive --hivevar dt=${DT} -f /home/b/top.hql\n",
		"h2/home/b/top.hql":       "INSERT OVERWRITE TABLE mart.top_b PARTITION (dt='${hivevar:dt}') SELECT * FROM dwh.o WHERE dt = '${hivevar:dt}' LIMIT 100;\n",
	}
	for p, c := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inv, err := inventory.Build(root, inventory.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mixed *Job
	for _, u := range Jobs(inv, false) {
		if len(u.Runs) == 2 {
			mixed = u
		}
	}
	if mixed == nil {
		t.Fatal("the Digdag and cron copies are not one canonical job")
	}
	if IsWorkflow(mixed.Leader) {
		t.Errorf("led by the workflow %s", mixed.Leader.ID)
	}
	for _, r := range mixed.Runs {
		if strings.Contains(r.Name, "${") {
			t.Errorf("run name %q holds ${", r.Name)
		}
	}
}
