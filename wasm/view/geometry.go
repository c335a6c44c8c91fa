package view

import "math"

// Nearest returns the index of the point nearest to the screen position
// (sx, sy) within radius pixels, or -1. xs and ys are screen coordinates.
// Ties go to the later point, which is drawn on top.
func Nearest(xs, ys []float64, sx, sy, radius float64) int {
	best, bestD := -1, radius*radius
	for i := range xs {
		dx, dy := xs[i]-sx, ys[i]-sy
		if d := dx*dx + dy*dy; d <= bestD {
			best, bestD = i, d
		}
	}
	return best
}

// ClipLine returns the part of the line w·x + b = 0 inside the box
// [minX,maxX]×[minY,maxY], and false if the line misses the box, w = 0,
// or w or b is not finite.
func ClipLine(w [2]float64, b, minX, minY, maxX, maxY float64) (x0, y0, x1, y1 float64, ok bool) {
	if w[0] == 0 && w[1] == 0 || !finite(w[0], w[1], b) {
		return 0, 0, 0, 0, false
	}
	// Scaling the equation changes nothing but keeps ‖w‖² from underflowing
	// or overflowing for very small or very large weights.
	s := math.Max(math.Abs(w[0]), math.Abs(w[1]))
	w, b = [2]float64{w[0] / s, w[1] / s}, b/s
	// A point on the line and its direction.
	n2 := w[0]*w[0] + w[1]*w[1]
	px, py := -b*w[0]/n2, -b*w[1]/n2
	dx, dy := -w[1], w[0]
	// Liang–Barsky clipping of p + t·d, with t unbounded.
	t0, t1 := math.Inf(-1), math.Inf(1)
	clip := func(p, d, lo, hi float64) bool {
		if d == 0 {
			return p >= lo && p <= hi
		}
		a, b := (lo-p)/d, (hi-p)/d
		if a > b {
			a, b = b, a
		}
		t0, t1 = math.Max(t0, a), math.Min(t1, b)
		return t0 <= t1
	}
	if !clip(px, dx, minX, maxX) || !clip(py, dy, minY, maxY) {
		return 0, 0, 0, 0, false
	}
	return px + t0*dx, py + t0*dy, px + t1*dx, py + t1*dy, true
}
