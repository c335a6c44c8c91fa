// Package scenetest makes the scenes the tests of scene's companion
// packages (share, csvfile, message) work on: the default scene, one
// changed by a JSON patch, and scenes with every kind of edit, in the
// plane and above two dimensions; and compares scenes by their figures.
package scenetest

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"advplay/engine/scene"
)

// New returns the default scene: the small clouds, 2×100 points, seed 1,
// the converged fit, FGSM at ε = 0.3.
func New(t testing.TB) *scene.Scene {
	t.Helper()
	s, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatalf("scene.New(DefaultSettings()): %v", err)
	}
	return s
}

// Patch parses a patch from JSON, as the JS bridge would hand it over:
// numbers are float64, objects map[string]any, arrays []any.
func Patch(t testing.TB, js string) scene.Patch {
	t.Helper()
	var p scene.Patch
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatalf("bad test patch %s: %v", js, err)
	}
	return p
}

// Apply returns the default scene changed by a JSON patch.
func Apply(t testing.TB, patch string) *scene.Scene {
	t.Helper()
	s := New(t)
	if err := s.Apply(Patch(t, patch)); err != nil {
		t.Fatalf("Apply(%s): %v", patch, err)
	}
	return s
}

// Edited returns a scene of the given preset with every kind of edit —
// removed, moved and added points (added of them, at random) — and
// settings other than the defaults.
func Edited(t testing.TB, preset string, added int) *scene.Scene {
	t.Helper()
	s := Apply(t, `{"preset":"`+preset+`","seed":7,"epsilon":0.37,"attack":{"method":"pgd","steps":12,"randomStart":false},"show":{"arrows":false,"theory":false},"class":1,"mode":"remove"}`)
	if len(s.View().Points) > 10 {
		edit(t, s)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range added {
		if _, err := s.AddPoint(rnd.Float64()*4-1, rnd.Float64()*4-1, i%2); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// EditedHigh returns the scene of a JSON patch with every kind of edit:
// three points removed, one moved and three added.
func EditedHigh(t testing.TB, patch string) *scene.Scene {
	t.Helper()
	s := Apply(t, patch)
	edit(t, s)
	for k, xy := range [][2]float64{{0.5, 0.25}, {1.75, -0.125}, {1.0, 0.0}} {
		if _, err := s.AddPoint(xy[0], xy[1], k%2); err != nil {
			t.Fatal(err)
		}
	}
	s.Flush()
	return s
}

// edit removes points 9, 3 and 0 and moves point 4.
func edit(t testing.TB, s *scene.Scene) {
	t.Helper()
	for _, i := range []int{9, 3, 0} {
		if err := s.RemovePoint(i); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.MovePoint(4, 1.23456, -0.5); err != nil {
		t.Fatal(err)
	}
}

// Figures returns the scene's state as JSON without the timings, which
// differ from run to run: equal figures are the same scene.
func Figures(t testing.TB, s *scene.Scene) string {
	t.Helper()
	return FiguresOf(t, s.State())
}

// FiguresOf is a state's JSON without the timings.
func FiguresOf(t testing.TB, st scene.State) string {
	t.Helper()
	st.Perf = scene.Perf{}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
