// Package safetensors reads and writes float64 tensors in the safetensors
// file format, so that hessgo parameters can be saved, reloaded bit for bit
// and exchanged with other tools.
//
// # The format
//
// A file is three parts laid end to end:
//
//	N        8 bytes, little-endian uint64: the length of the header
//	header   N bytes of JSON, padded with spaces so that 8+N is a multiple of 8
//	buffer   the raw tensor data, little-endian, row-major
//
// The header is one JSON object. Each key but "__metadata__" names a tensor:
//
//	{"__metadata__":{"step":"100"},
//	 "w":{"dtype":"F64","shape":[2,3],"data_offsets":[0,48]}}
//
// data_offsets are [begin, end) byte positions within the buffer, counted from
// its first byte. "__metadata__", when present, maps strings to strings.
//
// # Writing
//
// Encode and Write store every tensor as F64. Tensors are sorted by name:
// the header lists them in that order and the buffer holds their data in that
// order, so the same tensors and metadata always give the same bytes. The
// metadata object comes first in the header, its keys sorted. A tensor with
// an empty shape is a scalar and holds one value.
//
// Write replaces the file atomically: it writes a temporary file in the same
// directory, syncs it and renames it over the path. When Write fails the path
// keeps its old content, or stays absent, and the temporary file is removed.
//
// Bad input to Encode and Write (a shape that does not match the data, an
// empty or repeated name) is reported as an error before any byte is
// written; they do not panic.
//
// # Reading
//
// Decode and Read accept the dtypes F64 and F32; F32 values are widened to
// float64 exactly, so files saved from PyTorch in float32 can be opened.
// Tensors come back in the order of their data in the buffer, which for files
// written by this package is sorted by name. The metadata map is nil when the
// file has none.
//
// Reading is strict: the data regions must exactly tile the buffer, with no
// gap, overlap or trailing byte, and each region must hold as many bytes as
// its shape and dtype need. Every failure is an *Error that names the file
// (for Read), the tensor where there is one, and what is wrong; errors.Is
// matches it against the Err values of this package.
//
// # Precision
//
// Values are stored by their IEEE 754 bits, so a round trip through Write and
// Read keeps every float64 exactly: -0, ±Inf and the payload of each NaN.
package safetensors
