// Package optim holds the optimisers that update a model's parameters in
// place: stochastic gradient descent with optional heavy-ball or Nesterov
// momentum (SGD), and Adam.
//
// # Objectives and steps
//
// An Objective records a scalar loss on a graph from one parameter node per
// parameter matrix. An Optimizer's Step records the objective at the
// current parameters, takes its gradient with the package autodiff and
// updates the matrices in place. The objective is recorded anew at every
// step, so it may read a new batch each time.
//
// # Buffers
//
// Each optimiser owns a graph that it resets at the start of every step,
// and keeps its gradient matrices and its state (velocity, moments) from
// step to step. After the first step, a step allocates only a few small
// slices, whatever the size of the model. An optimiser is not safe for
// concurrent use.
//
// # State and misuse
//
// The state belongs to the parameters of the first step. Stepping on
// parameters of another number or shape panics with an *Error unless Reset
// was called in between; so do settings out of range, such as a learning
// rate that is not positive.
//
// # Saving and restoring
//
// SGD and Adam implement Stateful: MarshalBinary returns the state between
// steps (SGD's velocity; Adam's moments and step count) in a versioned,
// checksummed encoding, and UnmarshalBinary puts it back into another
// optimiser of the same type, which then continues bit for bit as the
// first would have. The settings are not part of the state. Plain gradient
// descent has no state, and its encoding holds none. Bytes that are not
// such a state, truncated, altered, of another optimiser or of another
// version, give an error wrapping ErrState and leave the optimiser as it
// was. StateWriter and StateReader let optimisers of other packages (those
// of the package newton) write the same encoding.
//
// # Failures
//
// A step whose loss or gradient holds a NaN or an infinity returns an
// error wrapping ErrNonFinite and leaves the parameters and the state as
// they were, so that the caller can lower the learning rate and go on.
package optim
