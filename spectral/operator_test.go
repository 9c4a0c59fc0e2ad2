package spectral

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestMatrixAdapter(t *testing.T) {
	a := withSpectrum(indefinite(7, 1), 1)
	m := Matrix{Op: NewDense(a)}
	if r, c := m.Dims(); r != 7 || c != 7 || m.SymmetricDim() != 7 {
		t.Errorf("got dims %d×%d, symmetric %d; want 7×7, 7", r, c, m.SymmetricDim())
	}
	if !mat.EqualApprox(m, a, 1e-14) || !mat.EqualApprox(m.T(), a, 1e-14) {
		t.Errorf("got\n%v\nwant\n%v", mat.Formatted(m), mat.Formatted(a))
	}

	// Gonum's eigensolver reads the operator through the adapter.
	var es mat.EigenSym
	if !es.Factorize(m, false) {
		t.Fatal("EigenSym failed on the adapter")
	}
	want := eigenvalues(t, a)
	for i, got := range es.Values(nil) {
		if d := got - want[i]; d > 1e-12 || d < -1e-12 {
			t.Errorf("λ[%d]: got %g, want %g", i, got, want[i])
		}
	}
}

func TestMatrixAtPanics(t *testing.T) {
	defer func() {
		const want = "spectral: matrix: index (3, 0) out of range for 3x3"
		if got := recover(); got != want {
			t.Errorf("got panic %v, want %q", got, want)
		}
	}()
	Matrix{Op: diagOp{1, 2, 3}}.At(3, 0)
}
