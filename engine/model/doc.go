// Package model defines Model, the interface that every classifier in advplay
// satisfies, and Linear, the logistic-regression model.
//
// A model maps a point x ∈ ℝ² to a logit z; the probability of class 1
// (blue) is σ(z). The loss J of a labelled point is the log-loss of that
// logit. Attacks need ∇ₓJ, training needs ∇_θJ, and both are exact, not
// numerical: the tests check them against central finite differences.
package model
