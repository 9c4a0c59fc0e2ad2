// This file holds the level-1 vector loops in plain Go. Axpy, Dot and Scal
// are unrolled by four, which lets the CPU overlap independent iterations;
// the compiler already does well on the loops of AddTo and MulTo.

package kernel

// Axpy adds alpha*x to y: y[i] += alpha*x[i]. It panics with an *ArgError if
// len(x) != len(y).
func Axpy(alpha float64, x, y []float64) {
	checkLen("axpy", len(x), len(y))
	y = y[:len(x)]
	i := 0
	for ; i+4 <= len(x); i += 4 {
		xs, ys := x[i:i+4:i+4], y[i:i+4:i+4]
		ys[0] += alpha * xs[0]
		ys[1] += alpha * xs[1]
		ys[2] += alpha * xs[2]
		ys[3] += alpha * xs[3]
	}
	for ; i < len(x); i++ {
		y[i] += alpha * x[i]
	}
}

// Dot returns Σ x[i] y[i]. It panics with an *ArgError if len(x) != len(y).
//
// Four partial sums break the dependence between additions; they are
// combined in a fixed order, so the result depends only on the inputs.
func Dot(x, y []float64) float64 {
	checkLen("dot", len(x), len(y))
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		xs, ys := x[i:i+4:i+4], y[i:i+4:i+4]
		s0 += xs[0] * ys[0]
		s1 += xs[1] * ys[1]
		s2 += xs[2] * ys[2]
		s3 += xs[3] * ys[3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// Scal multiplies every entry of x by alpha.
func Scal(alpha float64, x []float64) {
	i := 0
	for ; i+4 <= len(x); i += 4 {
		xs := x[i : i+4 : i+4]
		xs[0] *= alpha
		xs[1] *= alpha
		xs[2] *= alpha
		xs[3] *= alpha
	}
	for ; i < len(x); i++ {
		x[i] *= alpha
	}
}

// AddTo sets dst[i] = a[i] + b[i]. dst may be a or b. It panics with an
// *ArgError unless the three slices have the same length.
func AddTo(dst, a, b []float64) {
	checkLen("addto", len(dst), len(a))
	checkLen("addto", len(dst), len(b))
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] + b[i]
	}
}

// MulTo sets dst[i] = a[i] * b[i]. dst may be a or b. It panics with an
// *ArgError unless the three slices have the same length.
func MulTo(dst, a, b []float64) {
	checkLen("multo", len(dst), len(a))
	checkLen("multo", len(dst), len(b))
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] * b[i]
	}
}

// checkLen panics with an *ArgError for fn unless the lengths agree.
func checkLen(fn string, n, m int) {
	if n != m {
		argPanic(fn, "lengths %d and %d differ", n, m)
	}
}
