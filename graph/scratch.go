package graph

// This file implements the scratch areas that a derivative sweep borrows
// from its graph: slices indexed by tape position, which would otherwise be
// made anew at every sweep of a training loop.

// Scratch is working memory borrowed from a graph with Borrow and given back
// with Return. Its slices keep their capacity from one borrower to the next.
type Scratch struct {
	nodes [][]*Node
	flags [][]bool
}

// Borrow returns a scratch area of g that no one else holds until it is
// given back with Return. Borrowing again before returning is allowed and
// gives another area.
func (g *Graph) Borrow() *Scratch {
	if k := len(g.scratch); k > 0 {
		s := g.scratch[k-1]
		g.scratch = g.scratch[:k-1]
		return s
	}
	return new(Scratch)
}

// Return gives s back to g. The slices obtained from s must not be used
// afterwards.
func (g *Graph) Return(s *Scratch) {
	for i, ns := range s.nodes {
		clear(ns) // drop references to nodes, for the garbage collector
		s.nodes[i] = ns[:0]
	}
	g.scratch = append(g.scratch, s)
}

// Nodes returns the i-th slice of nodes of s, of length n, all nil.
func (s *Scratch) Nodes(i, n int) []*Node {
	for len(s.nodes) <= i {
		s.nodes = append(s.nodes, nil)
	}
	ns := s.nodes[i]
	if cap(ns) < n {
		ns = make([]*Node, n)
	} else {
		ns = ns[:n]
		clear(ns)
	}
	s.nodes[i] = ns
	return ns
}

// Flags returns the i-th slice of flags of s, of length n, all false.
func (s *Scratch) Flags(i, n int) []bool {
	for len(s.flags) <= i {
		s.flags = append(s.flags, nil)
	}
	fs := s.flags[i]
	if cap(fs) < n {
		fs = make([]bool, n)
	} else {
		fs = fs[:n]
		clear(fs)
	}
	s.flags[i] = fs
	return fs
}
