// Package cli holds the sparkport command line: flags, output and exit
// codes. The work itself lives in the pipeline packages.
package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

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
	root.Version = versionString()
	root.SetVersionTemplate("sparkport {{.Version}}\n")
	// Flag errors name the flag and point to --help, instead of Go's
	// strconv messages.
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &userError{Arg: "sparkport " + cmd.Name(), What: flagMessage(err), Hint: "see sparkport " + cmd.Name() + " --help"}
	})
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		&cobra.Command{
			Use:   "version",
			Short: "Print the version of sparkport",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				fmt.Fprintf(cmd.OutOrStdout(), "sparkport %s\n", versionString())
				return nil
			},
		},
		newParseCmd(),
		newInitCmd(),
		newInventoryCmd(),
		newMigrateCmd(),
		newDiffCmd(),
		newEMRFillCmd(),
		newTranslateCmd(),
		newRulesCmd(),
		newVerifyCmd(),
	)
	return root
}

// versionString is Version and, when the binary was built from a module
// or a checkout, the commit it was built from.
func versionString() string {
	v := Version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " (commit " + rev + modified + ")"
	}
	return v
}

// flagMessage rewrites pflag's messages: `invalid argument "abc" for
// "--workers" flag: strconv.ParseInt: parsing "abc": invalid syntax`
// becomes `--workers "abc": want a whole number`.
func flagMessage(err error) string {
	m := err.Error()
	if rest, ok := strings.CutPrefix(m, "invalid argument "); ok {
		if val, tail, ok := strings.Cut(rest, " for "); ok {
			flag, why, _ := strings.Cut(tail, " flag: ")
			flag = strings.Trim(flag, `"`)
			if i := strings.Index(flag, ", "); i >= 0 {
				flag = flag[i+2:] // "-o, --output" → "--output"
			}
			want := "a valid value"
			switch {
			case strings.Contains(why, "ParseInt"), strings.Contains(why, "ParseUint"):
				want = "a whole number"
			case strings.Contains(why, "ParseBool"):
				want = "true or false"
			}
			return fmt.Sprintf("%s %s: want %s", flag, val, want)
		}
	}
	return m
}
