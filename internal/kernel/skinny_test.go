package kernel

import (
	"fmt"
	"math"
	"testing"
)

// skinnyShapes returns products for the skinny path: every n from 1 to 17
// and every k from 1 to 17 against wider C, with odd and short m.
func skinnyShapes() []shape {
	var out []shape
	for n := 1; n <= 17; n++ {
		for _, k := range []int{1, 3, 8, 17, 40} {
			for _, m := range []int{1, 11, 12, 13, 37} {
				out = append(out, shape{m, n, k})
			}
		}
	}
	for k := 1; k <= 17; k++ {
		for _, n := range []int{17, 24, 25, 49} {
			for _, m := range []int{5, 8, 9, 23} {
				out = append(out, shape{m, n, k})
			}
		}
	}
	return out
}

func TestGemmSkinny(t *testing.T) {
	scalars := []struct{ alpha, beta, cfill float64 }{
		{1, 0, math.NaN()},
		{-0.5, 2, math.NaN()},
		{1, 1, math.NaN()},
	}
	for _, im := range impls() {
		for si, s := range skinnyShapes() {
			for tr := range 4 {
				ta, tb := tr&1 != 0, tr&2 != 0
				for _, sc := range []int{0, 1 + (si+tr)%2} {
					sc := scalars[sc]
					name := fmt.Sprintf("%s/%dx%dx%d/tA=%v,tB=%v/a=%v,b=%v",
						im.name, s.m, s.n, s.k, ta, tb, sc.alpha, sc.beta)
					op := newOperands(s, ta, tb, sc.alpha, sc.beta, sc.cfill, 1+si%3)
					checkProduct(t, name, im, op, 1)
				}
			}
		}
	}
}

// TestGemmSkinnyParallel checks skinny products large enough to be split,
// against the naive product and for the same bits on any number of workers.
func TestGemmSkinnyParallel(t *testing.T) {
	shapes := []shape{{301, 10, 257}, {256, 16, 128}, {131, 7, 300},
		{129, 256, 10}, {37, 1000, 16}, {8, 3000, 9}}
	for _, im := range impls() {
		for _, s := range shapes {
			for tr := range 4 {
				var first []float64
				for _, workers := range []int{1, 2, 3} {
					name := fmt.Sprintf("%s/%v/trans %d/workers %d", im.name, s, tr, workers)
					op := newOperands(s, tr&1 != 0, tr&2 != 0, 0.7, 0, math.NaN(), 2)
					checkProduct(t, name, im, op, workers)
					if first == nil {
						first = op.g.c
						continue
					}
					for i := range first {
						if math.Float64bits(op.g.c[i]) != math.Float64bits(first[i]) {
							t.Fatalf("%s: C[%d] got %v, want %v as with 1 worker",
								name, i, op.g.c[i], first[i])
						}
					}
				}
			}
		}
	}
}

func TestGemmSkinnyAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	for _, s := range []shape{{128, 10, 256}, {128, 256, 10}, {5, 10, 7}} {
		for tr := range 4 {
			op := newOperands(s, tr&1 != 0, tr&2 != 0, 1, 0, 0, 1)
			g := op.g
			f := func() {
				Gemm(g.transA, g.transB, g.m, g.n, g.k, 1, g.a, g.lda, g.b, g.ldb,
					0, g.c, g.ldc)
			}
			f()
			if got := testing.AllocsPerRun(20, f); got != 0 {
				t.Errorf("%v trans %d: got %v allocations per call, want 0", s, tr, got)
			}
		}
	}
}
