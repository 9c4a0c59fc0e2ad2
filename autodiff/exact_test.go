package autodiff_test

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

var exact = cmpopts.EquateApprox(0, 1e-12)

// TestTanhDerivative checks d/dx tanh x = 1 - tanh² x entry by entry.
func TestTanhDerivative(t *testing.T) {
	xs := []float64{-3, -0.5, 0, 0.25, 1, 4}
	g := graph.New()
	x := g.Param(graph.NewMatrix(1, len(xs), xs))
	got := autodiff.Grad(ops.Sum(ops.Tanh(x)), x)[0].Data
	want := make([]float64, len(xs))
	for i, v := range xs {
		want[i] = 1 - math.Tanh(v)*math.Tanh(v)
	}
	if d := cmp.Diff(want, got, exact); d != "" {
		t.Errorf("d/dx tanh x (-want +got):\n%s", d)
	}
}

// TestHigherOrderSin checks the first four derivatives of sin, each taken
// by differentiating the recorded derivative before it.
func TestHigherOrderSin(t *testing.T) {
	for _, v := range []float64{-2, 0.3, 1.7} {
		g := graph.New()
		x := g.Param(graph.Scalar(v))
		d := ops.Sin(x)
		want := []float64{math.Cos(v), -math.Sin(v), -math.Cos(v), math.Sin(v)}
		for order, w := range want {
			d = autodiff.RecordGrad(d, x)[0]
			if got := d.Scalar(); math.Abs(got-w) > 1e-12 {
				t.Errorf("derivative %d of sin at %g: got %.17g, want %.17g", order+1, v, got, w)
			}
		}
	}
}

// TestHigherOrderTanh checks the first three derivatives of tanh against
// their closed forms in t = tanh x: 1 − t², −2t(1 − t²), −2(1 − t²)(1 − 3t²).
func TestHigherOrderTanh(t *testing.T) {
	for _, v := range []float64{-1.3, 0.2, 0.8} {
		g := graph.New()
		x := g.Param(graph.Scalar(v))
		th := math.Tanh(v)
		want := []float64{1 - th*th, -2 * th * (1 - th*th), -2 * (1 - th*th) * (1 - 3*th*th)}
		d := ops.Tanh(x)
		for order, w := range want {
			d = autodiff.RecordGrad(d, x)[0]
			if got := d.Scalar(); math.Abs(got-w) > 1e-12 {
				t.Errorf("derivative %d of tanh at %g: got %.17g, want %.17g", order+1, v, got, w)
			}
		}
	}
}

// TestMixedOrderRoutes takes the first four derivatives of tanh(tanh x) by
// every sequence of reverse and forward sweeps and checks each against the
// reverse-only sequence. A forward sweep over a reverse one is where the
// fused TanhCurve op appears; a sweep of either kind over that checks its
// own rules.
func TestMixedOrderRoutes(t *testing.T) {
	const order = 4
	// derivatives returns the first order derivatives at v, the k-th by a
	// forward sweep where bit k of route is set, and how many TanhCurve
	// nodes that recorded.
	derivatives := func(v float64, route int) (d [order]float64, curves int) {
		g := graph.New()
		x := g.Param(graph.Scalar(v))
		one := g.Const(graph.Scalar(1))
		y := ops.Tanh(ops.Tanh(x))
		for k := range order {
			if route>>k&1 == 0 {
				y = autodiff.RecordGrad(y, x)[0]
			} else {
				y = autodiff.RecordJVP([]*graph.Node{y}, []*graph.Node{x}, []*graph.Node{one})[0]
			}
			d[k] = y.Scalar()
		}
		for i := range g.Len() {
			if op := g.Node(i).Op(); op != nil && op.Name() == "TanhCurve" {
				curves++
			}
		}
		return d, curves
	}
	for _, v := range []float64{-0.9, 0.3, 1.1} {
		want, _ := derivatives(v, 0)
		curves := 0
		for route := 1; route < 1<<order; route++ {
			got, c := derivatives(v, route)
			curves += c
			for k := range order {
				if math.Abs(got[k]-want[k]) > 1e-12*(1+math.Abs(want[k])) {
					t.Errorf("x = %g, route %0*b: derivative %d = %.17g, want %.17g",
						v, order, route, k+1, got[k], want[k])
				}
			}
		}
		if curves == 0 {
			t.Errorf("x = %g: no route recorded a TanhCurve", v)
		}
	}
}

// TestMixedOrderRoutesMatMul takes the third directional derivative
// D³f(x)[u, u, u] of f(x) = Σ tanh(op(x) op(tanh x)) for each pair of
// transpose flags, by every sequence of reverse and forward sweeps, and
// checks each against the reverse-only sequence. The tangent of a product
// whose two factors both move is one MatMulSum node, so the routes with a
// sweep over a forward one check that op's rules.
func TestMixedOrderRoutesMatMul(t *testing.T) {
	const order = 3
	r := rand.New(rand.NewPCG(3, 4))
	x0, u0 := graph.NewMatrix(3, 3, nil), graph.NewMatrix(3, 3, nil)
	for i := range x0.Data {
		x0.Data[i], u0.Data[i] = 0.5*r.NormFloat64(), r.NormFloat64()
	}
	derivative := func(ta, tb bool, route int) (d float64, sums int) {
		g := graph.New()
		x, u := g.Param(x0), g.Const(u0)
		y := ops.Sum(ops.Tanh(ops.MatMulT(x, ops.Tanh(x), ta, tb)))
		for k := range order {
			if route>>k&1 == 0 {
				y = ops.Dot(autodiff.RecordGrad(y, x)[0], u)
			} else {
				y = autodiff.RecordJVP([]*graph.Node{y}, []*graph.Node{x}, []*graph.Node{u})[0]
			}
		}
		for i := range g.Len() {
			if op := g.Node(i).Op(); op != nil && strings.Contains(op.Name(), "+") {
				sums++
			}
		}
		return y.Scalar(), sums
	}
	for flags := range 4 {
		ta, tb := flags&2 != 0, flags&1 != 0
		want, _ := derivative(ta, tb, 0)
		sums := 0
		for route := 1; route < 1<<order; route++ {
			got, n := derivative(ta, tb, route)
			sums += n
			if math.Abs(got-want) > 1e-11*(1+math.Abs(want)) {
				t.Errorf("transA %v, transB %v, route %0*b: D³f = %.17g, want %.17g",
					ta, tb, order, route, got, want)
			}
		}
		if sums == 0 {
			t.Errorf("transA %v, transB %v: no route recorded a MatMulSum", ta, tb)
		}
	}
}

// TestForwardSweepSkipsOtherDependents checks that a forward sweep records
// tangents only for the nodes its outputs depend on: a branch that depends
// on x but not on y adds nothing to the tape.
func TestForwardSweepSkipsOtherDependents(t *testing.T) {
	recorded := func(branch bool) int {
		g := graph.New()
		x := g.Param(graph.NewMatrix(2, 3, []float64{0.1, -0.2, 0.3, 0.4, -0.5, 0.6}))
		if branch {
			ops.Sum(ops.Exp(ops.Cos(x)))
		}
		y := ops.Sin(ops.Mul(x, x))
		tan := g.Const(graph.NewMatrix(2, 3, []float64{1, 2, 3, 4, 5, 6}))
		before := g.Len()
		autodiff.RecordJVP([]*graph.Node{y}, []*graph.Node{x}, []*graph.Node{tan})
		return g.Len() - before
	}
	if with, without := recorded(true), recorded(false); with != without {
		t.Errorf("forward sweep recorded %d nodes beside another branch, %d without it", with, without)
	}
}

// TestQuadraticFormHessian checks that the Hessian of x A xᵀ, built column
// by column from Hessian-vector products, is A + Aᵀ.
func TestQuadraticFormHessian(t *testing.T) {
	const n = 5
	r := rand.New(rand.NewPCG(1, 2))
	a := graph.NewMatrix(n, n, nil)
	x0 := graph.NewMatrix(1, n, nil)
	for i := range a.Data {
		a.Data[i] = r.NormFloat64()
	}
	for i := range x0.Data {
		x0.Data[i] = r.NormFloat64()
	}
	g := graph.New()
	x := g.Param(x0)
	f := ops.MatMulT(ops.MatMul(x, g.Const(a)), x, false, true)
	grad := autodiff.RecordGrad(f, x)[0]
	for j := 0; j < n; j++ {
		e := graph.NewMatrix(1, n, nil)
		e.Data[j] = 1
		col := autodiff.Grad(ops.Dot(grad, g.Const(e)), x)[0].Data
		fwd := autodiff.JVP([]*graph.Node{grad}, []*graph.Node{x}, []*graph.Matrix{e})[0].Data
		want := make([]float64, n)
		for i := range want {
			want[i] = a.At(i, j) + a.At(j, i)
		}
		if d := cmp.Diff(want, col, exact); d != "" {
			t.Errorf("column %d of the Hessian, reverse-over-reverse (-want +got):\n%s", j, d)
		}
		if d := cmp.Diff(want, fwd, exact); d != "" {
			t.Errorf("column %d of the Hessian, forward-over-reverse (-want +got):\n%s", j, d)
		}
	}
}

// TestSharedNodes checks fan-out, a node used twice in one op, a diamond,
// and a parameter the output does not depend on.
func TestSharedNodes(t *testing.T) {
	tests := []struct {
		name string
		f    func(x, unused *graph.Node) *graph.Node
		want func(v float64) float64
	}{
		{"x*x", func(x, _ *graph.Node) *graph.Node { return ops.Sum(ops.Mul(x, x)) },
			func(v float64) float64 { return 2 * v }},
		{"fan-out", func(x, _ *graph.Node) *graph.Node {
			return ops.Sum(ops.Add(ops.Add(ops.Sin(x), ops.Square(x)), ops.Scale(x, 3)))
		}, func(v float64) float64 { return math.Cos(v) + 2*v + 3 }},
		{"diamond", func(x, _ *graph.Node) *graph.Node {
			e := ops.Exp(x)
			return ops.Sum(ops.Mul(ops.Sin(e), ops.Cos(e)))
		}, func(v float64) float64 { return math.Exp(v) * math.Cos(2*math.Exp(v)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			xs := []float64{-1.5, 0.2, 0.9}
			g := graph.New()
			x := g.Param(graph.NewMatrix(1, 3, xs))
			unused := g.Param(graph.NewMatrix(2, 2, []float64{1, 2, 3, 4}))
			grads := autodiff.Grad(tt.f(x, unused), x, unused)
			want := make([]float64, len(xs))
			for i, v := range xs {
				want[i] = tt.want(v)
			}
			if d := cmp.Diff(want, grads[0].Data, exact); d != "" {
				t.Errorf("gradient (-want +got):\n%s", d)
			}
			if d := cmp.Diff([]float64{0, 0, 0, 0}, grads[1].Data); d != "" {
				t.Errorf("gradient of the unused parameter (-want +got):\n%s", d)
			}
		})
	}
}

// TestConstantsAndStopGradient checks that no derivative flows into a
// constant or through a stop-gradient.
func TestConstantsAndStopGradient(t *testing.T) {
	g := graph.New()
	x := g.Param(graph.NewMatrix(1, 2, []float64{2, 3}))
	c := g.Const(graph.NewMatrix(1, 2, []float64{5, 7}))
	y := ops.Sum(ops.Add(ops.Mul(x, c), ops.Mul(x, ops.StopGradient(ops.Square(x)))))
	got := autodiff.Grad(y, x)[0].Data
	want := []float64{5 + 4, 7 + 9} // c + stop(x²)
	if d := cmp.Diff(want, got, exact); d != "" {
		t.Errorf("gradient (-want +got):\n%s", d)
	}
}

// TestGradLeavesGraph checks that the fast gradient takes its sweep off the
// graph, and that the recorded one leaves it on.
func TestGradLeavesGraph(t *testing.T) {
	g := graph.New()
	x := g.Param(graph.NewMatrix(2, 2, []float64{1, 2, 3, 4}))
	y := ops.Sum(ops.Tanh(ops.MatMul(x, x)))
	n := g.Len()
	autodiff.Grad(y, x)
	if g.Len() != n {
		t.Errorf("tape after Grad: got %d nodes, want %d", g.Len(), n)
	}
	autodiff.RecordGrad(y, x)
	if g.Len() <= n {
		t.Errorf("tape after RecordGrad: got %d nodes, want more than %d", g.Len(), n)
	}
}

// TestReuseAfterReset checks that a graph reset and rebuilt, as in a
// training loop, gives the same gradient with its recycled buffers.
func TestReuseAfterReset(t *testing.T) {
	w := graph.NewMatrix(3, 2, []float64{0.1, -0.2, 0.3, 0.4, -0.5, 0.6})
	xv := graph.NewMatrix(4, 3, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	g := graph.New()
	var first []float64
	for step := 0; step < 3; step++ {
		g.Reset()
		p := g.Param(w)
		y := ops.Mean(ops.Square(ops.Tanh(ops.MatMul(g.Const(xv), p))))
		got := autodiff.Grad(y, p)[0].Data
		if step == 0 {
			first = got
			continue
		}
		if d := cmp.Diff(first, got); d != "" {
			t.Errorf("step %d gradient differs from step 0 (-want +got):\n%s", step, d)
		}
	}
}

// TestVJPAndJVP checks the two products on a non-scalar output against its
// Jacobian written out by hand: y = x W with x 1×2, W 2×3, ∂y/∂x = Wᵀ.
func TestVJPAndJVP(t *testing.T) {
	w := graph.NewMatrix(2, 3, []float64{1, 2, 3, 4, 5, 6})
	g := graph.New()
	x := g.Param(graph.NewMatrix(1, 2, []float64{0.5, -1}))
	y := ops.MatMul(x, g.Const(w))
	u := graph.NewMatrix(1, 3, []float64{1, -1, 2})
	vjp := autodiff.VJP(y, u, x)[0].Data
	if d := cmp.Diff([]float64{1 - 2 + 6, 4 - 5 + 12}, vjp, exact); d != "" {
		t.Errorf("VJP uᵀ ∂y/∂x (-want +got):\n%s", d)
	}
	v := graph.NewMatrix(1, 2, []float64{2, 3})
	jvp := autodiff.JVP([]*graph.Node{y}, []*graph.Node{x}, []*graph.Matrix{v})[0].Data
	if d := cmp.Diff([]float64{2 + 12, 4 + 15, 6 + 18}, jvp, exact); d != "" {
		t.Errorf("JVP ∂y/∂x v (-want +got):\n%s", d)
	}
}

// TestMisuse checks the messages of the panics that report misuse.
func TestMisuse(t *testing.T) {
	g := graph.New()
	x := g.Param(graph.NewMatrix(3, 4, nil))
	c := g.Const(graph.NewMatrix(1, 1, []float64{1}))
	other := graph.New().Param(graph.NewMatrix(4, 2, nil))
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"matmul shapes", func() { ops.MatMul(x, g.Param(graph.NewMatrix(5, 2, nil))) },
			"ops.MatMul: 3x4 and 5x2 do not fit (exact_test.go:"},
		{"broadcast", func() { ops.Add(x, g.Param(graph.NewMatrix(2, 4, nil))) },
			"ops.Add: 3x4 and 2x4 do not broadcast (exact_test.go:"},
		{"two graphs", func() { ops.MatMul(x, other) }, "ops.MatMul: node 0 (parameter 3x4) and node 0 (parameter 4x2) belong to different graphs"},
		{"non-scalar", func() { autodiff.Grad(ops.Tanh(x), x) }, "(Tanh 3x4) is not 1x1; use VJP with a cotangent"},
		{"not an input", func() { y := ops.Tanh(x); autodiff.Grad(ops.Sum(y), y) }, "is not an input of the graph"},
		{"constant", func() { autodiff.Grad(ops.Sum(ops.Mul(x, c)), c) }, "is a constant; make it a parameter"},
		{"other graph input", func() { autodiff.Grad(ops.Sum(x), other) }, "belongs to another graph than the output"},
		{"label", func() { ops.SoftmaxCrossEntropy(x, []int{0, 4, 1}) }, "ops.Pick: label 4 of row 1 is outside 0..3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := panicMessage(tt.f)
			if !strings.Contains(got, tt.want) {
				t.Errorf("panic message: got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func panicMessage(f func()) (msg string) {
	defer func() {
		r := recover()
		var ge *graph.Error
		var ae *autodiff.Error
		switch e := r.(type) {
		case error:
			if errors.As(e, &ge) || errors.As(e, &ae) {
				msg = e.Error()
			} else {
				msg = "unexpected error type: " + e.Error()
			}
		default:
			msg = "no typed error"
		}
	}()
	f()
	return ""
}

// TestNonFinite checks IEEE propagation and the check mode's report of the
// first op whose value, or whose gradient, is not finite.
func TestNonFinite(t *testing.T) {
	g := graph.NewWithOptions(graph.Options{Check: true})
	x := g.Param(graph.NewMatrix(1, 2, []float64{-1, 4}))
	y := ops.Sum(ops.Sqrt(x))
	if v := y.Scalar(); !math.IsNaN(v) {
		t.Errorf("sum(sqrt([-1 4])): got %g, want NaN", v)
	}
	err := g.NonFinite()
	var nf *graph.NonFiniteError
	if !errors.As(err, &nf) || nf.Op != "Sqrt" || nf.Index != 1 || nf.Sweep != 0 {
		t.Fatalf("NonFinite: got %v, want the Sqrt at node 1 of the forward pass", err)
	}
	if !strings.Contains(err.Error(), "exact_test.go:") {
		t.Errorf("NonFinite: got %q, want the site in this file", err)
	}

	g = graph.NewWithOptions(graph.Options{Check: true})
	x = g.Param(graph.NewMatrix(1, 2, []float64{0, 4}))
	autodiff.Grad(ops.Sum(ops.Sqrt(x)), x) // the value is finite, ∂/∂x at 0 is not
	if !errors.As(g.NonFinite(), &nf) || nf.Sweep == 0 {
		t.Errorf("NonFinite after the gradient: got %v, want a node of a derivative sweep", g.NonFinite())
	}
}

// TestWriteDOT checks that the DOT output names ops and shapes, and puts the
// recorded derivative sweep in a cluster of its own.
func TestWriteDOT(t *testing.T) {
	g := graph.New()
	x := g.Param(graph.NewMatrix(1, 2, []float64{1, 2}))
	y := ops.Sum(ops.Tanh(x))
	autodiff.RecordGrad(y, x)
	var b bytes.Buffer
	if err := graph.WriteDOT(&b, g); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"digraph hessgo {", `label="Tanh\n1x2`, "cluster_sweep1", "n0 -> n1;"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("DOT output lacks %q:\n%s", want, b.String())
		}
	}
}

// TestJVPInto checks JVPInto against RecordJVP, that it leaves the graph as
// it was, and that in a loop it allocates nothing.
func TestJVPInto(t *testing.T) {
	g := graph.New()
	x := g.Param(graph.NewMatrix(2, 3, []float64{0.1, -0.2, 0.3, 0.4, -0.5, 0.6}))
	w := g.Param(graph.NewMatrix(3, 2, []float64{1, -1, 0.5, 2, -0.3, 0.7}))
	ys := []*graph.Node{ops.Tanh(ops.MatMul(x, w)), ops.Sum(ops.Sin(x))}
	tx := graph.NewMatrix(2, 3, []float64{1, 2, 3, 4, 5, 6})
	tw := graph.NewMatrix(3, 2, []float64{-1, 0, 1, 0.5, 0.25, 2})
	xs := []*graph.Node{x, w}
	want := autodiff.RecordJVP(ys, xs, []*graph.Node{g.Const(tx), g.Const(tw)})
	mark := g.Len()
	dst := []*graph.Matrix{graph.NewMatrix(2, 2, nil), graph.NewMatrix(1, 1, nil)}
	step := func() { autodiff.JVPInto(dst, ys, xs, []*graph.Matrix{tx, tw}) }
	step()
	for k := range dst {
		if d := cmp.Diff(want[k].Value().Data, dst[k].Data, exact); d != "" {
			t.Errorf("JVPInto output %d (-RecordJVP +JVPInto):\n%s", k, d)
		}
	}
	if g.Len() != mark {
		t.Errorf("JVPInto left %d nodes on the graph", g.Len()-mark)
	}
	ts := []*graph.Matrix{tx, tw}
	if raceEnabled {
		return
	}
	if n := testing.AllocsPerRun(20, func() { autodiff.JVPInto(dst, ys, xs, ts) }); n > 0 {
		t.Errorf("JVPInto allocates %.1f times per call, want 0", n)
	}
}
