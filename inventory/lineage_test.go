package inventory

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sparkport/sparkport/ir"
)

// TestLineageWavesDead builds a small estate whose data flow is known:
//
//	load (put into lake.ev's location) → agg (lake.ev → dwh.ev_daily) → rep (→ mart.rep)
//	old (dwh.ev_daily → tmp.old) → older (tmp.old → tmp.older)     nothing reads tmp.*
//	ping (dwh.a → dwh.b) and pong (dwh.b → dwh.a) feed each other
//	twin1, twin2: same schedule, same input, different outputs
func TestLineageWavesDead(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h/etc/crontab": strings.Join([]string{
			"0 1 * * * u /s/load.sh",
			"0 2 * * * u hive -f /q/agg.hql",
			"0 3 * * * u hive -f /q/rep.hql",
			"0 4 * * * u hive -f /q/old.hql",
			"0 5 * * * u hive -f /q/older.hql",
			"0 6 * * * u hive -f /q/ping.hql",
			"0 6 * * * u hive -f /q/pong.hql",
			"0 7 * * * u hive -f /q/twin1.hql",
			"0 7 * * * u hive -f /q/twin2.hql",
		}, "\n") + "\n",
		"h/s/load.sh":   "hadoop fs -put /in/ev.tsv /data/ev/dt=1/\n",
		"h/q/ddl.hql":   "CREATE EXTERNAL TABLE lake.ev (a INT) LOCATION 'hdfs://ns/data/ev';\n",
		"h/q/agg.hql":   "INSERT OVERWRITE TABLE dwh.ev_daily SELECT a, COUNT(*) FROM lake.ev GROUP BY a;\n",
		"h/q/rep.hql":   "INSERT OVERWRITE TABLE mart.rep SELECT * FROM dwh.ev_daily;\n",
		"h/q/old.hql":   "INSERT OVERWRITE TABLE tmp.old SELECT * FROM dwh.ev_daily;\n",
		"h/q/older.hql": "INSERT OVERWRITE TABLE tmp.older SELECT * FROM tmp.old;\n",
		"h/q/ping.hql":  "INSERT OVERWRITE TABLE dwh.b SELECT * FROM dwh.a;\n",
		"h/q/pong.hql":  "INSERT OVERWRITE TABLE dwh.a SELECT x FROM dwh.b;\n",
		"h/q/twin1.hql": "INSERT OVERWRITE TABLE dwh.t1 SELECT a FROM dwh.src;\n",
		"h/q/twin2.hql": "INSERT OVERWRITE TABLE dwh.t2 SELECT b, c FROM dwh.src;\n",
	})
	inv, err := Build(root, Options{Consumed: []string{"mart.*", "dwh.*"}})
	if err != nil {
		t.Fatal(err)
	}
	flows := strings.Join(Flows(inv.Lineage), "\n")
	for _, want := range []string{"file:///in/ev.tsv -> lake.ev", "lake.ev -> dwh.ev_daily", "dwh.ev_daily -> mart.rep", "tmp.old -> tmp.older"} {
		if !strings.Contains(flows, want) {
			t.Errorf("flow %q missing from\n%s", want, flows)
		}
	}
	job := func(line string) string { return "h:/etc/crontab:" + line }
	waveOf := map[string]int{}
	for _, w := range inv.Waves {
		for _, j := range w.Jobs {
			waveOf[j] = w.Wave
		}
	}
	if !(waveOf[job("1")] < waveOf[job("2")] && waveOf[job("2")] < waveOf[job("3")] && waveOf[job("4")] < waveOf[job("5")]) {
		t.Errorf("waves out of order: %v", waveOf)
	}
	if want := [][]string{{job("6"), job("7")}}; !reflect.DeepEqual(inv.Cycles, want) {
		t.Errorf("cycles = %v, want %v", inv.Cycles, want)
	}
	if waveOf[job("6")] != waveOf[job("7")] {
		t.Error("the jobs of a cycle are in different waves")
	}
	// older is dead (nothing reads tmp.older); old is dead because only
	// a dead job reads tmp.old.
	if want := []string{job("4"), job("5")}; !reflect.DeepEqual(inv.Dead, want) {
		t.Errorf("dead = %v, want %v", inv.Dead, want)
	}
	if len(inv.Consolidation) != 1 || !reflect.DeepEqual(inv.Consolidation[0].Jobs, []string{job("8"), job("9")}) {
		t.Errorf("consolidation = %+v", inv.Consolidation)
	}
}

// TestDigdagSecretOnce: a password in a workflow's _export is one finding.
func TestDigdagSecretOnce(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h/wf/a.dig": "_export:\n  db_password: hunter2-plain\n+t:\n  echo>: hi\n",
	})
	inv, err := Build(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Secrets) != 1 || inv.Secrets[0].Line != 2 {
		t.Errorf("secrets = %+v, want one at line 2", inv.Secrets)
	}
	js, _ := inv.JSON()
	if strings.Contains(string(js), "hunter2-plain") {
		t.Error("the password reached inventory.json")
	}
}

func TestAppArgsIO(t *testing.T) {
	for _, tc := range []struct{ args, in, out string }{
		{"spark-submit --master yarn --class jp.x.Features /opt/jobs/f.jar --date 2024-01-01 --input dwh.user_segments --output dwh.ml_features", "dwh.user_segments", "dwh.ml_features"},
		{"spark-submit --conf a=b app.py lake.events mart.summary", "lake.events mart.summary", ""},
		{"spark-submit app.py --input=/data/in --output-table mart.t", "hdfs:///data/in", "mart.t"},
		{"hadoop jar /opt/x.jar jp.x.Main -i lake.a -o /out/b", "lake.a", "hdfs:///out/b"},
		{"spark-submit app.py --config job.conf --name jp.example.Job --n 3.5", "", ""},
	} {
		in, out := appArgsIO(strings.Fields(tc.args))
		if strings.Join(in, " ") != tc.in || strings.Join(out, " ") != tc.out {
			t.Errorf("%s:\n in %v out %v\nwant in %q out %q", tc.args, in, out, tc.in, tc.out)
		}
	}
}

// TestWavesOrderOpaqueJobs: a spark-submit job reading a table through
// its arguments comes after the table's producer; a job whose inputs are
// unknown comes after every job it does not feed.
func TestWavesOrderOpaqueJobs(t *testing.T) {
	root := writeEstate(t, map[string]string{
		"h1/etc/crontab":    "0 1 * * * b hive -f /q/seg.hql\n0 1 * * * b spark-submit --class X /opt/f.jar --input dwh.seg --output dwh.feat\n0 1 * * * b python /opt/mystery.py\n0 1 * * * b hive -f /q/top.hql\n",
		"h1/q/seg.hql":      "INSERT OVERWRITE TABLE dwh.seg SELECT * FROM lake.u;\n",
		"h1/q/top.hql":      "INSERT OVERWRITE TABLE mart.top SELECT * FROM dwh.feat;\n",
		"h1/opt/mystery.py": "print(1)\n",
	})
	inv, err := Build(root, Options{Consumed: []string{"mart.*"}})
	if err != nil {
		t.Fatal(err)
	}
	wave := map[int]int{}
	for _, w := range inv.Waves {
		for _, id := range w.Jobs {
			var line int
			fmt.Sscanf(id[strings.LastIndex(id, ":")+1:], "%d", &line)
			wave[line] = w.Wave
		}
	}
	if !(wave[1] < wave[2] && wave[2] < wave[4]) {
		t.Errorf("waves %v: want seg (line 1) < spark-submit (2) < top (4)", wave)
	}
	if wave[3] <= wave[4] || wave[3] <= wave[2] {
		t.Errorf("waves %v: the job with unknown inputs (line 3) must come last", wave)
	}
}

// TestCallsCompareByContent: two workflows that call> a workflow of the
// same name are copies only when what they call is.
func TestCallsCompareByContent(t *testing.T) {
	for _, tc := range []struct {
		kpi2 string
		same bool
	}{
		{"INSERT OVERWRITE TABLE mart.k SELECT a.x FROM lake.a a LEFT JOIN lake.b b ON a.id = b.id;\n", true},
		{"INSERT OVERWRITE TABLE mart.k SELECT a.x FROM lake.a a JOIN lake.b b ON a.id = b.id;\n", false},
	} {
		dig := "timezone: UTC\nschedule:\n  daily>: 01:00:00\n+run:\n  call>: kpi.dig\n"
		kpi := "+q:\n  sh>: hive -f kpi.hql\n"
		root := writeEstate(t, map[string]string{
			"h1/opt/digdag/p/daily.dig": dig, "h1/opt/digdag/p/kpi.dig": kpi,
			"h1/opt/digdag/p/kpi.hql":   "INSERT OVERWRITE TABLE mart.k SELECT a.x FROM lake.a a LEFT JOIN lake.b b ON a.id = b.id;\n",
			"h2/opt/digdag/p/daily.dig": dig, "h2/opt/digdag/p/kpi.dig": kpi,
			"h2/opt/digdag/p/kpi.hql": tc.kpi2,
		})
		inv, err := Build(root, Options{})
		if err != nil {
			t.Fatal(err)
		}
		group := map[string]string{}
		for _, j := range inv.Jobs {
			group[j.ID] = j.Group
		}
		a, b := group["h1:/opt/digdag/p/daily.dig"], group["h2:/opt/digdag/p/daily.dig"]
		rel := map[string]string{}
		for _, g := range inv.Groups {
			rel[g.ID] = g.Relation
		}
		if got := a != "" && a == b && rel[a] != ir.RelNear; got != tc.same {
			t.Errorf("kpi %q: the daily workflows in one group = %v, want %v", tc.kpi2, got, tc.same)
		}
	}
}
