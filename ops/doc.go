// Package ops holds hessgo's differentiable operations. Each op computes its
// value at once, records it on the graph of its inputs, and carries its
// derivative rules, all in one place: the forward kernel, the reverse rule
// (a vector-Jacobian product, VJP) and the forward rule (a Jacobian-vector
// product, JVP). The rules are written with the ops of this package, so
// the derivative of a derivative is one more recorded graph, and
// Hessian-vector products come out of the engine rather than being coded by
// hand.
//
// # The ops
//
// Elementwise, with broadcasting: Add, Sub, Mul, Div. Elementwise on one
// input: Neg, Scale, AddConst, Pow, Square, Sqrt, Exp, Log, Tanh, Sigmoid,
// Relu, Softplus, Sin, Cos, Abs. Matrix: MatMul and MatMulT (with
// transposed operands), Transpose, Sum, SumRows, SumCols, SumTo,
// BroadcastTo, Mean, Dot. For models: Softmax, LogSoftmax and LogSumExp over
// each row, MSE, SoftmaxCrossEntropy, Pick and Scatter. StopGradient passes
// a value on and no derivative back.
//
// Step and Sign, the derivatives of Relu and Abs, have a derivative that is
// zero wherever it exists; it is taken as zero everywhere, and so are the
// derivatives of Relu and Abs at 0.
//
// # Broadcasting
//
// The inputs of Add, Sub, Mul and Div broadcast: along each dimension their
// sizes agree, or one is 1 and is repeated. A 1×1 scalar combines with any
// matrix, a 1×n row vector with each row of an m×n matrix (the bias add of
// z = a W + b), an m×1 column with each column. The VJP sums each cotangent
// back to its input's shape, so the bias gradient is the column sums of the
// cotangent.
//
// # Rules
//
// Every op implements Rule. A nil node in a rule stands for a zero of the
// right shape, so that a sweep does no work for inputs that carry no
// derivative. An elementwise op of one input gives its derivative f′ as a
// node and both its rules multiply by it: ȳ ⊙ f′(x) and ẋ ⊙ f′(x).
//
// # Errors
//
// Shapes that do not fit, nodes of two graphs in one op and labels outside
// the columns are programmer errors: the op panics with a *graph.Error that
// names the op, the shapes and the caller's line.
package ops
