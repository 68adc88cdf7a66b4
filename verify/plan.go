package verify

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sparkport/sparkport/emit"
	"github.com/sparkport/sparkport/parser/hiveql"
)

// Plan is everything verify runs, in order, decided from a migrate output
// alone.
type Plan struct {
	Dir      string
	Manifest *emit.Manifest
	At       time.Time // the run time the values were computed for
	// Assumed are the values no part of the output computes (a parameter a
	// calling workflow passes): verify chose them, and says so.
	Assumed map[string]string
	Steps   []*Step
	// DDL is the output's ddl/ files, then the --schema files, statement
	// by statement.
	DDL []*Stmt
	// Validate are the statements of validate/*.sql.
	Validate []*Stmt
	// Scripts says the steps are translated scripts (verify --sql), not
	// a migration's jobs: they run one at a time, and what each creates
	// is dropped after it, as Hive's test driver does between tests.
	Scripts bool

	set map[string]string // --set values
}

// Step is one EMR step of a wave file.
type Step struct {
	Wave        int
	Name        string // the EMR step's Name
	Job         string // the canonical job it belongs to
	Translation string // that job's verdict: auto, warnings or manual
	File        string // the SQL file it runs, relative to the output ("" when none)
	Vars        []Var  // --hivevar / -d / --define, in the order given
	Conf        []Var  // --conf / --hiveconf
	Jars        []string
	// Skip says why verify does not run the step at all (it runs no SQL:
	// hadoop fs, spark-submit of an application, a shell command).
	Skip string
	// Error is a defect of the step itself (a file the output lacks).
	Error string
	Stmts []*Stmt
}

// Var is a NAME=VALUE a step passes.
type Var struct{ Name, Value string }

// Stmt is one statement of a SQL file, or one statement a person must
// write (a "needs a person" comment).
type Stmt struct {
	File string // relative to the output
	Line int
	Text string // as written, ${…} and all
	// Sub is Text with the step's values substituted, as Spark will see it;
	// Tree is its parse (nil when it did not parse).
	Sub  string
	Tree hiveql.Stmt
	// Manual is the reason migrate gave for leaving it to a person.
	Manual string
	// Defines are the tables and views a manual statement would have
	// created (read from the legacy source migrate quotes under it):
	// what uses them cannot run either.
	Defines []string
	// Alters are the tables a manual ALTER TABLE would have changed: what
	// reads them afterwards runs on Spark, over the unchanged table, so
	// verify --against-hive cannot compare it with Hive's.
	Alters []string
	// Skip is why verify cannot run it here (a JDBC database, a jar).
	Skip string
	// Unbound are the ${…} references the step passes no value for.
	Unbound []string
}

// Options are the inputs of a plan besides the output folder.
type Options struct {
	At      time.Time         // run time; zero: DefaultAt
	Set     map[string]string // values given with --set
	Schemas []string          // --schema files
}

// DefaultAt is the run time verify computes dates for unless told: the
// morning after a leap day, so "1 day ago" is February 29th.
var DefaultAt = time.Date(2024, 3, 1, 4, 0, 0, 0, time.UTC)

// LoadPlan reads a migrate output folder and decides what to run.
func LoadPlan(dir string, opt Options) (*Plan, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("%s is not a sparkport migrate output: %v", dir, err)
	}
	var m emit.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, "manifest.json"), err)
	}
	at := opt.At
	if at.IsZero() {
		at = DefaultAt
	}
	p := &Plan{Dir: dir, Manifest: &m, At: at, Assumed: map[string]string{}, set: opt.Set}
	waves, err := waveFiles(dir)
	if err != nil {
		return nil, err
	}
	jobs := map[string]*emit.CanonicalEntry{}
	for _, c := range m.Canonical {
		jobs[c.Name] = c
	}
	files := map[string]bool{}
	for _, f := range m.Files {
		files[f.Path] = true
	}
	for _, w := range waves {
		steps, err := p.fill(w)
		if err != nil {
			return nil, err
		}
		for _, sc := range steps {
			st := &Step{Wave: w.n, Name: sc.Name}
			st.Job, _, _ = strings.Cut(sc.Name, " ")
			if c := jobs[st.Job]; c != nil {
				st.Translation = c.Translation
			}
			parseStepArgs(st, sc.HadoopJarStep.Args, files)
			if st.File != "" {
				src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(st.File)))
				if err != nil {
					st.Error = fmt.Sprintf("the step runs %s, which cannot be read: %v", st.File, err)
				} else {
					st.Stmts = splitStatements(st.File, src)
					bindStep(st)
				}
			}
			p.Steps = append(p.Steps, st)
		}
	}
	ddl, _ := filepath.Glob(filepath.Join(dir, "ddl", "*.sql"))
	sort.Strings(ddl)
	for _, f := range ddl {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(dir, f)
		p.DDL = append(p.DDL, ddlStatements(filepath.ToSlash(rel), src)...)
	}
	for _, f := range validateFiles(dir) {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return nil, err
		}
		p.Validate = append(p.Validate, ddlStatements(f, src)...)
	}
	for _, f := range opt.Schemas {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("--schema: %v", err)
		}
		p.DDL = append(p.DDL, ddlStatements(f, src)...)
	}
	return p, nil
}

type waveFile struct {
	n    int
	path string
}

// waveFiles lists emr/wave-N.json and emr/wave-N.template.json by N.
func waveFiles(dir string) ([]waveFile, error) {
	names, _ := filepath.Glob(filepath.Join(dir, "emr", "wave-*.json"))
	var out []waveFile
	for _, f := range names {
		base := strings.TrimPrefix(filepath.Base(f), "wave-")
		num, _, _ := strings.Cut(base, ".")
		n, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		out = append(out, waveFile{n, f})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no emr/wave-N.json: not a sparkport migrate output, or one with nothing to run", dir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].n < out[j].n })
	return out, nil
}

// fill reads a wave file and fills its run-time values as emr-fill does.
// A value nothing in the output computes (a parameter a calling workflow
// passes) is given the run date, and listed in Assumed.
func (p *Plan) fill(w waveFile) ([]emit.StepConfig, error) {
	b, err := os.ReadFile(w.path)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(w.path, ".template.json") {
		set := map[string]string{}
		for k, v := range p.Assumed {
			set[k] = v
		}
		for k, v := range p.set {
			set[k] = v
		}
		for range 2 {
			filled, missing, err := emit.FillTemplate(b, p.Manifest, p.At, set)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", w.path, err)
			}
			if len(missing) == 0 {
				b = filled
				break
			}
			day := p.runDay().Format("2006-01-02")
			for _, name := range missing {
				set[name] = day
				p.Assumed[name] = day
			}
		}
	}
	var f emit.StepsFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %v", w.path, err)
	}
	return f.Steps, nil
}

// runDay is the run time on the legacy servers' calendar.
func (p *Plan) runDay() time.Time {
	if p.Manifest.Timezone != "" {
		if loc, err := time.LoadLocation(p.Manifest.Timezone); err == nil {
			return p.At.In(loc)
		}
	}
	return p.At
}

// parseStepArgs reads a command-runner.jar step's arguments.
func parseStepArgs(st *Step, args []string, files map[string]bool) {
	if len(args) == 0 {
		st.Skip = "a step with no command"
		return
	}
	if args[0] != "spark-sql" {
		what := args[0]
		if len(args) > 1 && !strings.HasPrefix(args[1], "-") {
			what += " " + args[1]
		}
		st.Skip = what + " (not SQL)"
		return
	}
	kv := func(s string) Var {
		k, v, _ := strings.Cut(s, "=")
		return Var{k, v}
	}
	var inline string
	for i := 1; i < len(args); i++ {
		a := args[i]
		next := func() string {
			if i+1 < len(args) {
				i++
				return args[i]
			}
			return ""
		}
		switch a {
		case "-f":
			f := next()
			st.File = outputFile(f, files)
			if st.File == "" {
				st.Error = fmt.Sprintf("the step runs %s, which is not a file of this output", f)
			}
		case "-e":
			inline = next()
		case "--hivevar", "-d", "--define":
			st.Vars = append(st.Vars, kv(next()))
		case "--hiveconf", "--conf":
			st.Conf = append(st.Conf, kv(next()))
		case "--jars":
			st.Jars = append(st.Jars, strings.Split(next(), ",")...)
		case "--master", "--deploy-mode", "--name", "--driver-memory", "--executor-memory",
			"--num-executors", "--executor-cores", "--packages", "--files", "--py-files",
			"--properties-file", "--queue", "--class", "--database":
			next()
		}
	}
	if st.File == "" && st.Error == "" {
		if inline == "" {
			st.Skip = "spark-sql with neither -f nor -e"
			return
		}
		st.File = "emr step " + st.Name
		st.Stmts = splitStatements(st.File, []byte(inline))
		bindStep(st)
	}
}

// outputFile maps an S3 path of an emitted SQL file (s3://…/sql/job/01.sql)
// to the file of the output it was uploaded from.
func outputFile(s3 string, files map[string]bool) string {
	best := ""
	for f := range files {
		if strings.HasSuffix(s3, "/"+f) && len(f) > len(best) {
			best = f
		}
	}
	return best
}

// LoadScripts reads a folder of translated scripts (sparkport translate
// -o DIR): every *.sql file, or every sample-th one in name order, is a
// step of its own with no values passed.
func LoadScripts(dir string, opt Options, sample int) (*Plan, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".sql") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no .sql file", dir)
	}
	sort.Strings(files)
	at := opt.At
	if at.IsZero() {
		at = DefaultAt
	}
	p := &Plan{Dir: dir, Manifest: &emit.Manifest{}, At: at, Assumed: map[string]string{}, Scripts: true}
	for i, f := range files {
		if sample > 1 && i%sample != 0 {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(dir, f)
		rel = filepath.ToSlash(rel)
		st := &Step{Wave: 1, Name: rel, Job: rel, Translation: "auto", File: rel}
		for k, v := range opt.Set {
			st.Vars = append(st.Vars, Var{k, v})
		}
		sort.Slice(st.Vars, func(i, j int) bool { return st.Vars[i].Name < st.Vars[j].Name })
		st.Stmts = splitStatements(rel, src)
		bindStep(st)
		p.Steps = append(p.Steps, st)
	}
	for _, f := range opt.Schemas {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("--schema: %v", err)
		}
		p.DDL = append(p.DDL, ddlStatements(f, src)...)
	}
	return p, nil
}

// splitStatements cuts a SQL file into statements with their lines, and
// turns each "needs a person" comment migrate wrote into a manual entry.
func splitStatements(file string, src []byte) []*Stmt {
	f, _ := hiveql.Parse(src, hiveql.Spark)
	li := hiveql.NewLineIndex(src)
	var out []*Stmt
	manual := func(cs []hiveql.Comment) {
		var cur *Stmt
		var source []string
		flush := func() {
			if cur != nil && len(source) > 0 {
				cur.Defines, cur.Alters = definedBy(strings.Join(source, "\n"))
			}
			cur, source = nil, nil
		}
		for _, c := range cs {
			if r, ok := manualReason(c.Text); ok {
				flush()
				line, _ := li.Position(c.Pos)
				cur = &Stmt{File: file, Line: line, Manual: r}
				out = append(out, cur)
				continue
			}
			if l, ok := strings.CutPrefix(c.Text, "-- | "); ok && cur != nil {
				source = append(source, l)
				continue
			} else if c.Text == "-- |" && cur != nil {
				continue
			}
			flush()
		}
		flush()
	}
	for _, st := range f.Statements {
		manual(st.Comments)
		start := int(st.Pos())
		end := int(st.End)
		if start < 0 || end > len(src) || start >= end {
			continue
		}
		line, _ := li.Position(st.Pos())
		out = append(out, &Stmt{File: file, Line: line, Text: string(src[start:end])})
	}
	manual(f.Trailing)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

// definedBy reads the legacy statement quoted under a "needs a person"
// comment and returns the tables or views it creates (unqualified names
// stay so: they are compared as the statements that use them write them).
func definedBy(src string) (defines, alters []string) {
	f, _ := hiveql.Parse([]byte(src), hiveql.Hive)
	if f == nil {
		return nil, nil
	}
	for _, st := range f.Statements {
		switch x := st.Stmt.(type) {
		case *hiveql.CreateTableStmt:
			defines = append(defines, x.Name.Qualified(""))
		case *hiveql.CreateViewStmt:
			defines = append(defines, x.Name.Qualified(""))
		case *hiveql.AlterTableStmt:
			if x.Name != nil {
				alters = append(alters, x.Name.Qualified(""))
			}
		}
	}
	return defines, alters
}

// manualReason recognises the comment translate writes in place of a
// statement a person must write: "-- [SP010, …] needs a person: reason".
func manualReason(c string) (string, bool) {
	rest, ok := strings.CutPrefix(c, "-- [")
	if !ok {
		return "", false
	}
	rules, reason, ok := strings.Cut(rest, "] needs a person: ")
	if !ok || strings.ContainsAny(rules, " ") && !strings.Contains(rules, ", ") {
		return "", false
	}
	return "[" + rules + "] " + reason, true
}

// ddlStatements reads a DDL file (the output's ddl/ or a --schema file).
func ddlStatements(file string, src []byte) []*Stmt {
	out := splitStatements(file, src)
	for _, s := range out {
		s.Sub = s.Text
		s.Tree = parseOne(s.Sub)
	}
	return out
}

// parseOne parses one statement's text; nil when it does not parse.
func parseOne(text string) hiveql.Stmt {
	f, errs := hiveql.Parse([]byte(text), hiveql.Spark)
	if len(errs) > 0 || len(f.Statements) != 1 {
		return nil
	}
	if _, bad := f.Statements[0].Stmt.(*hiveql.BadStmt); bad {
		return nil
	}
	return f.Statements[0].Stmt
}

// bindStep substitutes the step's values into each statement, finds the
// references nothing binds, and marks what cannot run here.
func bindStep(st *Step) {
	vals := map[string]string{}
	for _, v := range st.Conf {
		vals[v.Name] = v.Value
	}
	for _, v := range st.Vars {
		vals[v.Name] = v.Value
	}
	jdbcViews := map[string]string{} // temp view → why it cannot be read here
	jarFuncs := map[string]bool{}
	for _, s := range st.Stmts {
		if s.Manual != "" {
			for _, t := range s.Defines {
				jdbcViews[t] = "whose CREATE is left to a person (line " + fmt.Sprint(s.Line) + ")"
			}
			continue
		}
		// SET k=v inside the file binds ${k} for the statements after it.
		s.Sub, s.Unbound = Substitute(s.Text, vals)
		s.Tree = parseOne(s.Sub)
		if c, ok := s.Tree.(*hiveql.CLIStmt); ok && c.Command == "SET" {
			k, v, ok := strings.Cut(c.Text, "=")
			if ok {
				vals[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		s.Skip = skipReason(s, jdbcViews, jarFuncs)
	}
}

// skipReason says why a statement cannot run on a scratch Spark: it reads
// or writes a JDBC database, loads files or jars from S3.
func skipReason(s *Stmt, jdbcViews map[string]string, jarFuncs map[string]bool) string {
	switch x := s.Tree.(type) {
	case *hiveql.CreateViewStmt:
		if x.Using != nil && strings.EqualFold(x.Using.Name, "jdbc") {
			name := x.Name.Qualified("")
			jdbcViews[name] = "a JDBC view: needs its database"
			return jdbcViews[name]
		}
	case *hiveql.CreateFunctionStmt:
		if len(x.Resources) > 0 {
			jarFuncs[x.Name.Qualified("")] = true
			return "a function from a jar verify has not got"
		}
	case *hiveql.CLIStmt:
		if x.Command == "ADD" {
			return "loads a jar or file from S3"
		}
	case *hiveql.LoadStmt:
		if remote(x.Path.Value()) || x.Local {
			return "loads files from " + x.Path.Value() + ", which verify has not got"
		}
	}
	if s.Tree == nil {
		return ""
	}
	a := hiveql.StmtAccess(s.Tree, "")
	for _, t := range append(append(append([]string{}, a.Inputs...), a.Outputs...), a.Defines...) {
		if why, ok := jdbcViews[t]; ok {
			return "uses " + t + ", " + why
		}
		// A qualified use of a table the manual statement named bare.
		if _, bare, ok := strings.Cut(t, "."); ok {
			if why, ok := jdbcViews[bare]; ok {
				return "uses " + t + ", " + why
			}
		}
	}
	if len(jarFuncs) > 0 {
		var fn string
		hiveql.Inspect(s.Tree, func(n hiveql.Node) bool {
			if c, ok := n.(*hiveql.FuncCall); ok && jarFuncs[c.Name.Qualified("")] {
				fn = c.Name.Qualified("")
			}
			return fn == ""
		})
		if fn != "" {
			return "calls " + fn + ", a function from a jar verify has not got"
		}
	}
	return ""
}

// Substitute replaces ${name}, ${hivevar:name} and ${hiveconf:name} as
// Spark's variable substitution does, and returns the references it could
// not bind (${env:…} and ${system:…} always count: on EMR they would read
// the cluster's environment).
func Substitute(text string, vals map[string]string) (string, []string) {
	var b strings.Builder
	var unbound []string
	for {
		i := strings.Index(text, "${")
		if i < 0 {
			b.WriteString(text)
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			b.WriteString(text)
			break
		}
		ref := text[i+2 : i+j]
		name := ref
		for _, pre := range []string{"hivevar:", "hiveconf:"} {
			name = strings.TrimPrefix(name, pre)
		}
		b.WriteString(text[:i])
		if v, ok := vals[name]; ok && !strings.Contains(ref, "env:") && !strings.Contains(ref, "system:") {
			b.WriteString(v)
		} else {
			b.WriteString(text[i : i+j+1])
			unbound = append(unbound, "${"+ref+"}")
		}
		text = text[i+j+1:]
	}
	return b.String(), unbound
}

// remote reports whether a path is on a file system verify remaps.
func remote(p string) bool {
	for _, s := range remoteSchemes {
		if strings.HasPrefix(strings.ToLower(p), s) {
			return true
		}
	}
	return false
}

var remoteSchemes = []string{"s3://", "s3a://", "s3n://", "hdfs://", "viewfs://", "gs://", "abfs://", "abfss://", "wasb://"}
