package theory

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
)

// bestLine returns the best boundary for the clouds in d dimensions:
// w = 1_d through the midpoint (m/2)·1_d of the means, m = 2√(2/d), so
// b = −d·m/2 = −√(2d).
func bestLine(d int) (w []float64, b float64, means [2][]float64) {
	m := 2 * math.Sqrt(2/float64(d))
	w = make([]float64, d)
	means = [2][]float64{make([]float64, d), make([]float64, d)}
	for j := range w {
		w[j], means[1][j] = 1, m
	}
	return w, -math.Sqrt(2 * float64(d)), means
}

// TestDimensionErrorTable checks DimensionError against the table of
// Φ((ε√d − √2)/σ) at σ = 1/2 that the page quotes, in percent, to the
// rounding of its four significant digits (half a unit in the last one).
// The figures were computed from the closed form with math.Erfc, which the
// test also evaluates, so a wrong figure fails as well as a wrong function.
func TestDimensionErrorTable(t *testing.T) {
	t.Parallel()
	dims := []int{2, 8, 32, 128, 512, 1024}
	for _, row := range []struct {
		eps float64
		pct []float64
		ulp []float64 // half a unit in the last printed digit
	}{
		{0, []float64{0.234, 0.234, 0.234, 0.234, 0.234, 0.234}, []float64{5e-4, 5e-4, 5e-4, 5e-4, 5e-4, 5e-4}},
		{0.1, []float64{0.545, 1.183, 4.484, 28.58, 95.52, 99.98}, []float64{5e-4, 5e-4, 5e-4, 5e-3, 5e-3, 5e-3}},
		{0.2, []float64{1.183, 4.484, 28.58, 95.52, 100.0, 100.0}, []float64{5e-4, 5e-4, 5e-3, 5e-3, 5e-2, 5e-2}},
	} {
		for i, d := range dims {
			got := 100 * DimensionError(d, data.CloudSigma, row.eps, attack.LInf)
			want := 100 * phi((row.eps*math.Sqrt(float64(d))-math.Sqrt2)/data.CloudSigma)
			if math.Abs(got-row.pct[i]) > row.ulp[i] || math.Abs(want-row.pct[i]) > row.ulp[i] {
				t.Errorf("d = %d, ε = %v: DimensionError %.5f %%, erfc %.5f %%, table %v %%", d, row.eps, got, want, row.pct[i])
			}
		}
	}
	// In the L2 ball the attack moves the score by ε‖w‖₂, the same in every
	// dimension: Φ((0.2 − √2)/0.5) = 0.758 %.
	for _, d := range dims {
		if got := 100 * DimensionError(d, data.CloudSigma, 0.2, attack.L2); math.Abs(got-0.758) > 5e-4 {
			t.Errorf("d = %d, L2, ε = 0.2: DimensionError %.5f %%, want 0.758 %%", d, got)
		}
	}
}

// TestLinearErrorBestLine checks that the general form with the best
// line's (w, b) is DimensionError, and at d = 2 the existing CloudsError
// and BayesError. The two compute the argument x of Φ differently: the sum
// w·μ₁ of d ≤ 1024 terms of size m carries a rounding error below
// d·2⁻⁵³·√(2d) ≤ 5e-12, which moves x by at most 2e-11 for σ ≥ 1/4, and in
// the tail Φ's relative change is about |x|·δx ≤ 12·2e-11 (|x| ≤ 2√2/σ + ε√d/σ
// stays below 12 here): hence 3e-10 relative.
func TestLinearErrorBestLine(t *testing.T) {
	t.Parallel()
	const tol = 3e-10
	for _, d := range []int{1, 2, 3, 16, 784, 1024} {
		w, b, means := bestLine(d)
		for _, sigma := range []float64{0.25, 0.5, 1} {
			for _, eps := range []float64{0, 0.05, 0.2, 0.5} {
				for _, ball := range []attack.Norm{attack.LInf, attack.L2} {
					want := DimensionError(d, sigma, eps, ball)
					if got := LinearError(w, b, means, sigma, eps, ball); math.Abs(got-want) > tol*want {
						t.Errorf("d = %d, σ = %v, ε = %v, %s: LinearError %v, DimensionError %v", d, sigma, eps, ball, got, want)
					}
				}
			}
		}
	}
	_, _, means := bestLine(2)
	for _, eps := range []float64{0, 0.2, 0.5} {
		for _, ball := range []attack.Norm{attack.LInf, attack.L2} {
			want := CloudsError(Bayes, data.CloudSigma, eps, ball)
			if got := LinearError(Bayes.W[:], Bayes.B, means, data.CloudSigma, eps, ball); math.Abs(got-want) > tol*want {
				t.Errorf("ε = %v, %s: LinearError(Bayes) %v, CloudsError %v", eps, ball, got, want)
			}
		}
		if got, want := DimensionError(2, data.CloudSigma, eps, attack.LInf), BayesError(eps); math.Abs(got-want) > tol*want {
			t.Errorf("ε = %v: DimensionError(2) %v, BayesError %v", eps, got, want)
		}
	}
}

// TestLinearErrorMonteCarlo compares LinearError with the error measured on
// 2×50,000 points drawn from the two classes and attacked in closed form
// (x − sₖ·ε·sign(w) in L∞, x − sₖ·ε·w/‖w‖₂ in L2), for tilted, off-centre
// boundaries in 5 and 40 dimensions. The bound is 4 standard errors,
// 4·√(p(1−p)/N) with N = 100,000 (see TestCloudsErrorMonteCarlo), plus
// 1/N for a rate near 0 or 1.
func TestLinearErrorMonteCarlo(t *testing.T) {
	t.Parallel()
	const perClass = 50000
	rnd := data.NewRand(11)
	for _, c := range []struct {
		d     int
		sigma float64
		bias  float64 // added to the midpoint bias
	}{
		{5, 0.5, 0},
		{5, 1, 0.3},
		{40, 0.5, -0.2},
	} {
		w := make([]float64, c.d)
		means := [2][]float64{make([]float64, c.d), make([]float64, c.d)}
		var mid float64
		for j := range w {
			w[j] = rnd.NormFloat64() + 0.5
			means[0][j] = rnd.NormFloat64() * 0.1
			means[1][j] = means[0][j] + 2/math.Sqrt(float64(c.d)) + rnd.NormFloat64()*0.1
			mid += w[j] * (means[0][j] + means[1][j]) / 2
		}
		b := -mid + c.bias
		var l2 float64
		for _, v := range w {
			l2 += v * v
		}
		l2 = math.Sqrt(l2)
		x := make([]float64, c.d)
		for _, ball := range []attack.Norm{attack.LInf, attack.L2} {
			for _, eps := range []float64{0, 0.1, 0.3} {
				wrong := 0
				for k := range 2 {
					s := float64(2*k - 1)
					for range perClass {
						z := b
						for j, v := range w {
							x[j] = means[k][j] + c.sigma*rnd.NormFloat64()
							step := attack.Sign(v)
							if ball == attack.L2 {
								step = v / l2
							}
							z += v * (x[j] - s*eps*step)
						}
						if (z > 0) != (k == 1) {
							wrong++
						}
					}
				}
				got := float64(wrong) / (2 * perClass)
				want := LinearError(w, b, means, c.sigma, eps, ball)
				n := float64(2 * perClass)
				if bound := 4*math.Sqrt(want*(1-want)/n) + 1/n; math.Abs(got-want) > bound {
					t.Errorf("d = %d, σ = %v, %s, ε = %v: measured %.4f, LinearError %.4f ± %.4f", c.d, c.sigma, ball, eps, got, want, bound)
				}
			}
		}
	}
}

// TestLinearErrorDegenerate checks the cases without spread: a constant
// classifier errs on half the points, and with σ = 0 each class is its
// mean, counted by the attacked margin's sign (a point on the boundary is
// class 0).
func TestLinearErrorDegenerate(t *testing.T) {
	t.Parallel()
	means := [2][]float64{{0, 0}, {2, 2}}
	for _, c := range []struct {
		w    []float64
		b    float64
		eps  float64
		want float64
	}{
		{[]float64{0, 0}, 1, 0.3, 0.5},
		{[]float64{1, 1}, -2, 0, 0},   // margins 2 and 2
		{[]float64{1, 1}, -2, 1, 0.5}, // ε‖w‖₁ = 2: both attacked margins 0, class 1 wrong
		{[]float64{1, 1}, -2, 3, 1},   // attacked margins −4
		{[]float64{1, 1}, -4, 0, 0.5}, // class 1 on the boundary: wrong
		{[]float64{1, 1}, 0, 0, 0},    // class 0 on the boundary: right
		{[]float64{1, 1}, 1, 0, 0.5},  // class 0 on the wrong side
	} {
		got := LinearError(c.w, c.b, means, 0, c.eps, attack.LInf)
		if got != c.want {
			t.Errorf("LinearError(%v, %v, σ = 0, ε = %v) = %v, want %v", c.w, c.b, c.eps, got, c.want)
		}
	}
}

func TestDimensionPanics(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"LinearError lengths", func() { LinearError([]float64{1}, 0, [2][]float64{{0, 0}, {1, 1}}, 1, 0, attack.LInf) }},
		{"DimensionError d", func() { DimensionError(0, 1, 0, attack.LInf) }},
		{"DimensionError σ", func() { DimensionError(2, 0, 0, attack.LInf) }},
	} {
		func() {
			defer func() {
				if s, ok := recover().(string); !ok || !strings.HasPrefix(s, "theory: ") {
					t.Errorf("%s: recovered %q, want a panic starting with \"theory: \"", c.name, s)
				}
			}()
			c.f()
		}()
	}
}

func ExampleDimensionError() {
	// The best boundary of the clouds in d dimensions under FGSM with
	// ε = 0.1: the attack moves the score by ε√d, the classes stay √2 from
	// the boundary.
	for _, d := range []int{2, 32, 512} {
		fmt.Printf("d = %4d: %.4g %%\n", d, 100*DimensionError(d, 0.5, 0.1, attack.LInf))
	}
	// Output:
	// d =    2: 0.5455 %
	// d =   32: 4.484 %
	// d =  512: 95.52 %
}
