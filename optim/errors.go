// This file holds the error values and the error type of the package.

package optim

import (
	"errors"
	"fmt"
)

// ErrNonFinite is wrapped by the error of a step whose loss or gradient
// holds a NaN or an infinity. Such a step leaves the parameters and the
// optimiser's state as they were.
var ErrNonFinite = errors.New("non-finite loss or gradient")

// ErrState is wrapped by the error of an UnmarshalBinary given bytes that
// are not the state of its optimiser: truncated, altered, of another kind
// or of another version of the encoding.
var ErrState = errors.New("bad optimiser state")

// Error is the value that the optimisers panic with when they are misused:
// a setting out of range, or parameters whose number or shapes change from
// one step to the next without a call to Reset.
type Error struct {
	Func string // the method called, such as "Adam.Step"
	Msg  string
}

// Error returns the message, such as "optim.Adam.Step: learning rate -1 is not positive".
func (e *Error) Error() string { return "optim." + e.Func + ": " + e.Msg }

func fail(fn, format string, args ...any) {
	panic(&Error{Func: fn, Msg: fmt.Sprintf(format, args...)})
}
