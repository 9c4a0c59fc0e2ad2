// This file defines the report of a check and prints it as a table.

package gradcheck

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/hessgo/hessgo/graph"
)

// The names of the checks, as Result.Check holds them.
const (
	CheckGrad           = "grad"        // every entry of the gradient
	CheckGradProj       = "grad·v"      // the gradient along a random v (fast mode)
	CheckHVPReverse     = "hvp-rev"     // H v by reverse-over-reverse, every entry
	CheckHVPForward     = "hvp-fwd"     // H v by forward-over-reverse, every entry
	CheckHVPReverseProj = "u·hvp-rev"   // uᵀ(H v) by reverse-over-reverse (fast mode)
	CheckHVPForwardProj = "u·hvp-fwd"   // uᵀ(H v) by forward-over-reverse (fast mode)
	CheckSymmetry       = "hessian-sym" // Hᵢⱼ = Hⱼᵢ over the whole Hessian
	CheckUHV            = "uHv=vHu"     // uᵀ(H v) = vᵀ(H u)
	CheckTaylor         = "taylor"      // first-order remainder shrinks like h²
	CheckRepeat         = "repeat"      // two runs agree bit for bit
)

// Report is the outcome of Run.
type Report struct {
	Names   []string        // the inputs' names, in order
	Value   float64         // f at the inputs
	Grad    []*graph.Matrix // the analytic gradient, one matrix per input
	Dir     []*graph.Matrix // the first direction of the HVP check (order 2)
	HVP     []*graph.Matrix // H Dir by reverse-over-reverse (order 2)
	Results []Result        // one per check and input
	Options Options         // the options, with defaults filled in
	Pass    bool            // whether every result passed
}

// Result is the outcome of one check of one input, or of all inputs
// together ("all").
type Result struct {
	Check   string // one of the Check constants
	Input   string
	Shape   string  // the input's shape, or the Hessian's for the symmetry check
	Entries int     // the number of values compared
	Failed  int     // the number of them outside the tolerance, kinks aside
	Kinks   int     // the number of them found on a kink, not failed
	MaxAbs  float64 // the largest |analytic − numeric|, kinks aside
	MaxRel  float64 // the largest |analytic − numeric| / max(|analytic|, |numeric|)
	Slope   float64 // the fitted slope of the Taylor test
	Worst   []Entry // the entries of largest error over tolerance, worst first
	Note    string
	Pass    bool
}

// Entry is one compared value. Index is the position in the input's data,
// or -1 for a projection; for the symmetry check, Row and Col index the
// Hessian, Analytic is Hᵢⱼ and Numeric is Hⱼᵢ.
type Entry struct {
	Index, Row, Col   int
	Analytic, Numeric float64
	AbsErr            float64
	Kink              bool
}

// Failed returns the results that did not pass.
func (r *Report) Failed() []Result {
	var out []Result
	for _, res := range r.Results {
		if !res.Pass {
			out = append(out, res)
		}
	}
	return out
}

// String returns the report as an aligned table, with the worst entries of
// every failed result below it.
func (r *Report) String() string {
	var b strings.Builder
	r.Write(&b, false)
	return b.String()
}

// Write prints the report to w as String does; verbose lists the worst
// entries of every result, not only of failed ones.
func (r *Report) Write(w io.Writer, verbose bool) error {
	verdict := "PASS"
	if !r.Pass {
		verdict = "FAIL"
	}
	o := r.Options
	stencil := "central"
	if o.FivePoint {
		stencil = "five-point"
	}
	mode := ""
	if o.Fast {
		mode = ", fast"
	}
	fmt.Fprintf(w, "gradcheck %s: value %.10g (order %d, %s eps %g, atol %g, rtol %g%s)\n",
		verdict, r.Value, o.Order, stencil, o.Eps, o.Atol, o.Rtol, mode)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "check\tinput\tshape\tmax abs err\tmax rel err\tnote\tresult")
	for _, res := range r.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", res.Check, res.Input, dash(res.Shape),
			errText(res, res.MaxAbs), errText(res, res.MaxRel), dash(res.note()), res.verdict())
	}
	tw.Flush()

	for _, res := range r.Results {
		if (verbose || !res.Pass) && len(res.Worst) > 0 {
			res.writeWorst(w)
		}
	}
	return nil
}

func (res Result) verdict() string {
	if res.Pass {
		return "ok"
	}
	return "FAIL"
}

func (res Result) note() string {
	parts := []string{}
	if res.Note != "" {
		parts = append(parts, res.Note)
	}
	if res.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d off", res.Failed, res.Entries))
	}
	if res.Kinks > 0 {
		parts = append(parts, fmt.Sprintf("%d on a kink", res.Kinks))
	}
	return strings.Join(parts, ", ")
}

// writeWorst lists the worst entries of res.
func (res Result) writeWorst(w io.Writer) {
	fmt.Fprintf(w, "worst entries of %s %s:\n", res.Check, res.Input)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	a, n := "analytic", "numeric"
	if res.Check == CheckSymmetry {
		a, n = "H[i,j]", "H[j,i]"
	}
	fmt.Fprintf(tw, "  entry\t%s\t%s\tabs err\n", a, n)
	for _, e := range res.Worst {
		at := fmt.Sprintf("[%d,%d]", e.Row, e.Col)
		if e.Index < 0 {
			at = "projection"
		}
		mark := ""
		if e.Kink {
			mark = "  on a kink"
		}
		fmt.Fprintf(tw, "  %s\t%.10g\t%.10g\t%.2e%s\n", at, e.Analytic, e.Numeric, e.AbsErr, mark)
	}
	tw.Flush()
}

func errText(res Result, v float64) string {
	if res.Check == CheckTaylor || res.Check == CheckRepeat {
		return "-"
	}
	if math.IsNaN(v) {
		return "NaN"
	}
	return fmt.Sprintf("%.2e", v)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
