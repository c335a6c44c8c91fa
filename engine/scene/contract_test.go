package scene

import (
	"strings"
	"testing"

	"advplay/engine/article"
)

// get walks a decoded JSON value along a dotted path.
func get(m map[string]any, path string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = obj[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// TestStateContract checks the field names and JSON types of state() that
// the README's JavaScript API table promises (points, epsilon, attack,
// model, training, metrics, perf, …), on the JSON itself.
func TestStateContract(t *testing.T) {
	scenes := map[string]func(t *testing.T) *Scene{
		"default": func(t *testing.T) *Scene { return newScene(t) },
		"article recipe": func(t *testing.T) *Scene {
			s := newScene(t)
			if err := s.Apply(decode(t, `{"training":{"recipe":"article"}}`)); err != nil {
				t.Fatal(err)
			}
			s.Tick(3)
			return s
		},
		"empty": func(t *testing.T) *Scene {
			s := newScene(t)
			mustClear(t, s)
			return s
		},
	}
	for name, mk := range scenes {
		s := mk(t)
		m := stateMap(t, s)
		st := s.State()
		types := []struct {
			path string
			kind string // number, string, bool, array, object
		}{
			{"points", "array"},
			{"epsilon", "number"},
			{"attack", "object"},
			{"attack.method", "string"},
			{"model", "object"},
			{"model.kind", "string"},
			{"model.weights", "array"},
			{"model.bias", "number"},
			{"training", "object"},
			{"training.recipe", "string"},
			{"training.epoch", "number"},
			{"training.epochs", "number"},
			{"training.running", "bool"},
			{"metrics", "object"},
			{"metrics.cleanError", "number"},
			{"metrics.adversarialError", "number"},
			{"metrics.n", "number"},
			{"perf", "object"},
			// Also settable through set(): the state shows their values.
			{"preset", "string"},
			{"seed", "number"},
		}
		for _, c := range types {
			v, ok := get(m, c.path)
			if !ok {
				t.Errorf("%s: state has no %s", name, c.path)
				continue
			}
			var good bool
			switch c.kind {
			case "number":
				_, good = v.(float64)
			case "string":
				_, good = v.(string)
			case "bool":
				_, good = v.(bool)
			case "array":
				_, good = v.([]any)
			case "object":
				_, good = v.(map[string]any)
			}
			if !good {
				t.Errorf("%s: state.%s = %#v, want a JSON %s", name, c.path, v, c.kind)
			}
		}
		if w, _ := get(m, "model.weights"); len(w.([]any)) != 2 {
			t.Errorf("%s: model.weights = %v, want [w1, w2]", name, w)
		}
		pts, _ := get(m, "points")
		if len(pts.([]any)) != len(s.View().Points) {
			t.Errorf("%s: %d points in state, %d in the scene", name, len(pts.([]any)), len(s.View().Points))
		}
		for i, p := range pts.([]any) {
			obj, ok := p.(map[string]any)
			if !ok {
				t.Fatalf("%s: points[%d] = %#v", name, i, p)
			}
			x, xok := obj["x"].(float64)
			y, yok := obj["y"].(float64)
			l, lok := obj["label"].(float64)
			want := s.View().Points[i]
			if !xok || !yok || !lok || x != want.X || y != want.Y || int(l) != want.Label {
				t.Fatalf("%s: points[%d] = %v, want {x: %v, y: %v, label: %v}", name, i, obj, want.X, want.Y, want.Label)
			}
		}
		// The JSON carries the same numbers as the Go value.
		if e, _ := get(m, "epsilon"); e != st.Epsilon {
			t.Errorf("%s: epsilon %v vs %v", name, e, st.Epsilon)
		}
		if k, _ := get(m, "model.kind"); k != "logreg" {
			t.Errorf("%s: model.kind = %v, want logreg", name, k)
		}
		if n, _ := get(m, "metrics.n"); n != float64(len(s.View().Points)) {
			t.Errorf("%s: metrics.n = %v, want %d", name, n, len(s.View().Points))
		}
		w, _ := get(m, "model.weights")
		if b, _ := get(m, "model.bias"); w.([]any)[0] != st.Model.Weights[0] || w.([]any)[1] != st.Model.Weights[1] || b != st.Model.Bias {
			t.Errorf("%s: model %v %v vs %+v", name, w, b, st.Model)
		}
	}
}

// TestStateArticleTraining: choosing the article's recipe starts its
// descent as package article describes it, Epochs epochs from zero weights.
func TestStateArticleTraining(t *testing.T) {
	s := newScene(t)
	if err := s.Apply(decode(t, `{"training":{"recipe":"article"}}`)); err != nil {
		t.Fatal(err)
	}
	m := stateMap(t, s)
	for path, want := range map[string]any{
		"training.recipe":  "article",
		"training.epoch":   0.0,
		"training.epochs":  float64(article.Epochs),
		"training.running": true,
		"model.bias":       0.0, // training starts from zero weights
	} {
		if got, _ := get(m, path); got != want {
			t.Errorf("state.%s = %#v, want %#v", path, got, want)
		}
	}
}
