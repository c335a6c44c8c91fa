package attack

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/model"
)

// articleModel is a model near the article recipe's result (w = (1.3382,
// 1.3417), b = −1.4881 for seed 1, printed by go run ./scripts/experiment),
// with unequal weights so that no symmetry hides a mistake.
var articleModel = model.Linear{W: [2]float64{1.3, 1.4}, B: -1.48}

// testPoints returns 2×200 points of the article's clouds.
func testPoints(t testing.TB) []data.Point {
	points, err := data.Clouds(200, 1)
	if err != nil {
		t.Fatal(err)
	}
	return points
}

// coordTol is the rounding allowed on a coordinate's displacement: x + d
// and then (x + d) − x each round once, so |x' − x| may exceed |d| by up to
// one ulp of max(|x|, |x'|), 2^−52 relative.
func coordTol(x, xp float64) float64 { return 0x1p-52 * math.Max(math.Abs(x), math.Abs(xp)) }

func linfDist(a, b [2]float64) float64 {
	return math.Max(math.Abs(a[0]-b[0]), math.Abs(a[1]-b[1]))
}

func l2Dist(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

func TestZeroEpsilonIsIdentity(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	for _, c := range []Config{
		{Method: FGSM},
		{Method: FGM},
		{Method: PGD},
		{Method: PGD, Norm: L2, RandomStart: true, Seed: 3},
		{Method: FGSM, Box: &Box{Min: [2]float64{-10, -10}, Max: [2]float64{10, 10}}},
	} {
		adv, err := Apply(&articleModel, points, c)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		for i := range points {
			if math.Float64bits(adv[i].X) != math.Float64bits(points[i].X) ||
				math.Float64bits(adv[i].Y) != math.Float64bits(points[i].Y) || adv[i].Label != points[i].Label {
				t.Errorf("%+v with ε = 0 moved point %d from %+v to %+v", c, i, points[i], adv[i])
				break
			}
		}
	}
}

// TestFGSM checks that FGSM moves every coordinate by exactly ε in the
// direction of sign((σ(z)−y)·wᵢ), so ‖x'−x‖∞ ≤ ε, and that the loss does
// not decrease.
func TestFGSM(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	for _, eps := range []float64{1e-9, 0.01, 0.2, 0.5, 3} {
		adv, err := Apply(&articleModel, points, Config{Method: FGSM, Epsilon: eps})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range points {
			x, xp := p.Vec(), adv[i].Vec()
			r := model.Loss(&articleModel, x, p.Target())
			// ∇ₓJ = (σ(z)−y)·w: its sign is sign(w) for red, −sign(w) for blue.
			dir := 1.0
			if p.Label == 1 {
				dir = -1
			}
			for k := range 2 {
				want := x[k] + eps*dir*math.Copysign(1, articleModel.W[k])
				if math.Abs(xp[k]-want) > coordTol(x[k], xp[k]) {
					t.Fatalf("ε = %v, point %d: coordinate %d moved to %v, want %v", eps, i, k, xp[k], want)
				}
			}
			if d := linfDist(x, xp); d > eps+coordTol(linfDist(x, [2]float64{}), linfDist(xp, [2]float64{})) {
				t.Fatalf("ε = %v, point %d: ‖x'−x‖∞ = %v", eps, i, d)
			}
			if after := model.Loss(&articleModel, xp, p.Target()); after < r {
				t.Fatalf("ε = %v, point %d: loss fell from %v to %v", eps, i, r, after)
			}
			if adv[i].Label != p.Label {
				t.Fatalf("point %d: label changed", i)
			}
		}
	}
}

// TestSignZero checks sign(0) = 0: with zero weights nothing moves, and
// with one zero weight that coordinate does not move.
func TestSignZero(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	zero := model.Linear{B: 0.3}
	for _, c := range []Config{
		{Method: FGSM, Epsilon: 0.5},
		{Method: FGM, Epsilon: 0.5},
		{Method: PGD, Epsilon: 0.5},
		{Method: PGD, Epsilon: 0.5, Norm: L2},
	} {
		adv, err := Apply(&zero, points, c)
		if err != nil {
			t.Fatal(err)
		}
		for i := range points {
			if adv[i] != points[i] {
				t.Errorf("%+v, w = 0: point %d moved from %+v to %+v", c, i, points[i], adv[i])
				break
			}
		}
	}
	half := model.Linear{W: [2]float64{0, 2}, B: -2}
	adv, _ := Apply(&half, points, Config{Method: FGSM, Epsilon: 0.5})
	for i := range points {
		if adv[i].X != points[i].X || adv[i].Y == points[i].Y {
			t.Errorf("w = (0, 2): point %d moved from %+v to %+v; want only y to move", i, points[i], adv[i])
			break
		}
	}
}

// TestFGM checks that FGM moves every point by ε in the L2 norm, along
// ±w/‖w‖₂ for a linear model.
func TestFGM(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	wn := math.Hypot(articleModel.W[0], articleModel.W[1])
	for _, eps := range []float64{0.01, 0.2, 0.5, 3} {
		adv, err := Apply(&articleModel, points, Config{Method: FGM, Epsilon: eps})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range points {
			x, xp := p.Vec(), adv[i].Vec()
			// The issue's bound, 1e-12 relative: the rounding of the step
			// and of the distance is about 1e-15 relative for |x| ≲ 5.
			if d := l2Dist(x, xp); d > eps*(1+1e-12) || d < eps*(1-1e-12) {
				t.Fatalf("ε = %v, point %d: ‖x'−x‖₂ = %v, want ε", eps, i, d)
			}
			dir := 1.0
			if p.Label == 1 {
				dir = -1
			}
			for k := range 2 {
				want := x[k] + eps*dir*articleModel.W[k]/wn
				if math.Abs(xp[k]-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Fatalf("ε = %v, point %d: coordinate %d = %v, want %v", eps, i, k, xp[k], want)
				}
			}
		}
	}
}

// TestPGDInsideBallAndBox checks PGD's projections: every iterate ends in
// the ε-ball around the original point and in the clip box, for both
// norms, with and without a random start, on a model whose gradient
// direction changes along the way (a point near the boundary of a steep
// model overshoots it and turns back).
func TestPGDInsideBallAndBox(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	box := &Box{Min: [2]float64{-1, -1.5}, Max: [2]float64{3, 2.5}}
	var inBox []data.Point // the box's guarantee holds for points that start inside it
	for _, p := range points {
		if p.X >= box.Min[0] && p.X <= box.Max[0] && p.Y >= box.Min[1] && p.Y <= box.Max[1] {
			inBox = append(inBox, p)
		}
	}
	steep := model.Linear{W: [2]float64{30, -20}, B: 5}
	for _, m := range []model.Linear{articleModel, steep} {
		for _, norm := range []Norm{LInf, L2} {
			for _, c := range []Config{
				{Method: PGD, Epsilon: 0.3, Norm: norm},
				{Method: PGD, Epsilon: 0.3, Norm: norm, Steps: 40, StepSize: 0.2},
				{Method: PGD, Epsilon: 1.5, Norm: norm, RandomStart: true, Seed: 4},
				{Method: PGD, Epsilon: 0.7, Norm: norm, RandomStart: true, Seed: 5, Box: box},
				{Method: PGD, Epsilon: 0.7, Norm: norm, Steps: 3, StepSize: 2, Box: box},
			} {
				pts := points
				if c.Box != nil {
					pts = inBox
				}
				adv, err := Apply(&m, pts, c)
				if err != nil {
					t.Fatal(err)
				}
				for i, p := range pts {
					x, xp := p.Vec(), adv[i].Vec()
					var d, limit float64
					if norm == L2 {
						d, limit = l2Dist(x, xp), c.Epsilon*(1+1e-12)
					} else {
						d, limit = linfDist(x, xp), c.Epsilon+coordTol(math.Max(math.Abs(x[0]), math.Abs(x[1])), math.Max(math.Abs(xp[0]), math.Abs(xp[1])))
					}
					if d > limit {
						t.Fatalf("%+v on %+v, point %d: distance %v > ε", c, m, i, d)
					}
					if b := c.Box; b != nil && (xp[0] < b.Min[0] || xp[0] > b.Max[0] || xp[1] < b.Min[1] || xp[1] > b.Max[1]) {
						t.Fatalf("%+v, point %d: %v outside the box", c, i, xp)
					}
				}
			}
		}
	}
}

// TestBoxClipsFGSM checks the box for the one-step attacks.
func TestBoxClipsFGSM(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	box := &Box{Min: [2]float64{0, 0}, Max: [2]float64{1, 1}}
	for _, method := range []Method{FGSM, FGM} {
		adv, err := Apply(&articleModel, points, Config{Method: method, Epsilon: 2, Box: box})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range adv {
			if p.X < 0 || p.X > 1 || p.Y < 0 || p.Y > 1 {
				t.Fatalf("%s: point %d = %+v outside the box", method, i, p)
			}
		}
	}
}

// TestPGDLinearEqualsOneStep checks PGD against the closed form for a
// linear model: the worst case in an L∞ ball is the corner x + ε·sign(∇),
// which is FGSM's point, and in an L2 ball it is FGM's. The default 10
// steps of ε/4 reach the boundary after 4 steps and stay there.
func TestPGDLinearEqualsOneStep(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	for _, c := range []struct {
		pgd, one Config
		tol      float64 // 0: bit for bit
	}{
		{Config{Method: PGD, Epsilon: 0.3}, Config{Method: FGSM, Epsilon: 0.3}, 0},
		// In L2 the iterates reach the sphere along the same direction, but
		// through different roundings: 1e-12 absolute.
		{Config{Method: PGD, Epsilon: 0.3, Norm: L2}, Config{Method: FGM, Epsilon: 0.3}, 1e-12},
	} {
		a, _ := Apply(&articleModel, points, c.pgd)
		b, _ := Apply(&articleModel, points, c.one)
		for i := range a {
			if math.Abs(a[i].X-b[i].X) > c.tol || math.Abs(a[i].Y-b[i].Y) > c.tol {
				t.Fatalf("%+v: point %d = %+v, one step %+v", c.pgd, i, a[i], b[i])
			}
		}
	}
}

// bumpy is a non-linear model with many local maxima of the loss,
// z = sin(5x₁) + sin(5x₂), where PGD's random start decides which one it
// climbs.
type bumpy struct{}

func (bumpy) Logit(x [2]float64) float64 { return math.Sin(5*x[0]) + math.Sin(5*x[1]) }
func (m bumpy) InputGrad(x [2]float64, y float64) [2]float64 {
	r := logistic.Residual(m.Logit(x), y)
	return [2]float64{r * 5 * math.Cos(5*x[0]), r * 5 * math.Cos(5*x[1])}
}
func (bumpy) ParamGrad([]float64, [2]float64, float64) {}
func (bumpy) NumParams() int                           { return 0 }
func (bumpy) Params(dst []float64) []float64           { return dst }
func (bumpy) SetParams([]float64)                      {}
func (b bumpy) Clone() model.Model                     { return b }

// TestPGDRandomStartSeeded checks that the random start is reproducible
// for a seed and depends on it: on a model with many local maxima, other
// seeds lead PGD to other points. (On a linear model every start reaches
// the FGSM corner.)
func TestPGDRandomStartSeeded(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	for _, norm := range []Norm{LInf, L2} {
		c := Config{Method: PGD, Epsilon: 0.5, Norm: norm, RandomStart: true, Seed: 42}
		a, _ := Apply(bumpy{}, points, c)
		b, _ := Apply(bumpy{}, points, c)
		c.Seed = 43
		other, _ := Apply(bumpy{}, points, c)
		same, differ := true, 0
		for i := range a {
			same = same && a[i] == b[i]
			if a[i] != other[i] {
				differ++
			}
		}
		if !same {
			t.Errorf("%s: two runs with seed 42 differ", norm)
		}
		if differ < len(a)/10 {
			t.Errorf("%s: seeds 42 and 43 give the same result for %d of %d points", norm, len(a)-differ, len(a))
		} else {
			t.Logf("%s: seeds 42 and 43 differ on %d of %d points", norm, differ, len(a))
		}
	}
}

// TestPGDAtLeastFGSMPerPoint checks PGD's documented guarantee: the point
// it returns has at least the loss of the single FGSM step, for every
// point, also from a random start on a model with many local maxima.
func TestPGDAtLeastFGSMPerPoint(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	for _, eps := range []float64{0.1, 0.3, 0.5} {
		pgd, _ := Apply(bumpy{}, points, Config{Method: PGD, Epsilon: eps, RandomStart: true, Seed: 1})
		fgsm, _ := Apply(bumpy{}, points, Config{Method: FGSM, Epsilon: eps})
		for i, p := range points {
			lp := model.Loss(bumpy{}, pgd[i].Vec(), p.Target())
			lf := model.Loss(bumpy{}, fgsm[i].Vec(), p.Target())
			if lp < lf {
				t.Fatalf("ε=%v point %d: PGD loss %v < FGSM loss %v", eps, i, lp, lf)
			}
		}
	}
}

// TestTrueLabels checks the documented choice of labels: the attack uses
// the true label, so a misclassified point is pushed further into the
// wrong side, whereas an attack on the model's own prediction would push
// it back.
func TestTrueLabels(t *testing.T) {
	t.Parallel()
	m := model.Linear{W: [2]float64{1, 1}, B: -2}
	red := data.Point{X: 1.5, Y: 1.5, Label: 0} // on the blue side
	adv, err := Apply(&m, []data.Point{red}, Config{Method: FGSM, Epsilon: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if before, after := m.Logit(red.Vec()), m.Logit(adv[0].Vec()); !(after > before) {
		t.Errorf("misclassified red point: logit %v → %v, want it to grow", before, after)
	}
}

func TestApplyDoesNotModifyInput(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	orig := append([]data.Point(nil), points...)
	if _, err := Apply(&articleModel, points, Config{Method: PGD, Epsilon: 0.4, RandomStart: true}); err != nil {
		t.Fatal(err)
	}
	for i := range points {
		if points[i] != orig[i] {
			t.Fatalf("Apply modified point %d", i)
		}
	}
}

func TestPerturbMatchesApply(t *testing.T) {
	t.Parallel()
	points := testPoints(t)
	for _, c := range []Config{{Method: FGSM, Epsilon: 0.2}, {Method: FGM, Epsilon: 0.2}, {Method: PGD, Epsilon: 0.2, Norm: L2}} {
		adv, _ := Apply(&articleModel, points, c)
		for i, p := range points {
			if got := Perturb(&articleModel, p.Vec(), p.Target(), c, nil); got != adv[i].Vec() {
				t.Fatalf("%+v: Perturb(point %d) = %v, Apply %v", c, i, got, adv[i].Vec())
			}
		}
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		c     Config
		field string // "" for a valid config
	}{
		{Config{Method: FGSM}, ""},
		{Config{Method: FGM, Epsilon: 1e300}, ""},
		{Config{Method: PGD, Steps: 1000, StepSize: 0.1, Norm: L2, RandomStart: true}, ""},
		{Config{Method: PGD, Norm: LInf, Box: &Box{Min: [2]float64{1, 1}, Max: [2]float64{1, 1}}}, ""},
		{Config{}, "method"},
		{Config{Method: "FGSM"}, "method"},
		{Config{Method: "cw"}, "method"},
		{Config{Method: FGSM, Epsilon: -0.1}, "epsilon"},
		{Config{Method: FGSM, Epsilon: nan}, "epsilon"},
		{Config{Method: FGSM, Epsilon: inf}, "epsilon"},
		{Config{Method: PGD, Steps: -1}, "steps"},
		{Config{Method: PGD, Steps: 1001}, "steps"},
		{Config{Method: PGD, StepSize: -1}, "step size"},
		{Config{Method: PGD, StepSize: nan}, "step size"},
		{Config{Method: PGD, StepSize: inf}, "step size"},
		{Config{Method: PGD, Norm: "l1"}, "norm"},
		{Config{Method: FGSM, Box: &Box{Min: [2]float64{0, 1}, Max: [2]float64{1, 0}}}, "box axis 1"},
		{Config{Method: FGSM, Box: &Box{Min: [2]float64{nan, 0}, Max: [2]float64{1, 1}}}, "box axis 0"},
		{Config{Method: FGSM, Box: &Box{Min: [2]float64{0, 0}, Max: [2]float64{inf, 1}}}, "box axis 0"},
		{Config{Method: FGSM, Box: &Box{Min: [2]float64{0, -inf}, Max: [2]float64{1, 1}}}, "box axis 1"},
	} {
		err := c.c.Validate()
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%+v.Validate() = %v, want nil", c.c, err)
		case c.field != "" && err == nil:
			t.Errorf("%+v.Validate() = nil, want an error naming %s", c.c, c.field)
		case c.field != "" && !strings.HasPrefix(err.Error(), "attack: "+c.field):
			t.Errorf("%+v.Validate() = %q, want it to start with %q", c.c, err, "attack: "+c.field)
		}
		if c.field != "" {
			if adv, err := Apply(&articleModel, testPoints(t), c.c); err == nil || adv != nil {
				t.Errorf("Apply with %+v = %d points, %v; want nil and an error", c.c, len(adv), err)
			}
		}
	}
}

func TestApplyBadPoints(t *testing.T) {
	t.Parallel()
	for _, points := range [][]data.Point{
		{{X: math.NaN(), Label: 0}},
		{{X: 0, Y: math.Inf(-1), Label: 1}},
		{{Label: 3}},
	} {
		if adv, err := Apply(&articleModel, points, Config{Method: FGSM, Epsilon: 0.1}); err == nil || adv != nil {
			t.Errorf("Apply(%+v) = %v, %v; want nil and an error", points, adv, err)
		}
	}
	if adv, err := Apply(&articleModel, nil, Config{Method: FGSM, Epsilon: 0.1}); err != nil || len(adv) != 0 {
		t.Errorf("Apply(nil) = %v, %v; want no points and no error", adv, err)
	}
}

func TestBallNorm(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		c    Config
		want Norm
	}{
		{Config{Method: FGSM}, LInf},
		{Config{Method: FGSM, Norm: L2}, LInf}, // Norm is PGD's only
		{Config{Method: FGM}, L2},
		{Config{Method: PGD}, LInf},
		{Config{Method: PGD, Norm: LInf}, LInf},
		{Config{Method: PGD, Norm: L2}, L2},
	} {
		if got := c.c.BallNorm(); got != c.want {
			t.Errorf("%+v.BallNorm() = %s, want %s", c.c, got, c.want)
		}
	}
}

// TestAtEpsilon checks that AtEpsilon sets the budget, sends PGD's step
// size back to its default ε/4, and keeps every other setting.
func TestAtEpsilon(t *testing.T) {
	t.Parallel()
	box := &Box{Min: [2]float64{-1, -1}, Max: [2]float64{3, 3}}
	for _, c := range []struct{ in, want Config }{
		{Config{Method: FGSM, Epsilon: 0.1, Box: box}, Config{Method: FGSM, Epsilon: 0.7, Box: box}},
		{Config{Method: FGM, Epsilon: 0.1}, Config{Method: FGM, Epsilon: 0.7}},
		{
			Config{Method: PGD, Epsilon: 0.1, Steps: 20, StepSize: 0.05, Norm: L2, RandomStart: true, Seed: 4, Box: box},
			Config{Method: PGD, Epsilon: 0.7, Steps: 20, Norm: L2, RandomStart: true, Seed: 4, Box: box},
		},
	} {
		if got := c.in.AtEpsilon(0.7); got != c.want {
			t.Errorf("%+v.AtEpsilon(0.7) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func ExampleApply() {
	// The Bayes boundary x₁ + x₂ = 2 of the article's clouds, and a red
	// point (label 0) with logit 0.7 + 1 − 2 = −0.3.
	m := model.Linear{W: [2]float64{1, 1}, B: -2}
	points := []data.Point{{X: 0.7, Y: 1, Label: 0}}
	for _, eps := range []float64{0.1, 0.2} {
		adv, err := Apply(&m, points, Config{Method: FGSM, Epsilon: eps})
		if err != nil {
			fmt.Println(err)
			return
		}
		// FGSM moves both coordinates by ε towards the boundary, which
		// raises the logit by ε·‖w‖₁ = 2ε: the point crosses once ε > 0.15.
		fmt.Printf("ε = %.1f: (%.2f, %.2f), predicted %d\n", eps, adv[0].X, adv[0].Y, model.Predict(&m, adv[0].Vec()))
	}
	// Output:
	// ε = 0.1: (0.80, 1.10), predicted 0
	// ε = 0.2: (0.90, 1.20), predicted 1
}

// TestFGSMLinearFastPath checks that FGSM on logistic regression, which
// skips the exponential, gives bit for bit what the generic path gives,
// including where the residual rounds to zero (|z| > 745: no move) and for
// weights of either sign or zero. The generic path is reached through a
// wrapper type that hides the *model.Linear.
func TestFGSMLinearFastPath(t *testing.T) {
	t.Parallel()
	type hidden struct{ model.Model }
	points := testPoints(t)
	points = append(points, data.Point{X: 400, Y: 400, Label: 1}, data.Point{X: -400, Y: -400, Label: 0},
		data.Point{X: 400, Y: 400, Label: 0}, data.Point{X: 1, Y: 1, Label: 1})
	for _, m := range []model.Linear{
		{W: [2]float64{1.34, 1.35}, B: -1.48},
		{W: [2]float64{-2, 0.5}, B: 0.3},
		{W: [2]float64{0, 3}, B: -1},
		{W: [2]float64{1, 1}, B: -2},
	} {
		for _, eps := range []float64{0, 0.2, 0.5} {
			c := Config{Method: FGSM, Epsilon: eps, Box: &Box{Min: [2]float64{-1, -1}, Max: [2]float64{2.5, 2.5}}}
			fast, _ := Apply(&m, points, c)
			slow, _ := Apply(hidden{&m}, points, c)
			for i := range fast {
				if fast[i] != slow[i] {
					t.Fatalf("w=%v ε=%v point %d: fast %+v, generic %+v", m.W, eps, i, fast[i], slow[i])
				}
			}
		}
	}
}
