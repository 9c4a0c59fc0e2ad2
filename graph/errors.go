package graph

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

// Error is the value that the graph and the ops panic with when they are
// misused: a shape that does not fit, nodes of two graphs in one op. It names
// the op, what is wrong and, where it could be found, the place in the
// caller's code.
type Error struct {
	Op   string // the exported function that was called, such as "MatMul"
	Msg  string
	Site string // file:line of the first caller outside hessgo's core
}

// Error returns the message, such as "ops.MatMul: 3x4 and 5x2 do not fit (model.go:42)".
func (e *Error) Error() string {
	s := "ops." + e.Op + ": " + e.Msg
	if e.Site != "" {
		s += " (" + e.Site + ")"
	}
	return s
}

// NonFiniteError describes the first node whose value held a NaN or an
// infinity in a graph with Options.Check.
type NonFiniteError struct {
	Index int    // position on the tape
	Op    string // the op's name, or the input's kind
	Shape string
	Sweep int // 0 for the forward pass, k for the k-th derivative sweep
	Site  string
}

// Error returns a message naming the node.
func (e *NonFiniteError) Error() string {
	where := "forward pass"
	if e.Sweep > 0 {
		where = fmt.Sprintf("derivative sweep %d", e.Sweep)
	}
	s := fmt.Sprintf("graph: first non-finite value at node %d (%s %s) in the %s",
		e.Index, e.Op, e.Shape, where)
	if e.Site != "" {
		s += " (" + e.Site + ")"
	}
	return s
}

// NonFinite returns the first node recorded with a NaN or an infinity in its
// value since the last Reset, as a *NonFiniteError, or nil if there was none
// or the graph was made without Options.Check. It sees the values of the
// forward pass and of every derivative sweep, recorded or not.
func (g *Graph) NonFinite() error {
	if g.nonFinite == nil {
		return nil
	}
	return g.nonFinite
}

func (g *Graph) check(n *Node) {
	if !g.opts.Check || g.nonFinite != nil || n.value.IsFinite() {
		return
	}
	name := n.kind.String()
	if n.op != nil {
		name = n.op.Name()
	}
	site := n.site
	if site == "" {
		site = CallerSite()
	}
	g.nonFinite = &NonFiniteError{Index: n.id, Op: name, Shape: n.Shape(), Sweep: n.sweep, Site: site}
}

// corePackages are the packages whose frames CallerSite skips: the place a
// user wants to see is the line of their code that called into them.
var corePackages = []string{
	"github.com/hessgo/hessgo/graph.",
	"github.com/hessgo/hessgo/ops.",
	"github.com/hessgo/hessgo/autodiff.",
}

// CallerSite returns "file.go:line" for the innermost caller outside the
// packages graph, ops and autodiff, or "" if there is none.
func CallerSite() string {
	var pcs [32]uintptr
	n := runtime.Callers(2, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if !isCore(f) {
			return fmt.Sprintf("%s:%d", filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

func isCore(f runtime.Frame) bool {
	if strings.HasSuffix(f.File, "_test.go") {
		return false
	}
	if strings.HasPrefix(f.Function, "runtime.") {
		return true
	}
	for _, p := range corePackages {
		if strings.HasPrefix(f.Function, p) {
			return true
		}
	}
	return false
}
