// This file implements the finite-difference stencils, the comparison of
// an analytic derivative with a numeric one, and the detection of kinks.
//
// A derivative is estimated from a probe φ(h), the function (or its
// gradient) at the inputs moved by h along a direction. The central
// difference (φ(h) − φ(−h)) / 2h has error O(h²); the five-point stencil
// (−φ(2h) + 8φ(h) − 8φ(−h) + φ(−2h)) / 12h has error O(h⁴). The one-sided
// differences (φ(h) − φ(0)) / h and (φ(0) − φ(−h)) / h come for free from
// the same values. Where the function is smooth they agree to O(h); where
// the stencil crosses a kink, such as relu or abs at 0, they differ by the
// jump in slope, which does not shrink with h. An entry that fails the
// tolerance, whose one-sided slopes differ by much more than the tolerance,
// and whose analytic value lies between them, is reported as a kink and
// not failed: the analytic derivative there is one valid choice of
// subgradient, and finite differences cannot judge it.

package gradcheck

import (
	"math"
	"sort"

	"github.com/hessgo/hessgo/graph"
)

// stencil holds the numeric derivative of a probe by the chosen stencil
// and by the two one-sided differences.
type stencil struct {
	central, fwd, bwd []float64
}

// diff returns the derivatives at 0 of the probe phi, which returns a new
// slice each call; at0 is phi(0).
func (c *checker) diff(phi func(h float64) []float64, at0 []float64) stencil {
	h := c.o.Eps
	p, m := phi(h), phi(-h)
	s := stencil{central: make([]float64, len(at0)), fwd: make([]float64, len(at0)),
		bwd: make([]float64, len(at0))}
	var p2, m2 []float64
	if c.o.FivePoint {
		p2, m2 = phi(2*h), phi(-2*h)
	}
	for i := range at0 {
		s.fwd[i] = (p[i] - at0[i]) / h
		s.bwd[i] = (at0[i] - m[i]) / h
		if c.o.FivePoint {
			s.central[i] = (-p2[i] + 8*p[i] - 8*m[i] + m2[i]) / (12 * h)
		} else {
			s.central[i] = (p[i] - m[i]) / (2 * h)
		}
	}
	return s
}

// tol returns the tolerance for a numeric value n, or for a sum whose
// terms add up to scale in absolute value, whichever is larger.
func (c *checker) tol(n, scale float64) float64 {
	return c.o.Atol + c.o.Rtol*math.Max(math.Abs(n), scale)
}

// isKink reports whether an entry that failed its tolerance sits where the
// stencil crosses a kink (see the top of this file).
func (c *checker) isKink(a, fwd, bwd float64) bool {
	jump := math.Abs(fwd - bwd)
	if jump <= 10*c.tol(math.Max(math.Abs(fwd), math.Abs(bwd)), 0) {
		return false
	}
	t := c.tol(math.Max(math.Abs(fwd), math.Abs(bwd)), 0)
	return a >= math.Min(fwd, bwd)-t && a <= math.Max(fwd, bwd)+t
}

// acc gathers the entries of one result.
type acc struct {
	res   Result
	worst []scored
	keep  int
}

type scored struct {
	e     Entry
	ratio float64 // error over tolerance
}

func newAcc(check, input string, m *graph.Matrix, keep int) *acc {
	a := &acc{keep: keep, res: Result{Check: check, Input: input, Pass: true}}
	if m != nil {
		a.res.Shape = m.Shape()
	}
	return a
}

// add compares analytic value a with numeric value n at entry e, with the
// one-sided slopes fwd and bwd for the kink test (NaN to skip it) and
// scale as in tol.
func (c *checker) add(ac *acc, e Entry, a, n, fwd, bwd, scale float64) {
	e.Analytic, e.Numeric, e.AbsErr = a, n, math.Abs(a-n)
	t := c.tol(n, scale)
	ok := e.AbsErr <= t
	if !ok && !math.IsNaN(fwd) && c.isKink(a, fwd, bwd) {
		e.Kink = true
		ac.res.Kinks++
	}
	if !e.Kink {
		ac.res.MaxAbs = math.Max(ac.res.MaxAbs, e.AbsErr)
		ac.res.MaxRel = math.Max(ac.res.MaxRel, relErr(a, n))
		if !ok {
			ac.res.Pass = false
			ac.res.Failed++
		}
	}
	if math.IsNaN(e.AbsErr) {
		ac.res.MaxAbs, ac.res.MaxRel = math.NaN(), math.NaN()
		ac.res.Pass = false
	}
	ac.res.Entries++
	ratio := e.AbsErr / t
	if math.IsNaN(ratio) {
		ratio = math.Inf(1)
	}
	ac.worst = append(ac.worst, scored{e, ratio})
	if len(ac.worst) > 4*ac.keep {
		ac.trim()
	}
}

// trim keeps the entries of largest error over tolerance, worst first.
func (ac *acc) trim() {
	sort.SliceStable(ac.worst, func(i, j int) bool { return ac.worst[i].ratio > ac.worst[j].ratio })
	if len(ac.worst) > ac.keep {
		ac.worst = ac.worst[:ac.keep]
	}
}

// done returns the result with its worst entries.
func (ac *acc) done() Result {
	ac.trim()
	for _, s := range ac.worst {
		ac.res.Worst = append(ac.res.Worst, s.e)
	}
	return ac.res
}

// relErr returns |a − n| / max(|a|, |n|), or 0 when both are 0.
func relErr(a, n float64) float64 {
	d := math.Abs(a - n)
	if d == 0 {
		return 0
	}
	return d / math.Max(math.Abs(a), math.Abs(n))
}

// entry returns the Entry for index i of m.
func entry(m *graph.Matrix, i int) Entry {
	return Entry{Index: i, Row: i / m.Cols, Col: i % m.Cols}
}
