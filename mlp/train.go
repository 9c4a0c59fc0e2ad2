// This file implements the mini-batch training loop and its progress bar.

package mlp

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/optim"
)

// TrainOptions configures Train. Epochs and BatchSize must be at least 1.
type TrainOptions struct {
	Epochs    int    // passes over the data
	BatchSize int    // examples per step; the last batch of an epoch may be shorter
	Seed      uint64 // seed of the shuffle
	NoShuffle bool   // keep the data's order in every epoch

	// Progress, when not nil, receives a progress bar that is redrawn in
	// place with carriage returns; give it a terminal and nothing else.
	Progress io.Writer

	// OnEpoch, when not nil, is called after each epoch with its
	// statistics; an error from it stops training and is returned.
	OnEpoch func(EpochStats) error
}

// EpochStats sums up one epoch of training.
type EpochStats struct {
	Epoch int           // counted from 1
	Loss  float64       // mean over the epoch's examples of the batch losses
	Steps int           // optimiser steps taken
	Time  time.Duration // wall time of the epoch
}

// Train fits m to data with opt: in each epoch it shuffles the examples
// with a generator seeded by o.Seed (so the same seed gives the same run),
// cuts them into batches of o.BatchSize and takes one optimiser step per
// batch on the objective m.Loss. It returns the statistics of each epoch
// completed.
//
// When m is a DataChecker, data is checked first and an error is returned
// before any step. An error of a step (a non-finite loss) or of o.OnEpoch
// stops training; the statistics so far are returned with it. Train
// panics with an *Error if o.Epochs or o.BatchSize is below 1.
func Train(m Model, opt optim.Optimizer, data *dataset.Set, o TrainOptions) ([]EpochStats, error) {
	if o.Epochs < 1 || o.BatchSize < 1 {
		fail("Train", "epochs %d and batch size %d must both be at least 1", o.Epochs, o.BatchSize)
	}
	if data.N == 0 {
		return nil, dataError("the data set is empty")
	}
	if dc, ok := m.(DataChecker); ok {
		if err := dc.CheckData(data); err != nil {
			return nil, err
		}
	}

	rng := rand.New(rand.NewPCG(o.Seed, 0x2545f4914f6cdd1d))
	buf := newBatchBuffer(data, min(o.BatchSize, data.N))
	params := m.Params()
	var batch *dataset.Set
	f := func(g *graph.Graph, ps []*graph.Node) *graph.Node { return m.Loss(g, ps, batch) }
	bar := progress{w: o.Progress, epochs: o.Epochs}

	var hist []EpochStats
	for e := 1; e <= o.Epochs; e++ {
		start := time.Now()
		order := rng
		if o.NoShuffle {
			order = nil
		}
		batches := data.Batches(o.BatchSize, order)
		sum := 0.0
		for s, idx := range batches {
			batch = buf.gather(idx)
			loss, err := opt.Step(f, params)
			if err != nil {
				bar.clear()
				return hist, fmt.Errorf("mlp: epoch %d, step %d: %w", e, s+1, err)
			}
			sum += loss * float64(len(idx))
			bar.draw(e, s+1, len(batches), sum/float64(min((s+1)*o.BatchSize, data.N)))
		}
		bar.clear()

		st := EpochStats{Epoch: e, Loss: sum / float64(data.N), Steps: len(batches),
			Time: time.Since(start)}
		hist = append(hist, st)
		if o.OnEpoch != nil {
			if err := o.OnEpoch(st); err != nil {
				return hist, err
			}
		}
	}
	return hist, nil
}

// batchBuffer gathers the examples of a batch into memory kept from step to
// step, so that a step allocates no copy of the data.
type batchBuffer struct {
	src, dst *dataset.Set
}

func newBatchBuffer(src *dataset.Set, size int) *batchBuffer {
	dst := &dataset.Set{N: size, D: src.D, T: src.T, Classes: src.Classes,
		Features: src.Features, Targets: src.Targets}
	dst.X = make([]float64, size*src.D)
	if src.Y != nil {
		dst.Y = make([]float64, size*src.T)
	}
	if src.Labels != nil {
		dst.Labels = make([]int, size)
	}
	return &batchBuffer{src: src, dst: dst}
}

// gather copies the examples idx into the buffer and returns them as a Set
// that is valid until the next call.
func (b *batchBuffer) gather(idx []int) *dataset.Set {
	s, d := b.src, b.dst
	for k, i := range idx {
		copy(d.X[k*s.D:(k+1)*s.D], s.X[i*s.D:(i+1)*s.D])
		if s.Y != nil {
			copy(d.Y[k*s.T:(k+1)*s.T], s.Y[i*s.T:(i+1)*s.T])
		}
		if s.Labels != nil {
			d.Labels[k] = s.Labels[i]
		}
	}
	return d.Slice(0, len(idx))
}

// progress draws a one-line bar on w, at most once per 1% of an epoch.
type progress struct {
	w      io.Writer
	epochs int
	last   int // last step drawn
}

func (p *progress) draw(epoch, step, steps int, loss float64) {
	if p.w == nil || (step != steps && (step-p.last)*100 < steps) {
		return
	}
	p.last = step
	const width = 30
	done := width * step / steps
	fmt.Fprintf(p.w, "\repoch %d/%d [%s%s] %d/%d loss %.4f", epoch, p.epochs,
		strings.Repeat("=", done), strings.Repeat(" ", width-done), step, steps, loss)
}

func (p *progress) clear() {
	if p.w != nil && p.last > 0 {
		fmt.Fprint(p.w, "\r\033[K")
	}
	p.last = 0
}
