// This file implements reading a Set from a CSV file with a header row.

package dataset

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// CSVOptions says which columns of a CSV file are targets. A column named
// nowhere is a feature. A nil *CSVOptions makes every column a feature.
type CSVOptions struct {
	// Targets are the columns of regression targets, copied to Y in this
	// order.
	Targets []string

	// Label, if not empty, is the column of integer class indices copied to
	// Labels.
	Label string

	// Classes is the number of classes; a label must lie in [0, Classes).
	// Zero means one more than the largest label found.
	Classes int

	// Drop are columns that are neither features nor targets, such as ids.
	Drop []string

	// Comma is the field separator; zero means ','.
	Comma rune
}

// Column roles in a CSV file.
const (
	roleFeature = iota
	roleTarget
	roleLabel
	roleDrop
)

// ReadCSV reads the CSV file at path: a header row of column names, then one
// example per row. The column named target becomes Y, with T = 1, and every
// other column is a feature; with target "" every column is a feature. See
// ReadCSVWith for the errors.
func ReadCSV(path string, target string) (*Set, error) {
	var o CSVOptions
	if target != "" {
		o.Targets = []string{target}
	}
	return ReadCSVWith(path, &o)
}

// ReadCSVWith reads the CSV file at path, using o to pick the targets. It
// returns an *Error wrapping ErrEmpty for a file without a header row or
// without data rows, ErrColumn for a missing or repeated column name,
// ErrRagged for a row whose field count differs from the header's, ErrNumber
// for a field that is not a number and ErrLabel for a label that is not an
// integer in [0, Classes).
func ReadCSVWith(path string, o *CSVOptions) (*Set, error) {
	if o == nil {
		o = &CSVOptions{}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, ioError(path, err)
	}
	defer f.Close()

	r := csv.NewReader(bufio.NewReader(f))
	if o.Comma != 0 {
		r.Comma = o.Comma
	}
	r.FieldsPerRecord = -1 // ragged rows get our own message

	header, err := r.Read()
	if err == io.EOF {
		return nil, &Error{File: path, Err: ErrEmpty, Detail: "no header row"}
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	roles, err := columnRoles(header, o)
	if err != nil {
		return nil, withFile(err, path)
	}
	s := newCSVSet(header, roles, o)
	targetCols := make([]int, len(o.Targets))
	for k, name := range o.Targets {
		targetCols[k] = slices.Index(header, name)
	}

	r.ReuseRecord = true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		if err := s.addRow(rec, header, roles, targetCols, line); err != nil {
			return nil, withFile(err, path)
		}
	}
	if s.N == 0 {
		return nil, &Error{File: path, Err: ErrEmpty, Detail: "header row but no data rows"}
	}
	if o.Label != "" && s.Classes == 0 {
		for _, c := range s.Labels {
			s.Classes = max(s.Classes, c+1)
		}
	}
	return s, nil
}

// csvError wraps an error of the csv reader, keeping its line.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: path, Line: pe.Line, Err: pe.Err}
	}
	return ioError(path, err)
}

// withFile sets the file name of err, an *Error.
func withFile(err error, file string) error {
	if e, ok := err.(*Error); ok {
		e.File = file
	}
	return err
}

// columnRoles trims the header names and returns the role of each column.
func columnRoles(header []string, o *CSVOptions) ([]int, error) {
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF") // byte order mark
	}
	index := map[string]int{}
	for j := range header {
		header[j] = strings.TrimSpace(header[j])
		if k, ok := index[header[j]]; ok {
			return nil, &Error{Line: 1, Err: ErrColumn,
				Detail: fmt.Sprintf("name %q used by columns %d and %d", header[j], k+1, j+1)}
		}
		index[header[j]] = j
	}

	roles := make([]int, len(header))
	assign := func(name string, role int) error {
		j, ok := index[name]
		if !ok {
			return &Error{Err: ErrColumn, Detail: fmt.Sprintf("no column %q in header %q",
				name, strings.Join(header, ","))}
		}
		if roles[j] != roleFeature {
			return &Error{Err: ErrColumn, Detail: fmt.Sprintf("column %q named twice in the options", name)}
		}
		roles[j] = role
		return nil
	}
	for _, name := range o.Targets {
		if err := assign(name, roleTarget); err != nil {
			return nil, err
		}
	}
	if o.Label != "" {
		if err := assign(o.Label, roleLabel); err != nil {
			return nil, err
		}
	}
	for _, name := range o.Drop {
		if err := assign(name, roleDrop); err != nil {
			return nil, err
		}
	}
	return roles, nil
}

// newCSVSet returns an empty Set with the feature and target names.
func newCSVSet(header []string, roles []int, o *CSVOptions) *Set {
	s := &Set{Classes: o.Classes, Targets: slices.Clone(o.Targets)}
	for j, name := range header {
		if roles[j] == roleFeature {
			s.Features = append(s.Features, name)
		}
	}
	s.D, s.T = len(s.Features), len(o.Targets)
	if s.T > 0 {
		s.Y = []float64{}
	}
	if o.Label != "" {
		s.Labels = []int{}
	}
	return s
}

// addRow parses one record, at line of the file, and appends it to s.
// targetCols are the columns of the targets, in the order of s.Y.
func (s *Set) addRow(rec, header []string, roles, targetCols []int, line int) error {
	if len(rec) != len(header) {
		return &Error{Line: line, Err: ErrRagged,
			Detail: fmt.Sprintf("%d fields, header has %d", len(rec), len(header))}
	}

	// Features in file order, then targets in the order of the options,
	// which need not be file order.
	for j, text := range rec {
		if roles[j] != roleFeature {
			continue
		}
		v, err := parseNumber(text, header[j], line)
		if err != nil {
			return err
		}
		s.X = append(s.X, v)
	}
	for _, j := range targetCols {
		v, err := parseNumber(rec[j], header[j], line)
		if err != nil {
			return err
		}
		s.Y = append(s.Y, v)
	}
	for j, text := range rec {
		if roles[j] == roleLabel {
			c, err := parseLabel(text, header[j], line, s.Classes)
			if err != nil {
				return err
			}
			s.Labels = append(s.Labels, c)
		}
	}
	s.N++
	return nil
}

// parseNumber parses the field text of column name.
func parseNumber(text, name string, line int) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil {
		return 0, &Error{Line: line, Err: ErrNumber, Detail: fmt.Sprintf("column %q: %q", name, text)}
	}
	return v, nil
}

// parseLabel parses the class index text of column name; classes 0 means
// no upper bound yet.
func parseLabel(text, name string, line, classes int) (int, error) {
	c, err := strconv.Atoi(strings.TrimSpace(text))
	switch {
	case err != nil:
		return 0, &Error{Line: line, Err: ErrLabel,
			Detail: fmt.Sprintf("column %q: %q is not an integer", name, text)}
	case c < 0 || (classes > 0 && c >= classes):
		return 0, &Error{Line: line, Err: ErrLabel,
			Detail: fmt.Sprintf("column %q: %d not in [0, %s)", name, c, bound(classes))}
	}
	return c, nil
}

// bound formats an upper bound on the classes, 0 meaning none.
func bound(classes int) string {
	if classes == 0 {
		return "∞"
	}
	return strconv.Itoa(classes)
}
