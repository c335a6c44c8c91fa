package theory

import (
	"fmt"
	"math"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/metrics"
	"advplay/engine/model"
)

// phi is the standard normal CDF written with math.Erfc, independently of
// gonum's distuv: Φ(x) = erfc(−x/√2)/2.
func phi(x float64) float64 { return math.Erfc(-x/math.Sqrt2) / 2 }

// TestBayesErrorFigures checks the rounded figures that logreg's
// TestFitBayes quotes for the Bayes boundary, Φ(−2√2·(1−ε)) = 0.234 %,
// 1.18 %, 7.87 % at ε = 0, 0.2, 0.5, to one unit in their last digit:
// Φ(−√2) = 7.86496 % (TestBayesErrorClosedForm evaluates it through
// math.Erfc), which rounds up to 7.87 %.
func TestBayesErrorFigures(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ eps, pct, tol float64 }{
		{0, 0.234, 0.001},
		{0.2, 1.18, 0.01},
		{0.5, 7.87, 0.01},
	} {
		if got := 100 * BayesError(c.eps); math.Abs(got-c.pct) > c.tol {
			t.Errorf("BayesError(%v) = %.4f %%, want %v %%", c.eps, got, c.pct)
		}
	}
}

// TestBayesErrorClosedForm compares BayesError and CloudsError with the
// closed forms evaluated through math.Erfc, to 1e-13 relative (both CDFs
// are accurate to a few ulps; the argument rounds a few times).
func TestBayesErrorClosedForm(t *testing.T) {
	t.Parallel()
	const tol = 1e-13
	for _, eps := range metrics.Grid(2, 80) {
		want := phi(-2 * math.Sqrt2 * (1 - eps))
		if got := BayesError(eps); math.Abs(got-want) > tol*want {
			t.Errorf("BayesError(%v) = %v, closed form %v", eps, got, want)
		}
		// CloudsError with the Bayes model and σ = 1/2 is the same formula.
		if got := CloudsError(Bayes, data.CloudSigma, eps, attack.LInf); math.Abs(got-want) > tol*want {
			t.Errorf("CloudsError(Bayes, L∞, %v) = %v, closed form %v", eps, got, want)
		}
		// In the L2 ball the margin 2 falls by ε‖w‖₂ = ε√2 and the spread
		// is σ‖w‖₂ = √2/2: Φ(−(2 − ε√2)/(√2/2)) = Φ(2ε − 2√2).
		wantL2 := phi(2*eps - 2*math.Sqrt2)
		if got := CloudsError(Bayes, data.CloudSigma, eps, attack.L2); math.Abs(got-wantL2) > tol*wantL2 {
			t.Errorf("CloudsError(Bayes, L2, %v) = %v, closed form %v", eps, got, wantL2)
		}
	}
	if Bayes != (model.Linear{W: [2]float64{1, 1}, B: -2}) {
		t.Errorf("Bayes = %+v, want the boundary x₁ + x₂ = 2", Bayes)
	}
}

// TestCloudsErrorScaleInvariant checks that scaling w and b by c > 0, which
// leaves the boundary where it is, leaves the error unchanged, and that a
// constant model errs on half the points.
func TestCloudsErrorScaleInvariant(t *testing.T) {
	t.Parallel()
	m := model.Linear{W: [2]float64{1.34, 1.35}, B: -1.48}
	for _, eps := range []float64{0, 0.2, 0.5} {
		want := CloudsError(m, 0.5, eps, attack.LInf)
		for _, c := range []float64{1e-3, 7, 1e3} {
			s := model.Linear{W: [2]float64{c * m.W[0], c * m.W[1]}, B: c * m.B}
			if got := CloudsError(s, 0.5, eps, attack.LInf); math.Abs(got-want) > 1e-13*want {
				t.Errorf("ε = %v: CloudsError(%v·m) = %v, CloudsError(m) = %v", eps, c, got, want)
			}
		}
	}
	for _, b := range []float64{-3, 0, 2} {
		if got := CloudsError(model.Linear{B: b}, 0.5, 0.3, attack.L2); got != 0.5 {
			t.Errorf("CloudsError(w = 0, b = %v) = %v, want 1/2", b, got)
		}
	}
}

// TestCloudsErrorMonteCarlo compares CloudsError with the measured error
// of attacking 2×50,000 freshly generated points, for several boundaries,
// spreads, budgets and both balls. The bound is 4 standard errors of the
// measured rate, 4·√(p(1−p)/N) with N = 100,000: each class contributes
// pₖ(1−pₖ)/(4n) to the variance, and p₀(1−p₀)+p₁(1−p₁) ≤ 2p(1−p) for
// p = (p₀+p₁)/2, so the variance is at most p(1−p)/N.
func TestCloudsErrorMonteCarlo(t *testing.T) {
	t.Parallel()
	const perClass = 50000
	for _, c := range []struct {
		m     model.Linear
		sigma float64
	}{
		{model.Linear{W: [2]float64{1.34, 1.35}, B: -1.48}, 0.5}, // the article's recipe
		{model.Linear{W: [2]float64{9.2, 8.9}, B: -17.8}, 0.5},   // a converged fit
		{model.Linear{W: [2]float64{2, -0.5}, B: -1}, 0.5},       // tilted and off-centre
		{model.Linear{W: [2]float64{1, 1}, B: -2}, 1},            // wider clouds
	} {
		points := data.GaussianClouds(perClass, c.sigma, 2024)
		n := float64(len(points))
		for _, a := range []attack.Config{{Method: attack.FGSM}, {Method: attack.FGM}} {
			for _, eps := range []float64{0, 0.2, 0.5} {
				a.Epsilon = eps
				got, err := metrics.AdversarialError(&c.m, points, a)
				if err != nil {
					t.Fatal(err)
				}
				want := CloudsError(c.m, c.sigma, eps, a.BallNorm())
				if bound := 4 * math.Sqrt(want*(1-want)/n); math.Abs(got-want) > bound {
					t.Errorf("%+v, σ = %v, %s, ε = %v: measured %.4f, CloudsError %.4f ± %.4f",
						c.m, c.sigma, a.Method, eps, got, want, bound)
				}
			}
		}
	}
}

func ExampleBayesError() {
	// The error of the best possible boundary on the article's clouds,
	// under FGSM with budget ε.
	for _, eps := range []float64{0, 0.2, 0.5} {
		fmt.Printf("ε = %.1f: %.4g %%\n", eps, 100*BayesError(eps))
	}
	// Output:
	// ε = 0.0: 0.2339 %
	// ε = 0.2: 1.183 %
	// ε = 0.5: 7.865 %
}
