package model

import "advplay/engine/logistic"

// Model is a binary classifier on the plane with a differentiable log-loss.
//
// Parameters are exposed as one flat vector so that generic optimizers and
// finite-difference checks can work on any model.
type Model interface {
	// Logit returns z(x); the probability of class 1 is σ(z).
	Logit(x [2]float64) float64
	// InputGrad returns ∇ₓJ(x, y), the gradient of the log-loss with
	// respect to the point.
	InputGrad(x [2]float64, y float64) [2]float64
	// ParamGrad adds ∇_θJ(x, y) to grad, which must have length
	// NumParams.
	ParamGrad(grad []float64, x [2]float64, y float64)
	// NumParams returns the number of parameters.
	NumParams() int
	// Params copies the parameters into dst, which must have length
	// NumParams, and returns it.
	Params(dst []float64) []float64
	// SetParams sets the parameters from src, which must have length
	// NumParams.
	SetParams(src []float64)
	// Clone returns a deep copy: a snapshot that later training of
	// either model leaves unchanged.
	Clone() Model
}

// Loss returns the log-loss J(x, y) of m at a labelled point.
func Loss(m Model, x [2]float64, y float64) float64 {
	return logistic.LogLoss(m.Logit(x), y)
}

// Predict returns the predicted class, 1 when the logit is positive and 0
// otherwise. A point exactly on the boundary counts as class 0.
func Predict(m Model, x [2]float64) int {
	if m.Logit(x) > 0 {
		return 1
	}
	return 0
}
