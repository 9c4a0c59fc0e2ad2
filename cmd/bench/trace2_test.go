package main

import (
	"fmt"
	"testing"

	"github.com/hessgo/hessgo/autodiff"
)

func TestTraceOps(t *testing.T) {
	p := newProblem([]int{784, 256, 256, 10}, 128)
	g := p.g
	m0 := g.Len()
	gs := autodiff.RecordGrad(p.loss(), p.ps...)
	m1 := g.Len()
	for k, m := range p.v {
		p.vs[k] = g.Const(m)
	}
	autodiff.RecordJVP(gs, p.ps, p.vs)
	m2 := g.Len()
	for i := m0; i < m2; i++ {
		n := g.Node(i)
		ph := "grad"
		if i >= m1 {
			ph = "jvp"
		}
		name := "input"
		if n.Op() != nil {
			name = n.Op().Name()
		}
		ins := ""
		for _, in := range n.Inputs() {
			ins += " " + in.Shape()
		}
		fmt.Printf("%s %s %s <-%s\n", ph, name, n.Shape(), ins)
	}
}
