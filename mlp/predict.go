// This file implements inference: outputs, predicted classes and accuracy.

package mlp

import (
	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/graph"
)

// predictChunk is the number of rows that Predict pushes through the
// network at once, which bounds the memory of its intermediate values.
const predictChunk = 1024

// Predict returns the network's outputs a_L for the rows of x, as a new
// x.Rows×outputs matrix. For cross-entropy these are the logits. It panics
// with a *graph.Error if x does not have Sizes()[0] columns.
func (m *MLP) Predict(x *graph.Matrix) *graph.Matrix {
	out := graph.NewMatrix(x.Rows, m.sizes[len(m.sizes)-1], nil)
	for lo := 0; lo < x.Rows; lo += predictChunk {
		hi := min(lo+predictChunk, x.Rows)
		chunk := &graph.Matrix{Rows: hi - lo, Cols: x.Cols, Data: x.Data[lo*x.Cols : hi*x.Cols]}
		copy(out.Data[lo*out.Cols:], m.forwardConst(chunk).Data)
	}
	m.g.Reset()
	return out
}

// forwardConst runs the forward pass on m's own graph and returns the
// output's value, valid until the graph is next reset.
func (m *MLP) forwardConst(x *graph.Matrix) *graph.Matrix {
	m.g.Reset()
	m.nodes = m.nodes[:0]
	for _, p := range m.params {
		m.nodes = append(m.nodes, m.g.Const(p))
	}
	return m.Forward(m.g.Const(x), m.nodes).Value()
}

// Classify returns the index of the largest output of each row of x, the
// predicted class; ties go to the lowest index.
func (m *MLP) Classify(x *graph.Matrix) []int {
	out := m.Predict(x)
	classes := make([]int, out.Rows)
	for i := range classes {
		classes[i] = argmax(out.Row(i))
	}
	return classes
}

// Accuracy returns the fraction of the examples of data whose predicted
// class is their label. It panics with an *Error if data has no labels.
func (m *MLP) Accuracy(data *dataset.Set) float64 {
	if data.Labels == nil {
		fail("Accuracy", "the data set has no labels")
	}
	if data.N == 0 {
		return 0
	}
	x := &graph.Matrix{Rows: data.N, Cols: data.D, Data: data.X}
	right := 0
	for i, c := range m.Classify(x) {
		if c == data.Labels[i] {
			right++
		}
	}
	return float64(right) / float64(data.N)
}

func argmax(r []float64) int {
	best := 0
	for j, v := range r {
		if v > r[best] {
			best = j
		}
	}
	return best
}
