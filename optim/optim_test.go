package optim

import (
	"errors"
	"math"
	"testing"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// quadratic is f(θ) = ½ Σᵢ aᵢ θᵢ² - Σᵢ bᵢ θᵢ on a 1×n parameter, whose
// gradient is a ⊙ θ - b and whose minimum is θ = b / a.
func quadratic(a, b []float64) Objective {
	am := graph.NewMatrix(1, len(a), a)
	bm := graph.NewMatrix(1, len(b), b)
	return func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		th := ps[0]
		half := ops.Scale(ops.Dot(ops.Mul(g.Const(am), th), th), 0.5)
		return ops.Sub(half, ops.Dot(g.Const(bm), th))
	}
}

func TestFirstSteps(t *testing.T) {
	a, b := []float64{1, 4}, []float64{1, -2}
	// At θ = (2, 1) the gradient is g = (1, 6); after the first step at
	// θ' the gradient is g' = a ⊙ θ' - b.
	tests := []struct {
		name  string
		opt   Optimizer
		want1 []float64 // θ after one step
		want2 []float64 // θ after two steps
	}{
		{"sgd", NewSGD(0.1), []float64{1.9, 0.4}, []float64{1.81, 0.04}},
		// v₁ = g = (1, 6); θ₁ = (1.9, 0.4); g₁ = (0.9, 3.6);
		// v₂ = 0.5 v₁ + g₁ = (1.4, 6.6); θ₂ = θ₁ - 0.1 v₂.
		{"momentum", NewMomentum(0.1, 0.5, false), []float64{1.9, 0.4}, []float64{1.76, -0.26}},
		// v₁ = (1, 6); θ₁ = θ - 0.1 (g + 0.5 v₁) = (1.85, 0.1); g₁ = (0.85, 2.4);
		// v₂ = (1.35, 5.4); θ₂ = θ₁ - 0.1 (g₁ + 0.5 v₂) = (1.6975, -0.41).
		{"nesterov", NewMomentum(0.1, 0.5, true), []float64{1.85, 0.1}, []float64{1.6975, -0.41}},
		// The first Adam step moves each coordinate by about η against the
		// sign of its gradient: m̂ = g and v̂ = g², so m̂/√v̂ = sign g.
		{"adam", NewAdam(0.1), []float64{1.9, 0.9}, nil},
	}
	for _, tt := range tests {
		th := graph.NewMatrix(1, 2, []float64{2, 1})
		f := quadratic(a, b)
		loss, err := tt.opt.Step(f, []*graph.Matrix{th})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if want := 0.5*(4+4) - (2 - 2); math.Abs(loss-want) > 1e-12 {
			t.Errorf("%s: loss: got %g, want %g", tt.name, loss, want)
		}
		checkClose(t, tt.name+" step 1", th.Data, tt.want1, 1e-8)
		if tt.want2 == nil {
			continue
		}
		if _, err := tt.opt.Step(f, []*graph.Matrix{th}); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		checkClose(t, tt.name+" step 2", th.Data, tt.want2, 1e-12)
	}
}

func checkClose(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol {
			t.Errorf("%s: θ: got %v, want %v", name, got, want)
			return
		}
	}
}

func TestConverges(t *testing.T) {
	a, b := []float64{1, 10, 0.5}, []float64{1, -2, 3}
	tests := []struct {
		name  string
		opt   Optimizer
		steps int
	}{
		{"sgd", NewSGD(0.1), 500},
		{"momentum", NewMomentum(0.05, 0.9, false), 500},
		{"nesterov", NewMomentum(0.05, 0.9, true), 500},
		{"adam", NewAdam(0.05), 2000},
	}
	for _, tt := range tests {
		th := graph.NewMatrix(1, 3, nil)
		for range tt.steps {
			if _, err := tt.opt.Step(quadratic(a, b), []*graph.Matrix{th}); err != nil {
				t.Fatal(err)
			}
		}
		want := []float64{1, -0.2, 6}
		checkClose(t, tt.name, th.Data, want, 1e-4)
	}
}

func TestNonFinite(t *testing.T) {
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		return ops.Sum(ops.Log(ps[0])) // log of a negative entry is NaN
	}
	for _, opt := range []Optimizer{NewSGD(0.1), NewMomentum(0.1, 0.9, true), NewAdam(0.1)} {
		th := graph.NewMatrix(1, 2, []float64{1, -1})
		_, err := opt.Step(f, []*graph.Matrix{th})
		if !errors.Is(err, ErrNonFinite) {
			t.Errorf("%T: error: got %v, want ErrNonFinite", opt, err)
		}
		if th.Data[0] != 1 || th.Data[1] != -1 {
			t.Errorf("%T: θ after a failed step: got %v, want [1 -1]", opt, th.Data)
		}
	}
}

func TestMisuse(t *testing.T) {
	f := quadratic([]float64{1}, []float64{1})
	one := []*graph.Matrix{graph.NewMatrix(1, 1, nil)}
	two := []*graph.Matrix{graph.NewMatrix(1, 1, nil), graph.NewMatrix(1, 1, nil)}
	tests := []struct {
		name string
		do   func()
	}{
		{"zero rate", func() { NewSGD(0).Step(f, one) }},
		{"momentum 1", func() { NewMomentum(0.1, 1, false).Step(f, one) }},
		{"nesterov without momentum", func() { NewMomentum(0.1, 0, true).Step(f, one) }},
		{"adam beta", func() { o := NewAdam(0.1); o.Beta2 = 1; o.Step(f, one) }},
		{"params change", func() {
			o := NewAdam(0.1)
			o.Step(f, one)
			o.Step(func(g *graph.Graph, ps []*graph.Node) *graph.Node { return f(g, ps[:1]) }, two)
		}},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if _, ok := recover().(*Error); !ok {
					t.Errorf("%s: got no *Error panic, want one", tt.name)
				}
			}()
			tt.do()
		}()
	}
}

// TestResetAfterChange checks that Reset lets an optimiser move on to
// other parameters.
func TestResetAfterChange(t *testing.T) {
	o := NewAdam(0.1)
	o.Step(quadratic([]float64{1}, []float64{1}), []*graph.Matrix{graph.NewMatrix(1, 1, nil)})
	o.Reset()
	th := graph.NewMatrix(1, 2, nil)
	if _, err := o.Step(quadratic([]float64{1, 1}, []float64{1, 1}), []*graph.Matrix{th}); err != nil {
		t.Fatal(err)
	}
	if o.Steps() != 1 {
		t.Errorf("steps after Reset and one step: got %d, want 1", o.Steps())
	}
}

// TestSteadyStateAllocs checks that a step on a small network reuses the
// graph's buffers and the gradient matrices.
func TestSteadyStateAllocs(t *testing.T) {
	x := graph.NewMatrix(16, 8, make([]float64, 128))
	for i := range x.Data {
		x.Data[i] = math.Sin(float64(i))
	}
	labels := make([]int, 16)
	for i := range labels {
		labels[i] = i % 4
	}
	params := []*graph.Matrix{graph.NewMatrix(8, 4, nil), graph.NewMatrix(1, 4, nil)}
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node {
		z := ops.Add(ops.MatMul(g.Const(x), ps[0]), ps[1])
		return ops.SoftmaxCrossEntropy(ops.Tanh(z), labels)
	}
	for _, opt := range []Optimizer{NewSGD(0.1), NewMomentum(0.1, 0.9, true), NewAdam(0.01)} {
		opt.Step(f, params)
		allocs := testing.AllocsPerRun(20, func() { opt.Step(f, params) })
		t.Logf("%T: %v allocations per step", opt, allocs)
		if allocs > 40 {
			t.Errorf("%T: allocations per step: got %v, want at most 40", opt, allocs)
		}
	}
}
