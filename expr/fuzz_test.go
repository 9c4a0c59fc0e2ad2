package expr_test

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/hessgo/hessgo/expr"
)

// FuzzParse checks that Parse does not panic, that its errors point into
// the source, and that String prints a tree that parses back to itself.
// Eval of every parsed tree must not panic either.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		n, err := expr.Parse(src)
		if err != nil {
			var se *expr.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): error of type %T", src, err)
			}
			if se.Col < 1 || se.Col > len(src)+1 {
				t.Fatalf("Parse(%q): column %d outside 1..%d", src, se.Col, len(src)+1)
			}
			return
		}

		s := expr.String(n)
		if !utf8.ValidString(s) {
			t.Fatalf("String(Parse(%q)) = %q is not UTF-8", src, s)
		}
		n2, err := expr.Parse(s)
		if err != nil {
			t.Fatalf("Parse(String(Parse(%q))) = Parse(%q): %v", src, s, err)
		}
		if s2 := expr.String(n2); s2 != s {
			t.Fatalf("round trip of %q: got %q, want %q", src, s2, s)
		}

		vars := make(map[string]float64)
		for i, name := range expr.Vars(n) {
			vars[name] = float64(i) + 0.5
		}
		_, err = expr.Eval(n, vars, scalar{}, scalarFuncs)
		var ee *expr.EvalError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("Eval(%q): error of type %T", src, err)
		}
	})
}
