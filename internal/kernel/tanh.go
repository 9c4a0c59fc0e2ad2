// This file implements Tanh, the elementwise hyperbolic tangent that an
// MLP's hidden layers spend much of their time in outside the products.

package kernel

import "math"

// Tanh sets dst[i] = tanh x[i]. Where the CPU has AVX2 with FMA, four
// entries are computed at a time, each within 4 ulps of math.Tanh; the
// last len(x) mod 4 entries, and every entry elsewhere, use math.Tanh. The
// result depends only on the CPU and the length of x, not on the number of
// cores. Tanh panics with an *ArgError if dst is shorter than x.
func Tanh(dst, x []float64) {
	if len(dst) < len(x) {
		argPanic("tanh", "len(dst) %d < len(x) %d", len(dst), len(x))
	}
	n := 0
	if hasTanhAsm {
		n = len(x) &^ 3
		tanhAsm(dst[:n], x[:n])
	}
	for i := n; i < len(x); i++ {
		dst[i] = math.Tanh(x[i])
	}
}
