package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
)

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	var only stringList
	flag.Var(&only, "only", "run only the named workload (repeatable)")
	seconds := flag.Float64("seconds", 1, "approximate timed seconds per workload")
	route := flag.String("route", "fwd", "HVP route: fwd (forward over reverse) or rev (reverse over reverse)")
	list := flag.Bool("list", false, "list the workloads and exit")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed runs to `file`")
	ratio := flag.String("ratio", "", "time workloads `A/B` in alternating slices and print the ratio of their times")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: bench [-only NAME]... [-seconds S] [-route fwd|rev] [-ratio A/B]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *route != "fwd" && *route != "rev" {
		fmt.Fprintf(os.Stderr, "bench: unknown route %q\n", *route)
		os.Exit(2)
	}
	if *list {
		for _, w := range workloads {
			fmt.Println(w.name)
		}
		return
	}
	if *ratio != "" {
		a, b, ok := strings.Cut(*ratio, "/")
		if !ok || find(a) == nil || find(b) == nil || len(only) > 0 {
			fmt.Fprintf(os.Stderr, "bench: -ratio wants two workloads as A/B and no -only, got %q\n", *ratio)
			os.Exit(2)
		}
	}
	want := map[string]bool{}
	for _, n := range only {
		if find(n) == nil {
			fmt.Fprintf(os.Stderr, "bench: unknown workload %q\n", n)
			os.Exit(2)
		}
		want[n] = true
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	enc := json.NewEncoder(os.Stdout)
	if *ratio != "" {
		if err := enc.Encode(runRatio(*ratio, *route == "rev", *seconds)); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		return
	}
	for _, w := range workloads {
		if len(want) > 0 && !want[w.name] {
			continue
		}
		step := w.setup(*route == "rev")
		r := measure(step, *seconds)
		r.Workload = w.name
		r.Threads = runtime.GOMAXPROCS(0)
		r.PeakRSSMiB = peakRSSMiB()
		if w.hvp {
			r.Route = *route
		}
		if err := enc.Encode(r); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return
		}
	}
}

// runRatio times the workloads named by spec, "A/B", in alternating slices.
func runRatio(spec string, rev bool, seconds float64) ratioResult {
	a, b, _ := strings.Cut(spec, "/")
	r := measureRatio(find(a).setup(rev), find(b).setup(rev), seconds)
	r.Ratio = spec
	return r
}

func find(name string) *workload {
	for i := range workloads {
		if workloads[i].name == name {
			return &workloads[i]
		}
	}
	return nil
}
