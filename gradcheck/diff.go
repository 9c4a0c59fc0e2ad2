// This file implements the finite-difference stencils, the comparison of
// an analytic derivative with a numeric one, and the detection of kinks.
//
// A derivative is estimated from a probe φ(h), the function (or its
// gradient) at the inputs moved by h along a direction. The central
// difference (φ(h) − φ(−h)) / 2h has error O(h²); the five-point stencil
// (−φ(2h) + 8φ(h) − 8φ(−h) + φ(−2h)) / 12h has error O(h⁴). The one-sided
// differences (φ(h) − φ(0)) / h and (φ(0) − φ(−h)) / h come for free from
// the same values. Where the function is smooth they agree to O(h), and
// their gap grows in proportion to h. Where the stencil crosses a kink,
// such as relu or abs at 0, the gap is the jump in slope, which does not
// shrink with h; where it crosses a jump in value, such as the derivative
// of abs at 0 (met by the HVP check), the gap grows like 1/h. Comparing
// the gaps at steps h and 2h tells the cases apart. An entry that fails
// the tolerance where the function is not smooth is reported as a kink and
// not failed: finite differences cannot judge a derivative there.

package gradcheck

import (
	"math"
	"sort"

	"github.com/hessgo/hessgo/graph"
)

// stencil holds the numeric derivative of a probe by the chosen stencil,
// the one-sided differences at steps h and 2h, and the size of the
// rounding error in the differences at step h.
type stencil struct {
	central, fwd, bwd, fwd2, bwd2, noise []float64
}

// diff returns the derivatives at 0 of the probe phi, which returns a new
// slice each call; at0 is phi(0).
func (c *checker) diff(phi func(h float64) []float64, at0 []float64) stencil {
	h := c.o.Eps
	p, m, p2, m2 := phi(h), phi(-h), phi(2*h), phi(-2*h)
	n := len(at0)
	s := stencil{central: make([]float64, n), fwd: make([]float64, n), bwd: make([]float64, n),
		fwd2: make([]float64, n), bwd2: make([]float64, n), noise: make([]float64, n)}
	for i := range at0 {
		s.fwd[i] = (p[i] - at0[i]) / h
		s.bwd[i] = (at0[i] - m[i]) / h
		s.fwd2[i] = (p2[i] - at0[i]) / (2 * h)
		s.bwd2[i] = (at0[i] - m2[i]) / (2 * h)
		big := math.Max(math.Abs(at0[i]), math.Max(math.Abs(p[i]), math.Abs(m[i])))
		s.noise[i] = 0x1p-52 * big / h
		if c.o.FivePoint {
			s.central[i] = (-p2[i] + 8*p[i] - 8*m[i] + m2[i]) / (12 * h)
		} else {
			s.central[i] = (p[i] - m[i]) / (2 * h)
		}
	}
	return s
}

// probe is one numeric derivative n with the values that judge whether
// the stencil crossed a point where the function is not smooth. A probe
// with NaN fwd is not judged.
type probe struct {
	n, fwd, bwd, fwd2, bwd2, noise float64
}

// at returns the probe of entry i.
func (s stencil) at(i int) probe {
	return probe{s.central[i], s.fwd[i], s.bwd[i], s.fwd2[i], s.bwd2[i], s.noise[i]}
}

// project returns the probe of the sum Σ uᵢ sᵢ over a block of the
// stencil that starts at off.
func (s stencil) project(u []float64, off int) probe {
	var p probe
	for i, ui := range u {
		j := off + i
		p.n += ui * s.central[j]
		p.fwd += ui * s.fwd[j]
		p.bwd += ui * s.bwd[j]
		p.fwd2 += ui * s.fwd2[j]
		p.bwd2 += ui * s.bwd2[j]
		p.noise += math.Abs(ui) * s.noise[j]
	}
	return p
}

// tol returns the tolerance for a numeric value n, or for a sum whose
// terms add up to scale in absolute value, whichever is larger.
func (c *checker) tol(n, scale float64) float64 {
	return c.o.Atol + c.o.Rtol*math.Max(math.Abs(n), scale)
}

// isKink reports whether an entry that failed its tolerance sits where the
// stencil crosses a point where the function is not smooth (see the top of
// this file). The gap between the one-sided slopes, J(h) = fwd − bwd, must
// be well above the tolerance and the rounding error, and must not grow
// like h: where the function is smooth, J(h) = h f″ + O(h³), so
// J(2h) = 2 J(h) to rounding, while across a kink J(2h) = J(h) and across a
// jump in value J(2h) = J(h) / 2. A jump placed evenly about the point
// leaves J at 0, but then the central differences at h and 2h, which agree
// to O(h²) where the function is smooth, differ by a factor of 2.
func (c *checker) isKink(p probe) bool {
	if math.IsNaN(p.fwd) {
		return false
	}
	j1, j2 := p.fwd-p.bwd, p.fwd2-p.bwd2
	c1, c2 := (p.fwd+p.bwd)/2, (p.fwd2+p.bwd2)/2
	floor := math.Max(10*c.tol(math.Max(math.Abs(p.fwd), math.Abs(p.bwd)), 0), 100*p.noise)
	slopeJump := math.Abs(j1) > floor && math.Abs(j2-2*j1) > 0.5*math.Abs(j1)
	valueJump := math.Abs(c1-c2) > floor
	return slopeJump || valueJump
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
	if !ok && c.isKink(p) {
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
