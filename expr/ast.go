// This file defines the syntax tree and the functions that read it without
// evaluating it: String and Vars.

package expr

import (
	"strconv"
	"strings"
)

// A Node is a node of the syntax tree: a *Num, *Var, *Unary, *Binary or
// *Call. Pos returns the 1-based byte column in the source that the node is
// reported at.
type Node interface {
	Pos() int
	node()
}

// An Op is an operator: one of Add, Sub, Mul, Div, MatMul and Pow.
type Op byte

// The operators, each the byte that spells it.
const (
	Add    Op = '+' // elementwise sum, a + b
	Sub    Op = '-' // elementwise difference a - b, or negation -a
	Mul    Op = '*' // elementwise product
	Div    Op = '/' // elementwise quotient
	MatMul Op = '@' // matrix product
	Pow    Op = '^' // power by a constant
)

// String returns the operator as written in the source.
func (op Op) String() string { return string(rune(op)) }

// A Num is a number literal. Value is finite and not negative when Parse
// builds it; a negative literal is a Unary minus over a Num.
type Num struct {
	Value float64
	Col   int // column of the first digit or '.'
}

// A Var is a variable.
type Var struct {
	Name string
	Col  int // column of the name
}

// A Unary is the negation -X. Op is always Sub.
type Unary struct {
	Op  Op
	X   Node
	Col int // column of the operator
}

// A Binary is X Op Y. When Op is Pow, Y is a constant expression.
type Binary struct {
	Op   Op
	X, Y Node
	Col  int // column of the operator
}

// A Call is Name(Args...).
type Call struct {
	Name string
	Args []Node
	Col  int // column of the name
}

// Pos returns the column of the first byte of the number.
func (n *Num) Pos() int { return n.Col }

// Pos returns the column of the first byte of the name.
func (n *Var) Pos() int { return n.Col }

// Pos returns the column of the operator.
func (n *Unary) Pos() int { return n.Col }

// Pos returns the column of the operator, where an op's error is reported.
func (n *Binary) Pos() int { return n.Col }

// Pos returns the column of the function's name.
func (n *Call) Pos() int { return n.Col }

func (*Num) node()    {}
func (*Var) node()    {}
func (*Unary) node()  {}
func (*Binary) node() {}
func (*Call) node()   {}

// String returns n in a canonical, fully parenthesised form: every Unary and
// Binary is wrapped in parentheses, operators of Binary are surrounded by
// one space, arguments are separated by ", " and numbers are written in the
// shortest form that reads back to the same float64. For a tree from Parse,
// Parse(String(n)) gives an equal tree. String returns "<nil>" for a nil
// Node.
func String(n Node) string {
	var b strings.Builder
	write(&b, n)
	return b.String()
}

func write(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case nil:
		b.WriteString("<nil>")
	case *Num:
		// A negative value from a hand-built tree is parenthesised so that
		// it reads back as one operand.
		s := strconv.FormatFloat(n.Value, 'g', -1, 64)
		if n.Value < 0 {
			s = "(" + s + ")"
		}
		b.WriteString(s)
	case *Var:
		b.WriteString(n.Name)
	case *Unary:
		b.WriteString("(" + n.Op.String())
		write(b, n.X)
		b.WriteString(")")
	case *Binary:
		b.WriteString("(")
		write(b, n.X)
		b.WriteString(" " + n.Op.String() + " ")
		write(b, n.Y)
		b.WriteString(")")
	case *Call:
		b.WriteString(n.Name + "(")
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, a)
		}
		b.WriteString(")")
	}
}

// Vars returns the names of the variables that n reads, each once, in the
// order of their first appearance from left to right. Names of functions
// are not variables.
func Vars(n Node) []string {
	var names []string
	seen := make(map[string]bool)
	var walk func(Node)
	walk = func(n Node) {
		switch n := n.(type) {
		case *Var:
			if !seen[n.Name] {
				seen[n.Name] = true
				names = append(names, n.Name)
			}
		case *Unary:
			walk(n.X)
		case *Binary:
			walk(n.X)
			walk(n.Y)
		case *Call:
			for _, a := range n.Args {
				walk(a)
			}
		}
	}
	walk(n)
	return names
}
