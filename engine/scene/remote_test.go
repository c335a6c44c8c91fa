package scene

import (
	"reflect"
	"testing"
)

// TestHandover trains scenes elsewhere, as the page's worker does: a scene
// decoded from the shown scene's link trains in chunks, and the shown
// scene takes its Progress. The shown scene ends with the same state, bit
// for bit, as one trained where it stands, for the article's recipe and a
// network under PGD training with L-BFGS.
func TestHandover(t *testing.T) {
	for name, patch := range map[string]Patch{
		"article recipe": {"preset": "small", "n": 50.0, "training": map[string]any{"recipe": "article"}},
		"mlp pgd lbfgs": {"preset": "moons", "n": 40.0, "seed": 3.0, "model": map[string]any{"kind": "mlp", "hidden": []any{6.0}},
			"training": map[string]any{"optimizer": "lbfgs", "epochs": 25.0}, "defense": map[string]any{"method": "pgd", "epsilon": 0.1}},
		"mlp adam": {"preset": "xor", "n": 40.0, "model": map[string]any{"kind": "mlp", "hidden": []any{4.0, 4.0}},
			"training": map[string]any{"optimizer": "adam", "epochs": 60.0}},
		"digits logreg": {"preset": MNIST, "n": 200.0},
		"digits network pgd": {"preset": MNIST, "n": 100.0, "model": map[string]any{"kind": "mlp", "hidden": []any{5.0}},
			"training": map[string]any{"epochs": 2.0}, "defense": map[string]any{"method": "pgd", "epsilon": 0.2}},
	} {
		t.Run(name, func(t *testing.T) {
			if patch["preset"] == MNIST {
				stockDigits(t)
			}
			shown, here := mustScene(t, patch), mustScene(t, patch)
			for here.Running() {
				here.Tick(7)
			}
			task, ok := shown.Handover().Start()
			if !ok {
				t.Fatal("Start: nothing to hand over")
			}
			if _, again := shown.Handover().Start(); again {
				t.Error("a second Start of the same training succeeded")
			}
			// The other trainer's scene, as it decodes the link.
			away := restore(t, shown)
			for away.Running() {
				away.Tick(11)
				// Tick leaves a handed-over training where it is.
				before := shown.Handover().Progress()
				shown.Tick(5)
				if !reflect.DeepEqual(shown.Handover().Progress(), before) {
					t.Fatal("Tick moved a handed-over training")
				}
				if err := shown.Handover().Apply(task, away.Handover().Progress()); err != nil {
					t.Fatal(err)
				}
			}
			if shown.Running() {
				t.Error("the shown scene still runs after the last progress")
			}
			if got, want := shown.State(), here.State(); !reflect.DeepEqual(got.Model, want.Model) || got.Training != want.Training || got.Metrics != want.Metrics {
				t.Errorf("handed over: model %+v training %+v metrics %+v\ntrained here: model %+v training %+v metrics %+v",
					got.Model, got.Training, got.Metrics, want.Model, want.Training, want.Metrics)
			}
		})
	}
}

// TestHandoverRefusals checks what a stale or ill-fitting progress does:
// nothing, with an error.
func TestHandoverRefusals(t *testing.T) {
	sc := mustScene(t, Patch{"preset": "small", "n": 20.0, "training": map[string]any{"recipe": "article"}})
	task, ok := sc.Handover().Start()
	if !ok {
		t.Fatal("Start: nothing to hand over")
	}
	away := restore(t, sc)
	away.Tick(3)
	p := away.Handover().Progress()
	bad := p
	bad.Main.Params = bad.Main.Params[:1]
	before := sc.State()
	if err := sc.Handover().Apply(task, bad); err == nil {
		t.Error("a progress with 1 parameter for 3 was taken")
	}
	if !reflect.DeepEqual(sc.State(), before) {
		t.Error("a refused progress changed the scene")
	}
	// An edit restarts the training: the old one's progress is stale.
	if _, err := sc.AddPoint(0.5, 0.5, 1); err != nil {
		t.Fatal(err)
	}
	if sc.Handover().Current(task) {
		t.Error("the training is still current after an edit")
	}
	if err := sc.Handover().Apply(task, p); err == nil {
		t.Error("a stale progress was taken")
	}
	// A training under way here is not handed over.
	sc.Tick(2)
	if _, ok := sc.Handover().Start(); ok {
		t.Error("a training two epochs in was handed over")
	}
}

func mustScene(t *testing.T, p Patch) *Scene {
	t.Helper()
	sc, err := New(DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Apply(p); err != nil {
		t.Fatal(err)
	}
	return sc
}
