// This file implements the multi-layer perceptron: its configuration, its
// parameters, the forward pass and the loss.

package mlp

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// Config describes a multi-layer perceptron.
type Config struct {
	// Sizes are the widths of the layers, input first and output last:
	// {784, 256, 10} is one hidden layer of 256 units. At least two, each
	// at least 1.
	Sizes []int

	// Activations holds one activation per layer of weights, so
	// len(Sizes)-1 of them; the last applies to the output. Nil means ReLU
	// for the hidden layers and Identity for the output.
	Activations []Activation

	Init Init   // how to draw the initial parameters
	Loss Loss   // the loss that Loss records
	Seed uint64 // seed of the initial draw
}

// Validate returns an error saying what is wrong with c, or nil.
func (c *Config) Validate() error {
	if len(c.Sizes) < 2 {
		return fmt.Errorf("mlp: %d layer sizes, need at least 2 (input and output)", len(c.Sizes))
	}
	for i, s := range c.Sizes {
		if s < 1 {
			return fmt.Errorf("mlp: layer size %d at position %d is below 1", s, i)
		}
	}
	if c.Activations != nil && len(c.Activations) != len(c.Sizes)-1 {
		return fmt.Errorf("mlp: %d activations for %d layers", len(c.Activations), len(c.Sizes)-1)
	}
	for _, a := range c.Activations {
		if int(a) >= len(activationNames) {
			return fmt.Errorf("mlp: unknown activation %d", a)
		}
	}
	if int(c.Init) >= len(initNames) {
		return fmt.Errorf("mlp: unknown initialisation %d", c.Init)
	}
	if int(c.Loss) >= len(lossNames) {
		return fmt.Errorf("mlp: unknown loss %d", c.Loss)
	}
	return nil
}

// MLP is a multi-layer perceptron. Layer l maps a batch of row vectors
// a_l (batch×in) to
//
//	z = a_l W_l + b_l    (W_l is in×out, b_l is 1×out)
//	a_{l+1} = f_l(z)
//
// An MLP is a Model. Its methods are not safe for concurrent use.
type MLP struct {
	sizes []int
	acts  []Activation
	loss  Loss
	init  Init

	params []*graph.Matrix // W₀, b₀, W₁, b₁, …
	names  []string

	g     *graph.Graph // for Predict
	nodes []*graph.Node
}

// New returns a network configured by c with parameters drawn as c.Init
// says from a generator seeded by c.Seed, so that the same configuration
// always gives the same network. It panics with an *Error if c is not
// valid; see Config.Validate.
func New(c Config) *MLP {
	if err := c.Validate(); err != nil {
		fail("New", "%s", strings.TrimPrefix(err.Error(), "mlp: "))
	}
	L := len(c.Sizes) - 1
	m := &MLP{
		sizes: append([]int(nil), c.Sizes...),
		acts:  append([]Activation(nil), c.Activations...),
		loss:  c.Loss,
		init:  c.Init,
		g:     graph.New(),
	}
	if c.Activations == nil {
		m.acts = Activations(ReLU, Identity, L)
	}
	for l := range L {
		in, out := c.Sizes[l], c.Sizes[l+1]
		m.params = append(m.params, graph.NewMatrix(in, out, nil), graph.NewMatrix(1, out, nil))
		m.names = append(m.names, fmt.Sprintf("layer%d.weight", l), fmt.Sprintf("layer%d.bias", l))
	}
	m.Reinit(c.Seed)
	return m
}

// Reinit draws the parameters again, as New does, from a generator seeded
// by seed.
func (m *MLP) Reinit(seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	for l := range m.Layers() {
		w, b := m.params[2*l], m.params[2*l+1]
		in, out := float64(w.Rows), float64(w.Cols)
		clear(b.Data)
		switch m.init {
		case Uniform:
			s := 1 / math.Sqrt(in)
			fillUniform(rng, w.Data, s)
			fillUniform(rng, b.Data, s)
		case Glorot:
			fillUniform(rng, w.Data, math.Sqrt(6/(in+out)))
		case HeNormal:
			s := math.Sqrt(2 / in)
			for i := range w.Data {
				w.Data[i] = s * rng.NormFloat64()
			}
		case HeUniform:
			fillUniform(rng, w.Data, math.Sqrt(6/in))
		}
	}
}

// fillUniform sets each entry of d to a draw from U(-s, s).
func fillUniform(rng *rand.Rand, d []float64, s float64) {
	for i := range d {
		d[i] = s * (2*rng.Float64() - 1)
	}
}

// Layers returns the number of layers of weights, len(Sizes())-1.
func (m *MLP) Layers() int { return len(m.sizes) - 1 }

// Sizes returns the layer widths, input first; the slice must not be
// modified.
func (m *MLP) Sizes() []int { return m.sizes }

// Activation returns the activation of layer l.
func (m *MLP) Activation(l int) Activation { return m.acts[l] }

// LossKind returns the loss that Loss records.
func (m *MLP) LossKind() Loss { return m.loss }

// Params returns the parameter matrices W₀, b₀, W₁, b₁, …; W_l is
// Sizes()[l]×Sizes()[l+1] and b_l is 1×Sizes()[l+1]. They are the model's
// own matrices: writing to them changes the model.
func (m *MLP) Params() []*graph.Matrix { return m.params }

// ParamNames returns "layer0.weight", "layer0.bias", "layer1.weight", …,
// in the order of Params.
func (m *MLP) ParamNames() []string { return m.names }

// Weight returns W_l, the model's own matrix.
func (m *MLP) Weight(l int) *graph.Matrix { return m.params[2*l] }

// Bias returns b_l, the model's own matrix.
func (m *MLP) Bias(l int) *graph.Matrix { return m.params[2*l+1] }

// Metadata describes the architecture for Save and Load: the keys
// "sizes" ("784,256,10"), "activations" ("relu,identity") and "loss".
func (m *MLP) Metadata() map[string]string {
	sizes := make([]string, len(m.sizes))
	for i, s := range m.sizes {
		sizes[i] = strconv.Itoa(s)
	}
	acts := make([]string, len(m.acts))
	for i, a := range m.acts {
		acts[i] = a.String()
	}
	return map[string]string{
		"sizes":       strings.Join(sizes, ","),
		"activations": strings.Join(acts, ","),
		"loss":        m.loss.String(),
	}
}

// Forward records the network's output a_L for the batch x (batch×in) on
// x's graph, reading the parameters from params, one node per matrix of
// Params in that order. It panics with an *Error if params has the wrong
// length, and with a *graph.Error if a shape does not fit.
func (m *MLP) Forward(x *graph.Node, params []*graph.Node) *graph.Node {
	if len(params) != len(m.params) {
		fail("Forward", "%d parameter nodes for %d parameters", len(params), len(m.params))
	}
	a := x
	for l, f := range m.acts {
		z := ops.Add(ops.MatMul(a, params[2*l]), params[2*l+1])
		a = f.Apply(z)
	}
	return a
}

// Loss records the model's loss on batch on g: the forward pass on the
// features batch.X, then MSE against batch.Y (or the one-hot labels) or
// cross-entropy against batch.Labels. It panics with an *Error if the
// batch lacks the targets the loss needs.
func (m *MLP) Loss(g *graph.Graph, params []*graph.Node, batch *dataset.Set) *graph.Node {
	x := g.Const(&graph.Matrix{Rows: batch.N, Cols: batch.D, Data: batch.X})
	out := m.Forward(x, params)
	switch m.loss {
	case CrossEntropy:
		if batch.Labels == nil {
			fail("Loss", "cross-entropy needs labels and the batch has none")
		}
		return ops.SoftmaxCrossEntropy(out, batch.Labels)
	default:
		return ops.MSE(out, g.Const(m.targets(batch)))
	}
}

// targets returns the regression targets of batch for MSE.
func (m *MLP) targets(batch *dataset.Set) *graph.Matrix {
	if batch.Y != nil {
		return &graph.Matrix{Rows: batch.N, Cols: batch.T, Data: batch.Y}
	}
	if batch.Labels == nil {
		fail("Loss", "mse needs targets Y or labels and the batch has neither")
	}
	k := m.sizes[len(m.sizes)-1]
	return &graph.Matrix{Rows: batch.N, Cols: k, Data: dataset.OneHot(batch.Labels, k)}
}

// CheckData returns an error wrapping ErrData unless data has Sizes()[0]
// features and the targets of the loss: labels in [0, outputs) for
// cross-entropy; for MSE, Y with one column per output, or labels in
// [0, outputs).
func (m *MLP) CheckData(data *dataset.Set) error {
	in, out := m.sizes[0], m.sizes[len(m.sizes)-1]
	if data.D != in {
		return dataError("%d features per example, the network takes %d", data.D, in)
	}
	if m.loss == MSE && data.Y != nil {
		if data.T != out {
			return dataError("%d targets per example, the network has %d outputs", data.T, out)
		}
		return nil
	}
	if data.Labels == nil {
		return dataError("the data set has no labels for %s", m.loss)
	}
	for i, l := range data.Labels {
		if l < 0 || l >= out {
			return dataError("label %d of example %d is outside 0..%d (the network has %d outputs)",
				l, i, out-1, out)
		}
	}
	return nil
}
