// This file reads a record back: a CSV file of numbers under a header row.

package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// table is a parsed record: named columns of numbers.
type table struct {
	name string
	cols []string
	rows [][]float64
}

// parseTable parses the lines of a record (header first) read from name.
func parseTable(name string, lines []string) (*table, error) {
	if len(lines) == 0 || lines[0] == "" {
		return nil, fmt.Errorf("hessian: %s: empty file", name)
	}
	t := &table{name: name, cols: strings.Split(lines[0], ",")}
	for i, l := range lines[1:] {
		if l == "" {
			continue
		}
		f := strings.Split(l, ",")
		if len(f) != len(t.cols) {
			return nil, fmt.Errorf("hessian: %s: line %d has %d fields, the header %d",
				name, i+2, len(f), len(t.cols))
		}
		row := make([]float64, len(f))
		for j, s := range f {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("hessian: %s: line %d: field %q is not a number", name, i+2, s)
			}
			row[j] = v
		}
		t.rows = append(t.rows, row)
	}
	return t, nil
}

// splitLines splits a file's text into lines, without a trailing empty one.
func splitLines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// col returns the index of the column named name, or -1.
func (t *table) col(name string) int {
	for i, c := range t.cols {
		if c == name {
			return i
		}
	}
	return -1
}

// column returns the values of the column named name, or an error naming
// the file if it has none.
func (t *table) column(name string) ([]float64, error) {
	j := t.col(name)
	if j < 0 {
		return nil, fmt.Errorf("hessian: %s: no column %q", t.name, name)
	}
	out := make([]float64, len(t.rows))
	for i, r := range t.rows {
		out[i] = r[j]
	}
	return out, nil
}

// eigenColumns returns the names lambda1, lambda2, … that t has.
func (t *table) eigenColumns() []string {
	var out []string
	for i := 1; t.col(fmt.Sprintf("lambda%d", i)) >= 0; i++ {
		out = append(out, fmt.Sprintf("lambda%d", i))
	}
	return out
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
