// This file implements the Hessian-vector product by its two routes.
//
// The gradient ∇f(θ) is recorded once on the graph, as nodes that can be
// differentiated again. For a direction v the product H v is then
//
//	reverse over reverse:  H v = ∇_θ (∇f(θ) · v),
//	forward over reverse:  H v = ∂/∂ε ∇f(θ + ε v) at ε = 0,
//
// the first a reverse sweep from the 1×1 node Σₖ Dot(∇ₖf, vₖ), the second a
// forward sweep (a JVP) of the recorded gradient with tangents v. Both are
// exact to rounding. Each product is recorded after the gradient's mark on
// the tape and truncated off it afterwards, so the forward pass and the
// gradient graph are paid for once and serve any number of products.

package hvp

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/optim"
	"github.com/hessgo/hessgo/spectral"
)

// Route selects how a Hessian-vector product is computed.
type Route int

const (
	// Default is the faster route as measured by BenchmarkHVP on an MLP:
	// ForwardOverReverse.
	Default Route = iota
	// ReverseOverReverse differentiates the 1×1 node ∇f · v by a second
	// reverse sweep.
	ReverseOverReverse
	// ForwardOverReverse runs a forward sweep (a JVP) through the recorded
	// gradient with the direction as tangent.
	ForwardOverReverse
)

// String returns the route's name.
func (r Route) String() string {
	switch r {
	case Default:
		return "Default"
	case ReverseOverReverse:
		return "ReverseOverReverse"
	case ForwardOverReverse:
		return "ForwardOverReverse"
	}
	return fmt.Sprintf("Route(%d)", int(r))
}

// resolve returns the concrete route for r, and panics for an unknown one.
func (r Route) resolve(fn string) Route {
	switch r {
	case Default:
		return ForwardOverReverse
	case ReverseOverReverse, ForwardOverReverse:
		return r
	}
	fail(fn, "unknown route %d", int(r))
	return r
}

// Options configures New, NewGaussNewton and NewSharded. A nil pointer means
// the zero value, which is the default for every field.
type Options struct {
	// Route selects the route of the Hessian-vector products.
	Route Route
}

// HVP serves exact Hessian-vector products H v of a scalar objective f at
// the values its parameters had when it was built (or last rebuilt).
//
// It records the forward pass and the gradient graph once, on a graph of its
// own; every product costs one more sweep, taken off the graph afterwards.
// An HVP is a spectral.Operator on the parameters flattened in order, each
// matrix row-major. It is not safe for concurrent use; see Sharded for
// products split across goroutines.
type HVP struct {
	f      optim.Objective
	params []*graph.Matrix
	route  Route
	g      *graph.Graph
	nodes  []*graph.Node
	loss   *graph.Node
	grads  []*graph.Node
	mark   int
	n      int

	// views of a flat direction and destination, reused by Apply
	vs, ds []*graph.Matrix
	ts     []*graph.Node
}

// New records f's forward pass and gradient at the current values of params
// and returns an HVP for them. The parameters are wrapped, not copied: after
// changing their values, call Rebuild before the next product.
//
// New panics with an *Error if params is empty or holds nil, and with the
// error of the package autodiff if f does not return a 1×1 node of the graph
// it was given.
func New(f optim.Objective, params []*graph.Matrix, opts *Options) *HVP {
	var o Options
	if opts != nil {
		o = *opts
	}
	h := &HVP{f: f, params: params, route: o.Route.resolve("New"), g: graph.New()}
	h.n = checkParams("New", params)
	h.vs, h.ds = views(params), views(params)
	h.ts = make([]*graph.Node, len(params))
	h.Rebuild()
	return h
}

// checkParams panics unless params is a non-empty list of matrices, and
// returns their total number of entries.
func checkParams(fn string, params []*graph.Matrix) int {
	if len(params) == 0 {
		fail(fn, "no parameters")
	}
	n := 0
	for k, p := range params {
		if p == nil {
			fail(fn, "parameter %d is nil", k)
		}
		n += p.Len()
	}
	return n
}

// views returns one matrix header per parameter, to be pointed at slices of
// a flat vector by point.
func views(params []*graph.Matrix) []*graph.Matrix {
	vs := make([]*graph.Matrix, len(params))
	for k, p := range params {
		vs[k] = &graph.Matrix{Rows: p.Rows, Cols: p.Cols}
	}
	return vs
}

// point makes each view a window on x, in parameter order.
func point(vs []*graph.Matrix, x []float64) []*graph.Matrix {
	off := 0
	for _, v := range vs {
		l := v.Rows * v.Cols
		v.Data = x[off : off+l : off+l]
		off += l
	}
	return vs
}

// Rebuild records the forward pass and the gradient again, at the current
// values of the parameters, on the same graph and its buffers.
func (h *HVP) Rebuild() {
	g := h.g
	g.Reset()
	h.nodes = h.nodes[:0]
	for _, p := range h.params {
		h.nodes = append(h.nodes, g.Param(p))
	}
	h.loss = h.f(g, h.nodes)
	h.grads = autodiff.RecordGrad(h.loss, h.nodes...)
	h.mark = g.Len()
}

// Dim returns the number of parameters n, the sum of their sizes.
func (h *HVP) Dim() int { return h.n }

// Route returns the route the products take.
func (h *HVP) Route() Route { return h.route }

// Loss returns the objective's value at the recorded parameters.
func (h *HVP) Loss() float64 { return h.loss.Scalar() }

// Gradient writes the gradient at the recorded parameters into dst,
// flattened as for Apply. It panics with an *Error if len(dst) is not Dim().
func (h *HVP) Gradient(dst []float64) {
	checkLen("HVP.Gradient", "destination", len(dst), h.n)
	off := 0
	for _, gk := range h.grads {
		off += copy(dst[off:], gk.Value().Data)
	}
}

// Apply sets dst = H v for the parameters flattened in order, each matrix
// row-major, which makes h a spectral.Operator. It panics with an *Error if
// v or dst does not have length Dim().
func (h *HVP) Apply(dst, v []float64) {
	checkLen("HVP.Apply", "direction", len(v), h.n)
	checkLen("HVP.Apply", "destination", len(dst), h.n)
	h.product(point(h.ds, dst), point(h.vs, v))
}

// ApplyMatrices sets dst[k] to the block of H v for parameter k, where v
// holds one direction matrix per parameter. It panics with an *Error if v
// or dst does not hold one matrix of each parameter's shape.
func (h *HVP) ApplyMatrices(dst, v []*graph.Matrix) {
	checkShapes("HVP.ApplyMatrices", "direction", v, h.params)
	checkShapes("HVP.ApplyMatrices", "destination", dst, h.params)
	h.product(dst, v)
}

// product computes H v by h's route into dst.
func (h *HVP) product(dst, v []*graph.Matrix) {
	if h.route == ForwardOverReverse {
		// The tangents of the recorded gradient along v.
		autodiff.JVPInto(dst, h.grads, h.nodes, v)
		return
	}
	g := h.g
	defer g.Truncate(h.mark)
	for k, vk := range v {
		h.ts[k] = g.Const(vk)
	}
	reverseOverReverse(dst, h.grads, h.ts, h.nodes)
}

// reverseOverReverse sets dst = ∇_θ (Σₖ Dot(grads[k], ts[k])).
func reverseOverReverse(dst []*graph.Matrix, grads, ts, params []*graph.Node) {
	var s *graph.Node
	for k, gk := range grads {
		d := ops.Dot(gk, ts[k])
		if s == nil {
			s = d
		} else {
			s = ops.Add(s, d)
		}
	}
	autodiff.GradInto(dst, s, params...)
}

// Symmetric returns the Hessian as a gonum mat.Symmetric, read one product
// per element; see spectral.Matrix. It suits small models and checks; for
// the whole matrix use the package function Symmetric, n products in all.
func (h *HVP) Symmetric() mat.Symmetric { return spectral.Matrix{Op: h} }

// Params returns the parameter matrices h was built on.
func (h *HVP) Params() []*graph.Matrix { return h.params }

func checkLen(fn, what string, got, want int) {
	if got != want {
		fail(fn, "%s has length %d, the parameters have %d entries", what, got, want)
	}
}

// checkShapes panics unless ms holds one matrix of each parameter's shape.
func checkShapes(fn, what string, ms, params []*graph.Matrix) {
	if len(ms) != len(params) {
		fail(fn, "%d %s matrices for %d parameters", len(ms), what, len(params))
	}
	for k, m := range ms {
		switch {
		case m == nil:
			fail(fn, "%s %d is nil, parameter %d is %s", what, k, k, params[k].Shape())
		case !m.SameShape(params[k]):
			fail(fn, "%s %d is %s, parameter %d is %s", what, k, m.Shape(), k, params[k].Shape())
		case len(m.Data) != m.Rows*m.Cols:
			fail(fn, "%s %d holds %d values for %s", what, k, len(m.Data), m.Shape())
		}
	}
}
