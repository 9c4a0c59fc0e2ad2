// This file prints the outcome of a check of one function, as tables or as
// one JSON object.

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/hessgo/hessgo/gradcheck"
	"github.com/hessgo/hessgo/graph"
)

// jsonCheck is one result in the JSON output.
type jsonCheck struct {
	Check  string   `json:"check"`
	Name   string   `json:"name"`
	Shape  string   `json:"shape,omitempty"`
	MaxAbs *float64 `json:"max_abs_err"`
	MaxRel *float64 `json:"max_rel_err"`
	Kinks  int      `json:"kinks"`
	Note   string   `json:"note,omitempty"`
	Pass   bool     `json:"pass"`
}

// jsonOutput is the JSON object of the expr and mlp commands.
type jsonOutput struct {
	Expr   string                 `json:"expr,omitempty"`
	Value  *float64               `json:"value"`
	Grad   map[string][][]float64 `json:"grad"`
	Dir    map[string][][]float64 `json:"dir,omitempty"`
	HVP    map[string][][]float64 `json:"hvp,omitempty"`
	Checks []jsonCheck            `json:"checks"`
	Pass   bool                   `json:"pass"`
}

// finite returns &v, or nil (JSON null) for a NaN or an infinity, which
// JSON cannot hold.
func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func named(names []string, ms []*graph.Matrix) map[string][][]float64 {
	if ms == nil {
		return nil
	}
	out := make(map[string][][]float64, len(ms))
	for k, m := range ms {
		out[names[k]] = m.ToRows()
	}
	return out
}

func checks(rep *gradcheck.Report) []jsonCheck {
	out := make([]jsonCheck, 0, len(rep.Results))
	for _, r := range rep.Results {
		c := jsonCheck{Check: r.Check, Name: r.Input, Shape: r.Shape, Kinks: r.Kinks,
			Note: r.Note, Pass: r.Pass}
		if r.Check != gradcheck.CheckTaylor && r.Check != gradcheck.CheckRepeat {
			c.MaxAbs, c.MaxRel = finite(r.MaxAbs), finite(r.MaxRel)
		}
		out = append(out, c)
	}
	return out
}

// writeJSON prints rep as one JSON object.
func writeJSON(w io.Writer, src string, rep *gradcheck.Report) error {
	out := jsonOutput{Expr: src, Value: finite(rep.Value), Grad: named(rep.Names, rep.Grad),
		Dir: named(rep.Names, rep.Dir), HVP: named(rep.Names, rep.HVP),
		Checks: checks(rep), Pass: rep.Pass}
	enc := json.NewEncoder(w)
	return enc.Encode(out)
}

// writeTables prints the gradient, the HVP and the report of rep.
func writeTables(w io.Writer, rep *gradcheck.Report, verbose bool) {
	for k, name := range rep.Names {
		writeMatrix(w, fmt.Sprintf("gradient wrt %s", name), rep.Grad[k])
	}
	if rep.HVP != nil {
		for k, name := range rep.Names {
			writeMatrix(w, fmt.Sprintf("direction v for %s", name), rep.Dir[k])
		}
		for k, name := range rep.Names {
			writeMatrix(w, fmt.Sprintf("Hv wrt %s", name), rep.HVP[k])
		}
	}
	rep.Write(w, verbose)
}

// writeMatrix prints m under a title, one row a line, in aligned columns.
func writeMatrix(w io.Writer, title string, m *graph.Matrix) {
	fmt.Fprintf(w, "%s (%s):\n", title, m.Shape())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for i := 0; i < m.Rows; i++ {
		var b strings.Builder
		b.WriteString("  ")
		for _, v := range m.Row(i) {
			fmt.Fprintf(&b, "%.6g\t", v)
		}
		fmt.Fprintln(tw, b.String())
	}
	tw.Flush()
	fmt.Fprintln(w)
}
