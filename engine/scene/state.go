package scene

import (
	"math"
	"slices"

	"advplay/engine/data"
	"advplay/engine/metrics"
	"advplay/engine/model"
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
	Converged bool    `json:"converged"`
	Loss      float64 `json:"loss"`
	// Error says why there is no trained model, e.g. "no points".
	Error string `json:"error,omitempty"`
}

// State returns the current state, with every figure up to date. Above two
// dimensions every point carries a copy of its d coordinates, so the state
// of n points costs n·d numbers: 2×10,000 points at d = 200 are 4 million,
// 32 MB in Go and about 80 MB of JSON; Summary leaves the points out.
func (s *Scene) State() State {
	st := s.Summary()
	st.Points = make([]PointState, len(s.points))
	var coords []float64
	d := 0
	if s.high() {
		coords, d = slices.Clone(s.hd.samples.X), s.hd.samples.Dim
	}
	for i, p := range s.points {
		st.Points[i] = PointState{X: p.X, Y: p.Y, Label: p.Label}
		if d > 0 {
			st.Points[i].Coords = coords[i*d : (i+1)*d : (i+1)*d]
		}
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
	return State{
		Settings:   s.settings,
		Metrics:    s.figures,
		Perf:       s.perf,
		Training:   s.TrainingState(),
		Model:      s.ModelState(),
		Projection: s.projection(),
	}
}

// projection returns the figures of the attack above two dimensions.
func (s *Scene) projection() *ProjectionState {
	if !s.high() {
		return nil
	}
	m := s.highModel()
	eps, ball := s.settings.Epsilon, s.highBall()
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

// ModelState describes the current model.
func (s *Scene) ModelState() ModelState {
	d := s.settings.Dimension
	if s.trainErr != "" {
		// No model was trained (no points): describe the chosen one, not
		// the zero line that stands in for it.
		return describeRun(nil, s.settings.Model, d)
	}
	m := describeRun(s.main, s.settings.Model, d)
	if s.baseline != nil {
		b := describeRun(s.baseline, s.settings.Model, d)
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

// TrainingState returns the training's progress.
func (s *Scene) TrainingState() TrainingState {
	t := TrainingState{Recipe: s.settings.Recipe, Optimizer: string(s.settings.Optimizer), Running: s.running, Error: s.trainErr}
	if r := s.main; r != nil && s.trainErr == "" {
		t.Method, t.Epoch, t.Epochs = r.method, r.epoch(), r.epochs
		if r.train == nil {
			t.Epochs = t.Epoch
		}
		t.Converged = r.train == nil || r.train.Converged()
		if r.high != nil {
			t.Converged = r.high.Converged
		}
		t.Loss = r.currentLoss()
	}
	return t
}

// Metrics returns the current error figures.
func (s *Scene) Metrics() Metrics {
	return s.figures
}

// isClouds reports whether the points are a clouds preset, so that the
// closed-form theory applies. Edits are allowed: the theory describes the
// distribution, not the sample.
func (s *Scene) isClouds() bool {
	switch s.settings.Preset {
	case "article", "small":
		return true
	}
	return false
}

// The accessors below serve the view. Unlike State and Summary they do
// not flush: they return the figures as of the last Flush, so that a view
// can re-attack less often than it trains (see AttackStale).

// Adversarial returns the attacked points, parallel to Points.
func (s *Scene) Adversarial() []data.Point { return s.adv }

// Flipped reports, parallel to Points, which points the attack flipped:
// classified correctly before and wrongly after.
func (s *Scene) Flipped() []bool { return s.flipped }

// Linear returns the model if it is logistic regression; above two
// dimensions, its equivalent in the plane, w = (‖w‖₂, 0) (see Points).
func (s *Scene) Linear() (w [2]float64, b float64, ok bool) {
	if s.linear == nil {
		return w, b, false
	}
	return s.linear.W, s.linear.B, true
}

// Versions returns counters that change whenever the points, the model or
// the attacked points change.
func (s *Scene) Versions() (points, model, attack int) {
	return s.pointsVersion, s.modelVersion, s.attackVersion
}

// PresetVersion returns a counter that changes whenever the points are
// regenerated or replaced wholesale, when a view should fit them again.
func (s *Scene) PresetVersion() int { return s.presetVersion }

// Model returns the current model; above two dimensions, its equivalent
// in the plane (see Linear).
func (s *Scene) Model() model.Model { return s.model }

// PointInfo describes one point for the hover tooltip.
type PointInfo struct {
	// Grad is ∇ₓJ at the point; the attack moves along its sign.
	Grad [2]float64
	// Margin is the signed margin (2y−1)·z, positive when correct.
	Margin float64
	// MinFlip is the smallest ε that flips the point under the current
	// attack's ball, for a linear model; NaN otherwise.
	MinFlip float64
	Flipped bool
}

// Info returns the hover details of point i. It panics if i is out of
// range. Above two dimensions Grad is ∇ₓJ = (σ(z) − y)·w seen in the plane,
// (σ(z) − y)·(‖w‖₂, 0), and Margin and MinFlip are those in d dimensions.
func (s *Scene) Info(i int) PointInfo {
	if s.high() {
		return s.infoHigh(i)
	}
	p := s.points[i]
	z := s.model.Logit(p.Vec())
	info := PointInfo{Grad: s.model.InputGrad(p.Vec(), p.Target()), Margin: z, MinFlip: math.NaN()}
	if i < len(s.flipped) {
		info.Flipped = s.flipped[i]
	}
	if p.Label == 0 {
		info.Margin = -z
	}
	if s.linear != nil {
		info.MinFlip = metrics.MinFlipEpsilon(*s.linear, p, s.settings.AttackConfig().BallNorm())
	}
	return info
}
