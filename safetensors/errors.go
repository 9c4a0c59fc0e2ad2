// This file holds the error values and the error type of the package.

package safetensors

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
)

// Errors that an *Error wraps; test for them with errors.Is.
var (
	// ErrTruncated means the input ended before the length, the header or
	// the data it announces.
	ErrTruncated = errors.New("truncated file")
	// ErrHeaderSize means the header length is larger than the file or than
	// MaxHeaderSize.
	ErrHeaderSize = errors.New("header length out of range")
	// ErrHeader means the header is not the JSON object the format needs.
	ErrHeader = errors.New("malformed header")
	// ErrDtype means a tensor has a dtype this package cannot read.
	ErrDtype = errors.New("unknown dtype")
	// ErrShape means a shape is negative, too large, or does not match the
	// number of values.
	ErrShape = errors.New("bad shape")
	// ErrOffsets means data_offsets are out of range, overlap, leave a gap,
	// or do not match the shape.
	ErrOffsets = errors.New("bad data offsets")
	// ErrName means a tensor name is empty, reserved or repeated.
	ErrName = errors.New("bad tensor name")
	// ErrTrailing means bytes follow the last tensor's data.
	ErrTrailing = errors.New("trailing data")
)

// Error describes a failure to read or write a safetensors file.
type Error struct {
	File   string // path of the file; empty for Encode and Decode
	Tensor string // name of the tensor concerned; empty when none is
	Err    error  // one of the Err values of this package, or an I/O error
	Detail string // what exactly is wrong; may be empty
}

// Error returns the message
//
//	safetensors: FILE: tensor "NAME": ERR: DETAIL
//
// leaving out the parts that are empty.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("safetensors: ")
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

// ioError wraps err, an error of the file system or a reader, for file. A
// *fs.PathError already names the file, so the name is not repeated.
func ioError(file string, err error) *Error {
	if pe, ok := err.(*fs.PathError); ok && pe.Path == file {
		return &Error{Err: err}
	}
	return &Error{File: file, Err: err}
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }
