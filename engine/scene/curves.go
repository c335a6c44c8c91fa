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

func (s *Scene) curveKey() curveKey {
	return curveKey{model: s.modelVersion, points: s.pointsVersion, attack: s.settings.Attack,
		preset: s.settings.Preset, noise: s.settings.Noise, defense: s.settings.Defense,
		baselineActive: s.baseline != nil}
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
func (s *Scene) newCurveJob() *curveJob {
	j := &curveJob{key: s.curveKey(), points: s.points}
	if s.main != nil {
		j.epoch = s.main.epoch()
	}
	fine := metrics.Grid(MaxEpsilon, CurveSteps)
	coarse := metrics.Grid(MaxEpsilon, BruteSteps)
	cfg := s.settings.AttackConfig()
	fineCurve := func(name string, f func(eps float64) float64) seriesPlan {
		pts := make([]metrics.CurvePoint, len(fine))
		for i, x := range fine {
			pts[i] = metrics.CurvePoint{Epsilon: x, Error: f(x)}
		}
		return seriesPlan{name: name, points: pts}
	}
	flat := func(name string, m model.Model) seriesPlan {
		e := metrics.ErrorRate(m, s.points)
		return fineCurve(name, func(float64) float64 { return e })
	}
	attackSeries := func(name string, m model.Model, c attack.Config) seriesPlan {
		if lin, ok := m.(*model.Linear); ok {
			// PGD on a linear model ends at FGSM's corner: exact for all three.
			curve, err := metrics.NewLinearCurve(*lin, s.points, c.BallNorm())
			if err != nil {
				panic("scene: exact curve failed: " + err.Error())
			}
			return seriesPlan{name: name, points: curve.Curve(fine)}
		}
		return seriesPlan{name: name, model: m.Clone(), cfg: c, grid: coarse}
	}
	if s.main == nil || len(s.points) == 0 {
		return j
	}
	if s.high() {
		c := s.newFlipCurve(s.highModel(), cfg.BallNorm())
		clean := c.Error(0)
		j.plan = append(j.plan, fineCurve("clean", func(float64) float64 { return clean }), fineCurve("attack", c.Error))
		if _, ok := s.Theory(0); ok {
			j.plan = append(j.plan, fineCurve("theory", func(e float64) float64 { th, _ := s.Theory(e); return th }))
		}
		return j
	}
	main := s.main.model
	j.plan = append(j.plan, flat("clean", main))
	switch {
	case s.baseline != nil:
		j.plan = append(j.plan, attackSeries("attack", main, cfg))
		j.plan = append(j.plan, flat("plain clean", s.baseline.model), attackSeries("plain attack", s.baseline.model, cfg))
	case s.linear != nil:
		j.plan = append(j.plan, attackSeries("attack", main, cfg))
		if _, ok := s.Theory(0); ok {
			j.plan = append(j.plan, fineCurve("theory", func(e float64) float64 { th, _ := s.Theory(e); return th }))
		}
	default:
		fgsm := cfg
		fgsm.Method = attack.FGSM
		pgd := cfg
		pgd.Method, pgd.Norm = attack.PGD, attack.LInf
		j.plan = append(j.plan, attackSeries("fgsm", main, fgsm), attackSeries("pgd", main, pgd))
	}
	for k := range j.plan {
		if p := &j.plan[k]; p.points == nil {
			p.points = make([]metrics.CurvePoint, 0, len(p.grid))
		}
	}
	return j
}

// done reports whether every series is complete.
func (j *curveJob) done() bool { return j.si >= len(j.plan) }

// step attacks every point at one more ε of one brute-force series.
func (j *curveJob) step() {
	for j.si < len(j.plan) {
		p := &j.plan[j.si]
		if p.model == nil || j.ei >= len(p.grid) {
			j.si, j.ei = j.si+1, 0
			continue
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

// Curves returns the chart's series for the current model, computed in
// full (see newCurveJob for what they are). For the MLP this attacks every
// point at each ε of the coarse grid, so it can take a while; the view uses
// ChartCurves instead.
func (s *Scene) Curves() []Curve {
	s.Flush()
	j := s.newCurveJob()
	for !j.done() {
		j.step()
	}
	return j.curves()
}

// RefineCurves works on the chart for up to budget: it starts over when
// what the chart shows changed, except that during a training it first
// finishes the chart it is on, so that the chart keeps up as well as it
// can. It reports whether ChartCurves has new series.
func (s *Scene) RefineCurves(budget time.Duration) bool {
	s.FlushTraining()
	key := s.curveKey()
	j := s.chartJob
	switch {
	case j != nil && j.key.points != key.points:
		j = nil // the points it attacks are gone
	case j != nil && j.key != key && !s.running:
		j = nil
	}
	if j == nil {
		if s.chart != nil && s.chartKey == key {
			return false
		}
		j = s.newCurveJob()
		if !sameSeries(s.chart, j.plan) {
			// Old series of another kind would mislead; show the new
			// ones as they fill in.
			s.chart = nil
		}
	}
	start := time.Now()
	progressed := false
	for !j.done() && time.Since(start) < budget {
		j.step()
		progressed = true
	}
	if !j.done() {
		s.chartJob = j
		return s.chart == nil && progressed
	}
	s.chartJob = nil
	s.chart, s.chartKey, s.chartEpoch = j.curves(), j.key, j.epoch
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

// ChartBusy reports whether a chart is being filled in.
func (s *Scene) ChartBusy() bool { return s.chartJob != nil }

// ChartEpoch returns the training epoch of the models behind ChartCurves:
// while a model trains, the chart trails it by the time one chart takes.
func (s *Scene) ChartEpoch() int {
	if s.chart == nil && s.chartJob != nil {
		return s.chartJob.epoch
	}
	return s.chartEpoch
}

// ChartCurves returns the series last completed by RefineCurves or, while
// a chart of new series is being computed, the part done so far.
func (s *Scene) ChartCurves() []Curve {
	if s.chart == nil && s.chartJob != nil {
		return s.chartJob.curves()
	}
	return s.chart
}

// Theory returns the closed-form error rate at eps of the current logistic
// regression under the current attack's ball, on the distribution the
// preset draws its points from: in the plane on the clouds,
// theory.CloudsError; above two dimensions on the clouds and the glyphs,
// theory.LinearError with the fit's own (w, b), the preset's class means
// and σ = noise, both classes being isotropic Gaussians there (see
// packages data and glyphs). ok is false for the MLP, before a fit, and
// for the other presets and imported points, whose distribution is not
// known.
func (s *Scene) Theory(eps float64) (rate float64, ok bool) {
	ball := s.settings.AttackConfig().BallNorm()
	switch {
	case s.trainErr != "":
		return 0, false
	case s.high():
		if s.main == nil || s.main.high == nil || s.hd.means[0] == nil {
			return 0, false
		}
		m := s.main.high.Model
		return theory.LinearError(m.W, m.B, s.hd.means, s.settings.Noise, eps, ball), true
	case s.linear != nil && s.isClouds():
		return theory.CloudsError(*s.linear, s.settings.Noise, eps, ball), true
	}
	return 0, false
}
