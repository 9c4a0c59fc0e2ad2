// Command gradcheck checks hessgo's derivatives against finite differences:
// those of every op, of a multi-layer perceptron, or of an expression typed
// on the command line, at first and second order.
//
// Usage:
//
//	gradcheck ops  [flags]
//	gradcheck mlp  [flags]
//	gradcheck expr [flags] 'EXPRESSION'
//
// It exits with 0 when every check passes, 1 when one fails, and 2 on a
// usage error or bad input, after one line on stderr. See docs/gradcheck.md.
package main
