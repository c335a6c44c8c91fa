package linear

import (
	"math"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/mnist"
	"advplay/engine/mnist/mnisttest"
)

// Goodfellow et al.'s Fig. 2 ("Explaining and Harnessing Adversarial
// Examples", ICLR 2015): logistic regression on MNIST's 3s and 7s errs on
// 1.6 % of the clean test digits and on 99 % of their FGSM versions at
// ε = 0.25.
const (
	paperClean = 0.016
	paperFGSM  = 0.99
)

// TestFig2 fits the MNIST preset's logistic regression on 3 against 7
// (DigitsFitOptions; 2×2,000 training digits) and measures on the 2,038
// test digits the clean error and the error under FGSM, unclipped and
// within the pixel box [0, 1] (PerturbBox, the worst case there), at a few
// ε. It asserts the preset's targets: a clean error within 1 point of the
// paper's 1.6 %, and at least 98 % of the digits flipped within the box at
// ε = 0.25. It also checks the exact error curve against BoxErrorRate at
// each ε, and that a fit to DefaultGradTolerance gives the same errors.
func TestFig2(t *testing.T) {
	train, test := mnisttest.Pair(t, mnist.DefaultPair)
	res, err := Fit(train, DigitsFitOptions())
	if err != nil || !res.Converged {
		t.Fatalf("fit: %+v, %v", res, err)
	}
	m := res.Model
	clean := ErrorRate(m, test, 0, attack.LInf)
	t.Logf("figure: Fig. 2 (3 vs 7, λ = %g, tolerance %g): %d passes, training error %.2f %%, clean test error %.2f %% (paper 1.6 %%), ‖w‖₁ = %.1f, ‖w‖₂ = %.2f",
		DigitsL2, DigitsGradTolerance, res.Evaluations, 100*ErrorRate(m, train, 0, attack.LInf), 100*clean, m.Norm1(), m.Norm2())
	curve := NewErrorCurve(m, test, PixelBox)
	tight, err := Fit(train, FitOptions{L2: DigitsL2, Sparse: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, eps := range []float64{0.05, 0.1, 0.15, 0.2, 0.25, 0.3} {
		fgsm, box := ErrorRate(m, test, eps, attack.LInf), BoxErrorRate(m, test, eps, PixelBox)
		t.Logf("figure: Fig. 2 at ε = %.2f: FGSM error %.2f %% without the box, %.2f %% within [0, 1]", eps, 100*fgsm, 100*box)
		if got := curve.Rate(eps); got != box {
			t.Errorf("ε = %v: error curve %v, BoxErrorRate %v", eps, got, box)
		}
		if a, b := BoxErrorRate(tight.Model, test, eps, PixelBox), box; math.Abs(a-b) > 1.5/float64(test.Len()) {
			t.Errorf("ε = %v: %v at the default tolerance, %v at the preset's", eps, a, b)
		}
	}
	t.Logf("figure: Fig. 2: half the test digits flip within the box at ε = %.3f", curve.Thresholds[test.Len()/2])
	if math.Abs(clean-paperClean) > 0.01 {
		t.Errorf("clean test error %.2f %%, more than 1 point from the paper's 1.6 %%", 100*clean)
	}
	if box := BoxErrorRate(m, test, 0.25, PixelBox); box < 0.98 {
		t.Errorf("FGSM within the box at ε = 0.25 flips %.2f %% of the test digits, want at least 98 %% (paper 99 %%)", 100*box)
	}
}

// TestDigitsL2 measures the choice of DigitsL2 (see its doc): at λ one
// step either side, the clean error stays within the sampling error while
// the boxed FGSM error at ε = 0.25 falls with λ, below 98 % at 1e-3.
func TestDigitsL2(t *testing.T) {
	if testing.Short() {
		t.Skip("four fits of the digits")
	}
	train, test := mnisttest.Pair(t, mnist.DefaultPair)
	var prev float64 = 2
	for _, l2 := range []float64{1e-4, DigitsL2, 5e-4, 1e-3} {
		opt := DigitsFitOptions()
		opt.L2 = l2
		res, err := Fit(train, opt)
		if err != nil {
			t.Fatal(err)
		}
		m := res.Model
		clean, box := ErrorRate(m, test, 0, attack.LInf), BoxErrorRate(m, test, 0.25, PixelBox)
		t.Logf("figure: 3 vs 7 at λ = %g: %d passes, clean test error %.2f %%, FGSM within the box at ε = 0.25 %.2f %%, at 0.1 %.2f %%, ‖w‖₁ = %.1f",
			l2, res.Evaluations, 100*clean, 100*box, 100*BoxErrorRate(m, test, 0.1, PixelBox), m.Norm1())
		if math.Abs(clean-paperClean) > 0.01 {
			t.Errorf("λ = %g: clean error %.2f %%", l2, 100*clean)
		}
		if box > prev {
			t.Errorf("λ = %g: the boxed error %v rises with λ", l2, box)
		}
		prev = box
	}
	if prev >= 0.98 {
		t.Errorf("λ = 1e-3 still flips %.2f %% at ε = 0.25: DigitsL2's doc is out of date", 100*prev)
	}
}

// benchDigits times the MNIST preset's fit on 3 against 7 with the given
// options, and reports the passes over the points.
func benchDigits(b *testing.B, opt FitOptions) {
	train, _ := mnisttest.Pair(b, mnist.DefaultPair)
	var res FitResult
	for b.Loop() {
		var err error
		if res, err = Fit(train, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Evaluations), "passes")
}

// benchFig2 times what the page does for Fig. 2: the fit, then the clean
// and boxed FGSM errors on the test digits at ε = 0.25.
func benchFig2(b *testing.B) {
	train, test := mnisttest.Pair(b, mnist.DefaultPair)
	for b.Loop() {
		res, err := Fit(train, DigitsFitOptions())
		if err != nil {
			b.Fatal(err)
		}
		ErrorRate(res.Model, test, 0, attack.LInf)
		BoxErrorRate(res.Model, test, 0.25, PixelBox)
	}
}

// benchCurve times the exact error curve on the test digits.
func benchCurve(b *testing.B) {
	train, test := mnisttest.Pair(b, mnist.DefaultPair)
	res, _ := Fit(train, DigitsFitOptions())
	for b.Loop() {
		NewErrorCurve(res.Model, test, PixelBox)
	}
}

func withDense(o FitOptions) FitOptions { o.Sparse = false; return o }
func converged(o FitOptions) FitOptions { o.GradTolerance = 0; return o }

func BenchmarkFitDigits(b *testing.B)          { benchDigits(b, DigitsFitOptions()) }
func BenchmarkFitDigitsDense(b *testing.B)     { benchDigits(b, withDense(DigitsFitOptions())) }
func BenchmarkFitDigitsConverged(b *testing.B) { benchDigits(b, converged(DigitsFitOptions())) }
func BenchmarkFitDigitsConvergedDense(b *testing.B) {
	benchDigits(b, withDense(converged(DigitsFitOptions())))
}
func BenchmarkFig2(b *testing.B)             { benchFig2(b) }
func BenchmarkErrorCurveDigits(b *testing.B) { benchCurve(b) }
