// This file holds what the optimisers share: flattening parameters, taking
// a trial step, evaluating the objective and checking values.

package newton

import (
	"fmt"
	"math"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/optim"
)

// atPoint records f at params for Hessian-vector products by route and
// returns the products' operator, the loss and the gradient. The error
// wraps ErrNonFinite when the loss or the gradient is not finite.
func atPoint(f optim.Objective, params []*graph.Matrix, route hvp.Route) (*hvp.HVP, float64, []float64, error) {
	h := hvp.New(f, params, &hvp.Options{Route: route})
	loss := h.Loss()
	grad := make([]float64, h.Dim())
	h.Gradient(grad)
	if err := checkFinite("loss", loss); err != nil {
		return h, loss, grad, err
	}
	err := checkFinite("gradient", grad...)
	return h, loss, grad, err
}

// flatten copies the parameters into one vector, in order, each row-major.
func flatten(dst []float64, params []*graph.Matrix) []float64 {
	dst = dst[:0]
	for _, p := range params {
		dst = append(dst, p.Data...)
	}
	return dst
}

// setParams writes x0 + α d into the parameters.
func setParams(params []*graph.Matrix, x0, d []float64, alpha float64) {
	off := 0
	for _, p := range params {
		for i := range p.Data {
			p.Data[i] = x0[off] + alpha*d[off]
			off++
		}
	}
}

// evaluator records forward passes of an objective on a graph it reuses.
type evaluator struct {
	g     *graph.Graph
	nodes []*graph.Node
}

// loss returns f at the current values of params.
func (e *evaluator) loss(f optim.Objective, params []*graph.Matrix) float64 {
	if e.g == nil {
		e.g = graph.New()
	}
	e.g.Reset()
	e.nodes = e.nodes[:0]
	for _, p := range params {
		e.nodes = append(e.nodes, e.g.Param(p))
	}
	return f(e.g, e.nodes).Scalar()
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checkFinite returns an error wrapping ErrNonFinite naming what holds the
// first NaN or infinity of x, or nil.
func checkFinite(what string, x ...float64) error {
	for i, v := range x {
		if !finite(v) {
			return fmt.Errorf("%w: entry %d of the %s is %g", ErrNonFinite, i, what, v)
		}
	}
	return nil
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
