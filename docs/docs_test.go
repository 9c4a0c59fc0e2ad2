package docs_test

// This file keeps the Markdown notes honest: every function, type or test
// that they name in inline code must exist in the repository's Go files.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// ref is a reference found in a note: a package-qualified name such as
// autodiff.Grad or hvp.HVP.Apply (pkg set), or a bare test, example,
// benchmark or fuzz function such as TestOpTable (pkg empty).
type ref struct {
	file string
	line int
	text string
	pkg  string
	name string // a top-level name, or Type.Method
}

var (
	fenceRE     = regexp.MustCompile("^\\s*(```|~~~)")
	codeSpanRE  = regexp.MustCompile("(`+)([^`]+?)(`+)")
	qualifiedRE = regexp.MustCompile(`^([a-z][a-z0-9]*)\.([A-Z][A-Za-z0-9_]*(?:\.[A-Z][A-Za-z0-9_]*)?)(?:\(.*\))?$`)
	testNameRE  = regexp.MustCompile(`^(?:Test|Example|Benchmark|Fuzz)[A-Z_][A-Za-z0-9_]*$`)
)

// external lists the packages outside the repository whose names a note may
// mention; their references are not checked.
var external = map[string]bool{
	"mat": true, "floats": true, "rand": true, "math": true, "fmt": true,
	"testing": true, "os": true, "io": true, "strings": true, "errors": true,
	"sync": true, "runtime": true, "json": true, "flag": true, "cmp": true,
}

// findRefs returns the references in the inline code of a Markdown text,
// outside fenced code blocks.
func findRefs(file, text string) []ref {
	var refs []ref
	inFence := false
	for i, line := range strings.Split(text, "\n") {
		if fenceRE.MatchString(line) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		for _, m := range codeSpanRE.FindAllStringSubmatch(line, -1) {
			if m[1] != m[3] {
				continue
			}
			code := strings.TrimSpace(m[2])
			r := ref{file: file, line: i + 1, text: code}
			switch {
			case qualifiedRE.MatchString(code):
				q := qualifiedRE.FindStringSubmatch(code)
				r.pkg, r.name = q[1], q[2]
			case testNameRE.MatchString(code):
				r.name = code
			default:
				continue
			}
			refs = append(refs, r)
		}
	}
	return refs
}

// index holds the names declared in the repository's Go files.
type index struct {
	pkgs  map[string]map[string]bool // package name → top-level names and Type.Method
	tests map[string]bool            // Test…, Example…, Benchmark…, Fuzz… anywhere
}

// buildIndex parses every Go file under root, skipping hidden directories
// and testdata.
func buildIndex(t *testing.T, root string) *index {
	t.Helper()
	ix := &index{pkgs: map[string]map[string]bool{}, tests: map[string]bool{}}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Logf("skipping %s: %v", path, err)
			return nil
		}
		ix.add(f)
		return nil
	})
	if err != nil {
		t.Fatalf("reading the repository: %v", err)
	}
	return ix
}

// add records the declarations of f under its package name, the external
// test package foo_test counting as foo. The names of package main are
// only searched for tests.
func (ix *index) add(f *ast.File) {
	pkg := strings.TrimSuffix(f.Name.Name, "_test")
	names := ix.pkgs[pkg]
	if names == nil {
		names = map[string]bool{}
		if pkg != "main" {
			ix.pkgs[pkg] = names
		}
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
				if testNameRE.MatchString(d.Name.Name) || d.Name.Name == "Example" {
					ix.tests[d.Name.Name] = true
				}
			} else if len(d.Recv.List) == 1 {
				names[receiverName(d.Recv.List[0].Type)+"."+d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				}
			}
		}
	}
}

// receiverName returns the type name of a method's receiver: T for T, *T,
// T[P] and *T[P].
func receiverName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// missing returns why r names nothing in ix, or "" if it exists.
func (ix *index) missing(r ref) string {
	if r.pkg == "" {
		if !ix.tests[r.name] {
			return "no such test, example or benchmark function"
		}
		return ""
	}
	names, ok := ix.pkgs[r.pkg]
	switch {
	case !ok && external[r.pkg]:
		return ""
	case !ok:
		return "no package " + r.pkg + " in the repository"
	case !names[r.name]:
		return "package " + r.pkg + " declares no " + r.name
	}
	return ""
}

// TestReferencesExist fails for every name in the inline code of a note of
// this directory that the repository does not declare.
func TestReferencesExist(t *testing.T) {
	ix := buildIndex(t, "..")
	notes, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, note := range notes {
		text, err := os.ReadFile(note)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range findRefs(note, string(text)) {
			counts[note]++
			if why := ix.missing(r); why != "" {
				t.Errorf("%s:%d: `%s`: %s", r.file, r.line, r.text, why)
			}
		}
	}

	// The check is only worth something if it finds the references.
	for _, note := range []string{"theory.md", "design.md"} {
		if !slices.Contains(notes, note) {
			t.Errorf("%s is missing", note)
		} else if counts[note] < 20 {
			t.Errorf("%s: got %d references, want at least 20", note, counts[note])
		}
	}
}

// TestFindRefs checks what counts as a reference and that a name which does
// not exist is reported.
func TestFindRefs(t *testing.T) {
	text := "Use `autodiff.Grad` and `hvp.HVP.Apply`, checked by `TestOpTable`.\n" +
		"Not references: `z = a W + b`, `Example`, `graph.Options{Check: true}`.\n" +
		"```go\n`autodiff.Nope`\n```\n" +
		"Calls count: `autodiff.JVP(grads, ps, v)`; bad: `autodiff.Nope`, `TestNope`, " +
		"`nopkg.Func`, external: `mat.Symmetric`.\n"
	refs := findRefs("x.md", text)
	var got []string
	for _, r := range refs {
		got = append(got, r.pkg+"|"+r.name)
	}
	want := []string{
		"autodiff|Grad", "hvp|HVP.Apply", "|TestOpTable",
		"autodiff|JVP", "autodiff|Nope", "|TestNope", "nopkg|Func", "mat|Symmetric",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("findRefs: got %q, want %q", got, want)
	}

	ix := buildIndex(t, "..")
	wantMissing := map[string]bool{"autodiff|Nope": true, "|TestNope": true, "nopkg|Func": true}
	for _, r := range refs {
		key := r.pkg + "|" + r.name
		if got := ix.missing(r) != ""; got != wantMissing[key] {
			t.Errorf("missing(%s): got %v, want %v", r.text, got, wantMissing[key])
		}
	}
}
