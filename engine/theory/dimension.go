package theory

import (
	"fmt"
	"math"

	"advplay/engine/attack"
)

// LinearError returns the expected error rate of the linear classifier
// "class 1 iff w·x + b > 0" on two equally likely isotropic Gaussian
// classes, class k ~ N(μₖ, σ²I), when every point is attacked with budget
// eps in the given ball. With the signed label s₀ = −1, s₁ = +1, the
// margin sₖ(w·x + b) of a class-k point is N(sₖ(w·μₖ + b), σ²‖w‖₂²), the
// attack lowers it by ε‖w‖_dual (‖w‖₁ in the L∞ ball, ‖w‖₂ in the L2 ball),
// so
//
//	error = ½ Σₖ Φ((ε‖w‖_dual − sₖ(w·μₖ + b)) / (σ‖w‖₂)).
//
// This is the linear explanation of adversarial examples (I. Goodfellow,
// J. Shlens, C. Szegedy, "Explaining and Harnessing Adversarial Examples",
// ICLR 2015, arXiv:1412.6572, §3): the L∞ attack moves the score by
// ε‖w‖₁, which can reach ε√d·‖w‖₂ in d dimensions, though no coordinate
// moves by more than ε.
//
// For w = 0 the classifier is constant and the error is 1/2. For σ = 0
// each class is its mean, which counts as misclassified when the attacked
// margin is ≤ 0 for class 1 and < 0 for class 0, as a point on the boundary
// is class 0. It panics if w and the means differ in length.
func LinearError(w []float64, b float64, means [2][]float64, sigma, eps float64, ball attack.Norm) float64 {
	if len(means[0]) != len(w) || len(means[1]) != len(w) {
		panic(fmt.Sprintf("theory: LinearError: w of length %d, means of %d and %d", len(w), len(means[0]), len(means[1])))
	}
	var l1, sq float64
	for _, v := range w {
		l1 += math.Abs(v)
		sq += v * v
	}
	l2 := math.Sqrt(sq)
	if l2 == 0 {
		return 0.5
	}
	drop := eps * l1
	if ball == attack.L2 {
		drop = eps * l2
	}
	var sum float64
	for k, mu := range means {
		z := b
		for j, v := range w {
			z += v * mu[j]
		}
		if k == 0 {
			z = -z
		}
		num := drop - z
		switch spread := sigma * l2; {
		case spread > 0:
			sum += normalCDF(num / spread)
		case num > 0 || num == 0 && k == 1:
			sum++
		}
	}
	return sum / 2
}

// DimensionError returns the error rate of the best linear classifier on
// the clouds in d dimensions (data.CloudsIn), N(0, σ²I_d) against
// N(m·1_d, σ²I_d) with m = 2√(2/d), under an attack of budget eps in the
// given ball. The best boundary is the plane w = 1_d through the midpoint of
// the means, at distance √2 from each; LinearError with ‖w‖₁/‖w‖₂ = √d
// gives
//
//	L∞: Φ((ε√d − √2)/σ),   L2: Φ((ε − √2)/σ),
//
// so the L∞ error grows with d at a fixed ε while the L2 error does not
// depend on d. At d = 2 and σ = 1/2 it is BayesError. It panics if d < 1
// or sigma ≤ 0.
func DimensionError(d int, sigma, eps float64, ball attack.Norm) float64 {
	if d < 1 || !(sigma > 0) {
		panic(fmt.Sprintf("theory: DimensionError(%d, %v): want d ≥ 1 and σ > 0", d, sigma))
	}
	reach := eps * math.Sqrt(float64(d)) // ε‖w‖₁/‖w‖₂
	if ball == attack.L2 {
		reach = eps
	}
	return normalCDF((reach - math.Sqrt2) / sigma)
}
