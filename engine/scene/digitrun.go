package scene

import (
	"advplay/engine/advtrain"
	"advplay/engine/data"
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

// newDigitRun starts training the model set describes on the digits,
// plainly or under defense.
func newDigitRun(set Settings, d *digitSide, defense DefenseSettings) (*run, error) {
	if set.Model.Kind == KindMLP {
		return newNetworkRun(set, d, defense)
	}
	plane := planeLogit()
	r := &run{model: plane, linear: plane, lossAt: -1}
	r.params = linearParams{r}
	if defense.Method != advtrain.None {
		adv := advtrain.DefaultConfig(defense.Method, defense.Epsilon)
		r.high = &linear.FitResult{Model: linear.Model{W: make([]float64, d.train.Dim)}}
		r.train, r.epochs, r.method = &boxStepper{r: r, train: d.train, cfg: adv}, 1, "owlqn"
		return r, nil
	}
	f, err := linear.NewFitter(d.train, linear.DigitsFitOptions())
	if err != nil {
		return nil, err
	}
	res, _ := f.Result()
	r.high = &res
	r.train, r.epochs, r.method = &fitterStepper{f: f, r: r}, maxFitterPasses, "lbfgs"
	return r, nil
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
	t, err := network.NewTrainer(n, d.train, tc)
	if err != nil {
		return nil, err
	}
	plane := planeLogit()
	r := &run{model: plane, net: n, params: n, lossAt: -1, method: "adam"}
	r.train, r.epochs = networkStepper{t}, t.Progress().Batches
	r.unitsPerEpoch = t.BatchesPerEpoch()
	return r, nil
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

// fitterStepper fits logistic regression on the digits by L-BFGS a pass
// over the training digits at a time (linear.Fitter).
type fitterStepper struct {
	f *linear.Fitter
	r *run
}

func (t *fitterStepper) Step(k int) int {
	t.f.Step(k * t.f.Work())
	res, err := t.f.Result()
	if err == nil {
		t.r.high = &res
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

// boxStepper fits adversarially trained logistic regression in the pixel
// box (advtrain.FitLinearBox) in its one step.
type boxStepper struct {
	r     *run
	train data.Samples
	cfg   advtrain.Config
	fit   advtrain.BoxFit
	done  bool
	err   error
}

func (t *boxStepper) Step(int) int {
	if t.done {
		return 1
	}
	t.done = true
	t.fit, t.err = advtrain.FitLinearBox(t.train, t.cfg, advtrain.BoxOptions{L2: linear.DigitsL2})
	if t.err == nil {
		t.r.high = &linear.FitResult{Model: t.fit.Model, Loss: t.fit.Objective, Converged: t.fit.Converged,
			Iterations: t.fit.Iterations, Evaluations: t.fit.Evaluations}
	}
	return 1
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
