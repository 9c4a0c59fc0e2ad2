// This file packs blocks of op(A) and op(B) into the panel layout that the
// micro-kernels read: a block is cut into panels of mr rows (of A) or nr
// columns (of B), each stored with its k index outermost, and padded with
// zeros to a whole panel. Transposed operands are read in place here.

package kernel

// packA packs rows ic:ic+mb and columns pc:pc+kb of op(A), times alpha, into
// dst as panels of mr rows: entry (i, p) of panel r lands at
// dst[r*mr*kb + p*mr + i].
func (g *gemmArgs) packA(mr int, dst []float64, ic, mb, pc, kb int) {
	for r := 0; r < mb; r += mr {
		w := min(mr, mb-r)
		panel := dst[r*kb : (r+mr)*kb]
		if g.transA {
			// Row p of Aᵀ's panel is a contiguous run of column p of A.
			packRows(panel, g.a[pc*g.lda+ic+r:], g.lda, kb, w, mr, g.alpha)
			continue
		}
		packCols(panel, g.a[(ic+r)*g.lda+pc:], g.lda, w, kb, mr, g.alpha)
	}
}

// packB packs rows pc:pc+kb and columns jc:jc+nb of op(B), times s, into dst
// as panels of nr columns: entry (p, j) of panel q lands at
// dst[q*nr*kb + p*nr + j].
func (g *gemmArgs) packB(nr int, dst []float64, pc, kb, jc, nb int, s float64) {
	for q := 0; q < nb; q += nr {
		w := min(nr, nb-q)
		panel := dst[q*kb : (q+nr)*kb]
		if g.transB {
			packCols(panel, g.b[(jc+q)*g.ldb+pc:], g.ldb, w, kb, nr, s)
			continue
		}
		packRows(panel, g.b[pc*g.ldb+jc+q:], g.ldb, kb, w, nr, s)
	}
}

// packRows copies rows rows of w entries of src (stride ld), times s, into
// dst with stride width, zeroing the width-w entries after each.
func packRows(dst, src []float64, ld, rows, w, width int, s float64) {
	if w == 8 && width == 8 {
		packRows8(dst, src, ld, rows, s)
		return
	}
	for p := 0; p < rows; p++ {
		d := dst[p*width : (p+1)*width]
		row := src[p*ld : p*ld+w]
		if s == 1 && w >= 16 {
			copy(d, row)
		} else {
			// A loop beats a call to memmove on short rows.
			for j, v := range row {
				d[j] = s * v
			}
		}
		if w < width {
			clear(d[w:])
		}
	}
}

// packRows8 is packRows for rows of 8 entries into panels 8 wide, such as
// the panels of a transposed A for the AVX-512 kernel. Whole-array views of
// each row spare the bounds checks of a loop.
func packRows8(dst, src []float64, ld, rows int, s float64) {
	for p := 0; p < rows; p++ {
		d := (*[8]float64)(dst[p*8:])
		r := (*[8]float64)(src[p*ld:])
		d[0], d[1], d[2], d[3] = s*r[0], s*r[1], s*r[2], s*r[3]
		d[4], d[5], d[6], d[7] = s*r[4], s*r[5], s*r[6], s*r[7]
	}
}

// packCols writes the transpose of a w×cols block of src (stride ld), times
// s, into dst: entry (i, p) of src lands at dst[p*width+i], and entries i≥w
// are zeroed.
//
// It reads four rows of src side by side, so that each is read as a stream
// and each write fills four neighbouring entries of dst. Where the CPU has
// AVX2, 4×4 blocks are transposed in registers (pack_amd64.s).
func packCols(dst, src []float64, ld, w, cols, width int, s float64) {
	dst = dst[:cols*width]
	i := 0
	for ; i+4 <= w; i += 4 {
		r0 := src[i*ld : i*ld+cols]
		r1 := src[(i+1)*ld : (i+1)*ld+cols]
		r2 := src[(i+2)*ld : (i+2)*ld+cols]
		r3 := src[(i+3)*ld : (i+3)*ld+cols]
		p0 := 0
		if hasTranspose4 && cols >= 4 {
			// The slices above bound every read; dst bounds every write.
			p0 = cols &^ 3
			_ = dst[(p0-1)*width+i+3]
			transpose4Asm(dst[i:], src[i*ld:], ld, p0, width, s)
		}
		for p := p0; p < cols; p++ {
			v := r0[p]
			d := dst[p*width+i : p*width+i+4 : p*width+i+4]
			d[0], d[1], d[2], d[3] = s*v, s*r1[p], s*r2[p], s*r3[p]
		}
	}
	if i+2 <= w {
		r0 := src[i*ld : i*ld+cols]
		r1 := src[(i+1)*ld : (i+1)*ld+cols]
		for p, v := range r0 {
			d := dst[p*width+i : p*width+i+2 : p*width+i+2]
			d[0], d[1] = s*v, s*r1[p]
		}
		i += 2
	}
	if i < w {
		for p, v := range src[i*ld : i*ld+cols] {
			dst[p*width+i] = s * v
		}
	}
	if w < width {
		for p := 0; p < cols; p++ {
			clear(dst[p*width+w : (p+1)*width])
		}
	}
}
