package scene

import (
	"reflect"
	"testing"

	"advplay/engine/article"
	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/metrics"
	"advplay/engine/model"
)

// TestSynchronous: the State taken right after any change already shows
// it, with the model refitted and every point re-attacked. Each step's
// figures are recomputed independently with the engine (logreg.Fit,
// attack.Apply, metrics.ErrorRate) from the state's own points.
func TestSynchronous(t *testing.T) {
	s := newScene(t)
	steps := []struct {
		name  string
		do    func() error
		check func(st State) bool
	}{
		{"epsilon 0.2", func() error { return s.Apply(decode(t, `{"epsilon": 0.2}`)) },
			func(st State) bool { return st.Epsilon == 0.2 }},
		{"epsilon 0.9", func() error { return s.Apply(decode(t, `{"epsilon": 0.9}`)) },
			func(st State) bool { return st.Epsilon == 0.9 }},
		{"pgd", func() error { return s.Apply(decode(t, `{"attack": {"method": "pgd"}}`)) },
			func(st State) bool { return st.Attack.Method == "pgd" }},
		{"pgd l2", func() error { return s.Apply(decode(t, `{"attack": {"norm": "l2", "steps": 7}}`)) },
			func(st State) bool { return st.Attack.Norm == "l2" }},
		{"fgm at 0.7", func() error { return s.Apply(decode(t, `{"attack": {"method": "fgm"}, "epsilon": 0.7}`)) },
			func(st State) bool { return st.Attack.Method == "fgm" && st.Epsilon == 0.7 }},
		{"noisier clouds", func() error { return s.Apply(decode(t, `{"noise": 1.1, "seed": 4}`)) },
			func(st State) bool { return st.Noise == 1.1 && len(st.Points) == 200 }},
		{"add a red point among the blue", func() error { _, err := s.AddPoint(2.2, 1.9, 0); return err },
			func(st State) bool { p := st.Points[200]; return p.X == 2.2 && p.Y == 1.9 && p.Label == 0 }},
		{"add a blue point", func() error { _, err := s.AddPoint(-0.3, 0.1, 1); return err },
			func(st State) bool { return len(st.Points) == 202 && st.Points[201].Label == 1 }},
		{"move point 0 far away", func() error { return s.MovePoint(0, 30, -40) },
			func(st State) bool { return st.Points[0].X == 30 && st.Points[0].Y == -40 }},
		{"remove point 5", func() error { return s.RemovePoint(5) },
			func(st State) bool { return len(st.Points) == 201 }},
		{"fgsm at 0.5", func() error { return s.Apply(decode(t, `{"attack": {"method": "fgsm"}, "epsilon": 0.5}`)) },
			func(st State) bool { return st.Attack.Method == "fgsm" }},
		{"custom points", func() error {
			return setPoints(s, []data.Point{{X: 0, Y: 0, Label: 0}, {X: 1, Y: 1, Label: 1}, {X: 0.2, Y: 0.9, Label: 1}, {X: 0.8, Y: 0.3, Label: 0}})
		}, func(st State) bool { return len(st.Points) == 4 && st.Preset == "empty" }},
		{"points through set()", func() error {
			return s.Apply(decode(t, `{"points": [{"x": 0, "y": 0, "label": 0}, {"x": 1, "y": 0, "label": 1}, {"x": 0.5, "y": 0.5, "label": 0}, {"x": 0.6, "y": -0.5, "label": 1}]}`))
		}, func(st State) bool { return len(st.Points) == 4 && st.Points[3].Y == -0.5 }},
		{"clear", func() error { mustClear(t, s); return nil },
			func(st State) bool { return len(st.Points) == 0 && st.Preset == "empty" }},
		{"one point", func() error { _, err := s.AddPoint(1, 2, 1); return err },
			func(st State) bool { return len(st.Points) == 1 }},
		{"the article preset", func() error { return s.Apply(decode(t, `{"preset": "article", "seed": 2}`)) },
			func(st State) bool { return len(st.Points) == 2*article.PerClass }},
		{"reset", func() error { mustReset(t, s); return nil },
			func(st State) bool { return len(st.Points) == 2*article.PerClass }},
	}
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		st := s.State()
		if !step.check(st) {
			t.Errorf("%s: not reflected in State: %+v", step.name, st.Settings)
		}
		checkFigures(t, step.name, st)
		// Metrics and Summary agree with State.
		if m := s.View().Metrics; m != st.Metrics {
			t.Errorf("%s: Metrics() %+v, State().Metrics %+v", step.name, m, st.Metrics)
		}
		if sum := s.Summary(); sum.Metrics != st.Metrics || !reflect.DeepEqual(sum.Model, st.Model) || sum.Points != nil {
			t.Errorf("%s: Summary %+v disagrees with State", step.name, sum)
		}
	}
}

// TestVersions: the counters a view caches on move when, and only when,
// what they count changes. Versions does not flush, so each step flushes
// first, as the view's Update does.
func TestVersions(t *testing.T) {
	s := newScene(t)
	s.Flush()
	p0, m0, a0 := versionsOf(s)
	pv0 := s.View().Versions.Preset
	if err := s.Apply(decode(t, `{"epsilon": 0.4}`)); err != nil {
		t.Fatal(err)
	}
	p1, m1, a1 := versionsOf(s)
	if p1 != p0 || m1 != m0 || a1 == a0 {
		t.Errorf("epsilon: versions (%d,%d,%d) → (%d,%d,%d), want only attack to change", p0, m0, a0, p1, m1, a1)
	}
	if _, err := s.AddPoint(1, 1, 1); err != nil {
		t.Fatal(err)
	}
	s.Flush()
	p2, m2, a2 := versionsOf(s)
	if p2 == p1 || m2 == m1 || a2 == a1 || s.View().Versions.Preset != pv0 {
		t.Errorf("AddPoint: versions (%d,%d,%d) → (%d,%d,%d), preset %d → %d", p1, m1, a1, p2, m2, a2, pv0, s.View().Versions.Preset)
	}
	if err := s.Apply(decode(t, `{"show": {"arrows": false}, "class": 1}`)); err != nil {
		t.Fatal(err)
	}
	if p3, m3, a3 := versionsOf(s); p3 != p2 || m3 != m2 || a3 != a2 {
		t.Errorf("show/class changed versions (%d,%d,%d) → (%d,%d,%d)", p2, m2, a2, p3, m3, a3)
	}
	if err := s.Apply(decode(t, `{"seed": 2}`)); err != nil {
		t.Fatal(err)
	}
	if s.View().Versions.Preset == pv0 {
		t.Errorf("new seed kept preset version %d", pv0)
	}
}

// Tick leaves the attack stale for the view to refresh when it chooses,
// while State still answers with up-to-date figures.
func TestTickLeavesAttackStale(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"training": {"recipe": "article"}}`)); err != nil {
		t.Fatal(err)
	}
	before := s.View().Metrics
	if !s.Tick(500) {
		t.Fatal("Tick(500) did not advance a running article training")
	}
	if !s.View().AttackStale {
		t.Error("after Tick, AttackStale = false, want true")
	}
	if got := s.View().Metrics; got != before {
		t.Errorf("Metrics changed before a Flush: %+v → %+v", before, got)
	}
	st := s.State()
	if s.View().AttackStale {
		t.Error("State did not flush the attack")
	}
	// The figures of the model State reports, computed independently.
	m := model.Linear{W: [2]float64(st.Model.Weights), B: st.Model.Bias}
	pts := points(st)
	adv, err := attack.Apply(&m, pts, attackConfig(st, st.Epsilon))
	if err != nil {
		t.Fatal(err)
	}
	clean, robust := metrics.ErrorRate(&m, pts), metrics.ErrorRate(&m, adv)
	if st.Metrics.CleanError != clean || st.Metrics.AdversarialError != robust {
		t.Errorf("State metrics %+v, independent clean %v adversarial %v", st.Metrics, clean, robust)
	}
}
