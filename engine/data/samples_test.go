package data

import (
	"math"
	"strings"
	"testing"
)

func TestSamplesValidate(t *testing.T) {
	t.Parallel()
	good := Samples{Dim: 2, X: []float64{1, 2, 3, 4}, Labels: []uint8{0, 1}}
	if err := good.Validate(); err != nil {
		t.Errorf("Validate(%v): %v", good, err)
	}
	for _, c := range []struct {
		name     string
		s        Samples
		fragment string
	}{
		{"dimension 0", Samples{}, "dimension is 0"},
		{"short X", Samples{Dim: 2, X: []float64{1, 2, 3}, Labels: []uint8{0, 1}}, "3 coordinates for 2 points"},
		{"NaN", Samples{Dim: 2, X: []float64{1, 2, 3, math.NaN()}, Labels: []uint8{0, 1}}, "point 1: x2 is NaN"},
		{"Inf", Samples{Dim: 1, X: []float64{math.Inf(-1)}, Labels: []uint8{1}}, "point 0: x1 is -Inf"},
		{"label 2", Samples{Dim: 1, X: []float64{0, 0}, Labels: []uint8{0, 2}}, "point 1: label is 2"},
	} {
		if err := c.s.Validate(); err == nil || !strings.Contains(err.Error(), c.fragment) {
			t.Errorf("%s: Validate() = %v, want an error containing %q", c.name, err, c.fragment)
		}
	}
}

func TestSamplesPoints(t *testing.T) {
	t.Parallel()
	points, _ := Clouds(50, 3)
	s, err := SamplesFromPoints(points)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 100 || s.Dim != 2 {
		t.Fatalf("SamplesFromPoints: %d points in %d dimensions, want 100 in 2", s.Len(), s.Dim)
	}
	for i, p := range points {
		if r := s.Row(i); r[0] != p.X || r[1] != p.Y || s.Label(i) != p.Label {
			t.Fatalf("point %d: row %v label %d, want %+v", i, r, s.Label(i), p)
		}
	}
	back, err := s.Points()
	if err != nil || !samePoints(back, points) {
		t.Errorf("Points(SamplesFromPoints(points)) = %v, %v; want the points", len(back), err)
	}
	if _, err := (Samples{Dim: 3}).Points(); err == nil {
		t.Error("Points() of 3-dimensional samples: no error")
	}
	if _, err := SamplesFromPoints([]Point{{X: math.NaN()}}); err == nil {
		t.Error("SamplesFromPoints of a NaN point: no error")
	}
}

// TestSamplesRow checks that a row cannot be appended to in place: its
// capacity ends with it, so an append copies instead of overwriting the
// next row.
func TestSamplesRow(t *testing.T) {
	t.Parallel()
	s := Samples{Dim: 2, X: []float64{1, 2, 3, 4}, Labels: []uint8{0, 1}}
	r := s.Row(0)
	_ = append(r, 9)
	if s.X[2] != 3 {
		t.Errorf("appending to Row(0) overwrote Row(1): %v", s.X)
	}
	defer func() {
		if m, ok := recover().(string); !ok || !strings.HasPrefix(m, "data: ") {
			t.Errorf("Row(2) of 2 points: recovered %q, want a data: panic", m)
		}
	}()
	s.Row(2)
}
