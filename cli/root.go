// Package cli holds the sparkport command line: flags, output and exit
// codes. The work itself lives in the pipeline packages.
package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0 // success; for diff: no difference
	ExitFindings = 1 // findings that fail the run; for diff: differences
	ExitUsage    = 2 // usage or I/O error
)

// Version is set at build time with -ldflags "-X github.com/sparkport/sparkport/cli.Version=…".
var Version = "dev"

// exitError carries an exit code through cobra.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs the command line and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(stderr, "sparkport: %v\n", err)
	return ExitUsage
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "sparkport",
		Short: "Move a legacy Hive / Digdag / cron batch estate to Spark on Amazon EMR",
		Long: `sparkport reads Digdag workflows, HiveQL scripts, shell scripts and crontabs,
and turns them into Spark SQL, EMR steps and Digdag emr> workflows.

Exit codes: 0 success, 1 findings that fail the run, 2 usage or I/O error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		&cobra.Command{
			Use:   "version",
			Short: "Print the version of sparkport",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				fmt.Fprintf(cmd.OutOrStdout(), "sparkport %s\n", Version)
				return nil
			},
		},
		newParseCmd(),
		newInitCmd(),
		newInventoryCmd(),
		newMigrateCmd(),
		newDiffCmd(),
		newTranslateCmd(),
		newRulesCmd(),
	)
	return root
}
