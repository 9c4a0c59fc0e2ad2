package optim

import "github.com/hessgo/hessgo/graph"

// Objective builds a scalar function of the parameters on a graph: given
// one parameter node for each parameter matrix, in order, it records the
// forward pass on g and returns the 1×1 loss node. An objective is called
// once or more per step, on a graph the optimiser owns and resets, so that
// a first-order method takes a gradient of it and a second-order method
// Hessian-vector products as well.
type Objective func(g *graph.Graph, params []*graph.Node) *graph.Node

// Optimizer is a method that updates parameters in place to decrease an
// objective. The first-order methods of this package and the second-order
// methods of the package newton implement it.
type Optimizer interface {
	// Step takes one step from the current values of params, which it
	// updates in place, and returns the objective's value at the values it
	// started from.
	Step(f Objective, params []*graph.Matrix) (loss float64, err error)
}
