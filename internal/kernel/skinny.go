// This file implements the skinny path of Gemm: products whose C has at most
// 16 columns, or whose inner dimension k is at most 16, such as the output
// layer of a classifier (n = 10) and its backward products.
//
// Blocking and packing pay off when every entry of A and B is used many
// times. Here one of them is used only a few times, so the packed path spends
// more on copies, on edge tiles and on passes over C than on multiply-adds.
// A skinny kernel instead holds an mr-row strip of C, up to 8·nv columns of
// it, in AVX-512 registers, and sums over the whole of k in one sweep:
//
//	C(i, j) = α Σ_p A(i,p) B(p,j) + β C(i,j)
//
// A is read in place, either by rows (op(A) = A) or by columns (op(A) = Aᵀ).
// B is read in place by rows; a transposed B is first copied once into a
// k×n block. The columns past n are masked, in loads of B and in loads and
// stores of C, so nothing is padded. Each entry of C is written once, and
// C is not read when β = 0.
//
// The last strip of rows, when m is not a multiple of mr, is computed as the
// mr rows ending at row m, of which only the new ones are stored; the sum
// for each row is the same whichever strip computes it.

package kernel

// skinnyArgs is what a skinny kernel reads. The asm_gen.go constants give
// the offsets of its fields; strides are in bytes.
type skinnyArgs struct {
	a, b, c       *float64
	k             int
	lda, ldb, ldc int
	chunks        int       // column chunks of 8·nv
	tail          [3]uint64 // the column masks of the last chunk, per register
	alpha, beta   float64
	lo, hi        int // the rows of the strip to store
	betaZero      int // nonzero when beta is zero: C is not read
}

// skinny is one tile shape of skinny kernel: mr rows by registers of the
// given widths in columns. Its kernels, one reading A by rows and one by
// columns, are called through callSkinny, whose direct calls keep
// skinnyArgs off the heap.
type skinny struct {
	mr    int
	width []int
}

// cols returns the number of columns of C that one chunk covers.
func (sk *skinny) cols() int {
	n := 0
	for _, w := range sk.width {
		n += w
	}
	return n
}

// skinnySet holds the skinny kernels of one implementation: for n ≤ 4, 8,
// 12 and 16, and for k ≤ 16 with wider C.
type skinnySet struct {
	n4, n8, n12, n16, short *skinny
}

// skinnyMax is the largest n, or k, that the skinny path takes.
const skinnyMax = 16

// pick returns the skinny kernel for an n-column C with inner dimension k,
// or nil if the product should take the packed path.
func (s *skinnySet) pick(n, k int) *skinny {
	switch {
	case s == nil:
		return nil
	case n <= 4:
		return s.n4
	case n <= 8:
		return s.n8
	case n <= 12:
		return s.n12
	case n <= skinnyMax:
		return s.n16
	case k <= skinnyMax:
		return s.short
	}
	return nil
}

// runSkinny computes the product with sk on up to workers goroutines. A
// transposed B is copied once, before the split, into a k×n block.
func (g *gemmArgs) runSkinny(sk *skinny, workers int) {
	h := *g
	if g.transB {
		ws := workspaces.Get().(*workspace)
		defer putWorkspace(ws)
		ws.b = grow(ws.b, g.k*g.n)
		packCols(ws.b, g.b, g.ldb, g.n, g.k, g.n, 1)
		h.b, h.ldb, h.transB = ws.b, g.n, false
	}
	if workers < 2 || g.m*g.n*g.k < parallelMin {
		h.skinnyBlock(sk, 0, g.m, 0, g.n)
		return
	}
	h.parallel(nil, sk, workers)
}

// skinnyBlock computes rows i0:i1 and columns j0:j1 of C with sk, on the
// calling goroutine. B must not be transposed.
func (g *gemmArgs) skinnyBlock(sk *skinny, i0, i1, j0, j1 int) {
	p := skinnyArgs{
		b: &g.b[j0], k: g.k, ldb: 8 * g.ldb, ldc: 8 * g.ldc,
		alpha: g.alpha, beta: g.beta,
	}
	if g.beta == 0 {
		p.betaZero = 1
	}
	w := sk.cols()
	p.chunks = (j1 - j0 + w - 1) / w
	tail := j1 - j0 - (p.chunks-1)*w
	for v, wv := range sk.width {
		p.tail[v] = 1<<min(max(tail-8*v, 0), wv) - 1
	}

	mr := sk.mr
	for ic := i0; ic < i1; ic += mr {
		mt := min(mr, i1-ic)
		base := ic + mt - mr
		if base < 0 {
			g.skinnyShort(sk, &p, ic, mt, j0)
			continue
		}
		if g.transA {
			p.a, p.lda = &g.a[base], 8*g.lda
		} else {
			p.a, p.lda = &g.a[base*g.lda], 8*g.lda
		}
		p.c = &g.c[base*g.ldc+j0]
		p.lo, p.hi = mr-mt, mr
		callSkinny(sk, g.transA, &p)
	}
}

// skinnyShort computes a strip of mt < mr rows starting at row ic when C has
// fewer than mr rows: those rows of op(A) are copied, zero-padded, into an
// mr-column block that the column kernel reads.
func (g *gemmArgs) skinnyShort(sk *skinny, p *skinnyArgs, ic, mt, j0 int) {
	ws := workspaces.Get().(*workspace)
	defer putWorkspace(ws)
	ws.a = grow(ws.a, g.k*sk.mr)
	if g.transA {
		packRows(ws.a, g.a[ic:], g.lda, g.k, mt, sk.mr, 1)
	} else {
		packCols(ws.a, g.a[ic*g.lda:], g.lda, mt, g.k, sk.mr, 1)
	}
	p.a, p.lda = &ws.a[0], 8*sk.mr
	p.c = &g.c[ic*g.ldc+j0]
	p.lo, p.hi = 0, mt
	callSkinny(sk, true, p)
}
