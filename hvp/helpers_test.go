package hvp

import (
	"math"
	"math/rand/v2"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/optim"
)

// activations are the hidden-layer nonlinearities the tests cover.
var activations = []struct {
	name string
	f    func(*graph.Node) *graph.Node
}{
	{"relu", ops.Relu},
	{"sigmoid", ops.Sigmoid},
	{"tanh", ops.Tanh},
	{"softplus", ops.Softplus},
	{"identity", func(x *graph.Node) *graph.Node { return x }},
}

// testMLP is a small multilayer perceptron z = a W + b built with ops, with
// its data and loss.
type testMLP struct {
	sizes  []int
	act    func(*graph.Node) *graph.Node
	ce     bool // softmax cross-entropy, else mean squared error
	x, y   *graph.Matrix
	labels []int
}

// newTestMLP returns an MLP of the given sizes on batch rows of seeded data.
func newTestMLP(sizes []int, batch int, act func(*graph.Node) *graph.Node, ce bool,
	seed uint64) *testMLP {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := &testMLP{sizes: sizes, act: act, ce: ce}
	m.x = randMatrix(rng, batch, sizes[0], 1)
	out := sizes[len(sizes)-1]
	m.y = randMatrix(rng, batch, out, 1)
	m.labels = make([]int, batch)
	for i := range m.labels {
		m.labels[i] = rng.IntN(out)
	}
	return m
}

// params returns seeded weights and biases, uniform in ±1/√fan_in.
func (m *testMLP) params(seed uint64) []*graph.Matrix {
	rng := rand.New(rand.NewPCG(seed, 2))
	var ps []*graph.Matrix
	for l := 0; l+1 < len(m.sizes); l++ {
		s := 1 / math.Sqrt(float64(m.sizes[l]))
		ps = append(ps, uniformMatrix(rng, m.sizes[l], m.sizes[l+1], s),
			uniformMatrix(rng, 1, m.sizes[l+1], s))
	}
	return ps
}

// output records the network's output for the parameters ps on g.
func (m *testMLP) output(g *graph.Graph, ps []*graph.Node) *graph.Node {
	a := g.Const(m.x)
	layers := len(ps) / 2
	for l := range layers {
		z := ops.Add(ops.MatMul(a, ps[2*l]), ps[2*l+1])
		if l+1 < layers {
			z = m.act(z)
		}
		a = z
	}
	return a
}

// objective returns the loss of the network as an optim.Objective.
func (m *testMLP) objective() optim.Objective {
	return func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		out := m.output(g, ps)
		if m.ce {
			return ops.SoftmaxCrossEntropy(out, m.labels)
		}
		return ops.MSE(out, g.Const(m.y))
	}
}

func randMatrix(rng *rand.Rand, r, c int, s float64) *graph.Matrix {
	m := graph.NewMatrix(r, c, nil)
	for i := range m.Data {
		m.Data[i] = s * rng.NormFloat64()
	}
	return m
}

func uniformMatrix(rng *rand.Rand, r, c int, s float64) *graph.Matrix {
	m := graph.NewMatrix(r, c, nil)
	for i := range m.Data {
		m.Data[i] = s * (2*rng.Float64() - 1)
	}
	return m
}

func randVec(seed uint64, n int) []float64 {
	rng := rand.New(rand.NewPCG(seed, 3))
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return v
}

// flatGrad returns the gradient of f at ps, flattened.
func flatGrad(f optim.Objective, ps []*graph.Matrix) []float64 {
	g := graph.New()
	nodes := make([]*graph.Node, len(ps))
	for k, p := range ps {
		nodes[k] = g.Param(p)
	}
	var out []float64
	for _, m := range autodiff.Grad(f(g, nodes), nodes...) {
		out = append(out, m.Data...)
	}
	return out
}

// fdHVP returns the central difference (∇f(θ + h v) − ∇f(θ − h v)) / 2h,
// restoring the parameters afterwards.
func fdHVP(f optim.Objective, ps []*graph.Matrix, v []float64, h float64) []float64 {
	shift := func(s float64) {
		off := 0
		for _, p := range ps {
			for i := range p.Data {
				p.Data[i] += s * v[off]
				off++
			}
		}
	}
	orig := saveParams(ps)
	shift(h)
	gp := flatGrad(f, ps)
	restoreParams(ps, orig)
	shift(-h)
	gm := flatGrad(f, ps)
	restoreParams(ps, orig)
	for i := range gp {
		gp[i] = (gp[i] - gm[i]) / (2 * h)
	}
	return gp
}

func saveParams(ps []*graph.Matrix) [][]float64 {
	out := make([][]float64, len(ps))
	for k, p := range ps {
		out[k] = append([]float64(nil), p.Data...)
	}
	return out
}

func restoreParams(ps []*graph.Matrix, saved [][]float64) {
	for k, p := range ps {
		copy(p.Data, saved[k])
	}
}

// relErr returns ‖a − b‖∞ / max(‖b‖∞, tiny).
func relErr(a, b []float64) float64 {
	var d, s float64
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i]))
		s = max(s, math.Abs(b[i]))
	}
	return d / max(s, 1e-300)
}

// catchPanic runs f and returns the value it panicked with, or nil.
func catchPanic(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
