package scene

import (
	"math"
	"time"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/metrics"
	"advplay/engine/model"
)

// attacked is every point attacked under the current model and attack,
// and the error figures: what a Flush recomputes after a change.
type attacked struct {
	adv     []data.Point
	flipped []bool
	figures Metrics
	stale   bool
	// On the digits: the attacked test digits, the attack under way, and
	// the training error of the model of version trainErrAt.
	advDigits  data.Samples
	job        *digitJob
	trainErr   float64
	trainErrAt int
}

// Metrics are the scene's error figures.
type Metrics struct {
	CleanError       float64 `json:"cleanError"`
	AdversarialError float64 `json:"adversarialError"`
	N                int     `json:"n"`
	Flipped          int     `json:"flipped"`
	// TestSet says the errors are counted on test points the model did
	// not learn from (the digits' test set), and TrainError is then the
	// clean error on the training points.
	TestSet    bool    `json:"testSet,omitempty"`
	TrainError float64 `json:"trainError,omitempty"`
}

// run attacks every point of p with the model m (and, above two
// dimensions, the d-dimensional model high) under cfg.
func (a *attacked) run(p *pointSet, m model.Model, high linear.Model, cfg attack.Config) {
	if p.high() {
		a.runHigh(p, high, cfg)
		return
	}
	ev, err := metrics.Evaluate(m, p.points, cfg)
	if err != nil {
		// Settings and points are validated on the way in.
		panic("scene: attack failed: " + err.Error())
	}
	a.adv, a.flipped = ev.Adversarial, ev.Flipped
	a.figures = Metrics{N: len(p.points), Flipped: ev.NumFlipped, CleanError: ev.CleanError, AdversarialError: ev.AdversarialError}
}

// runHigh attacks every point in d dimensions under the closed form of
// the attack's ball (see space.go) and counts the errors there.
func (a *attacked) runHigh(p *pointSet, m linear.Model, cfg attack.Config) {
	h := p.hd
	eps, ball := cfg.Epsilon, cfg.BallNorm()
	counter := linear.NewCounter(m, eps, ball)
	var dh, dv [2]float64
	for l := range dh {
		dh[l], dv[l] = h.plane.AttackStep(m, l, eps, ball)
	}
	n := h.samples.Len()
	a.adv, a.flipped = make([]data.Point, n), make([]bool, n)
	f := Metrics{N: n}
	var wrong, advWrong int
	for i := range n {
		row, l := h.samples.Row(i), h.samples.Label(i)
		q := p.points[i]
		a.adv[i] = data.Point{X: q.X + dh[l], Y: q.Y + dv[l], Label: l}
		correct := m.Predict(row) == l
		wrongAfter := counter.Add(row, l)
		if !correct {
			wrong++
		}
		if wrongAfter {
			advWrong++
		}
		if correct && wrongAfter {
			a.flipped[i] = true
			f.Flipped++
		}
	}
	if n > 0 {
		f.CleanError, f.AdversarialError = float64(wrong)/float64(n), float64(advWrong)/float64(n)
	}
	a.figures = f
}

// PointInfo describes one point for the hover tooltip.
type PointInfo struct {
	// Grad is ∇ₓJ at the point; the attack moves along its sign.
	Grad [2]float64
	// Margin is the signed margin (2y−1)·z, positive when correct.
	Margin float64
	// MinFlip is the smallest ε that flips the point under the current
	// attack's ball, for a linear model; NaN otherwise.
	MinFlip float64
	Flipped bool
}

// info returns point i's details under the model m (high above two
// dimensions) and the attack's ball.
func (a *attacked) info(p *pointSet, m model.Model, lin *model.Linear, high linear.Model, ball attack.Norm, i int) PointInfo {
	var info PointInfo
	if p.high() {
		info = infoHigh(p.hd.samples, high, ball, i)
	} else {
		q := p.points[i]
		z := m.Logit(q.Vec())
		info = PointInfo{Grad: m.InputGrad(q.Vec(), q.Target()), Margin: z, MinFlip: math.NaN()}
		if q.Label == 0 {
			info.Margin = -z
		}
		if lin != nil {
			info.MinFlip = metrics.MinFlipEpsilon(*lin, q, ball)
		}
	}
	if i < len(a.flipped) {
		info.Flipped = a.flipped[i]
	}
	return info
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
