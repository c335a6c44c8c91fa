package advtrain

import (
	"fmt"
	"math"
	"math/rand/v2"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/mlp"
)

// Method names an adversarial-training recipe.
type Method string

// The recipes.
const (
	None Method = "none" // plain training
	FGSM Method = "fgsm" // Goodfellow et al.'s mix with FGSM points
	PGD  Method = "pgd"  // Madry et al.'s training on PGD points
)

// Methods lists the recipes in the order a menu shows them.
var Methods = []Method{None, FGSM, PGD}

// Defaults.
const (
	// DefaultAlpha is Goodfellow et al.'s weight of the clean loss.
	DefaultAlpha = 0.5
	// MaxEpsilon is the largest training ε Validate accepts.
	MaxEpsilon = 10
)

// Config describes adversarial training. Use DefaultConfig for the
// published recipes.
type Config struct {
	// Method is None, FGSM or PGD; the empty string means None.
	Method Method `json:"method"`
	// Epsilon is the training ε, the radius of the L∞ ball the training
	// attack stays in. It is separate from the ε of the attack the model
	// is evaluated against.
	Epsilon float64 `json:"epsilon"`
	// Alpha ∈ [0, 1] weighs the clean loss: each point's loss is
	// Alpha·J(x) + (1−Alpha)·J(x_adv). Alpha is used as given, so the
	// zero value trains on adversarial points only; DefaultConfig sets
	// 0.5 for FGSM (Goodfellow et al.) and 0 for PGD (Madry et al.).
	Alpha float64 `json:"alpha"`

	// PGD only: the number of steps (0 means attack.DefaultPGDSteps, 10)
	// and their size (0 means Epsilon/4). PGD always starts from a point
	// drawn uniformly in the ball with data.NewRand(Seed).
	Steps    int     `json:"steps,omitempty"`
	StepSize float64 `json:"stepSize,omitempty"`
	Seed     uint64  `json:"seed,omitempty"`
}

// DefaultConfig returns the published recipe for a method at the training
// ε: for FGSM Goodfellow et al.'s α = 0.5, for PGD Madry et al.'s training
// on PGD points only (α = 0) with 10 steps of ε/4 from a random start.
func DefaultConfig(method Method, epsilon float64) Config {
	c := Config{Method: method, Epsilon: epsilon}
	if method == FGSM {
		c.Alpha = DefaultAlpha
	}
	return c
}

// Validate returns an error naming the first invalid field: method, epsilon
// (not a finite number in [0, MaxEpsilon]), alpha (not in [0, 1]), steps
// (not in [0, 1000]) or step size (negative or not finite).
func (c Config) Validate() error {
	switch c.Method {
	case "", None, FGSM, PGD:
	default:
		return fmt.Errorf("advtrain: method %q is not one of none, fgsm, pgd", c.Method)
	}
	if !(c.Epsilon >= 0 && c.Epsilon <= MaxEpsilon) {
		return fmt.Errorf("advtrain: epsilon is %v, must be between 0 and %v", c.Epsilon, MaxEpsilon)
	}
	if !(c.Alpha >= 0 && c.Alpha <= 1) {
		return fmt.Errorf("advtrain: alpha is %v, must be between 0 and 1", c.Alpha)
	}
	if c.Steps < 0 || c.Steps > 1000 {
		return fmt.Errorf("advtrain: steps is %d, must be between 0 (default %d) and 1000", c.Steps, attack.DefaultPGDSteps)
	}
	if !(c.StepSize >= 0) || math.IsInf(c.StepSize, 0) {
		return fmt.Errorf("advtrain: step size is %v, must be a finite number ≥ 0", c.StepSize)
	}
	return nil
}

// adversarial reports whether c trains on adversarial points at all.
func (c Config) adversarial() bool {
	return (c.Method == FGSM || c.Method == PGD) && c.Alpha < 1
}

// Attack returns the attack that makes the training points: FGSM, or PGD
// with random start, at the training ε. It is only meaningful when Method
// is FGSM or PGD.
func (c Config) Attack() attack.Config {
	if c.Method == PGD {
		return attack.Config{
			Method: attack.PGD, Epsilon: c.Epsilon,
			Steps: c.Steps, StepSize: c.StepSize, Norm: attack.LInf,
			RandomStart: true, Seed: c.Seed,
		}
	}
	return attack.Config{Method: attack.FGSM, Epsilon: c.Epsilon}
}

// NewMLP returns a trainer of m on points with the optimizer settings tc,
// made adversarial as c says: it sets tc.Adversary and tc.Alpha (any values
// there are replaced). With Method None, or Alpha 1, it is plain training.
// It returns an error if c, tc or the points are invalid, and panics if m
// is nil.
func NewMLP(m *mlp.MLP, points []data.Point, c Config, tc mlp.TrainConfig) (*mlp.Trainer, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	tc.Adversary, tc.Alpha = nil, 0
	if c.adversarial() {
		tc.Adversary = MLPAdversary(c)
		tc.Alpha = c.Alpha
	}
	return mlp.NewTrainer(m, points, tc)
}

// MLPAdversary returns the mlp.Adversary that moves each point to its FGSM
// or PGD version at the training ε, exactly as attack.Perturb with
// c.Attack() would (PGD draws its random starts point by point from one
// generator seeded with c.Seed), but through the batched mlp.InputGrads.
// It returns nil when Method is None or empty. c must be valid.
func MLPAdversary(c Config) mlp.Adversary {
	if c.Method != FGSM && c.Method != PGD {
		return nil
	}
	ac := c.Attack()
	var rnd *rand.Rand
	if ac.Method == attack.PGD {
		rnd = data.NewRand(ac.Seed)
	}
	var s scratch
	return func(m *mlp.MLP, x1, x2, y []float64) {
		s.perturb(m, x1, x2, y, ac, rnd)
	}
}

// scratch holds the buffers of a batched attack.
type scratch struct {
	c1, c2, g1, g2 []float64
	// PGD's best point so far, its loss, and the logits of a batch.
	b1, b2, best, z []float64
}

// perturb replaces the points by their attacked versions under ac (FGSM, or
// PGD in L∞ with random start, no box), with the arithmetic of
// attack.Perturb.
func (s *scratch) perturb(m *mlp.MLP, x1, x2, y []float64, ac attack.Config, rnd *rand.Rand) {
	eps := ac.Epsilon
	if eps == 0 {
		return // attack.Perturb returns x unchanged, without drawing
	}
	n := len(x1)
	s.g1, s.g2 = resize(s.g1, n), resize(s.g2, n)
	if ac.Method == attack.FGSM {
		m.InputGrads(x1, x2, y, s.g1, s.g2)
		for i := range n {
			x1[i] += eps * attack.Sign(s.g1[i])
			x2[i] += eps * attack.Sign(s.g2[i])
		}
		return
	}
	s.c1 = append(s.c1[:0], x1...)
	s.c2 = append(s.c2[:0], x2...)
	// As attack.Perturb: the best point starts as the single full step
	// from x, and any iterate of higher loss replaces it.
	s.b1, s.b2, s.best, s.z = resize(s.b1, n), resize(s.b2, n), resize(s.best, n), resize(s.z, n)
	m.InputGrads(x1, x2, y, s.g1, s.g2)
	for i := range n {
		s.b1[i] = x1[i] + eps*attack.Sign(s.g1[i])
		s.b2[i] = x2[i] + eps*attack.Sign(s.g2[i])
	}
	m.Logits(s.b1, s.b2, s.z)
	for i := range n {
		s.best[i] = logistic.LogLoss(s.z[i], y[i])
	}
	if ac.RandomStart {
		for i := range n {
			d1 := eps * (2*rnd.Float64() - 1)
			d2 := eps * (2*rnd.Float64() - 1)
			x1[i] = project(x1[i]+d1, s.c1[i], eps)
			x2[i] = project(x2[i]+d2, s.c2[i], eps)
		}
	}
	steps, size := ac.Steps, ac.StepSize
	if steps == 0 {
		steps = attack.DefaultPGDSteps
	}
	if size == 0 {
		size = eps / 4
	}
	for range steps {
		m.InputGrads(x1, x2, y, s.g1, s.g2)
		for i := range n {
			x1[i] = project(x1[i]+size*attack.Sign(s.g1[i]), s.c1[i], eps)
			x2[i] = project(x2[i]+size*attack.Sign(s.g2[i]), s.c2[i], eps)
		}
		m.Logits(x1, x2, s.z)
		for i := range n {
			if l := logistic.LogLoss(s.z[i], y[i]); l > s.best[i] {
				s.b1[i], s.b2[i], s.best[i] = x1[i], x2[i], l
			}
		}
	}
	copy(x1, s.b1)
	copy(x2, s.b2)
}

// project returns the coordinate of the ε-ball around center nearest to v,
// as package attack computes it.
func project(v, center, eps float64) float64 {
	return center + math.Max(-eps, math.Min(eps, v-center))
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}
