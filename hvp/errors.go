// This file holds the package's error type and named errors.

package hvp

import (
	"errors"
	"fmt"
)

// Error is the value that the functions of this package panic with when
// they are misused: a direction or destination whose shapes do not match
// the parameters, an objective that is not 1×1, an unknown option.
type Error struct {
	Func string // the function or method that was called, such as "HVP.Apply"
	Msg  string
}

// Error returns the message, such as
// "hvp: HVP.Apply: direction 1 is 3x4, parameter 1 is 4x3".
func (e *Error) Error() string { return "hvp: " + e.Func + ": " + e.Msg }

func fail(fn, format string, args ...any) {
	panic(&Error{Func: fn, Msg: fmt.Sprintf(format, args...)})
}

// ErrTooLarge is wrapped by the error that the dense builders (Dense,
// Symmetric, Jacobian) return when the matrix would take more memory than
// the limit they were given. The error names the dimensions and the bytes.
var ErrTooLarge = errors.New("hvp: dense matrix over the memory limit")

// DefaultMaxBytes is the memory limit of the dense builders when they are
// given a limit of zero: 256 MiB, a Hessian of about 5,790 parameters.
const DefaultMaxBytes int64 = 256 << 20
