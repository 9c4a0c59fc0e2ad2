package spectral

import (
	"errors"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

type eigenSolver struct {
	name string
	fn   func(Operator, int, *EigenSettings) (*EigenResult, error)
}

var solvers = []eigenSolver{
	{"Lanczos", Lanczos},
	{"PowerIteration", PowerIteration},
}

func TestEigenKnownSpectra(t *testing.T) {
	for _, sv := range solvers {
		for _, n := range []int{5, 12, 33, 60} {
			for _, which := range []Which{LargestAlgebraic, SmallestAlgebraic, LargestMagnitude} {
				k := min(3, n)
				a := withSpectrum(indefinite(n, uint64(n)), uint64(7*n))
				want := eigenvalues(t, a)
				switch which {
				case LargestAlgebraic:
					slices.Reverse(want)
				case LargestMagnitude:
					slices.SortStableFunc(want, func(x, y float64) int {
						return int(math.Copysign(1, math.Abs(y)-math.Abs(x)))
					})
				}

				res, err := sv.fn(NewDense(a), k, &EigenSettings{Which: which, Seed: 1})
				if err != nil {
					t.Fatalf("%s n=%d %v: %v", sv.name, n, which, err)
				}
				if !res.Converged {
					t.Errorf("%s n=%d %v: not converged, residuals %g", sv.name, n, which, res.Residuals)
				}
				for i := range k {
					got := res.Values[i]
					if math.Abs(got-want[i]) > 1e-8*math.Abs(want[i]) {
						t.Errorf("%s n=%d %v: λ[%d]: got %.15g, want %.15g", sv.name, n, which, i, got, want[i])
					}
					if r := residual(a, got, res.Vectors[i]); r > 1e-6 {
						t.Errorf("%s n=%d %v: ‖Av−λv‖[%d]: got %g, want ≤ 1e-6", sv.name, n, which, i, r)
					}
				}
				if res.Products < 1 || len(res.Values) != k || len(res.Vectors) != k {
					t.Errorf("%s n=%d: got %d products, %d values, %d vectors", sv.name, n,
						res.Products, len(res.Values), len(res.Vectors))
				}
			}
		}
	}
}

// TestLanczosClustered checks Lanczos alone on spectra with no gaps, where
// power iteration is too slow.
func TestLanczosClustered(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		n := 20 + int(seed)*10
		lambda := indefinite(n, seed)
		lambda[0] = lambda[1] - 1e-3 // a near-double eigenvalue at the bottom
		a := withSpectrum(lambda, seed)
		want := eigenvalues(t, a)

		for _, which := range []Which{LargestAlgebraic, SmallestAlgebraic} {
			res, err := Lanczos(NewDense(a), 5, &EigenSettings{Which: which, Seed: int64(seed)})
			if err != nil {
				t.Fatal(err)
			}
			for i, got := range res.Values {
				w := want[i]
				if which == LargestAlgebraic {
					w = want[n-1-i]
				}
				if math.Abs(got-w) > 1e-8*math.Abs(w) {
					t.Errorf("n=%d %v: λ[%d]: got %.15g, want %.15g", n, which, i, got, w)
				}
			}
		}
	}
}

// TestLanczosInvariant checks spectra whose Krylov spaces break down early:
// a repeated eigenvalue and a matrix of rank 2.
func TestLanczosInvariant(t *testing.T) {
	tests := []struct {
		name string
		d    diagOp
		k    int
		want []float64
	}{
		{"repeated", diagOp{3, 3, 3, 1, 1, -2}, 4, []float64{3, 3, 3, 1}},
		{"rank2", diagOp{0, 5, 0, 0, -1, 0, 0}, 3, []float64{5, 0, 0}},
		{"identity", diagOp{1, 1, 1, 1}, 4, []float64{1, 1, 1, 1}},
		{"zero", diagOp{0, 0, 0}, 2, []float64{0, 0}},
	}
	for _, tt := range tests {
		res, err := Lanczos(tt.d, tt.k, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for i, w := range tt.want {
			if math.Abs(res.Values[i]-w) > 1e-10 {
				t.Errorf("%s: λ[%d]: got %g, want %g", tt.name, i, res.Values[i], w)
			}
		}
		if !res.Converged {
			t.Errorf("%s: got not converged", tt.name)
		}
	}
}

func TestEigenDeterministic(t *testing.T) {
	a := NewDense(withSpectrum(indefinite(25, 3), 3))
	for _, sv := range solvers {
		r1, err1 := sv.fn(a, 2, &EigenSettings{Seed: 42})
		r2, err2 := sv.fn(a, 2, &EigenSettings{Seed: 42})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !slices.Equal(r1.Values, r2.Values) || !slices.Equal(r1.Vectors[1], r2.Vectors[1]) {
			t.Errorf("%s: two runs with one seed differ: %v, %v", sv.name, r1.Values, r2.Values)
		}
	}
}

func TestEigenMaxIter(t *testing.T) {
	a := NewDense(withSpectrum(indefinite(60, 5), 5))
	res, err := Lanczos(a, 3, &EigenSettings{MaxIter: 4})
	if err != nil {
		t.Fatal(err)
	}
	if res.Converged || res.Iterations != 4 || res.Products != 4 || len(res.Vectors) != 3 {
		t.Errorf("got converged %v, %d iterations, %d products, %d vectors; want false, 4, 4, 3",
			res.Converged, res.Iterations, res.Products, len(res.Vectors))
	}
	res, err = PowerIteration(a, 1, &EigenSettings{MaxIter: 3, Which: LargestMagnitude})
	if err != nil {
		t.Fatal(err)
	}
	if res.Converged || res.Products != 3 {
		t.Errorf("got converged %v, %d products; want false, 3", res.Converged, res.Products)
	}
}

func TestEigenErrors(t *testing.T) {
	a := diagOp{1, 2, 3, 4, 5}
	tests := []struct {
		name string
		op   Operator
		k    int
		s    *EigenSettings
		want error
		msg  string
	}{
		{"k=0", a, 0, nil, ErrK, "spectral: k out of range: k = 0, n = 5"},
		{"k>n", a, 6, nil, ErrK, "spectral: k out of range: k = 6, n = 5"},
		{"empty", diagOp{}, 1, nil, ErrDim, "spectral: dimension mismatch: operator dimension 0"},
		{"tol", a, 1, &EigenSettings{Tol: -1}, ErrSettings, "spectral: bad setting: Tol = -1 is negative"},
		{"which", a, 1, &EigenSettings{Which: 7}, ErrSettings, "spectral: bad setting: Which = 7"},
		{"nan", &nanOp{n: 5, good: 2}, 1, nil, ErrNonFinite, "spectral: non-finite value: operator product 3"},
	}
	for _, sv := range solvers {
		for _, tt := range tests {
			if op, ok := tt.op.(*nanOp); ok {
				op.calls = 0
			}
			_, err := sv.fn(tt.op, tt.k, tt.s)
			if !errors.Is(err, tt.want) || err.Error() != tt.msg {
				t.Errorf("%s %s: got %v, want %q", sv.name, tt.name, err, tt.msg)
			}
		}
	}
	_, err := Lanczos(a, 3, &EigenSettings{MaxIter: 2})
	if msg := "spectral: bad setting: MaxIter = 2 is below k = 3"; err == nil || err.Error() != msg {
		t.Errorf("got %v, want %q", err, msg)
	}
}

// TestEigenvectorsMatch compares the eigenvectors with those of
// mat.EigenSym, up to sign.
func TestEigenvectorsMatch(t *testing.T) {
	a := withSpectrum(indefinite(30, 8), 8)
	var es mat.EigenSym
	if !es.Factorize(a, true) {
		t.Fatal("EigenSym failed")
	}
	var u mat.Dense
	es.VectorsTo(&u)
	for _, sv := range solvers {
		res, err := sv.fn(NewDense(a), 2, &EigenSettings{Which: SmallestAlgebraic})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range res.Vectors {
			want := mat.Col(nil, i, &u)
			if got := math.Abs(floats.Dot(v, want)); math.Abs(got-1) > 1e-10 {
				t.Errorf("%s: |⟨v%d, u%d⟩|: got %.12f, want 1", sv.name, i, i, got)
			}
		}
	}
}

func BenchmarkLanczos(b *testing.B) {
	a := NewDense(withSpectrum(indefinite(200, 1), 1))
	for b.Loop() {
		if _, err := Lanczos(a, 5, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPowerIteration(b *testing.B) {
	a := NewDense(withSpectrum(indefinite(200, 1), 1))
	for b.Loop() {
		if _, err := PowerIteration(a, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}
