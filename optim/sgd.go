// This file implements stochastic gradient descent, plain, with momentum and
// with Nesterov momentum.

package optim

import (
	"fmt"

	"github.com/hessgo/hessgo/graph"
)

// SGD is stochastic gradient descent with optional momentum. With gradient
// g of the loss at θ, learning rate η and momentum μ, a step is
//
//	v ← μ v + g
//	θ ← θ - η v              (heavy ball)
//	θ ← θ - η (g + μ v)      (Nesterov)
//
// and with μ = 0 it is θ ← θ - η g. The velocity v starts at zero. An SGD
// is not safe for concurrent use.
type SGD struct {
	LR       float64 // learning rate η, > 0
	Momentum float64 // μ in [0, 1); 0 for plain gradient descent
	Nesterov bool    // take the Nesterov step; needs Momentum > 0

	t   tape
	vel []*graph.Matrix
}

// NewSGD returns plain gradient descent with learning rate lr.
func NewSGD(lr float64) *SGD { return &SGD{LR: lr} }

// NewMomentum returns gradient descent with learning rate lr and momentum
// mu, heavy ball or Nesterov.
func NewMomentum(lr, mu float64, nesterov bool) *SGD {
	return &SGD{LR: lr, Momentum: mu, Nesterov: nesterov}
}

// Reset forgets the velocity, so that the next step starts afresh, possibly
// on other parameters.
func (o *SGD) Reset() { o.vel = nil }

// Step takes one step of f from params, updating them in place, and returns
// the loss at the values it started from. When the loss or the gradient is
// not finite it returns an error wrapping ErrNonFinite and changes nothing.
// It panics with an *Error if a setting is out of range or if the
// parameters changed in number or shape since the last step.
func (o *SGD) Step(f Objective, params []*graph.Matrix) (float64, error) {
	checkRate("SGD.Step", o.LR)
	if !(o.Momentum >= 0 && o.Momentum < 1) {
		fail("SGD.Step", "momentum %v is not in [0, 1)", o.Momentum)
	}
	if o.Nesterov && o.Momentum == 0 {
		fail("SGD.Step", "Nesterov momentum needs a momentum above 0")
	}
	if o.Momentum > 0 {
		o.vel = state("SGD.Step", o.vel, params)
	}

	loss, err := o.t.gradient(f, params)
	if err != nil {
		return loss, err
	}

	lr, mu := o.LR, o.Momentum
	for k, p := range params {
		g := o.t.grads[k].Data
		if mu == 0 {
			for i := range p.Data {
				p.Data[i] -= lr * g[i]
			}
			continue
		}
		v := o.vel[k].Data
		for i := range p.Data {
			v[i] = mu*v[i] + g[i]
			if o.Nesterov {
				p.Data[i] -= lr * (g[i] + mu*v[i])
			} else {
				p.Data[i] -= lr * v[i]
			}
		}
	}
	return loss, nil
}

// MarshalBinary returns the velocity in the encoding of Stateful. Plain
// gradient descent keeps no state between steps; its encoding holds no
// velocity. The error is always nil.
func (o *SGD) MarshalBinary() ([]byte, error) {
	w := NewStateWriter("optim.SGD")
	writeMatrices(w, o.vel)
	return w.Bytes(), nil
}

// UnmarshalBinary replaces the velocity with the one in data, which
// MarshalBinary wrote. If data is not such a state it returns an error
// wrapping ErrState and changes nothing.
func (o *SGD) UnmarshalBinary(data []byte) error {
	r, err := NewStateReader("optim.SGD", data)
	if err != nil {
		return fmt.Errorf("optim: SGD.UnmarshalBinary: %w", err)
	}
	vel := readMatrices(r, "velocity")
	if err := r.Err(); err != nil {
		return fmt.Errorf("optim: SGD.UnmarshalBinary: %w", err)
	}
	o.vel = vel
	return nil
}
