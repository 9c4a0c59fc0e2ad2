// This file implements the expr command: parse an expression, give each
// variable a value, and check the expression's derivatives.

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hessgo/hessgo/expr"
	"github.com/hessgo/hessgo/gradcheck"
	"github.com/hessgo/hessgo/graph"
)

// shapeFlags collects -var name=RxC.
type shapeFlags map[string]gradcheck.Shape

var shapeRE = regexp.MustCompile(`^([^=\s]+)=(\d+)x(\d+)$`)

func (s shapeFlags) String() string { return "" }

func (s shapeFlags) Set(v string) error {
	m := shapeRE.FindStringSubmatch(v)
	if m == nil {
		return fmt.Errorf("want name=RxC, such as x=8x3")
	}
	r, err1 := strconv.Atoi(m[2])
	c, err2 := strconv.Atoi(m[3])
	if err1 != nil || err2 != nil || r < 1 || c < 1 || r*c > 1<<20 {
		return fmt.Errorf("shape %sx%s: want positive sizes of at most 2^20 entries", m[2], m[3])
	}
	if _, dup := s[m[1]]; dup {
		return fmt.Errorf("variable %s given twice", m[1])
	}
	s[m[1]] = gradcheck.Shape{Rows: r, Cols: c}
	return nil
}

func runExpr(args []string, stdout io.Writer) (bool, error) {
	var c common
	shapes := shapeFlags{}
	var valuesFile, dirFile string
	fs := newFlags("expr", " 'EXPRESSION'", &c, stdout)
	fs.Var(shapes, "var", "`name=RxC`: the shape of a variable (repeat for each)")
	fs.StringVar(&valuesFile, "values", "", "JSON `file` mapping each variable to its rows")
	fs.StringVar(&dirFile, "dir", "", "JSON `file` mapping each variable to the rows of the HVP direction")
	pos, err := parse(fs, args)
	if err != nil {
		return false, err
	}
	if len(pos) != 1 {
		return false, fmt.Errorf("want one expression, got %d arguments (quote the expression)", len(pos))
	}
	opts, err := c.options()
	if err != nil {
		return false, err
	}

	tree, err := expr.Parse(pos[0])
	if err != nil {
		return false, err
	}
	names := expr.Vars(tree)
	inputs, err := bindInputs(names, shapes, valuesFile, c.seed)
	if err != nil {
		return false, err
	}
	if err := checkExpr(tree, inputs); err != nil {
		return false, err
	}
	if dirFile != "" {
		dir, err := readMatrices(dirFile, names, inputs)
		if err != nil {
			return false, err
		}
		opts.Dir = dir
	}

	f := func(g *graph.Graph, x []*graph.Node) *graph.Node {
		vars := make(map[string]*graph.Node, len(x))
		for k, n := range x {
			vars[names[k]] = n
		}
		y, err := evalOn(g, tree, vars)
		if err != nil {
			panic(err) // checkExpr has evaluated the same tree at the same shapes
		}
		return y
	}
	rep := gradcheck.Run(f, inputs, opts)
	if c.json {
		return rep.Pass, writeJSON(stdout, expr.String(tree), rep)
	}
	fmt.Fprintf(stdout, "expression: %s\nvalue: %.10g\n\n", expr.String(tree), rep.Value)
	writeTables(stdout, rep, c.verbose)
	return rep.Pass, nil
}

// bindInputs gives each variable of the expression its shape and value:
// from the values file, or standard normal entries drawn in the order the
// variables appear.
func bindInputs(names []string, shapes shapeFlags, valuesFile string, seed uint64) ([]gradcheck.Input, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("the expression has no variables to differentiate by")
	}
	used := make(map[string]bool)
	for _, n := range names {
		used[n] = true
	}
	extra := []string{}
	for n := range shapes {
		if !used[n] {
			extra = append(extra, n)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return nil, fmt.Errorf("-var %s: the expression has no variable %s", extra[0], extra[0])
	}

	var values map[string]*graph.Matrix
	if valuesFile != "" {
		var err error
		if values, err = readJSON(valuesFile, names); err != nil {
			return nil, err
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x76616c756573))
	inputs := make([]gradcheck.Input, len(names))
	for k, n := range names {
		s, hasShape := shapes[n]
		m, hasValue := values[n]
		switch {
		case hasValue && hasShape && (m.Rows != s.Rows || m.Cols != s.Cols):
			return nil, fmt.Errorf("%s: variable %s is %s, -var says %s", valuesFile, n, m.Shape(), s)
		case hasValue:
		case hasShape:
			m = graph.NewMatrix(s.Rows, s.Cols, nil)
			for i := range m.Data {
				m.Data[i] = rng.NormFloat64()
			}
		default:
			return nil, fmt.Errorf("variable %s has no shape; give -var %s=RxC", n, n)
		}
		inputs[k] = gradcheck.Input{Name: n, Value: m}
	}
	return inputs, nil
}

// checkExpr evaluates the expression once and returns an error if it does
// not evaluate, is not 1×1 or is not finite at the inputs.
func checkExpr(tree expr.Node, inputs []gradcheck.Input) error {
	g := graph.NewWithOptions(graph.Options{Check: true})
	vars := make(map[string]*graph.Node, len(inputs))
	for _, in := range inputs {
		vars[in.Name] = g.Param(in.Value)
	}
	y, err := evalOn(g, tree, vars)
	if err != nil {
		return err
	}
	if y.Rows() != 1 || y.Cols() != 1 {
		return fmt.Errorf("the expression is %s, not 1x1; wrap it in sum(...) or mean(...)", y.Shape())
	}
	if err := g.NonFinite(); err != nil {
		return fmt.Errorf("the expression is not finite at these values: %s", strings.TrimPrefix(err.Error(), "graph: "))
	}
	return nil
}

// readJSON reads a JSON object that maps names to lists of rows, and
// returns the matrices of the names wanted. It returns an error naming the
// file if the JSON is malformed, a list is ragged or empty, or the file
// names a variable that is not wanted.
func readJSON(path string, wanted []string) (map[string]*graph.Matrix, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw map[string][][]float64
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %s (want an object mapping each name to a list of rows)",
			path, strings.TrimPrefix(err.Error(), "json: "))
	}
	ok := make(map[string]bool)
	for _, n := range wanted {
		ok[n] = true
	}
	out := make(map[string]*graph.Matrix, len(raw))
	keys := make([]string, 0, len(raw))
	for n := range raw {
		keys = append(keys, n)
	}
	sort.Strings(keys)
	for _, n := range keys {
		rows := raw[n]
		if !ok[n] {
			return nil, fmt.Errorf("%s: the expression has no variable %s", path, n)
		}
		if len(rows) == 0 || len(rows[0]) == 0 {
			return nil, fmt.Errorf("%s: variable %s has no values", path, n)
		}
		for i, r := range rows {
			if len(r) != len(rows[0]) {
				return nil, fmt.Errorf("%s: variable %s: row %d has %d values, row 0 has %d",
					path, n, i, len(r), len(rows[0]))
			}
		}
		out[n] = graph.FromRows(rows)
	}
	return out, nil
}

// readMatrices reads one matrix per input from a JSON file, each of the
// input's shape.
func readMatrices(path string, names []string, inputs []gradcheck.Input) ([]*graph.Matrix, error) {
	ms, err := readJSON(path, names)
	if err != nil {
		return nil, err
	}
	out := make([]*graph.Matrix, len(names))
	for k, n := range names {
		m, ok := ms[n]
		switch {
		case !ok:
			return nil, fmt.Errorf("%s: no direction for variable %s", path, n)
		case !m.SameShape(inputs[k].Value):
			return nil, fmt.Errorf("%s: the direction for %s is %s, the variable is %s",
				path, n, m.Shape(), inputs[k].Value.Shape())
		}
		out[k] = m
	}
	return out, nil
}
