package metrics

import (
	"math"
	"slices"
	"sort"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/model"
)

// ErrorRate returns the fraction of points that m misclassifies, or 0 for
// no points.
func ErrorRate(m model.Model, points []data.Point) float64 {
	return rate(classify(m, points, nil), len(points))
}

// classify returns the number of points that m misclassifies (as
// model.Predict decides) and, unless correct is nil, sets correct[i] to
// whether it classifies points[i] correctly.
func classify(m model.Model, points []data.Point, correct []bool) (wrong int) {
	if lin, ok := m.(*model.Linear); ok {
		// The same test as model.Predict, without a call per point.
		for i, p := range points {
			ok := (lin.W[0]*p.X+lin.W[1]*p.Y+lin.B > 0) == (p.Label == 1)
			if !ok {
				wrong++
			}
			if correct != nil {
				correct[i] = ok
			}
		}
		return wrong
	}
	for i, p := range points {
		ok := model.Predict(m, p.Vec()) == p.Label
		if !ok {
			wrong++
		}
		if correct != nil {
			correct[i] = ok
		}
	}
	return wrong
}

// rate returns wrong/n, or 0 for n = 0.
func rate(wrong, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(wrong) / float64(n)
}

// AdversarialError returns the error rate of m on the points attacked by c.
// It returns an error if c or the points are invalid.
func AdversarialError(m model.Model, points []data.Point, c attack.Config) (float64, error) {
	adv, err := attack.Apply(m, points, c)
	if err != nil {
		return 0, err
	}
	return ErrorRate(m, adv), nil
}

// Evaluation is how a model fares on points before and after an attack.
// Its slices are parallel to the points.
type Evaluation struct {
	// Adversarial holds the attacked points (labels unchanged).
	Adversarial []data.Point
	// Correct and AdversarialCorrect report whether the model classifies
	// each point correctly before and after the attack; Flipped, whether
	// the attack turned a correct classification into a wrong one.
	Correct, AdversarialCorrect, Flipped []bool
	// CleanError and AdversarialError are the fractions of points
	// misclassified before and after the attack (0 for no points);
	// NumFlipped counts the flipped points.
	CleanError, AdversarialError float64
	NumFlipped                   int
}

// Evaluate attacks the points with c and classifies them with m before and
// after. It returns an error if c or the points are invalid.
func Evaluate(m model.Model, points []data.Point, c attack.Config) (Evaluation, error) {
	adv, err := attack.Apply(m, points, c)
	if err != nil {
		return Evaluation{}, err
	}
	n := len(points)
	e := Evaluation{
		Adversarial:        adv,
		Correct:            make([]bool, n),
		AdversarialCorrect: make([]bool, n),
		Flipped:            make([]bool, n),
	}
	e.CleanError = rate(classify(m, points, e.Correct), n)
	e.AdversarialError = rate(classify(m, adv, e.AdversarialCorrect), n)
	for i, ok := range e.Correct {
		if ok && !e.AdversarialCorrect[i] {
			e.Flipped[i] = true
			e.NumFlipped++
		}
	}
	return e, nil
}

// CurvePoint is one point of an error-against-ε curve.
type CurvePoint struct {
	Epsilon float64 `json:"epsilon"`
	Error   float64 `json:"error"`
}

// Curve returns the error of m under attack c.AtEpsilon(ε) at each ε in
// eps, by running the attack. It returns an error if c, an ε or the points
// are invalid.
func Curve(m model.Model, points []data.Point, c attack.Config, eps []float64) ([]CurvePoint, error) {
	out := make([]CurvePoint, len(eps))
	for i, e := range eps {
		v, err := AdversarialError(m, points, c.AtEpsilon(e))
		if err != nil {
			return nil, err
		}
		out[i] = CurvePoint{Epsilon: e, Error: v}
	}
	return out, nil
}

// Grid returns n+1 evenly spaced values from 0 to max inclusive.
func Grid(max float64, n int) []float64 {
	g := make([]float64, n+1)
	for i := range g {
		g[i] = max * float64(i) / float64(n)
	}
	return g
}

// DualNorm returns the norm of w that an attack in the given ball takes off
// a linear model's margin: ‖w‖₁ for the L∞ ball, ‖w‖₂ for the L2 ball.
func DualNorm(w [2]float64, ball attack.Norm) float64 {
	m := model.Linear{W: w}
	if ball == attack.L2 {
		return m.Norm2()
	}
	return m.Norm1()
}

// Margin returns the signed margin of a point under a linear model:
// z = w·x + b for class 1 and −z for class 0. It is positive when the point
// is on its own side of the boundary.
func Margin(m model.Linear, p data.Point) float64 {
	z := m.Logit(p.Vec())
	if p.Label == 1 {
		return z
	}
	return -z
}

// MinFlipEpsilon returns the smallest ε at which an attack in the given
// ball moves p across the boundary of m: margin/‖w‖_dual, or 0 for a point
// already misclassified. It returns +Inf when w = 0, since no attack can
// change a constant model's prediction.
func MinFlipEpsilon(m model.Linear, p data.Point, ball attack.Norm) float64 {
	margin := Margin(m, p)
	if margin <= 0 {
		return 0
	}
	d := DualNorm(m.W, ball)
	if d == 0 {
		return math.Inf(1)
	}
	return margin / d
}

// LinearCurve is the exact error-against-ε curve of a linear model under a
// worst-case attack in an L∞ or L2 ball: the attack lowers each signed margin
// by ε‖w‖₁ (FGSM, and PGD in L∞) or ε‖w‖₂ (FGM, PGD in L2). Sorting the
// margins once makes every ε a binary search.
//
// A point exactly on the boundary counts as class 0, as in model.Predict:
// a class-1 point is misclassified when its margin falls to 0, a class-0
// point only when its margin falls below 0.
type LinearCurve struct {
	margins [2][]float64 // sorted, by label
	dual    float64
	n       int
}

// NewLinearCurve returns the exact curve of m on points for attacks in the
// given ball. It returns an error if the points are invalid.
func NewLinearCurve(m model.Linear, points []data.Point, ball attack.Norm) (*LinearCurve, error) {
	if err := data.Validate(points); err != nil {
		return nil, err
	}
	c := &LinearCurve{dual: DualNorm(m.W, ball), n: len(points)}
	for _, p := range points {
		c.margins[p.Label] = append(c.margins[p.Label], Margin(m, p))
	}
	slices.Sort(c.margins[0])
	slices.Sort(c.margins[1])
	return c, nil
}

// Error returns the exact error rate at ε, or 0 for no points.
func (c *LinearCurve) Error(eps float64) float64 {
	if c.n == 0 {
		return 0
	}
	drop := eps * c.dual
	// Class 1: wrong when margin − drop ≤ 0. Class 0: when margin − drop < 0.
	wrong1 := sort.Search(len(c.margins[1]), func(i int) bool { return c.margins[1][i]-drop > 0 })
	wrong0 := sort.Search(len(c.margins[0]), func(i int) bool { return c.margins[0][i]-drop >= 0 })
	return float64(wrong0+wrong1) / float64(c.n)
}

// Curve returns the exact error at each ε in eps.
func (c *LinearCurve) Curve(eps []float64) []CurvePoint {
	out := make([]CurvePoint, len(eps))
	for i, e := range eps {
		out[i] = CurvePoint{Epsilon: e, Error: c.Error(e)}
	}
	return out
}
