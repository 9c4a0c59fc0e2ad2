// This file implements `hessian check`: the test of a record for the edge
// of stability.

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
)

// eosResult is the outcome of the check of one record.
type eosResult struct {
	LR          float64
	ReachStep   int     // first step with λ₁ ≥ reach · 2/η; -1 if none
	ReachSharp  float64 // λ₁ at that step
	Rows        int     // rows from ReachStep on
	MedianRatio float64 // median of λ₁ η / 2 over those rows
	LossAtReach float64
	LossLast    float64
	LastStep    int
	Pass        bool
	Why         string // why it failed; empty on a pass
}

// minRowsAfterReach is the fewest rows after the sharpness reaches 2/η
// that make a median worth judging.
const minRowsAfterReach = 5

// checkEOS applies the check to t with the given thresholds. η is read
// from the lr column.
func checkEOS(t *table, reach, tol float64) (*eosResult, error) {
	steps, err := t.column("step")
	if err != nil {
		return nil, err
	}
	loss, err := t.column("loss")
	if err != nil {
		return nil, err
	}
	lr, err := t.column("lr")
	if err != nil {
		return nil, err
	}
	sharp, err := t.column("lambda1")
	if err != nil {
		return nil, err
	}
	if len(steps) == 0 {
		return nil, fmt.Errorf("hessian: %s: no rows", t.name)
	}

	res := &eosResult{LR: lr[0], ReachStep: -1, LastStep: int(steps[len(steps)-1]),
		LossLast: loss[len(loss)-1]}
	threshold := 2 / res.LR
	first := slices.IndexFunc(sharp, func(s float64) bool { return s >= reach*threshold })
	if first < 0 {
		res.Why = fmt.Sprintf("the sharpness never reaches %.0f%% of 2/η = %.4g (largest %.4g)",
			100*reach, threshold, slices.Max(sharp))
		return res, nil
	}
	res.ReachStep, res.ReachSharp, res.LossAtReach = int(steps[first]), sharp[first], loss[first]
	ratios := make([]float64, 0, len(sharp)-first)
	for _, s := range sharp[first:] {
		ratios = append(ratios, s/threshold)
	}
	res.Rows = len(ratios)
	res.MedianRatio = median(ratios)

	switch {
	case res.Rows < minRowsAfterReach:
		res.Why = fmt.Sprintf("only %d rows after the sharpness reaches 2/η, need %d",
			res.Rows, minRowsAfterReach)
	case !(res.MedianRatio >= 1-tol && res.MedianRatio <= 1+tol):
		res.Why = fmt.Sprintf("the median of λ₁/(2/η) is %.4f, outside 1 ± %g", res.MedianRatio, tol)
	case !(res.LossLast < res.LossAtReach):
		res.Why = fmt.Sprintf("the loss does not fall after step %d: %.4g then %.4g at the end",
			res.ReachStep, res.LossAtReach, res.LossLast)
	default:
		res.Pass = true
	}
	return res, nil
}

// median returns the median of xs, which it sorts.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// runCheck runs `hessian check`.
func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hessian check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	csv := fs.String("csv", "", "the metrics.csv to check (more may follow as arguments)")
	reach := fs.Float64("reach", 0.95, "the sharpness has reached 2/η at the first row with λ₁ ≥ reach·2/η")
	tol := fs.Float64("tol", 0.15, "pass when the median of λ₁/(2/η) after that row is within 1 ± tol")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errFlags
	}
	files := fs.Args()
	if *csv != "" {
		files = append([]string{*csv}, files...)
	}
	switch {
	case len(files) == 0:
		return usagef("check: no file; give -csv FILE")
	case !(*reach > 0 && *reach <= 1):
		return usagef("check: -reach %v is not in (0, 1]", *reach)
	case !(*tol > 0 && *tol < 1):
		return usagef("check: -tol %v is not in (0, 1)", *tol)
	}

	failed := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return usagef("check: %v", err)
		}
		t, err := parseTable(f, splitLines(string(data)))
		if err != nil {
			return usageError{err}
		}
		res, err := checkEOS(t, *reach, *tol)
		if err != nil {
			return usageError{err}
		}
		report(stdout, f, res, *tol)
		if !res.Pass {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("hessian: check: %d of %d records fail", failed, len(files))
	}
	return nil
}

// report prints the outcome of one check.
func report(w io.Writer, name string, r *eosResult, tol float64) {
	fmt.Fprintf(w, "%s: η = %.6g, 2/η = %.6g\n", name, r.LR, 2/r.LR)
	if r.ReachStep >= 0 {
		fmt.Fprintf(w, "  reaches 2/η at step %d (λ₁ = %.6g)\n", r.ReachStep, r.ReachSharp)
		fmt.Fprintf(w, "  median λ₁/(2/η) over %d rows from step %d: %.4f (want 1 ± %g)\n",
			r.Rows, r.ReachStep, r.MedianRatio, tol)
		fmt.Fprintf(w, "  loss %.6g at step %d, %.6g at step %d\n",
			r.LossAtReach, r.ReachStep, r.LossLast, r.LastStep)
	}
	if r.Pass {
		fmt.Fprintln(w, "  PASS")
	} else {
		fmt.Fprintf(w, "  FAIL: %s\n", r.Why)
	}
}
