package kernel

import (
	"math"
	"testing"
)

func TestVectorHelpers(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 8, 13} {
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i], y[i] = float64(i+1), float64(2*i-3)
		}

		var want float64
		for i := range x {
			want += x[i] * y[i]
		}
		if got := Dot(x, y); got != want {
			t.Errorf("Dot n=%d: got %v, want %v", n, got, want)
		}

		checkVec(t, "AddTo", n, func(d []float64) { AddTo(d, x, y) },
			func(i int) float64 { return x[i] + y[i] })
		checkVec(t, "MulTo", n, func(d []float64) { MulTo(d, x, y) },
			func(i int) float64 { return x[i] * y[i] })
		checkVec(t, "Axpy", n, func(d []float64) { copy(d, y); Axpy(0.5, x, d) },
			func(i int) float64 { return y[i] + 0.5*x[i] })
		checkVec(t, "Scal", n, func(d []float64) { copy(d, x); Scal(-2, d) },
			func(i int) float64 { return -2 * x[i] })
	}
}

// checkVec runs f on a fresh slice of length n and compares entry i with
// want(i).
func checkVec(t *testing.T, name string, n int, f func([]float64),
	want func(int) float64) {
	t.Helper()
	d := make([]float64, n)
	f(d)
	for i, got := range d {
		if w := want(i); got != w {
			t.Errorf("%s n=%d: [%d] got %v, want %v", name, n, i, got, w)
		}
	}
}

func TestVectorPanics(t *testing.T) {
	x, y := make([]float64, 3), make([]float64, 4)
	for name, f := range map[string]func(){
		"Axpy":  func() { Axpy(1, x, y) },
		"Dot":   func() { Dot(x, y) },
		"AddTo": func() { AddTo(x, x, y) },
		"MulTo": func() { MulTo(y, x, y) },
	} {
		if err := catch(f); err == nil {
			t.Errorf("%s with lengths 3 and 4: got no panic, want an *ArgError", name)
		}
	}
}

func TestDotNaN(t *testing.T) {
	got := Dot([]float64{1, math.NaN()}, []float64{1, 1})
	if !math.IsNaN(got) {
		t.Errorf("Dot with a NaN: got %v, want NaN", got)
	}
}
