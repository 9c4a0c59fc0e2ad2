// This file implements Newton-CG, the Hessian-free method.
//
// Each step solves the damped Newton system
//
//	(B + λ I) d = −∇f
//
// for the curvature B (the Hessian, or a Gauss-Newton matrix) by conjugate
// gradients, with products only. CG is truncated: it stops when the relative
// residual falls under a forcing term min(½, √‖∇f‖), so that it is loose far
// from a minimum and tight near one, at an iteration limit, or at the first
// direction of non-positive curvature. On negative curvature before any
// progress the step falls back to −∇f.
//
// The damping λ follows the Levenberg-Marquardt rule on the reduction ratio
//
//	ρ = (f(θ + d) − f(θ)) / q(d),   q(d) = ∇fᵀ d + ½ dᵀ B d,
//
// the actual decrease over the one the quadratic model predicts: λ grows by
// 3/2 when ρ < ¼ and shrinks by 2/3 when ρ > ¾. A backtracking line search
// then halves the step length α from 1 until the Armijo condition
//
//	f(θ + α d) ≤ f(θ) + c α ∇fᵀ d
//
// holds.

package newton

import (
	"fmt"
	"math"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/optim"
	"github.com/hessgo/hessgo/spectral"
)

// Curvature returns the curvature operator B of f at the current values of
// params for NewtonCG. nil means the Hessian.
type Curvature func(f optim.Objective, params []*graph.Matrix) spectral.Operator

// GaussNewton returns a Curvature that serves generalised Gauss-Newton
// products of the loss of model's output. The objective given to NewtonCG
// must be that same loss of that model; its Gauss-Newton matrix is then
// positive semi-definite, and CG does not meet negative curvature.
func GaussNewton(model hvp.Model, loss hvp.Loss, route hvp.Route) Curvature {
	return func(_ optim.Objective, params []*graph.Matrix) spectral.Operator {
		return hvp.NewGaussNewton(model, loss, params, &hvp.Options{Route: route})
	}
}

// Report describes the last step of a NewtonCG.
type Report struct {
	// CG is why CG stopped; CGIterations the directions it tried.
	CG           spectral.CGStatus
	CGIterations int

	// Residual is CG's final relative residual.
	Residual float64

	// Lambda is the damping used by the step; the next step uses NextLambda.
	Lambda, NextLambda float64

	// Rho is the reduction ratio of the full step d.
	Rho float64

	// Alpha is the step length accepted by the line search, or 0 if none
	// was.
	Alpha float64

	// GradNorm is ‖∇f‖ at the start of the step.
	GradNorm float64

	// SteepestDescent reports that the step fell back to −∇f.
	SteepestDescent bool
}

// NewtonCG is the Newton-CG (Hessian-free) method with Levenberg-Marquardt
// damping and a backtracking line search. The zero value is ready to use;
// it keeps its damping λ and the last Report between steps.
type NewtonCG struct {
	// Lambda is the initial damping λ, default 1; each step updates it.
	Lambda float64

	// MinLambda is the floor of λ, default 1e-12.
	MinLambda float64

	// CGMaxIter limits the CG iterations per step, default 250.
	CGMaxIter int

	// CGTol, when positive, replaces the forcing term min(½, √‖∇f‖) as CG's
	// relative residual tolerance.
	CGTol float64

	// Armijo is the constant c of the sufficient decrease condition,
	// default 1e-4; MaxBacktracks limits its halvings, default 40.
	Armijo        float64
	MaxBacktracks int

	// Curvature selects B; nil means the Hessian.
	Curvature Curvature

	// Route selects the route of the Hessian-vector products.
	Route hvp.Route

	// Last describes the last step taken.
	Last Report

	lambda float64
	eval   evaluator
}

var _ optim.Stateful = (*NewtonCG)(nil)

func (o *NewtonCG) defaults() (minLambda float64, maxIter int, c float64, backtracks int) {
	minLambda, maxIter, c, backtracks = o.MinLambda, o.CGMaxIter, o.Armijo, o.MaxBacktracks
	if minLambda == 0 {
		minLambda = 1e-12
	}
	if maxIter == 0 {
		maxIter = 250
	}
	if c == 0 {
		c = 1e-4
	}
	if backtracks == 0 {
		backtracks = 40
	}
	if o.lambda == 0 {
		o.lambda = o.Lambda
		if o.lambda == 0 {
			o.lambda = 1
		}
	}
	return
}

// Step takes one Newton-CG step from the current parameters, writes the new
// values into them and returns the loss where it started. What happened is
// in o.Last: a CG that did not converge is reported there, not as an error.
//
// Step returns an error wrapping ErrNonFinite, with the parameters unchanged,
// if the loss, the gradient or a curvature product is not finite, and one
// wrapping ErrLineSearch, with the parameters unchanged and λ raised, if no
// step length gave a sufficient decrease.
func (o *NewtonCG) Step(f optim.Objective, params []*graph.Matrix) (float64, error) {
	minLambda, maxIter, c, backtracks := o.defaults()
	o.Last = Report{Lambda: o.lambda}

	// Loss, gradient and the curvature operator at θ.
	h, f0, grad, err := atPoint(f, params, o.Route)
	if err != nil {
		return f0, err
	}
	n := h.Dim()
	gnorm := math.Sqrt(dot(grad, grad))
	o.Last.GradNorm = gnorm
	if gnorm == 0 {
		o.Last.CG = spectral.Converged
		return f0, nil
	}
	var b spectral.Operator = h
	if o.Curvature != nil {
		b = o.Curvature(f, params)
	}

	// Truncated CG on (B + λ I) d = −∇f.
	d, err := o.solve(b, grad, gnorm, maxIter)
	if err != nil {
		return f0, err
	}
	gd := dot(grad, d)

	// The quadratic model's prediction for the full step.
	bd := make([]float64, n)
	b.Apply(bd, d)
	q := gd + dot(d, bd)/2

	// Line search from α = 1; its first trial also gives ρ.
	x0 := flatten(nil, params)
	alpha := 1.0
	for i := 0; i <= backtracks; i++ {
		setParams(params, x0, d, alpha)
		ft := o.eval.loss(f, params)
		if i == 0 {
			o.Last.Rho = (ft - f0) / q
			o.adapt(minLambda)
		}
		if finite(ft) && ft <= f0+c*alpha*gd {
			o.Last.Alpha = alpha
			return f0, nil
		}
		alpha /= 2
	}
	setParams(params, x0, d, 0)
	o.lambda *= 4
	o.Last.NextLambda = o.lambda
	return f0, fmt.Errorf("%w: %d halvings from a direction of slope %g", ErrLineSearch,
		backtracks, gd)
}

// solve runs CG on (B + λ I) d = −∇f and returns a descent direction.
func (o *NewtonCG) solve(b spectral.Operator, grad []float64, gnorm float64,
	maxIter int) ([]float64, error) {
	n := len(grad)
	rhs := make([]float64, n)
	for i, g := range grad {
		rhs[i] = -g
	}
	tol := o.CGTol
	if tol <= 0 {
		tol = min(0.5, math.Sqrt(gnorm))
	}
	res, err := spectral.CG(b, rhs, &spectral.CGSettings{Lambda: o.lambda, Tol: tol,
		MaxIter: maxIter})
	if err != nil {
		return nil, fmt.Errorf("%w: in a curvature product: %w", ErrNonFinite, err)
	}
	o.Last.CG, o.Last.CGIterations, o.Last.Residual = res.Status, res.Iterations, res.Residual

	// Fall back to steepest descent when CG made no progress or its
	// iterate does not descend.
	if dot(res.X, grad) >= 0 {
		o.Last.SteepestDescent = true
		return rhs, nil
	}
	return res.X, nil
}

// adapt updates λ from the reduction ratio of the last step.
func (o *NewtonCG) adapt(minLambda float64) {
	rho := o.Last.Rho
	switch {
	case !(rho >= 0.25): // also NaN, from a non-finite trial loss
		o.lambda *= 1.5
	case rho > 0.75:
		o.lambda = max(o.lambda*2/3, minLambda)
	}
	o.Last.NextLambda = o.lambda
}

// Damping returns the damping λ that the next step will use.
func (o *NewtonCG) Damping() float64 {
	o.defaults()
	return o.lambda
}

// MarshalBinary returns the damping λ that the next step will use, in the
// encoding of optim.Stateful. Last, a report, is not part of the state. The
// error is always nil.
func (o *NewtonCG) MarshalBinary() ([]byte, error) {
	w := optim.NewStateWriter("newton.NewtonCG")
	w.Float(o.lambda)
	return w.Bytes(), nil
}

// UnmarshalBinary replaces the damping λ with the one in data, which
// MarshalBinary wrote. If data is not such a state it returns an error
// wrapping optim.ErrState and changes nothing.
func (o *NewtonCG) UnmarshalBinary(data []byte) error {
	r, err := optim.NewStateReader("newton.NewtonCG", data)
	if err != nil {
		return fmt.Errorf("newton: NewtonCG.UnmarshalBinary: %w", err)
	}
	lambda := r.Float("damping")
	// Zero is the damping of a NewtonCG that has not stepped.
	r.Check(lambda >= 0 && !math.IsInf(lambda, 1), "damping %g is not finite and ≥ 0", lambda)
	if err := r.Err(); err != nil {
		return fmt.Errorf("newton: NewtonCG.UnmarshalBinary: %w", err)
	}
	o.lambda = lambda
	return nil
}
