package cli

import (
	"fmt"

	"github.com/sparkport/sparkport/diff"
	"github.com/spf13/cobra"
)

func newDiffCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "diff OLD_DIR NEW_DIR [--format text|markdown|json|junit]",
		Short: "Compare two migrate outputs by meaning (for CI regressions)",
		Example: `  sparkport diff baseline/ out/
  sparkport diff --format markdown baseline/ out/ >> "$GITHUB_STEP_SUMMARY"
  sparkport diff --format junit baseline/ out/ > sparkport-diff.xml`,
		Long: `diff compares two folders written by "sparkport migrate" and reports the
canonical jobs and files added, removed and changed, and the legacy jobs
whose replacement changed.

Files are compared by meaning where they can be: SQL as parsed trees
(comments, layout and keyword case are not differences), JSON as data,
Digdag workflows as YAML data, manifest.json without its file hashes; other
files as text. A file whose bytes differ but whose meaning does not is
listed as "formatting" and does not make the outputs different.

Formats: text (for people; coloured on a terminal unless NO_COLOR is set
or TERM=dumb), markdown (for a CI job
summary such as GitHub Actions' $GITHUB_STEP_SUMMARY), json (for tools),
junit (JUnit XML: one test case per changed job, for CI systems).

Exit codes: 0 no semantic difference, 1 different, 2 usage or I/O error.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return &userError{Arg: "sparkport diff", What: fmt.Sprintf("want OLD_DIR and NEW_DIR, got %s", plural(len(args), "argument", "arguments")), Hint: "see sparkport diff --help"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "markdown", "json", "junit":
			default:
				return &userError{Arg: "--format", What: fmt.Sprintf("unknown format %q", format), Hint: "want text, markdown, json or junit"}
			}
			for _, dir := range args {
				if err := checkInputFolder("migrate output", dir, "give two folders written by sparkport migrate"); err != nil {
					return err
				}
			}
			d, err := diff.Dirs(args[0], args[1])
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			switch format {
			case "text":
				fmt.Fprint(out, d.Text(useColor(out)))
			case "markdown":
				fmt.Fprint(out, d.Markdown())
			case "json":
				js, err := d.JSON()
				if err != nil {
					return err
				}
				out.Write(js)
			case "junit":
				x, err := d.JUnit()
				if err != nil {
					return err
				}
				out.Write(x)
			}
			if !d.Equal() {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text, markdown, json or junit")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "markdown", "json", "junit"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
