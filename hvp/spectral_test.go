package hvp

import (
	"errors"
	"math"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/spectral"
)

// exactSpectrum returns the Hessian of a small tanh MLP, its HVP and its
// eigenvalues in ascending order.
func exactSpectrum(t *testing.T) (*HVP, *mat.SymDense, []float64) {
	t.Helper()
	m := newTestMLP([]int{3, 4, 2}, 8, ops.Tanh, false, 71)
	h := New(m.objective(), m.params(72), nil)
	a, err := Symmetric(h, 0)
	if err != nil {
		t.Fatal(err)
	}
	var es mat.EigenSym
	if !es.Factorize(a, false) {
		t.Fatal("EigenSym failed")
	}
	vals := es.Values(nil)
	sort.Float64s(vals)
	return h, a, vals
}

func TestEigenvaluesMatchExact(t *testing.T) {
	h, _, vals := exactSpectrum(t)
	n := len(vals)
	if vals[0] >= 0 {
		t.Fatalf("test model has no negative curvature (λmin = %g)", vals[0])
	}
	cases := []struct {
		name  string
		solve func(spectral.Operator, int, *spectral.EigenSettings) (*spectral.EigenResult, error)
		which spectral.Which
		want  []float64
	}{
		{"lanczos top", spectral.Lanczos, spectral.LargestAlgebraic,
			[]float64{vals[n-1], vals[n-2], vals[n-3]}},
		{"lanczos bottom", spectral.Lanczos, spectral.SmallestAlgebraic,
			[]float64{vals[0], vals[1]}},
		{"power top", spectral.PowerIteration, spectral.LargestAlgebraic, []float64{vals[n-1]}},
	}
	for _, c := range cases {
		res, err := c.solve(h, len(c.want), &spectral.EigenSettings{Which: c.which, Tol: 1e-10,
			Seed: 5})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i, w := range c.want {
			if got := res.Values[i]; math.Abs(got-w) > 1e-8*math.Abs(w) {
				t.Errorf("%s: λ%d got %.15g, want %.15g", c.name, i, got, w)
			}
		}
	}
}

func TestTraceAndDiagonal(t *testing.T) {
	h, a, vals := exactSpectrum(t)
	var trace float64
	for _, v := range vals {
		trace += v
	}
	for _, est := range []struct {
		name string
		f    func(spectral.Operator, *spectral.EstimatorSettings) (*spectral.TraceResult, error)
	}{{"hutchinson", spectral.Hutchinson}, {"hutch++", spectral.HutchPP}} {
		res, err := est.f(h, &spectral.EstimatorSettings{Budget: 300, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(res.Trace-trace) > 3*res.StdErr+1e-12 {
			t.Errorf("%s: trace %g ± %g, exact %g: outside 3 standard errors", est.name,
				res.Trace, res.StdErr, trace)
		}
	}

	d, err := spectral.Diagonal(h, &spectral.EstimatorSettings{Budget: 300, Seed: 10})
	if err != nil {
		t.Fatal(err)
	}
	outside := 0
	for i := range d.Diag {
		if math.Abs(d.Diag[i]-a.At(i, i)) > 3*d.StdErr[i]+1e-12 {
			outside++
		}
	}
	// About 0.3% of entries fall outside 3 standard errors by chance.
	if outside > 1 {
		t.Errorf("diagonal: %d of %d entries outside 3 standard errors", outside, len(d.Diag))
	}
}

func TestDensityMass(t *testing.T) {
	h, _, vals := exactSpectrum(t)
	n := len(vals)
	res, err := spectral.Density(h, &spectral.DensitySettings{Vectors: 60, Steps: n, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	neg := 0
	for _, v := range vals {
		if v < -1e-9 {
			neg++
		}
	}

	// With n Lanczos steps the nodes are eigenvalues; the weights below zero
	// estimate the fraction of negative eigenvalues.
	var mass, total float64
	for j, th := range res.Nodes {
		total += res.Weights[j]
		if th < -1e-9 {
			mass += res.Weights[j]
		}
		if th < vals[0]-1e-8*math.Abs(vals[0]) || th > vals[n-1]*(1+1e-8) {
			t.Errorf("node %g outside the spectrum [%g, %g]", th, vals[0], vals[n-1])
		}
	}
	if want := float64(neg) / float64(n); math.Abs(mass-want) > 0.1 {
		t.Errorf("mass below 0: got %.3f, want %.3f ± 0.1", mass, want)
	}
	if math.Abs(total-1) > 1e-12 {
		t.Errorf("total mass %g, want 1", total)
	}
}

func TestSpectralBadInput(t *testing.T) {
	h, _, vals := exactSpectrum(t)
	if _, err := spectral.Lanczos(h, len(vals)+1, nil); !errors.Is(err, spectral.ErrK) {
		t.Errorf("k = n+1: got %v, want ErrK", err)
	}

	// The square root of a negative parameter: the Hessian holds NaN.
	p := []*graph.Matrix{graph.NewMatrix(1, 3, []float64{1, -2, 3})}
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node { return ops.Sum(ops.Sqrt(ps[0])) }
	bad := New(f, p, nil)
	if _, err := spectral.Lanczos(bad, 1, nil); !errors.Is(err, spectral.ErrNonFinite) {
		t.Errorf("NaN Hessian: got %v, want ErrNonFinite", err)
	}
	if _, err := Dense(bad, 0); !errors.Is(err, spectral.ErrNonFinite) {
		t.Errorf("Dense of NaN Hessian: got %v, want ErrNonFinite", err)
	}
}
