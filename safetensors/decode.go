// This file implements reading: Decode parses the header, checks that the
// data regions tile the buffer, then converts each region to float64.

package safetensors

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
)

// MaxHeaderSize is the largest header length Decode accepts, as a guard
// against allocating memory for a corrupt length field.
const MaxHeaderSize = 100 << 20

// dtypeSize gives the bytes per value of each dtype Decode reads.
var dtypeSize = map[string]int64{"F64": 8, "F32": 4}

// entry is one tensor of the header, before its data is read.
type entry struct {
	name       string
	dtype      string
	shape      []int
	begin, end int64
}

// rawEntry is the JSON form of an entry; pointers tell a missing field from
// a zero one.
type rawEntry struct {
	Dtype       *string  `json:"dtype"`
	Shape       *[]int   `json:"shape"`
	DataOffsets *[]int64 `json:"data_offsets"`
}

// Read returns the tensors and metadata stored in the file at path; see
// Decode. Errors are *Error values naming path.
func Read(path string) ([]Tensor, map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, ioError(path, err)
	}
	defer f.Close()

	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return decode(f, path, size)
}

// Decode reads one safetensors file from r and returns its tensors, in the
// order of their data, and its metadata, nil when there is none. F32 data is
// widened to float64. Decode reads r to its end and fails on trailing bytes.
// Errors are *Error values that wrap one of the Err values of this package
// or the error of r.
func Decode(r io.Reader) ([]Tensor, map[string]string, error) {
	return decode(r, "", -1)
}

// decode is Decode with the file name that errors report and the file size,
// -1 when unknown.
func decode(r io.Reader, file string, size int64) ([]Tensor, map[string]string, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	header, err := readHeader(br, size)
	if err != nil {
		return nil, nil, withFile(err, file)
	}
	entries, metadata, err := parseHeader(header)
	if err != nil {
		return nil, nil, withFile(err, file)
	}
	bufLen, err := checkLayout(entries)
	if err != nil {
		return nil, nil, withFile(err, file)
	}
	if size >= 0 && 8+int64(len(header))+bufLen != size {
		err := bufferSizeError(entries, bufLen, size-8-int64(len(header)))
		return nil, nil, withFile(err, file)
	}

	tensors := make([]Tensor, len(entries))
	for i, e := range entries {
		data, err := readData(br, e)
		if err != nil {
			return nil, nil, withFile(err, file)
		}
		tensors[i] = Tensor{Name: e.name, Shape: e.shape, Data: data}
	}
	if _, err := br.ReadByte(); err != io.EOF {
		if err != nil {
			return nil, nil, ioError(file, err)
		}
		return nil, nil, &Error{File: file, Err: ErrTrailing, Detail: "bytes follow the last tensor"}
	}
	return tensors, metadata, nil
}

// withFile sets the file name of err, an *Error.
func withFile(err error, file string) error {
	if e, ok := err.(*Error); ok {
		e.File = file
	}
	return err
}

// readHeader reads the length word and the header it announces.
func readHeader(r io.Reader, size int64) ([]byte, error) {
	var word [8]byte
	if n, err := io.ReadFull(r, word[:]); err != nil {
		return nil, readError(err, fmt.Sprintf("length needs 8 bytes, found %d", n))
	}
	n := binary.LittleEndian.Uint64(word[:])
	if size >= 0 && n > uint64(size-8) {
		return nil, &Error{Err: ErrHeaderSize,
			Detail: fmt.Sprintf("header of %d bytes, file has %d after the length", n, size-8)}
	}
	if n > MaxHeaderSize {
		return nil, &Error{Err: ErrHeaderSize,
			Detail: fmt.Sprintf("header of %d bytes, limit is %d", n, MaxHeaderSize)}
	}

	header := make([]byte, n)
	if got, err := io.ReadFull(r, header); err != nil {
		return nil, readError(err, fmt.Sprintf("header needs %d bytes, found %d", n, got))
	}
	return header, nil
}

// readError turns an early end of input into ErrTruncated and keeps any
// other error of the reader.
func readError(err error, detail string) *Error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Err: ErrTruncated, Detail: detail}
	}
	return &Error{Err: err}
}

// parseHeader decodes the header object. It walks the tokens itself because
// decoding into a map would silently keep only the last of two equal keys.
func parseHeader(header []byte) ([]entry, map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(header))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, headerError("", "not a JSON object")
	}

	var entries []entry
	var metadata map[string]string
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, headerError("", err.Error())
		}
		name := tok.(string) // keys of an object are strings
		if seen[name] {
			return nil, nil, &Error{Tensor: name, Err: ErrName, Detail: "name used twice"}
		}
		seen[name] = true

		if name == metadataKey {
			if err := dec.Decode(&metadata); err != nil {
				return nil, nil, headerError("", "__metadata__ is not an object of strings")
			}
			continue
		}
		e, err := parseEntry(dec, name)
		if err != nil {
			return nil, nil, err
		}
		entries = append(entries, e)
	}

	// The closing brace, then only the spaces of the padding.
	if _, err := dec.Token(); err != nil {
		return nil, nil, headerError("", err.Error())
	}
	rest, _ := io.ReadAll(dec.Buffered())
	if len(bytes.TrimSpace(rest)) != 0 {
		return nil, nil, headerError("", "text after the JSON object")
	}
	return entries, metadata, nil
}

// parseEntry decodes the description of the tensor name.
func parseEntry(dec *json.Decoder, name string) (entry, error) {
	var raw rawEntry
	if err := dec.Decode(&raw); err != nil {
		return entry{}, headerError(name, err.Error())
	}
	switch {
	case raw.Dtype == nil:
		return entry{}, headerError(name, "no dtype")
	case raw.Shape == nil:
		return entry{}, headerError(name, "no shape")
	case raw.DataOffsets == nil:
		return entry{}, headerError(name, "no data_offsets")
	}

	e := entry{name: name, dtype: *raw.Dtype, shape: *raw.Shape}
	if e.shape == nil {
		e.shape = []int{} // "shape":null
	}
	if _, ok := dtypeSize[e.dtype]; !ok {
		return entry{}, &Error{Tensor: name, Err: ErrDtype,
			Detail: fmt.Sprintf("%q; want F64 or F32", e.dtype)}
	}
	if len(*raw.DataOffsets) != 2 {
		return entry{}, &Error{Tensor: name, Err: ErrOffsets,
			Detail: fmt.Sprintf("%v is not a [begin, end] pair", *raw.DataOffsets)}
	}
	e.begin, e.end = (*raw.DataOffsets)[0], (*raw.DataOffsets)[1]
	return e, nil
}

// headerError reports a malformed header, at tensor name if not empty.
func headerError(name, detail string) *Error {
	return &Error{Tensor: name, Err: ErrHeader, Detail: detail}
}

// checkLayout sorts entries by their data and checks that each region fits
// its shape and that together they tile [0, bufLen) without gap or overlap.
// It returns bufLen.
func checkLayout(entries []entry) (bufLen int64, err error) {
	for _, e := range entries {
		if err := checkEntry(e); err != nil {
			return 0, err
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.begin, b.begin), cmp.Compare(a.end, b.end))
	})

	for _, e := range entries {
		switch {
		case e.begin < bufLen:
			return 0, &Error{Tensor: e.name, Err: ErrOffsets,
				Detail: fmt.Sprintf("[%d, %d] overlaps the data before it, which ends at %d",
					e.begin, e.end, bufLen)}
		case e.begin > bufLen:
			return 0, &Error{Tensor: e.name, Err: ErrOffsets,
				Detail: fmt.Sprintf("[%d, %d] leaves a gap after the data before it, which ends at %d",
					e.begin, e.end, bufLen)}
		}
		bufLen = e.end
	}
	return bufLen, nil
}

// checkEntry checks one entry's shape against its offsets.
func checkEntry(e entry) error {
	n, ok := numElements(e.shape)
	if !ok {
		return &Error{Tensor: e.name, Err: ErrShape,
			Detail: fmt.Sprintf("shape %v has a negative or too large size", e.shape)}
	}
	if e.begin < 0 || e.end < e.begin {
		return &Error{Tensor: e.name, Err: ErrOffsets,
			Detail: fmt.Sprintf("[%d, %d] is not a range", e.begin, e.end)}
	}
	if want := n * dtypeSize[e.dtype]; e.end-e.begin != want {
		return &Error{Tensor: e.name, Err: ErrOffsets,
			Detail: fmt.Sprintf("[%d, %d] holds %d bytes, %s shape %v needs %d",
				e.begin, e.end, e.end-e.begin, e.dtype, e.shape, want)}
	}
	return nil
}

// bufferSizeError reports a buffer of have bytes where the header asks for
// bufLen, naming the last tensor when data is missing.
func bufferSizeError(entries []entry, bufLen, have int64) error {
	if have > bufLen {
		return &Error{Err: ErrTrailing,
			Detail: fmt.Sprintf("header describes %d bytes of data, file has %d", bufLen, have)}
	}
	for _, e := range entries {
		if e.end > have {
			return &Error{Tensor: e.name, Err: ErrTruncated,
				Detail: fmt.Sprintf("data ends at %d, file has %d bytes of data", e.end, have)}
		}
	}
	return &Error{Err: ErrTruncated} // not reached: bufLen > have
}

// readData reads the region of e and converts it to float64. It converts in
// chunks so that a header that claims more data than r holds costs memory
// only for what r really holds.
func readData(r io.Reader, e entry) ([]float64, error) {
	width := dtypeSize[e.dtype]
	n := (e.end - e.begin) / width
	data := make([]float64, 0, min(n, 1<<13))
	chunk := make([]byte, width*min(max(n, 1), 1<<13))

	for left := n; left > 0; {
		k := min(left, int64(len(chunk))/width)
		buf := chunk[:k*width]
		if got, err := io.ReadFull(r, buf); err != nil {
			err := readError(err, fmt.Sprintf("data ends at %d, input ends at %d",
				e.end, e.begin+(n-left)*width+int64(got)))
			err.Tensor = e.name
			return nil, err
		}
		data = appendValues(data, buf, e.dtype)
		left -= k
	}
	return data, nil
}

// appendValues appends the values encoded in buf to data.
func appendValues(data []float64, buf []byte, dtype string) []float64 {
	if dtype == "F32" {
		for i := 0; i < len(buf); i += 4 {
			v := math.Float32frombits(binary.LittleEndian.Uint32(buf[i:]))
			data = append(data, float64(v))
		}
		return data
	}
	for i := 0; i < len(buf); i += 8 {
		data = append(data, math.Float64frombits(binary.LittleEndian.Uint64(buf[i:])))
	}
	return data
}
