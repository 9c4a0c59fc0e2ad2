package graph

import (
	"fmt"
	"math"
	"strings"
)

// Matrix is a dense row-major matrix of float64 values. A scalar is a 1×1
// matrix and a row vector is 1×n.
//
// The entry in row i and column j is Data[i*Cols+j].
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// NewMatrix returns a rows×cols matrix that uses data as its backing slice,
// without copying it. A nil data gives a matrix of zeros. NewMatrix panics
// if the dimensions are negative or if len(data) is not rows*cols.
func NewMatrix(rows, cols int, data []float64) *Matrix {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("graph: NewMatrix: negative dimensions %dx%d", rows, cols))
	}
	if data == nil {
		data = make([]float64, rows*cols)
	}
	if len(data) != rows*cols {
		panic(fmt.Sprintf("graph: NewMatrix: %d values do not fill %dx%d", len(data), rows, cols))
	}
	return &Matrix{Rows: rows, Cols: cols, Data: data}
}

// Scalar returns a 1×1 matrix holding v.
func Scalar(v float64) *Matrix {
	return &Matrix{Rows: 1, Cols: 1, Data: []float64{v}}
}

// FromRows returns a matrix whose rows are copies of rows. It panics if the
// rows are ragged.
func FromRows(rows [][]float64) *Matrix {
	if len(rows) == 0 {
		return &Matrix{}
	}
	m := NewMatrix(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		if len(r) != m.Cols {
			panic(fmt.Sprintf("graph: FromRows: row %d has %d values, row 0 has %d", i, len(r), m.Cols))
		}
		copy(m.Data[i*m.Cols:], r)
	}
	return m
}

// At returns the entry in row i and column j.
func (m *Matrix) At(i, j int) float64 { return m.Data[i*m.Cols+j] }

// Set sets the entry in row i and column j to v.
func (m *Matrix) Set(i, j int, v float64) { m.Data[i*m.Cols+j] = v }

// Len returns the number of entries, Rows*Cols.
func (m *Matrix) Len() int { return m.Rows * m.Cols }

// Shape returns the dimensions as text, such as "3x4".
func (m *Matrix) Shape() string { return fmt.Sprintf("%dx%d", m.Rows, m.Cols) }

// SameShape reports whether m and o have the same dimensions.
func (m *Matrix) SameShape(o *Matrix) bool { return m.Rows == o.Rows && m.Cols == o.Cols }

// Clone returns a deep copy of m.
func (m *Matrix) Clone() *Matrix {
	return &Matrix{Rows: m.Rows, Cols: m.Cols, Data: append([]float64(nil), m.Data...)}
}

// Row returns row i as a slice of m's data, without copying.
func (m *Matrix) Row(i int) []float64 { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// ToRows returns a copy of m as a slice of rows.
func (m *Matrix) ToRows() [][]float64 {
	rows := make([][]float64, m.Rows)
	for i := range rows {
		rows[i] = append([]float64(nil), m.Row(i)...)
	}
	return rows
}

// IsFinite reports whether every entry of m is neither NaN nor infinite.
func (m *Matrix) IsFinite() bool {
	for _, v := range m.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// String formats m with one row a line.
func (m *Matrix) String() string {
	var b strings.Builder
	for i := 0; i < m.Rows; i++ {
		b.WriteByte('[')
		for j := 0; j < m.Cols; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%g", m.At(i, j))
		}
		b.WriteString("]\n")
	}
	return b.String()
}
