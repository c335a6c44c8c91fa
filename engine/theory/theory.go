package theory

import (
	"math"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/metrics"
	"advplay/engine/model"
)

// CloudsError returns the expected error rate of the linear model m on the
// article's clouds with standard deviation sigma (0.5 in the article) and
// equal class sizes, when every point is attacked with budget eps in the
// given ball. A class-k point has margin
// (2k−1)(w·x+b) ~ N(μₖ, σ²‖w‖₂²), the attack lowers it by eps·‖w‖_dual,
// so the class error is Φ(−(μₖ − eps·‖w‖_dual)/(σ‖w‖₂)).
//
// For w = 0 the model predicts one class everywhere and the error is 1/2.
func CloudsError(m model.Linear, sigma, eps float64, ball attack.Norm) float64 {
	scale := sigma * m.Norm2()
	if scale == 0 {
		return 0.5
	}
	drop := eps * metrics.DualNorm(m.W, ball)
	var sum float64
	for label := range 2 {
		mu := data.CloudMean(label)
		mean := m.W[0]*mu[0] + m.W[1]*mu[1] + m.B
		if label == 0 {
			mean = -mean
		}
		sum += normalCDF(-(mean - drop) / scale)
	}
	return sum / 2
}

// Bayes is the Bayes-optimal classifier for the clouds: the boundary
// x₁ + x₂ = 2, halfway between the means.
var Bayes = model.Linear{W: [2]float64{1, 1}, B: -2}

// BayesError returns the error of the Bayes boundary under an L∞ attack of
// budget eps: Φ(−2√2·(1−eps)), from CloudsError with w = (1,1), b = −2,
// ‖w‖₁ = 2, ‖w‖₂ = √2, σ = 1/2.
func BayesError(eps float64) float64 {
	return normalCDF(-2 * math.Sqrt2 * (1 - eps))
}
