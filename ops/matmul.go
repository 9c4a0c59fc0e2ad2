package ops

import (
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/internal/kernel"
)

// MatMul returns the matrix product a b. It panics unless a is m×k and b is
// k×n.
func MatMul(a, b *graph.Node) *graph.Node { return MatMulT(a, b, false, false) }

// MatMulT returns op(a) op(b), where op(x) is xᵀ when the matching flag is
// set and x otherwise. The transpose is never formed: the kernel reads the
// operand in the order it needs. The VJP of a product is two products of
// this form, so the backward sweep never transposes either.
func MatMulT(a, b *graph.Node, transA, transB bool) *graph.Node {
	g := sameGraph("MatMul", a, b)
	m, k := a.Rows(), a.Cols()
	if transA {
		m, k = k, m
	}
	kb, n := b.Rows(), b.Cols()
	if transB {
		kb, n = n, kb
	}
	if k != kb {
		fail("MatMul", "%s and %s do not fit", opShape(a, transA), opShape(b, transB))
	}
	out := g.Alloc(m, n)
	av, bv := a.Value(), b.Value()
	kernel.Gemm(transA, transB, m, n, k, 1, av.Data, av.Cols, bv.Data, bv.Cols, 0, out.Data, n)
	return g.Record2(matMulOps[b2i(transA)][b2i(transB)], out, a, b)
}

// matMulOps holds the four ops by transpose flags, made once so that
// recording a product does not allocate.
var matMulOps = [2][2]graph.Op{
	{matMulOp{false, false}, matMulOp{false, true}},
	{matMulOp{true, false}, matMulOp{true, true}},
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// opShape describes x's shape as op(x) sees it, such as "3x4" or "(4x3)ᵀ".
func opShape(x *graph.Node, trans bool) string {
	if trans {
		return "(" + x.Shape() + ")ᵀ"
	}
	return x.Shape()
}

type matMulOp struct{ transA, transB bool }

func (o matMulOp) Name() string {
	switch {
	case o.transA && o.transB:
		return "MatMul(AᵀBᵀ)"
	case o.transA:
		return "MatMul(AᵀB)"
	case o.transB:
		return "MatMul(ABᵀ)"
	}
	return "MatMul"
}

// VJP pulls the cotangent C back through Y = P Q, with P = op(A) and
// Q = op(B): P̄ = C Qᵀ and Q̄ = Pᵀ C, transposed back where A or B entered
// transposed. Each case is a single product with transpose flags.
func (o matMulOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	a, b := y.Inputs()[0], y.Inputs()[1]
	if need[0] {
		if o.transA {
			grads[0] = MatMulT(b, cot, o.transB, true) // Ā = P̄ᵀ = op(B) Cᵀ
		} else {
			grads[0] = MatMulT(cot, b, false, !o.transB) // Ā = C op(B)ᵀ
		}
	}
	if need[1] {
		if o.transB {
			grads[1] = MatMulT(cot, a, true, o.transA) // B̄ = Q̄ᵀ = Cᵀ op(A)
		} else {
			grads[1] = MatMulT(a, cot, !o.transA, false) // B̄ = op(A)ᵀ C
		}
	}
}

func (o matMulOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	a, b := y.Inputs()[0], y.Inputs()[1]
	var ta, tb *graph.Node
	if t[0] != nil {
		ta = MatMulT(t[0], b, o.transA, o.transB)
	}
	if t[1] != nil {
		tb = MatMulT(a, t[1], o.transA, o.transB)
	}
	return add(ta, tb)
}
