// This file draws the plots of a run and of several runs side by side with
// gonum.org/v1/plot, each as PNG and SVG.

package main

import (
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// series is one line of a plot.
type series struct {
	label  string
	xy     plotter.XYs
	colour color.Color
	dashed bool
}

// figure describes one plot.
type figure struct {
	title, xlabel, ylabel string
	logY                  bool
	lines                 []series

	// legendLow puts the legend in the lower right corner, clear of curves
	// that rise to the right, as the sharpness does.
	legendLow bool
}

// save draws f into name.png and name.svg inside dir.
func (f *figure) save(dir, name string) error {
	p := plot.New()
	p.Title.Text = f.title
	p.X.Label.Text = f.xlabel
	p.Y.Label.Text = f.ylabel
	if f.logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: 2}
	} else {
		p.Y.Tick.Marker = plainTicks{}
	}
	p.X.Tick.Marker = plainTicks{}
	p.Add(plotter.NewGrid())
	for _, s := range f.lines {
		if len(s.xy) == 0 {
			continue
		}
		l, err := plotter.NewLine(s.xy)
		if err != nil {
			return fmt.Errorf("hessian: plot %s: %v", name, err)
		}
		l.Color = s.colour
		l.Width = vg.Points(1.2)
		if s.dashed {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		p.Add(l)
		if s.label != "" {
			p.Legend.Add(s.label, l)
		}
	}
	p.Legend.Top = !f.legendLow
	for _, ext := range []string{".png", ".svg"} {
		path := filepath.Join(dir, name+ext)
		if err := p.Save(6*vg.Inch, 4*vg.Inch, path); err != nil {
			return fmt.Errorf("hessian: %s: %v", path, err)
		}
	}
	return nil
}

// plainTicks are gonum's default ticks labelled without trailing zeros.
type plainTicks struct{}

// Ticks returns the default ticks between lo and hi with short labels.
func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = strconv.FormatFloat(t.Value, 'g', 6, 64)
		}
	}
	return ticks
}

// xy returns the points (x[i], y[i]) with both finite, and y positive when
// positive is set (for a log axis).
func xy(x, y []float64, positive bool) plotter.XYs {
	var out plotter.XYs
	for i := range x {
		if finite(x[i]) && finite(y[i]) && (!positive || y[i] > 0) {
			out = append(out, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	return out
}

// hline returns the horizontal segment at height y over the range of xs.
func hline(xs []float64, y float64) plotter.XYs {
	if len(xs) == 0 {
		return nil
	}
	return plotter.XYs{{X: xs[0], Y: y}, {X: xs[len(xs)-1], Y: y}}
}

// drawRun draws the plots of one run into dir: loss, sharpness with 2/η,
// and the densities when there are any.
func drawRun(dir string, rows, dens []string, lr float64) error {
	t, err := parseTable(filepath.Join(dir, metricsFile), rows)
	if err != nil {
		return err
	}
	steps, _ := t.column("step")
	loss, _ := t.column("loss")
	f := &figure{title: "training loss", xlabel: "step", ylabel: "loss", logY: true,
		lines: []series{{xy: xy(steps, loss, true), colour: plotutil.Color(0)}}}
	if err := f.save(dir, "loss"); err != nil {
		return err
	}

	f = &figure{title: fmt.Sprintf("top Hessian eigenvalues, η = %.4g", lr),
		xlabel: "step", ylabel: "eigenvalue", legendLow: true}
	for i, name := range t.eigenColumns() {
		ys, _ := t.column(name)
		f.lines = append(f.lines, series{label: strings.Replace(name, "lambda", "λ", 1),
			xy: xy(steps, ys, false), colour: plotutil.Color(i)})
	}
	f.lines = append(f.lines, series{label: "2/η", xy: hline(steps, 2/lr),
		colour: color.Gray{Y: 80}, dashed: true})
	if err := f.save(dir, "sharpness"); err != nil {
		return err
	}

	if len(dens) > 1 {
		return drawDensity(dir, dens)
	}
	return nil
}

// drawDensity draws the densities of density.csv, one line per step.
func drawDensity(dir string, lines []string) error {
	t, err := parseTable(filepath.Join(dir, densityFile), lines)
	if err != nil {
		return err
	}
	f := &figure{title: "Hessian spectral density", xlabel: "eigenvalue",
		ylabel: "density", logY: true}
	var cur []plotter.XY
	step := math.NaN()
	flush := func() {
		if len(cur) > 0 {
			f.lines = append(f.lines, series{label: fmt.Sprintf("step %.0f", step),
				xy: cur, colour: plotutil.Color(len(f.lines))})
		}
		cur = nil
	}
	for _, r := range t.rows {
		if r[0] != step {
			flush()
			step = r[0]
		}
		// Clamp the tails so that the log axis shows them as a floor.
		cur = append(cur, plotter.XY{X: r[1], Y: max(r[2], 1e-6)})
	}
	flush()
	return f.save(dir, "density")
}

// runPlot runs `hessian plot`: several records on shared axes.
func runPlot(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("hessian plot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", ".", "folder for the plots")
	prefix := fs.String("name", "compare", "prefix of the plot files")
	labels := fs.String("labels", "", "comma-separated legend labels, one per file")
	thresh := fs.Bool("threshold", true, "draw 2/η for each record on the sharpness plot")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errFlags
	}
	files := fs.Args()
	if len(files) == 0 {
		return usagef("plot: no record given")
	}
	names := files
	if *labels != "" {
		names = strings.Split(*labels, ",")
		if len(names) != len(files) {
			return usagef("plot: %d labels for %d files", len(names), len(files))
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return usagef("plot: %v", err)
	}

	var tables []*table
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return usagef("plot: %v", err)
		}
		t, err := parseTable(f, splitLines(string(data)))
		if err != nil {
			return usageError{err}
		}
		tables = append(tables, t)
	}
	return drawComparison(*out, *prefix, tables, names, *thresh)
}

// drawComparison draws loss against step and, where the records have
// seconds, against time, and the sharpness against step.
func drawComparison(dir, prefix string, tables []*table, names []string, thresh bool) error {
	lossStep := &figure{title: "training loss", xlabel: "step", ylabel: "loss", logY: true}
	lossTime := &figure{title: "training loss", xlabel: "optimiser time (s)", ylabel: "loss", logY: true}
	sharp := &figure{title: "sharpness λ₁", xlabel: "step", ylabel: "λ₁", legendLow: true}
	for i, t := range tables {
		steps, err := t.column("step")
		if err != nil {
			return usageError{err}
		}
		loss, err := t.column("loss")
		if err != nil {
			return usageError{err}
		}
		c := plotutil.Color(i)
		lossStep.lines = append(lossStep.lines, series{label: names[i], xy: xy(steps, loss, true), colour: c})
		if secs, err := t.column("seconds"); err == nil {
			lossTime.lines = append(lossTime.lines, series{label: names[i], xy: xy(secs, loss, true), colour: c})
		}
		if l1, err := t.column("lambda1"); err == nil {
			sharp.lines = append(sharp.lines, series{label: names[i], xy: xy(steps, l1, false), colour: c})
		}
		if lr, err := t.column("lr"); err == nil && thresh && len(lr) > 0 {
			sharp.lines = append(sharp.lines, series{xy: hline(steps, 2/lr[0]), colour: c, dashed: true})
		}
	}
	if err := lossStep.save(dir, prefix+"_loss"); err != nil {
		return err
	}
	if len(lossTime.lines) > 0 {
		if err := lossTime.save(dir, prefix+"_loss_time"); err != nil {
			return err
		}
	}
	return sharp.save(dir, prefix+"_sharpness")
}
