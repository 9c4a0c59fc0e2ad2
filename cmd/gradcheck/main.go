package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hessgo/hessgo/gradcheck"
)

const usage = `usage: gradcheck <command> [flags] [args]

Checks derivatives against finite differences, at first and second order.

Commands:
  ops    check every op of the package ops on random inputs of several shapes
  mlp    check a multi-layer perceptron's gradient and Hessian-vector products
  expr   check an expression, such as 'sum(tanh(x @ W + b)^2)'

Run 'gradcheck <command> -h' for the flags of a command.
Exit status: 0 every check passed, 1 a check failed, 2 usage error or bad input.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks an error as a misuse of the command line.
var errUsage = errors.New("usage")

// run runs the command with args and returns its exit status.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "gradcheck: %s\n", oneLine(fmt.Sprint(r)))
			code = 2
		}
	}()

	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmds := map[string]func([]string, io.Writer) (bool, error){
		"ops": runOps, "mlp": runMLP, "expr": runExpr,
	}
	name := args[0]
	if name == "-h" || name == "-help" || name == "--help" || name == "help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(stderr, "gradcheck: unknown command %q (want ops, mlp or expr)\n", name)
		return 2
	}

	pass, err := cmd(args[1:], stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "gradcheck %s: %s\n", name, oneLine(err.Error()))
		return 2
	case !pass:
		return 1
	}
	return 0
}

// oneLine keeps the first line of a message.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// common holds the flags that every command takes.
type common struct {
	eps, atol, rtol float64
	order           int
	seed            uint64
	json, verbose   bool
	five, fast      bool
}

// newFlags returns a flag set for the command name with the common flags.
func newFlags(name, args string, c *common, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// The flag package calls Usage on every error; the usage is printed by
	// parse for -h alone, so that an error stays one line.
	fs.Usage = func() {}
	helps[fs] = func() {
		fmt.Fprintf(stdout, "usage: gradcheck %s [flags]%s\n\nFlags:\n", name, args)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fs.Float64Var(&c.eps, "eps", 0, "finite-difference `step` (0: 1e-6 central, 1e-3 five-point)")
	fs.Float64Var(&c.atol, "atol", 0, "absolute `tolerance` (0: 1e-7 central, 1e-9 five-point)")
	fs.Float64Var(&c.rtol, "rtol", 0, "relative `tolerance` (0: 1e-5 central, 1e-7 five-point)")
	fs.IntVar(&c.order, "order", 2, "1 checks the gradient, 2 Hessian-vector products too")
	fs.Uint64Var(&c.seed, "seed", 1, "`seed` of the random inputs and directions")
	fs.BoolVar(&c.json, "json", false, "print one JSON object instead of tables")
	fs.BoolVar(&c.verbose, "v", false, "list the worst entries of every check")
	fs.BoolVar(&c.five, "five", false, "use the five-point stencil")
	fs.BoolVar(&c.fast, "fast", false, "compare one random projection per input, not every entry")
	return fs
}

// helps holds the usage printer of each flag set.
var helps = map[*flag.FlagSet]func(){}

// parse parses args with fs, allowing flags after positional arguments,
// and returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				helps[fs]()
				return nil, err
			}
			return nil, fmt.Errorf("%v (see gradcheck %s -h)", err, fs.Name())
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// options returns the checker's options, or an error for impossible flags.
func (c *common) options() (*gradcheck.Options, error) {
	if c.order != 1 && c.order != 2 {
		return nil, fmt.Errorf("-order %d: want 1 or 2", c.order)
	}
	if c.eps < 0 || c.atol < 0 || c.rtol < 0 {
		return nil, fmt.Errorf("-eps, -atol and -rtol must not be negative")
	}
	return &gradcheck.Options{Order: c.order, Eps: c.eps, Atol: c.atol, Rtol: c.rtol,
		Seed: c.seed, FivePoint: c.five, Fast: c.fast}, nil
}
