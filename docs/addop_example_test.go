package docs_test

// This file is the worked example of design.md: a new op, Cube, added from
// outside the package ops. An op is a type with a name and two derivative
// rules (the ops.Rule interface) and a function that computes the value and
// records it on the graph. The rules are written with existing ops, so the
// new op can be differentiated to any order.

import (
	"fmt"
	"testing"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/gradcheck"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// cubeOp is the op of Cube. It holds no state: the input is on the node.
type cubeOp struct{}

// Name returns the op's name, shown in errors and in WriteDOT's drawings.
func (cubeOp) Name() string { return "Cube" }

// VJP sets the cotangent of x to ȳ ⊙ 3x². A nil cotangent is a symbolic
// zero and gives none.
func (cubeOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	if cot == nil || !need[0] {
		return
	}
	grads[0] = ops.Mul(cot, cubeSlope(y.Inputs()[0]))
}

// JVP returns the tangent ẋ ⊙ 3x² of y, or nil if x's tangent is zero.
func (cubeOp) JVP(y *graph.Node, tangents []*graph.Node) *graph.Node {
	if tangents[0] == nil {
		return nil
	}
	return ops.Mul(tangents[0], cubeSlope(y.Inputs()[0]))
}

// cubeSlope returns f′(x) = 3x², built from ops so that it is itself
// differentiable: the second derivative 6x comes out of the engine.
func cubeSlope(x *graph.Node) *graph.Node { return ops.Scale(ops.Square(x), 3) }

// Cube returns x³ entrywise. The value goes into a buffer from the graph's
// pool, and Record1 takes the buffer and remembers the op and its input.
func Cube(x *graph.Node) *graph.Node {
	g := x.Graph()
	out := g.Alloc(x.Rows(), x.Cols())
	for i, v := range x.Value().Data {
		out.Data[i] = v * v * v
	}
	return g.Record1(cubeOp{}, out, x)
}

// The new op's first derivative by reverse mode, and its second derivative
// by forward over reverse: for f(x) = Σ x³, ∇f = 3x² and H = diag(6x).
func Example_cube() {
	g := graph.New()
	x := g.Param(graph.NewMatrix(1, 3, []float64{1, 2, -1}))
	f := ops.Sum(Cube(x))
	fmt.Println("f =", f.Scalar())

	grad := autodiff.RecordGrad(f, x)
	fmt.Println("∇f =", grad[0].Value().Data)

	ones := graph.NewMatrix(1, 3, []float64{1, 1, 1})
	hv := autodiff.JVP(grad, []*graph.Node{x}, []*graph.Matrix{ones})
	fmt.Println("H 1 =", hv[0].Data)
	// Output:
	// f = 8
	// ∇f = [3 12 3]
	// H 1 = [6 12 -6]
}

// TestCubeDerivatives checks Cube's rules against finite differences, to
// order 2: the gradient, Hessian-vector products by both routes and the
// symmetry of the Hessian, through a function that mixes its entries.
func TestCubeDerivatives(t *testing.T) {
	f := func(g *graph.Graph, x []*graph.Node) *graph.Node {
		return ops.Sum(ops.Mul(Cube(ops.MatMul(x[0], x[1])), x[0]))
	}
	gradcheck.Check(t, f,
		gradcheck.Input{Name: "a", Value: graph.FromRows([][]float64{{0.3, -0.7}, {1.1, 0.4}})},
		gradcheck.Input{Name: "b", Value: graph.FromRows([][]float64{{0.5, -0.2}, {0.9, 0.6}})},
	)
}
