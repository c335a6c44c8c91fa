package view_test

import (
	"fmt"
	"strings"

	"advplay/wasm/view"
)

// A plot of the article's clouds: the transform from data to screen
// pixels and back, a zoom about the cursor, and the axis ticks of what is
// then visible.
func Example() {
	// A 640×480 canvas showing the data box [−1, 3]² (the clouds around
	// (0, 0) and (2, 2)) with a 5 % margin; the shorter side sets the scale,
	// 480 / (4·1.1) pixels per unit.
	plot := view.Rect{W: 640, H: 480}
	t := view.Fit(plot, -1, -1, 3, 3, 0.05)
	fmt.Printf("%.2f pixels per unit, centred on (%g, %g)\n", t.Scale, t.CX, t.CY)
	// Data y points up and screen y down: the top-left corner (−1, 3) of
	// the box is near the canvas's top left. ToData undoes ToScreen up to
	// rounding.
	for _, p := range [][2]float64{{0, 0}, {2, 2}, {-1, 3}} {
		sx, sy := t.ToScreen(p[0], p[1])
		x, y := t.ToData(sx, sy)
		fmt.Printf("(%g, %g) → pixel (%.1f, %.1f) → (%.3f, %.3f)\n", p[0], p[1], sx, sy, x, y)
	}

	// Zooming ×4 about the blue cloud's centre keeps it under the cursor.
	sx, sy := t.ToScreen(2, 2)
	z := t.Zoom(4, sx, sy)
	x, y := z.ToData(sx, sy)
	minX, minY, maxX, maxY := z.Visible()
	fmt.Printf("zoomed: (%.3f, %.3f) still at pixel (%.1f, %.1f)\n", x, y, sx, sy)
	fmt.Printf("visible: x from %.3f to %.3f, y from %.3f to %.3f\n", minX, maxX, minY, maxY)
	var labels []string
	for _, tk := range view.AxisTicks(minX, maxX, 6) {
		labels = append(labels, tk.Label)
	}
	fmt.Println("x ticks:", strings.Join(labels, " "))
	// Output:
	// 109.09 pixels per unit, centred on (1, 1)
	// (0, 0) → pixel (210.9, 349.1) → (0.000, 0.000)
	// (2, 2) → pixel (429.1, 130.9) → (2.000, 2.000)
	// (-1, 3) → pixel (101.8, 21.8) → (-1.000, 3.000)
	// zoomed: (2.000, 2.000) still at pixel (429.1, 130.9)
	// visible: x from 1.017 to 2.483, y from 1.200 to 2.300
	// x ticks: 1.2 1.4 1.6 1.8 2.0 2.2 2.4
}
