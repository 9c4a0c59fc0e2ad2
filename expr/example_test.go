package expr_test

import (
	"errors"
	"fmt"
	"math"

	"github.com/hessgo/hessgo/expr"
)

// scalar implements expr.Ops on float64: every operator is plain
// arithmetic, and @ is the product of two 1×1 matrices.
type scalar struct{}

func (scalar) Const(c float64) float64 { return c }
func (scalar) Neg(a float64) float64   { return -a }

func (scalar) Add(a, b float64) (float64, error)    { return a + b, nil }
func (scalar) Sub(a, b float64) (float64, error)    { return a - b, nil }
func (scalar) Mul(a, b float64) (float64, error)    { return a * b, nil }
func (scalar) MatMul(a, b float64) (float64, error) { return a * b, nil }

// Div fails on a zero divisor, so that tests can see where an op's error
// is reported.
func (scalar) Div(a, b float64) (float64, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

func (scalar) Pow(a, p float64) (float64, error) { return math.Pow(a, p), nil }

// unary returns a Func of one argument that applies f.
func unary(f func(float64) float64) expr.Func[float64] {
	return expr.Func[float64]{Arity: 1, Apply: func(a []float64) (float64, error) {
		return f(a[0]), nil
	}}
}

// scalarFuncs are the functions the tests and examples may call.
var scalarFuncs = expr.Funcs[float64]{
	"sin":  unary(math.Sin),
	"cos":  unary(math.Cos),
	"tanh": unary(math.Tanh),
	"exp":  unary(math.Exp),
	"sqrt": unary(math.Sqrt),
	"sum": {Arity: expr.Variadic, Apply: func(a []float64) (float64, error) {
		s := 0.0
		for _, v := range a {
			s += v
		}
		return s, nil
	}},
	"log": {Arity: 1, Apply: func(a []float64) (float64, error) {
		if a[0] <= 0 {
			return 0, fmt.Errorf("log of %g", a[0])
		}
		return math.Log(a[0]), nil
	}},
}

func Example() {
	n, err := expr.Parse("sum(tanh(x * w + b)^2, -x^2)")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(expr.String(n))
	fmt.Println(expr.Vars(n))

	vars := map[string]float64{"x": 2, "w": 0.5, "b": -1}
	v, err := expr.Eval(n, vars, scalar{}, scalarFuncs)
	fmt.Println(v, err)

	_, err = expr.Eval(n, map[string]float64{"x": 2, "w": 0.5}, scalar{}, scalarFuncs)
	fmt.Println(err)
	// Output:
	// sum((tanh(((x * w) + b)) ^ 2), (-(x ^ 2)))
	// [x w b]
	// -4 <nil>
	// expr: column 18: unknown variable b
}

func ExampleParse() {
	for _, src := range []string{"2*x^-1 - y", "x^y", "tanh(x"} {
		n, err := expr.Parse(src)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(expr.String(n))
	}
	// Output:
	// ((2 * (x ^ (-1))) - y)
	// expr: column 3: exponent of ^ must be a constant, not variable y
	// expr: column 7: expected ',' or ')' to close '(' at column 5, found end of input
}
