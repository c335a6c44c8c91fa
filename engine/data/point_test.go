package data

import (
	"math"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	good := []Point{{0, 0, 0}, {-1e300, 1e300, 1}, {math.SmallestNonzeroFloat64, math.Copysign(0, -1), 0}}
	if err := Validate(good); err != nil {
		t.Errorf("Validate(%v) = %v, want nil", good, err)
	}
	if err := Validate(nil); err != nil {
		t.Errorf("Validate(nil) = %v, want nil", err)
	}
	for _, c := range []struct {
		bad  Point
		text string // fragment of the message
	}{
		{Point{X: math.NaN()}, "x is NaN"},
		{Point{X: math.Inf(1)}, "x is +Inf"},
		{Point{Y: math.Inf(-1)}, "y is -Inf"},
		{Point{Y: math.NaN(), Label: 1}, "y is NaN"},
		{Point{Label: 2}, "label is 2"},
		{Point{Label: -1}, "label is -1"},
	} {
		// The bad point is third: the error must name index 2.
		points := []Point{{1, 1, 0}, {2, 2, 1}, c.bad, {3, 3, 7}}
		err := Validate(points)
		if err == nil {
			t.Errorf("Validate with %+v at index 2 = nil, want an error", c.bad)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "point 2") || !strings.Contains(msg, c.text) {
			t.Errorf("Validate with %+v at index 2 = %q, want it to contain %q and %q", c.bad, msg, "point 2", c.text)
		}
	}
}

func TestToColumns(t *testing.T) {
	t.Parallel()
	points := []Point{{1, 2, 0}, {-3, 4.5, 1}, {0, -0.25, 1}}
	c := ToColumns(points)
	if len(c.X1) != 3 || len(c.X2) != 3 || len(c.Y) != 3 {
		t.Fatalf("ToColumns: lengths %d, %d, %d; want 3", len(c.X1), len(c.X2), len(c.Y))
	}
	for i, p := range points {
		if c.X1[i] != p.X || c.X2[i] != p.Y || c.Y[i] != float64(p.Label) {
			t.Errorf("ToColumns row %d = (%v, %v, %v), want %+v", i, c.X1[i], c.X2[i], c.Y[i], p)
		}
		if v := p.Vec(); v != [2]float64{p.X, p.Y} {
			t.Errorf("%+v.Vec() = %v", p, v)
		}
		if y := p.Target(); y != float64(p.Label) {
			t.Errorf("%+v.Target() = %v", p, y)
		}
	}
	if c := ToColumns(nil); len(c.X1) != 0 {
		t.Errorf("ToColumns(nil) has %d rows", len(c.X1))
	}
}
