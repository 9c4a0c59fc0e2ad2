// This file implements generalised Gauss-Newton products.
//
// For a loss ℓ(z) of a model's output z(θ), the generalised Gauss-Newton
// matrix G = Jᵀ H_ℓ J drops from the Hessian the terms with second
// derivatives of the model. A product G v takes three steps: the JVP
// u = J v through the model, the product H_ℓ u of the loss alone, and the
// VJP (H_ℓ u)ᵀ J back to the parameters. H_ℓ u is itself a Hessian-vector
// product, of ℓ as a function of z, served by an HVP on a small graph of
// its own whose only parameter is a copy of z.

package hvp

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
	"github.com/hessgo/hessgo/spectral"
)

// Model records a function of the parameters that returns a matrix, such
// as a network's output (predictions or logits) for a batch: given one
// parameter node for each parameter matrix, in order, it records the forward
// pass on g and returns the output node.
type Model func(g *graph.Graph, params []*graph.Node) *graph.Node

// LossKind names a loss of a model's output for Gauss-Newton products.
type LossKind int

const (
	// MSE is the mean squared error over all N entries of the output,
	// ℓ = (1/N) Σ (z − y)², whose Hessian is (2/N) I.
	MSE LossKind = iota + 1
	// SoftmaxCrossEntropy is the mean over the m rows of the output of
	// −log softmax(z)[label], whose Hessian is, per row,
	// (1/m)(diag(p) − p pᵀ) with p = softmax(z).
	SoftmaxCrossEntropy
)

// String returns the loss's name.
func (k LossKind) String() string {
	switch k {
	case MSE:
		return "MSE"
	case SoftmaxCrossEntropy:
		return "SoftmaxCrossEntropy"
	}
	return fmt.Sprintf("LossKind(%d)", int(k))
}

// Loss is a loss of a model's output together with its data.
type Loss struct {
	Kind LossKind

	// Targets holds the targets y of MSE, of the output's shape.
	Targets *graph.Matrix

	// Labels holds the class of each output row for SoftmaxCrossEntropy.
	Labels []int
}

// record adds the loss of z to z's graph, after checking the data against
// z's shape.
func (l Loss) record(fn string, z *graph.Node) *graph.Node {
	switch l.Kind {
	case MSE:
		if l.Targets == nil || l.Targets.Rows != z.Rows() || l.Targets.Cols != z.Cols() {
			fail(fn, "MSE targets are %s, the model's output is %s", shapeOf(l.Targets), z.Shape())
		}
		return ops.MSE(z, z.Graph().Const(l.Targets))
	case SoftmaxCrossEntropy:
		if len(l.Labels) != z.Rows() {
			fail(fn, "%d labels for a model output of %d rows", len(l.Labels), z.Rows())
		}
		for i, c := range l.Labels {
			if c < 0 || c >= z.Cols() {
				fail(fn, "label %d is %d, outside 0..%d", i, c, z.Cols()-1)
			}
		}
		return ops.SoftmaxCrossEntropy(z, l.Labels)
	}
	fail(fn, "unknown loss kind %d", int(l.Kind))
	return nil
}

func shapeOf(m *graph.Matrix) string {
	if m == nil {
		return "nil"
	}
	return m.Shape()
}

// GaussNewton serves products with the generalised Gauss-Newton matrix
// G = Jᵀ H_ℓ J of a loss of a model's output, at the parameter values it
// was built (or last rebuilt) at. Like HVP it records the forward pass once
// and is a spectral.Operator on the flattened parameters. It is not safe for
// concurrent use.
type GaussNewton struct {
	model  Model
	loss   Loss
	params []*graph.Matrix
	g      *graph.Graph
	nodes  []*graph.Node
	out    *graph.Node
	lnode  *graph.Node
	mark   int
	n      int

	z     *graph.Matrix // copy of the output, the parameter of lossH
	hu    *graph.Matrix // H_ℓ J v
	lossH *HVP

	vs, ds []*graph.Matrix
	ts     []*graph.Node
}

// NewGaussNewton records model's forward pass and loss at the current
// values of params and returns a GaussNewton for them. opts selects the
// route of the products with the loss's Hessian. The parameters are wrapped,
// not copied: after changing them, call Rebuild.
//
// NewGaussNewton panics with an *Error if params is empty, if the loss kind
// is unknown, or if its targets or labels do not fit the model's output.
func NewGaussNewton(model Model, loss Loss, params []*graph.Matrix, opts *Options) *GaussNewton {
	var o Options
	if opts != nil {
		o = *opts
	}
	o.Route.resolve("NewGaussNewton")
	gn := &GaussNewton{model: model, loss: loss, params: params, g: graph.New()}
	gn.n = checkParams("NewGaussNewton", params)
	gn.vs, gn.ds = views(params), views(params)
	gn.ts = make([]*graph.Node, len(params))
	gn.record("NewGaussNewton")

	z := gn.out.Value()
	gn.z = graph.NewMatrix(z.Rows, z.Cols, append([]float64(nil), z.Data...))
	gn.hu = graph.NewMatrix(z.Rows, z.Cols, nil)
	lossOfZ := func(g *graph.Graph, p []*graph.Node) *graph.Node {
		return loss.record("NewGaussNewton", p[0])
	}
	gn.lossH = New(lossOfZ, []*graph.Matrix{gn.z}, &o)
	return gn
}

// record records the forward pass and the loss on gn's graph.
func (gn *GaussNewton) record(fn string) {
	g := gn.g
	g.Reset()
	gn.nodes = gn.nodes[:0]
	for _, p := range gn.params {
		gn.nodes = append(gn.nodes, g.Param(p))
	}
	gn.out = gn.model(g, gn.nodes)
	if gn.out.Graph() != g {
		fail(fn, "the model returned %s of another graph", gn.out.Label())
	}
	gn.lnode = gn.loss.record(fn, gn.out)
	gn.mark = g.Len()
}

// Rebuild records the forward pass and the loss again at the current values
// of the parameters. It panics with an *Error if the model's output changed
// shape.
func (gn *GaussNewton) Rebuild() {
	gn.record("GaussNewton.Rebuild")
	z := gn.out.Value()
	if !z.SameShape(gn.z) {
		fail("GaussNewton.Rebuild", "the model's output is %s, it was %s", z.Shape(), gn.z.Shape())
	}
	copy(gn.z.Data, z.Data)
	gn.lossH.Rebuild()
}

// Dim returns the number of parameters n.
func (gn *GaussNewton) Dim() int { return gn.n }

// Loss returns the loss at the recorded parameters.
func (gn *GaussNewton) Loss() float64 { return gn.lnode.Scalar() }

// Output returns the model's output at the recorded parameters. The matrix
// belongs to gn and changes with Rebuild.
func (gn *GaussNewton) Output() *graph.Matrix { return gn.out.Value() }

// Gradient writes the gradient of the loss into dst, flattened as for Apply.
// It panics with an *Error if len(dst) is not Dim().
func (gn *GaussNewton) Gradient(dst []float64) {
	checkLen("GaussNewton.Gradient", "destination", len(dst), gn.n)
	autodiff.GradInto(point(gn.ds, dst), gn.lnode, gn.nodes...)
}

// Apply sets dst = G v for the parameters flattened in order, which makes
// gn a spectral.Operator. It panics with an *Error if v or dst does not have
// length Dim().
func (gn *GaussNewton) Apply(dst, v []float64) {
	checkLen("GaussNewton.Apply", "direction", len(v), gn.n)
	checkLen("GaussNewton.Apply", "destination", len(dst), gn.n)
	gn.product(point(gn.ds, dst), point(gn.vs, v))
}

// ApplyMatrices sets dst[k] to the block of G v for parameter k. It panics
// with an *Error if v or dst does not hold one matrix of each parameter's
// shape.
func (gn *GaussNewton) ApplyMatrices(dst, v []*graph.Matrix) {
	checkShapes("GaussNewton.ApplyMatrices", "direction", v, gn.params)
	checkShapes("GaussNewton.ApplyMatrices", "destination", dst, gn.params)
	gn.product(dst, v)
}

// product computes Jᵀ H_ℓ J v into dst.
func (gn *GaussNewton) product(dst, v []*graph.Matrix) {
	g := gn.g
	defer g.Truncate(gn.mark)

	// u = J v, by a forward sweep through the model.
	for k, vk := range v {
		gn.ts[k] = g.Const(vk)
	}
	u := autodiff.RecordJVP([]*graph.Node{gn.out}, gn.nodes, gn.ts)[0]

	// H_ℓ u, a Hessian-vector product of the loss alone.
	gn.lossH.Apply(gn.hu.Data, u.Value().Data)

	// (H_ℓ u)ᵀ J, by a reverse sweep through the model.
	res := autodiff.RecordVJP(gn.out, g.Const(gn.hu), gn.nodes...)
	for k, r := range res {
		copy(dst[k].Data, r.Value().Data)
	}
}

// Symmetric returns G as a gonum mat.Symmetric, one product per element
// read.
func (gn *GaussNewton) Symmetric() mat.Symmetric { return spectral.Matrix{Op: gn} }
