// This file holds the vector helpers, the seeded random source and the
// product counter shared by every method of the package.

package spectral

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
)

// pcgStream is the fixed second word of the PCG state; Seed gives the first.
const pcgStream = 0x9e3779b97f4a7c15

// newRand returns the package's deterministic random source for seed.
func newRand(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), pcgStream))
}

// rademacher fills z with independent ±1 entries, one random word per 64.
func rademacher(rng *rand.Rand, z []float64) {
	var bits uint64
	for i := range z {
		if i%64 == 0 {
			bits = rng.Uint64()
		}
		z[i] = float64(int(bits&1)*2 - 1)
		bits >>= 1
	}
}

// gaussian fills z with independent standard normal entries.
func gaussian(rng *rand.Rand, z []float64) {
	for i := range z {
		z[i] = rng.NormFloat64()
	}
}

// allFinite reports whether x holds neither NaN nor an infinity.
func allFinite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// orthogonalize removes from w its components along the orthonormal vectors
// of basis. One pass of classical Gram-Schmidt loses orthogonality when w is
// nearly in their span; a second pass restores it to working precision.
func orthogonalize(w []float64, basis [][]float64) {
	for range 2 {
		for _, q := range basis {
			floats.AddScaled(w, -floats.Dot(q, w), q)
		}
	}
}

// counter applies an operator, counts the products and checks that each
// result is finite.
type counter struct {
	op       Operator
	products int
}

// apply sets dst = A v and returns an error wrapping ErrNonFinite if the
// product holds a NaN or an infinity.
func (c *counter) apply(dst, v []float64) error {
	c.op.Apply(dst, v)
	c.products++
	if !allFinite(dst) {
		return fmt.Errorf("%w: operator product %d", ErrNonFinite, c.products)
	}
	return nil
}

// checkDim returns an error if the operator has no dimension.
func checkDim(n int) error {
	if n < 1 {
		return fmt.Errorf("%w: operator dimension %d", ErrDim, n)
	}
	return nil
}

// welford accumulates a running mean and sum of squared deviations, which
// stays accurate when the samples are large and their spread small.
type welford struct {
	n    int
	mean float64
	m2   float64
}

func (w *welford) add(x float64) {
	w.n++
	d := x - w.mean
	w.mean += d / float64(w.n)
	w.m2 += d * (x - w.mean)
}

// stdErr returns the sample standard deviation divided by √n.
func (w *welford) stdErr() float64 {
	if w.n < 2 {
		return 0
	}
	return math.Sqrt(w.m2 / float64(w.n-1) / float64(w.n))
}
