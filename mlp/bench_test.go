package mlp

import (
	"math/rand/v2"
	"testing"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/optim"
)

// mnistBatch returns a random batch shaped like MNIST: 784 features in
// [0, 1) and labels in 0..9.
func mnistBatch(n int) *dataset.Set {
	rng := rand.New(rand.NewPCG(1, 2))
	s := &dataset.Set{N: n, D: 784, X: make([]float64, n*784), Labels: make([]int, n), Classes: 10}
	for i := range s.X {
		s.X[i] = rng.Float64()
	}
	for i := range s.Labels {
		s.Labels[i] = rng.IntN(10)
	}
	return s
}

// BenchmarkAdamStep is one training step of the default network of the
// command train: 784-256-10 ReLU, batch 128, Adam.
func BenchmarkAdamStep(b *testing.B) {
	m := New(Config{Sizes: []int{784, 256, 10}, Loss: CrossEntropy, Seed: 1})
	batch := mnistBatch(128)
	opt := optim.NewAdam(1e-3)
	f := Objective(m, batch)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := opt.Step(f, m.Params()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPredict is the forward pass of the same network on 1000 rows.
func BenchmarkPredict(b *testing.B) {
	m := New(Config{Sizes: []int{784, 256, 10}, Loss: CrossEntropy, Seed: 1})
	batch := mnistBatch(1000)
	x := graph.NewMatrix(batch.N, batch.D, batch.X)
	b.ReportAllocs()
	for b.Loop() {
		m.Predict(x)
	}
}
