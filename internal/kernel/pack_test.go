package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestPackCols checks packCols, whose 4×4 blocks run in assembly on AVX2,
// entry by entry against a plain transpose: every row count w up to a
// panel's width, column counts around multiples of 4, wide strides and
// scales, with the padding zeroed and nothing written past cols rows.
func TestPackCols(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, width := range []int{4, 8, 10, 12, 24} {
		for w := 1; w <= width; w++ {
			for _, cols := range []int{1, 3, 4, 5, 8, 13, 64, 67} {
				for _, s := range []float64{1, -0.5} {
					ld := cols + 3
					src := randSlice(rng, w*ld)
					dst := make([]float64, (cols+1)*width)
					for i := range dst {
						dst[i] = math.NaN()
					}
					packCols(dst, src, ld, w, cols, width, s)
					name := fmt.Sprintf("w=%d,cols=%d,width=%d,s=%v", w, cols, width, s)
					checkPacked(t, name, dst, src, ld, w, cols, width, s)
				}
			}
		}
	}
}

// checkPacked compares dst with s times the transpose of the w×cols block
// of src, zeros in the padding, and NaNs past the cols rows.
func checkPacked(t *testing.T, name string, dst, src []float64, ld, w, cols,
	width int, s float64) {
	t.Helper()
	for p := 0; p < cols; p++ {
		for i := 0; i < width; i++ {
			want := 0.0
			if i < w {
				want = s * src[i*ld+p]
			}
			if got := dst[p*width+i]; got != want {
				t.Fatalf("%s: dst[%d*%d+%d] got %v, want %v", name, p, width, i, got, want)
			}
		}
	}
	for idx, got := range dst[cols*width:] {
		if !math.IsNaN(got) {
			t.Fatalf("%s: dst[%d] past the block got %v, want it untouched",
				name, cols*width+idx, got)
		}
	}
}

func BenchmarkPackCols(b *testing.B) {
	// The transposed B of A·Bᵀ at 128x256x784: 784 rows of 256, in
	// panels of 24.
	g := gemmArgs{transB: true, b: make([]float64, 784*256), ldb: 256}
	dst := make([]float64, 792*256)
	b.SetBytes(8 * 784 * 256)
	for b.Loop() {
		g.packB(24, dst, 0, 256, 0, 784, 1)
	}
}
