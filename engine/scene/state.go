package scene

import (
	"math"
	"slices"

	"advplay/engine/attack"
	"advplay/engine/linear"
)

// State is the JSON-able snapshot that advplay.state() returns.
type State struct {
	Settings
	Points   []PointState  `json:"points"`
	Model    ModelState    `json:"model"`
	Training TrainingState `json:"training"`
	Metrics  Metrics       `json:"metrics"`
	Perf     Perf          `json:"perf"`
	// Projection is what the view shows beside the plane above two
	// dimensions; nil in the plane.
	Projection *ProjectionState `json:"projection,omitempty"`
}

// PointState is a point as JavaScript sees it: x and y are its place in
// the plane (above two dimensions, in the model's plane: see Points), and
// Coords its d coordinates above two dimensions (nil, and left out of the
// JSON, in the plane).
type PointState struct {
	X      float64   `json:"x"`
	Y      float64   `json:"y"`
	Label  int       `json:"label"`
	Coords []float64 `json:"coords,omitempty"`
}

// ProjectionState describes the attack above two dimensions, where the
// plane shows only part of it: every coordinate of the step δ moves by at
// most ε, yet along ŵ, towards the boundary, every point moves by
// Reach = ε‖w‖₁/‖w‖₂ under the L∞ ball, up to ε√d, and by ε under the L2
// ball (linear.Model.Reach): the linear explanation of adversarial
// examples (Goodfellow, Shlens and Szegedy 2015, §3; see package linear).
type ProjectionState struct {
	// Norm1 and Norm2 are ‖w‖₁ and ‖w‖₂ of the model in d dimensions.
	Norm1 float64 `json:"norm1"`
	Norm2 float64 `json:"norm2"`
	// StepLInf and StepL2 are ‖δ‖∞ and ‖δ‖₂ of the attack's step: for
	// FGSM ε and ε√k (k the non-zero weights), for FGM ε·max|ŵⱼ| and ε.
	StepLInf float64 `json:"stepLInf"`
	StepL2   float64 `json:"stepL2"`
	// Reach is the step's length along ŵ, the horizontal length of every
	// arrow in the plane.
	Reach float64 `json:"reach"`
	// SqrtD is √d, the most Reach/ε can be under the L∞ ball.
	SqrtD float64 `json:"sqrtD"`
}

// ModelState describes the trained model.
type ModelState struct {
	Kind string `json:"kind"`
	// Weights and Bias are logistic regression's w, d entries, and b (zero
	// for the MLP). Above two dimensions they are the model in d
	// dimensions, not its equivalent in the plane (Linear).
	Weights []float64 `json:"weights"`
	Bias    float64   `json:"bias"`
	// Hidden and Activation describe the MLP, with Params its number of
	// parameters.
	Hidden     []int  `json:"hidden,omitempty"`
	Activation string `json:"activation,omitempty"`
	Params     int    `json:"params"`
	// Parameters is the MLP's parameter vector, in the order of its
	// Params method: what a reproduction compares bit for bit.
	Parameters []float64 `json:"parameters,omitempty"`
	// Separable reports that the converged fit found separable data and
	// applied the penalty L2 (see logreg.Fit).
	Separable bool    `json:"separable"`
	L2        float64 `json:"l2"`
	// L1 is ‖w‖₁ of logistic regression: FGSM training on a linear model
	// penalizes it (Goodfellow et al. 2015, §5). Baseline is the same
	// figures for the model trained without the defense, if any.
	L1       float64     `json:"l1"`
	Baseline *ModelState `json:"baseline,omitempty"`
}

// TrainingState describes the training.
type TrainingState struct {
	// Recipe is logistic regression's: converged or article.
	Recipe string `json:"recipe"`
	// Method is what actually trains: newton, article, adam, lbfgs.
	Method string `json:"method"`
	// Optimizer is the MLP's (and any defended model's) setting.
	Optimizer string `json:"optimizer"`
	Epoch     int    `json:"epoch"`
	Epochs    int    `json:"epochs"`
	Running   bool   `json:"running"`
	// Converged says the fit is final before Epochs: fitted at once
	// (Newton, a defended logistic regression) or stopped by L-BFGS.
	Converged bool `json:"converged"`
	// Stepwise says the model trains epoch by epoch (the article's
	// descent, a network), so that a page shows its progress and can
	// pause it; otherwise it is fitted at once.
	Stepwise bool    `json:"stepwise"`
	Loss     float64 `json:"loss"`
	// Progress is the fraction of the training done, for a network on
	// the digits, which steps a minibatch at a time; 0 otherwise.
	Progress float64 `json:"progress,omitempty"`
	// Error says why there is no trained model, e.g. "no points".
	Error string `json:"error,omitempty"`
}

// State returns the current state, with every figure up to date. Above two
// dimensions every point carries a copy of its d coordinates, so the state
// of n points costs n·d numbers: 2×10,000 points at d = 200 are 4 million,
// 32 MB in Go and about 80 MB of JSON; Summary leaves the points out.
func (s *Scene) State() State {
	st := s.Summary()
	st.Points = make([]PointState, len(s.pts.points))
	var coords []float64
	d := 0
	if s.pts.high() {
		coords, d = slices.Clone(s.pts.hd.samples.X), s.pts.hd.samples.Dim
	}
	for i, p := range s.pts.points {
		st.Points[i] = PointState{X: p.X, Y: p.Y, Label: p.Label}
		if d > 0 {
			st.Points[i].Coords = coords[i*d : (i+1)*d : (i+1)*d]
		}
	}
	if r := s.fit.main; r != nil && r.net != nil {
		st.Model.Parameters = r.net.Params(make([]float64, r.net.NumParams()))
	}
	return st
}

// Summary returns the state without the points, which is cheap enough to
// take every frame.
func (s *Scene) Summary() State {
	s.Flush()
	return s.Peek()
}

// Peek is Summary without the Flush: the figures as of the last one.
func (s *Scene) Peek() State {
	st := State{
		Settings: s.settings,
		Metrics:  s.att.figures,
		Perf:     s.perf,
		Training: s.fit.state(s.settings),
		Model:    s.fit.describe(s.settings),
	}
	if s.pts.high() && (s.fit.main == nil || s.fit.main.net == nil) {
		st.Projection = projection(highModel(s.fit.main, s.pts.dim()), s.settings.AttackConfig())
	}
	return st
}

// projection returns the figures of the attack above two dimensions.
func projection(m linear.Model, cfg attack.Config) *ProjectionState {
	eps, ball := cfg.Epsilon, cfg.BallNorm()
	step := m.Step(make([]float64, m.Dim()), 1, eps, ball)
	p := &ProjectionState{Norm1: m.Norm1(), Norm2: m.Norm2(), Reach: m.Reach(eps, ball), SqrtD: math.Sqrt(float64(m.Dim()))}
	var sq float64
	for _, v := range step {
		p.StepLInf = max(p.StepLInf, math.Abs(v))
		sq += v * v
	}
	p.StepL2 = math.Sqrt(sq)
	return p
}

// describe returns the models' description.
func (f *fitting) describe(set Settings) ModelState {
	d := set.Dimension
	if f.err != "" {
		// No model was trained (no points): describe the chosen one, not
		// the zero line that stands in for it.
		return describeRun(nil, set.Model, d)
	}
	m := describeRun(f.main, set.Model, d)
	if f.baseline != nil {
		b := describeRun(f.baseline, set.Model, d)
		m.Baseline = &b
	}
	return m
}

func describeRun(r *run, set ModelSettings, d int) ModelState {
	if r == nil {
		m := ModelState{Kind: set.Kind, Weights: make([]float64, d)}
		if set.Kind == KindMLP {
			m.Hidden, m.Activation = set.HiddenLayers(), string(set.Activation)
		}
		return m
	}
	m := ModelState{Kind: KindLogReg, Separable: r.fit.Separable, L2: r.fit.L2, Params: r.model.NumParams()}
	switch {
	case r.net != nil:
		// The network's parameters are tens of thousands: State carries
		// them (Parameters), the summary does not.
		c := r.net.Config()
		m.Kind, m.Hidden, m.Activation, m.Params = KindMLP, c.Hidden, string(c.Activation), r.net.NumParams()
		m.Weights = make([]float64, d)
		return m
	case r.high != nil:
		w := r.high.Model
		m.Weights, m.Bias, m.L1, m.Params = slices.Clone(w.W), w.B, w.Norm1(), w.Dim()+1
		return m
	case r.linear != nil:
		m.Weights, m.Bias = slices.Clone(r.linear.W[:]), r.linear.B
		m.L1 = r.linear.Norm1()
		return m
	}
	m.Kind, m.Hidden, m.Activation = KindMLP, set.HiddenLayers(), string(set.Activation)
	m.Weights = make([]float64, d)
	m.Parameters = r.model.Params(make([]float64, r.model.NumParams()))
	return m
}

// state returns the training's progress.
func (f *fitting) state(set Settings) TrainingState {
	t := TrainingState{Recipe: set.Recipe, Optimizer: string(set.Optimizer), Running: f.running, Error: f.err}
	if r := f.main; r != nil && f.err == "" {
		t.Method, t.Epoch, t.Epochs, t.Stepwise = r.method, r.epoch(), r.epochs, r.train != nil
		if r.train == nil {
			t.Epochs = t.Epoch
		}
		if r.unitsPerEpoch > 0 {
			// The network on the digits steps a minibatch at a time.
			t.Progress = float64(t.Epoch) / float64(max(t.Epochs, 1))
			t.Epoch, t.Epochs = t.Epoch/r.unitsPerEpoch, t.Epochs/r.unitsPerEpoch
		}
		t.Converged = r.train == nil || r.train.Converged()
		if r.high != nil && r.params == nil {
			t.Converged = r.high.Converged
		}
		t.Loss = r.currentLoss()
	}
	return t
}
