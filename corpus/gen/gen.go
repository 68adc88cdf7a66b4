package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/encoding/japanese"
)

// Config sizes a generated estate.
type Config struct {
	Hosts     int
	Services  int
	Seed      uint64
	MaxCopies int
}

// Truth is truth.json: what the generator planted.
type Truth struct {
	Seed  uint64     `json:"seed"`
	Hosts int        `json:"hosts"`
	Jobs  int        `json:"jobs"`
	SQL   []*SQLFile `json:"sql"`
	// Flows are the table-level lineage edges, "in -> out".
	Flows []string `json:"flows"`
	// Secrets are the planted credential values: none may appear in any
	// output of sparkport.
	Secrets []string `json:"secrets"`
	// Dead are the jobs (as sparkport names them: host:/etc/crontab:line,
	// host:workflow.dig, host:script) whose table outputs no live job reads
	// and no Consumed pattern matches.
	Dead []string `json:"dead"`
	// Consumed are the table patterns read outside the estate.
	Consumed []string `json:"consumed"`
}

// SQLFile is one planted SQL file. Files of one Class are copies of one
// job (identical or reformatted); Classes of one Family differ only in the
// service they are for.
type SQLFile struct {
	File   string `json:"file"` // host:path
	Class  string `json:"class"`
	Family string `json:"family"`
	Copy   string `json:"copy"` // original, identical, crlf, shift_jis, euc-jp, reformatted, near
}

func (t *Truth) familyCount() int {
	fams := map[string]map[string]bool{}
	for _, f := range t.SQL {
		if fams[f.Family] == nil {
			fams[f.Family] = map[string]bool{}
		}
		fams[f.Family][f.Class] = true
	}
	n := 0
	for _, classes := range fams {
		if len(classes) > 1 {
			n++
		}
	}
	return n
}

// style is how one copy of a job is written.
type style struct {
	aliases  [2]string
	dropAS   bool
	parens   bool
	swapEq   bool
	swapAnd  bool
	comment  int // 0 none, 1 Japanese, 2 English
	lower    bool
	indent   bool
	mutation int // -1: none; else the index of the {M:…} flipped
}

type host struct {
	name  string
	user  string
	files map[string][]byte
	cron  []string
}

func (h *host) home() string { return "/home/" + h.user }

// job is what the generator knows of a job it planted, to compute the
// truth about dead jobs from its own model rather than from parsing.
type job struct {
	id              string
	inputs, outputs []string
}

type generator struct {
	jobs  []job
	cfg   Config
	rnd   *rand.Rand
	hosts []*host
	truth *Truth
	flows map[string]bool
}

// Generate writes OUT/estate and OUT/truth.json.
func Generate(out string, cfg Config) (*Truth, error) {
	if cfg.Hosts <= 0 {
		cfg.Hosts = 172
	}
	if cfg.Services <= 0 {
		cfg.Services = len(services)
	}
	if cfg.MaxCopies <= 0 {
		cfg.MaxCopies = 10
	}
	g := &generator{cfg: cfg, rnd: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed)), flows: map[string]bool{},
		truth: &Truth{Seed: cfg.Seed, Hosts: cfg.Hosts, Consumed: []string{"mart.*", "dwh.*"}}}
	for i := 1; i <= cfg.Hosts; i++ {
		user := "batch"
		if i%3 == 0 {
			user = "etl"
		}
		h := &host{name: fmt.Sprintf("batch-%03d", i), user: user, files: map[string][]byte{}}
		h.cron = []string{"SHELL=/bin/bash", "PATH=/usr/local/bin:/usr/bin:/bin", "MAILTO=batch-ops@example.jp", "# m h dom mon dow user command"}
		g.hosts = append(g.hosts, h)
	}
	for _, svc := range serviceNames(cfg.Services) {
		g.service(svc)
		g.sparkApp(svc)
	}
	g.noise()
	g.truth.Dead = g.dead()
	for _, h := range g.hosts {
		h.files["/etc/crontab"] = []byte(strings.Join(h.cron, "\n") + "\n")
	}
	if err := g.write(filepath.Join(out, "estate")); err != nil {
		return nil, err
	}
	for f := range g.flows {
		g.truth.Flows = append(g.truth.Flows, f)
	}
	sort.Strings(g.truth.Flows)
	sort.Strings(g.truth.Secrets)
	sort.Strings(g.truth.Dead)
	sort.Slice(g.truth.SQL, func(i, j int) bool { return g.truth.SQL[i].File < g.truth.SQL[j].File })
	js, err := json.MarshalIndent(g.truth, "", "  ")
	if err != nil {
		return nil, err
	}
	return g.truth, os.WriteFile(filepath.Join(out, "truth.json"), append(js, '\n'), 0o644)
}

// pickHosts chooses n distinct hosts.
func (g *generator) pickHosts(n int) []*host {
	idx := g.rnd.Perm(len(g.hosts))[:min(n, len(g.hosts))]
	sort.Ints(idx)
	out := make([]*host, len(idx))
	for i, j := range idx {
		out[i] = g.hosts[j]
	}
	return out
}

// copies draws how many VMs hold a job: most jobs sit on a few, some on many.
func (g *generator) copies() int {
	n := 1 + int(g.rnd.ExpFloat64()*4.5)
	return min(n, g.cfg.MaxCopies)
}

func (g *generator) service(svc string) {
	// Source imports first: they feed the lake tables the templates read.
	g.imports(svc)
	for ti, t := range templates {
		if g.rnd.IntN(4) == 0 && !t.dead {
			continue // not every service runs every kind of job
		}
		if t.dead && g.rnd.IntN(3) != 0 {
			continue
		}
		nChoice := g.rnd.IntN(3)
		base := g.randomStyle()
		hs := g.pickHosts(g.copies())
		for ci, h := range hs {
			st := base
			kind := "identical"
			if ci == 0 {
				kind = "original"
			} else {
				switch r := g.rnd.IntN(100); {
				case r < 40:
				case r < 50:
					kind = "crlf"
				case r < 57:
					kind = "shift_jis"
				case r < 62:
					kind = "euc-jp"
				case r < 93:
					kind = "reformatted"
					st = g.randomStyle()
				default:
					if m := strings.Count(t.sql, "{M:"); m > 0 {
						kind = "near"
						st.mutation = g.rnd.IntN(m)
					}
				}
			}
			if (kind == "shift_jis" || kind == "euc-jp") && st.comment != 1 {
				st.comment = 1 // the reason such files exist: Japanese comments
				kind = "reformatted"
			}
			text := render(t, svc, st, nChoice)
			if st.lower {
				text = lowerSQL(text)
			}
			if st.indent {
				text = reindent(text)
			}
			data := []byte(text)
			switch kind {
			case "crlf":
				data = []byte(strings.ReplaceAll(text, "\n", "\r\n"))
			case "shift_jis":
				data, _ = japanese.ShiftJIS.NewEncoder().Bytes(data)
			case "euc-jp":
				data, _ = japanese.EUCJP.NewEncoder().Bytes(data)
			}
			sqlPath := fmt.Sprintf("%s/sql/%s_%s.hql", h.home(), svc, t.name)
			h.files[sqlPath] = data
			mut := "base"
			if st.mutation >= 0 {
				mut = fmt.Sprintf("m%d", st.mutation)
			}
			g.truth.SQL = append(g.truth.SQL, &SQLFile{File: h.name + ":" + sqlPath,
				Class: fmt.Sprintf("%d/%s/%s", ti, svc, mut), Family: fmt.Sprintf("%d/%s", ti, mut), Copy: kind})
			id := g.schedule(h, svc, t, sqlPath)
			var ins []string
			for _, in := range t.inputs {
				ins = append(ins, strings.ReplaceAll(in, "{svc}", svc))
			}
			g.jobs = append(g.jobs, job{id: id, inputs: ins, outputs: []string{strings.ReplaceAll(t.output, "{svc}", svc)}})
			for _, in := range t.inputs {
				g.flows[strings.ReplaceAll(in, "{svc}", svc)+" -> "+strings.ReplaceAll(t.output, "{svc}", svc)] = true
			}
		}
	}
}

func (g *generator) randomStyle() style {
	aliases := [][2]string{{"a", "b"}, {"t1", "t2"}, {"x", "y"}, {"src", "dim"}, {"o", "s"}}
	return style{
		aliases:  aliases[g.rnd.IntN(len(aliases))],
		dropAS:   g.rnd.IntN(2) == 0,
		parens:   g.rnd.IntN(3) == 0,
		swapEq:   g.rnd.IntN(2) == 0,
		swapAnd:  g.rnd.IntN(2) == 0,
		comment:  g.rnd.IntN(3),
		lower:    g.rnd.IntN(4) == 0,
		indent:   g.rnd.IntN(3) == 0,
		mutation: -1,
	}
}

// schedule writes the script that runs a SQL file and what starts it: a
// crontab line (most), a Digdag workflow, or nothing (an unscheduled job).
func (g *generator) schedule(h *host, svc string, t template, sqlPath string) (id string) {
	g.truth.Jobs++
	vars := "--hivevar dt=${DT}"
	for _, v := range t.vars {
		vars += fmt.Sprintf(" --hivevar %s=${FROM_DT}", v)
	}
	switch r := g.rnd.IntN(100); {
	case r < 12:
		dig := fmt.Sprintf("/opt/digdag/%s/%s.dig", svc, t.name)
		digVars := "--hivevar dt=${session_date}"
		for _, v := range t.vars {
			digVars += fmt.Sprintf(" --hivevar %s=${moment(session_time).add(-7, 'days').format('YYYY-MM-DD')}", v)
		}
		h.files[dig] = []byte(fmt.Sprintf("timezone: Asia/Tokyo\n\nschedule:\n  daily>: %02d:%02d:00\n\n+run:\n  sh>: hive %s -f %s\n",
			1+g.rnd.IntN(5), 5*g.rnd.IntN(12), digVars, sqlPath))
		return h.name + ":" + dig
	default:
		script := fmt.Sprintf("%s/bin/%s_%s.sh", h.home(), svc, t.name)
		from := ""
		if len(t.vars) > 0 {
			from = "FROM_DT=$(date -d \"${DT} 7 days ago\" +%Y-%m-%d)\n"
		}
		h.files[script] = []byte(g.wrapper(h, svc, t.name, from, vars, sqlPath))
		if r >= 95 {
			return h.name + ":" + script // nothing runs it: an unscheduled job
		}
		h.cron = append(h.cron, fmt.Sprintf("%d %d * * * %s %s >> /var/log/batch/%s_%s.log 2>&1",
			5*g.rnd.IntN(12), 1+g.rnd.IntN(6), h.user, script, svc, t.name))
		return fmt.Sprintf("%s:/etc/crontab:%d", h.name, len(h.cron))
	}
}

// wrapper is the shell script cron runs for a job, written in one of the
// ways real teams write them: the run date as ${1:-$(date …)} or chosen
// by if/else on the arguments; the SQL file by absolute path or relative
// to the project folder after a cd; a failure notifier in a || branch.
// Every way runs the same SQL with the same values: the truth does not
// change with the wrapper.
func (g *generator) wrapper(h *host, svc, name, from, vars, sqlPath string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/bash\n# %s %s\n", svc, name)
	switch g.rnd.IntN(4) {
	case 0:
		b.WriteString("if [ -n \"$1\" ]; then\n  DT=$1\nelse\n  DT=$(date -d '1 day ago' +%Y-%m-%d)\nfi\n")
	case 1:
		b.WriteString("source /etc/profile\nif [ $# == 1 ]; then\n   DT=$1\nelse\n   DT=`date -d -1days '+%Y-%m-%d'`\nfi\n")
	default:
		b.WriteString("set -eu\nDT=${1:-$(date -d '1 day ago' +%Y-%m-%d)}\n")
	}
	b.WriteString(from)
	file := sqlPath
	if rel, ok := strings.CutPrefix(sqlPath, h.home()+"/"); ok && g.rnd.IntN(5) == 0 {
		b.WriteString("cd \"$(dirname \"$0\")/..\"\n")
		file = "./" + rel
	}
	run := fmt.Sprintf("hive %s -f %s", vars, file)
	if g.rnd.IntN(3) == 0 {
		fmt.Fprintf(&b, "{\n  %s\n} || {\n  echo 'task fail: %s_%s'\n  python /opt/notify/push_alert.py '%s_%s'\n}\n", run, svc, name, svc, name)
	} else {
		b.WriteString(run + "\n")
	}
	return b.String()
}

// imports writes the sqoop script loading a service's MySQL tables into
// the lake, with a password on the command line (planted, unique), and the
// hadoop fs -put of its event files into a table's location.
func (g *generator) imports(svc string) {
	tables := []string{"orders", "users", "shops", "items", "app_purchases", "sessions", "access_log"}
	for _, h := range g.pickHosts(1 + g.rnd.IntN(3)) {
		secret := fmt.Sprintf("Pw-%s-%08x", svc, g.rnd.Uint32())
		g.truth.Secrets = append(g.truth.Secrets, secret)
		var b strings.Builder
		fmt.Fprintf(&b, "#!/bin/bash\n# %s の MySQL から lake へ取り込む\nset -eu\nDT=${1:-$(date -d '1 day ago' +%%Y%%m%%d)}\n", svc)
		inVar := g.rnd.IntN(2) == 0
		if inVar {
			fmt.Fprintf(&b, "DB_PASSWORD='%s'\n", secret)
		}
		for _, t := range tables {
			pw := "'" + secret + "'"
			if inVar {
				pw = `"$DB_PASSWORD"`
			}
			fmt.Fprintf(&b, "sqoop import --connect jdbc:mysql://%s-db01/%s --username etl --password %s \\\n  --table %s --where \"dt='${DT}'\" \\\n  --target-dir /tmp/sqoop/%s/%s/${DT} --hive-import --hive-overwrite --hive-table lake.%s_%s\n",
				svc, svc, pw, t, svc, t, svc, t)
			g.flows[fmt.Sprintf("jdbc:mysql://%s-db01/%s.%s -> lake.%s_%s", svc, svc, t, svc, t)] = true
		}
		script := fmt.Sprintf("%s/bin/import_%s.sh", h.home(), svc)
		h.files[script] = []byte(b.String())
		h.cron = append(h.cron, fmt.Sprintf("%d 0 * * * %s %s", 5*g.rnd.IntN(12), h.user, script))
		g.truth.Jobs++
		j := job{id: fmt.Sprintf("%s:/etc/crontab:%d", h.name, len(h.cron))}
		for _, t := range tables {
			j.outputs = append(j.outputs, "lake."+svc+"_"+t)
		}
		g.jobs = append(g.jobs, j)
	}
	// Event files land in the location of lake.<svc>_events, which a DDL
	// file on the same host declares.
	h := g.hosts[g.rnd.IntN(len(g.hosts))]
	ddl := fmt.Sprintf("%s/ddl/%s_events.hql", h.home(), svc)
	h.files[ddl] = []byte(fmt.Sprintf("CREATE EXTERNAL TABLE IF NOT EXISTS lake.%s_events (\n  session_id STRING,\n  step STRING,\n  ts TIMESTAMP\n)\nPARTITIONED BY (dt STRING)\nROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'\nSTORED AS TEXTFILE\nLOCATION 'hdfs://nameservice1/data/lake/%s/events';\n", svc, svc))
	load := fmt.Sprintf("%s/bin/load_events_%s.sh", h.home(), svc)
	h.files[load] = []byte(fmt.Sprintf("#!/bin/bash\nset -eu\nDT=${1:-$(date -d '1 day ago' +%%Y-%%m-%%d)}\nhadoop fs -mkdir -p /data/lake/%s/events/dt=${DT}\nhadoop fs -put -f /var/export/%s/events_${DT}.tsv /data/lake/%s/events/dt=${DT}/\nhive -e \"ALTER TABLE lake.%s_events ADD IF NOT EXISTS PARTITION (dt='${DT}')\"\n", svc, svc, svc, svc))
	h.cron = append(h.cron, fmt.Sprintf("30 0 * * * %s %s", h.user, load))
	g.jobs = append(g.jobs, job{id: fmt.Sprintf("%s:/etc/crontab:%d", h.name, len(h.cron)), outputs: []string{"lake." + svc + "_events"}})
	g.flows[fmt.Sprintf("file:///var/export/%s/events_${DT}.tsv -> lake.%s_events", svc, svc)] = true
	g.truth.Jobs++
}

// noise adds what every real estate has: housekeeping lines, logs, jars,
// empty files, a broken script, a symbolic link loop, a huge log.
// sparkApp plants, for some services, a Spark application run by
// spark-submit whose tables are named only in its arguments (--input,
// --output): the lineage must read them there, or the job would be
// ordered before the producer of what it reads.
func (g *generator) sparkApp(svc string) {
	if g.rnd.IntN(3) != 0 {
		return
	}
	h := g.pickHosts(1)[0]
	in, out := "dwh."+svc+"_daily_pv", "mart."+svc+"_pv_forecast"
	script := fmt.Sprintf("%s/bin/forecast_%s.sh", h.home(), svc)
	h.files[script] = []byte(fmt.Sprintf("#!/bin/bash\nset -eu\nDT=${1:-$(date -d '1 day ago' +%%Y-%%m-%%d)}\n"+
		"spark-submit --master yarn --deploy-mode cluster --class jp.example.Forecast /opt/jobs/forecast.jar --date ${DT} --input %s --output %s\n", in, out))
	h.cron = append(h.cron, fmt.Sprintf("30 6 * * * %s %s", h.user, script))
	id := fmt.Sprintf("%s:/etc/crontab:%d", h.name, len(h.cron))
	g.jobs = append(g.jobs, job{id: id, inputs: []string{in}, outputs: []string{out}})
	g.flows[in+" -> "+out] = true
	g.truth.Jobs++
}

func (g *generator) noise() {
	for i, h := range g.hosts {
		h.cron = append(h.cron, fmt.Sprintf("0 5 * * * %s hadoop fs -rm -r -skipTrash /tmp/%s/*", h.user, h.name))
		// Hive's scratch folder, cleaned by hand on the legacy cluster.
		h.cron = append(h.cron, fmt.Sprintf("10 5 * * * %s hdfs dfs -rm -r -f /tmp/hive-%s/*", h.user, h.user))
		h.files["/var/log/batch/last_run.log"] = []byte("2026-11-23 02:30:01 daily_pv ok\n")
		h.files[h.home()+"/lib/udf-1.0.jar"] = []byte("PK\x03\x04\x00\x00binary")
		h.files[h.home()+"/tmp/.keep"] = []byte{}
		if i%25 == 7 {
			h.files[h.home()+"/bin/broken_report.sh"] = []byte("#!/bin/bash\nif [ -z \"$1\" ]; then\n  echo 'usage: broken_report.sh DT\n  exit 1\nfi\nhive -f " + h.home() + "/sql/report.hql\n")
		}
	}
}

func (g *generator) write(root string) error {
	for i, h := range g.hosts {
		paths := make([]string, 0, len(h.files))
		for p := range h.files {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			full := filepath.Join(root, h.name, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(full, h.files[p], 0o644); err != nil {
				return err
			}
		}
		if i == 1 {
			// A symbolic link loop and a log too big to be a job file.
			dir := filepath.Join(root, h.name, "home", h.user)
			if err := os.Symlink("loop", filepath.Join(dir, "loop")); err != nil {
				return err
			}
			big := strings.Repeat("2026-11-23 02:30:01 INFO a line of a very long log\n", 360_000)
			if err := os.WriteFile(filepath.Join(root, h.name, "var", "log", "batch", "hive.log"), []byte(big), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// dead computes, on the generator's own model, the jobs whose outputs no
// live job reads and no consumed pattern covers.
func (g *generator) dead() []string {
	readers := map[string][]string{}
	for _, j := range g.jobs {
		for _, in := range j.inputs {
			readers[in] = append(readers[in], j.id)
		}
	}
	consumed := func(t string) bool {
		for _, p := range g.truth.Consumed {
			if strings.HasPrefix(t, strings.TrimSuffix(p, "*")) {
				return true
			}
		}
		return false
	}
	dead := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, j := range g.jobs {
			if dead[j.id] || len(j.outputs) == 0 {
				continue
			}
			alive := false
			for _, o := range j.outputs {
				if consumed(o) {
					alive = true
				}
				for _, r := range readers[o] {
					if r != j.id && !dead[r] {
						alive = true
					}
				}
			}
			if !alive {
				dead[j.id] = true
				changed = true
			}
		}
	}
	out := []string{}
	for id := range dead {
		out = append(out, id)
	}
	return out
}
