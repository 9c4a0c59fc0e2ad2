// Package newton provides second-order optimisers that implement
// optim.Optimizer on top of the Hessian-vector products of the package hvp.
//
// # Methods
//
// Newton is damped Newton's method for small models. Each step builds the
// full Hessian H with n products, factorises H + λ I by Cholesky and takes
// the full step d = −(H + λ I)⁻¹ ∇f. A quadratic is minimised in one step.
//
// NewtonCG is the Newton-CG, or Hessian-free, method of Martens (2010): CG
// on (B + λ I) d = −∇f with B the Hessian or, through GaussNewton, a
// generalised Gauss-Newton matrix; CG truncated by a forcing term, an
// iteration limit and negative curvature; λ adjusted by the
// Levenberg-Marquardt rule on the reduction ratio ρ; and a backtracking
// line search on the Armijo condition. It solves with spectral.CG.
//
// AdaHessian is Adam with the second moment of the gradient replaced by that
// of a Hutchinson estimate of the Hessian's diagonal (spectral.Diagonal).
//
// # Steps
//
// Step reads the parameters, writes the new values into them, and returns
// the loss at the values it started from. Every method records the
// objective afresh at each step, so the objective may change between steps
// (a new mini-batch). NewtonCG and AdaHessian keep state between steps
// (the damping; the moments), so use one value per model.
//
// # Saving and restoring
//
// NewtonCG and AdaHessian implement optim.Stateful, so that a run can be
// interrupted and resumed exactly: MarshalBinary returns NewtonCG's
// damping λ, or AdaHessian's moments and step count (which also fixes the
// seed of the next step's probes), and UnmarshalBinary restores them,
// refusing with an error wrapping optim.ErrState, and changing nothing,
// bytes that are not such a state. Newton keeps nothing between steps and
// has no state to save; neither is NewtonCG.Last, a report, saved.
//
// # Errors and reports
//
// A NaN or an infinity in the loss, the gradient or a curvature product is
// an error wrapping ErrNonFinite, and the parameters are left unchanged.
// Newton fails with ErrIndefinite when H + λ I is not positive definite,
// and with hvp.ErrTooLarge when the Hessian passes its memory limit.
// NewtonCG fails with ErrLineSearch when no step length decreases the loss
// enough; a CG that stops at its iteration limit or on negative curvature
// is not an error but is described, with ρ, λ and the step length, in
// NewtonCG.Last.
package newton
