package ops

// This file implements the fused op that tanh's rules multiply by its
// derivative with: v ⊙ (1 − y²) in one pass, where y = tanh x. Both the
// reverse sweep (v a cotangent) and the forward sweep (v a tangent) of
// every tanh layer go through it, so it saves a pass and a buffer at each.
// Its own tangent, met in every forward-over-reverse Hessian-vector
// product, is fused the same way.

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

// JVP: ṡ = v̇ ⊙ (1 − y²) − 2 y ⊙ v ⊙ ẏ, in one pass where both tangents
// are given (the second derivative of every tanh layer).
func (tanhSlopeOp) JVP(s *graph.Node, t []*graph.Node) *graph.Node {
	y, v := s.Inputs()[0], s.Inputs()[1]
	switch {
	case t[0] == nil && t[1] == nil:
		return nil
	case t[0] == nil:
		return tanhSlope(y, t[1])
	case t[1] == nil:
		return Scale(Mul(Mul(t[0], v), y), -2)
	}
	return tanhCurve(y, v, t[0], t[1])
}

// tanhCurve returns w ⊙ (1 − y²) − 2 y ⊙ v ⊙ u, the tangent of
// tanhSlope(y, v) along u for y and w for v, for four nodes of one shape.
func tanhCurve(y, v, u, w *graph.Node) *graph.Node {
	g := sameGraph("Tanh", y, v)
	sameGraph("Tanh", u, w)
	sameGraph("Tanh", y, u)
	out := g.Alloc(y.Rows(), y.Cols())
	yd := y.Value().Data
	vd, ud, wd := v.Value().Data[:len(yd)], u.Value().Data[:len(yd)], w.Value().Data[:len(yd)]
	for i, t := range yd {
		out.Data[i] = wd[i]*(1-t*t) - 2*t*vd[i]*ud[i]
	}
	return g.Record(tanhCurveOp{}, out, y, v, u, w)
}

type tanhCurveOp struct{}

func (tanhCurveOp) Name() string { return "TanhCurve" }

// VJP of c = w ⊙ (1 − y²) − 2 y ⊙ v ⊙ u: ȳ = −2 c̄ ⊙ (y ⊙ w + v ⊙ u),
// v̄ = −2 c̄ ⊙ y ⊙ u, ū = −2 c̄ ⊙ y ⊙ v and w̄ = c̄ ⊙ (1 − y²).
func (tanhCurveOp) VJP(c, cot *graph.Node, need []bool, grads []*graph.Node) {
	in := c.Inputs()
	y, v, u, w := in[0], in[1], in[2], in[3]
	if need[0] {
		grads[0] = Scale(Mul(cot, Add(Mul(y, w), Mul(v, u))), -2)
	}
	var cy *graph.Node
	if need[1] || need[2] {
		cy = Scale(Mul(cot, y), -2)
	}
	if need[1] {
		grads[1] = Mul(cy, u)
	}
	if need[2] {
		grads[2] = Mul(cy, v)
	}
	if need[3] {
		grads[3] = tanhSlope(y, cot)
	}
}

// JVP: ċ = ẇ ⊙ (1 − y²) − 2 (ẏ ⊙ (y ⊙ w + v ⊙ u) + y ⊙ (v̇ ⊙ u + v ⊙ u̇)),
// each term skipped where its tangent is zero.
func (tanhCurveOp) JVP(c *graph.Node, t []*graph.Node) *graph.Node {
	in := c.Inputs()
	y, v, u, w := in[0], in[1], in[2], in[3]
	var rest *graph.Node
	if t[0] != nil {
		rest = Mul(t[0], Add(Mul(y, w), Mul(v, u)))
	}
	if inner := add(mulOrNil(t[1], u), mulOrNil(v, t[2])); inner != nil {
		rest = add(rest, Mul(y, inner))
	}
	var dw *graph.Node
	if t[3] != nil {
		dw = tanhSlope(y, t[3])
	}
	if rest == nil {
		return dw
	}
	return add(dw, Scale(rest, -2))
}
