package newton

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/optim"
	"github.com/hessgo/hessgo/spectral"
)

// quadratic returns f(x) = ½ x A xᵀ − x bᵀ on a 1×n parameter for an SPD A
// with eigenvalues spread over [1, cond], and the minimiser b A⁻¹ computed
// by the test, A being diagonal in a rotated basis.
func quadratic(n int, cond float64, seed uint64) (optim.Objective, []float64, *graph.Matrix) {
	rng := rand.New(rand.NewPCG(seed, 1))
	lam := make([]float64, n)
	for i := range lam {
		lam[i] = math.Pow(cond, float64(i)/float64(max(n-1, 1)))
	}
	// A = Q diag(λ) Qᵀ with Q a Householder reflection I − 2 u uᵀ.
	u := make([]float64, n)
	var s float64
	for i := range u {
		u[i] = rng.NormFloat64()
		s += u[i] * u[i]
	}
	for i := range u {
		u[i] /= math.Sqrt(s)
	}
	q := func(i, j int) float64 {
		v := -2 * u[i] * u[j]
		if i == j {
			v++
		}
		return v
	}
	a := graph.NewMatrix(n, n, nil)
	ainv := graph.NewMatrix(n, n, nil)
	for i := range n {
		for j := range n {
			var x, y float64
			for k := range n {
				x += q(i, k) * lam[k] * q(j, k)
				y += q(i, k) / lam[k] * q(j, k)
			}
			a.Set(i, j, x)
			ainv.Set(i, j, y)
		}
	}
	b := graph.NewMatrix(1, n, nil)
	for i := range b.Data {
		b.Data[i] = rng.NormFloat64()
	}
	xstar := make([]float64, n)
	for j := range n {
		for i := range n {
			xstar[j] += b.Data[i] * ainv.At(i, j)
		}
	}
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		x := ps[0]
		xa := ops.MatMul(x, g.Const(a))
		return ops.Sub(ops.Scale(ops.Dot(xa, x), 0.5), ops.Dot(x, g.Const(b)))
	}
	return f, xstar, graph.NewMatrix(1, n, nil)
}

// rosenbrock is f(x, y) = (1 − x)² + 100 (y − x²)² on one 1×2 parameter.
func rosenbrock(g *graph.Graph, ps []*graph.Node) *graph.Node {
	p := ps[0]
	x := ops.MatMul(p, g.Const(graph.NewMatrix(2, 1, []float64{1, 0})))
	y := ops.MatMul(p, g.Const(graph.NewMatrix(2, 1, []float64{0, 1})))
	a := ops.Square(ops.AddConst(ops.Neg(x), 1))
	b := ops.Scale(ops.Square(ops.Sub(y, ops.Square(x))), 100)
	return ops.Sum(ops.Add(a, b))
}

func gradNorm(f optim.Objective, ps []*graph.Matrix) float64 {
	g := graph.New()
	nodes := []*graph.Node{g.Param(ps[0])}
	var s float64
	for _, m := range autodiff.Grad(f(g, nodes), nodes...) {
		for _, v := range m.Data {
			s += v * v
		}
	}
	return math.Sqrt(s)
}

func TestNewtonQuadraticOneStep(t *testing.T) {
	for _, n := range []int{1, 3, 8} {
		f, xstar, x := quadratic(n, 1e3, uint64(n))
		var o Newton
		if _, err := o.Step(f, []*graph.Matrix{x}); err != nil {
			t.Fatal(err)
		}
		for i := range xstar {
			if math.Abs(x.Data[i]-xstar[i]) > 1e-9*(1+math.Abs(xstar[i])) {
				t.Errorf("n=%d: x[%d] got %.15g, want %.15g", n, i, x.Data[i], xstar[i])
			}
		}
	}
}

func TestNewtonCGQuadratic(t *testing.T) {
	f, xstar, x := quadratic(6, 100, 3)
	o := &NewtonCG{Lambda: 1e-9, CGTol: 1e-12}
	if _, err := o.Step(f, []*graph.Matrix{x}); err != nil {
		t.Fatal(err)
	}
	for i := range xstar {
		if math.Abs(x.Data[i]-xstar[i]) > 1e-6 {
			t.Errorf("x[%d]: got %.12g, want %.12g", i, x.Data[i], xstar[i])
		}
	}
	if o.Last.CG != spectral.Converged || o.Last.Alpha != 1 {
		t.Errorf("report: got CG %v, α %g, want Converged, 1", o.Last.CG, o.Last.Alpha)
	}
}

func TestRosenbrockNewtonCGBeatsGD(t *testing.T) {
	x := []*graph.Matrix{graph.NewMatrix(1, 2, []float64{-1.2, 1})}
	o := &NewtonCG{}
	iters := 0
	for ; iters < 50 && gradNorm(rosenbrock, x) >= 1e-8; iters++ {
		if _, err := o.Step(rosenbrock, x); err != nil {
			t.Fatalf("step %d: %v", iters, err)
		}
	}
	if gn := gradNorm(rosenbrock, x); gn >= 1e-8 {
		t.Fatalf("Newton-CG: ‖∇f‖ = %g after %d steps, want < 1e-8 in under 50", gn, iters)
	}
	if math.Abs(x[0].Data[0]-1) > 1e-6 || math.Abs(x[0].Data[1]-1) > 1e-6 {
		t.Errorf("Newton-CG: got minimum at %v, want (1, 1)", x[0].Data)
	}
	t.Logf("Newton-CG: ‖∇f‖ < 1e-8 after %d steps", iters)

	// Gradient descent with a stable step size is still far after 2000.
	y := []*graph.Matrix{graph.NewMatrix(1, 2, []float64{-1.2, 1})}
	g := graph.New()
	for range 2000 {
		g.Reset()
		p := g.Param(y[0])
		d := autodiff.Grad(rosenbrock(g, []*graph.Node{p}), p)[0]
		for i := range y[0].Data {
			y[0].Data[i] -= 1e-3 * d.Data[i]
		}
	}
	if gn := gradNorm(rosenbrock, y); gn < 1e-3 {
		t.Errorf("gradient descent: ‖∇f‖ = %g after 2000 steps, want it far from converged", gn)
	} else {
		t.Logf("gradient descent: ‖∇f‖ = %.3g after 2000 steps", gn)
	}
}

func TestNewtonCGGaussNewton(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	xs := graph.NewMatrix(20, 3, nil)
	ys := graph.NewMatrix(20, 2, nil)
	for i := range xs.Data {
		xs.Data[i] = rng.NormFloat64()
	}
	for i := range ys.Data {
		ys.Data[i] = rng.NormFloat64()
	}
	ps := []*graph.Matrix{graph.NewMatrix(3, 5, nil), graph.NewMatrix(1, 5, nil),
		graph.NewMatrix(5, 2, nil), graph.NewMatrix(1, 2, nil)}
	for _, p := range ps {
		for i := range p.Data {
			p.Data[i] = 0.5 * rng.NormFloat64()
		}
	}
	model := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		a := ops.Tanh(ops.Add(ops.MatMul(g.Const(xs), p[0]), p[1]))
		return ops.Add(ops.MatMul(a, p[2]), p[3])
	}
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		return ops.MSE(model(g, p), g.Const(ys))
	}
	o := &NewtonCG{Curvature: GaussNewton(model, hvp.Loss{Kind: hvp.MSE, Targets: ys}, 0)}
	first, _ := o.Step(f, ps)
	var last float64
	for range 20 {
		l, err := o.Step(f, ps)
		if err != nil {
			t.Fatal(err)
		}
		last = l
	}
	if !(last < 0.7*first) {
		t.Errorf("Gauss-Newton steps: loss %g after 20 steps from %g, want below 70%%", last, first)
	}
	if o.Last.CG == spectral.NegativeCurvature {
		t.Errorf("Gauss-Newton: CG met negative curvature")
	}
}

func TestAdaHessianIllConditioned(t *testing.T) {
	// f = Σ aᵢ xᵢ² with aᵢ from 1e-2 to 1e2: the diagonal scaling evens
	// out the rates that defeat gradient descent.
	a := graph.NewMatrix(1, 5, []float64{1e-2, 1e-1, 1, 1e1, 1e2})
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		return ops.Dot(ops.Mul(ps[0], g.Const(a)), ps[0])
	}
	x := []*graph.Matrix{graph.NewMatrix(1, 5, []float64{1, 1, 1, 1, 1})}
	o := &AdaHessian{LR: 0.1, Seed: 1}
	first, _ := o.Step(f, x)
	var last float64
	for range 300 {
		last, _ = o.Step(f, x)
	}
	if last > 1e-3*first {
		t.Errorf("AdaHessian: loss %g after 300 steps from %g, want below 1e-3 of it", last, first)
	}
}

func TestBadInput(t *testing.T) {
	// √x of a negative entry: the loss is NaN.
	nan := func(g *graph.Graph, ps []*graph.Node) *graph.Node { return ops.Sum(ops.Sqrt(ps[0])) }
	for _, o := range []optim.Optimizer{&Newton{}, &NewtonCG{}, &AdaHessian{}} {
		x := []*graph.Matrix{graph.NewMatrix(1, 2, []float64{1, -1})}
		if _, err := o.Step(nan, x); !errors.Is(err, ErrNonFinite) {
			t.Errorf("%T: got %v, want ErrNonFinite", o, err)
		}
		if x[0].Data[0] != 1 || x[0].Data[1] != -1 {
			t.Errorf("%T: parameters changed to %v on error", o, x[0].Data)
		}
	}

	// An indefinite Hessian: x² − y² at (1, 1).
	saddle := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		sq := ops.Square(ps[0])
		return ops.Sum(ops.Mul(sq, g.Const(graph.NewMatrix(1, 2, []float64{1, -1}))))
	}
	x := []*graph.Matrix{graph.NewMatrix(1, 2, []float64{1, 1})}
	if _, err := (&Newton{}).Step(saddle, x); !errors.Is(err, ErrIndefinite) {
		t.Errorf("saddle: got %v, want ErrIndefinite", err)
	}
	if _, err := (&Newton{Damping: 3}).Step(saddle, x); err != nil {
		t.Errorf("saddle with damping 3: got %v, want no error", err)
	}
	if _, err := (&Newton{MaxBytes: 8}).Step(saddle, x); !errors.Is(err, hvp.ErrTooLarge) {
		t.Errorf("MaxBytes 8: got %v, want hvp.ErrTooLarge", err)
	}

	// A CG cut short is reported, not an error.
	f, _, y := quadratic(10, 1e4, 9)
	o := &NewtonCG{CGMaxIter: 2, CGTol: 1e-12}
	if _, err := o.Step(f, []*graph.Matrix{y}); err != nil {
		t.Fatal(err)
	}
	if o.Last.CG != spectral.MaxIter || o.Last.CGIterations != 2 {
		t.Errorf("CG: got %v after %d iterations, want MaxIter after 2", o.Last.CG,
			o.Last.CGIterations)
	}

	// Negative curvature along −∇f: the step falls back to steepest descent.
	z := []*graph.Matrix{graph.NewMatrix(1, 2, []float64{0.5, 1})}
	o = &NewtonCG{Lambda: 1e-9}
	if _, err := o.Step(saddle, z); err != nil {
		t.Fatal(err)
	}
	if o.Last.CG != spectral.NegativeCurvature {
		t.Errorf("saddle: got CG %v, want NegativeCurvature", o.Last.CG)
	}
}
