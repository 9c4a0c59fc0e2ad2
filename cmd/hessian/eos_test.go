package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseStepSizes(t *testing.T) {
	cases := []struct {
		in     string
		want   []float64
		labels string
		err    bool
	}{
		{"2/4,0.25", []float64{0.5, 0.25}, "2/4 0.25", false},
		{"2/0", nil, "", true},
		{"-1", nil, "", true},
		{"x", nil, "", true},
	}
	for _, c := range cases {
		got, labels, err := parseStepSizes(c.in)
		if (err != nil) != c.err {
			t.Errorf("%q: error %v, want error %t", c.in, err, c.err)
			continue
		}
		if c.err {
			continue
		}
		if len(got) != len(c.want) || got[0] != c.want[0] || got[1] != c.want[1] ||
			strings.Join(labels, " ") != c.labels {
			t.Errorf("%q: got %v %v, want %v %s", c.in, got, labels, c.want, c.labels)
		}
	}
}

func TestEOSCommand(t *testing.T) {
	dir := t.TempDir()
	args := []string{"eos", "-lrs", "1/2,1", "-data", "synthetic", "-n", "32", "-hidden", "4",
		"-synth-dim", "3", "-steps", "20", "-k", "5", "-trace-probes", "0", "-density=",
		"-out", dir}
	code, msg := runCmd(t, args...)
	// So small a run does not reach 2/η: the check fails, and says so.
	if code != exitFailure || !strings.Contains(msg, "2 of 2 runs fail the check") {
		t.Errorf("exit %d, stderr %q; want 1 and two failed checks", code, msg)
	}
	for _, f := range []string{"eos-lr-1over2/metrics.csv", "eos-lr-1/metrics.csv",
		"eos_loss.png", "eos_sharpness.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if code, msg := runCmd(t, "eos", "-lr", "0.1", "-out", dir); code != exitUsage ||
		!strings.Contains(msg, "-lr is not allowed") {
		t.Errorf("eos -lr: exit %d, stderr %q; want 2", code, msg)
	}
}
