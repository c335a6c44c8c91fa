package view

import "math"

// Layout places the playground's parts on a screen, in device pixels.
type Layout struct {
	Screen Rect
	// Plot is where the points are drawn: the screen minus the controls.
	Plot Rect
	// Chart is the inset error-against-ε chart, inside Plot.
	Chart Rect
	// Readout is the top-right corner of the figures box, inside Plot.
	ReadoutX, ReadoutY float64
	// Scale is device pixels per CSS pixel.
	Scale float64
}

// Compute lays out a screen of w×h device pixels at scale device pixels
// per CSS pixel, leaving out the controls panel (in CSS pixels, zero if
// hidden). A panel hugging the left edge takes a column, one hugging the
// bottom takes a band; the plot gets the rest.
func Compute(w, h, scale float64, panel Rect) Layout {
	l := Layout{Screen: Rect{0, 0, w, h}, Scale: scale}
	plot := l.Screen
	if panel.W > 0 && panel.H > 0 {
		p := Rect{panel.X * scale, panel.Y * scale, panel.W * scale, panel.H * scale}
		switch {
		case p.Y+p.H >= h-1 && p.W >= w*0.6: // a bottom sheet
			plot.H = math.Max(0, p.Y)
		case p.Y <= 1 && p.W >= w*0.6: // a top bar
			plot.Y = p.Y + p.H
			plot.H = math.Max(0, h-plot.Y)
		default: // a side panel
			plot.X = p.X + p.W
			plot.W = math.Max(0, w-plot.X)
		}
	}
	l.Plot = plot
	// The chart takes about a third of the plot's width, within limits.
	cw := clamp(plot.W*0.32, 150*scale, 300*scale)
	ch := cw * 0.62
	if plot.W < 480*scale {
		cw, ch = clamp(plot.W*0.46, 120*scale, 220*scale), 0
		ch = cw * 0.62
	}
	pad := 10 * scale
	l.Chart = Rect{plot.X + plot.W - cw - pad, plot.Y + plot.H - ch - pad, cw, ch}
	l.ReadoutX, l.ReadoutY = plot.X+plot.W-pad, plot.Y+pad
	return l
}
