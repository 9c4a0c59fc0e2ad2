// This file defines the workloads: a tanh MLP with an identity output layer
// and a mean-squared-error loss, its gradient, its Hessian-vector products,
// its full Hessian and power iteration on its Hessian.

package main

import (
	"math"
	"math/rand/v2"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/internal/kernel"
	"github.com/hessgo/hessgo/ops"
)

// workload is one named benchmark. setup builds its problem and returns one
// iteration; rev selects the reverse-over-reverse HVP route.
type workload struct {
	name  string
	hvp   bool
	setup func(rev bool) func()
}

var workloads = []workload{
	{"mlp-grad", false, gradStep([]int{784, 256, 256, 10}, 128)},
	{"mlp-hvp", true, hvpStep([]int{784, 256, 256, 10}, 128)},
	{"mlp-wide-grad", false, gradStep([]int{784, 1024, 1024, 10}, 512)},
	{"mlp-small-grad", false, gradStep([]int{2, 16, 16, 1}, 32)},
	{"mlp-small-hvp", true, hvpStep([]int{2, 16, 16, 1}, 32)},
	{"hessian-full", true, hessianStep([]int{4, 16, 1}, 64)},
	{"top-eigen", true, eigenStep([]int{784, 256, 256, 10}, 128, 20)},
}

const seed = 1

// problem is an MLP with its data, a direction for HVPs, a graph, and
// gradient matrices kept across iterations.
type problem struct {
	g      *graph.Graph
	params []*graph.Matrix // W₀, b₀, W₁, b₁, …
	x, y   *graph.Matrix
	v      []*graph.Matrix
	out    []*graph.Matrix // results, one per parameter
	ps     []*graph.Node
}

func newProblem(sizes []int, batch int) *problem {
	r := rand.New(rand.NewPCG(seed, seed))
	p := &problem{g: graph.New()}
	for l := 0; l+1 < len(sizes); l++ {
		in, out := sizes[l], sizes[l+1]
		bound := 1 / math.Sqrt(float64(in))
		p.params = append(p.params, uniform(r, in, out, bound), uniform(r, 1, out, bound))
	}
	p.x = normal(r, batch, sizes[0])
	p.y = normal(r, batch, sizes[len(sizes)-1])
	for _, m := range p.params {
		p.v = append(p.v, normal(r, m.Rows, m.Cols))
		p.out = append(p.out, graph.NewMatrix(m.Rows, m.Cols, nil))
	}
	p.ps = make([]*graph.Node, len(p.params))
	return p
}

func uniform(r *rand.Rand, rows, cols int, bound float64) *graph.Matrix {
	m := graph.NewMatrix(rows, cols, nil)
	for i := range m.Data {
		m.Data[i] = (2*r.Float64() - 1) * bound
	}
	return m
}

func normal(r *rand.Rand, rows, cols int) *graph.Matrix {
	m := graph.NewMatrix(rows, cols, nil)
	for i := range m.Data {
		m.Data[i] = r.NormFloat64()
	}
	return m
}

// loss empties the graph and records the forward pass:
//
//	z = a W + b,  a = tanh z on hidden layers, identity on the last;
//	loss = mean((a_L - y)²).
func (p *problem) loss() *graph.Node {
	g := p.g
	g.Reset()
	for k, m := range p.params {
		p.ps[k] = g.Param(m)
	}
	a := g.Const(p.x)
	layers := len(p.params) / 2
	for l := range layers {
		z := ops.Add(ops.MatMul(a, p.ps[2*l]), p.ps[2*l+1])
		if l < layers-1 {
			z = ops.Tanh(z)
		}
		a = z
	}
	return ops.MSE(a, g.Const(p.y))
}

// hvpInto writes H q into p.out, given the recorded gradient gs, and takes
// the product's nodes off the graph again.
func (p *problem) hvpInto(gs []*graph.Node, q []*graph.Matrix, rev bool) {
	if !rev {
		autodiff.JVPInto(p.out, gs, p.ps, q)
		return
	}
	g := p.g
	mark := g.Len()
	var dot *graph.Node
	for k, gk := range gs {
		d := ops.Dot(gk, g.Const(q[k]))
		if dot == nil {
			dot = d
		} else {
			dot = ops.Add(dot, d)
		}
	}
	autodiff.GradInto(p.out, dot, p.ps...)
	g.Truncate(mark)
}

func gradStep(sizes []int, batch int) func(bool) func() {
	return func(bool) func() {
		p := newProblem(sizes, batch)
		return func() {
			loss := p.loss()
			autodiff.GradInto(p.out, loss, p.ps...)
		}
	}
}

func hvpStep(sizes []int, batch int) func(bool) func() {
	return func(rev bool) func() {
		p := newProblem(sizes, batch)
		return func() {
			gs := autodiff.RecordGrad(p.loss(), p.ps...)
			p.hvpInto(gs, p.v, rev)
		}
	}
}

// hessianStep computes the full Hessian as one HVP per unit vector.
func hessianStep(sizes []int, batch int) func(bool) func() {
	return func(rev bool) func() {
		p := newProblem(sizes, batch)
		dim := 0
		for _, m := range p.params {
			dim += m.Len()
		}
		h := make([]float64, dim*dim)
		unit := make([]*graph.Matrix, len(p.params))
		for k, m := range p.params {
			unit[k] = graph.NewMatrix(m.Rows, m.Cols, nil)
		}
		return func() {
			gs := autodiff.RecordGrad(p.loss(), p.ps...)
			col := 0
			for k := range unit {
				for i := range unit[k].Data {
					unit[k].Data[i] = 1
					p.hvpInto(gs, unit, rev)
					unit[k].Data[i] = 0
					flatten(h[col*dim:(col+1)*dim], p.out)
					col++
				}
			}
		}
	}
}

// eigenStep runs power iteration for the largest Hessian eigenvalue on one
// recorded gradient graph.
func eigenStep(sizes []int, batch, iters int) func(bool) func() {
	return func(rev bool) func() {
		p := newProblem(sizes, batch)
		q := make([]*graph.Matrix, len(p.v))
		for k, m := range p.v {
			q[k] = m.Clone()
		}
		return func() {
			gs := autodiff.RecordGrad(p.loss(), p.ps...)
			scaleAll(q, p.v, 1/norm(p.v))
			eig := 0.0
			for range iters {
				p.hvpInto(gs, q, rev)
				eig = dot(p.out, q)
				scaleAll(q, p.out, 1/norm(p.out))
			}
			sink = eig
		}
	}
}

var sink float64

func flatten(dst []float64, ms []*graph.Matrix) {
	off := 0
	for _, m := range ms {
		off += copy(dst[off:], m.Data)
	}
}

func dot(a, b []*graph.Matrix) float64 {
	s := 0.0
	for k := range a {
		s += kernel.Dot(a[k].Data, b[k].Data)
	}
	return s
}

func norm(a []*graph.Matrix) float64 { return math.Sqrt(dot(a, a)) }

func scaleAll(dst, src []*graph.Matrix, c float64) {
	for k := range dst {
		copy(dst[k].Data, src[k].Data)
		kernel.Scal(c, dst[k].Data)
	}
}
