//go:build !amd64 || purego

package kernel

// asmImpls returns no micro-kernels: this build has no assembly.
func asmImpls() []*impl { return nil }
