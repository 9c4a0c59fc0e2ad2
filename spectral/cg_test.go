package spectral

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// trueResidual returns ‖b − (A + λ I) x‖ / ‖b‖.
func trueResidual(a Operator, lambda float64, x, b []float64) float64 {
	r := make([]float64, len(b))
	a.Apply(r, x)
	floats.AddScaled(r, lambda, x)
	floats.SubTo(r, b, r)
	return floats.Norm(r, 2) / floats.Norm(b, 2)
}

func randVec(n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 5))
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return v
}

func TestCGSPD(t *testing.T) {
	tests := []struct {
		n      int
		shift  float64 // added to indefinite(n) to make it definite, or not
		lambda float64
		tol    float64
	}{
		{5, 11, 0, 1e-10},
		{30, 10.5, 0, 1e-8},
		{60, 12, 0, 1e-6},
		{40, 0, 10.5, 1e-9}, // indefinite A, damped into SPD
	}
	for _, tt := range tests {
		lambda := indefinite(tt.n, uint64(tt.n))
		for i := range lambda {
			lambda[i] += tt.shift
		}
		a := NewDense(withSpectrum(lambda, uint64(tt.n)))
		b := randVec(tt.n, uint64(tt.n))
		res, err := CG(a, b, &CGSettings{Lambda: tt.lambda, Tol: tt.tol, MaxIter: 5 * tt.n})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != Converged {
			t.Errorf("n=%d: got status %v, want Converged", tt.n, res.Status)
		}
		if got := trueResidual(a, tt.lambda, res.X, b); got > 2*tt.tol {
			t.Errorf("n=%d: got relative residual %g, want ≤ %g", tt.n, got, tt.tol)
		}
		if res.Residual > tt.tol || res.Products != res.Iterations {
			t.Errorf("n=%d: got reported residual %g, %d products, %d iterations",
				tt.n, res.Residual, res.Products, res.Iterations)
		}
	}
}

func TestCGNegativeCurvature(t *testing.T) {
	a := NewDense(withSpectrum(indefinite(20, 3), 3))
	b := randVec(20, 3)
	res, err := CG(a, b, &CGSettings{Tol: 1e-10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != NegativeCurvature || res.Direction == nil {
		t.Fatalf("got status %v, direction %v; want NegativeCurvature with a direction", res.Status, res.Direction)
	}
	ap := make([]float64, 20)
	a.Apply(ap, res.Direction)
	want := floats.Dot(res.Direction, ap) / floats.Dot(res.Direction, res.Direction)
	if got := res.Curvature; got > 0 || math.Abs(got-want) > 1e-12*math.Abs(want) {
		t.Errorf("got curvature %g, want %g ≤ 0", got, want)
	}

	// The same matrix damped past its smallest eigenvalue is definite.
	res, err = CG(a, b, &CGSettings{Tol: 1e-10, Lambda: 10.5})
	if err != nil || res.Status != Converged {
		t.Errorf("damped: got %v, %v; want Converged", res.Status, err)
	}

	// A negative definite matrix fails at the first direction, from X0.
	x0 := []float64{1, 1}
	res, err = CG(diagOp{-1, -2}, []float64{1, 0}, &CGSettings{X0: x0})
	if err != nil || res.Status != NegativeCurvature || res.Iterations != 1 || !floats.Equal(res.X, x0) {
		t.Errorf("got %v after %d iterations at %v, %v; want NegativeCurvature after 1 at %v",
			res.Status, res.Iterations, res.X, err, x0)
	}
}

func TestCGMaxIter(t *testing.T) {
	lambda := make([]float64, 50)
	for i := range lambda {
		lambda[i] = math.Pow(10, 6*float64(i)/49)
	}
	a := NewDense(withSpectrum(lambda, 1))
	b := randVec(50, 1)
	res, err := CG(a, b, &CGSettings{Tol: 1e-12, MaxIter: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != MaxIter || res.Iterations != 10 || res.Residual <= 1e-12 {
		t.Errorf("got %v after %d iterations with residual %g; want MaxIter after 10",
			res.Status, res.Iterations, res.Residual)
	}
	if got := trueResidual(a, 0, res.X, b); math.Abs(got-res.Residual) > 1e-6*got {
		t.Errorf("got reported residual %g, true residual %g", res.Residual, got)
	}
}

func TestCGX0(t *testing.T) {
	a := NewDense(mat.NewSymDense(2, []float64{4, 1, 1, 3}))
	b := []float64{1, 2}
	x0 := []float64{0.09, 0.63} // near the solution (1/11, 7/11)
	res, err := CG(a, b, &CGSettings{X0: x0, Tol: 1e-12})
	if err != nil || res.Status != Converged {
		t.Fatal(res.Status, err)
	}
	if want := []float64{1.0 / 11, 7.0 / 11}; !floats.EqualApprox(res.X, want, 1e-12) {
		t.Errorf("got x = %v, want %v", res.X, want)
	}
	if x0[0] != 0.09 || x0[1] != 0.63 {
		t.Errorf("X0 changed to %v", x0)
	}

	res, err = CG(a, []float64{0, 0}, nil)
	if err != nil || res.Status != Converged || res.Products != 0 || !floats.Equal(res.X, []float64{0, 0}) {
		t.Errorf("zero b: got %v, %v, %d products; want 0, Converged, 0", res.X, res.Status, res.Products)
	}
}

func TestCGErrors(t *testing.T) {
	a := diagOp{1, 2, 3}
	nan := math.NaN()
	tests := []struct {
		name string
		op   Operator
		b    []float64
		s    *CGSettings
		want error
		msg  string
	}{
		{"b length", a, []float64{1, 2}, nil, ErrDim,
			"spectral: dimension mismatch: b has length 2, operator dimension 3"},
		{"x0 length", a, []float64{1, 2, 3}, &CGSettings{X0: []float64{1}}, ErrDim,
			"spectral: dimension mismatch: X0 has length 1, operator dimension 3"},
		{"b nan", a, []float64{1, nan, 3}, nil, ErrNonFinite, "spectral: non-finite value: in b"},
		{"tol", a, []float64{1, 2, 3}, &CGSettings{Tol: -1}, ErrSettings,
			"spectral: bad setting: Tol = -1 is negative"},
		{"product nan", &nanOp{n: 3}, []float64{1, 2, 3}, nil, ErrNonFinite,
			"spectral: non-finite value: operator product 1"},
	}
	for _, tt := range tests {
		res, err := CG(tt.op, tt.b, tt.s)
		if !errors.Is(err, tt.want) || err.Error() != tt.msg {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.msg)
		}
		if tt.want == ErrNonFinite && res != nil && (res.Status != NonFinite || !allFinite(res.X)) {
			t.Errorf("%s: got status %v, x %v; want NonFinite and a finite x", tt.name, res.Status, res.X)
		}
	}
}

func TestCGStatusString(t *testing.T) {
	tests := []struct {
		s    CGStatus
		want string
	}{
		{Converged, "Converged"}, {MaxIter, "MaxIter"}, {NegativeCurvature, "NegativeCurvature"},
		{NonFinite, "NonFinite"}, {0, "CGStatus(0)"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func BenchmarkCG(b *testing.B) {
	lambda := indefinite(200, 1)
	for i := range lambda {
		lambda[i] += 11
	}
	a := NewDense(withSpectrum(lambda, 1))
	rhs := randVec(200, 1)
	s := &CGSettings{Tol: 1e-8}
	for b.Loop() {
		if _, err := CG(a, rhs, s); err != nil {
			b.Fatal(err)
		}
	}
}
