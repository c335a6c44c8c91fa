package scene

import (
	"encoding/json"
	"math"
	"testing"
)

// FuzzApply feeds JSON patches to Apply. Properties: it never panics; on
// error the state is unchanged; on success the state is valid (ε in
// [0, 1], every point finite, within ±MaxCoordinate and labelled 0 or 1,
// at most MaxPoints of them, figures that are rates, a finite model) and
// marshals to JSON. The seed corpus is in testdata/fuzz/FuzzApply.
func FuzzApply(f *testing.F) {
	f.Add([]byte(`{"epsilon": 0.2}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p map[string]any
		if err := json.Unmarshal(b, &p); err != nil || p == nil {
			return // not a JSON object
		}
		s := newScene(t)
		before := stateJSON(t, s)
		if err := s.Apply(p); err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			if after := stateJSON(t, s); after != before {
				t.Fatalf("Apply(%s) = %q changed the scene", b, err)
			}
			return
		}
		st := s.State()
		if _, err := json.Marshal(st); err != nil {
			t.Fatalf("Apply(%s): state does not marshal: %v", b, err)
		}
		if !(st.Epsilon >= 0 && st.Epsilon <= MaxEpsilon) {
			t.Fatalf("Apply(%s): ε = %v", b, st.Epsilon)
		}
		if len(st.Points) > MaxPoints || st.Metrics.N != len(st.Points) {
			t.Fatalf("Apply(%s): %d points, metrics.n %d", b, len(st.Points), st.Metrics.N)
		}
		for i, q := range st.Points {
			if !(math.Abs(q.X) <= MaxCoordinate && math.Abs(q.Y) <= MaxCoordinate) || q.Label != 0 && q.Label != 1 {
				t.Fatalf("Apply(%s): point %d = %+v", b, i, q)
			}
		}
		for _, r := range []float64{st.Metrics.CleanError, st.Metrics.AdversarialError} {
			if !(r >= 0 && r <= 1) {
				t.Fatalf("Apply(%s): metrics %+v", b, st.Metrics)
			}
		}
		for _, v := range []float64{st.Model.Weights[0], st.Model.Weights[1], st.Model.Bias, st.Training.Loss} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("Apply(%s): model %+v, training %+v", b, st.Model, st.Training)
			}
		}
		if st.Training.Running && st.Training.Recipe != RecipeArticle {
			t.Fatalf("Apply(%s): running with recipe %q", b, st.Training.Recipe)
		}
		// The rest of the API keeps working on the new state.
		s.Tick(3)
		s.Curves()
		if len(st.Points) > 0 {
			s.Info(len(st.Points) - 1)
		}
	})
}
