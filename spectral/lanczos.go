// This file implements the Lanczos process with full reorthogonalisation and
// the Lanczos eigensolver built on it.
//
// From a unit vector q₁ the process builds an orthonormal basis Qₘ of the
// Krylov space span{q₁, A q₁, …, Aᵐ⁻¹ q₁} together with the tridiagonal
//	Tₘ = Qₘᵀ A Qₘ,  diagonal α₁…αₘ, off-diagonal β₁…βₘ₋₁,
// from the three-term recurrence
//	βⱼ qⱼ₊₁ = A qⱼ − αⱼ qⱼ − βⱼ₋₁ qⱼ₋₁.
// In floating point the qⱼ lose orthogonality as soon as a Ritz pair
// converges, and copies of converged eigenvalues appear. Every new vector is
// therefore orthogonalised again against the whole basis (twice, classical
// Gram-Schmidt), which costs O(n m) per step and keeps Tₘ honest.
//
// If Tₘ = S Θ Sᵀ, the Ritz pairs are (θᵢ, Qₘ sᵢ) and their residuals are
//	‖A Qₘ sᵢ − θᵢ Qₘ sᵢ‖ = |βₘ sₘᵢ|,
// the product of the next off-diagonal and the last entry of sᵢ. Lanczos
// stops when the k wanted residuals fall under Tol ‖Tₘ‖.
//
// A tiny βₘ means the Krylov space is invariant: its Ritz pairs are exact,
// but eigenvalues of multiplicity above one, or eigenvectors the start
// vector happens to miss, lie outside it. The process then continues from a
// random vector orthogonal to the basis, with a zero coupling in Tₘ, until
// the dimension n is exhausted.

package spectral

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
)

// breakdownTol is the size of βₘ, relative to ‖Tₘ‖, under which the Krylov
// space is taken as invariant.
const breakdownTol = 1e-10

// krylov holds a Lanczos basis and its tridiagonal projection.
type krylov struct {
	c     *counter
	q     [][]float64 // orthonormal basis q₁…qₘ
	alpha []float64   // diagonal of Tₘ
	beta  []float64   // off-diagonal of Tₘ, len(q)-1 entries
	w     []float64   // unnormalised next vector after step
	tnorm float64     // running estimate of ‖Tₘ‖
}

// newKrylov starts a basis from v, which it normalises and keeps.
func newKrylov(c *counter, v []float64) *krylov {
	floats.Scale(1/floats.Norm(v, 2), v)
	return &krylov{c: c, q: [][]float64{v}}
}

// step applies A to the last basis vector, appends αₘ, and leaves the
// orthogonalised remainder in k.w. It returns βₘ = ‖k.w‖.
func (k *krylov) step() (float64, error) {
	m := len(k.q)
	qm := k.q[m-1]
	w := make([]float64, len(qm))
	if err := k.c.apply(w, qm); err != nil {
		return 0, err
	}
	a := floats.Dot(qm, w)
	k.alpha = append(k.alpha, a)

	// The three-term recurrence, then a full reorthogonalisation.
	floats.AddScaled(w, -a, qm)
	prev := 0.0
	if m > 1 {
		prev = k.beta[m-2]
		floats.AddScaled(w, -prev, k.q[m-2])
	}
	orthogonalize(w, k.q)

	b := floats.Norm(w, 2)
	k.w = w
	k.tnorm = max(k.tnorm, math.Abs(a)+b+prev)
	return b, nil
}

// accept appends k.w / b to the basis with coupling b.
func (k *krylov) accept(b float64) {
	floats.Scale(1/b, k.w)
	k.q = append(k.q, k.w)
	k.beta = append(k.beta, b)
	k.w = nil
}

// restart appends a random unit vector orthogonal to the basis, with zero
// coupling. It reports false if no such vector can be found, which happens
// when the basis already spans the whole space.
func (k *krylov) restart(rng *rand.Rand) bool {
	n := len(k.q[0])
	if len(k.q) >= n {
		return false
	}
	v := make([]float64, n)
	for range 3 {
		gaussian(rng, v)
		before := floats.Norm(v, 2)
		orthogonalize(v, k.q)
		if after := floats.Norm(v, 2); after > 1e-8*before {
			floats.Scale(1/after, v)
			k.q = append(k.q, v)
			k.beta = append(k.beta, 0)
			k.w = nil
			return true
		}
	}
	return false
}

// ritz solves the tridiagonal eigenproblem Tₘ = S Θ Sᵀ. It returns the
// ascending Ritz values and S, row-major m×m, eigenvector i in column i.
func (k *krylov) ritz() (theta, s []float64, err error) {
	m := len(k.alpha)
	theta = append([]float64(nil), k.alpha...)
	e := append(make([]float64, 0, m), k.beta[:m-1]...)
	s = make([]float64, m*m)
	work := make([]float64, max(1, 2*m-2))
	if !(gonum.Implementation{}).Dsteqr(lapack.EVTridiag, m, theta, e, s, m, work) {
		return nil, nil, fmt.Errorf("spectral: tridiagonal eigensolver failed at dimension %d", m)
	}
	return theta, s, nil
}

// combine returns Qₘ s for column i of the row-major m×m matrix s.
func (k *krylov) combine(s []float64, i int) []float64 {
	m := len(k.alpha)
	y := make([]float64, len(k.q[0]))
	for j := range m {
		floats.AddScaled(y, s[j*m+i], k.q[j])
	}
	return y
}

// Lanczos returns k extreme eigenpairs of the symmetric operator a, chosen
// by s.Which, by the Lanczos process with full reorthogonalisation from a
// random Gaussian start. It keeps up to MaxIter basis vectors of length n.
//
// Lanczos returns an error wrapping ErrK if k is not in 1..n, ErrSettings
// for a bad setting, and ErrNonFinite if a product is not finite. Reaching
// MaxIter is not an error: see EigenResult.Converged.
func Lanczos(a Operator, k int, s *EigenSettings) (*EigenResult, error) {
	set, err := resolveEigen(a, k, s, true)
	if err != nil {
		return nil, err
	}
	n := a.Dim()
	rng := newRand(set.seed)
	c := &counter{op: a}
	v := make([]float64, n)
	gaussian(rng, v)
	kr := newKrylov(c, v)

	for {
		b, err := kr.step()
		if err != nil {
			return nil, err
		}
		m := len(kr.q)
		done := m >= set.maxIter
		if !done && b <= breakdownTol*kr.tnorm {
			if kr.restart(rng) {
				continue
			}
			done = true
		}
		if m >= k && (done || checkDue(m)) {
			res, err := lanczosResult(kr, k, b, set, done)
			if err != nil {
				return nil, err
			}
			if res.Converged || done {
				return res, nil
			}
		}
		kr.accept(b)
	}
}

// checkDue reports whether to solve the tridiagonal problem at dimension m.
// Each solve costs O(m³) with eigenvectors, so past 100 it is done about
// every m/20 steps.
func checkDue(m int) bool {
	return m <= 100 || m%(m/20) == 0
}

// lanczosResult extracts the k wanted Ritz values at the current dimension,
// with next coupling b, and tests their convergence. The Ritz vectors, which
// cost O(n m k), are formed only if the values converged or final is set.
func lanczosResult(kr *krylov, k int, b float64, set eigenDefaults,
	final bool) (*EigenResult, error) {

	theta, s, err := kr.ritz()
	if err != nil {
		return nil, err
	}
	m := len(theta)
	scale := max(math.Abs(theta[0]), math.Abs(theta[m-1]))
	res := &EigenResult{Converged: true, Iterations: m, Products: kr.c.products}
	for _, i := range pick(theta, k, set.which) {
		r := math.Abs(b * s[(m-1)*m+i])
		if r > set.tol*scale {
			res.Converged = false
		}
		res.Values = append(res.Values, theta[i])
		res.Residuals = append(res.Residuals, r)
	}
	if !res.Converged && !final {
		return res, nil
	}
	for _, i := range pick(theta, k, set.which) {
		y := kr.combine(s, i)
		floats.Scale(1/floats.Norm(y, 2), y)
		res.Vectors = append(res.Vectors, y)
	}
	return res, nil
}
