package hvp

import (
	"errors"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/graph"
)

func TestRoutesAgree(t *testing.T) {
	for _, act := range activations {
		for _, ce := range []bool{false, true} {
			loss := "mse"
			if ce {
				loss = "ce"
			}
			t.Run(act.name+"/"+loss, func(t *testing.T) {
				m := newTestMLP([]int{3, 5, 4, 3}, 7, act.f, ce, 11)
				ps := m.params(12)
				rr := New(m.objective(), ps, &Options{Route: ReverseOverReverse})
				fr := New(m.objective(), ps, &Options{Route: ForwardOverReverse})
				n := rr.Dim()
				for trial := range 3 {
					v := randVec(uint64(20+trial), n)
					a, b := make([]float64, n), make([]float64, n)
					rr.Apply(a, v)
					fr.Apply(b, v)
					if e := relErr(a, b); e > 1e-10 {
						t.Errorf("trial %d: routes differ by %.3g relative, want ≤ 1e-10", trial, e)
					}
					fd := fdHVP(m.objective(), ps, v, 1e-5)
					if e := relErr(b, fd); e > 1e-6 {
						t.Errorf("trial %d: HVP and finite differences differ by %.3g relative, want ≤ 1e-6",
							trial, e)
					}
				}
			})
		}
	}
}

func TestApplyMatricesMatchesFlat(t *testing.T) {
	m := newTestMLP([]int{2, 4, 2}, 5, activations[2].f, false, 1)
	ps := m.params(2)
	h := New(m.objective(), ps, nil)
	v := randVec(3, h.Dim())
	flat := make([]float64, h.Dim())
	h.Apply(flat, v)

	vm, dm := views(ps), views(ps)
	point(vm, v)
	for k := range dm {
		dm[k].Data = make([]float64, ps[k].Len())
	}
	h.ApplyMatrices(dm, vm)
	off := 0
	for k, d := range dm {
		for i, x := range d.Data {
			if x != flat[off+i] {
				t.Fatalf("block %d entry %d: got %g, want %g", k, i, x, flat[off+i])
			}
		}
		off += len(d.Data)
	}
}

func TestRebuildFollowsParameters(t *testing.T) {
	m := newTestMLP([]int{2, 3, 1}, 4, activations[1].f, false, 5)
	ps := m.params(6)
	h := New(m.objective(), ps, nil)
	ps[0].Data[0] += 0.5
	h.Rebuild()
	v := randVec(7, h.Dim())
	got := make([]float64, h.Dim())
	h.Apply(got, v)
	want := make([]float64, h.Dim())
	New(m.objective(), ps, nil).Apply(want, v)
	if e := relErr(got, want); e != 0 {
		t.Errorf("after Rebuild: got a product %.3g away from a fresh HVP's, want 0", e)
	}
	gotLoss, wantLoss := h.Loss(), New(m.objective(), ps, nil).Loss()
	if gotLoss != wantLoss {
		t.Errorf("Loss after Rebuild: got %g, want %g", gotLoss, wantLoss)
	}
}

func TestGradient(t *testing.T) {
	m := newTestMLP([]int{3, 4, 2}, 6, activations[0].f, true, 8)
	ps := m.params(9)
	h := New(m.objective(), ps, nil)
	got := make([]float64, h.Dim())
	h.Gradient(got)
	if e := relErr(got, flatGrad(m.objective(), ps)); e != 0 {
		t.Errorf("Gradient: got %.3g relative error, want 0", e)
	}
}

func TestBadDirection(t *testing.T) {
	m := newTestMLP([]int{2, 3, 1}, 4, activations[2].f, false, 5)
	ps := m.params(6)
	h := New(m.objective(), ps, nil)
	n := h.Dim()
	wrong := []*graph.Matrix{graph.NewMatrix(3, 2, nil), graph.NewMatrix(1, 3, nil),
		graph.NewMatrix(3, 1, nil), graph.NewMatrix(1, 1, nil)}
	right := []*graph.Matrix{graph.NewMatrix(2, 3, nil), graph.NewMatrix(1, 3, nil),
		graph.NewMatrix(3, 1, nil), graph.NewMatrix(1, 1, nil)}
	cases := []struct {
		name string
		call func()
		want string
	}{
		{"short flat", func() { h.Apply(make([]float64, n), make([]float64, n-1)) },
			"hvp: HVP.Apply: direction has length 12, the parameters have 13 entries"},
		{"short dst", func() { h.Apply(make([]float64, n+1), make([]float64, n)) },
			"hvp: HVP.Apply: destination has length 14"},
		{"transposed block", func() { h.ApplyMatrices(right, wrong) },
			"hvp: HVP.ApplyMatrices: direction 0 is 3x2, parameter 0 is 2x3"},
		{"missing block", func() { h.ApplyMatrices(right, right[:3]) },
			"hvp: HVP.ApplyMatrices: 3 direction matrices for 4 parameters"},
		{"bad route", func() { New(m.objective(), ps, &Options{Route: 7}) },
			"hvp: New: unknown route 7"},
		{"no params", func() { New(m.objective(), nil, nil) }, "hvp: New: no parameters"},
	}
	for _, c := range cases {
		v := catchPanic(c.call)
		var e *Error
		err, _ := v.(error)
		if !errors.As(err, &e) {
			t.Errorf("%s: got panic %v, want an *hvp.Error", c.name, v)
			continue
		}
		if !strings.HasPrefix(e.Error(), c.want) {
			t.Errorf("%s: got %q, want it to start with %q", c.name, e.Error(), c.want)
		}
	}
}
