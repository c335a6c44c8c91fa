// Package poster renders a picture of a scene without a browser: what the
// page's canvas (package paint) draws, in pure Go, so that every figure can
// show its own scene at first paint, before the WebAssembly module
// arrives. It lays the scene out with package plot, exactly as the page
// does at the same size, and draws the probability shading, the grid with
// its labels, the decision boundary, the points with their shapes and
// alphas, the adversarial twins with their arrows and crosses, the readout
// box and the inset chart, in the canvas's colours, sizes and order.
//
// Its shapes are anti-aliased polygons (golang.org/x/image/vector) where
// the canvas draws anti-aliased sprites and strokes, and hard-edged ones
// where it draws without anti-aliasing; its text is Go Regular through
// golang.org/x/image/font, as the canvas's, hinted to whole pixels. The
// picture is quantized to a palette of at most 256 colours made from the
// theme (the shading's shades exactly, and ramps and mixtures of its other
// colours), with no dithering, so that Encode writes a small paletted PNG.
// For the same reason it departs from the canvas by less than a pixel in
// three places: each mark is centred on the pixel under its point, marks
// smaller than tinyMark are hard-edged, and logistic regression's shading
// moves by whole pixels from row to row (see drawShading).
//
// It leaves out what only a live page shows: the hover details, the
// keyboard cursor, the glyph gallery, and the controls panel itself (its
// place is left as background; the page draws the real panel over it).
// The readout is the box the canvas draws into an exported picture, not
// the page's HTML readout; a running training is shown finished, and the
// chart complete.
//
// It has no ebiten or syscall/js import and builds for js/wasm too.
package poster

import (
	"fmt"
	"image"
	"math"

	"advplay/engine/scene"
	"advplay/wasm/plot"
	"advplay/wasm/readout"
	"advplay/wasm/view"
)

// Options say how to render a poster.
type Options struct {
	// Width and Height are the poster's size in CSS pixels, as the page's
	// window or iframe would be.
	Width, Height int
	// Scale is device pixels per CSS pixel (the page's devicePixelRatio);
	// 0 means 1. The image is ⌈Width·Scale⌉×⌈Height·Scale⌉ pixels.
	Scale float64
	// Theme is "light", "dark" or "transparent"; "" means light.
	Theme string
	// Panel is the controls panel's rectangle in CSS pixels, as the page
	// measures it, or zero for none: view.Compute says what it takes from
	// the plot.
	Panel view.Rect
	// Readout draws the figures box in the plot's top right corner, as in
	// a picture the canvas exports, with the lines of readout.Lines.
	Readout bool
	// Chart draws the inset chart in the plot's bottom right corner when
	// the scene shows it (Settings.Show.Chart), fully computed.
	Chart bool

	// layers, for the tests, draws only some layers; zero draws all.
	layers layer
}

// layer is a set of the poster's layers.
type layer uint

const (
	layerShading layer = 1 << iota
	layerGrid
	layerBoundary
	layerPoints
	layerTwins
	layerReadout
	layerChart
)

// Info describes a poster: the layout and the data↔screen transform it
// was drawn with (in device pixels, as plot.Plot's at the same size), so
// that a data point maps to the poster's pixels with Transform.ToScreen.
type Info struct {
	Layout    view.Layout
	Transform view.Transform
	// Readout is the readout box drawn, and ReadoutLines its text; zero
	// and nil without one.
	Readout      view.Rect
	ReadoutLines []string
	// Chart is the inset chart drawn, zero without one.
	Chart view.Rect
	// Colors is the number of colours in the image's palette.
	Colors int
}

// MaxSide is the largest side of a poster in device pixels.
const MaxSide = 8192

// Render draws a poster of s as opts say and returns it as a paletted
// image, with the layout and the transform it used. It flushes s and, if
// a step-wise training (a network, the article's descent) is running,
// trains it to its end first, as the page does once it has loaded; the
// chart, when drawn, is computed in full (Chart.Full, and the dimension
// chart's whole sweep), which for a network attacks every point at each ε
// of the chart's grid.
//
// Render returns an error naming the option at fault if Width or Height is
// not positive, Scale is negative or not finite, a side exceeds MaxSide
// device pixels, Theme is not a theme's name, or Panel is not a finite
// rectangle of non-negative size. It panics if s is nil.
func Render(s *scene.Scene, opts Options) (*image.Paletted, Info, error) {
	o, err := opts.check()
	if err != nil {
		return nil, Info{}, err
	}
	for s.Running() {
		s.Tick(1000)
	}
	s.Flush()
	p := plot.New(s)
	p.Resize(float64(o.Width), float64(o.Height), o.Scale, o.Panel)
	r := newRenderer(s, p.Layout(), p.Transform(), view.ThemeNamed(o.Theme))
	r.draw(o)
	img := quantize(r.c.img, r.palette())
	r.info.Colors = len(img.Palette)
	return img, r.info, nil
}

// check validates the options and fills in their defaults.
func (o Options) check() (Options, error) {
	if o.Width <= 0 {
		return o, fmt.Errorf("poster: Width must be a positive number of CSS pixels, got %d", o.Width)
	}
	if o.Height <= 0 {
		return o, fmt.Errorf("poster: Height must be a positive number of CSS pixels, got %d", o.Height)
	}
	if o.Scale == 0 {
		o.Scale = 1
	}
	if !(o.Scale > 0) || math.IsInf(o.Scale, 0) {
		return o, fmt.Errorf("poster: Scale must be a finite number of device pixels per CSS pixel > 0 (or 0 for 1), got %v", o.Scale)
	}
	for _, side := range []struct {
		name string
		v    int
	}{{"Width", o.Width}, {"Height", o.Height}} {
		if px := math.Ceil(float64(side.v) * o.Scale); px > MaxSide {
			return o, fmt.Errorf("poster: %s %d at Scale %v is %v device pixels, more than %d", side.name, side.v, o.Scale, px, MaxSide)
		}
	}
	if o.Theme == "" {
		o.Theme = "light"
	}
	if _, ok := view.Themes[o.Theme]; !ok {
		return o, fmt.Errorf("poster: Theme must be light, dark or transparent, got %q", o.Theme)
	}
	pr := o.Panel
	if !finite(pr.X, pr.Y, pr.W, pr.H) || pr.W < 0 || pr.H < 0 {
		return o, fmt.Errorf("poster: Panel must be a finite rectangle of non-negative size, got %+v", pr)
	}
	if o.layers == 0 {
		o.layers = ^layer(0)
	}
	return o, nil
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// readoutLines returns the readout's lines as the page has them for this
// layout.
func readoutLines(s *scene.Scene, l view.Layout) []string {
	lines := readout.Lines(s.Peek(), l.Compact())
	out := make([]string, len(lines))
	for i, line := range lines {
		out[i] = line.String()
	}
	return out
}
