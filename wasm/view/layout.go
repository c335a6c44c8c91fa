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

// ReadoutMinHeight is the height in CSS pixels of the smallest readout,
// the two error figures, with its padding and a gap: the chart keeps
// clear of it.
const ReadoutMinHeight = 50

// MinChartHeight is the height in CSS pixels below which the chart is left
// out: its title and legend take about half of it.
const MinChartHeight = 70

// Compute lays out a screen of w×h device pixels at scale device pixels
// per CSS pixel, leaving out the controls panel (in CSS pixels, zero if
// hidden). A wide panel at the bottom takes a band there, one at the top a
// band at the top; a panel at least half the screen's height is a side
// panel and takes a column on its side (left unless its centre is in the
// right half). A shorter panel, such as a collapsed one, floats over the
// plot and takes nothing. The plot gets the rest, and the chart always
// lies inside the plot (with zero size when the plot is too small for it).
func Compute(w, h, scale float64, panel Rect) Layout {
	l := Layout{Screen: Rect{0, 0, w, h}, Scale: scale}
	plot := l.Screen
	if panel.W > 0 && panel.H > 0 {
		p := Rect{panel.X * scale, panel.Y * scale, panel.W * scale, panel.H * scale}
		switch {
		case p.Y+p.H >= h-1 && p.W >= w*0.6: // a bottom sheet
			plot.H = clamp(p.Y, 0, h)
		case p.Y <= 1 && p.W >= w*0.6: // a top bar
			plot.Y = clamp(p.Y+p.H, 0, h)
			plot.H = h - plot.Y
		case p.H < h/2: // floating over the plot
		case p.X+p.W/2 > w/2: // a side panel on the right
			plot.W = clamp(p.X, 0, w)
		default: // a side panel on the left
			plot.X = clamp(p.X+p.W, 0, w)
			plot.W = w - plot.X
		}
	}
	l.Plot = plot
	// The chart takes about a third of the plot's width, within limits.
	cw := clamp(plot.W*0.32, 150*scale, 300*scale)
	if plot.W < 480*scale {
		cw = clamp(plot.W*0.46, 120*scale, 220*scale)
	}
	ch := cw * 0.62
	pad := 10 * scale
	// Never larger than the plot less the padding.
	if room := plot.W - 2*pad; cw > room {
		cw = math.Max(0, room)
		ch = cw * 0.62
	}
	// Below the readout's top corner, which holds at least the two error
	// figures.
	if room := plot.H - 2*pad - ReadoutMinHeight*scale; ch > room {
		ch = math.Max(0, room)
		cw = ch / 0.62
	}
	// Smaller than this, its legend leaves no room for the plot.
	if ch < MinChartHeight*scale {
		cw, ch = 0, 0
	}
	l.Chart = Rect{math.Max(plot.X, plot.X+plot.W-cw-pad), math.Max(plot.Y, plot.Y+plot.H-ch-pad), cw, ch}
	l.ReadoutX, l.ReadoutY = plot.X+plot.W-pad, plot.Y+pad
	return l
}

// Box returns where the plot lies on the canvas, in CSS pixels, for the
// page's overlays: the readout's top right corner (its distance from the
// canvas's top and right edges), and the gallery's bottom left corner, 10
// CSS pixels inside the plot (its distance from the bottom and left
// edges).
func (l Layout) Box() (top, right, bottom, left float64) {
	s := l.Scale
	if s <= 0 {
		return 0, 0, 0, 0
	}
	return l.ReadoutY / s, (l.Screen.W - l.ReadoutX) / s, (l.Screen.H-l.Plot.Y-l.Plot.H)/s + 10, l.Plot.X/s + 10
}

// Compact reports whether the plot is too small for more than the two
// error figures in its readout, as in a small embed: under 560×440 CSS
// pixels.
func (l Layout) Compact() bool {
	return l.Plot.W < 560*l.Scale || l.Plot.H < 440*l.Scale
}
