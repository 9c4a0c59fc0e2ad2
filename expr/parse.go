// This file implements Parse, a recursive-descent parser with one function
// per level of precedence.
//
// Only parentheses recurse: a run of minus signs and a chain of ^ are read
// in loops and folded afterwards, so the stack grows with the nesting of
// parentheses, which is bounded by MaxDepth, and not with the length of the
// input. Each parse function also returns the depth of the tree it built,
// which is bounded by MaxDepth as well.

package expr

import "fmt"

// MaxDepth is the deepest tree, and the deepest nesting of parentheses,
// that Parse accepts. A leaf has depth 0; any other node is one deeper than
// its deepest operand.
const MaxDepth = 1000

// Parse parses src as an expression of the grammar in the package doc and
// returns its tree. The error, if any, is a *SyntaxError.
func Parse(src string) (n Node, err error) {
	p := &parser{lex: lexer{src: src}}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*SyntaxError)
			if !ok {
				panic(r)
			}
			n, err = nil, e
		}
	}()

	p.next()
	if p.tok.kind == tokEOF {
		p.fail(p.tok.col, "empty expression")
	}
	n, _ = p.expr()
	if p.tok.kind != tokEOF {
		p.fail(p.tok.col, "unexpected "+p.tok.describe())
	}
	return n, nil
}

// parser reads one token ahead. Its methods report errors by panicking with
// a *SyntaxError, which Parse recovers.
type parser struct {
	lex    lexer
	tok    token // the current token
	parens int   // parentheses open around the current token
}

func (p *parser) fail(col int, msg string) {
	panic(&SyntaxError{Col: col, Msg: msg})
}

func (p *parser) next() {
	t, err := p.lex.next()
	if err != nil {
		panic(err)
	}
	p.tok = t
}

// at reports whether the current token is the punctuation c.
func (p *parser) at(c byte) bool {
	return p.tok.kind == tokPunct && p.tok.text[0] == c
}

// expr parses Expr = Term { ( "+" | "-" ) Term } .
func (p *parser) expr() (Node, int) {
	x, d := p.term()
	for p.at('+') || p.at('-') {
		op, col := Op(p.tok.text[0]), p.tok.col
		p.next()
		y, dy := p.term()
		x, d = p.binary(op, col, x, y, max(d, dy))
	}
	return x, d
}

// term parses Term = Unary { ( "*" | "/" | "@" ) Unary } .
func (p *parser) term() (Node, int) {
	x, d := p.unary()
	for p.at('*') || p.at('/') || p.at('@') {
		op, col := Op(p.tok.text[0]), p.tok.col
		p.next()
		y, dy := p.unary()
		x, d = p.binary(op, col, x, y, max(d, dy))
	}
	return x, d
}

// unary parses Unary = { "-" } Power .
func (p *parser) unary() (Node, int) {
	negs := p.minuses()
	x, d := p.power()
	return p.negate(negs, x, d)
}

// minuses reads a run of minus signs and returns their columns.
func (p *parser) minuses() []int {
	var cols []int
	for p.at('-') {
		cols = append(cols, p.tok.col)
		p.next()
	}
	return cols
}

// negate wraps x, of depth d, in one Unary per column of negs, the last
// innermost.
func (p *parser) negate(negs []int, x Node, d int) (Node, int) {
	for i := len(negs) - 1; i >= 0; i-- {
		x = &Unary{Op: Sub, X: x, Col: negs[i]}
		d = p.deeper(d, x)
	}
	return x, d
}

// power parses Power = Primary [ "^" Unary ] .
//
// Unrolled, that is Primary { "^" { "-" } Primary }, grouped from the right:
// a ^ -b ^ c is a ^ (-(b ^ c)). The chain is read into a list first and
// folded from its end.
func (p *parser) power() (Node, int) {
	base, d := p.primary()
	if !p.at('^') {
		return base, d
	}

	type link struct {
		caret int   // column of the '^' before this operand
		negs  []int // columns of the minus signs before it
		x     Node
		d     int
	}
	var chain []link
	for p.at('^') {
		l := link{caret: p.tok.col}
		p.next()
		l.negs = p.minuses()
		l.x, l.d = p.primary()
		chain = append(chain, l)
	}

	var exp Node
	var ed int
	for i := len(chain) - 1; i >= 0; i-- {
		x, xd := chain[i].x, chain[i].d
		if exp != nil {
			x, xd = p.binary(Pow, chain[i+1].caret, x, exp, max(xd, ed))
		}
		exp, ed = p.negate(chain[i].negs, x, xd)
	}

	// The whole exponent of the outermost ^ holds every operand but the
	// base, so one check covers the inner exponents too.
	if bad := nonConst(exp); bad != nil {
		p.fail(bad.Pos(), "exponent of ^ must be a constant, not "+describe(bad))
	}
	return p.binary(Pow, chain[0].caret, base, exp, max(d, ed))
}

// primary parses Primary = number | name | Call | "(" Expr ")" .
func (p *parser) primary() (Node, int) {
	t := p.tok
	switch {
	case t.kind == tokNum:
		p.next()
		return &Num{Value: t.num, Col: t.col}, 0
	case t.kind == tokName:
		p.next()
		if p.at('(') {
			return p.call(t)
		}
		return &Var{Name: t.text, Col: t.col}, 0
	case p.at('('):
		p.open()
		x, d := p.expr()
		p.close(t.col, "')'")
		return x, d
	}
	p.fail(t.col, "unexpected "+t.describe())
	panic("unreachable")
}

// call parses the rest of Call = name "(" [ Expr { "," Expr } ] ")" .
func (p *parser) call(name token) (Node, int) {
	c := &Call{Name: name.text, Col: name.col}
	open := p.tok.col
	p.open()
	d := 0
	if !p.at(')') {
		for {
			x, xd := p.expr()
			c.Args = append(c.Args, x)
			d = max(d, xd)
			if !p.at(',') {
				break
			}
			p.next()
		}
	}
	p.close(open, "',' or ')'")
	return c, p.deeper(d, c)
}

// open consumes a '(' and counts it.
func (p *parser) open() {
	p.parens++
	if p.parens > MaxDepth {
		p.fail(p.tok.col, fmt.Sprintf("parentheses nest deeper than %d levels", MaxDepth))
	}
	p.next()
}

// close consumes the ')' that matches the '(' at column open; want names
// what could have stood in place of the current token.
func (p *parser) close(open int, want string) {
	if !p.at(')') {
		p.fail(p.tok.col, fmt.Sprintf("expected %s to close '(' at column %d, found %s",
			want, open, p.tok.describe()))
	}
	p.parens--
	p.next()
}

// binary returns the Binary x op y, whose operands are at most d deep, and
// its depth.
func (p *parser) binary(op Op, col int, x, y Node, d int) (Node, int) {
	n := &Binary{Op: op, X: x, Y: y, Col: col}
	return n, p.deeper(d, n)
}

// deeper returns d+1, the depth of n whose operands are at most d deep,
// and fails if that passes MaxDepth.
func (p *parser) deeper(d int, n Node) int {
	if d+1 > MaxDepth {
		p.fail(n.Pos(), fmt.Sprintf("expression nests deeper than %d levels", MaxDepth))
	}
	return d + 1
}

// nonConst returns the first node of n, from the left, that may not appear
// in a constant expression, or nil if n is constant.
func nonConst(n Node) Node {
	switch n := n.(type) {
	case *Num:
		return nil
	case *Unary:
		if n.Op != Sub {
			return n
		}
		return nonConst(n.X)
	case *Binary:
		if n.Op == MatMul {
			return n
		}
		if bad := nonConst(n.X); bad != nil {
			return bad
		}
		return nonConst(n.Y)
	}
	return n
}

// describe names n as an error message does.
func describe(n Node) string {
	switch n := n.(type) {
	case *Var:
		return "variable " + n.Name
	case *Call:
		return "a call of " + n.Name
	case *Binary:
		return "'" + n.Op.String() + "'"
	case *Unary:
		return "'" + n.Op.String() + "'"
	}
	return "<nil>"
}
