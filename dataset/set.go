// This file defines Set and the ways to take examples out of one: rows,
// subsets, slices, batches, splits, and one-hot targets.

package dataset

import (
	"fmt"
	"math/rand/v2"
)

// Set is a data set of N examples with D features each and their targets.
// See the package doc for the layout.
type Set struct {
	X    []float64 // N×D features, row-major
	N, D int

	Y []float64 // N×T regression targets, row-major; nil when T = 0
	T int

	Labels  []int // N class indices in [0, Classes); nil when there are none
	Classes int

	Features []string // names of the D features; nil when unknown
	Targets  []string // names of the T targets; nil when unknown
}

// Row returns the features of example i, a slice of s.X. It panics with an
// error wrapping ErrIndex if i is not in [0, N).
func (s *Set) Row(i int) []float64 {
	s.checkIndex(i)
	return s.X[i*s.D : (i+1)*s.D : (i+1)*s.D]
}

// Subset returns a new Set of the examples idx, in that order, copying their
// features and targets; an index may repeat. It panics with an error
// wrapping ErrIndex if an index is not in [0, N).
func (s *Set) Subset(idx []int) *Set {
	z := s.empty(len(idx))
	for k, i := range idx {
		s.checkIndex(i)
		copy(z.X[k*s.D:], s.X[i*s.D:(i+1)*s.D])
		if s.Y != nil {
			copy(z.Y[k*s.T:], s.Y[i*s.T:(i+1)*s.T])
		}
		if s.Labels != nil {
			z.Labels[k] = s.Labels[i]
		}
	}
	return z
}

// empty returns a Set shaped like s with n examples of zeros.
func (s *Set) empty(n int) *Set {
	z := &Set{N: n, D: s.D, T: s.T, Classes: s.Classes,
		Features: s.Features, Targets: s.Targets}
	z.X = make([]float64, n*s.D)
	if s.Y != nil {
		z.Y = make([]float64, n*s.T)
	}
	if s.Labels != nil {
		z.Labels = make([]int, n)
	}
	return z
}

// Slice returns the examples [lo, hi) as a Set that shares X, Y and Labels
// with s: writing to one writes to the other. It panics with an error
// wrapping ErrIndex unless 0 ≤ lo ≤ hi ≤ N.
func (s *Set) Slice(lo, hi int) *Set {
	if lo < 0 || hi < lo || hi > s.N {
		panic(fmt.Errorf("dataset: slice [%d, %d] of %d examples: %w", lo, hi, s.N, ErrIndex))
	}
	z := &Set{N: hi - lo, D: s.D, T: s.T, Classes: s.Classes,
		Features: s.Features, Targets: s.Targets}
	z.X = s.X[lo*s.D : hi*s.D : hi*s.D]
	if s.Y != nil {
		z.Y = s.Y[lo*s.T : hi*s.T : hi*s.T]
	}
	if s.Labels != nil {
		z.Labels = s.Labels[lo:hi:hi]
	}
	return z
}

// Batches returns the indices 0…N-1 cut into batches of size, the last one
// shorter when size does not divide N. With rng nil the indices are in
// order; otherwise they are shuffled by rng first, so that a new rng state
// gives a new epoch. Pass each batch to Subset. It panics with an error
// wrapping ErrArgument if size < 1.
func (s *Set) Batches(size int, rng *rand.Rand) [][]int {
	if size < 1 {
		panic(fmt.Errorf("dataset: batch size %d: %w", size, ErrArgument))
	}
	order := permutation(s.N, rng)
	batches := make([][]int, 0, (s.N+size-1)/size)
	for lo := 0; lo < s.N; lo += size {
		hi := min(lo+size, s.N)
		batches = append(batches, order[lo:hi:hi])
	}
	return batches
}

// Split returns two new Sets, the first with round(frac·N) examples and the
// second with the rest, for example a training and a validation set. With
// rng nil the first Set takes the leading examples; otherwise the examples
// are shuffled by rng first. It panics with an error wrapping ErrArgument
// unless 0 ≤ frac ≤ 1.
func (s *Set) Split(frac float64, rng *rand.Rand) (a, b *Set) {
	if !(frac >= 0 && frac <= 1) {
		panic(fmt.Errorf("dataset: split fraction %v not in [0, 1]: %w", frac, ErrArgument))
	}
	order := permutation(s.N, rng)
	k := int(frac*float64(s.N) + 0.5)
	return s.Subset(order[:k]), s.Subset(order[k:])
}

// permutation returns 0…n-1, shuffled by rng unless rng is nil.
func permutation(n int, rng *rand.Rand) []int {
	if rng != nil {
		return rng.Perm(n)
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return order
}

// checkIndex panics unless i is an example of s.
func (s *Set) checkIndex(i int) {
	if i < 0 || i >= s.N {
		panic(fmt.Errorf("dataset: example %d of %d: %w", i, s.N, ErrIndex))
	}
}

// OneHot returns the len(labels)×classes matrix, row-major, whose row i is 1
// in column labels[i] and 0 elsewhere. It panics with an error wrapping
// ErrArgument if a label is not in [0, classes).
func OneHot(labels []int, classes int) []float64 {
	out := make([]float64, len(labels)*classes)
	for i, c := range labels {
		if c < 0 || c >= classes {
			panic(fmt.Errorf("dataset: one-hot: label %d at %d not in [0, %d): %w",
				c, i, classes, ErrArgument))
		}
		out[i*classes+c] = 1
	}
	return out
}
