// This file implements the timing rule of the workloads: one warm-up
// iteration, then five slices of about a fifth of the budget each, reporting
// the median of the per-iteration means. It also times two workloads in
// alternating slices, for the ratio of their times.

package main

import (
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// result is one line of output.
type result struct {
	Workload      string  `json:"workload"`
	Ms            float64 `json:"ms"`
	AllocsPerIter float64 `json:"allocs_per_iter"`
	BytesPerIter  float64 `json:"bytes_per_iter"`
	Threads       int     `json:"threads"`
	PeakRSSMiB    float64 `json:"peak_rss_mib,omitempty"`
	Route         string  `json:"route,omitempty"`
	Engine        string  `json:"engine"`
}

const slicesPerRun = 5

// measure times step by the workload rule.
func measure(step func(), seconds float64) result {
	step()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	per := time.Duration(seconds / slicesPerRun * float64(time.Second))
	means := make([]float64, 0, slicesPerRun)
	total := 0
	for range slicesPerRun {
		ms, n := timeSlice(step, per, 3)
		total += n
		means = append(means, ms)
	}
	runtime.ReadMemStats(&after)
	slices.Sort(means)
	return result{
		Ms:            round(means[len(means)/2], 4),
		AllocsPerIter: round(float64(after.Mallocs-before.Mallocs)/float64(total), 1),
		BytesPerIter:  round(float64(after.TotalAlloc-before.TotalAlloc)/float64(total), 0),
		Engine:        "hessgo-" + runtime.Version(),
	}
}

// ratioSlice is the length of one slice of measureRatio.
const ratioSlice = 25 * time.Millisecond

// ratioResult is the output line of -ratio.
type ratioResult struct {
	Ratio   string  `json:"ratio"`
	Value   float64 `json:"value"`
	MsA     float64 `json:"ms_a"`
	MsB     float64 `json:"ms_b"`
	Pairs   int     `json:"pairs"`
	Threads int     `json:"threads"`
	Engine  string  `json:"engine"`
}

// measureRatio times a and b in alternating slices of about ratioSlice each,
// for about seconds in all, after a warm-up iteration of each. It returns
// the median over the pairs of slices of a's time per iteration over b's,
// and the median time per iteration of each in milliseconds. Neighbouring
// slices see the same state of a shared machine, so the ratio is steadier
// than one of two separate timings.
func measureRatio(a, b func(), seconds float64) ratioResult {
	a()
	b()
	pairs := max(slicesPerRun, int(seconds/(2*ratioSlice.Seconds())))
	slice := func(step func()) float64 {
		ms, _ := timeSlice(step, ratioSlice, 2)
		return ms
	}
	ratios := make([]float64, pairs)
	msA, msB := make([]float64, pairs), make([]float64, pairs)
	for i := range pairs {
		msA[i], msB[i] = slice(a), slice(b)
		ratios[i] = msA[i] / msB[i]
	}
	return ratioResult{
		Value:   round(median(ratios), 3),
		MsA:     round(median(msA), 4),
		MsB:     round(median(msB), 4),
		Pairs:   pairs,
		Threads: runtime.GOMAXPROCS(0),
		Engine:  "hessgo-" + runtime.Version(),
	}
}

// median returns the median of x, reordering x.
func median(x []float64) float64 {
	slices.Sort(x)
	if n := len(x); n%2 == 0 {
		return (x[n/2-1] + x[n/2]) / 2
	}
	return x[len(x)/2]
}

// timeSlice runs step for at least d and at least minIters times, and
// returns the mean time per iteration in milliseconds and the iterations.
func timeSlice(step func(), d time.Duration, minIters int) (ms float64, n int) {
	start := time.Now()
	for {
		step()
		n++
		if elapsed := time.Since(start); elapsed >= d && n >= minIters {
			return float64(elapsed) / float64(n) / 1e6, n
		}
	}
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

// peakRSSMiB returns the process's peak resident set size (VmHWM) in MiB,
// or 0 where /proc is not available.
func peakRSSMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return 0
			}
			return round(kb/1024, 1)
		}
	}
	return 0
}
