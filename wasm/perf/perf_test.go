package perf

import (
	"testing"
	"time"

	"advplay/engine/scene"
)

func TestWindow(t *testing.T) {
	var w Window
	if w.Median() != 0 || w.Quantile(0.95) != 0 {
		t.Errorf("an empty window's median and 95th percentile: %v, %v, want 0", w.Median(), w.Quantile(0.95))
	}
	// 1 … 100 ms: the median is the 51st value, the 95th percentile the
	// 96th (the smallest with 95 % of the values below it).
	for i := 1; i <= 100; i++ {
		w.Add(time.Duration(i) * time.Millisecond)
	}
	if w.Median() != 51 || w.Quantile(0.95) != 96 {
		t.Errorf("1…100 ms: median %v, 95th percentile %v; want 51 and 96", w.Median(), w.Quantile(0.95))
	}
	// 200 more values of 1 s push every earlier one out of the 120 kept.
	for range 200 {
		w.Add(time.Second)
	}
	if w.Median() != 1000 || w.Quantile(0) != 1000 {
		t.Errorf("after 200 values of 1 s: median %v, least %v; want 1000", w.Median(), w.Quantile(0))
	}
}

func TestStats(t *testing.T) {
	var s Stats
	start := time.Now()
	s.Updated(start.Add(-3 * time.Millisecond))
	s.Drawn(time.Now(), true)
	s.Updated(time.Now())
	s.Drawn(time.Now(), false)
	frames, composed := s.Frames()
	if frames != 2 || composed != 1 {
		t.Errorf("frames %d, composed %d; want 2 and 1", frames, composed)
	}
	r := s.Report(scene.Perf{})
	if r.Frames != 2 || r.Composed != 1 || r.Work95Ms < 3 || r.UpdateMs <= 0 && r.Work95Ms < 3 {
		t.Errorf("report %+v: want 2 frames, 1 composed, and the 3 ms Update counted in the work", r)
	}
	if len(r.Phases) != 6 {
		t.Errorf("phases %v, want six", r.Phases)
	}
}
