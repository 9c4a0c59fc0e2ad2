package mlp

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/optim"
	"github.com/hessgo/hessgo/safetensors"
)

func TestSaveLoadBits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.safetensors")
	m := New(Config{Sizes: []int{3, 5, 2}, Activations: []Activation{Softplus, Identity},
		Init: HeNormal, Loss: CrossEntropy, Seed: 4})
	m.Weight(0).Data[0] = math.Copysign(0, -1) // -0 must survive too
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	for _, load := range []func() (*MLP, error){
		func() (*MLP, error) {
			n := New(Config{Sizes: []int{3, 5, 2}, Activations: []Activation{Softplus, Identity},
				Loss: CrossEntropy, Seed: 99})
			return n, n.Load(path)
		},
		func() (*MLP, error) { return Open(path) },
	} {
		n, err := load()
		if err != nil {
			t.Fatal(err)
		}
		a, b := Flat(m), Flat(n)
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				t.Fatalf("entry %d: got %v, want %v, bit for bit", i, b[i], a[i])
			}
		}
		if !slices.Equal(n.Sizes(), m.Sizes()) || n.Activation(0) != Softplus || n.LossKind() != CrossEntropy {
			t.Errorf("architecture: got %v, want %v", n.Metadata(), m.Metadata())
		}
	}
}

// TestLoadErrors checks that a file that does not fit is refused with an
// error naming the file, the tensor and the fault, and that the model is
// left as it was.
func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	saved := New(Config{Sizes: []int{4, 3, 2}, Seed: 1})
	good := filepath.Join(dir, "good.safetensors")
	if err := saved.Save(good); err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.safetensors")
	os.WriteFile(truncated, content[:len(content)-10], 0o644)

	// A file of the right names with one shape changed, and no metadata.
	tensors := []safetensors.Tensor{
		{Name: "layer0.weight", Shape: []int{4, 5}, Data: make([]float64, 20)},
		{Name: "layer0.bias", Shape: []int{1, 3}, Data: make([]float64, 3)},
		{Name: "layer1.weight", Shape: []int{3, 2}, Data: make([]float64, 6)},
		{Name: "layer1.bias", Shape: []int{1, 2}, Data: make([]float64, 2)},
	}
	shapes := filepath.Join(dir, "shapes.safetensors")
	write(t, shapes, tensors, nil)
	missing := filepath.Join(dir, "missing.safetensors")
	write(t, missing, tensors[1:], nil)
	tensors[0] = safetensors.Tensor{Name: "layer0.weight", Shape: []int{4, 3},
		Data: make([]float64, 12)}
	extra := filepath.Join(dir, "extra.safetensors")
	write(t, extra, append(tensors[:4:4], safetensors.Tensor{Name: "layer2.weight",
		Shape: []int{1, 1}, Data: []float64{1}}), nil)
	meta := filepath.Join(dir, "meta.safetensors")
	write(t, meta, tensors, map[string]string{"activations": "tanh,identity"})
	nan := filepath.Join(dir, "nan.safetensors")
	tensors[0].Data[11] = math.NaN()
	write(t, nan, tensors, nil)

	tests := []struct {
		path  string
		err   error
		parts []string // pieces of the message
	}{
		{truncated, safetensors.ErrTruncated, []string{truncated}},
		{shapes, ErrShape, []string{shapes, `"layer0.weight"`, "[4 5]", "4x3"}},
		{missing, ErrMissing, []string{missing, `"layer0.weight"`}},
		{nan, ErrNonFinite, []string{nan, `"layer0.weight"`, "entry 11 is NaN"}},
		{extra, ErrExtra, []string{extra, `"layer2.weight"`}},
		{meta, ErrMetadata, []string{meta, "activations", `"tanh,identity"`, `"relu,identity"`}},
		{filepath.Join(dir, "absent"), os.ErrNotExist, []string{"absent"}},
	}
	for _, tt := range tests {
		m := New(Config{Sizes: []int{4, 3, 2}, Seed: 2})
		before := Flat(m)
		err := m.Load(tt.path)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: got %v, want an error wrapping %v", filepath.Base(tt.path), err, tt.err)
			continue
		}
		for _, p := range tt.parts {
			if !strings.Contains(err.Error(), p) {
				t.Errorf("%s: message %q does not say %s", filepath.Base(tt.path), err, p)
			}
		}
		if !slices.Equal(Flat(m), before) {
			t.Errorf("%s: the failed load changed the model", filepath.Base(tt.path))
		}
	}
}

func write(t *testing.T, path string, ts []safetensors.Tensor, meta map[string]string) {
	t.Helper()
	if err := safetensors.Write(path, ts, meta); err != nil {
		t.Fatal(err)
	}
}

// TestTrainBadData checks that data that do not fit the network are refused
// before any step, leaving the model as it was.
func TestTrainBadData(t *testing.T) {
	labels := func(ls ...int) *dataset.Set {
		return &dataset.Set{N: len(ls), D: 2, X: make([]float64, 2*len(ls)), Labels: ls, Classes: 3}
	}
	tests := []struct {
		name string
		loss Loss
		data *dataset.Set
		want string
	}{
		{"label too large", CrossEntropy, labels(0, 1, 3), "label 3 of example 2 is outside 0..2"},
		{"negative label", CrossEntropy, labels(-1), "label -1 of example 0 is outside 0..2"},
		{"no labels", CrossEntropy, &dataset.Set{N: 1, D: 2, X: make([]float64, 2)}, "no labels"},
		{"features", MSE, &dataset.Set{N: 1, D: 1, X: make([]float64, 1)}, "1 features per example"},
		{"targets", MSE, &dataset.Set{N: 1, D: 2, X: make([]float64, 2), T: 2, Y: make([]float64, 2)},
			"2 targets per example"},
		{"empty", CrossEntropy, labels(), "empty"},
	}
	for _, tt := range tests {
		m := New(Config{Sizes: []int{2, 4, 3}, Loss: tt.loss, Seed: 1})
		before := Flat(m)
		_, err := Train(m, optim.NewSGD(0.1), tt.data, TrainOptions{Epochs: 1, BatchSize: 2})
		if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an ErrData saying %q", tt.name, err, tt.want)
		}
		if !slices.Equal(Flat(m), before) {
			t.Errorf("%s: the model changed", tt.name)
		}
	}
}
