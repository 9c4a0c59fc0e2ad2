// This file implements Eval, which walks a tree with caller-supplied
// operations on any value type.

package expr

import (
	"fmt"
	"maps"
	"math"
)

// Ops are the operations Eval applies to values of type V. The binary
// methods get their operands in source order (a op b) and may return an
// error, such as a shape mismatch, which Eval reports at the operator.
type Ops[V any] interface {
	// Const returns the value of a number literal.
	Const(c float64) V

	// Neg returns -a.
	Neg(a V) V

	// Add returns the elementwise sum a + b.
	Add(a, b V) (V, error)

	// Sub returns the elementwise difference a - b.
	Sub(a, b V) (V, error)

	// Mul returns the elementwise product a * b.
	Mul(a, b V) (V, error)

	// Div returns the elementwise quotient a / b.
	Div(a, b V) (V, error)

	// MatMul returns the matrix product a @ b.
	MatMul(a, b V) (V, error)

	// Pow returns a raised elementwise to the constant power p.
	Pow(a V, p float64) (V, error)
}

// Variadic is the Arity of a Func that takes any number of arguments.
const Variadic = -1

// A Func is a function that expressions may call.
type Func[V any] struct {
	// Arity is the number of arguments Apply takes, or Variadic. Eval
	// checks it before Apply is called.
	Arity int

	// Apply returns the function's value at args. An error it returns is
	// reported at the name of the call.
	Apply func(args []V) (V, error)
}

// Funcs maps names to the functions that expressions may call.
type Funcs[V any] map[string]Func[V]

// Eval returns the value of the tree n, with the values of its variables in
// vars, its operators applied by ops and its calls by funcs. Operands are
// evaluated from left to right and each node once; the exponent of ^ is
// folded to a float64 with the arithmetic of float64.
//
// The error, if any, is an *EvalError at the column of the node that
// failed. Eval panics if ops is nil or the tree holds a nil Node.
func Eval[V any](n Node, vars map[string]V, ops Ops[V], funcs Funcs[V]) (V, error) {
	e := evaluator[V]{vars: vars, ops: ops, funcs: funcs}
	return e.eval(n)
}

type evaluator[V any] struct {
	vars  map[string]V
	ops   Ops[V]
	funcs Funcs[V]
}

func (e *evaluator[V]) eval(n Node) (V, error) {
	switch n := n.(type) {
	case *Num:
		return e.ops.Const(n.Value), nil
	case *Var:
		v, ok := e.vars[n.Name]
		if !ok {
			return v, errAt(n, fmt.Errorf("%w %s%s", ErrUnknownVar, n.Name,
				hint(n.Name, maps.Keys(e.vars))))
		}
		return v, nil
	case *Unary:
		return e.unary(n)
	case *Binary:
		return e.binary(n)
	case *Call:
		return e.call(n)
	}
	panic(fmt.Sprintf("expr: Eval of a %T", n))
}

func (e *evaluator[V]) unary(n *Unary) (V, error) {
	if n.Op != Sub {
		var zero V
		return zero, errAt(n, fmt.Errorf("%w: unary %s", ErrOperator, n.Op))
	}
	x, err := e.eval(n.X)
	if err != nil {
		return x, err
	}
	return e.ops.Neg(x), nil
}

func (e *evaluator[V]) binary(n *Binary) (V, error) {
	var zero V
	if n.Op == Pow {
		p, err := constValue(n.Y)
		if err != nil {
			return zero, err
		}
		x, err := e.eval(n.X)
		if err != nil {
			return zero, err
		}
		v, err := e.ops.Pow(x, p)
		return v, errAt(n, err)
	}

	var f func(a, b V) (V, error)
	switch n.Op {
	case Add:
		f = e.ops.Add
	case Sub:
		f = e.ops.Sub
	case Mul:
		f = e.ops.Mul
	case Div:
		f = e.ops.Div
	case MatMul:
		f = e.ops.MatMul
	default:
		return zero, errAt(n, fmt.Errorf("%w: binary %s", ErrOperator, n.Op))
	}

	x, err := e.eval(n.X)
	if err != nil {
		return zero, err
	}
	y, err := e.eval(n.Y)
	if err != nil {
		return zero, err
	}
	v, err := f(x, y)
	return v, errAt(n, err)
}

func (e *evaluator[V]) call(n *Call) (V, error) {
	var zero V
	f, ok := e.funcs[n.Name]
	if !ok {
		return zero, errAt(n, fmt.Errorf("%w %s%s", ErrUnknownFunc, n.Name,
			hint(n.Name, maps.Keys(e.funcs))))
	}
	if f.Arity != Variadic && f.Arity != len(n.Args) {
		return zero, errAt(n, fmt.Errorf("%w to %s: got %d, want %d",
			ErrArgCount, n.Name, len(n.Args), f.Arity))
	}

	args := make([]V, len(n.Args))
	for i, a := range n.Args {
		v, err := e.eval(a)
		if err != nil {
			return zero, err
		}
		args[i] = v
	}
	v, err := f.Apply(args)
	return v, errAt(n, err)
}

// constValue returns the value of the constant expression n, or an
// *EvalError at its first node that is not constant.
func constValue(n Node) (float64, error) {
	switch n := n.(type) {
	case *Num:
		return n.Value, nil
	case *Unary:
		x, err := constValue(n.X)
		if n.Op != Sub && err == nil {
			err = errAt(n, fmt.Errorf("%w: unary %s", ErrOperator, n.Op))
		}
		return -x, err
	case *Binary:
		x, err := constValue(n.X)
		if err != nil {
			return 0, err
		}
		y, err := constValue(n.Y)
		if err != nil {
			return 0, err
		}
		return constBinary(n, x, y)
	}
	return 0, errAt(n, fmt.Errorf("%w: found %s", ErrExponent, describe(n)))
}

func constBinary(n *Binary, x, y float64) (float64, error) {
	switch n.Op {
	case Add:
		return x + y, nil
	case Sub:
		return x - y, nil
	case Mul:
		return x * y, nil
	case Div:
		return x / y, nil
	case Pow:
		return math.Pow(x, y), nil
	case MatMul:
		return 0, errAt(n, fmt.Errorf("%w: found '@'", ErrExponent))
	}
	return 0, errAt(n, fmt.Errorf("%w: binary %s", ErrOperator, n.Op))
}

// errAt returns err as an *EvalError at n. It returns nil for a nil err,
// and err itself if it is an *EvalError already, as when a function
// evaluates an expression of its own.
func errAt(n Node, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*EvalError); ok {
		return err
	}
	col := 0
	if n != nil {
		col = n.Pos()
	}
	return &EvalError{Col: col, Err: err}
}
