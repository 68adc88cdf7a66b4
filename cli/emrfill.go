package cli

import (
	"bytes"
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
	var force bool
	cmd := &cobra.Command{
		Use:   "emr-fill TEMPLATE --at TIME [--set NAME=VALUE]... [-o FILE]",
		Short: "Fill an emr/*.template.json with the values of one run",
		Example: `  sparkport emr-fill out/emr/daily_sales.template.json --at 2024-05-02T02:30:00+09:00 -o steps.json
  aws emr add-steps --cluster-id j-XXXX --cli-input-json file://steps.json`,
		Long: `emr-fill computes the run-time values an EMR steps template leaves as
${NAME} — the dates the legacy job computed (date -d '1 day ago' +%Y%m%d),
from the run time given with --at, as manifest.json says — and prints the
concrete steps for "aws emr add-steps --cli-input-json". A legacy
workflow's Digdag session variables (${session_date}, ${session_time}, …)
and its date expressions (${moment(session_time).add(-7, 'days')
.format('YYYY-MM-DD')}: add/subtract and format) are computed from the run
time as Digdag would. Values with no formula (an environment variable,
another Digdag variable, a ${secret:…}) come from --set NAME=VALUE. Nothing is written unless every value is filled.

--at is the time the legacy job would have started: RFC 3339
(2024-05-02T02:30:00+09:00), or a time without an offset
(2024-05-02T02:30), read on the legacy servers' clock (the config's
timezone, recorded in manifest.json). The manifest is read from the output
folder the template is in (or --manifest). -o writes a new file; an
existing one only with --force, never the template itself.

Exit codes: 0 filled, 2 a value could not be filled or usage or I/O error.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &userError{Arg: "sparkport emr-fill", What: "want one TEMPLATE", Hint: "an emr/*.template.json of a migrate output"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			tpl := args[0]
			if !strings.HasSuffix(tpl, ".template.json") {
				return &userError{Arg: tpl, What: "not an EMR steps template", Hint: "give an emr/*.template.json of a migrate output; emr/*.json without .template are concrete already"}
			}
			data, err := os.ReadFile(tpl)
			if err != nil {
				return &userError{Arg: tpl, What: describe(err)}
			}
			if outFile != "" && outFile != "-" {
				if err := checkFillOutput(outFile, tpl, force); err != nil {
					return err
				}
			}
			if at == "" {
				return &userError{Arg: "--at", What: "missing run time", Hint: "such as --at 2024-05-02T02:30:00+09:00"}
			}
			if manifest == "" {
				manifest = filepath.Join(filepath.Dir(filepath.Dir(tpl)), emit.ManifestFile)
			}
			mdata, err := os.ReadFile(manifest)
			if err != nil {
				return &userError{Arg: "--manifest " + manifest, What: describe(err), Hint: "give the manifest.json of the output the template is from"}
			}
			var m emit.Manifest
			if err := json.Unmarshal(mdata, &m); err != nil || m.Schema == 0 {
				return &userError{Arg: manifest, What: "not a sparkport manifest"}
			}
			// A run time without an offset is on the legacy servers' clock.
			loc := time.Local
			if m.Timezone != "" {
				if l, err := time.LoadLocation(m.Timezone); err == nil {
					loc = l
				}
			}
			var when time.Time
			for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
				if when, err = time.ParseInLocation(layout, strings.ToUpper(at), loc); err == nil {
					break
				}
			}
			if err != nil {
				return &userError{Arg: "--at " + at, What: "not a time", Hint: "2024-05-02T02:30:00+09:00, or 2024-05-02T02:30 on the legacy servers' clock (" + loc.String() + ")"}
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
			if bytes.Contains(out, []byte("${")) {
				return &userError{Arg: "--set", What: "a value given holds ${…}, which nothing would fill", Hint: "give concrete values"}
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
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists (never the template itself)")
	return cmd
}

// checkFillOutput refuses to write the filled steps over their template,
// over a folder, or over an existing file without force.
func checkFillOutput(out, tpl string, force bool) error {
	info, err := os.Stat(out)
	switch {
	case err != nil:
		return nil
	case same(out, tpl):
		return &userError{Arg: "-o " + out, What: "is the template itself", Hint: "write the filled steps to another file"}
	case info.IsDir():
		return &userError{Arg: "-o " + out, What: "is a folder", Hint: "name a file, such as steps.json"}
	case !force:
		return &userError{Arg: "-o " + out, What: "exists", Hint: "use --force to replace it"}
	}
	return nil
}
