package ops

// This file implements the elementwise ops of one input. Each is a table
// entry: a kernel over the whole value, and the derivative f′ written with
// ops from the input x and the output y. The VJP multiplies the cotangent by
// f′ and the JVP multiplies the tangent by it, so one derivative gives both
// rules. The linear ops and tanh multiply by f′ directly instead (mul),
// which saves forming it. An op whose derivative is zero almost everywhere
// (Step, Sign) has neither and passes no derivative on.

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/internal/kernel"
)

type unaryOp struct {
	name  string
	base  *unaryOp // the table entry that an op with a constant was made from
	p     float64  // the constant of Scale, AddConst and Pow
	fwd   func(dst, x []float64, p float64)
	deriv func(x, y *graph.Node, p float64) *graph.Node // nil: zero derivative

	// mul, where set, returns v ⊙ f′ without forming f′ as a node of its
	// own: for the linear ops, whose f′ is a constant, and for tanh, whose
	// v ⊙ (1 − y²) is one fused op.
	mul func(y, v *graph.Node, p float64) *graph.Node
}

func (o *unaryOp) Name() string {
	switch o.name {
	case "Scale", "AddConst", "Pow":
		return fmt.Sprintf("%s(%g)", o.name, o.p)
	}
	return o.name
}

func (o *unaryOp) VJP(y, cot *graph.Node, need []bool, grads []*graph.Node) {
	grads[0] = o.times(y, cot)
}

func (o *unaryOp) JVP(y *graph.Node, t []*graph.Node) *graph.Node { return o.times(y, t[0]) }

// times returns v ⊙ f′(x), where v is a cotangent or a tangent.
func (o *unaryOp) times(y, v *graph.Node) *graph.Node {
	switch {
	case v == nil:
		return nil
	case o.mul != nil:
		return o.mul(y, v, o.p)
	case o.deriv == nil:
		return nil
	}
	return Mul(v, o.deriv(y.Inputs()[0], y, o.p))
}

// apply runs o on x and records the result.
func apply(o *unaryOp, x *graph.Node) *graph.Node {
	g := x.Graph()
	out := g.Alloc(x.Rows(), x.Cols())
	o.fwd(out.Data, x.Value().Data, o.p)
	return g.Record1(o, out, x)
}

// withParam returns a copy of the table entry o holding the constant p.
// Recently made copies are kept in paramOps and handed out again, since a
// model asks for the same few constants at every step.
func withParam(o *unaryOp, p float64) *unaryOp {
	bits := math.Float64bits(p)
	slot := &paramOps[(bits^uint64(len(o.name)))*0x9e3779b97f4a7c15>>(64-paramOpsBits)]
	if c := slot.Load(); c != nil && c.base == o && math.Float64bits(c.p) == bits {
		return c
	}
	c := *o
	c.base = o
	c.p = p
	slot.Store(&c)
	return &c
}

// paramOps is a direct-mapped cache of ops with a constant. A slot is only
// ever replaced by a complete new op, so goroutines may share it.
var paramOps [1 << paramOpsBits]atomic.Pointer[unaryOp]

const paramOpsBits = 8

// Neg returns -x.
func Neg(x *graph.Node) *graph.Node { return apply(negOp, x) }

// Scale returns c x.
func Scale(x *graph.Node, c float64) *graph.Node { return apply(withParam(scaleOp, c), x) }

// AddConst returns x + c.
func AddConst(x *graph.Node, c float64) *graph.Node {
	return apply(withParam(addConstOp, c), x)
}

// Pow returns x raised to the constant power p, elementwise. Its
// derivative p x^(p-1) is written with Pow too, so any order is available.
func Pow(x *graph.Node, p float64) *graph.Node { return apply(withParam(powOp, p), x) }

// Square returns x ⊙ x.
func Square(x *graph.Node) *graph.Node { return apply(squareOp, x) }

// Sqrt returns √x elementwise.
func Sqrt(x *graph.Node) *graph.Node { return apply(sqrtOp, x) }

// Exp returns eˣ elementwise.
func Exp(x *graph.Node) *graph.Node { return apply(expOp, x) }

// Log returns the natural logarithm of x elementwise.
func Log(x *graph.Node) *graph.Node { return apply(logOp, x) }

// Tanh returns tanh x elementwise.
func Tanh(x *graph.Node) *graph.Node { return apply(tanhOp, x) }

// Sigmoid returns the logistic function 1/(1+e⁻ˣ) elementwise.
func Sigmoid(x *graph.Node) *graph.Node { return apply(sigmoidOp, x) }

// Relu returns max(x, 0) elementwise. Its derivative at 0 is taken as 0.
func Relu(x *graph.Node) *graph.Node { return apply(reluOp, x) }

// Softplus returns log(1+eˣ) elementwise, computed without overflow.
func Softplus(x *graph.Node) *graph.Node { return apply(softplusOp, x) }

// Sin returns sin x elementwise.
func Sin(x *graph.Node) *graph.Node { return apply(sinOp, x) }

// Cos returns cos x elementwise.
func Cos(x *graph.Node) *graph.Node { return apply(cosOp, x) }

// Abs returns |x| elementwise. Its derivative at 0 is taken as 0.
func Abs(x *graph.Node) *graph.Node { return apply(absOp, x) }

// Step returns 1 where x > 0 and 0 elsewhere: the derivative of Relu. Its
// own derivative is zero almost everywhere and is taken as zero.
func Step(x *graph.Node) *graph.Node { return apply(stepOp, x) }

// Sign returns -1, 0 or 1 as x is negative, zero or positive: the
// derivative of Abs. Its own derivative is taken as zero.
func Sign(x *graph.Node) *graph.Node { return apply(signOp, x) }

// sigmoidSlope returns y - y², the derivative of the sigmoid in terms of
// its output y, in one pass.
func sigmoidSlope(y *graph.Node) *graph.Node { return apply(sigmoidSlopeOp, y) }

// The table is filled in init because the derivatives refer back to the
// ops, such as Pow to itself.
var (
	negOp, scaleOp, addConstOp, powOp, squareOp, sqrtOp, expOp, logOp, tanhOp, sigmoidOp, sigmoidSlopeOp, reluOp, softplusOp, sinOp, cosOp, absOp, stepOp, signOp *unaryOp
)

func init() {
	negOp = &unaryOp{name: "Neg",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = -v
			}
		},
		mul: func(y, v *graph.Node, _ float64) *graph.Node { return Neg(v) },
	}
	scaleOp = &unaryOp{name: "Scale",
		fwd: func(d, x []float64, c float64) {
			for i, v := range x {
				d[i] = c * v
			}
		},
		mul: func(y, v *graph.Node, c float64) *graph.Node { return Scale(v, c) },
	}
	addConstOp = &unaryOp{name: "AddConst",
		fwd: func(d, x []float64, c float64) {
			for i, v := range x {
				d[i] = v + c
			}
		},
		mul: func(y, v *graph.Node, _ float64) *graph.Node { return v },
	}
	powOp = &unaryOp{name: "Pow",
		fwd: func(d, x []float64, p float64) {
			for i, v := range x {
				d[i] = math.Pow(v, p)
			}
		},
		deriv: func(x, y *graph.Node, p float64) *graph.Node {
			switch p {
			case 0:
				return nil
			case 1:
				return fill(x, 1)
			case 2:
				return Scale(x, 2)
			}
			return Scale(Pow(x, p-1), p)
		},
	}
	squareOp = &unaryOp{name: "Square",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = v * v
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return Scale(x, 2) },
	}
	sqrtOp = &unaryOp{name: "Sqrt",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = math.Sqrt(v)
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return Scale(Pow(y, -1), 0.5) },
	}
	expOp = &unaryOp{name: "Exp",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = math.Exp(v)
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return y },
	}
	logOp = &unaryOp{name: "Log",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = math.Log(v)
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return Pow(x, -1) },
	}
	tanhOp = &unaryOp{name: "Tanh",
		fwd: func(d, x []float64, _ float64) { kernel.Tanh(d, x) },
		mul: func(y, v *graph.Node, _ float64) *graph.Node { return tanhSlope(y, v) },
	}
	sigmoidOp = &unaryOp{name: "Sigmoid",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = sigmoid(v)
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return sigmoidSlope(y) },
	}
	sigmoidSlopeOp = &unaryOp{name: "SigmoidSlope",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = v - v*v
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node {
			return AddConst(Scale(x, -2), 1)
		},
	}
	reluOp = &unaryOp{name: "Relu",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = max(v, 0)
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return Step(x) },
	}
	softplusOp = &unaryOp{name: "Softplus",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				// log(1+eˣ) = max(x,0) + log1p(e^-|x|) never overflows.
				d[i] = max(v, 0) + math.Log1p(math.Exp(-math.Abs(v)))
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return Sigmoid(x) },
	}
	sinOp = &unaryOp{name: "Sin",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = math.Sin(v)
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return Cos(x) },
	}
	cosOp = &unaryOp{name: "Cos",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = math.Cos(v)
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return Neg(Sin(x)) },
	}
	absOp = &unaryOp{name: "Abs",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = math.Abs(v)
			}
		},
		deriv: func(x, y *graph.Node, _ float64) *graph.Node { return Sign(x) },
	}
	stepOp = &unaryOp{name: "Step",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				d[i] = 0
				if v > 0 {
					d[i] = 1
				}
			}
		},
	}
	signOp = &unaryOp{name: "Sign",
		fwd: func(d, x []float64, _ float64) {
			for i, v := range x {
				switch {
				case v > 0:
					d[i] = 1
				case v < 0:
					d[i] = -1
				default:
					d[i] = v // keeps NaN and ±0
				}
			}
		},
	}
}

// sigmoid computes 1/(1+e⁻ˣ) without overflow for large |x|.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}
