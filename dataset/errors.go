// This file holds the error values and the error type of the package.

package dataset

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
)

// Errors that an *Error wraps, or that a panic value wraps; test for them with
// errors.Is.
var (
	// ErrEmpty means a file holds no header row or no data.
	ErrEmpty = errors.New("empty file")
	// ErrColumn means a named column is missing or a column name repeats.
	ErrColumn = errors.New("bad column")
	// ErrRagged means a CSV row has a different number of fields than the
	// header.
	ErrRagged = errors.New("ragged row")
	// ErrNumber means a CSV field does not parse as a number.
	ErrNumber = errors.New("not a number")
	// ErrLabel means a class label is not an integer or lies outside
	// [0, Classes).
	ErrLabel = errors.New("bad label")
	// ErrMagic means an IDX file starts with the wrong magic number.
	ErrMagic = errors.New("wrong magic number")
	// ErrTruncated means a file ends before the data its header announces.
	ErrTruncated = errors.New("truncated file")
	// ErrTrailing means a file holds bytes after the data its header
	// announces.
	ErrTrailing = errors.New("trailing data")
	// ErrMismatch means an image file and a label file disagree on the
	// number of examples.
	ErrMismatch = errors.New("images and labels do not match")
	// ErrNotFound means the MNIST files could not be located.
	ErrNotFound = errors.New("mnist files not found")
	// ErrIndex is wrapped by the panic of a method given an example index
	// out of range.
	ErrIndex = errors.New("index out of range")
	// ErrArgument is wrapped by the panic of a function given an impossible
	// argument.
	ErrArgument = errors.New("bad argument")
)

// Error describes a failure to read a data file.
type Error struct {
	File   string // path of the file; may be empty
	Line   int    // 1-based line of a CSV file; 0 when not about a line
	Err    error  // one of the Err values of this package, or an I/O error
	Detail string // what exactly is wrong; may be empty
}

// Error returns the message
//
//	dataset: FILE: line LINE: ERR: DETAIL
//
// leaving out the parts that are empty.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("dataset: ")
	if e.File != "" {
		b.WriteString(e.File + ": ")
	}
	if e.Line > 0 {
		b.WriteString("line " + strconv.Itoa(e.Line) + ": ")
	}
	b.WriteString(e.Err.Error())
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// ioError wraps err, an error of the file system or a reader, for file. A
// *fs.PathError already names the file, so the name is not repeated.
func ioError(file string, err error) *Error {
	if pe, ok := err.(*fs.PathError); ok && pe.Path == file {
		return &Error{Err: err}
	}
	return &Error{File: file, Err: err}
}
