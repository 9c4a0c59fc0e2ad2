// This file implements reading IDX files, the format of the MNIST data:
//
//	magic   4 bytes: 0, 0, the element type (0x08 for unsigned bytes) and
//	        the number of dimensions k
//	sizes   k big-endian uint32 values
//	data    the product of the sizes in elements, row-major
//
// A file may be gzip-compressed as a whole.

package dataset

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// IDX magic numbers of unsigned-byte files with 3 and 1 dimensions.
const (
	magicImages = 0x00000803
	magicLabels = 0x00000801
)

// Images is the content of an idx3-ubyte file: N images of Rows×Cols pixels.
type Images struct {
	X          []float64 // N×(Rows·Cols) pixels in [0, 1], each image row-major
	N          int
	Rows, Cols int
}

// ReadIDXImages reads the idx3-ubyte file at path, gzip-compressed or not,
// and returns its images with each pixel byte p scaled to p/255. It returns
// an *Error wrapping ErrMagic for a file that is not idx3-ubyte, ErrTruncated
// for one shorter than its sizes announce and ErrTrailing for one longer.
func ReadIDXImages(path string) (*Images, error) {
	sizes, data, err := readIDX(path, magicImages)
	if err != nil {
		return nil, err
	}
	img := &Images{N: sizes[0], Rows: sizes[1], Cols: sizes[2]}
	img.X = make([]float64, len(data))
	for i, p := range data {
		img.X[i] = float64(p) / 255
	}
	return img, nil
}

// ReadIDXLabels reads the idx1-ubyte file at path, gzip-compressed or not,
// and returns its labels. Its errors are those of ReadIDXImages.
func ReadIDXLabels(path string) ([]int, error) {
	_, data, err := readIDX(path, magicLabels)
	if err != nil {
		return nil, err
	}
	labels := make([]int, len(data))
	for i, c := range data {
		labels[i] = int(c)
	}
	return labels, nil
}

// ReadIDXSet reads images and labels from the files at imagesPath and
// labelsPath and returns them as a Set with D = Rows·Cols. A label must lie
// in [0, classes); classes 0 means one more than the largest label. Besides
// the errors of ReadIDXImages, it returns an *Error wrapping ErrMismatch when
// the files hold different numbers of examples and ErrLabel for a label out
// of range.
func ReadIDXSet(imagesPath, labelsPath string, classes int) (*Set, error) {
	img, err := ReadIDXImages(imagesPath)
	if err != nil {
		return nil, err
	}
	labels, err := ReadIDXLabels(labelsPath)
	if err != nil {
		return nil, err
	}
	if len(labels) != img.N {
		return nil, &Error{File: labelsPath, Err: ErrMismatch,
			Detail: fmt.Sprintf("%d labels, %s holds %d images", len(labels), imagesPath, img.N)}
	}

	s := &Set{X: img.X, N: img.N, D: img.Rows * img.Cols, Labels: labels, Classes: classes}
	for i, c := range labels {
		if classes > 0 && c >= classes {
			return nil, &Error{File: labelsPath, Err: ErrLabel,
				Detail: fmt.Sprintf("label %d of example %d not in [0, %d)", c, i, classes)}
		}
		if classes == 0 {
			s.Classes = max(s.Classes, c+1)
		}
	}
	return s, nil
}

// readIDX reads the IDX file at path, which must start with magic, and
// returns its sizes and data bytes.
func readIDX(path string, magic uint32) (sizes []int, data []byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, ioError(path, err)
	}
	defer f.Close()
	r, err := decompress(f)
	if err != nil {
		return nil, nil, &Error{File: path, Err: err}
	}

	sizes, total, err := readIDXHeader(r, magic)
	if err != nil {
		return nil, nil, withFile(err, path)
	}

	// Reading through a limit, rather than into a buffer of the announced
	// size, keeps a corrupt size from costing memory.
	data, err = io.ReadAll(io.LimitReader(r, total+1))
	if err != nil {
		return nil, nil, withFile(readError(err, "body ends early"), path)
	}
	switch {
	case int64(len(data)) < total:
		return nil, nil, &Error{File: path, Err: ErrTruncated,
			Detail: fmt.Sprintf("sizes %v need %d bytes of data, file holds %d", sizes, total, len(data))}
	case int64(len(data)) > total:
		return nil, nil, &Error{File: path, Err: ErrTrailing,
			Detail: fmt.Sprintf("bytes follow the %d bytes of data that sizes %v need", total, sizes)}
	}
	return sizes, data, nil
}

// decompress returns a reader of the content of f, which is gzip-compressed
// if it starts with 0x1f 0x8b.
func decompress(f io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(2)
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		return gzip.NewReader(br)
	}
	return br, nil
}

// readIDXHeader reads the magic number and sizes and returns the sizes and
// their product.
func readIDXHeader(r io.Reader, magic uint32) ([]int, int64, error) {
	var word [4]byte
	if _, err := io.ReadFull(r, word[:]); err != nil {
		return nil, 0, readError(err, "no magic number")
	}
	if got := binary.BigEndian.Uint32(word[:]); got != magic {
		return nil, 0, &Error{Err: ErrMagic,
			Detail: fmt.Sprintf("0x%08x, want 0x%08x (idx%d-ubyte)", got, magic, magic&0xff)}
	}

	k := int(magic & 0xff)
	sizes := make([]int, k)
	total := int64(1)
	for i := range sizes {
		if _, err := io.ReadFull(r, word[:]); err != nil {
			return nil, 0, readError(err, fmt.Sprintf("header ends before size %d of %d", i+1, k))
		}
		sizes[i] = int(binary.BigEndian.Uint32(word[:]))
		if sizes[i] != 0 && total > math.MaxInt32*int64(1<<20)/int64(sizes[i]) {
			return nil, 0, &Error{Err: ErrTruncated, Detail: fmt.Sprintf("sizes %v too large", sizes[:i+1])}
		}
		total *= int64(sizes[i])
	}
	return sizes, total, nil
}

// readError turns an early end of input into ErrTruncated and keeps any
// other error of the reader.
func readError(err error, detail string) *Error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Err: ErrTruncated, Detail: detail}
	}
	return &Error{Err: err, Detail: detail}
}
