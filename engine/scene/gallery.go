package scene

import (
	"fmt"
	"math"
	"slices"

	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/logistic"
	"advplay/engine/metrics"
)

// SampleView is one point in full and what the attack does to it, for the
// glyph gallery: a glyph is d = 784 values, 28×28 pixels row by row from
// the top (glyphs.Side), ink positive on a background of 0; draw it with
// glyphs.Gray or the page's own ramp.
type SampleView struct {
	Label int `json:"label"`
	// Clean is the point's d coordinates.
	Clean []float64 `json:"clean"`
	// Probability is the model's probability of class 1, σ(z).
	Probability float64 `json:"probability"`
	// Perturbation is the attack's step δ: above two dimensions the closed
	// form −s·ε·sign(w) for the L∞ ball (FGSM, and PGD, which ends at the
	// same corner) or −s·ε·w/‖w‖₂ for the L2 ball (s = +1 for class 1, −1
	// for class 0); in the plane what the scene's attack did.
	Perturbation []float64 `json:"perturbation"`
	// Attacked is Clean + Perturbation, and AttackedProbability the model's
	// probability of class 1 there.
	Attacked            []float64 `json:"attacked"`
	AttackedProbability float64   `json:"attackedProbability"`
	// Flipped reports that the attack turned a correct prediction wrong.
	Flipped bool `json:"flipped"`
}

// Sample returns point i in full, after a Flush: its coordinates, the
// model's probability, the attack's perturbation and the attacked point
// with its probability. The slices are copies. It returns an error naming
// the index if i is out of range.
func (s *Scene) Sample(i int) (SampleView, error) {
	s.Flush()
	if err := s.pts.checkIndex(i); err != nil {
		return SampleView{}, err
	}
	if s.pts.digits != nil {
		return sampleDigit(&s.pts, &s.att, i), nil
	}
	v := SampleView{Label: s.pts.points[i].Label, Flipped: s.att.flipped[i]}
	if !s.pts.high() {
		p, a := s.pts.points[i], s.att.adv[i]
		v.Clean, v.Attacked = []float64{p.X, p.Y}, []float64{a.X, a.Y}
		v.Perturbation = []float64{a.X - p.X, a.Y - p.Y}
		v.Probability = logistic.Sigmoid(s.fit.model.Logit(p.Vec()))
		v.AttackedProbability = logistic.Sigmoid(s.fit.model.Logit(a.Vec()))
		return v, nil
	}
	m := highModel(s.fit.main, s.pts.dim())
	v.Clean = slices.Clone(s.pts.hd.samples.Row(i))
	v.Perturbation = m.Step(make([]float64, m.Dim()), v.Label, s.settings.Epsilon, s.settings.AttackConfig().BallNorm())
	v.Attacked = make([]float64, m.Dim())
	for j, x := range v.Clean {
		v.Attacked[j] = x + v.Perturbation[j]
	}
	v.Probability = logistic.Sigmoid(m.Logit(v.Clean))
	v.AttackedProbability = logistic.Sigmoid(m.Logit(v.Attacked))
	return v, nil
}

// Samples returns the points in d dimensions, after a Flush: above two
// dimensions the scene's own (not a copy: it must not be modified), in the
// plane a copy of the points.
func (s *Scene) Samples() data.Samples {
	s.Flush()
	if s.pts.high() {
		return s.pts.hd.samples
	}
	out, _ := data.SamplesFromPoints(s.pts.points) // points are validated on the way in
	return out
}

// ErrorAt returns the error rate of the current model under the current
// attack at budget eps ≥ 0, which may exceed MaxEpsilon, after a Flush: in
// the plane by running the attack (metrics.AdversarialError; PGD's step
// size back to ε/4, attack.Config.AtEpsilon, as the chart has it), above two
// dimensions counted in d dimensions under the closed form of the attack's
// ball (see space.go). It panics if eps is negative or not finite.
func (s *Scene) ErrorAt(eps float64) float64 {
	if !(eps >= 0) || math.IsInf(eps, 0) {
		panic(fmt.Sprintf("scene: ErrorAt(%v): ε must be a finite number ≥ 0", eps))
	}
	s.Flush()
	if s.pts.digits != nil {
		return digitErrorRate(s.fit.main.digitModel(mnistDim), s.settings, eps, s.pts.hd.samples)
	}
	cfg := s.settings.AttackConfig().AtEpsilon(eps)
	if s.pts.high() {
		return linear.ErrorRate(highModel(s.fit.main, s.pts.dim()), s.pts.hd.samples, eps, cfg.BallNorm())
	}
	e, err := metrics.AdversarialError(s.fit.model, s.pts.points, cfg)
	if err != nil {
		panic("scene: ErrorAt: " + err.Error())
	}
	return e
}
