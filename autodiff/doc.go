// Package autodiff derives gradients from a recorded graph by the chain
// rule. It knows no op by name: it sweeps the tape and asks each node's op
// for its derivative rules through the ops.Rule interface.
//
// # Reverse mode
//
// The reverse sweep starts from an output y with a cotangent ȳ of its shape
// (1 for a scalar loss), walks the tape backwards, and at each node adds
// the vector-Jacobian products of its op into the cotangents of its inputs.
// One sweep gives the gradient with respect to every parameter at a cost of
// a small multiple of the forward pass. Only nodes that depend on a
// requested parameter and that a cotangent reaches are visited; a node used
// several times gets the sum of its cotangents.
//
// Grad and GradInto return plain values: the sweep is recorded, read, and
// taken off the graph, so the graph is left as it was and its buffers are
// reused. RecordGrad leaves the sweep on the graph and returns its nodes,
// which are ordinary nodes: a function of them can be differentiated again,
// to any order. VJP and RecordVJP take a cotangent, for outputs that are not
// scalars.
//
// # Forward mode
//
// JVP and RecordJVP push tangents of the parameters forwards along the tape
// and return ẏ = Σₖ ∂y/∂xₖ ẋₖ for each output. Applied to the nodes of a
// recorded gradient, a JVP gives a Hessian-vector product by
// forward-over-reverse; a Grad of ∇f·v gives it by reverse-over-reverse.
//
// # Inputs
//
// Derivatives are taken with respect to parameters (graph.Graph.Param).
// Constants carry no derivative, and neither does a node behind
// ops.StopGradient. The derivative with respect to a parameter that the
// output does not depend on is zero: a matrix of zeros from Grad, a constant
// node of zeros from RecordGrad.
//
// # Errors
//
// Misuse panics with an *Error: a gradient of an output that is not 1×1, a
// derivative with respect to a node that is not a parameter (a constant or
// a computed node), nodes of two graphs, a cotangent or tangent of the
// wrong shape.
package autodiff
