package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sparkport/sparkport/diff"
	"github.com/sparkport/sparkport/emit"
	"github.com/sparkport/sparkport/internal/outdir"
	"github.com/sparkport/sparkport/inventory"
	"github.com/sparkport/sparkport/ir"
)

func newMigrateCmd() *cobra.Command {
	var outDir, configFile, baseline string
	var workers int
	var quiet, force, dropDead bool
	cmd := &cobra.Command{
		Use:   "migrate ESTATE -o DIR [--config sparkport.yaml] [--force] [--baseline OLD_DIR]",
		Short: "Run the whole pipeline and write what the team deploys",
		Example: `  sparkport migrate corpus/estate -o out --config corpus/sparkport.yaml
  sparkport migrate /data/estate -o migration --config sparkport.yaml --force`,
		Long: `migrate inventories the estate (see "sparkport inventory --help"), merges the
duplicate jobs it found into one canonical job per group, translates their
HiveQL to Spark SQL and writes to DIR:

  sql/<job>/NN.sql     Spark SQL per step of each canonical job; jobs that
                       differed only in values (parametric clones) share one
                       file with ${hivevar:NAME} variables; sqoop transfers
                       become Spark JDBC reads and writes whose credentials
                       come from AWS Secrets Manager
  emr/<job>.json       the job's EMR steps, StepConfig shape, for
                       aws emr add-steps --cluster-id ID --cli-input-json file://...
  emr/wave-<n>.json    every step of migration wave n
  digdag/<job>.dig     the legacy workflow with its tasks replaced by emr>
                       tasks (schedule, _export, _retry, _error kept); cron
                       jobs become workflows on the same schedule
  ddl/<db>.sql         databases and tables for the Glue Data Catalog, on the
                       S3 layer the config gives each database
  validate/<t>.sql     per table written: row counts and a checksum per
                       partition, to run on the legacy and the new side
  report/review.md     everything a person must do or check, with file:line
  report/inventory.*   the inventory reports
  manifest.json        every legacy job and what replaces it (migrated,
                       merged, dead, empty), every file with its SHA-256

The output is written into a new folder swapped into place: an interrupted
run leaves DIR as it was. An existing DIR is replaced only with --force, and
only when it is an earlier sparkport output (or empty): a folder holding
anything else, the estate, a folder holding the estate or the working
directory, or a folder inside the estate is refused, even with --force.

Every legacy job is migrated. Jobs the lineage finds dead (they write only
tables nothing in the estate reads and no consumed: pattern lists) are
migrated too and listed in report/review.md as possibly dead; --drop-dead
(or drop_dead: true in the config) leaves them out, and the manifest says
so for each.
The same estate and config give byte-identical output on any machine.

The config (see README) gives path mappings, S3 layers, the artifacts:
prefix the sql/ folder is uploaded to, and JDBC secrets.

With --baseline DIR, the new output is then compared with DIR (a committed
earlier output) as "sparkport diff DIR OUT" does, the differences are printed
on standard output; the exit code is 1 when they differ in meaning, and also
(as without --baseline) when review.md has items that must be done. Update the baseline on purpose by migrating into it with --force.

Exit codes: 0 written and nothing needs a person, 1 written with review
items that must be done (report/review.md) or files that did not parse,
2 usage or I/O error (nothing written).`,
		Args: estateArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			estate := args[0]
			if err := checkEstate(estate); err != nil {
				return err
			}
			if err := checkWorkers(workers); err != nil {
				return err
			}
			if err := checkOutput(outDir, "migrate", []string{estate, configFile}, force); err != nil {
				return err
			}
			if baseline != "" {
				if err := checkBaseline(baseline, outDir); err != nil {
					return err
				}
			}
			cfg, err := loadConfig(configFile)
			if err != nil {
				return err
			}
			if dropDead {
				cfg.DropDead = true
			}
			stderr := cmd.ErrOrStderr()
			start := time.Now()
			inv, err := buildInventory(estate, cfg, workers, !quiet && isTerminal(stderr), stderr)
			if err != nil {
				return err
			}
			// The files go to disk as they are made, into a new folder that
			// is swapped into place once the output is whole.
			dst, err := outdir.Begin(outDir, "migrate", force)
			if err != nil {
				return writeError(outDir, err)
			}
			out, err := emit.Build(inv, emit.Options{Config: cfg, Estate: estate, Workers: workers, Out: dst})
			if err != nil {
				dst.Discard()
				return writeError(outDir, err)
			}
			if err := dst.Commit(); err != nil {
				return writeError(outDir, err)
			}
			s := out.Manifest.Summary
			if !quiet {
				must := 0
				for _, it := range out.Review {
					if it.Severity == "error" {
						must++
					}
				}
				fmt.Fprintf(stderr, "%d legacy jobs → %d canonical jobs (%d merged, %d possibly dead, %d left out as dead, %d empty); %d auto, %d with warnings, %d manual; %s; %d review items (%d must be done): %s/report/review.md; %d files, %.2fs\n",
					s.LegacyJobs, s.Canonical, s.Merged, s.Possibly, s.Dead, s.Empty, s.Auto, s.Warnings, s.Manual, filesWithErrors(inv), len(out.Review), must, outDir, len(out.Manifest.Files)+1, time.Since(start).Seconds())
			}
			// Review items a person must do, or files that did not parse,
			// fail the run, whatever a baseline says.
			findings := false
			for _, it := range out.Review {
				findings = findings || it.Severity == "error"
			}
			for _, f := range inv.Files {
				findings = findings || f.Status == "error" || f.Status == "partial"
			}
			if baseline != "" {
				d, err := diff.Dirs(baseline, outDir)
				if err != nil {
					return fmt.Errorf("--baseline: %w", err)
				}
				fmt.Fprint(cmd.OutOrStdout(), d.Text(useColor(cmd.OutOrStdout())))
				findings = findings || !d.Equal()
			}
			if findings {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&outDir, "output", "o", "", "folder to write (must not exist, unless --force)")
	cmd.Flags().StringVar(&configFile, "config", "", "sparkport.yaml: paths, layers, artifacts prefix, JDBC secrets, consumed tables")
	cmd.Flags().IntVar(&workers, "workers", 0, "goroutines reading, parsing and translating (0: one per core)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress and no summary line")
	cmd.Flags().BoolVar(&force, "force", false, "replace DIR when it is an earlier sparkport output (never anything else)")
	cmd.Flags().BoolVar(&dropDead, "drop-dead", false, "leave out the jobs the lineage finds dead (as drop_dead: true in the config)")
	cmd.Flags().StringVar(&baseline, "baseline", "", "compare the output with this earlier output; exit 1 when they differ in meaning")
	return cmd
}

// filesWithErrors says how many estate files did not parse, or only in part.
func filesWithErrors(inv *inventory.Inventory) string {
	n := 0
	for _, f := range inv.Files {
		if f.Status == ir.StatusError || f.Status == ir.StatusPartial {
			n++
		}
	}
	return plural(n, "estate file", "estate files") + " with errors"
}
