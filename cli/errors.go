package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sparkport/sparkport/internal/outdir"
	"github.com/sparkport/sparkport/inventory"
	"github.com/spf13/cobra"
)

// userError is an error a user can act on: which argument or file, what
// is wrong with it and, when there is one, what to do instead. Every
// command reports its usage and input errors with it (exit 2).
type userError struct {
	Arg  string // the argument, flag or file as the user gave it
	What string
	Hint string
}

func (e *userError) Error() string {
	msg := e.What
	if e.Arg != "" {
		msg = e.Arg + ": " + e.What
	}
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// describe turns an I/O error into words: the path is already named by
// the caller, so the error's own copy of it is left out.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// checkInputFolder checks that what names a folder to read: role is what
// the command calls it ("estate"), for the message.
func checkInputFolder(role, p, hint string) error {
	info, err := os.Stat(p)
	if err != nil {
		return &userError{Arg: role + " " + p, What: describe(err), Hint: hint}
	}
	if !info.IsDir() {
		return &userError{Arg: role + " " + p, What: "is a file, not a folder", Hint: hint}
	}
	return nil
}

// checkOutput applies the one rule of every command that writes a folder
// (internal/outdir): only an empty folder or an earlier sparkport output
// is replaced, and never an input, a folder holding one or one inside one.
func checkOutput(dir, command string, inputs []string, force bool) error {
	if dir == "" {
		return &userError{Arg: "-o", What: "missing output folder", Hint: "give -o DIR"}
	}
	if err := outdir.Check(dir, command, inputs, force); err != nil {
		var oe *outdir.Error
		if errors.As(err, &oe) {
			return &userError{Arg: "-o " + dir, What: oe.What, Hint: oe.Hint}
		}
		return err
	}
	return nil
}

// writeError names the folder a write failed in.
func writeError(dir string, err error) error {
	if outdir.Interrupted() {
		return exitError{130} // interrupted: nothing to add, the output is as it was
	}
	var oe *outdir.Error
	if errors.As(err, &oe) {
		return &userError{Arg: "-o " + dir, What: oe.What, Hint: oe.Hint}
	}
	return fmt.Errorf("writing %s: %s", dir, describe(err))
}

const estateHint = "ESTATE is the folder holding one folder per VM, such as ESTATE/batch-01/etc/crontab; see README, \"On your own estate\""

func checkWorkers(n int) error {
	if n < 0 {
		return &userError{Arg: "--workers", What: fmt.Sprintf("%d is negative", n), Hint: "give 0 for one per core, or a positive number"}
	}
	return nil
}

// checkBaseline refuses a --baseline that cannot catch a change: one that
// is missing, not a migrate output, or the very folder being written (the
// new output would replace it and be compared with itself).
func checkBaseline(baseline, out string) error {
	if err := checkInputFolder("--baseline", baseline, "give an earlier migrate output, such as a committed baseline/"); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(baseline, "manifest.json")); err != nil {
		return &userError{Arg: "--baseline " + baseline, What: "has no manifest.json: not a migrate output"}
	}
	if same(baseline, out) {
		return &userError{Arg: "--baseline " + baseline, What: "is the output folder -o: the new output would replace the baseline and be compared with itself",
			Hint: "write the new output elsewhere, or regenerate the baseline without --baseline"}
	}
	return nil
}

// same reports whether a and b name one folder.
func same(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	x, _ := filepath.Abs(a)
	y, _ := filepath.Abs(b)
	return x == y
}

// estateArg checks that a command got exactly one ESTATE argument.
func estateArg(cmd *cobra.Command, args []string) error {
	switch len(args) {
	case 1:
		return nil
	case 0:
		return &userError{Arg: "sparkport " + cmd.Name(), What: "missing ESTATE", Hint: "the folder holding one folder per VM; see sparkport " + cmd.Name() + " --help"}
	}
	return &userError{Arg: "sparkport " + cmd.Name(), What: fmt.Sprintf("%d arguments (%s), want one ESTATE folder", len(args), strings.Join(args, " ")),
		Hint: "options go with their values, such as -o DIR; see sparkport " + cmd.Name() + " --help"}
}

// plural is "1 file" or "2 files".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// pathArgs checks that a command got at least one PATH.
func pathArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return &userError{Arg: "sparkport " + cmd.Name(), What: "missing PATH", Hint: "name files or folders, or - for standard input; see sparkport " + cmd.Name() + " --help"}
	}
	return nil
}

// checkEstate checks ESTATE: a readable folder laid out as one folder per
// VM (see inventory.CheckLayout).
func checkEstate(estate string) error {
	if err := checkInputFolder("estate", estate, estateHint); err != nil {
		return err
	}
	if err := inventory.CheckLayout(estate); err != nil {
		return &userError{Arg: "estate " + estate, What: err.Error()}
	}
	return nil
}
