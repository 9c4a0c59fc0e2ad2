//go:build amd64 && !purego

package kernel

import "golang.org/x/sys/cpu"

// tanhAVX2 is the AVX2 loop of Tanh, in tanh_amd64.s; len(x) must be a
// multiple of 4 and dst at least as long.
//
//go:noescape
func tanhAVX2(dst, x []float64)

var hasTanhAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

func tanhAsm(dst, x []float64) { tanhAVX2(dst, x) }
