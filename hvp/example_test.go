package hvp_test

import (
	"fmt"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/spectral"
)

// f(x) = Σ xᵢ³ has the Hessian diag(6 xᵢ).
func cubes(g *graph.Graph, ps []*graph.Node) *graph.Node {
	return ops.Sum(ops.Pow(ps[0], 3))
}

func ExampleNew() {
	x := graph.NewMatrix(1, 3, []float64{1, 2, -1})
	h := hvp.New(cubes, []*graph.Matrix{x}, nil)

	hv := make([]float64, h.Dim())
	h.Apply(hv, []float64{1, 1, 1})
	fmt.Println("H v =", hv)

	// The gradient graph is reused after the parameters change.
	x.Data[2] = 3
	h.Rebuild()
	h.Apply(hv, []float64{0, 0, 1})
	fmt.Println("H e₃ =", hv)
	// Output:
	// H v = [6 12 -6]
	// H e₃ = [0 0 18]
}

func ExampleHVP_spectral() {
	x := graph.NewMatrix(1, 4, []float64{1, -2, 0.5, 3})
	h := hvp.New(cubes, []*graph.Matrix{x}, nil)

	top, _ := spectral.Lanczos(h, 2, nil)
	tr, _ := spectral.HutchPP(h, &spectral.EstimatorSettings{Budget: 12})
	fmt.Printf("top eigenvalues %.6g %.6g, trace %.6g\n", top.Values[0], top.Values[1], tr.Trace)
	// Output:
	// top eigenvalues 18 6, trace 15
}

// f(a, b) = a² b has the Hessian [[2b, 2a], [2a, 0]].
func ExampleSymmetric() {
	a, b := graph.Scalar(1), graph.Scalar(2)
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		return ops.Mul(ops.Square(ps[0]), ps[1])
	}
	h, err := hvp.Symmetric(hvp.New(f, []*graph.Matrix{a, b}, nil), 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(h.At(0, 0), h.At(0, 1), h.At(1, 1))
	// Output:
	// 4 2 0
}
