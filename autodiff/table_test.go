package autodiff_test

// The op table of the package gradcheck lists every op of the package ops,
// its input domain and the shapes it is checked at, including broadcast
// shapes. Here each case is checked independently of that package's
// checker: at order 1 (the gradient against five-point finite differences)
// and at order 2 (the Hessian-vector product, by both routes, against
// finite differences of the gradient).

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/gradcheck"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// TestOpTable checks every op's gradient and Hessian-vector products
// against central finite differences (five-point stencil) on random inputs.
func TestOpTable(t *testing.T) {
	const tol = 1e-6
	for ci, c := range gradcheck.OpCases() {
		for si, shapes := range c.Shapes {
			t.Run(c.Name+"/"+gradcheck.ShapesString(shapes), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(ci), uint64(si)))
				p := newProblem(r, c.Apply, shapes, c.Domain)
				p.checkGrad(t, tol)
				p.checkHVP(t, r, tol)
			})
		}
	}
}

// problem is L(x) = Σ f(x) ⊙ w, a scalar made from any op by a fixed random
// weighting w of its output.
type problem struct {
	f  func(x []*graph.Node) *graph.Node
	x  []*graph.Matrix
	w  *graph.Matrix
	in []*graph.Matrix // copies of x, to check that nothing writes to inputs
}

func newProblem(r *rand.Rand, f func([]*graph.Node) *graph.Node, shapes []gradcheck.Shape,
	domain gradcheck.Domain) *problem {
	p := &problem{f: f}
	for _, s := range shapes {
		m := graph.NewMatrix(s.Rows, s.Cols, nil)
		for i := range m.Data {
			m.Data[i] = domain(r)
		}
		p.x = append(p.x, m)
		p.in = append(p.in, m.Clone())
	}
	g := graph.New()
	y := f(params(g, p.x))
	p.w = graph.NewMatrix(y.Rows(), y.Cols(), nil)
	for i := range p.w.Data {
		p.w.Data[i] = r.NormFloat64()
	}
	return p
}

func params(g *graph.Graph, xs []*graph.Matrix) []*graph.Node {
	ns := make([]*graph.Node, len(xs))
	for i, x := range xs {
		ns[i] = g.Param(x)
	}
	return ns
}

func (p *problem) loss(g *graph.Graph, x []*graph.Node) *graph.Node {
	return ops.Dot(p.f(x), g.Const(p.w))
}

func (p *problem) value() float64 {
	g := graph.New()
	return p.loss(g, params(g, p.x)).Scalar()
}

func (p *problem) grad() []*graph.Matrix {
	g := graph.New()
	x := params(g, p.x)
	return autodiff.Grad(p.loss(g, x), x...)
}

// fivePoint returns the derivative of h ↦ f(h) at 0 by the five-point
// stencil, whose error is O(eps⁴).
func fivePoint(f func(h float64) float64, eps float64) float64 {
	return (-f(2*eps) + 8*f(eps) - 8*f(-eps) + f(-2*eps)) / (12 * eps)
}

func (p *problem) checkGrad(t *testing.T, tol float64) {
	t.Helper()
	got := p.grad()
	for k, x := range p.x {
		for i := range x.Data {
			orig := x.Data[i]
			want := fivePoint(func(h float64) float64 {
				x.Data[i] = orig + h
				defer func() { x.Data[i] = orig }()
				return p.value()
			}, 1e-3)
			if d := math.Abs(got[k].Data[i] - want); d > tol*(1+math.Abs(want)) {
				t.Errorf("∂L/∂x%d[%d]: got %.12g, want %.12g", k, i, got[k].Data[i], want)
			}
		}
		if !equal(x, p.in[k]) {
			t.Errorf("input %d changed by the sweep", k)
		}
	}
}

// checkHVP compares H v by reverse-over-reverse and by forward-over-reverse
// with finite differences of the gradient along v.
func (p *problem) checkHVP(t *testing.T, r *rand.Rand, tol float64) {
	t.Helper()
	v := make([]*graph.Matrix, len(p.x))
	for k, x := range p.x {
		v[k] = graph.NewMatrix(x.Rows, x.Cols, nil)
		for i := range v[k].Data {
			v[k].Data[i] = r.NormFloat64()
		}
	}
	rr, fr := p.hvpRoutes(v)
	for k := range p.x {
		for i := range p.x[k].Data {
			want := fivePoint(func(h float64) float64 {
				for j, x := range p.x {
					for e := range x.Data {
						x.Data[e] = p.in[j].Data[e] + h*v[j].Data[e]
					}
				}
				defer func() {
					for j, x := range p.x {
						copy(x.Data, p.in[j].Data)
					}
				}()
				return p.grad()[k].Data[i]
			}, 1e-3)
			for route, got := range map[string][]*graph.Matrix{"reverse": rr, "forward": fr} {
				if d := math.Abs(got[k].Data[i] - want); d > tol*(1+math.Abs(want)) {
					t.Errorf("(Hv)%d[%d] by %s-over-reverse: got %.12g, want %.12g",
						k, i, route, got[k].Data[i], want)
				}
			}
		}
	}
}

// hvpRoutes returns H v by reverse-over-reverse and by forward-over-reverse.
func (p *problem) hvpRoutes(v []*graph.Matrix) (rr, fr []*graph.Matrix) {
	g := graph.New()
	x := params(g, p.x)
	grads := autodiff.RecordGrad(p.loss(g, x), x...)
	dot := g.Scalar(0)
	for k, gk := range grads {
		dot = ops.Add(dot, ops.Dot(gk, g.Const(v[k])))
	}
	rr = autodiff.Grad(dot, x...)
	fr = autodiff.JVP(grads, x, v)
	return rr, fr
}

func equal(a, b *graph.Matrix) bool {
	if !a.SameShape(b) {
		return false
	}
	for i := range a.Data {
		if math.Float64bits(a.Data[i]) != math.Float64bits(b.Data[i]) {
			return false
		}
	}
	return true
}
