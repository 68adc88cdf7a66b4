package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sparkport/sparkport/starter"
	"github.com/sparkport/sparkport/translate"
)

func newInitCmd() *cobra.Command {
	var outFile string
	var workers int
	var force, quiet bool
	cmd := &cobra.Command{
		Use:   "init ESTATE [-o sparkport.yaml] [--force]",
		Short: "Write a starter config from what the estate uses",
		Example: `  sparkport init corpus/estate -o sparkport.yaml
  $EDITOR sparkport.yaml
  sparkport migrate corpus/estate -o out --config sparkport.yaml`,
		Long: `init inventories the estate (as "sparkport inventory" does) and writes a
commented starter config for the user to edit:

  paths:       every HDFS and local path prefix the jobs read and write,
               grouped by data area, with counts and one host:path:line
               each, mapped to a placeholder S3 prefix
  layers, databases:
               the databases found, each with a guessed layer (lake,
               warehouse, mart) from its name or its place in the lineage
  consumed:    databases whose tables no job reads (dashboards and Athena
               read them; a job writing them is then never called dead)
  jars:        jars and files the scripts name, with their S3 places
  jdbc:        the JDBC connections sqoop uses (never a credential)
  timezone:    the time zones crontabs (CRON_TZ, TZ) and workflows name
  spark_version, hive_version, artifacts, drop_dead

Every invented S3 prefix holds "change-me"; migrate lists in review.md the
ones still there. The file is written only if it does not exist, unless
--force; never inside the estate. "-o -" writes to standard output.

Exit codes: 0 written, 2 usage or I/O error.`,
		Args: estateArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			estate := args[0]
			if err := checkEstate(estate); err != nil {
				return err
			}
			if err := checkWorkers(workers); err != nil {
				return err
			}
			if outFile != "-" {
				if err := checkOutputFile(outFile, estate, force); err != nil {
					return err
				}
			}
			inv, err := buildInventory(estate, translate.DefaultConfig(), workers, !quiet && isTerminal(cmd.ErrOrStderr()), cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			data := starter.Config(inv, starter.Options{EstateDir: estate})
			if outFile == "-" {
				_, err := cmd.OutOrStdout().Write(data)
				return err
			}
			if err := writeFileAtomic(outFile, data); err != nil {
				return fmt.Errorf("writing %s: %s", outFile, describe(err))
			}
			if !quiet {
				fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: edit the placeholders (%q), then run sparkport migrate %s -o out --config %s\n", outFile, starter.Placeholder, estate, outFile)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&outFile, "output", "o", "sparkport.yaml", `file to write ("-": standard output)`)
	cmd.Flags().BoolVar(&force, "force", false, "replace the file if it exists")
	cmd.Flags().IntVar(&workers, "workers", 0, "goroutines reading and parsing (0: one per core)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress and no summary line")
	return cmd
}

// checkOutputFile refuses to write a config over an existing file without
// force, over a folder, or inside the estate (which sparkport never writes).
func checkOutputFile(name, estate string, force bool) error {
	if dir, err := filepath.Abs(filepath.Dir(name)); err == nil {
		if est, err := filepath.Abs(estate); err == nil {
			dir, _ = filepath.EvalSymlinks(dir)
			est, _ = filepath.EvalSymlinks(est)
			if rel, err := filepath.Rel(est, dir); err == nil && (rel == "." || !filepath.IsAbs(rel) && rel != ".." && !startsWithDotDot(rel)) {
				return &userError{Arg: "-o " + name, What: "is inside the estate " + estate, Hint: "sparkport never writes into the estate; write the config beside it"}
			}
		}
	}
	info, err := os.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &userError{Arg: "-o " + name, What: describe(err)}
	case info.IsDir():
		return &userError{Arg: "-o " + name, What: "is a folder", Hint: "name the config file, such as sparkport.yaml"}
	case !force:
		return &userError{Arg: "-o " + name, What: "exists", Hint: "use --force to replace it, or -o another name"}
	case !info.Mode().IsRegular():
		return &userError{Arg: "-o " + name, What: "is not a regular file"}
	}
	return nil
}

func startsWithDotDot(rel string) bool {
	return rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator)
}

// writeFileAtomic writes through a temporary file renamed into place.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	os.Chmod(tmp.Name(), 0o644)
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
