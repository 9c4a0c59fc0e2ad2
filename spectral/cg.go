// This file implements the conjugate gradient method, truncated on negative
// curvature as Newton-CG and Hessian-free optimisation need it.
//
// CG solves (A + λ I) x = b for symmetric positive definite A + λ I,
// building A-conjugate directions pₖ and minimising
//	q(x) = ½ xᵀ (A + λ I) x − bᵀ x
// over growing Krylov spaces. When A + λ I is indefinite, a direction with
// pₖᵀ (A + λ I) pₖ ≤ 0 shows that q is unbounded below along pₖ; CG then
// stops and hands both the last iterate and that direction to the caller.

package spectral

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// CGStatus tells why CG stopped.
type CGStatus int

const (
	// Converged: the relative residual met the tolerance.
	Converged CGStatus = iota + 1
	// MaxIter: the iteration limit was reached first.
	MaxIter
	// NegativeCurvature: a direction p with pᵀ (A + λ I) p ≤ 0 was met.
	NegativeCurvature
	// NonFinite: a product held a NaN or an infinity.
	NonFinite
)

// String returns the name of s.
func (s CGStatus) String() string {
	switch s {
	case Converged:
		return "Converged"
	case MaxIter:
		return "MaxIter"
	case NegativeCurvature:
		return "NegativeCurvature"
	case NonFinite:
		return "NonFinite"
	}
	return fmt.Sprintf("CGStatus(%d)", int(s))
}

// CGSettings configures CG. A nil pointer means the zero value, and a zero
// field means its default.
type CGSettings struct {
	// Lambda is the damping λ added to the diagonal; zero by default.
	Lambda float64

	// Tol is the relative residual tolerance: CG stops when
	//	‖b − (A + λ I) x‖ ≤ Tol ‖b‖.
	// The default is 1e-6.
	Tol float64

	// MaxIter is the iteration limit, one product each, default n.
	MaxIter int

	// X0 is the starting point, zero by default. It costs one product more
	// and is not modified.
	X0 []float64
}

// CGResult holds the outcome of CG.
type CGResult struct {
	// X is the last iterate: the solution when Status is Converged. On
	// NegativeCurvature it is the iterate before the offending direction
	// (X0, or zero, if that was the first).
	X []float64

	// Status tells why CG stopped.
	Status CGStatus

	// Residual is the relative residual ‖b − (A + λ I) X‖ / ‖b‖ as tracked
	// by the recurrence.
	Residual float64

	// Direction is, on NegativeCurvature, the direction p met, and nil
	// otherwise. Curvature is pᵀ (A + λ I) p / pᵀ p for it.
	Direction []float64
	Curvature float64

	// Iterations counts the directions tried; Products the operator products.
	Iterations int
	Products   int
}

// CG solves (A + λ I) x = b by conjugate gradients. It does not fail for lack
// of convergence or on negative curvature: it reports these in Status. If b
// is zero, x = 0 is returned as converged.
//
// CG returns an error wrapping ErrDim if b or X0 does not have length n,
// ErrSettings for a bad setting, and ErrNonFinite if b, X0 or a product is not
// finite; in the last case, when iterations had begun, the result is returned
// too, with Status NonFinite and the last finite iterate.
func CG(a Operator, b []float64, s *CGSettings) (*CGResult, error) {
	set, err := resolveCG(a, b, s)
	if err != nil {
		return nil, err
	}
	n := a.Dim()
	c := &counter{op: a}
	res := &CGResult{X: make([]float64, n)}
	bnorm := floats.Norm(b, 2)
	if bnorm == 0 {
		res.Status = Converged
		return res, nil
	}

	// r = b − (A + λ I) x₀.
	r := append([]float64(nil), b...)
	ap := make([]float64, n)
	if set.X0 != nil {
		copy(res.X, set.X0)
		if err := c.apply(ap, res.X); err != nil {
			return cgFail(res, c, err)
		}
		floats.AddScaled(ap, set.Lambda, res.X)
		floats.Sub(r, ap)
	}
	p := append([]float64(nil), r...)
	rr := floats.Dot(r, r)
	res.Residual = math.Sqrt(rr) / bnorm

	for res.Residual > set.Tol {
		if res.Iterations == set.MaxIter {
			res.Status = MaxIter
			res.Products = c.products
			return res, nil
		}
		res.Iterations++

		// Curvature along p.
		if err := c.apply(ap, p); err != nil {
			return cgFail(res, c, err)
		}
		floats.AddScaled(ap, set.Lambda, p)
		pap := floats.Dot(p, ap)
		if math.IsNaN(pap) || math.IsInf(pap, 0) {
			return cgFail(res, c, fmt.Errorf("%w: curvature at iteration %d", ErrNonFinite, res.Iterations))
		}
		if pap <= 0 {
			res.Status = NegativeCurvature
			res.Direction = p
			res.Curvature = pap / floats.Dot(p, p)
			res.Products = c.products
			return res, nil
		}

		// Step along p, then the next conjugate direction.
		alpha := rr / pap
		floats.AddScaled(res.X, alpha, p)
		floats.AddScaled(r, -alpha, ap)
		rrNext := floats.Dot(r, r)
		floats.AddScaledTo(p, r, rrNext/rr, p)
		rr = rrNext
		res.Residual = math.Sqrt(rr) / bnorm
	}
	res.Status = Converged
	res.Products = c.products
	return res, nil
}

// cgFail returns res marked NonFinite together with err.
func cgFail(res *CGResult, c *counter, err error) (*CGResult, error) {
	res.Status = NonFinite
	res.Products = c.products
	return res, err
}

// resolveCG checks the inputs of CG and fills in defaults.
func resolveCG(a Operator, b []float64, s *CGSettings) (CGSettings, error) {
	n := a.Dim()
	if err := checkDim(n); err != nil {
		return CGSettings{}, err
	}
	var set CGSettings
	if s != nil {
		set = *s
	}
	switch {
	case len(b) != n:
		return set, fmt.Errorf("%w: b has length %d, operator dimension %d", ErrDim, len(b), n)
	case set.X0 != nil && len(set.X0) != n:
		return set, fmt.Errorf("%w: X0 has length %d, operator dimension %d", ErrDim, len(set.X0), n)
	case !allFinite(b):
		return set, fmt.Errorf("%w: in b", ErrNonFinite)
	case !allFinite(set.X0):
		return set, fmt.Errorf("%w: in X0", ErrNonFinite)
	case math.IsNaN(set.Lambda) || math.IsInf(set.Lambda, 0):
		return set, fmt.Errorf("%w: Lambda = %g", ErrSettings, set.Lambda)
	case set.Tol < 0 || math.IsNaN(set.Tol):
		return set, fmt.Errorf("%w: Tol = %g is negative", ErrSettings, set.Tol)
	case set.MaxIter < 0:
		return set, fmt.Errorf("%w: MaxIter = %d is negative", ErrSettings, set.MaxIter)
	}
	if set.Tol == 0 {
		set.Tol = 1e-6
	}
	if set.MaxIter == 0 {
		set.MaxIter = n
	}
	return set, nil
}
