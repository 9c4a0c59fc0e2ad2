//go:build amd64 && !purego

package kernel

import "golang.org/x/sys/cpu"

// kernAVX2 is the 6×8 micro-kernel for AVX2 with FMA, in gemm_amd64.s.
//
//go:noescape
func kernAVX2(kc int, a, b []float64, ldb int, c []float64, ldc int)

// kernAVX2Store is kernAVX2 storing its sums into C, in gemm_amd64.s.
//
//go:noescape
func kernAVX2Store(kc int, a, b []float64, ldb int, c []float64, ldc int)

// kernAVX2Direct is kernAVX2 reading A in place, in gemm_amd64.s.
//
//go:noescape
func kernAVX2Direct(kc int, a []float64, lda int, b, c []float64, ldc int)

// kernAVX512 is the 8×24 micro-kernel for AVX-512F, in gemm_amd64.s.
//
//go:noescape
func kernAVX512(kc int, a, b []float64, ldb int, c []float64, ldc int)

// kernAVX512Store is kernAVX512 storing its sums into C, in gemm_amd64.s.
//
//go:noescape
func kernAVX512Store(kc int, a, b []float64, ldb int, c []float64, ldc int)

// The block sizes keep a kc×nr panel of B near L1d (32 KiB), an mc×kc block
// of A in L2 (1 MiB a core) and a kc×nc block of B in the shared L3.
var (
	avx2 = &impl{
		name: "avx2",
		mr:   6, nr: 8,
		kc: 256, mc: 96, nc: 2048,
		kern:      kernAVX2,
		kernStore: kernAVX2Store,
		direct:    kernAVX2Direct,
	}
	avx512 = &impl{
		name: "avx512",
		mr:   8, nr: 24,
		kc: 256, mc: 128, nc: 1536,
		kern: kernAVX512, kernStore: kernAVX512Store,
	}
)

// The skinny kernels, in gemm_amd64.s, for AVX-512F with VL; see skinny.go.
// Names give the tile, rows by columns; those ending in T read A by columns.
//
//go:noescape
func skinny12x4(p *skinnyArgs)

//go:noescape
func skinny12x4T(p *skinnyArgs)

//go:noescape
func skinny12x8(p *skinnyArgs)

//go:noescape
func skinny12x8T(p *skinnyArgs)

//go:noescape
func skinny12x12(p *skinnyArgs)

//go:noescape
func skinny12x12T(p *skinnyArgs)

//go:noescape
func skinny12x16(p *skinnyArgs)

//go:noescape
func skinny12x16T(p *skinnyArgs)

//go:noescape
func skinny8x24(p *skinnyArgs)

//go:noescape
func skinny8x24T(p *skinnyArgs)

var skinny512 = &skinnySet{
	n4:    &skinny{mr: 12, width: []int{4}},
	n8:    &skinny{mr: 12, width: []int{8}},
	n12:   &skinny{mr: 12, width: []int{8, 4}},
	n16:   &skinny{mr: 12, width: []int{8, 8}},
	short: &skinny{mr: 8, width: []int{8, 8, 8}},
}

// callSkinny runs the kernel of sk that reads A by columns if cols is set,
// else by rows, on p. Each stores the rows p.lo ≤ i < p.hi of a strip of C
// as skinny.go describes.
func callSkinny(sk *skinny, cols bool, p *skinnyArgs) {
	switch sk {
	case skinny512.n4:
		if cols {
			skinny12x4T(p)
		} else {
			skinny12x4(p)
		}
	case skinny512.n8:
		if cols {
			skinny12x8T(p)
		} else {
			skinny12x8(p)
		}
	case skinny512.n12:
		if cols {
			skinny12x12T(p)
		} else {
			skinny12x12(p)
		}
	case skinny512.n16:
		if cols {
			skinny12x16T(p)
		} else {
			skinny12x16(p)
		}
	default:
		if cols {
			skinny8x24T(p)
		} else {
			skinny8x24(p)
		}
	}
}

func init() {
	avx512.narrow = avx2
	avx512.skinny = skinny512
}

// asmImpls returns the assembly micro-kernels the CPU runs, slowest first.
func asmImpls() []*impl {
	var im []*impl
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		im = append(im, avx2)
	}
	if cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL {
		im = append(im, avx512)
	}
	return im
}
