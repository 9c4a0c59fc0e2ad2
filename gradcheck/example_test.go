package gradcheck_test

import (
	"fmt"
	"testing"

	"github.com/hessgo/hessgo/gradcheck"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

func ExampleRun() {
	x := graph.FromRows([][]float64{{0.5, -1}, {2, 0.25}})
	w := graph.FromRows([][]float64{{1.5}, {-0.5}})
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		return ops.Sum(ops.Square(ops.Tanh(ops.MatMul(p[0], p[1]))))
	}
	rep := gradcheck.Run(f, []gradcheck.Input{{Name: "x", Value: x}, {Name: "W", Value: w}}, nil)
	fmt.Println("pass:", rep.Pass)
	for _, r := range rep.Results {
		fmt.Println(r.Check, r.Input, r.Pass)
	}
	// Output:
	// pass: true
	// grad x true
	// grad W true
	// hvp-rev x true
	// hvp-fwd x true
	// hvp-rev W true
	// hvp-fwd W true
	// hessian-sym all true
	// uHv=vHu all true
	// taylor all true
	// repeat all true
}

// A test checks its own function's derivatives in one line.
func ExampleCheck() {
	t := &testing.T{} // in a test, the *testing.T it is given
	x := graph.FromRows([][]float64{{0.5, 2}})
	gradcheck.Check(t, func(g *graph.Graph, p []*graph.Node) *graph.Node {
		return ops.Mean(ops.Softplus(p[0]))
	}, gradcheck.Input{Name: "x", Value: x})
	fmt.Println(t.Failed())
	// Output:
	// false
}
