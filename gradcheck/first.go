// This file implements the first-order checks: the gradient entry by entry,
// its projections in fast mode, the Taylor test, and the repeat check.

package gradcheck

import (
	"fmt"
	"math"

	"github.com/hessgo/hessgo/graph"
)

// checkGrad compares every entry of the gradient with the derivative of f
// along that entry's axis.
func (c *checker) checkGrad() {
	f0 := []float64{c.rep.Value}
	for k, x := range c.x {
		ac := newAcc(CheckGrad, c.rep.Names[k], x, c.o.Worst)
		for i := range x.Data {
			s := c.diff(func(h float64) []float64 {
				x.Data[i] = c.orig[k].Data[i] + h
				defer func() { x.Data[i] = c.orig[k].Data[i] }()
				return []float64{c.value()}
			}, f0)
			c.add(ac, entry(x, i), c.rep.Grad[k].Data[i], s.at(0), 0)
		}
		c.rep.Results = append(c.rep.Results, ac.done())
	}
}

// checkGradProjected compares, for each input, ∇ₖf · v with the derivative
// of f along a random v that moves that input alone.
func (c *checker) checkGradProjected() {
	f0 := []float64{c.rep.Value}
	for k, x := range c.x {
		ac := newAcc(CheckGradProj, c.rep.Names[k], x, c.o.Worst)
		v := make([]*graph.Matrix, len(c.x))
		v[k] = c.random()[k]
		s := c.diff(func(h float64) []float64 {
			c.moveTo(h, v)
			defer c.restore()
			return []float64{c.value()}
		}, f0)
		g := c.rep.Grad[k].Data
		a := dot(g, v[k].Data)
		c.add(ac, Entry{Index: -1}, a, s.at(0), absDot(g, v[k].Data))
		c.rep.Results = append(c.rep.Results, ac.done())
	}
}

// taylorSteps are the steps of the Taylor test: 1e-3 halved seven times.
var taylorSteps = func() []float64 {
	hs := make([]float64, 8)
	for i := range hs {
		hs[i] = 1e-3 / math.Exp2(float64(i))
	}
	return hs
}()

// checkTaylor checks that the remainder r(h) = |f(x + h d) − f(x) − h ∇f·d|
// of the first-order expansion shrinks like h² along a random d: the slope
// of log r against log h is near 2 for a right gradient and near 1 for a
// wrong one. Remainders at the level of rounding are left out of the fit.
func (c *checker) checkTaylor() {
	d := c.random()
	f0 := c.rep.Value
	gd := dot(flatten(c.rep.Grad), flatten(d))
	var lh, lr []float64
	for _, h := range taylorSteps {
		c.moveTo(h, d)
		fh := c.value()
		c.restore()
		r := math.Abs(fh - f0 - h*gd)
		floor := 1e3 * 0x1p-52 * (math.Abs(f0) + math.Abs(fh) + h*math.Abs(gd))
		if r > floor {
			lh, lr = append(lh, math.Log(h)), append(lr, math.Log(r))
		}
	}

	res := Result{Check: CheckTaylor, Input: "all", Pass: true, Entries: len(taylorSteps)}
	switch {
	case len(lh) < 3:
		res.Note = "remainder at rounding level"
	default:
		res.Slope = slope(lh, lr)
		res.Note = fmt.Sprintf("slope %.2f", res.Slope)
		res.Pass = res.Slope >= 1.8
		if math.IsNaN(res.Slope) {
			res.Pass = false
		}
		if !res.Pass && c.kinks() > 0 {
			res.Pass = true
			res.Note += ", kinks: not judged"
		}
	}
	c.rep.Results = append(c.rep.Results, res)
}

// kinks returns the number of entries found on a kink so far.
func (c *checker) kinks() int {
	n := 0
	for _, r := range c.rep.Results {
		n += r.Kinks
	}
	return n
}

// slope returns the least-squares slope of y against x.
func slope(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(x))
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	return sxy / sxx
}

// checkRepeat computes the value and gradient again and checks that they
// are the same bit for bit, and that f left its inputs as they were.
func (c *checker) checkRepeat() {
	res := Result{Check: CheckRepeat, Input: "all", Pass: true, Note: "bit-identical"}
	v := c.value()
	g := c.grad()
	same := math.Float64bits(v) == math.Float64bits(c.rep.Value)
	for k := range g {
		same = same && bitEqual(g[k], c.rep.Grad[k])
	}
	if !same {
		res.Pass, res.Note = false, "value or gradient differs between two runs"
	}
	for k, x := range c.x {
		if !bitEqual(x, c.orig[k]) {
			res.Pass, res.Note = false, fmt.Sprintf("the function wrote to input %s", c.rep.Names[k])
		}
	}
	c.rep.Results = append(c.rep.Results, res)
}

func bitEqual(a, b *graph.Matrix) bool {
	if !a.SameShape(b) {
		return false
	}
	for i := range a.Data {
		if math.Float64bits(a.Data[i]) != math.Float64bits(b.Data[i]) {
			return false
		}
	}
	return true
}
