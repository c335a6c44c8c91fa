package perf

import "time"

// While a training runs, its picture follows it, but spends at most about
// a fifth of the time on drawing: a new picture every four times what the
// last ones cost (from a composed frame to the next frame, which the
// browser delays until it has shown the picture), within [PictureMin,
// PictureMax]. With a GPU that is every few frames; with software WebGL,
// where the browser reads every picture back from the GPU on the main
// thread, about once a second. For a visitor who prefers reduced motion it
// is only every StillEvery, in steps rather than as an animation.
const (
	PictureMin = 50 * time.Millisecond
	PictureMax = time.Second
	StillEvery = 2 * time.Second
	// PictureGuess is what a picture is taken to cost before one has
	// been measured: a slow one, so that a short training is not spent
	// drawing.
	PictureGuess = 100 * time.Millisecond
)

// Pacer measures what a picture costs while a training runs and says how
// long each picture should stay. The zero Pacer has measured nothing.
type Pacer struct {
	composedAt time.Time
	cost       time.Duration
}

// Composed records that a frame composed a picture at t.
func (p *Pacer) Composed(t time.Time) { p.composedAt = t }

// Measure records, at the first Update after a composed frame, what that
// picture cost: the time from Composed to now. It keeps a running mean
// (the last measure weighs a quarter) of the measures taken while
// training, and leaves out longer gaps than 2·PictureMax, when the loop
// rested rather than drew.
func (p *Pacer) Measure(now time.Time, training bool) {
	if p.composedAt.IsZero() {
		return
	}
	d := now.Sub(p.composedAt)
	p.composedAt = time.Time{}
	if !training || d > 2*PictureMax {
		return
	}
	if p.cost == 0 {
		p.cost = d
	}
	p.cost = (3*p.cost + d) / 4
}

// Cost returns what a picture costs, PictureGuess until one was measured.
func (p *Pacer) Cost() time.Duration {
	if p.cost == 0 {
		return PictureGuess
	}
	return p.cost
}

// Every returns how long a picture stays while a training runs: four times
// its cost within [PictureMin, PictureMax], or StillEvery for a visitor
// who prefers reduced motion.
func (p *Pacer) Every(reducedMotion bool) time.Duration {
	if reducedMotion {
		return StillEvery
	}
	return max(PictureMin, min(PictureMax, 4*p.Cost()))
}
