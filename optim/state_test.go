package optim

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// network returns a small tanh classifier's loss and fresh parameters for
// it, so that the state spans two matrices of different shapes.
func network() (Objective, func() []*graph.Matrix) {
	x := graph.NewMatrix(12, 5, nil)
	for i := range x.Data {
		x.Data[i] = math.Sin(float64(3*i + 1))
	}
	labels := make([]int, 12)
	for i := range labels {
		labels[i] = i % 3
	}
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		z := ops.Add(ops.MatMul(g.Const(x), ps[0]), ps[1])
		return ops.SoftmaxCrossEntropy(ops.Tanh(z), labels)
	}
	params := func() []*graph.Matrix {
		w := graph.NewMatrix(5, 3, nil)
		for i := range w.Data {
			w.Data[i] = 0.3 * math.Cos(float64(i))
		}
		return []*graph.Matrix{w, graph.NewMatrix(1, 3, nil)}
	}
	return f, params
}

// stateful lists the stateful optimisers of the package, each made anew
// by its function with the same settings.
var stateful = []struct {
	name string
	make func() Stateful
}{
	{"sgd", func() Stateful { return NewSGD(0.3) }},
	{"momentum", func() Stateful { return NewMomentum(0.2, 0.9, false) }},
	{"nesterov", func() Stateful { return NewMomentum(0.2, 0.9, true) }},
	{"adam", func() Stateful { return NewAdam(0.05) }},
}

func steps(t *testing.T, o Optimizer, f Objective, params []*graph.Matrix, n int) {
	t.Helper()
	for range n {
		if _, err := o.Step(f, params); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStateResumesExactly checks that N steps, a save, a restore into a
// fresh optimiser and M more steps give the parameters and the state of
// N+M steps without a break, bit for bit.
func TestStateResumesExactly(t *testing.T) {
	f, fresh := network()
	for _, tt := range stateful {
		for _, n := range []int{0, 1, 7} {
			const m = 9
			straight, ps := tt.make(), fresh()
			steps(t, straight, f, ps, n+m)

			first, qs := tt.make(), fresh()
			steps(t, first, f, qs, n)
			blob, err := first.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			second := tt.make()
			if err := second.UnmarshalBinary(blob); err != nil {
				t.Fatalf("%s after %d steps: %v", tt.name, n, err)
			}
			steps(t, second, f, qs, m)

			for k := range ps {
				for i, want := range ps[k].Data {
					if got := qs[k].Data[i]; math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("%s, %d+%d steps: parameter %d entry %d: got %v, want %v",
							tt.name, n, m, k, i, got, want)
					}
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

// TestStateIsACopy checks that a saved state does not change as the
// optimiser steps on, and that a restored one does not share memory.
func TestStateIsACopy(t *testing.T) {
	f, fresh := network()
	o, ps := NewAdam(0.05), fresh()
	steps(t, o, f, ps, 2)
	blob, _ := o.MarshalBinary()
	keep := bytes.Clone(blob)
	p := NewAdam(0.05)
	if err := p.UnmarshalBinary(blob); err != nil {
		t.Fatal(err)
	}
	steps(t, o, f, ps, 1)
	blob[len(blob)/2] ^= 0xff
	got, _ := p.MarshalBinary()
	if !bytes.Equal(got, keep) {
		t.Errorf("restored state changed when the source stepped or the bytes did")
	}
}

// TestBadState checks that bytes that are not a state are refused with
// an error naming what is wrong, and change nothing.
func TestBadState(t *testing.T) {
	f, fresh := network()
	o := NewAdam(0.05)
	steps(t, o, f, fresh(), 3)
	good, _ := o.MarshalBinary()
	sgd, _ := NewMomentum(0.1, 0.5, false).MarshalBinary()

	forged := func(build func(w *StateWriter)) []byte {
		w := NewStateWriter("optim.Adam")
		build(w)
		return w.Bytes()
	}
	version := bytes.Clone(good)
	version[len(stateHeader)] = 2
	flipped := bytes.Clone(good)
	flipped[len(flipped)-20] ^= 1
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "0 bytes without the state header"},
		{"foreign", []byte("hello, world"), "without the state header"},
		{"header only", []byte(stateHeader), "truncated after the header"},
		{"other optimiser", sgd, `the state of "optim.SGD"`},
		{"other version", version, "version 2, want 1"},
		{"flipped bit", flipped, "checksum does not match"},
		{"truncated", good[:len(good)-5], "checksum does not match"},
		{"negative steps", forged(func(w *StateWriter) {
			w.Int(-1)
			writeMatrices(w, nil)
			writeMatrices(w, nil)
		}), "step count -1 is negative"},
		{"moments differ", forged(func(w *StateWriter) {
			w.Int(1)
			writeMatrices(w, []*graph.Matrix{graph.NewMatrix(1, 2, nil)})
			writeMatrices(w, []*graph.Matrix{graph.NewMatrix(2, 1, nil)})
		}), "the moments have different shapes"},
		{"shape and values disagree", forged(func(w *StateWriter) {
			w.Int(1)
			w.Int(1)
			w.Int(2)
			w.Int(3)
			w.Floats([]float64{1, 2, 3})
		}), "first moment: matrix 0 is 2x3 with 3 values"},
		{"missing field", forged(func(w *StateWriter) { w.Int(1) }), "truncated in first moment"},
		{"extra field", forged(func(w *StateWriter) {
			w.Int(0)
			writeMatrices(w, nil)
			writeMatrices(w, nil)
			w.Float(1)
		}), "8 bytes after the last field"},
	}
	for _, tt := range tests {
		err := o.UnmarshalBinary(tt.data)
		if !errors.Is(err, ErrState) {
			t.Errorf("%s: error: got %v, want one wrapping ErrState", tt.name, err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "optim: Adam.UnmarshalBinary: ") ||
			!strings.Contains(msg, tt.want) {
			t.Errorf("%s: error: got %q, want it to name %q", tt.name, msg, tt.want)
		}
		if now, _ := o.MarshalBinary(); !bytes.Equal(now, good) {
			t.Errorf("%s: the refused state changed the optimiser", tt.name)
		}
	}

	// Every proper prefix is refused.
	for n := range len(good) {
		if err := o.UnmarshalBinary(good[:n]); !errors.Is(err, ErrState) {
			t.Fatalf("prefix of %d bytes: error: got %v, want one wrapping ErrState", n, err)
		}
	}
}

// TestRestoredStateMustFit checks that a restored state belongs to
// parameters of its shapes, as the state of a step would.
func TestRestoredStateMustFit(t *testing.T) {
	f, fresh := network()
	o := NewMomentum(0.1, 0.5, true)
	steps(t, o, f, fresh(), 1)
	blob, _ := o.MarshalBinary()
	p := NewMomentum(0.1, 0.5, true)
	if err := p.UnmarshalBinary(blob); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if _, ok := recover().(*Error); !ok {
			t.Errorf("a step on other shapes: got no *Error panic, want one")
		}
	}()
	p.Step(quadratic([]float64{1}, []float64{1}), []*graph.Matrix{graph.NewMatrix(1, 1, nil)})
}
