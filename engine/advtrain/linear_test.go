package advtrain

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/model"
)

// The closed-form gradient of the linear objective, with a ridge, matches
// central finite differences (gonum/diff/fd) away from the kinks at wᵢ = 0.
func TestLinearObjectiveGradient(t *testing.T) {
	points, _ := data.Clouds(200, 3)
	cols := data.ToColumns(points)
	for _, cfg := range []Config{DefaultConfig(FGSM, 0.3), DefaultConfig(PGD, 0.1)} {
		for _, theta := range [][]float64{{1.3, 1.4, -1.5}, {-0.7, 2.1, 0.4}, {4, 3, -7}} {
			got := make([]float64, 3)
			linearObjective(theta, cols, cfg, 0.01, got)
			want := fd.Gradient(nil, func(x []float64) float64 {
				f, _ := linearObjective(x, cols, cfg, 0.01, nil)
				return f
			}, theta, &fd.Settings{Formula: fd.Central})
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-6 {
					t.Errorf("%s θ=%v: ∂/∂θ%d = %v, finite differences %v", cfg.Method, theta, i, got[i], want[i])
				}
			}
		}
	}
}

// FitLinear reaches a lower objective than the plain fit and shrinks ‖w‖₁
// more as ε grows: FGSM training is an L1-like penalty on w (Goodfellow
// et al. 2015, §5). With ε = 0 it is the plain fit itself.
func TestFitLinearShrinksL1(t *testing.T) {
	points, _ := data.Clouds(1000, 1)
	plain, err := logreg.Fit(points, logreg.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l1 := func(m model.Linear) float64 { return math.Abs(m.W[0]) + math.Abs(m.W[1]) }
	prev := l1(plain.Model)
	for _, eps := range []float64{0.1, 0.2, 0.3} {
		cfg := DefaultConfig(FGSM, eps)
		m, err := FitLinear(points, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if LinearFGSMObjective(m, points, cfg) > LinearFGSMObjective(plain.Model, points, cfg) {
			t.Errorf("ε=%v: objective %v above the plain fit's %v", eps, LinearFGSMObjective(m, points, cfg), LinearFGSMObjective(plain.Model, points, cfg))
		}
		if got := l1(m); !(got < prev) {
			t.Errorf("ε=%v: ‖w‖₁ = %v, not below %v", eps, got, prev)
		} else {
			t.Logf("ε=%v: ‖w‖₁ %.3f (plain %.3f)", eps, got, l1(plain.Model))
			prev = got
		}
	}
	m, err := FitLinear(points, DefaultConfig(FGSM, 0))
	if err != nil || m != plain.Model {
		t.Errorf("ε=0: %v, %v; want the plain fit %v", m, err, plain.Model)
	}
	// Separable points: the plain fit's ridge keeps the defended one finite
	// too. (There ‖w‖₁ need not shrink: with the ridge setting the scale,
	// points that stay separable by more than ε pull w up as before.)
	sep, _ := data.Clouds(100, 1)
	ps, err := logreg.Fit(sep, logreg.FitOptions{})
	if err != nil || !ps.Separable {
		t.Fatalf("2×100 clouds, seed 1: separable %v, %v", ps.Separable, err)
	}
	cfg := DefaultConfig(FGSM, 0.3)
	if m, err := FitLinear(sep, cfg); err != nil || math.IsNaN(l1(m)) || l1(m) > 1e3 {
		t.Errorf("separable: w = %v, %v; want finite weights", m.W, err)
	}
	if _, err := FitLinear(nil, DefaultConfig(FGSM, 0.1)); err == nil {
		t.Error("FitLinear on no points: no error")
	}
}
