package ops

// This file implements the fused op that tanh's rules multiply by its
// derivative with: v ⊙ (1 − y²) in one pass, where y = tanh x. Both the
// reverse sweep (v a cotangent) and the forward sweep (v a tangent) of
// every tanh layer go through it, so it saves a pass and a buffer at each.

import "github.com/hessgo/hessgo/graph"

// tanhSlope returns v ⊙ (1 − y²) for y and v of the same shape.
func tanhSlope(y, v *graph.Node) *graph.Node {
	g := sameGraph("Tanh", y, v)
	out := g.Alloc(y.Rows(), y.Cols())
	yd, vd := y.Value().Data, v.Value().Data
	vd = vd[:len(yd)]
	for i, t := range yd {
		out.Data[i] = vd[i] * (1 - t*t)
	}
	return g.Record2(tanhSlopeOp{}, out, y, v)
}

type tanhSlopeOp struct{}

func (tanhSlopeOp) Name() string { return "TanhSlope" }

// VJP: ∂/∂y = −2 y ⊙ v ⊙ c̄ and ∂/∂v = c̄ ⊙ (1 − y²).
func (tanhSlopeOp) VJP(s, cot *graph.Node, need []bool, grads []*graph.Node) {
	y, v := s.Inputs()[0], s.Inputs()[1]
	if need[0] {
		grads[0] = Scale(Mul(Mul(cot, v), y), -2)
	}
	if need[1] {
		grads[1] = tanhSlope(y, cot)
	}
}

// JVP: ṡ = −2 y ⊙ v ⊙ ẏ + v̇ ⊙ (1 − y²).
func (tanhSlopeOp) JVP(s *graph.Node, t []*graph.Node) *graph.Node {
	y, v := s.Inputs()[0], s.Inputs()[1]
	var dy, dv *graph.Node
	if t[0] != nil {
		dy = Scale(Mul(Mul(t[0], v), y), -2)
	}
	if t[1] != nil {
		dv = tanhSlope(y, t[1])
	}
	return add(dy, dv)
}
