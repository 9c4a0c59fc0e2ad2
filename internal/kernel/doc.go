// Package kernel holds the dense float64 loops that hessgo's ops run on:
// a general matrix product and a few vector helpers.
//
// # Matrix product
//
// Gemm computes
//
//	C = α op(A) op(B) + β C
//
// where op(X) is X or Xᵀ, op(A) is m×k, op(B) is k×n and C is m×n. All three
// are row-major slices with a leading dimension (the distance between
// consecutive rows), so a sub-matrix of a larger one can be passed in place.
// A transposed operand is read in its stored layout while it is packed; no
// transpose is ever written out.
//
// The product follows the usual blocked scheme: a kc×nc block of op(B) and an
// mc×kc block of op(A) are copied into contiguous panels sized for the caches,
// and a micro-kernel multiplies one mr-row panel of A by one nr-column panel
// of B into an mr×nr tile of C held in registers. The micro-kernel is written
// in assembly for AVX2 with FMA (6×8) and for AVX-512 (8×24), chosen at run
// time; a pure Go kernel (4×4) serves other CPUs and the purego build tag.
// When C has few columns and A is not transposed, packing A costs more than
// it saves, so a variant of the AVX2 kernel reads A in place.
//
// Two shortcuts spare copies and passes over C. An untransposed B is not
// packed: the micro-kernel reads its nr-column panels in place, row by row
// with B's own stride, and only a last panel of fewer than nr columns is
// copied, zero-padded. Rows of B and of C read with a stride that is a
// power of two fall in a few sets of the caches and escape the hardware
// prefetchers, so the AVX-512 kernel prefetches its tile of C as it starts
// and each row of B a few steps ahead. When β = 0, the first block of k
// stores its sums into C rather than adding them, so C is neither cleared
// nor read. The k indices are cut into blocks of near-equal size, so that no
// short last block costs a pass over C.
//
// Products whose C has at most 16 columns, or whose inner dimension k is at
// most 16, take a skinny path on AVX-512 instead (skinny.go): a strip of C
// stays in registers over the whole of k, A is read in place, B is read in
// place or, when transposed, copied once, and the columns past n are masked
// rather than padded. Each entry of C is then written once.
//
// # Parallelism and determinism
//
// Products with more than about 64³ multiply-adds are cut by rows or by
// columns of C into chunks that runtime.GOMAXPROCS workers claim in turn,
// so that a worker that starts late takes fewer; smaller products run on the
// calling goroutine. Each entry of C is computed by exactly one worker with
// the same order of k, so the result is bit-identical whatever the number of
// workers. It does depend on the micro-kernel, since fused and unfused
// multiply-adds round differently. Packing buffers are pooled, so a call in a
// steady state allocates nothing.
//
// # Aliasing
//
// C must not overlap A or B. A and B may overlap each other.
//
// # Panics
//
// Gemm panics with an *ArgError when a dimension is negative, a leading
// dimension is smaller than its row width, or a slice is too short for the
// shape it is given. The vector helpers panic with an *ArgError when their
// slices differ in length.
//
// # Vector helpers
//
// Axpy, Dot, Scal, AddTo and MulTo are the level-1 loops that ops need, in
// plain Go. Dot sums in four interleaved parts, so it may round differently
// from a plain loop, but always the same way for the same inputs.
package kernel

//go:generate go run asm_gen.go
