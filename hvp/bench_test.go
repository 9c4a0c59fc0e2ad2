package hvp

import (
	"testing"
	"time"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// benchWorkloads are the MLP workloads of the project's benchmark table:
// tanh hidden layers, an identity output layer and the mean squared error.
var benchWorkloads = []struct {
	name  string
	sizes []int
	batch int
}{
	{"mlp", []int{784, 256, 256, 10}, 128},
	{"mlp-small", []int{2, 16, 16, 1}, 32},
}

var benchRoutes = []Route{ReverseOverReverse, ForwardOverReverse}

// BenchmarkGrad times the mlp-grad workloads: the forward pass and the
// gradient of every weight and bias.
func BenchmarkGrad(b *testing.B) {
	for _, w := range benchWorkloads {
		b.Run(w.name, func(b *testing.B) {
			m := newTestMLP(w.sizes, w.batch, ops.Tanh, false, 1)
			ps := m.params(2)
			f := m.objective()
			g := graph.New()
			nodes := make([]*graph.Node, len(ps))
			dst := make([]*graph.Matrix, len(ps))
			for k, p := range ps {
				dst[k] = graph.NewMatrix(p.Rows, p.Cols, nil)
			}
			b.ReportAllocs()
			for b.Loop() {
				g.Reset()
				for k, p := range ps {
					nodes[k] = g.Param(p)
				}
				autodiff.GradInto(dst, f(g, nodes), nodes...)
			}
		})
	}
}

// BenchmarkHVP times the mlp-hvp workloads as the baseline defines them:
// the forward pass, the recorded gradient and one Hessian-vector product,
// by each route.
func BenchmarkHVP(b *testing.B) {
	for _, w := range benchWorkloads {
		for _, r := range benchRoutes {
			b.Run(w.name+"/"+r.String(), func(b *testing.B) {
				m := newTestMLP(w.sizes, w.batch, ops.Tanh, false, 1)
				h := New(m.objective(), m.params(2), &Options{Route: r})
				v := randVec(3, h.Dim())
				dst := make([]float64, h.Dim())
				b.ReportAllocs()
				for b.Loop() {
					h.Rebuild()
					h.Apply(dst, v)
				}
			})
		}
	}
}

// BenchmarkHVPApply times one more product on a recorded gradient, the cost
// that iterative methods pay per step.
func BenchmarkHVPApply(b *testing.B) {
	for _, w := range benchWorkloads {
		for _, r := range benchRoutes {
			b.Run(w.name+"/"+r.String(), func(b *testing.B) {
				m := newTestMLP(w.sizes, w.batch, ops.Tanh, false, 1)
				h := New(m.objective(), m.params(2), &Options{Route: r})
				v := randVec(3, h.Dim())
				dst := make([]float64, h.Dim())
				b.ReportAllocs()
				for b.Loop() {
					h.Apply(dst, v)
				}
			})
		}
	}
}

// BenchmarkHVPRatio alternates one mlp-grad and one mlp-hvp iteration and
// reports the ratio of their total times, which a noisy shared machine
// disturbs far less than the times of separate benchmarks.
func BenchmarkHVPRatio(b *testing.B) {
	w := benchWorkloads[0]
	for _, r := range benchRoutes {
		b.Run(w.name+"/"+r.String(), func(b *testing.B) {
			m := newTestMLP(w.sizes, w.batch, ops.Tanh, false, 1)
			ps := m.params(2)
			f := m.objective()
			g := graph.New()
			nodes := make([]*graph.Node, len(ps))
			dst := make([]*graph.Matrix, len(ps))
			for k, p := range ps {
				dst[k] = graph.NewMatrix(p.Rows, p.Cols, nil)
			}
			h := New(f, ps, &Options{Route: r})
			v := randVec(3, h.Dim())
			hv := make([]float64, h.Dim())
			var tGrad, tHVP time.Duration
			for b.Loop() {
				t0 := time.Now()
				g.Reset()
				for k, p := range ps {
					nodes[k] = g.Param(p)
				}
				autodiff.GradInto(dst, f(g, nodes), nodes...)
				t1 := time.Now()
				h.Rebuild()
				h.Apply(hv, v)
				t2 := time.Now()
				tGrad += t1.Sub(t0)
				tHVP += t2.Sub(t1)
			}
			b.ReportMetric(float64(tGrad.Microseconds())/float64(b.N)/1e3, "grad-ms")
			b.ReportMetric(float64(tHVP.Microseconds())/float64(b.N)/1e3, "hvp-ms")
			b.ReportMetric(float64(tHVP)/float64(tGrad), "hvp/grad")
		})
	}
}

// BenchmarkHessianFull times the hessian-full workload: the 97×97 Hessian
// of an MLP 4-16-1 on a batch of 64, forward pass and gradient included.
func BenchmarkHessianFull(b *testing.B) {
	m := newTestMLP([]int{4, 16, 1}, 64, ops.Tanh, false, 1)
	ps := m.params(2)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Symmetric(New(m.objective(), ps, nil), 0); err != nil {
			b.Fatal(err)
		}
	}
}
