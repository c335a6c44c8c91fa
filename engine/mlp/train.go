package mlp

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"advplay/engine/data"
	"advplay/engine/lbfgs"
	"advplay/engine/logistic"
	"advplay/engine/portable"
)

// Optimizer names a training algorithm.
type Optimizer string

// The optimizers.
const (
	Adam  Optimizer = "adam"  // Kingma and Ba's Adam, full-batch or mini-batch
	LBFGS Optimizer = "lbfgs" // limited-memory BFGS (package lbfgs), full-batch
)

// Adam's defaults (Kingma and Ba 2015), and the L-BFGS memory.
const (
	DefaultLearningRate = 0.01
	AdamBeta1           = 0.9
	AdamBeta2           = 0.999
	AdamEpsilon         = 1e-8
	LBFGSStore          = 10
)

// Limits that TrainConfig.Validate enforces.
const (
	MaxLearningRate = 1
	MaxL2           = 100
)

// An Adversary replaces each training point (x1[i], x2[i]), whose label
// is y[i], by an adversarial version of it against m in its current state;
// package advtrain builds them from the engine's attacks. It is called
// from one goroutine in a fixed order, so it may draw from its own seeded
// generator, and it must not keep the slices.
type Adversary func(m *MLP, x1, x2, y []float64)

// TrainConfig configures a Trainer. The zero value is full-batch Adam with
// learning rate DefaultLearningRate and no weight decay.
type TrainConfig struct {
	// Optimizer is Adam or LBFGS; the empty string means Adam.
	Optimizer Optimizer `json:"optimizer"`
	// LearningRate is Adam's step size; 0 means DefaultLearningRate.
	LearningRate float64 `json:"learningRate"`
	// BatchSize is Adam's mini-batch size; 0, or at least the number of
	// points, means full batch. Mini-batches are drawn without
	// replacement from a permutation shuffled every epoch with
	// data.NewRand(Seed).
	BatchSize int `json:"batchSize"`
	// L2 is the weight decay λ ≥ 0: the objective is the mean loss plus
	// λ/2·‖W‖², summed over the weights of every layer but not the biases.
	L2 float64 `json:"l2"`
	// Seed seeds the mini-batch shuffle.
	Seed uint64 `json:"seed"`

	// Adversary, if not nil, turns training adversarial: each point's loss
	// becomes Alpha·J(x) + (1−Alpha)·J(x_adv), with the adversarial points
	// x_adv of a batch recomputed against the current parameters before
	// each Adam step and held fixed while the gradient is taken, as in
	// Goodfellow et al. (2015) and Madry et al. (2018); L-BFGS recomputes
	// them every LBFGSAdversaryEpochs epochs.
	Adversary Adversary `json:"-"`
	// Alpha ∈ [0, 1] is the weight of the clean loss when Adversary is set:
	// 0.5 is Goodfellow et al.'s mix, 0 trains on adversarial points only
	// (Madry et al.). It is ignored without an Adversary.
	Alpha float64 `json:"alpha"`
}

// Validate returns an error naming the first invalid field.
func (c TrainConfig) Validate() error {
	switch c.Optimizer {
	case "", Adam, LBFGS:
	default:
		return fmt.Errorf("mlp: optimizer %q is not one of %s, %s", c.Optimizer, Adam, LBFGS)
	}
	if !(c.LearningRate >= 0 && c.LearningRate <= MaxLearningRate) {
		return fmt.Errorf("mlp: learning rate is %v, must be between 0 (default %v) and %v", c.LearningRate, DefaultLearningRate, MaxLearningRate)
	}
	if c.BatchSize < 0 {
		return fmt.Errorf("mlp: batch size is %d, must not be negative", c.BatchSize)
	}
	if !(c.L2 >= 0 && c.L2 <= MaxL2) {
		return fmt.Errorf("mlp: L2 is %v, must be between 0 and %v", c.L2, MaxL2)
	}
	if !(c.Alpha >= 0 && c.Alpha <= 1) {
		return fmt.Errorf("mlp: alpha is %v, must be between 0 and 1", c.Alpha)
	}
	return nil
}

// Trainer fits an MLP to a fixed set of points, a few epochs at a time.
// It trains the MLP it was given in place. A Trainer is not safe for
// concurrent use, and the MLP must not be used elsewhere during Step.
type Trainer struct {
	m    *MLP
	cfg  TrainConfig
	cols data.Columns
	rnd  *rand.Rand
	perm []int

	// Scratch: the batch (clean points, then adversarial ones) and the
	// gradient.
	w            work
	ax1, ax2, ay []float64 // the adversarial points
	grad         []float64
	decay        []float64 // λ on weights, 0 on biases
	backup       []float64

	// Adam's moments and β₁ᵗ, β₂ᵗ.
	mom, vel  []float64
	beta1t    float64
	beta2t    float64
	epoch     int
	loss      float64
	converged bool
	err       error
	lbfgs     *lbfgsState
}

// NewTrainer returns a trainer of m on points with the configuration c, at
// epoch 0. It returns an error if points is empty or invalid (a
// non-finite coordinate or a label other than 0 and 1), or if c is
// invalid. It panics if m is nil.
func NewTrainer(m *MLP, points []data.Point, c TrainConfig) (*Trainer, error) {
	if m == nil {
		panic("mlp: NewTrainer: nil MLP")
	}
	if len(points) == 0 {
		return nil, errors.New("mlp: no points to train on")
	}
	if err := data.Validate(points); err != nil {
		return nil, fmt.Errorf("mlp: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.Optimizer == "" {
		c.Optimizer = Adam
	}
	if c.LearningRate == 0 {
		c.LearningRate = DefaultLearningRate
	}
	n := len(points)
	if c.BatchSize == 0 || c.BatchSize > n {
		c.BatchSize = n
	}
	np := m.NumParams()
	t := &Trainer{
		m:      m,
		cfg:    c,
		cols:   data.ToColumns(points),
		rnd:    data.NewRand(c.Seed),
		perm:   make([]int, n),
		grad:   make([]float64, np),
		decay:  make([]float64, np),
		backup: make([]float64, np),
		mom:    make([]float64, np),
		vel:    make([]float64, np),
		beta1t: 1,
		beta2t: 1,
		loss:   math.NaN(),
	}
	for i := range t.perm {
		t.perm[i] = i
	}
	for _, l := range m.layers {
		for k := l.w; k < l.b; k++ {
			t.decay[k] = c.L2
		}
	}
	return t, nil
}

// Model returns the MLP being trained.
func (t *Trainer) Model() *MLP { return t.m }

// Epoch returns the number of epochs done: passes over the data for Adam,
// major iterations for L-BFGS.
func (t *Trainer) Epoch() int { return t.epoch }

// Converged reports that L-BFGS can make no more progress: the gradient
// vanished or the line search could not lower the objective (with an
// Adversary: even on points attacked afresh). Step does nothing after
// that. Adam never reports convergence.
func (t *Trainer) Converged() bool { return t.converged }

// Err returns why training stopped early, or nil: the objective or the
// parameters became non-finite (the parameters are then restored to the
// last finite values) or L-BFGS failed. Step does nothing after an error.
func (t *Trainer) Err() error { return t.err }

// Loss returns the mean log-loss of the current model on the clean
// training points, without weight decay or adversarial terms.
func (t *Trainer) Loss() float64 {
	var h acts
	var sum float64
	c := t.cols
	for i, u := range c.X1 {
		z := t.m.forward(u, c.X2[i], &h)
		sum += logistic.LogLoss(z, c.Y[i])
	}
	return sum / float64(len(c.X1))
}

// Step does up to epochs more epochs and returns the number of epochs done
// so far and the training objective: for Adam, the mean over the last
// epoch's batches of the objective each batch had before its update; for
// L-BFGS, the objective at the new parameters. The objective is the mean
// loss (adversarial or mixed when an Adversary is set) plus the weight
// decay. Step with epochs ≤ 0 returns the current values.
//
// How the epochs are split into calls does not matter: Step(1) called n
// times gives the bits of Step(n), for Adam (which attacks each batch
// afresh when there is an Adversary) and for L-BFGS, which keeps its
// curvature memory from one call to the next and, with an Adversary,
// attacks the points afresh every LBFGSAdversaryEpochs epochs.
func (t *Trainer) Step(epochs int) (epoch int, loss float64) {
	if epochs <= 0 || t.converged || t.err != nil {
		return t.epoch, t.loss
	}
	if t.cfg.Optimizer == LBFGS {
		t.stepLBFGS(epochs)
		return t.epoch, t.loss
	}
	for range epochs {
		copy(t.backup, t.m.params)
		loss := t.adamEpoch()
		if !lbfgs.AllFinite(t.m.params) || !finite(loss) {
			copy(t.m.params, t.backup)
			t.err = fmt.Errorf("mlp: training diverged at epoch %d; parameters restored", t.epoch+1)
			break
		}
		t.epoch++
		t.loss = loss
	}
	return t.epoch, t.loss
}

// adamEpoch does one pass over the data and returns the mean batch
// objective.
func (t *Trainer) adamEpoch() float64 {
	n := len(t.cols.X1)
	bs := t.cfg.BatchSize
	if bs < n {
		// Fisher–Yates with the trainer's generator.
		for i := n - 1; i > 0; i-- {
			j := t.rnd.IntN(i + 1)
			t.perm[i], t.perm[j] = t.perm[j], t.perm[i]
		}
	}
	var sum float64
	batches := 0
	for start := 0; start < n; start += bs {
		idx := t.perm[start:min(start+bs, n)]
		sum += t.batchObjective(idx, true)
		t.adamUpdate()
		batches++
	}
	return sum / float64(batches)
}

// batchObjective sets t.grad to the gradient of the objective on the points
// idx and returns the objective. With fresh unset it reuses the batch
// already in t.w (L-BFGS evaluates one fixed batch many times).
func (t *Trainer) batchObjective(idx []int, fresh bool) float64 {
	if fresh {
		t.fillBatch(idx)
	}
	m := t.m
	loss := m.batchLossGrad(&t.w, t.grad)
	if t.cfg.L2 != 0 {
		var sq float64
		p := m.params
		for k, d := range t.decay {
			if d != 0 {
				sq += p[k] * p[k]
				t.grad[k] += d * p[k]
			}
		}
		loss += t.cfg.L2 / 2 * sq
	}
	return loss
}

// fillBatch puts the points idx into t.w with weight 1/len(idx) each,
// followed, when there is an Adversary, by their adversarial versions
// against the current parameters, the clean points weighted by Alpha and
// the adversarial ones by 1−Alpha (a weight of 0 leaves its half out).
func (t *Trainer) fillBatch(idx []int) {
	c := t.cols
	adv := t.cfg.Adversary
	clean, attacked := 1.0, 0.0
	if adv != nil {
		clean, attacked = t.cfg.Alpha, 1-t.cfg.Alpha
	}
	count := 0
	if clean != 0 {
		count += len(idx)
	}
	if attacked != 0 {
		count += len(idx)
	}
	w := &t.w
	w.reset(t.m, count)
	inv := 1 / float64(len(idx))
	k := 0
	if clean != 0 {
		for _, i := range idx {
			w.set(k, c.X1[i], c.X2[i], c.Y[i], clean*inv)
			k++
		}
	}
	if attacked != 0 {
		t.ax1, t.ax2, t.ay = t.ax1[:0], t.ax2[:0], t.ay[:0]
		for _, i := range idx {
			t.ax1 = append(t.ax1, c.X1[i])
			t.ax2 = append(t.ax2, c.X2[i])
			t.ay = append(t.ay, c.Y[i])
		}
		adv(t.m, t.ax1, t.ax2, t.ay)
		for i, y := range t.ay {
			w.set(k, t.ax1[i], t.ax2[i], y, attacked*inv)
			k++
		}
	}
}

func (t *Trainer) adamUpdate() {
	t.beta1t *= AdamBeta1
	t.beta2t *= AdamBeta2
	lr := t.cfg.LearningRate
	c1 := 1 / (1 - t.beta1t)
	c2 := 1 / (1 - t.beta2t)
	p := t.m.params
	p = p[:len(t.grad)]
	mom, vel := t.mom[:len(p)], t.vel[:len(p)]
	for k, g := range t.grad {
		mk := AdamBeta1*mom[k] + (1-AdamBeta1)*g
		vk := AdamBeta2*vel[k] + (1-AdamBeta2)*g*g
		mom[k], vel[k] = mk, vk
		p[k] -= lr * (mk * c1) / (math.Sqrt(vk*c2) + AdamEpsilon)
	}
}

// lossClamp bounds |z| in lossResidual's exponential.
const lossClamp = 700

// lossResidual returns the log-loss J = softplus(z) − y·z and the residual
// σ(z) − y of a label y ∈ {0, 1} from one exponential e^{−|z|}, with the
// accuracy of logistic.LogLoss and logistic.Residual.
func lossResidual(z, y float64) (loss, residual float64) {
	az := z
	if az < 0 {
		az = -az
	}
	clamped := az
	if clamped > lossClamp {
		clamped = lossClamp
	}
	// Beyond |z| = 700 the clamp keeps e^{−|z|} ≥ 1e-304 a normal number
	// (subnormal arithmetic is slow); the loss is then off by at most
	// 1e-304 and the residual, below 1e-304, is dropped by the kernel.
	e := portable.Exp(-clamped)
	inv := 1 / (1 + e)
	big, small := inv, e*inv // σ(|z|), σ(−|z|)
	sp := math.Log1p(e)      // softplus(−|z|)
	// y = 1: J = softplus(−z), residual −σ(−z); y = 0: J = softplus(z),
	// residual σ(z).
	t := z
	if y == 1 {
		t = -z
	}
	// σ(t) and the loss softplus(t) = max(t, 0) + softplus(−|t|).
	st := small
	if t > 0 {
		st = big
		loss = t + sp
	} else {
		loss = sp
	}
	if y == 1 {
		return loss, -st
	}
	return loss, st
}

// lbfgsState drives package lbfgs's L-BFGS, whose
// reverse-communication interface lets training stop after any major
// iteration and resume later with the curvature memory intact.
type lbfgsState struct {
	method lbfgs.Method
	loc    lbfgs.Location
	op     lbfgs.Operation // the operation to perform next
	x0     []float64       // parameters at the last major iteration
	f0     float64
	// epochs counts the major iterations since the last start; stale
	// says the next epoch must start afresh (see LBFGSAdversaryEpochs).
	epochs int
	stale  bool
}

// maxEvalsPerIteration bounds the line search of one major iteration.
const maxEvalsPerIteration = 50

// LBFGSAdversaryEpochs is the number of L-BFGS epochs that share one set
// of adversarial points when the Trainer has an Adversary. L-BFGS's
// curvature pairs only hold for one fixed objective, so every
// LBFGSAdversaryEpochs epochs, counted from the first, it attacks the
// points afresh against the current parameters and restarts its memory;
// it does so at once when it can make no more progress on the current
// points. Measured on the moons with ε = 0.15 (package advtrain's tests):
// restarting every epoch is steepest descent and needs about 200 epochs
// for the PGD error that 10 reach in 100, and 50 lets the model overfit
// the stale points.
const LBFGSAdversaryEpochs = 10

// stepLBFGS does up to epochs major iterations. Everything it does depends
// on the number of epochs done so far, never on how they were split into
// calls, so Step(1) repeated follows the path of one long Step.
func (t *Trainer) stepLBFGS(epochs int) {
	adversarial := t.cfg.Adversary != nil
	for done := 0; done < epochs; {
		s := t.lbfgs
		if s == nil || s.stale || adversarial && s.epochs == LBFGSAdversaryEpochs {
			if !t.startLBFGS() {
				break
			}
			s = t.lbfgs
		}
		ok := t.lbfgsIteration(s)
		if ok {
			done++
			t.epoch++
			if !gradSmall(s.loc.Gradient) {
				continue
			}
		}
		// No further progress on these points. With an Adversary, fresh
		// points may allow some, unless they were fresh already.
		if !adversarial || !ok && s.epochs == 0 {
			t.converged = true
			break
		}
		s.stale = true
	}
	if s := t.lbfgs; s != nil {
		copy(t.m.params, s.x0)
		t.loss = s.f0
	}
}

// startLBFGS starts L-BFGS with an empty memory from the last accepted
// parameters on the full batch, with adversarial points against those
// parameters when there is an Adversary. It reports false, setting Err or
// Converged, when training cannot go on from there.
func (t *Trainer) startLBFGS() bool {
	s := t.lbfgs
	if s == nil {
		s = &lbfgsState{
			method: lbfgs.Method{Store: LBFGSStore},
			loc: lbfgs.Location{
				X:        append([]float64(nil), t.m.params...),
				Gradient: make([]float64, len(t.m.params)),
			},
			x0: append([]float64(nil), t.m.params...),
		}
		t.lbfgs = s
	}
	copy(t.m.params, s.x0)
	copy(s.loc.X, s.x0)
	s.epochs, s.stale = 0, false
	t.fillBatch(t.perm)
	s.loc.F = t.lbfgsEval(s.loc.X, s.loc.Gradient)
	s.f0 = s.loc.F
	t.loss = s.f0
	if !finite(s.loc.F) || !lbfgs.AllFinite(s.loc.Gradient) {
		copy(t.m.params, s.x0)
		t.err = fmt.Errorf("mlp: objective is %v at the starting parameters", s.loc.F)
		return false
	}
	if gradSmall(s.loc.Gradient) {
		t.converged = true
		return false
	}
	op, err := s.method.Init(&s.loc) // also empties the LBFGS memory
	if err != nil {
		t.converged = true
		return false
	}
	s.op = op
	return true
}

// lbfgsIteration runs L-BFGS to its next major iteration and reports
// whether it got there with finite values; if not, the last accepted point
// stays in s.x0.
func (t *Trainer) lbfgsIteration(s *lbfgsState) bool {
	for evals := 0; ; {
		if s.op == lbfgs.Evaluate {
			s.loc.F = t.lbfgsEval(s.loc.X, s.loc.Gradient)
			evals++
		}
		op, err := s.method.Iterate(&s.loc)
		if err != nil || evals > maxEvalsPerIteration {
			return false
		}
		s.op = op
		if op != lbfgs.MajorIteration {
			continue
		}
		if !finite(s.loc.F) || !lbfgs.AllFinite(s.loc.X) {
			return false
		}
		s.epochs++
		copy(s.x0, s.loc.X)
		s.f0 = s.loc.F
		return true
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// lbfgsGradTolerance is the largest gradient component at which L-BFGS
// stops.
const lbfgsGradTolerance = 1e-10

func gradSmall(g []float64) bool {
	for _, v := range g {
		if math.Abs(v) > lbfgsGradTolerance {
			return false
		}
	}
	return true
}

// lbfgsEval returns the full-batch objective at x and its gradient in grad.
func (t *Trainer) lbfgsEval(x, grad []float64) float64 {
	copy(t.m.params, x)
	f := t.batchObjective(t.perm, false)
	copy(grad, t.grad)
	return f
}
