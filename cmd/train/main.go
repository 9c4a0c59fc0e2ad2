package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/mlp"
	"github.com/hessgo/hessgo/optim"
)

func main() {
	var progress io.Writer
	if isTerminal(os.Stderr) {
		progress = os.Stderr
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, progress))
}

// isTerminal reports whether f is a character device, as a terminal is.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// settings are the parsed and checked flags.
type settings struct {
	hidden  []int
	act     mlp.Activation
	init    mlp.Init
	opt     string
	lr, mom float64
	batch   int
	epochs  int
	seed    uint64
	limit   int
	data    string
	out     string
}

// errUsage marks an error in the flags, reported with exit status 2.
var errUsage = errors.New("usage")

func parseFlags(args []string, stderr io.Writer) (*settings, error) {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: train [flags]\n\n"+
			"Train a multi-layer perceptron on MNIST and report the loss per epoch,\n"+
			"the test accuracy and the wall time.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	hidden := fs.String("hidden", "256", "comma-separated `widths` of the hidden layers; empty for none")
	act := fs.String("act", "relu", "activation of the hidden layers: relu, sigmoid, tanh, softplus, identity")
	init := fs.String("init", "uniform", "initialisation: uniform, glorot, he-normal, he-uniform")
	opt := fs.String("opt", "adam", "optimiser: adam, sgd, momentum, nesterov")
	s := &settings{}
	fs.Float64Var(&s.lr, "lr", 1e-3, "learning rate")
	fs.Float64Var(&s.mom, "momentum", 0.9, "momentum of -opt momentum and nesterov")
	fs.IntVar(&s.batch, "batch", 128, "examples per step")
	fs.IntVar(&s.epochs, "epochs", 5, "passes over the training set")
	fs.Uint64Var(&s.seed, "seed", 1, "seed of the initialisation and the shuffle")
	fs.IntVar(&s.limit, "limit", 0, "train on the first `n` training examples only; 0 for all")
	fs.StringVar(&s.data, "data", "", "`directory` of the four MNIST .gz files (default: found in the Go module cache)")
	fs.StringVar(&s.out, "out", "", "save the trained weights to this safetensors `file`")
	// The flag package would print the usage after every parse error; the
	// usage is printed on -h only, and an error is one line.
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v (see train -h)", errUsage, err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}

	if s.hidden, err = parseWidths(*hidden); err != nil {
		return nil, err
	}
	if s.act, err = mlp.ParseActivation(*act); err != nil {
		return nil, fmt.Errorf("%w: -act: %v", errUsage, strings.TrimPrefix(err.Error(), "mlp: "))
	}
	if s.init, err = mlp.ParseInit(*init); err != nil {
		return nil, fmt.Errorf("%w: -init: %v", errUsage, strings.TrimPrefix(err.Error(), "mlp: "))
	}
	s.opt = *opt
	switch {
	case s.opt != "adam" && s.opt != "sgd" && s.opt != "momentum" && s.opt != "nesterov":
		return nil, fmt.Errorf("%w: -opt %q: want adam, sgd, momentum or nesterov", errUsage, s.opt)
	case !(s.lr > 0) || s.lr > 1e6:
		return nil, fmt.Errorf("%w: -lr %v: want a positive learning rate", errUsage, s.lr)
	case !(s.mom >= 0 && s.mom < 1):
		return nil, fmt.Errorf("%w: -momentum %v: want a value in [0, 1)", errUsage, s.mom)
	case s.batch < 1:
		return nil, fmt.Errorf("%w: -batch %d: want at least 1", errUsage, s.batch)
	case s.epochs < 1:
		return nil, fmt.Errorf("%w: -epochs %d: want at least 1", errUsage, s.epochs)
	case s.limit < 0:
		return nil, fmt.Errorf("%w: -limit %d: want 0 or more", errUsage, s.limit)
	}
	return s, nil
}

func parseWidths(text string) ([]int, error) {
	var ws []int
	for _, f := range strings.Split(text, ",") {
		if f = strings.TrimSpace(f); f == "" && text == "" {
			break
		}
		w, err := strconv.Atoi(f)
		if err != nil || w < 1 {
			return nil, fmt.Errorf("%w: -hidden %q: %q is not a width of at least 1", errUsage, text, f)
		}
		ws = append(ws, w)
	}
	return ws, nil
}

// run is the command with its arguments and outputs; it returns the exit
// status.
func run(args []string, stdout, stderr, progress io.Writer) int {
	s, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "train: %s\n", strings.TrimPrefix(err.Error(), "usage: "))
		return 2
	}
	if err := train(s, stdout, progress); err != nil {
		fmt.Fprintf(stderr, "train: %v\n", err)
		return 1
	}
	return 0
}

func train(s *settings, stdout, progress io.Writer) error {
	start := time.Now()
	dir := s.data
	if dir == "" {
		var err error
		if dir, err = dataset.MNISTDir(); err != nil {
			return err
		}
	}
	trainSet, testSet, err := dataset.LoadMNIST(dir)
	if err != nil {
		return err
	}
	if s.limit > 0 && s.limit < trainSet.N {
		trainSet = trainSet.Slice(0, s.limit)
	}

	sizes := append(append([]int{trainSet.D}, s.hidden...), 10)
	m := mlp.New(mlp.Config{Sizes: sizes, Activations: mlp.Activations(s.act, mlp.Identity, len(sizes)-1),
		Init: s.init, Loss: mlp.CrossEntropy, Seed: s.seed})
	if err := m.CheckData(testSet); err != nil {
		return fmt.Errorf("%s: test set: %w", dir, err)
	}
	fmt.Fprintf(stdout, "mlp %s %s, %d parameters; %s lr %g, batch %d; %d training and %d test examples\n",
		joinInts(sizes), s.act, mlp.NumParams(m), s.opt, s.lr, s.batch, trainSet.N, testSet.N)

	opts := mlp.TrainOptions{Epochs: s.epochs, BatchSize: s.batch, Seed: s.seed, Progress: progress,
		OnEpoch: func(st mlp.EpochStats) error {
			fmt.Fprintf(stdout, "epoch %d  loss %.4f  test accuracy %.2f%%  %.1fs\n",
				st.Epoch, st.Loss, 100*m.Accuracy(testSet), st.Time.Seconds())
			return nil
		}}
	if _, err := mlp.Train(m, optimizer(s), trainSet, opts); err != nil {
		if errors.Is(err, mlp.ErrData) {
			return fmt.Errorf("%s: training set: %w", dir, err)
		}
		return err
	}
	fmt.Fprintf(stdout, "test accuracy %.2f%%, wall time %.1fs\n",
		100*m.Accuracy(testSet), time.Since(start).Seconds())

	if s.out != "" {
		if err := m.Save(s.out); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "saved %s\n", s.out)
	}
	return nil
}

func optimizer(s *settings) optim.Optimizer {
	switch s.opt {
	case "sgd":
		return optim.NewSGD(s.lr)
	case "momentum":
		return optim.NewMomentum(s.lr, s.mom, false)
	case "nesterov":
		return optim.NewMomentum(s.lr, s.mom, true)
	}
	return optim.NewAdam(s.lr)
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, "-")
}
