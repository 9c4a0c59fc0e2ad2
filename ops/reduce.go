package ops

// This file implements the ops that change shape without mixing entries
// across products: sums over dimensions, broadcasting, transposition. Each
// is linear, so its JVP applies the op itself to the tangent, and the VJP of
// a sum is a broadcast and the other way round.

import (
	"fmt"

	"github.com/hessgo/hessgo/graph"
)

// SumTo returns x summed down to rows×cols: along each dimension where the
// target size is 1 and x's is not, the entries are added. It returns x
// itself when the shapes agree, and panics when a target size is neither 1
// nor x's size.
func SumTo(x *graph.Node, rows, cols int) *graph.Node {
	return sumTo(sumToOp, x, rows, cols)
}

// Sum returns the sum of all entries of x, as a 1×1 node.
func Sum(x *graph.Node) *graph.Node { return sumTo(sumAllOp, x, 1, 1) }

// SumRows returns the 1×n row vector that adds up the rows of the m×n x:
// the sum of each column.
func SumRows(x *graph.Node) *graph.Node { return sumTo(sumRowsOp, x, 1, x.Cols()) }

// SumCols returns the m×1 column that adds up the columns of the m×n x: the
// sum of each row.
func SumCols(x *graph.Node) *graph.Node { return sumTo(sumColsOp, x, x.Rows(), 1) }

// Mean returns the mean of all entries of x, as a 1×1 node.
func Mean(x *graph.Node) *graph.Node {
	return Scale(Sum(x), 1/float64(x.Rows()*x.Cols()))
}

// Dot returns Σᵢⱼ aᵢⱼ bᵢⱼ, the sum of the elementwise product, as a 1×1
// node. a and b broadcast as in Mul.
func Dot(a, b *graph.Node) *graph.Node { return Sum(Mul(a, b)) }

func sumTo(op graph.Op, x *graph.Node, rows, cols int) *graph.Node {
	if (rows != 1 && rows != x.Rows()) || (cols != 1 && cols != x.Cols()) {
		fail(op.Name(), "cannot sum %s down to %dx%d", x.Shape(), rows, cols)
	}
	if rows == x.Rows() && cols == x.Cols() {
		return x
	}
	g, xv := x.Graph(), x.Value()
	out := g.Alloc(rows, cols)
	clear(out.Data)
	switch {
	case rows == 1 && cols == 1:
		s := 0.0
		for _, v := range xv.Data {
			s += v
		}
		out.Data[0] = s
	case rows == 1:
		for i := 0; i < xv.Rows; i++ {
			r := xv.Row(i)
			for j, v := range out.Data[:len(r)] {
				out.Data[j] = v + r[j]
			}
		}
	default:
		for i := range out.Data {
			s := 0.0
			for _, v := range xv.Row(i) {
				s += v
			}
			out.Data[i] = s
		}
	}
	return g.Record1(op, out, x)
}

type sumOp struct{ name string }

// The sum ops are made once: converting a new sumOp to an interface at
// every call would allocate.
var (
	sumToOp   graph.Op = sumOp{"SumTo"}
	sumAllOp  graph.Op = sumOp{"Sum"}
	sumRowsOp graph.Op = sumOp{"SumRows"}
	sumColsOp graph.Op = sumOp{"SumCols"}
)

func (o sumOp) Name() string { return o.name }

func (sumOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	x := y.Inputs()[0]
	grads[0] = BroadcastTo(cot, x.Rows(), x.Cols())
}

func (sumOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	return SumTo(t[0], y.Rows(), y.Cols())
}

// BroadcastTo returns x repeated up to rows×cols along each dimension where
// x has size 1. It returns x itself when the shapes agree, and panics when a
// dimension of x is neither 1 nor the target size.
func BroadcastTo(x *graph.Node, rows, cols int) *graph.Node {
	if (x.Rows() != 1 && x.Rows() != rows) || (x.Cols() != 1 && x.Cols() != cols) {
		fail("BroadcastTo", "cannot broadcast %s to %dx%d", x.Shape(), rows, cols)
	}
	if rows == x.Rows() && cols == x.Cols() {
		return x
	}
	g, xv := x.Graph(), x.Value()
	out := g.Alloc(rows, cols)
	for i := 0; i < rows; i++ {
		dst, src := out.Data[i*cols:(i+1)*cols], row(xv, i)
		if len(src) == cols {
			copy(dst, src)
			continue
		}
		for j := range dst {
			dst[j] = src[0]
		}
	}
	return g.Record1(broadcastOp{}, out, x)
}

type broadcastOp struct{}

func (broadcastOp) Name() string { return "BroadcastTo" }

func (broadcastOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	x := y.Inputs()[0]
	grads[0] = SumTo(cot, x.Rows(), x.Cols())
}

func (broadcastOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	return BroadcastTo(t[0], y.Rows(), y.Cols())
}

// Transpose returns xᵀ.
func Transpose(x *graph.Node) *graph.Node {
	g, xv := x.Graph(), x.Value()
	out := g.Alloc(xv.Cols, xv.Rows)
	for i := 0; i < xv.Rows; i++ {
		for j, v := range xv.Row(i) {
			out.Data[j*xv.Rows+i] = v
		}
	}
	return g.Record1(transposeOp{}, out, x)
}

type transposeOp struct{}

func (transposeOp) Name() string { return "Transpose" }

func (transposeOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = Transpose(cot)
}

func (transposeOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node { return Transpose(t[0]) }

// StopGradient returns a constant holding a copy of x's value: the value
// flows on, derivatives do not flow back through it.
func StopGradient(x *graph.Node) *graph.Node {
	g := x.Graph()
	out := g.Alloc(x.Rows(), x.Cols())
	copy(out.Data, x.Value().Data)
	return g.ConstOp(stopOp{x.ID()}, out)
}

type stopOp struct{ from int }

func (o stopOp) Name() string { return fmt.Sprintf("StopGradient(#%d)", o.from) }
