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
	out := matMulInto(product{a, b, matMulOp{transA, transB}}, graph.Matrix{}, 0)
	return a.Graph().Record2(matMulOps[b2i(transA)][b2i(transB)], out, a, b)
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
	in := y.Inputs()
	grads[0], grads[1] = o.pullBack(in[0], in[1], cot, need[0], need[1])
}

// pullBack returns the cotangents of a and b, where needed, for the
// product op(a) op(b) and its cotangent cot.
func (o matMulOp) pullBack(a, b, cot *graph.Node, needA, needB bool) (ga, gb *graph.Node) {
	if needA {
		if o.transA {
			ga = MatMulT(b, cot, o.transB, true) // Ā = P̄ᵀ = op(B) Cᵀ
		} else {
			ga = MatMulT(cot, b, false, !o.transB) // Ā = C op(B)ᵀ
		}
	}
	if needB {
		if o.transB {
			gb = MatMulT(cot, a, true, o.transA) // B̄ = Q̄ᵀ = Cᵀ op(A)
		} else {
			gb = MatMulT(a, cot, !o.transA, false) // B̄ = op(A)ᵀ C
		}
	}
	return ga, gb
}

// JVP: Ẏ = op(Ȧ) op(B) + op(A) op(Ḃ), one node where both tangents are given.
func (o matMulOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	a, b := y.Inputs()[0], y.Inputs()[1]
	var terms [2]product
	n := 0
	if t[0] != nil {
		terms[n] = product{t[0], b, o}
		n++
	}
	if t[1] != nil {
		terms[n] = product{a, t[1], o}
		n++
	}
	return sumProducts(terms[:n])
}

// product is a term op(a) op(b) of a sum of products.
type product struct {
	a, b *graph.Node
	op   matMulOp
}

// sumProducts returns the sum of the terms, or nil if there are none. Terms
// are taken in pairs, each pair one node computed by two calls of the
// kernel into one buffer.
func sumProducts(terms []product) *graph.Node {
	var sum *graph.Node
	for ; len(terms) >= 2; terms = terms[2:] {
		sum = add(sum, matMulSum(terms[0], terms[1]))
	}
	if len(terms) == 1 {
		p := terms[0]
		sum = add(sum, MatMulT(p.a, p.b, p.op.transA, p.op.transB))
	}
	return sum
}

// matMulSum returns op(p.a) op(p.b) + op(q.a) op(q.b). The second product
// adds into the first's buffer, which spares the pass and the buffer of an
// Add; the sums of a matrix product's tangent are of this form.
func matMulSum(p, q product) *graph.Node {
	g := sameGraph("MatMul", p.a, q.a)
	out := matMulInto(p, graph.Matrix{}, 0)
	matMulInto(q, out, 1)
	return g.Record(matMulSumOps[p.op.index()][q.op.index()], out, p.a, p.b, q.a, q.b)
}

// matMulInto computes op(p.a) op(p.b) + beta·out, allocating out when beta is
// zero, and returns out.
func matMulInto(p product, out graph.Matrix, beta float64) graph.Matrix {
	g := sameGraph("MatMul", p.a, p.b)
	m, k := p.a.Rows(), p.a.Cols()
	if p.op.transA {
		m, k = k, m
	}
	kb, n := p.b.Rows(), p.b.Cols()
	if p.op.transB {
		kb, n = n, kb
	}
	if k != kb {
		fail("MatMul", "%s and %s do not fit", opShape(p.a, p.op.transA), opShape(p.b, p.op.transB))
	}
	if beta == 0 {
		out = g.Alloc(m, n)
	} else if out.Rows != m || out.Cols != n {
		fail("MatMul", "%s times %s does not fit a sum with %s",
			opShape(p.a, p.op.transA), opShape(p.b, p.op.transB), out.Shape())
	}
	av, bv := p.a.Value(), p.b.Value()
	kernel.Gemm(p.op.transA, p.op.transB, m, n, k, 1, av.Data, av.Cols, bv.Data, bv.Cols,
		beta, out.Data, n)
	return out
}

// index numbers the four ops by transpose flags.
func (o matMulOp) index() int { return 2*b2i(o.transA) + b2i(o.transB) }

// matMulSumOps holds the sixteen sums by the index of each term's op, made
// once so that recording a sum does not allocate.
var matMulSumOps = func() (ops [4][4]graph.Op) {
	for i := range 4 {
		for j := range 4 {
			ops[i][j] = matMulSumOp{matMulOpAt(i), matMulOpAt(j)}
		}
	}
	return ops
}()

func matMulOpAt(i int) matMulOp { return matMulOp{transA: i&2 != 0, transB: i&1 != 0} }

// matMulSumOp is op(A) op(B) + op(C) op(D), with inputs A, B, C and D.
type matMulSumOp struct{ p, q matMulOp }

func (o matMulSumOp) Name() string { return o.p.Name() + "+" + o.q.Name() }

// VJP: each term pulls the cotangent back as a product does.
func (o matMulSumOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	in := y.Inputs()
	grads[0], grads[1] = o.p.pullBack(in[0], in[1], cot, need[0], need[1])
	grads[2], grads[3] = o.q.pullBack(in[2], in[3], cot, need[2], need[3])
}

// JVP: the tangent is the sum of up to four products, two per term.
func (o matMulSumOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	in := y.Inputs()
	var terms [4]product
	n := 0
	for k, op := range [2]matMulOp{o.p, o.q} {
		a, b := in[2*k], in[2*k+1]
		if ta := t[2*k]; ta != nil {
			terms[n] = product{ta, b, op}
			n++
		}
		if tb := t[2*k+1]; tb != nil {
			terms[n] = product{a, tb, op}
			n++
		}
	}
	return sumProducts(terms[:n])
}
