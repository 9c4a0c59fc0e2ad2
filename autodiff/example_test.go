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
