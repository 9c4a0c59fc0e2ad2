// Package gradcheck checks derivatives computed by hessgo against finite
// differences, so that a derivative nobody wrote by hand can be trusted.
//
// # Use
//
// A Func builds a scalar on a graph from parameter nodes, one per Input:
//
//	f := func(g *graph.Graph, x []*graph.Node) *graph.Node {
//		return ops.Sum(ops.Square(ops.Tanh(ops.MatMul(x[0], x[1]))))
//	}
//	gradcheck.Check(t, f, gradcheck.Input{Name: "x", Value: x},
//		gradcheck.Input{Name: "W", Value: w})
//
// Check calls t.Errorf with the report when a check fails. Run returns the
// Report instead; its String is an aligned table followed by the worst
// entries of each failed check. A nil *Options means the defaults.
//
// # Checks
//
// At order 1:
//
//   - grad: every entry of the gradient against the derivative of f along
//     that entry's axis, by the central difference (or the five-point
//     stencil), entry by entry with the rule
//
//     |analytic − numeric| ≤ atol + rtol·|numeric|
//
//   - taylor: the remainder |f(x + h d) − f(x) − h ∇f·d| along a random d,
//     over h from 1e-3 down by halves, must shrink like h²: the slope of
//     its log-log fit must be at least 1.8 (a wrong gradient gives 1);
//
//   - repeat: the value and the gradient computed twice are the same bit
//     for bit, and f left its inputs unchanged.
//
// At order 2 (the default), also:
//
//   - hvp-rev and hvp-fwd: H v by reverse-over-reverse (the gradient of
//     ∇f·v) and by forward-over-reverse (the JVP of the recorded gradient),
//     along Options.Directions random directions, entry by entry against
//     the derivative of the analytic gradient along v;
//   - hessian-sym: for at most Options.SymmetryLimit entries in all, the
//     whole Hessian, built column by column with HVPs, is symmetric;
//   - uHv=vHu: uᵀ(H v) = vᵀ(H u) for random u and v.
//
// With Options.Fast the entry-by-entry checks compare one projection per
// input instead: ∇ₖf·v for a random v that moves input k alone, and
// uᵀ(H v)ₖ, with the tolerance scaled by Σ|terms| of the sum. Its cost does
// not grow with the size of the inputs; the symmetry check is skipped.
//
// # Defaults
//
// Central differences use eps 1e-6, atol 1e-7 and rtol 1e-5; the five-point
// stencil, whose error is O(eps⁴), uses eps 1e-3, atol 1e-9 and rtol 1e-7.
// These suit float64 functions whose values and derivatives are of order 1
// to 10³.
//
// # Kinks
//
// At a point where f is not smooth, such as relu or abs at 0, finite
// differences measure nothing useful. An entry that fails the tolerance
// where the stencil crosses such a point is reported as a kink and not
// failed. Such points are told apart by the gap between the one-sided
// differences at steps h and 2h: for a smooth function the gap grows in
// proportion to the step, across a kink it stays, across a jump in value it
// shrinks. The Taylor test is not judged when kinks were found.
//
// # Determinism
//
// Directions and projections come from a PCG generator seeded by
// Options.Seed: the same function, inputs and options give the same report,
// bit for bit. The inputs are copied before they are perturbed.
//
// # Panics
//
// Run, Check and CheckWith panic with an *Error when misused (no inputs, an
// input without a value, a result that is not 1×1, an order other than 1 or
// 2, a direction of the wrong shape). A panic of f itself, such as a
// *graph.Error for shapes that do not fit, is passed on.
//
// # Ops
//
// OpCases is the table of every differentiable op of the package ops with
// the domain and shapes, broadcasting included, that it is checked at; the
// tests of this package and the ops command of cmd/gradcheck run it.
package gradcheck
