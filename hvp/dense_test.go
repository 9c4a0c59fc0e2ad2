package hvp

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

func TestDenseHessianSymmetricAndFD(t *testing.T) {
	m := newTestMLP([]int{3, 4, 2}, 6, ops.Tanh, true, 51)
	ps := m.params(52)
	h := New(m.objective(), ps, nil)
	a, err := Dense(h, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := h.Dim()
	var asym, scale float64
	for i := range n {
		for j := range n {
			asym = max(asym, math.Abs(a.At(i, j)-a.At(j, i)))
			scale = max(scale, math.Abs(a.At(i, j)))
		}
	}
	if asym > 1e-13*scale {
		t.Errorf("Hessian: max |H - Hᵀ| = %.3g, want ≤ 1e-13 × %.3g", asym, scale)
	}

	// Column j against central differences of the gradient along eⱼ.
	e := make([]float64, n)
	for _, j := range []int{0, n / 2, n - 1} {
		e[j] = 1
		fd := fdHVP(m.objective(), ps, e, 1e-5)
		e[j] = 0
		if err := relErr(mat.Col(nil, j, a), fd); err > 1e-6 {
			t.Errorf("column %d: %.3g relative from finite differences, want ≤ 1e-6", j, err)
		}
	}

	s, err := Symmetric(h, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(s, a, 1e-13*scale) {
		t.Errorf("Symmetric differs from Dense")
	}
	if got, want := h.Symmetric().At(2, 5), a.At(2, 5); got != want {
		t.Errorf("HVP.Symmetric().At(2, 5): got %g, want %g", got, want)
	}
}

func TestDenseTooLarge(t *testing.T) {
	m := newTestMLP([]int{4, 16, 1}, 8, ops.Tanh, false, 1)
	h := New(m.objective(), m.params(2), nil)
	_, err := Dense(h, 1000)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	want := "hvp: dense matrix over the memory limit: Dense: a 97x97 matrix for 97 parameters " +
		"needs 75272 bytes (73.5 KiB), the limit is 1000 bytes (1000.0 B)"
	if err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}

	// A model of a million parameters against the default limit.
	big := []*graph.Matrix{graph.NewMatrix(1000, 1000, nil)}
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node { return ops.Sum(ops.Square(p[0])) }
	_, err = Symmetric(New(f, big, nil), 0)
	want = "1000000 parameters needs 8000000000000 bytes (7.3 TiB)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want it to state the parameters and the bytes", err)
	}
	if _, err := Jacobian(m.output, m.params(2), Reverse, 100); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Jacobian: got %v, want ErrTooLarge", err)
	}
}

func TestJacobianModesAgree(t *testing.T) {
	m := newTestMLP([]int{3, 4, 2}, 5, ops.Softplus, false, 61)
	ps := m.params(62)
	rev, err := Jacobian(m.output, ps, Reverse, 0)
	if err != nil {
		t.Fatal(err)
	}
	fwd, err := Jacobian(m.output, ps, Forward, 0)
	if err != nil {
		t.Fatal(err)
	}
	auto, _ := Jacobian(m.output, ps, Auto, 0)
	if r, c := rev.Dims(); r != 10 || c != 26 {
		t.Fatalf("Jacobian is %dx%d, want 10x26", r, c)
	}
	if !mat.EqualApprox(rev, fwd, 1e-14) || !mat.Equal(rev, auto) {
		t.Errorf("reverse and forward Jacobians differ")
	}

	// Column j against central differences of the output.
	out := func() []float64 {
		g := graph.New()
		nodes := make([]*graph.Node, len(ps))
		for k, p := range ps {
			nodes[k] = g.Param(p)
		}
		return append([]float64(nil), m.output(g, nodes).Value().Data...)
	}
	for _, j := range []int{0, 13, 25} {
		k, i := locate(ps, j)
		old := ps[k].Data[i]
		ps[k].Data[i] = old + 1e-6
		up := out()
		ps[k].Data[i] = old - 1e-6
		down := out()
		ps[k].Data[i] = old
		for r := range up {
			fd := (up[r] - down[r]) / 2e-6
			if math.Abs(fd-rev.At(r, j)) > 1e-8 {
				t.Errorf("J[%d][%d]: got %g, want %g by finite differences", r, j, rev.At(r, j), fd)
			}
		}
	}
}

// locate returns the parameter and entry of flat index j.
func locate(ps []*graph.Matrix, j int) (k, i int) {
	for k, p := range ps {
		if j < p.Len() {
			return k, j
		}
		j -= p.Len()
	}
	panic("index out of range")
}
