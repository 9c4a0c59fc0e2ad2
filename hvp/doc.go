// Package hvp computes exact Hessian-vector products of any scalar function
// recorded on a hessgo graph, and builds on them the curvature tools that
// research on second-order methods uses: Gauss-Newton products, dense
// Hessians and Jacobians of small models, and adapters to gonum and to the
// package spectral. Every derivative comes from the package autodiff; no
// second derivative is written by hand.
//
// # Hessian-vector products
//
// New records an objective's forward pass and its gradient once and
// returns an *HVP, whose Apply sets dst = H v for a flat direction v (the
// parameters in order, each row-major) and ApplyMatrices does the same with
// one matrix per parameter. Each product is one more sweep over the
// recorded gradient, taken off the graph afterwards. Two routes give the
// same product to rounding:
//
//	reverse over reverse:  H v = ∇_θ (∇f(θ) · v)
//	forward over reverse:  H v = d/dε ∇f(θ + ε v) at ε = 0
//
// Options.Route picks one. The default, ForwardOverReverse, is the faster
// on BenchmarkHVP (an MLP 784-256-256-10, tanh, batch 128).
//
// An HVP holds the values of the parameters it was recorded at: after an
// optimiser writes new values into the parameter matrices, Rebuild records
// the forward pass and the gradient again, reusing the graph's buffers.
//
// # Gauss-Newton products
//
// NewGaussNewton takes a model, a function that records the network's
// output z, and a loss on that output, and serves products with the
// generalised Gauss-Newton matrix
//
//	G v = Jᵀ H_ℓ J v,   J = ∂z/∂θ,   H_ℓ = ∂²ℓ/∂z²,
//
// from one JVP (J v), a product with H_ℓ, and one VJP. For the mean squared
// error over N entries H_ℓ = (2/N) I; for the softmax cross-entropy over m
// rows, per row, H_ℓ = (1/m)(diag(p) − p pᵀ) with p = softmax(z). Both
// come out of autodiff applied to the loss alone. G is positive
// semi-definite wherever the loss is convex in z.
//
// # Operators, gonum and spectral tools
//
// HVP, GaussNewton and Sharded are spectral.Operator values, so every tool
// of the package spectral runs on them as they are: Lanczos and
// PowerIteration for extreme eigenvalues, Hutchinson, HutchPP and Diagonal
// for the trace and the diagonal, Density for the spectral density, and CG
// for Newton systems. Their Symmetric method adapts them to gonum's
// mat.Symmetric, one product per element read.
//
// # Dense matrices
//
// Dense and Symmetric build the whole matrix of an operator with n
// products, and Jacobian the Jacobian of a matrix-valued function with one
// reverse or forward sweep per row or column. Each first computes the bytes
// the result needs and returns an error wrapping ErrTooLarge, naming the
// dimensions and the bytes, when that passes the limit it is given
// (DefaultMaxBytes when the limit is zero).
//
// # Large batches
//
// NewSharded splits the objective into a fixed number of shards, each
// recorded on its own graph, and computes the shards' products on as many
// goroutines as GOMAXPROCS allows. The shard results are added in shard
// order, so a product is the same bit for bit whatever the number of cores.
//
// # Errors
//
// Misuse panics with an *Error: a direction or destination whose shapes
// or length do not match the parameters, an empty parameter list, an
// unknown route or loss. An objective that is not 1×1 panics in autodiff.
// A dense matrix over the memory limit is an error, not a panic. Products
// do not check their values for NaN and infinities; the spectral tools do,
// and return an error wrapping spectral.ErrNonFinite.
package hvp
