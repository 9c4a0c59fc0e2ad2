// Command bench times hessgo on the benchmark workloads of
// shared/bench/WORKLOADS.md and prints one JSON object per workload.
//
// Usage:
//
//	bench [-only NAME]... [-seconds S] [-route fwd|rev]
//	bench -ratio A/B [-seconds S] [-route fwd|rev]
//
// Each workload runs one warm-up iteration, then about S seconds split into
// five slices; the reported time is the median of the five per-iteration
// means, in milliseconds. Allocations and bytes are per iteration, averaged
// over all timed iterations. peak_rss_mib is the process's peak resident set
// so far (VmHWM), meaningful when a single workload is run.
//
// With -ratio A/B, bench times workloads A and B in alternating slices of
// about 25 ms, for about S seconds in all, and prints the median over the
// pairs of slices of A's time over B's, as "value", with each one's median
// time per iteration. On a shared machine, whose speed drifts from one
// second to the next, this is the steadier way to compare two workloads:
//
//	bench -ratio mlp-hvp/mlp-grad -seconds 10
package main
