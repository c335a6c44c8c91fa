package linear

import (
	"fmt"
	"math"

	"advplay/engine/attack"
)

// Model is a linear classifier in ℝ^d: class 1 iff w·x + b > 0, a point on
// the boundary being class 0; as logistic regression, σ(w·x + b) is the
// probability of class 1.
type Model struct {
	W []float64
	B float64
}

// Dim returns d, the length of W.
func (m Model) Dim() int { return len(m.W) }

// Logit returns w·x + b, summed in coordinate order. It panics if x is
// not of length Dim.
func (m Model) Logit(x []float64) float64 {
	if len(x) != len(m.W) {
		panic(fmt.Sprintf("linear: Logit: point of length %d, model of dimension %d", len(x), len(m.W)))
	}
	z := m.B
	for j, v := range m.W {
		z += v * x[j]
	}
	return z
}

// Predict returns 1 if w·x + b > 0 and 0 otherwise.
func (m Model) Predict(x []float64) int {
	if m.Logit(x) > 0 {
		return 1
	}
	return 0
}

// Norm1 returns ‖w‖₁, by how much an L∞ attack of budget 1 moves the
// score w·x + b.
func (m Model) Norm1() float64 {
	var s float64
	for _, v := range m.W {
		s += math.Abs(v)
	}
	return s
}

// Norm2 returns ‖w‖₂ = √(Σ wⱼ²), by how much an L2 attack of budget 1
// moves the score.
func (m Model) Norm2() float64 {
	var s float64
	for _, v := range m.W {
		s += v * v
	}
	return math.Sqrt(s)
}

// Reach returns how far an attack of budget eps in the given ball moves a
// point along the unit normal ŵ = w/‖w‖₂, towards the boundary:
//
//	L∞ (FGSM): ε‖w‖₁/‖w‖₂, between ε and ε√d;   L2 (FGM): ε.
//
// It is the horizontal length of the attack's step in the Plane, and it is
// the figure that grows with the dimension: for w ∝ 1_d it is ε√d, while no
// coordinate moves by more than ε. For w = 0 it is 0.
func (m Model) Reach(eps float64, ball attack.Norm) float64 {
	n2 := m.Norm2()
	if n2 == 0 || ball == attack.L2 {
		if n2 == 0 {
			return 0
		}
		return eps
	}
	return eps * m.Norm1() / n2
}

// signedLabel returns s = +1 for class 1 and −1 for class 0: the margin of
// a point is s·(w·x + b).
func signedLabel(label int) float64 { return float64(2*label - 1) }

// Bisector returns the perpendicular bisector of two means: w = μ₁ − μ₀,
// b = −w·(μ₀ + μ₁)/2. For two isotropic Gaussian classes of equal weight
// and spread it is the Bayes classifier, the best line there is: for the
// clouds in d dimensions (data.CloudMeans) it is w = m·1_d, b = −4 with
// m = 2√(2/d). It panics if the means differ in length.
func Bisector(means [2][]float64) Model {
	if len(means[0]) != len(means[1]) {
		panic(fmt.Sprintf("linear: Bisector: means of lengths %d and %d", len(means[0]), len(means[1])))
	}
	m := Model{W: make([]float64, len(means[0]))}
	for j := range m.W {
		m.W[j] = means[1][j] - means[0][j]
		m.B -= m.W[j] * (means[0][j] + means[1][j]) / 2
	}
	return m
}
