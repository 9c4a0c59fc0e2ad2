// This file implements Adam.

package optim

import (
	"fmt"
	"math"

	"github.com/hessgo/hessgo/graph"
)

// Adam scales each coordinate's step by running estimates of the first and
// second moments of its gradient. At step t = 1, 2, …, with gradient g,
//
//	m ← β₁ m + (1-β₁) g
//	v ← β₂ v + (1-β₂) g ⊙ g
//	θ ← θ - η m̂ / (√v̂ + ε),   m̂ = m / (1-β₁ᵗ),  v̂ = v / (1-β₂ᵗ)
//
// with m and v starting at zero; the divisions and the square root are
// entrywise. An Adam is not safe for concurrent use.
type Adam struct {
	LR    float64 // learning rate η, > 0
	Beta1 float64 // decay β₁ of the first moment, in [0, 1)
	Beta2 float64 // decay β₂ of the second moment, in [0, 1)
	Eps   float64 // ε > 0, which keeps the step finite where v̂ is 0

	t     tape
	m, v  []*graph.Matrix
	steps int
}

// NewAdam returns Adam with learning rate lr and the usual β₁ = 0.9,
// β₂ = 0.999 and ε = 1e-8.
func NewAdam(lr float64) *Adam {
	return &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
}

// Reset forgets the moments and the step count, so that the next step
// starts afresh, possibly on other parameters.
func (o *Adam) Reset() { o.m, o.v, o.steps = nil, nil, 0 }

// Steps returns the number of steps taken since the start or the last
// Reset.
func (o *Adam) Steps() int { return o.steps }

// Step takes one step of f from params, updating them in place, and returns
// the loss at the values it started from. When the loss or the gradient is
// not finite it returns an error wrapping ErrNonFinite and changes nothing.
// It panics with an *Error if a setting is out of range or if the
// parameters changed in number or shape since the last step.
func (o *Adam) Step(f Objective, params []*graph.Matrix) (float64, error) {
	checkRate("Adam.Step", o.LR)
	if !(o.Beta1 >= 0 && o.Beta1 < 1) || !(o.Beta2 >= 0 && o.Beta2 < 1) {
		fail("Adam.Step", "betas %v and %v are not both in [0, 1)", o.Beta1, o.Beta2)
	}
	if !(o.Eps > 0) {
		fail("Adam.Step", "epsilon %v is not positive", o.Eps)
	}
	o.m = state("Adam.Step", o.m, params)
	o.v = state("Adam.Step", o.v, params)

	loss, err := o.t.gradient(f, params)
	if err != nil {
		return loss, err
	}

	o.steps++
	b1, b2 := o.Beta1, o.Beta2
	c1 := 1 - math.Pow(b1, float64(o.steps))
	c2 := 1 - math.Pow(b2, float64(o.steps))
	// η m̂/(√v̂+ε) = (η/c₁) m / (√v/√c₂ + ε), without dividing each entry twice.
	step, rc2 := o.LR/c1, 1/math.Sqrt(c2)
	for k, p := range params {
		g, m, v := o.t.grads[k].Data, o.m[k].Data, o.v[k].Data
		for i := range p.Data {
			m[i] = b1*m[i] + (1-b1)*g[i]
			v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
			p.Data[i] -= step * m[i] / (math.Sqrt(v[i])*rc2 + o.Eps)
		}
	}
	return loss, nil
}

// MarshalBinary returns the step count and the moments in the encoding of
// Stateful. The error is always nil.
func (o *Adam) MarshalBinary() ([]byte, error) {
	w := NewStateWriter("optim.Adam")
	w.Int(int64(o.steps))
	writeMatrices(w, o.m)
	writeMatrices(w, o.v)
	return w.Bytes(), nil
}

// UnmarshalBinary replaces the step count and the moments with those in
// data, which MarshalBinary wrote. If data is not such a state it returns
// an error wrapping ErrState and changes nothing.
func (o *Adam) UnmarshalBinary(data []byte) error {
	r, err := NewStateReader("optim.Adam", data)
	if err != nil {
		return fmt.Errorf("optim: Adam.UnmarshalBinary: %w", err)
	}
	steps := r.Int("step count")
	r.Check(steps >= 0, "step count %d is negative", steps)
	m := readMatrices(r, "first moment")
	v := readMatrices(r, "second moment")
	r.Check(sameShapes(m, v), "the moments have different shapes")
	if err := r.Err(); err != nil {
		return fmt.Errorf("optim: Adam.UnmarshalBinary: %w", err)
	}
	o.steps, o.m, o.v = int(steps), m, v
	return nil
}
