package graph_test

import (
	"strings"
	"testing"

	"github.com/hessgo/hessgo/graph"
)

type nameOp string

func (o nameOp) Name() string { return string(o) }

func TestTapeOrderAndKinds(t *testing.T) {
	g := graph.New()
	p := g.Param(graph.NewMatrix(2, 3, nil))
	c := g.Const(graph.Scalar(4))
	m := g.Alloc(2, 3)
	y := g.Record2(nameOp("Mix"), m, p, c)
	tests := []struct {
		n      *graph.Node
		id     int
		kind   graph.Kind
		inputs int
	}{
		{p, 0, graph.Parameter, 0}, {c, 1, graph.Constant, 0}, {y, 2, graph.Computed, 2},
	}
	for _, tt := range tests {
		if tt.n.ID() != tt.id || tt.n.Kind() != tt.kind || len(tt.n.Inputs()) != tt.inputs {
			t.Errorf("%s: got id %d, kind %v, %d inputs; want %d, %v, %d", tt.n.Label(),
				tt.n.ID(), tt.n.Kind(), len(tt.n.Inputs()), tt.id, tt.kind, tt.inputs)
		}
		if g.Node(tt.id) != tt.n {
			t.Errorf("Node(%d): got %s, want %s", tt.id, g.Node(tt.id).Label(), tt.n.Label())
		}
	}
	if got, want := y.Label(), "node 2 (Mix 2x3)"; got != want {
		t.Errorf("Label: got %q, want %q", got, want)
	}
}

// TestParamSharesValue checks that a parameter reads the caller's matrix,
// so that writing to it between passes updates the model.
func TestParamSharesValue(t *testing.T) {
	w := graph.NewMatrix(1, 2, []float64{1, 2})
	g := graph.New()
	p := g.Param(w)
	w.Data[1] = 7
	if got := p.Value().At(0, 1); got != 7 {
		t.Errorf("parameter value after writing the matrix: got %g, want 7", got)
	}
}

// TestTruncateReusesBuffers checks that buffers released by Truncate and
// Reset are handed out again, and that inputs' matrices are never taken.
func TestTruncateReusesBuffers(t *testing.T) {
	g := graph.New()
	w := graph.NewMatrix(2, 2, []float64{1, 2, 3, 4})
	p := g.Param(w)
	m := g.Alloc(2, 2)
	first := &m.Data[0]
	g.Record1(nameOp("A"), m, p)
	g.Truncate(1)
	if g.Len() != 1 {
		t.Fatalf("Len after Truncate(1): got %d, want 1", g.Len())
	}
	if again := g.Alloc(2, 2); &again.Data[0] != first {
		t.Errorf("Alloc after Truncate did not reuse the released buffer")
	}
	g.Reset()
	if g.Len() != 0 || w.Data[3] != 4 {
		t.Errorf("after Reset: got %d nodes and w %v, want 0 nodes and w untouched", g.Len(), w.Data)
	}
	if other := g.Alloc(4, 1); &other.Data[0] == &w.Data[0] {
		t.Errorf("Alloc handed out a parameter's matrix")
	}
}

func TestMatrixPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"short data", func() { graph.NewMatrix(2, 2, []float64{1}) }, "graph: NewMatrix: 1 values do not fill 2x2"},
		{"ragged", func() { graph.FromRows([][]float64{{1, 2}, {3}}) }, "graph: FromRows: row 1 has 1 values, row 0 has 2"},
		{"scalar", func() { graph.New().Const(graph.NewMatrix(1, 2, nil)).Scalar() }, "graph: Scalar: node 0 is 1x2, not 1x1"},
		{"other graph", func() {
			g := graph.New()
			g.Record1(nameOp("Op"), g.Alloc(1, 1), graph.New().Const(graph.Scalar(1)))
		}, "ops.Op: input 0 belongs to another graph"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				got := ""
				switch e := r.(type) {
				case string:
					got = e
				case error:
					got = e.Error()
				}
				if !strings.Contains(got, tt.want) {
					t.Errorf("panic: got %q, want %q", got, tt.want)
				}
			}()
			tt.f()
		})
	}
}
