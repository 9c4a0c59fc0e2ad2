package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hessgo/hessgo/dataset"
	"github.com/hessgo/hessgo/mlp"
)

// writeMNIST writes the four MNIST files, uncompressed, with n training
// and n test images of 28×28 pixels whose brightest column tells the
// label; labels[0] replaces the first training label when not negative.
func writeMNIST(t *testing.T, n, badLabel int) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []struct{ images, labels string }{
		{dataset.MNISTTrainImages, dataset.MNISTTrainLabels},
		{dataset.MNISTTestImages, dataset.MNISTTestLabels},
	} {
		px := make([]byte, n*784)
		ls := make([]byte, n)
		for i := range n {
			ls[i] = byte(i % 10)
			for r := range 28 {
				px[i*784+r*28+int(ls[i])*2] = 255
			}
		}
		if f.images == dataset.MNISTTrainImages && badLabel >= 0 {
			ls[0] = byte(badLabel)
		}
		writeIDX(t, filepath.Join(dir, f.images), 0x803, []uint32{uint32(n), 28, 28}, px)
		writeIDX(t, filepath.Join(dir, f.labels), 0x801, []uint32{uint32(n)}, ls)
	}
	return dir
}

func writeIDX(t *testing.T, path string, magic uint32, sizes []uint32, data []byte) {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, magic)
	binary.Write(&b, binary.BigEndian, sizes)
	b.Write(data)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-epochs", "0"}, "-epochs 0: want at least 1"},
		{[]string{"-batch", "-3"}, "-batch -3: want at least 1"},
		{[]string{"-lr", "-1"}, "-lr -1: want a positive learning rate"},
		{[]string{"-lr", "NaN"}, "-lr NaN"},
		{[]string{"-momentum", "1"}, "-momentum 1"},
		{[]string{"-opt", "lbfgs"}, `-opt "lbfgs"`},
		{[]string{"-act", "gelu"}, `-act: unknown activation "gelu"`},
		{[]string{"-init", "zeros"}, `-init: unknown initialisation "zeros"`},
		{[]string{"-hidden", "256,x"}, `-hidden "256,x": "x" is not a width`},
		{[]string{"-hidden", "0"}, `"0" is not a width`},
		{[]string{"-limit", "-1"}, "-limit -1"},
		{[]string{"-epochs", "many"}, "invalid value"},
		{[]string{"-nosuch"}, "flag provided but not defined: -nosuch"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run(tt.args, &out, &errb, nil)
		msg := errb.String()
		if code != 2 || !strings.Contains(msg, tt.want) || strings.Count(msg, "\n") != 1 ||
			!strings.HasPrefix(msg, "train: ") {
			t.Errorf("%v: got status %d and %q, want 2 and one line saying %q", tt.args, code, msg, tt.want)
		}
		if out.Len() > 0 {
			t.Errorf("%v: stdout: got %q, want nothing", tt.args, out.String())
		}
	}
}

func TestHelp(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-h"}, &out, &errb, nil); code != 0 {
		t.Errorf("status: got %d, want 0", code)
	}
	if !strings.Contains(errb.String(), "-epochs") || !strings.HasPrefix(errb.String(), "usage: train") {
		t.Errorf("usage: got %q, want the flags", errb.String())
	}
}

func TestTrainAndSave(t *testing.T) {
	dir := writeMNIST(t, 200, -1)
	path := filepath.Join(t.TempDir(), "w.safetensors")
	var out, errb bytes.Buffer
	args := []string{"-data", dir, "-hidden", "16", "-epochs", "3", "-batch", "20", "-lr", "0.01", "-out", path}
	if code := run(args, &out, &errb, nil); code != 0 {
		t.Fatalf("status %d, stderr %q", code, errb.String())
	}
	for _, want := range []string{"mlp 784-16-10 relu", "epoch 3  loss", "test accuracy", "saved " + path} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout %q does not say %q", out.String(), want)
		}
	}
	m, err := mlp.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	test, err := dataset.ReadIDXSet(filepath.Join(dir, dataset.MNISTTestImages),
		filepath.Join(dir, dataset.MNISTTestLabels), 10)
	if err != nil {
		t.Fatal(err)
	}
	if acc := m.Accuracy(test); acc < 0.9 {
		t.Errorf("accuracy of the saved network on its easy data: got %.2f, want at least 0.9", acc)
	}
}

func TestBadData(t *testing.T) {
	dir := writeMNIST(t, 20, 12)
	var out, errb bytes.Buffer
	code := run([]string{"-data", dir, "-epochs", "1"}, &out, &errb, nil)
	msg := errb.String()
	if code != 1 || !strings.Contains(msg, dataset.MNISTTrainLabels) || !strings.Contains(msg, "12") {
		t.Errorf("status %d, stderr %q: want 1 and the label file and label named", code, msg)
	}
	code = run([]string{"-data", t.TempDir()}, &out, &errb, nil)
	if code != 1 {
		t.Errorf("empty directory: got status %d, want 1", code)
	}
}
