package mlp

import (
	"bytes"
	"errors"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/optim"
)

// TestTrainDeterministic checks that a seed fixes a run bit for bit,
// whatever the number of threads the kernels may use.
func TestTrainDeterministic(t *testing.T) {
	data := mnistBatch(300)
	run := func(procs int) []float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		m := New(Config{Sizes: []int{784, 64, 10}, Loss: CrossEntropy, Seed: 5})
		_, err := Train(m, optim.NewMomentum(0.05, 0.9, true), data,
			TrainOptions{Epochs: 2, BatchSize: 64, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		return Flat(m)
	}
	a, b, c := run(1), run(4), run(4)
	if !slices.Equal(a, b) || !slices.Equal(b, c) {
		t.Errorf("three runs of one seed gave different parameters")
	}
}

func TestTrainProgressAndStop(t *testing.T) {
	data := mnistBatch(100)
	m := New(Config{Sizes: []int{784, 8, 10}, Loss: CrossEntropy, Seed: 1})
	var bar bytes.Buffer
	stop := errors.New("stop")
	var seen []EpochStats
	hist, err := Train(m, optim.NewAdam(1e-3), data, TrainOptions{Epochs: 5, BatchSize: 30,
		Progress: &bar,
		OnEpoch: func(s EpochStats) error {
			seen = append(seen, s)
			if s.Epoch == 2 {
				return stop
			}
			return nil
		}})
	if !errors.Is(err, stop) {
		t.Errorf("error: got %v, want the callback's", err)
	}
	if len(hist) != 2 || len(seen) != 2 || hist[1].Steps != 4 || hist[1].Epoch != 2 {
		t.Errorf("history: got %+v, want 2 epochs of 4 steps", hist)
	}
	for _, want := range []string{"\repoch 1/5 [", "4/4 loss", "\r\033[K"} {
		if !strings.Contains(bar.String(), want) {
			t.Errorf("progress %q does not hold %q", bar.String(), want)
		}
	}
}
