package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// runCmd runs the command with args and returns its exit status and
// outputs.
func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestGolden pins the output of the commands with a fixed seed.
func TestGolden(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
		code   int
	}{
		{"ops_tanh.golden", []string{"ops", "-op", "tanh"}, 0},
		{"ops_matmul_json.golden", []string{"ops", "-op", "matmul", "-json", "-order", "1"}, 0},
		{"expr_table.golden", []string{"expr", "sum(tanh(x @ W + b)^2)",
			"-var", "x=4x3", "-var", "W=3x2", "-var", "b=1x2", "-seed", "7"}, 0},
		{"expr_json.golden", []string{"expr", "-json", "sum(x^2)",
			"-values", "testdata/x.json", "-dir", "testdata/v.json"}, 0},
		{"expr_fail.golden", []string{"expr", "sum(exp(x))", "-var", "x=2x2",
			"-atol", "1e-300", "-rtol", "1e-300", "-order", "1"}, 1},
		{"expr_kink.golden", []string{"expr", "sum(relu(x))", "-values", "testdata/x.json"}, 0},
		{"mlp.golden", []string{"mlp", "-sizes", "3,4,2", "-act", "tanh", "-loss",
			"cross-entropy", "-batch", "5"}, 0},
	} {
		t.Run(c.golden, func(t *testing.T) {
			code, out, errOut := runCmd(c.args...)
			if code != c.code {
				t.Fatalf("exit status: got %d, want %d\nstderr: %s\nstdout:\n%s", code, c.code, errOut, out)
			}
			if errOut != "" {
				t.Errorf("stderr: got %q, want nothing", errOut)
			}
			path := filepath.Join("testdata", c.golden)
			if *update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if masked(out) != masked(string(want)) {
				t.Errorf("stdout differs from %s:\ngot:\n%s\nwant:\n%s", path, out, want)
			}
		})
	}
}

// rounding matches the errors of finite differences, 1e-5 and below.
// Their digits are rounding noise that moves with the last bits of a kernel
// (a vectorised tanh, a fused multiply-add), so the golden comparison masks
// them and pins everything else.
var rounding = regexp.MustCompile(`\d\.\d+e-(0[5-9]|[1-9]\d)|0\.0+e\+00`)

func masked(s string) string { return rounding.ReplaceAllString(s, "ε") }

// TestErrors checks that bad input gives exit status 2 and one line on
// stderr.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bigX := filepath.Join(dir, "big.json")
	if err := os.WriteFile(bigX, []byte(`{"x": [[1, 2, 3]]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"nope"}, `gradcheck: unknown command "nope" (want ops, mlp or expr)`},
		{[]string{"expr", "sum(tanhh(x))", "-var", "x=2x2"},
			"gradcheck expr: expr: column 5: unknown function tanhh (did you mean tanh?)"},
		{[]string{"expr", "sum(x +* y)", "-var", "x=2x2"},
			"gradcheck expr: expr: column 8: unexpected '*'"},
		{[]string{"expr", "sum(x @ W)", "-var", "x=2x3", "-var", "W=2x3"},
			"gradcheck expr: expr: column 7: matmul: 2x3 and 2x3 do not fit"},
		{[]string{"expr", "sum(x)"}, "gradcheck expr: variable x has no shape; give -var x=RxC"},
		{[]string{"expr", "x", "-var", "x=2x2"},
			"gradcheck expr: the expression is 2x2, not 1x1; wrap it in sum(...) or mean(...)"},
		{[]string{"expr", "sum(x)", "-var", "x=2"},
			`gradcheck expr: invalid value "x=2" for flag -var: want name=RxC, such as x=8x3 (see gradcheck expr -h)`},
		{[]string{"expr", "sum(x)", "-var", "y=2x2", "-var", "x=1x1"},
			"gradcheck expr: -var y: the expression has no variable y"},
		{[]string{"expr", "sum(x)", "-values", "testdata/bad.json"},
			"gradcheck expr: testdata/bad.json: unexpected end of JSON input (want an object mapping each name to a list of rows)"},
		{[]string{"expr", "sum(x)", "-values", "testdata/ragged.json"},
			"gradcheck expr: testdata/ragged.json: variable x: row 1 has 1 values, row 0 has 2"},
		{[]string{"expr", "sum(x)", "-values", bigX, "-var", "x=2x2"},
			"gradcheck expr: " + bigX + ": variable x is 1x3, -var says 2x2"},
		{[]string{"expr", "sum(x^2)", "-values", "testdata/x.json", "-dir", bigX},
			"gradcheck expr: " + bigX + ": the direction for x is 1x3, the variable is 2x3"},
		{[]string{"expr", "sum(log(x))", "-values", "testdata/x.json"},
			"gradcheck expr: the expression is not finite at these values: first non-finite value at node 1 (Log 2x3) in the forward pass"},
		{[]string{"expr", "sum(x)", "sum(y)", "-var", "x=1x1"},
			"gradcheck expr: want one expression, got 2 arguments (quote the expression)"},
		{[]string{"expr", "2", "-order", "1"}, "gradcheck expr: the expression has no variables to differentiate by"},
		{[]string{"expr", "sum(x)", "-var", "x=1x1", "-order", "3"}, "gradcheck expr: -order 3: want 1 or 2"},
		{[]string{"ops", "-op", "nope"}, `gradcheck ops: unknown op "nope" (the ops are `},
		{[]string{"ops", "-bogus"}, "gradcheck ops: flag provided but not defined: -bogus (see gradcheck ops -h)"},
		{[]string{"mlp", "-sizes", "4,x"}, `gradcheck mlp: -sizes "4,x": want widths from 1 to 4096 separated by commas`},
		{[]string{"mlp", "-sizes", "4"}, "gradcheck mlp: mlp: 1 layer sizes, need at least 2 (input and output)"},
		{[]string{"mlp", "-act", "foo"}, `gradcheck mlp: -act: unknown activation "foo"`},
		{[]string{"mlp", "-batch", "0"}, "gradcheck mlp: -batch 0: want at least 1"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errOut := runCmd(c.args...)
			if code != 2 {
				t.Errorf("exit status: got %d, want 2", code)
			}
			if c.args == nil {
				if !strings.HasPrefix(errOut, "usage: gradcheck") {
					t.Errorf("stderr: got %q, want the usage text", errOut)
				}
				return
			}
			if out != "" {
				t.Errorf("stdout: got %q, want nothing", out)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, c.want) {
				t.Errorf("stderr:\ngot  %q\nwant %q", errOut, c.want+"\n")
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"ops", "-h"}, {"expr", "-h"}, {"mlp", "-h"}} {
		code, out, errOut := runCmd(args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "usage: gradcheck") {
			t.Errorf("%v: got status %d, stderr %q, stdout %q; want 0 and the usage on stdout",
				args, code, errOut, out)
		}
	}
}

// output is the part of the JSON output that the tests read.
type output struct {
	Value  float64                `json:"value"`
	Grad   map[string][][]float64 `json:"grad"`
	HVP    map[string][][]float64 `json:"hvp"`
	Checks []struct {
		Name string `json:"name"`
		Pass bool   `json:"pass"`
	} `json:"checks"`
	Pass bool `json:"pass"`
}

func runJSON(t *testing.T, args ...string) output {
	t.Helper()
	code, out, errOut := runCmd(args...)
	if code != 0 {
		t.Fatalf("exit status %d, stderr %s", code, errOut)
	}
	var o output
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if !o.Pass || len(o.Checks) == 0 {
		t.Errorf("got pass %v with %d checks, want a pass", o.Pass, len(o.Checks))
	}
	return o
}

func readRows(t *testing.T, path string) map[string][][]float64 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string][][]float64
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func near(t *testing.T, what string, got, want [][]float64) {
	t.Helper()
	for i := range want {
		for j := range want[i] {
			g, w := got[i][j], want[i][j]
			if math.Abs(g-w) > 1e-9*math.Max(math.Abs(w), 1e-300) && g != w {
				t.Errorf("%s[%d][%d]: got %.17g, want %.17g", what, i, j, g, w)
			}
		}
	}
}

// TestSquareByHand checks sum(x^2): the gradient is 2x and H v = 2v.
func TestSquareByHand(t *testing.T) {
	o := runJSON(t, "expr", "-json", "sum(x^2)", "-values", "testdata/x.json", "-dir", "testdata/v.json")
	x, v := readRows(t, "testdata/x.json")["x"], readRows(t, "testdata/v.json")["x"]
	want, wantH, value := make([][]float64, len(x)), make([][]float64, len(x)), 0.0
	for i := range x {
		for j := range x[i] {
			want[i] = append(want[i], 2*x[i][j])
			wantH[i] = append(wantH[i], 2*v[i][j])
			value += x[i][j] * x[i][j]
		}
	}
	if o.Value != value {
		t.Errorf("value: got %g, want %g", o.Value, value)
	}
	near(t, "grad x", o.Grad["x"], want)
	near(t, "hvp x", o.HVP["x"], wantH)
}

// TestTanhByHand checks f = Σ tanh(x W + b)² against derivatives worked
// out by hand. With t = tanh(z), z = x W + b and G = ∂f/∂z = 2 t (1 − t²):
//
//	∇x = G Wᵀ,  ∇W = xᵀ G,  ∇b = Σ rows of G
//
// and along a direction (vx, vW, vb), with dz = vx W + x vW + vb and
// dG = 2 (1 − t²)(1 − 3t²) ⊙ dz:
//
//	(H v)x = dG Wᵀ + G vWᵀ,  (H v)W = vxᵀ G + xᵀ dG,  (H v)b = Σ rows of dG
func TestTanhByHand(t *testing.T) {
	o := runJSON(t, "expr", "-json", "sum(tanh(x @ W + b)^2)",
		"-values", "testdata/mlp_in.json", "-dir", "testdata/mlp_dir.json")
	in, d := readRows(t, "testdata/mlp_in.json"), readRows(t, "testdata/mlp_dir.json")
	x, W, b := in["x"], in["W"], in["b"][0]
	vx, vW, vb := d["x"], d["W"], d["b"][0]
	n, m, k := len(x), len(W), len(b)

	G, dG := zeros(n, k), zeros(n, k)
	value := 0.0
	for i := range n {
		for j := range k {
			z, dz := b[j], vb[j]
			for l := range m {
				z += x[i][l] * W[l][j]
				dz += vx[i][l]*W[l][j] + x[i][l]*vW[l][j]
			}
			th := math.Tanh(z)
			value += th * th
			G[i][j] = 2 * th * (1 - th*th)
			dG[i][j] = 2 * (1 - th*th) * (1 - 3*th*th) * dz
		}
	}
	gx, gW, gb := zeros(n, m), zeros(m, k), zeros(1, k)
	hx, hW, hb := zeros(n, m), zeros(m, k), zeros(1, k)
	for i := range n {
		for j := range k {
			gb[0][j] += G[i][j]
			hb[0][j] += dG[i][j]
			for l := range m {
				gx[i][l] += G[i][j] * W[l][j]
				gW[l][j] += x[i][l] * G[i][j]
				hx[i][l] += dG[i][j]*W[l][j] + G[i][j]*vW[l][j]
				hW[l][j] += vx[i][l]*G[i][j] + x[i][l]*dG[i][j]
			}
		}
	}
	if math.Abs(o.Value-value) > 1e-12*value {
		t.Errorf("value: got %.17g, want %.17g", o.Value, value)
	}
	near(t, "grad x", o.Grad["x"], gx)
	near(t, "grad W", o.Grad["W"], gW)
	near(t, "grad b", o.Grad["b"], gb)
	near(t, "hvp x", o.HVP["x"], hx)
	near(t, "hvp W", o.HVP["W"], hW)
	near(t, "hvp b", o.HVP["b"], hb)
}

func zeros(r, c int) [][]float64 {
	m := make([][]float64, r)
	for i := range m {
		m[i] = make([]float64, c)
	}
	return m
}

// TestOpsAll runs the whole op table at order 2 and expects every row to
// pass.
func TestOpsAll(t *testing.T) {
	code, out, errOut := runCmd("ops")
	if code != 0 || errOut != "" || strings.Contains(out, "FAIL") {
		t.Errorf("got status %d, stderr %q, want 0 and no failure:\n%s", code, errOut, out)
	}
}
