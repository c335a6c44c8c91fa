package scene

import "time"

// Ticker runs a scene's training in slices of wall time, for callers that
// must hand control back regularly: a page's main thread between frames,
// a worker between its messages. It picks the epochs per Tick so that one
// Tick takes about Target, which lets a slice end close to its budget
// whatever the model costs. The scene gives the same bits however its
// epochs are split, so a Ticker never changes the result.
//
// The zero Ticker is not usable; set Target and MaxEpochs.
type Ticker struct {
	// Target is how long one Tick should take.
	Target time.Duration
	// MaxEpochs bounds the epochs of one Tick.
	MaxEpochs int
	epochs    int
}

// Epochs returns the epochs the next Tick will run.
func (t *Ticker) Epochs() int { return max(1, min(t.MaxEpochs, t.epochs)) }

// Run ticks s while its training runs and less than budget has passed
// since Run began, and returns the time the ticks took. It calls ticked,
// when not nil, with the duration of each Tick. It panics if MaxEpochs is
// below 1.
func (t *Ticker) Run(s *Scene, budget time.Duration, ticked func(time.Duration)) time.Duration {
	if t.MaxEpochs < 1 {
		panic("scene: Ticker.MaxEpochs below 1")
	}
	start := time.Now()
	var spent time.Duration
	for s.Running() && time.Since(start) < budget {
		tick := time.Now()
		s.Tick(t.Epochs())
		took := time.Since(tick)
		spent += took
		if ticked != nil {
			ticked(took)
		}
		t.adapt(took)
	}
	return spent
}

// adapt moves the epochs per Tick towards what would have taken Target,
// gradually: timings, in a browser above all, are noisy.
func (t *Ticker) adapt(took time.Duration) {
	if took <= 0 {
		return
	}
	e := float64(t.Epochs())
	next := e * float64(t.Target) / float64(took)
	t.epochs = max(1, min(t.MaxEpochs, int(0.7*e+0.3*next)))
}
