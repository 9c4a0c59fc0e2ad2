//go:build !amd64 || purego

package kernel

// asmImpls returns no micro-kernels: this build has no assembly.
func asmImpls() []*impl { return nil }

// callSkinny is never called: no implementation here has skinny kernels.
func callSkinny(sk *skinny, cols bool, p *skinnyArgs) {
	panic("kernel: no skinny kernels in this build")
}
