// This file implements AdaHessian, Adam with the squared gradient replaced
// by the squared Hessian diagonal.
//
// At step t, with a Hutchinson estimate D of diag(H) from Rademacher probes
// z (D = mean of z ⊙ H z),
//
//	m = β₁ m + (1 − β₁) ∇f
//	v = β₂ v + (1 − β₂) D ⊙ D
//	θ = θ − η m̂ / (v̂^(k/2) + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ),
//
// k being the Hessian power. The diagonal estimate comes from
// spectral.Diagonal on the Hessian-vector products of the package hvp.

package newton

import (
	"fmt"
	"math"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/optim"
	"github.com/hessgo/hessgo/spectral"
)

// AdaHessian is the AdaHessian method of Yao et al. (2021), without the
// spatial averaging of the diagonal over convolution kernels. The zero value
// uses every default; it keeps its moments between steps, so use one value
// per set of parameters.
type AdaHessian struct {
	// LR is the step size η, default 0.15.
	LR float64

	// Beta1 and Beta2 are the moment decay rates, default 0.9 and 0.999.
	Beta1, Beta2 float64

	// Eps is ε, default 1e-4.
	Eps float64

	// HessianPower is k in (0, 1], default 1.
	HessianPower float64

	// Probes is the number of Hessian-vector products per step spent on the
	// diagonal, default 2, at least 2.
	Probes int

	// Seed seeds the probes; step t uses Seed + t.
	Seed int64

	// Route selects the route of the Hessian-vector products.
	Route hvp.Route

	t    int
	m, v []float64
}

var _ optim.Stateful = (*AdaHessian)(nil)

func (o *AdaHessian) settings() (lr, b1, b2, eps, k float64, probes int) {
	pick := func(x, def float64) float64 {
		if x == 0 {
			return def
		}
		return x
	}
	probes = o.Probes
	if probes == 0 {
		probes = 2
	}
	return pick(o.LR, 0.15), pick(o.Beta1, 0.9), pick(o.Beta2, 0.999), pick(o.Eps, 1e-4),
		pick(o.HessianPower, 1), probes
}

// Step takes one AdaHessian step, updating params in place, and returns the
// loss where it started. It returns an error, with the parameters and the
// moments unchanged, wrapping ErrNonFinite if the loss, the gradient or a
// product is not finite, and spectral.ErrSettings if Probes is below 2. It
// panics if the number of parameters changed since the first step.
func (o *AdaHessian) Step(f optim.Objective, params []*graph.Matrix) (float64, error) {
	lr, b1, b2, eps, k, probes := o.settings()
	h, loss, grad, err := atPoint(f, params, o.Route)
	if err != nil {
		return loss, err
	}
	n := h.Dim()
	diag, err := spectral.Diagonal(h, &spectral.EstimatorSettings{Budget: probes,
		Seed: o.Seed + int64(o.t)})
	if err != nil {
		return loss, fmt.Errorf("newton: AdaHessian.Step: %w", err)
	}
	if o.m == nil {
		o.m, o.v = make([]float64, n), make([]float64, n)
	}
	if len(o.m) != n {
		panic(fmt.Sprintf("newton: AdaHessian.Step: %d parameters, the first step had %d",
			n, len(o.m)))
	}

	// Moments, bias corrections and the update.
	o.t++
	c1 := 1 - math.Pow(b1, float64(o.t))
	c2 := 1 - math.Pow(b2, float64(o.t))
	off := 0
	for _, p := range params {
		for i := range p.Data {
			j := off + i
			d := diag.Diag[j]
			o.m[j] = b1*o.m[j] + (1-b1)*grad[j]
			o.v[j] = b2*o.v[j] + (1-b2)*d*d
			denom := math.Pow(o.v[j]/c2, k/2) + eps
			p.Data[i] -= lr * (o.m[j] / c1) / denom
		}
		off += len(p.Data)
	}
	return loss, nil
}

// MarshalBinary returns the step count, which also sets the seed of the
// next step's probes, and the moments, in the encoding of
// optim.Stateful. The error is always nil.
func (o *AdaHessian) MarshalBinary() ([]byte, error) {
	w := optim.NewStateWriter("newton.AdaHessian")
	w.Int(int64(o.t))
	w.Floats(o.m)
	w.Floats(o.v)
	return w.Bytes(), nil
}

// UnmarshalBinary replaces the step count and the moments with those in
// data, which MarshalBinary wrote. If data is not such a state it returns
// an error wrapping optim.ErrState and changes nothing.
func (o *AdaHessian) UnmarshalBinary(data []byte) error {
	r, err := optim.NewStateReader("newton.AdaHessian", data)
	if err != nil {
		return fmt.Errorf("newton: AdaHessian.UnmarshalBinary: %w", err)
	}
	t := r.Int("step count")
	r.Check(t >= 0, "step count %d is negative", t)
	m, v := r.Floats("first moment"), r.Floats("second moment")
	r.Check(len(m) == len(v), "moments of %d and %d values", len(m), len(v))
	if err := r.Err(); err != nil {
		return fmt.Errorf("newton: AdaHessian.UnmarshalBinary: %w", err)
	}
	o.t, o.m, o.v = int(t), m, v
	return nil
}
