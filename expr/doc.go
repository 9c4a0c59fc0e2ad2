// Package expr reads the small expression language of the gradcheck expr
// command, such as
//
//	sum(tanh(x @ W + b)^2)
//
// and evaluates it over any value type. Parse turns the source into a tree of
// nodes (Num, Var, Unary, Binary and Call), Vars lists the variables it reads,
// String prints it back, and Eval walks it with a caller's Ops and Funcs. The
// package imports nothing else from hessgo: binding Eval to the graph's ops is
// a matter of implementing Ops and filling a Funcs table.
//
// # Grammar
//
// In EBNF, with the precedence from low to high being + and -; then *, / and
// @; then unary minus; then ^; then calls and parentheses:
//
//	Expr     = Term { ( "+" | "-" ) Term } .
//	Term     = Unary { ( "*" | "/" | "@" ) Unary } .
//	Unary    = { "-" } Power .
//	Power    = Primary [ "^" Unary ] .
//	Primary  = number | name | Call | "(" Expr ")" .
//	Call     = name "(" [ Expr { "," Expr } ] ")" .
//	name     = letter { letter | digit } .
//	letter   = "_" | a Unicode letter .
//	number   = ( digits [ "." [ digits ] ] | "." digits ) [ exponent ] .
//	exponent = ( "e" | "E" ) [ "+" | "-" ] digits .
//	digits   = digit { digit } .
//	digit    = "0" … "9" .
//
// Spaces, tabs and newlines may separate tokens. Binary operators group to
// the left, except ^, which groups to the right: x^2^3 is x^(2^3). Because ^
// binds tighter than unary minus, -x^2 is -(x^2), while x^-1 is x^(-1).
//
// # Operators
//
// The operators +, -, * and / act elementwise, @ is the matrix product and
// unary minus negates. What "elementwise" and "matrix product" mean, and
// which shapes fit, is up to the Ops that Eval is given.
//
// The exponent of ^ must be a constant: an expression of numbers, unary
// minus, +, -, *, /, ^ and parentheses, such as 2, -1, (1/2) or 2^-3. A name
// or a call in an exponent is a syntax error reported at its column, so 2^x
// must be written another way (exp(x*log(2)), say, given such functions).
//
// # Errors
//
// Every error carries the 1-based byte column of the place it concerns. Parse
// returns a *SyntaxError; Eval returns an *EvalError, which wraps
// ErrUnknownVar, ErrUnknownFunc, ErrArgCount, ErrExponent, ErrOperator or
// the error an op or a function returned. Both print as
//
//	expr: column 9: <message>
//
// An unknown name close to a known one by edit distance gets a hint, as in
// "unknown function tanhh (did you mean tanh?)".
//
// # Limits
//
// Parse rejects trees nested deeper than MaxDepth levels and parentheses
// nested deeper than MaxDepth, so that neither parsing nor the recursive walks
// of Eval, Vars and String can exhaust the stack. A flat sum of n terms is a
// tree n-1 deep, so it too is limited, to MaxDepth+1 terms.
package expr
