package autodiff_test

import (
	"fmt"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// The gradient of f(x) = Σ x² + sin x₁ at x = (1, 2).
func ExampleGrad() {
	g := graph.New()
	x := g.Param(graph.NewMatrix(1, 2, []float64{1, 2}))
	f := ops.Sum(ops.Square(x))
	grad := autodiff.Grad(f, x)
	fmt.Println(grad[0].Data)
	// Output: [2 4]
}

// Second and third derivatives of x³ at x = 2, each by differentiating the
// recorded derivative before it.
func ExampleRecordGrad() {
	g := graph.New()
	x := g.Param(graph.Scalar(2))
	d := ops.Pow(x, 3)
	for order := 1; order <= 3; order++ {
		d = autodiff.RecordGrad(d, x)[0]
		fmt.Printf("order %d: %g\n", order, d.Scalar())
	}
	// Output:
	// order 1: 12
	// order 2: 12
	// order 3: 6
}

// A Hessian-vector product by forward-over-reverse: the JVP of the recorded
// gradient. For f(x) = x₀² x₁, H = [[2x₁ 2x₀] [2x₀ 0]].
func ExampleJVP() {
	g := graph.New()
	x := g.Param(graph.NewMatrix(1, 2, []float64{3, 5}))
	f := ops.Sum(ops.Mul(ops.Square(ops.Pick(x, []int{0})), ops.Pick(x, []int{1})))
	grad := autodiff.RecordGrad(f, x)
	v := graph.NewMatrix(1, 2, []float64{1, 0})
	hv := autodiff.JVP(grad, []*graph.Node{x}, []*graph.Matrix{v})
	fmt.Println(hv[0].Data)
	// Output: [10 6]
}

// The program of the README: a gradient as plain values, the same gradient
// recorded on the graph, and a Hessian-vector product from it. For
// f(x) = Σ x² sin x the Hessian is diagonal, with entries
// 2 sin x + 4x cos x − x² sin x.
func Example() {
	g := graph.New()
	x := g.Param(graph.NewMatrix(1, 2, []float64{3, 5}))
	f := ops.Sum(ops.Mul(ops.Square(x), ops.Sin(x))) // Σ x² sin x

	grad := autodiff.Grad(f, x)     // plain values; the graph is left as it was
	gs := autodiff.RecordGrad(f, x) // the gradient as nodes on the graph
	v := graph.NewMatrix(1, 2, []float64{1, 0})
	hv := autodiff.JVP(gs, []*graph.Node{x}, []*graph.Matrix{v}) // H v, forward-over-reverse

	fmt.Printf("f = %.6f\n", f.Scalar())
	fmt.Printf("∇f = %.6f\n", grad[0].Data)
	fmt.Printf("H v = %.6f\n", hv[0].Data)
	// Output:
	// f = -22.703027
	// ∇f = [-8.063212 -2.497688]
	// H v = [-12.867750 0.000000]
}
