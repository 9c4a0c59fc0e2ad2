// This file implements the finite-difference stencils, the comparison of
// an analytic derivative with a numeric one, and the detection of kinks.
//
// A derivative is estimated from a probe φ(h), the function (or its
// gradient) at the inputs moved by h along a direction. The central
// difference (φ(h) − φ(−h)) / 2h has error O(h²); the five-point stencil
// (−φ(2h) + 8φ(h) − 8φ(−h) + φ(−2h)) / 12h has error O(h⁴). The one-sided
// differences (φ(h) − φ(0)) / h and (φ(0) − φ(−h)) / h come for free from
// the same values. Where the function is smooth they agree to O(h), and the
// central differences at steps h and 2h agree to O(h²). Where the stencil
// crosses a kink, such as relu or abs at 0, the one-sided slopes differ by
// the jump in slope, which does not shrink with h; where it crosses a jump
// in value, such as the derivative of abs at 0 (met by the HVP check), the
// estimates grow like 1/h, so those at h and 2h disagree. An entry that
// fails the tolerance and shows either sign is reported as a kink and not
// failed: finite differences cannot judge a derivative there, and the
// analytic one is a valid choice of one-sided derivative or subgradient.
// (For the first sign, the analytic value must also lie between the two
// one-sided slopes.)

package gradcheck

import (
	"math"
	"sort"

	"github.com/hessgo/hessgo/graph"
)

// stencil holds the numeric derivative of a probe by the chosen stencil,
// the central difference at twice the step, and the one-sided
// differences.
type stencil struct {
	central, wide, fwd, bwd []float64
}

// diff returns the derivatives at 0 of the probe phi, which returns a new
// slice each call; at0 is phi(0).
func (c *checker) diff(phi func(h float64) []float64, at0 []float64) stencil {
	h := c.o.Eps
	p, m, p2, m2 := phi(h), phi(-h), phi(2*h), phi(-2*h)
	n := len(at0)
	s := stencil{central: make([]float64, n), wide: make([]float64, n),
		fwd: make([]float64, n), bwd: make([]float64, n)}
	for i := range at0 {
		s.fwd[i] = (p[i] - at0[i]) / h
		s.bwd[i] = (at0[i] - m[i]) / h
		s.wide[i] = (p2[i] - m2[i]) / (4 * h)
		if c.o.FivePoint {
			s.central[i] = (-p2[i] + 8*p[i] - 8*m[i] + m2[i]) / (12 * h)
		} else {
			s.central[i] = (p[i] - m[i]) / (2 * h)
		}
	}
	return s
}

// at returns the stencil's values at entry i, for add.
func (s stencil) at(i int) probe {
	return probe{n: s.central[i], wide: s.wide[i], fwd: s.fwd[i], bwd: s.bwd[i]}
}

// probe is one numeric derivative with the values that judge whether the
// stencil crossed a point where the function is not smooth. A probe with
// NaN fwd is not judged.
type probe struct {
	n, wide, fwd, bwd float64
}

// project returns the probe of the sum Σ uᵢ sᵢ over a block of the
// stencil.
func (s stencil) project(u []float64, off int) probe {
	var p probe
	for i, ui := range u {
		p.n += ui * s.central[off+i]
		p.wide += ui * s.wide[off+i]
		p.fwd += ui * s.fwd[off+i]
		p.bwd += ui * s.bwd[off+i]
	}
	return p
}

// tol returns the tolerance for a numeric value n, or for a sum whose
// terms add up to scale in absolute value, whichever is larger.
func (c *checker) tol(n, scale float64) float64 {
	return c.o.Atol + c.o.Rtol*math.Max(math.Abs(n), scale)
}

// isKink reports whether an entry with analytic value a, which failed its
// tolerance, sits where the stencil crosses a point where the function is
// not smooth (see the top of this file): either the one-sided slopes
// differ by much more than the tolerance and a lies between them, or the
// estimates at steps h and 2h disagree by much more than the tolerance,
// as they do where the value jumps or a kink lies inside the stencil.
func (c *checker) isKink(a float64, p probe) bool {
	if math.IsNaN(p.fwd) {
		return false
	}
	t := c.tol(math.Max(math.Abs(p.fwd), math.Abs(p.bwd)), 0)
	if math.Abs(p.n-p.wide) > 10*t {
		return true
	}
	return math.Abs(p.fwd-p.bwd) > 10*t &&
		a >= math.Min(p.fwd, p.bwd)-t && a <= math.Max(p.fwd, p.bwd)+t
}

// unjudged is a probe that is never taken for a kink.
func unjudged(n float64) probe { return probe{n: n, fwd: math.NaN()} }

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

// rank is 0 for an entry outside its tolerance, 1 within it, 2 on a kink.
func (s scored) rank() int {
	switch {
	case s.e.Kink:
		return 2
	case s.ratio > 1:
		return 0
	}
	return 1
}

func newAcc(check, input string, m *graph.Matrix, keep int) *acc {
	a := &acc{keep: keep, res: Result{Check: check, Input: input, Pass: true}}
	if m != nil {
		a.res.Shape = m.Shape()
	}
	return a
}

// add compares analytic value a with the numeric probe p at entry e, with
// scale as in tol.
func (c *checker) add(ac *acc, e Entry, a float64, p probe, scale float64) {
	n := p.n
	e.Analytic, e.Numeric, e.AbsErr = a, n, math.Abs(a-n)
	t := c.tol(n, scale)
	ok := e.AbsErr <= t
	if !ok && c.isKink(a, p) {
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

// trim keeps the worst entries, worst first: those outside the tolerance
// before those within it and those on a kink, each by absolute error.
func (ac *acc) trim() {
	sort.SliceStable(ac.worst, func(i, j int) bool {
		a, b := ac.worst[i], ac.worst[j]
		if ka, kb := a.rank(), b.rank(); ka != kb {
			return ka < kb
		}
		return a.e.AbsErr > b.e.AbsErr || math.IsNaN(a.e.AbsErr) && !math.IsNaN(b.e.AbsErr)
	})
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
