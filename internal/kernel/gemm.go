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
// The order of k for each entry of C is fixed by kc alone.
func (g *gemmArgs) block(im *impl, i0, i1, j0, j1 int) {
	ws := getWorkspace(im, i1-i0, j1-j0, g.k)
	defer putWorkspace(ws)

	// A direct kernel reads A in place, so alpha goes into packed B.
	direct := im.direct != nil && !g.transA && g.n <= 2*im.nr
	sb := 1.0
	if direct {
		sb = g.alpha
	}

	g.scaleC(i0, i1, j0, j1)
	for jc := j0; jc < j1; jc += im.nc {
		nb := min(im.nc, j1-jc)
		for pc := 0; pc < g.k; pc += im.kc {
			kb := min(im.kc, g.k-pc)
			g.packB(im.nr, ws.b, pc, kb, jc, nb, sb)
			for ic := i0; ic < i1; ic += im.mc {
				mb := min(im.mc, i1-ic)
				if direct {
					g.macroDirect(im, ws, ic, mb, pc, kb, jc, nb)
					continue
				}
				g.packA(im.mr, ws.a, ic, mb, pc, kb)
				macro(im, ws, kb, mb, nb, g.c[ic*g.ldc+jc:], g.ldc)
			}
		}
	}
}

// macroDirect is macro for a direct kernel: it adds op(A)[ic:ic+mb, pc:pc+kb]
// times the packed kb×nb block of B to C[ic:ic+mb, jc:jc+nb].
//
// A last panel of fewer than mr rows is copied, zero-padded, into ws.a, so
// that the kernel never reads past the end of A.
func (g *gemmArgs) macroDirect(im *impl, ws *workspace, ic, mb, pc, kb, jc, nb int) {
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
			bp := ws.b[jr*kb : (jr+nr)*kb]
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

// macro adds the product of the packed mb×kb block of A and kb×nb block of B
// to the mb×nb block of C at c[0].
//
// Tiles that stick out of C go through ws.tile, so that the micro-kernel can
// always write a whole tile.
func macro(im *impl, ws *workspace, kb, mb, nb int, c []float64, ldc int) {
	mr, nr := im.mr, im.nr
	for jr := 0; jr < nb; jr += nr {
		bp := ws.b[jr*kb : (jr+nr)*kb]
		for ir := 0; ir < mb; ir += mr {
			ap := ws.a[ir*kb : (ir+mr)*kb]
			if ir+mr <= mb && jr+nr <= nb {
				im.kern(kb, ap, bp, c[ir*ldc+jr:], ldc)
				continue
			}
			mt, nt := min(mr, mb-ir), min(nr, nb-jr)
			edge(im, ws.tile, kb, ap, bp, c[ir*ldc+jr:], ldc, mt, nt)
		}
	}
}

// edge adds a partial mt×nt tile: the micro-kernel writes a whole tile into
// a zeroed scratch tile, whose valid part is then added to C.
func edge(im *impl, tile []float64, kb int, ap, bp, c []float64, ldc, mt, nt int) {
	tile = tile[:im.mr*im.nr]
	clear(tile)
	im.kern(kb, ap, bp, tile, im.nr)
	addTile(c, ldc, tile, im.nr, mt, nt)
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

// defaultWorkers returns how many goroutines a product may use.
func defaultWorkers() int { return runtime.GOMAXPROCS(0) }
