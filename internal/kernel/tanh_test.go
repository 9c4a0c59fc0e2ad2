package kernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestTanh compares Tanh with math.Tanh in ulps over many magnitudes and
// the special values, at lengths that exercise the scalar tail.
func TestTanh(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 100003)
	for i := range x {
		x[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(9)-6))
	}
	special := []float64{0, math.Copysign(0, -1), 0.3466, -0.5, 1, 19.99, 20, 25, -30,
		math.Inf(1), math.Inf(-1), 1e-300, 5e-324, math.NaN(), 710, -1e308}
	copy(x, special)
	dst := make([]float64, len(x))
	Tanh(dst, x)
	for i, v := range x {
		got, want := dst[i], math.Tanh(v)
		if math.IsNaN(want) {
			if !math.IsNaN(got) {
				t.Errorf("Tanh(%g) = %g, want NaN", v, got)
			}
			continue
		}
		if math.Signbit(got) != math.Signbit(want) {
			t.Errorf("Tanh(%g) = %g, want %g", v, got, want)
		}
		ulp := math.Nextafter(math.Abs(want), math.Inf(1)) - math.Abs(want)
		if d := math.Abs(got-want) / ulp; d > 4 {
			t.Errorf("Tanh(%g) = %v, want %v: %g ulps apart", v, got, want, d)
		}
	}
}

func TestTanhShortDst(t *testing.T) {
	defer func() {
		if _, ok := recover().(*ArgError); !ok {
			t.Errorf("Tanh with a short dst did not panic with an *ArgError")
		}
	}()
	Tanh(make([]float64, 3), make([]float64, 4))
}

func BenchmarkTanh(b *testing.B) {
	x := make([]float64, 512)
	for i := range x {
		x[i] = float64(i%17)/4 - 2
	}
	dst := make([]float64, len(x))
	for b.Loop() {
		Tanh(dst, x)
	}
}
