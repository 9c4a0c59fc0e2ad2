//go:build !amd64 || purego

package kernel

const hasTranspose4 = false

func transpose4Asm(dst, src []float64, ld, cols, width int, s float64) {
	panic("kernel: no assembly transpose on this platform")
}
