package mlp

import (
	"math"
	"slices"
	"testing"
)

func TestNewPanics(t *testing.T) {
	tests := []struct {
		name string
		c    Config
	}{
		{"one size", Config{Sizes: []int{3}}},
		{"zero width", Config{Sizes: []int{3, 0, 2}}},
		{"activations", Config{Sizes: []int{3, 2}, Activations: []Activation{ReLU, ReLU}}},
		{"bad activation", Config{Sizes: []int{3, 2}, Activations: []Activation{9}}},
		{"bad init", Config{Sizes: []int{3, 2}, Init: 9}},
		{"bad loss", Config{Sizes: []int{3, 2}, Loss: 9}},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if _, ok := recover().(*Error); !ok {
					t.Errorf("%s: got no *Error panic, want one", tt.name)
				}
			}()
			New(tt.c)
		}()
	}
}

// TestFlatOrder checks the documented layout W₀, b₀, W₁, b₁, row-major.
func TestFlatOrder(t *testing.T) {
	m := New(Config{Sizes: []int{2, 3, 1}, Seed: 1})
	v := make([]float64, NumParams(m))
	for i := range v {
		v[i] = float64(i)
	}
	SetFlat(m, v)
	if got, want := m.Weight(0).At(1, 0), 3.0; got != want {
		t.Errorf("W₀[1,0]: got %v, want %v", got, want)
	}
	if got, want := m.Bias(0).Data, []float64{6, 7, 8}; !slices.Equal(got, want) {
		t.Errorf("b₀: got %v, want %v", got, want)
	}
	if got, want := m.Bias(1).Data, []float64{12}; !slices.Equal(got, want) {
		t.Errorf("b₁: got %v, want %v", got, want)
	}
	if w, ok := Param(m, "layer1.weight"); !ok || !slices.Equal(w.Data, []float64{9, 10, 11}) {
		t.Errorf("layer1.weight: got %v, want [9 10 11]", w)
	}
	parts := Split(Flat(m), m.Params())
	for k, p := range parts {
		if !p.SameShape(m.Params()[k]) || !slices.Equal(p.Data, m.Params()[k].Data) {
			t.Errorf("Split part %d: got %v, want %v", k, p, m.Params()[k])
		}
	}
}

// TestInit checks the spread of each initialisation on a wide layer.
func TestInit(t *testing.T) {
	const in, out = 400, 300
	tests := []struct {
		init     Init
		bound    float64 // largest |w| allowed; 0 for none
		variance float64
		zeroBias bool
	}{
		{Uniform, 1 / math.Sqrt(in), 1.0 / (3 * in), false},
		{Glorot, math.Sqrt(6.0 / (in + out)), 2.0 / (in + out), true},
		{HeNormal, 0, 2.0 / in, true},
		{HeUniform, math.Sqrt(6.0 / in), 2.0 / in, true},
	}
	for _, tt := range tests {
		m := New(Config{Sizes: []int{in, out}, Init: tt.init, Seed: 3})
		w := m.Weight(0).Data
		sum2 := 0.0
		for _, v := range w {
			sum2 += v * v
			if tt.bound > 0 && math.Abs(v) > tt.bound {
				t.Fatalf("%s: weight %v beyond %v", tt.init, v, tt.bound)
			}
		}
		if got := sum2 / float64(len(w)); math.Abs(got/tt.variance-1) > 0.02 {
			t.Errorf("%s: variance: got %.4g, want %.4g", tt.init, got, tt.variance)
		}
		zero := slices.Max(m.Bias(0).Data) == 0 && slices.Min(m.Bias(0).Data) == 0
		if zero != tt.zeroBias {
			t.Errorf("%s: biases zero: got %v, want %v", tt.init, zero, tt.zeroBias)
		}
		again := New(Config{Sizes: []int{in, out}, Init: tt.init, Seed: 3})
		if !slices.Equal(Flat(again), Flat(m)) {
			t.Errorf("%s: one seed gave two networks", tt.init)
		}
	}
}

func TestParse(t *testing.T) {
	for a := Identity; a <= Softplus; a++ {
		if got, err := ParseActivation(a.String()); err != nil || got != a {
			t.Errorf("ParseActivation(%q): got %v, %v, want %v", a, got, err, a)
		}
	}
	for i := Uniform; i <= HeUniform; i++ {
		if got, err := ParseInit(i.String()); err != nil || got != i {
			t.Errorf("ParseInit(%q): got %v, %v, want %v", i, got, err, i)
		}
	}
	for _, l := range []Loss{MSE, CrossEntropy} {
		if got, err := ParseLoss(l.String()); err != nil || got != l {
			t.Errorf("ParseLoss(%q): got %v, %v, want %v", l, got, err, l)
		}
	}
	if got, _ := ParseInit("Xavier"); got != Glorot {
		t.Errorf("ParseInit(Xavier): got %v, want glorot", got)
	}
	if _, err := ParseActivation("gelu"); err == nil {
		t.Errorf("ParseActivation(gelu): got no error")
	}
}
