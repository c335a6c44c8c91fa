package scene

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/metrics"
	"advplay/engine/model"
)

// newScene returns the default scene: the small clouds, 2×100 points,
// seed 1, the converged fit, FGSM at ε = 0.3.
func newScene(t testing.TB) *Scene {
	t.Helper()
	s, err := New(DefaultSettings())
	if err != nil {
		t.Fatalf("New(DefaultSettings()): %v", err)
	}
	return s
}

// decode parses a patch from JSON, as the JS bridge would hand it over:
// numbers are float64, objects map[string]any, arrays []any.
func decode(t testing.TB, js string) Patch {
	t.Helper()
	var p Patch
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatalf("bad test patch %s: %v", js, err)
	}
	return p
}

// stateJSON is the scene's State as JavaScript sees it.
func stateJSON(t testing.TB, s *Scene) string {
	t.Helper()
	b, err := json.Marshal(s.State())
	if err != nil {
		t.Fatalf("marshal State: %v", err)
	}
	return string(b)
}

// stateMap is the scene's State decoded into plain JSON values.
func stateMap(t testing.TB, s *Scene) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(stateJSON(t, s)), &m); err != nil {
		t.Fatalf("unmarshal State: %v", err)
	}
	return m
}

// points returns the points of a State as engine points.
func points(st State) []data.Point {
	out := make([]data.Point, len(st.Points))
	for i, p := range st.Points {
		out[i] = data.Point{X: p.X, Y: p.Y, Label: p.Label}
	}
	return out
}

// generate returns a preset's points straight from the engine.
func generate(t testing.TB, preset string, n int, noise float64, seed uint64) []data.Point {
	t.Helper()
	pts, err := data.Generate(preset, n, noise, seed)
	if err != nil {
		t.Fatalf("data.Generate(%s, %d, %v, %d): %v", preset, n, noise, seed, err)
	}
	return pts
}

// attackConfig builds the engine's attack configuration from the settings
// a State reports.
func attackConfig(st State, eps float64) attack.Config {
	return attack.Config{
		Method:      st.Attack.Method,
		Epsilon:     eps,
		Steps:       st.Attack.Steps,
		StepSize:    st.Attack.StepSize,
		Norm:        st.Attack.Norm,
		RandomStart: st.Attack.RandomStart,
		Seed:        st.Seed,
	}
}

// expected holds figures computed with the engine alone.
type expected struct {
	model       model.Linear
	clean, adv  float64
	flipped     int
	hasModel    bool
	separable   bool
	adversarial []data.Point
}

// independent computes what a State's figures must be for the converged
// recipe, from its points and settings alone: logreg.Fit from scratch,
// attack.Apply and metrics.ErrorRate.
func independent(t testing.TB, st State) expected {
	t.Helper()
	pts := points(st)
	if len(pts) == 0 {
		return expected{}
	}
	res, err := logreg.Fit(pts, logreg.FitOptions{})
	if err != nil {
		t.Fatalf("logreg.Fit: %v", err)
	}
	m := res.Model
	adv, err := attack.Apply(&m, pts, attackConfig(st, st.Epsilon))
	if err != nil {
		t.Fatalf("attack.Apply: %v", err)
	}
	e := expected{model: m, hasModel: true, separable: res.Separable, adversarial: adv}
	e.clean = metrics.ErrorRate(&m, pts)
	e.adv = metrics.ErrorRate(&m, adv)
	for i, p := range pts {
		if model.Predict(&m, p.Vec()) == p.Label && model.Predict(&m, adv[i].Vec()) != p.Label {
			e.flipped++
		}
	}
	return e
}

// checkFigures compares a converged scene's State with independent.
func checkFigures(t *testing.T, what string, st State) {
	t.Helper()
	e := independent(t, st)
	if st.Metrics.N != len(st.Points) {
		t.Errorf("%s: metrics.n = %d, %d points", what, st.Metrics.N, len(st.Points))
	}
	if !e.hasModel {
		if st.Metrics.CleanError != 0 || st.Metrics.AdversarialError != 0 || st.Training.Error == "" {
			t.Errorf("%s: no points, but metrics %+v, training %+v", what, st.Metrics, st.Training)
		}
		return
	}
	// Every fit starts afresh, so the scene's weights are the independent
	// fit's, bit for bit, however the scene was reached.
	if [2]float64(st.Model.Weights) != e.model.W || st.Model.Bias != e.model.B {
		t.Errorf("%s: w %v b %v, an independent fit gives w %v b %v", what, st.Model.Weights, st.Model.Bias, e.model.W, e.model.B)
	}
	if st.Model.Separable != e.separable {
		t.Errorf("%s: separable %v, independent %v", what, st.Model.Separable, e.separable)
	}
	if st.Metrics.CleanError != e.clean || st.Metrics.AdversarialError != e.adv || st.Metrics.Flipped != e.flipped {
		t.Errorf("%s: metrics %+v, independent clean %v adversarial %v flipped %d",
			what, st.Metrics, e.clean, e.adv, e.flipped)
	}
}

// approx reports whether a and b agree to a relative tolerance tol (absolute
// below 1).
func approx(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// zeroWeights reports whether every weight of a model state is zero.
func zeroWeights(m ModelState) bool {
	return !slices.ContainsFunc(m.Weights, func(v float64) bool { return v != 0 })
}

// mustClear removes every point, as the page's Clear button does.
func mustClear(t testing.TB, s *Scene) {
	t.Helper()
	if err := s.Apply(Patch{"preset": "empty"}); err != nil {
		t.Fatalf("clear: %v", err)
	}
}

// mustReset regenerates the preset's points, as the page's Reset button
// does.
func mustReset(t testing.TB, s *Scene) {
	t.Helper()
	if err := s.Apply(Patch{"preset": s.Settings().Preset}); err != nil {
		t.Fatalf("reset: %v", err)
	}
}

// setPoints replaces the points with a custom set in the plane.
func setPoints(s *Scene, points []data.Point) error {
	samples := data.Samples{Dim: 2}
	for _, p := range points {
		samples.X = append(samples.X, p.X, p.Y)
		samples.Labels = append(samples.Labels, uint8(p.Label))
	}
	return s.SetSamples(samples)
}

// linearOf returns the scene's logistic regression in the plane.
func planeLinear(s *Scene) (w [2]float64, b float64, ok bool) {
	if l := s.View().Linear; l != nil {
		return l.W, l.B, true
	}
	return w, b, false
}

// figures is the scene's state without the timings, which differ from run
// to run.
func figures(t testing.TB, s *Scene) string {
	t.Helper()
	return figuresOf(t, s.State())
}

// figuresOf is a state's JSON without the timings.
func figuresOf(t testing.TB, st State) string {
	t.Helper()
	st.Perf = Perf{}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// versionsOf returns the counters of the points, the model and the attack.
func versionsOf(s *Scene) (points, model, attack int) {
	v := s.View().Versions
	return v.Points, v.Model, v.Attack
}
