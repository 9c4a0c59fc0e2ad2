package ops

// This file implements the elementwise ops of two inputs. Their inputs
// broadcast: along each dimension the sizes agree, or one of them is 1 and is
// repeated. A 1×1 scalar thus combines with any matrix, a 1×n row vector with
// each row of an m×n matrix (the bias add), an m×1 column with each column.
// The VJP sums each cotangent back to its input's shape (SumTo).

import (
	"github.com/hessgo/hessgo/graph"
)

// broadcastShape returns the shape that a and b broadcast to, and panics if
// they do not.
func broadcastShape(op string, a, b *graph.Node) (rows, cols int) {
	rows, okr := broadcastDim(a.Rows(), b.Rows())
	cols, okc := broadcastDim(a.Cols(), b.Cols())
	if !okr || !okc {
		fail(op, "%s and %s do not broadcast", a.Shape(), b.Shape())
	}
	return rows, cols
}

func broadcastDim(p, q int) (int, bool) {
	switch {
	case p == q:
		return p, true
	case p == 1:
		return q, true
	case q == 1:
		return p, true
	}
	return 0, false
}

// kernels holds an elementwise operation in three forms: on two slices of
// equal length (vv), on a slice and a scalar (vs), on a scalar and a slice (sv).
type kernels struct {
	vv func(dst, a, b []float64)
	vs func(dst, a []float64, s float64)
	sv func(dst []float64, s float64, b []float64)
}

// elementwise computes the broadcast op of a and b with k and records it.
func elementwise(op graph.Op, k *kernels, a, b *graph.Node) *graph.Node {
	g := sameGraph(op.Name(), a, b)
	rows, cols := broadcastShape(op.Name(), a, b)
	out := g.Alloc(rows, cols)
	av, bv := a.Value(), b.Value()
	switch {
	case av.SameShape(bv):
		k.vv(out.Data, av.Data, bv.Data)
	case bv.Rows == 1 && bv.Cols == 1:
		k.vs(out.Data, av.Data, bv.Data[0])
	case av.Rows == 1 && av.Cols == 1:
		k.sv(out.Data, av.Data[0], bv.Data)
	default:
		for i := 0; i < rows; i++ {
			ar, br, dst := row(av, i), row(bv, i), out.Data[i*cols:(i+1)*cols]
			switch {
			case len(ar) == len(br):
				k.vv(dst, ar, br)
			case len(br) == 1:
				k.vs(dst, ar, br[0])
			default:
				k.sv(dst, ar[0], br)
			}
		}
	}
	return g.Record2(op, out, a, b)
}

// row returns row i of m, or its only row when m has one.
func row(m *graph.Matrix, i int) []float64 {
	if m.Rows == 1 {
		return m.Data[:m.Cols]
	}
	return m.Data[i*m.Cols : (i+1)*m.Cols]
}

// toShape sums a cotangent back to x's shape.
func toShape(c, x *graph.Node) *graph.Node {
	if c == nil {
		return nil
	}
	return SumTo(c, x.Rows(), x.Cols())
}

// toOutput broadcasts a tangent up to y's shape.
func toOutput(t, y *graph.Node) *graph.Node {
	if t == nil {
		return nil
	}
	return BroadcastTo(t, y.Rows(), y.Cols())
}

// Add returns a + b, broadcast.
func Add(a, b *graph.Node) *graph.Node { return elementwise(addOp{}, &addKernels, a, b) }

type addOp struct{}

func (addOp) Name() string { return "Add" }

func (addOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	a, b := y.Inputs()[0], y.Inputs()[1]
	if need[0] {
		grads[0] = toShape(cot, a)
	}
	if need[1] {
		grads[1] = toShape(cot, b)
	}
}

func (addOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	if t[0] != nil && t[1] != nil {
		return Add(t[0], t[1])
	}
	return toOutput(add(t[0], t[1]), y)
}

var addKernels = kernels{
	vv: func(dst, a, b []float64) {
		b = b[:len(a)]
		for i, v := range a {
			dst[i] = v + b[i]
		}
	},
	vs: func(dst, a []float64, s float64) {
		for i, v := range a {
			dst[i] = v + s
		}
	},
	sv: func(dst []float64, s float64, b []float64) {
		for i, v := range b {
			dst[i] = s + v
		}
	},
}

// Sub returns a - b, broadcast.
func Sub(a, b *graph.Node) *graph.Node { return elementwise(subOp{}, &subKernels, a, b) }

type subOp struct{}

func (subOp) Name() string { return "Sub" }

func (subOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	a, b := y.Inputs()[0], y.Inputs()[1]
	if need[0] {
		grads[0] = toShape(cot, a)
	}
	if need[1] {
		grads[1] = Neg(toShape(cot, b))
	}
}

func (subOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	switch {
	case t[1] == nil:
		return toOutput(t[0], y)
	case t[0] == nil:
		return toOutput(Neg(t[1]), y)
	}
	return Sub(t[0], t[1])
}

var subKernels = kernels{
	vv: func(dst, a, b []float64) {
		b = b[:len(a)]
		for i, v := range a {
			dst[i] = v - b[i]
		}
	},
	vs: func(dst, a []float64, s float64) {
		for i, v := range a {
			dst[i] = v - s
		}
	},
	sv: func(dst []float64, s float64, b []float64) {
		for i, v := range b {
			dst[i] = s - v
		}
	},
}

// Mul returns the elementwise product a ⊙ b, broadcast.
func Mul(a, b *graph.Node) *graph.Node { return elementwise(mulOp{}, &mulKernels, a, b) }

type mulOp struct{}

func (mulOp) Name() string { return "Mul" }

func (mulOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	a, b := y.Inputs()[0], y.Inputs()[1]
	if need[0] {
		grads[0] = toShape(Mul(cot, b), a)
	}
	if need[1] {
		grads[1] = toShape(Mul(cot, a), b)
	}
}

func (mulOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	a, b := y.Inputs()[0], y.Inputs()[1]
	return toOutput(add(mulOrNil(t[0], b), mulOrNil(a, t[1])), y)
}

var mulKernels = kernels{
	vv: func(dst, a, b []float64) {
		b = b[:len(a)]
		for i, v := range a {
			dst[i] = v * b[i]
		}
	},
	vs: func(dst, a []float64, s float64) {
		for i, v := range a {
			dst[i] = v * s
		}
	},
	sv: func(dst []float64, s float64, b []float64) {
		for i, v := range b {
			dst[i] = s * v
		}
	},
}

// Div returns the elementwise quotient a / b, broadcast.
func Div(a, b *graph.Node) *graph.Node { return elementwise(divOp{}, &divKernels, a, b) }

type divOp struct{}

func (divOp) Name() string { return "Div" }

// VJP uses ∂(a/b)/∂b = -y/b, which reuses the output y.
func (divOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	a, b := y.Inputs()[0], y.Inputs()[1]
	if need[0] {
		grads[0] = toShape(Div(cot, b), a)
	}
	if need[1] {
		grads[1] = toShape(Neg(Mul(cot, Div(y, b))), b)
	}
}

func (divOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	b := y.Inputs()[1]
	var ta, tb *graph.Node
	if t[0] != nil {
		ta = Div(t[0], b)
	}
	if t[1] != nil {
		tb = Neg(Mul(t[1], Div(y, b)))
	}
	return toOutput(add(ta, tb), y)
}

var divKernels = kernels{
	vv: func(dst, a, b []float64) {
		b = b[:len(a)]
		for i, v := range a {
			dst[i] = v / b[i]
		}
	},
	vs: func(dst, a []float64, s float64) {
		for i, v := range a {
			dst[i] = v / s
		}
	},
	sv: func(dst []float64, s float64, b []float64) {
		for i, v := range b {
			dst[i] = s / v
		}
	},
}
