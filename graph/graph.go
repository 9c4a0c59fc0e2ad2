package graph

import "fmt"

// Kind says how a node came to be: as an input of the graph (a constant or a
// parameter) or as the result of an op.
type Kind uint8

const (
	// Computed nodes are made by an op from other nodes.
	Computed Kind = iota
	// Constant nodes are inputs that carry no gradient.
	Constant
	// Parameter nodes are inputs that gradients can be taken with respect to.
	Parameter
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case Constant:
		return "constant"
	case Parameter:
		return "parameter"
	}
	return "computed"
}

// Op is what a computed node remembers of the operation that made it. The
// graph needs only its name; the package ops attaches derivative rules to it.
type Op interface {
	Name() string
}

// Node is one value on a graph's tape: an input, or the output of an op
// together with the nodes it was computed from.
type Node struct {
	g      *Graph
	id     int
	kind   Kind
	owned  bool // value's buffer came from the graph's pool
	sweep  int
	op     Op
	inputs []*Node
	in     [4]*Node // backing store of inputs for ops of arity up to 4
	value  Matrix
	site   string
}

// Graph returns the graph that n belongs to.
func (n *Node) Graph() *Graph { return n.g }

// ID returns n's position on its graph's tape, counted from 0.
func (n *Node) ID() int { return n.id }

// Kind returns whether n is a constant, a parameter or a computed node.
func (n *Node) Kind() Kind { return n.kind }

// IsInput reports whether n is a constant or a parameter.
func (n *Node) IsInput() bool { return n.kind != Computed }

// Op returns the op that made n, or nil for an input.
func (n *Node) Op() Op { return n.op }

// Inputs returns the nodes that n was computed from, in the op's order.
// The slice must not be modified.
func (n *Node) Inputs() []*Node { return n.inputs }

// Value returns n's value. The matrix is shared, not copied: writing to a
// parameter's value between forward passes is how a model is updated, and
// writing to a computed node's value is never right.
func (n *Node) Value() *Matrix { return &n.value }

// Rows returns the number of rows of n's value.
func (n *Node) Rows() int { return n.value.Rows }

// Cols returns the number of columns of n's value.
func (n *Node) Cols() int { return n.value.Cols }

// Shape returns the dimensions of n's value as text, such as "3x4".
func (n *Node) Shape() string { return n.value.Shape() }

// Scalar returns the single entry of a 1×1 node. It panics if n is not 1×1.
func (n *Node) Scalar() float64 {
	if n.value.Rows != 1 || n.value.Cols != 1 {
		panic(fmt.Sprintf("graph: Scalar: node %d is %s, not 1x1", n.id, n.Shape()))
	}
	return n.value.Data[0]
}

// Sweep returns 0 for a node of the forward pass, and k for a node that the
// k-th recorded derivative sweep added to the graph.
func (n *Node) Sweep() int { return n.sweep }

// Site returns the file and line where n was made, when the graph records
// sites (Options.Sites), and "" otherwise.
func (n *Node) Site() string { return n.site }

// Label returns a short description of n for messages, such as
// "node 7 (Tanh 128x256)".
func (n *Node) Label() string {
	name := n.kind.String()
	if n.op != nil {
		name = n.op.Name()
	}
	if n.site != "" {
		return fmt.Sprintf("node %d (%s %s, %s)", n.id, name, n.Shape(), n.site)
	}
	return fmt.Sprintf("node %d (%s %s)", n.id, name, n.Shape())
}

// String returns n's label.
func (n *Node) String() string { return n.Label() }

// Options configures a graph. The zero value is the fast default.
type Options struct {
	// Sites records, for every node, the file and line of the user's code
	// that made it. It costs a stack walk per node.
	Sites bool
	// Check looks at every value as it is recorded and remembers the first
	// that holds a NaN or an infinity; see Graph.NonFinite.
	Check bool
}

const chunkSize = 256

// Graph is a tape of nodes in the order they were made. It is not safe for
// concurrent use; give each goroutine its own graph.
type Graph struct {
	opts      Options
	chunks    [][]Node
	n         int
	sweep     int
	pool      pool
	nonFinite *NonFiniteError

	sweeps  []int      // the sweep numbers to go back to, innermost last
	end     func()     // endSweep as a func value, made once
	scratch []*Scratch // scratch areas free to borrow
}

// New returns an empty graph with default options.
func New() *Graph { return &Graph{} }

// NewWithOptions returns an empty graph with the given options.
func NewWithOptions(opts Options) *Graph { return &Graph{opts: opts} }

// Options returns the options g was made with.
func (g *Graph) Options() Options { return g.opts }

// Len returns the number of nodes on the tape.
func (g *Graph) Len() int { return g.n }

// Node returns the node at position i of the tape.
func (g *Graph) Node(i int) *Node {
	if i < 0 || i >= g.n {
		panic(fmt.Sprintf("graph: Node: position %d is outside a tape of %d nodes", i, g.n))
	}
	return &g.chunks[i/chunkSize][i%chunkSize]
}

// newNode appends a blank node to the tape.
func (g *Graph) newNode(kind Kind) *Node {
	c := g.n / chunkSize
	if c == len(g.chunks) {
		g.chunks = append(g.chunks, make([]Node, chunkSize))
	}
	n := &g.chunks[c][g.n%chunkSize]
	*n = Node{g: g, id: g.n, kind: kind, sweep: g.sweep}
	g.n++
	if g.opts.Sites {
		n.site = CallerSite()
	}
	return n
}

// Param adds a parameter whose value is m, shared and not copied.
func (g *Graph) Param(m *Matrix) *Node {
	n := g.newNode(Parameter)
	n.value = *m
	return n
}

// Const adds a constant whose value is m, shared and not copied.
func (g *Graph) Const(m *Matrix) *Node {
	n := g.newNode(Constant)
	n.value = *m
	return n
}

// ConstOp adds a constant that an op made from its value m, which must come
// from Alloc. The op is kept for display; the node has no inputs, so no
// derivative flows through it (this is how a stop-gradient is recorded).
func (g *Graph) ConstOp(op Op, m Matrix) *Node {
	n := g.newNode(Constant)
	n.op = op
	n.owned = true
	n.value = m
	g.check(n)
	return n
}

// Scalar adds a 1×1 constant holding v.
func (g *Graph) Scalar(v float64) *Node {
	m := g.Alloc(1, 1)
	m.Data[0] = v
	n := g.newNode(Constant)
	n.value = m
	n.owned = true
	return n
}

// Zeros adds a rows×cols constant of zeros.
func (g *Graph) Zeros(rows, cols int) *Node {
	m := g.Alloc(rows, cols)
	clear(m.Data)
	n := g.newNode(Constant)
	n.value = m
	n.owned = true
	return n
}

// Record adds the output of op, whose value was computed from inputs into a
// matrix from Alloc, and returns its node. The graph takes the matrix's
// buffer. Record panics if an input belongs to another graph.
func (g *Graph) Record(op Op, value Matrix, inputs ...*Node) *Node {
	n := g.newNode(Computed)
	n.op = op
	n.owned = true
	n.value = value
	if len(inputs) <= len(n.in) {
		n.inputs = n.in[:len(inputs)]
	} else {
		n.inputs = make([]*Node, len(inputs))
	}
	for i, in := range inputs {
		if in.g != g {
			panic(&Error{Op: op.Name(), Msg: fmt.Sprintf("input %d belongs to another graph", i),
				Site: CallerSite()})
		}
		n.inputs[i] = in
	}
	g.check(n)
	return n
}

// Record1 is Record for an op of one input, without a variadic slice.
func (g *Graph) Record1(op Op, value Matrix, a *Node) *Node {
	n := g.newNode(Computed)
	n.op = op
	n.owned = true
	n.value = value
	n.in[0] = a
	n.inputs = n.in[:1]
	if a.g != g {
		panic(&Error{Op: op.Name(), Msg: "input 0 belongs to another graph", Site: CallerSite()})
	}
	g.check(n)
	return n
}

// Record2 is Record for an op of two inputs, without a variadic slice.
func (g *Graph) Record2(op Op, value Matrix, a, b *Node) *Node {
	n := g.newNode(Computed)
	n.op = op
	n.owned = true
	n.value = value
	n.in[0], n.in[1] = a, b
	n.inputs = n.in[:2]
	if a.g != g || b.g != g {
		panic(&Error{Op: op.Name(), Msg: "inputs belong to different graphs", Site: CallerSite()})
	}
	g.check(n)
	return n
}

// Alloc returns a rows×cols matrix whose buffer comes from g's pool of
// released buffers. Its entries are not zeroed. The buffer goes back to the
// pool when the node that takes it is released by Truncate or Reset.
func (g *Graph) Alloc(rows, cols int) Matrix {
	return Matrix{Rows: rows, Cols: cols, Data: g.pool.get(rows * cols)}
}

// Free returns a buffer from Alloc that no node took back to the pool.
func (g *Graph) Free(m Matrix) { g.pool.put(m.Data) }

// BeginSweep marks the nodes added from now on as made by a new derivative
// sweep, until the returned function is called.
func (g *Graph) BeginSweep() (end func()) {
	g.sweeps = append(g.sweeps, g.sweep)
	g.sweep = g.maxSweep() + 1
	if g.end == nil {
		// One func value for the graph's life: a closure per sweep would be
		// an allocation per gradient.
		g.end = g.endSweep
	}
	return g.end
}

// endSweep goes back to the sweep number before the innermost BeginSweep.
func (g *Graph) endSweep() {
	k := len(g.sweeps) - 1
	g.sweep = g.sweeps[k]
	g.sweeps = g.sweeps[:k]
}

func (g *Graph) maxSweep() int {
	m := g.sweep
	if g.n > 0 {
		m = max(m, g.Node(g.n-1).sweep)
	}
	return m
}

// Truncate removes the nodes at positions mark and after from the tape and
// returns their buffers to the pool. Nodes removed must no longer be used.
func (g *Graph) Truncate(mark int) {
	for i := mark; i < g.n; i++ {
		n := g.Node(i)
		if n.owned {
			g.pool.put(n.value.Data)
		}
		*n = Node{}
	}
	g.n = min(g.n, mark)
}

// Reset empties the tape, keeping the buffers for reuse by the next
// forward pass. Every node of g is invalid afterwards; the matrices given to
// Param and Const are untouched.
func (g *Graph) Reset() {
	g.Truncate(0)
	g.sweep = 0
	g.sweeps = g.sweeps[:0]
	g.nonFinite = nil
}
