//go:build amd64 && !purego

package kernel

import "golang.org/x/sys/cpu"

// transpose4 writes s times the transpose of a 4×cols block of src (stride
// ld) into dst: entry (i, p) of src lands at dst[p*width+i], for p below
// cols rounded down to a multiple of 4. It is in pack_amd64.s.
//
//go:noescape
func transpose4(dst, src *float64, ld, cols, width int, s float64)

var hasTranspose4 = cpu.X86.HasAVX2

// transpose4Asm is packCols's loop over four rows of src; see transpose4.
func transpose4Asm(dst, src []float64, ld, cols, width int, s float64) {
	transpose4(&dst[0], &src[0], ld, cols, width, s)
}
