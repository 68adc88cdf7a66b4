// Command sparkport moves a legacy Hive / Digdag / cron estate to Spark on
// Amazon EMR. See README.md for the commands and their contracts.
//
// For measuring, SPARKPORT_CPUPROFILE=FILE and SPARKPORT_MEMPROFILE=FILE
// write Go pprof profiles of the run (go tool pprof FILE).
package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
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
	stop := profile()
	code := cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// profile starts the profiles the environment asks for and returns what
// writes them at the end of the run.
func profile() func() {
	var done []func()
	if path := os.Getenv("SPARKPORT_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "sparkport: SPARKPORT_CPUPROFILE:", err)
		} else {
			done = append(done, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if path := os.Getenv("SPARKPORT_MEMPROFILE"); path != "" {
		done = append(done, func() {
			f, err := os.Create(path)
			if err == nil {
				runtime.GC()
				err = pprof.WriteHeapProfile(f)
				f.Close()
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "sparkport: SPARKPORT_MEMPROFILE:", err)
			}
		})
	}
	return func() {
		for _, f := range done {
			f()
		}
	}
}
