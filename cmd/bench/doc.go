// Command bench times hessgo on the benchmark workloads of
// shared/bench/WORKLOADS.md and prints one JSON object per workload.
//
// Usage:
//
//	bench [-only NAME]... [-seconds S] [-route fwd|rev]
//
// Each workload runs one warm-up iteration, then about S seconds split into
// five slices; the reported time is the median of the five per-iteration
// means, in milliseconds. Allocations and bytes are per iteration, averaged
// over all timed iterations. peak_rss_mib is the process's peak resident set
// so far (VmHWM), meaningful when a single workload is run.
package main
