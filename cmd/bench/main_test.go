package main

import (
	"math"
	"testing"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/ops"
)

// TestHVPMatchesPackage checks the workloads' Hessian-vector products, by
// both routes, against the package hvp on the same network.
func TestHVPMatchesPackage(t *testing.T) {
	p := newProblem([]int{2, 16, 16, 1}, 32)
	objective := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		a := g.Const(p.x)
		for l := 0; l < len(ps)/2; l++ {
			a = ops.Add(ops.MatMul(a, ps[2*l]), ps[2*l+1])
			if l < len(ps)/2-1 {
				a = ops.Tanh(a)
			}
		}
		return ops.MSE(a, g.Const(p.y))
	}
	want := make([]*graph.Matrix, len(p.params))
	for k, m := range p.params {
		want[k] = graph.NewMatrix(m.Rows, m.Cols, nil)
	}
	hvp.New(objective, p.params, nil).ApplyMatrices(want, p.v)

	for _, rev := range []bool{false, true} {
		p.hvpInto(autodiffGrad(p), p.v, rev)
		for k := range want {
			for i, w := range want[k].Data {
				if got := p.out[k].Data[i]; math.Abs(got-w) > 1e-12*(1+math.Abs(w)) {
					t.Errorf("rev=%v: (Hv)%d[%d]: got %.15g, want %.15g", rev, k, i, got, w)
				}
			}
		}
	}
}

// TestEveryWorkloadRuns runs one iteration of each workload and checks that
// its results are finite.
func TestEveryWorkloadRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("the full-size workloads take a second")
	}
	for _, w := range workloads {
		sink = 0
		w.setup(false)()
		if math.IsNaN(sink) || math.IsInf(sink, 0) {
			t.Errorf("%s: result %g is not finite", w.name, sink)
		}
	}
	if find("mlp-grad") == nil || find("no-such-workload") != nil {
		t.Errorf("find does not tell the workloads apart")
	}
}

func autodiffGrad(p *problem) []*graph.Node {
	return autodiff.RecordGrad(p.loss(), p.ps...)
}

// TestMeasureRatio checks the fields of a ratio measurement. The times
// themselves are the benchmark's business, not a test's.
func TestMeasureRatio(t *testing.T) {
	work := func() {
		s := 0.0
		for i := range 20000 {
			s += math.Sqrt(float64(i))
		}
		sink = s
	}
	r := measureRatio(func() { work(); work() }, work, 0.3)
	if r.Pairs != slicesPerRun || r.MsA <= 0 || r.MsB <= 0 || !(r.Value > 0) || math.IsInf(r.Value, 0) {
		t.Errorf("measureRatio: %+v", r)
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		x    []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{7}, 7}} {
		if got := median(c.x); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}
