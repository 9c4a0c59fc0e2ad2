// Command hessian trains a multi-layer perceptron and follows the curvature
// of its training loss as it goes: every k steps it records the loss, the
// accuracy, the largest eigenvalues of the Hessian, an estimate of its trace
// and, at chosen steps, its spectral density. It was written to reproduce the
// edge of stability: under full-batch gradient descent with step size η the
// sharpness λ₁ (the largest Hessian eigenvalue) rises until it reaches about
// 2/η and then hovers there while the loss keeps falling.
//
// # Usage
//
//	hessian [flags]                 train and record into -out
//	hessian eos [-lrs LIST] [flags] one run per step size, plots, checks
//	hessian check -csv FILE         test a record for the edge of stability
//	hessian plot -out DIR CSV...    draw several records on shared axes
//
// The defaults are those of the edge-of-stability experiment on MNIST: the
// first 1000 training images, a 784-32-32-10 tanh network, MSE against
// one-hot targets, full-batch gradient descent for 5000 steps, a row every
// 25 steps. `hessian eos -out DIR` trains it at η = 2/4, 2/6 and 2/8 into
// DIR/eos-lr-2over4 and so on, draws DIR/eos_loss and DIR/eos_sharpness,
// and checks each record. -opt adam and -opt newton (Newton-CG with
// -cg-iters CG iterations a step, package newton) train the same task for
// comparison; Newton-CG sets its own step length and ignores -lr.
//
// Run `hessian -h` for the flags of a training run. A run writes into its
// output folder
//
//	metrics.csv      one row every k steps (see below)
//	density.csv      step, t, density: the smoothed spectral density
//	checkpoint.bin   the state to resume from, rewritten after every row
//	loss.png/svg, sharpness.png/svg, density.png/svg
//
// # The record
//
// metrics.csv has the columns
//
//	step, loss, accuracy, lr, lambda1 … lambdaK, trace, trace_stderr
//
// and, with -time, seconds: the wall-clock time spent in optimiser steps
// so far, measurements excluded. The loss, accuracy and curvature of a row
// are those of the parameters before the step of that number is taken, so
// row 0 describes the initial network. The eigenvalues come from Lanczos
// (or power iteration, -eig power) on exact Hessian-vector products; the
// trace from Hutchinson's estimator with -trace-probes Rademacher vectors.
//
// # Determinism and resuming
//
// Given the same flags a run writes the same bytes, on any number of cores;
// -time is the one exception. After each row the command rewrites
// checkpoint.bin atomically (a temporary file renamed over the old one): the
// parameters, the step, the state of the random generator, the state of the
// optimiser (Adam's moments and step count, Newton-CG's damping λ, saved
// through optim.Stateful; gradient descent has none) and every row written
// so far. `hessian -resume` with the flags of the interrupted run reads it,
// checks that the flags and metrics.csv agree with it, drops whatever
// metrics.csv holds beyond it, and carries on, with any -opt; the finished
// record is then byte for byte the record of a run that was never
// interrupted. The checkpoint format is numbered; a checkpoint of another
// format, such as one written before the optimiser state was saved, is
// refused (exit status 2) and the run must start afresh.
//
// # The check
//
// `hessian check -csv FILE` finds the first row whose sharpness comes within
// 5% of 2/η (-reach), takes the median of λ₁ η / 2 over that row and all
// later ones, and passes when it lies within -tol (15%) of 1 and the loss at
// the last row is below the loss at that row. It prints the numbers and
// exits 0 on a pass and 1 on a failure.
//
// # Exit status
//
// 0 on success, 1 when training diverges, a measurement fails or a check
// fails, 2 for bad flags, unusable files (an output folder that cannot be
// written, a corrupt or mismatched checkpoint). Errors are one line on
// stderr; anything recorded before an error is kept.
package main
