package graph

import (
	"bufio"
	"fmt"
	"io"
)

// WriteDOT writes g in Graphviz's DOT language: one box per node with its
// op's name and shape, an edge from each input to the node made from it.
// Parameters are drawn as double boxes and constants as plain ellipses;
// the nodes added by each derivative sweep are grouped in a cluster of their
// own, so the first- and second-order parts of a graph can be told apart.
func WriteDOT(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph hessgo {")
	fmt.Fprintln(bw, "\trankdir=TB;")
	fmt.Fprintln(bw, "\tnode [fontname=\"Helvetica\", fontsize=10];")
	sweeps := 0
	for i := 0; i < g.Len(); i++ {
		sweeps = max(sweeps, g.Node(i).sweep)
	}
	for s := 0; s <= sweeps; s++ {
		if s > 0 {
			fmt.Fprintf(bw, "\tsubgraph cluster_sweep%d {\n\t\tlabel=\"derivative sweep %d\";\n", s, s)
		}
		for i := 0; i < g.Len(); i++ {
			if n := g.Node(i); n.sweep == s {
				writeDOTNode(bw, n)
			}
		}
		if s > 0 {
			fmt.Fprintln(bw, "\t}")
		}
	}
	for i := 0; i < g.Len(); i++ {
		n := g.Node(i)
		for _, in := range n.inputs {
			fmt.Fprintf(bw, "\tn%d -> n%d;\n", in.id, n.id)
		}
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

func writeDOTNode(w io.Writer, n *Node) {
	label, shape := n.kind.String(), "box"
	switch {
	case n.op != nil:
		label = n.op.Name()
	case n.kind == Parameter:
		shape = "box, peripheries=2"
	case n.kind == Constant:
		shape = "ellipse"
	}
	fmt.Fprintf(w, "\tn%d [label=\"%s\\n%s\\n#%d\", shape=%s];\n", n.id, label, n.Shape(), n.id, shape)
}
