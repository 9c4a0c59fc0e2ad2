package ops

import (
	"fmt"

	"github.com/hessgo/hessgo/graph"
)

// Rule is an op together with its derivative rules. Every op of this
// package is a Rule; the sweeps of the package autodiff reach the rules only
// through this interface.
//
// Both rules build their results with the ops of this package, so the
// derivative of a derivative is one more recorded graph. A nil node stands
// for a zero of the right shape (a symbolic zero): rules skip work for it.
type Rule interface {
	graph.Op

	// VJP sets grads[i], for each input i with need[i], to the
	// vector-Jacobian product cotᵀ ∂y/∂xᵢ, of xᵢ's shape, or to nil where it
	// is zero. cot has y's shape.
	VJP(y, cot *graph.Node, need []bool, grads []*graph.Node)

	// JVP returns the Jacobian-vector product Σᵢ ∂y/∂xᵢ tᵢ, of y's shape, or
	// nil where it is zero. tangents[i] has the shape of input i or is nil.
	JVP(y *graph.Node, tangents []*graph.Node) *graph.Node
}

// fail panics with a *graph.Error for op, naming the caller's site.
func fail(op string, format string, args ...any) {
	panic(&graph.Error{Op: op, Msg: fmt.Sprintf(format, args...), Site: graph.CallerSite()})
}

// sameGraph returns the graph of a and b, and panics if they differ.
func sameGraph(op string, a, b *graph.Node) *graph.Graph {
	if a.Graph() != b.Graph() {
		fail(op, "%s and %s belong to different graphs", a.Label(), b.Label())
	}
	return a.Graph()
}

// add accumulates two possibly-zero terms.
func add(a, b *graph.Node) *graph.Node {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return Add(a, b)
}

// mulOrNil returns t*d, or nil where either factor is zero.
func mulOrNil(t, d *graph.Node) *graph.Node {
	if t == nil || d == nil {
		return nil
	}
	return Mul(t, d)
}

// fill adds a constant of x's shape with every entry v.
func fill(x *graph.Node, v float64) *graph.Node {
	g := x.Graph()
	m := g.Alloc(x.Rows(), x.Cols())
	for i := range m.Data {
		m.Data[i] = v
	}
	return g.ConstOp(fillOp{v}, m)
}

type fillOp struct{ v float64 }

func (o fillOp) Name() string { return fmt.Sprintf("Fill(%g)", o.v) }
