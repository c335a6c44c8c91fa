package network

import (
	"fmt"
	"math"
	"math/rand/v2"

	"advplay/engine/data"
	"advplay/engine/logistic"
)

// Method names an attack on pictures.
type Method string

// The attacks.
const (
	FGSM Method = "fgsm" // one step x' = clip(x + ε·sign(∇ₓJ))
	PGD  Method = "pgd"  // projected gradient descent from a random start
)

// The pixel box: every coordinate of an attacked point, and of a point to
// attack, lies in [PixelMin, PixelMax].
const (
	PixelMin = 0.0
	PixelMax = 1.0
)

// Attack limits and defaults.
const (
	// MaxSteps bounds Attack.Steps.
	MaxSteps = 1000
	// DefaultSteps is the number of PGD steps when Attack.Steps is 0:
	// Madry et al.'s 40 for MNIST (their evaluation also used 100, which
	// the tests compare against).
	DefaultSteps = 40
	// StepSizeFactor sets PGD's default step size α = StepSizeFactor·ε/
	// Steps: the steps add up to 2.5 times the ball's radius, enough to
	// cross its whole width (2ε) from a random start and still settle.
	// This is the usual rule of thumb of PGD training code (Madry Lab's
	// robustness library recommends it); with 2 steps it is Wong et al.'s
	// 1.25·ε. TestPGDOnLinear relies on it reaching the corners.
	StepSizeFactor = 2.5
)

// Attack describes an attack within the L∞ ball of radius Epsilon around
// each point, intersected with the pixel box [0, 1]. The attacks use each
// point's true label: they maximize the loss J(x, y) the network is trained
// on.
type Attack struct {
	// Method is FGSM or PGD.
	Method Method `json:"method"`
	// Epsilon ∈ [0, 1] is the radius of the L∞ ball.
	Epsilon float64 `json:"epsilon"`

	// PGD only. Steps is the number of steps (0 means DefaultSteps) and
	// StepSize their size α (0 means StepSizeFactor·Epsilon/Steps). Each
	// point starts at a point drawn uniformly in its ball (clipped to the
	// box) from data.NewRand(Seed), coordinate by coordinate and point by
	// point in order. Last keeps the last iterate, as Madry et al.'s
	// training does; otherwise PGD returns the point of highest loss among
	// the FGSM point, the start and every iterate, which is never weaker
	// than FGSM, point by point.
	Steps    int     `json:"steps,omitempty"`
	StepSize float64 `json:"stepSize,omitempty"`
	Seed     uint64  `json:"seed,omitempty"`
	Last     bool    `json:"last,omitempty"`
}

// Validate returns an error naming the first invalid field: method,
// epsilon (not in [0, 1]), steps (not in [0, MaxSteps]) or step size
// (negative or not finite).
func (a Attack) Validate() error {
	switch a.Method {
	case FGSM, PGD:
	default:
		return fmt.Errorf("network: attack method %q is not one of %s, %s", a.Method, FGSM, PGD)
	}
	if !(a.Epsilon >= 0 && a.Epsilon <= PixelMax-PixelMin) {
		return fmt.Errorf("network: attack epsilon is %v, must be between 0 and %v", a.Epsilon, PixelMax-PixelMin)
	}
	if a.Steps < 0 || a.Steps > MaxSteps {
		return fmt.Errorf("network: attack steps is %d, must be between 0 (default %d) and %d", a.Steps, DefaultSteps, MaxSteps)
	}
	if !(a.StepSize >= 0) || math.IsInf(a.StepSize, 0) {
		return fmt.Errorf("network: attack step size is %v, must be a finite number ≥ 0", a.StepSize)
	}
	return nil
}

// steps returns the number of PGD steps.
func (a Attack) steps() int {
	if a.Steps == 0 {
		return DefaultSteps
	}
	return a.Steps
}

// stepSize returns PGD's step size.
func (a Attack) stepSize() float64 {
	if a.StepSize == 0 {
		return StepSizeFactor * a.Epsilon / float64(a.steps())
	}
	return a.StepSize
}

// String describes the attack as "PGD ε=0.2 (40×0.0125)", "FGSM ε=0.1",
// or "none" without a method.
func (a Attack) String() string {
	switch a.Method {
	case "":
		return "none"
	case FGSM:
		return fmt.Sprintf("FGSM ε=%g", a.Epsilon)
	}
	s := fmt.Sprintf("PGD ε=%g (%d×%g", a.Epsilon, a.steps(), a.stepSize())
	if a.Last {
		s += ", last"
	}
	return s + ")"
}

// checkPictures returns an error if s is invalid (data.Samples.Validate),
// has another dimension than d, or a coordinate lies outside the pixel
// box.
func checkPictures(s data.Samples, d int) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("network: %w", err)
	}
	if s.Dim != d {
		return fmt.Errorf("network: samples have dimension %d, the network %d", s.Dim, d)
	}
	for i, v := range s.X {
		if v < PixelMin || v > PixelMax {
			return fmt.Errorf("network: point %d: x%d is %v, outside the pixel box [%v, %v]", i/d, i%d+1, v, PixelMin, PixelMax)
		}
	}
	return nil
}

// Perturb returns the attacked copy adv of the pictures s under n, with the
// same labels, and the perturbation delta = adv − x (len(s.X) values, row
// by row, each in [−ε, ε]) for the page to show as pictures. It returns an
// error if a is invalid or s is (checkPictures: not finite, labels other
// than 0 and 1, another dimension, or a pixel outside [0, 1]). It panics
// if n is nil.
func (a Attack) Perturb(n *Network, s data.Samples) (adv data.Samples, delta []float64, err error) {
	if n == nil {
		panic("network: Attack.Perturb: nil Network")
	}
	if err := a.Validate(); err != nil {
		return data.Samples{}, nil, err
	}
	if err := checkPictures(s, n.dim); err != nil {
		return data.Samples{}, nil, err
	}
	adv = data.Samples{Dim: s.Dim, X: make([]float64, len(s.X)), Labels: append([]uint8(nil), s.Labels...)}
	at := newAttacker(n, a, min(chunkPoints, s.Len()))
	d := n.dim
	for start := 0; start < s.Len(); start += chunkPoints {
		m := min(chunkPoints, s.Len()-start)
		at.run(s.X[start*d:(start+m)*d], s.Labels[start:start+m], adv.X[start*d:(start+m)*d])
	}
	delta = make([]float64, len(s.X))
	for i, v := range adv.X {
		delta[i] = v - s.X[i]
	}
	return adv, delta, nil
}

// ErrorRate returns the fraction of the pictures of s that n misclassifies
// once attacked, and 0 for no points, without keeping the attacked
// pictures: the same points as Perturb's, chunk by chunk. It returns an
// error and panics as Perturb does.
func (a Attack) ErrorRate(n *Network, s data.Samples) (float64, error) {
	if n == nil {
		panic("network: Attack.ErrorRate: nil Network")
	}
	e, err := a.Evaluate(n, s)
	if err != nil {
		return 0, err
	}
	e.Step(s.Len())
	return e.ErrorRate(), nil
}

// Evaluation counts the errors of a network on a set of pictures under an
// attack a chunk of points at a time, so that a Web Worker can report
// progress during an evaluation that takes seconds. Its result does not
// depend on how the points are split into Steps: it is ErrorRate's.
type Evaluation struct {
	n     *Network
	s     data.Samples
	at    *attacker
	out   []float64
	done  int
	wrong int
}

// Evaluate returns an evaluation of n on s under a, at point 0. It returns
// an error and panics as Perturb does. The network's parameters and the
// points must not change until the evaluation is done.
func (a Attack) Evaluate(n *Network, s data.Samples) (*Evaluation, error) {
	if n == nil {
		panic("network: Attack.Evaluate: nil Network")
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	if err := checkPictures(s, n.dim); err != nil {
		return nil, err
	}
	size := min(chunkPoints, s.Len())
	return &Evaluation{n: n, s: s, at: newAttacker(n, a, size), out: make([]float64, size*n.dim)}, nil
}

// Step attacks at least points more pictures, fewer when the set ends
// first: whole chunks of 64, from the start of the set. It returns the
// number of pictures done and their total.
func (e *Evaluation) Step(points int) (done, total int) {
	d := e.n.dim
	for stop := e.done + points; e.done < stop && e.done < e.s.Len(); {
		m := min(chunkPoints, e.s.Len()-e.done)
		labels := e.s.Labels[e.done : e.done+m]
		out := e.out[:m*d]
		e.at.run(e.s.X[e.done*d:(e.done+m)*d], labels, out)
		e.n.batchForward(e.at.b, out, m)
		for i, z := range e.at.b.z[:m] {
			if (z > 0) != (labels[i] == 1) {
				e.wrong++
			}
		}
		e.done += m
	}
	return e.done, e.s.Len()
}

// Done reports that every picture has been attacked.
func (e *Evaluation) Done() bool { return e.done == e.s.Len() }

// ErrorRate returns the fraction of the pictures attacked so far that the
// network misclassifies, and 0 before any.
func (e *Evaluation) ErrorRate() float64 {
	if e.done == 0 {
		return 0
	}
	return float64(e.wrong) / float64(e.done)
}

// attacker holds an attack's buffers for up to size points and its
// generator, whose draws continue from one run to the next.
type attacker struct {
	n    *Network
	a    Attack
	b    *batch
	rnd  *rand.Rand
	gx   []float64 // input gradients, size×d
	lo   []float64 // the lower corner of each point's ball ∩ box
	hi   []float64 // and its upper corner
	best []float64 // PGD's strongest point so far (unless Last)
	bl   []float64 // and its loss
}

// newAttacker returns an attacker of n with a, which must be valid, for up
// to size points at a time.
func newAttacker(n *Network, a Attack, size int) *attacker {
	at := &attacker{
		n:   n,
		a:   a,
		b:   newBatch(n, size, true),
		rnd: data.NewRand(a.Seed),
		gx:  make([]float64, size*n.dim),
	}
	if a.Method == PGD {
		at.lo = make([]float64, size*n.dim)
		at.hi = make([]float64, size*n.dim)
		if !a.Last {
			at.best = make([]float64, size*n.dim)
			at.bl = make([]float64, size)
		}
	}
	return at
}

// grads sets at.gx[:m·d] to the input gradients at the rows of x and
// at.b.z[:m] to their logits.
func (at *attacker) grads(x []float64, y []uint8) {
	m := len(y)
	n, b := at.n, at.b
	n.batchForward(b, x, m)
	for i, z := range b.z[:m] {
		b.r[i] = logistic.Residual(z, float64(y[i]))
	}
	n.batchBackward(b, x, m, nil, at.gx[:m*n.dim])
}

// run writes the attacked versions of the rows of x, labelled y, to out
// (len(x) values). Out must not overlap x. The network's weights must not
// change during run; they may between runs.
func (at *attacker) run(x []float64, y []uint8, out []float64) {
	m, d := len(y), at.n.dim
	x, out = x[:m*d], out[:m*d]
	at.b.transposeWeights(at.n)
	eps := at.a.Epsilon
	if at.a.Method == FGSM {
		at.grads(x, y)
		fgsm(out, x, at.gx[:m*d], eps)
		return
	}
	lo, hi := at.lo[:m*d], at.hi[:m*d]
	for i, v := range x {
		lo[i] = clamp(v-eps, PixelMin, PixelMax)
		hi[i] = clamp(v+eps, PixelMin, PixelMax)
	}
	keep := !at.a.Last
	if keep {
		// The first candidate: the FGSM point.
		at.grads(x, y)
		best := at.best[:m*d]
		fgsm(best, x, at.gx[:m*d], eps)
		at.n.batchForward(at.b, best, m)
		at.consider(best, y, true)
	}
	// The random start, coordinate by coordinate, point by point.
	for i, v := range x {
		out[i] = clamp(v+eps*(2*at.rnd.Float64()-1), lo[i], hi[i])
	}
	alpha := at.a.stepSize()
	for range at.a.steps() {
		at.grads(out, y)
		if keep {
			at.consider(out, y, false)
		}
		g := at.gx[:m*d]
		for i, u := range out {
			switch {
			case g[i] > 0:
				u += alpha
			case g[i] < 0:
				u -= alpha
			}
			out[i] = clamp(u, lo[i], hi[i])
		}
	}
	if keep {
		at.n.batchForward(at.b, out, m)
		at.consider(out, y, false)
		copy(out, at.best[:m*d])
	}
}

// clamp returns v limited to [lo, hi], by comparisons: the builtin min and
// max are runtime calls under js/wasm.
func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// fgsm sets out = clip(x + ε·sign(g)) to the pixel box, with sign(0) = 0.
func fgsm(out, x, g []float64, eps float64) {
	out = out[:len(x)]
	g = g[:len(x)]
	for i, v := range x {
		switch {
		case g[i] > 0:
			v += eps
		case g[i] < 0:
			v -= eps
		}
		out[i] = clamp(v, PixelMin, PixelMax)
	}
}

// consider takes the points cur, whose logits are in at.b.z, as PGD's
// candidates: as the first ones, or, point by point, in place of the best
// so far when their loss is higher.
func (at *attacker) consider(cur []float64, y []uint8, first bool) {
	d := at.n.dim
	best := at.best
	for i, z := range at.b.z[:len(y)] {
		l := logistic.LogLoss(z, float64(y[i]))
		if first || l > at.bl[i] {
			at.bl[i] = l
			if !first {
				copy(best[i*d:(i+1)*d], cur[i*d:(i+1)*d])
			}
		}
	}
}
