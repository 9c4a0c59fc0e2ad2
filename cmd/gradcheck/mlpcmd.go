// This file implements the mlp command: a multi-layer perceptron of the
// package mlp on a random batch, its loss checked as a function of all its
// parameters.

package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/gradcheck"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/mlp"
)

func runMLP(args []string, stdout io.Writer) (bool, error) {
	var c common
	var sizes, act, loss string
	var batch int
	fs := newFlags("mlp", "", &c, stdout)
	fs.StringVar(&sizes, "sizes", "4,8,8,1", "layer `widths`, input first and output last")
	fs.StringVar(&act, "act", "tanh", "hidden `activation`: identity, relu, sigmoid, tanh or softplus")
	fs.StringVar(&loss, "loss", "mse", "`loss`: mse or cross-entropy")
	fs.IntVar(&batch, "batch", 16, "number of random `examples`")
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
	cfg, err := mlpConfig(sizes, act, loss, c.seed)
	if err != nil {
		return false, err
	}
	if batch < 1 {
		return false, fmt.Errorf("-batch %d: want at least 1", batch)
	}

	m := mlp.New(cfg)
	data := randomBatch(m, batch, c.seed)
	f := func(g *graph.Graph, p []*graph.Node) *graph.Node { return m.Loss(g, p, data) }
	var in []gradcheck.Input
	for k, p := range m.Params() {
		in = append(in, gradcheck.Input{Name: m.ParamNames()[k], Value: p})
	}
	rep := gradcheck.Run(f, in, opts)
	if c.json {
		return rep.Pass, writeJSON(stdout, "", rep)
	}
	fmt.Fprintf(stdout, "mlp %s, %s, %s loss, batch %d, %d parameters\n",
		sizes, act, cfg.Loss, batch, mlp.NumParams(m))
	if c.verbose {
		writeTables(stdout, rep, true)
	} else {
		rep.Write(stdout, false)
	}
	return rep.Pass, nil
}

// mlpConfig reads the flags of the network.
func mlpConfig(sizes, act, loss string, seed uint64) (mlp.Config, error) {
	var cfg mlp.Config
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 4096 {
			return cfg, fmt.Errorf("-sizes %q: want widths from 1 to 4096 separated by commas", sizes)
		}
		cfg.Sizes = append(cfg.Sizes, n)
	}
	a, err := mlp.ParseActivation(act)
	if err != nil {
		return cfg, fmt.Errorf("-act: %s", strings.TrimPrefix(err.Error(), "mlp: "))
	}
	if cfg.Loss, err = mlp.ParseLoss(loss); err != nil {
		return cfg, fmt.Errorf("-loss: %s", strings.TrimPrefix(err.Error(), "mlp: "))
	}
	cfg.Seed = seed
	cfg.Activations = mlp.Activations(a, mlp.Identity, len(cfg.Sizes)-1)
	return cfg, cfg.Validate()
}

// randomBatch returns batch examples of standard normal features, with
// standard normal targets for MSE and uniform labels for cross-entropy.
func randomBatch(m *mlp.MLP, batch int, seed uint64) *dataset.Set {
	rng := rand.New(rand.NewPCG(seed, 0x62617463))
	in, out := m.Sizes()[0], m.Sizes()[m.Layers()]
	s := &dataset.Set{N: batch, D: in, X: make([]float64, batch*in)}
	for i := range s.X {
		s.X[i] = rng.NormFloat64()
	}
	if m.LossKind() == mlp.CrossEntropy {
		s.Classes = out
		s.Labels = make([]int, batch)
		for i := range s.Labels {
			s.Labels[i] = rng.IntN(out)
		}
		return s
	}
	s.T, s.Y = out, make([]float64, batch*out)
	for i := range s.Y {
		s.Y[i] = rng.NormFloat64()
	}
	return s
}
