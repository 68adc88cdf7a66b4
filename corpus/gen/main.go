// Command gen writes a synthetic estate of any size — one folder per VM,
// as sparkport reads them — and a ground truth of what is in it: which SQL
// files are copies of one job, which jobs form parametric families, the
// lineage, the planted secrets and the dead jobs. Tests and benchmarks
// score the inventory against it.
//
//	go run ./corpus/gen -o /tmp/estate172            # 172 VMs, 3,000+ jobs
//	go run ./corpus/gen -o /tmp/small -hosts 8 -services 6
//	go run ./corpus/gen -o /tmp/estate1720 -hosts 1720 -services 800   # 10x
//
// The same flags and seed always give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	var cfg Config
	var out string
	flag.StringVar(&out, "o", "", "folder to write: OUT/estate/<host>/... and OUT/truth.json (must not exist or be empty)")
	flag.IntVar(&cfg.Hosts, "hosts", 172, "number of VMs")
	flag.IntVar(&cfg.Services, "services", len(services), fmt.Sprintf("number of services; each has a family of jobs (beyond the %d named ones, the names repeat with a number: -hosts 1720 -services 800 is a 10x estate)", len(services)))
	flag.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	flag.IntVar(&cfg.MaxCopies, "copies", 10, "most copies of one job across VMs")
	flag.Parse()
	if out == "" {
		fmt.Fprintln(os.Stderr, "usage: gen -o DIR [-hosts N] [-services N] [-seed S] [-copies N]")
		os.Exit(2)
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gen: %s is not empty\n", out)
		os.Exit(2)
	}
	truth, err := Generate(out, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	fmt.Printf("%d hosts, %d jobs, %d SQL files, %d families, %d flows, %d secrets, %d dead jobs\n",
		cfg.Hosts, truth.Jobs, len(truth.SQL), truth.familyCount(), len(truth.Flows), len(truth.Secrets), len(truth.Dead))
}
