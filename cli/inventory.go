package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sparkport/sparkport/internal/outdir"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
	"github.com/sparkport/sparkport/translate"
)

func newInventoryCmd() *cobra.Command {
	var outDir, configFile string
	var workers int
	var quiet, asJSON, force bool
	cmd := &cobra.Command{
		Use:   "inventory ESTATE -o DIR [--config sparkport.yaml]",
		Short: "Inventory an estate: files, jobs, lineage, duplicates, dead jobs, waves",
		Example: `  sparkport inventory corpus/estate -o out/inventory
  sparkport inventory /data/estate -o inv --config sparkport.yaml --json | jq .summary`,
		Long: `inventory reads an estate — one folder per VM, ESTATE/<host>/<absolute path>,
such as ESTATE/batch-01/etc/crontab — and writes to DIR:

  inventory.json   every file (kind, encoding, status, reason, diagnostics),
                   every job (trigger, steps with inputs and outputs),
                   duplicate groups, lineage, waves, dead jobs, secrets found
  inventory.md     the same for people: counts, jobs, groups, waves
  inventory.html   one self-contained page, with the lineage graph drawn
  lineage.dot      the lineage graph for Graphviz

DIR is written like migrate's output: atomically, and an existing DIR only
with --force when it is an earlier sparkport output (or empty); never the
estate, a folder holding it, or a folder inside it.

Every file of the estate is listed exactly once, with a status (parsed,
partial, error, ignored) and, when not parsed, the reason. The estate is
never written to. Credentials found in the estate are reported only as
file:line: secret found; their values appear in no output.

--config reads sparkport.yaml (see README): consumed: lists table patterns
read outside the estate (so that jobs writing them are not dead), and the
translation settings used to judge how each SQL step translates.

A progress line is drawn on stderr when it is a terminal; a summary line
ends the run.

Exit codes: 0 done, 1 some files could not be read or parsed, 2 usage or I/O error.`,
		Args: estateArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			estate := args[0]
			if err := checkEstate(estate); err != nil {
				return err
			}
			if err := checkWorkers(workers); err != nil {
				return err
			}
			if outDir == "" && !asJSON {
				return &userError{Arg: "-o", What: "missing output folder", Hint: "give -o DIR, or --json for standard output"}
			}
			if outDir != "" {
				if err := checkOutput(outDir, "inventory", []string{estate, configFile}, force); err != nil {
					return err
				}
			}
			cfg, err := loadConfig(configFile)
			if err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			start := time.Now()
			inv, err := buildInventory(estate, cfg, workers, !quiet && isTerminal(stderr), stderr)
			if err != nil {
				return err
			}
			if outDir != "" {
				files, err := inventory.Reports(inv)
				if err != nil {
					return err
				}
				if err := outdir.Write(outDir, "inventory", files, force); err != nil {
					return writeError(outDir, err)
				}
			}
			if asJSON {
				js, err := inv.JSON()
				if err != nil {
					return err
				}
				cmd.OutOrStdout().Write(js)
			}
			if !quiet {
				fmt.Fprintln(stderr, summaryLine(inv, time.Since(start)))
			}
			for _, f := range inv.Files {
				if f.Status == ir.StatusError || f.Status == ir.StatusPartial {
					return exitError{ExitFindings}
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&outDir, "output", "o", "", "folder to write the reports to (must not exist, be empty, or be an earlier output with --force)")
	cmd.Flags().BoolVar(&force, "force", false, "replace DIR when it is an earlier sparkport output (never anything else)")
	cmd.Flags().StringVar(&configFile, "config", "", "sparkport.yaml: consumed tables and translation settings")
	cmd.Flags().IntVar(&workers, "workers", 0, "goroutines reading and parsing (0: one per core)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress and no summary line")
	cmd.Flags().BoolVar(&asJSON, "json", false, "also write inventory.json to standard output")
	return cmd
}

// loadConfig reads sparkport.yaml, or gives the defaults without one.
func loadConfig(name string) (*translate.Config, error) {
	if name == "" {
		return translate.DefaultConfig(), nil
	}
	info, err := os.Stat(name)
	if err != nil {
		return nil, &userError{Arg: "--config " + name, What: describe(err), Hint: "sparkport init ESTATE writes a starter config"}
	}
	if info.IsDir() {
		return nil, &userError{Arg: "--config " + name, What: "is a folder", Hint: "name the YAML file, such as sparkport.yaml"}
	}
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, &userError{Arg: "--config " + name, What: describe(err)}
	}
	return translate.LoadConfig(name, src)
}

// buildInventory runs the inventory with the translator judging each SQL
// step, drawing a progress bar on w when asked.
func buildInventory(estate string, cfg *translate.Config, workers int, progress bool, w io.Writer) (*inventory.Inventory, error) {
	opts := inventory.Options{Workers: workers, Consumed: cfg.Consumed, Assess: assessor(cfg)}
	if progress {
		opts.Progress = progressBar(w)
	}
	inv, err := inventory.Build(estate, opts)
	if progress {
		fmt.Fprint(w, "\r\033[K")
	}
	return inv, err
}

// assessor judges a SQL step by translating it (translate.Assessor).
func assessor(cfg *translate.Config) func(st *ir.Step) (string, []string) {
	assess := translate.Assessor(cfg)
	return func(st *ir.Step) (string, []string) { return assess(st.Source.Path, st.SQL) }
}

func summaryLine(inv *inventory.Inventory, took time.Duration) string {
	s := inv.Summary
	var bad int
	for _, byStatus := range s.FilesBy {
		bad += byStatus[ir.StatusError] + byStatus[ir.StatusPartial]
	}
	return fmt.Sprintf("%s, %s (%d with errors), %s, %s, %s, %s, %s, %s, %.2fs",
		plural(s.Hosts, "host", "hosts"), plural(s.Files, "file", "files"), bad, plural(s.Jobs, "job", "jobs"), plural(s.Steps, "step", "steps"),
		plural(len(inv.Groups), "group", "groups"), plural(s.Dead, "dead job", "dead jobs"), plural(s.Waves, "wave", "waves"), plural(s.Secrets, "secret found", "secrets found"), took.Seconds())
}

// useColor reports whether w takes ANSI colours: a terminal, and neither
// NO_COLOR (https://no-color.org) nor TERM=dumb set.
func useColor(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set || os.Getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressBar draws "[####      ] 1234/5678 files" at most every 100 ms.
func progressBar(w io.Writer) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		if done != total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		const width = 30
		n := done * width / max(total, 1)
		fmt.Fprintf(w, "\r[%s%s] %d/%d files", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
	}
}
