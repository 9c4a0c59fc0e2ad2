package kernel

import (
	"fmt"
	"testing"
)

// benchShapes are the products that hessgo's models run, with 512³ as the
// usual yardstick.
var benchShapes = []struct {
	name           string
	transA, transB bool
	m, n, k        int
}{
	{"512x512x512", false, false, 512, 512, 512},
	{"128x784x256", false, false, 128, 256, 784},
	{"128x256x256", false, false, 128, 256, 256},
	{"128x256x10", false, false, 128, 10, 256},
	{"512x784x1024", false, false, 512, 1024, 784},
	{"512x1024x1024", false, false, 512, 1024, 1024},
	{"AT.B_784x128x256", true, false, 784, 256, 128},
	{"A.BT_128x256x784", false, true, 128, 784, 256},
	{"AT.B_256x128x256", true, false, 256, 256, 128},
	{"A.BT_128x256x256", false, true, 128, 256, 256},
	{"32x16x16", false, false, 32, 16, 16},
	{"128x10x256", false, false, 128, 256, 10},
	{"AT.B_256x128x10", true, false, 256, 10, 128},
	{"A.BT_128x10x256", false, true, 128, 256, 10},
	{"512x1024x10", false, false, 512, 10, 1024},
	{"AT.B_1024x512x10", true, false, 1024, 10, 512},
	{"A.BT_512x10x1024", false, true, 512, 1024, 10},
}

// BenchmarkGemm times Gemm on each workload shape; the names give m×k×n as
// the workloads list them, or the stored shapes for the transposed ones.
func BenchmarkGemm(b *testing.B) {
	for _, s := range benchShapes {
		b.Run(s.name, func(b *testing.B) {
			benchGemm(b, active, s.transA, s.transB, s.m, s.n, s.k)
		})
	}
}

// BenchmarkGemmImpl times every implementation at 512³.
func BenchmarkGemmImpl(b *testing.B) {
	for _, im := range impls() {
		b.Run(fmt.Sprintf("%s/512x512x512", im.name), func(b *testing.B) {
			benchGemm(b, im, false, false, 512, 512, 512)
		})
	}
}

func benchGemm(b *testing.B, im *impl, transA, transB bool, m, n, k int) {
	g := gemmArgs{
		transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1,
		a: make([]float64, m*k), b: make([]float64, k*n), c: make([]float64, m*n),
		lda: k, ldb: n, ldc: n,
	}
	if transA {
		g.lda = m
	}
	if transB {
		g.ldb = k
	}
	for i := range g.a {
		g.a[i] = float64(i%7) - 3
	}
	for i := range g.b {
		g.b[i] = float64(i%5) - 2
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		g.run(im, defaultWorkers())
	}
	flops := 2 * float64(m) * float64(n) * float64(k) * float64(b.N)
	b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkDot(b *testing.B) {
	x, y := make([]float64, 4096), make([]float64, 4096)
	b.SetBytes(2 * 8 * 4096)
	for b.Loop() {
		Dot(x, y)
	}
}

func BenchmarkAxpy(b *testing.B) {
	x, y := make([]float64, 4096), make([]float64, 4096)
	b.SetBytes(2 * 8 * 4096)
	for b.Loop() {
		Axpy(0.5, x, y)
	}
}

// BenchmarkGemmSkinny times the shapes with n ≤ 16 or k ≤ 16 on the skinny
// path and, for comparison, on the packed path of the same implementation.
func BenchmarkGemmSkinny(b *testing.B) {
	if active.skinny == nil {
		b.Skip("no skinny kernels on this CPU")
	}
	packed := *active
	packed.skinny = nil
	for _, s := range benchShapes {
		if active.skinny.pick(s.n, s.k) == nil {
			continue
		}
		for _, im := range []*impl{active, &packed} {
			path := map[bool]string{true: "skinny", false: "packed"}[im.skinny != nil]
			b.Run(s.name+"/"+path, func(b *testing.B) {
				benchGemm(b, im, s.transA, s.transB, s.m, s.n, s.k)
			})
		}
	}
}
