// This file implements saving and loading the parameters of a model as a
// safetensors file.

package mlp

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hessgo/hessgo/safetensors"
)

// Save writes the parameters of m to the safetensors file at path, one F64
// tensor of shape [rows, cols] per parameter, named as ParamNames says.
// When m is a Describer its metadata are stored too. The file is replaced
// atomically: on failure the old file, if any, is left as it was. Errors
// are those of safetensors.Write.
func Save(path string, m Model) error {
	ps, names := m.Params(), m.ParamNames()
	tensors := make([]safetensors.Tensor, len(ps))
	for k, p := range ps {
		tensors[k] = safetensors.Tensor{Name: names[k], Shape: []int{p.Rows, p.Cols}, Data: p.Data}
	}
	var meta map[string]string
	if d, ok := m.(Describer); ok {
		meta = d.Metadata()
	}
	return safetensors.Write(path, tensors, meta)
}

// Load reads the safetensors file at path into the parameters of m. The
// file must hold exactly one tensor per parameter, of the same name and
// shape ([rows, cols], or [n] for a 1×n parameter), with finite values;
// when m is a Describer, each metadata key the file also has must hold the
// same value. Everything is checked before anything is copied, so on error
// m is left untouched. The error is a *FileError naming path, the tensor
// concerned and what is wrong, or the *safetensors.Error of a file that
// cannot be read (missing, truncated, malformed).
func Load(path string, m Model) error {
	tensors, meta, err := safetensors.Read(path)
	if err != nil {
		return err
	}
	if d, ok := m.(Describer); ok {
		if err := checkMetadata(path, d.Metadata(), meta); err != nil {
			return err
		}
	}

	byName := make(map[string]*safetensors.Tensor, len(tensors))
	for i := range tensors {
		byName[tensors[i].Name] = &tensors[i]
	}
	ps, names := m.Params(), m.ParamNames()
	found := make([]*safetensors.Tensor, len(ps))
	for k, p := range ps {
		t := byName[names[k]]
		if t == nil {
			return &FileError{File: path, Tensor: names[k], Err: ErrMissing,
				Detail: fmt.Sprintf("the model's %s parameter is not in the file", p.Shape())}
		}
		if !shapeFits(t.Shape, p.Rows, p.Cols) {
			return &FileError{File: path, Tensor: names[k], Err: ErrShape,
				Detail: fmt.Sprintf("file has shape %v, model has %dx%d", t.Shape, p.Rows, p.Cols)}
		}
		if i := nonFinite(t.Data); i >= 0 {
			return &FileError{File: path, Tensor: names[k], Err: ErrNonFinite,
				Detail: fmt.Sprintf("entry %d is %v", i, t.Data[i])}
		}
		found[k] = t
		delete(byName, names[k])
	}
	if len(byName) > 0 {
		extra := slices.Sorted(maps.Keys(byName))[0]
		return &FileError{File: path, Tensor: extra, Err: ErrExtra,
			Detail: fmt.Sprintf("the model has no parameter of that name (it has %d)", len(ps))}
	}

	for k, p := range ps {
		copy(p.Data, found[k].Data)
	}
	return nil
}

// checkMetadata returns a *FileError wrapping ErrMetadata if the file's
// metadata give another value than the model's for one of its keys.
func checkMetadata(path string, want, have map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if v, ok := have[k]; ok && v != want[k] {
			return &FileError{File: path, Err: ErrMetadata,
				Detail: fmt.Sprintf("%s is %s in the file and %s in the model", k,
					strconv.Quote(v), strconv.Quote(want[k]))}
		}
	}
	return nil
}

func shapeFits(shape []int, rows, cols int) bool {
	switch len(shape) {
	case 2:
		return shape[0] == rows && shape[1] == cols
	case 1:
		return rows == 1 && shape[0] == cols
	}
	return false
}

// nonFinite returns the index of the first NaN or infinity of d, or -1.
func nonFinite(d []float64) int {
	for i, v := range d {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return i
		}
	}
	return -1
}

// Save writes m's parameters and architecture to path; see the function
// Save.
func (m *MLP) Save(path string) error { return Save(path, m) }

// Load reads parameters saved by Save into m; see the function Load.
func (m *MLP) Load(path string) error { return Load(path, m) }

// Open returns a network built from the metadata of the safetensors file
// at path, as Save writes them, with its parameters loaded from the file.
func Open(path string) (*MLP, error) {
	_, meta, err := safetensors.Read(path)
	if err != nil {
		return nil, err
	}
	c, err := configFromMetadata(meta)
	if err != nil {
		return nil, &FileError{File: path, Err: ErrMetadata, Detail: err.Error()}
	}
	m := New(c)
	if err := m.Load(path); err != nil {
		return nil, err
	}
	return m, nil
}

// configFromMetadata parses the metadata that MLP.Metadata writes.
func configFromMetadata(meta map[string]string) (Config, error) {
	var c Config
	for _, k := range []string{"sizes", "activations", "loss"} {
		if _, ok := meta[k]; !ok {
			return c, fmt.Errorf("no %q key: not saved from an MLP", k)
		}
	}
	for _, s := range splitList(meta["sizes"]) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return c, fmt.Errorf("sizes %q: %v", meta["sizes"], err)
		}
		c.Sizes = append(c.Sizes, n)
	}
	for _, s := range splitList(meta["activations"]) {
		a, err := ParseActivation(s)
		if err != nil {
			return c, err
		}
		c.Activations = append(c.Activations, a)
	}
	loss, err := ParseLoss(meta["loss"])
	if err != nil {
		return c, err
	}
	c.Loss = loss
	if err := c.Validate(); err != nil {
		return c, err
	}
	return c, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
