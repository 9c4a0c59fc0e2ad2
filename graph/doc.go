// Package graph holds the values and the tape of hessgo's computation
// graphs. It knows nothing of derivatives: the package ops computes values
// and records them here, and the package autodiff sweeps the tape.
//
// # Values
//
// A value is a dense row-major Matrix of float64. A scalar is 1×1 and a
// row vector 1×n; a batch of examples is a matrix with one example a row,
// so a layer reads z = a W + b.
//
// # The tape
//
// A Graph is define-by-run: every op is computed at once and recorded as a
// Node that keeps its value, the op that made it and its input nodes. The
// order of creation is the tape, and a node's ID is its position on it.
// Inputs are made with Param (a value gradients can be taken with respect
// to) or Const (a value that carries none); both share the caller's matrix
// rather than copying it, so a model updates its parameters by writing into
// the matrices between forward passes.
//
// The derivative sweeps of the package autodiff add their own nodes to the
// tape. Node.Sweep tells which sweep made a node, and WriteDOT draws each
// sweep's nodes in a cluster of their own, so the first- and second-order
// graphs of a small model can be looked at with Graphviz.
//
// # Buffers
//
// Every computed value's buffer comes from the graph's pool (Alloc). Reset
// empties the tape and keeps the buffers, so a training loop that resets its
// graph at each step allocates next to nothing once warm; Truncate does the
// same for the end of the tape, which is how a gradient that returns plain
// values leaves the graph as it found it. Nodes removed by Reset or
// Truncate must not be used again.
//
// # Errors and panics
//
// Misuse is a programmer error and panics, as gonum's mat does: a shape
// that does not fit, nodes of two graphs in one op. The panic value is an
// *Error that names the op, the shapes and the line of the caller's code
// that made the offending node, such as
//
//	ops.MatMul: 3x4 and 5x2 do not fit (model.go:42)
//
// NaN and infinities propagate as IEEE 754 says. A graph made with
// Options{Check: true} also remembers the first node, of the forward pass or
// of any derivative sweep, whose value is not finite; NonFinite reports it
// by op name, tape position and site.
//
// # Concurrency
//
// A Graph is not safe for concurrent use. Work split across goroutines
// gives each its own graph.
package graph
