package scene

import (
	"testing"
	"time"
)

// The figures on the MNIST preset (3 against 7, 2×2,000 training
// digits, every error on the 2,038 test digits, PGD at ε = 0.2 within the
// pixel box): logistic regression and the network, each trained plainly
// and with PGD adversarial training at ε = 0.2, and the time each scene
// takes to train. The benchmarks print them and assert no time; the test
// asserts the robust network's error only.

// digitFigures is what a trained scene of the digits shows.
type digitFigures struct {
	train        time.Duration // the Tick loop, from the preset chosen to the training done
	clean, under float64       // the error on the clean and on the attacked test digits
}

// trainDigits returns the MNIST preset's scene with the patch's settings on
// top, attacked by PGD at ε = 0.2, trained to the end as a page's worker
// trains it, and its figures. The time is the whole scene's: under a
// defense the same model trained plainly beside it, and beside a robust
// network logistic regression under the same defense (the chart's
// comparisons), as a visitor waits for them.
func trainDigits(tb testing.TB, p Patch) (*Scene, digitFigures) {
	tb.Helper()
	q := Patch{"attack": Patch{"method": "pgd"}, "epsilon": 0.2}
	for k, v := range p {
		q[k] = v
	}
	s := digitScene(tb, q)
	start := time.Now()
	for s.Running() {
		s.Tick(100)
	}
	f := digitFigures{train: time.Since(start)}
	st := s.Summary()
	if st.Training.Error != "" {
		tb.Fatalf("training %v: %s", p, st.Training.Error)
	}
	f.clean, f.under = st.Metrics.CleanError, st.Metrics.AdversarialError
	return s, f
}

// benchDigits trains the scene of the patch (trainDigits) at each
// iteration, and reports the training time (train-s) and the errors in
// percent (clean-%, pgd0.2-%), and logs them on one figure line. Its
// ns/op is more than train-s: it holds choosing the preset as well
// (putting the digits on the shelf, the scene's plane, the first attack)
// and the last attack.
func benchDigits(b *testing.B, name string, p Patch) {
	var f digitFigures
	for b.Loop() {
		_, f = trainDigits(b, p)
	}
	b.ReportMetric(f.train.Seconds(), "train-s")
	b.ReportMetric(100*f.clean, "clean-%")
	b.ReportMetric(100*f.under, "pgd0.2-%")
	b.Logf("figure: %s on 3 vs 7: clean test error %.2f %%, under PGD at ε = 0.2 %.2f %%, trained in %.1f s",
		name, 100*f.clean, 100*f.under, f.train.Seconds())
}

var (
	digitLogReg  = Patch{}
	digitNetwork = Patch{"model": Patch{"kind": "mlp"}}
	robustPGD    = Patch{"method": "pgd", "epsilon": 0.2}
)

func BenchmarkDigitsLogReg(b *testing.B) { benchDigits(b, "logistic regression", digitLogReg) }
func BenchmarkDigitsRobustLinear(b *testing.B) {
	benchDigits(b, "robust linear (PGD training at ε = 0.2)", Patch{"defense": robustPGD})
}
func BenchmarkDigitsNetwork(b *testing.B) { benchDigits(b, "plain network", digitNetwork) }
func BenchmarkDigitsRobustNetwork(b *testing.B) {
	benchDigits(b, "robust network (PGD training at ε = 0.2)", Patch{"model": Patch{"kind": "mlp"}, "defense": robustPGD})
}

// TestDigitsRobustNetwork checks the target for the network
// trained with PGD at ε = 0.2 (Madry et al., arXiv:1706.06083; the
// scene's defaults, network.PGDTraining): under PGD at ε = 0.2 it errs on
// at most 20 % of the test digits (15.31 % natively and in WebAssembly
// alike, seed 1). It logs the robust linear model's figure beside it,
// logistic regression trained under the same defense, whose error is not
// asserted: within the pixel box it defends too (advtrain.FitLinearBox's
// doc has its figures).
func TestDigitsRobustNetwork(t *testing.T) {
	s, f := trainDigits(t, Patch{"model": Patch{"kind": "mlp"}, "defense": robustPGD})
	t.Logf("figure: robust network (PGD training at ε = 0.2) on 3 vs 7: clean test error %.2f %%, under PGD at ε = 0.2 %.2f %%, trained in %.1f s",
		100*f.clean, 100*f.under, f.train.Seconds())
	if f.under > 0.20 {
		t.Errorf("the robust network errs on %.2f %% of the test digits under PGD at ε = 0.2, want at most 20 %%", 100*f.under)
	}
	if err := s.Apply(Patch{"model": Patch{"kind": "logreg"}}); err != nil {
		t.Fatal(err)
	}
	for s.Running() {
		s.Tick(100)
	}
	m := s.Summary().Metrics
	t.Logf("figure: robust linear (PGD training at ε = 0.2) on 3 vs 7: clean test error %.2f %%, under PGD at ε = 0.2 %.2f %%",
		100*m.CleanError, 100*m.AdversarialError)
}
