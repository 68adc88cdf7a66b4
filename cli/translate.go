package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/sparkport/sparkport/internal/outdir"
	"github.com/sparkport/sparkport/internal/textenc"
	"github.com/sparkport/sparkport/translate"
)

func newTranslateCmd() *cobra.Command {
	var configPath, outDir string
	var asJSON, quiet, force bool
	cmd := &cobra.Command{
		Use:   "translate [--config F] [--json] [-o DIR] PATH...|-",
		Short: "Translate HiveQL scripts to Spark SQL for Spark on EMR, naming every semantic difference",
		Example: `  sparkport translate jobs/daily_sales.hql
  sparkport translate --config sparkport.yaml -o out/sql jobs/
  sparkport rules`,
		Long: `translate reads HiveQL scripts (files, or every .q, .hql, .sql and .hive file
under a folder; "-" reads standard input) and writes Spark SQL for Spark 3.5
on Amazon EMR. One file without -o prints its Spark SQL on standard output;
with -o DIR each input gets DIR/<name>.sql (inputs found under a folder keep
their sub-folders). DIR is written atomically, like migrate's output: an
existing DIR is replaced only with --force and only when sparkport wrote it.

Every change and every semantic difference is a diagnostic on standard
error, file:line:col: severity: [SPnnn] message; "sparkport rules" lists the
rules. Statements that need a person (untranslatable, unmapped paths) are
written as comments and make the run fail. dfs and ! commands cannot run in
spark-sql: they are written as comments in place and listed as separate
steps with --json.

The config (YAML) says what only you know: HDFS → S3 path mappings, the S3
layer of each database, jar locations, target Spark version, the legacy
time zone. See README, "Translation config".

Exit codes: 0 translated, 1 some statement needs a person, 2 usage or I/O error.`,
		Args: pathArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(configPath)
			if err != nil {
				return err
			}
			inputs, err := sqlInputs(args)
			if err != nil {
				return err
			}
			if len(inputs) == 0 {
				return &userError{Arg: strings.Join(args, " "), What: "no .q, .hql, .sql or .hive file found", Hint: "name HiveQL files or folders holding them"}
			}
			if outDir != "" {
				var paths []string
				for _, a := range args {
					if a != "-" {
						paths = append(paths, a)
					}
				}
				if err := checkOutput(outDir, "translate", append(paths, configPath), force); err != nil {
					return err
				}
			}
			if outDir == "" && len(inputs) > 1 && !asJSON {
				return fmt.Errorf("%d input files: give -o DIR to write one .sql file each", len(inputs))
			}
			if err := checkOutputNames(inputs); err != nil {
				return err
			}
			stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
			// A binary file among the inputs is reported and skipped; the
			// others are translated.
			var text []sqlInput
			skipped := 0
			for _, in := range inputs {
				if in.path != "-" {
					if raw, err := os.ReadFile(in.path); err == nil && textenc.IsBinary(raw) {
						fmt.Fprintf(stderr, "%s: error: not a text file (binary): not translated\n", in.path)
						skipped++
						continue
					}
				}
				text = append(text, in)
			}
			inputs = text
			if len(inputs) == 0 {
				return exitError{ExitUsage}
			}
			results, err := translateFiles(inputs, cfg, cmd.InOrStdin())
			if err != nil {
				return err
			}
			var failed bool
			var counts [6]int
			warnings := 0
			for _, r := range results {
				for _, d := range r.Diagnostics {
					if d.Severity == translate.Warning {
						warnings++
					}
					if quiet && d.Severity == translate.Info {
						continue
					}
					fmt.Fprintln(stderr, d)
				}
				failed = failed || r.Failed()
				for i, o := range []translate.Outcome{translate.Kept, translate.Rewritten, translate.Dropped, translate.Moved, translate.Inlined, translate.Manual} {
					counts[i] += r.Count(o)
				}
			}
			switch {
			case outDir != "":
				files := map[string][]byte{}
				for i, r := range results {
					files[filepath.ToSlash(inputs[i].out)] = []byte(r.SQL)
				}
				if err := outdir.Write(outDir, "translate", files, force); err != nil {
					return writeError(outDir, err)
				}
			case asJSON:
			default:
				io.WriteString(stdout, results[0].SQL)
			}
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(jsonResults(results)); err != nil {
					return err
				}
			}
			if !quiet {
				fmt.Fprintf(stderr, "%s: %d statements kept, %d rewritten, %d dropped, %d moved out, %d inlined, %d need a person; %s\n",
					plural(len(results), "file", "files"), counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], plural(warnings, "warning", "warnings"))
			}
			if skipped > 0 {
				return exitError{ExitUsage}
			}
			if failed {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "translation config (YAML)")
	cmd.Flags().StringVarP(&outDir, "output", "o", "", "write DIR/<name>.sql for each input (DIR must not exist, be empty, or be an earlier output with --force)")
	cmd.Flags().BoolVar(&force, "force", false, "replace DIR when it is an earlier sparkport output (never anything else)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the results (SQL, steps, parameters, diagnostics) as JSON")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no summary line and no informational diagnostics (what was rewritten); warnings and errors stay")
	return cmd
}

type jsonResult struct {
	*translate.Result
	SQL string `json:"sql"`
}

func jsonResults(rs []*translate.Result) []jsonResult {
	out := make([]jsonResult, len(rs))
	for i, r := range rs {
		out[i] = jsonResult{Result: r, SQL: r.SQL}
	}
	return out
}

// sqlInput is one file to translate and the name of its output.
type sqlInput struct {
	path string
	out  string // relative path of DIR/<name>.sql
}

func sqlInputs(args []string) ([]sqlInput, error) {
	var inputs []sqlInput
	for _, a := range args {
		if a == "-" {
			inputs = append(inputs, sqlInput{path: "-", out: "stdin.sql"})
			continue
		}
		files, err := sqlFiles([]string{a})
		if err != nil {
			return nil, err
		}
		st, _ := os.Stat(a)
		for _, f := range files {
			rel := filepath.Base(f)
			if st != nil && st.IsDir() {
				if r, err := filepath.Rel(a, f); err == nil {
					rel = r
				}
			}
			inputs = append(inputs, sqlInput{path: f, out: strings.TrimSuffix(rel, filepath.Ext(rel)) + ".sql"})
		}
	}
	return inputs, nil
}

func checkOutputNames(inputs []sqlInput) error {
	seen := map[string]string{}
	for _, in := range inputs {
		if prev, ok := seen[in.out]; ok {
			return fmt.Errorf("%s and %s would both be written to %s", prev, in.path, in.out)
		}
		seen[in.out] = in.path
	}
	return nil
}

// translateFiles translates the inputs in parallel; results keep the order
// of inputs.
func translateFiles(inputs []sqlInput, cfg *translate.Config, stdin io.Reader) ([]*translate.Result, error) {
	srcs := make([][]byte, len(inputs))
	for i, in := range inputs {
		var raw []byte
		var err error
		if in.path == "-" {
			raw, err = io.ReadAll(stdin)
		} else {
			raw, err = os.ReadFile(in.path)
		}
		if err != nil {
			return nil, &userError{Arg: in.path, What: describe(err)}
		}
		if textenc.IsBinary(raw) {
			return nil, &userError{Arg: in.path, What: "not a text file (binary)", Hint: "name HiveQL scripts"}
		}
		srcs[i] = textenc.Decode(raw).Text
	}
	results := make([]*translate.Result, len(inputs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = translate.Translate(inputs[i].path, srcs[i], cfg, translate.Options{Resolve: resolveLocal})
			}
		}()
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, nil
}

// resolveLocal reads a file named by `source`, relative to the script that
// names it.
func resolveLocal(from, p string) (string, []byte, error) {
	if !filepath.IsAbs(p) && from != "-" {
		p = filepath.Join(filepath.Dir(from), p)
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return p, nil, err
	}
	return p, textenc.Decode(raw).Text, nil
}

func newRulesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "rules [--json] [ID...]",
		Short: "List the translation rules with their ids and docs",
		Long: `rules lists every Hive → Spark translation rule: its stable id (cited in
diagnostics and reports), its kind (rewrite: sparkport changes the SQL;
hazard: the same text means something else in Spark and is reported;
manual: the statement needs a person), its name, what it does and where the
behaviour is documented. Name rule ids (sparkport rules SP011 SP100) to
show only those. The full list ends with the function and property parity
figures (docs/functions.md has the function table).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			want := map[string]bool{}
			known := map[string]bool{}
			for _, r := range translate.Rules() {
				known[r.ID] = true
			}
			for _, a := range args {
				id := strings.ToUpper(a)
				if !known[id] {
					return &userError{Arg: a, What: "no such rule", Hint: "sparkport rules lists them all"}
				}
				want[id] = true
			}
			out := cmd.OutOrStdout()
			type ruleDoc struct {
				ID   string `json:"id"`
				Name string `json:"name"`
				Kind string `json:"kind"`
				Doc  string `json:"doc"`
				Ref  string `json:"ref,omitempty"`
			}
			var docs []ruleDoc
			for _, r := range translate.Rules() {
				if len(want) == 0 || want[r.ID] {
					docs = append(docs, ruleDoc{r.ID, r.Name, string(r.Kind), r.Doc, r.Ref})
				}
			}
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(docs)
			}
			for _, d := range docs {
				fmt.Fprintf(out, "%s  %-7s  %s\n    %s\n", d.ID, d.Kind, d.Name, d.Doc)
				if d.Ref != "" {
					fmt.Fprintf(out, "    see: %s\n", d.Ref)
				}
			}
			if len(want) == 0 {
				fmt.Fprintf(out, "\n%s", translate.ParitySummary())
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the rules as JSON")
	return cmd
}
