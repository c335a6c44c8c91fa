package scene

import (
	"advplay/engine/data"
	"advplay/engine/linear"
)

// The chart on the digits compares up to three models on the test digits:
// the scene's own ("clean", "attack"), under a defense the same model
// trained plainly ("plain clean", "plain attack") and, beside a robust
// network, logistic regression trained under the same defense ("linear
// clean", "linear attack"): plain network, robust linear and robust
// network, the article's third intuition decided. Logistic regression's
// curves are exact in the box (linear.ErrorCurve); the network's are
// attacked at each ε of digitGrid, a chunk of digits per step.

// digitGrid is the ε of the network's curves: every 0.05 up to 0.5, where
// the digits' curves do their climbing, and every 0.1 beyond.
var digitGrid = []float64{0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1}

// digitPlan is a network's curve under attack, computed a chunk of digits
// at a time.
type digitPlan struct {
	model   digitModel
	set     Settings
	samples data.Samples
	next    int // the next digit at the current ε
	wrong   int
	adv     []float64
	z       []float64
}

// planDigits adds the chart's series on the digits to j.
func (c *Chart) planDigits(j *curveJob, pl planner) {
	s := c.s
	test := s.pts.hd.samples
	for _, side := range []struct {
		prefix string
		r      *run
	}{{"", s.fit.main}, {"plain ", s.fit.baseline}, {"linear ", s.fit.rival}} {
		if side.r == nil {
			continue
		}
		m := side.r.digitModel(test.Dim)
		clean := errorOfLogits(m, test)
		j.plan = append(j.plan, pl.fineCurve(side.prefix+"clean", func(float64) float64 { return clean }))
		if m.lin != nil {
			curve := linear.NewErrorCurve(*m.lin, test, linear.PixelBox)
			j.plan = append(j.plan, pl.fineCurve(side.prefix+"attack", curve.Rate))
			continue
		}
		snap := digitModel{net: m.net.Clone()}
		j.plan = append(j.plan, seriesPlan{name: side.prefix + "attack", grid: digitGrid,
			digits: &digitPlan{model: snap, set: s.settings, samples: test,
				adv: make([]float64, digitChunk*test.Dim), z: make([]float64, digitChunk)}})
	}
}

// step attacks the next chunk of digits at ε and reports whether the
// curve's point at ε is done, with its error rate.
func (p *digitPlan) step(eps float64) (done bool, rate float64) {
	s := p.samples
	end := min(p.next+digitChunk, s.Len())
	chunk := rows(s, p.next, end)
	adv, z := p.adv[:len(chunk.X)], p.z[:chunk.Len()]
	p.model.attackChunk(p.set, eps, chunk, p.next/digitChunk, adv)
	p.model.logits(adv, z)
	for i, v := range z {
		if predicted(v) != chunk.Label(i) {
			p.wrong++
		}
	}
	p.next = end
	if p.next < s.Len() {
		return false, 0
	}
	rate = float64(p.wrong) / float64(max(s.Len(), 1))
	p.next, p.wrong = 0, 0
	return true, rate
}
