// Package mlp builds, trains, saves and loads multi-layer perceptrons, and
// gives any model made of the package ops the same training loop, file
// format and flat view of its parameters.
//
// Nothing here is differentiated by hand: the forward pass is recorded with
// the ops, and the package autodiff takes every derivative, of first or
// higher order.
//
// # The network
//
// A network of L layers has widths Sizes = {n₀, n₁, …, n_L}. Examples are
// the rows of a batch, so a batch of m examples is an m×n₀ matrix a₀, and
// layer l computes
//
//	z = a_l W_l + b_l          W_l is n_l×n_{l+1}, b_l is 1×n_{l+1}
//	a_{l+1} = f_l(z)
//
// with b_l added to every row and f_l one of Identity, ReLU, Sigmoid, Tanh
// and Softplus, applied entrywise. The output a_L is compared with the
// batch's targets by the loss: MSE, the mean over every entry of
// (a_L - y)², or CrossEntropy, the softmax cross-entropy of a_L read as
// logits against integer labels, averaged over the batch.
//
// # Parameters
//
// The parameters are the matrices W₀, b₀, W₁, b₁, … in that order, named
// "layer0.weight", "layer0.bias", "layer1.weight", … (Params, ParamNames).
// Flat lays them out as one vector, each matrix row-major in that order,
// and SetFlat writes such a vector back, so that Hessian tools can treat
// the loss as a function of one vector θ of NumParams entries. Split cuts
// a flat vector into matrices of the parameters' shapes, sharing memory.
//
// New draws the initial parameters from a generator seeded by Config.Seed:
// the same configuration gives the same network on any machine. Uniform
// draws weights and biases from U(-1/√n_in, 1/√n_in); Glorot draws weights
// from U(-√(6/(n_in+n_out)), √(6/(n_in+n_out))); HeNormal draws them from
// N(0, 2/n_in) and HeUniform from U(-√(6/n_in), √(6/n_in)), which has the
// same variance. All but Uniform set the biases to zero.
//
// # Any model
//
// Model is what training, saving and Hessian tools need of a model: its
// parameter matrices, their names, and a method that records its loss on a
// batch given one parameter node per matrix. An MLP is a Model, and so is
// any type with those three methods built from ops (see the example of a
// polynomial). Objective turns a Model and a batch into the optim.Objective
// that the optimisers and the Hessian-vector products take.
//
// # Training
//
// Train runs mini-batch training: each epoch shuffles the examples with a
// generator seeded by TrainOptions.Seed, cuts them into batches and takes
// one optimiser step per batch. It reports the mean loss of each epoch
// through its result and an optional callback, and draws a progress bar
// only on a writer it is given; a command passes standard error when that
// is a terminal. Data that do not fit the model (a wrong number of
// features, a label outside the output's classes) are an error wrapping
// ErrData before any step is taken.
//
// # Files
//
// Save writes the parameters to a safetensors file, one F64 tensor of
// shape [rows, cols] per parameter under its name, with the network's
// sizes, activations and loss as metadata. The write is atomic and a round
// trip keeps every bit. Load checks the whole file against the model (the
// names, the shapes, finite values, and the metadata the model describes)
// before it copies anything, so a file that does not fit leaves the model
// as it was; its error names the file and the tensor. Open builds a
// network from a file's metadata and loads it.
//
// # Errors
//
// An impossible configuration or option is a programmer error: New and
// Train panic with an *Error. Files and data that do not fit return
// errors: a *FileError wrapping ErrShape, ErrMissing, ErrExtra, ErrMetadata
// or ErrNonFinite, an error of the package safetensors for a file that
// cannot be read, or an error wrapping ErrData.
//
// # Concurrency
//
// An MLP is not safe for concurrent use: Predict and Accuracy use a graph
// that the network keeps.
package mlp
