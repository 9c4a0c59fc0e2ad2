package kernel

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// shape is one product to test: op(A) is m×k, op(B) is k×n.
type shape struct{ m, n, k int }

var testShapes = []shape{
	{1, 1, 1}, {1, 7, 1}, {5, 1, 3}, {2, 3, 4}, {4, 4, 4}, {6, 8, 9},
	{8, 24, 16}, {7, 13, 5}, {13, 7, 11}, {17, 31, 29}, {32, 16, 16},
	{129, 67, 33}, {67, 129, 3}, {128, 10, 40}, {3, 2100, 2}, {70, 70, 70},
	{41, 300, 37},
}

// testImpls returns every implementation the CPU runs, each also with tiny
// block sizes so that every blocking loop takes several turns.
func testImpls() []*impl {
	var out []*impl
	for _, im := range impls() {
		tiny := *im
		tiny.name += "-tiny"
		tiny.kc, tiny.mc, tiny.nc = 5, 2*im.mr, 2*im.nr
		tiny.narrow = nil
		out = append(out, im, &tiny)
	}
	return out
}

// operands holds random inputs for a product, stored with padded strides.
type operands struct {
	g    gemmArgs
	orig []float64 // C before the product
}

// newOperands returns seeded random operands for s; C is filled with cfill
// when it is not NaN, and every leading dimension exceeds its row by pad.
func newOperands(s shape, transA, transB bool, alpha, beta, cfill float64,
	pad int) *operands {
	rng := rand.New(rand.NewPCG(uint64(s.m), uint64(s.n*1000+s.k)))
	ar, ac := s.m, s.k
	if transA {
		ar, ac = ac, ar
	}
	br, bc := s.k, s.n
	if transB {
		br, bc = bc, br
	}
	g := gemmArgs{
		transA: transA, transB: transB, m: s.m, n: s.n, k: s.k,
		alpha: alpha, beta: beta,
		a: randSlice(rng, ar*(ac+pad)), lda: ac + pad,
		b: randSlice(rng, br*(bc+pad)), ldb: bc + pad,
		c: randSlice(rng, s.m*(s.n+pad)), ldc: s.n + pad,
	}
	if !math.IsNaN(cfill) {
		for i := range g.c {
			g.c[i] = cfill
		}
	}
	for i := range g.c {
		if i%g.ldc >= s.n {
			g.c[i] = math.NaN() // padding must stay untouched
		}
	}
	return &operands{g: g, orig: append([]float64(nil), g.c...)}
}

func randSlice(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 2*rng.Float64() - 1
	}
	return x
}

// naive returns C = alpha op(A) op(B) + beta C by the triple loop, with the
// absolute sums that bound its rounding error.
func naive(g *gemmArgs, c []float64) (want, bound []float64) {
	want = append([]float64(nil), c...)
	bound = make([]float64, len(c))
	for i := 0; i < g.m; i++ {
		for j := 0; j < g.n; j++ {
			var s, abs float64
			for p := 0; p < g.k; p++ {
				x, y := at(g.a, g.lda, g.transA, i, p), at(g.b, g.ldb, g.transB, p, j)
				s += x * y
				abs += math.Abs(x * y)
			}
			ij := i*g.ldc + j
			want[ij] = g.alpha * s
			bound[ij] = math.Abs(g.alpha) * abs
			if g.beta != 0 {
				want[ij] += g.beta * c[ij]
				bound[ij] += math.Abs(g.beta * c[ij])
			}
		}
	}
	return want, bound
}

// at returns entry (i, j) of op(X) for X stored with stride ld.
func at(x []float64, ld int, trans bool, i, j int) float64 {
	if trans {
		i, j = j, i
	}
	return x[i*ld+j]
}

func TestGemm(t *testing.T) {
	scalars := []struct{ alpha, beta, cfill float64 }{
		{1, 0, math.NaN()},
		{1, 1, math.NaN()},
		{-0.5, 2, math.NaN()},
		{2, 0, math.Inf(1)},
		{0, 0.5, math.NaN()},
	}
	for _, im := range testImpls() {
		for si, s := range testShapes {
			for tr := range 4 {
				// Beta = 0 over NaNs always, and one other case in turn, so
				// that every pair of shape and scalars meets on some path.
				for _, sc := range []int{0, 1 + (si+tr)%(len(scalars)-1)} {
					sc := scalars[sc]
					ta, tb := tr&1 != 0, tr&2 != 0
					name := fmt.Sprintf("%s/%dx%dx%d/tA=%v,tB=%v/a=%v,b=%v",
						im.name, s.m, s.n, s.k, ta, tb, sc.alpha, sc.beta)
					op := newOperands(s, ta, tb, sc.alpha, sc.beta, sc.cfill, 3)
					checkProduct(t, name, im, op, 2)
				}
			}
		}
	}
}

// checkProduct runs op's product with im on workers workers and compares C,
// padding included, with the naive product.
func checkProduct(t *testing.T, name string, im *impl, op *operands, workers int) {
	t.Helper()
	want, bound := naive(&op.g, op.orig)
	op.g.run(im, workers)
	for idx, got := range op.g.c {
		i, j := idx/op.g.ldc, idx%op.g.ldc
		if j >= op.g.n {
			if !math.IsNaN(got) {
				t.Fatalf("%s: padding C[%d,%d] = %v, want it untouched", name, i, j, got)
			}
			continue
		}
		tol := 1e-15*float64(op.g.k+2)*bound[idx] + 1e-300
		if math.IsNaN(got) || math.Abs(got-want[idx]) > tol {
			t.Fatalf("%s: C[%d,%d] got %v, want %v (tolerance %g)",
				name, i, j, got, want[idx], tol)
		}
	}
}

func TestGemmZeroSizes(t *testing.T) {
	for _, s := range []shape{{0, 3, 2}, {3, 0, 2}, {3, 2, 0}, {0, 0, 0}} {
		op := newOperands(s, false, false, 1, 0, 5, 1)
		checkProduct(t, fmt.Sprintf("%dx%dx%d", s.m, s.n, s.k), active, op, 2)
	}
}

// TestGemmDeterministic checks that C is bit-identical for any number of
// workers, for products cut into a few chunks per worker and, at 260³, above
// fineMax, into one chunk per worker.
func TestGemmDeterministic(t *testing.T) {
	shapes := []shape{{129, 67, 33}, {300, 70, 260}, {64, 400, 80}, {77, 77, 77},
		{260, 260, 260}}
	for _, im := range impls() {
		for _, s := range shapes {
			if s.m*s.n*s.k >= fineMax && (im == pureGo || raceEnabled) {
				continue // slow, and the split is the same for every kernel
			}
			for tr := range 4 {
				var first []float64
				for _, workers := range []int{1, 2, 3, 8} {
					op := newOperands(s, tr&1 != 0, tr&2 != 0, 0.7, 0.3, math.NaN(), 1)
					op.g.run(im, workers)
					if first == nil {
						first = op.g.c
						continue
					}
					for i := range first {
						if math.Float64bits(op.g.c[i]) != math.Float64bits(first[i]) {
							t.Fatalf("%s %v trans %d: workers %d C[%d] got %v, want %v",
								im.name, s, tr, workers, i, op.g.c[i], first[i])
						}
					}
				}
			}
		}
	}
}

func TestGemmGOMAXPROCS(t *testing.T) {
	s := shape{150, 130, 90}
	var results [][]float64
	for _, procs := range []int{1, 2} {
		old := runtime.GOMAXPROCS(procs)
		op := newOperands(s, true, false, 1, 0, math.NaN(), 0)
		g := op.g
		Gemm(g.transA, g.transB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb,
			g.beta, g.c, g.ldc)
		runtime.GOMAXPROCS(old)
		results = append(results, g.c)
	}
	for i := range results[0] {
		if math.Float64bits(results[0][i]) != math.Float64bits(results[1][i]) {
			t.Fatalf("C[%d] with GOMAXPROCS 2 got %v, want %v as with 1",
				i, results[1][i], results[0][i])
		}
	}
}

func TestGemmInputsUnchanged(t *testing.T) {
	op := newOperands(shape{70, 90, 80}, true, true, 1.5, 0.5, math.NaN(), 2)
	a := append([]float64(nil), op.g.a...)
	b := append([]float64(nil), op.g.b...)
	op.g.run(active, 2)
	for i := range a {
		if op.g.a[i] != a[i] {
			t.Fatalf("A[%d] got %v, want %v unchanged", i, op.g.a[i], a[i])
		}
	}
	for i := range b {
		if op.g.b[i] != b[i] {
			t.Fatalf("B[%d] got %v, want %v unchanged", i, op.g.b[i], b[i])
		}
	}
}

func TestGemmAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	for _, s := range []shape{{32, 16, 16}, {128, 256, 256}} {
		op := newOperands(s, false, false, 1, 0, 0, 0)
		g := op.g
		f := func() {
			Gemm(false, false, g.m, g.n, g.k, 1, g.a, g.lda, g.b, g.ldb, 0, g.c, g.ldc)
		}
		f()
		if got := testing.AllocsPerRun(20, f); got != 0 {
			t.Errorf("%v: got %v allocations per call, want 0", s, got)
		}
	}
}

func TestGemmPanics(t *testing.T) {
	x := make([]float64, 12)
	tests := []struct {
		name string
		f    func()
	}{
		{"negative m", func() { Gemm(false, false, -1, 2, 2, 1, x, 2, x, 2, 0, x, 2) }},
		{"lda small", func() { Gemm(false, false, 2, 2, 3, 1, x, 2, x, 2, 0, x, 2) }},
		{"ldb small trans", func() { Gemm(false, true, 2, 3, 2, 1, x, 2, x, 1, 0, x, 3) }},
		{"short C", func() { Gemm(false, false, 4, 4, 1, 1, x, 1, x, 4, 0, x[:10], 4) }},
		{"short A trans", func() { Gemm(true, false, 3, 2, 5, 1, x, 3, x, 2, 0, x, 2) }},
	}
	for _, tt := range tests {
		err := catch(tt.f)
		var ae *ArgError
		if !errors.As(err, &ae) {
			t.Errorf("%s: got panic %v, want an *ArgError", tt.name, err)
		}
	}
}

// catch runs f and returns the error it panics with, or nil.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err, _ = r.(error)
		}
	}()
	f()
	return nil
}

func TestMicroKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, im := range impls() {
		for _, kc := range []int{0, 1, 7, 64} {
			for _, ldb := range []int{im.nr, im.nr + 5} {
				a := randSlice(rng, im.mr*kc)
				b := randSlice(rng, max(kc*ldb, 1))
				const ldc = 41
				for _, store := range []bool{false, true} {
					c := make([]float64, im.mr*ldc)
					for i := range c {
						c[i] = math.NaN()
						if !store && i%ldc < im.nr {
							c[i] = float64(i)
						}
					}
					kern := im.kern
					if store {
						kern = im.kernStore
					}
					kern(kc, a, b, ldb, c, ldc)
					checkTile(t, im, store, kc, a, b, ldb, c, ldc)
				}
			}
		}
	}
}

// checkTile compares the tile that a micro-kernel wrote with the sums it
// should hold: added to C[i,j] = i*ldc+j, or stored, and nothing written
// past nr columns.
func checkTile(t *testing.T, im *impl, store bool, kc int, a, b []float64,
	ldb int, c []float64, ldc int) {
	t.Helper()
	for i := 0; i < im.mr; i++ {
		for j := 0; j < ldc; j++ {
			got := c[i*ldc+j]
			if j >= im.nr {
				if !math.IsNaN(got) {
					t.Fatalf("%s store=%v kc=%d ldb=%d: C[%d,%d] got %v, want it untouched",
						im.name, store, kc, ldb, i, j, got)
				}
				continue
			}
			var want, abs float64
			if !store {
				want = float64(i*ldc + j)
			}
			for p := 0; p < kc; p++ {
				want += a[p*im.mr+i] * b[p*ldb+j]
				abs += math.Abs(a[p*im.mr+i] * b[p*ldb+j])
			}
			if math.IsNaN(got) || math.Abs(got-want) > 1e-15*float64(kc+2)*(abs+math.Abs(want)) {
				t.Fatalf("%s store=%v kc=%d ldb=%d: C[%d,%d] got %v, want %v",
					im.name, store, kc, ldb, i, j, got, want)
			}
		}
	}
}

func TestGemmWideStrides(t *testing.T) {
	// A long k takes several k blocks with the real block sizes, and wide
	// leading dimensions put B's rows far apart when it is read in place.
	shapes := []shape{{20, 50, 784}, {9, 49, 600}, {33, 72, 257}}
	for _, im := range impls() {
		for _, s := range shapes {
			for tr := range 4 {
				for _, beta := range []float64{0, 1} {
					ta, tb := tr&1 != 0, tr&2 != 0
					name := fmt.Sprintf("%s/%dx%dx%d/tA=%v,tB=%v/b=%v",
						im.name, s.m, s.n, s.k, ta, tb, beta)
					op := newOperands(s, ta, tb, 1, beta, math.NaN(), 37)
					if beta == 1 {
						op = newOperands(s, ta, tb, 1, beta, 0.25, 37)
					}
					checkProduct(t, name, im, op, 2)
				}
			}
		}
	}
}

func TestSplitK(t *testing.T) {
	tests := []struct{ kc, k, want int }{
		{256, 1, 1}, {256, 256, 256}, {256, 257, 129}, {256, 784, 196},
		{256, 768, 256}, {5, 29, 5}, {5, 16, 4},
	}
	for _, tt := range tests {
		if got := splitK(tt.kc, tt.k); got != tt.want {
			t.Errorf("splitK(%d, %d) got %d, want %d", tt.kc, tt.k, got, tt.want)
		}
	}
}

// TestSharedPanelLayout checks what the layout of a B packed once for all
// workers assumes: a block of nc columns is a whole number of panels.
func TestSharedPanelLayout(t *testing.T) {
	for _, im := range testImpls() {
		if im.nc%im.nr != 0 {
			t.Errorf("%s: nc %d is not a multiple of nr %d", im.name, im.nc, im.nr)
		}
	}
}
