package metrics

import (
	"fmt"
	"math"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/mlp"
	"advplay/engine/model"
)

// linearModels are the models the tests attack: near the article recipe's
// result (w = (1.3382, 1.3417), b = −1.4881 for seed 1, printed by go run
// ./scripts/experiment), the Bayes boundary
// x₁+x₂ = 2, a converged-looking steep one, one with a zero weight, one
// with negative weights (a model that is mostly wrong), and a constant one.
var linearModels = []model.Linear{
	{W: [2]float64{1.34, 1.35}, B: -1.48},
	{W: [2]float64{1, 1}, B: -2},
	{W: [2]float64{9.2, 8.9}, B: -17.8},
	{W: [2]float64{0, 2}, B: -2},
	{W: [2]float64{-1, 0.5}, B: 0.2},
	{W: [2]float64{0, 0}, B: 0.5},
}

func cloudPoints(t testing.TB, perClass int, seed uint64) []data.Point {
	points, err := data.Clouds(perClass, seed)
	if err != nil {
		t.Fatal(err)
	}
	return points
}

// TestCurveMonotone checks that a linear model's error under attack never
// decreases as ε grows, by attacking every point at 201 values of ε
// (61 for PGD, which costs 10 steps).
func TestCurveMonotone(t *testing.T) {
	t.Parallel()
	points := cloudPoints(t, 250, 2)
	for _, m := range linearModels {
		for _, c := range []attack.Config{{Method: attack.FGSM}, {Method: attack.FGM}, {Method: attack.PGD}} {
			eps := Grid(3, 200)
			if c.Method == attack.PGD {
				eps = Grid(3, 60)
			}
			curve, err := Curve(&m, points, c, eps)
			if err != nil {
				t.Fatal(err)
			}
			for i := 1; i < len(curve); i++ {
				if curve[i].Error < curve[i-1].Error {
					t.Errorf("%+v, %s: error falls from %v at ε = %v to %v at ε = %v", m, c.Method,
						curve[i-1].Error, curve[i-1].Epsilon, curve[i].Error, curve[i].Epsilon)
					break
				}
			}
		}
	}
}

// TestLinearCurveMatchesAttack checks the exact curve, read off the sorted
// margins, against brute force (attacking every point and counting) at 50
// values of ε, for FGSM (L∞) and FGM (L2). The counts must be equal: the
// data are continuous, so no point's flipping ε lies within rounding
// (1e-15) of a grid value.
func TestLinearCurveMatchesAttack(t *testing.T) {
	t.Parallel()
	points := cloudPoints(t, 2000, 3)
	eps := Grid(1.47, 49) // 50 values, not multiples of the margins' scale
	for _, m := range linearModels {
		for _, c := range []attack.Config{{Method: attack.FGSM}, {Method: attack.FGM}} {
			exact, err := NewLinearCurve(m, points, c.BallNorm())
			if err != nil {
				t.Fatal(err)
			}
			brute, err := Curve(&m, points, c, eps)
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range eps {
				if got := exact.Error(e); got != brute[i].Error {
					t.Errorf("%+v, %s, ε = %v: exact %v, brute force %v", m, c.Method, e, got, brute[i].Error)
				}
			}
			for i, p := range exact.Curve(eps) {
				if p.Epsilon != eps[i] || p.Error != brute[i].Error {
					t.Errorf("%+v, %s: Curve()[%d] = %+v, brute force %+v", m, c.Method, i, p, brute[i])
				}
			}
		}
	}
}

// TestBoundaryTies checks the documented tie rule on points exactly on the
// boundary (z = 0 counts as class 0), against brute force.
func TestBoundaryTies(t *testing.T) {
	t.Parallel()
	m := model.Linear{W: [2]float64{1, 1}, B: -2}
	points := []data.Point{{X: 1, Y: 1, Label: 0}, {X: 0.5, Y: 1.5, Label: 1}, {X: 0, Y: 0, Label: 0}, {X: 3, Y: 3, Label: 1}}
	exact, err := NewLinearCurve(m, points, attack.LInf)
	if err != nil {
		t.Fatal(err)
	}
	// At ε = 0 only the blue point on the boundary is wrong; at any ε > 0
	// the red one on the boundary is pushed across too.
	for _, c := range []struct{ eps, want float64 }{{0, 0.25}, {1e-9, 0.5}, {0.1, 0.5}} {
		brute, err := AdversarialError(&m, points, attack.Config{Method: attack.FGSM, Epsilon: c.eps})
		if err != nil {
			t.Fatal(err)
		}
		if got := exact.Error(c.eps); got != c.want || brute != c.want {
			t.Errorf("ε = %v: exact %v, brute force %v, want %v", c.eps, got, brute, c.want)
		}
	}
}

// TestMinFlipEpsilon checks each point's flipping ε by attacking just
// above and just below it: ε·(1 ± 1e-9) changes the margin by ∓1e-9·margin,
// far more than the rounding of the attacked logit (about 1e-15·|terms|)
// for points whose margin exceeds 1e-6; closer points are skipped.
func TestMinFlipEpsilon(t *testing.T) {
	t.Parallel()
	points := cloudPoints(t, 300, 4)
	for _, m := range linearModels {
		for _, c := range []attack.Config{{Method: attack.FGSM}, {Method: attack.FGM}} {
			tested := 0
			for i, p := range points {
				e := MinFlipEpsilon(m, p, c.BallNorm())
				margin := Margin(m, p)
				wrong := model.Predict(&m, p.Vec()) != p.Label
				switch {
				case m.W == [2]float64{}:
					if !math.IsInf(e, 1) && margin > 0 {
						t.Fatalf("%+v, point %d: MinFlipEpsilon = %v, want +Inf for w = 0", m, i, e)
					}
					continue
				case margin <= 0:
					if e != 0 || (!wrong && margin < 0) {
						t.Fatalf("%+v, point %d with margin %v: MinFlipEpsilon = %v, want 0", m, i, margin, e)
					}
					continue
				case margin < 1e-6:
					continue
				}
				if wrong {
					t.Fatalf("%+v, point %d: positive margin %v but misclassified", m, i, margin)
				}
				for _, f := range []struct {
					scale float64
					flips bool
				}{{1 + 1e-9, true}, {1 - 1e-9, false}} {
					c.Epsilon = e * f.scale
					adv, err := attack.Apply(&m, []data.Point{p}, c)
					if err != nil {
						t.Fatal(err)
					}
					if flipped := model.Predict(&m, adv[0].Vec()) != p.Label; flipped != f.flips {
						t.Fatalf("%+v, %s, point %d: at ε = %v·%v flipped = %v", m, c.Method, i, e, f.scale, flipped)
					}
				}
				tested++
			}
			// Every model but the constant one classifies at least a
			// tenth of the points right; the test must have tried them.
			if m.W != [2]float64{} && tested < len(points)/10 {
				t.Errorf("%+v, %s: only %d points tested", m, c.Method, tested)
			}
		}
	}
}

func TestClosedForms(t *testing.T) {
	t.Parallel()
	m := model.Linear{W: [2]float64{3, -4}, B: 1}
	if d := DualNorm(m.W, attack.LInf); d != 7 {
		t.Errorf("DualNorm(L∞) = %v, want ‖w‖₁ = 7", d)
	}
	if d := DualNorm(m.W, attack.L2); d != 5 {
		t.Errorf("DualNorm(L2) = %v, want ‖w‖₂ = 5", d)
	}
	// z = 3·1 − 4·2 + 1 = −4: a red point is 4 inside its side, a blue one
	// 4 on the wrong side.
	if g := Margin(m, data.Point{X: 1, Y: 2, Label: 0}); g != 4 {
		t.Errorf("Margin(red) = %v, want 4", g)
	}
	if g := Margin(m, data.Point{X: 1, Y: 2, Label: 1}); g != -4 {
		t.Errorf("Margin(blue) = %v, want −4", g)
	}
	if e := MinFlipEpsilon(m, data.Point{X: 1, Y: 2, Label: 0}, attack.LInf); e != 4.0/7 {
		t.Errorf("MinFlipEpsilon(L∞) = %v, want 4/7", e)
	}
	if e := MinFlipEpsilon(m, data.Point{X: 1, Y: 2, Label: 0}, attack.L2); e != 4.0/5 {
		t.Errorf("MinFlipEpsilon(L2) = %v, want 4/5", e)
	}
	if e := MinFlipEpsilon(m, data.Point{X: 1, Y: 2, Label: 1}, attack.L2); e != 0 {
		t.Errorf("MinFlipEpsilon(misclassified) = %v, want 0", e)
	}
	if g := Grid(1, 4); len(g) != 5 || g[0] != 0 || g[1] != 0.25 || g[2] != 0.5 || g[3] != 0.75 || g[4] != 1 {
		t.Errorf("Grid(1, 4) = %v, want [0 0.25 0.5 0.75 1]", g)
	}
}

func TestErrorRate(t *testing.T) {
	t.Parallel()
	m := model.Linear{W: [2]float64{1, 1}, B: -2}
	points := []data.Point{
		{X: 0, Y: 0, Label: 0},   // right
		{X: 2, Y: 2, Label: 1},   // right
		{X: 1.5, Y: 1, Label: 0}, // wrong: z = 0.5
		{X: 1, Y: 1, Label: 1},   // wrong: z = 0 counts as class 0
		{X: 1, Y: 1, Label: 0},   // right
	}
	if e := ErrorRate(&m, points); e != 2.0/5 {
		t.Errorf("ErrorRate = %v, want 2/5", e)
	}
	if e := ErrorRate(&m, nil); e != 0 {
		t.Errorf("ErrorRate(nil) = %v, want 0", e)
	}
	c, err := NewLinearCurve(m, nil, attack.LInf)
	if err != nil || c.Error(0.3) != 0 {
		t.Errorf("NewLinearCurve(nil): error %v, Error(0.3) = %v; want nil, 0", err, c.Error(0.3))
	}
}

// TestEvaluate checks Evaluate against its definition on the linear
// models (the fast path) and on an MLP (the general one), for the three
// attacks: the attacked points are attack.Apply's, each flag is what
// model.Predict says, and the rates and the count follow from the flags.
func TestEvaluate(t *testing.T) {
	t.Parallel()
	points := cloudPoints(t, 100, 3)
	net, _ := mlp.New(mlp.Config{Hidden: []int{6}}, 2)
	models := []model.Model{net}
	for i := range linearModels {
		models = append(models, &linearModels[i])
	}
	for _, m := range models {
		for _, c := range []attack.Config{
			{Method: attack.FGSM, Epsilon: 0.4},
			{Method: attack.FGM, Epsilon: 0.4},
			{Method: attack.PGD, Epsilon: 0.4, RandomStart: true, Seed: 3},
		} {
			e, err := Evaluate(m, points, c)
			if err != nil {
				t.Fatal(err)
			}
			adv, _ := attack.Apply(m, points, c)
			wrong, wrongAdv, flipped := 0, 0, 0
			for i, p := range points {
				correct := model.Predict(m, p.Vec()) == p.Label
				correctAdv := model.Predict(m, adv[i].Vec()) == p.Label
				if e.Adversarial[i] != adv[i] || e.Correct[i] != correct || e.AdversarialCorrect[i] != correctAdv || e.Flipped[i] != (correct && !correctAdv) {
					t.Fatalf("%T %s point %d: got %+v %v %v %v; want %+v %v %v", m, c.Method, i,
						e.Adversarial[i], e.Correct[i], e.AdversarialCorrect[i], e.Flipped[i], adv[i], correct, correctAdv)
				}
				if !correct {
					wrong++
				}
				if !correctAdv {
					wrongAdv++
				}
				if correct && !correctAdv {
					flipped++
				}
			}
			n := float64(len(points))
			if e.CleanError != float64(wrong)/n || e.AdversarialError != float64(wrongAdv)/n || e.NumFlipped != flipped {
				t.Errorf("%T %s: errors %v, %v, %d flipped; want %v, %v, %d", m, c.Method,
					e.CleanError, e.AdversarialError, e.NumFlipped, float64(wrong)/n, float64(wrongAdv)/n, flipped)
			}
		}
	}
	e, err := Evaluate(&linearModels[0], nil, attack.Config{Method: attack.FGSM, Epsilon: 0.1})
	if err != nil || e.CleanError != 0 || e.AdversarialError != 0 || len(e.Flipped) != 0 {
		t.Errorf("Evaluate(no points) = %+v, %v; want zero rates and no flags", e, err)
	}
	if _, err := Evaluate(&linearModels[0], points, attack.Config{Method: "nope"}); err == nil {
		t.Error("Evaluate with a bad method: no error")
	}
}

// TestCurvePGDStepSize checks that Curve scales PGD's step with ε: a fixed
// step size in the config is replaced by the default ε/4.
func TestCurvePGDStepSize(t *testing.T) {
	t.Parallel()
	points := cloudPoints(t, 200, 5)
	m := linearModels[0]
	eps := Grid(1, 10)
	fixed, err := Curve(&m, points, attack.Config{Method: attack.PGD, StepSize: 5}, eps)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := Curve(&m, points, attack.Config{Method: attack.PGD}, eps)
	for i := range eps {
		if fixed[i] != def[i] {
			t.Errorf("ε = %v: with StepSize 5 %+v, default %+v", eps[i], fixed[i], def[i])
		}
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	m := linearModels[0]
	good := cloudPoints(t, 5, 1)
	bad := []data.Point{{X: math.NaN(), Label: 0}}
	if _, err := AdversarialError(&m, bad, attack.Config{Method: attack.FGSM}); err == nil {
		t.Error("AdversarialError with a NaN point: no error")
	}
	if _, err := AdversarialError(&m, good, attack.Config{Method: "nope"}); err == nil {
		t.Error("AdversarialError with a bad method: no error")
	}
	if _, err := Curve(&m, good, attack.Config{Method: attack.FGSM}, []float64{0.1, -1}); err == nil {
		t.Error("Curve with ε = −1: no error")
	}
	if _, err := Curve(&m, good, attack.Config{Method: attack.FGSM}, []float64{math.NaN()}); err == nil {
		t.Error("Curve with ε = NaN: no error")
	}
	if _, err := NewLinearCurve(m, []data.Point{{Label: 2}}, attack.LInf); err == nil {
		t.Error("NewLinearCurve with label 2: no error")
	}
}

func ExampleLinearCurve() {
	// Four points and the Bayes boundary x₁ + x₂ = 2. Their margins are
	// 2, 1, 0.5 and 1.5, and FGSM lowers each by ε·‖w‖₁ = 2ε.
	m := model.Linear{W: [2]float64{1, 1}, B: -2}
	points := []data.Point{
		{X: 0, Y: 0, Label: 0},
		{X: 0.5, Y: 0.5, Label: 0},
		{X: 1.25, Y: 1.25, Label: 1},
		{X: 1.5, Y: 2, Label: 1},
	}
	c, err := NewLinearCurve(m, points, attack.LInf)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range c.Curve([]float64{0, 0.3, 0.6, 1.1}) {
		fmt.Printf("ε = %.1f: error %.2f\n", p.Epsilon, p.Error)
	}
	// Output:
	// ε = 0.0: error 0.00
	// ε = 0.3: error 0.25
	// ε = 0.6: error 0.50
	// ε = 1.1: error 1.00
}
