package newton

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/optim"
)

// stretched is f = Σ aᵢ xᵢ² + Σ xᵢ⁴ / 4 on a 1×5 parameter, a convex
// function whose Hessian changes from step to step.
func stretched(g *graph.Graph, ps []*graph.Node) *graph.Node {
	a := graph.NewMatrix(1, 5, []float64{1e-2, 1e-1, 1, 1e1, 1e2})
	sq := ops.Square(ps[0])
	return ops.Add(ops.Dot(sq, g.Const(a)), ops.Scale(ops.Dot(sq, sq), 0.25))
}

// stateCases lists the stateful optimisers of the package with an
// objective on which their state moves, and its starting point.
var stateCases = []struct {
	name  string
	make  func() optim.Stateful
	f     optim.Objective
	start []float64
}{
	{"newton-cg", func() optim.Stateful { return &NewtonCG{Lambda: 10, CGMaxIter: 3} },
		rosenbrock, []float64{-1.2, 1}},
	{"adahessian", func() optim.Stateful { return &AdaHessian{LR: 0.1, Seed: 4} },
		stretched, []float64{1, -2, 1.5, 0.5, -1}},
}

func stepN(t *testing.T, o optim.Optimizer, f optim.Objective, x *graph.Matrix, n int) {
	t.Helper()
	for range n {
		if _, err := o.Step(f, []*graph.Matrix{x}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStateResumesExactly checks that N steps, a save, a restore into a
// fresh optimiser and M more steps give the parameters and the state of
// N+M steps without a break, bit for bit.
func TestStateResumesExactly(t *testing.T) {
	for _, tt := range stateCases {
		for _, n := range []int{0, 1, 6} {
			const m = 6
			straight := tt.make()
			x := graph.NewMatrix(1, len(tt.start), append([]float64(nil), tt.start...))
			stepN(t, straight, tt.f, x, n+m)

			first := tt.make()
			y := graph.NewMatrix(1, len(tt.start), append([]float64(nil), tt.start...))
			stepN(t, first, tt.f, y, n)
			blob, err := first.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			second := tt.make()
			if err := second.UnmarshalBinary(blob); err != nil {
				t.Fatalf("%s after %d steps: %v", tt.name, n, err)
			}
			stepN(t, second, tt.f, y, m)

			for i, want := range x.Data {
				if got := y.Data[i]; math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("%s, %d+%d steps: x[%d]: got %v, want %v", tt.name, n, m, i, got, want)
				}
			}
			a, _ := straight.MarshalBinary()
			b, _ := second.MarshalBinary()
			if !bytes.Equal(a, b) {
				t.Errorf("%s, %d+%d steps: resumed state differs from the straight one", tt.name, n, m)
			}
		}
	}
}

// TestStateMoves checks that the cases of TestStateResumesExactly do test
// something: the state after a few steps is not the state of a fresh
// optimiser, so that a restore that did nothing would be seen.
func TestStateMoves(t *testing.T) {
	o := &NewtonCG{Lambda: 10, CGMaxIter: 3}
	x := graph.NewMatrix(1, 2, []float64{-1.2, 1})
	stepN(t, o, rosenbrock, x, 6)
	if o.Damping() == 10 {
		t.Errorf("NewtonCG damping after 6 steps: got %g, want it moved from 10", o.Damping())
	}
	p := &NewtonCG{Lambda: 10}
	blob, _ := o.MarshalBinary()
	if err := p.UnmarshalBinary(blob); err != nil {
		t.Fatal(err)
	}
	if got, want := p.Damping(), o.Damping(); got != want {
		t.Errorf("restored damping: got %g, want %g", got, want)
	}
}

// TestBadState checks that bytes that are not a state are refused with an
// error naming what is wrong, and change nothing.
func TestBadState(t *testing.T) {
	cg := &NewtonCG{}
	stepN(t, cg, rosenbrock, graph.NewMatrix(1, 2, []float64{-1.2, 1}), 2)
	ada := &AdaHessian{Seed: 1}
	stepN(t, ada, stretched, graph.NewMatrix(1, 5, []float64{1, 1, 1, 1, 1}), 2)
	adam, _ := optim.NewAdam(0.1).MarshalBinary()
	cgGood, _ := cg.MarshalBinary()
	adaGood, _ := ada.MarshalBinary()

	forged := func(kind string, build func(w *optim.StateWriter)) []byte {
		w := optim.NewStateWriter(kind)
		build(w)
		return w.Bytes()
	}
	tests := []struct {
		name string
		o    optim.Stateful
		data []byte
		want string
	}{
		{"cg foreign", cg, []byte("not a state"), "without the state header"},
		{"cg from adam", cg, adam, `the state of "optim.Adam"`},
		{"cg from adahessian", cg, adaGood, `the state of "newton.AdaHessian"`},
		{"cg truncated", cg, cgGood[:len(cgGood)-1], "checksum does not match"},
		{"cg negative damping", cg, forged("newton.NewtonCG", func(w *optim.StateWriter) {
			w.Float(-1)
		}), "damping -1 is not finite"},
		{"cg NaN damping", cg, forged("newton.NewtonCG", func(w *optim.StateWriter) {
			w.Float(math.NaN())
		}), "damping NaN"},
		{"ada from cg", ada, cgGood, `the state of "newton.NewtonCG"`},
		{"ada truncated", ada, adaGood[:len(adaGood)/2], "checksum does not match"},
		{"ada moments differ", ada, forged("newton.AdaHessian", func(w *optim.StateWriter) {
			w.Int(1)
			w.Floats([]float64{1, 2})
			w.Floats([]float64{1})
		}), "moments of 2 and 1 values"},
		{"ada negative steps", ada, forged("newton.AdaHessian", func(w *optim.StateWriter) {
			w.Int(-3)
			w.Floats(nil)
			w.Floats(nil)
		}), "step count -3 is negative"},
	}
	for _, tt := range tests {
		before, _ := tt.o.MarshalBinary()
		err := tt.o.UnmarshalBinary(tt.data)
		if !errors.Is(err, optim.ErrState) {
			t.Errorf("%s: error: got %v, want one wrapping optim.ErrState", tt.name, err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "newton: ") || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: error: got %q, want it to name %q", tt.name, msg, tt.want)
		}
		if after, _ := tt.o.MarshalBinary(); !bytes.Equal(after, before) {
			t.Errorf("%s: the refused state changed the optimiser", tt.name)
		}
	}
}
