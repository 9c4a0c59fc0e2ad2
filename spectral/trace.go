// This file implements the stochastic trace and diagonal estimators.
//
// For a random z with independent Rademacher (±1) entries, E[z zᵀ] = I, so
//	E[zᵀ A z] = tr(A),      var(zᵀ A z) = 2 (‖A‖²_F − Σᵢ Aᵢᵢ²),
//	E[z ⊙ A z] = diag(A),   var((z ⊙ A z)ᵢ) = Σ_{j≠i} Aᵢⱼ².
// Averaging m samples divides the variance by m; the standard errors
// reported are the sample standard deviations over √m.
//
// Hutch++ (Meyer, Musco, Musco and Woodruff, 2021) spends a third of its
// products on a sketch A S, with S of Rademacher columns, and a third on
// A Q for an orthonormal basis Q of range(A S). It computes tr(Qᵀ A Q)
// exactly and applies Hutchinson's estimator only to the deflated rest,
//	tr(A) = tr(Qᵀ A Q) + tr((I − Q Qᵀ) A (I − Q Qᵀ)),
// whose Frobenius norm, and so whose variance, is small when A is close to a
// matrix of rank below the sketch size.

package spectral

import (
	"fmt"

	"gonum.org/v1/gonum/floats"
)

// defaultBudget is the default number of products of the estimators.
const defaultBudget = 99

// EstimatorSettings configures Hutchinson, HutchPP and Diagonal. A nil
// pointer means the zero value, and a zero field means its default.
type EstimatorSettings struct {
	// Budget is the number of operator products to spend, default 99.
	// Hutchinson and Diagonal need at least 2, HutchPP at least 4.
	Budget int

	// Seed seeds the random probe vectors.
	Seed int64
}

// TraceResult holds a trace estimate.
type TraceResult struct {
	// Trace is the estimate of tr(A).
	Trace float64

	// StdErr is the standard error of the stochastic part of the estimate:
	// the sample standard deviation of the probes over √(probes).
	StdErr float64

	// Probes is the number of random vectors averaged.
	Probes int

	// Products is the number of operator products spent.
	Products int
}

// DiagonalResult holds an estimate of the diagonal of A.
type DiagonalResult struct {
	// Diag[i] estimates Aᵢᵢ.
	Diag []float64

	// StdErr[i] is the standard error of Diag[i].
	StdErr []float64

	// Products is the number of operator products spent.
	Products int
}

// budget checks the inputs of an estimator and returns its budget.
func budget(a Operator, s *EstimatorSettings, least int) (int, int64, error) {
	if err := checkDim(a.Dim()); err != nil {
		return 0, 0, err
	}
	var set EstimatorSettings
	if s != nil {
		set = *s
	}
	if set.Budget == 0 {
		set.Budget = defaultBudget
	}
	if set.Budget < least {
		return 0, 0, fmt.Errorf("%w: Budget = %d, need at least %d", ErrSettings, set.Budget, least)
	}
	return set.Budget, set.Seed, nil
}

// Hutchinson estimates tr(A) as the mean of zᵀ A z over Budget Rademacher
// vectors z. It returns an error wrapping ErrSettings for a bad budget and
// ErrNonFinite if a product is not finite.
func Hutchinson(a Operator, s *EstimatorSettings) (*TraceResult, error) {
	m, seed, err := budget(a, s, 2)
	if err != nil {
		return nil, err
	}
	n := a.Dim()
	rng := newRand(seed)
	c := &counter{op: a}
	z := make([]float64, n)
	az := make([]float64, n)
	var acc welford
	for range m {
		rademacher(rng, z)
		if err := c.apply(az, z); err != nil {
			return nil, err
		}
		acc.add(floats.Dot(z, az))
	}
	return &TraceResult{Trace: acc.mean, StdErr: acc.stdErr(), Probes: m, Products: c.products}, nil
}

// HutchPP estimates tr(A) by Hutch++ with Budget products: up to Budget/3
// for the sketch, one for each of the resulting basis vectors for the exact
// part, and the rest for Hutchinson's estimator on the deflated operator.
// The sketch stops early once its basis spans Rⁿ, and then the estimate is
// exact. StdErr covers only the Hutchinson part; the exact part has no
// variance.
//
// HutchPP keeps up to Budget/3 vectors of length n. It returns an error wrapping
// ErrSettings for a bad budget and ErrNonFinite if a product is not finite.
func HutchPP(a Operator, s *EstimatorSettings) (*TraceResult, error) {
	m, seed, err := budget(a, s, 4)
	if err != nil {
		return nil, err
	}
	n := a.Dim()
	rng := newRand(seed)
	c := &counter{op: a}

	// Q: an orthonormal basis of range(A S). Columns of A S in the span of
	// the earlier ones are dropped; once Q spans Rⁿ the sketch stops.
	var q [][]float64
	z := make([]float64, n)
	for range m / 3 {
		if len(q) == n {
			break
		}
		y := make([]float64, n)
		rademacher(rng, z)
		if err := c.apply(y, z); err != nil {
			return nil, err
		}
		before := floats.Norm(y, 2)
		orthogonalize(y, q)
		if after := floats.Norm(y, 2); after > 1e-10*before {
			floats.Scale(1/after, y)
			q = append(q, y)
		}
	}

	// The exact part tr(Qᵀ A Q).
	var exact float64
	aq := make([]float64, n)
	for _, qi := range q {
		if err := c.apply(aq, qi); err != nil {
			return nil, err
		}
		exact += floats.Dot(qi, aq)
	}

	// Hutchinson on (I − Q Qᵀ) A (I − Q Qᵀ) with the remaining products.
	probes := m - c.products
	var acc welford
	for range probes {
		rademacher(rng, z)
		orthogonalize(z, q)
		if err := c.apply(aq, z); err != nil {
			return nil, err
		}
		acc.add(floats.Dot(z, aq))
	}
	return &TraceResult{
		Trace:    exact + acc.mean,
		StdErr:   acc.stdErr(),
		Probes:   probes,
		Products: c.products,
	}, nil
}

// Diagonal estimates diag(A) as the mean of z ⊙ A z over Budget Rademacher
// vectors z, with a standard error per entry. It returns an error wrapping
// ErrSettings for a bad budget and ErrNonFinite if a product is not finite.
func Diagonal(a Operator, s *EstimatorSettings) (*DiagonalResult, error) {
	m, seed, err := budget(a, s, 2)
	if err != nil {
		return nil, err
	}
	n := a.Dim()
	rng := newRand(seed)
	c := &counter{op: a}
	z := make([]float64, n)
	az := make([]float64, n)
	acc := make([]welford, n)
	for range m {
		rademacher(rng, z)
		if err := c.apply(az, z); err != nil {
			return nil, err
		}
		for i := range acc {
			acc[i].add(z[i] * az[i])
		}
	}
	res := &DiagonalResult{Diag: make([]float64, n), StdErr: make([]float64, n), Products: c.products}
	for i := range acc {
		res.Diag[i] = acc[i].mean
		res.StdErr[i] = acc[i].stdErr()
	}
	return res, nil
}
