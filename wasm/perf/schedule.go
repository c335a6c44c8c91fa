package perf

import "time"

// While a training runs, the work of a frame beyond the picture is
// spaced out: its model is attacked again at most every AttackEvery
// (attacking and redrawing every point for every picture would eat the
// frame), its chart starts over at most every CurveEvery and works only
// every other frame, and the error-against-dimension chart shows its
// progress at most every DimensionEvery (each picture costs the main
// thread where WebGL is software). At rest, all of it follows at once.
const (
	AttackEvery    = 200 * time.Millisecond
	CurveEvery     = 500 * time.Millisecond
	DimensionEvery = 700 * time.Millisecond
)

// The time each frame may spend on the chart's curves, which for a
// non-linear model means attacking every point at each ε, and on the
// error-against-dimension chart's fits in up to 1,024 dimensions: the
// frame's whole budget for our work, which nothing else uses at rest.
const (
	CurveBudget     = 6 * time.Millisecond
	DimensionBudget = 16 * time.Millisecond
)

// Schedule decides, frame by frame, which background work runs. The zero
// Schedule has done nothing yet.
type Schedule struct {
	attacked, charted time.Time
	skipped           bool
}

// Attack reports whether a stale attack runs now, and records it: at once
// at rest, at most every AttackEvery while a training runs.
func (s *Schedule) Attack(now time.Time, running bool) bool {
	if running && now.Sub(s.attacked) < AttackEvery {
		return false
	}
	s.attacked = now
	return true
}

// Chart reports whether the chart works this frame: at rest always; while
// a training runs every other frame, and, once a chart is complete (busy
// false), only CurveEvery after it.
func (s *Schedule) Chart(now time.Time, running, busy bool) bool {
	if running && !busy && now.Sub(s.charted) < CurveEvery {
		return false
	}
	s.skipped = !s.skipped
	return !running || !s.skipped
}

// Charted records that the chart showed new series now.
func (s *Schedule) Charted(now time.Time) { s.charted = now }

// ShowDimensions reports whether the dimension chart, with new points
// done, shows them now: once it is complete, and while it runs at most
// every DimensionEvery.
func (s *Schedule) ShowDimensions(now time.Time, busy bool) bool {
	return !busy || now.Sub(s.charted) >= DimensionEvery
}
