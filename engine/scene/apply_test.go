package scene

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"advplay/engine/article"
	"advplay/engine/attack"
	"advplay/engine/data"
)

// TestApplySettable applies each settable field and checks the state that
// results, with every figure recomputed from the engine.
func TestApplySettable(t *testing.T) {
	cases := []struct {
		patch string
		check func(t *testing.T, before, after State)
	}{
		{`{"epsilon": 0.2}`, func(t *testing.T, b, a State) { eq(t, "epsilon", a.Epsilon, 0.2) }},
		{`{"epsilon": 0}`, func(t *testing.T, b, a State) { eq(t, "epsilon", a.Epsilon, 0.0) }},
		{`{"epsilon": 1}`, func(t *testing.T, b, a State) { eq(t, "epsilon", a.Epsilon, 1.0) }},
		{`{"attack": {"method": "pgd"}}`, func(t *testing.T, b, a State) { eq(t, "attack.method", a.Attack.Method, attack.PGD) }},
		{`{"attack": {"method": "fgm"}}`, func(t *testing.T, b, a State) { eq(t, "attack.method", a.Attack.Method, attack.FGM) }},
		{`{"attack": {"method": "fgsm"}}`, func(t *testing.T, b, a State) { eq(t, "attack.method", a.Attack.Method, attack.FGSM) }},
		{`{"attack": {"method": "pgd", "steps": 25, "stepSize": 0.05, "norm": "l2", "randomStart": false}}`, func(t *testing.T, b, a State) {
			want := AttackSettings{Method: attack.PGD, Steps: 25, StepSize: 0.05, Norm: attack.L2, RandomStart: false}
			eq(t, "attack", a.Attack, want)
		}},
		{`{"attack": {}}`, func(t *testing.T, b, a State) { eq(t, "attack", a.Attack, b.Attack) }},
		{`{"training": {"recipe": "article"}}`, func(t *testing.T, b, a State) {
			eq(t, "training", a.Training.Recipe+" "+str(a.Training.Running), "article true")
			eq(t, "training.epoch", a.Training.Epoch, 0)
			eq(t, "training.epochs", a.Training.Epochs, article.Epochs)
		}},
		{`{"training": {"recipe": "converged"}}`, func(t *testing.T, b, a State) {
			eq(t, "training.recipe", a.Training.Recipe, "converged")
			eq(t, "training.running", a.Training.Running, false)
		}},
		{`{"model": {"kind": "logreg"}}`, func(t *testing.T, b, a State) { eq(t, "model.kind", a.Model.Kind, "logreg") }},
		{`{"preset": "article", "seed": 3}`, func(t *testing.T, b, a State) {
			eq(t, "preset", a.Preset, "article")
			eq(t, "seed", a.Seed, uint64(3))
			eq(t, "n", a.N, data.ArticlePerClass)
			eqPoints(t, points(a), generate(t, "article", article.PerClass, article.Sigma, 3))
		}},
		{`{"preset": "moons"}`, func(t *testing.T, b, a State) {
			eq(t, "n", a.N, data.ShapesPerClass)
			eq(t, "noise", a.Noise, data.MoonsNoise)
			eqPoints(t, points(a), generate(t, "moons", data.ShapesPerClass, data.MoonsNoise, 1))
		}},
		{`{"preset": "empty"}`, func(t *testing.T, b, a State) { eq(t, "points", len(a.Points), 0) }},
		{`{"seed": 7}`, func(t *testing.T, b, a State) { eqPoints(t, points(a), generate(t, "small", 100, article.Sigma, 7)) }},
		{`{"seed": 9007199254740991}`, func(t *testing.T, b, a State) { eq(t, "seed", a.Seed, uint64(1<<53-1)) }},
		{`{"n": 5}`, func(t *testing.T, b, a State) { eqPoints(t, points(a), generate(t, "small", 5, article.Sigma, 1)) }},
		{`{"n": 0}`, func(t *testing.T, b, a State) { eq(t, "points", len(a.Points), 0) }},
		{`{"preset": "small", "n": 25000}`, func(t *testing.T, b, a State) { eq(t, "points", len(a.Points), MaxPoints) }},
		{`{"noise": 1.25}`, func(t *testing.T, b, a State) { eqPoints(t, points(a), generate(t, "small", 100, 1.25, 1)) }},
		{`{"noise": 0}`, func(t *testing.T, b, a State) { eqPoints(t, points(a), generate(t, "small", 100, 0, 1)) }},
		{`{"preset": "xor", "n": 20, "noise": 0.1, "seed": 5}`, func(t *testing.T, b, a State) {
			eqPoints(t, points(a), generate(t, "xor", 20, 0.1, 5))
		}},
		{`{"show": {"arrows": false, "shading": false, "chart": false, "theory": false, "controls": "minimal"}}`, func(t *testing.T, b, a State) {
			eq(t, "show", a.Show, Show{Controls: "minimal"})
		}},
		{`{"show": {"controls": "none"}}`, func(t *testing.T, b, a State) { eq(t, "show.controls", a.Show.Controls, "none") }},
		{`{"class": 1}`, func(t *testing.T, b, a State) { eq(t, "class", a.Class, 1) }},
		{`{"class": "blue"}`, func(t *testing.T, b, a State) { eq(t, "class", a.Class, 1) }},
		{`{"class": "red"}`, func(t *testing.T, b, a State) { eq(t, "class", a.Class, 0) }},
		{`{"mode": "remove"}`, func(t *testing.T, b, a State) { eq(t, "mode", a.Mode, ModeRemove) }},
		{`{"points": [{"x": 0.5, "y": -1.25, "label": 0}, {"x": 2, "y": 3, "label": "blue"}, {"x": 1.00004, "y": -0.00001, "label": 1}]}`, func(t *testing.T, b, a State) {
			eq(t, "preset", a.Preset, "empty")
			// Snapped to the 1e-4 grid: 1.00004 → 1, −0.00001 → 0.
			eqPoints(t, points(a), []data.Point{{X: 0.5, Y: -1.25, Label: 0}, {X: 2, Y: 3, Label: 1}, {X: 1, Y: 0, Label: 1}})
		}},
		{`{"points": []}`, func(t *testing.T, b, a State) { eq(t, "points", len(a.Points), 0) }},
		{`{}`, func(t *testing.T, b, a State) { eq(t, "state", a.Epsilon, b.Epsilon) }},
	}
	for _, c := range cases {
		t.Run(c.patch, func(t *testing.T) {
			s := newScene(t)
			before := s.State()
			if err := s.Apply(decode(t, c.patch)); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			after := s.State()
			c.check(t, before, after)
			if after.Training.Recipe == RecipeConverged {
				checkFigures(t, c.patch, after)
			}
		})
	}
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %+v, want %+v", what, got, want)
	}
}

func str(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func eqPoints(t *testing.T, got, want []data.Point) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d points, want %d", len(got), len(want))
	}
	for i := range got {
		w := data.Point{X: Quantize(want[i].X), Y: Quantize(want[i].Y), Label: want[i].Label}
		if got[i] != want[i] && got[i] != w {
			t.Fatalf("point %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestApplyKeepsUnpatched checks that a patch changes only what it names.
func TestApplyKeepsUnpatched(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"attack": {"method": "pgd", "steps": 20}}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(decode(t, `{"attack": {"norm": "l2"}}`)); err != nil {
		t.Fatal(err)
	}
	st := s.State()
	if st.Attack.Method != attack.PGD || st.Attack.Steps != 20 || st.Attack.Norm != attack.L2 {
		t.Errorf("attack after two patches: %+v", st.Attack)
	}
	want := DefaultSettings()
	if st.Epsilon != want.Epsilon || st.Show != want.Show || st.Preset != want.Preset || len(st.Points) != 200 {
		t.Errorf("unpatched fields changed: %+v", st.Settings)
	}
	// Setting the same preset again regenerates it, dropping edits, but
	// keeps n and noise.
	if err := s.Apply(decode(t, `{"n": 10, "noise": 0.3}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPoint(5, 5, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(decode(t, `{"preset": "small"}`)); err != nil {
		t.Fatal(err)
	}
	eqPoints(t, s.View().Points, generate(t, "small", 10, 0.3, 1))
	// Another preset takes its own defaults.
	if err := s.Apply(decode(t, `{"preset": "article"}`)); err != nil {
		t.Fatal(err)
	}
	if st := s.State(); st.N != article.PerClass || st.Noise != article.Sigma || len(st.Points) != 2*article.PerClass {
		t.Errorf("article preset: n %d noise %v, %d points", st.N, st.Noise, len(st.Points))
	}
}

// TestApplyInvalid: every bad value returns an error whose message starts
// with the field's path, and the scene is unchanged afterwards.
func TestApplyInvalid(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	ok := map[string]any{"x": 1.0, "y": 1.0, "label": 0.0}
	pts := func(bad map[string]any) []any { return []any{ok, ok, ok, bad} }
	cases := []struct {
		patch Patch
		path  string
	}{
		{Patch{"epsilon": nan}, "epsilon"},
		{Patch{"epsilon": -1.0}, "epsilon"},
		{Patch{"epsilon": -1e-300}, "epsilon"},
		{Patch{"epsilon": 2.0}, "epsilon"},
		{Patch{"epsilon": 1.0000000001}, "epsilon"},
		{Patch{"epsilon": 1e308}, "epsilon"},
		{Patch{"epsilon": inf}, "epsilon"},
		{Patch{"epsilon": "0.2"}, "epsilon"},
		{Patch{"epsilon": true}, "epsilon"},
		{Patch{"epsilon": nil}, "epsilon"},
		{Patch{"epsilon": []any{0.2}}, "epsilon"},
		{Patch{"epsilon": 2}, "epsilon"}, // a Go int, not a JS number
		{Patch{"Epsilon": 0.2}, "Epsilon"},
		{Patch{"foo": 1.0}, "foo"},
		{Patch{"weights": []any{1.0, 2.0}}, "weights"},
		{Patch{"metrics": map[string]any{}}, "metrics"},
		{Patch{"attack": "pgd"}, "attack"},
		{Patch{"attack": nil}, "attack"},
		{Patch{"attack": map[string]any{"method": "bim"}}, "attack.method"},
		{Patch{"attack": map[string]any{"method": "PGD"}}, "attack.method"},
		{Patch{"attack": map[string]any{"method": 1.0}}, "attack.method"},
		{Patch{"attack": map[string]any{"steps": 0.0}}, "attack.steps"},
		{Patch{"attack": map[string]any{"steps": 1.5}}, "attack.steps"},
		{Patch{"attack": map[string]any{"steps": 101.0}}, "attack.steps"},
		{Patch{"attack": map[string]any{"stepSize": -0.1}}, "attack.stepSize"},
		{Patch{"attack": map[string]any{"stepSize": nan}}, "attack.stepSize"},
		{Patch{"attack": map[string]any{"norm": "l1"}}, "attack.norm"},
		{Patch{"attack": map[string]any{"randomStart": "yes"}}, "attack.randomStart"},
		{Patch{"attack": map[string]any{"epsilon": 0.1}}, "attack.epsilon"},
		{Patch{"training": "article"}, "training"},
		{Patch{"training": map[string]any{"recipe": "sgd"}}, "training.recipe"},
		{Patch{"training": map[string]any{"recipe": nil}}, "training.recipe"},
		{Patch{"training": map[string]any{"running": 1.0}}, "training.running"},
		{Patch{"training": map[string]any{"epoch": 5.0}}, "training.epoch"},
		{Patch{"model": "logreg"}, "model"},
		{Patch{"model": map[string]any{"kind": "svm"}}, "model.kind"},
		{Patch{"model": map[string]any{"kind": 3.0}}, "model.kind"},
		{Patch{"model": map[string]any{"bogus": 1.0}}, "model.bogus"},
		{Patch{"preset": "moon"}, "preset"},
		{Patch{"preset": ""}, "preset"},
		{Patch{"preset": 3.0}, "preset"},
		{Patch{"seed": 1.5}, "seed"},
		{Patch{"seed": -1.0}, "seed"},
		{Patch{"seed": "3"}, "seed"},
		{Patch{"seed": nan}, "seed"},
		{Patch{"seed": 9007199254740992.0}, "seed"}, // 2^53: not exact in JS
		{Patch{"n": -1.0}, "n"},
		{Patch{"n": 0.5}, "n"},
		{Patch{"n": 25001.0}, "n"}, // 2×25001 > MaxPoints
		{Patch{"n": 1e9}, "n"},
		{Patch{"n": inf}, "n"},
		{Patch{"noise": nan}, "noise"},
		{Patch{"noise": -0.1}, "noise"},
		{Patch{"noise": 5.5}, "noise"},
		{Patch{"noise": "a"}, "noise"},
		{Patch{"show": true}, "show"},
		{Patch{"show": map[string]any{"arrows": "yes"}}, "show.arrows"},
		{Patch{"show": map[string]any{"shading": 1.0}}, "show.shading"},
		{Patch{"show": map[string]any{"controls": "all"}}, "show.controls"},
		{Patch{"show": map[string]any{"grid": true}}, "show.grid"},
		{Patch{"class": 2.0}, "class"},
		{Patch{"class": -1.0}, "class"},
		{Patch{"class": 0.5}, "class"},
		{Patch{"class": "green"}, "class"},
		{Patch{"class": true}, "class"},
		{Patch{"mode": "delete"}, "mode"},
		{Patch{"mode": nil}, "mode"},
		{Patch{"points": "abc"}, "points"},
		{Patch{"points": map[string]any{"x": 1.0}}, "points"},
		{Patch{"points": []any{1.0}}, "points[0]"},
		{Patch{"points": []any{ok, nil}}, "points[1]"},
		{Patch{"points": []any{map[string]any{"x": 0.0, "y": 0.0}}}, "points[0].label"},
		{Patch{"points": []any{map[string]any{"y": 0.0, "label": 0.0}}}, "points[0].x"},
		{Patch{"points": []any{map[string]any{"x": 0.0, "y": 0.0, "label": 0.0, "z": 1.0}}}, "points[0].z"},
		{Patch{"points": pts(map[string]any{"x": nan, "y": 0.0, "label": 0.0})}, "points[3].x"},
		{Patch{"points": pts(map[string]any{"x": "1", "y": 0.0, "label": 0.0})}, "points[3].x"},
		{Patch{"points": pts(map[string]any{"x": 2e6, "y": 0.0, "label": 0.0})}, "points[3].x"},
		{Patch{"points": pts(map[string]any{"x": 0.0, "y": -inf, "label": 0.0})}, "points[3].y"},
		{Patch{"points": pts(map[string]any{"x": 0.0, "y": -1000000.5, "label": 0.0})}, "points[3].y"},
		{Patch{"points": pts(map[string]any{"x": 0.0, "y": 0.0, "label": 2.0})}, "points[3].label"},
		{Patch{"points": pts(map[string]any{"x": 0.0, "y": 0.0, "label": -1.0})}, "points[3].label"},
		{Patch{"points": pts(map[string]any{"x": 0.0, "y": 0.0, "label": 0.5})}, "points[3].label"},
		{Patch{"points": pts(map[string]any{"x": 0.0, "y": 0.0, "label": "green"})}, "points[3].label"},
		{Patch{"points": pts(map[string]any{"x": 0.0, "y": 0.0, "label": nil})}, "points[3].label"},
		{Patch{"points": pts(map[string]any{"x": 0.0, "y": 0.0, "label": true})}, "points[3].label"},
		{Patch{"points": make([]any, MaxPoints+1)}, "points"},
		{Patch{"points": []any{ok}, "preset": "small"}, "points"},
		{Patch{"points": []any{ok}, "seed": 2.0}, "points"},
		{Patch{"points": []any{ok}, "n": 2.0}, "points"},
		{Patch{"points": []any{ok}, "noise": 0.2}, "points"},
	}
	for _, c := range cases {
		s := newScene(t)
		if _, err := s.AddPoint(0.25, 0.75, 1); err != nil { // an edit to keep
			t.Fatal(err)
		}
		before := stateJSON(t, s)
		err := s.Apply(c.patch)
		if err == nil {
			t.Errorf("Apply(%v) succeeded, want an error naming %s", c.patch, c.path)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.path+": ") {
			t.Errorf("Apply(%v) = %q, want an error starting %q", c.patch, err, c.path+": ")
		}
		if after := stateJSON(t, s); after != before {
			t.Errorf("Apply(%v) failed with %q but changed the scene:\nbefore %.300s\nafter  %.300s", c.patch, err, before, after)
		}
	}
}

// TestApplyAllOrNothing: a patch whose other fields are all valid but one
// (the last checked, or in the middle) changes nothing at all.
func TestApplyAllOrNothing(t *testing.T) {
	good := `"epsilon": 0.7, "attack": {"method": "pgd", "steps": 3}, "training": {"recipe": "article"},
		"model": {"kind": "logreg"}, "show": {"arrows": false}, "class": 1, "mode": "remove"`
	cases := []struct {
		patch, path string
	}{
		{`{` + good + `, "points": [{"x": 0, "y": 0, "label": 0}, {"x": 1, "y": "bad", "label": 1}]}`, "points[1].y"},
		{`{` + good + `, "preset": "article", "seed": 2, "n": 50, "noise": 0.4, "mode": "erase"}`, "mode"},
		{`{` + good + `, "preset": "circles", "seed": 2, "noise": 9}`, "noise"},
		{`{` + good + `, "seed": 4, "class": 7}`, "class"},
		{`{` + good + `, "show": {"arrows": false, "controls": "some"}}`, "show.controls"},
		{`{` + good + `, "zzz": 1}`, "zzz"},
	}
	for _, c := range cases {
		s := newScene(t)
		if err := s.MovePoint(3, 4, 4); err != nil {
			t.Fatal(err)
		}
		before := stateJSON(t, s)
		err := s.Apply(decode(t, c.patch))
		if err == nil || !strings.HasPrefix(err.Error(), c.path+": ") {
			t.Errorf("Apply(%s) = %v, want an error naming %s", c.patch, err, c.path)
		}
		if after := stateJSON(t, s); after != before {
			t.Errorf("Apply(%s) failed but changed the scene", c.patch)
		}
	}
}

// TestErrorMessages spot-checks that messages say why, not just where.
func TestErrorMessages(t *testing.T) {
	cases := []struct {
		patch string
		want  []string
	}{
		{`{"epsilon": 2}`, []string{"epsilon", "0", "1", "got 2"}},
		{`{"attack": {"method": "bim"}}`, []string{"attack.method", "fgsm", "fgm", "pgd", `"bim"`}},
		{`{"preset": "moon"}`, []string{"preset", "article", "small", "empty", `"moon"`}},
		{`{"seed": 1.5}`, []string{"seed", "whole number", "1.5"}},
		{`{"foo": 1}`, []string{"foo", "unknown field", "epsilon"}},
		{`{"points": [{"x": 0, "y": 0, "label": 3}]}`, []string{"points[0].label", "0", "1", "got 3"}},
	}
	for _, c := range cases {
		err := newScene(t).Apply(decode(t, c.patch))
		if err == nil {
			t.Errorf("Apply(%s) succeeded", c.patch)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Apply(%s) = %q, missing %q", c.patch, err, w)
			}
		}
	}
}

// TestApplyNegativeZero: a −0 from JavaScript (Number("-0") in the ε box)
// is stored as +0, so that the page never prints "ε=-0.00" and the same
// scene never has two links.
func TestApplyNegativeZero(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"epsilon": -0, "noise": -0, "attack": {"stepSize": -0}, "defense": {"epsilon": -0}}`)); err != nil {
		t.Fatal(err)
	}
	set := s.Settings()
	for name, v := range map[string]float64{"epsilon": set.Epsilon, "noise": set.Noise, "attack.stepSize": set.Attack.StepSize, "defense.epsilon": set.Defense.Epsilon} {
		if math.Signbit(v) {
			t.Errorf("%s = −0, want +0", name)
		}
	}
	zero := newScene(t)
	if err := zero.Apply(decode(t, `{"epsilon": 0, "noise": 0, "attack": {"stepSize": 0}, "defense": {"epsilon": 0}}`)); err != nil {
		t.Fatal(err)
	}
	// The settings' bits, which the link stores (package share).
	if a, b := s.Settings(), zero.Settings(); !reflect.DeepEqual(a, b) || math.Signbit(a.Epsilon) != math.Signbit(b.Epsilon) {
		t.Error("−0 and +0 give different settings")
	}
}
