// Package theory gives closed-form error rates of linear classifiers on the
// article's two Gaussian clouds, N((0,0), σ²I) for class 0 and N((2,2), σ²I)
// for class 1 with σ = 0.5, with and without a worst-case attack. The
// browser draws these beside the measured curve.
package theory
