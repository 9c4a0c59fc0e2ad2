// This file holds what the eigenvalue methods share: the choice of end of
// the spectrum, the settings, the result and the input checks.

package spectral

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Which selects the eigenvalues an eigensolver looks for.
type Which int

const (
	// LargestAlgebraic asks for the k largest eigenvalues, λ₁ ≥ λ₂ ≥ ….
	LargestAlgebraic Which = iota
	// SmallestAlgebraic asks for the k smallest eigenvalues, λₙ ≤ λₙ₋₁ ≤ ….
	SmallestAlgebraic
	// LargestMagnitude asks for the k eigenvalues of largest |λ|.
	LargestMagnitude
)

// String returns the name of w.
func (w Which) String() string {
	switch w {
	case LargestAlgebraic:
		return "LargestAlgebraic"
	case SmallestAlgebraic:
		return "SmallestAlgebraic"
	case LargestMagnitude:
		return "LargestMagnitude"
	}
	return fmt.Sprintf("Which(%d)", int(w))
}

// EigenSettings configures PowerIteration and Lanczos. A nil pointer means
// the zero value, and a zero field means its default.
type EigenSettings struct {
	// Which selects the end of the spectrum; the default is LargestAlgebraic.
	Which Which

	// Tol is the convergence tolerance on residual norms: an eigenpair (λ, v)
	// is accepted when
	//	‖A v − λ v‖ ≤ Tol · ‖A‖
	// with ‖A‖ estimated by the method. The eigenvalue error is then of
	// order Tol² ‖A‖² / gap. The default is 1e-8.
	Tol float64

	// MaxIter bounds the work. For Lanczos it is the largest Krylov
	// dimension, the number of basis vectors of length n kept in memory,
	// default min(n, max(64, 4k)); it must be at least k. For PowerIteration
	// it is the number of iterations per eigenpair, default 1000.
	MaxIter int

	// Seed seeds the random starting vectors.
	Seed int64
}

// EigenResult holds the eigenpairs found by an eigensolver.
type EigenResult struct {
	// Values holds the k eigenvalues, the most extreme first: descending for
	// LargestAlgebraic, ascending for SmallestAlgebraic, by descending |λ|
	// for LargestMagnitude.
	Values []float64

	// Vectors holds the unit eigenvectors, Vectors[i] belonging to Values[i].
	// Their signs are arbitrary.
	Vectors [][]float64

	// Residuals holds ‖A vᵢ − λᵢ vᵢ‖ or, for Lanczos, its estimate
	// |βₘ sₘᵢ| from the tridiagonal problem.
	Residuals []float64

	// Converged reports whether every residual met the tolerance. When it is
	// false the result holds the best estimates found within MaxIter.
	Converged bool

	// Iterations is the Krylov dimension reached (Lanczos) or the total
	// number of iterations over all eigenpairs (PowerIteration).
	Iterations int

	// Products is the number of operator products spent.
	Products int
}

// eigenDefaults are the resolved settings of one eigensolver call.
type eigenDefaults struct {
	which   Which
	tol     float64
	maxIter int
	seed    int64
}

// resolveEigen checks the inputs of an eigensolver and fills in defaults.
// lanczos selects the meaning and default of MaxIter.
func resolveEigen(a Operator, k int, s *EigenSettings, lanczos bool) (eigenDefaults, error) {
	n := a.Dim()
	if err := checkDim(n); err != nil {
		return eigenDefaults{}, err
	}
	if k < 1 || k > n {
		return eigenDefaults{}, fmt.Errorf("%w: k = %d, n = %d", ErrK, k, n)
	}
	var set EigenSettings
	if s != nil {
		set = *s
	}
	d := eigenDefaults{which: set.Which, tol: set.Tol, maxIter: set.MaxIter, seed: set.Seed}
	switch {
	case d.which < LargestAlgebraic || d.which > LargestMagnitude:
		return d, fmt.Errorf("%w: Which = %d", ErrSettings, int(d.which))
	case d.tol < 0 || math.IsNaN(d.tol):
		return d, fmt.Errorf("%w: Tol = %g is negative", ErrSettings, d.tol)
	case d.maxIter < 0:
		return d, fmt.Errorf("%w: MaxIter = %d is negative", ErrSettings, d.maxIter)
	}
	if d.tol == 0 {
		d.tol = 1e-8
	}
	switch {
	case d.maxIter != 0 && lanczos && d.maxIter < k:
		return d, fmt.Errorf("%w: MaxIter = %d is below k = %d", ErrSettings, d.maxIter, k)
	case d.maxIter == 0 && lanczos:
		d.maxIter = min(n, max(64, 4*k))
	case d.maxIter == 0:
		d.maxIter = 1000
	case lanczos:
		d.maxIter = min(d.maxIter, n)
	}
	return d, nil
}

// pick returns the indices of the k wanted values among ascending vals, the
// most extreme first.
func pick(vals []float64, k int, which Which) []int {
	m := len(vals)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	switch which {
	case LargestAlgebraic:
		slices.Reverse(idx)
	case LargestMagnitude:
		slices.SortStableFunc(idx, func(i, j int) int {
			return cmp.Compare(math.Abs(vals[j]), math.Abs(vals[i]))
		})
	}
	return idx[:k]
}
