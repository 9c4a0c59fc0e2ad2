// This file builds dense matrices from products: the matrix of an operator
// column by column, and the Jacobian of a matrix-valued function row by row
// (reverse sweeps) or column by column (forward sweeps). Each checks the
// memory the result needs before it computes anything.

package hvp

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/hessgo/hessgo/autodiff"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/spectral"
)

// checkBytes returns an error wrapping ErrTooLarge if a rows×cols matrix of
// float64 needs more than maxBytes (DefaultMaxBytes if zero).
func checkBytes(fn string, rows, cols, params int, maxBytes int64) error {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	need := 8 * float64(rows) * float64(cols)
	if need <= float64(maxBytes) {
		return nil
	}
	return fmt.Errorf("%w: %s: a %dx%d matrix for %d parameters needs %.0f bytes (%s), "+
		"the limit is %d bytes (%s)", ErrTooLarge, fn, rows, cols, params, need, human(need),
		maxBytes, human(float64(maxBytes)))
}

// human formats a byte count with a binary unit, such as "74.5 GiB".
func human(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for b >= 1024 && i+1 < len(units) {
		b /= 1024
		i++
	}
	return fmt.Sprintf("%.1f %s", b, units[i])
}

// Dense returns the n×n matrix of op, whose column j is A eⱼ, with n
// products. It does not symmetrise: for a Hessian, how far the result is
// from its transpose measures the rounding of the products.
//
// Dense returns an error wrapping ErrTooLarge, before any product, if the
// matrix needs more than maxBytes (DefaultMaxBytes when zero), and an error
// wrapping spectral.ErrNonFinite if a column holds a NaN or an infinity.
func Dense(op spectral.Operator, maxBytes int64) (*mat.Dense, error) {
	n := op.Dim()
	if err := checkBytes("Dense", n, n, n, maxBytes); err != nil {
		return nil, err
	}
	a := mat.NewDense(n, n, nil)
	e := make([]float64, n)
	col := make([]float64, n)
	for j := range n {
		e[j] = 1
		op.Apply(col, e)
		e[j] = 0
		if err := checkFinite("Dense", "column", j, col); err != nil {
			return nil, err
		}
		a.SetCol(j, col)
	}
	return a, nil
}

// Symmetric returns the n×n matrix of the symmetric op with n products,
// each off-diagonal pair set to the mean of its two computed entries. It
// needs n² float64 and fails as Dense does.
func Symmetric(op spectral.Operator, maxBytes int64) (*mat.SymDense, error) {
	n := op.Dim()
	if err := checkBytes("Symmetric", n, n, n, maxBytes); err != nil {
		return nil, err
	}

	// Row j of buf holds A eⱼ, the j-th column.
	buf := make([]float64, n*n)
	e := make([]float64, n)
	for j := range n {
		e[j] = 1
		op.Apply(buf[j*n:(j+1)*n], e)
		e[j] = 0
		if err := checkFinite("Symmetric", "column", j, buf[j*n:(j+1)*n]); err != nil {
			return nil, err
		}
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			m := (buf[i*n+j] + buf[j*n+i]) / 2
			buf[i*n+j], buf[j*n+i] = m, m
		}
	}
	return mat.NewSymDense(n, buf), nil
}

// Mode selects how Jacobian sweeps.
type Mode int

const (
	// Auto sweeps in reverse when the output has no more entries than the
	// parameters, and forward otherwise: the fewer sweeps.
	Auto Mode = iota
	// Reverse computes one row per output entry, by a VJP.
	Reverse
	// Forward computes one column per parameter, by a JVP.
	Forward
)

// String returns the mode's name.
func (m Mode) String() string {
	switch m {
	case Auto:
		return "Auto"
	case Reverse:
		return "Reverse"
	case Forward:
		return "Forward"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Jacobian returns the m×n Jacobian ∂z/∂θ of the output z of f at the
// current values of params: row i belongs to entry i of z in row-major
// order, column j to entry j of the parameters flattened in order.
//
// Jacobian panics with an *Error if params is empty or mode unknown. It
// returns an error wrapping ErrTooLarge, after the forward pass and before
// any sweep, if the Jacobian needs more than maxBytes (DefaultMaxBytes when
// zero), and an error wrapping spectral.ErrNonFinite for a NaN or an
// infinity in it.
func Jacobian(f Model, params []*graph.Matrix, mode Mode, maxBytes int64) (*mat.Dense, error) {
	n := checkParams("Jacobian", params)
	g := graph.New()
	nodes := make([]*graph.Node, len(params))
	for k, p := range params {
		nodes[k] = g.Param(p)
	}
	z := f(g, nodes)
	m := z.Rows() * z.Cols()
	if err := checkBytes("Jacobian", m, n, n, maxBytes); err != nil {
		return nil, err
	}
	switch mode {
	case Auto:
		if m <= n {
			return jacobianReverse(z, nodes, n)
		}
		return jacobianForward(z, params, nodes)
	case Reverse:
		return jacobianReverse(z, nodes, n)
	case Forward:
		return jacobianForward(z, params, nodes)
	}
	fail("Jacobian", "unknown mode %d", int(mode))
	return nil, nil
}

// jacobianReverse fills the Jacobian one row at a time, from the VJP with
// each unit cotangent.
func jacobianReverse(z *graph.Node, nodes []*graph.Node, n int) (*mat.Dense, error) {
	g := z.Graph()
	m := z.Rows() * z.Cols()
	jac := mat.NewDense(m, n, nil)
	cot := graph.NewMatrix(z.Rows(), z.Cols(), nil)
	row := make([]float64, n)
	mark := g.Len()
	for i := range m {
		cot.Data[i] = 1
		res := autodiff.RecordVJP(z, g.Const(cot), nodes...)
		cot.Data[i] = 0
		off := 0
		for _, r := range res {
			off += copy(row[off:], r.Value().Data)
		}
		g.Truncate(mark)
		if err := checkFinite("Jacobian", "row", i, row); err != nil {
			return nil, err
		}
		jac.SetRow(i, row)
	}
	return jac, nil
}

// jacobianForward fills the Jacobian one column at a time, from the JVP with
// each unit tangent.
func jacobianForward(z *graph.Node, params []*graph.Matrix,
	nodes []*graph.Node) (*mat.Dense, error) {
	g := z.Graph()
	n := len(nodes)
	total := checkParams("Jacobian", params)
	jac := mat.NewDense(z.Rows()*z.Cols(), total, nil)
	flat := make([]float64, total)
	vs := point(views(params), flat)
	ts := make([]*graph.Node, n)
	mark := g.Len()
	for j := range total {
		flat[j] = 1
		for k, v := range vs {
			ts[k] = g.Const(v)
		}
		col := autodiff.RecordJVP([]*graph.Node{z}, nodes, ts)[0].Value().Data
		flat[j] = 0
		if err := checkFinite("Jacobian", "column", j, col); err != nil {
			return nil, err
		}
		jac.SetCol(j, col)
		g.Truncate(mark)
	}
	return jac, nil
}

// checkFinite returns an error wrapping spectral.ErrNonFinite if x holds a
// NaN or an infinity.
func checkFinite(fn, what string, i int, x []float64) error {
	for k, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("hvp: %s: %w: entry %d of %s %d is %g", fn, spectral.ErrNonFinite,
				k, what, i, v)
		}
	}
	return nil
}
