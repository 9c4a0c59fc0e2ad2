// This file implements `hessian eos`: the edge-of-stability experiment, one
// training run per step size, then the plots that put them side by side
// and the check of each record.

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// defaultStepSizes are the step sizes of `hessian eos`, as 2/threshold.
const defaultStepSizes = "2/4,2/6,2/8"

// runEOS runs `hessian eos [-lrs LIST] [training flags]`. Every training
// flag but -lr applies to each run; run i writes into OUT/eos-lr-LABEL.
func runEOS(args []string, stdout, stderr io.Writer) error {
	lrs, rest, err := takeFlag(args, "lrs", defaultStepSizes)
	if err != nil {
		return err
	}
	if _, _, err := takeFlag(rest, "lr", ""); err != nil {
		return err
	}
	etas, labels, err := parseStepSizes(lrs)
	if err != nil {
		return err
	}
	base, err := parseConfig(rest, stderr)
	if err != nil {
		return err
	}

	var tables []*table
	var names []string
	for i, eta := range etas {
		c := *base
		c.LR = eta
		c.Out = filepath.Join(base.Out, "eos-lr-"+strings.ReplaceAll(labels[i], "/", "over"))
		if c.Resume {
			// A run that never started has nothing to resume from.
			_, err := os.Stat(filepath.Join(c.Out, checkpointFile))
			c.Resume = err == nil
		}
		if err := c.validate(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "hessian: eos: η = %s into %s\n", labels[i], c.Out)
		if err := train(&c, stderr); err != nil {
			return err
		}
		if c.StopAfter > 0 {
			return nil
		}
		path := filepath.Join(c.Out, metricsFile)
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("hessian: %v", err)
		}
		t, err := parseTable(path, splitLines(string(data)))
		if err != nil {
			return err
		}
		tables = append(tables, t)
		names = append(names, "η = "+labels[i])
	}
	if base.Plots {
		if err := drawComparison(base.Out, "eos", tables, names, true); err != nil {
			return err
		}
	}

	failed := 0
	for _, t := range tables {
		res, err := checkEOS(t, 0.95, 0.15)
		if err != nil {
			return err
		}
		report(stdout, t.name, res, 0.15)
		if !res.Pass {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("hessian: eos: %d of %d runs fail the check", failed, len(tables))
	}
	return nil
}

// takeFlag removes -name VALUE (or -name=VALUE) from args and returns its
// value, def when it is absent.
func takeFlag(args []string, name, def string) (string, []string, error) {
	var rest []string
	val := def
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-"+name || a == "--"+name:
			if i+1 == len(args) {
				return "", nil, usagef("eos: flag -%s needs a value", name)
			}
			if def == "" {
				return "", nil, usagef("eos: -%s is not allowed; give -lrs", name)
			}
			val = args[i+1]
			i++
		case strings.HasPrefix(a, "-"+name+"=") || strings.HasPrefix(a, "--"+name+"="):
			if def == "" {
				return "", nil, usagef("eos: -%s is not allowed; give -lrs", name)
			}
			val = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	return val, rest, nil
}

// parseStepSizes reads a comma-separated list of step sizes, each a number
// or a fraction a/b, and returns them with labels fit for a folder name.
func parseStepSizes(s string) ([]float64, []string, error) {
	var etas []float64
	var labels []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		num, den, frac := strings.Cut(f, "/")
		a, err := strconv.ParseFloat(num, 64)
		b := 1.0
		if err == nil && frac {
			b, err = strconv.ParseFloat(den, 64)
		}
		if err != nil || !(a > 0) || !(b > 0) {
			return nil, nil, usagef("-lrs: %q is not a positive step size", f)
		}
		etas = append(etas, a/b)
		labels = append(labels, f)
	}
	if len(etas) == 0 {
		return nil, nil, errors.New("hessian: -lrs: no step size")
	}
	return etas, labels, nil
}
