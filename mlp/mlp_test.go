package mlp

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/optim"
)

// lossAt returns m's loss on batch at the flat parameters theta, and its
// gradient as a flat vector.
func lossAt(m Model, batch *dataset.Set, theta []float64) (float64, []float64) {
	SetFlat(m, theta)
	g := graph.New()
	ps := ParamNodes(g, m)
	loss := m.Loss(g, ps, batch)
	grads := autodiff.Grad(loss, ps...)
	return loss.Scalar(), flatten(grads)
}

func flatten(ms []*graph.Matrix) []float64 {
	var v []float64
	for _, m := range ms {
		v = append(v, m.Data...)
	}
	return v
}

// hvpBoth returns H v at m's current parameters by reverse-over-reverse and
// by forward-over-reverse.
func hvpBoth(m Model, batch *dataset.Set, v []float64) (rr, fr []float64) {
	g := graph.New()
	ps := ParamNodes(g, m)
	gs := autodiff.RecordGrad(m.Loss(g, ps, batch), ps...)
	vs := Split(v, m.Params())
	var dot *graph.Node
	for k, gk := range gs {
		d := ops.Dot(gk, g.Const(vs[k]))
		if dot == nil {
			dot = d
		} else {
			dot = ops.Add(dot, d)
		}
	}
	rr = flatten(autodiff.Grad(dot, ps...))
	fr = flatten(autodiff.JVP(gs, ps, vs))
	return rr, fr
}

func randBatch(rng *rand.Rand, n, d, k int, loss Loss) *dataset.Set {
	s := &dataset.Set{N: n, D: d, X: make([]float64, n*d)}
	for i := range s.X {
		s.X[i] = rng.NormFloat64()
	}
	if loss == MSE {
		s.T, s.Y = k, make([]float64, n*k)
		for i := range s.Y {
			s.Y[i] = rng.NormFloat64()
		}
	} else {
		s.Classes, s.Labels = k, make([]int, n)
		for i := range s.Labels {
			s.Labels[i] = rng.IntN(k)
		}
	}
	return s
}

// minPreact returns the smallest |z| over every pre-activation of m on x.
func minPreact(m *MLP, x *dataset.Set) float64 {
	a := &graph.Matrix{Rows: x.N, Cols: x.D, Data: x.X}
	least := math.Inf(1)
	for l := range m.Layers() {
		g := graph.New()
		z := ops.Add(ops.MatMul(g.Const(a), g.Const(m.Weight(l))), g.Const(m.Bias(l)))
		for _, v := range z.Value().Data {
			least = min(least, math.Abs(v))
		}
		a = m.Activation(l).Apply(z).Value().Clone()
	}
	return least
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*(1+math.Abs(b)) }

// TestDerivatives checks the gradient of every activation and loss against
// central differences of the loss, and the Hessian-vector products of both
// routes against central differences of the gradient.
func TestDerivatives(t *testing.T) {
	const h = 1e-5
	for _, loss := range []Loss{MSE, CrossEntropy} {
		for act := Identity; act <= Softplus; act++ {
			name := act.String() + "/" + loss.String()
			rng := rand.New(rand.NewPCG(7, uint64(act)))
			var m *MLP
			var batch *dataset.Set
			for seed := uint64(1); ; seed++ {
				m = New(Config{Sizes: []int{3, 4, 3}, Activations: []Activation{act, act},
					Init: Glorot, Loss: loss, Seed: seed})
				SetFlat(m, randVec(rng, NumParams(m), 0.5))
				batch = randBatch(rng, 5, 3, 3, loss)
				if act != ReLU || minPreact(m, batch) > 1e-2 {
					break // off relu's kink, so differences see one linear piece
				}
			}
			theta := Flat(m)
			_, grad := lossAt(m, batch, theta)

			for i := range theta {
				p, q := append([]float64(nil), theta...), append([]float64(nil), theta...)
				p[i] += h
				q[i] -= h
				lp, _ := lossAt(m, batch, p)
				lq, _ := lossAt(m, batch, q)
				if fd := (lp - lq) / (2 * h); !near(grad[i], fd, 1e-6) {
					t.Errorf("%s: gradient %d: got %.10g, want %.10g", name, i, grad[i], fd)
				}
			}

			v := randVec(rng, len(theta), 1)
			p, q := axpy(theta, h, v), axpy(theta, -h, v)
			_, gp := lossAt(m, batch, p)
			_, gq := lossAt(m, batch, q)
			SetFlat(m, theta)
			rr, fr := hvpBoth(m, batch, v)
			for i := range theta {
				fd := (gp[i] - gq[i]) / (2 * h)
				if !near(rr[i], fd, 1e-5) || !near(fr[i], fd, 1e-5) {
					t.Errorf("%s: Hv[%d]: got %.10g (reverse) and %.10g (forward), want %.10g",
						name, i, rr[i], fr[i], fd)
				}
			}
		}
	}
}

func randVec(rng *rand.Rand, n int, s float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = s * rng.NormFloat64()
	}
	return v
}

func axpy(x []float64, a float64, v []float64) []float64 {
	out := make([]float64, len(x))
	for i := range x {
		out[i] = x[i] + a*v[i]
	}
	return out
}

func TestXOR(t *testing.T) {
	data := &dataset.Set{N: 4, D: 2, T: 1,
		X: []float64{0, 0, 0, 1, 1, 0, 1, 1},
		Y: []float64{0, 1, 1, 0}}
	m := New(Config{Sizes: []int{2, 8, 1}, Activations: []Activation{Tanh, Identity},
		Init: Glorot, Seed: 1})
	hist, err := Train(m, optim.NewAdam(0.05), data, TrainOptions{Epochs: 500, BatchSize: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	out := m.Predict(graph.NewMatrix(4, 2, data.X))
	for i, want := range data.Y {
		if got := out.Data[i]; math.Abs(got-want) > 0.1 {
			t.Errorf("xor %v: got %.3f, want %v", data.Row(i), got, want)
		}
	}
	if last := hist[len(hist)-1].Loss; last > 1e-3 {
		t.Errorf("final loss: got %g, want under 1e-3", last)
	}
}

func TestSine(t *testing.T) {
	const n = 200
	data := &dataset.Set{N: n, D: 1, T: 1, X: make([]float64, n), Y: make([]float64, n)}
	for i := range n {
		x := -math.Pi + 2*math.Pi*float64(i)/(n-1)
		data.X[i], data.Y[i] = x, math.Sin(x)
	}
	m := New(Config{Sizes: []int{1, 32, 1}, Activations: []Activation{Tanh, Identity},
		Init: Glorot, Seed: 3})
	opt := optim.NewAdam(0.01)
	if _, err := Train(m, opt, data, TrainOptions{Epochs: 1000, BatchSize: 20, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	pred := m.Predict(graph.NewMatrix(n, 1, data.X))
	mse := 0.0
	for i, y := range data.Y {
		mse += (pred.Data[i] - y) * (pred.Data[i] - y) / n
	}
	t.Logf("mse %g", mse)
	if mse >= 1e-3 {
		t.Errorf("mse of the sine fit: got %g, want under 1e-3", mse)
	}
}
