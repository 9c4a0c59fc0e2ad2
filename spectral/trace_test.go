package spectral

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// lowRankPlusSmall returns U diag(100…) Uᵀ of rank r plus a symmetric
// perturbation of size eps.
func lowRankPlusSmall(n, r int, eps float64, seed uint64) *mat.SymDense {
	lambda := make([]float64, n)
	rng := rand.New(rand.NewPCG(seed, 3))
	for i := range lambda {
		lambda[i] = eps * rng.NormFloat64()
		if i < r {
			lambda[i] = 100 * (1 + rng.Float64())
		}
	}
	return withSpectrum(lambda, seed)
}

func TestHutchinson(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		a := withSpectrum(indefinite(40, uint64(seed)), uint64(seed))
		want := mat.Trace(a)
		res, err := Hutchinson(NewDense(a), &EstimatorSettings{Budget: 200, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Trace; math.Abs(got-want) > 3*res.StdErr {
			t.Errorf("seed %d: got %g ± %g, want %g within 3 standard errors", seed, got, res.StdErr, want)
		}
		if res.Products != 200 || res.Probes != 200 {
			t.Errorf("got %d products, %d probes; want 200, 200", res.Products, res.Probes)
		}
	}
}

// TestEstimatorsExactOnDiagonal uses that z ⊙ A z = diag(A) for a diagonal A
// and Rademacher z, so every sample is exact.
func TestEstimatorsExactOnDiagonal(t *testing.T) {
	d := diagOp{1, -2, 3.5, 0, 7}
	tr, err := Hutchinson(d, &EstimatorSettings{Budget: 5})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Trace != 9.5 || tr.StdErr != 0 {
		t.Errorf("Hutchinson: got %g ± %g, want 9.5 ± 0", tr.Trace, tr.StdErr)
	}
	dg, err := Diagonal(d, &EstimatorSettings{Budget: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range d {
		if dg.Diag[i] != w || dg.StdErr[i] != 0 {
			t.Errorf("Diagonal[%d]: got %g ± %g, want %g ± 0", i, dg.Diag[i], dg.StdErr[i], w)
		}
	}
}

func TestHutchPPBeatsHutchinson(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		a := lowRankPlusSmall(60, 5, 0.01, uint64(seed))
		want := mat.Trace(a)
		s := &EstimatorSettings{Budget: 30, Seed: seed}
		h, err := Hutchinson(NewDense(a), s)
		if err != nil {
			t.Fatal(err)
		}
		pp, err := HutchPP(NewDense(a), s)
		if err != nil {
			t.Fatal(err)
		}
		errH, errPP := math.Abs(h.Trace-want), math.Abs(pp.Trace-want)
		if errPP > errH/100 || errPP > 0.05 {
			t.Errorf("seed %d: got Hutch++ error %g, Hutchinson error %g; want Hutch++ 100× smaller",
				seed, errPP, errH)
		}
		if errPP > 3*pp.StdErr {
			t.Errorf("seed %d: Hutch++ error %g beyond 3 standard errors %g", seed, errPP, pp.StdErr)
		}
		if pp.Products != 30 || pp.Probes != 10 {
			t.Errorf("got %d products, %d probes; want 30, 10", pp.Products, pp.Probes)
		}
	}
}

// TestHutchPPExact gives Hutch++ a sketch as large as the space, where the
// trace is exact and the stochastic part vanishes.
func TestHutchPPExact(t *testing.T) {
	a := withSpectrum(indefinite(6, 1), 1)
	res, err := HutchPP(NewDense(a), &EstimatorSettings{Budget: 30})
	if err != nil {
		t.Fatal(err)
	}
	if want := mat.Trace(a); math.Abs(res.Trace-want) > 1e-10 || res.StdErr > 1e-10 {
		t.Errorf("got %g ± %g, want %g ± 0", res.Trace, res.StdErr, want)
	}
}

func TestDiagonal(t *testing.T) {
	a := withSpectrum(indefinite(30, 4), 4)
	res, err := Diagonal(NewDense(a), &EstimatorSettings{Budget: 400, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		want := a.At(i, i)
		// The true standard error is √(Σ_{j≠i} Aᵢⱼ² / m).
		var v float64
		for j := range 30 {
			if j != i {
				v += a.At(i, j) * a.At(i, j)
			}
		}
		trueErr := math.Sqrt(v / 400)
		if got := res.Diag[i]; math.Abs(got-want) > 4*res.StdErr[i] {
			t.Errorf("[%d]: got %g ± %g, want %g within 4 standard errors", i, got, res.StdErr[i], want)
		}
		if got := res.StdErr[i]; math.Abs(got-trueErr) > 0.25*trueErr {
			t.Errorf("[%d]: got standard error %g, want %g within 25%%", i, got, trueErr)
		}
	}
}

func TestEstimatorsDeterministic(t *testing.T) {
	a := NewDense(withSpectrum(indefinite(20, 2), 2))
	s := &EstimatorSettings{Budget: 12, Seed: 5}
	for _, f := range []func(Operator, *EstimatorSettings) (*TraceResult, error){Hutchinson, HutchPP} {
		r1, _ := f(a, s)
		r2, _ := f(a, s)
		if *r1 != *r2 {
			t.Errorf("two runs with one seed differ: %+v, %+v", r1, r2)
		}
	}
}

func TestEstimatorErrors(t *testing.T) {
	tests := []struct {
		name string
		run  func() error
		want error
		msg  string
	}{
		{"hutchinson budget", func() error {
			_, err := Hutchinson(diagOp{1, 2}, &EstimatorSettings{Budget: 1})
			return err
		}, ErrSettings, "spectral: bad setting: Budget = 1, need at least 2"},
		{"hutch++ budget", func() error {
			_, err := HutchPP(diagOp{1, 2}, &EstimatorSettings{Budget: 3})
			return err
		}, ErrSettings, "spectral: bad setting: Budget = 3, need at least 4"},
		{"diagonal empty", func() error {
			_, err := Diagonal(diagOp{}, nil)
			return err
		}, ErrDim, "spectral: dimension mismatch: operator dimension 0"},
		{"hutchinson nan", func() error {
			_, err := Hutchinson(&nanOp{n: 3, good: 4}, nil)
			return err
		}, ErrNonFinite, "spectral: non-finite value: operator product 5"},
		{"hutch++ nan", func() error {
			_, err := HutchPP(&nanOp{n: 3, good: 1}, nil)
			return err
		}, ErrNonFinite, "spectral: non-finite value: operator product 2"},
		{"diagonal nan", func() error {
			_, err := Diagonal(&nanOp{n: 3}, nil)
			return err
		}, ErrNonFinite, "spectral: non-finite value: operator product 1"},
	}
	for _, tt := range tests {
		err := tt.run()
		if !errors.Is(err, tt.want) || err.Error() != tt.msg {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.msg)
		}
	}
}

func BenchmarkHutchPP(b *testing.B) {
	a := NewDense(lowRankPlusSmall(200, 10, 0.01, 1))
	s := &EstimatorSettings{Budget: 60}
	for b.Loop() {
		if _, err := HutchPP(a, s); err != nil {
			b.Fatal(err)
		}
	}
}
