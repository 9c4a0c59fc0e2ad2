// This file implements damped Newton's method with the full Hessian.

package newton

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/optim"
)

// Newton is damped Newton's method for small models: each step builds the
// full Hessian H with n Hessian-vector products, factorises H + λ I by
// Cholesky and moves the parameters by the full step
//
//	d = −(H + λ I)⁻¹ ∇f.
//
// On a strictly convex quadratic with λ = 0 one step lands on the minimum.
// The zero value is ready to use.
type Newton struct {
	// Damping is λ ≥ 0, added to the diagonal of the Hessian; zero by
	// default.
	Damping float64

	// MaxBytes bounds the memory of the Hessian, hvp.DefaultMaxBytes when
	// zero.
	MaxBytes int64

	// Route selects the route of the Hessian-vector products.
	Route hvp.Route
}

var _ optim.Optimizer = (*Newton)(nil)

// Step takes one damped Newton step from the current parameters and returns
// the loss there. It returns an error, and leaves the parameters as they
// were, if the loss or gradient is not finite (ErrNonFinite), if the
// Hessian would pass MaxBytes (hvp.ErrTooLarge), or if H + λ I is not
// positive definite (ErrIndefinite).
func (o *Newton) Step(f optim.Objective, params []*graph.Matrix) (float64, error) {
	h, loss, grad, err := atPoint(f, params, o.Route)
	if err != nil {
		return loss, err
	}
	n := h.Dim()

	a, err := hvp.Symmetric(h, o.MaxBytes)
	if err != nil {
		return loss, fmt.Errorf("newton: Newton.Step: %w", err)
	}
	for i := range n {
		a.SetSym(i, i, a.At(i, i)+o.Damping)
	}
	var chol mat.Cholesky
	if !chol.Factorize(a) {
		return loss, fmt.Errorf("%w: λ = %g on %d parameters; raise Damping", ErrIndefinite,
			o.Damping, n)
	}

	d := mat.NewVecDense(n, nil)
	// A mat.Condition error only warns of ill conditioning; the solution is
	// still the one asked for.
	if err := chol.SolveVecTo(d, mat.NewVecDense(n, grad)); err != nil {
		if _, ok := err.(mat.Condition); !ok {
			return loss, fmt.Errorf("%w: %v", ErrIndefinite, err)
		}
	}
	x0 := flatten(nil, params)
	setParams(params, x0, d.RawVector().Data, -1)
	return loss, nil
}
