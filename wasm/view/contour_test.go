package view

import (
	"math"
	"testing"
)

// A contour of a linear function is the straight line it describes:
// every segment end lies on it, and the segments cover its length in the
// grid.
func TestContourOfLinearFunction(t *testing.T) {
	const cols, rows = 40, 30
	// v(x, y) = x + 2y − 30: the line x + 2y = 30.
	vals := make([]float64, cols*rows)
	for r := range rows {
		for c := range cols {
			vals[r*cols+c] = float64(c) + 2*float64(r) - 30
		}
	}
	segs := Contour(vals, cols, rows, 0)
	var length float64
	for _, s := range segs {
		for _, p := range [][2]float64{{s.X0, s.Y0}, {s.X1, s.Y1}} {
			if d := p[0] + 2*p[1] - 30; math.Abs(d) > 1e-9 {
				t.Fatalf("segment end %v is %v off the line", p, d)
			}
		}
		length += math.Hypot(s.X1-s.X0, s.Y1-s.Y0)
	}
	// The line runs from (30, 0) to (0, 15) inside [0,39]×[0,29].
	if want := math.Hypot(30, 15); math.Abs(length-want) > 1e-9 {
		t.Errorf("contour length %v, want %v", length, want)
	}
}

// A circle's contour stays within half a cell of the true radius, and a
// level the grid never reaches has no contour.
func TestContourOfCircle(t *testing.T) {
	const n = 64
	vals := make([]float64, n*n)
	for r := range n {
		for c := range n {
			vals[r*n+c] = math.Hypot(float64(c)-31.5, float64(r)-31.5)
		}
	}
	segs := Contour(vals, n, n, 20)
	if len(segs) < 100 {
		t.Fatalf("%d segments for a circle of radius 20", len(segs))
	}
	for _, s := range segs {
		if d := math.Hypot(s.X0-31.5, s.Y0-31.5) - 20; math.Abs(d) > 0.5 {
			t.Fatalf("segment end at distance %v from the radius", d)
		}
	}
	if segs := Contour(vals, n, n, 1000); len(segs) != 0 {
		t.Errorf("level above every value gave %d segments", len(segs))
	}
}

// A saddle cell gives two segments, not a cross.
func TestContourSaddle(t *testing.T) {
	segs := Contour([]float64{1, -1, -1, 1}, 2, 2, 0)
	if len(segs) != 2 {
		t.Fatalf("saddle gave %d segments, want 2", len(segs))
	}
}
