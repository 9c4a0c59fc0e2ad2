package spectral

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// twoClusters returns n eigenvalues, a fraction p of them in [-2.2, -1.8]
// and the rest in [4.8, 5.2].
func twoClusters(n int, p float64, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 4))
	lambda := make([]float64, n)
	for i := range lambda {
		c := 5.0
		if i < int(p*float64(n)) {
			c = -2
		}
		lambda[i] = c - 0.2 + 0.4*rng.Float64()
	}
	return lambda
}

// trapezoid integrates the values v on the equally spaced grid x over
// [lo, hi].
func trapezoid(x, v []float64, lo, hi float64) float64 {
	var s float64
	for i := 1; i < len(x); i++ {
		if x[i-1] >= lo && x[i] <= hi {
			s += (x[i] - x[i-1]) * (v[i] + v[i-1]) / 2
		}
	}
	return s
}

func TestDensityClusters(t *testing.T) {
	tests := []struct {
		n    int
		p    float64
		seed int64
	}{
		{60, 1.0 / 3, 1},
		{60, 0.5, 2},
		{40, 0.25, 3},
	}
	for _, tt := range tests {
		a := NewDense(withSpectrum(twoClusters(tt.n, tt.p, uint64(tt.seed)), uint64(tt.seed)))
		res, err := Density(a, &DensitySettings{Vectors: 40, Steps: 30, Sigma2: 0.01, Seed: tt.seed})
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := res.Grid[0], res.Grid[len(res.Grid)-1]
		if got := trapezoid(res.Grid, res.Values, lo, hi); math.Abs(got-1) > 1e-12 {
			t.Errorf("n=%d: got integral %g, want 1", tt.n, got)
		}
		if got := floats.Sum(res.Weights); math.Abs(got-1) > 1e-12 {
			t.Errorf("n=%d: got weight sum %g, want 1", tt.n, got)
		}
		want := float64(int(tt.p*float64(tt.n))) / float64(tt.n)
		if got := trapezoid(res.Grid, res.Values, -3, -1); math.Abs(got-want) > 0.05 {
			t.Errorf("n=%d: got mass %g in [-3, -1], want %g", tt.n, got, want)
		}
		if got := trapezoid(res.Grid, res.Values, 4, 6); math.Abs(got-(1-want)) > 0.05 {
			t.Errorf("n=%d: got mass %g in [4, 6], want %g", tt.n, got, 1-want)
		}
		if res.Products != 40*30 {
			t.Errorf("n=%d: got %d products, want %d", tt.n, res.Products, 40*30)
		}
		for i := 0; i < len(res.Grid); i += 97 {
			if got, want := res.At(res.Grid[i]), res.Values[i]; math.Abs(got-want) > 1e-12*(1+want) {
				t.Errorf("n=%d: At(%g): got %g, want %g", tt.n, res.Grid[i], got, want)
			}
		}
	}
}

// TestDensitySmall checks that runs on an operator with few distinct
// eigenvalues stop early and put the nodes on them.
func TestDensitySmall(t *testing.T) {
	res, err := Density(diagOp{2, 2, 2, -1, -1, -1}, &DensitySettings{Vectors: 3, Points: 200})
	if err != nil {
		t.Fatal(err)
	}
	if res.Products != 6 {
		t.Errorf("got %d products, want 6 (two steps per run)", res.Products)
	}
	for i, th := range res.Nodes {
		if math.Abs(th-2) > 1e-12 && math.Abs(th+1) > 1e-12 {
			t.Errorf("node %d: got %g, want 2 or -1", i, th)
		}
	}
	if len(res.Grid) != 200 || res.Sigma2 != 0.03*0.03 {
		t.Errorf("got %d points, σ² = %g; want 200, %g", len(res.Grid), res.Sigma2, 0.03*0.03)
	}
}

func TestDensityErrors(t *testing.T) {
	a := diagOp{1, 2, 3}
	tests := []struct {
		s    *DensitySettings
		op   Operator
		want error
		msg  string
	}{
		{&DensitySettings{Points: 1}, a, ErrSettings, "spectral: bad setting: Points = 1, need at least 2"},
		{&DensitySettings{Min: 2, Max: 1}, a, ErrSettings, "spectral: bad setting: grid [2, 1]"},
		{&DensitySettings{Sigma2: -1}, a, ErrSettings, "spectral: bad setting: Sigma2 = -1"},
		{&DensitySettings{Vectors: -2}, a, ErrSettings, "spectral: bad setting: Vectors = -2 is negative"},
		{nil, &nanOp{n: 4, good: 1}, ErrNonFinite, "spectral: non-finite value: operator product 2"},
	}
	for _, tt := range tests {
		_, err := Density(tt.op, tt.s)
		if !errors.Is(err, tt.want) || err.Error() != tt.msg {
			t.Errorf("%+v: got %v, want %q", tt.s, err, tt.msg)
		}
	}
}
