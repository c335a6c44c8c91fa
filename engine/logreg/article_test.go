package logreg

import (
	"math"
	"runtime"
	"testing"

	"advplay/engine/article"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/metrics"
	"advplay/engine/model"
)

// articleSeeds returns the seeds TestArticleFigures trains on: three
// natively (the issue asks for at least 3), one under js/wasm, where the
// recipe takes about 7 s per seed under Node.
func articleSeeds() []uint64 {
	if runtime.GOARCH == "wasm" {
		return []uint64{1}
	}
	return []uint64{1, 2, 3}
}

// TestArticleFigures reproduces the article's table (article.Table) with
// its recipe.
//
// Tolerances:
//   - FGSM error within ±1.0 percentage point of the article's figure, as
//     the issue asks. The recipe lands at 2.80–3.23 %, 7.80–8.12 % and
//     21.96–22.56 % over seeds 1 to 10 (go run ./scripts/experiment -seed
//     N), inside that band.
//   - The bias is under-trained, at −1.4796 to −1.4881 over the same seeds
//     (b in the same command's output); we accept −1.48 ± 0.02. The converged bias for the same w is −2·w̄ (the Bayes
//     boundary w̄·(x₁+x₂) = 2w̄), about −2.7 here, so we also demand that
//     b is more than 1 away from it and that w₁ ≈ w₂ (within 10 %, by the
//     clouds' symmetry).
//
// The test trains on one goroutine (GOMAXPROCS 1), so it does not run in
// parallel with others. TestArticleGoroutinesBitIdentical shows that two
// goroutines give the same weights bit for bit, and one goroutine is far
// faster when other test binaries load the machine: the two-goroutine
// path spins while waiting for its partner, and on 2 busy cores it was
// measured 3× slower than one goroutine.
func TestArticleFigures(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, seed := range articleSeeds() {
		points, err := data.Clouds(data.ArticlePerClass, seed)
		if err != nil {
			t.Fatal(err)
		}
		a, err := NewArticle(points)
		if err != nil {
			t.Fatal(err)
		}
		a.Run()
		if a.Epoch() != ArticleEpochs || !a.Done() {
			t.Fatalf("seed %d: after Run, Epoch() = %d, Done() = %v; want %d, true", seed, a.Epoch(), a.Done(), ArticleEpochs)
		}
		m := a.Model()
		for _, row := range article.Table() {
			got, err := metrics.AdversarialError(&m, points, attack.Config{Method: attack.FGSM, Epsilon: row.Epsilon})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-row.Error) > 0.010 {
				t.Errorf("seed %d, ε = %v: FGSM error %.2f %%, article %.1f %% ± 1.0", seed, row.Epsilon, 100*got, 100*row.Error)
			}
		}
		wbar := (m.W[0] + m.W[1]) / 2
		if math.Abs(m.B-(-1.48)) > 0.02 {
			t.Errorf("seed %d: bias %.4f, want −1.48 ± 0.02 (under-trained)", seed, m.B)
		}
		if math.Abs(m.B-(-2*wbar)) < 1 {
			t.Errorf("seed %d: bias %.4f is within 1 of the converged −2·w̄ = %.4f", seed, m.B, -2*wbar)
		}
		if math.Abs(m.W[0]-m.W[1]) > 0.1*wbar {
			t.Errorf("seed %d: w = %v, want w₁ ≈ w₂", seed, m.W)
		}
		t.Logf("seed %d: w = %v, b = %v", seed, m.W, m.B)
	}
}

// naiveArticle is the article's recipe written as plainly as possible, for
// comparison: full-batch sums in point order, logistic.Sigmoid.
func naiveArticle(points []data.Point, rate float64, epochs int) model.Linear {
	var w1, w2, b float64
	n := float64(len(points))
	for range epochs {
		var g1, g2, g0 float64
		for _, p := range points {
			r := logistic.Sigmoid(w1*p.X+w2*p.Y+b) - p.Target()
			g1 += r * p.X
			g2 += r * p.Y
			g0 += r
		}
		w1 -= rate * g1
		w2 -= rate * g2
		b -= rate * g0 / n
	}
	return model.Linear{W: [2]float64{w1, w2}, B: b}
}

// TestArticleMatchesNaive checks the recipe's update rule (a sum for w, a
// mean for b) against the plain loop above. The two sum in different
// orders, so they agree to rounding: 1e-9 relative after 300 epochs is
// generous (each epoch adds about N·2^−53 ≈ 1e-13 relative), and a mean in
// place of a sum would be off by a factor N.
func TestArticleMatchesNaive(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 7, 200, 2500} { // 2×2500 takes the two-goroutine path natively
		points, _ := data.Clouds(n, 4)
		a, err := NewArticle(points)
		if err != nil {
			t.Fatal(err)
		}
		a.Epochs = 300
		a.Run()
		got, want := a.Model(), naiveArticle(points, ArticleRate, 300)
		for i, v := range []float64{got.W[0], got.W[1], got.B} {
			w := []float64{want.W[0], want.W[1], want.B}[i]
			if math.Abs(v-w) > 1e-9*math.Abs(w) {
				t.Errorf("2×%d points: parameter %d = %v, plain loop %v", n, i, v, w)
			}
		}
	}
}

func TestArticleStep(t *testing.T) {
	t.Parallel()
	points, _ := data.Clouds(300, 5)
	a, err := NewArticle(points)
	if err != nil {
		t.Fatal(err)
	}
	if a.Rate != ArticleRate || a.Epochs != ArticleEpochs {
		t.Errorf("NewArticle: Rate %v, Epochs %d; want the article's %v, %d", a.Rate, a.Epochs, ArticleRate, ArticleEpochs)
	}
	if a.Epoch() != 0 || a.Done() || a.Model() != (model.Linear{}) {
		t.Fatalf("NewArticle: epoch %d, done %v, model %+v; want 0, false, zero", a.Epoch(), a.Done(), a.Model())
	}
	// With zero weights every point's loss is log 2 (σ(0) = 1/2).
	if l := a.Loss(); math.Abs(l-math.Ln2) > 1e-12 {
		t.Errorf("Loss() at epoch 0 = %v, want ln 2 = %v", l, math.Ln2)
	}
	a.Epochs = 100
	for _, c := range []struct{ k, want int }{
		{0, 0}, {-5, 0}, {1, 1}, {9, 10}, {0, 10}, {-1, 10}, {85, 95}, {10, 100}, {1, 100}, {1 << 30, 100},
	} {
		before, epoch := a.Model(), a.Epoch()
		if got := a.Step(c.k); got != c.want || a.Epoch() != c.want {
			t.Fatalf("Step(%d) = %d, Epoch() = %d; want %d", c.k, got, a.Epoch(), c.want)
		}
		// The model moves exactly when epochs were done (the gradient is
		// not zero on overlapping clouds).
		if moved, stepped := a.Model() != before, a.Epoch() > epoch; moved != stepped {
			t.Fatalf("Step(%d) from epoch %d: model moved = %v, epochs done = %v", c.k, epoch, moved, stepped)
		}
	}
	if !a.Done() {
		t.Error("Done() = false after all epochs")
	}
	final := a.Model()
	if a.Step(5); a.Model() != final || a.Epoch() != 100 {
		t.Error("Step after Done changed the model or the epoch")
	}
	a.Run()
	if a.Model() != final {
		t.Error("Run after Done changed the model")
	}
	if l := a.Loss(); !(l < math.Ln2) {
		t.Errorf("Loss() after 100 epochs = %v, want below the initial ln 2", l)
	}
}

// TestArticleGoroutinesBitIdentical checks the claim that makes the browser
// (one thread) and the command line (two goroutines) agree: the weights
// are the same bit for bit. It sets GOMAXPROCS, so it does not run in
// parallel with other tests. Under js/wasm there is one thread, and
// GOMAXPROCS(2) makes the two goroutines take turns: slower, but the
// result must be the same.
func TestArticleGoroutinesBitIdentical(t *testing.T) {
	epochs := 200
	if runtime.GOARCH == "wasm" {
		epochs = 20
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	// Even and odd counts, above 2·minParallelHalf so that two goroutines
	// are used when allowed.
	for _, n := range []int{2 * data.ArticlePerClass, 2*minParallelHalf*2 + 1} {
		all, _ := data.Clouds((n+1)/2, 7)
		points := all[:n]
		var models [2]model.Linear
		for i, procs := range []int{1, 2} {
			runtime.GOMAXPROCS(procs)
			a, _ := NewArticle(points)
			a.Epochs = epochs
			a.Step(epochs / 2)
			a.Run()
			models[i] = a.Model()
		}
		if models[0] != models[1] {
			t.Errorf("%d points: one goroutine %+v, two %+v", n, models[0], models[1])
		}
	}
}

func TestNewArticleErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		points []data.Point
	}{
		{"nil", nil},
		{"empty", []data.Point{}},
		{"NaN", []data.Point{{X: 1, Y: math.NaN(), Label: 0}}},
		{"Inf", []data.Point{{X: 0, Y: 0, Label: 0}, {X: math.Inf(-1), Y: 0, Label: 1}}},
		{"label 2", []data.Point{{X: 0, Y: 0, Label: 2}}},
	} {
		a, err := NewArticle(c.points)
		if err == nil || a != nil {
			t.Errorf("NewArticle(%s) = %v, %v; want nil and an error", c.name, a, err)
		}
	}
}
