package hvp

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// lossHessian returns H_ℓ of the test MLP's loss at output z, from the
// closed forms: (2/N) I for MSE, (1/m)(diag(p) − p pᵀ) per row for softmax
// cross-entropy.
func lossHessian(z *graph.Matrix, ce bool) *mat.Dense {
	N := z.Rows * z.Cols
	h := mat.NewDense(N, N, nil)
	if !ce {
		for i := range N {
			h.Set(i, i, 2/float64(N))
		}
		return h
	}
	m := float64(z.Rows)
	for r := range z.Rows {
		row := z.Row(r)
		mx := math.Inf(-1)
		for _, x := range row {
			mx = max(mx, x)
		}
		p := make([]float64, len(row))
		var s float64
		for i, x := range row {
			p[i] = math.Exp(x - mx)
			s += p[i]
		}
		for i := range p {
			p[i] /= s
		}
		for i := range p {
			for j := range p {
				v := -p[i] * p[j]
				if i == j {
					v += p[i]
				}
				h.Set(r*z.Cols+i, r*z.Cols+j, v/m)
			}
		}
	}
	return h
}

func TestGaussNewtonMatchesJacobian(t *testing.T) {
	for _, act := range activations {
		for _, ce := range []bool{false, true} {
			m := newTestMLP([]int{3, 4, 3}, 5, act.f, ce, 21)
			ps := m.params(22)
			loss := Loss{Kind: MSE, Targets: m.y}
			if ce {
				loss = Loss{Kind: SoftmaxCrossEntropy, Labels: m.labels}
			}
			gn := NewGaussNewton(m.output, loss, ps, nil)
			got, err := Dense(gn, 0)
			if err != nil {
				t.Fatal(err)
			}

			jac, err := Jacobian(m.output, ps, Reverse, 0)
			if err != nil {
				t.Fatal(err)
			}
			var hj, want mat.Dense
			hj.Mul(lossHessian(gn.Output(), ce), jac)
			want.Mul(jac.T(), &hj)
			if !mat.EqualApprox(got, &want, 1e-12) {
				t.Errorf("%s ce=%v: G v differs from Jᵀ H_ℓ J:\n got %v\nwant %v", act.name, ce,
					mat.Formatted(got), mat.Formatted(&want))
			}
			if l := gn.Loss(); l != New(m.objective(), ps, nil).Loss() {
				t.Errorf("%s ce=%v: Loss got %g, want the objective's", act.name, ce, l)
			}
		}
	}
}

// For a linear model and the mean squared error the Hessian is exactly the
// Gauss-Newton matrix.
func TestGaussNewtonLinearIsHessian(t *testing.T) {
	m := newTestMLP([]int{4, 3}, 6, ops.Tanh, false, 31)
	ps := m.params(32)
	gn := NewGaussNewton(m.output, Loss{Kind: MSE, Targets: m.y}, ps, nil)
	h := New(m.objective(), ps, nil)
	v := randVec(33, h.Dim())
	a, b := make([]float64, h.Dim()), make([]float64, h.Dim())
	gn.Apply(a, v)
	h.Apply(b, v)
	if e := relErr(a, b); e > 1e-12 {
		t.Errorf("linear model: G v and H v differ by %.3g relative, want ≤ 1e-12", e)
	}

	ga, gb := make([]float64, h.Dim()), make([]float64, h.Dim())
	gn.Gradient(ga)
	h.Gradient(gb)
	if e := relErr(ga, gb); e > 1e-14 {
		t.Errorf("Gradient: differs from the HVP's by %.3g", e)
	}
}

func TestGaussNewtonRebuild(t *testing.T) {
	m := newTestMLP([]int{3, 4, 3}, 5, ops.Sigmoid, true, 41)
	ps := m.params(42)
	loss := Loss{Kind: SoftmaxCrossEntropy, Labels: m.labels}
	gn := NewGaussNewton(m.output, loss, ps, nil)
	ps[0].Data[1] -= 0.3
	gn.Rebuild()
	v := randVec(43, gn.Dim())
	got, want := make([]float64, gn.Dim()), make([]float64, gn.Dim())
	gn.Apply(got, v)
	NewGaussNewton(m.output, loss, ps, nil).Apply(want, v)
	if e := relErr(got, want); e != 0 {
		t.Errorf("after Rebuild: got %.3g from a fresh GaussNewton, want 0", e)
	}
}

func TestGaussNewtonBadLoss(t *testing.T) {
	m := newTestMLP([]int{3, 2}, 4, ops.Tanh, false, 1)
	ps := m.params(2)
	cases := []struct {
		name string
		loss Loss
		want string
	}{
		{"no kind", Loss{}, "hvp: NewGaussNewton: unknown loss kind 0"},
		{"targets shape", Loss{Kind: MSE, Targets: graph.NewMatrix(2, 4, nil)},
			"hvp: NewGaussNewton: MSE targets are 2x4, the model's output is 4x2"},
		{"few labels", Loss{Kind: SoftmaxCrossEntropy, Labels: []int{0}},
			"hvp: NewGaussNewton: 1 labels for a model output of 4 rows"},
		{"label range", Loss{Kind: SoftmaxCrossEntropy, Labels: []int{0, 1, 2, 0}},
			"hvp: NewGaussNewton: label 2 is 2, outside 0..1"},
	}
	for _, c := range cases {
		v := catchPanic(func() { NewGaussNewton(m.output, c.loss, ps, nil) })
		e, ok := v.(*Error)
		if !ok || e.Error() != c.want {
			t.Errorf("%s: got panic %v, want %q", c.name, v, c.want)
		}
	}
}
