// This file implements Run, the driver of every check, and the helpers
// that tests call in one line.

package gradcheck

import (
	"math"
	"math/rand/v2"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// Func builds a scalar function of its inputs on a graph: given one
// parameter node for each input, in order, it records the forward pass on g
// and returns the 1×1 result. It has the type of optim.Objective, so an
// objective can be checked as it is.
type Func = func(g *graph.Graph, x []*graph.Node) *graph.Node

// Input is one named input of a Func and the value it is checked at. The
// value is copied before it is perturbed, so the caller's matrix is never
// written to.
type Input struct {
	Name  string
	Value *graph.Matrix
}

// Options configures a check. A nil *Options, and every zero field, means
// the default.
type Options struct {
	// Order is 1 to check the gradient, 2 to check Hessian-vector products
	// and the Hessian's symmetry as well. The default is 2.
	Order int

	// FivePoint uses the five-point stencil, whose truncation error is
	// O(eps⁴), instead of the central difference, O(eps²).
	FivePoint bool

	// Eps is the finite-difference step. The default is 1e-6 for central
	// differences and 1e-3 for the five-point stencil.
	Eps float64

	// Atol and Rtol are the absolute and relative tolerances of the rule
	//
	//	|analytic − numeric| ≤ Atol + Rtol·|numeric|
	//
	// The defaults are Atol 1e-7 and Rtol 1e-5 for central differences,
	// Atol 1e-9 and Rtol 1e-7 for the five-point stencil. A zero field
	// takes the default; pass a tiny value such as 1e-300 for none.
	Atol, Rtol float64

	// Fast compares one random projection per input, uᵀ J v, instead of
	// every entry: the gradient along a random v, and at order 2 uᵀ (H v).
	// It costs a few evaluations per input whatever the input's size.
	Fast bool

	// Seed seeds the random directions and projections.
	Seed uint64

	// Directions is the number of directions v along which H v is checked.
	// The default is 2.
	Directions int

	// Dir, if not nil, is the first of those directions, one matrix of each
	// input's shape; the others are drawn at random. Report.HVP is H Dir.
	Dir []*graph.Matrix

	// SymmetryLimit is the largest number of entries, over all inputs, for
	// which the whole Hessian is built column by column and checked to be
	// symmetric. The default is 64; a negative value turns the check off.
	SymmetryLimit int

	// Worst is the number of worst entries a result keeps. The default is 3.
	Worst int
}

// withDefaults returns a copy of o with every zero field set.
func (o *Options) withDefaults(fn string) Options {
	var r Options
	if o != nil {
		r = *o
	}
	switch r.Order {
	case 0:
		r.Order = 2
	case 1, 2:
	default:
		fail(fn, "order %d; want 1 or 2", r.Order)
	}
	if r.Eps == 0 {
		r.Eps = 1e-6
		if r.FivePoint {
			r.Eps = 1e-3
		}
	}
	if r.Atol == 0 {
		r.Atol = 1e-7
		if r.FivePoint {
			r.Atol = 1e-9
		}
	}
	if r.Rtol == 0 {
		r.Rtol = 1e-5
		if r.FivePoint {
			r.Rtol = 1e-7
		}
	}
	if r.Eps < 0 || r.Atol < 0 || r.Rtol < 0 || math.IsNaN(r.Eps+r.Atol+r.Rtol) {
		fail(fn, "eps %g, atol %g, rtol %g; want positive values", r.Eps, r.Atol, r.Rtol)
	}
	if r.Directions <= 0 {
		r.Directions = 2
	}
	if r.SymmetryLimit == 0 {
		r.SymmetryLimit = 64
	}
	if r.Worst <= 0 {
		r.Worst = 3
	}
	return r
}

// TB is the part of testing.TB that Check uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Check runs every check of f at inputs with the default options and calls
// t.Errorf with the report if one fails. It returns the report.
func Check(t TB, f Func, inputs ...Input) *Report {
	t.Helper()
	return CheckWith(t, f, nil, inputs...)
}

// CheckWith is Check with options.
func CheckWith(t TB, f Func, opts *Options, inputs ...Input) *Report {
	t.Helper()
	r := Run(f, inputs, opts)
	if !r.Pass {
		t.Errorf("%s", r)
	}
	return r
}

// checker holds one run: the function, working copies of the inputs that
// the stencils perturb in place and restore, and the random source.
type checker struct {
	fn   string
	f    Func
	x    []*graph.Matrix
	orig []*graph.Matrix
	o    Options
	rng  *rand.Rand
	g    *graph.Graph
	rep  *Report
}

// Run checks the derivatives of f at inputs and returns the report. It
// panics with an *Error if there are no inputs, an input has no value, f's
// result is not 1×1 or Options.Dir does not match the inputs; a panic of
// f itself (a shape that does not fit) is passed on.
func Run(f Func, inputs []Input, opts *Options) *Report {
	c := newChecker("Run", f, inputs, opts)
	c.run()
	return c.rep
}

func newChecker(fn string, f Func, inputs []Input, opts *Options) *checker {
	if len(inputs) == 0 {
		fail(fn, "no inputs")
	}
	o := opts.withDefaults(fn)
	c := &checker{fn: fn, f: f, o: o, g: graph.New(),
		rng: rand.New(rand.NewPCG(o.Seed, 0x6772616463686b))}
	c.rep = &Report{Options: o}
	for _, in := range inputs {
		if in.Value == nil {
			fail(fn, "input %s has no value", in.Name)
		}
		c.x = append(c.x, in.Value.Clone())
		c.orig = append(c.orig, in.Value.Clone())
		c.rep.Names = append(c.rep.Names, in.Name)
	}
	if o.Dir != nil {
		if len(o.Dir) != len(c.x) {
			fail(fn, "%d directions for %d inputs", len(o.Dir), len(c.x))
		}
		for k, d := range o.Dir {
			if d == nil || !d.SameShape(c.x[k]) {
				fail(fn, "direction for input %s is not %s", c.rep.Names[k], c.x[k].Shape())
			}
		}
	}
	return c
}

func (c *checker) run() {
	c.rep.Value = c.value()
	c.rep.Grad = c.grad()
	if c.o.Fast {
		c.checkGradProjected()
	} else {
		c.checkGrad()
	}
	if c.o.Order == 2 {
		c.checkHVP()
		c.checkSymmetry()
		c.checkTaylorSymmetry()
	}
	c.checkTaylor()
	c.checkRepeat()
	c.rep.Pass = true
	for _, r := range c.rep.Results {
		c.rep.Pass = c.rep.Pass && r.Pass
	}
}

// params adds each working input to g as a parameter.
func (c *checker) params() []*graph.Node {
	ns := make([]*graph.Node, len(c.x))
	for k, x := range c.x {
		ns[k] = c.g.Param(x)
	}
	return ns
}

// eval runs f on a fresh tape and checks that its result is 1×1.
func (c *checker) eval() (y *graph.Node, x []*graph.Node) {
	c.g.Reset()
	x = c.params()
	y = c.f(c.g, x)
	if y == nil || y.Rows() != 1 || y.Cols() != 1 {
		shape := "nil"
		if y != nil {
			shape = y.Shape()
		}
		fail(c.fn, "the function's result is %s, not 1x1", shape)
	}
	return y, x
}

// value returns f at the working inputs.
func (c *checker) value() float64 {
	y, _ := c.eval()
	return y.Scalar()
}

// grad returns the analytic gradient at the working inputs.
func (c *checker) grad() []*graph.Matrix {
	y, x := c.eval()
	return autodiff.Grad(y, x...)
}

// hvpReverse returns H v by reverse-over-reverse: the gradient of ∇f · v.
func (c *checker) hvpReverse(v []*graph.Matrix) []*graph.Matrix {
	y, x := c.eval()
	gs := autodiff.RecordGrad(y, x...)
	dot := ops.Dot(gs[0], c.g.Const(v[0]))
	for k := 1; k < len(gs); k++ {
		dot = ops.Add(dot, ops.Dot(gs[k], c.g.Const(v[k])))
	}
	return autodiff.Grad(dot, x...)
}

// hvpForward returns H v by forward-over-reverse: the JVP of the gradient.
func (c *checker) hvpForward(v []*graph.Matrix) []*graph.Matrix {
	y, x := c.eval()
	gs := autodiff.RecordGrad(y, x...)
	return autodiff.JVP(gs, x, v)
}

// random returns a matrix of each input's shape with standard normal
// entries.
func (c *checker) random() []*graph.Matrix {
	vs := make([]*graph.Matrix, len(c.x))
	for k, x := range c.x {
		vs[k] = graph.NewMatrix(x.Rows, x.Cols, nil)
		for i := range vs[k].Data {
			vs[k].Data[i] = c.rng.NormFloat64()
		}
	}
	return vs
}

// moveTo sets the working inputs to orig + h v, for the inputs where v is
// not nil.
func (c *checker) moveTo(h float64, v []*graph.Matrix) {
	for k, x := range c.x {
		if v[k] == nil {
			continue
		}
		for i := range x.Data {
			x.Data[i] = c.orig[k].Data[i] + h*v[k].Data[i]
		}
	}
}

// restore copies the original values back into the working inputs.
func (c *checker) restore() {
	for k, x := range c.x {
		copy(x.Data, c.orig[k].Data)
	}
}

func flatten(ms []*graph.Matrix) []float64 {
	var out []float64
	for _, m := range ms {
		out = append(out, m.Data...)
	}
	return out
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// absDot returns Σ |aᵢ bᵢ|, the scale of the sum dot(a, b) before
// cancellation.
func absDot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += math.Abs(a[i] * b[i])
	}
	return s
}
