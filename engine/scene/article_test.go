package scene

import (
	"math"
	"reflect"
	"testing"

	"advplay/engine/article"
	"advplay/engine/logreg"
)

// TestArticleRecipe runs the article's recipe through the scene, as the
// page does a slice per frame, and checks the article's table
// (article.Table: FGSM error 2.9 %, 7.6 % and 22.6 % at ε = 0, 0.2 and
// 0.5) within one percentage point, the tolerance of engine/logreg's
// TestArticleFigures.
func TestArticleRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("4·10⁸ point-epochs: about 3 s natively, 7 s under Node")
	}
	const slice = 1000
	s := newScene(t)
	if err := s.Apply(decode(t, `{"preset": "article", "training": {"recipe": "article"}}`)); err != nil {
		t.Fatal(err)
	}
	st := s.State()
	if len(st.Points) != 2*article.PerClass || !st.Training.Running || st.Training.Epoch != 0 || st.Training.Epochs != article.Epochs {
		t.Fatalf("after set: %d points, training %+v", len(st.Points), st.Training)
	}
	ticks, wantTicks := 0, article.Epochs/slice
	for s.Running() {
		if !s.Tick(slice) {
			t.Fatal("Tick reported no change while running")
		}
		ticks++
		if ep := s.Peek().Training.Epoch; ep != min(slice*ticks, article.Epochs) {
			t.Fatalf("after %d ticks of %d: epoch %d", ticks, slice, ep)
		}
		if ticks > wantTicks {
			t.Fatalf("still running after %d ticks of %d epochs", ticks, slice)
		}
	}
	st = s.State()
	if st.Training.Epoch != article.Epochs || st.Training.Running || ticks != wantTicks {
		t.Fatalf("after training: %+v in %d ticks", st.Training, ticks)
	}
	if s.Tick(slice) {
		t.Error("Tick after the end changed the model")
	}
	// The bias ends under-trained near −1.48 (logreg.Article's doc;
	// engine/logreg's TestArticleFigures measured −1.4796 to −1.4881 over
	// seeds 1 to 10 with go run ./scripts/experiment -seed N).
	if math.Abs(st.Model.Bias-(-1.48)) > 0.02 {
		t.Errorf("bias %v, the article's recipe ends near −1.48", st.Model.Bias)
	}
	for _, row := range article.Table() {
		if err := s.Apply(Patch{"epsilon": row.Epsilon, "attack": map[string]any{"method": "fgsm"}}); err != nil {
			t.Fatal(err)
		}
		m := s.View().Metrics
		t.Logf("ε = %.1f: error %.2f %% (article %.1f %%)", row.Epsilon, 100*m.AdversarialError, 100*row.Error)
		if math.Abs(m.AdversarialError-row.Error) > 0.01 {
			t.Errorf("ε = %v: error %.4f, the article reports %.3f (±0.01)", row.Epsilon, m.AdversarialError, row.Error)
		}
		if row.Epsilon == 0 && m.AdversarialError != m.CleanError {
			t.Errorf("ε = 0: adversarial error %v differs from the clean error %v", m.AdversarialError, m.CleanError)
		}
	}
	// Changing ε re-attacks but does not retrain.
	if st2 := s.State(); !reflect.DeepEqual(st2.Model, st.Model) || st2.Training.Epoch != article.Epochs {
		t.Errorf("changing ε retrained: %+v → %+v", st.Model, st2.Model)
	}
}

// TestArticleSlicing: the weights do not depend on how the epochs are
// sliced into frames, and equal the engine's own uninterrupted run, bit
// for bit. The small preset keeps the article's 20,000 epochs cheap.
func TestArticleSlicing(t *testing.T) {
	run := func(slice int) State {
		s := newScene(t)
		if err := s.Apply(decode(t, `{"training": {"recipe": "article"}}`)); err != nil {
			t.Fatal(err)
		}
		for s.Running() {
			s.Tick(slice)
		}
		return s.State()
	}
	ref := newScene(t)
	a, err := logreg.NewArticle(ref.View().Points)
	if err != nil {
		t.Fatal(err)
	}
	a.Run()
	want := a.Model()
	for _, slice := range []int{7, 1000, article.Epochs, 1 << 30} {
		st := run(slice)
		if st.Training.Epoch != article.Epochs {
			t.Errorf("slices of %d: epoch %d", slice, st.Training.Epoch)
		}
		if !sameBits(st.Model.Weights[0], want.W[0]) || !sameBits(st.Model.Weights[1], want.W[1]) || !sameBits(st.Model.Bias, want.B) {
			t.Errorf("slices of %d: model %v %v, engine run %v %v", slice, st.Model.Weights, st.Model.Bias, want.W, want.B)
		}
	}
}

// TestArticlePauseResume: running false pauses (Tick does nothing),
// running true resumes where it stopped, and resuming a finished training
// starts it again from epoch 0.
func TestArticlePauseResume(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"training": {"recipe": "article"}}`)); err != nil {
		t.Fatal(err)
	}
	s.Tick(300)
	if err := s.Apply(decode(t, `{"training": {"running": false}}`)); err != nil {
		t.Fatal(err)
	}
	if s.Running() || s.Tick(100) || s.Peek().Training.Epoch != 300 {
		t.Fatalf("paused: running %v, epoch %d", s.Running(), s.Peek().Training.Epoch)
	}
	if err := s.Apply(decode(t, `{"training": {"running": true}}`)); err != nil {
		t.Fatal(err)
	}
	if !s.Tick(100) || s.Peek().Training.Epoch != 400 {
		t.Fatalf("resumed: epoch %d, want 400", s.Peek().Training.Epoch)
	}
	for s.Running() {
		s.Tick(5000)
	}
	if err := s.Apply(decode(t, `{"training": {"running": true}}`)); err != nil {
		t.Fatal(err)
	}
	if st := s.Peek().Training; st.Epoch != 0 || !st.Running {
		t.Errorf("restart after the end: %+v", st)
	}
	// Ticks of zero or fewer epochs do nothing.
	if s.Tick(0) || s.Tick(-5) || s.Peek().Training.Epoch != 0 {
		t.Errorf("Tick(0) or Tick(−5) advanced to epoch %d", s.Peek().Training.Epoch)
	}
	// An edit restarts the training from zero weights.
	s.Tick(50)
	if _, err := s.AddPoint(1, 1, 1); err != nil {
		t.Fatal(err)
	}
	if st := s.State(); st.Training.Epoch != 0 || !st.Training.Running || !zeroWeights(st.Model) {
		t.Errorf("after an edit: training %+v, model %+v", st.Training, st.Model)
	}
	// Back to the converged recipe: no stepping, running false.
	if err := s.Apply(decode(t, `{"training": {"recipe": "converged", "running": true}}`)); err != nil {
		t.Fatal(err)
	}
	if s.Running() || s.Tick(10) {
		t.Error("the converged recipe runs")
	}
	checkFigures(t, "converged again", s.State())
}

// TestArticleLoss: the reported loss is the mean log-loss of the current
// model, ln 2 at zero weights.
func TestArticleLoss(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"training": {"recipe": "article"}}`)); err != nil {
		t.Fatal(err)
	}
	// Each point's loss is log1p(portable.Exp(0)) = ln 2 within an ulp or
	// two (portable.Exp's doc: relative error below 1e-15), and the mean of
	// n of them adds at most n·2⁻⁵³ relative: under 2e-14 for n = 200.
	n := float64(len(s.View().Points))
	if l := s.Peek().Training.Loss; math.Abs(l-math.Ln2) > (n+2)*0x1p-53*math.Ln2+1e-15 {
		t.Errorf("loss at epoch 0 = %v, want ln 2", l)
	}
	s.Tick(500)
	st := s.State()
	var sum float64
	for _, p := range st.Points {
		z := st.Model.Weights[0]*p.X + st.Model.Weights[1]*p.Y + st.Model.Bias
		y := float64(p.Label)
		// log(1+e^z) − y·z, the log-loss of the logit.
		sum += math.Log1p(math.Exp(-math.Abs(z))) + math.Max(z, 0) - y*z
	}
	if want := sum / float64(len(st.Points)); !approx(st.Training.Loss, want, 1e-9) {
		t.Errorf("loss at epoch 500 = %v, want %v", st.Training.Loss, want)
	}
}
