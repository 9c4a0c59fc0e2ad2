package newton_test

import (
	"fmt"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/newton"
	"github.com/hessgo/hessgo/ops"
)

// f(x) = Σ (xᵢ − i)² is a quadratic: one Newton step reaches its minimum.
func ExampleNewton() {
	x := graph.NewMatrix(1, 3, nil)
	target := graph.NewMatrix(1, 3, []float64{0, 1, 2})
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		return ops.Sum(ops.Square(ops.Sub(ps[0], g.Const(target))))
	}
	var o newton.Newton
	loss, err := o.Step(f, []*graph.Matrix{x})
	fmt.Printf("loss %g, x = (%.6f, %.6f, %.6f), err %v\n", loss, x.Data[0], x.Data[1], x.Data[2], err)
	// Output:
	// loss 5, x = (0.000000, 1.000000, 2.000000), err <nil>
}

// Newton-CG on the Rosenbrock function f(x, y) = (1 − x)² + 100 (y − x²)².
func ExampleNewtonCG() {
	p := graph.NewMatrix(1, 2, []float64{-1.2, 1})
	ex := graph.NewMatrix(2, 1, []float64{1, 0})
	ey := graph.NewMatrix(2, 1, []float64{0, 1})
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		x, y := ops.MatMul(ps[0], g.Const(ex)), ops.MatMul(ps[0], g.Const(ey))
		a := ops.Square(ops.AddConst(ops.Neg(x), 1))
		return ops.Sum(ops.Add(a, ops.Scale(ops.Square(ops.Sub(y, ops.Square(x))), 100)))
	}
	o := &newton.NewtonCG{}
	for range 40 {
		if _, err := o.Step(f, []*graph.Matrix{p}); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Printf("minimum at (%.6f, %.6f)\n", p.Data[0], p.Data[1])
	// Output:
	// minimum at (1.000000, 1.000000)
}
