package expr_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/expr"
)

func TestParse(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"x", "x"},
		{"  x\t", "x"},
		{"42", "42"},
		{"1.5", "1.5"},
		{".5", "0.5"},
		{"5.", "5"},
		{"1e-3", "0.001"},
		{"2.5E+2", "250"},
		{"1e21", "1e+21"},
		{"x_1 + _y", "(x_1 + _y)"},
		{"größe", "größe"},
		{"a + b - c", "((a + b) - c)"},
		{"a - b - c", "((a - b) - c)"},
		{"a * b / c @ d", "(((a * b) / c) @ d)"},
		{"a + b * c", "(a + (b * c))"},
		{"a @ b + c", "((a @ b) + c)"},
		{"(a + b) * c", "((a + b) * c)"},
		{"-x", "(-x)"},
		{"--x", "(-(-x))"},
		{"-x^2", "(-(x ^ 2))"},
		{"-2^2", "(-(2 ^ 2))"},
		{"-x * y", "((-x) * y)"},
		{"x * -y", "(x * (-y))"},
		{"x - -y", "(x - (-y))"},
		{"x^2^3", "(x ^ (2 ^ 3))"},
		{"x^-1", "(x ^ (-1))"},
		{"x^(-1)", "(x ^ (-1))"},
		{"x^-2^2", "(x ^ (-(2 ^ 2)))"},
		{"x^(1/2)", "(x ^ (1 / 2))"},
		{"2^3^-1", "(2 ^ (3 ^ (-1)))"},
		{"(x)^2", "(x ^ 2)"},
		{"f(x)^2", "(f(x) ^ 2)"},
		{"f()", "f()"},
		{"f(x, y+1, g(z))", "f(x, (y + 1), g(z))"},
		{"sum(tanh(x @ W + b)^2)", "sum((tanh(((x @ W) + b)) ^ 2))"},
		{"2*3^2 - 1", "((2 * (3 ^ 2)) - 1)"},
		{"a\n+\nb", "(a + b)"},
	}
	for _, tt := range tests {
		n, err := expr.Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := expr.String(n); got != tt.want {
			t.Errorf("Parse(%q): got %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestParseColumns(t *testing.T) {
	n, err := expr.Parse("f(ab, -2) @ x^3")
	if err != nil {
		t.Fatal(err)
	}
	mm := n.(*expr.Binary)
	call := mm.X.(*expr.Call)
	neg := call.Args[1].(*expr.Unary)
	pow := mm.Y.(*expr.Binary)
	tests := []struct {
		name      string
		got, want int
	}{
		{"@", mm.Pos(), 11},
		{"f", call.Pos(), 1},
		{"ab", call.Args[0].Pos(), 3},
		{"-", neg.Pos(), 7},
		{"2", neg.X.Pos(), 8},
		{"^", pow.Pos(), 14},
		{"x", pow.X.Pos(), 13},
		{"3", pow.Y.Pos(), 15},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("column of %s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"", "column 1: empty expression"},
		{"   ", "column 4: empty expression"},
		{"x +", "column 4: unexpected end of input"},
		{"(x", "column 3: expected ')' to close '(' at column 1, found end of input"},
		{"x)", "column 2: unexpected ')'"},
		{"@x", "column 1: unexpected '@'"},
		{"x @ * y", "column 5: unexpected '*'"},
		{"3..4", `column 1: malformed number "3..4"`},
		{"1.2.3", `column 1: malformed number "1.2.3"`},
		{"2x", `column 1: malformed number "2x"`},
		{"1e", `column 1: malformed number "1e"`},
		{"x + 1e+", `column 5: malformed number "1e+"`},
		{"1e999", "column 1: number 1e999 is out of range"},
		{"x.y", "column 2: unexpected character '.'"},
		{"f(,)", "column 3: unexpected ','"},
		{"f(x,)", "column 5: unexpected ')'"},
		{"f(x y)", "column 5: expected ',' or ')' to close '(' at column 2, found name y"},
		{"x $ y", "column 3: unexpected character '$'"},
		{"x y", "column 3: unexpected name y"},
		{"x 2", "column 3: unexpected number 2"},
		{"()", "column 2: unexpected ')'"},
		{"(x)(y)", "column 4: unexpected '('"},
		{"x^", "column 3: unexpected end of input"},
		{"x^y", "column 3: exponent of ^ must be a constant, not variable y"},
		{"x^-y", "column 4: exponent of ^ must be a constant, not variable y"},
		{"x^(1+f(2))", "column 6: exponent of ^ must be a constant, not a call of f"},
		{"x^(a@b)", "column 5: exponent of ^ must be a constant, not '@'"},
		{"x^2^y", "column 5: exponent of ^ must be a constant, not variable y"},
		{"2^x", "column 3: exponent of ^ must be a constant, not variable x"},
		{"x \xff", "column 3: invalid UTF-8 byte 0xff"},
		{"x × y", "column 3: unexpected character '×'"},
	}
	for _, tt := range tests {
		n, err := expr.Parse(tt.src)
		if err == nil {
			t.Errorf("Parse(%q): got %s, want error %q", tt.src, expr.String(n), tt.want)
			continue
		}
		var se *expr.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q): got error of type %T, want *expr.SyntaxError", tt.src, err)
		}
		if got, want := err.Error(), "expr: "+tt.want; got != want {
			t.Errorf("Parse(%q):\ngot  %s\nwant %s", tt.src, got, want)
		}
	}
}

func TestParseDepth(t *testing.T) {
	const d = expr.MaxDepth
	tests := []struct {
		name string
		src  string
		want string // error text, or "" for success
	}{
		{"parens", strings.Repeat("(", d) + "x" + strings.Repeat(")", d), ""},
		{"parens+1", strings.Repeat("(", d+1) + "x" + strings.Repeat(")", d+1),
			"parentheses nest deeper than 1000 levels"},
		{"minus", strings.Repeat("-", d) + "x", ""},
		{"minus+1", strings.Repeat("-", d+1) + "x", "expression nests deeper than 1000 levels"},
		{"sum", "x" + strings.Repeat("+x", d), ""},
		{"sum+1", "x" + strings.Repeat("+x", d+1), "expression nests deeper than 1000 levels"},
		{"pow", "x" + strings.Repeat("^2", d), ""},
		{"pow+1", "x" + strings.Repeat("^2", d+1), "expression nests deeper than 1000 levels"},
		{"calls", strings.Repeat("f(", d) + strings.Repeat(")", d), ""},
		{"calls+1", strings.Repeat("f(", d+1) + strings.Repeat(")", d+1),
			"parentheses nest deeper than 1000 levels"},
		{"huge parens", strings.Repeat("(", 1e6), "parentheses nest deeper than 1000 levels"},
		{"huge minus", strings.Repeat("-", 1e6) + "x", "expression nests deeper than 1000 levels"},
		{"huge pow", "x" + strings.Repeat("^-2", 1e5), "expression nests deeper than 1000 levels"},
	}
	for _, tt := range tests {
		n, err := expr.Parse(tt.src)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want == "":
			// A tree at the limit must print to source that reads back.
			s := expr.String(n)
			if _, err := expr.Parse(s); err != nil {
				t.Errorf("%s: reparse of String: %v", tt.name, err)
			}
		case err == nil:
			t.Errorf("%s: got no error, want %q", tt.name, tt.want)
		case !strings.HasSuffix(err.Error(), tt.want):
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestVars(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"2", nil},
		{"x", []string{"x"}},
		{"sum(tanh(x @ W + b)^2)", []string{"x", "W", "b"}},
		{"b * a + a * b - c", []string{"b", "a", "c"}},
		{"f(g(y), -x) ^ 2", []string{"y", "x"}},
	}
	for _, tt := range tests {
		n, err := expr.Parse(tt.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		got := expr.Vars(n)
		if strings.Join(got, ",") != strings.Join(tt.want, ",") || len(got) != len(tt.want) {
			t.Errorf("Vars(%q): got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestStringHandBuilt(t *testing.T) {
	n := &expr.Binary{Op: expr.Sub, X: &expr.Num{Value: 1}, Y: &expr.Num{Value: -2}}
	if got, want := expr.String(n), "(1 - (-2))"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got, want := expr.String(nil), "<nil>"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
