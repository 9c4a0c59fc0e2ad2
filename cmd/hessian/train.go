// This file implements a training run: the data, the model, the loop that
// steps the optimiser and records a row every k steps, the checkpoints and
// resuming from one.

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/hvp"
	"github.com/hessgo/hessgo/mlp"
	"github.com/hessgo/hessgo/newton"
	"github.com/hessgo/hessgo/optim"
)

// File names inside the output folder.
const (
	metricsFile    = "metrics.csv"
	densityFile    = "density.csv"
	checkpointFile = "checkpoint.bin"
)

// runner holds the state of a training run.
type runner struct {
	c      *config
	data   *dataset.Set
	model  *mlp.MLP
	opt    optim.Stateful
	h      *hvp.HVP
	rng    *rand.Rand
	pcg    *rand.PCG
	ck     checkpoint // rows and state as of the last row
	metric *os.File
	dens   *os.File
	stderr io.Writer
	prog   io.Writer // progress, nil when stderr is not a terminal
	start  time.Time
}

// train runs the training that c describes.
func train(c *config, stderr io.Writer) error {
	if err := prepareOut(c); err != nil {
		return err
	}
	data, err := loadData(c)
	if err != nil {
		return err
	}
	r := newRunner(c, data)
	r.stderr = stderr
	if isTerminal(stderr) {
		r.prog = stderr
	}

	if c.Resume {
		err = r.resume()
	} else {
		err = r.fresh()
	}
	if err != nil {
		return err
	}
	defer r.metric.Close()
	defer r.dens.Close()

	stopped, err := r.loop()
	if r.prog != nil {
		fmt.Fprintln(r.prog)
	}
	if err != nil || stopped {
		return err
	}
	if c.Plots {
		return drawRun(c.Out, r.ck.Rows, r.ck.Density, c.LR)
	}
	return nil
}

// prepareOut makes the output folder and checks that it can be written,
// before any file in it is touched.
func prepareOut(c *config) error {
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return usagef("output folder: %v", err)
	}
	f, err := os.CreateTemp(c.Out, ".probe*")
	if err != nil {
		return usagef("output folder %s is not writable: %v", c.Out, errors.Unwrap(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// loadData returns the training examples that c asks for.
func loadData(c *config) (*dataset.Set, error) {
	if c.Data == "synthetic" {
		return synthetic(c.N, c.SynthDim, c.SynthCls, c.Seed), nil
	}
	dir, err := dataset.MNISTDir()
	if err != nil {
		return nil, usagef("mnist: %v", err)
	}
	tr, _, err := dataset.LoadMNIST(dir)
	if err != nil {
		return nil, usagef("mnist: %v", err)
	}
	if c.N > tr.N {
		return nil, usagef("-n: %d examples asked for, the MNIST training set has %d", c.N, tr.N)
	}
	idx := make([]int, c.N)
	for i := range idx {
		idx[i] = i
	}
	return tr.Subset(idx), nil
}

// synthetic returns n examples of d standard normal features, labelled by
// the largest output of a random linear teacher with the given classes.
func synthetic(n, d, classes int, seed uint64) *dataset.Set {
	rng := rand.New(rand.NewPCG(seed, 2))
	teacher := make([]float64, d*classes)
	for i := range teacher {
		teacher[i] = rng.NormFloat64()
	}
	s := &dataset.Set{N: n, D: d, X: make([]float64, n*d), Labels: make([]int, n), Classes: classes}
	for i := range n {
		x := s.X[i*d : (i+1)*d]
		for j := range x {
			x[j] = rng.NormFloat64()
		}
		best, arg := math.Inf(-1), 0
		for k := range classes {
			var z float64
			for j, xj := range x {
				z += xj * teacher[j*classes+k]
			}
			if z > best {
				best, arg = z, k
			}
		}
		s.Labels[i] = arg
	}
	return s
}

// newRunner builds the model, the optimiser and the Hessian operator.
func newRunner(c *config, data *dataset.Set) *runner {
	act, _ := mlp.ParseActivation(c.Act)
	loss, _ := mlp.ParseLoss(c.Loss)
	init, _ := mlp.ParseInit(c.Init)
	sizes := append(append([]int{data.D}, c.Hidden...), data.Classes)
	model := mlp.New(mlp.Config{
		Sizes:       sizes,
		Activations: mlp.Activations(act, mlp.Identity, len(sizes)-1),
		Init:        init, Loss: loss, Seed: c.Seed,
	})
	r := &runner{c: c, data: data, model: model}
	switch c.Opt {
	case "adam":
		r.opt = optim.NewAdam(c.LR)
	case "newton":
		// The step size does not apply: the line search sets the length.
		r.opt = &newton.NewtonCG{CGMaxIter: c.CGIters}
	default:
		r.opt = optim.NewSGD(c.LR)
	}
	r.pcg = rand.NewPCG(c.Seed, 1)
	r.rng = rand.New(r.pcg)
	r.h = hvp.New(mlp.Objective(model, data), model.Params(), nil)
	return r
}

// header returns the first line of metrics.csv.
func (r *runner) header() string {
	cols := []string{"step", "loss", "accuracy", "lr"}
	for i := range r.c.Eigs {
		cols = append(cols, fmt.Sprintf("lambda%d", i+1))
	}
	cols = append(cols, "trace", "trace_stderr")
	if r.c.Time {
		cols = append(cols, "seconds")
	}
	return strings.Join(cols, ",")
}

// fresh starts a run from step 0, replacing the files of an earlier run.
func (r *runner) fresh() error {
	r.ck = checkpoint{
		Identity: r.c.identity(),
		Rows:     []string{r.header()},
		Density:  []string{"step,t,density"},
	}
	// An old checkpoint must not outlive the records it described.
	err := os.Remove(filepath.Join(r.c.Out, checkpointFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return usagef("%v", err)
	}
	return r.openRecords()
}

// openRecords writes metrics.csv and density.csv with the rows of r.ck and
// opens them for appending.
func (r *runner) openRecords() error {
	var err error
	r.metric, err = rewrite(filepath.Join(r.c.Out, metricsFile), r.ck.Rows)
	if err != nil {
		return err
	}
	r.dens, err = rewrite(filepath.Join(r.c.Out, densityFile), r.ck.Density)
	if err != nil {
		r.metric.Close()
	}
	return err
}

// rewrite replaces the file at path with lines, atomically, and opens it
// for appending.
func rewrite(path string, lines []string) (*os.File, error) {
	if err := writeAtomic(path, []byte(joinLines(lines))); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, fmt.Errorf("hessian: %v", err)
	}
	return f, nil
}

func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// resume restores the state of the checkpoint in the output folder after
// checking it against the flags and the records on disk.
func (r *runner) resume() error {
	path := filepath.Join(r.c.Out, checkpointFile)
	ck, err := readCheckpoint(path)
	if err != nil {
		return err
	}
	if ck.Identity != r.c.identity() {
		have, want := identityDiff(ck.Identity, r.c.identity())
		return usagef("checkpoint %s is of another run: it has %s, the flags say %s",
			path, have, want)
	}
	if n := mlp.NumParams(r.model); ck.NParams != n {
		return usagef("checkpoint %s holds %d parameters, the model has %d", path, ck.NParams, n)
	}
	if err := r.pcg.UnmarshalBinary(ck.RNG); err != nil {
		return usagef("checkpoint %s is corrupt: generator state: %v", path, err)
	}
	if err := r.opt.UnmarshalBinary(ck.Optim); err != nil {
		return usagef("checkpoint %s is corrupt: %v", path, err)
	}
	for _, f := range []struct {
		name  string
		lines []string
	}{{metricsFile, ck.Rows}, {densityFile, ck.Density}} {
		if err := checkRecord(filepath.Join(r.c.Out, f.name), f.lines, path); err != nil {
			return err
		}
	}
	mlp.SetFlat(r.model, ck.Params)
	r.ck = *ck
	return r.openRecords()
}

// identityDiff returns the first field in which two identities differ.
func identityDiff(a, b string) (string, string) {
	fa, fb := strings.Fields(a), strings.Fields(b)
	for i := range min(len(fa), len(fb)) {
		if fa[i] != fb[i] {
			return fa[i], fb[i]
		}
	}
	return a, b
}

// checkRecord checks that the file at path agrees with the lines a
// checkpoint holds: that one of them is a prefix of the other. What the
// file holds beyond the checkpoint was written after it and is recorded
// again; a file shorter than the checkpoint is completed from it.
func checkRecord(path string, lines []string, ckPath string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return usagef("%v", err)
	}
	want := []byte(joinLines(lines))
	if bytes.HasPrefix(data, want) || bytes.HasPrefix(want, data) {
		return nil
	}
	return usagef("%s does not match checkpoint %s: they differ at line %d",
		path, ckPath, firstDiffLine(data, want))
}

// firstDiffLine returns the 1-based line at which a and b first differ.
func firstDiffLine(a, b []byte) int {
	line := 1
	for i := 0; i < min(len(a), len(b)) && a[i] == b[i]; i++ {
		if a[i] == '\n' {
			line++
		}
	}
	return line
}

// loop steps the optimiser to c.Steps, recording a row every c.Every steps.
// It reports whether it stopped early at -stop-after.
func (r *runner) loop() (stopped bool, err error) {
	c := r.c
	obj := mlp.Objective(r.model, r.data)
	t := r.ck.Step
	recorded := c.Resume // the row of the checkpoint's step is written
	r.start = time.Now()
	for {
		if !recorded && (t%c.Every == 0 || t == c.Steps) {
			if err := r.record(t); err != nil {
				return false, err
			}
		}
		recorded = false
		if t == c.Steps {
			return false, nil
		}

		t0 := time.Now()
		loss, err := r.opt.Step(obj, r.model.Params())
		r.ck.Seconds += time.Since(t0).Seconds()
		if err != nil || math.IsNaN(loss) || math.IsInf(loss, 0) {
			return false, fmt.Errorf("hessian: step %d: the loss is %v, training diverged "+
				"(the step size may be too large): %v", t, loss, err)
		}
		t++
		if c.StopAfter > 0 && t == c.StopAfter {
			fmt.Fprintf(r.stderr, "hessian: stopped after step %d (-stop-after)\n", t)
			return true, nil
		}
	}
}

// record measures the network at step t, appends its row (and its density
// rows when t is one of -density) and writes the checkpoint.
func (r *runner) record(t int) error {
	c := r.c
	sd := seeds{int64(r.rng.Uint64() >> 1), int64(r.rng.Uint64() >> 1), int64(r.rng.Uint64() >> 1)}
	r.h.Rebuild()
	loss := r.h.Loss()
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return fmt.Errorf("hessian: step %d: the loss is %v, training diverged", t, loss)
	}
	acc := r.model.Accuracy(r.data)
	eigs, err := topEigenvalues(r.h, min(c.Eigs, r.h.Dim()), c.EigMethod, c.EigTol, sd.eig)
	if err != nil {
		return fmt.Errorf("%v (step %d)", err, t)
	}
	tr, se := math.NaN(), math.NaN()
	if c.Probes > 0 {
		if tr, se, err = trace(r.h, c.Probes, sd.trace); err != nil {
			return fmt.Errorf("%v (step %d)", err, t)
		}
	}

	cols := []string{fmt.Sprint(t), fmtFloat(loss), fmtFloat(acc), fmtFloat(c.LR)}
	for i := range c.Eigs {
		v := math.NaN()
		if i < len(eigs) {
			v = eigs[i]
		}
		cols = append(cols, fmtFloat(v))
	}
	cols = append(cols, fmtFloat(tr), fmtFloat(se))
	if c.Time {
		cols = append(cols, fmtFloat(r.ck.Seconds))
	}
	row := strings.Join(cols, ",")
	if _, err := io.WriteString(r.metric, row+"\n"); err != nil {
		return fmt.Errorf("hessian: %v", err)
	}
	r.ck.Rows = append(r.ck.Rows, row)

	if slices.Contains(c.Density, t) {
		rows, err := density(r.h, t, sd.density)
		if err != nil {
			return fmt.Errorf("%v (step %d)", err, t)
		}
		if _, err := io.WriteString(r.dens, joinLines(rows)); err != nil {
			return fmt.Errorf("hessian: %v", err)
		}
		r.ck.Density = append(r.ck.Density, rows...)
	}

	r.progress(t, loss, acc, eigs[0])
	return r.saveCheckpoint(t)
}

// saveCheckpoint writes the state after the row of step t.
func (r *runner) saveCheckpoint(t int) error {
	r.ck.Step = t
	r.ck.Params = mlp.Flat(r.model)
	st, err := r.pcg.MarshalBinary()
	if err != nil {
		return fmt.Errorf("hessian: %v", err)
	}
	r.ck.RNG = st
	if r.ck.Optim, err = r.opt.MarshalBinary(); err != nil {
		return fmt.Errorf("hessian: %v", err)
	}
	data, err := r.ck.encode()
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(r.c.Out, checkpointFile), data)
}

// progress shows one line of progress on a terminal.
func (r *runner) progress(t int, loss, acc, sharp float64) {
	if r.prog == nil {
		return
	}
	el := time.Since(r.start).Round(time.Second)
	fmt.Fprintf(r.prog, "\rstep %d/%d  loss %.4g  acc %.3f  λ₁ %.4g (2/η %.4g)  %v   ",
		t, r.c.Steps, loss, acc, sharp, 2/r.c.LR, el)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
