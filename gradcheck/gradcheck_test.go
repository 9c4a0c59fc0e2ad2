package gradcheck_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/gradcheck"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// TestOpTable checks every op of the table at order 2 with the default
// options, and with the five-point stencil.
func TestOpTable(t *testing.T) {
	for _, five := range []bool{false, true} {
		for ci, c := range gradcheck.OpCases() {
			for si, shapes := range c.Shapes {
				name := fmt.Sprintf("five=%v/%s/%s", five, c.Name, gradcheck.ShapesString(shapes))
				t.Run(name, func(t *testing.T) {
					r := rand.New(rand.NewPCG(uint64(ci), uint64(si)))
					f, in := c.Problem(r, shapes)
					opts := &gradcheck.Options{FivePoint: five, Seed: uint64(ci)}
					gradcheck.CheckWith(t, f, opts, in...)
				})
			}
		}
	}
}

// cube is y = x³ with a VJP that is wrong (2x instead of 3x²) and a JVP
// that is right.
type cube struct{}

func (cube) Name() string { return "Cube" }

func (cube) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = ops.Mul(cot, ops.Scale(y.Inputs()[0], 2))
}

func (cube) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	return ops.Mul(t[0], ops.Scale(ops.Square(y.Inputs()[0]), 3))
}

// badExp is y = exp x with a right VJP, ȳ ⊙ y, and a JVP twice too large.
// Its VJP records y itself, so the forward-over-reverse HVP runs the JVP.
type badExp struct{}

func (badExp) Name() string { return "BadExp" }

func (badExp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = ops.Mul(cot, y)
}

func (badExp) JVP(y *graph.Node, t []*graph.Node) *graph.Node {
	return ops.Scale(ops.Mul(t[0], y), 2)
}

// record runs the forward f of an op entry by entry and records it.
func record(op ops.Rule, x *graph.Node, f func(float64) float64) *graph.Node {
	g := x.Graph()
	m := g.Alloc(x.Rows(), x.Cols())
	for i, v := range x.Value().Data {
		m.Data[i] = f(v)
	}
	return g.Record1(op, m, x)
}

func randMatrix(r *rand.Rand, rows, cols int) *graph.Matrix {
	m := graph.NewMatrix(rows, cols, nil)
	for i := range m.Data {
		m.Data[i] = r.NormFloat64()
	}
	return m
}

func result(rep *gradcheck.Report, check, input string) gradcheck.Result {
	for _, r := range rep.Results {
		if r.Check == check && r.Input == input {
			return r
		}
	}
	return gradcheck.Result{Check: "missing"}
}

func TestWrongVJP(t *testing.T) {
	x := graph.FromRows([][]float64{{0.5, -1.5, 2}, {1, 0.25, -0.75}})
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		return ops.Sum(record(cube{}, p[0], func(v float64) float64 { return v * v * v }))
	}
	for _, fast := range []bool{false, true} {
		rep := gradcheck.Run(f, []gradcheck.Input{{Name: "x", Value: x}}, &gradcheck.Options{Fast: fast})
		if rep.Pass {
			t.Fatalf("fast=%v: got pass, want a failure of the wrong VJP:\n%s", fast, rep)
		}
		check := gradcheck.CheckGrad
		if fast {
			check = gradcheck.CheckGradProj
		}
		res := result(rep, check, "x")
		if res.Pass {
			t.Errorf("fast=%v: %s x passed, want it failed", fast, check)
		}
		if tay := result(rep, gradcheck.CheckTaylor, "all"); tay.Pass || tay.Slope > 1.2 {
			t.Errorf("fast=%v: taylor slope %.2f passed=%v, want near 1 and failed", fast, tay.Slope, tay.Pass)
		}
		if fast {
			continue
		}
		// The worst entry is x = -1.5 at [0,1]: analytic 2·(-1.5) = -3,
		// numeric 3·1.5² = 6.75.
		w := res.Worst[0]
		if w.Row != 0 || w.Col != 1 || w.Analytic != -3 || math.Abs(w.Numeric-6.75) > 1e-6 {
			t.Errorf("worst entry: got %+v, want [0,1] analytic -3 numeric 6.75", w)
		}
		s := rep.String()
		for _, want := range []string{"gradcheck FAIL", "worst entries of grad x:", "[0,1]", "FAIL"} {
			if !strings.Contains(s, want) {
				t.Errorf("report lacks %q:\n%s", want, s)
			}
		}
	}
}

func TestWrongJVP(t *testing.T) {
	x := graph.FromRows([][]float64{{0.5, -1.5, 0.2}})
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		return ops.Sum(ops.Square(record(badExp{}, p[0], math.Exp)))
	}
	rep := gradcheck.Run(f, []gradcheck.Input{{Name: "x", Value: x}}, nil)
	for _, c := range []struct {
		check string
		pass  bool
	}{
		{gradcheck.CheckGrad, true},
		{gradcheck.CheckHVPReverse, true},
		{gradcheck.CheckHVPForward, false},
	} {
		if got := result(rep, c.check, "x").Pass; got != c.pass {
			t.Errorf("%s: got pass %v, want %v\n%s", c.check, got, c.pass, rep)
		}
	}
}

// TestKink checks relu and abs exactly at 0: the entries there are
// reported as kinks and the check passes. The central difference of abs
// at 0 is 0, its analytic derivative, so only the HVP check meets the
// kink; relu's is 1/2, which the gradient check must recognise.
func TestKink(t *testing.T) {
	x := graph.FromRows([][]float64{{0, 1.5, -0.5, 0}})
	for _, c := range []struct {
		name      string
		op        func(*graph.Node) *graph.Node
		gradKinks int
	}{{"relu", ops.Relu, 2}, {"abs", ops.Abs, 0}} {
		f := func(g *graph.Graph, p []*graph.Node) *graph.Node { return ops.Sum(c.op(p[0])) }
		rep := gradcheck.Run(f, []gradcheck.Input{{Name: "x", Value: x}}, nil)
		grad := result(rep, gradcheck.CheckGrad, "x")
		hvp := result(rep, gradcheck.CheckHVPReverse, "x")
		if !rep.Pass || grad.Kinks != c.gradKinks || hvp.Kinks == 0 {
			t.Errorf("%s: got pass %v with %d and %d kinks, want pass with %d and some\n%s",
				c.name, rep.Pass, grad.Kinks, hvp.Kinks, c.gradKinks, rep)
		}
	}
}

// TestFast checks a large input by projections only.
func TestFast(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x, w := randMatrix(r, 200, 30), randMatrix(r, 30, 5)
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		return ops.Mean(ops.Square(ops.Tanh(ops.MatMul(p[0], p[1]))))
	}
	rep := gradcheck.Run(f, []gradcheck.Input{{Name: "x", Value: x}, {Name: "W", Value: w}},
		&gradcheck.Options{Fast: true})
	if !rep.Pass {
		t.Fatalf("got a failure, want a pass\n%s", rep)
	}
	for _, res := range rep.Results {
		if res.Check == gradcheck.CheckGrad || res.Check == gradcheck.CheckSymmetry {
			t.Errorf("fast mode ran %s", res.Check)
		}
	}
}

// TestKnownDerivatives checks the report's gradient and HVP against exact
// ones: f = Σ x² has ∇f = 2x and H v = 2v.
func TestKnownDerivatives(t *testing.T) {
	x := graph.FromRows([][]float64{{1, -2}, {3, 0.5}})
	v := graph.FromRows([][]float64{{0.1, 0.2}, {-0.3, 1}})
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node { return ops.Sum(ops.Square(p[0])) }
	rep := gradcheck.Run(f, []gradcheck.Input{{Name: "x", Value: x}},
		&gradcheck.Options{Dir: []*graph.Matrix{v}})
	if !rep.Pass || rep.Value != 14.25 {
		t.Fatalf("got value %g pass %v, want 14.25 and a pass\n%s", rep.Value, rep.Pass, rep)
	}
	for i := range x.Data {
		if got, want := rep.Grad[0].Data[i], 2*x.Data[i]; got != want {
			t.Errorf("grad[%d]: got %g, want %g", i, got, want)
		}
		if got, want := rep.HVP[0].Data[i], 2*v.Data[i]; got != want {
			t.Errorf("hvp[%d]: got %g, want %g", i, got, want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := randMatrix(r, 3, 3)
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node { return ops.LogSumExp(ops.Sum(ops.Sin(p[0]))) }
	in := []gradcheck.Input{{Name: "x", Value: x}}
	a := gradcheck.Run(f, in, &gradcheck.Options{Seed: 7})
	b := gradcheck.Run(f, in, &gradcheck.Options{Seed: 7})
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two runs with seed 7 differ:\n%s\n%s", a, b)
	}
	if x0 := rand.New(rand.NewPCG(3, 4)); !reflect.DeepEqual(x, randMatrix(x0, 3, 3)) {
		t.Errorf("the input was changed")
	}
}

// TestRepeat plants a function whose value changes from call to call.
func TestRepeat(t *testing.T) {
	calls := 0
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		calls++
		// The value drifts by 1e-13 a call: too little for the stencils,
		// enough for the bits.
		return ops.AddConst(ops.Sum(ops.Square(p[0])), 1e-13*float64(calls))
	}
	rep := gradcheck.Run(f, []gradcheck.Input{{Name: "x", Value: graph.FromRows([][]float64{{1, 2}})}},
		&gradcheck.Options{Order: 1})
	if res := result(rep, gradcheck.CheckRepeat, "all"); res.Pass {
		t.Errorf("repeat: got pass, want a failure (%d calls)\n%s", calls, rep)
	}
}

func TestMisuse(t *testing.T) {
	x := graph.FromRows([][]float64{{1, 2}})
	sum := func(g *graph.Graph, p []*graph.Node) *graph.Node { return ops.Sum(p[0]) }
	for _, c := range []struct {
		name string
		run  func()
		want string
	}{
		{"no inputs", func() { gradcheck.Run(sum, nil, nil) }, "gradcheck.Run: no inputs"},
		{"nil value", func() { gradcheck.Run(sum, []gradcheck.Input{{Name: "x"}}, nil) },
			"gradcheck.Run: input x has no value"},
		{"not scalar", func() {
			gradcheck.Run(func(g *graph.Graph, p []*graph.Node) *graph.Node { return p[0] },
				[]gradcheck.Input{{Name: "x", Value: x}}, nil)
		}, "gradcheck.Run: the function's result is 1x2, not 1x1"},
		{"order", func() { gradcheck.Run(sum, []gradcheck.Input{{Name: "x", Value: x}}, &gradcheck.Options{Order: 3}) },
			"gradcheck.Run: order 3; want 1 or 2"},
		{"dir", func() {
			gradcheck.Run(sum, []gradcheck.Input{{Name: "x", Value: x}},
				&gradcheck.Options{Dir: []*graph.Matrix{graph.NewMatrix(2, 1, nil)}})
		}, "gradcheck.Run: direction for input x is not 1x2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				e, ok := recover().(*gradcheck.Error)
				if !ok || e.Error() != c.want {
					t.Errorf("got panic %v, want %q", e, c.want)
				}
			}()
			c.run()
		})
	}
}

type fakeTB struct{ msgs []string }

func (*fakeTB) Helper() {}
func (t *fakeTB) Errorf(format string, args ...any) {
	t.msgs = append(t.msgs, fmt.Sprintf(format, args...))
}

func TestCheckHelper(t *testing.T) {
	x := graph.FromRows([][]float64{{0.5, 2}})
	good := func(g *graph.Graph, p []*graph.Node) *graph.Node { return ops.Sum(ops.Exp(p[0])) }
	bad := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		return ops.Sum(record(cube{}, p[0], func(v float64) float64 { return v * v * v }))
	}
	var tb fakeTB
	gradcheck.Check(&tb, good, gradcheck.Input{Name: "x", Value: x})
	if len(tb.msgs) != 0 {
		t.Errorf("good function: got %q, want no error", tb.msgs)
	}
	gradcheck.Check(&tb, bad, gradcheck.Input{Name: "x", Value: x})
	if len(tb.msgs) != 1 || !strings.Contains(tb.msgs[0], "worst entries of grad x") {
		t.Errorf("wrong VJP: got %q, want one report naming the worst entries", tb.msgs)
	}
}
