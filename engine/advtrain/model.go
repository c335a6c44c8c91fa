package advtrain

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/model"
)

// Optimizer names ModelTrainer's update rule.
type Optimizer string

// The update rules.
const (
	Adam            Optimizer = "adam" // Kingma and Ba's Adam, β = (0.9, 0.999)
	GradientDescent Optimizer = "gd"   // θ ← θ − lr·∇
)

// Default learning rates of ModelTrainer.
const (
	DefaultAdamRate = 0.05
	DefaultGDRate   = 0.5
)

// Options configure a ModelTrainer.
type Options struct {
	// Optimizer is Adam or GradientDescent; the empty string means Adam.
	Optimizer Optimizer `json:"optimizer"`
	// LearningRate is the step size; 0 means DefaultAdamRate or
	// DefaultGDRate.
	LearningRate float64 `json:"learningRate"`
}

// Validate returns an error naming the first invalid field.
func (o Options) Validate() error {
	switch o.Optimizer {
	case "", Adam, GradientDescent:
	default:
		return fmt.Errorf("advtrain: optimizer %q is not one of adam, gd", o.Optimizer)
	}
	if !(o.LearningRate >= 0 && o.LearningRate <= 100) {
		return fmt.Errorf("advtrain: learning rate is %v, must be between 0 (default) and 100", o.LearningRate)
	}
	return nil
}

// ModelTrainer trains any model.Model, such as logistic regression
// (model.Linear), on the mean of α·J(x) + (1−α)·J(x_adv) over the points,
// by full-batch gradient steps. Each epoch attacks every point with
// attack.Perturb against the current parameters, then takes one step along
// α·∇_θJ(x) + (1−α)·∇_θJ(x_adv), with x_adv held fixed. It trains the model
// it was given in place and is not safe for concurrent use.
type ModelTrainer struct {
	m      model.Model
	cfg    Config
	opt    Options
	points []data.Point
	rnd    *rand.Rand

	theta, grad, g, mom, vel []float64
	beta1t, beta2t           float64
	epoch                    int
	loss                     float64
}

// NewModel returns a trainer of m on points, adversarial as c says, with
// the update rule o. It returns an error if points is empty or invalid or
// if c or o is invalid. It panics if m is nil.
func NewModel(m model.Model, points []data.Point, c Config, o Options) (*ModelTrainer, error) {
	if m == nil {
		panic("advtrain: NewModel: nil model")
	}
	if len(points) == 0 {
		return nil, errors.New("advtrain: no points to train on")
	}
	if err := data.Validate(points); err != nil {
		return nil, fmt.Errorf("advtrain: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.Optimizer == "" {
		o.Optimizer = Adam
	}
	if o.LearningRate == 0 {
		o.LearningRate = DefaultAdamRate
		if o.Optimizer == GradientDescent {
			o.LearningRate = DefaultGDRate
		}
	}
	np := m.NumParams()
	t := &ModelTrainer{
		m: m, cfg: c, opt: o,
		points: append([]data.Point(nil), points...),
		theta:  make([]float64, np),
		grad:   make([]float64, np),
		g:      make([]float64, np),
		mom:    make([]float64, np),
		vel:    make([]float64, np),
		beta1t: 1, beta2t: 1,
		loss: math.NaN(),
	}
	if c.Method == PGD {
		t.rnd = data.NewRand(c.Seed)
	}
	return t, nil
}

// Model returns the model being trained.
func (t *ModelTrainer) Model() model.Model { return t.m }

// Epoch returns the number of epochs done.
func (t *ModelTrainer) Epoch() int { return t.epoch }

// Loss returns the mean log-loss of the current model on the clean points.
func (t *ModelTrainer) Loss() float64 {
	var s float64
	for _, p := range t.points {
		s += model.Loss(t.m, p.Vec(), p.Target())
	}
	return s / float64(len(t.points))
}

// Step does up to epochs more epochs and returns the number of epochs done
// so far and the training objective, the mean of α·J(x) + (1−α)·J(x_adv),
// as it was before the last step. Step with epochs ≤ 0 returns the current
// values.
func (t *ModelTrainer) Step(epochs int) (epoch int, loss float64) {
	for range max(epochs, 0) {
		t.loss = t.objective(t.grad)
		t.update()
		t.epoch++
	}
	return t.epoch, t.loss
}

// objective sets grad to the gradient of the training objective at the
// current parameters, with the adversarial points attacked afresh, and
// returns the objective.
func (t *ModelTrainer) objective(grad []float64) float64 {
	clear(grad)
	m := t.m
	clean, attacked := 1.0, 0.0
	if t.cfg.adversarial() {
		clean, attacked = t.cfg.Alpha, 1-t.cfg.Alpha
	}
	ac := t.cfg.Attack()
	inv := 1 / float64(len(t.points))
	var loss float64
	for _, p := range t.points {
		x, y := p.Vec(), p.Target()
		if clean != 0 {
			t.addGrad(grad, x, y, clean*inv)
			loss += clean * inv * model.Loss(m, x, y)
		}
		if attacked != 0 {
			xa := attack.Perturb(m, x, y, ac, t.rnd)
			t.addGrad(grad, xa, y, attacked*inv)
			loss += attacked * inv * model.Loss(m, xa, y)
		}
	}
	return loss
}

// addGrad adds c·∇_θJ(x, y) to grad.
func (t *ModelTrainer) addGrad(grad []float64, x [2]float64, y, c float64) {
	clear(t.g)
	t.m.ParamGrad(t.g, x, y)
	for k, v := range t.g {
		grad[k] += c * v
	}
}

func (t *ModelTrainer) update() {
	theta := t.m.Params(t.theta)
	lr := t.opt.LearningRate
	if t.opt.Optimizer == GradientDescent {
		for k, g := range t.grad {
			theta[k] -= lr * g
		}
		t.m.SetParams(theta)
		return
	}
	const b1, b2, eps = 0.9, 0.999, 1e-8
	t.beta1t *= b1
	t.beta2t *= b2
	c1, c2 := 1/(1-t.beta1t), 1/(1-t.beta2t)
	for k, g := range t.grad {
		t.mom[k] = b1*t.mom[k] + (1-b1)*g
		t.vel[k] = b2*t.vel[k] + (1-b2)*g*g
		theta[k] -= lr * (t.mom[k] * c1) / (math.Sqrt(t.vel[k]*c2) + eps)
	}
	t.m.SetParams(theta)
}

// LinearFGSMLoss returns the log-loss of the linear model m at the FGSM
// point of (x, y) at ε, in closed form (Goodfellow et al. 2015, §5): with
// s = 2y−1 and z = w·x + b,
//
//	J(x + ε·sign(∇ₓJ), y) = softplus(−s·z + ε‖w‖₁),
//
// since ∇ₓJ = (σ(z)−y)·w points along −s·w, so the attack moves x by
// −ε·s·sign(w) and lowers the signed margin s·z by exactly ε‖w‖₁. y must be
// 0 or 1.
func LinearFGSMLoss(m model.Linear, x [2]float64, y, eps float64) float64 {
	s := 2*y - 1
	l1 := math.Abs(m.W[0]) + math.Abs(m.W[1])
	return logistic.Softplus(-s*m.Logit(x) + eps*l1)
}

// LinearFGSMObjective returns the objective that FGSM training with c
// minimizes for the linear model m on points, in closed form: the mean of
// α·softplus(−s·z) + (1−α)·softplus(−s·z + ε‖w‖₁). Seen as a function of
// (w, b) it is the clean loss plus an L1-like penalty on w whose weight
// grows with ε and with how close each point is to the boundary. For c
// without adversarial points it is the clean mean loss.
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
