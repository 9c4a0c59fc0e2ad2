package kernel

import "fmt"

// ArgError reports a call that cannot be carried out as given: a negative
// dimension, a leading dimension smaller than a row, or a slice too short for
// its shape. It is a programmer error, so the functions of this package panic
// with it rather than return it.
type ArgError struct {
	Func string // the function that was called, such as "gemm"
	Msg  string // what is wrong, with the sizes involved
}

// Error returns the message prefixed with the package and function.
func (e *ArgError) Error() string {
	return "kernel: " + e.Func + ": " + e.Msg
}

// argPanic panics with an *ArgError for fn, formatting the message.
func argPanic(fn, format string, args ...any) {
	panic(&ArgError{Func: fn, Msg: fmt.Sprintf(format, args...)})
}
