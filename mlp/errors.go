// This file holds the error values and the error types of the package.

package mlp

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Errors that a *FileError or a data error wraps; test for them with
// errors.Is.
var (
	// ErrShape means a saved tensor's shape differs from the parameter of
	// the same name.
	ErrShape = errors.New("shape mismatch")
	// ErrMissing means a file lacks a tensor that the model has.
	ErrMissing = errors.New("missing tensor")
	// ErrExtra means a file holds a tensor that the model does not have.
	ErrExtra = errors.New("unexpected tensor")
	// ErrMetadata means a file's metadata describe another architecture.
	ErrMetadata = errors.New("metadata mismatch")
	// ErrNonFinite means a file holds a NaN or an infinity.
	ErrNonFinite = errors.New("non-finite value")
	// ErrData means a data set does not fit the model: a wrong number of
	// features or targets, or a label outside the model's classes.
	ErrData = errors.New("data do not fit the model")
)

// Error is the value that the functions of this package panic with when
// they are misused: an impossible configuration or option, a flat vector
// of the wrong length, parameters of the wrong shapes.
type Error struct {
	Func string // the function or method called, such as "New"
	Msg  string
}

// Error returns the message, such as "mlp.New: 1 layer size, need at least 2".
func (e *Error) Error() string { return "mlp." + e.Func + ": " + e.Msg }

func fail(fn, format string, args ...any) {
	panic(&Error{Func: fn, Msg: fmt.Sprintf(format, args...)})
}

// FileError describes a weights file that cannot be loaded into a model.
type FileError struct {
	File   string // path of the file
	Tensor string // name of the tensor concerned; empty when none is
	Err    error  // one of the Err values of this package, or a safetensors error
	Detail string // what exactly is wrong; may be empty
}

// Error returns the message
//
//	mlp: FILE: tensor "NAME": ERR: DETAIL
//
// leaving out the parts that are empty. An error of the package safetensors
// already names the file and the tensor and is returned as it is.
func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString("mlp: ")
	if e.File != "" {
		b.WriteString(e.File + ": ")
	}
	if e.Tensor != "" {
		b.WriteString("tensor " + strconv.Quote(e.Tensor) + ": ")
	}
	b.WriteString(e.Err.Error())
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *FileError) Unwrap() error { return e.Err }

// dataError returns an error wrapping ErrData.
func dataError(format string, args ...any) error {
	return fmt.Errorf("mlp: %w: %s", ErrData, fmt.Sprintf(format, args...))
}
