// This file holds the error types and values of the package.

package expr

import (
	"errors"
	"fmt"
)

// A SyntaxError reports source that Parse cannot read. Col is the 1-based
// byte column of the offending token, or len(src)+1 at the end of input.
type SyntaxError struct {
	Col int
	Msg string
}

// Error returns "expr: column Col: Msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("expr: column %d: %s", e.Col, e.Msg)
}

// An EvalError reports a failure of Eval at the node whose 1-based byte
// column is Col. Err is one of the Err values of this package, wrapped with
// details, or the error that an op or a function returned.
type EvalError struct {
	Col int
	Err error
}

// Error returns "expr: column Col: " followed by the text of Err.
func (e *EvalError) Error() string {
	return fmt.Sprintf("expr: column %d: %v", e.Col, e.Err)
}

// Unwrap returns Err.
func (e *EvalError) Unwrap() error { return e.Err }

// Errors that an EvalError may wrap.
var (
	// ErrUnknownVar means a variable has no value in the map given to Eval.
	ErrUnknownVar = errors.New("unknown variable")

	// ErrUnknownFunc means a call names no function of the Funcs table.
	ErrUnknownFunc = errors.New("unknown function")

	// ErrArgCount means a call passes a function the wrong number of
	// arguments.
	ErrArgCount = errors.New("wrong number of arguments")

	// ErrExponent means the exponent of ^ is not a constant expression.
	// Parse rejects such trees; only trees built by hand can have them.
	ErrExponent = errors.New("exponent of ^ is not a constant")

	// ErrOperator means a Unary or Binary node holds an operator that it
	// cannot have. Only trees built by hand can have them.
	ErrOperator = errors.New("invalid operator")
)
