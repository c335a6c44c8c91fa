package scene

import (
	"math"

	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/metrics"
	"advplay/engine/model"
	"advplay/engine/theory"
)

// State is the JSON-able snapshot that advplay.state() returns.
type State struct {
	Settings
	Points   []PointState  `json:"points"`
	Model    ModelState    `json:"model"`
	Training TrainingState `json:"training"`
	Metrics  Metrics       `json:"metrics"`
	Perf     Perf          `json:"perf"`
}

// PointState is a point as JavaScript sees it.
type PointState struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Label int     `json:"label"`
}

// ModelState describes the trained model.
type ModelState struct {
	Kind    string     `json:"kind"`
	Weights [2]float64 `json:"weights"`
	Bias    float64    `json:"bias"`
	// Separable reports that the converged fit found separable data and
	// applied the penalty L2 (see logreg.Fit).
	Separable bool    `json:"separable"`
	L2        float64 `json:"l2"`
}

// TrainingState describes the training.
type TrainingState struct {
	Recipe  string  `json:"recipe"`
	Epoch   int     `json:"epoch"`
	Epochs  int     `json:"epochs"`
	Running bool    `json:"running"`
	Loss    float64 `json:"loss"`
	// Error says why there is no trained model, e.g. "no points".
	Error string `json:"error,omitempty"`
}

// State returns the current state, with every figure up to date.
func (s *Scene) State() State {
	st := s.Summary()
	st.Points = make([]PointState, len(s.points))
	for i, p := range s.points {
		st.Points[i] = PointState{p.X, p.Y, p.Label}
	}
	return st
}

// Summary returns the state without the points, which is cheap enough to
// take every frame.
func (s *Scene) Summary() State {
	s.Flush()
	return State{
		Settings: s.settings,
		Metrics:  s.figures,
		Perf:     s.perf,
		Training: s.TrainingState(),
		Model:    s.ModelState(),
	}
}

// ModelState describes the current model.
func (s *Scene) ModelState() ModelState {
	s.Flush()
	m := ModelState{Kind: "logreg", Separable: s.fit.Separable, L2: s.fit.L2}
	if s.linear != nil {
		m.Weights, m.Bias = s.linear.W, s.linear.B
	}
	return m
}

// TrainingState returns the training's progress.
func (s *Scene) TrainingState() TrainingState {
	s.Flush()
	t := TrainingState{Recipe: s.settings.Recipe, Running: s.running, Error: s.trainErr}
	if s.article != nil {
		t.Epoch, t.Epochs = s.article.Epoch(), s.article.Epochs
	} else if s.trainErr == "" {
		t.Epoch, t.Epochs = s.fit.Iterations, s.fit.Iterations
	}
	if s.settings.Recipe == RecipeArticle && s.article == nil {
		t.Epochs = logreg.ArticleEpochs
	}
	if s.trainErr == "" {
		t.Loss = s.Loss()
	}
	return t
}

// Metrics returns the current error figures.
func (s *Scene) Metrics() Metrics {
	s.Flush()
	return s.figures
}

// Curve is a series of the error-against-ε chart.
type Curve struct {
	Name   string               `json:"name"`
	Points []metrics.CurvePoint `json:"points"`
}

// CurveSteps is the number of intervals of the chart's ε grid.
const CurveSteps = 100

// Curves returns the series of the error-against-ε chart on [0, MaxEpsilon]:
// "clean" (flat), "attack" (the exact curve of the linear model under the
// current attack) and, when the points come from a clouds preset, "theory"
// (the closed form for the current boundary on the clouds' distribution;
// edits change the sample, not the distribution).
func (s *Scene) Curves() []Curve {
	s.Flush()
	grid := metrics.Grid(MaxEpsilon, CurveSteps)
	clean := make([]metrics.CurvePoint, len(grid))
	for i, e := range grid {
		clean[i] = metrics.CurvePoint{Epsilon: e, Error: s.figures.CleanError}
	}
	out := []Curve{{Name: "clean", Points: clean}}
	if s.exact != nil {
		out = append(out, Curve{Name: "attack", Points: s.exact.Curve(grid)})
	}
	if s.linear != nil && s.isClouds() {
		th := make([]metrics.CurvePoint, len(grid))
		ball := s.settings.attackConfig().BallNorm()
		for i, e := range grid {
			th[i] = metrics.CurvePoint{Epsilon: e, Error: theory.CloudsError(*s.linear, s.settings.Noise, e, ball)}
		}
		out = append(out, Curve{Name: "theory", Points: th})
	}
	return out
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

// View data for drawing.

// Adversarial returns the attacked points, parallel to Points.
func (s *Scene) Adversarial() []data.Point { s.Flush(); return s.adv }

// Flipped reports, parallel to Points, which points the attack flipped:
// classified correctly before and wrongly after.
func (s *Scene) Flipped() []bool { s.Flush(); return s.flipped }

// Linear returns the model if it is logistic regression.
func (s *Scene) Linear() (w [2]float64, b float64, ok bool) {
	s.Flush()
	if s.linear == nil {
		return w, b, false
	}
	return s.linear.W, s.linear.B, true
}

// Versions returns counters that change whenever the points, the model or
// the attacked points change.
func (s *Scene) Versions() (points, model, attack int) {
	s.Flush()
	return s.pointsVersion, s.modelVersion, s.attackVersion
}

// PresetVersion returns a counter that changes whenever the points are
// regenerated or replaced wholesale, when a view should fit them again.
func (s *Scene) PresetVersion() int { return s.presetVersion }

// Model returns the current model.
func (s *Scene) Model() model.Model { s.Flush(); return s.model }

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

// Info returns the hover details of point i. It panics if i is out of range.
func (s *Scene) Info(i int) PointInfo {
	s.Flush()
	p := s.points[i]
	z := s.model.Logit(p.Vec())
	info := PointInfo{Grad: s.model.InputGrad(p.Vec(), p.Target()), Margin: z, MinFlip: math.NaN(), Flipped: s.flipped[i]}
	if p.Label == 0 {
		info.Margin = -z
	}
	if s.linear != nil {
		info.MinFlip = metrics.MinFlipEpsilon(*s.linear, p, s.settings.attackConfig().BallNorm())
	}
	return info
}
