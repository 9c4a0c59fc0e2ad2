// This file holds the table of every op of the package ops, with the
// input domain and shapes each is checked at, shared by the tests and the
// ops subcommand of cmd/gradcheck.

package gradcheck

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// Shape is the size of one input.
type Shape struct{ Rows, Cols int }

// String returns the shape as "RxC".
func (s Shape) String() string { return fmt.Sprintf("%dx%d", s.Rows, s.Cols) }

// ShapesString returns shapes as "3x4,1x4".
func ShapesString(shapes []Shape) string {
	parts := make([]string, len(shapes))
	for i, s := range shapes {
		parts[i] = s.String()
	}
	return strings.Join(parts, ",")
}

// Domain draws one input entry where an op is smooth and defined.
type Domain func(r *rand.Rand) float64

// The domains of the table.
var (
	// AnyReal draws from the standard normal distribution.
	AnyReal Domain = func(r *rand.Rand) float64 { return r.NormFloat64() }

	// Positive draws from [0.3, 2.3), away from the pole of log and the
	// kink of sqrt.
	Positive Domain = func(r *rand.Rand) float64 { return 0.3 + 2*r.Float64() }

	// AwayFromZero draws from ±[0.2, 1.2), off the kinks of relu and abs
	// and the pole of division.
	AwayFromZero Domain = func(r *rand.Rand) float64 {
		v := 0.2 + r.Float64()
		if r.IntN(2) == 0 {
			return -v
		}
		return v
	}
)

// OpCase is one op of the table. Apply records the op on its inputs, which
// have one of the shapes in Shapes; Problem turns it into a scalar
// function to check.
type OpCase struct {
	Name   string
	Shapes [][]Shape
	Domain Domain
	Apply  func(x []*graph.Node) *graph.Node
}

var (
	unaryShapes  = [][]Shape{{{1, 1}}, {{3, 4}}, {{5, 1}}}
	binaryShapes = [][]Shape{
		{{3, 4}, {3, 4}}, {{3, 4}, {1, 4}}, {{3, 4}, {1, 1}}, {{1, 1}, {3, 4}},
		{{3, 4}, {3, 1}}, {{1, 4}, {3, 1}},
	}
	rowShapes = [][]Shape{{{1, 5}}, {{4, 3}}}
)

func unary(name string, f func(*graph.Node) *graph.Node, d Domain) OpCase {
	return OpCase{name, unaryShapes, d, func(x []*graph.Node) *graph.Node { return f(x[0]) }}
}

func binary(name string, f func(a, b *graph.Node) *graph.Node, d Domain) OpCase {
	return OpCase{name, binaryShapes, d, func(x []*graph.Node) *graph.Node { return f(x[0], x[1]) }}
}

func rows(name string, f func(*graph.Node) *graph.Node) OpCase {
	return OpCase{name, rowShapes, AnyReal, func(x []*graph.Node) *graph.Node { return f(x[0]) }}
}

// OpCases returns the table of every differentiable op of the package ops,
// in a new slice that the caller may change. StopGradient is left out: its
// derivative is zero by design, not the derivative of its value.
func OpCases() []OpCase {
	return []OpCase{
		binary("Add", ops.Add, AnyReal),
		binary("Sub", ops.Sub, AnyReal),
		binary("Mul", ops.Mul, AnyReal),
		binary("Div", ops.Div, AwayFromZero),
		binary("Dot", ops.Dot, AnyReal),
		unary("Neg", ops.Neg, AnyReal),
		unary("Scale", func(x *graph.Node) *graph.Node { return ops.Scale(x, -2.5) }, AnyReal),
		unary("AddConst", func(x *graph.Node) *graph.Node { return ops.AddConst(x, 1.5) }, AnyReal),
		unary("Pow(3)", func(x *graph.Node) *graph.Node { return ops.Pow(x, 3) }, AnyReal),
		unary("Pow(-1.5)", func(x *graph.Node) *graph.Node { return ops.Pow(x, -1.5) }, Positive),
		unary("Pow(0.5)", func(x *graph.Node) *graph.Node { return ops.Pow(x, 0.5) }, Positive),
		unary("Square", ops.Square, AnyReal),
		unary("Sqrt", ops.Sqrt, Positive),
		unary("Exp", ops.Exp, AnyReal),
		unary("Log", ops.Log, Positive),
		unary("Tanh", ops.Tanh, AnyReal),
		unary("Sigmoid", ops.Sigmoid, AnyReal),
		unary("Relu", ops.Relu, AwayFromZero),
		unary("Softplus", ops.Softplus, AnyReal),
		unary("Sin", ops.Sin, AnyReal),
		unary("Cos", ops.Cos, AnyReal),
		unary("Abs", ops.Abs, AwayFromZero),
		unary("Step", ops.Step, AwayFromZero),
		unary("Sign", ops.Sign, AwayFromZero),
		unary("Sum", ops.Sum, AnyReal),
		unary("SumRows", ops.SumRows, AnyReal),
		unary("SumCols", ops.SumCols, AnyReal),
		unary("Mean", ops.Mean, AnyReal),
		unary("Transpose", ops.Transpose, AnyReal),
		{"SumTo", [][]Shape{{{3, 4}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.SumTo(x[0], 1, 4) }},
		{"BroadcastTo", [][]Shape{{{1, 1}}, {{1, 4}}, {{3, 1}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.BroadcastTo(x[0], 3, 4) }},
		{"MatMul", [][]Shape{{{3, 4}, {4, 2}}, {{1, 5}, {5, 1}}, {{2, 1}, {1, 3}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.MatMul(x[0], x[1]) }},
		{"MatMulT(AᵀB)", [][]Shape{{{4, 3}, {4, 2}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.MatMulT(x[0], x[1], true, false) }},
		{"MatMulT(ABᵀ)", [][]Shape{{{3, 4}, {2, 4}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.MatMulT(x[0], x[1], false, true) }},
		{"MatMulT(AᵀBᵀ)", [][]Shape{{{4, 3}, {2, 4}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.MatMulT(x[0], x[1], true, true) }},
		rows("Softmax", ops.Softmax),
		rows("LogSoftmax", ops.LogSoftmax),
		rows("LogSumExp", ops.LogSumExp),
		{"MSE", [][]Shape{{{4, 3}, {4, 3}}, {{4, 1}, {4, 1}}, {{4, 3}, {1, 3}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.MSE(x[0], x[1]) }},
		{"SoftmaxCrossEntropy", [][]Shape{{{4, 3}}}, AnyReal, func(x []*graph.Node) *graph.Node {
			return ops.SoftmaxCrossEntropy(x[0], []int{2, 0, 1, 2})
		}},
		{"Pick", [][]Shape{{{3, 3}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.Pick(x[0], []int{1, 0, 2}) }},
		{"Scatter", [][]Shape{{{3, 1}}}, AnyReal,
			func(x []*graph.Node) *graph.Node { return ops.Scatter(x[0], []int{1, 0, 2}, 4) }},
	}
}

// Problem draws inputs of the given shapes from c's domain and returns the
// scalar function L(x) = Σ op(x) ⊙ w, for a random weighting w of the op's
// output, with its inputs named a, b, ... It panics as the op does if the
// shapes do not fit.
func (c OpCase) Problem(r *rand.Rand, shapes []Shape) (Func, []Input) {
	in := make([]Input, len(shapes))
	for k, s := range shapes {
		m := graph.NewMatrix(s.Rows, s.Cols, nil)
		for i := range m.Data {
			m.Data[i] = c.Domain(r)
		}
		in[k] = Input{Name: string(rune('a' + k)), Value: m}
	}

	g := graph.New()
	x := make([]*graph.Node, len(in))
	for k := range in {
		x[k] = g.Param(in[k].Value)
	}
	y := c.Apply(x)
	w := graph.NewMatrix(y.Rows(), y.Cols(), nil)
	for i := range w.Data {
		w.Data[i] = r.NormFloat64()
	}

	f := func(g *graph.Graph, x []*graph.Node) *graph.Node {
		return ops.Dot(c.Apply(x), g.Const(w))
	}
	return f, in
}
