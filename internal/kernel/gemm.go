// This file implements Gemm: argument checks, the split among workers and
// the blocked loops around the micro-kernel.

package kernel

import "runtime"

// parallelMin is the number of multiply-adds above which Gemm splits the
// product among workers; below it a goroutine hand-off costs more than it
// saves.
const parallelMin = 64 * 64 * 64

// Gemm computes C = alpha*op(A)*op(B) + beta*C, where op(X) is X or Xᵀ as
// transA/transB say. op(A) is m×k, op(B) is k×n, C is m×n; all row-major with
// leading dimensions lda, ldb, ldc. When beta == 0, C is not read (NaNs in C
// do not leak). When alpha == 0 or k == 0, A and B are not read.
//
// Gemm panics with an *ArgError if a dimension is negative, a leading
// dimension is less than the row width of its stored matrix (at least 1), or
// a slice is shorter than its shape needs.
func Gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	g := gemmArgs{
		transA: transA, transB: transB,
		m: m, n: n, k: k,
		alpha: alpha, beta: beta,
		a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
	}
	g.check()
	g.run(active, defaultWorkers())
}

// gemmArgs holds the arguments of one Gemm call.
type gemmArgs struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	a, b, c        []float64
	lda, ldb, ldc  int

	// packedB, when not nil, holds the whole of op(B) packed by parallel
	// for the workers to share: the block of rows pc:pc+kb and columns
	// jc:jc+nb starts at packedB[jc*k + pc*roundUp(nb, nr)], laid out as
	// blockB packs it.
	packedB []float64
}

// check panics with an *ArgError if the arguments do not describe a product.
func (g *gemmArgs) check() {
	if g.m < 0 || g.n < 0 || g.k < 0 {
		argPanic("gemm", "negative dimension in %dx%dx%d", g.m, g.n, g.k)
	}
	ar, ac := g.m, g.k
	if g.transA {
		ar, ac = ac, ar
	}
	br, bc := g.k, g.n
	if g.transB {
		br, bc = bc, br
	}
	checkMatrix("A", g.a, ar, ac, g.lda)
	checkMatrix("B", g.b, br, bc, g.ldb)
	checkMatrix("C", g.c, g.m, g.n, g.ldc)
}

// checkMatrix panics unless x can hold a stored r×c matrix with stride ld.
func checkMatrix(name string, x []float64, r, c, ld int) {
	if ld < max(1, c) {
		argPanic("gemm", "ld%s %d < %d columns", name, ld, c)
	}
	if r > 0 && c > 0 && len(x) < (r-1)*ld+c {
		argPanic("gemm", "len(%s) %d too short for %dx%d with stride %d",
			name, len(x), r, c, ld)
	}
}

// run computes the product with im on up to workers goroutines.
func (g *gemmArgs) run(im *impl, workers int) {
	if g.m == 0 || g.n == 0 {
		return
	}
	if g.alpha == 0 || g.k == 0 {
		g.scaleC(0, g.m, 0, g.n)
		return
	}
	if sk := im.skinny.pick(g.n, g.k); sk != nil {
		g.runSkinny(sk, workers)
		return
	}
	if im.narrow != nil && g.n <= im.narrow.nr*2 {
		im = im.narrow
	}
	if workers < 2 || g.m*g.n*g.k < parallelMin {
		g.block(im, 0, g.m, 0, g.n)
		return
	}
	g.parallel(im, nil, workers)
}

// scaleC sets C[i0:i1, j0:j1] to beta times itself, without reading C when
// beta is zero.
func (g *gemmArgs) scaleC(i0, i1, j0, j1 int) {
	if g.beta == 1 {
		return
	}
	for i := i0; i < i1; i++ {
		row := g.c[i*g.ldc+j0 : i*g.ldc+j1]
		if g.beta == 0 {
			clear(row)
			continue
		}
		Scal(g.beta, row)
	}
}

// block computes rows i0:i1 and columns j0:j1 of C on the calling goroutine.
//
// The loops run, outermost first, over nc columns of op(B), kc steps of k
// (packing that kc×nc block of B) and mc rows of op(A) (packing that mc×kc
// block of A); macro then sweeps the micro-kernel over the packed blocks.
// The order of k for each entry of C is fixed by k and kc alone.
//
// An untransposed B is read in place but for a last panel of fewer than nr
// columns: its rows are already contiguous, and copying them would cost, on
// the short side of C, a fair part of the multiply-adds. When beta is zero,
// the first step of k stores into C rather than adding to it, so that C is
// neither cleared nor read.
func (g *gemmArgs) block(im *impl, i0, i1, j0, j1 int) {
	ws := getWorkspace(im, i1-i0, j1-j0, g.k)
	defer putWorkspace(ws)

	direct := g.direct(im)
	store := g.beta == 0 && !direct
	if !store {
		g.scaleC(i0, i1, j0, j1)
	}

	kc := splitK(im.kc, g.k)
	for jc := j0; jc < j1; jc += im.nc {
		nb := min(im.nc, j1-jc)
		for pc := 0; pc < g.k; pc += kc {
			kb := min(kc, g.k-pc)
			var bb panelsB
			if g.packedB != nil {
				bb.packed = g.packedB[jc*g.k+pc*roundUp(nb, im.nr):]
			} else {
				bb = g.blockB(im.nr, ws.b, pc, kb, jc, nb, g.scaleB(im), !direct)
			}
			for ic := i0; ic < i1; ic += im.mc {
				mb := min(im.mc, i1-ic)
				if direct {
					g.macroDirect(im, ws, bb.packed, ic, mb, pc, kb, jc, nb)
					continue
				}
				g.packA(im.mr, ws.a, ic, mb, pc, kb)
				macro(im, store && pc == 0, ws, &bb, kb, mb, nb, g.c[ic*g.ldc+jc:], g.ldc)
			}
		}
	}
}

// direct reports whether block computes the product with im's direct
// kernel, which reads A in place.
func (g *gemmArgs) direct(im *impl) bool {
	return im.direct != nil && !g.transA && g.n <= 2*im.nr
}

// scaleB returns the factor that packed B carries: alpha for a direct
// kernel, which reads A unscaled, and 1 otherwise, alpha going into packed
// A.
func (g *gemmArgs) scaleB(im *impl) float64 {
	if g.direct(im) {
		return g.alpha
	}
	return 1
}

// packsB reports whether block packs every block of op(B), rather than
// reading its full panels in place.
func (g *gemmArgs) packsB(im *impl) bool { return g.transB || g.direct(im) }

// packPanelB packs the q-th panel of nr columns of op(B), for every block of
// rows, into g.packedB.
func (g *gemmArgs) packPanelB(im *impl, q int) {
	col := q * im.nr
	jc := col / im.nc * im.nc
	nbp := roundUp(min(im.nc, g.n-jc), im.nr)
	w := min(im.nr, g.n-col)
	kc := splitK(im.kc, g.k)
	for pc := 0; pc < g.k; pc += kc {
		kb := min(kc, g.k-pc)
		off := jc*g.k + pc*nbp + (col-jc)*kb
		g.packB(im.nr, g.packedB[off:off+im.nr*kb], pc, kb, col, w, g.scaleB(im))
	}
}

// splitK returns the step of k for blocks of at most kc: the k indices are
// cut into the fewest blocks, of near-equal size, so that no short last
// block costs a pass over C for a few multiply-adds.
func splitK(kc, k int) int {
	n := (k + kc - 1) / kc
	return (k + n - 1) / n
}

// panelsB locates the panels of a kb×nb block of op(B) for macro: the first
// full columns are read in place from b with stride ldb, the rest from
// packed panels of nr columns each.
type panelsB struct {
	b      []float64
	ldb    int
	full   int
	packed []float64
}

// blockB returns the panels of rows pc:pc+kb and columns jc:jc+nb of op(B),
// packing into dst, times s, those that are not read in place. Full panels
// are read in place when inPlace is set and B is not transposed.
func (g *gemmArgs) blockB(nr int, dst []float64, pc, kb, jc, nb int, s float64,
	inPlace bool) panelsB {
	if !inPlace || g.transB || s != 1 {
		g.packB(nr, dst, pc, kb, jc, nb, s)
		return panelsB{packed: dst}
	}
	full := nb / nr * nr
	if full < nb {
		packRows(dst, g.b[pc*g.ldb+jc+full:], g.ldb, kb, nb-full, nr, 1)
	}
	return panelsB{b: g.b[pc*g.ldb+jc:], ldb: g.ldb, full: full, packed: dst}
}

// panel returns the kb×nr panel of B that starts at column jr of the block,
// and its row stride.
func (pb *panelsB) panel(jr, kb, nr int) ([]float64, int) {
	if jr < pb.full {
		return pb.b[jr:], pb.ldb
	}
	off := (jr - pb.full) * kb
	return pb.packed[off : off+nr*kb], nr
}

// macroDirect is macro for a direct kernel: it adds op(A)[ic:ic+mb, pc:pc+kb]
// times the kb×nb block of B, packed at packed[0], to C[ic:ic+mb, jc:jc+nb].
//
// A last panel of fewer than mr rows is copied, zero-padded, into ws.a, so
// that the kernel never reads past the end of A.
func (g *gemmArgs) macroDirect(im *impl, ws *workspace, packed []float64,
	ic, mb, pc, kb, jc, nb int) {
	mr, nr, ldc := im.mr, im.nr, g.ldc
	for ir := 0; ir < mb; ir += mr {
		ap, lda := g.a[(ic+ir)*g.lda+pc:], g.lda
		if mt := min(mr, mb-ir); mt < mr {
			ap, lda = ws.a[:mr*kb], kb
			packRows(ap, g.a[(ic+ir)*g.lda+pc:], g.lda, mt, kb, kb, 1)
			clear(ap[mt*kb:])
		}
		ap = ap[:(mr-1)*lda+kb]

		for jr := 0; jr < nb; jr += nr {
			bp := packed[jr*kb : (jr+nr)*kb]
			c := g.c[(ic+ir)*ldc+jc+jr:]
			if mt, nt := min(mr, mb-ir), min(nr, nb-jr); mt < mr || nt < nr {
				tile := ws.tile[:mr*nr]
				clear(tile)
				im.direct(kb, ap, lda, bp, tile, nr)
				addTile(c, ldc, tile, nr, mt, nt)
				continue
			}
			im.direct(kb, ap, lda, bp, c, ldc)
		}
	}
}

// macro adds the product of the packed mb×kb block of A and the kb×nb block
// of B in bb to the mb×nb block of C at c[0], or stores it there if store is
// set.
//
// Tiles that stick out of C go through ws.tile, so that the micro-kernel can
// always write a whole tile.
func macro(im *impl, store bool, ws *workspace, bb *panelsB, kb, mb, nb int,
	c []float64, ldc int) {
	mr, nr := im.mr, im.nr
	kern := im.kern
	if store {
		kern = im.kernStore
	}
	for jr := 0; jr < nb; jr += nr {
		bp, ldb := bb.panel(jr, kb, nr)
		for ir := 0; ir < mb; ir += mr {
			ap := ws.a[ir*kb : (ir+mr)*kb]
			if ir+mr <= mb && jr+nr <= nb {
				kern(kb, ap, bp, ldb, c[ir*ldc+jr:], ldc)
				continue
			}
			mt, nt := min(mr, mb-ir), min(nr, nb-jr)
			tile := ws.tile[:mr*nr]
			im.kernStore(kb, ap, bp, ldb, tile, nr)
			if store {
				copyTile(c[ir*ldc+jr:], ldc, tile, nr, mt, nt)
				continue
			}
			addTile(c[ir*ldc+jr:], ldc, tile, nr, mt, nt)
		}
	}
}

// addTile adds the top-left mt×nt corner of tile (row stride nr) to C.
func addTile(c []float64, ldc int, tile []float64, nr, mt, nt int) {
	for i := 0; i < mt; i++ {
		row := c[i*ldc : i*ldc+nt]
		for j, v := range tile[i*nr : i*nr+nt] {
			row[j] += v
		}
	}
}

// copyTile copies the top-left mt×nt corner of tile (row stride nr) to C.
func copyTile(c []float64, ldc int, tile []float64, nr, mt, nt int) {
	for i := 0; i < mt; i++ {
		copy(c[i*ldc:i*ldc+nt], tile[i*nr:i*nr+nt])
	}
}

// defaultWorkers returns how many goroutines a product may use.
func defaultWorkers() int { return runtime.GOMAXPROCS(0) }
