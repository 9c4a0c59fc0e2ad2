// This file defines Operator and the adapters between it and gonum's mat.

package spectral

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Operator is a symmetric linear map on Rⁿ known only through its products.
// A Hessian-vector product or a Gauss-Newton product fits this interface.
type Operator interface {
	// Dim returns n, the dimension of the space the operator acts on.
	Dim() int

	// Apply sets dst = A v. Both have length Dim() and do not overlap.
	// Apply must not keep or modify v.
	Apply(dst, v []float64)
}

// Dense is an Operator backed by a gonum symmetric matrix.
type Dense struct {
	a mat.Symmetric
}

// NewDense returns an Operator whose products are a v for the symmetric
// matrix a. The matrix is referenced, not copied.
func NewDense(a mat.Symmetric) *Dense {
	return &Dense{a: a}
}

// Dim returns the order of the matrix.
func (d *Dense) Dim() int {
	return d.a.SymmetricDim()
}

// Apply sets dst = A v. It panics if dst or v has the wrong length.
func (d *Dense) Apply(dst, v []float64) {
	n := d.a.SymmetricDim()
	mat.NewVecDense(n, dst).MulVec(d.a, mat.NewVecDense(n, v))
}

// Matrix lets gonum code read an Operator as a mat.Symmetric.
//
// Each call to At spends one operator product (A eⱼ) and allocates two
// vectors of length n, so reading the whole matrix costs n² products. It is
// meant for small operators and for checks, not for hot paths.
type Matrix struct {
	Op Operator
}

// Dims returns n, n.
func (m Matrix) Dims() (r, c int) {
	n := m.Op.Dim()
	return n, n
}

// SymmetricDim returns n.
func (m Matrix) SymmetricDim() int {
	return m.Op.Dim()
}

// At returns the element (i, j), computed as (A eⱼ)ᵢ with one product.
// It panics if i or j is outside 0..n-1.
func (m Matrix) At(i, j int) float64 {
	n := m.Op.Dim()
	if i < 0 || i >= n || j < 0 || j >= n {
		panic(fmt.Sprintf("spectral: matrix: index (%d, %d) out of range for %dx%d", i, j, n, n))
	}
	e := make([]float64, n)
	e[j] = 1
	col := make([]float64, n)
	m.Op.Apply(col, e)
	return col[i]
}

// T returns the receiver: the operator is symmetric.
func (m Matrix) T() mat.Matrix {
	return m
}
