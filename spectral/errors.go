// This file holds the package's named errors.

package spectral

import "errors"

// Errors returned by the functions of this package. They are wrapped with
// details (the offending values, the step at which a failure happened), so
// test for them with errors.Is.
var (
	// ErrNonFinite reports a NaN or an infinity in a vector given to a
	// function, or produced by the operator during an iteration.
	ErrNonFinite = errors.New("spectral: non-finite value")

	// ErrK reports a number of eigenpairs k outside 1..n.
	ErrK = errors.New("spectral: k out of range")

	// ErrDim reports an operator of dimension below 1, or a vector whose
	// length does not match the operator's dimension.
	ErrDim = errors.New("spectral: dimension mismatch")

	// ErrSettings reports a setting outside its documented domain.
	ErrSettings = errors.New("spectral: bad setting")
)
