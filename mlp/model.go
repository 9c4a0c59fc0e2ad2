// This file defines Model, the interface that training, saving and the
// Hessian tools ask of a model, and the flat view of its parameters.

package mlp

import (
	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/optim"
)

// Model is a differentiable function of named parameter matrices with a
// loss on a batch of data. The MLP of this package is one; any model built
// from the ops can be another, and then trains with Train, saves with Save
// and gives Hessian-vector products through Hessian.
type Model interface {
	// Params returns the parameter matrices, in a fixed order. Training
	// updates them in place, so each call must return the same matrices.
	Params() []*graph.Matrix

	// ParamNames returns one distinct, non-empty name for each parameter,
	// in the order of Params.
	ParamNames() []string

	// Loss records on g the 1×1 mean loss of the model on batch, where
	// params[k] is a parameter node whose value is Params()[k]. It must
	// read the parameters only through params, so that derivatives with
	// respect to them are right.
	Loss(g *graph.Graph, params []*graph.Node, batch *dataset.Set) *graph.Node
}

// DataChecker is implemented by a model that can tell, before training,
// whether a data set fits it. Train calls CheckData first when the model
// has it.
type DataChecker interface {
	// CheckData returns an error wrapping ErrData when data does not fit
	// the model, and nil otherwise.
	CheckData(data *dataset.Set) error
}

// Describer is implemented by a model that describes its architecture in
// words. Save stores the description as metadata, and Load refuses a file
// whose metadata give another value for one of its keys.
type Describer interface {
	Metadata() map[string]string
}

// NumParams returns the number of scalar parameters of m, the length of
// its flat vector.
func NumParams(m Model) int {
	n := 0
	for _, p := range m.Params() {
		n += len(p.Data)
	}
	return n
}

// Flat returns the parameters of m as one new vector: the entries of each
// parameter matrix in row-major order, the matrices in the order of Params.
// For an MLP that is W₀, b₀, W₁, b₁, and so on.
func Flat(m Model) []float64 {
	return FlatInto(make([]float64, NumParams(m)), m)
}

// FlatInto copies the parameters of m into dst in the order of Flat and
// returns dst. It panics with an *Error if dst does not have length
// NumParams(m).
func FlatInto(dst []float64, m Model) []float64 {
	ps := m.Params()
	checkFlat("FlatInto", dst, ps)
	off := 0
	for _, p := range ps {
		off += copy(dst[off:], p.Data)
	}
	return dst
}

// SetFlat copies v, in the order of Flat, into the parameters of m. It
// panics with an *Error if v does not have length NumParams(m).
func SetFlat(m Model, v []float64) {
	ps := m.Params()
	checkFlat("SetFlat", v, ps)
	off := 0
	for _, p := range ps {
		off += copy(p.Data, v[off:])
	}
}

// Split returns v cut into matrices shaped like ps, sharing v's memory:
// the inverse of Flat for a vector of the same layout. It panics with an
// *Error if v's length is not the number of entries of ps.
func Split(v []float64, ps []*graph.Matrix) []*graph.Matrix {
	checkFlat("Split", v, ps)
	out := make([]*graph.Matrix, len(ps))
	off := 0
	for k, p := range ps {
		n := len(p.Data)
		out[k] = &graph.Matrix{Rows: p.Rows, Cols: p.Cols, Data: v[off : off+n : off+n]}
		off += n
	}
	return out
}

func checkFlat(fn string, v []float64, ps []*graph.Matrix) {
	n := 0
	for _, p := range ps {
		n += len(p.Data)
	}
	if len(v) != n {
		fail(fn, "vector of length %d for %d parameters", len(v), n)
	}
}

// Objective returns the loss of m on batch as a function of its
// parameters, in the form the optimisers of the package optim take. The
// batch is read when the objective runs, not copied.
func Objective(m Model, batch *dataset.Set) optim.Objective {
	return func(g *graph.Graph, params []*graph.Node) *graph.Node {
		return m.Loss(g, params, batch)
	}
}

// ParamNodes adds one parameter node to g for each parameter of m, in the
// order of Params, sharing the matrices, and returns them: the nodes that
// m.Loss takes and that derivatives are taken with respect to.
func ParamNodes(g *graph.Graph, m Model) []*graph.Node {
	ps := m.Params()
	nodes := make([]*graph.Node, len(ps))
	for k, p := range ps {
		nodes[k] = g.Param(p)
	}
	return nodes
}

// Param returns the parameter of m named name, and false if m has none.
func Param(m Model, name string) (*graph.Matrix, bool) {
	for k, n := range m.ParamNames() {
		if n == name {
			return m.Params()[k], true
		}
	}
	return nil, false
}
