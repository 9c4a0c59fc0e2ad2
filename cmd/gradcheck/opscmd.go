// This file implements the ops command: every op of the table of the
// package gradcheck, at each of its shapes, one row each.

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"text/tabwriter"

	"github.com/hessgo/hessgo/gradcheck"
)

// opRow is the outcome of one op at one set of shapes.
type opRow struct {
	Op     string      `json:"op"`
	Shapes string      `json:"shapes"`
	Value  *float64    `json:"value"`
	Checks []jsonCheck `json:"checks"`
	Pass   bool        `json:"pass"`
	rep    *gradcheck.Report
}

func runOps(args []string, stdout io.Writer) (bool, error) {
	var c common
	var only string
	fs := newFlags("ops", "", &c, stdout)
	fs.StringVar(&only, "op", "", "check only the op `NAME` (any case), such as tanh, pow or pow(3)")
	pos, err := parse(fs, args)
	if err != nil {
		return false, err
	}
	if len(pos) > 0 {
		return false, fmt.Errorf("unexpected argument %q", pos[0])
	}
	opts, err := c.options()
	if err != nil {
		return false, err
	}

	var rows []opRow
	pass := true
	for ci, oc := range gradcheck.OpCases() {
		base, _, _ := strings.Cut(oc.Name, "(")
		if only != "" && !strings.EqualFold(only, oc.Name) && !strings.EqualFold(only, base) {
			continue
		}
		for si, shapes := range oc.Shapes {
			r := rand.New(rand.NewPCG(c.seed, uint64(ci<<8|si)))
			f, in := oc.Problem(r, shapes)
			rep := gradcheck.Run(f, in, opts)
			rows = append(rows, opRow{Op: oc.Name, Shapes: gradcheck.ShapesString(shapes),
				Value: finite(rep.Value), Checks: checks(rep), Pass: rep.Pass, rep: rep})
			pass = pass && rep.Pass
		}
	}
	if rows == nil {
		return false, fmt.Errorf("unknown op %q (the ops are %s)", only, opNames())
	}

	if c.json {
		enc := json.NewEncoder(stdout)
		return pass, enc.Encode(struct {
			Ops  []opRow `json:"ops"`
			Pass bool    `json:"pass"`
		}{rows, pass})
	}
	writeOps(stdout, rows, opts.Order, c.verbose)
	return pass, nil
}

// writeOps prints one row per op and shapes, then the report of each
// failed row (of every row with verbose).
func writeOps(w io.Writer, rows []opRow, order int, verbose bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "op\tshapes\tgrad err"
	if order == 2 {
		head += "\thvp err\tsym err"
	}
	fmt.Fprintln(tw, head+"\ttaylor\tkinks\tresult")
	failed := 0
	for _, r := range rows {
		grad, hvp, sym, slope, kinks := summary(r.rep)
		line := fmt.Sprintf("%s\t%s\t%s", r.Op, r.Shapes, errCell(grad))
		if order == 2 {
			line += fmt.Sprintf("\t%s\t%s", errCell(hvp), errCell(sym))
		}
		verdict := "ok"
		if !r.Pass {
			verdict = "FAIL"
			failed++
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", line, slope, kinks, verdict)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d checks passed\n", len(rows)-failed, len(rows))
	for _, r := range rows {
		if verbose || !r.Pass {
			fmt.Fprintf(w, "\n%s %s:\n", r.Op, r.Shapes)
			r.rep.Write(w, verbose)
		}
	}
}

// summary returns the largest absolute errors of the gradient, HVP and
// symmetry checks of rep (NaN where none ran), the Taylor slope and the
// number of kinks.
func summary(rep *gradcheck.Report) (grad, hvp, sym float64, slope string, kinks int) {
	grad, hvp, sym, slope = math.NaN(), math.NaN(), math.NaN(), "-"
	for _, r := range rep.Results {
		kinks += r.Kinks
		switch r.Check {
		case gradcheck.CheckGrad, gradcheck.CheckGradProj:
			grad = maxNaN(grad, r.MaxAbs)
		case gradcheck.CheckHVPReverse, gradcheck.CheckHVPForward,
			gradcheck.CheckHVPReverseProj, gradcheck.CheckHVPForwardProj:
			hvp = maxNaN(hvp, r.MaxAbs)
		case gradcheck.CheckSymmetry, gradcheck.CheckUHV:
			sym = maxNaN(sym, r.MaxAbs)
		case gradcheck.CheckTaylor:
			if r.Slope != 0 {
				slope = fmt.Sprintf("%.2f", r.Slope)
			} else {
				slope = "flat"
			}
		}
	}
	return grad, hvp, sym, slope, kinks
}

// maxNaN returns the larger of a and b, where a NaN a means none yet.
func maxNaN(a, b float64) float64 {
	if math.IsNaN(a) {
		return b
	}
	return math.Max(a, b)
}

func errCell(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.1e", v)
}

func opNames() string {
	var names []string
	for _, c := range gradcheck.OpCases() {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}
