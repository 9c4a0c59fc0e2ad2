// This file implements writing: Encode builds the header and streams the
// data, Write wraps it in an atomic replace of a file.

package safetensors

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Tensor is a named array of float64 values in row-major order.
type Tensor struct {
	Name  string
	Shape []int     // sizes of the dimensions; empty for a scalar
	Data  []float64 // len(Data) is the product of Shape
}

// metadataKey is the header key reserved for the metadata object.
const metadataKey = "__metadata__"

// Encode writes tensors and metadata to w in the safetensors format, every
// tensor as F64, sorted by name. metadata may be nil. Encode does not change
// tensors or reorder the slice. It returns an *Error wrapping ErrName or
// ErrShape, before writing anything, when a name is empty, reserved or
// repeated or a shape does not match its data; otherwise it returns the first
// error of w.
func Encode(w io.Writer, tensors []Tensor, metadata map[string]string) error {
	return encode(w, "", tensors, metadata)
}

// encode is Encode with the file name that errors report.
func encode(w io.Writer, file string, tensors []Tensor, metadata map[string]string) error {
	order, err := sortedTensors(file, tensors)
	if err != nil {
		return err
	}
	header := buildHeader(order, metadata)

	// Length and header, then each tensor's values in the same order.
	bw := bufio.NewWriterSize(w, 1<<16)
	var word [8]byte
	binary.LittleEndian.PutUint64(word[:], uint64(len(header)))
	bw.Write(word[:])
	bw.Write(header)
	for _, t := range order {
		for _, v := range t.Data {
			binary.LittleEndian.PutUint64(word[:], math.Float64bits(v))
			bw.Write(word[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return ioError(file, err)
	}
	return nil
}

// sortedTensors checks every tensor and returns pointers to them sorted by
// name.
func sortedTensors(file string, tensors []Tensor) ([]*Tensor, error) {
	order := make([]*Tensor, len(tensors))
	for i := range tensors {
		t := &tensors[i]
		if err := checkTensor(t); err != nil {
			err.File = file
			return nil, err
		}
		order[i] = t
	}
	slices.SortFunc(order, func(a, b *Tensor) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(order); i++ {
		if order[i].Name == order[i-1].Name {
			return nil, &Error{File: file, Tensor: order[i].Name, Err: ErrName,
				Detail: "name used twice"}
		}
	}
	return order, nil
}

// checkTensor reports whether t can be written.
func checkTensor(t *Tensor) *Error {
	switch t.Name {
	case "":
		return &Error{Err: ErrName, Detail: "empty name"}
	case metadataKey:
		return &Error{Tensor: t.Name, Err: ErrName, Detail: "name is reserved for metadata"}
	}
	n, ok := numElements(t.Shape)
	if !ok {
		return &Error{Tensor: t.Name, Err: ErrShape,
			Detail: fmt.Sprintf("shape %v has a negative or too large size", t.Shape)}
	}
	if n != int64(len(t.Data)) {
		return &Error{Tensor: t.Name, Err: ErrShape,
			Detail: fmt.Sprintf("shape %v needs %d values, data has %d", t.Shape, n, len(t.Data))}
	}
	return nil
}

// numElements returns the product of shape, and false when a size is
// negative or the byte count of the product as F64 would overflow an int64.
func numElements(shape []int) (int64, bool) {
	n := int64(1)
	for _, s := range shape {
		if s < 0 {
			return 0, false
		}
		if s != 0 && n > math.MaxInt64/8/int64(s) {
			return 0, false
		}
		n *= int64(s)
	}
	return n, true
}

// buildHeader returns the JSON header for tensors in the given order,
// padded with spaces to a multiple of 8 bytes. It is written by hand rather
// than with json.Marshal of a map so that the key order is fixed: metadata
// first, then the tensors in data order.
func buildHeader(order []*Tensor, metadata map[string]string) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	if len(metadata) > 0 {
		writeString(&b, metadataKey)
		b.WriteString(":{")
		for i, k := range slices.Sorted(maps.Keys(metadata)) {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(&b, k)
			b.WriteByte(':')
			writeString(&b, metadata[k])
		}
		b.WriteByte('}')
	}
	var offset int64
	for i, t := range order {
		if i > 0 || len(metadata) > 0 {
			b.WriteByte(',')
		}
		end := offset + 8*int64(len(t.Data))
		writeString(&b, t.Name)
		b.WriteString(`:{"dtype":"F64","shape":[`)
		for j, s := range t.Shape {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprint(&b, s)
		}
		fmt.Fprintf(&b, `],"data_offsets":[%d,%d]}`, offset, end)
		offset = end
	}
	b.WriteByte('}')

	// Pad so that the buffer starts 8-byte aligned in the file.
	for b.Len()%8 != 0 {
		b.WriteByte(' ')
	}
	return b.Bytes()
}

// writeString writes s as a JSON string. HTML characters are left as they
// are: the header is never embedded in a web page.
func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)           // a string always encodes
	b.Truncate(b.Len() - 1) // drop the newline Encode appends
}

// Write stores tensors and metadata in the file at path, as Encode does,
// replacing any file there. It writes a temporary file in the same directory,
// syncs it to disk and renames it to path, so that path never holds a
// partial file; on failure the temporary file is removed. The new file has
// permissions 0644. Errors are *Error values naming path.
func Write(path string, tensors []Tensor, metadata map[string]string) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return ioError(path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close() // may already be closed; the error is not news
			os.Remove(tmp)
		}
	}()

	if err := encode(f, path, tensors, metadata); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return ioError(path, err)
	}
	if err := f.Sync(); err != nil {
		return ioError(path, err)
	}
	if err := f.Close(); err != nil {
		return ioError(path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return ioError(path, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable where the system allows it. A failure is
// ignored: the file itself is complete and some systems cannot sync a
// directory.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
