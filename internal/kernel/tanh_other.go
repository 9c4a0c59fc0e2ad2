//go:build !amd64 || purego

package kernel

const hasTanhAsm = false

func tanhAsm(dst, x []float64) { panic("kernel: no assembly tanh on this platform") }
