package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// record returns the lines of a record with η = 0.5 (2/η = 4) and the
// given sharpness and loss per row, one row every 10 steps.
func record(sharp, loss []float64) []string {
	lines := []string{"step,loss,accuracy,lr,lambda1,trace,trace_stderr"}
	for i := range sharp {
		lines = append(lines, fmt.Sprintf("%d,%g,0.5,0.5,%g,1,0", 10*i, loss[i], sharp[i]))
	}
	return lines
}

func falling(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = 1 / float64(i+1)
	}
	return out
}

func TestCheckEOS(t *testing.T) {
	cases := []struct {
		name       string
		sharp      []float64
		loss       []float64
		wantPass   bool
		wantReach  int
		wantMedian float64
		wantWhy    string
	}{
		{"hovers at 2/η", []float64{1, 2, 3, 3.9, 4.2, 4.1, 3.9, 4.0, 4.3}, falling(9),
			true, 30, 1.0125, ""},
		{"never reaches", []float64{1, 2, 3, 3.5, 3.6, 3.7}, falling(6),
			false, -1, 0, "never reaches 95% of 2/η = 4"},
		{"too few rows", []float64{1, 2, 3, 3.9, 4.1}, falling(5),
			false, 30, 1, "only 2 rows"},
		{"overshoots", []float64{1, 4, 5, 5, 5, 5, 5}, falling(7),
			false, 10, 1.25, "median of λ₁/(2/η) is 1.2500"},
		{"loss stalls", []float64{1, 4, 4, 4, 4, 4}, []float64{1, 1, 1, 1, 1, 2},
			false, 10, 1, "the loss does not fall"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, err := parseTable("test.csv", record(c.sharp, c.loss))
			if err != nil {
				t.Fatal(err)
			}
			got, err := checkEOS(tab, 0.95, 0.15)
			if err != nil {
				t.Fatal(err)
			}
			if got.Pass != c.wantPass || got.ReachStep != c.wantReach {
				t.Errorf("pass %t reach %d, want %t and %d (%s)",
					got.Pass, got.ReachStep, c.wantPass, c.wantReach, got.Why)
			}
			if got.ReachStep >= 0 && !near(got.MedianRatio, c.wantMedian) {
				t.Errorf("median ratio %g, want %g", got.MedianRatio, c.wantMedian)
			}
			if !strings.Contains(got.Why, c.wantWhy) {
				t.Errorf("why %q, want it to contain %q", got.Why, c.wantWhy)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(good, []byte(strings.Join(record([]float64{1, 4, 4, 4, 4, 4}, falling(6)), "\n")), 0o644)
	os.WriteFile(bad, []byte(strings.Join(record([]float64{1, 1, 1}, falling(3)), "\n")), 0o644)
	cases := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"check", "-csv", good}, exitOK, ""},
		{[]string{"check", "-csv", good, bad}, exitFailure, "1 of 2 records fail"},
		{[]string{"check"}, exitUsage, "no file"},
		{[]string{"check", "-csv", filepath.Join(dir, "none.csv")}, exitUsage, "none.csv"},
		{[]string{"check", "-tol", "2", good}, exitUsage, "-tol 2"},
	}
	for _, c := range cases {
		code, msg := runCmd(t, c.args...)
		if code != c.wantCode || !strings.Contains(msg, c.wantErr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, msg, c.wantCode, c.wantErr)
		}
	}
}

// TestCommittedRecords checks the records of docs/experiments: each MNIST
// run at the edge of stability must pass.
func TestCommittedRecords(t *testing.T) {
	files, _ := filepath.Glob("../../docs/experiments/eos-*/metrics.csv")
	if len(files) == 0 {
		t.Skip("no committed records")
	}
	for _, f := range files {
		tab, err := parseTable(f, splitLines(readFile(t, f)))
		if err != nil {
			t.Fatal(err)
		}
		res, err := checkEOS(tab, 0.95, 0.15)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Pass {
			t.Errorf("%s: %s", f, res.Why)
		}
	}
}

func TestPlots(t *testing.T) {
	dir := t.TempDir()
	if code, msg := runCmd(t, small(dir, "-plots=true", "-time")...); code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	m := filepath.Join(dir, metricsFile)
	if code, msg := runCmd(t, "plot", "-out", dir, "-labels", "a,b", m, m); code != 0 {
		t.Fatalf("plot: exit %d: %s", code, msg)
	}
	for _, name := range []string{"loss", "sharpness", "density", "compare_loss",
		"compare_loss_time", "compare_sharpness"} {
		for _, ext := range []string{".png", ".svg"} {
			st, err := os.Stat(filepath.Join(dir, name+ext))
			if err != nil || st.Size() == 0 {
				t.Errorf("%s%s: %v, want a plot", name, ext, err)
			}
		}
	}
}
