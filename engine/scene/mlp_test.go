package scene

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"advplay/engine/metrics"
	"advplay/engine/model"
)

// trainAll ticks until the training stops, in slices of 50 epochs.
func trainAll(t testing.TB, s *Scene) {
	t.Helper()
	s.Flush()
	for i := 0; s.Running(); i++ {
		if i > 10000 {
			t.Fatal("training never stopped")
		}
		s.Tick(50)
	}
	s.Flush()
}

// On moons the MLP's clean error is far below logistic regression's.
// No line separates the interleaved arcs: engine/mlp's
// TestMoonsMLPBeatsLogisticRegression finds the converged logistic
// regression wrong on about 12 % of the moons, and every MLP there below
// 1 %. On this scene's moons (seed 1) they err on 13.5 % and 0 % of the
// training points (go test -run MLPBeatsLogReg -v ./engine/scene logs
// them); the bounds, 8 % and 2 %, leave room on both sides.
func TestMLPBeatsLogRegOnMoons(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"preset": "moons"}`)); err != nil {
		t.Fatal(err)
	}
	lin := s.State().Metrics.CleanError
	if err := s.Apply(decode(t, `{"model": {"kind": "mlp", "hidden": [16, 16], "activation": "tanh"}}`)); err != nil {
		t.Fatal(err)
	}
	if st := s.State(); !st.Training.Running || st.Model.Kind != KindMLP || st.Training.Epochs != DefaultEpochs {
		t.Fatalf("after switching to the MLP: training %+v, model %+v", st.Training, st.Model)
	}
	trainAll(t, s)
	st := s.State()
	if st.Training.Epoch != DefaultEpochs {
		t.Errorf("trained %d epochs, want %d", st.Training.Epoch, DefaultEpochs)
	}
	t.Logf("clean error on the moons: logistic regression %.2f %%, MLP %.2f %%", 100*lin, 100*st.Metrics.CleanError)
	if mlpErr := st.Metrics.CleanError; !(lin > 0.08 && mlpErr < 0.02) {
		t.Errorf("clean error: logistic regression %.3f, MLP %.3f; want > 0.08 and < 0.02", lin, mlpErr)
	}
	// The figures are those of the model the scene holds.
	if got := metrics.ErrorRate(s.View().Model, s.View().Points); got != st.Metrics.CleanError {
		t.Errorf("metrics.cleanError %v, the model's error %v", st.Metrics.CleanError, got)
	}
	if err := s.Apply(decode(t, `{"model": {"kind": "logreg"}}`)); err != nil {
		t.Fatal(err)
	}
	if st := s.State(); st.Model.Kind != KindLogReg || st.Metrics.CleanError != lin {
		t.Errorf("back to logreg: kind %s, clean error %v, want %v", st.Model.Kind, st.Metrics.CleanError, lin)
	}
}

// The MLP's chart shows FGSM and PGD side by side, and PGD's error is at
// least FGSM's at every ε (PGD keeps its strongest point).
func TestMLPCurvesFGSMAndPGD(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"preset": "moons", "n": 60, "model": {"kind": "mlp", "hidden": [8]}, "training": {"epochs": 200}}`)); err != nil {
		t.Fatal(err)
	}
	trainAll(t, s)
	curves := map[string][]metrics.CurvePoint{}
	for _, c := range s.Chart().Full() {
		curves[c.Name] = c.Points
	}
	fgsm, pgd := curves["fgsm"], curves["pgd"]
	if len(fgsm) != BruteSteps+1 || len(pgd) != BruteSteps+1 || curves["clean"] == nil {
		t.Fatalf("curves %v, want clean, fgsm and pgd with %d points each", keys(curves), BruteSteps+1)
	}
	for i := range fgsm {
		if pgd[i].Error < fgsm[i].Error {
			t.Errorf("ε=%v: PGD error %v < FGSM error %v", pgd[i].Epsilon, pgd[i].Error, fgsm[i].Error)
		}
	}
	// The progressive chart ends with the same series.
	for !s.Chart().Refine(time.Hour) {
	}
	if got := s.Chart().Series(); len(got) != 3 || got[2].Points[BruteSteps] != pgd[BruteSteps] {
		t.Errorf("ChartCurves disagrees with Curves")
	}
}

func keys(m map[string][]metrics.CurvePoint) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Under a defense the scene trains the plain model beside the defended
// one and charts both; for logistic regression, both fitted to
// convergence, FGSM training shrinks ‖w‖₁, the L1-like penalty of
// Goodfellow et al. (2015), §5.
func TestDefenseComparesWithPlainModel(t *testing.T) {
	s := newScene(t)
	// 2×1,000 points: not separable, so the plain fit needs no ridge.
	if err := s.Apply(decode(t, `{"n": 1000, "defense": {"method": "fgsm", "epsilon": 0.3}}`)); err != nil {
		t.Fatal(err)
	}
	trainAll(t, s)
	st := s.State()
	if st.Model.Baseline == nil {
		t.Fatal("no baseline model under a defense")
	}
	if !(st.Model.L1 < st.Model.Baseline.L1) {
		t.Errorf("‖w‖₁ defended %v, plain %v: want the defense to shrink it", st.Model.L1, st.Model.Baseline.L1)
	}
	names := []string{}
	for _, c := range s.Chart().Full() {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, ","); got != "clean,attack,plain clean,plain attack" {
		t.Errorf("curves %s", got)
	}
	// The plain model's figures are its own.
	base := model.Linear{W: [2]float64(st.Model.Baseline.Weights), B: st.Model.Baseline.Bias}
	if st.Model.Baseline.Kind != KindLogReg || metrics.ErrorRate(&base, s.View().Points) > 0.05 {
		t.Errorf("baseline %+v", st.Model.Baseline)
	}
}

// Bad model, training and defense settings are refused by name.
func TestModelPatchErrors(t *testing.T) {
	for _, tc := range []struct{ patch, field string }{
		{`{"model": {"kind": "svm"}}`, "model.kind"},
		{`{"model": {"kind": "mlp", "hidden": []}}`, "model.hidden"},
		{`{"model": {"kind": "mlp", "hidden": [16, 16, 16, 16]}}`, "model.hidden"},
		{`{"model": {"kind": "mlp", "hidden": [1]}}`, "model.hidden[0]"},
		{`{"model": {"kind": "mlp", "hidden": [64]}}`, "model.hidden[0]"},
		{`{"model": {"kind": "mlp", "hidden": [8.5]}}`, "model.hidden[0]"},
		{`{"model": {"activation": "sigmoid"}}`, "model.activation"},
		{`{"model": {"depth": 3}}`, "model.depth"},
		{`{"training": {"optimizer": "sgd"}}`, "training.optimizer"},
		{`{"training": {"epochs": 0}}`, "training.epochs"},
		{`{"training": {"epochs": 1e9}}`, "training.epochs"},
		{`{"defense": {"method": "mixup"}}`, "defense.method"},
		{`{"defense": {"epsilon": -0.1}}`, "defense.epsilon"},
		{`{"defense": "pgd"}`, "defense"},
	} {
		s := newScene(t)
		before := stateJSON(t, s)
		err := s.Apply(decode(t, tc.patch))
		if err == nil || !strings.HasPrefix(err.Error(), tc.field+":") {
			t.Errorf("%s: error %v, want one naming %s", tc.patch, err, tc.field)
		}
		if stateJSON(t, s) != before {
			t.Errorf("%s: the refused patch changed the scene", tc.patch)
		}
	}
}

// Without points nothing is trained, but the state still describes the
// model chosen, which is what the page's controls show: a network with no
// points stays a network, with its layers.
func TestNoPointsKeepsModel(t *testing.T) {
	for _, patch := range []string{
		`{"model": {"kind": "mlp", "hidden": [5, 3], "activation": "relu"}, "points": []}`,
		`{"preset": "empty", "model": {"kind": "mlp"}, "defense": {"method": "pgd"}}`,
		`{"preset": "empty"}`,
	} {
		s := newScene(t)
		if err := s.Apply(decode(t, patch)); err != nil {
			t.Fatal(err)
		}
		st := s.State()
		set := s.Settings().Model
		var hidden []int
		activation := ""
		if set.Kind == KindMLP {
			hidden, activation = set.HiddenLayers(), string(set.Activation)
		}
		m := st.Model
		if m.Kind != set.Kind || !reflect.DeepEqual(m.Hidden, hidden) || m.Activation != activation || m.Baseline != nil || st.Training.Error == "" {
			t.Errorf("%s: model %+v, training %+v; want kind %s, hidden %v, %q and an error", patch, m, st.Training, set.Kind, hidden, activation)
		}
	}
}

// A link (its settings and edits) keeps the model, the training and the
// defense.
func TestEncodeKeepsModelAndDefense(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"preset": "xor", "model": {"kind": "mlp", "hidden": [12, 6], "activation": "relu"}, "training": {"optimizer": "lbfgs", "epochs": 40}, "defense": {"method": "pgd", "epsilon": 0.15}}`)); err != nil {
		t.Fatal(err)
	}
	trainAll(t, s)
	d := restore(t, s)
	trainAll(t, d)
	if figures(t, d) != figures(t, s) {
		t.Errorf("decoded scene differs:\n%s\n%s", figures(t, d), figures(t, s))
	}
}

// L-BFGS may stop before its epochs at an optimum: the state says it
// converged, so the page offers Restart rather than a Resume that does
// nothing. Adam on the same points runs all its epochs.
func TestLBFGSConvergedEarly(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"model": {"kind": "mlp"}, "training": {"optimizer": "lbfgs"}}`)); err != nil {
		t.Fatal(err)
	}
	trainAll(t, s)
	tr := s.Peek().Training
	if tr.Running || !tr.Converged || tr.Epoch >= tr.Epochs {
		t.Fatalf("L-BFGS on 2×100 separable clouds: %+v; want stopped, converged, before %d epochs", tr, tr.Epochs)
	}
	if err := s.Apply(decode(t, `{"training": {"optimizer": "adam", "epochs": 50}}`)); err != nil {
		t.Fatal(err)
	}
	trainAll(t, s)
	if tr := s.Peek().Training; tr.Converged || tr.Epoch != 50 {
		t.Fatalf("Adam for 50 epochs: %+v; want 50 epochs, not converged", tr)
	}
}
