package perf

import (
	"testing"
	"time"
)

// TestPacer follows a Pacer through a training: the guess before any
// measure, the first measure taken whole, then a running mean weighing the
// last a quarter, the bounds on Every, and the measures it leaves out.
func TestPacer(t *testing.T) {
	var p Pacer
	t0 := time.Unix(0, 0)
	if p.Cost() != PictureGuess || p.Every(false) != 4*PictureGuess || p.Every(true) != StillEvery {
		t.Fatalf("unmeasured: cost %v, every %v, reduced %v", p.Cost(), p.Every(false), p.Every(true))
	}
	frame := func(at time.Time, cost time.Duration, training bool) {
		p.Composed(at)
		p.Measure(at.Add(cost), training)
	}
	frame(t0, 40*time.Millisecond, true)
	if p.Cost() != 40*time.Millisecond || p.Every(false) != 160*time.Millisecond {
		t.Errorf("after 40 ms: cost %v, every %v; want 40 ms, 160 ms", p.Cost(), p.Every(false))
	}
	frame(t0, 80*time.Millisecond, true) // (3·40 + 80)/4 = 50
	if p.Cost() != 50*time.Millisecond {
		t.Errorf("after 40 and 80 ms: cost %v, want 50 ms", p.Cost())
	}
	// Not training, a rest of over 2 s, or no composed frame: no measure.
	frame(t0, 900*time.Millisecond, false)
	frame(t0, 2*PictureMax+time.Millisecond, true)
	p.Measure(t0.Add(time.Second), true)
	if p.Cost() != 50*time.Millisecond {
		t.Errorf("after measures to leave out: cost %v, want 50 ms", p.Cost())
	}
	// Every stays within [PictureMin, PictureMax].
	fast, slow := Pacer{cost: time.Millisecond}, Pacer{cost: 600 * time.Millisecond}
	if fast.Every(false) != PictureMin || slow.Every(false) != PictureMax {
		t.Errorf("every for 1 ms and 600 ms pictures: %v, %v; want %v, %v", fast.Every(false), slow.Every(false), PictureMin, PictureMax)
	}
}
