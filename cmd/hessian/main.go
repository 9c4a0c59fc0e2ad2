// This file holds the entry point, the flags of a training run and their
// validation.

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/hessgo/hessgo/mlp"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // divergence, a failed measurement or a failed check
	exitUsage   = 2 // bad flags, unusable files
)

// usageError marks an error that exits with exitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf("hessian: "+format, args...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) > 0 && args[0] == "check":
		err = runCheck(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "eos":
		err = runEOS(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "plot":
		err = runPlot(args[1:], stderr)
	default:
		var c *config
		c, err = parseConfig(args, stderr)
		if err == nil {
			err = train(c, stderr)
		}
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errFlags):
		return exitUsage // the flag package has printed the message
	}
	fmt.Fprintln(stderr, err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFailure
}

// errFlags reports a command line that the flag package refused.
var errFlags = errors.New("hessian: bad command line")

// config is the description of a training run. Its fields, all but the
// ones marked, define the run: a checkpoint stores them and -resume
// refuses other values.
type config struct {
	Hidden    []int   // widths of the hidden layers
	Act       string  // activation of the hidden layers
	Loss      string  // mse or cross-entropy
	Init      string  // initialisation
	Opt       string  // gd, adam or newton
	LR        float64 // step size η
	Data      string  // mnist or synthetic
	N         int     // number of training examples
	SynthDim  int     // features of the synthetic data
	SynthCls  int     // classes of the synthetic data
	Seed      uint64  // seed of the initialisation, the data and the probes
	Steps     int     // optimiser steps
	Every     int     // record every this many steps
	Eigs      int     // number of top eigenvalues
	EigMethod string  // lanczos or power
	EigTol    float64 // residual tolerance of the eigensolver
	CGIters   int     // CG iterations per Newton-CG step
	Probes    int     // Hutchinson probes; 0 turns the trace off
	Density   []int   // steps at which to estimate the density
	Time      bool    // record wall-clock seconds

	Out       string // output folder (not part of the run's identity)
	Resume    bool   // resume from the checkpoint in Out
	Plots     bool   // draw the plots at the end
	StopAfter int    // stop after this step as if killed (hidden, for tests)
}

// identity returns the fields of c that define the run, in a fixed text
// form that a checkpoint stores.
func (c *config) identity() string {
	return fmt.Sprintf("hidden=%s act=%s loss=%s init=%s opt=%s lr=%s data=%s n=%d "+
		"synth=%dx%d seed=%d steps=%d every=%d eigs=%d eig=%s eigtol=%s probes=%d "+
		"density=%s time=%t cg=%d",
		joinInts(c.Hidden), c.Act, c.Loss, c.Init, c.Opt, fmtFloat(c.LR), c.Data, c.N,
		c.SynthDim, c.SynthCls, c.Seed, c.Steps, c.Every, c.Eigs, c.EigMethod,
		fmtFloat(c.EigTol), c.Probes, joinInts(c.Density), c.Time, c.CGIters)
}

// parseConfig reads the flags of a training run and validates them.
func parseConfig(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("hessian", flag.ContinueOnError)
	fs.SetOutput(stderr)
	hidden := fs.String("hidden", "32,32", "widths of the hidden layers, comma-separated")
	fs.StringVar(&c.Act, "act", "tanh", "activation of the hidden layers: tanh, relu, sigmoid, softplus")
	fs.StringVar(&c.Loss, "loss", "mse", "loss: mse (on one-hot targets) or cross-entropy")
	fs.StringVar(&c.Init, "init", "uniform", "initialisation: uniform, glorot, he-normal, he-uniform")
	fs.StringVar(&c.Opt, "opt", "gd", "optimiser: gd (full-batch gradient descent), adam, newton")
	fs.Float64Var(&c.LR, "lr", 0.4, "step size η (learning rate)")
	fs.StringVar(&c.Data, "data", "mnist", "data set: mnist or synthetic")
	fs.IntVar(&c.N, "n", 1000, "number of training examples (the first n of the data set)")
	fs.IntVar(&c.SynthDim, "synth-dim", 8, "features of the synthetic data")
	fs.IntVar(&c.SynthCls, "synth-classes", 3, "classes of the synthetic data")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed of the initialisation, the synthetic data and the probes")
	fs.IntVar(&c.Steps, "steps", 5000, "number of optimiser steps")
	fs.IntVar(&c.Every, "k", 25, "record a row every k steps")
	fs.IntVar(&c.Eigs, "eigs", 1, "number of top Hessian eigenvalues to record")
	fs.StringVar(&c.EigMethod, "eig", "lanczos", "eigensolver: lanczos or power")
	fs.Float64Var(&c.EigTol, "eig-tol", 1e-5, "residual tolerance of the eigensolver, relative to ‖H‖")
	fs.IntVar(&c.CGIters, "cg-iters", 50, "CG iterations per step of -opt newton (Newton-CG)")
	fs.IntVar(&c.Probes, "trace-probes", 10, "Hutchinson probes for the trace; 0 records none")
	density := fs.String("density", "auto",
		"comma-separated steps at which to estimate the spectral density; auto: first, middle, last")
	fs.BoolVar(&c.Time, "time", false, "record the wall-clock seconds of the optimiser (not reproducible)")
	fs.StringVar(&c.Out, "out", "hessian-out", "output folder")
	fs.BoolVar(&c.Resume, "resume", false, "resume from the checkpoint in the output folder")
	fs.BoolVar(&c.Plots, "plots", true, "draw the plots when the run ends")
	fs.IntVar(&c.StopAfter, "stop-after", 0, "")
	fs.Usage = func() { usage(fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errFlags
	}
	if fs.NArg() > 0 {
		return nil, usagef("unexpected argument %q", fs.Arg(0))
	}

	var err error
	if c.Hidden, err = parseInts(*hidden, "-hidden"); err != nil {
		return nil, err
	}
	if *density == "auto" {
		c.Density = []int{0, c.Steps / 2, c.Steps}
	} else if c.Density, err = parseInts(*density, "-density"); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// usage prints the flags, leaving out the hidden ones.
func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintf(w, "usage: hessian [flags]\n       hessian check -csv FILE [flags]\n"+
		"       hessian eos [-lrs 2/4,2/6,2/8] [flags]\n"+
		"       hessian plot -out DIR CSV...\nflags:\n")
	fs.VisitAll(func(f *flag.Flag) {
		if f.Usage == "" {
			return
		}
		fmt.Fprintf(w, "  -%s (default %q)\n    \t%s\n", f.Name, f.DefValue, f.Usage)
	})
}

// validate checks the ranges of c's fields.
func (c *config) validate() error {
	for _, h := range c.Hidden {
		if h < 1 {
			return usagef("-hidden: width %d is below 1", h)
		}
	}
	if _, err := mlp.ParseActivation(c.Act); err != nil {
		return usagef("-act: unknown activation %q", c.Act)
	}
	if _, err := mlp.ParseLoss(c.Loss); err != nil {
		return usagef("-loss: unknown loss %q", c.Loss)
	}
	if _, err := mlp.ParseInit(c.Init); err != nil {
		return usagef("-init: unknown initialisation %q", c.Init)
	}
	switch {
	case c.Opt != "gd" && c.Opt != "adam" && c.Opt != "newton":
		return usagef("-opt: unknown optimiser %q (want gd, adam or newton)", c.Opt)
	case !(c.LR > 0) || c.LR > 1e6:
		return usagef("-lr: step size %v is not in (0, 1e6]", c.LR)
	case c.Data != "mnist" && c.Data != "synthetic":
		return usagef("-data: unknown data set %q (want mnist or synthetic)", c.Data)
	case c.N < 1:
		return usagef("-n: %d examples, need at least 1", c.N)
	case c.SynthDim < 1 || c.SynthCls < 2:
		return usagef("-synth-dim %d and -synth-classes %d: need at least 1 and 2",
			c.SynthDim, c.SynthCls)
	case c.Steps < 0:
		return usagef("-steps: %d is negative", c.Steps)
	case c.Every < 1:
		return usagef("-k: %d is below 1", c.Every)
	case c.Eigs < 1:
		return usagef("-eigs: %d is below 1", c.Eigs)
	case c.EigMethod != "lanczos" && c.EigMethod != "power":
		return usagef("-eig: unknown eigensolver %q (want lanczos or power)", c.EigMethod)
	case !(c.EigTol > 0 && c.EigTol < 1):
		return usagef("-eig-tol: %v is not in (0, 1)", c.EigTol)
	case c.Probes < 0 || c.Probes == 1:
		return usagef("-trace-probes: %d, want 0 or at least 2", c.Probes)
	case c.CGIters < 1:
		return usagef("-cg-iters: %d is below 1", c.CGIters)
	case c.StopAfter < 0:
		return usagef("-stop-after: %d is negative", c.StopAfter)
	case c.Out == "":
		return usagef("-out: empty output folder")
	}
	for _, s := range c.Density {
		if s < 0 || s > c.Steps {
			return usagef("-density: step %d is outside 0..%d", s, c.Steps)
		}
	}
	return nil
}

// parseInts reads a comma-separated list of integers; "" is the empty list.
func parseInts(s, name string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, usagef("%s: %q is not an integer", name, f)
		}
		out = append(out, v)
	}
	return out, nil
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

// fmtFloat formats v for the record: 12 significant digits.
func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', 12, 64) }
