// Command sparkport moves a legacy Hive / Digdag / cron estate to Spark on
// Amazon EMR. See README.md for the commands and their contracts.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/sparkport/sparkport/cli"
	"github.com/sparkport/sparkport/internal/outdir"
)

func main() {
	// Interrupted (Ctrl-C, kill): the output folder is swapped in whole or
	// not at all; what was being written beside it is removed.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		outdir.Abandon()
		os.Exit(130)
	}()
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
