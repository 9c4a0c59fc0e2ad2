package dataset

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// fourSet returns a Set of 4 examples with 2 features, 1 target and labels.
func fourSet() *Set {
	return &Set{
		X: []float64{0, 1, 10, 11, 20, 21, 30, 31}, N: 4, D: 2,
		Y: []float64{0.5, 1.5, 2.5, 3.5}, T: 1,
		Labels: []int{0, 1, 2, 0}, Classes: 3,
	}
}

func TestSubset(t *testing.T) {
	s := fourSet()
	got := s.Subset([]int{3, 1, 3})
	want := &Set{X: []float64{30, 31, 10, 11, 30, 31}, N: 3, D: 2,
		Y: []float64{3.5, 1.5, 3.5}, T: 1, Labels: []int{0, 1, 0}, Classes: 3}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	got.X[0] = -1
	if s.X[6] != 30 {
		t.Errorf("Subset shares memory: got s.X[6] = %v, want 30", s.X[6])
	}
}

func TestSliceAndRow(t *testing.T) {
	s := fourSet()
	v := s.Slice(1, 3)
	want := &Set{X: []float64{10, 11, 20, 21}, N: 2, D: 2,
		Y: []float64{1.5, 2.5}, T: 1, Labels: []int{1, 2}, Classes: 3}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %+v, want %+v", v, want)
	}
	v.Row(0)[1] = 99
	if got := s.Row(1); !reflect.DeepEqual(got, []float64{10, 99}) {
		t.Errorf("Slice is not a view: got s.Row(1) = %v, want [10 99]", got)
	}
}

func TestBatches(t *testing.T) {
	s := fourSet()
	s.N = 5 // indices only; the data is not read
	tests := []struct {
		size int
		want [][]int
	}{
		{2, [][]int{{0, 1}, {2, 3}, {4}}},
		{5, [][]int{{0, 1, 2, 3, 4}}},
		{9, [][]int{{0, 1, 2, 3, 4}}},
	}
	for _, tt := range tests {
		if got := s.Batches(tt.size, nil); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("size %d: got %v, want %v", tt.size, got, tt.want)
		}
	}

	var all []int
	for _, b := range s.Batches(2, rand.New(rand.NewPCG(1, 2))) {
		all = append(all, b...)
	}
	slices.Sort(all)
	if want := []int{0, 1, 2, 3, 4}; !reflect.DeepEqual(all, want) {
		t.Errorf("shuffled batches cover %v, want %v", all, want)
	}
}

func TestSplit(t *testing.T) {
	s := fourSet()
	a, b := s.Split(0.75, nil)
	if a.N != 3 || b.N != 1 || b.X[0] != 30 {
		t.Errorf("got sizes %d and %d, b.X %v; want 3 and 1, [30 31]", a.N, b.N, b.X)
	}
	a, b = s.Split(0.5, rand.New(rand.NewPCG(3, 4)))
	labels := append(slices.Clone(a.Labels), b.Labels...)
	slices.Sort(labels)
	if want := []int{0, 0, 1, 2}; !reflect.DeepEqual(labels, want) {
		t.Errorf("shuffled split labels: got %v, want %v", labels, want)
	}
}

func TestOneHot(t *testing.T) {
	got := OneHot([]int{2, 0}, 3)
	if want := []float64{0, 0, 1, 1, 0, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestPanics(t *testing.T) {
	s := fourSet()
	tests := []struct {
		name string
		f    func()
		want error
	}{
		{"row", func() { s.Row(4) }, ErrIndex},
		{"subset", func() { s.Subset([]int{0, -1}) }, ErrIndex},
		{"slice", func() { s.Slice(3, 5) }, ErrIndex},
		{"batch size", func() { s.Batches(0, nil) }, ErrArgument},
		{"split", func() { s.Split(1.5, nil) }, ErrArgument},
		{"one-hot", func() { OneHot([]int{3}, 3) }, ErrArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				err, _ := recover().(error)
				if !errors.Is(err, tt.want) {
					t.Errorf("got panic %v, want %v", err, tt.want)
				}
			}()
			tt.f()
		})
	}
}
