package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/mlp"
	"github.com/hessgo/hessgo/optim"
)

// small returns the flags of a fast run on synthetic data writing into out.
func small(out string, extra ...string) []string {
	args := []string{"-data", "synthetic", "-n", "64", "-hidden", "6", "-synth-dim", "4",
		"-steps", "60", "-k", "10", "-lr", "0.5", "-eigs", "2", "-trace-probes", "4",
		"-density", "0,30", "-plots=false", "-out", out}
	return append(args, extra...)
}

// runCmd runs the command and returns its exit status and stderr.
func runCmd(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stderr.String()
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPowerIterationMatchesLanczos(t *testing.T) {
	c, err := parseConfig(small(t.TempDir()), os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(c, synthetic(c.N, c.SynthDim, c.SynthCls, c.Seed))
	obj := mlp.Objective(r.model, r.data)
	checked := 0
	for step := range 61 {
		if step%20 == 0 {
			r.h.Rebuild()
			lz, err := topEigenvalues(r.h, 1, "lanczos", 1e-10, 7)
			if err != nil {
				t.Fatal(err)
			}
			pw, err := topEigenvalues(r.h, 1, "power", 1e-10, 8)
			if err != nil {
				t.Fatal(err)
			}
			if rel := math.Abs(pw[0]-lz[0]) / math.Abs(lz[0]); rel > 1e-6 {
				t.Errorf("step %d: power iteration %.12g, Lanczos %.12g: relative gap %.2g, want ≤ 1e-6",
					step, pw[0], lz[0], rel)
			}
			checked++
		}
		if _, err := r.opt.Step(obj, r.model.Params()); err != nil {
			t.Fatal(err)
		}
	}
	if checked != 4 {
		t.Fatalf("checked %d steps, want 4", checked)
	}
}

func TestResumeGivesTheSameRecord(t *testing.T) {
	// Each optimiser keeps its own state between steps: none for gd, the
	// moments and step count for adam, the damping for newton.
	for _, opt := range [][]string{
		{"-opt", "gd"},
		{"-opt", "adam", "-lr", "0.05"},
		{"-opt", "newton", "-cg-iters", "8"},
	} {
		t.Run(opt[1], func(t *testing.T) { testResume(t, opt) })
	}
}

// testResume checks that runs with the flags opt, interrupted in several
// ways and resumed, write the records of a run that was not interrupted.
func testResume(t *testing.T, opt []string) {
	straight := t.TempDir()
	if code, msg := runCmd(t, small(straight, opt...)...); code != 0 {
		t.Fatalf("straight run: exit %d: %s", code, msg)
	}
	wantM := readFile(t, filepath.Join(straight, metricsFile))
	wantD := readFile(t, filepath.Join(straight, densityFile))
	if n := strings.Count(wantM, "\n"); n != 8 {
		t.Fatalf("straight run wrote %d lines, want 8", n)
	}

	cases := []struct {
		name   string
		stop   string
		damage func(metrics string) // what else the interruption left behind
	}{
		{"between rows", "35", nil},
		{"on a row", "40", nil},
		{"after the density step", "33", nil},
		{"half-written row", "25", func(m string) { appendTo(t, m, "30,0.12") }},
		{"row beyond the checkpoint", "27", func(m string) { appendTo(t, m, "30,1,1,1,1,1,1,1\n") }},
		{"records truncated", "45", func(m string) { os.WriteFile(m, []byte("step,lo"), 0o644) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append(slices.Clone(opt), "-stop-after", c.stop)
			if code, msg := runCmd(t, small(dir, args...)...); code != 0 {
				t.Fatalf("interrupted run: exit %d: %s", code, msg)
			}
			m := filepath.Join(dir, metricsFile)
			if got := readFile(t, m); got == wantM {
				t.Fatalf("the interrupted run wrote the whole record")
			}
			if c.damage != nil {
				c.damage(m)
			}
			args = append(slices.Clone(opt), "-resume")
			if code, msg := runCmd(t, small(dir, args...)...); code != 0 {
				t.Fatalf("resumed run: exit %d: %s", code, msg)
			}
			if got := readFile(t, m); got != wantM {
				t.Errorf("resumed metrics.csv:\n%s\nwant:\n%s", got, wantM)
			}
			if got := readFile(t, filepath.Join(dir, densityFile)); got != wantD {
				t.Errorf("resumed density.csv differs from the straight run's")
			}
		})
	}
}

func appendTo(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func TestBadInput(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(file, []byte("x"), 0o644)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"zero step size", small(t.TempDir(), "-lr", "0"), "-lr: step size 0"},
		{"negative step size", small(t.TempDir(), "-lr", "-0.1"), "-lr: step size -0.1"},
		{"k below 1", small(t.TempDir(), "-k", "0"), "-k: 0 is below 1"},
		{"no examples", small(t.TempDir(), "-n", "0"), "-n: 0 examples"},
		{"bad density step", small(t.TempDir(), "-density", "99"), "-density: step 99"},
		{"unknown activation", small(t.TempDir(), "-act", "cosh"), "-act: unknown"},
		{"stray argument", small(t.TempDir(), "more"), "unexpected argument"},
		{"unwritable folder", small(filepath.Join(file, "out")), "output folder"},
		{"resume without checkpoint", small(t.TempDir(), "-resume"), "cannot read checkpoint"},
		{"bad flag", []string{"-nosuch"}, "flag provided but not defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, msg := runCmd(t, c.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitUsage, msg)
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("stderr %q, want it to contain %q", msg, c.want)
			}
			if c.name != "bad flag" && strings.Count(strings.TrimSpace(msg), "\n") != 0 {
				t.Errorf("stderr %q, want one line", msg)
			}
		})
	}
}

func TestSubsetLargerThanMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("loads MNIST")
	}
	if _, err := dataset.MNISTDir(); err != nil {
		t.Skip("no MNIST files:", err)
	}
	code, msg := runCmd(t, "-n", "60001", "-out", t.TempDir())
	if code != exitUsage || !strings.Contains(msg, "-n: 60001 examples asked for, the MNIST training set has 60000") {
		t.Errorf("exit %d, stderr %q; want exit 2 naming the size", code, msg)
	}
}

func TestBadCheckpointKeepsRecords(t *testing.T) {
	cases := []struct {
		name   string
		damage func(ck []byte) []byte
		run    []string // flags of both runs
		flags  []string // flags of the resumed run
		want   string
	}{
		{"flipped byte", func(ck []byte) []byte { ck[len(ck)/2] ^= 1; return ck }, nil, nil,
			"checksum does not match"},
		{"truncated", func(ck []byte) []byte { return ck[:len(ck)-9] }, nil, nil, "is corrupt"},
		{"not a checkpoint", func([]byte) []byte { return []byte("hello") }, nil, nil,
			"does not start with the checkpoint header"},
		{"old format", func(ck []byte) []byte {
			return bytes.Replace(ck, []byte(checkpointMagic), []byte("hessian checkpoint 1\n"), 1)
		}, nil, nil, "has format 1, this hessian reads format 2"},
		{"foreign format", func(ck []byte) []byte {
			return bytes.Replace(ck, []byte(checkpointMagic), []byte("hessian checkpoint x\r"), 1)
		}, nil, nil, `has format "x\r`},
		{"another run", nil, nil, []string{"-lr", "0.25"}, "it has lr=0.5, the flags say lr=0.25"},
		{"another optimiser", nil, nil, []string{"-opt", "adam"},
			"it has opt=gd, the flags say opt=adam"},
		{"foreign optimiser state", func(ck []byte) []byte {
			sgd, _ := optim.NewSGD(1).MarshalBinary()
			return withOptim(t, ck, func([]byte) []byte { return sgd })
		}, []string{"-opt", "adam"}, nil, `bad optimiser state: the state of "optim.SGD"`},
		{"truncated optimiser state", func(ck []byte) []byte {
			return withOptim(t, ck, func(b []byte) []byte { return b[:len(b)-1] })
		}, []string{"-opt", "newton"}, nil, "NewtonCG.UnmarshalBinary: bad optimiser state"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append(slices.Clone(c.run), "-stop-after", "25")
			if code, msg := runCmd(t, small(dir, args...)...); code != 0 {
				t.Fatalf("interrupted run: exit %d: %s", code, msg)
			}
			ckPath := filepath.Join(dir, checkpointFile)
			if c.damage != nil {
				os.WriteFile(ckPath, c.damage([]byte(readFile(t, ckPath))), 0o644)
			}
			metrics := readFile(t, filepath.Join(dir, metricsFile))
			args = append(slices.Concat(c.run, c.flags), "-resume")
			code, msg := runCmd(t, small(dir, args...)...)
			if code != exitUsage || !strings.Contains(msg, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, msg, c.want)
			}
			if strings.Count(strings.TrimSpace(msg), "\n") != 0 {
				t.Errorf("stderr %q, want one line", msg)
			}
			if got := readFile(t, filepath.Join(dir, metricsFile)); got != metrics {
				t.Errorf("metrics.csv changed after a refused resume")
			}
		})
	}
}

// withOptim returns the checkpoint file ck with its optimiser state
// replaced by edit's result, under a valid checksum, so that the state
// itself is what is wrong.
func withOptim(t *testing.T, ck []byte, edit func([]byte) []byte) []byte {
	t.Helper()
	c, err := decodeCheckpoint("ck", ck)
	if err != nil {
		t.Fatal(err)
	}
	c.Optim = edit(c.Optim)
	out, err := c.encode()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRecordDisagreesWithCheckpoint(t *testing.T) {
	dir := t.TempDir()
	if code, msg := runCmd(t, small(dir, "-stop-after", "25")...); code != 0 {
		t.Fatalf("interrupted run: exit %d: %s", code, msg)
	}
	m := filepath.Join(dir, metricsFile)
	lines := strings.Split(readFile(t, m), "\n")
	lines[2] = "10,9,9,9,9,9,9,9"
	os.WriteFile(m, []byte(strings.Join(lines, "\n")), 0o644)
	code, msg := runCmd(t, small(dir, "-resume")...)
	if code != exitUsage || !strings.Contains(msg, "does not match checkpoint") ||
		!strings.Contains(msg, "line 3") {
		t.Errorf("exit %d, stderr %q; want exit 2 naming line 3", code, msg)
	}
}

func TestDivergenceKeepsRows(t *testing.T) {
	dir := t.TempDir()
	code, msg := runCmd(t, small(dir, "-lr", "5000", "-steps", "200")...)
	if code != exitFailure || !strings.Contains(msg, "diverged") {
		t.Fatalf("exit %d, stderr %q; want exit 1 and a divergence", code, msg)
	}
	if got := readFile(t, filepath.Join(dir, metricsFile)); !strings.HasPrefix(got, "step,loss") ||
		strings.Count(got, "\n") < 2 {
		t.Errorf("metrics.csv %q, want the header and the rows before the divergence", got)
	}
}
