package docs_test

import (
	"fmt"
	"math"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// The data and parameters of the two-layer network of theory.md: a batch
// of n = 2 examples with 3 inputs, 2 hidden tanh units and o = 1 output.
var (
	batchX = [][]float64{{0.5, -1.0, 2.0}, {1.5, 0.25, -0.5}}
	batchY = [][]float64{{1}, {-1}}
	w1     = [][]float64{{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}}
	b1     = [][]float64{{0.05, -0.1}}
	w2     = [][]float64{{0.7}, {-0.8}}
	b2     = [][]float64{{0.2}}
)

// twoLayer returns the parameters W¹, b¹, W², b² as fresh matrices.
func twoLayer() []*graph.Matrix {
	return []*graph.Matrix{
		graph.FromRows(w1), graph.FromRows(b1), graph.FromRows(w2), graph.FromRows(b2),
	}
}

// loss records z¹ = a⁰ W¹ + b¹, a¹ = tanh z¹, z² = a¹ W² + b², a² = z² and
// L = mean((a² − y)²) on g, and returns a¹, a² and L.
func loss(g *graph.Graph, p []*graph.Node) (a1, a2, l *graph.Node) {
	a0 := g.Const(graph.FromRows(batchX))
	a1 = ops.Tanh(ops.Add(ops.MatMul(a0, p[0]), p[1]))
	a2 = ops.Add(ops.MatMul(a1, p[2]), p[3])
	l = ops.MSE(a2, g.Const(graph.FromRows(batchY)))
	return a1, a2, l
}

func params(g *graph.Graph, ms []*graph.Matrix) []*graph.Node {
	ps := make([]*graph.Node, len(ms))
	for k, m := range ms {
		ps[k] = g.Param(m)
	}
	return ps
}

// The forward pass of the two-layer network on a batch of two examples:
// one row per example all the way to the loss.
func Example_forwardPass() {
	g := graph.New()
	a1, a2, l := loss(g, params(g, twoLayer()))
	fmt.Println("a¹ is", a1.Shape(), "and a² is", a2.Shape())
	fmt.Printf("ŷ = %.4f, L = %.4f\n", a2.Value().Data, l.Scalar())
	// Output:
	// a¹ is 2x2 and a² is 2x1
	// ŷ = [-0.8132 0.9667], L = 3.5778
}

// Backpropagation in batch form, by hand from the formulas of theory.md,
// against the engine: δ² keeps one row per example, ∂L/∂b² is its column
// sums and ∂L/∂W² = (a¹)ᵀ δ².
func Example_backprop() {
	g := graph.New()
	ps := params(g, twoLayer())
	a1, a2, l := loss(g, ps)

	// δ² = (2/(n·o)) (a² − y), an n×o matrix.
	n, o := a2.Rows(), a2.Cols()
	d2 := make([]float64, n*o)
	for i := range d2 {
		d2[i] = 2 / float64(n*o) * (a2.Value().Data[i] - batchY[i][0])
	}
	byHandB2 := d2[0] + d2[1]
	byHandW2 := []float64{
		a1.Value().At(0, 0)*d2[0] + a1.Value().At(1, 0)*d2[1],
		a1.Value().At(0, 1)*d2[0] + a1.Value().At(1, 1)*d2[1],
	}

	grads := autodiff.Grad(l, ps...)
	fmt.Printf("δ² = %.4f\n", d2)
	fmt.Printf("∂L/∂b²: by hand %.4f, engine %.4f (%s)\n",
		byHandB2, grads[3].Data[0], grads[3].Shape())
	fmt.Printf("∂L/∂W²: by hand %.4f, engine %.4f (%s)\n",
		byHandW2, grads[2].Data, grads[2].Shape())
	fmt.Println("∂L/∂b¹ is", grads[1].Shape(), "like b¹")
	// Output:
	// δ² = [-1.8132 1.9667]
	// ∂L/∂b²: by hand 0.1535, engine 0.1535 (1x1)
	// ∂L/∂W²: by hand [2.4587 -2.0300], engine [2.4587 -2.0300] (2x1)
	// ∂L/∂b¹ is 1x2 like b¹
}

// A Hessian-vector product of the two-layer network's loss by both routes:
// reverse over reverse, H v = ∇(∇L · v), and forward over reverse, the JVP
// of the recorded gradient. The two agree to rounding.
func Example_hessianVectorProduct() {
	g := graph.New()
	ms := twoLayer()
	ps := params(g, ms)
	_, _, l := loss(g, ps)
	grads := autodiff.RecordGrad(l, ps...)

	// The direction v: one matrix per parameter, all ones.
	v := make([]*graph.Matrix, len(ms))
	for k, m := range ms {
		v[k] = graph.NewMatrix(m.Rows, m.Cols, nil)
		for i := range v[k].Data {
			v[k].Data[i] = 1
		}
	}

	// Reverse over reverse: differentiate the 1×1 node Σₖ ⟨∇ₖL, vₖ⟩.
	var gv *graph.Node
	for k := range grads {
		t := ops.Dot(grads[k], g.Const(v[k]))
		if gv == nil {
			gv = t
		} else {
			gv = ops.Add(gv, t)
		}
	}
	rr := autodiff.Grad(gv, ps...)

	// Forward over reverse: push the tangent v through the gradient graph.
	fr := autodiff.JVP(grads, ps, v)

	fmt.Printf("(H v) for b²: %.4f and %.4f\n", rr[3].Data[0], fr[3].Data[0])
	worst := 0.0
	for k := range rr {
		for i := range rr[k].Data {
			worst = math.Max(worst, math.Abs(rr[k].Data[i]-fr[k].Data[i]))
		}
	}
	fmt.Println("routes agree to 1e-12:", worst < 1e-12)
	// Output:
	// (H v) for b²: 0.6875 and 0.6875
	// routes agree to 1e-12: true
}
