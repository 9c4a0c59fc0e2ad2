// This file implements the saving and restoring of an optimiser's state:
// the Stateful interface and the binary encoding that every stateful
// optimiser of this package and of the package newton writes.
//
// An encoded state is
//
//	"hessgo optimiser state\x00"   the header
//	version                        one byte, stateVersion
//	kind                           a uvarint length and the name, such as "optim.Adam"
//	fields                         in the order the optimiser writes them
//	CRC-32C                        of everything before it, 4 bytes little-endian
//
// where an integer field is 8 bytes, a float64 field the 8 bytes of its
// IEEE 754 bits, and a vector field a uvarint length and its float64
// values; all little-endian. The values are copied bit for bit, so a
// restored optimiser continues exactly as the saved one would have.

package optim

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"

	"github.com/hessgo/hessgo/graph"
)

// Stateful is an Optimizer whose state between steps (velocity, moments,
// step count, damping) can be saved and restored exactly.
//
// MarshalBinary returns the state in a versioned, checksummed encoding.
// UnmarshalBinary replaces the state with one that MarshalBinary wrote on
// an optimiser of the same type; the settings (the exported fields) are
// not part of the state and stay as they are. Given a blob that is not
// such a state (truncated, altered, of another kind or version), it
// returns an error wrapping ErrState and leaves the optimiser untouched.
//
// An optimiser restored from the state of another and then stepped with
// the same settings, objective and parameters gives, bit for bit, the
// parameters that the other would have given.
type Stateful interface {
	Optimizer
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

var (
	_ Stateful = (*SGD)(nil)
	_ Stateful = (*Adam)(nil)
)

const (
	stateHeader  = "hessgo optimiser state\x00"
	stateVersion = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// StateWriter builds the encoding of an optimiser's state, for optimisers
// outside this package (those of the package newton) to write the same
// format as the ones inside it. The zero value is not usable; call
// NewStateWriter.
type StateWriter struct {
	buf []byte
}

// NewStateWriter returns a StateWriter for the state of kind, the
// package-qualified name of the optimiser's type, such as "optim.Adam".
func NewStateWriter(kind string) *StateWriter {
	w := &StateWriter{buf: []byte(stateHeader)}
	w.buf = append(w.buf, stateVersion)
	w.buf = binary.AppendUvarint(w.buf, uint64(len(kind)))
	w.buf = append(w.buf, kind...)
	return w
}

// Int appends the integer x.
func (w *StateWriter) Int(x int64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, uint64(x))
}

// Float appends the bits of x.
func (w *StateWriter) Float(x float64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(x))
}

// Floats appends the length of xs and the bits of its values. A nil and an
// empty slice are both read back as nil.
func (w *StateWriter) Floats(xs []float64) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(xs)))
	for _, x := range xs {
		w.Float(x)
	}
}

// Bytes returns the encoding, its checksum appended. The writer must not
// be used after.
func (w *StateWriter) Bytes() []byte {
	return binary.LittleEndian.AppendUint32(w.buf, crc32.Checksum(w.buf, castagnoli))
}

// StateReader reads back, in the order they were written, the fields of a
// state that a StateWriter encoded. The first failure sticks: later reads
// return zeros, and Err reports it.
type StateReader struct {
	rest []byte
	err  error
}

// NewStateReader checks the header, the version, the kind and the checksum
// of data and returns a reader of its fields. The error, which wraps
// ErrState, says which of them is wrong.
func NewStateReader(kind string, data []byte) (*StateReader, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrState, fmt.Sprintf(format, args...))
	}
	if !bytes.HasPrefix(data, []byte(stateHeader)) {
		return nil, bad("%d bytes without the state header", len(data))
	}
	body := data[len(stateHeader):]
	if len(body) < 1+4 {
		return nil, bad("truncated after the header")
	}
	if v := body[0]; v != stateVersion {
		return nil, bad("version %d, want %d", v, stateVersion)
	}
	n, k := binary.Uvarint(body[1:])
	if k <= 0 || n > uint64(len(body)-1-k) {
		return nil, bad("truncated in the kind")
	}
	got := string(body[1+k : 1+k+int(n)])
	if got != kind {
		return nil, bad("the state of %q, not %q", got, kind)
	}
	fields := body[1+k+int(n):]
	if len(fields) < 4 {
		return nil, bad("truncated before the checksum")
	}
	end := len(data) - 4
	if binary.LittleEndian.Uint32(data[end:]) != crc32.Checksum(data[:end], castagnoli) {
		return nil, bad("checksum does not match (truncated or altered)")
	}
	return &StateReader{rest: fields[:len(fields)-4]}, nil
}

// fail records the reader's first error.
func (r *StateReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrState, fmt.Sprintf(format, args...))
	}
}

// word returns the next 8 bytes as an integer, or fails naming the field.
func (r *StateReader) word(name string) uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.rest) < 8 {
		r.fail("truncated in %s", name)
		return 0
	}
	x := binary.LittleEndian.Uint64(r.rest)
	r.rest = r.rest[8:]
	return x
}

// Int reads the integer field name.
func (r *StateReader) Int(name string) int64 { return int64(r.word(name)) }

// Float reads the float64 field name.
func (r *StateReader) Float(name string) float64 { return math.Float64frombits(r.word(name)) }

// Floats reads the vector field name; an empty vector is nil.
func (r *StateReader) Floats(name string) []float64 {
	if r.err != nil {
		return nil
	}
	n, k := binary.Uvarint(r.rest)
	if k <= 0 || n > uint64(len(r.rest)-k)/8 {
		r.fail("truncated in %s", name)
		return nil
	}
	r.rest = r.rest[k:]
	if n == 0 {
		return nil
	}
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = r.Float(name)
	}
	return xs
}

// Check records a failure with the message format, args unless ok; it
// lets an optimiser validate what it read, such as a count that must not
// be negative, in the reader's terms.
func (r *StateReader) Check(ok bool, format string, args ...any) {
	if !ok {
		r.fail(format, args...)
	}
}

// Err returns the first failure of the reads and checks, or an error if
// bytes are left over after the last field, or nil.
func (r *StateReader) Err() error {
	if r.err == nil && len(r.rest) > 0 {
		r.fail("%d bytes after the last field", len(r.rest))
	}
	return r.err
}

// writeMatrices appends a list of matrices: their number, then each one's
// shape and values. A nil list is written as zero matrices.
func writeMatrices(w *StateWriter, ms []*graph.Matrix) {
	w.Int(int64(len(ms)))
	for _, m := range ms {
		w.Int(int64(m.Rows))
		w.Int(int64(m.Cols))
		w.Floats(m.Data)
	}
}

// readMatrices reads a list that writeMatrices wrote; zero matrices are
// nil, the state of an optimiser that has not stepped.
func readMatrices(r *StateReader, name string) []*graph.Matrix {
	n := r.Int(name)
	// Each matrix takes at least 17 bytes, which bounds a forged count.
	r.Check(n >= 0 && n <= int64(len(r.rest)/17), "%s: %d matrices", name, n)
	if r.err != nil || n == 0 {
		return nil
	}
	ms := make([]*graph.Matrix, n)
	for k := range ms {
		rows, cols := r.Int(name), r.Int(name)
		data := r.Floats(name)
		r.Check(fills(rows, cols, len(data)), "%s: matrix %d is %dx%d with %d values",
			name, k, rows, cols, len(data))
		if r.err != nil {
			return nil
		}
		ms[k] = graph.NewMatrix(int(rows), int(cols), data)
	}
	return ms
}

// fills reports whether n values fill a rows×cols matrix, without
// overflowing on forged shapes.
func fills(rows, cols int64, n int) bool {
	if rows < 0 || cols < 0 {
		return false
	}
	if rows == 0 || cols == 0 {
		return n == 0
	}
	return int64(n)%rows == 0 && int64(n)/rows == cols
}

// sameShapes reports whether a and b hold matrices of the same shapes.
func sameShapes(a, b []*graph.Matrix) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !a[k].SameShape(b[k]) {
			return false
		}
	}
	return true
}
