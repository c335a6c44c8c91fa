package scene

import (
	"math"
	"testing"
	"time"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/metrics"
	"advplay/engine/model"
	"advplay/engine/theory"
)

func curve(cs []Curve, name string) (Curve, bool) {
	for _, c := range cs {
		if c.Name == name {
			return c, true
		}
	}
	return Curve{}, false
}

// linearOf returns the scene's model as reported by State.
func linearOf(st State) model.Linear {
	return model.Linear{W: [2]float64(st.Model.Weights), B: st.Model.Bias}
}

// TestCurves checks the chart's series against brute force: the "attack"
// curve against running the attack at each ε of the grid
// (metrics.AdversarialError), "clean" against metrics.ErrorRate, and
// "theory" against theory.CloudsError.
func TestCurves(t *testing.T) {
	cases := []struct {
		patch  string
		theory bool
		// exact: the attack reaches the worst case in its ball, so brute
		// force equals the exact curve; otherwise it may only fall short.
		exact bool
	}{
		{`{}`, true, true}, // small clouds, FGSM
		{`{"attack": {"method": "fgm"}}`, true, true},
		{`{"attack": {"method": "pgd"}}`, true, true},
		{`{"attack": {"method": "pgd", "norm": "l2", "randomStart": false}}`, true, false},
		{`{"seed": 8, "noise": 0.9}`, true, true}, // overlapping clouds, not separable
		{`{"preset": "article", "n": 400, "seed": 2}`, true, true},
		{`{"preset": "moons"}`, false, true},
		{`{"preset": "xor", "attack": {"method": "fgm"}}`, false, true},
		{`{"preset": "circles"}`, false, true},
		{`{"preset": "spiral"}`, false, true},
		{`{"points": [{"x": 0, "y": 0, "label": 0}, {"x": 1, "y": 0.2, "label": 1}, {"x": 0.4, "y": 0.5, "label": 1}, {"x": 0.6, "y": 0.1, "label": 0}]}`, false, true},
	}
	for _, c := range cases {
		s := newScene(t)
		if err := s.Apply(decode(t, c.patch)); err != nil {
			t.Fatalf("%s: %v", c.patch, err)
		}
		st := s.State()
		m := linearOf(st)
		pts := points(st)
		cs := s.Chart().Full()

		clean, ok := curve(cs, "clean")
		if !ok || len(clean.Points) != CurveSteps+1 {
			t.Fatalf("%s: clean curve %+v", c.patch, clean)
		}
		wantClean := metrics.ErrorRate(&m, pts)
		for i, p := range clean.Points {
			if !approx(p.Epsilon, float64(i)/CurveSteps, 1e-15) || p.Error != wantClean || p.Error != st.Metrics.CleanError {
				t.Fatalf("%s: clean[%d] = %+v, want flat at %v", c.patch, i, p, wantClean)
			}
		}

		att, ok := curve(cs, "attack")
		if !ok || len(att.Points) != CurveSteps+1 {
			t.Fatalf("%s: attack curve %+v", c.patch, att)
		}
		for i, p := range att.Points {
			eps := float64(i) / CurveSteps
			if !approx(p.Epsilon, eps, 1e-15) {
				t.Fatalf("%s: attack[%d] at ε = %v, want %v", c.patch, i, p.Epsilon, eps)
			}
			brute, err := metrics.AdversarialError(&m, pts, attackConfig(st, p.Epsilon))
			if err != nil {
				t.Fatal(err)
			}
			if c.exact && p.Error != brute || !c.exact && brute > p.Error {
				t.Errorf("%s: at ε = %v the curve says %v, running the attack gives %v", c.patch, p.Epsilon, p.Error, brute)
			}
		}
		// The curve at the current ε is the state's adversarial error for
		// the attacks that reach the worst case.
		if c.exact {
			if e := st.Epsilon; math.Abs(e*CurveSteps-math.Round(e*CurveSteps)) < 1e-9 && att.Points[int(math.Round(e*CurveSteps))].Error != st.Metrics.AdversarialError {
				t.Errorf("%s: curve at the current ε %v is %v, metrics say %v", c.patch, e, att.Points[int(math.Round(e*CurveSteps))].Error, st.Metrics.AdversarialError)
			}
		}

		th, ok := curve(cs, "theory")
		if ok != c.theory {
			t.Errorf("%s: theory curve present %v, want %v (preset %s)", c.patch, ok, c.theory, st.Preset)
		}
		if ok {
			ball := attackConfig(st, 0).BallNorm()
			for _, p := range th.Points {
				if want := theory.CloudsError(m, st.Noise, p.Epsilon, ball); !approx(p.Error, want, 1e-12) {
					t.Fatalf("%s: theory at ε = %v is %v, want %v", c.patch, p.Epsilon, p.Error, want)
				}
			}
		}
	}
}

// TestCurveTheoryMatchesSample: on the article's 2×10,000 clouds, the
// closed form and the measured attack curve agree to sampling error.
func TestCurveTheoryMatchesSample(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"preset": "article"}`)); err != nil {
		t.Fatal(err)
	}
	cs := s.Chart().Full()
	att, _ := curve(cs, "attack")
	th, ok := curve(cs, "theory")
	if !ok {
		t.Fatal("no theory curve for the article's clouds")
	}
	n := float64(len(s.View().Points))
	for i := range att.Points {
		// Binomial standard error of an error rate p on n = 20,000 points:
		// √(p(1−p)/n) ≤ √(1/4n) = 0.0035; allow four of them.
		if d := math.Abs(att.Points[i].Error - th.Points[i].Error); d > 4*math.Sqrt(0.25/n) {
			t.Errorf("ε = %v: measured %v, theory %v", att.Points[i].Epsilon, att.Points[i].Error, th.Points[i].Error)
		}
	}
}

// TestInfo checks the hover details of every point against the engine
// and, for the minimal flipping ε, against running the attack just below
// and just above it.
func TestInfo(t *testing.T) {
	for _, patch := range []string{`{}`, `{"attack": {"method": "fgm"}}`, `{"seed": 3, "noise": 1}`, `{"attack": {"method": "pgd", "norm": "l2"}, "epsilon": 0.8}`} {
		s := newScene(t)
		if err := s.Apply(decode(t, patch)); err != nil {
			t.Fatal(err)
		}
		st := s.State()
		m := linearOf(st)
		ball := attackConfig(st, 0).BallNorm()
		flipped := s.View().Flipped
		e := independent(t, st)
		for i, p := range points(st) {
			info := s.Info(i)
			if want := metrics.MinFlipEpsilon(m, p, ball); info.MinFlip != want {
				t.Fatalf("%s: point %d MinFlip %v, metrics.MinFlipEpsilon %v", patch, i, info.MinFlip, want)
			}
			if want := m.InputGrad(p.Vec(), p.Target()); info.Grad != want {
				t.Fatalf("%s: point %d Grad %v, InputGrad %v", patch, i, info.Grad, want)
			}
			if want := metrics.Margin(m, p); info.Margin != want {
				t.Fatalf("%s: point %d Margin %v, metrics.Margin %v", patch, i, info.Margin, want)
			}
			if info.Flipped != flipped[i] {
				t.Fatalf("%s: point %d Flipped %v, Flipped()[%d] %v", patch, i, info.Flipped, i, flipped[i])
			}
			// Flipped means correct before the attack and wrong after.
			wantFlip := model.Predict(&m, p.Vec()) == p.Label && model.Predict(&m, e.adversarial[i].Vec()) != p.Label
			if st.Attack.Method != attack.PGD && info.Flipped != wantFlip {
				t.Fatalf("%s: point %d Flipped %v, the attack says %v", patch, i, info.Flipped, wantFlip)
			}
			// The gradient points away from the point's own class: the
			// loss grows along it, so it has the sign of (σ(z) − y)·w.
			if model.Predict(&m, p.Vec()) == p.Label && info.Margin <= 0 {
				t.Fatalf("%s: point %d classified correctly with margin %v", patch, i, info.Margin)
			}
			// Attacking with FGSM or FGM just above MinFlip flips the
			// point, just below it does not.
			if mf := info.MinFlip; mf > 1e-6 && mf < 10 && st.Attack.Method != attack.PGD {
				for _, c := range []struct {
					eps  float64
					flip bool
				}{{mf * (1 - 1e-6), false}, {mf * (1 + 1e-6), true}} {
					cfg := attackConfig(st, c.eps)
					adv, err := attack.Apply(&m, []data.Point{p}, cfg)
					if err != nil {
						t.Fatal(err)
					}
					if got := model.Predict(&m, adv[0].Vec()) != p.Label; got != c.flip {
						t.Fatalf("%s: point %d attacked at ε = %v (MinFlip %v): flipped %v, want %v", patch, i, c.eps, mf, got, c.flip)
					}
				}
			}
		}
	}
}

func TestInfoPanicsOutOfRange(t *testing.T) {
	s := newScene(t)
	defer func() {
		if recover() == nil {
			t.Error("Info(len) did not panic")
		}
	}()
	s.Info(len(s.View().Points))
}

// TestViewData: Adversarial and Flipped are parallel to Points and match
// the engine's attack; Linear matches the model.
func TestViewData(t *testing.T) {
	s := newScene(t)
	st := s.State()
	e := independent(t, st)
	adv := s.View().Adversarial
	if len(adv) != len(st.Points) || len(s.View().Flipped) != len(st.Points) {
		t.Fatalf("%d adversarial, %d flipped, %d points", len(adv), len(s.View().Flipped), len(st.Points))
	}
	n := 0
	for i := range adv {
		// The scene's and the independent model agree to 1e-6, so the
		// attacked points (x ± ε per coordinate for FGSM) agree exactly
		// unless a gradient component is ~0.
		if adv[i] != e.adversarial[i] {
			t.Errorf("adversarial[%d] = %+v, engine %+v", i, adv[i], e.adversarial[i])
		}
		if s.View().Flipped[i] {
			n++
		}
	}
	if n != st.Metrics.Flipped {
		t.Errorf("%d flipped, metrics.flipped %d", n, st.Metrics.Flipped)
	}
	w, b, ok := planeLinear(s)
	if !ok || w != [2]float64(st.Model.Weights) || b != st.Model.Bias {
		t.Errorf("Linear() = %v %v %v, model %+v", w, b, ok, st.Model)
	}
}

// While a network trains, the chart is drawn from a snapshot; ChartEpoch
// says which epoch, so the view can tell the chart trails the model.
func TestChartEpochTrailsTraining(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"preset": "moons", "n": 50, "model": {"kind": "mlp", "hidden": [4]}}`)); err != nil {
		t.Fatal(err)
	}
	s.Tick(30)
	for !s.Chart().Refine(time.Hour) {
	}
	if got := s.Chart().Epoch(); got != 30 {
		t.Fatalf("after a complete chart at epoch 30, ChartEpoch is %d", got)
	}
	s.Tick(20)
	if got := s.Chart().Epoch(); got != 30 {
		t.Fatalf("the model trained on to epoch 50 with no new chart, yet ChartEpoch is %d, want 30", got)
	}
	for !s.Chart().Refine(time.Hour) {
	}
	if got, want := s.Chart().Epoch(), s.Peek().Training.Epoch; got != want {
		t.Fatalf("after a new chart, ChartEpoch is %d, want the training's epoch %d", got, want)
	}
}
