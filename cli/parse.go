package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/sparkport/sparkport/internal/textenc"
	"github.com/sparkport/sparkport/parser/hiveql"
)

func newParseCmd() *cobra.Command {
	var dialect string
	var asJSON bool
	cmd := &cobra.Command{
		Use: "parse [--dialect hive|spark] [--json] PATH...",
		Example: `  sparkport parse jobs/daily_sales.hql
  sparkport parse --dialect spark out/sql/
  cat x.hql | sparkport parse -`,
		Short: "Parse HiveQL or Spark SQL files and report every statement that fails",
		Long: `parse reads SQL files (or every .q, .hql, .sql and .hive file under a folder)
with the HiveQL or Spark SQL grammar. Files are decoded first (UTF-8,
Shift_JIS, EUC-JP), so columns count characters whatever the encoding.
It prints one diagnostic per failed statement on standard error as
file:line:col: error: message, and ends with the line "N statements: P
parsed, F failed" there. A file that fails in one statement still yields
the others. "-" reads standard input. A binary file is not parsed: it is
one error.

Exit codes: 0 all statements parsed, 1 some failed, 2 usage or I/O error.`,
		Args: pathArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, ok := hiveql.ParseDialect(dialect)
			if !ok {
				return &userError{Arg: "--dialect", What: fmt.Sprintf("unknown dialect %q", dialect), Hint: "want hive or spark"}
			}
			files, err := sqlFiles(args)
			if err != nil {
				return err
			}
			if len(files) == 0 {
				return &userError{Arg: strings.Join(args, " "), What: "no .q, .hql, .sql or .hive file found", Hint: "name SQL files or folders holding them"}
			}
			results := parseFiles(files, d, cmd.InOrStdin())
			out, diag := cmd.OutOrStdout(), cmd.ErrOrStderr()
			var total, failed int
			for _, r := range results {
				total += r.Statements
				failed += r.Failed
			}
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(parseReport{Files: results, Statements: total, Parsed: total - failed, Failed: failed}); err != nil {
					return err
				}
			} else {
				for _, r := range results {
					if r.ReadError != "" {
						fmt.Fprintf(diag, "%s: error: %s\n", r.Path, r.ReadError)
					}
					for _, d := range r.Diagnostics {
						fmt.Fprintf(diag, "%s:%d:%d: %s: %s\n", r.Path, d.Line, d.Col, d.Severity, d.Message)
					}
				}
				fmt.Fprintf(diag, "%s: %d parsed, %d failed\n", plural(total, "statement", "statements"), total-failed, failed)
			}
			for _, r := range results {
				if r.ReadError != "" {
					return exitError{ExitUsage}
				}
			}
			if failed > 0 {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dialect, "dialect", "hive", "SQL dialect: hive or spark")
	cmd.RegisterFlagCompletionFunc("dialect", cobra.FixedCompletions([]string{"hive", "spark"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

type parseReport struct {
	Files      []fileResult `json:"files"`
	Statements int          `json:"statements"` // all statements read
	Parsed     int          `json:"parsed"`
	Failed     int          `json:"failed"`
}

type fileResult struct {
	Path        string       `json:"path"`
	Statements  int          `json:"statements"`
	Failed      int          `json:"failed"`
	ReadError   string       `json:"read_error,omitempty"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type diagnostic struct {
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

var sqlExts = map[string]bool{".q": true, ".hql": true, ".sql": true, ".hive": true}

// sqlFiles expands folders into their SQL files, sorted, so that output does
// not depend on the order the file system lists them in.
func sqlFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		if a == "-" {
			files = append(files, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, &userError{Arg: a, What: describe(err)}
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return &userError{Arg: p, What: describe(err)}
			}
			if !d.IsDir() && sqlExts[strings.ToLower(filepath.Ext(p))] {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// parseFiles parses files in parallel, one file per worker at a time, and
// returns the results in the order of files.
func parseFiles(files []string, d hiveql.Dialect, stdin io.Reader) []fileResult {
	results := make([]fileResult, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = parseOne(files[i], d, stdin)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

func parseOne(path string, d hiveql.Dialect, stdin io.Reader) fileResult {
	r := fileResult{Path: path, Diagnostics: []diagnostic{}}
	var src []byte
	var err error
	if path == "-" {
		src, err = io.ReadAll(stdin)
	} else {
		src, err = os.ReadFile(path)
	}
	if err != nil {
		r.ReadError = describe(err)
		return r
	}
	if textenc.IsBinary(src) {
		r.ReadError = "not a text file (binary): not parsed"
		return r
	}
	src = textenc.Decode(src).Text
	f, errs := hiveql.Parse(src, d)
	li := hiveql.NewLineIndex(src)
	r.Statements = len(f.Statements)
	for _, st := range f.Statements {
		if _, bad := st.Stmt.(*hiveql.BadStmt); bad {
			r.Failed++
		}
	}
	for _, e := range errs {
		line, col := li.Position(e.Pos)
		r.Diagnostics = append(r.Diagnostics, diagnostic{Line: line, Col: col, Severity: "error", Message: e.Msg})
	}
	return r
}
