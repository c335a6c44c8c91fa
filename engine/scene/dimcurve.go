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

// dimensionKey returns the current one: the scene's ε, seed and noise as
// the clouds' σ, or data.CloudSigma when the noise is 0, at which the
// closed forms have no spread to work with.
func (s *Scene) dimensionKey() dimensionKey {
	sigma := s.settings.Noise
	if sigma == 0 {
		sigma = data.CloudSigma
	}
	return dimensionKey{eps: s.settings.Epsilon, sigma: sigma, seed: s.settings.Seed}
}

// dimensionStep is the work of one dimsweep.Step between two looks at
// the clock: about 0.3 ms in WebAssembly (see dimsweep.Sweep.Step).
const dimensionStep = 100_000

// RefineDimensionCurve works on the error-against-dimension chart for up
// to budget (at least one slice of dimsweep's work): it starts over when
// the scene's ε, noise or seed changed. The sweep runs natively in about
// a second and in WebAssembly a few times longer, spread over as many
// calls as the budget asks; its result does not depend on the slicing.
// It reports whether DimensionCurve has new points.
func (s *Scene) RefineDimensionCurve(budget time.Duration) bool {
	key := s.dimensionKey()
	if s.dimJob == nil {
		if s.dimCurve != nil && s.dimKey == key {
			return false
		}
		s.dimJob = s.newDimensionJob(key)
		s.dimCurve, s.dimKey = nil, key
	} else if s.dimKey != key {
		s.dimJob = s.newDimensionJob(key)
		s.dimKey = key
	}
	j := s.dimJob
	before := len(j.Results())
	start := time.Now()
	for !j.Step(dimensionStep) && time.Since(start) < budget {
	}
	if !j.Done() {
		return len(j.Results()) > before
	}
	s.dimJob = nil
	s.dimCurve = dimensionPoints(j)
	return true
}

// newDimensionJob starts the sweep of the chart.
func (s *Scene) newDimensionJob(k dimensionKey) *dimsweep.Sweep {
	sw, err := dimsweep.New(dimsweep.Config{Epsilon: k.eps, Sigma: k.sigma, Seed: k.seed, Dims: s.dimDims})
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

// DimensionCurve returns the error-against-dimension chart last completed
// by RefineDimensionCurve or, while one for a new ε, noise or seed is
// being computed, the dimensions done so far; nil before the first call.
func (s *Scene) DimensionCurve() []DimensionPoint {
	if s.dimJob != nil && s.dimCurve == nil {
		return dimensionPoints(s.dimJob)
	}
	return s.dimCurve
}

// DimensionBusy reports whether the dimension chart is being computed, and
// DimensionProgress how far, from 0 to 1 (dimsweep.Sweep.Progress).
func (s *Scene) DimensionBusy() bool { return s.dimJob != nil }

// DimensionProgress: see DimensionBusy.
func (s *Scene) DimensionProgress() float64 {
	switch {
	case s.dimJob != nil:
		return s.dimJob.Progress()
	case s.dimCurve != nil:
		return 1
	}
	return 0
}
