package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sparkport/sparkport/emit"
)

func newEMRFillCmd() *cobra.Command {
	var at, manifest, outFile string
	var sets []string
	cmd := &cobra.Command{
		Use:   "emr-fill TEMPLATE --at TIME [--set NAME=VALUE]... [-o FILE]",
		Short: "Fill an emr/*.template.json with the values of one run",
		Example: `  sparkport emr-fill out/emr/daily_sales.template.json --at 2024-05-02T02:30:00+09:00 -o steps.json
  aws emr add-steps --cluster-id j-XXXX --cli-input-json file://steps.json`,
		Long: `emr-fill computes the run-time values an EMR steps template leaves as
${NAME} — the dates the legacy job computed (date -d '1 day ago' +%Y%m%d),
from the run time given with --at, as manifest.json says — and prints the
concrete steps for "aws emr add-steps --cli-input-json". Values with no
formula (an environment variable, a Digdag variable, a ${secret:…}) come
from --set NAME=VALUE. Nothing is written unless every value is filled.

--at is the time the legacy job would have started (RFC 3339, or
YYYY-MM-DDTHH:MM in the config's time zone given as TZ=...). The manifest is
read from the output folder the template is in (or --manifest).

Exit codes: 0 filled, 2 a value could not be filled or usage or I/O error.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &userError{Arg: "sparkport emr-fill", What: "want one TEMPLATE", Hint: "an emr/*.template.json of a migrate output"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			tpl := args[0]
			data, err := os.ReadFile(tpl)
			if err != nil {
				return &userError{Arg: tpl, What: describe(err)}
			}
			if at == "" {
				return &userError{Arg: "--at", What: "missing run time", Hint: "such as --at 2024-05-02T02:30:00+09:00"}
			}
			when, err := time.Parse(time.RFC3339, at)
			if err != nil {
				if when, err = time.ParseInLocation("2006-01-02T15:04", at, time.Local); err != nil {
					return &userError{Arg: "--at " + at, What: "not a time", Hint: "RFC 3339, such as 2024-05-02T02:30:00+09:00"}
				}
			}
			if manifest == "" {
				manifest = filepath.Join(filepath.Dir(filepath.Dir(tpl)), emit.ManifestFile)
			}
			mdata, err := os.ReadFile(manifest)
			if err != nil {
				return &userError{Arg: "--manifest " + manifest, What: describe(err), Hint: "give the manifest.json of the output the template is from"}
			}
			var m emit.Manifest
			if err := json.Unmarshal(mdata, &m); err != nil {
				return &userError{Arg: manifest, What: "not a sparkport manifest: " + err.Error()}
			}
			values := map[string]string{}
			for _, s := range sets {
				k, v, ok := strings.Cut(s, "=")
				if !ok || k == "" {
					return &userError{Arg: "--set " + s, What: "want NAME=VALUE"}
				}
				values[k] = v
			}
			out, missing, err := emit.FillTemplate(data, &m, when, values)
			if err != nil {
				return &userError{Arg: tpl, What: err.Error()}
			}
			if len(missing) > 0 {
				return &userError{Arg: tpl, What: "no value for ${" + strings.Join(missing, "}, ${") + "}", Hint: "give them with --set NAME=VALUE"}
			}
			if outFile == "" || outFile == "-" {
				_, err := cmd.OutOrStdout().Write(out)
				return err
			}
			if err := writeFileAtomic(outFile, out); err != nil {
				return fmt.Errorf("writing %s: %s", outFile, describe(err))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "the run time (RFC 3339)")
	cmd.Flags().StringArrayVar(&sets, "set", nil, "NAME=VALUE for a value with no formula (repeatable)")
	cmd.Flags().StringVar(&manifest, "manifest", "", "manifest.json of the output (default: beside the emr/ folder)")
	cmd.Flags().StringVarP(&outFile, "output", "o", "", "file to write (default: standard output)")
	return cmd
}
