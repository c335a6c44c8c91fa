package view

import (
	"fmt"
	"image/color"

	"advplay/engine/scene"
)

// SeriesStyle is how the chart draws a series and names it in its legend
// and its table.
type SeriesStyle struct {
	Label  string
	Color  color.NRGBA
	Dashed bool
}

// The chart's series, by the name the scene gives them (scene.Curve.Name),
// and those of the error-against-dimension chart.
var (
	grey   = color.NRGBA{0x70, 0x70, 0x70, 0xff}
	pale   = color.NRGBA{0xb0, 0xb0, 0xb0, 0xff}
	green  = color.NRGBA{0x2a, 0x9d, 0x5c, 0xff}
	orange = color.NRGBA{0xe0, 0x7b, 0x00, 0xff}
	teal   = color.NRGBA{0x00, 0x80, 0x80, 0xff}
	series = map[string]SeriesStyle{
		"clean":        {"clean", grey, true},
		"attack":       {"attacked", Purple, false},
		"theory":       {"theory", green, true},
		"fgsm":         {"FGSM", Purple, false},
		"fgsm theory":  {"FGSM theory", Purple, true},
		"fgm":          {"FGM (L2)", orange, false},
		"fgm theory":   {"FGM theory", orange, true},
		"pgd":          {"PGD", orange, false},
		"plain clean":  {"plain clean", pale, true},
		"plain attack": {"plain attacked", orange, false},
		// On the digits, logistic regression under the network's defense.
		"linear clean":  {"linear clean", pale, true},
		"linear attack": {"linear attacked", teal, false},
	}
)

// SeriesNames lists every series the chart draws, for the tests that
// check each has a style.
func SeriesNames() []string {
	out := make([]string, 0, len(series))
	for name := range series {
		out = append(out, name)
	}
	return out
}

// Series returns the style of a series. A name without one is drawn in
// the text's grey under its own name, never transparent.
func Series(name string) SeriesStyle {
	if s, ok := series[name]; ok {
		return s
	}
	return SeriesStyle{Label: name, Color: grey}
}

// ChartBox is the chart's inner layout: the plot of its curves, its
// padding, and where each entry of its legend starts.
type ChartBox struct {
	Plot   Rect
	Pad    float64
	Legend []Point
}

// Point is a position in device pixels.
type Point struct{ X, Y float64 }

// LayoutChart lays out a chart of size r at scale device pixels per CSS
// pixel: the title on the first line, the legend on as many as it needs
// (a sample of each series' line, 18 CSS pixels, then its label, of the
// widths given, in device pixels), then the plot, with room for the
// vertical axis's labels on its left and the horizontal's below.
func LayoutChart(r Rect, scale float64, labels []float64) ChartBox {
	pad := 8 * scale
	b := ChartBox{Pad: pad, Legend: make([]Point, len(labels))}
	lx, ly := pad, pad+14*scale
	for i, w := range labels {
		if lx > pad && lx+18*scale+w > r.W-pad {
			lx, ly = pad, ly+14*scale
		}
		b.Legend[i] = Point{lx, ly}
		lx += 18*scale + w + 10*scale
	}
	b.Plot = Rect{X: pad + 30*scale, Y: ly + 20*scale}
	b.Plot.W, b.Plot.H = r.W-pad-4*scale-b.Plot.X, r.H-pad-16*scale-b.Plot.Y
	return b
}

// ErrorTicks returns the chart's vertical ticks for its series' errors: at
// most five from 0, the last at or above the largest error (at least 10
// %), so that every curve fits under the top tick.
func ErrorTicks(curves []scene.Curve) []Tick {
	top := 0.1
	for _, c := range curves {
		for _, p := range c.Points {
			top = max(top, p.Error)
		}
	}
	// From 0, Ticks asks for a step of at most 2.5/4 of the top, so there
	// are at least two, and the rounding up below adds at most one.
	ticks := Ticks(0, top, 5)
	if last := ticks[len(ticks)-1].Value; last < top {
		step := ticks[1].Value - ticks[0].Value
		ticks = append(ticks, Tick{Value: last + step, Label: fmt.Sprint(last + step)})
	}
	return ticks
}
