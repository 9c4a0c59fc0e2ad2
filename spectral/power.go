// This file implements power iteration with deflation.
//
// Power iteration converges to the eigenvalue of largest magnitude. To reach
// the largest (or smallest) algebraic eigenvalues it iterates instead on the
// shifted operator
//	B = A + ρ I   (or B = ρ I − A),
// which is positive semi-definite when ρ ≥ ‖A‖, so that its dominant
// eigenvalues are the wanted ones. ρ is 1.1 times an estimate of ‖A‖ from a
// few plain iterations; should the estimate be short and the iteration land
// on the other end of the spectrum, ρ is raised and the eigenpair redone.
//
// After an eigenvector is found, later iterates are kept orthogonal to it
// (projective deflation), so the iteration works on (I − V Vᵀ) B (I − V Vᵀ).
// Each iteration costs one product; the error shrinks like |μ₂/μ₁| per
// iteration, μ being the eigenvalues of the deflated B, so clustered
// eigenvalues converge slowly. Lanczos is then the better choice.

package spectral

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
)

// normIters bounds the plain iterations that estimate ‖A‖ for the shift.
const normIters = 30

// PowerIteration returns k extreme eigenpairs of the symmetric operator a,
// chosen by s.Which, by power iteration with projective deflation, one
// eigenpair after the other, each from a random Gaussian start.
//
// With LargestMagnitude and eigenvalues λ and −λ of equal magnitude, the
// iterate does not settle; use Lanczos for such spectra.
//
// PowerIteration returns an error wrapping ErrK if k is not in 1..n,
// ErrSettings for a bad setting, and ErrNonFinite if a product is not
// finite. Reaching MaxIter is not an error: see EigenResult.Converged.
func PowerIteration(a Operator, k int, s *EigenSettings) (*EigenResult, error) {
	set, err := resolveEigen(a, k, s, false)
	if err != nil {
		return nil, err
	}
	rng := newRand(set.seed)
	c := &counter{op: a}
	p := &power{c: c, rng: rng, set: set}
	if set.which != LargestMagnitude {
		if p.rho, err = p.normEstimate(); err != nil {
			return nil, err
		}
		p.rho *= 1.1
	}

	res := &EigenResult{Converged: true}
	for len(res.Values) < k {
		v, theta, r, conv, err := p.one(res.Vectors)
		if err != nil {
			return nil, err
		}
		if p.wrongEnd(theta) {
			p.rho = 2 * max(p.rho, math.Abs(theta))
			continue
		}
		p.scale = max(p.scale, math.Abs(theta))
		res.Values = append(res.Values, theta)
		res.Vectors = append(res.Vectors, v)
		res.Residuals = append(res.Residuals, r)
		res.Converged = res.Converged && conv
	}
	res.Iterations = p.iters
	res.Products = c.products
	return res, nil
}

// power holds the state shared by the eigenpairs of one PowerIteration.
type power struct {
	c     *counter
	rng   *rand.Rand
	set   eigenDefaults
	rho   float64 // shift; zero for LargestMagnitude
	scale float64 // largest |λ| seen, for the tolerance
	iters int
}

// wrongEnd reports whether theta lies where the shifted operator B has a
// negative eigenvalue, so that ρ was too small.
func (p *power) wrongEnd(theta float64) bool {
	switch p.set.which {
	case LargestAlgebraic:
		return theta+p.rho < 0
	case SmallestAlgebraic:
		return p.rho-theta < 0
	}
	return false
}

// normEstimate returns max ‖A v‖ over a few power iterates v of unit norm,
// a lower bound on ‖A‖ that approaches it.
func (p *power) normEstimate() (float64, error) {
	n := p.c.op.Dim()
	v := make([]float64, n)
	w := make([]float64, n)
	gaussian(p.rng, v)
	floats.Scale(1/floats.Norm(v, 2), v)
	var est float64
	for range normIters {
		if err := p.c.apply(w, v); err != nil {
			return 0, err
		}
		nw := floats.Norm(w, 2)
		if nw == 0 {
			break
		}
		if nw <= est*(1+1e-3) {
			est = max(est, nw)
			break
		}
		est = nw
		v, w = w, v
		floats.Scale(1/nw, v)
	}
	return est, nil
}

// one runs power iteration on B deflated by the unit vectors found. It
// returns the last unit iterate v, its Rayleigh quotient θ = vᵀ A v, the norm
// of the deflated residual (I − V Vᵀ)(A v − θ v), and whether it met the
// tolerance.
func (p *power) one(found [][]float64) (v []float64, theta, r float64, conv bool, err error) {
	n := p.c.op.Dim()
	v = make([]float64, n)
	w := make([]float64, n)
	res := make([]float64, n)
	p.restart(v, found)

	for range p.set.maxIter {
		p.iters++
		if err := p.c.apply(w, v); err != nil {
			return nil, 0, 0, false, err
		}

		// Residual of the Rayleigh quotient, within the deflated space.
		theta = floats.Dot(v, w)
		floats.AddScaledTo(res, w, -theta, v)
		orthogonalize(res, found)
		r = floats.Norm(res, 2)
		if r <= p.set.tol*max(p.rho, p.scale, math.Abs(theta)) {
			return v, theta, r, true, nil
		}

		// Next iterate: B v, deflated and normalised.
		switch p.set.which {
		case LargestAlgebraic:
			floats.AddScaled(w, p.rho, v)
		case SmallestAlgebraic:
			floats.Scale(-1, w)
			floats.AddScaled(w, p.rho, v)
		}
		orthogonalize(w, found)
		nw := floats.Norm(w, 2)
		if nw == 0 {
			p.restart(v, found)
			continue
		}
		floats.ScaleTo(v, 1/nw, w)
	}
	return v, theta, r, false, nil
}

// restart fills v with a random unit vector orthogonal to found.
func (p *power) restart(v []float64, found [][]float64) {
	gaussian(p.rng, v)
	orthogonalize(v, found)
	floats.Scale(1/floats.Norm(v, 2), v)
}
