// This file implements stochastic Lanczos quadrature for the spectral
// density, as used by Ghorbani, Krishnan and Xiao (2019) and PyHessian.
//
// The spectral density of A is φ(t) = (1/n) Σᵢ δ(t − λᵢ). For a unit vector
// v, m Lanczos steps from v give a tridiagonal Tₘ = S Θ Sᵀ whose Ritz values
// θⱼ and weights τⱼ = s₁ⱼ² form the m-node Gauss quadrature of the measure
// Σᵢ (uᵢᵀ v)² δ(t − λᵢ): it integrates polynomials of degree up to 2m − 1
// exactly. For v uniform on the sphere (a normalised Gaussian vector) the
// expectation of that measure is φ, so averaging over nᵥ vectors gives
//	φ(t) ≈ (1/nᵥ) Σₗ Σⱼ τⱼˡ δ(t − θⱼˡ),
// which is smoothed with a Gaussian of variance σ² for display.

package spectral

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// DensitySettings configures Density. A nil pointer means the zero value,
// and a zero field means its default.
type DensitySettings struct {
	// Vectors is the number nᵥ of random starting vectors, default 10.
	Vectors int

	// Steps is the number m of Lanczos steps per vector, default 80, capped
	// at n. A run stops early when its Krylov space is invariant, where its
	// quadrature is already exact.
	Steps int

	// Sigma2 is the variance σ² of the Gaussian kernel. The default is
	// (w/100)², w being the width of the range of Ritz values (or 1% of
	// their magnitude, or 1, when that width is zero).
	Sigma2 float64

	// Points is the number of grid points, default 1000; at least 2.
	Points int

	// Min and Max bound the grid. When both are zero the grid spans the Ritz
	// values padded by 5σ on either side.
	Min, Max float64

	// Seed seeds the starting vectors.
	Seed int64
}

// DensityResult holds the quadrature nodes and the smoothed density.
type DensityResult struct {
	// Nodes and Weights hold the Ritz values θ and weights τ/nᵥ of every
	// run, one run after the other. The weights sum to 1.
	Nodes, Weights []float64

	// Sigma2 is the kernel variance used.
	Sigma2 float64

	// Grid holds equally spaced points from Min to Max, and Values the
	// smoothed density there, scaled so that its trapezoidal integral over
	// the grid is 1. If the kernels vanish on the whole grid (a grid far
	// from every node), Values are zero.
	Grid, Values []float64

	// Products is the number of operator products spent.
	Products int

	norm float64 // the scaling that makes Values integrate to 1
}

// At returns the smoothed density at t, with the same scaling as Values:
//
//	At(t) = Σⱼ wⱼ exp(−(t − θⱼ)² / (2σ²)) / √(2πσ²) / Z,
//
// Z being the grid integral of the unscaled sum.
func (r *DensityResult) At(t float64) float64 {
	return r.kernelSum(t) / r.norm
}

// kernelSum returns the unscaled smoothed density at t.
func (r *DensityResult) kernelSum(t float64) float64 {
	c := 1 / math.Sqrt(2*math.Pi*r.Sigma2)
	var sum float64
	for j, th := range r.Nodes {
		d := t - th
		sum += r.Weights[j] * math.Exp(-d*d/(2*r.Sigma2))
	}
	return c * sum
}

// Density estimates the spectral density of a by stochastic Lanczos
// quadrature: Vectors runs of Steps Lanczos steps with full
// reorthogonalisation from normalised Gaussian vectors. It returns an error
// wrapping ErrSettings for a bad setting and ErrNonFinite if a product is
// not finite.
func Density(a Operator, s *DensitySettings) (*DensityResult, error) {
	set, err := resolveDensity(a, s)
	if err != nil {
		return nil, err
	}
	n := a.Dim()
	rng := newRand(set.Seed)
	c := &counter{op: a}
	res := &DensityResult{}

	for range set.Vectors {
		v := make([]float64, n)
		gaussian(rng, v)
		kr := newKrylov(c, v)
		for {
			b, err := kr.step()
			if err != nil {
				return nil, err
			}
			if len(kr.q) >= set.Steps || b <= breakdownTol*kr.tnorm {
				break
			}
			kr.accept(b)
		}
		theta, sv, err := kr.ritz()
		if err != nil {
			return nil, err
		}
		m := len(theta)
		for j := range m {
			res.Nodes = append(res.Nodes, theta[j])
			res.Weights = append(res.Weights, sv[j]*sv[j]/float64(set.Vectors))
		}
	}
	res.Products = c.products
	res.smooth(set)
	return res, nil
}

// resolveDensity checks the inputs of Density and fills in defaults that do
// not depend on the Ritz values.
func resolveDensity(a Operator, s *DensitySettings) (DensitySettings, error) {
	n := a.Dim()
	if err := checkDim(n); err != nil {
		return DensitySettings{}, err
	}
	var set DensitySettings
	if s != nil {
		set = *s
	}
	switch {
	case set.Vectors < 0:
		return set, fmt.Errorf("%w: Vectors = %d is negative", ErrSettings, set.Vectors)
	case set.Steps < 0:
		return set, fmt.Errorf("%w: Steps = %d is negative", ErrSettings, set.Steps)
	case set.Sigma2 < 0 || math.IsNaN(set.Sigma2) || math.IsInf(set.Sigma2, 0):
		return set, fmt.Errorf("%w: Sigma2 = %g", ErrSettings, set.Sigma2)
	case set.Points < 0 || set.Points == 1:
		return set, fmt.Errorf("%w: Points = %d, need at least 2", ErrSettings, set.Points)
	case set.Min > set.Max || !allFinite([]float64{set.Min, set.Max}):
		return set, fmt.Errorf("%w: grid [%g, %g]", ErrSettings, set.Min, set.Max)
	case set.Min == set.Max && set.Min != 0:
		return set, fmt.Errorf("%w: empty grid [%g, %g]", ErrSettings, set.Min, set.Max)
	}
	if set.Vectors == 0 {
		set.Vectors = 10
	}
	if set.Steps == 0 {
		set.Steps = 80
	}
	set.Steps = min(set.Steps, n)
	if set.Points == 0 {
		set.Points = 1000
	}
	return set, nil
}

// smooth picks σ² and the grid if they are not set, and fills Grid and
// Values.
func (r *DensityResult) smooth(set DensitySettings) {
	lo, hi := floats.Min(r.Nodes), floats.Max(r.Nodes)
	r.Sigma2 = set.Sigma2
	if r.Sigma2 == 0 {
		w := hi - lo
		if w == 0 {
			w = 0.01 * max(math.Abs(lo), math.Abs(hi))
		}
		if w == 0 {
			w = 1
		}
		r.Sigma2 = (w / 100) * (w / 100)
	}
	if set.Min == 0 && set.Max == 0 {
		pad := 5 * math.Sqrt(r.Sigma2)
		set.Min, set.Max = lo-pad, hi+pad
	}

	r.Grid = floats.Span(make([]float64, set.Points), set.Min, set.Max)
	r.Values = make([]float64, set.Points)
	for i, t := range r.Grid {
		r.Values[i] = r.kernelSum(t)
	}

	// Trapezoidal rule on the equally spaced grid.
	h := r.Grid[1] - r.Grid[0]
	r.norm = h * (floats.Sum(r.Values) - (r.Values[0]+r.Values[set.Points-1])/2)
	if r.norm == 0 {
		r.norm = 1 // no mass on the grid: leave the zeros unscaled
	}
	floats.Scale(1/r.norm, r.Values)
}
