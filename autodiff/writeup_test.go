package autodiff_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// TestTwoLayerNetworkByHand checks the engine against backpropagation done
// by hand in the batch form, for the network z¹ = x W¹ + b¹, a¹ = tanh z¹,
// z² = a¹ W² + b², a² = z², L = mean((a² − y)²) over the n×o output:
//
//	δ² = (2/(n·o)) (a² − y)          (one row per example, never summed)
//	∂L/∂W² = (a¹)ᵀ δ²,  ∂L/∂b² = column sums of δ²
//	δ¹ = δ² (W²)ᵀ ⊙ (1 − (a¹)²)
//	∂L/∂W¹ = xᵀ δ¹,     ∂L/∂b¹ = column sums of δ¹
//
// Folding the sum over the batch into δ, or taking ∂L/∂b = δ, as a
// per-example derivation carried over to batches does, gives a bias
// gradient of the wrong shape (n×o instead of 1×o) or the wrong value.
func TestTwoLayerNetworkByHand(t *testing.T) {
	x := [][]float64{{0.5, -1.0, 2.0}, {1.5, 0.25, -0.5}}   // n=2, 3 inputs
	w1 := [][]float64{{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}} // 3×2
	b1 := []float64{0.05, -0.1}
	w2 := [][]float64{{0.7}, {-0.8}} // 2×1
	b2 := []float64{0.2}
	y := [][]float64{{1}, {-1}}

	// Forward pass by hand.
	n, o := len(x), len(y[0])
	a1 := make([][]float64, n)
	a2 := make([][]float64, n)
	loss := 0.0
	for i := range x {
		a1[i] = make([]float64, 2)
		for j := range a1[i] {
			z := b1[j]
			for k := range x[i] {
				z += x[i][k] * w1[k][j]
			}
			a1[i][j] = math.Tanh(z)
		}
		a2[i] = []float64{b2[0] + a1[i][0]*w2[0][0] + a1[i][1]*w2[1][0]}
		d := a2[i][0] - y[i][0]
		loss += d * d / float64(n*o)
	}

	// Backward pass by hand, batch form.
	d2 := make([][]float64, n)
	d1 := make([][]float64, n)
	for i := range x {
		d2[i] = []float64{2 / float64(n*o) * (a2[i][0] - y[i][0])}
		d1[i] = make([]float64, 2)
		for j := range d1[i] {
			d1[i][j] = d2[i][0] * w2[j][0] * (1 - a1[i][j]*a1[i][j])
		}
	}
	gw2, gb2 := transposeTimes(a1, d2), columnSums(d2)
	gw1, gb1 := transposeTimes(x, d1), columnSums(d1)

	// The same network on the graph.
	g := graph.New()
	xs := g.Const(graph.FromRows(x))
	ps := []*graph.Node{
		g.Param(graph.FromRows(w1)), g.Param(graph.FromRows([][]float64{b1})),
		g.Param(graph.FromRows(w2)), g.Param(graph.FromRows([][]float64{b2})),
	}
	h := ops.Tanh(ops.Add(ops.MatMul(xs, ps[0]), ps[1]))
	out := ops.Add(ops.MatMul(h, ps[2]), ps[3])
	l := ops.MSE(out, g.Const(graph.FromRows(y)))
	if got := l.Scalar(); math.Abs(got-loss) > 1e-15 {
		t.Errorf("loss: got %.17g, want %.17g", got, loss)
	}
	grads := autodiff.Grad(l, ps...)
	want := [][][]float64{gw1, {gb1}, gw2, {gb2}}
	names := []string{"∂L/∂W¹", "∂L/∂b¹", "∂L/∂W²", "∂L/∂b²"}
	for k, w := range want {
		if d := cmp.Diff(w, grads[k].ToRows(), exact); d != "" {
			t.Errorf("%s (-hand +engine):\n%s", names[k], d)
		}
	}
}

func transposeTimes(a, d [][]float64) [][]float64 {
	out := make([][]float64, len(a[0]))
	for k := range out {
		out[k] = make([]float64, len(d[0]))
		for j := range out[k] {
			for i := range a {
				out[k][j] += a[i][k] * d[i][j]
			}
		}
	}
	return out
}

func columnSums(d [][]float64) []float64 {
	s := make([]float64, len(d[0]))
	for _, r := range d {
		for j, v := range r {
			s[j] += v
		}
	}
	return s
}
