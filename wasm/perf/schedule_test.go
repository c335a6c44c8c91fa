package perf

import (
	"testing"
	"time"
)

// TestScheduleAttack: at rest every stale attack runs; while a training
// runs, one every AttackEvery.
func TestScheduleAttack(t *testing.T) {
	var s Schedule
	t0 := time.Unix(100, 0)
	if !s.Attack(t0, true) {
		t.Fatal("the first attack of a training waited")
	}
	if s.Attack(t0.Add(AttackEvery/2), true) {
		t.Error("a second attack within AttackEvery ran")
	}
	if !s.Attack(t0.Add(AttackEvery/2), false) {
		t.Error("an attack at rest waited")
	}
	if !s.Attack(t0.Add(AttackEvery/2+AttackEvery), true) {
		t.Error("an attack AttackEvery later waited")
	}
}

// TestScheduleChart: at rest the chart works every frame; while a
// training runs every other frame, and a complete chart waits CurveEvery.
func TestScheduleChart(t *testing.T) {
	var s Schedule
	t0 := time.Unix(100, 0)
	for i := range 4 {
		if !s.Chart(t0, false, i%2 == 0) {
			t.Errorf("frame %d at rest: the chart waited", i)
		}
	}
	worked := 0
	for i := range 10 {
		if s.Chart(t0.Add(time.Duration(i)*time.Millisecond), true, true) {
			worked++
		}
	}
	if worked != 5 {
		t.Errorf("a busy chart worked %d of 10 frames while training, want every other", worked)
	}
	s.Charted(t0)
	for i := range 4 {
		if s.Chart(t0.Add(CurveEvery/2), true, false) {
			t.Errorf("frame %d: a complete chart started over within CurveEvery", i)
		}
	}
	started := false
	for range 2 {
		started = started || s.Chart(t0.Add(CurveEvery), true, false)
	}
	if !started {
		t.Error("a complete chart did not start over after CurveEvery")
	}
	if s.ShowDimensions(t0.Add(DimensionEvery/2), true) || !s.ShowDimensions(t0.Add(DimensionEvery), true) || !s.ShowDimensions(t0, false) {
		t.Error("the dimension chart's progress is not shown every DimensionEvery, and at its end")
	}
}
