package cli

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/sparkport/sparkport/emit"
)

func newMigrateCmd() *cobra.Command {
	var outDir, configFile, baseline string
	var workers int
	var quiet, force bool
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

The output is written into a new folder renamed into place: an interrupted
run leaves DIR as it was. An existing DIR is replaced only with --force.
The same estate and config give byte-identical output on any machine.

The config (see README) gives path mappings, S3 layers, the artifacts:
prefix the sql/ folder is uploaded to, and JDBC secrets.

With --baseline DIR, the new output is then compared with DIR (a committed
earlier output) as "sparkport diff DIR OUT" does, the differences are printed
on standard output, and the exit code is the diff's: 0 the same in meaning,
1 different. Update the baseline on purpose by migrating into it with --force.

Exit codes: 0 written and nothing needs a person, 1 written with review
items that must be done (report/review.md) or files that did not parse,
2 usage or I/O error (nothing written).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if outDir == "" {
				return fmt.Errorf("missing -o DIR")
			}
			cfg, err := loadConfig(configFile)
			if err != nil {
				return err
			}
			if _, err := os.Stat(outDir); err == nil && !force {
				return fmt.Errorf("%s: %w", outDir, emit.ErrExists)
			}
			stderr := cmd.ErrOrStderr()
			start := time.Now()
			inv, err := buildInventory(args[0], cfg, workers, !quiet && isTerminal(stderr), stderr)
			if err != nil {
				return err
			}
			out, err := emit.Build(inv, emit.Options{Config: cfg, Estate: args[0], Workers: workers})
			if err != nil {
				return err
			}
			if err := emit.Write(outDir, out.Files, force); err != nil {
				if errors.Is(err, emit.ErrExists) {
					return err
				}
				return fmt.Errorf("writing %s: %w", outDir, err)
			}
			s := out.Manifest.Summary
			if !quiet {
				must := 0
				for _, it := range out.Review {
					if it.Severity == "error" {
						must++
					}
				}
				fmt.Fprintf(stderr, "%d legacy jobs → %d canonical jobs (%d merged, %d dead, %d empty); %d auto, %d with warnings, %d manual; %d review items (%d must be done): %s/report/review.md; %d files, %.2fs\n",
					s.LegacyJobs, s.Canonical, s.Merged, s.Dead, s.Empty, s.Auto, s.Warnings, s.Manual, len(out.Review), must, outDir, len(out.Files), time.Since(start).Seconds())
			}
			if baseline != "" {
				d, err := emit.DiffDirs(baseline, outDir)
				if err != nil {
					return fmt.Errorf("--baseline: %w", err)
				}
				fmt.Fprint(cmd.OutOrStdout(), d.Text(isTerminal(cmd.OutOrStdout())))
				if !d.Equal() {
					return exitError{ExitFindings}
				}
				return nil
			}
			for _, it := range out.Review {
				if it.Severity == "error" {
					return exitError{ExitFindings}
				}
			}
			for _, f := range inv.Files {
				if f.Status == "error" || f.Status == "partial" {
					return exitError{ExitFindings}
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&outDir, "output", "o", "", "folder to write (must not exist, unless --force)")
	cmd.Flags().StringVar(&configFile, "config", "", "sparkport.yaml: paths, layers, artifacts prefix, JDBC secrets, consumed tables")
	cmd.Flags().IntVar(&workers, "workers", 0, "goroutines reading, parsing and translating (0: one per core)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress and no summary line")
	cmd.Flags().BoolVar(&force, "force", false, "replace DIR if it exists")
	cmd.Flags().StringVar(&baseline, "baseline", "", "compare the output with this earlier output; exit 1 when they differ in meaning")
	return cmd
}
