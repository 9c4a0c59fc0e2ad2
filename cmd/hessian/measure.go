// This file implements the measurements of a row: the loss and accuracy,
// the top Hessian eigenvalues, the trace and the spectral density, all on
// exact Hessian-vector products of the full training loss.

package main

import (
	"fmt"

	"github.com/hessgo/hessgo/spectral"
)

// seeds are the seeds of the random vectors of one measurement, drawn from
// the run's generator so that a resumed run draws the same ones.
type seeds struct{ eig, trace, density int64 }

// topEigenvalues returns the k largest eigenvalues of op, largest first,
// by Lanczos or by power iteration.
func topEigenvalues(op spectral.Operator, k int, method string, tol float64, seed int64) ([]float64, error) {
	s := &spectral.EigenSettings{Which: spectral.LargestAlgebraic, Tol: tol, Seed: seed}
	var (
		r   *spectral.EigenResult
		err error
	)
	if method == "power" {
		s.MaxIter = 5000
		r, err = spectral.PowerIteration(op, k, s)
	} else {
		s.MaxIter = min(op.Dim(), max(80, 4*k))
		r, err = spectral.Lanczos(op, k, s)
	}
	if err != nil {
		return nil, fmt.Errorf("hessian: %s: %v", method, err)
	}
	return r.Values, nil
}

// trace returns Hutchinson's estimate of tr(op) with its standard error.
func trace(op spectral.Operator, probes int, seed int64) (float64, float64, error) {
	r, err := spectral.Hutchinson(op, &spectral.EstimatorSettings{Budget: probes, Seed: seed})
	if err != nil {
		return 0, 0, fmt.Errorf("hessian: hutchinson: %v", err)
	}
	return r.Trace, r.StdErr, nil
}

// density returns the rows "step,t,value" of the smoothed spectral density
// of op on a grid of 200 points.
func density(op spectral.Operator, step int, seed int64) ([]string, error) {
	r, err := spectral.Density(op, &spectral.DensitySettings{
		Vectors: 3, Steps: min(op.Dim(), 60), Points: 200, Seed: seed})
	if err != nil {
		return nil, fmt.Errorf("hessian: density: %v", err)
	}
	rows := make([]string, len(r.Grid))
	for i, t := range r.Grid {
		rows[i] = fmt.Sprintf("%d,%s,%s", step, fmtFloat(t), fmtFloat(r.Values[i]))
	}
	return rows, nil
}
