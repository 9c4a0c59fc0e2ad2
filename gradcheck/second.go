// This file implements the second-order checks: Hessian-vector products by
// both routes against finite differences of the analytic gradient, the
// symmetry of the whole Hessian for small inputs, and uᵀ(H v) = vᵀ(H u).

package gradcheck

import (
	"math"

	"github.com/hessgo/hessgo/graph"
)

// checkHVP compares H v, by reverse-over-reverse and by forward-over-reverse,
// with the derivative of the gradient along v, for Options.Directions
// directions v. In fast mode each input's block of H v is compared through
// a random projection u.
func (c *checker) checkHVP() {
	check := [2]string{CheckHVPReverse, CheckHVPForward}
	if c.o.Fast {
		check = [2]string{CheckHVPReverseProj, CheckHVPForwardProj}
	}
	accs := make([][2]*acc, len(c.x))
	for k, x := range c.x {
		for r := range accs[k] {
			accs[k][r] = newAcc(check[r], c.rep.Names[k], x, c.o.Worst)
		}
	}

	g0 := flatten(c.rep.Grad)
	for dir := 0; dir < c.o.Directions; dir++ {
		v := c.random()
		if dir == 0 && c.o.Dir != nil {
			v = cloneAll(c.o.Dir)
		}
		routes := [2][]*graph.Matrix{c.hvpReverse(v), c.hvpForward(v)}
		if dir == 0 {
			c.rep.Dir, c.rep.HVP = v, routes[0]
		}
		s := c.diff(func(h float64) []float64 {
			c.moveTo(h, v)
			defer c.restore()
			return flatten(c.grad())
		}, g0)
		c.compareHVP(accs, routes, s)
	}

	for k := range accs {
		for r := range accs[k] {
			c.rep.Results = append(c.rep.Results, accs[k][r].done())
		}
	}
}

// compareHVP adds the entries of one direction to each input's results.
func (c *checker) compareHVP(accs [][2]*acc, routes [2][]*graph.Matrix, s stencil) {
	off := 0
	for k, x := range c.x {
		n := len(x.Data)
		if c.o.Fast {
			u := c.random()[k].Data
			p := s.project(u, off)
			for r, hv := range routes {
				a := dot(u, hv[k].Data)
				c.add(accs[k][r], Entry{Index: -1}, a, p, absDot(u, s.central[off:off+n]))
			}
			off += n
			continue
		}
		for r, hv := range routes {
			for i := range x.Data {
				c.add(accs[k][r], entry(x, i), hv[k].Data[i], s.at(off+i), 0)
			}
		}
		off += n
	}
}

// checkSymmetry builds the whole Hessian column by column with
// reverse-over-reverse HVPs along the unit vectors, when it has at most
// Options.SymmetryLimit rows, and compares Hᵢⱼ with Hⱼᵢ.
func (c *checker) checkSymmetry() {
	n := 0
	for _, x := range c.x {
		n += len(x.Data)
	}
	if c.o.Fast || n > c.o.SymmetryLimit {
		return
	}

	cols := make([][]float64, n)
	e := zerosLike(c.x)
	j := 0
	for k := range e {
		for i := range e[k].Data {
			e[k].Data[i] = 1
			cols[j] = flatten(c.hvpReverse(e))
			e[k].Data[i] = 0
			j++
		}
	}

	ac := newAcc(CheckSymmetry, "all", graph.NewMatrix(n, n, nil), c.o.Worst)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			hij, hji := cols[j][i], cols[i][j]
			scale := math.Max(math.Abs(hij), math.Abs(hji))
			c.add(ac, Entry{Index: i*n + j, Row: i, Col: j}, hij, unjudged(hji), scale)
		}
	}
	c.rep.Results = append(c.rep.Results, ac.done())
}

// checkTaylorSymmetry checks uᵀ(H v) = vᵀ(H u) for random u and v.
func (c *checker) checkTaylorSymmetry() {
	u, v := c.random(), c.random()
	hu, hv := flatten(c.hvpReverse(u)), flatten(c.hvpReverse(v))
	fu, fv := flatten(u), flatten(v)
	ac := newAcc(CheckUHV, "all", nil, c.o.Worst)
	scale := math.Max(absDot(fu, hv), absDot(fv, hu))
	c.add(ac, Entry{Index: -1}, dot(fu, hv), unjudged(dot(fv, hu)), scale)
	c.rep.Results = append(c.rep.Results, ac.done())
}

func zerosLike(xs []*graph.Matrix) []*graph.Matrix {
	out := make([]*graph.Matrix, len(xs))
	for k, x := range xs {
		out[k] = graph.NewMatrix(x.Rows, x.Cols, nil)
	}
	return out
}

func cloneAll(ms []*graph.Matrix) []*graph.Matrix {
	out := make([]*graph.Matrix, len(ms))
	for k, m := range ms {
		out[k] = m.Clone()
	}
	return out
}
