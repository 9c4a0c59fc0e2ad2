// This file describes micro-kernels and holds the pure Go one.

package kernel

// microKernel adds the product of a packed mr×kc panel of A and a kc×nr
// panel of B with row stride ldb to the mr×nr tile of C at c[0] with row
// stride ldc:
//
//	c[i*ldc+j] += Σ_p a[p*mr+i] b[p*ldb+j]
//
// The sum for each entry runs over p in increasing order, starting from zero,
// and is added to C once at the end. A packed panel of B has ldb = nr; an
// unpacked one is read in place with the stride of B.
type microKernel func(kc int, a, b []float64, ldb int, c []float64, ldc int)

// directKernel is a microKernel that reads A in place rather than packed:
// entry (i, p) of the panel is a[i*lda+p].
type directKernel func(kc int, a []float64, lda int, b, c []float64, ldc int)

// impl is one micro-kernel with its tile shape and the cache block sizes
// that suit it. mc is a multiple of mr and nc a multiple of nr, so that tile
// edges fall at the same places however the work is split.
type impl struct {
	name       string
	mr, nr     int
	kc, mc, nc int
	kern       microKernel
	kernStore  microKernel // kern storing the sum into C instead of adding it
	narrow     *impl       // used instead when C has at most 2*narrow.nr columns

	// skinny, if not nil, serves products with at most 16 columns of C or
	// an inner dimension of at most 16; see skinny.go.
	skinny *skinnySet

	// direct, if not nil, serves products whose C has at most 2*nr
	// columns and whose A is not transposed. B is then reused too little
	// for packing A to pay.
	direct directKernel
}

// pureGo is the portable micro-kernel. A 4×4 tile keeps its sixteen sums in
// the sixteen registers that the Go compiler can give it on amd64.
var pureGo = &impl{
	name: "purego",
	mr:   4, nr: 4,
	kc: 256, mc: 64, nc: 1024,
	kern: kernGo, kernStore: kernGoStore,
}

// active is the micro-kernel that Gemm uses: the best one the CPU runs.
var active = bestImpl()

// bestImpl returns the fastest implementation the CPU supports.
func bestImpl() *impl {
	if im := asmImpls(); len(im) > 0 {
		return im[len(im)-1]
	}
	return pureGo
}

// impls returns every implementation this CPU can run, slowest first.
func impls() []*impl {
	return append([]*impl{pureGo}, asmImpls()...)
}

// kernGo is the pure Go 4×4 micro-kernel.
func kernGo(kc int, a, b []float64, ldb int, c []float64, ldc int) {
	kern4x4(kc, a, b, ldb, c, ldc, false)
}

// kernGoStore is kernGo storing its sums into C.
func kernGoStore(kc int, a, b []float64, ldb int, c []float64, ldc int) {
	kern4x4(kc, a, b, ldb, c, ldc, true)
}

// kern4x4 adds the 4×4 tile of sums to C, or stores it if store is set.
func kern4x4(kc int, a, b []float64, ldb int, c []float64, ldc int, store bool) {
	var c00, c01, c02, c03 float64
	var c10, c11, c12, c13 float64
	var c20, c21, c22, c23 float64
	var c30, c31, c32, c33 float64

	a = a[:4*kc]
	for p, q := 0, 0; p+4 <= len(a); p, q = p+4, q+ldb {
		ap, bp := a[p:p+4:p+4], b[q:q+4:q+4]
		a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		c00, c01, c02, c03 = c00+a0*b0, c01+a0*b1, c02+a0*b2, c03+a0*b3
		c10, c11, c12, c13 = c10+a1*b0, c11+a1*b1, c12+a1*b2, c13+a1*b3
		c20, c21, c22, c23 = c20+a2*b0, c21+a2*b1, c22+a2*b2, c23+a2*b3
		c30, c31, c32, c33 = c30+a3*b0, c31+a3*b1, c32+a3*b2, c33+a3*b3
	}

	if store {
		setRow4(c[0:4:4], c00, c01, c02, c03)
		setRow4(c[ldc:ldc+4:ldc+4], c10, c11, c12, c13)
		setRow4(c[2*ldc:2*ldc+4:2*ldc+4], c20, c21, c22, c23)
		setRow4(c[3*ldc:3*ldc+4:3*ldc+4], c30, c31, c32, c33)
		return
	}
	addRow4(c[0:4:4], c00, c01, c02, c03)
	addRow4(c[ldc:ldc+4:ldc+4], c10, c11, c12, c13)
	addRow4(c[2*ldc:2*ldc+4:2*ldc+4], c20, c21, c22, c23)
	addRow4(c[3*ldc:3*ldc+4:3*ldc+4], c30, c31, c32, c33)
}

// addRow4 adds four sums to the first four entries of row.
func addRow4(row []float64, s0, s1, s2, s3 float64) {
	row[0] += s0
	row[1] += s1
	row[2] += s2
	row[3] += s3
}

// setRow4 sets the first four entries of row to four sums.
func setRow4(row []float64, s0, s1, s2, s3 float64) {
	row[0], row[1], row[2], row[3] = s0, s1, s2, s3
}
