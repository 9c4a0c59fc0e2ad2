// This file holds the error type that the package panics with.

package gradcheck

import "fmt"

// Error is the value that Run, Check and CheckWith panic with when they are
// misused: no inputs, an input without a value, an output that is not 1×1,
// a direction of the wrong shape, an order other than 1 or 2.
type Error struct {
	Func string // the function that was called, such as "Run"
	Msg  string
}

// Error returns the message, such as "gradcheck.Run: input x has no value".
func (e *Error) Error() string { return "gradcheck." + e.Func + ": " + e.Msg }

func fail(fn, format string, args ...any) {
	panic(&Error{Func: fn, Msg: fmt.Sprintf(format, args...)})
}
