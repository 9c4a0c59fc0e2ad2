package ops

// This file implements the ops that models end in: softmax, log-softmax and
// log-sum-exp over each row, and the losses built on them. Each row of a
// batch is one example, as in z = a W + b.

import (
	"math"

	"github.com/hessgo/hessgo/graph"
)

// Softmax returns, for each row x of the input, exp(x - max x) normalised to
// sum to 1.
func Softmax(x *graph.Node) *graph.Node {
	g := x.Graph()
	out := g.Alloc(x.Rows(), x.Cols())
	xv := x.Value()
	for i := 0; i < xv.Rows; i++ {
		r, d := xv.Row(i), out.Data[i*xv.Cols:(i+1)*xv.Cols]
		m, s := rowMax(r), 0.0
		for j, v := range r {
			d[j] = math.Exp(v - m)
			s += d[j]
		}
		for j := range d {
			d[j] /= s
		}
	}
	return g.Record1(softmaxOp{}, out, x)
}

type softmaxOp struct{}

func (softmaxOp) Name() string { return "Softmax" }

// VJP: x̄ = y ⊙ (ȳ - rowsum(ȳ ⊙ y)); the JVP has the same form in the tangent.
func (softmaxOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = softmaxPull(y, cot)
}

func (softmaxOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node { return softmaxPull(y, t[0]) }

func softmaxPull(y, v *graph.Node) *graph.Node {
	return Mul(y, Sub(v, SumCols(Mul(v, y))))
}

// LogSoftmax returns, for each row x of the input, x - log Σⱼ exp(xⱼ),
// computed stably.
func LogSoftmax(x *graph.Node) *graph.Node {
	g := x.Graph()
	out := g.Alloc(x.Rows(), x.Cols())
	xv := x.Value()
	for i := 0; i < xv.Rows; i++ {
		r, d := xv.Row(i), out.Data[i*xv.Cols:(i+1)*xv.Cols]
		lse := logSumExp(r)
		for j, v := range r {
			d[j] = v - lse
		}
	}
	return g.Record1(logSoftmaxOp{}, out, x)
}

type logSoftmaxOp struct{}

func (logSoftmaxOp) Name() string { return "LogSoftmax" }

// VJP: x̄ = ȳ - softmax(x) ⊙ rowsum(ȳ), with softmax(x) = exp(y).
func (logSoftmaxOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = Sub(cot, Mul(Exp(y), SumCols(cot)))
}

// JVP: ẏ = ṫ - rowsum(softmax(x) ⊙ ṫ).
func (logSoftmaxOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	return Sub(t[0], SumCols(Mul(Exp(y), t[0])))
}

// LogSumExp returns the m×1 column log Σⱼ exp(xᵢⱼ) of each row of x,
// computed stably.
func LogSumExp(x *graph.Node) *graph.Node {
	g := x.Graph()
	out := g.Alloc(x.Rows(), 1)
	xv := x.Value()
	for i := range out.Data {
		out.Data[i] = logSumExp(xv.Row(i))
	}
	return g.Record1(logSumExpOp{}, out, x)
}

type logSumExpOp struct{}

func (logSumExpOp) Name() string { return "LogSumExp" }

// VJP: x̄ = ȳ ⊙ softmax(x), with softmax(x) = exp(x - y) row by row.
func (logSumExpOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = Mul(cot, Exp(Sub(y.Inputs()[0], y)))
}

func (logSumExpOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	return SumCols(Mul(Exp(Sub(y.Inputs()[0], y)), t[0]))
}

func rowMax(r []float64) float64 {
	m := math.Inf(-1)
	for _, v := range r {
		if v > m || math.IsNaN(v) {
			m = v
		}
	}
	return m
}

func logSumExp(r []float64) float64 {
	m := rowMax(r)
	if math.IsInf(m, 0) {
		return m
	}
	s := 0.0
	for _, v := range r {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// MSE returns the mean squared error mean((pred - target)²) over every
// entry, as a 1×1 node. The shapes must broadcast.
func MSE(pred, target *graph.Node) *graph.Node {
	return Mean(Square(Sub(pred, target)))
}

// SoftmaxCrossEntropy returns the mean over rows of -log softmax(logits)ᵢ
// at column labels[i]: the cross-entropy of integer class labels, computed
// from the logits through LogSoftmax so that it never overflows. It panics
// if there is not one label per row or a label is not a column of logits.
func SoftmaxCrossEntropy(logits *graph.Node, labels []int) *graph.Node {
	return Neg(Mean(Pick(LogSoftmax(logits), labels)))
}

// Pick returns the m×1 column whose row i is x[i, labels[i]].
func Pick(x *graph.Node, labels []int) *graph.Node {
	checkLabels("Pick", x, labels)
	g, xv := x.Graph(), x.Value()
	out := g.Alloc(xv.Rows, 1)
	for i, l := range labels {
		out.Data[i] = xv.At(i, l)
	}
	return g.Record1(pickOp{labels}, out, x)
}

type pickOp struct{ labels []int }

func (pickOp) Name() string { return "Pick" }

func (o pickOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = Scatter(cot, o.labels, y.Inputs()[0].Cols())
}

func (o pickOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node { return Pick(t[0], o.labels) }

// Scatter returns the m×cols matrix of zeros with x[i] at row i, column
// labels[i]: the adjoint of Pick. x must be m×1.
func Scatter(x *graph.Node, labels []int, cols int) *graph.Node {
	if x.Cols() != 1 || len(labels) != x.Rows() {
		fail("Scatter", "%s is not a column of %d labels", x.Shape(), len(labels))
	}
	g, xv := x.Graph(), x.Value()
	out := g.Alloc(xv.Rows, cols)
	clear(out.Data)
	for i, l := range labels {
		if l < 0 || l >= cols {
			fail("Scatter", "label %d of row %d is outside 0..%d", l, i, cols-1)
		}
		out.Data[i*cols+l] = xv.Data[i]
	}
	return g.Record1(scatterOp{labels}, out, x)
}

type scatterOp struct{ labels []int }

func (scatterOp) Name() string { return "Scatter" }

func (o scatterOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = Pick(cot, o.labels)
}

func (o scatterOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	return Scatter(t[0], o.labels, y.Cols())
}

func checkLabels(op string, x *graph.Node, labels []int) {
	if len(labels) != x.Rows() {
		fail(op, "%d labels for %s", len(labels), x.Shape())
	}
	for i, l := range labels {
		if l < 0 || l >= x.Cols() {
			fail(op, "label %d of row %d is outside 0..%d", l, i, x.Cols()-1)
		}
	}
}
