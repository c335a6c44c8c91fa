package view

import (
	"testing"
)

// inside reports whether r lies within outer (touching the edges counts).
func inside(r, outer Rect) bool {
	const eps = 1e-9
	return r.X >= outer.X-eps && r.Y >= outer.Y-eps && r.X+r.W <= outer.X+outer.W+eps && r.Y+r.H <= outer.Y+outer.H+eps
}

func overlaps(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

func TestCompute(t *testing.T) {
	cases := []struct {
		name     string
		w, h     float64 // device pixels
		scale    float64
		panel    Rect // CSS pixels
		wantPlot Rect // device pixels, worked out from the CSS in site/style.css
	}{
		// Desktop: the panel floats at left 10, top 10, width 250.
		{"left panel", 1280, 800, 1, Rect{10, 10, 250, 600}, Rect{260, 0, 1020, 800}},
		{"left panel, HiDPI", 2560, 1600, 2, Rect{10, 10, 250, 600}, Rect{520, 0, 2040, 1600}},
		// Phone: a bottom sheet of 46vh on a 390×844 screen at 3×.
		{"bottom sheet", 1170, 2532, 3, Rect{0, 844 - 388.24, 390, 388.24}, Rect{0, 0, 1170, (844 - 388.24) * 3}},
		// Minimal controls: a bar along the top, 40 CSS pixels high.
		{"top bar", 1280, 800, 1, Rect{0, 0, 1280, 40}, Rect{0, 40, 1280, 760}},
		{"top bar, HiDPI", 2000, 1000, 2, Rect{0, 0, 1000, 36}, Rect{0, 72, 2000, 928}},
		// A panel restyled by an embedding page to the right edge.
		{"right panel", 1280, 800, 1, Rect{1020, 10, 250, 500}, Rect{0, 0, 1020, 800}},
		{"no panel", 1280, 800, 1, Rect{}, Rect{0, 0, 1280, 800}},
		{"hidden panel (zero height)", 1280, 800, 1, Rect{10, 10, 250, 0}, Rect{0, 0, 1280, 800}},
		// Tiny embeds: the chart must still fit inside the plot.
		{"tiny iframe", 200, 120, 1, Rect{}, Rect{0, 0, 200, 120}},
		{"very tiny iframe", 30, 16, 1, Rect{}, Rect{0, 0, 30, 16}},
		{"short plot under a top bar", 900, 150, 1, Rect{0, 0, 900, 100}, Rect{0, 100, 900, 50}},
		{"panel covering the screen", 400, 300, 1, Rect{0, 0, 400, 300}, Rect{0, 0, 400, 0}},
	}
	for _, c := range cases {
		l := Compute(c.w, c.h, c.scale, c.panel)
		if l.Screen != (Rect{0, 0, c.w, c.h}) || l.Scale != c.scale {
			t.Errorf("%s: screen %+v scale %v", c.name, l.Screen, l.Scale)
		}
		if !near(l.Plot.X, c.wantPlot.X, 1e-9) || !near(l.Plot.Y, c.wantPlot.Y, 1e-9) ||
			!near(l.Plot.W, c.wantPlot.W, 1e-9) || !near(l.Plot.H, c.wantPlot.H, 1e-9) {
			t.Errorf("%s: plot %+v, want %+v", c.name, l.Plot, c.wantPlot)
		}
		if !inside(l.Plot, l.Screen) {
			t.Errorf("%s: plot %+v outside the screen", c.name, l.Plot)
		}
		// The plot excludes the panel.
		if p := (Rect{c.panel.X * c.scale, c.panel.Y * c.scale, c.panel.W * c.scale, c.panel.H * c.scale}); p.W > 0 && p.H > 0 && overlaps(l.Plot, p) {
			t.Errorf("%s: plot %+v overlaps the panel %+v", c.name, l.Plot, p)
		}
		// The chart lies inside the plot, with its 0.62 aspect.
		if !inside(l.Chart, l.Plot) || l.Chart.W < 0 || l.Chart.H < 0 {
			t.Errorf("%s: chart %+v not inside the plot %+v", c.name, l.Chart, l.Plot)
		}
		if l.Chart.W > 0 && !near(l.Chart.H, 0.62*l.Chart.W, 1e-9) {
			t.Errorf("%s: chart %+v is not 0.62 high per unit of width", c.name, l.Chart)
		}
		if !l.Plot.Contains(l.ReadoutX-1, l.ReadoutY+1) && l.Plot.W > 20 && l.Plot.H > 20 {
			t.Errorf("%s: readout corner (%v, %v) outside the plot %+v", c.name, l.ReadoutX, l.ReadoutY, l.Plot)
		}
	}
}

// TestComputeChartSize checks the chart's size rule where it has room: a
// third of the plot width (0.32) within 150–300 CSS pixels, or on plots
// under 480 CSS pixels 0.46 of the width within 120–220, tucked into the
// bottom-right corner 10 CSS pixels from the edges.
func TestComputeChartSize(t *testing.T) {
	cases := []struct {
		w, h, scale, wantW float64
	}{
		{1280, 800, 1, 0.32 * 1280}, // 409.6 → 300
		{700, 800, 1, 0.32 * 700},   // 224
		{500, 800, 1, 0.32 * 500},   // 160
		{470, 800, 1, 0.46 * 470},   // 216.2
		{300, 800, 1, 0.46 * 300},   // 138
		{200, 800, 1, 0.46 * 200},   // 92 → 120
		{1200, 2400, 2, 0.32 * 1200},
	}
	for _, c := range cases {
		want := c.wantW
		lo, hi := 150*c.scale, 300*c.scale
		if c.w < 480*c.scale {
			lo, hi = 120*c.scale, 220*c.scale
		}
		want = min(max(want, lo), hi)
		l := Compute(c.w, c.h, c.scale, Rect{})
		if !near(l.Chart.W, want, 1e-9) {
			t.Errorf("%v×%v@%v: chart width %v, want %v", c.w, c.h, c.scale, l.Chart.W, want)
		}
		pad := 10 * c.scale
		if !near(l.Chart.X+l.Chart.W, c.w-pad, 1e-9) || !near(l.Chart.Y+l.Chart.H, c.h-pad, 1e-9) {
			t.Errorf("%v×%v@%v: chart %+v not in the bottom-right corner", c.w, c.h, c.scale, l.Chart)
		}
	}
}

// A collapsed panel, shorter than half the screen, floats over the plot
// instead of taking a column.
func TestComputeCollapsedPanelFloats(t *testing.T) {
	l := Compute(1280, 800, 1, Rect{X: 10, Y: 10, W: 250, H: 40})
	if l.Plot != l.Screen {
		t.Errorf("plot %+v, want the whole screen %+v", l.Plot, l.Screen)
	}
	l = Compute(1280, 800, 1, Rect{X: 10, Y: 10, W: 250, H: 600})
	if l.Plot.X != 260 {
		t.Errorf("tall panel: plot starts at x=%v, want 260 (its right edge)", l.Plot.X)
	}
}

// TestComputeChartClearsReadout checks that in a short plot, such as a
// small embed, the chart stays below the two-line readout in the same
// corner instead of covering it.
func TestComputeChartClearsReadout(t *testing.T) {
	for _, c := range []struct{ w, h, scale float64 }{
		{435, 175, 1}, {435, 175, 2}, {720, 200, 1}, {300, 120, 1}, {1280, 800, 1},
	} {
		l := Compute(c.w*c.scale, c.h*c.scale, c.scale, Rect{})
		if l.Chart.H == 0 {
			if c.h >= MinChartHeight+ReadoutMinHeight+20+10 {
				t.Errorf("%v×%v@%v: no chart, though the plot has room for one", c.w, c.h, c.scale)
			}
			continue
		}
		if l.Chart.H < MinChartHeight*c.scale-1e-9 {
			t.Errorf("%v×%v@%v: chart %v high, below the %v px the legend needs", c.w, c.h, c.scale, l.Chart.H, MinChartHeight)
		}
		top := l.ReadoutY + ReadoutMinHeight*c.scale
		if l.Chart.Y < top-1e-9 {
			t.Errorf("%v×%v@%v: chart top %v is above the readout's bottom %v", c.w, c.h, c.scale, l.Chart.Y, top)
		}
	}
}
