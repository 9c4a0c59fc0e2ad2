package autodiff

import (
	"fmt"

	"github.com/hessgo/hessgo/graph"
)

// Error is the value that the functions of this package panic with when
// they are misused: a gradient of a non-scalar output, a gradient with
// respect to a node that is not an input, nodes of two graphs.
type Error struct {
	Func string // the function that was called, such as "Grad"
	Msg  string
}

// Error returns the message, such as "autodiff.Grad: output node 9 (Tanh 3x4) is not 1x1".
func (e *Error) Error() string { return "autodiff." + e.Func + ": " + e.Msg }

func fail(fn, format string, args ...any) {
	panic(&Error{Func: fn, Msg: fmt.Sprintf(format, args...)})
}

// checkInputs panics unless every x is a parameter of y's graph.
func checkInputs(fn string, y *graph.Node, xs []*graph.Node) {
	for k, x := range xs {
		switch {
		case x.Graph() != y.Graph():
			fail(fn, "input %d, %s, belongs to another graph than the output", k, x.Label())
		case x.Kind() == graph.Constant:
			fail(fn, "input %d, %s, is a constant; make it a parameter to differentiate by it",
				k, x.Label())
		case x.Kind() != graph.Parameter:
			fail(fn, "input %d, %s, is not an input of the graph", k, x.Label())
		}
	}
}

func checkScalar(fn string, y *graph.Node) {
	if y.Rows() != 1 || y.Cols() != 1 {
		fail(fn, "output %s is not 1x1; use VJP with a cotangent", y.Label())
	}
}

// RecordGrad returns the gradient ∂y/∂x of the 1×1 node y with respect to
// each parameter x, as nodes that the reverse sweep records on y's graph.
// They can be used in further ops and differentiated again: RecordGrad of
// a function of these nodes gives second derivatives, and so on to any
// order. The gradient of a parameter that y does not depend on is a
// constant node of zeros.
//
// RecordGrad panics with an *Error if y is not 1×1, or if an x is not a
// parameter of y's graph.
func RecordGrad(y *graph.Node, xs ...*graph.Node) []*graph.Node {
	checkScalar("RecordGrad", y)
	checkInputs("RecordGrad", y, xs)
	g := y.Graph()
	defer g.BeginSweep()()
	out := make([]*graph.Node, len(xs))
	reverse(y, g.Scalar(1), xs, out)
	return zerosForNil(out, xs)
}

// RecordVJP returns cotᵀ ∂y/∂x for each parameter x, recorded as in
// RecordGrad. cot is a node of y's shape on y's graph, so the result can be
// differentiated with respect to it as well.
func RecordVJP(y, cot *graph.Node, xs ...*graph.Node) []*graph.Node {
	checkInputs("RecordVJP", y, xs)
	checkCotangent("RecordVJP", y, cot)
	defer y.Graph().BeginSweep()()
	out := make([]*graph.Node, len(xs))
	reverse(y, cot, xs, out)
	return zerosForNil(out, xs)
}

// RecordJVP returns, for each node y of ys, the Jacobian-vector product
// Σₖ ∂y/∂xₖ tₖ, recorded by the forward sweep. tangents[k] is a node of
// xs[k]'s shape. An output that does not depend on any x gets zeros.
func RecordJVP(ys, xs, tangents []*graph.Node) []*graph.Node {
	checkJVP("RecordJVP", ys, xs, tangents)
	defer ys[0].Graph().BeginSweep()()
	out := make([]*graph.Node, len(ys))
	forward(ys, xs, tangents, out)
	return zerosForNil(out, ys)
}

// Grad returns the gradient ∂y/∂x of the 1×1 node y with respect to each
// parameter x, as new matrices. The sweep is run on y's graph and then taken
// off it, so the graph is left as it was, and its buffers are reused by the
// next sweep. It panics as RecordGrad does.
func Grad(y *graph.Node, xs ...*graph.Node) []*graph.Matrix {
	dst := make([]*graph.Matrix, len(xs))
	for k, x := range xs {
		dst[k] = graph.NewMatrix(x.Rows(), x.Cols(), nil)
	}
	GradInto(dst, y, xs...)
	return dst
}

// GradInto is Grad that writes ∂y/∂xₖ into dst[k], which must have xₖ's
// shape. A training loop that keeps dst allocates nothing for the result.
func GradInto(dst []*graph.Matrix, y *graph.Node, xs ...*graph.Node) {
	checkScalar("Grad", y)
	checkInputs("Grad", y, xs)
	checkDst("Grad", "input", dst, xs)
	g := y.Graph()
	mark := g.Len()
	defer g.Truncate(mark)
	defer g.BeginSweep()()
	s := g.Borrow()
	defer g.Return(s)
	out := s.Nodes(1, len(xs))
	reverse(y, g.Scalar(1), xs, out)
	copyOut(dst, out)
}

// VJP returns cotᵀ ∂y/∂x for each parameter x as new matrices, where cot
// has y's shape; the graph is left as it was.
func VJP(y *graph.Node, cot *graph.Matrix, xs ...*graph.Node) []*graph.Matrix {
	checkInputs("VJP", y, xs)
	g := y.Graph()
	mark := g.Len()
	defer g.Truncate(mark)
	defer g.BeginSweep()()
	c := g.Const(cot)
	checkCotangent("VJP", y, c)
	dst := make([]*graph.Matrix, len(xs))
	for k, x := range xs {
		dst[k] = graph.NewMatrix(x.Rows(), x.Cols(), nil)
	}
	out := make([]*graph.Node, len(xs))
	reverse(y, c, xs, out)
	copyOut(dst, out)
	return dst
}

// JVP returns, for each node y of ys, Σₖ ∂y/∂xₖ tₖ as new matrices, where
// tangents[k] has xs[k]'s shape; the graph is left as it was.
func JVP(ys, xs []*graph.Node, tangents []*graph.Matrix) []*graph.Matrix {
	dst := make([]*graph.Matrix, len(ys))
	for k, y := range ys {
		dst[k] = graph.NewMatrix(y.Rows(), y.Cols(), nil)
	}
	JVPInto(dst, ys, xs, tangents)
	return dst
}

// JVPInto is JVP that writes the product for ys[k] into dst[k], which must
// have ys[k]'s shape. A loop of Hessian-vector products that keeps dst
// allocates nothing for the result.
func JVPInto(dst []*graph.Matrix, ys, xs []*graph.Node, tangents []*graph.Matrix) {
	checkDst("JVP", "output", dst, ys)
	if len(ys) == 0 {
		return
	}
	g := ys[0].Graph()
	mark := g.Len()
	defer g.Truncate(mark)
	defer g.BeginSweep()()
	s := g.Borrow()
	defer g.Return(s)
	ts := s.Nodes(0, len(tangents))
	for k, t := range tangents {
		ts[k] = g.Const(t)
	}
	checkJVP("JVP", ys, xs, ts)
	out := s.Nodes(1, len(ys))
	forward(ys, xs, ts, out)
	copyOut(dst, out)
}

func checkCotangent(fn string, y, cot *graph.Node) {
	if cot.Graph() != y.Graph() {
		fail(fn, "cotangent %s belongs to another graph than the output", cot.Label())
	}
	if cot.Rows() != y.Rows() || cot.Cols() != y.Cols() {
		fail(fn, "cotangent is %s, output %s is %s", cot.Shape(), y.Label(), y.Shape())
	}
}

func checkJVP(fn string, ys, xs, tangents []*graph.Node) {
	if len(ys) == 0 {
		fail(fn, "no outputs")
	}
	if len(tangents) != len(xs) {
		fail(fn, "%d tangents for %d inputs", len(tangents), len(xs))
	}
	for _, y := range ys[1:] {
		if y.Graph() != ys[0].Graph() {
			fail(fn, "outputs %s and %s belong to different graphs", ys[0].Label(), y.Label())
		}
	}
	checkInputs(fn, ys[0], xs)
	for k, t := range tangents {
		if t.Rows() != xs[k].Rows() || t.Cols() != xs[k].Cols() {
			fail(fn, "tangent %d is %s, input %s is %s", k, t.Shape(), xs[k].Label(), xs[k].Shape())
		}
	}
}

// checkDst panics unless dst holds one matrix of each node's shape; what
// names the nodes.
func checkDst(fn, what string, dst []*graph.Matrix, nodes []*graph.Node) {
	if len(dst) != len(nodes) {
		fail(fn, "%d destinations for %d %ss", len(dst), len(nodes), what)
	}
	for k, d := range dst {
		if d.Rows != nodes[k].Rows() || d.Cols != nodes[k].Cols() {
			fail(fn, "destination %d is %s, %s %s is %s", k, d.Shape(), what, nodes[k].Label(), nodes[k].Shape())
		}
	}
}

// zerosForNil replaces each symbolic zero by a constant node of zeros of
// the matching shape.
func zerosForNil(res, like []*graph.Node) []*graph.Node {
	for k, r := range res {
		if r == nil {
			res[k] = like[k].Graph().Zeros(like[k].Rows(), like[k].Cols())
		}
	}
	return res
}

// copyOut copies each result's value into dst, writing zeros for nil.
func copyOut(dst []*graph.Matrix, res []*graph.Node) {
	for k, r := range res {
		if r == nil {
			clear(dst[k].Data)
			continue
		}
		copy(dst[k].Data, r.Value().Data)
	}
}
