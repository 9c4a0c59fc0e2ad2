// This file holds the package's named errors.

package newton

import "errors"

// Errors returned by the optimisers of this package, wrapped with details;
// test for them with errors.Is.
var (
	// ErrNonFinite reports a NaN or an infinity in the loss, the gradient
	// or a curvature product at the start of a step.
	ErrNonFinite = errors.New("newton: non-finite value")

	// ErrIndefinite reports a damped Hessian H + λ I that is not positive
	// definite, so that the Newton step is not a descent direction.
	ErrIndefinite = errors.New("newton: damped Hessian is not positive definite")

	// ErrLineSearch reports a backtracking line search that found no step
	// meeting the sufficient decrease condition.
	ErrLineSearch = errors.New("newton: line search found no decrease")
)
