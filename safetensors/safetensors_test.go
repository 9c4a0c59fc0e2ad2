package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.safetensors")

// goldenBytes is the file for goldenTensors and goldenMetadata, worked out
// by hand: the header is 134 bytes of JSON and 2 spaces, 136 = 0x88.
func goldenBytes() []byte {
	var b []byte
	b = append(b, 0x88, 0, 0, 0, 0, 0, 0, 0)
	b = append(b, `{"__metadata__":{"k":"v"},`+
		`"b":{"dtype":"F64","shape":[],"data_offsets":[0,8]},`+
		`"w":{"dtype":"F64","shape":[1,2],"data_offsets":[8,24]}}  `...)
	b = append(b, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f) // b = 0.5
	b = append(b, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f) // w[0] = 1
	b = append(b, 0, 0, 0, 0, 0, 0, 0x00, 0xc0) // w[1] = -2
	return b
}

var (
	goldenTensors = []Tensor{
		{Name: "w", Shape: []int{1, 2}, Data: []float64{1, -2}},
		{Name: "b", Shape: []int{}, Data: []float64{0.5}},
	}
	goldenMetadata = map[string]string{"k": "v"}
)

func TestEncodeGolden(t *testing.T) {
	want := goldenBytes()
	if *update {
		if err := os.WriteFile("testdata/golden.safetensors", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var buf bytes.Buffer
	if err := Encode(&buf, goldenTensors, goldenMetadata); err != nil {
		t.Fatal(err)
	}
	if got := buf.Bytes(); !bytes.Equal(got, want) {
		t.Errorf("Encode:\ngot  %q\nwant %q", got, want)
	}
	file, err := os.ReadFile("testdata/golden.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, want) {
		t.Errorf("testdata/golden.safetensors differs from the hand-computed bytes")
	}
	if goldenTensors[0].Name != "w" {
		t.Errorf("Encode reordered its argument: got %q first, want %q", goldenTensors[0].Name, "w")
	}
}

func TestReadGolden(t *testing.T) {
	tensors, meta, err := Read("testdata/golden.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	want := []Tensor{goldenTensors[1], goldenTensors[0]} // sorted by name
	if !reflect.DeepEqual(tensors, want) {
		t.Errorf("tensors: got %v, want %v", tensors, want)
	}
	if !reflect.DeepEqual(meta, goldenMetadata) {
		t.Errorf("metadata: got %v, want %v", meta, goldenMetadata)
	}
}

func TestDecodeF32(t *testing.T) {
	// Header: 54 bytes of JSON and 2 spaces, 56 = 0x38.
	var b []byte
	b = append(b, 0x38, 0, 0, 0, 0, 0, 0, 0)
	b = append(b, `{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}  `...)
	b = append(b, 0, 0, 0xc0, 0x3f) // 1.5
	b = append(b, 0, 0, 0x80, 0xbe) // -0.25

	tensors, meta, err := Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	want := []Tensor{{Name: "x", Shape: []int{2}, Data: []float64{1.5, -0.25}}}
	if !reflect.DeepEqual(tensors, want) {
		t.Errorf("got %v, want %v", tensors, want)
	}
	if meta != nil {
		t.Errorf("metadata: got %v, want nil", meta)
	}
}

func TestRoundTripBits(t *testing.T) {
	specials := []float64{
		math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1),
		math.Float64frombits(0x7ff8_0000_dead_beef), // quiet NaN with a payload
		math.Float64frombits(0xfff0_0000_0000_0001), // signalling NaN, sign set
		math.SmallestNonzeroFloat64, math.MaxFloat64, -1.0 / 3,
	}
	tests := []struct {
		name    string
		tensors []Tensor
		meta    map[string]string
	}{
		{"specials", []Tensor{{Name: "s", Shape: []int{3, 3}, Data: specials}}, nil},
		{"empty tensor", []Tensor{
			{Name: "e", Shape: []int{0, 4}, Data: []float64{}},
			{Name: "f", Shape: []int{1}, Data: []float64{7}},
		}, map[string]string{"a<b>&": "\"quoted\"\n", "ünï": ""}},
		{"no tensors", nil, map[string]string{"only": "metadata"}},
		{"many", []Tensor{
			{Name: "z", Shape: []int{2, 5000}, Data: make([]float64, 10000)},
			{Name: "a", Shape: []int{1}, Data: []float64{-1}},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.safetensors")
			if err := Write(path, tt.tensors, tt.meta); err != nil {
				t.Fatal(err)
			}
			got, meta, err := Read(path)
			if err != nil {
				t.Fatal(err)
			}
			want := sortedCopy(tt.tensors)
			if len(got) != len(want) {
				t.Fatalf("got %d tensors, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i].Name != want[i].Name || !reflect.DeepEqual(got[i].Shape, want[i].Shape) {
					t.Errorf("tensor %d: got %q %v, want %q %v",
						i, got[i].Name, got[i].Shape, want[i].Name, want[i].Shape)
				}
				for j := range want[i].Data {
					g, w := math.Float64bits(got[i].Data[j]), math.Float64bits(want[i].Data[j])
					if g != w {
						t.Errorf("%s[%d]: got bits %#x, want %#x", want[i].Name, j, g, w)
					}
				}
			}
			if len(tt.meta) > 0 && !reflect.DeepEqual(meta, tt.meta) {
				t.Errorf("metadata: got %v, want %v", meta, tt.meta)
			}
		})
	}
}

// sortedCopy returns tensors sorted by name, as Read returns them.
func sortedCopy(tensors []Tensor) []Tensor {
	out := append([]Tensor(nil), tensors...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Name < out[i].Name {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestEncodeDeterministic(t *testing.T) {
	meta := map[string]string{}
	for _, k := range strings.Fields("q w e r t y u i o p") {
		meta[k] = k + k
	}
	tensors := []Tensor{
		{Name: "c", Shape: []int{1}, Data: []float64{3}},
		{Name: "a", Shape: []int{1}, Data: []float64{1}},
		{Name: "b", Shape: []int{1}, Data: []float64{2}},
	}
	var first bytes.Buffer
	if err := Encode(&first, tensors, meta); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		var again bytes.Buffer
		Encode(&again, tensors, meta)
		if !bytes.Equal(again.Bytes(), first.Bytes()) {
			t.Fatalf("got %q, want %q", again.Bytes(), first.Bytes())
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name    string
		tensors []Tensor
		want    error
		text    string
	}{
		{"empty name", []Tensor{{Shape: []int{1}, Data: []float64{1}}}, ErrName, "empty name"},
		{"reserved", []Tensor{{Name: "__metadata__", Data: []float64{1}}}, ErrName, "reserved"},
		{"duplicate", []Tensor{
			{Name: "w", Shape: []int{1}, Data: []float64{1}},
			{Name: "w", Shape: []int{1}, Data: []float64{2}},
		}, ErrName, `tensor "w": bad tensor name: name used twice`},
		{"short data", []Tensor{{Name: "w", Shape: []int{2, 3}, Data: make([]float64, 5)}},
			ErrShape, `tensor "w": bad shape: shape [2 3] needs 6 values, data has 5`},
		{"negative", []Tensor{{Name: "w", Shape: []int{-1}}}, ErrShape, "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Encode(&buf, tt.tensors, nil)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("got %v, want %v containing %q", err, tt.want, tt.text)
			}
			if buf.Len() != 0 {
				t.Errorf("got %d bytes written, want 0", buf.Len())
			}
		})
	}
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.safetensors")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	// A bad tensor fails after the temporary file exists.
	bad := []Tensor{{Name: "w", Shape: []int{2}, Data: []float64{1}}}
	err := Write(path, bad, nil)
	if !errors.Is(err, ErrShape) || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want ErrShape naming %s", err, path)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("path: got %q, want the old content", got)
	}

	// A rename onto a non-empty directory fails after the data is synced.
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "f"), nil, 0o644)
	if err := Write(sub, goldenTensors, nil); err == nil {
		t.Errorf("Write onto a directory: got nil error, want one")
	}

	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"model.safetensors", "sub"}; !reflect.DeepEqual(names, want) {
		t.Errorf("directory holds %v, want %v", names, want)
	}
}

func TestWriteNoDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "x.safetensors")
	err := Write(path, goldenTensors, nil)
	if err == nil || !strings.Contains(err.Error(), "safetensors: "+path) {
		t.Errorf("got %v, want an error naming %s", err, path)
	}
}

// file builds a safetensors file from a header text and n data bytes, with
// no padding.
func file(header string, n int) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	b = append(b, header...)
	return append(b, make([]byte, n)...)
}

func TestReadErrors(t *testing.T) {
	const one = `"dtype":"F64","shape":[1],"data_offsets":[0,8]`
	long := binary.LittleEndian.AppendUint64(nil, 1000)
	long = append(long, `{}`...)
	tests := []struct {
		name string
		data []byte
		want error
		text string
	}{
		{"empty", nil, ErrTruncated, "length needs 8 bytes, found 0"},
		{"short length", []byte{1, 2, 3}, ErrTruncated, "found 3"},
		{"header past end", long, ErrHeaderSize, "header of 1000 bytes, file has 2"},
		{"huge header", binary.LittleEndian.AppendUint64(nil, 1<<62), ErrHeaderSize, "header of"},
		{"not json", file(`{"w":`, 0), ErrHeader, "malformed header"},
		{"array", file(`[1,2]`, 0), ErrHeader, "not a JSON object"},
		{"text after", file(`{} x`, 0), ErrHeader, "text after"},
		{"bad metadata", file(`{"__metadata__":{"a":1}}`, 0), ErrHeader, "__metadata__"},
		{"no dtype", file(`{"w":{"shape":[1],"data_offsets":[0,8]}}`, 8), ErrHeader,
			`tensor "w": malformed header: no dtype`},
		{"no offsets", file(`{"w":{"dtype":"F64","shape":[1]}}`, 8), ErrHeader, "no data_offsets"},
		{"unknown dtype", file(`{"w":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]}}`, 2),
			ErrDtype, `tensor "w": unknown dtype: "BF16"; want F64 or F32`},
		{"three offsets", file(`{"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8,9]}}`, 8),
			ErrOffsets, "not a [begin, end] pair"},
		{"offsets vs shape", file(`{"w":{"dtype":"F64","shape":[2,2],"data_offsets":[0,24]}}`, 24),
			ErrOffsets, `tensor "w": bad data offsets: [0, 24] holds 24 bytes, F64 shape [2 2] needs 32`},
		{"reversed", file(`{"w":{"dtype":"F64","shape":[0],"data_offsets":[8,0]}}`, 8),
			ErrOffsets, "not a range"},
		{"negative shape", file(`{"w":{"dtype":"F64","shape":[-1],"data_offsets":[0,8]}}`, 8),
			ErrShape, "negative"},
		{"overlap", file(`{"a":{`+one+`},"b":{"dtype":"F64","shape":[1],"data_offsets":[4,12]}}`, 12),
			ErrOffsets, `tensor "b": bad data offsets: [4, 12] overlaps`},
		{"gap", file(`{"a":{`+one+`},"b":{"dtype":"F64","shape":[1],"data_offsets":[16,24]}}`, 24),
			ErrOffsets, `tensor "b": bad data offsets: [16, 24] leaves a gap`},
		{"duplicate", file(`{"a":{`+one+`},"a":{`+one+`}}`, 8),
			ErrName, `tensor "a": bad tensor name: name used twice`},
		{"truncated data", file(`{"a":{`+one+`}}`, 5),
			ErrTruncated, `tensor "a": truncated file: data ends at 8`},
		{"trailing", file(`{"a":{`+one+`}}`, 9), ErrTrailing, "trailing data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.safetensors")
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err := Read(path)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("Read: got %v, want %v containing %q", err, tt.want, tt.text)
			} else if !strings.HasPrefix(err.Error(), "safetensors: "+path+": ") {
				t.Errorf("Read: got %q, want it to start with the package and path", err)
			}

			// Decode does not know the size, yet must find the same fault.
			_, _, err = Decode(bytes.NewReader(tt.data))
			if !errors.Is(err, tt.want) && !(tt.want == ErrHeaderSize && errors.Is(err, ErrTruncated)) {
				t.Errorf("Decode: got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestReadMissing(t *testing.T) {
	_, _, err := Read("testdata/no-such-file")
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want os.ErrNotExist", err)
	}
}
