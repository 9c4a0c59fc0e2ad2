package ops_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

var approx = cmpopts.EquateApprox(1e-14, 1e-300)

func m(rows, cols int, data ...float64) *graph.Matrix { return graph.NewMatrix(rows, cols, data) }

// TestForwardValues checks each op's value on small inputs worked out by
// hand, broadcasting included.
func TestForwardValues(t *testing.T) {
	a := m(2, 3, 1, 2, 3, 4, 5, 6)
	tests := []struct {
		name string
		f    func(g *graph.Graph) *graph.Node
		want *graph.Matrix
	}{
		{"add row", func(g *graph.Graph) *graph.Node { return ops.Add(g.Const(a), g.Const(m(1, 3, 10, 20, 30))) },
			m(2, 3, 11, 22, 33, 14, 25, 36)},
		{"sub column", func(g *graph.Graph) *graph.Node { return ops.Sub(g.Const(a), g.Const(m(2, 1, 1, 2))) },
			m(2, 3, 0, 1, 2, 2, 3, 4)},
		{"scalar over matrix", func(g *graph.Graph) *graph.Node { return ops.Div(g.Const(m(1, 1, 12)), g.Const(a)) },
			m(2, 3, 12, 6, 4, 3, 2.4, 2)},
		{"row times column", func(g *graph.Graph) *graph.Node { return ops.Mul(g.Const(m(1, 2, 1, 2)), g.Const(m(3, 1, 1, 2, 3))) },
			m(3, 2, 1, 2, 2, 4, 3, 6)},
		{"matmul", func(g *graph.Graph) *graph.Node { return ops.MatMul(g.Const(a), g.Const(m(3, 1, 1, 0, -1))) },
			m(2, 1, -2, -2)},
		{"matmul AᵀB", func(g *graph.Graph) *graph.Node { return ops.MatMulT(g.Const(a), g.Const(a), true, false) },
			m(3, 3, 17, 22, 27, 22, 29, 36, 27, 36, 45)},
		{"transpose", func(g *graph.Graph) *graph.Node { return ops.Transpose(g.Const(a)) }, m(3, 2, 1, 4, 2, 5, 3, 6)},
		{"sum", func(g *graph.Graph) *graph.Node { return ops.Sum(g.Const(a)) }, m(1, 1, 21)},
		{"sum rows", func(g *graph.Graph) *graph.Node { return ops.SumRows(g.Const(a)) }, m(1, 3, 5, 7, 9)},
		{"sum cols", func(g *graph.Graph) *graph.Node { return ops.SumCols(g.Const(a)) }, m(2, 1, 6, 15)},
		{"mean", func(g *graph.Graph) *graph.Node { return ops.Mean(g.Const(a)) }, m(1, 1, 3.5)},
		{"dot", func(g *graph.Graph) *graph.Node { return ops.Dot(g.Const(a), g.Const(a)) }, m(1, 1, 91)},
		{"broadcast", func(g *graph.Graph) *graph.Node { return ops.BroadcastTo(g.Const(m(1, 2, 7, 8)), 2, 2) },
			m(2, 2, 7, 8, 7, 8)},
		{"pow", func(g *graph.Graph) *graph.Node { return ops.Pow(g.Const(m(1, 2, 4, 9)), -0.5) }, m(1, 2, 0.5, 1.0/3)},
		{"relu", func(g *graph.Graph) *graph.Node { return ops.Relu(g.Const(m(1, 3, -1, 0, 2))) }, m(1, 3, 0, 0, 2)},
		{"abs", func(g *graph.Graph) *graph.Node { return ops.Abs(g.Const(m(1, 2, -3, 2))) }, m(1, 2, 3, 2)},
		{"mse", func(g *graph.Graph) *graph.Node { return ops.MSE(g.Const(a), g.Const(m(1, 3, 1, 2, 3))) },
			m(1, 1, 27.0/6)},
		{"pick", func(g *graph.Graph) *graph.Node { return ops.Pick(g.Const(a), []int{2, 0}) }, m(2, 1, 3, 4)},
		{"scatter", func(g *graph.Graph) *graph.Node { return ops.Scatter(g.Const(m(2, 1, 5, 6)), []int{1, 0}, 2) },
			m(2, 2, 0, 5, 6, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.f(graph.New()).Value()
			if d := cmp.Diff(tt.want, got, approx); d != "" {
				t.Errorf("value (-want +got):\n%s", d)
			}
		})
	}
}

// TestStableAtExtremes checks that the ops built to avoid overflow give
// finite, accurate values where the textbook formulas overflow.
func TestStableAtExtremes(t *testing.T) {
	g := graph.New()
	big := g.Const(m(1, 3, 1000, 1001, 999))
	s := 1 + math.Exp(-1) + math.Exp(-2)
	lse := 1001 + math.Log(s)
	tests := []struct {
		name string
		got  *graph.Node
		want []float64
	}{
		{"softmax", ops.Softmax(big), []float64{math.Exp(-1) / s, 1 / s, math.Exp(-2) / s}},
		{"log-softmax", ops.LogSoftmax(big), []float64{1000 - lse, 1001 - lse, 999 - lse}},
		{"log-sum-exp", ops.LogSumExp(big), []float64{lse}},
		{"cross-entropy", ops.SoftmaxCrossEntropy(big, []int{2}), []float64{lse - 999}},
		{"softplus", ops.Softplus(g.Const(m(1, 3, 800, -800, 0))), []float64{800, 0, math.Ln2}},
		{"sigmoid", ops.Sigmoid(g.Const(m(1, 3, 800, -800, 0))), []float64{1, 0, 0.5}},
		{"tanh", ops.Tanh(g.Const(m(1, 3, 800, -800, 0.5))), []float64{1, -1, math.Tanh(0.5)}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, tt.got.Value().Data, cmpopts.EquateApprox(1e-15, 0)); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
	sm := ops.Softmax(g.Const(m(2, 2, 3, -1, 0.5, 0.25))).Value()
	for i := 0; i < sm.Rows; i++ {
		if s := sm.At(i, 0) + sm.At(i, 1); math.Abs(s-1) > 1e-15 {
			t.Errorf("softmax row %d sums to %.17g, want 1", i, s)
		}
	}
}

// TestIEEEPropagation checks that NaN and infinities pass through as IEEE
// 754 says rather than being hidden.
func TestIEEEPropagation(t *testing.T) {
	g := graph.New()
	x := g.Const(m(1, 3, math.NaN(), math.Inf(1), -1))
	got := ops.Add(ops.Log(x), ops.Scale(x, 0)).Value().Data
	if !math.IsNaN(got[0]) || !math.IsNaN(got[1]) || !math.IsNaN(got[2]) {
		t.Errorf("log(x) + 0·x at [NaN +Inf -1]: got %v, want [NaN NaN NaN]", got)
	}
	if v := ops.Exp(g.Const(m(1, 1, 1000))).Scalar(); !math.IsInf(v, 1) {
		t.Errorf("exp(1000): got %g, want +Inf", v)
	}
}
