// This file implements the timing rule of the workloads: one warm-up
// iteration, then five slices of about a fifth of the budget each, reporting
// the median of the per-iteration means.

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
		n, start := 0, time.Now()
		var elapsed time.Duration
		for {
			step()
			n++
			elapsed = time.Since(start)
			if elapsed >= per && n >= 3 {
				break
			}
		}
		total += n
		means = append(means, float64(elapsed)/float64(n)/1e6)
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
