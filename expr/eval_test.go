package expr_test

import (
	"errors"
	"math"
	"testing"

	"github.com/hessgo/hessgo/expr"
)

func TestEval(t *testing.T) {
	vars := map[string]float64{"x": 3, "y": -2, "W": 0.5}
	tests := []struct {
		src  string
		want float64
	}{
		{"2*3^2 - 1", 17},
		{"-2^2", -4},
		{"(-2)^2", 4},
		{"(1+2)*3", 9},
		{"1+2*3", 7},
		{"10 - 4 - 3", 3},
		{"12 / 3 / 2", 2},
		{"2^3^2", 512},
		{"4^-1", 0.25},
		{"4^(1/2)", 2},
		{"x^-2^-1", 1 / math.Sqrt(3)},
		{"sin(0)+cos(0)", 1},
		{"x @ W", 1.5},
		{"x * -y", 6},
		{"--x", 3},
		{"sum()", 0},
		{"sum(x, y, 1)", 2},
		{"sum(tanh(x @ W + y)^2)", math.Pow(math.Tanh(-0.5), 2)},
		{"1e-3 * 1000", 1},
	}
	for _, tt := range tests {
		n, err := expr.Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		got, err := expr.Eval(n, vars, scalar{}, scalarFuncs)
		if err != nil {
			t.Errorf("Eval(%q): %v", tt.src, err)
			continue
		}
		if math.Abs(got-tt.want) > 1e-15*math.Max(1, math.Abs(tt.want)) {
			t.Errorf("Eval(%q): got %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	vars := map[string]float64{"x": 1, "alpha": 2, "weights": 3}
	tests := []struct {
		src  string
		want string
		is   error // wrapped error, if one of the package's
	}{
		{"tanhh(x)", "column 1: unknown function tanhh (did you mean tanh?)", expr.ErrUnknownFunc},
		{"x + sine(x)", "column 5: unknown function sine (did you mean sin?)", expr.ErrUnknownFunc},
		{"x + sinn(x)", "column 5: unknown function sinn (did you mean sin?)", expr.ErrUnknownFunc},
		{"x + snh(x)", "column 5: unknown function snh", expr.ErrUnknownFunc},
		{"tnah(x)", "column 1: unknown function tnah (did you mean tanh?)", expr.ErrUnknownFunc},
		{"relu(x)", "column 1: unknown function relu", expr.ErrUnknownFunc},
		{"x(1)", "column 1: unknown function x", expr.ErrUnknownFunc},
		{"tanh(x, x)", "column 1: wrong number of arguments to tanh: got 2, want 1", expr.ErrArgCount},
		{"1 + exp()", "column 5: wrong number of arguments to exp: got 0, want 1", expr.ErrArgCount},
		{"x + z", "column 5: unknown variable z", expr.ErrUnknownVar},
		{"alpah * x", "column 1: unknown variable alpah (did you mean alpha?)", expr.ErrUnknownVar},
		{"x * weight", "column 5: unknown variable weight (did you mean weights?)", expr.ErrUnknownVar},
		{"tanh", "column 1: unknown variable tanh", expr.ErrUnknownVar},
		{"x + 1 / (x - x)", "column 7: division by zero", nil},
		{"sum(x, log(x - 2))", "column 8: log of -1", nil},
		{"tanh(q) + sinn(x)", "column 6: unknown variable q", expr.ErrUnknownVar},
	}
	for _, tt := range tests {
		n, err := expr.Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		got, err := expr.Eval(n, vars, scalar{}, scalarFuncs)
		if err == nil {
			t.Errorf("Eval(%q): got %v, want error %q", tt.src, got, tt.want)
			continue
		}
		if got, want := err.Error(), "expr: "+tt.want; got != want {
			t.Errorf("Eval(%q):\ngot  %s\nwant %s", tt.src, got, want)
		}
		var ee *expr.EvalError
		if !errors.As(err, &ee) {
			t.Errorf("Eval(%q): got error of type %T, want *expr.EvalError", tt.src, err)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("Eval(%q): got %v, want it to wrap %v", tt.src, err, tt.is)
		}
	}
}

// TestEvalHandBuilt checks the trees that Parse never builds.
func TestEvalHandBuilt(t *testing.T) {
	x := &expr.Var{Name: "x", Col: 1}
	tests := []struct {
		name string
		n    expr.Node
		want string
		is   error
	}{
		{"variable exponent", &expr.Binary{Op: expr.Pow, X: x, Y: &expr.Var{Name: "y", Col: 3}, Col: 2},
			"column 3: exponent of ^ is not a constant: found variable y", expr.ErrExponent},
		{"matmul in exponent",
			&expr.Binary{Op: expr.Pow, X: x, Col: 2, Y: &expr.Binary{
				Op: expr.MatMul, X: &expr.Num{Value: 1}, Y: &expr.Num{Value: 2}, Col: 5}},
			"column 5: exponent of ^ is not a constant: found '@'", expr.ErrExponent},
		{"binary operator", &expr.Binary{Op: '%', X: x, Y: x, Col: 2},
			"column 2: invalid operator: binary %", expr.ErrOperator},
		{"unary operator", &expr.Unary{Op: '+', X: x, Col: 4},
			"column 4: invalid operator: unary +", expr.ErrOperator},
	}
	for _, tt := range tests {
		_, err := expr.Eval(tt.n, map[string]float64{"x": 1, "y": 2}, scalar{}, scalarFuncs)
		if err == nil || err.Error() != "expr: "+tt.want || !errors.Is(err, tt.is) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}

	// A negative literal in the exponent is as good as a negated one.
	n := &expr.Binary{Op: expr.Pow, X: x, Y: &expr.Num{Value: -1}}
	if got, err := expr.Eval(n, map[string]float64{"x": 4}, scalar{}, nil); got != 0.25 || err != nil {
		t.Errorf("x^-1 at 4: got %v, %v, want 0.25", got, err)
	}
}

// TestEvalNestedError checks that an *EvalError from inside a function,
// which may evaluate an expression of its own, keeps its column.
func TestEvalNestedError(t *testing.T) {
	inner := &expr.EvalError{Col: 42, Err: errors.New("inner")}
	funcs := expr.Funcs[float64]{"f": {Arity: 1, Apply: func([]float64) (float64, error) {
		return 0, inner
	}}}
	n, err := expr.Parse("1 + f(2)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := expr.Eval(n, nil, scalar{}, funcs); err != inner {
		t.Errorf("got %v, want %v", err, inner)
	}
}
