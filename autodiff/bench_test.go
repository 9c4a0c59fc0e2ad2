package autodiff_test

// Benchmarks of the sweeps on the MLPs of the benchmark workloads: a tanh
// network with an identity output layer and a mean-squared-error loss. The
// small network is bound by the cost of each op; the medium one by its
// matrix products.

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

type benchNet struct {
	g      *graph.Graph
	params []*graph.Matrix
	x, y   *graph.Matrix
	v, out []*graph.Matrix
	ps, vs []*graph.Node
}

func newBenchNet(sizes []int, batch int) *benchNet {
	r := rand.New(rand.NewPCG(1, 1))
	fill := func(rows, cols int, f func() float64) *graph.Matrix {
		m := graph.NewMatrix(rows, cols, nil)
		for i := range m.Data {
			m.Data[i] = f()
		}
		return m
	}
	n := &benchNet{g: graph.New()}
	for l := 0; l+1 < len(sizes); l++ {
		bound := 1 / math.Sqrt(float64(sizes[l]))
		u := func() float64 { return (2*r.Float64() - 1) * bound }
		n.params = append(n.params, fill(sizes[l], sizes[l+1], u), fill(1, sizes[l+1], u))
	}
	n.x = fill(batch, sizes[0], r.NormFloat64)
	n.y = fill(batch, sizes[len(sizes)-1], r.NormFloat64)
	for _, m := range n.params {
		n.v = append(n.v, fill(m.Rows, m.Cols, r.NormFloat64))
		n.out = append(n.out, graph.NewMatrix(m.Rows, m.Cols, nil))
	}
	n.ps = make([]*graph.Node, len(n.params))
	n.vs = make([]*graph.Node, len(n.params))
	return n
}

// loss resets the graph and records the forward pass.
func (n *benchNet) loss() *graph.Node {
	g := n.g
	g.Reset()
	for k, m := range n.params {
		n.ps[k] = g.Param(m)
	}
	a := g.Const(n.x)
	layers := len(n.params) / 2
	for l := range layers {
		z := ops.Add(ops.MatMul(a, n.ps[2*l]), n.ps[2*l+1])
		if l < layers-1 {
			z = ops.Tanh(z)
		}
		a = z
	}
	return ops.MSE(a, g.Const(n.y))
}

var (
	smallNet  = []int{2, 16, 16, 1}
	mediumNet = []int{784, 256, 256, 10}
)

func benchGrad(b *testing.B, sizes []int, batch int) {
	n := newBenchNet(sizes, batch)
	b.ReportAllocs()
	for b.Loop() {
		autodiff.GradInto(n.out, n.loss(), n.ps...)
	}
}

func benchHVP(b *testing.B, sizes []int, batch int, rev bool) {
	n := newBenchNet(sizes, batch)
	b.ReportAllocs()
	for b.Loop() {
		gs := autodiff.RecordGrad(n.loss(), n.ps...)
		for k, m := range n.v {
			n.vs[k] = n.g.Const(m)
		}
		if rev {
			var dot *graph.Node
			for k, gk := range gs {
				d := ops.Dot(gk, n.vs[k])
				if dot == nil {
					dot = d
				} else {
					dot = ops.Add(dot, d)
				}
			}
			autodiff.GradInto(n.out, dot, n.ps...)
			continue
		}
		for k, hv := range autodiff.RecordJVP(gs, n.ps, n.vs) {
			copy(n.out[k].Data, hv.Value().Data)
		}
	}
}

func BenchmarkGradSmall(b *testing.B)  { benchGrad(b, smallNet, 32) }
func BenchmarkGradMedium(b *testing.B) { benchGrad(b, mediumNet, 128) }

func BenchmarkHVPSmallRev(b *testing.B)  { benchHVP(b, smallNet, 32, true) }
func BenchmarkHVPSmallFwd(b *testing.B)  { benchHVP(b, smallNet, 32, false) }
func BenchmarkHVPMediumRev(b *testing.B) { benchHVP(b, mediumNet, 128, true) }
func BenchmarkHVPMediumFwd(b *testing.B) { benchHVP(b, mediumNet, 128, false) }
