package ops_test

// Benchmarks of the ops that an MLP's forward pass and sweeps run most, at
// the small shapes where the cost of recording a node dominates and at the
// medium shapes of the benchmark workloads.

import (
	"fmt"
	"testing"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

var benchShapes = []struct{ r, c int }{{32, 16}, {128, 256}}

func benchMatrix(r, c int) *graph.Matrix {
	m := graph.NewMatrix(r, c, nil)
	for i := range m.Data {
		m.Data[i] = float64(i%13)/13 - 0.5
	}
	return m
}

// benchOp times f on a graph holding a parameter x of r×c and a row b of
// 1×c, truncating what f records after each call.
func benchOp(b *testing.B, f func(x, row *graph.Node) *graph.Node) {
	for _, s := range benchShapes {
		b.Run(fmt.Sprintf("%dx%d", s.r, s.c), func(b *testing.B) {
			g := graph.New()
			x, row := g.Param(benchMatrix(s.r, s.c)), g.Param(benchMatrix(1, s.c))
			mark := g.Len()
			b.ReportAllocs()
			for b.Loop() {
				f(x, row)
				g.Truncate(mark)
			}
		})
	}
}

func BenchmarkTanh(b *testing.B) {
	benchOp(b, func(x, _ *graph.Node) *graph.Node { return ops.Tanh(x) })
}

func BenchmarkScale(b *testing.B) {
	benchOp(b, func(x, _ *graph.Node) *graph.Node { return ops.Scale(x, 0.5) })
}

func BenchmarkMul(b *testing.B) {
	benchOp(b, func(x, _ *graph.Node) *graph.Node { return ops.Mul(x, x) })
}

func BenchmarkAddBias(b *testing.B) {
	benchOp(b, func(x, row *graph.Node) *graph.Node { return ops.Add(x, row) })
}

func BenchmarkSumRows(b *testing.B) {
	benchOp(b, func(x, _ *graph.Node) *graph.Node { return ops.SumRows(x) })
}

func BenchmarkMSE(b *testing.B) {
	benchOp(b, func(x, _ *graph.Node) *graph.Node { return ops.MSE(x, x) })
}

func BenchmarkMatMulT(b *testing.B) {
	benchOp(b, func(x, _ *graph.Node) *graph.Node { return ops.MatMulT(x, x, true, false) })
}
