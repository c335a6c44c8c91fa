package logistic

import (
	"math"

	"advplay/engine/portable"
)

// Sigmoid returns σ(z) = 1/(1+e^{−z}). It is accurate to a few ulps relative
// for every z: e^{−z} overflows to +Inf for z < −709, and 1/(1+Inf) = 0 is
// the correct limit, so no branch is needed.
func Sigmoid(z float64) float64 {
	return 1 / (1 + portable.Exp(-z))
}

// Softplus returns log(1+e^z) without overflow: for z = 1000 it returns 1000,
// not +Inf, and for z = −1000 it returns e^{−1000} rounded (0).
func Softplus(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(portable.Exp(-z))
	}
	return math.Log1p(portable.Exp(z))
}

// LogLoss returns the cross-entropy −[y·log σ(z) + (1−y)·log(1−σ(z))] of the
// logit z against the label y ∈ {0, 1}, written as softplus(z) − y·z so that
// it stays finite and accurate for |z| up to 1e3 and beyond.
func LogLoss(z, y float64) float64 {
	if y == 1 {
		return Softplus(-z)
	}
	return Softplus(z) - y*z
}

// Residual returns σ(z) − y, the derivative of LogLoss with respect to z.
// For y = 1 it is computed as −σ(−z), which stays non-zero up to z ≈ 745
// where the naive σ(z) − 1 rounds to 0 beyond z ≈ 37. Attacks follow the
// sign of this residual, so it must not vanish early.
func Residual(z, y float64) float64 {
	if y == 1 {
		return -Sigmoid(-z)
	}
	return Sigmoid(z) - y
}
