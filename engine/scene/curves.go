package scene

import (
	"time"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/metrics"
	"advplay/engine/model"
	"advplay/engine/theory"
)

// Curve is a series of the error-against-ε chart.
type Curve struct {
	Name   string               `json:"name"`
	Points []metrics.CurvePoint `json:"points"`
}

// The chart's ε grids: a fine one for curves read off closed forms or
// sorted margins, a coarse one for curves that need a whole attack per ε.
const (
	CurveSteps = 100
	BruteSteps = 20
)

// seriesPlan is one series and how to get it: already computed, or by
// attacking every point at each ε of the grid.
type seriesPlan struct {
	name   string
	points []metrics.CurvePoint
	model  model.Model // a snapshot, for brute force
	cfg    attack.Config
	grid   []float64
	// digits attacks a network on the digits instead of model.
	digits *digitPlan
}

// curveJob computes the chart's series a few points at a time.
type curveJob struct {
	key    curveKey
	epoch  int // the training epoch of the models it attacks
	points []data.Point
	plan   []seriesPlan
	si, ei int // next series and ε to attack
}

// curveKey is what the chart depends on: not ε, which only moves the
// marker.
type curveKey struct {
	model, points  int
	attack         AttackSettings
	preset         string
	noise          float64
	defense        DefenseSettings
	baselineActive bool
}

// Chart is the error-against-ε chart of a scene: its series, computed a
// slice at a time (Refine), so that a network's, which attacks every point
// at each ε, never holds up a frame.
type Chart struct {
	s *Scene
	// The last complete series, what they were computed for, and the
	// training epoch of their models; the job working on the next.
	series []Curve
	key    curveKey
	epoch  int
	job    *curveJob
}

func (c *Chart) curveKey() curveKey {
	s := c.s
	return curveKey{model: s.modelVersion, points: s.pointsVersion, attack: s.settings.Attack,
		preset: s.settings.Preset, noise: s.settings.Noise, defense: s.settings.Defense,
		baselineActive: s.fit.baseline != nil}
}

// newCurveJob plans the chart for the current models:
//   - logistic regression: "clean" (flat), "attack" (the exact curve under
//     the current attack; above two dimensions read off the points' flip
//     thresholds in d dimensions, see flipCurve) and, on the clouds and
//     glyphs presets, "theory" (Theory: the closed form for the current
//     boundary on the preset's distribution — edits change the sample,
//     not the distribution);
//   - the MLP: "clean", "fgsm" and "pgd", side by side, by attacking;
//   - under a defense: "clean" and "attack" of the defended model beside
//     "plain clean" and "plain attack" of the same model trained without it.
func (c *Chart) newCurveJob() *curveJob {
	s := c.s
	j := &curveJob{key: c.curveKey(), points: s.pts.points}
	if s.fit.main == nil || len(j.points) == 0 {
		return j
	}
	j.epoch = s.fit.main.epoch()
	pl := planner{points: j.points, fine: metrics.Grid(MaxEpsilon, CurveSteps), coarse: metrics.Grid(MaxEpsilon, BruteSteps)}
	if s.pts.digits != nil {
		c.planDigits(j, pl)
		j.allocate()
		return j
	}
	cfg := s.settings.AttackConfig()
	theory := func() {
		if _, ok := c.Theory(0); ok {
			j.plan = append(j.plan, pl.fineCurve("theory", func(e float64) float64 { th, _ := c.Theory(e); return th }))
		}
	}
	if s.pts.high() {
		fc := newFlipCurve(s.pts.hd.samples, highModel(s.fit.main, s.pts.dim()), cfg.BallNorm())
		clean := fc.Error(0)
		j.plan = append(j.plan, pl.fineCurve("clean", func(float64) float64 { return clean }), pl.fineCurve("attack", fc.Error))
		theory()
		return j
	}
	main := s.fit.main.model
	j.plan = append(j.plan, pl.flat("clean", main))
	switch {
	case s.fit.baseline != nil:
		j.plan = append(j.plan, pl.attack("attack", main, cfg))
		j.plan = append(j.plan, pl.flat("plain clean", s.fit.baseline.model), pl.attack("plain attack", s.fit.baseline.model, cfg))
	case s.fit.linear != nil:
		j.plan = append(j.plan, pl.attack("attack", main, cfg))
		theory()
	default:
		fgsm := cfg
		fgsm.Method = attack.FGSM
		pgd := cfg
		pgd.Method, pgd.Norm = attack.PGD, attack.LInf
		j.plan = append(j.plan, pl.attack("fgsm", main, fgsm), pl.attack("pgd", main, pgd))
	}
	j.allocate()
	return j
}

// allocate makes room for the points of the series to attack.
func (j *curveJob) allocate() {
	for k := range j.plan {
		if p := &j.plan[k]; p.points == nil {
			p.points = make([]metrics.CurvePoint, 0, len(p.grid))
		}
	}
}

// planner makes the chart's series for points: on the fine grid those
// read off a closed form or the sorted margins, on the coarse grid those
// that need a whole attack per ε.
type planner struct {
	points       []data.Point
	fine, coarse []float64
}

// fineCurve is f on the fine grid.
func (pl planner) fineCurve(name string, f func(eps float64) float64) seriesPlan {
	pts := make([]metrics.CurvePoint, len(pl.fine))
	for i, x := range pl.fine {
		pts[i] = metrics.CurvePoint{Epsilon: x, Error: f(x)}
	}
	return seriesPlan{name: name, points: pts}
}

// flat is m's clean error, the same at every ε.
func (pl planner) flat(name string, m model.Model) seriesPlan {
	e := metrics.ErrorRate(m, pl.points)
	return pl.fineCurve(name, func(float64) float64 { return e })
}

// attack is m's error under the attack ac: exact on the fine grid for a
// linear model, where PGD ends at FGSM's corner, and otherwise a plan to
// attack a snapshot of m at each ε of the coarse grid.
func (pl planner) attack(name string, m model.Model, ac attack.Config) seriesPlan {
	if lin, ok := m.(*model.Linear); ok {
		curve, err := metrics.NewLinearCurve(*lin, pl.points, ac.BallNorm())
		if err != nil {
			panic("scene: exact curve failed: " + err.Error())
		}
		return seriesPlan{name: name, points: curve.Curve(pl.fine)}
	}
	return seriesPlan{name: name, model: m.Clone(), cfg: ac, grid: pl.coarse}
}

// done reports whether every series is complete.
func (j *curveJob) done() bool { return j.si >= len(j.plan) }

// step attacks every point at one more ε of one brute-force series.
func (j *curveJob) step() {
	for j.si < len(j.plan) {
		p := &j.plan[j.si]
		if p.model == nil && p.digits == nil || j.ei >= len(p.grid) {
			j.si, j.ei = j.si+1, 0
			continue
		}
		if p.digits != nil {
			eps := p.grid[j.ei]
			if done, rate := p.digits.step(eps); done {
				p.points = append(p.points, metrics.CurvePoint{Epsilon: eps, Error: rate})
				j.ei++
			}
			return
		}
		c := p.cfg.AtEpsilon(p.grid[j.ei])
		e, err := metrics.AdversarialError(p.model, j.points, c)
		if err != nil {
			panic("scene: curve attack failed: " + err.Error())
		}
		p.points = append(p.points, metrics.CurvePoint{Epsilon: c.Epsilon, Error: e})
		j.ei++
		return
	}
}

func (j *curveJob) curves() []Curve {
	out := make([]Curve, len(j.plan))
	for i, p := range j.plan {
		out[i] = Curve{Name: p.name, Points: p.points}
	}
	return out
}

// Full returns the chart's series for the current model, computed in full
// after a Flush (see newCurveJob for what they are). For the MLP this
// attacks every point at each ε of the coarse grid, so it can take a while;
// a view uses Refine and Series instead.
func (c *Chart) Full() []Curve {
	c.s.Flush()
	j := c.newCurveJob()
	for !j.done() {
		j.step()
	}
	return j.curves()
}

// Refine works on the chart for up to budget: it starts over when what
// the chart shows changed, except that during a training it first
// finishes the chart it is on, so that the chart keeps up as well as it
// can. It reports whether Series has new series.
func (c *Chart) Refine(budget time.Duration) bool {
	c.s.FlushTraining()
	key := c.curveKey()
	j := c.job
	switch {
	case j != nil && j.key.points != key.points:
		j = nil // the points it attacks are gone
	case j != nil && j.key != key && !c.s.fit.running:
		j = nil
	}
	if j == nil {
		if c.series != nil && c.key == key {
			return false
		}
		j = c.newCurveJob()
		if !sameSeries(c.series, j.plan) {
			// Old series of another kind would mislead; show the new
			// ones as they fill in.
			c.series = nil
		}
	}
	start := time.Now()
	progressed := false
	for !j.done() && time.Since(start) < budget {
		j.step()
		progressed = true
	}
	if !j.done() {
		c.job = j
		return c.series == nil && progressed
	}
	c.job = nil
	c.series, c.key, c.epoch = j.curves(), j.key, j.epoch
	return true
}

// sameSeries reports whether a chart has the series a plan makes.
func sameSeries(chart []Curve, plan []seriesPlan) bool {
	if len(chart) != len(plan) {
		return false
	}
	for i := range chart {
		if chart[i].Name != plan[i].name {
			return false
		}
	}
	return true
}

// Busy reports whether a chart is being filled in.
func (c *Chart) Busy() bool { return c.job != nil }

// Epoch returns the training epoch of the models behind Series: while a
// model trains, the chart trails it by the time one chart takes.
func (c *Chart) Epoch() int {
	if c.series == nil && c.job != nil {
		return c.job.epoch
	}
	return c.epoch
}

// Series returns the series last completed by Refine or, while a chart of
// new series is being computed, the part done so far.
func (c *Chart) Series() []Curve {
	if c.series == nil && c.job != nil {
		return c.job.curves()
	}
	return c.series
}

// Theory returns the closed-form error rate at eps of the current logistic
// regression under the current attack's ball, on the distribution the
// preset draws its points from: in the plane on the clouds,
// theory.CloudsError; above two dimensions on the clouds and the glyphs,
// theory.LinearError with the fit's own (w, b), the preset's class means
// and σ = noise, both classes being isotropic Gaussians there (see
// packages data and glyphs). ok is false for the MLP, before a fit, and
// for the other presets and imported points, whose distribution is not
// known. Edits are allowed: the theory describes the distribution, not
// the sample.
func (c *Chart) Theory(eps float64) (rate float64, ok bool) {
	s := c.s
	ball := s.settings.AttackConfig().BallNorm()
	switch {
	case s.fit.err != "" || s.pts.digits != nil:
		return 0, false
	case s.pts.high():
		main := s.fit.main
		if main == nil || main.high == nil || s.pts.hd.means[0] == nil {
			return 0, false
		}
		m := main.high.Model
		return theory.LinearError(m.W, m.B, s.pts.hd.means, s.settings.Noise, eps, ball), true
	case s.fit.linear != nil && cloudPreset(s.settings.Preset):
		return theory.CloudsError(*s.fit.linear, s.settings.Noise, eps, ball), true
	}
	return 0, false
}
