// Command sparkport moves a legacy Hive / Digdag / cron estate to Spark on
// Amazon EMR. See README.md for the commands and their contracts.
package main

import (
	"os"

	"github.com/sparkport/sparkport/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
