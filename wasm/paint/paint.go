//go:build js && wasm

// Package paint draws the playground with Ebiten: the probability shading,
// the points and their adversarial twins, the boundary, the grid, the
// chart, the keyboard cursor and the details of the point shown, and an
// exported picture. A Frame says what to show; Refresh rebuilds, offscreen,
// the layers whose inputs changed (in Update), and Draw composes them
// (in Draw), or leaves the screen as it is when nothing changed.
//
// The mathematics of the picture (transforms, colours, ticks, contours,
// layout, marks) is package view's, tested natively; this package holds
// only the Ebiten calls, which cannot run under Node.
package paint

import (
	"image"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"advplay/engine/scene"
	"advplay/wasm/keys"
	"advplay/wasm/perf"
	"advplay/wasm/readout"
	"advplay/wasm/view"
)

// Frame is what a picture shows, as Update prepares it.
type Frame struct {
	View     scene.View
	Settings scene.Settings
	Running  bool
	Layout   view.Layout
	TF       view.Transform
	DPR      float64
	// Shown is the point whose details are drawn, or −1, and Info those
	// details.
	Shown  int
	Info   scene.PointInfo
	Cursor keys.Cursor
	Chart  Chart
	// Readout is drawn into an exported picture only: the page shows it
	// as HTML beside the canvas.
	Readout []readout.Line
}

// Chart is the inset chart: its series, its horizontal axis, and a
// counter of the series completed, which its layer's cache follows.
type Chart struct {
	Series  []scene.Curve
	Axis    readout.Axis
	Version int
}

// attacked reports whether the twins are worth drawing: ε > 0 and the
// attacked points match the points.
func (f *Frame) attacked() bool {
	return f.Settings.Epsilon > 0 && len(f.View.Adversarial) == len(f.View.Points)
}

// Painter draws frames in one theme. The zero value is not usable; call
// New.
type Painter struct {
	theme view.Theme
	// minMarkAlpha is, by label, the least opacity that keeps a mark's
	// contrast in this theme.
	minMarkAlpha [2]float64
	res          *resources
	cache        layerCache
	perf         *perf.Stats
	// prepared is what Refresh made ready, drawn what Draw last drew.
	prepared, drawn frameKey
	// redraw forces the next Draw, as after the WebGL context came back.
	redraw bool
	// warm is set once the first frame is drawn; until then pending says
	// Refresh has layers left to build (see Refresh).
	warm, pending bool
}

// New returns a Painter in theme t, which records the time of its layers'
// rebuilds in stats.
func New(t view.Theme, stats *perf.Stats) *Painter {
	p := &Painter{theme: t, perf: stats}
	for label := range p.minMarkAlpha {
		p.minMarkAlpha[label] = t.MinMarkAlpha(label, view.ShadingStrength)
	}
	return p
}

// frameKey is everything a frame shows: when it has not changed since
// the last frame drawn, the screen (which Ebiten does not clear) already
// shows it. The details of the point shown are fixed by its index and the
// versions in the layer keys.
type frameKey struct {
	cells  cellsKey
	points pointsKey
	twins  twinsKey
	chart  chartKey
	tf     view.Transform
	model  int
	show   scene.Show
	shown  int
	// The keyboard cursor, and the point it carries (−1 for none).
	cursorX, cursorY float64
	cursorShown      bool
	carrying         int
}

// Changed reports whether the frame Refresh prepared differs from the
// one Draw last drew, the next Draw must draw anyway, or Refresh has
// layers left to build.
func (p *Painter) Changed() bool { return p.prepared != p.drawn || p.redraw || p.pending }

// Redraw makes the next Draw draw, as after a lost WebGL context came back.
func (p *Painter) Redraw() { p.redraw = true }

// Draw composes the frame from the cached layers and draws the cheap
// overlays: grid, boundary, chart, the keyboard cursor and the details of
// the point shown; or, when nothing has changed since the last frame it
// drew, leaves the screen as it is: in software WebGL every full-screen
// pass is dear, and a page at rest must cost nothing. It reports whether
// it drew.
func (p *Painter) Draw(screen *ebiten.Image, f *Frame) bool {
	if p.res == nil || p.cache.points == nil || p.pending || !p.Changed() {
		return false
	}
	p.drawn, p.redraw, p.warm = p.prepared, false, true
	p.compose(screen, f, false)
	plot := screen.SubImage(rectOf(f.Layout.Plot)).(*ebiten.Image)
	p.drawHover(plot, f)
	p.drawCursor(plot, f)
	return true
}

// Export renders f offscreen, with its readout and without the hover
// details, and returns its pixels as straight (not premultiplied) RGBA,
// row by row, and its size. It must run in Update, after Refresh.
func (p *Painter) Export(f *Frame) (pix []byte, w, h int) {
	w, h = int(f.Layout.Screen.W), int(f.Layout.Screen.H)
	if p.res == nil || w <= 0 || h <= 0 {
		return nil, 0, 0
	}
	img := ebiten.NewImage(w, h)
	defer img.Deallocate()
	// On screen the plot's edges blend over the frame before; here over
	// the background.
	img.Fill(p.theme.Fill())
	p.compose(img, f, true)
	pix = make([]byte, 4*w*h)
	img.ReadPixels(pix)
	view.Unpremultiply(pix)
	return pix, w, h
}

func rectOf(r view.Rect) image.Rectangle {
	return image.Rect(int(r.X), int(r.Y), int(math.Ceil(r.X+r.W)), int(math.Ceil(r.Y+r.H)))
}

// since records the time since start in w.
func since(w *perf.Window, start time.Time) { w.Add(time.Since(start)) }
