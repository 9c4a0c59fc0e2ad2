// Package spectral provides matrix-free spectral tools for a symmetric
// linear operator known only through its products: extreme eigenpairs, trace
// and diagonal estimates, the spectral density, and a conjugate gradient
// solver truncated on negative curvature. It is written for Hessian-vector
// and Gauss-Newton-vector products, and imports nothing of hessgo.
//
// # Operators
//
// An Operator reports its dimension n and sets dst = A v. A must be
// symmetric; nothing checks it, and the methods give meaningless answers
// for a non-symmetric A. Apply must not keep v, and dst and v never overlap.
// Since A is symmetric, A v and v A are the same vector, so the row-vector
// convention of the rest of hessgo makes no difference here.
//
// NewDense wraps a gonum mat.Symmetric as an Operator. Matrix goes the
// other way and lets gonum read an Operator as a mat.Symmetric, one product
// per element read.
//
// # Eigenvalues
//
// Lanczos and PowerIteration return k extreme eigenpairs: the largest, the
// smallest, or those of largest magnitude (EigenSettings.Which). Lanczos,
// with full reorthogonalisation, is the method of choice: it converges much
// faster, copes with clusters and with invariant subspaces, and its cost is
// one product per step plus O(n m) for m basis vectors kept in memory.
// PowerIteration keeps only k + 3 vectors and suits quick estimates of the
// top eigenvalue. Both stop when the residual norms ‖A v − λ v‖ fall under
// Tol ‖A‖, and report in EigenResult.Converged whether they did.
//
// # Trace and diagonal
//
// Hutchinson, HutchPP and Diagonal spend a budget of products on Rademacher
// probe vectors and return their estimate with a standard error. HutchPP is
// far more accurate when A is close to low rank, as Hessians often are.
//
// # Spectral density
//
// Density estimates the eigenvalue density (1/n) Σᵢ δ(t − λᵢ) by stochastic
// Lanczos quadrature and smooths it with a Gaussian kernel on a grid.
//
// # Conjugate gradient
//
// CG solves (A + λ I) x = b. It stops on convergence, at the iteration limit,
// or at the first direction of non-positive curvature, and says which in
// CGResult.Status; it never returns an unconverged x without saying so.
//
// # Settings
//
// Every function takes a pointer to its settings struct; nil means every
// default, and a zero field means that field's default. The defaults are
// listed with each field.
//
// # Randomness
//
// Random vectors come from a PCG generator of math/rand/v2 seeded with the
// Seed setting, so a call with a given seed, operator and settings is
// deterministic bit for bit, provided the operator is.
//
// # Errors
//
// Bad input returns an error that wraps one of the values of errors.go:
// ErrK for k outside 1..n, ErrDim for a length that does not match n,
// ErrSettings for a setting outside its domain. A NaN or infinity in a
// product, met during any iteration, returns an error wrapping ErrNonFinite.
// Failing to converge is not an error: see EigenResult.Converged and
// CGResult.Status. No function panics on bad input, except the adapters on
// mismatched lengths or indices.
package spectral
