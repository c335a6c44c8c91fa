package scene

import (
	"fmt"

	"advplay/engine/advtrain"
	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/logreg"
	"advplay/engine/mlp"
	"advplay/engine/model"
	"advplay/engine/network"
	"advplay/engine/scene/patch"
)

// Model kinds.
const (
	KindLogReg = "logreg"
	KindMLP    = "mlp"
)

// ModelSettings choose the classifier. Hidden and Activation apply to the
// MLP; Hidden lists the layer widths, zero after the last layer, so that
// Settings stays comparable.
type ModelSettings struct {
	Kind       string
	Hidden     [mlp.MaxLayers]int
	Activation mlp.Activation
}

// HiddenLayers returns the MLP's hidden layer widths.
func (m ModelSettings) HiddenLayers() []int {
	var out []int
	for _, n := range m.Hidden {
		if n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func (m ModelSettings) mlpConfig() mlp.Config {
	return mlp.Config{Hidden: m.HiddenLayers(), Activation: m.Activation}
}

// DefenseSettings choose adversarial training: Method "none", "fgsm"
// (Goodfellow et al.'s mix α·J(x) + (1−α)·J(x_adv), α = 1/2) or "pgd"
// (Madry et al.'s training on PGD points), at its own ε, kept apart from
// the attack's.
type DefenseSettings struct {
	Method  advtrain.Method `json:"method"`
	Epsilon float64         `json:"epsilon"`
}

// Training defaults for the step-wise trainers (the MLP's, and logistic
// regression's under a defense).
const (
	DefaultEpochs = 500
	MaxEpochs     = 20000
	// learningRate is Adam's step for the MLP: on every preset it reaches
	// its final error within a few hundred full-batch epochs.
	learningRate = 0.03
)

// run is one model and its training.
type run struct {
	model  model.Model
	linear *model.Linear // model, when it is logistic regression
	train  Stepper       // nil for a fit done at once
	// high is the fit in d dimensions above two, where model and linear
	// are its equivalent in the plane (see space.go).
	high   *linear.FitResult
	epochs int    // what train aims for
	method string // newton, article, adam, lbfgs or gd
	fit    logreg.FitResult
	// sync refreshes model after a Step, for trainers that return their
	// model by value.
	sync func(*run)
	// loss caches train.Loss() for one epoch.
	loss   float64
	lossAt int
	// On the digits (digitrun.go): params is the trained model's
	// parameters, which model (the plane's) is not; net is the network;
	// unitsPerEpoch is how many of the trainer's steps (minibatches) make
	// an epoch, when a step is less.
	params        paramHolder
	net           *network.Network
	unitsPerEpoch int
}

// trained returns the parameters a Progress carries: the trained model's.
func (r *run) trained() paramHolder {
	if r.params != nil {
		return r.params
	}
	return r.model
}

// running reports whether the run still has epochs to go.
func (r *run) running() bool {
	return r.train != nil && r.train.Epoch() < r.epochs && !r.train.Done()
}

// step advances the run by up to k epochs.
func (r *run) step(k int) {
	if !r.running() {
		return
	}
	r.train.Step(min(k, r.epochs-r.train.Epoch()))
	if r.sync != nil {
		r.sync(r)
	}
}

// currentLoss returns the mean log-loss on the clean points, computed at
// most once per epoch.
func (r *run) currentLoss() float64 {
	if r.train == nil {
		return r.fit.Loss
	}
	if e := r.train.Epoch(); r.lossAt != e {
		r.loss, r.lossAt = r.train.Loss(), e
	}
	return r.loss
}

func (r *run) epoch() int {
	if r.train == nil {
		return r.fit.Iterations
	}
	return r.train.Epoch()
}

// The engine's trainers, as steppers.
type (
	articleStepper struct{ *logreg.Article }
	mlpStepper     struct{ *mlp.Trainer }
)

func (t mlpStepper) Step(k int) int { e, _ := t.Trainer.Step(k); return e }
func (t mlpStepper) Done() bool     { return t.Converged() || t.Err() != nil }

// Converged is false: the article's recipe runs its epochs, whatever the
// gradient.
func (articleStepper) Converged() bool { return false }

// fitting is the scene's models and their training: main is the model the
// scene shows; under a defense, baseline is the same model trained without
// it, for comparison. Every fit starts afresh (never from the previous
// fit), so that a scene gives bit-identical weights however it was
// reached: edited in the page, loaded from a link, or run by the command
// line.
type fitting struct {
	main, baseline *run
	// rival is, on the digits, logistic regression trained under the
	// network's defense: the chart's robust linear model beside the
	// robust network.
	rival   *run
	model   model.Model
	linear  *model.Linear // model, when it is logistic regression
	running bool
	err     string // why there is no trained model
	stale   bool   // the points or the training's settings changed
}

// newRun starts training a model as set says on the points under the
// given defense.
func newRun(set Settings, p *pointSet, defense DefenseSettings) (*run, error) {
	adv := advtrain.DefaultConfig(defense.Method, defense.Epsilon)
	adv.Seed = set.Seed
	switch {
	case p.digits != nil:
		return newDigitRun(set, p.digits, defense)
	case p.high():
		// Apply refuses the MLP, the article's descent and a defense
		// above two dimensions, but for the digits.
		return fitHigh(p.hd.samples)
	case set.Model.Kind == KindMLP:
		return newMLPRun(set, p.points, adv)
	case adv.Method == advtrain.FGSM || adv.Method == advtrain.PGD:
		// Logistic regression's adversarial loss has a closed form, fitted
		// to convergence at once: compared with the converged plain fit,
		// the difference is the defense's alone.
		m, err := advtrain.FitLinear(p.points, adv)
		if err != nil {
			return nil, err
		}
		r := &run{model: &m, linear: &m, method: "lbfgs", lossAt: -1}
		r.fit.Loss = advtrain.LinearFGSMObjective(m, p.points, advtrain.Config{Method: advtrain.None})
		return r, nil
	}
	// The plain model beside a defended logistic regression is fitted to
	// convergence like it.
	comparing := set.Defense.Method != advtrain.None
	if set.Recipe == RecipeArticle && !comparing {
		return newArticleRun(p.points)
	}
	res, err := logreg.Fit(p.points, logreg.FitOptions{})
	if err != nil {
		return nil, err
	}
	m := res.Model
	return &run{model: &m, linear: &m, fit: res, method: "newton", lossAt: -1}, nil
}

// newMLPRun starts training the MLP set describes, plainly or, under a
// defense, adversarially as adv says.
func newMLPRun(set Settings, points []data.Point, adv advtrain.Config) (*run, error) {
	m, err := mlp.New(set.Model.mlpConfig(), set.Seed)
	if err != nil {
		return nil, err
	}
	tc := mlp.TrainConfig{Optimizer: set.Optimizer, LearningRate: learningRate, Seed: set.Seed}
	var t *mlp.Trainer
	if adv.Method == advtrain.FGSM || adv.Method == advtrain.PGD {
		t, err = advtrain.NewMLP(m, points, adv, tc)
	} else {
		t, err = mlp.NewTrainer(m, points, tc)
	}
	if err != nil {
		return nil, err
	}
	return &run{model: m, train: mlpStepper{t}, epochs: set.Epochs, method: string(set.Optimizer), lossAt: -1}, nil
}

// newArticleRun starts the article's descent.
func newArticleRun(points []data.Point) (*run, error) {
	a, err := logreg.NewArticle(points)
	if err != nil {
		return nil, err
	}
	r := &run{train: articleStepper{a}, epochs: a.Epochs, method: RecipeArticle, lossAt: -1}
	r.sync = func(r *run) {
		m := a.Model()
		r.linear, r.model = &m, &m
	}
	r.sync(r)
	return r, nil
}

// restart trains afresh after a change of the points or of the model's
// settings: a converged fit is done at once, the other trainers start and
// advance in step. Under a defense, the same model without the defense is
// trained beside it, for the chart's comparison.
func (f *fitting) restart(set Settings, p *pointSet) {
	f.stale = false
	f.err = ""
	f.main, f.baseline, f.rival = nil, nil, nil
	f.running = false
	if len(p.points) == 0 {
		f.err = "no points to train on"
	} else {
		var err error
		f.main, err = newRun(set, p, set.Defense)
		if err == nil && set.Defense.Method != advtrain.None {
			f.baseline, err = newRun(set, p, DefenseSettings{Method: advtrain.None})
		}
		if err == nil && p.digits != nil && set.Defense.Method != advtrain.None && set.Model.Kind == KindMLP {
			linearSet := set
			linearSet.Model.Kind = KindLogReg
			f.rival, err = newDigitRun(linearSet, p.digits, set.Defense)
		}
		if err != nil {
			f.main, f.baseline, f.rival = nil, nil, nil
			f.err = err.Error()
		}
	}
	if f.main == nil {
		zero := &model.Linear{}
		f.main = &run{model: zero, linear: zero, method: "none", lossAt: -1}
	}
	f.follow()
	if p.high() {
		p.reproject(f.main)
	}
}

// runs returns the runs that train: main, and the baseline and rival
// beside it when there are.
func (f *fitting) runs() []*run {
	out := []*run{f.main}
	for _, r := range []*run{f.baseline, f.rival} {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// follow takes up the main run's model and whether a run still trains.
func (f *fitting) follow() {
	f.model, f.linear = f.main.model, f.main.linear
	f.running = false
	for _, r := range f.runs() {
		f.running = f.running || r.running()
	}
}

// step advances every run by at most epochs epochs.
func (f *fitting) step(epochs int) {
	for _, r := range f.runs() {
		r.step(epochs)
	}
	f.follow()
}

// setRunning pauses or resumes a step-wise training; it reports false when
// a finished training must start again from zero instead.
func (f *fitting) setRunning(run bool) bool {
	if f.main == nil || f.main.train == nil {
		return true
	}
	finished := true
	for _, r := range f.runs() {
		finished = finished && !r.running()
	}
	if run && finished {
		return false
	}
	f.running = run && !finished
	return true
}

// validateModel checks the network's architecture, naming the field: the
// plane's MLP (package mlp) or, on the digits, package network's.
func validateModel(set Settings) error {
	m := set.Model
	if m.Kind != KindMLP {
		return nil
	}
	// The plane's network is narrower than the one for pictures, which
	// Fields' reader allows: name the layer that is too wide.
	if set.Preset != MNIST {
		for i, n := range m.HiddenLayers() {
			if n > mlp.MaxUnits {
				return patch.Errorf(fmt.Sprintf("model.hidden[%d]", i), "must be a whole number from %d to %d in the plane (up to %d on the %s digits), got %d",
					mlp.MinUnits, mlp.MaxUnits, network.MaxUnits, MNIST, n)
			}
		}
	}
	err := m.mlpConfig().Validate()
	if set.Preset == MNIST {
		err = m.networkConfig().Validate()
	}
	if err != nil {
		return patch.Errorf("model.hidden", "%v", err)
	}
	return nil
}

func (m ModelSettings) networkConfig() network.Config {
	return network.Config{Hidden: m.HiddenLayers(), Activation: network.Activation(m.Activation)}
}

// Name returns the MLP architecture as "2-16-16-1 tanh".
func (m ModelSettings) Name() string { return m.mlpConfig().String() }

// NetworkName returns the digits' network as package network names it.
func (m ModelSettings) NetworkName() string { return m.networkConfig().String() }
