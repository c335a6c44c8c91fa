package scene

import (
	"testing"
	"time"

	"advplay/engine/article"
)

// TestTickerRunsToTheEnd: with a Target no Tick reaches, the epochs per
// Tick climb from 1 to MaxEpochs at once and stay there, so the article's
// 20,000 epochs take 1 + ⌈19,999/64⌉ = 314 Ticks, and the model has the
// same bits as one straight run.
func TestTickerRunsToTheEnd(t *testing.T) {
	const maxEpochs = 64
	s, straight := newScene(t), newScene(t)
	for _, sc := range []*Scene{s, straight} {
		if err := sc.Apply(decode(t, `{"training": {"recipe": "article"}}`)); err != nil {
			t.Fatal(err)
		}
	}
	tk := Ticker{Target: time.Hour, MaxEpochs: maxEpochs}
	ticks := 0
	var sum time.Duration
	spent := tk.Run(s, time.Hour, func(d time.Duration) { ticks++; sum += d })
	if want := 1 + (article.Epochs-1+maxEpochs-1)/maxEpochs; ticks != want {
		t.Errorf("%d Ticks, want %d", ticks, want)
	}
	if s.Running() || s.Peek().Training.Epoch != article.Epochs {
		t.Errorf("after Run: running %v at epoch %d, want stopped at %d", s.Running(), s.Peek().Training.Epoch, article.Epochs)
	}
	if spent != sum {
		t.Errorf("Run returned %v, its Ticks took %v", spent, sum)
	}
	straight.Tick(article.Epochs)
	got, want := s.State().Model, straight.State().Model
	if !sameBits(got.Bias, want.Bias) || !sameBits(got.Weights[0], want.Weights[0]) || !sameBits(got.Weights[1], want.Weights[1]) {
		t.Errorf("ticked model %v %v, straight run %v %v", got.Weights, got.Bias, want.Weights, want.Bias)
	}
	// Nothing runs: no Tick.
	if d := tk.Run(s, time.Hour, func(time.Duration) { t.Error("a Tick after the end") }); d != 0 {
		t.Errorf("Run on a finished training took %v", d)
	}
}

// TestTickerBudget: a zero budget runs no Tick.
func TestTickerBudget(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"training": {"recipe": "article"}}`)); err != nil {
		t.Fatal(err)
	}
	tk := Ticker{Target: time.Millisecond, MaxEpochs: 100}
	tk.Run(s, 0, func(time.Duration) { t.Error("a Tick within a zero budget") })
	if ep := s.Peek().Training.Epoch; ep != 0 {
		t.Errorf("epoch %d after a zero budget", ep)
	}
}

// TestTickerAdapt checks the smoothing: the next epochs are 0.7 of the
// last plus 0.3 of what would have taken Target, within [1, MaxEpochs].
func TestTickerAdapt(t *testing.T) {
	cases := []struct {
		epochs int
		took   time.Duration
		want   int
	}{
		{100, 10 * time.Millisecond, 85},    // 0.7·100 + 0.3·50
		{100, 2500 * time.Microsecond, 130}, // 0.7·100 + 0.3·200
		{100, 5 * time.Millisecond, 100},
		{100, 0, 100},                // no measure, no change
		{1, time.Hour, 1},            // never below 1
		{900, time.Nanosecond, 1000}, // never above MaxEpochs
	}
	for _, c := range cases {
		tk := Ticker{Target: 5 * time.Millisecond, MaxEpochs: 1000, epochs: c.epochs}
		tk.adapt(c.took)
		if got := tk.Epochs(); got != c.want {
			t.Errorf("%d epochs took %v: next %d, want %d", c.epochs, c.took, got, c.want)
		}
	}
}

func TestTickerPanicsWithoutMaxEpochs(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Run with MaxEpochs 0 did not panic")
		}
	}()
	var tk Ticker
	tk.Run(newScene(t), time.Second, nil)
}
