// This file defines the choices a network is built from: the activation of
// each layer, the initialisation of the weights and the loss.

package mlp

import (
	"fmt"
	"strings"

	"github.com/hessgo/hessgo/graph"
	"github.com/hessgo/hessgo/ops"
)

// Activation is the function f that a layer applies entrywise to its
// pre-activation z.
type Activation uint8

const (
	// Identity is f(z) = z, the usual choice for the output layer.
	Identity Activation = iota
	// ReLU is f(z) = max(z, 0). Its second derivative is zero wherever it
	// exists, so the Hessian of a ReLU network comes from the loss and
	// from products of weights only.
	ReLU
	// Sigmoid is f(z) = 1 / (1 + exp(-z)).
	Sigmoid
	// Tanh is f(z) = tanh z.
	Tanh
	// Softplus is f(z) = log(1 + exp z), a smooth ReLU.
	Softplus
)

var activationNames = [...]string{"identity", "relu", "sigmoid", "tanh", "softplus"}

// String returns the activation's name as ParseActivation reads it, such
// as "relu".
func (a Activation) String() string {
	if int(a) < len(activationNames) {
		return activationNames[a]
	}
	return fmt.Sprintf("Activation(%d)", a)
}

// ParseActivation returns the activation named s: "identity", "relu",
// "sigmoid", "tanh" or "softplus", in any case.
func ParseActivation(s string) (Activation, error) {
	for i, name := range activationNames {
		if strings.EqualFold(s, name) {
			return Activation(i), nil
		}
	}
	return 0, fmt.Errorf("mlp: unknown activation %q (want one of %s)",
		s, strings.Join(activationNames[:], ", "))
}

// Apply records f(z) on z's graph.
func (a Activation) Apply(z *graph.Node) *graph.Node {
	switch a {
	case Identity:
		return z
	case ReLU:
		return ops.Relu(z)
	case Sigmoid:
		return ops.Sigmoid(z)
	case Tanh:
		return ops.Tanh(z)
	case Softplus:
		return ops.Softplus(z)
	}
	fail("Activation.Apply", "unknown activation %d", a)
	return nil
}

// Activations returns the activations of a network of layers layers:
// hidden for each hidden layer and output for the last one.
func Activations(hidden, output Activation, layers int) []Activation {
	acts := make([]Activation, layers)
	for i := range acts {
		acts[i] = hidden
	}
	if layers > 0 {
		acts[layers-1] = output
	}
	return acts
}

// Init is a way to draw the initial weights and biases of a layer of fan_in
// inputs and fan_out outputs.
type Init uint8

const (
	// Uniform draws every weight and bias from U(-s, s) with
	// s = 1/√fan_in, the initialisation of common benchmarks.
	Uniform Init = iota
	// Glorot draws the weights from U(-s, s) with s = √(6/(fan_in+fan_out))
	// and sets the biases to zero (also called Xavier uniform).
	Glorot
	// HeNormal draws the weights from N(0, 2/fan_in) and sets the biases to
	// zero; it suits ReLU layers.
	HeNormal
	// HeUniform draws the weights from U(-s, s) with s = √(6/fan_in), the
	// same variance 2/fan_in as HeNormal, and sets the biases to zero.
	HeUniform
)

var initNames = [...]string{"uniform", "glorot", "he-normal", "he-uniform"}

// String returns the initialisation's name as ParseInit reads it.
func (i Init) String() string {
	if int(i) < len(initNames) {
		return initNames[i]
	}
	return fmt.Sprintf("Init(%d)", i)
}

// ParseInit returns the initialisation named s: "uniform", "glorot" (or
// "xavier"), "he-normal" or "he-uniform", in any case.
func ParseInit(s string) (Init, error) {
	if strings.EqualFold(s, "xavier") {
		return Glorot, nil
	}
	for i, name := range initNames {
		if strings.EqualFold(s, name) {
			return Init(i), nil
		}
	}
	return 0, fmt.Errorf("mlp: unknown initialisation %q (want one of %s)",
		s, strings.Join(initNames[:], ", "))
}

// Loss is the function that compares a network's output a_L with the
// targets of a batch.
type Loss uint8

const (
	// MSE is the mean squared error over every entry of the output,
	//
	//	ℓ = mean((a_L - y)²)
	//
	// against the batch's regression targets Y, or against the one-hot
	// rows of its labels when it has no Y.
	MSE Loss = iota
	// CrossEntropy is the softmax cross-entropy of the output, read as
	// logits, against the batch's integer labels, averaged over the batch:
	//
	//	ℓ = -mean_i log softmax(a_L)[i, label_i]
	CrossEntropy
)

var lossNames = [...]string{"mse", "cross-entropy"}

// String returns the loss's name as ParseLoss reads it.
func (l Loss) String() string {
	if int(l) < len(lossNames) {
		return lossNames[l]
	}
	return fmt.Sprintf("Loss(%d)", l)
}

// ParseLoss returns the loss named s: "mse" or "cross-entropy" (or "xent").
func ParseLoss(s string) (Loss, error) {
	if strings.EqualFold(s, "xent") {
		return CrossEntropy, nil
	}
	for i, name := range lossNames {
		if strings.EqualFold(s, name) {
			return Loss(i), nil
		}
	}
	return 0, fmt.Errorf("mlp: unknown loss %q (want one of %s)",
		s, strings.Join(lossNames[:], ", "))
}
