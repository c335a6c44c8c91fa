package linear

import (
	"fmt"

	"advplay/engine/attack"
	"advplay/engine/data"
)

// The attacks on a linear model in closed form. The log-loss gradient is
// ∇ₓJ = (σ(z) − y)·w, whose residual σ(z) − y is negative for class 1 and
// positive for class 0, so with s = +1 for class 1 and −1 for class 0 each
// point moves by
//
//	FGSM (L∞): δ = −s·ε·sign(w),   FGM (L2): δ = −s·ε·w/‖w‖₂,
//
// the same step for every point of a class. Both lower the margin
// s·(w·x + b) by exactly ε‖w‖₁ and ε‖w‖₂, the largest drop in their
// balls. This is package attack's FGSM and FGM for a linear model, for a
// residual that does not round to zero (|z| below about 700).

// Step writes into dst the attack's step δ for a point of the given label:
// FGSM for the L∞ ball, FGM for the L2 ball, of budget eps; sign(0) = 0,
// and for w = 0 the step is 0. It returns dst. It panics if dst is not of
// length Dim or label is not 0 or 1.
func (m Model) Step(dst []float64, label int, eps float64, ball attack.Norm) []float64 {
	if len(dst) != len(m.W) {
		panic(fmt.Sprintf("linear: Step: dst of length %d, model of dimension %d", len(dst), len(m.W)))
	}
	if label != 0 && label != 1 {
		panic(fmt.Sprintf("linear: Step: label %d is not 0 or 1", label))
	}
	size := -signedLabel(label) * eps
	if ball == attack.L2 {
		if n := m.Norm2(); n > 0 {
			size /= n
		} else {
			size = 0
		}
		for j, v := range m.W {
			dst[j] = size * v
		}
		return dst
	}
	for j, v := range m.W {
		dst[j] = size * attack.Sign(v)
	}
	return dst
}

// Perturb writes the attacked point x + δ into dst (which may be x) and
// returns it, with δ from Step. It panics as Step does, or if x is not of
// length Dim.
func (m Model) Perturb(dst, x []float64, label int, eps float64, ball attack.Norm) []float64 {
	if len(x) != len(m.W) {
		panic(fmt.Sprintf("linear: Perturb: point of length %d, model of dimension %d", len(x), len(m.W)))
	}
	step := m.Step(make([]float64, len(m.W)), label, eps, ball)
	for j := range dst {
		dst[j] = x[j] + step[j]
	}
	return dst
}

// A Counter counts the errors of one model on points under one attack,
// one point at a time, without storing the attacked points: it keeps the
// step of each class and computes w·(x + δ) + b coordinate by coordinate.
// An attack of budget 0 counts the clean errors.
type Counter struct {
	m      Model
	steps  [2][]float64
	Wrong  int // misclassified points so far
	Points int // points counted so far
}

// NewCounter returns a Counter of m's errors under FGSM (L∞ ball) or FGM
// (L2 ball) of budget eps. The model's weights are not copied: they must
// not change while the Counter is in use.
func NewCounter(m Model, eps float64, ball attack.Norm) *Counter {
	c := &Counter{m: m}
	for label := range c.steps {
		c.steps[label] = m.Step(make([]float64, m.Dim()), label, eps, ball)
	}
	return c
}

// Add counts the attacked copy of point x of the given label and reports
// whether the model misclassifies it. It panics if x is not of length Dim
// or label is not 0 or 1.
func (c *Counter) Add(x []float64, label int) bool {
	if len(x) != c.m.Dim() {
		panic(fmt.Sprintf("linear: Counter.Add: point of length %d, model of dimension %d", len(x), c.m.Dim()))
	}
	if label != 0 && label != 1 {
		panic(fmt.Sprintf("linear: Counter.Add: label %d is not 0 or 1", label))
	}
	step := c.steps[label][:len(x)]
	z := c.m.B
	for j, v := range c.m.W {
		z += v * (x[j] + step[j])
	}
	wrong := (z > 0) != (label == 1)
	c.Points++
	if wrong {
		c.Wrong++
	}
	return wrong
}

// Rate returns Wrong/Points, or 0 before any point.
func (c *Counter) Rate() float64 {
	if c.Points == 0 {
		return 0
	}
	return float64(c.Wrong) / float64(c.Points)
}

// ErrorRate returns the fraction of the points of s that m misclassifies
// after the attack of budget eps in the given ball (FGSM for L∞, FGM for
// L2; eps = 0 for the clean error), or 0 for no points. It panics if s is
// not of m's dimension.
func ErrorRate(m Model, s data.Samples, eps float64, ball attack.Norm) float64 {
	if s.Dim != m.Dim() {
		panic(fmt.Sprintf("linear: ErrorRate: samples of dimension %d, model of %d", s.Dim, m.Dim()))
	}
	c := NewCounter(m, eps, ball)
	for i := range s.Len() {
		c.Add(s.Row(i), s.Label(i))
	}
	return c.Rate()
}
