package hvp

import (
	"runtime"
	"testing"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// shardedMLP returns the MSE of a tanh MLP over a batch of n rows as a
// ShardObjective of the given shard count, together with the whole objective.
func shardedMLP(n, shards int) (*testMLP, ShardObjective) {
	m := newTestMLP([]int{3, 8, 2}, n, ops.Tanh, false, 81)
	f := func(g *graph.Graph, ps []*graph.Node, s int) *graph.Node {
		lo, hi := ShardRange(n, shards, s)
		x := graph.NewMatrix(hi-lo, m.x.Cols, m.x.Data[lo*m.x.Cols:hi*m.x.Cols])
		y := graph.NewMatrix(hi-lo, m.y.Cols, m.y.Data[lo*m.y.Cols:hi*m.y.Cols])
		a := ops.Tanh(ops.Add(ops.MatMul(g.Const(x), ps[0]), ps[1]))
		d := ops.Sub(ops.Add(ops.MatMul(a, ps[2]), ps[3]), g.Const(y))
		return ops.Scale(ops.Sum(ops.Square(d)), 1/float64(n*m.y.Cols))
	}
	return m, f
}

func TestShardRange(t *testing.T) {
	cases := []struct{ n, shards, s, lo, hi int }{
		{10, 3, 0, 0, 4}, {10, 3, 1, 4, 7}, {10, 3, 2, 7, 10},
		{2, 4, 3, 2, 2}, {8, 4, 2, 4, 6},
	}
	for _, c := range cases {
		lo, hi := ShardRange(c.n, c.shards, c.s)
		if lo != c.lo || hi != c.hi {
			t.Errorf("ShardRange(%d, %d, %d): got %d..%d, want %d..%d", c.n, c.shards, c.s,
				lo, hi, c.lo, c.hi)
		}
	}
}

func TestShardedMatchesWhole(t *testing.T) {
	m, f := shardedMLP(61, 4)
	ps := m.params(82)
	s := NewSharded(f, 4, ps, nil)
	h := New(m.objective(), ps, nil)
	v := randVec(83, h.Dim())
	a, b := make([]float64, h.Dim()), make([]float64, h.Dim())
	s.Apply(a, v)
	h.Apply(b, v)
	if e := relErr(a, b); e > 1e-12 {
		t.Errorf("sharded and whole products differ by %.3g relative", e)
	}
	if got, want := s.Loss(), h.Loss(); relErr([]float64{got}, []float64{want}) > 1e-13 {
		t.Errorf("Loss: got %g, want %g", got, want)
	}
	s.Gradient(a)
	h.Gradient(b)
	if e := relErr(a, b); e > 1e-12 {
		t.Errorf("gradients differ by %.3g relative", e)
	}
}

// The result must not depend on the number of goroutines.
func TestShardedDeterministic(t *testing.T) {
	m, f := shardedMLP(200, 8)
	ps := m.params(84)
	v := randVec(85, 3*8+8+8*2+2)
	product := func(procs int) []float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		s := NewSharded(f, 8, ps, nil)
		dst := make([]float64, s.Dim())
		s.Apply(dst, v)
		ps[0].Data[0] += 0.25
		s.Rebuild()
		ps[0].Data[0] -= 0.25
		second := make([]float64, s.Dim())
		s.Apply(second, v)
		grad := make([]float64, s.Dim())
		s.Gradient(grad)
		return append(append(dst, second...), grad...)
	}
	one, two, four := product(1), product(2), product(4)
	for i := range one {
		if one[i] != two[i] || one[i] != four[i] {
			t.Fatalf("entry %d: %v with 1 core, %v with 2, %v with 4; want identical", i,
				one[i], two[i], four[i])
		}
	}
}

func TestShardedPanicsInOrder(t *testing.T) {
	ps := []*graph.Matrix{graph.NewMatrix(1, 2, nil)}
	f := func(g *graph.Graph, p []*graph.Node, s int) *graph.Node {
		if s >= 2 {
			return p[0] // not 1x1: autodiff panics
		}
		return ops.Sum(p[0])
	}
	v := catchPanic(func() { NewSharded(f, 5, ps, nil) })
	if v == nil {
		t.Fatal("got no panic for a 1x2 shard objective")
	}
	if v := catchPanic(func() { NewSharded(f, 0, ps, nil) }); v == nil {
		t.Error("got no panic for 0 shards")
	}
}
