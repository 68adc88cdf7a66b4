package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/sparkport/sparkport/digdagcheck"
	"github.com/sparkport/sparkport/verify"
)

func newVerifyCmd() *cobra.Command {
	var spark, at, scratch, memory string
	var schemas, sets []string
	var asJSON, quiet, keep bool
	var sessions, sample int
	var timeout time.Duration
	var scripts, digdag, againstHive bool
	var sparkConf, zones []string
	var estate, hiveVersion string
	cmd := &cobra.Command{
		Use:   "verify DIR [--spark local|sc://HOST:PORT] [--schema FILE]... [--json] [-q]\n  sparkport verify --sql DIR [--schema FILE]... [--sample N] [...]\n  sparkport verify --digdag DIR [--estate DIR] [--zone ZONE]... [--set NAME=VALUE]... [--json] [-q]\n  sparkport verify --against-hive DIR [--estate DIR] [--sample N] [--json] [-q]\n  sparkport verify --against-hive --sql DIR --estate SCRIPTS [--schema FILE]... [--sample N]",
		Short: "Run a migrate output's SQL on a real Spark",
		Example: `  scripts/setup-spark                      # once: a pinned Spark 3.5 for --spark local
  sparkport verify out                     # start a local Spark, run everything, stop it
  sparkport verify out --spark sc://emr-master:15002 --schema metastore-ddl.sql
  sparkport translate -q -o tr hive-tests/ && sparkport verify --sql tr --schema corpus/hive-test-tables.sql
  scripts/setup-digdag && sparkport verify --digdag out   # the workflows, on Digdag's own code
  scripts/setup-hive && sparkport verify --against-hive out --estate corpus/estate   # same rows as Hive?`,
		Long: `verify runs what migrate wrote on a real Spark, so that a statement marked
"auto" has been seen to run before anyone deploys it:

 1. creates the output's databases and tables (ddl/) with every S3 and
    HDFS location moved into a scratch folder; tables the estate uses but
    never defines come from --schema files (DDL exported from the legacy
    metastore with SHOW CREATE TABLE) or, failing that, are inferred from
    the columns the SQL uses on them (STRING unless the SQL tells a type),
    and listed as inferred;
 2. fills every table with a few deterministic rows whose partition and key
    values are those the runs select (the run date, each parametric value);
 3. runs the EMR steps of emr/wave-N.json in wave order, each SQL file with
    the --hivevar values its step passes, computed for one run time (--at,
    default 2024-03-01T04:00:00Z: "1 day ago" is a leap day), then the
    validate/ queries.

--sql DIR runs translated scripts (sparkport translate -o DIR) instead: each
file in name order (every --sample-th), one at a time, with no values but
--set ones; tables come from the scripts' own DDL, the --schema files
(corpus/hive-test-tables.sql holds the tables Hive's own tests assume) and,
failing that, inference; what a script creates is dropped after it.

Each failing statement is printed as FILE:LINE: error: [SPARK_ERROR_CLASS]
message, and the run ends with "N statements ran, M failed, K skipped
(manual)". Statements migrate left to a person are skipped and counted;
statements that need what a scratch Spark cannot have (a JDBC database, a
UDF jar, files on S3) are listed as not runnable here. A ${…} no step passes
a value for is a failure (SPARKPORT_UNBOUND_VARIABLE): Spark would run the
text as written.

--spark local (the default) starts a Spark Connect server from the Spark
scripts/setup-spark installs (Spark ` + verify.SparkVersion + `, in $SPARKPORT_SPARK_HOME or
~/.cache/sparkport), with a Hive metastore in the scratch folder, and stops
it at the end. --spark sc://HOST:PORT uses any Spark Connect server: the
statements then create databases and tables there, so give it a scratch
cluster.

--digdag DIR checks the output's Digdag workflows (digdag/) instead, with
Digdag's own code (digdag-core ` + digdagcheck.DigdagVersion + `, which scripts/setup-digdag installs
with a small harness, in $SPARKPORT_DIGDAG_HOME or ~/.cache/sparkport):
every workflow loads and compiles (with its !include files), its schedule
is one Digdag accepts, its call> targets are in the project, every operator
task evaluates at a set of session times (a leap day, month and year ends,
the days a daylight saving clock changes) with nothing left as ${...} text,
and each emr> task has what Digdag's emr operator needs. The values each
emr> step passes are compared with those the legacy job computed at the
same time (a cron job's own date commands, run under faketime in the
host's zone; a legacy Digdag workflow, evaluated by Digdag too), and the
fire times of each schedule over 2024 with those of each legacy crontab
line or schedule, in the workflow's zone and in each --zone (default
America/New_York, which has daylight saving time). Findings print as
digdag/<job>.dig:LINE: error: message; the run closes with "N workflows
checked, M failed". --set NAME=VALUE passes a parameter as digdag run -p
does (${emr_cluster_id} is set for the check).

--against-hive DIR compares results instead: each legacy statement that
writes or returns rows runs on a real Hive (Hive ` + verify.HiveVersion + `, embedded, Tez in
local mode, which scripts/setup-hive installs in $SPARKPORT_HIVE_HOME or
~/.cache/sparkport) with the run's values, its migrated form on Spark, both
from the same tables holding the same generated rows (verify's rows plus
rows with NULLs, empty and numeric strings, non-ASCII text, negative and
limit values, month ends, a leap day, daylight saving gaps). The table
written (read back whole) or the rows returned are compared as multisets:
decimals exactly, floating point within 1e-9, text exactly. Each statement
is same, differs (with the first differing rows and the hazard rules migrate
flagged there) or not comparable (why: a JDBC source, a nondeterministic
function, LIMIT without ORDER BY, a statement Hive itself refuses). The
legacy SQL is read from --estate (default: the manifest's); SQL inline in a
script is taken as the inventory of --estate reads it. With --sql, DIR is
a sparkport translate output and --estate the folder of Hive scripts it
translated (a/b.sql is compared with a/b.q, a/b.hql or a/b.sql). The run closes with "N statements compared, M same, K differ
(F flagged), L not comparable". Hive 4.1 is not the Hive 1.x or 2.x an
estate may run: where they differ, a "same" proves less, and a rule that flags
a difference only when the script is translated for Hive 4.1 (--hive-version,
default the manifest's hive_version) is named "SPnnn (Hive 4.1 only)": the
estate's Hive computed that statement as Spark does.

Exit codes: 0 nothing failed (no difference), 1 a statement or workflow
failed or a result differs, 2 usage, setup or connection error.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &userError{Arg: "sparkport verify", What: "want one DIR", Hint: "the folder sparkport migrate -o wrote"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := checkInputFolder("DIR", dir, "the folder sparkport migrate -o wrote"); err != nil {
				return err
			}
			opt := verify.Options{Schemas: schemas, Set: map[string]string{}}
			for _, s := range sets {
				k, v, ok := strings.Cut(s, "=")
				if !ok || k == "" {
					return &userError{Arg: "--set " + s, What: "want NAME=VALUE"}
				}
				opt.Set[k] = v
			}
			if againstHive && digdag {
				return &userError{Arg: "--against-hive", What: "cannot be combined with --digdag"}
			}
			if againstHive && scripts && estate == "" {
				return &userError{Arg: "--against-hive --sql", What: "needs --estate: the folder of Hive scripts sparkport translate read"}
			}
			if digdag {
				return runDigdagCheck(cmd, dir, digdagcheck.Options{Params: opt.Set, Zones: zones, Estate: estate}, asJSON, quiet)
			}
			if at != "" {
				t, err := time.Parse(time.RFC3339, at)
				if err != nil {
					return &userError{Arg: "--at " + at, What: "not an RFC 3339 time", Hint: "such as 2024-03-01T04:00:00Z"}
				}
				opt.At = t
			}
			for _, f := range schemas {
				if _, err := os.Stat(f); err != nil {
					return &userError{Arg: "--schema " + f, What: describe(err)}
				}
			}
			var plan *verify.Plan
			var err error
			if scripts {
				plan, err = verify.LoadScripts(dir, opt, sample)
			} else {
				plan, err = verify.LoadPlan(dir, opt)
			}
			if err != nil {
				return &userError{Arg: dir, What: err.Error()}
			}
			// --against-hive needs Hive and the legacy estate: say so before
			// starting Spark.
			var hiveHome string
			if againstHive {
				if hiveHome, err = verify.HiveHome(); err != nil {
					return &userError{Arg: "--against-hive", What: err.Error()}
				}
				if estate == "" && plan.Manifest != nil {
					estate = plan.Manifest.Estate
				}
				if estate == "" {
					return &userError{Arg: "--against-hive", What: "the manifest names no estate", Hint: "give the folder sparkport migrate read with --estate"}
				}
				if st, err := os.Stat(estate); err != nil || !st.IsDir() {
					return &userError{Arg: "--estate " + estate, What: "not a folder: the legacy SQL is read from the estate migrate read"}
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if scratch == "" {
				scratch, err = os.MkdirTemp("", "sparkport-verify-")
				if err != nil {
					return err
				}
				if !keep {
					defer os.RemoveAll(scratch)
				}
			} else if err := os.MkdirAll(scratch, 0o755); err != nil {
				return &userError{Arg: "--scratch " + scratch, What: describe(err)}
			}
			stderr := cmd.ErrOrStderr()
			url := spark
			if spark == "local" {
				home, err := verify.SparkHome()
				if err != nil {
					return &userError{Arg: "--spark local", What: err.Error()}
				}
				if !quiet {
					fmt.Fprintf(stderr, "verify: starting Spark %s (local Spark Connect server)…\n", verify.SparkVersion)
				}
				srv, err := verify.StartLocal(ctx, home, scratch, memory, sparkConf...)
				if err != nil {
					return &userError{Arg: "--spark local", What: err.Error()}
				}
				defer srv.Stop()
				url = srv.URL
			} else if !strings.HasPrefix(spark, "sc://") {
				return &userError{Arg: "--spark " + spark, What: "want local or sc://HOST:PORT"}
			}
			if sessions < 1 {
				return &userError{Arg: "--sessions", What: fmt.Sprintf("%d: want 1 or more", sessions)}
			}
			var engines []verify.Engine
			for range sessions {
				eng, err := verify.Connect(ctx, url)
				if err != nil {
					return &userError{Arg: "--spark " + spark, What: err.Error()}
				}
				defer eng.Close()
				engines = append(engines, eng)
			}
			if againstHive {
				return runAgainstHive(cmd, ctx, plan, engines[0], hiveHome, estate, hiveVersion, scratch, timeout, sample, asJSON, quiet)
			}
			r := &verify.Runner{Engines: engines, Scratch: scratch, Timeout: timeout, RefreshAfterWave: spark != "local"}
			tty := isTerminal(os.Stderr) && !quiet && !asJSON
			started := time.Now()
			if tty {
				r.Progress = verifyProgress(stderr, started)
			}
			rep, err := r.Run(ctx, plan)
			if tty {
				fmt.Fprint(stderr, "\r\033[K")
			}
			if err != nil {
				return &userError{Arg: "--spark " + spark, What: err.Error()}
			}
			rep.Spark = url
			if spark == "local" {
				rep.Spark = "local Spark " + verify.SparkVersion
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if err := enc.Encode(rep); err != nil {
					return err
				}
			} else if !quiet {
				rep.WriteText(cmd.OutOrStdout())
			} else {
				rep.WriteFailures(cmd.OutOrStdout())
				s := rep.Summary
				fmt.Fprintf(cmd.OutOrStdout(), "%d statements ran, %d failed, %d skipped (manual)\n", s.Ran, s.Failed, s.Manual)
			}
			if rep.Failed() {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&digdag, "digdag", false, "check DIR's Digdag workflows on Digdag's own code (scripts/setup-digdag) instead of running its SQL")
	cmd.Flags().StringArrayVar(&zones, "zone", nil, "with --digdag: another time zone to check schedules and values in (repeatable; default America/New_York)")
	cmd.Flags().StringVar(&estate, "estate", "", "with --digdag or --against-hive: the legacy estate migrate read (default: the manifest's, when found from here)")
	cmd.Flags().StringVar(&hiveVersion, "hive-version", "", "with --against-hive: the estate's Hive, as the config's hive_version (default: the manifest's, else 1.2); a rule that flags a difference only for Hive "+verify.HiveVersion+" is named \"(Hive 4.1 only)\"")
	cmd.Flags().BoolVar(&againstHive, "against-hive", false, "run each legacy statement on Hive "+verify.HiveVersion+" (scripts/setup-hive) and its migrated form on Spark, over the same rows, and compare the results")
	cmd.Flags().BoolVar(&scripts, "sql", false, "DIR holds translated scripts (sparkport translate -o DIR), run one at a time")
	cmd.Flags().IntVar(&sample, "sample", 1, "with --sql: run every N-th script only; with --against-hive: compare every N-th canonical job only")
	cmd.Flags().StringVar(&spark, "spark", "local", "local (start the Spark scripts/setup-spark installed) or sc://HOST:PORT")
	cmd.Flags().StringArrayVar(&schemas, "schema", nil, "DDL file for tables the estate uses but does not define (repeatable)")
	cmd.Flags().StringArrayVar(&sets, "set", nil, "NAME=VALUE for a value a calling workflow passes (repeatable)")
	cmd.Flags().StringVar(&at, "at", "", "run time the dates are computed for (RFC 3339; default 2024-03-01T04:00:00Z)")
	cmd.Flags().StringVar(&scratch, "scratch", "", "folder for the local warehouse and metastore (default: a temporary folder, removed)")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the temporary scratch folder (its path is in the Spark log)")
	cmd.Flags().StringVar(&memory, "spark-memory", "2g", "driver heap of the local Spark")
	cmd.Flags().StringArrayVar(&sparkConf, "spark-conf", nil, "KEY=VALUE for the local Spark's configuration (repeatable)")
	cmd.Flags().IntVar(&sessions, "sessions", 3, "Spark sessions run side by side (independent tables, jobs of one wave, validate queries)")
	cmd.Flags().DurationVar(&timeout, "timeout", 2*time.Minute, "give up on a statement after this long (SPARKPORT_TIMEOUT); 0: never")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print failures and the closing line only")
	return cmd
}

// runDigdagCheck is verify --digdag.
func runDigdagCheck(cmd *cobra.Command, dir string, opt digdagcheck.Options, asJSON, quiet bool) error {
	home, err := digdagcheck.Home()
	if err != nil {
		return &userError{Arg: "--digdag", What: err.Error()}
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if !quiet && !asJSON {
		fmt.Fprintf(cmd.ErrOrStderr(), "verify: running Digdag %s on %s…\n", digdagcheck.DigdagVersion, filepath.Join(dir, "digdag"))
	}
	opt.Home = home
	rep, err := digdagcheck.Run(ctx, dir, opt)
	if err != nil {
		return &userError{Arg: dir, What: err.Error()}
	}
	out := cmd.OutOrStdout()
	switch {
	case asJSON:
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	case quiet:
		rep.WriteProblems(out)
		fmt.Fprintf(out, "%d workflows checked, %d failed\n", rep.Summary.Workflows, rep.Summary.Failed)
	default:
		rep.WriteText(out)
	}
	if rep.Failed() {
		return exitError{ExitFindings}
	}
	return nil
}

// verifyProgress draws "[####      ] 1234/5678 statements, ETA 3m10s" at
// most every 200 ms. The runner's sessions call it side by side.
func verifyProgress(w io.Writer, started time.Time) func(done, total int) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done != total && time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		const width = 30
		n := min(done*width/max(total, 1), width)
		eta := ""
		if done > 0 && done < total {
			left := time.Duration(float64(time.Since(started)) / float64(done) * float64(total-done))
			eta = ", ETA " + left.Round(time.Second).String()
		}
		fmt.Fprintf(w, "\r[%s%s] %d/%d statements%s   ", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total, eta)
	}
}

// runAgainstHive is verify --against-hive: the legacy SQL on Hive, the
// migrated SQL on Spark, results compared.
func runAgainstHive(cmd *cobra.Command, ctx context.Context, plan *verify.Plan, spark verify.Engine, home, estate, hiveVersion, scratch string, timeout time.Duration, sample int, asJSON, quiet bool) error {
	rows, ok := spark.(verify.RowEngine)
	if !ok {
		return &userError{Arg: "--against-hive", What: "this Spark connection cannot return rows"}
	}
	stderr := cmd.ErrOrStderr()
	if !quiet {
		fmt.Fprintf(stderr, "verify: starting Hive %s (embedded, Tez local mode)…\n", verify.HiveVersion)
	}
	hiveDir := filepath.Join(scratch, "hive")
	if err := os.MkdirAll(hiveDir, 0o755); err != nil {
		return err
	}
	hive, err := verify.StartHive(ctx, home, hiveDir)
	if err != nil {
		return &userError{Arg: "--against-hive", What: err.Error()}
	}
	defer hive.Close()
	opt := verify.AgainstOptions{Estate: estate, Timeout: timeout, Sample: sample, HiveVersion: hiveVersion}
	if plan.Scripts {
		opt.Sample = 1 // --sql already kept every sample-th script
	}
	if !quiet {
		opt.Log = stderr
	}
	rep, err := verify.CompareWithHive(ctx, plan, rows, hive, opt)
	if err != nil {
		return err
	}
	rep.Hive = hive.Version
	out := cmd.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		rep.WriteText(out, quiet)
	}
	if rep.Summary.Differ > 0 {
		return exitError{ExitFindings}
	}
	return nil
}
