// This file builds the test operators: symmetric matrices with known
// spectra, and operators that misbehave.

package spectral

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// withSpectrum returns Q diag(lambda) Qᵀ for a random orthogonal Q.
func withSpectrum(lambda []float64, seed uint64) *mat.SymDense {
	n := len(lambda)
	rng := rand.New(rand.NewPCG(seed, 1))
	g := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			g.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q mat.Dense
	qr.QTo(&q)

	a := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			var s float64
			for l := range n {
				s += q.At(i, l) * lambda[l] * q.At(j, l)
			}
			a.SetSym(i, j, s)
		}
	}
	return a
}

// eigenvalues returns the ascending eigenvalues of a by mat.EigenSym.
func eigenvalues(t *testing.T, a *mat.SymDense) []float64 {
	t.Helper()
	var es mat.EigenSym
	if !es.Factorize(a, false) {
		t.Fatal("EigenSym failed")
	}
	return es.Values(nil)
}

// indefinite returns n eigenvalues spread over [-10, 9.4]. The three at
// either end are separated by gaps of at least 0.9 and have distinct
// magnitudes, so that power iteration converges in a few hundred steps.
func indefinite(n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 2))
	lambda := make([]float64, n)
	for i := range lambda {
		lambda[i] = -6 + 12*rng.Float64()
	}
	ends := []float64{-10, -8.8, -7.5, 7.2, 8.5, 9.4}
	copy(lambda, ends[:min(n, len(ends))])
	slices.Sort(lambda)
	return lambda
}

// residual returns ‖A v − λ v‖.
func residual(a *mat.SymDense, lambda float64, v []float64) float64 {
	n := len(v)
	av := make([]float64, n)
	NewDense(a).Apply(av, v)
	floats.AddScaled(av, -lambda, v)
	return floats.Norm(av, 2)
}

// diagOp is the diagonal operator diag(d).
type diagOp []float64

func (d diagOp) Dim() int { return len(d) }

func (d diagOp) Apply(dst, v []float64) {
	for i, x := range v {
		dst[i] = d[i] * x
	}
}

// nanOp returns NaN in every product after the first few.
type nanOp struct {
	n, good int
	calls   int
}

func (o *nanOp) Dim() int { return o.n }

func (o *nanOp) Apply(dst, v []float64) {
	o.calls++
	for i, x := range v {
		dst[i] = 2 * x
	}
	if o.calls > o.good {
		dst[0] = math.NaN()
	}
}
