// This file splits Hessian-vector products over a large batch across
// goroutines.
//
// The objective is a sum of a fixed number S of shard terms, each recorded
// on its own graph. Products, losses and gradients are computed shard by
// shard on min(S, GOMAXPROCS) goroutines, each shard into its own buffer,
// and the buffers are then added in shard order 0, 1, …, S−1. The shards and
// the order of the sums do not depend on the number of goroutines, so the
// results are the same bit for bit on any number of cores.

package hvp

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/mat"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/optim"
	"github.com/hessgo/hessgo/spectral"
)

// ShardObjective records the term of shard s of an objective that is the sum
// of its shard terms, for s in 0..S−1. For a mean over a batch of N rows the
// term of a shard is the sum of its rows' losses divided by N; ShardRange
// gives each shard its rows.
type ShardObjective func(g *graph.Graph, params []*graph.Node, shard int) *graph.Node

// ShardRange returns the rows lo..hi−1 of shard s when n rows are split into
// shards parts of sizes differing by at most one, the larger ones first.
// It panics with an *Error if shards < 1 or s is outside 0..shards−1.
func ShardRange(n, shards, s int) (lo, hi int) {
	if shards < 1 || s < 0 || s >= shards {
		fail("ShardRange", "shard %d of %d", s, shards)
	}
	q, r := n/shards, n%shards
	lo = s*q + min(s, r)
	hi = lo + q
	if s < r {
		hi++
	}
	return lo, hi
}

// Sharded serves Hessian-vector products of an objective split into shards,
// computed concurrently and added in a fixed order. It is a
// spectral.Operator on the flattened parameters. Its methods must not be
// called concurrently with each other.
type Sharded struct {
	shards []*HVP
	bufs   [][]float64
	n      int
}

// NewSharded records, concurrently, the forward pass and the gradient of
// each of the shards terms of f at the current values of params. After the
// parameters change, call Rebuild. It panics with an *Error if shards < 1 or
// params is empty, and with the first panic of a shard's objective, by shard
// order.
func NewSharded(f ShardObjective, shards int, params []*graph.Matrix, opts *Options) *Sharded {
	if shards < 1 {
		fail("NewSharded", "%d shards", shards)
	}
	n := checkParams("NewSharded", params)
	s := &Sharded{shards: make([]*HVP, shards), bufs: make([][]float64, shards), n: n}
	run(shards, func(i int) {
		fi := func(g *graph.Graph, ps []*graph.Node) *graph.Node { return f(g, ps, i) }
		s.shards[i] = New(optim.Objective(fi), params, opts)
		s.bufs[i] = make([]float64, n)
	})
	return s
}

// run calls fn(i) for i in 0..count−1 on min(count, GOMAXPROCS) goroutines
// and waits for them. If calls panic, run panics with the value of the one
// of lowest i, so that what a caller sees does not depend on scheduling.
func run(count int, fn func(i int)) {
	workers := min(count, runtime.GOMAXPROCS(0))
	panics := make([]any, count)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= count {
					return
				}
				func() {
					defer func() { panics[i] = recover() }()
					fn(i)
				}()
			}
		}()
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

// Shards returns the number of shards.
func (s *Sharded) Shards() int { return len(s.shards) }

// Dim returns the number of parameters n.
func (s *Sharded) Dim() int { return s.n }

// Rebuild records every shard again at the current parameter values.
func (s *Sharded) Rebuild() {
	run(len(s.shards), func(i int) { s.shards[i].Rebuild() })
}

// Loss returns the sum of the shard terms, added in shard order.
func (s *Sharded) Loss() float64 {
	var l float64
	for _, h := range s.shards {
		l += h.Loss()
	}
	return l
}

// Gradient writes the gradient, the sum of the shards' gradients in shard
// order, into dst. It panics with an *Error if len(dst) is not Dim().
func (s *Sharded) Gradient(dst []float64) {
	checkLen("Sharded.Gradient", "destination", len(dst), s.n)
	for i, h := range s.shards {
		h.Gradient(s.bufs[i])
	}
	s.sum(dst)
}

// Apply sets dst = H v, the sum of the shards' products in shard order. It
// panics with an *Error if v or dst does not have length Dim().
func (s *Sharded) Apply(dst, v []float64) {
	checkLen("Sharded.Apply", "direction", len(v), s.n)
	checkLen("Sharded.Apply", "destination", len(dst), s.n)
	run(len(s.shards), func(i int) { s.shards[i].Apply(s.bufs[i], v) })
	s.sum(dst)
}

// sum sets dst to the sum of the shard buffers, in shard order.
func (s *Sharded) sum(dst []float64) {
	copy(dst, s.bufs[0])
	for _, b := range s.bufs[1:] {
		for j, x := range b {
			dst[j] += x
		}
	}
}

// Symmetric returns the Hessian as a gonum mat.Symmetric, one product per
// element read.
func (s *Sharded) Symmetric() mat.Symmetric { return spectral.Matrix{Op: s} }

// String returns a short description, such as "hvp.Sharded(4 shards, 97 parameters)".
func (s *Sharded) String() string {
	return fmt.Sprintf("hvp.Sharded(%d shards, %d parameters)", len(s.shards), s.n)
}
