package model

import (
	"math"

	"advplay/engine/logistic"
	"advplay/engine/portable"
)

// Linear is logistic regression: z = w·x + b.
type Linear struct {
	W [2]float64
	B float64
}

var _ Model = (*Linear)(nil)

// Logit returns w·x + b.
func (m *Linear) Logit(x [2]float64) float64 {
	return m.W[0]*x[0] + m.W[1]*x[1] + m.B
}

// InputGrad returns ∇ₓJ = (σ(z)−y)·w.
func (m *Linear) InputGrad(x [2]float64, y float64) [2]float64 {
	r := logistic.Residual(m.Logit(x), y)
	return [2]float64{r * m.W[0], r * m.W[1]}
}

// ParamGrad adds ∇_θJ = (σ(z)−y)·(x₁, x₂, 1) to grad, in the parameter
// order (w₁, w₂, b). It panics if len(grad) != 3.
func (m *Linear) ParamGrad(grad []float64, x [2]float64, y float64) {
	if len(grad) != 3 {
		panic("model: Linear.ParamGrad: grad length is not 3")
	}
	r := logistic.Residual(m.Logit(x), y)
	grad[0] += r * x[0]
	grad[1] += r * x[1]
	grad[2] += r
}

// Norm1 returns ‖w‖₁ = |w₁| + |w₂|, by which an attack of budget ε in the
// L∞ ball lowers a point's signed margin: ε‖w‖₁.
func (m *Linear) Norm1() float64 { return math.Abs(m.W[0]) + math.Abs(m.W[1]) }

// Norm2 returns ‖w‖₂, by which an attack of budget ε in the L2 ball lowers
// a point's signed margin: ε‖w‖₂; divided into the logit, it gives the
// distance to the boundary.
func (m *Linear) Norm2() float64 { return portable.Hypot(m.W[0], m.W[1]) }

// Clone returns a copy of m.
func (m *Linear) Clone() Model {
	c := *m
	return &c
}

// NumParams returns 3.
func (m *Linear) NumParams() int { return 3 }

// Params returns (w₁, w₂, b) in dst. It panics if len(dst) != 3.
func (m *Linear) Params(dst []float64) []float64 {
	if len(dst) != 3 {
		panic("model: Linear.Params: dst length is not 3")
	}
	dst[0], dst[1], dst[2] = m.W[0], m.W[1], m.B
	return dst
}

// SetParams sets (w₁, w₂, b) from src. It panics if len(src) != 3.
func (m *Linear) SetParams(src []float64) {
	if len(src) != 3 {
		panic("model: Linear.SetParams: src length is not 3")
	}
	m.W[0], m.W[1], m.B = src[0], src[1], src[2]
}
