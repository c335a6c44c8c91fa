package linear

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/metrics"
	"advplay/engine/model"
	"advplay/engine/theory"
)

// TestAttackMatchesPackageAttack checks the closed forms against package
// attack's gradient attacks on a model in the plane: FGSM bit for bit
// (both add ±ε·sign(w)), FGM to 2 ulps of |x| + ε (package attack divides
// the gradient (σ(z)−y)·w by its own norm, so the step rounds
// differently), and the error counts exactly.
func TestAttackMatchesPackageAttack(t *testing.T) {
	t.Parallel()
	points, _ := data.Clouds(500, 2)
	s, _ := data.SamplesFromPoints(points)
	for _, w := range [][2]float64{{9.2, 8.9}, {-2, 0.5}, {0, 3}} {
		m2 := model.Linear{W: w, B: -1.5}
		m := Model{W: w[:], B: -1.5}
		for _, method := range []attack.Method{attack.FGSM, attack.FGM} {
			cfg := attack.Config{Method: method, Epsilon: 0.3}
			adv, err := attack.Apply(&m2, points, cfg)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range points {
				got := m.Perturb(make([]float64, 2), []float64{p.X, p.Y}, p.Label, cfg.Epsilon, cfg.BallNorm())
				want := adv[i].Vec()
				for j := range 2 {
					tol := 0.0
					if method == attack.FGM {
						tol = 2 * 0x1p-52 * (math.Abs(want[j]) + cfg.Epsilon)
					}
					if math.Abs(got[j]-want[j]) > tol {
						t.Fatalf("w = %v, %s, point %d: %v, package attack %v", w, method, i, got, want)
					}
				}
			}
			wantRate, _ := metrics.AdversarialError(&m2, points, cfg)
			if got := ErrorRate(m, s, cfg.Epsilon, cfg.BallNorm()); got != wantRate {
				t.Errorf("w = %v, %s: ErrorRate %v, metrics.AdversarialError %v", w, method, got, wantRate)
			}
		}
	}
}

// TestStepLowersMargin checks that each attack lowers every margin
// s·(w·x + b) by ε‖w‖₁ (L∞) or ε‖w‖₂ (L2), to 1e-12 relative to the terms
// summed, and never moves a coordinate by more than ε (L∞) or the point by
// more than ε (L2), up to the rounding of x + δ (one ulp of |x| ≤ 4).
func TestStepLowersMargin(t *testing.T) {
	t.Parallel()
	rnd := data.NewRand(3)
	const d, eps = 50, 0.07
	m := Model{W: make([]float64, d), B: 0.3}
	x := make([]float64, d)
	for j := range m.W {
		m.W[j] = rnd.NormFloat64()
		x[j] = rnd.NormFloat64()
	}
	m.W[7] = 0 // sign(0) = 0: not moved under L∞
	for label := range 2 {
		s := float64(2*label - 1)
		for _, ball := range []attack.Norm{attack.LInf, attack.L2} {
			adv := m.Perturb(make([]float64, d), x, label, eps, ball)
			drop := s*m.Logit(x) - s*m.Logit(adv)
			want := eps * m.Norm1()
			if ball == attack.L2 {
				want = eps * m.Norm2()
			}
			if math.Abs(drop-want) > 1e-12*(m.Norm1()*(1+math.Abs(m.Logit(x)))) {
				t.Errorf("label %d, %s: margin drops by %v, want %v", label, ball, drop, want)
			}
			var sq, worst float64
			for j := range x {
				sq += (adv[j] - x[j]) * (adv[j] - x[j])
				worst = max(worst, math.Abs(adv[j]-x[j]))
			}
			if ball == attack.LInf && (worst > eps+4*0x1p-52 || adv[7] != x[7]) {
				t.Errorf("label %d, L∞: a coordinate moved by %v (x8 by %v), budget %v", label, worst, adv[7]-x[7], eps)
			}
			if ball == attack.L2 && math.Sqrt(sq) > eps+4*0x1p-52*math.Sqrt(d) {
				t.Errorf("label %d, L2: moved by %v, budget %v", label, math.Sqrt(sq), eps)
			}
		}
	}
}

// TestMeasuredMatchesClosedForm is the check of the linear explanation:
// on fresh test points of the clouds in d dimensions, the measured error of
// the best line (Bisector) and of the converged fit, clean and under FGSM
// and FGM, is within 3 binomial standard deviations, 3·√(p(1−p)/N), of the
// closed form (theory.DimensionError for the best line, theory.LinearError
// with the fit's own (w, b)), plus 1/N for a rate that rounds to 0 or 1.
// Each class has 10,000 points, fewer where the training points would
// exceed data.MaxCoordinates.
func TestMeasuredMatchesClosedForm(t *testing.T) {
	t.Parallel()
	const sigma = data.CloudSigma
	for _, d := range []int{2, 16, 128, 1024} {
		perClass := min(10000, data.MaxCoordinates/(2*d))
		train, _ := data.CloudsIn(d, perClass, sigma, 100+uint64(d))
		test, _ := data.CloudsIn(d, perClass, sigma, 200+uint64(d))
		res, err := Fit(train, FitOptions{})
		if err != nil || !res.Converged {
			t.Fatalf("d = %d: fit %+v, %v", d, res, err)
		}
		means := data.CloudMeans(d)
		n := float64(test.Len())
		for _, eps := range []float64{0, 0.1, 0.2} {
			for _, ball := range []attack.Norm{attack.LInf, attack.L2} {
				for _, c := range []struct {
					name string
					m    Model
					want float64
				}{
					{"best line", Bisector(means), theory.DimensionError(d, sigma, eps, ball)},
					{"fit", res.Model, theory.LinearError(res.Model.W, res.Model.B, means, sigma, eps, ball)},
				} {
					got := ErrorRate(c.m, test, eps, ball)
					if bound := 3*math.Sqrt(c.want*(1-c.want)/n) + 1/n; math.Abs(got-c.want) > bound {
						t.Errorf("d = %d, %s, ε = %v, %s: measured %.5f, closed form %.5f ± %.5f", d, c.name, eps, ball, got, c.want, bound)
					}
				}
			}
		}
	}
}

// TestCounter checks Counter against ErrorRate point by point.
func TestCounter(t *testing.T) {
	t.Parallel()
	s, _ := data.CloudsIn(8, 300, 1, 5)
	m := Bisector(data.CloudMeans(8))
	c := NewCounter(m, 0.2, attack.LInf)
	if c.Rate() != 0 {
		t.Errorf("Rate before any point = %v, want 0", c.Rate())
	}
	wrong := 0
	for i := range s.Len() {
		adv := m.Perturb(make([]float64, 8), s.Row(i), s.Label(i), 0.2, attack.LInf)
		want := m.Predict(adv) != s.Label(i)
		if got := c.Add(s.Row(i), s.Label(i)); got != want {
			t.Fatalf("point %d: Add = %v, Predict of the perturbed point says %v", i, got, want)
		}
		if want {
			wrong++
		}
	}
	if c.Wrong != wrong || c.Points != s.Len() || c.Rate() != ErrorRate(m, s, 0.2, attack.LInf) {
		t.Errorf("Counter %d/%d, want %d/%d and ErrorRate", c.Wrong, c.Points, wrong, s.Len())
	}
}

// TestModelNorms checks the norms and Reach on vectors whose norms are
// known: for w = 1_d, ‖w‖₁ = d and ‖w‖₂ = √d, so FGSM reaches ε√d.
func TestModelNorms(t *testing.T) {
	t.Parallel()
	for _, d := range []int{1, 4, 1024} {
		m := Model{W: make([]float64, d)}
		for j := range m.W {
			m.W[j] = 1
		}
		if m.Norm1() != float64(d) || m.Norm2() != math.Sqrt(float64(d)) {
			t.Errorf("d = %d: ‖1‖₁ = %v, ‖1‖₂ = %v", d, m.Norm1(), m.Norm2())
		}
		if got, want := m.Reach(0.1, attack.LInf), 0.1*math.Sqrt(float64(d)); math.Abs(got-want) > 1e-15*want {
			t.Errorf("d = %d: Reach L∞ %v, want ε√d = %v", d, got, want)
		}
		if got := m.Reach(0.1, attack.L2); got != 0.1 {
			t.Errorf("d = %d: Reach L2 %v, want ε", d, got)
		}
	}
	if got := (Model{W: []float64{3, -4}}).Reach(1, attack.LInf); got != 7.0/5 {
		t.Errorf("Reach of (3, −4) = %v, want 7/5", got)
	}
	if got := (Model{W: []float64{0, 0}}).Reach(1, attack.LInf); got != 0 {
		t.Errorf("Reach of w = 0 = %v, want 0", got)
	}
	b := Bisector(data.CloudMeans(2))
	if b.W[0] != 2 || b.W[1] != 2 || b.B != -4 {
		t.Errorf("Bisector of the article's means = %+v, want w = (2,2), b = −4", b)
	}
}

func TestPanics(t *testing.T) {
	t.Parallel()
	m := Model{W: []float64{1, 2}}
	s3 := data.Samples{Dim: 3, X: []float64{0, 0, 0}, Labels: []uint8{0}}
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"Logit", func() { m.Logit([]float64{1}) }},
		{"Step length", func() { m.Step(make([]float64, 3), 0, 0.1, attack.LInf) }},
		{"Step label", func() { m.Step(make([]float64, 2), 2, 0.1, attack.LInf) }},
		{"Perturb", func() { m.Perturb(make([]float64, 2), []float64{1}, 0, 0.1, attack.LInf) }},
		{"Counter.Add", func() { NewCounter(m, 0.1, attack.LInf).Add([]float64{1}, 0) }},
		{"ErrorRate", func() { ErrorRate(m, s3, 0, attack.LInf) }},
		{"Bisector", func() { Bisector([2][]float64{{1}, {1, 2}}) }},
		{"Project", func() { p, _ := NewPlane(m); p.Project([]float64{1}) }},
	} {
		func() {
			defer func() {
				if s, ok := recover().(string); !ok || !strings.HasPrefix(s, "linear: ") {
					t.Errorf("%s: recovered %q, want a panic starting with \"linear: \"", c.name, s)
				}
			}()
			c.f()
		}()
	}
}

func ExampleModel_Reach() {
	// The best line of the clouds in d dimensions has w ∝ 1_d: FGSM with
	// ε = 0.1 moves every point by ε√d towards the boundary, √2 away.
	for _, d := range []int{2, 128, 1024} {
		m := Bisector(data.CloudMeans(d))
		fmt.Printf("d = %4d: %.3f\n", d, m.Reach(0.1, attack.LInf))
	}
	// Output:
	// d =    2: 0.141
	// d =  128: 1.131
	// d = 1024: 3.200
}
