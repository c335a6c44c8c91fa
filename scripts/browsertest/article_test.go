//go:build !js

package browsertest

// The article's reproduction in the page (engine/article): its recipe on
// its clouds, bit for bit as natively, its table, and the page's frame
// work while it trains and at rest.

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"advplay/engine/article"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/metrics"
	"advplay/engine/scene"
)

// articleTolerance is how far the page's error under FGSM may be from the
// article's figure (article.Table): one percentage point, as engine/logreg's
// TestArticleFigures allows the recipe natively and README states ("each
// within a point of the article").
const articleTolerance = 0.01

// frameWorkBudget is the aim for our own Update+Draw time while training
// runs (median): well under the 33 ms of a 30 frames/s frame. It is
// printed beside the figure, never asserted: a busy machine stretches
// every time.
const frameWorkBudget = 25.0 // ms

// restWorkBudget is the aim for our Update+Draw at the 95th percentile on
// the article scene at rest, under a visitor's hover: half of a 60 Hz
// frame's 16.7 ms, which leaves the other half to the browser's own
// compositing. Printed, never asserted.
const restWorkBudget = 8.0 // ms

// TestArticleRecipe runs the article's recipe on the article's clouds in
// the page, then checks the weights bit for bit against a native run and
// the errors at ε = 0, 0.2, 0.5 against the article's figures.
func TestArticleRecipe(t *testing.T) {
	needBrowser(t)
	// The native run first, while the page is not yet loaded: about 5 s.
	start := time.Now()
	seed := scene.DefaultSettings().Seed // the page's seed at load
	clouds, err := data.Clouds(data.ArticlePerClass, seed)
	if err != nil {
		t.Fatal(err)
	}
	art, err := logreg.NewArticle(clouds)
	if err != nil {
		t.Fatal(err)
	}
	art.Run()
	native := art.Model()
	t.Logf("native article recipe: %d epochs in %v: w %v b %v", art.Epoch(), time.Since(start).Round(time.Millisecond), native.W, native.B)

	tb := openPlay(t, desktop)
	if e := tb.try(`advplay.set({preset: "article", training: {recipe: "article"}})`); e != "" {
		t.Fatalf(`set({preset: "article", training: {recipe: "article"}}): %s`, e)
	}
	s := tb.summary()
	if s.Seed != seed {
		t.Fatalf("the page's seed is %d, the native run used %d", s.Seed, seed)
	}
	if s.Training.Recipe != "article" || !s.Training.Running || s.Training.Epochs != logreg.ArticleEpochs {
		t.Fatalf("after set, training is %+v, want recipe article, running, %d epochs", s.Training, logreg.ArticleEpochs)
	}
	if s.Metrics.N != 2*data.ArticlePerClass {
		t.Fatalf("the article preset has %d points, want %d", s.Metrics.N, 2*data.ArticlePerClass)
	}

	// Poll while training runs: progress, and our own frame timings.
	var update, draw, work, interval, train []float64
	var progressSeen, midChecked bool
	stuck := "" // why training did not finish
	sample := 0
	started := time.Now()
	lastEpoch, lastFrames, framesAtStart := 0, s.Perf.Frames, s.Perf.Frames
	for {
		time.Sleep(time.Second)
		s = tb.summary()
		if s.Training.Epoch < lastEpoch {
			t.Fatalf("the epoch went back from %d to %d", lastEpoch, s.Training.Epoch)
		}
		if mostlyTraining(s.Perf.Frames, framesAtStart) && s.Training.Running {
			update = append(update, s.Perf.UpdateMs)
			draw = append(draw, s.Perf.DrawMs)
			work = append(work, s.Perf.UpdateMs+s.Perf.DrawMs)
			interval = append(interval, s.Perf.FrameIntervalMs)
			train = append(train, s.Perf.TrainMs)
		}
		if !progressSeen && s.Training.Running {
			v := evalJS[[]float64](tb, `[document.getElementById("progress").value, document.getElementById("progress").max, document.getElementById("training-row").hasAttribute("hidden") ? 1 : 0]`)
			progressSeen = v[0] > 0 && v[1] == logreg.ArticleEpochs && v[2] == 0
		}
		// Once, mid-way: pause, and compare the weights at that epoch with
		// the native trainer's after as many epochs, bit for bit; resume.
		// Half the recipe, not a time: with only a few epochs left, one
		// frame between resuming and reading the state ends the training.
		if !midChecked && s.Training.Running && s.Training.Epoch >= logreg.ArticleEpochs/2 {
			midChecked = true
			tb.checkMidway(clouds)
		}
		if sample++; sample%10 == 1 {
			t.Logf("training: %v: epoch %d, %d frames since the last poll; medians: update %.1f ms (%s), draw %.1f ms, shading %.1f ms, points layer %.1f ms",
				time.Since(started).Round(time.Second), s.Training.Epoch, s.Perf.Frames-lastFrames, s.Perf.UpdateMs, s.Perf.phases(), s.Perf.DrawMs, s.Perf.ShadeMs, s.Perf.PointsLayerMs)
		}
		lastEpoch, lastFrames = s.Training.Epoch, s.Perf.Frames
		if !s.Training.Running {
			break
		}
		// Stop early when the recipe clearly cannot finish in time.
		if el := time.Since(started); el > time.Minute && s.Training.Epoch > 0 {
			rate := float64(s.Training.Epoch) / el.Seconds()
			if need := time.Duration(float64(logreg.ArticleEpochs) / rate * float64(time.Second)); need > trainTimeout*5/4 {
				stuck = fmt.Sprintf("the article recipe runs at %.0f epochs/s in the page (epoch %d after %v), so it would take about %v, over the %v timeout",
					rate, s.Training.Epoch, el.Round(time.Second), need.Round(10*time.Second), trainTimeout)
				break
			}
		}
		if time.Since(started) > trainTimeout {
			stuck = fmt.Sprintf("the article recipe is still running after %v, at epoch %d of %d", trainTimeout, s.Training.Epoch, s.Training.Epochs)
			break
		}
	}
	took := time.Since(started)
	load := machineLoad()
	t.Logf("figure: article recipe in the page: %d epochs in %v (%s)", s.Training.Epoch, took.Round(100*time.Millisecond), load)
	if len(work) == 0 {
		t.Logf("training ended before the page's timing windows filled with training frames; no timings")
	}
	t.Logf("figure: while training (%d samples, medians of the page's 120-frame medians): update %.1f ms, draw %.1f ms, update+draw %.1f ms (aim ≤ %.0f ms), training slice %.1f ms, frame interval %.1f ms (%.0f frames/s); Update phases %s; shading %.1f ms, points layer %.1f ms",
		len(work), median(update), median(draw), median(work), frameWorkBudget, median(train), median(interval), 1000/median(interval), s.Perf.phases(), s.Perf.ShadeMs, s.Perf.PointsLayerMs)
	if !progressSeen {
		t.Errorf("while training ran, the progress bar never showed progress (visible, max %d, value > 0)", logreg.ArticleEpochs)
	}
	if stuck != "" {
		t.Fatal(stuck)
	}
	if s.Training.Epoch != logreg.ArticleEpochs {
		t.Errorf("training stopped at epoch %d, want %d", s.Training.Epoch, logreg.ArticleEpochs)
	}
	if v := evalJS[[]string](tb, `[String(document.getElementById("progress").value), document.getElementById("pause").textContent]`); v[0] != fmt.Sprint(logreg.ArticleEpochs) || v[1] != "Restart" {
		t.Errorf("after training, the progress bar is at %s and the button says %q, want %d and \"Restart\"", v[0], v[1], logreg.ArticleEpochs)
	}

	// The weights, bit for bit, and the points themselves.
	st := tb.state()
	t.Logf("page:   w %v b %v", st.Model.Weights, st.Model.Bias)
	t.Logf("native: w %v b %v", native.W, native.B)
	if *linear(t, st) != native {
		t.Errorf("the page's article weights w %v b %v differ from the native run's w %v b %v", st.Model.Weights, st.Model.Bias, native.W, native.B)
	}
	if len(st.Points) != len(clouds) {
		t.Fatalf("the page has %d points, data.Clouds %d", len(st.Points), len(clouds))
	}
	for i, p := range dataPoints(st.Points) {
		if p != clouds[i] {
			t.Fatalf("point %d is %+v in the page, %+v from data.Clouds natively", i, p, clouds[i])
		}
	}

	// ε = 0, 0.2, 0.5: the article's figures, and the engine's exactly.
	for _, f := range article.Table() {
		if e := tb.try(fmt.Sprintf(`advplay.set({epsilon: %v})`, f.Epsilon)); e != "" {
			t.Fatalf("set({epsilon: %v}): %s", f.Epsilon, e)
		}
		st := tb.summary()
		cfg := attack.Config{Method: attack.FGSM, Epsilon: f.Epsilon}
		want, err := metrics.AdversarialError(&native, clouds, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("figure: ε %.1f: page %.2f %%, native %.2f %%, article %.1f %%", f.Epsilon, 100*st.Metrics.AdversarialError, 100*want, 100*f.Error)
		if st.Metrics.AdversarialError != want {
			t.Errorf("ε %v: the page's adversarialError %v differs from the engine's %v", f.Epsilon, st.Metrics.AdversarialError, want)
		}
		if math.Abs(st.Metrics.AdversarialError-f.Error) > articleTolerance {
			t.Errorf("ε %v: adversarialError %.2f %%, want the article's %.1f %% ± %.0f point", f.Epsilon, 100*st.Metrics.AdversarialError, 100*f.Error, 100*articleTolerance)
		}
	}

	// At rest the game loop sleeps: no frame runs and nothing is drawn.
	// The link follows a change after a moment (a frame of its own): let
	// it come first.
	tb.waitJS("the page to rest", stepTimeout, `advplay.summary().perf.asleep`)
	time.Sleep(time.Second)
	tb.waitJS("the page to rest", stepTimeout, `advplay.summary().perf.asleep`)
	before := tb.summary().Perf
	time.Sleep(2 * time.Second)
	after := tb.summary().Perf
	t.Logf("figure: at rest, article scene: %d frames and %d composed frames in 2 s (asleep: %v)", after.Frames-before.Frames, after.Composed-before.Composed, after.Asleep)
	if after.Frames != before.Frames || !after.Asleep {
		t.Errorf("at rest the page ran %d frames in 2 s (asleep %v), want none", after.Frames-before.Frames, after.Asleep)
	}

	// A visitor's hover at rest on the article scene (20,000 points and
	// twins, arrows): our frame work beside restWorkBudget, over frames
	// that each change. Only that they were drawn is asserted.
	tb.hoverFrames(130) // refill the page's 120-frame windows
	s = tb.summary()
	load = machineLoad()
	t.Logf("figure: hovering at rest, article scene: Update+Draw %.2f ms at the 95th percentile (aim ≤ %.0f ms); medians update %.2f ms (%s), draw %.2f ms when it composes the frame; frame interval %.1f ms (%s)",
		s.Perf.Work95Ms, restWorkBudget, s.Perf.UpdateMs, s.Perf.phases(), s.Perf.DrawMs, s.Perf.FrameIntervalMs, load)
	if s.Perf.Work95Ms <= 0 || s.Perf.DrawMs <= 0 {
		t.Errorf("hovering at rest over 130 frames, the page timed no frame work (95th percentile %.2f ms) or no composed Draw (%.2f ms): the hover drew nothing", s.Perf.Work95Ms, s.Perf.DrawMs)
	}
	tb.screenshot("play-article-eps0.5-1280x800")
}

// hoverFrames moves the mouse across the plot in n steps, waiting for a
// frame after each, so that the page's frame statistics cover n frames of
// interaction.
func (tb *tab) hoverFrames(n int) {
	tb.t.Helper()
	l := tb.layoutNow()
	for i := range n {
		f := float64(i) / float64(n)
		x, y := l.Plot.X+l.Plot.W*(0.2+0.6*f), l.Plot.Y+l.Plot.H*(0.3+0.4*f)
		tb.do(chromedp.MouseEvent(chromedp.MouseMoved, x, y))
		tb.waitFrames(1)
	}
}

// checkMidway pauses the article recipe, compares the page's weights with
// a native trainer stepped to the same epoch, bit for bit, and resumes.
func (tb *tab) checkMidway(clouds []data.Point) {
	t := tb.t
	t.Helper()
	if e := tb.try(`advplay.set({training: {running: false}})`); e != "" {
		t.Fatalf("pausing the training: %s", e)
	}
	st := tb.summary()
	if st.Training.Running {
		t.Fatalf("set({training: {running: false}}) left training running")
	}
	a, err := logreg.NewArticle(clouds)
	if err != nil {
		t.Fatal(err)
	}
	a.Step(st.Training.Epoch)
	m := a.Model()
	t.Logf("paused at epoch %d: page w %v b %v; native w %v b %v", st.Training.Epoch, st.Model.Weights, st.Model.Bias, m.W, m.B)
	if *linear(t, st) != m {
		t.Errorf("at epoch %d the page's weights w %v b %v differ from the native trainer's w %v b %v", st.Training.Epoch, st.Model.Weights, st.Model.Bias, m.W, m.B)
	}
	if e := tb.try(`advplay.set({training: {running: true}})`); e != "" {
		t.Fatalf("resuming the training: %s", e)
	}
	if st := tb.summary(); !st.Training.Running {
		t.Fatalf("set({training: {running: true}}) did not resume the training")
	}
}
