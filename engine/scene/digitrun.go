package scene

import (
	"advplay/engine/advtrain"
	"advplay/engine/digitfit"
	"advplay/engine/linear"
	"advplay/engine/model"
	"advplay/engine/network"
)

// The MNIST preset's models train step by step, so that a page hands
// them to its worker and shows their progress: logistic regression a
// pass over the training digits at a time (linear.Fitter), under a
// defense in one step (advtrain.FitLinearBox), and the network a
// minibatch at a time (network.Trainer). Their parameters, which a
// Progress carries, are the d-dimensional model's (params), not the
// plane's.

// paramHolder is a model's parameter vector, as Progress carries it.
type paramHolder interface {
	NumParams() int
	Params(dst []float64) []float64
	SetParams(src []float64)
}

// planeLogit is the model in the plane of the digits, whose across
// coordinate is the model's own logit: σ(u) at (u, v).
func planeLogit() *model.Linear { return &model.Linear{W: [2]float64{1, 0}} }

// Stepper is a training in progress, advanced a slice of epochs (or
// steps) at a time, as every trainer of the scene is: Step(k) advances by
// up to k and returns the epoch reached; Done reports that training cannot
// go on, converged or diverged; Converged that the optimizer stopped at an
// optimum.
type Stepper = digitfit.Stepper

// DigitTrainers are the trainers of the digits' models, which a program
// that trains them sets once before it makes a scene (the worker, the
// command line, the tests: scene.DigitTrainers = digitfit.All()). Without
// them a training of the digits waits at its start for Handover, and the
// program carries none of their code: the page's main module hands every
// such training to its worker.
var DigitTrainers digitfit.Trainers

// newDigitRun starts training the model set describes on the digits,
// plainly or under defense.
func newDigitRun(set Settings, d *digitSide, defense DefenseSettings) (*run, error) {
	if set.Model.Kind == KindMLP {
		return newNetworkRun(set, d, defense)
	}
	plane := planeLogit()
	r := &run{model: plane, linear: plane, lossAt: -1}
	r.params = linearParams{r}
	r.high = &linear.FitResult{Model: linear.Model{W: make([]float64, d.train.Dim)}}
	fitted := func(res linear.FitResult) { r.high = &res }
	var err error
	if defense.Method != advtrain.None {
		r.epochs, r.method = 1, "owlqn"
		if t := DigitTrainers.Robust; t != nil {
			r.train, err = t(d.train, defense.Method, defense.Epsilon, fitted)
		}
	} else {
		r.epochs, r.method = maxFitterPasses, "lbfgs"
		if t := DigitTrainers.Linear; t != nil {
			r.train, err = t(d.train, fitted)
		}
	}
	if r.train == nil {
		r.train = &remoteStepper{unhanded: true}
	}
	return r, err
}

// maxFitterPasses bounds the passes of a fit on the digits: far more than
// the few hundred L-BFGS takes, which stops it first.
const maxFitterPasses = 100000

// newNetworkRun starts training the network set describes by Adam on
// minibatches, on PGD or FGSM points under defense (network.PGDTraining,
// network.FGSMTraining).
func newNetworkRun(set Settings, d *digitSide, defense DefenseSettings) (*run, error) {
	n, err := network.New(d.train.Dim, set.Model.networkConfig(), set.Seed)
	if err != nil {
		return nil, err
	}
	var tc network.TrainConfig
	switch defense.Method {
	case advtrain.PGD:
		tc = network.PGDTraining(defense.Epsilon)
	case advtrain.FGSM:
		tc = network.FGSMTraining(defense.Epsilon)
	}
	tc.Epochs, tc.Seed, tc.Adversary.Seed = set.Epochs, set.Seed, set.Seed
	batch := tc.BatchSize
	if batch == 0 {
		batch = network.DefaultBatchSize
	}
	perEpoch := (d.train.Len() + batch - 1) / batch
	r := &run{model: planeLogit(), net: n, params: n, lossAt: -1, method: "adam", epochs: set.Epochs * perEpoch, unitsPerEpoch: perEpoch}
	if t := DigitTrainers.Network; t != nil {
		r.train, err = t(n, d.train, tc)
	}
	if r.train == nil {
		r.train = &remoteStepper{unhanded: true}
	}
	return r, err
}

// linearParams are logistic regression's d + 1 parameters, w then b, of a
// run on the digits.
type linearParams struct{ r *run }

func (p linearParams) NumParams() int { return len(p.r.high.Model.W) + 1 }

func (p linearParams) Params(dst []float64) []float64 {
	m := p.r.high.Model
	return append(append(dst[:0], m.W...), m.B)
}

func (p linearParams) SetParams(src []float64) {
	d := len(src) - 1
	m := linear.Model{W: append([]float64(nil), src[:d]...), B: src[d]}
	p.r.high = &linear.FitResult{Model: m, Loss: p.r.high.Loss, Converged: p.r.high.Converged}
}
