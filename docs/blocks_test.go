package docs_test

import (
	"math"
	"testing"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
)

// TestLastLayerBlocks checks the closed forms of theory.md, section 5.1,
// for the blocks of the last, linear layer of the two-layer network under
// the mean squared error, with c = 1/(n·o) and A = a¹:
//
//	H(W², W²) = 2c (Aᵀ A) ⊗ I,  H(b², b²) = 2c n I,  H(W², b²) = 2c (Aᵀ 1) ⊗ I
//
// against the dense Hessian built from exact Hessian-vector products, and
// that the dense Hessian is symmetric to rounding.
func TestLastLayerBlocks(t *testing.T) {
	objective := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		_, _, l := loss(g, p)
		return l
	}
	ms := twoLayer()
	h, err := hvp.Dense(hvp.New(objective, ms, nil), 0)
	if err != nil {
		t.Fatal(err)
	}

	// A = a¹ by the forward pass.
	g := graph.New()
	a1, a2, _ := loss(g, params(g, ms))
	A := a1.Value()
	n, o := a2.Rows(), a2.Cols()
	c := 1 / float64(n*o)

	// Flat positions: W¹ (6), b¹ (2), W² (2, row-major 2×1), b² (1).
	const w2, b2 = 8, 10
	var want [3][3]float64
	for i := range 2 {
		for j := range 2 {
			for r := range n {
				want[i][j] += 2 * c * A.At(r, i) * A.At(r, j) // (AᵀA) ⊗ I₁
			}
		}
		for r := range n {
			want[i][2] += 2 * c * A.At(r, i) // (Aᵀ 1) ⊗ I₁
		}
		want[2][i] = want[i][2]
	}
	want[2][2] = 2 * c * float64(n)

	idx := []int{w2, w2 + 1, b2}
	for i, pi := range idx {
		for j, pj := range idx {
			if got := h.At(pi, pj); math.Abs(got-want[i][j]) > 1e-12 {
				t.Errorf("H[%d][%d]: got %.15g, want %.15g", pi, pj, got, want[i][j])
			}
		}
	}

	rows, _ := h.Dims()
	for i := range rows {
		for j := range i {
			if d := math.Abs(h.At(i, j) - h.At(j, i)); d > 1e-12 {
				t.Errorf("H[%d][%d] − H[%d][%d]: got %.3g, want 0 to 1e-12", i, j, j, i, d)
			}
		}
	}
}
