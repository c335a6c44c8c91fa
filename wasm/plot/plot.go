// Package plot is the plot between the visitor and the scene: its layout
// and the transform between data and screen, the pointer's gestures and
// the keyboard's actions carried out on the scene, the point they show, and
// what the keys and the refused edits say. It has no ebiten or syscall/js
// import: the page's module feeds it events and draws what it holds, and
// its tests run natively and under Node.
package plot

import (
	"math"

	"advplay/engine/data"
	"advplay/engine/scene"
	"advplay/wasm/gesture"
	"advplay/wasm/keys"
	"advplay/wasm/push"
	"advplay/wasm/view"
)

// HitRadius is how close, in CSS pixels, a press must be to grab a point,
// and Slop how far a press may wander and still be a click.
const (
	HitRadius = 10
	Slop      = 6
)

// Plot is the plot of one scene. The zero value is not usable; call New.
type Plot struct {
	scene  *scene.Scene
	dpr    float64
	layout view.Layout
	tf     view.Transform
	// fitted is the preset version the view last fitted; moved says the
	// visitor panned or zoomed since.
	fitted int
	moved  bool
	// fittedPoints is the points version the view last fitted.
	fittedPoints int

	recognizer *gesture.Recognizer
	actions    []gesture.Action
	hover      int // the point under the mouse, or -1
	cursor     keys.Cursor
	keyActions []keys.Action
	// said is what the keys last did, in words, numbered by saidSeq so
	// that the same words twice are read twice; notice a refused edit.
	said, notice       string
	saidSeq, noticeSeq int
}

// New returns the plot of s, with no size yet (see Resize).
func New(s *scene.Scene) *Plot {
	p := &Plot{dpr: 1, hover: -1}
	p.SetScene(s)
	return p
}

// SetScene shows another scene, as when a link is loaded.
func (p *Plot) SetScene(s *scene.Scene) {
	p.scene = s
	p.hover = -1
	p.recognizer = gesture.New(p.Hit, Slop)
}

// Scene returns the scene the plot shows.
func (p *Plot) Scene() *scene.Scene { return p.scene }

// Resize lays the plot out in a screen of css pixels at the device scale
// dpr beside the controls panel (view.Compute), and reports whether the
// layout changed. Until the visitor pans or zooms, the view keeps fitting
// the points, also when the controls appear or the window turns;
// otherwise it keeps its centre, rescaled so that the same width of data
// stays in view.
func (p *Plot) Resize(cssW, cssH, dpr float64, panel view.Rect) bool {
	p.dpr = dpr
	l := view.Compute(math.Ceil(cssW*dpr), math.Ceil(cssH*dpr), dpr, panel)
	if l == p.layout {
		return false
	}
	old := p.layout
	p.layout = l
	if p.tf.Scale == 0 || old.Plot.W == 0 || !p.moved {
		p.Fit()
		return true
	}
	p.tf = p.tf.WithPlot(l.Plot)
	if l.Plot.W > 0 {
		p.tf.Scale *= math.Min(l.Plot.W/old.Plot.W, l.Plot.H/math.Max(old.Plot.H, 1))
	}
	return true
}

// Layout returns the layout in device pixels (its Scale is the device
// scale), and Transform the view.
func (p *Plot) Layout() view.Layout { return p.layout }

// Transform: see Layout.
func (p *Plot) Transform() view.Transform { return p.tf }

// Stale reports that the view should be fitted again (Fit): the scene's
// points were regenerated or replaced since it last was; for the digits
// also when they moved, unless the reader moved the view: their plane is
// the model's (its logit across), which each step of a training changes.
func (p *Plot) Stale() bool {
	v := p.scene.View()
	digits := p.scene.Settings().Preset == scene.MNIST
	return v.Versions.Preset != p.fitted || digits && !p.moved && v.Versions.Points != p.fittedPoints
}

// Fit frames the points, or the article's default box when there are
// none, and never closer than the article's box would show.
func (p *Plot) Fit() {
	v := p.scene.View()
	p.fitted, p.fittedPoints, p.moved = v.Versions.Preset, v.Versions.Points, false
	minX, minY, maxX, maxY := -1.0, -1.0, 3.0, 3.0
	if len(v.Points) > 0 {
		minX, minY, maxX, maxY = bounds(v.Points)
		cx, cy := (minX+maxX)/2, (minY+maxY)/2
		half := math.Max(math.Max(maxX-minX, maxY-minY)/2, 1.5)
		minX, maxX, minY, maxY = math.Min(minX, cx-half), math.Max(maxX, cx+half), math.Min(minY, cy-half), math.Max(maxY, cy+half)
	}
	p.tf = view.Fit(p.layout.Plot, minX, minY, maxX, maxY, 0.06)
}

func bounds(pts []data.Point) (minX, minY, maxX, maxY float64) {
	minX, minY = math.Inf(1), math.Inf(1)
	maxX, maxY = math.Inf(-1), math.Inf(-1)
	for _, q := range pts {
		minX, maxX = math.Min(minX, q.X), math.Max(maxX, q.X)
		minY, maxY = math.Min(minY, q.Y), math.Max(maxY, q.Y)
	}
	return
}

// pan moves the view by a drag of (dx, dy) screen pixels, and zoom scales
// it about (x, y); from then on the view no longer fits the points by
// itself.
func (p *Plot) pan(dx, dy float64) {
	p.tf = p.tf.Pan(dx, dy)
	p.moved = true
}

func (p *Plot) zoom(factor, x, y float64) {
	p.tf = p.tf.Zoom(factor, x, y)
	p.moved = true
}

// Hit returns the point under a screen position, or -1.
func (p *Plot) Hit(sx, sy float64) int {
	pts := p.scene.View().Points
	xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
	for i, q := range pts {
		xs[i], ys[i] = p.tf.ToScreen(q.X, q.Y)
	}
	return view.Nearest(xs, ys, sx, sy, HitRadius*p.dpr)
}

// Pointer takes one pointer event in device pixels through the gesture
// recognizer and carries out what it means.
func (p *Plot) Pointer(e gesture.Event) {
	p.recognizer.RemoveMode = p.scene.Settings().Mode == scene.ModeRemove
	p.actions = p.recognizer.Handle(e, p.actions[:0])
	p.gestures(p.actions)
}

// PointerLost forgets the pointers the recognizer holds, as when the
// window loses the focus and their releases may never come.
func (p *Plot) PointerLost() {
	p.actions = p.recognizer.Reset(p.actions[:0])
	p.gestures(p.actions)
}

func (p *Plot) gestures(actions []gesture.Action) {
	set := p.scene.Settings()
	for _, a := range actions {
		switch a.Kind {
		case gesture.AddPoint:
			if !p.layout.Plot.Contains(a.X, a.Y) || set.Show.Chart && p.layout.Chart.Contains(a.X, a.Y) {
				continue
			}
			x, y := p.tf.ToData(a.X, a.Y)
			p.add(x, y, set.Class, a.Other)
		case gesture.RemovePoint:
			if i := p.Hit(a.X, a.Y); i >= 0 {
				_ = p.scene.RemovePoint(i)
				p.hover = -1
			}
		case gesture.DragMove:
			x, y := p.tf.ToData(a.X, a.Y)
			_ = p.scene.MovePoint(a.Index, x, y)
		case gesture.Pan:
			p.pan(a.DX, a.DY)
		case gesture.Zoom:
			p.zoom(a.Factor, a.X, a.Y)
		case gesture.Hover:
			p.hover = -1
			if a.Index >= 0 {
				p.hover = p.Hit(a.X, a.Y)
			}
		}
	}
	if d := p.recognizer.Dragging(); d >= 0 {
		p.hover = d
	}
}

// add adds a point of the selected class, or of the other one, and
// reports whether it could; a refused one is the notice.
func (p *Plot) add(x, y float64, class int, other bool) bool {
	if other {
		class = 1 - class
	}
	if _, err := p.scene.AddPoint(x, y, class); err != nil {
		p.notice, p.noticeSeq = err.Error(), p.noticeSeq+1
		return false
	}
	return true
}

// Said returns what the keys last did, in words, and its number.
func (p *Plot) Said() (string, int) { return p.said, p.saidSeq }

// Notice returns the last refused edit's error, and its number.
func (p *Plot) Notice() (string, int) { return p.notice, p.noticeSeq }

func (p *Plot) say(s string) {
	p.said = s
	p.saidSeq++
}

// Shown returns the point whose details the plot shows: the keyboard
// cursor's target while the plot has the keyboard, else the point under
// the mouse; -1 for none.
func (p *Plot) Shown() int {
	i := p.hover
	if p.cursor.Visible {
		i = p.cursor.Target(onScreen{p}, keys.Reach*p.dpr)
	}
	if i >= len(p.scene.View().Points) {
		return -1
	}
	return i
}

// Cursor returns the keyboard cursor in screen pixels.
func (p *Plot) Cursor() keys.Cursor { return p.cursor }

// CursorData returns the keyboard cursor in data coordinates: whether it
// shows, where, and the point it carries (−1 for none).
func (p *Plot) CursorData() push.Cursor {
	x, y := p.tf.ToData(p.cursor.X, p.cursor.Y)
	return push.Cursor{Visible: p.cursor.Visible, X: x, Y: y, Carrying: p.cursor.Carrying()}
}

// ToClient maps a data point to CSS pixels in the page, for a canvas whose
// top-left corner is at (ox, oy) there; FromClient goes the other way.
func (p *Plot) ToClient(x, y, ox, oy float64) (float64, float64) {
	sx, sy := p.tf.ToScreen(x, y)
	return ox + sx/p.dpr, oy + sy/p.dpr
}

// FromClient: see ToClient.
func (p *Plot) FromClient(px, py, ox, oy float64) (float64, float64) {
	return p.tf.ToData((px-ox)*p.dpr, (py-oy)*p.dpr)
}
