package metrics

import (
	"math"
	"slices"
	"sort"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/model"
	"advplay/engine/portable"
)

// ErrorRate returns the fraction of points that m misclassifies, or 0 for
// no points.
func ErrorRate(m model.Model, points []data.Point) float64 {
	if len(points) == 0 {
		return 0
	}
	wrong := 0
	if lin, ok := m.(*model.Linear); ok {
		// The same test as model.Predict, without a call per point.
		for _, p := range points {
			if (lin.W[0]*p.X+lin.W[1]*p.Y+lin.B > 0) != (p.Label == 1) {
				wrong++
			}
		}
	} else {
		for _, p := range points {
			if model.Predict(m, p.Vec()) != p.Label {
				wrong++
			}
		}
	}
	return float64(wrong) / float64(len(points))
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

// CurvePoint is one point of an error-against-ε curve.
type CurvePoint struct {
	Epsilon float64 `json:"epsilon"`
	Error   float64 `json:"error"`
}

// Curve returns the error of m under attack c at each ε in eps, by running
// the attack. It returns an error if c, an ε or the points are invalid.
func Curve(m model.Model, points []data.Point, c attack.Config, eps []float64) ([]CurvePoint, error) {
	out := make([]CurvePoint, len(eps))
	for i, e := range eps {
		c.Epsilon = e
		if c.Method == attack.PGD && c.StepSize != 0 {
			// A fixed step would not scale with ε; use the default ε/4.
			c.StepSize = 0
		}
		v, err := AdversarialError(m, points, c)
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
	if ball == attack.L2 {
		return portable.Hypot(w[0], w[1])
	}
	return math.Abs(w[0]) + math.Abs(w[1])
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
