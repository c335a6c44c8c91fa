// Package digitfit trains the MNIST preset's models step by step:
// logistic regression by L-BFGS a pass over the training digits at a time
// (linear.Fitter), adversarially trained logistic regression in the pixel
// box in one step (advtrain.FitLinearBox), and the network a minibatch at
// a time (network.Trainer).
//
// Package scene takes these trainers from whoever sets scene.DigitTrainers
// to All(), so that a program that never trains the digits itself carries
// none of their code: the page's main module hands every training of the
// digits to its worker, which sets them, as do the command line and the
// tests.
package digitfit

import (
	"advplay/engine/advtrain"
	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/network"
)

// Stepper is a training in progress, advanced a few steps at a time: the
// same interface as scene's trainers.
type Stepper = interface {
	// Step advances by up to k steps and returns the steps done.
	Step(k int) int
	Epoch() int
	// Done reports that training cannot go on: finished or failed.
	Done() bool
	// Converged reports that the optimizer stopped at an optimum.
	Converged() bool
	Loss() float64
}

// Trainers make the trainers of the digits' models.
type Trainers struct {
	Linear  func(train data.Samples, fitted func(linear.FitResult)) (Stepper, error)
	Robust  func(train data.Samples, method advtrain.Method, eps float64, fitted func(linear.FitResult)) (Stepper, error)
	Network func(n *network.Network, train data.Samples, tc network.TrainConfig) (Stepper, error)
}

// All returns Linear, Robust and Network. Only a program that calls it
// carries their code.
func All() Trainers { return Trainers{Linear: Linear, Robust: Robust, Network: Network} }

// Linear starts fitting logistic regression to train with
// linear.DigitsFitOptions; a step is a pass over the digits. fitted is
// called with the best fit so far after every step. It returns
// linear.NewFitter's errors.
func Linear(train data.Samples, fitted func(linear.FitResult)) (Stepper, error) {
	f, err := linear.NewFitter(train, linear.DigitsFitOptions())
	if err != nil {
		return nil, err
	}
	return &fitterStepper{f: f, fitted: fitted}, nil
}

// Robust starts fitting logistic regression to train adversarially, as
// advtrain.DefaultConfig(method, eps) says, with the attacked digits in the
// pixel box (advtrain.FitLinearBox, λ = linear.DigitsL2); the whole fit is
// its one step, after which fitted is called. It returns an error if the
// configuration is invalid.
func Robust(train data.Samples, method advtrain.Method, eps float64, fitted func(linear.FitResult)) (Stepper, error) {
	cfg := advtrain.DefaultConfig(method, eps)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &boxStepper{train: train, cfg: cfg, fitted: fitted}, nil
}

// Network starts training n on train as tc says (network.NewTrainer); a
// step is a minibatch. It returns network.NewTrainer's errors.
func Network(n *network.Network, train data.Samples, tc network.TrainConfig) (Stepper, error) {
	t, err := network.NewTrainer(n, train, tc)
	if err != nil {
		return nil, err
	}
	return networkStepper{t}, nil
}

// fitterStepper fits logistic regression a pass at a time.
type fitterStepper struct {
	f      *linear.Fitter
	fitted func(linear.FitResult)
}

func (t *fitterStepper) Step(k int) int {
	t.f.Step(k * t.f.Work())
	if res, err := t.f.Result(); err == nil {
		t.fitted(res)
	}
	return t.Epoch()
}

func (t *fitterStepper) Epoch() int {
	res, _ := t.f.Result()
	return res.Evaluations
}

func (t *fitterStepper) Done() bool { return t.f.Done() }

func (t *fitterStepper) Converged() bool {
	res, _ := t.f.Result()
	return t.f.Done() && res.Converged
}

func (t *fitterStepper) Loss() float64 {
	res, _ := t.f.Result()
	return res.Loss
}

// boxStepper fits adversarially trained logistic regression in one step.
type boxStepper struct {
	train  data.Samples
	cfg    advtrain.Config
	fitted func(linear.FitResult)
	fit    advtrain.BoxFit
	done   bool
	err    error
}

func (t *boxStepper) Step(int) int {
	if !t.done {
		t.done = true
		t.fit, t.err = advtrain.FitLinearBox(t.train, t.cfg, advtrain.BoxOptions{L2: linear.DigitsL2})
		if t.err == nil {
			t.fitted(linear.FitResult{Model: t.fit.Model, Loss: t.fit.Objective, GradNorm: t.fit.GradNorm,
				Iterations: t.fit.Iterations, Evaluations: t.fit.Evaluations, Converged: t.fit.Converged, L2: t.fit.L2})
		}
	}
	return t.Epoch()
}

func (t *boxStepper) Epoch() int {
	if t.done {
		return 1
	}
	return 0
}

func (t *boxStepper) Done() bool      { return t.done }
func (t *boxStepper) Converged() bool { return t.done && t.err == nil && t.fit.Converged }
func (t *boxStepper) Loss() float64   { return t.fit.Objective }

// networkStepper trains the network a minibatch at a time.
type networkStepper struct{ t *network.Trainer }

func (s networkStepper) Step(k int) int  { return s.t.Step(k).Batch }
func (s networkStepper) Epoch() int      { return s.t.Progress().Batch }
func (s networkStepper) Done() bool      { return s.t.Done() }
func (s networkStepper) Converged() bool { return false }
func (s networkStepper) Loss() float64   { return s.t.Progress().Loss }
