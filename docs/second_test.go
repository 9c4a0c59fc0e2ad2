package docs_test

import (
	"fmt"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/spectral"
)

// hessian returns the Hessian of f at x, one column H eⱼ at a time, each by
// forward over reverse (the JVP of the recorded gradient).
func hessian(f func(*graph.Node) *graph.Node, x []float64) [][]float64 {
	g := graph.New()
	p := g.Param(graph.NewMatrix(1, len(x), x))
	grad := autodiff.RecordGrad(f(p), p)
	h := make([][]float64, len(x))
	for j := range x {
		e := graph.NewMatrix(1, len(x), nil)
		e.Data[j] = 1
		col := autodiff.JVP(grad, []*graph.Node{p}, []*graph.Matrix{e})[0]
		for i, v := range col.Data {
			if h[i] == nil {
				h[i] = make([]float64, len(x))
			}
			h[i][j] = v
		}
	}
	return h
}

// The loss (w₁ w₂ − 1)² of a one-unit linear network fitting y = 1 at x = 1
// has a saddle at the origin, where its Hessian is indefinite, and a valley
// of minima w₁ w₂ = 1, where it is positive semidefinite but singular.
func Example_saddle() {
	f := func(w *graph.Node) *graph.Node {
		prod := ops.Mul(ops.Pick(w, []int{0}), ops.Pick(w, []int{1}))
		return ops.Sum(ops.Square(ops.AddConst(prod, -1)))
	}
	fmt.Println("H at (0, 0):", hessian(f, []float64{0, 0}))
	fmt.Println("H at (1, 1):", hessian(f, []float64{1, 1}))
	// Output:
	// H at (0, 0): [[0 -2] [-2 0]]
	// H at (1, 1): [[2 2] [2 2]]
}

// The sharpness (largest Hessian eigenvalue) of the two-layer network's
// loss, from Hessian-vector products and Lanczos, and its smallest
// eigenvalue, which is negative: the Hessian is indefinite here.
func Example_sharpness() {
	objective := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		_, _, l := loss(g, p)
		return l
	}
	h := hvp.New(objective, twoLayer(), nil)
	top, err := spectral.Lanczos(h, 1, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	low, err := spectral.Lanczos(h, 1, &spectral.EigenSettings{Which: spectral.SmallestAlgebraic})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d parameters, λmax = %.4f, λmin = %.4f\n", h.Dim(), top.Values[0], low.Values[0])
	// Output:
	// 11 parameters, λmax = 5.0566, λmin = -7.3495
}
