// This file binds the expression language of the package expr to hessgo's
// ops: the operators to their ops, and the functions to the ops of the
// same name in lower case.

package main

import (
	"fmt"
	"strings"

	"github.com/hessgo/hessgo/expr"
	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// graphOps implements expr.Ops on the nodes of one graph.
type graphOps struct{ g *graph.Graph }

func (o graphOps) Const(c float64) *graph.Node { return o.g.Scalar(c) }

func (o graphOps) Neg(a *graph.Node) *graph.Node { return ops.Neg(a) }

func (o graphOps) Add(a, b *graph.Node) (*graph.Node, error) { return try2(ops.Add, a, b) }

func (o graphOps) Sub(a, b *graph.Node) (*graph.Node, error) { return try2(ops.Sub, a, b) }

func (o graphOps) Mul(a, b *graph.Node) (*graph.Node, error) { return try2(ops.Mul, a, b) }

func (o graphOps) Div(a, b *graph.Node) (*graph.Node, error) { return try2(ops.Div, a, b) }

func (o graphOps) MatMul(a, b *graph.Node) (*graph.Node, error) { return try2(ops.MatMul, a, b) }

func (o graphOps) Pow(a *graph.Node, p float64) (*graph.Node, error) {
	return try(func() *graph.Node { return ops.Pow(a, p) })
}

// try runs f and turns a *graph.Error it panics with, such as a shape that
// does not fit, into an error without the Go source site, which means
// nothing to the user of an expression.
func try(f func() *graph.Node) (n *graph.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			ge, ok := r.(*graph.Error)
			if !ok {
				panic(r)
			}
			err = fmt.Errorf("%s: %s", strings.ToLower(ge.Op), ge.Msg)
		}
	}()
	return f(), nil
}

func try2(f func(a, b *graph.Node) *graph.Node, a, b *graph.Node) (*graph.Node, error) {
	return try(func() *graph.Node { return f(a, b) })
}

func unary(f func(*graph.Node) *graph.Node) expr.Func[*graph.Node] {
	return expr.Func[*graph.Node]{Arity: 1, Apply: func(a []*graph.Node) (*graph.Node, error) {
		return try(func() *graph.Node { return f(a[0]) })
	}}
}

func binary(f func(a, b *graph.Node) *graph.Node) expr.Func[*graph.Node] {
	return expr.Func[*graph.Node]{Arity: 2, Apply: func(a []*graph.Node) (*graph.Node, error) {
		return try2(f, a[0], a[1])
	}}
}

// funcs are the functions that expressions may call.
var funcs = expr.Funcs[*graph.Node]{
	"abs":        unary(ops.Abs),
	"cos":        unary(ops.Cos),
	"dot":        binary(ops.Dot),
	"exp":        unary(ops.Exp),
	"log":        unary(ops.Log),
	"logsoftmax": unary(ops.LogSoftmax),
	"logsumexp":  unary(ops.LogSumExp),
	"matmul":     binary(ops.MatMul),
	"mean":       unary(ops.Mean),
	"mse":        binary(ops.MSE),
	"neg":        unary(ops.Neg),
	"relu":       unary(ops.Relu),
	"sigmoid":    unary(ops.Sigmoid),
	"sign":       unary(ops.Sign),
	"sin":        unary(ops.Sin),
	"softmax":    unary(ops.Softmax),
	"softplus":   unary(ops.Softplus),
	"sqrt":       unary(ops.Sqrt),
	"square":     unary(ops.Square),
	"step":       unary(ops.Step),
	"sum":        unary(ops.Sum),
	"sumcols":    unary(ops.SumCols),
	"sumrows":    unary(ops.SumRows),
	"tanh":       unary(ops.Tanh),
	"transpose":  unary(ops.Transpose),
}

// evalOn evaluates the tree n on g with the variables in vars.
func evalOn(g *graph.Graph, n expr.Node, vars map[string]*graph.Node) (*graph.Node, error) {
	return expr.Eval[*graph.Node](n, vars, graphOps{g}, funcs)
}
