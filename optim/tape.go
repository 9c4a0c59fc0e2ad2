// This file implements what every first-order step begins with: record the
// objective on a graph that is reset and reused, and take its gradient into
// kept matrices, so that a step in the steady state allocates next to
// nothing.

package optim

import (
	"fmt"
	"math"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
)

// tape holds the graph, the parameter nodes and the gradient matrices that
// an optimiser reuses from step to step.
type tape struct {
	g     *graph.Graph
	nodes []*graph.Node
	grads []*graph.Matrix
}

// gradient resets the graph, records f at params and sets t.grads to its
// gradient. It returns the loss, and an error wrapping ErrNonFinite if the
// loss or a gradient entry is not finite.
func (t *tape) gradient(f Objective, params []*graph.Matrix) (float64, error) {
	if t.g == nil {
		t.g = graph.New()
	}
	t.g.Reset()
	t.nodes = t.nodes[:0]
	for _, p := range params {
		t.nodes = append(t.nodes, t.g.Param(p))
	}
	loss := f(t.g, t.nodes)
	t.grads = shaped(t.grads, params)
	autodiff.GradInto(t.grads, loss, t.nodes...)

	l := loss.Scalar()
	if math.IsNaN(l) || math.IsInf(l, 0) {
		return l, fmt.Errorf("optim: loss is %v: %w", l, ErrNonFinite)
	}
	for k, gr := range t.grads {
		if !gr.IsFinite() {
			return l, fmt.Errorf("optim: gradient of parameter %d (%s): %w", k, gr.Shape(), ErrNonFinite)
		}
	}
	return l, nil
}

// shaped returns ms if it holds one matrix of each parameter's shape, and
// otherwise new zero matrices of those shapes.
func shaped(ms []*graph.Matrix, params []*graph.Matrix) []*graph.Matrix {
	if fits(ms, params) {
		return ms
	}
	ms = make([]*graph.Matrix, len(params))
	for k, p := range params {
		ms[k] = graph.NewMatrix(p.Rows, p.Cols, nil)
	}
	return ms
}

// fits reports whether ms holds one matrix of each parameter's shape.
func fits(ms []*graph.Matrix, params []*graph.Matrix) bool {
	if len(ms) != len(params) {
		return false
	}
	for k, p := range params {
		if !ms[k].SameShape(p) {
			return false
		}
	}
	return true
}

// state returns the optimiser state st if it fits params. Fresh state (nil)
// is made to fit; state that fits other parameters is a misuse.
func state(fn string, st []*graph.Matrix, params []*graph.Matrix) []*graph.Matrix {
	if st == nil {
		return shaped(nil, params)
	}
	if !fits(st, params) {
		fail(fn, "the parameters changed in number or shape since the last step; call Reset first")
	}
	return st
}

// checkRate panics unless lr is positive and finite.
func checkRate(fn string, lr float64) {
	if !(lr > 0) || math.IsInf(lr, 1) {
		fail(fn, "learning rate %v is not positive", lr)
	}
}
