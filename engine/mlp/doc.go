// Package mlp is a small multilayer perceptron on the plane: two inputs,
// one to three hidden layers of 2 to 32 tanh or ReLU units, and one output
// logit z, so that σ(z) is the probability of class 1 (blue) and the loss
// is the log-loss (cross-entropy) J(x, y) = softplus(z) − y·z. MLP
// satisfies model.Model, so the engine's attacks and metrics work on it as
// on logistic regression.
//
// A Trainer fits an MLP step by step, so that the browser can animate
// training: Adam, full-batch or on seeded mini-batches, or L-BFGS (package
// lbfgs), with an optional L2 weight decay and an optional
// Adversary that mixes each training point with, or replaces it by, an
// adversarial version of it (package advtrain builds those).
//
// # Speed
//
// Training and the batch methods (Logits, LogitGrid, InputGrads) run the
// points through the network in blocks of four, layer by layer, with
// register accumulators and no allocation per point; the per-point methods
// of model.Model (Logit, InputGrad, ParamGrad) keep their activations in
// fixed-size arrays on the stack. None of them allocates, and all may be
// called from several goroutines at once as long as nothing changes the
// parameters meanwhile. The benchmarks measure the budgets: one
// Adam epoch on 1,000 points with hidden layers [16, 16]
// (BenchmarkEpoch1000Tanh16x16) and the 128×128 probability shading
// (BenchmarkLogitGrid128Tanh16x16), natively and under js/wasm.
//
// # Same results in the browser
//
// Everything, Adam and L-BFGS alike, is plain float64 arithmetic in a fixed
// order: the exponentials and tanh are package portable's, not math's
// (math.Exp is assembly on amd64 and pure Go on js/wasm, and math.Tanh
// calls it), and L-BFGS's vector updates are package lbfgs's plain loops.
// So a seed gives bit-identical weights natively and in the browser, which
// the tests pin.
package mlp
