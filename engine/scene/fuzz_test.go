package scene

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"advplay/engine/advtrain"
	"advplay/engine/article"
	"advplay/engine/data"
)

// FuzzApply feeds JSON patches to Apply on the default scene. Properties:
//
//   - Apply never panics, and an error has a message.
//   - A refused patch changes nothing: the state's JSON, the edits,
//     whether a training runs and the version counters are what they were,
//     byte for byte.
//   - An accepted patch leaves a valid scene (checkValid) whose training
//     state is what its settings call for, whatever the recipe, model,
//     optimizer and defense (checkTraining).
//   - The accepted scene restores from its settings and edits (Restore, as
//     package share does from a link) to the same settings, points, state
//     and edits; Restore runs Apply on every setting, so this also proves
//     the settings valid.
//   - Tick, Curves and Info keep working, and a few epochs leave the
//     training consistent.
//
// The seed corpus is in testdata/fuzz/FuzzApply.
func FuzzApply(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		var p map[string]any
		if err := json.Unmarshal(b, &p); err != nil || p == nil {
			return // not a JSON object
		}
		s := newScene(t)
		before := snapshot(t, s)
		if err := s.Apply(p); err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			if after := snapshot(t, s); after != before {
				t.Fatalf("Apply(%s) = %q changed the scene:\nbefore %+v\nafter  %+v", b, err, before, after)
			}
			return
		}
		paused := false
		if tr, ok := p["training"].(map[string]any); ok {
			paused = tr["running"] == false
		}
		st := s.State()
		if err := checkValid(st); err != nil {
			t.Fatalf("Apply(%s): %v", b, err)
		}
		if err := checkTraining(st, paused); err != nil {
			t.Fatalf("Apply(%s): %v", b, err)
		}
		checkRoundTrip(t, s)

		if cheap(st) {
			s.Tick(3)
			st = s.State()
			if err := checkValid(st); err != nil {
				t.Fatalf("Apply(%s), Tick(3): %v", b, err)
			}
			if err := checkTicked(st, paused, 3); err != nil {
				t.Fatalf("Apply(%s), Tick(3): %v", b, err)
			}
			s.Chart().Full()
		}
		if n := len(st.Points); n > 0 {
			info := s.Info(n - 1)
			if !finite(info.Margin, info.Grad[0], info.Grad[1]) {
				t.Fatalf("Apply(%s): Info(%d) = %+v", b, n-1, info)
			}
		}
	})
}

// sceneSnapshot is everything a refused patch must leave as it was.
type sceneSnapshot struct {
	state, edits                  string
	running                       bool
	points, model, attack, preset int
}

func snapshot(t testing.TB, s *Scene) sceneSnapshot {
	t.Helper()
	s.Flush() // a fresh scene trains at its first Flush
	edits, err := json.Marshal(s.Edits())
	if err != nil {
		t.Fatal(err)
	}
	vs := s.View().Versions
	return sceneSnapshot{state: stateJSON(t, s), edits: string(edits), running: s.Running(),
		points: vs.Points, model: vs.Model, attack: vs.Attack, preset: vs.Preset}
}

// cheap reports whether a few epochs and the whole chart cost little
// enough to run on every fuzz input: always for logistic regression,
// whose curves are read off the sorted margins, and for the MLP up to
// 2,000 points (its chart attacks every point at 21 values of ε, with up
// to 100 PGD steps each).
func cheap(st State) bool {
	return st.Model.Kind == KindLogReg || len(st.Points) <= 2000
}

func finite(v ...float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// checkValid checks what holds of every state: at most MaxPoints points,
// each finite, within ±MaxCoordinate and labelled 0 or 1, with d
// coordinates above two dimensions, at most data.MaxCoordinates in all, and
// d weights; error rates in
// [0, 1] and a count of flipped points in [0, n]; a finite model of the
// kind the settings choose; and no −0 anywhere in its JSON, which the page
// would print as "-0.00".
func checkValid(st State) error {
	if !(st.Epsilon >= 0 && st.Epsilon <= MaxEpsilon) {
		return fmt.Errorf("ε = %v", st.Epsilon)
	}
	if len(st.Points) > MaxPoints || st.Metrics.N != len(st.Points) {
		return fmt.Errorf("%d points, metrics.n %d", len(st.Points), st.Metrics.N)
	}
	for i, q := range st.Points {
		if !(math.Abs(q.X) <= MaxCoordinate && math.Abs(q.Y) <= MaxCoordinate) || q.Label != 0 && q.Label != 1 {
			return fmt.Errorf("point %d = %+v", i, q)
		}
		// Above two dimensions each point carries its d coordinates.
		if d := st.Dimension; d > MinDimension && len(q.Coords) != d || d == MinDimension && q.Coords != nil {
			return fmt.Errorf("point %d has %d coordinates in %d dimensions", i, len(q.Coords), d)
		}
	}
	if st.Dimension < MinDimension || st.Dimension > MaxDimension || len(st.Points)*st.Dimension > data.MaxCoordinates {
		return fmt.Errorf("%d points in %d dimensions", len(st.Points), st.Dimension)
	}
	m := st.Metrics
	if !(m.CleanError >= 0 && m.CleanError <= 1 && m.AdversarialError >= 0 && m.AdversarialError <= 1) ||
		m.Flipped < 0 || m.Flipped > m.N {
		return fmt.Errorf("metrics %+v", m)
	}
	models := []*ModelState{&st.Model}
	if st.Model.Baseline != nil {
		models = append(models, st.Model.Baseline)
	}
	for _, ms := range models {
		if len(ms.Weights) != st.Dimension || !finite(ms.Weights...) || !finite(ms.Bias, ms.L1, ms.L2) || !finite(st.Training.Loss) {
			return fmt.Errorf("model %+v, training %+v", ms, st.Training)
		}
		set := st.Settings.Model
		if ms.Kind != set.Kind {
			return fmt.Errorf("model.kind %q, the settings choose %q", ms.Kind, set.Kind)
		}
		if ms.Kind != KindMLP {
			continue
		}
		if !slices.Equal(ms.Hidden, set.HiddenLayers()) || ms.Activation != string(set.Activation) {
			return fmt.Errorf("model %+v, the settings choose %+v", ms, set)
		}
		// Each layer has a weight per input and output and a bias per
		// output: Σ (inputs+1)·outputs from 2 inputs to 1 output.
		params, in := 0, 2
		for _, n := range append(set.HiddenLayers(), 1) {
			params, in = params+(in+1)*n, n
		}
		if ms.Params != params && st.Training.Error == "" {
			return fmt.Errorf("model.params %d, a %s has %d", ms.Params, set.Name(), params)
		}
	}
	// The points' numbers are checked for −0 here, the rest of the state
	// in its JSON: a JSON of millions of coordinates (2×2551 glyphs of 784
	// pixels) would take seconds, and the fuzzer gives an input 10.
	for i, q := range st.Points {
		if math.Signbit(q.X) && q.X == 0 || math.Signbit(q.Y) && q.Y == 0 || slices.ContainsFunc(q.Coords, func(v float64) bool { return v == 0 && math.Signbit(v) }) {
			return fmt.Errorf("state.points[%d] has a −0", i)
		}
	}
	st.Points = nil
	js, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("state does not marshal: %v", err)
	}
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		return fmt.Errorf("state's JSON does not parse: %v", err)
	}
	if path := negativeZero(v, "state"); path != "" {
		return fmt.Errorf("%s is −0", path)
	}
	return nil
}

// negativeZero returns the path of the first −0 in a decoded JSON value,
// or "".
func negativeZero(v any, path string) string {
	switch v := v.(type) {
	case float64:
		if v == 0 && math.Signbit(v) {
			return path
		}
	case []any:
		for i, x := range v {
			if p := negativeZero(x, fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	case map[string]any:
		for k, x := range v {
			if p := negativeZero(x, path+"."+k); p != "" {
				return p
			}
		}
	}
	return ""
}

// stepwise reports whether the settings train a model epoch by epoch (the
// MLP, or the article's descent when no defense asks for a converged fit)
// and which method the training state then names.
func stepwise(set Settings) (bool, string) {
	switch {
	case set.Dimension > MinDimension:
		return false, "lbfgs" // linear.Fit in d + 1 parameters, at once
	case set.Model.Kind == KindMLP:
		return true, string(set.Optimizer)
	case set.Defense.Method != advtrain.None:
		return false, "lbfgs" // the closed-form adversarial loss, fitted at once
	case set.Recipe == RecipeArticle:
		return true, RecipeArticle
	}
	return false, "newton"
}

// checkTraining checks the training state right after a patch to the
// default scene, which is fitted at once: any step-wise training the patch
// started is at epoch 0, running unless the patch paused it.
func checkTraining(st State, paused bool) error {
	tr, set := st.Training, st.Settings
	if tr.Recipe != set.Recipe || tr.Optimizer != string(set.Optimizer) {
		return fmt.Errorf("training %+v, settings recipe %q, optimizer %q", tr, set.Recipe, set.Optimizer)
	}
	if len(st.Points) == 0 {
		if tr.Error == "" || tr.Method != "" || tr.Running || tr.Epoch != 0 || st.Model.Baseline != nil ||
			!zeroWeights(st.Model) || st.Model.Bias != 0 || st.Metrics != (Metrics{}) {
			return fmt.Errorf("no points, but training %+v, model %+v, metrics %+v", tr, st.Model, st.Metrics)
		}
		return nil
	}
	if tr.Error != "" {
		return fmt.Errorf("%d points and valid settings, but training error %q", len(st.Points), tr.Error)
	}
	if defended := set.Defense.Method != advtrain.None; defended != (st.Model.Baseline != nil) {
		return fmt.Errorf("defense %q, baseline %+v", set.Defense.Method, st.Model.Baseline)
	}
	steps, method := stepwise(set)
	if tr.Method != method {
		return fmt.Errorf("training method %q, the settings call for %q", tr.Method, method)
	}
	if !steps {
		if tr.Running || !tr.Converged || tr.Epoch != tr.Epochs {
			return fmt.Errorf("fitted at once, but training %+v", tr)
		}
		return nil
	}
	epochs := set.Epochs
	if method == RecipeArticle {
		epochs = article.Epochs
	}
	if tr.Epoch != 0 || tr.Epochs != epochs || tr.Converged || tr.Running == paused {
		return fmt.Errorf("step-wise training just started (paused %v), but %+v; want %d epochs to go", paused, tr, epochs)
	}
	if method == RecipeArticle && (!zeroWeights(st.Model) || st.Model.Bias != 0) {
		return fmt.Errorf("the article's descent starts from zero weights, not %+v", st.Model)
	}
	return nil
}

// checkTicked checks the training after Tick(k) on a scene that checkTraining
// accepted: a paused or finished training did not move; a running one did
// k epochs, or fewer only if it stopped (L-BFGS converged, or the trainer
// gave up on a diverging objective). The article's descent never stops
// early.
func checkTicked(st State, paused bool, k int) error {
	tr := st.Training
	steps, method := stepwise(st.Settings)
	switch {
	case !steps || len(st.Points) == 0:
		if tr.Running || tr.Epoch != tr.Epochs {
			return fmt.Errorf("Tick(%d) on a fit done at once: %+v", k, tr)
		}
		return nil
	case paused:
		if tr.Running || tr.Epoch != 0 {
			return fmt.Errorf("Tick(%d) moved a paused training: %+v", k, tr)
		}
		return nil
	}
	want := min(k, tr.Epochs)
	switch {
	case tr.Epoch > want:
		return fmt.Errorf("Tick(%d) did %d epochs", k, tr.Epoch)
	case tr.Running && tr.Epoch >= tr.Epochs:
		return fmt.Errorf("running at epoch %d of %d", tr.Epoch, tr.Epochs)
	case tr.Epoch < want && (tr.Running || method == RecipeArticle):
		return fmt.Errorf("Tick(%d) did %d epochs but did not stop: %+v", k, tr.Epoch, tr)
	}
	return nil
}

// checkRoundTrip checks that s restores from its settings and edits, as
// package share restores it from its link (whose tests check the bytes),
// to the same scene, with the same edits. A restored training runs; if
// s's is paused, so is the copy's before the states are compared.
func checkRoundTrip(t *testing.T, s *Scene) {
	t.Helper()
	d := restore(t, s)
	if d.Settings() != s.Settings() || !slices.Equal(d.View().Points, s.View().Points) {
		t.Fatalf("restored settings %+v, want %+v (or the points differ)", d.Settings(), s.Settings())
	}
	if !s.Running() {
		d.fit.setRunning(false)
	}
	// The state is its summary and its points (sameState).
	if got, want := summaryFigures(t, d), summaryFigures(t, s); got != want || !sameState(d.State(), s.State()) {
		t.Fatalf("restored state differs:\n%s\n%s", got, want)
	}
	a, _ := json.Marshal(s.Edits())
	b, _ := json.Marshal(d.Edits())
	if string(a) != string(b) {
		t.Fatalf("restored edits differ:\n%s\n%s", b, a)
	}
}

// restore returns the scene that s's settings and edits describe, through
// Restore, as package share decodes a link: the fields of link record 2
// only above two dimensions or with another chart, and the dimension of
// imported points with their edits.
func restore(t testing.TB, s *Scene) *Scene {
	t.Helper()
	set := s.Settings()
	extended := set.Dimension != MinDimension || set.Chart.Mode != ChartEpsilon
	p := Patch{}
	for i := range Fields {
		f := &Fields[i]
		if f.Link == 2 && !extended {
			continue
		}
		head, key, nested := strings.Cut(f.Path, ".")
		if !nested {
			p[head] = f.Get(&set)
			continue
		}
		m, ok := p[head].(Patch)
		if !ok {
			m = Patch{}
			p[head] = m
		}
		m[key] = f.Get(&set)
	}
	if set.Preset == "empty" {
		delete(p, "dimension")
	}
	e := s.Edits()
	d, err := Restore(p, func(int, int) (Edits, error) { return e, nil })
	if err != nil {
		t.Fatalf("%+v: does not restore: %v", set, err)
	}
	return d
}

// summaryFigures is figures without the points: the summary's JSON.
func summaryFigures(t testing.TB, s *Scene) string {
	t.Helper()
	return figuresOf(t, s.Summary())
}

// sameState reports whether two states have the same points, bit for bit,
// coordinates in d dimensions included.
func sameState(a, b State) bool {
	return slices.EqualFunc(a.Points, b.Points, func(p, q PointState) bool {
		return sameBits(p.X, q.X) && sameBits(p.Y, q.Y) && p.Label == q.Label && slices.EqualFunc(p.Coords, q.Coords, sameBits)
	})
}
