package scene

import (
	"time"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/dimsweep"
)

// DimensionPoint is one point of the error-against-dimension chart
// (Settings.Chart.Mode ChartDimension): the clouds in Dimension dimensions
// (data.CloudsIn), logistic regression fitted to convergence on
// 2×dimsweep.DefaultPerClass training points, and its errors on as many
// fresh test points under the closed-form Attack of the scene's ε: "fgsm"
// (the L∞ ball) or "fgm" (the L2 ball). See package dimsweep.
type DimensionPoint struct {
	Dimension int    `json:"dimension"`
	Attack    string `json:"attack"`
	// Clean and Error are measured on the test points, clean and under
	// the attack.
	Clean float64 `json:"clean"`
	Error float64 `json:"error"`
	// Theory is the closed form with the fit's own (w, b)
	// (theory.LinearError), Best the closed form of the best line
	// (theory.DimensionError): Φ((ε√d − √2)/σ) for FGSM, Φ((ε − √2)/σ)
	// for FGM.
	Theory float64 `json:"theory"`
	Best   float64 `json:"best"`
	// Reach is how far the attack moves a point towards the fit's
	// boundary: ε‖w‖₁/‖w‖₂ for FGSM, up to ε√d, and ε for FGM.
	Reach float64 `json:"reach"`
}

// dimensionKey is what the dimension chart depends on.
type dimensionKey struct {
	eps, sigma float64
	seed       uint64
}

// DimensionChart is the error-against-dimension chart of a scene
// (Settings.Chart.Mode ChartDimension): a sweep of the clouds through the
// dimensions at the scene's ε, noise and seed, computed a slice at a time
// (Refine).
type DimensionChart struct {
	s *Scene
	// The last complete chart and its key, and the sweep working on the
	// next; dims are its dimensions (nil: dimsweep.Dims).
	curve []DimensionPoint
	key   dimensionKey
	job   *dimsweep.Sweep
	dims  []int
}

// dimensionKey returns the current one: the scene's ε, seed and noise as
// the clouds' σ, or data.CloudSigma when the noise is 0, at which the
// closed forms have no spread to work with.
func (c *DimensionChart) dimensionKey() dimensionKey {
	s := c.s
	sigma := s.settings.Noise
	if sigma == 0 {
		sigma = data.CloudSigma
	}
	return dimensionKey{eps: s.settings.Epsilon, sigma: sigma, seed: s.settings.Seed}
}

// dimensionStep is the work of one dimsweep.Step between two looks at
// the clock: about 0.3 ms in WebAssembly (see dimsweep.Sweep.Step).
const dimensionStep = 100_000

// Refine works on the chart for up to budget (at least one slice of
// dimsweep's work): it starts over when the scene's ε, noise or seed
// changed. The sweep runs natively in about a second and in WebAssembly a
// few times longer, spread over as many calls as the budget asks; its
// result does not depend on the slicing. It reports whether Curve has new
// points.
func (c *DimensionChart) Refine(budget time.Duration) bool {
	key := c.dimensionKey()
	if c.job == nil {
		if c.curve != nil && c.key == key {
			return false
		}
		c.job = c.newJob(key)
		c.curve, c.key = nil, key
	} else if c.key != key {
		c.job = c.newJob(key)
		c.key = key
	}
	j := c.job
	before := len(j.Results())
	start := time.Now()
	for !j.Step(dimensionStep) && time.Since(start) < budget {
	}
	if !j.Done() {
		return len(j.Results()) > before
	}
	c.job = nil
	c.curve = dimensionPoints(j)
	return true
}

// newJob starts the sweep of the chart.
func (c *DimensionChart) newJob(k dimensionKey) *dimsweep.Sweep {
	sw, err := dimsweep.New(dimsweep.Config{Epsilon: k.eps, Sigma: k.sigma, Seed: k.seed, Dims: c.dims})
	if err != nil {
		// ε and the noise are validated on the way in.
		panic("scene: dimension sweep: " + err.Error())
	}
	return sw
}

// dimensionPoints returns a sweep's results as the chart's points, FGSM
// and FGM side by side in each dimension, and none for a sweep that
// failed (which the fit's penalty rules out; see package linear).
func dimensionPoints(sw *dimsweep.Sweep) []DimensionPoint {
	out := []DimensionPoint{}
	eps := sw.Config().Epsilon
	for _, r := range sw.Results() {
		for _, a := range []struct {
			name              string
			err, theory, best float64
			ball              attack.Norm
		}{
			{string(attack.FGSM), r.Fitted.LInf, r.FittedTheory.LInf, r.BestTheory.LInf, attack.LInf},
			{string(attack.FGM), r.Fitted.L2, r.FittedTheory.L2, r.BestTheory.L2, attack.L2},
		} {
			out = append(out, DimensionPoint{Dimension: r.Dim, Attack: a.name, Clean: r.Fitted.Clean, Error: a.err,
				Theory: a.theory, Best: a.best, Reach: r.Fit.Model.Reach(eps, a.ball)})
		}
	}
	if sw.Err() != nil {
		return []DimensionPoint{}
	}
	return out
}

// Curve returns the chart last completed by Refine or, while one for a new
// ε, noise or seed is being computed, the dimensions done so far; nil
// before the first call.
func (c *DimensionChart) Curve() []DimensionPoint {
	if c.job != nil && c.curve == nil {
		return dimensionPoints(c.job)
	}
	return c.curve
}

// Busy reports whether the chart is being computed, and Progress how far,
// from 0 to 1 (dimsweep.Sweep.Progress).
func (c *DimensionChart) Busy() bool { return c.job != nil }

// Progress: see Busy.
func (c *DimensionChart) Progress() float64 {
	switch {
	case c.job != nil:
		return c.job.Progress()
	case c.curve != nil:
		return 1
	}
	return 0
}
