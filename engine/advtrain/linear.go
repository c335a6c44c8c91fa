package advtrain

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/logreg"
	"advplay/engine/model"
)

// FitLinear returns logistic regression trained adversarially as c says,
// to convergence: it minimizes LinearFGSMObjective, the closed form of the
// training loss for a linear model. The closed form covers PGD training
// too, since PGD on a linear model ends at FGSM's corner of the L∞ ball
// (package attack); the two recipes differ only in α (DefaultConfig). The
// minimization is gonum's L-BFGS from the converged plain fit
// (logreg.Fit), with the gradient in closed form; the objective is convex
// in (w, b), with kinks where a weight is zero. When the plain fit found
// the points separable and added its ridge penalty, the same penalty is
// added here, since the adversarial loss may have no finite minimum
// either.
//
// It returns an error if points is empty or invalid, c is invalid, or the
// minimization fails.
func FitLinear(points []data.Point, c Config) (model.Linear, error) {
	if err := c.Validate(); err != nil {
		return model.Linear{}, err
	}
	plain, err := logreg.Fit(points, logreg.FitOptions{})
	if err != nil {
		return model.Linear{}, err
	}
	if !c.adversarial() || c.Epsilon == 0 {
		return plain.Model, nil
	}
	cols := data.ToColumns(points)
	ridge := 0.0
	if plain.Separable {
		ridge = plain.L2
	}
	problem := optimize.Problem{
		Func: func(theta []float64) float64 {
			f, _ := linearObjective(theta, cols, c, ridge, nil)
			return f
		},
		Grad: func(grad, theta []float64) { linearObjective(theta, cols, c, ridge, grad) },
	}
	init := plain.Model.Params(make([]float64, 3))
	settings := &optimize.Settings{GradientThreshold: 1e-10, MajorIterations: 500}
	res, err := optimize.Minimize(problem, init, settings, &optimize.LBFGS{})
	if res == nil || len(res.X) != 3 {
		return model.Linear{}, fmt.Errorf("advtrain: fitting the linear model failed: %v", err)
	}
	for _, v := range res.X {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return model.Linear{}, errors.New("advtrain: fitting the linear model diverged")
		}
	}
	// Stopping on a kink or at the iteration limit still leaves the best
	// point found, which is what a converged fit is here.
	return model.Linear{W: [2]float64{res.X[0], res.X[1]}, B: res.X[2]}, nil
}

// LinearFGSMObjective returns the objective that FGSM training with c
// minimizes for the linear model m on points, in closed form
// (Goodfellow et al. 2015, §5): with the signed label s = 2y−1 and
// z = w·x + b, the FGSM point x + ε·sign(∇ₓJ) moves x by −ε·s·sign(w),
// since ∇ₓJ = (σ(z)−y)·w points along −s·w, and lowers the signed margin
// s·z by exactly ε‖w‖₁, so the objective is the mean of
//
//	α·softplus(−s·z) + (1−α)·softplus(−s·z + ε‖w‖₁).
//
// Seen as a function of (w, b) it is the clean loss plus an L1-like
// penalty on w whose weight grows with ε and with how close each point is
// to the boundary. For c without adversarial points it is the clean mean
// loss, and 0 for no points.
func LinearFGSMObjective(m model.Linear, points []data.Point, c Config) float64 {
	if len(points) == 0 {
		return 0
	}
	if !c.adversarial() {
		c.Alpha, c.Epsilon = 1, 0
	}
	f, _ := linearObjective(m.Params(make([]float64, 3)), data.ToColumns(points), c, 0, nil)
	return f
}

// linearObjective returns LinearFGSMObjective at θ = (w₁, w₂, b) and, if
// grad is not nil, stores its gradient there: with s = 2y−1, z = w·x + b
// and u = −s·z + ε‖w‖₁,
//
//	∂/∂wᵢ = α·σ(−s·z)·(−s·xᵢ) + (1−α)·σ(u)·(−s·xᵢ + ε·sign(wᵢ)),
//	∂/∂b  = α·σ(−s·z)·(−s)    + (1−α)·σ(u)·(−s),
//
// averaged over the points, with sign(0) = 0, plus ridge/2·‖θ‖² on the sum
// of the losses, as logreg.Fit penalizes separable points.
func linearObjective(theta []float64, c data.Columns, cfg Config, ridge float64, grad []float64) (float64, []float64) {
	w0, w1, b := theta[0], theta[1], theta[2]
	alpha, eps := cfg.Alpha, cfg.Epsilon
	lin := model.Linear{W: [2]float64{w0, w1}, B: b}
	l1 := lin.Norm1()
	s0, s1 := attack.Sign(w0), attack.Sign(w1)
	var f, g0, g1, gb float64
	for i := range c.X1 {
		s := 2*c.Y[i] - 1
		z := w0*c.X1[i] + w1*c.X2[i] + b
		u := -s*z + eps*l1
		f += alpha*logistic.Softplus(-s*z) + (1-alpha)*logistic.Softplus(u)
		if grad == nil {
			continue
		}
		a := alpha * logistic.Sigmoid(-s*z)
		d := (1 - alpha) * logistic.Sigmoid(u)
		g0 += (a+d)*(-s*c.X1[i]) + d*eps*s0
		g1 += (a+d)*(-s*c.X2[i]) + d*eps*s1
		gb += (a + d) * (-s)
	}
	n := float64(len(c.X1))
	f += ridge / 2 * (w0*w0 + w1*w1 + b*b)
	if grad != nil {
		grad[0], grad[1], grad[2] = (g0+ridge*w0)/n, (g1+ridge*w1)/n, (gb+ridge*b)/n
	}
	return f / n, grad
}
