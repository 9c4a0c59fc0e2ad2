// Package docs holds no library code. It is the home of hessgo's written
// documentation, theory.md and design.md, and of the tests that keep them
// honest.
//
// # What the tests check
//
// TestReferencesExist reads every Markdown file of this directory and looks
// at each piece of inline code of the form pkg.Name, pkg.Type.Method, or a
// bare TestName, ExampleName, BenchmarkName or FuzzName. Each one must name
// a function, method, type, variable or constant that exists in the
// repository's Go files, so that a renamed or removed function fails the
// build of the docs instead of leaving a dangling reference.
//
// The runnable examples of this package are the programs that theory.md
// and design.md quote: the forward pass, backpropagation in batch form and
// a Hessian-vector product of the write-up's two-layer network, the
// sharpness of a small model, and a new op (Cube) added from outside the
// package ops with its forward, VJP and JVP rules.
package docs
