package autodiff

// This file holds the two sweeps over the tape. The reverse sweep walks the
// tape backwards from the output, asking each node's rule for the
// vector-Jacobian product of the cotangent that has reached it and adding
// the results into the cotangents of its inputs. The forward sweep walks the
// tape forwards from the inputs, asking each node's rule for the
// Jacobian-vector product of its inputs' tangents. Both build their results
// with ops, so what they return can be differentiated again.
//
// Only nodes that lie between the inputs asked for and the outputs are
// visited: a node is skipped unless it depends on one of the inputs, which
// one pass over the tape finds, and unless a cotangent (or tangent) has
// reached it. Slices indexed by tape position replace maps throughout.

import (
	"fmt"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// dependents marks, in dep, the nodes up to position end that depend on one
// of xs, and returns the lowest position of an x.
func dependents(g *graph.Graph, xs []*graph.Node, dep []bool, end int) (lo int) {
	lo = end
	for _, x := range xs {
		if x.ID() < end {
			dep[x.ID()] = true
			lo = min(lo, x.ID())
		}
	}
	for i := lo; i < end; i++ {
		n := g.Node(i)
		for _, in := range n.Inputs() {
			if dep[in.ID()] {
				dep[i] = true
				break
			}
		}
	}
	return lo
}

// maxArity is the number of inputs up to which a sweep passes the rules
// slices it reuses; an op of more inputs gets slices of its own.
const maxArity = 4

// ancestors sets need[i] for each node of ys and, walking back from them,
// for the inputs of every node at position lo or above that depends on the
// inputs (dep), and returns need. The nodes with both flags are those the
// outputs' tangents come from; the forward sweep computes tangents for them
// alone, so that the other dependents on the tape, such as the loss beside
// a recorded gradient or the derivatives taken before, cost nothing.
func ancestors(g *graph.Graph, ys []*graph.Node, dep, need []bool, lo int) []bool {
	for _, y := range ys {
		need[y.ID()] = true
	}
	for i := len(need) - 1; i >= lo; i-- {
		if !need[i] || !dep[i] {
			continue
		}
		for _, in := range g.Node(i).Inputs() {
			need[in.ID()] = true
		}
	}
	return need
}

// reverse records the reverse sweep from y, seeded with the cotangent cot
// of y's shape, and sets out[k] to the cotangent of xs[k] (nil where zero).
// The slices indexed by tape position are borrowed from the graph.
func reverse(y, cot *graph.Node, xs, out []*graph.Node) {
	g := y.Graph()
	end := y.ID() + 1
	s := g.Borrow()
	defer g.Return(s)
	dep := s.Flags(0, end)
	lo := dependents(g, xs, dep, end)
	cots := s.Nodes(0, end)
	if dep[y.ID()] {
		cots[y.ID()] = cot
	}
	// The rules' argument slices come from the scratch area too: passed to
	// an interface method, arrays on the stack would escape to the heap.
	need, grads := s.Flags(1, maxArity), s.Nodes(1, maxArity)
	for i := end - 1; i > lo; i-- {
		c := cots[i]
		if c == nil {
			continue
		}
		n := g.Node(i)
		if n.IsInput() {
			continue
		}
		ins := n.Inputs()
		nd, gr := need[:0], grads[:0]
		if len(ins) > len(need) {
			nd, gr = make([]bool, 0, len(ins)), make([]*graph.Node, 0, len(ins))
		}
		for _, in := range ins {
			nd = append(nd, dep[in.ID()])
			gr = append(gr, nil)
		}
		ruleOf(n).VJP(n, c, nd, gr)
		for k, in := range ins {
			if gr[k] == nil || !nd[k] {
				continue
			}
			checkShape("VJP", n, k, gr[k], in)
			if prev := cots[in.ID()]; prev != nil {
				cots[in.ID()] = ops.Add(prev, gr[k])
			} else {
				cots[in.ID()] = gr[k]
			}
		}
		cots[i] = nil // no longer needed: frees the slot for the garbage collector
	}
	for k, x := range xs {
		out[k] = nil
		if x.ID() < end {
			out[k] = cots[x.ID()]
		}
	}
}

// forward records the forward sweep from xs with their tangents and sets
// out[k] to the tangent of ys[k] (nil where zero).
func forward(ys, xs, tangents, out []*graph.Node) {
	g := ys[0].Graph()
	end := 0
	for _, y := range ys {
		end = max(end, y.ID()+1)
	}
	s := g.Borrow()
	defer g.Return(s)
	dep := s.Flags(0, end)
	lo := dependents(g, xs, dep, end)
	need := ancestors(g, ys, dep, s.Flags(1, end), lo)
	tans := s.Nodes(0, end)
	for k, x := range xs {
		if x.ID() < end {
			tans[x.ID()] = tangents[k]
		}
	}
	ts := s.Nodes(1, maxArity)
	for i := lo; i < end; i++ {
		n := g.Node(i)
		if !dep[i] || !need[i] || n.IsInput() {
			continue
		}
		ins := n.Inputs()
		t := ts[:0]
		if len(ins) > len(ts) {
			t = make([]*graph.Node, 0, len(ins))
		}
		any := false
		for _, in := range ins {
			t = append(t, tans[in.ID()])
			any = any || tans[in.ID()] != nil
		}
		if !any {
			continue
		}
		if tn := ruleOf(n).JVP(n, t); tn != nil {
			checkShape("JVP", n, -1, tn, n)
			tans[i] = tn
		}
	}
	for k, y := range ys {
		out[k] = tans[y.ID()]
	}
}

// ruleOf returns the derivative rules of n's op, and panics if it has none.
func ruleOf(n *graph.Node) ops.Rule {
	r, ok := n.Op().(ops.Rule)
	if !ok {
		panic(&Error{Func: "sweep", Msg: fmt.Sprintf("%s has no derivative rules", n.Label())})
	}
	return r
}

// checkShape panics if a rule returned a result of the wrong shape: a bug
// in the rule, reported where it can be found.
func checkShape(kind string, n *graph.Node, input int, got, want *graph.Node) {
	if got.Rows() == want.Rows() && got.Cols() == want.Cols() {
		return
	}
	panic(&Error{Func: kind, Msg: fmt.Sprintf("rule of %s returned %s for input %d of shape %s",
		n.Label(), got.Shape(), input, want.Shape())})
}
