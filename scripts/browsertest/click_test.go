//go:build !js

package browsertest

// The pointer: clicks, shift-, ctrl- and right-clicks, and drags on the
// plot add, remove and move points, or pan the view.

import (
	"fmt"
	"math"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"advplay/engine/scene"
	"advplay/wasm/view"
)

// emptyScene clears the scene through the API and waits for the view to
// fit the empty preset's box, so that toClient is settled.
func (tb *tab) emptyScene() {
	tb.t.Helper()
	if e := tb.try(`advplay.set({preset: "empty"})`); e != "" {
		tb.t.Fatalf("set({preset: \"empty\"}): %s", e)
	}
	tb.waitFrames(2)
	if n := len(tb.state().Points); n != 0 {
		tb.t.Fatalf("after set({preset: \"empty\"}), state() has %d points, want 0", n)
	}
}

// clickable returns the client position of a data point and checks that a
// click there lands on the plot, clear of the panel and the chart, as the
// module lays them out.
func (tb *tab) clickable(x, y float64) xy {
	tb.t.Helper()
	c := tb.toClient(x, y)
	l := tb.layoutNow()
	const margin = 4 // CSS pixels
	in := func(r view.Rect) bool {
		return c.X >= r.X-margin && c.X < r.X+r.W+margin && c.Y >= r.Y-margin && c.Y < r.Y+r.H+margin
	}
	inner := view.Rect{X: l.Plot.X + margin, Y: l.Plot.Y + margin, W: l.Plot.W - 2*margin, H: l.Plot.H - 2*margin}
	if !inner.Contains(c.X, c.Y) || in(l.Chart) {
		tb.t.Fatalf("test setup: data point (%v, %v) is at client (%.1f, %.1f), off the plot %+v or on the chart %+v", x, y, c.X, c.Y, l.Plot, l.Chart)
	}
	return c
}

// layoutNow returns the module's layout of the page as it is, in CSS
// pixels: view.Compute with the controls panel's rectangle.
func (tb *tab) layoutNow() view.Layout {
	tb.t.Helper()
	type rect struct{ X, Y, W, H float64 }
	type screen struct {
		W, H  float64
		Panel rect
	}
	s := evalJS[screen](tb, `(() => {
	  const p = document.getElementById("panel");
	  const r = p ? p.getBoundingClientRect() : {x: 0, y: 0, width: 0, height: 0}; // zero when display: none
	  return {w: innerWidth, h: innerHeight, panel: {x: r.x, y: r.y, w: r.width, h: r.height}};
	})()`)
	return view.Compute(s.W, s.H, 1, view.Rect{X: s.Panel.X, Y: s.Panel.Y, W: s.Panel.W, H: s.Panel.H})
}

// waitPoints waits until the scene has n points and returns them.
func (tb *tab) waitPoints(n int, what string) []Point {
	tb.t.Helper()
	tb.waitJS(fmt.Sprintf("%s: %d points", what, n), stepTimeout, fmt.Sprintf(`advplay.summary().metrics.n === %d`, n))
	// A few more frames: nothing else may arrive late.
	tb.waitFrames(3)
	pts := tb.state().Points
	if len(pts) != n {
		tb.t.Fatalf("%s: state() has %d points a few frames later, want %d", what, len(pts), n)
	}
	return pts
}

// dataPerPixel returns how many data units one CSS pixel spans; the view
// has the same scale on both axes.
func (tb *tab) dataPerPixel() float64 {
	tb.t.Helper()
	return evalJS[float64](tb, `(() => { const a = advplay.fromClient(400, 300), b = advplay.fromClient(500, 300); return Math.abs(b.x - a.x) / 100; })()`)
}

// checkPoint checks that p is at data (x, y) within one CSS pixel (plus
// the snapping quantum) and has the label.
func (tb *tab) checkPoint(what string, p Point, x, y float64, label int) {
	tb.t.Helper()
	tb.checkPointPx(tb.dataPerPixel(), what, p, x, y, label)
}

// checkPointPx is checkPoint with the data units per pixel given.
func (tb *tab) checkPointPx(px float64, what string, p Point, x, y float64, label int) {
	tb.t.Helper()
	if math.Abs(p.X-x) > px+scene.Quantum || math.Abs(p.Y-y) > px+scene.Quantum {
		tb.t.Errorf("%s: point at (%.4f, %.4f), want (%v, %v) within one pixel (%.4f data units)", what, p.X, p.Y, x, y, px)
	}
	if p.Label != label {
		tb.t.Errorf("%s: point has label %d, want %d", what, p.Label, label)
	}
}

// clickData are data points in the part of the empty preset's view that
// the chart and the readout leave free.
var clickData = [][2]float64{
	{0, 0}, {0.5, 1.5}, {-0.5, 2.5}, {1.2, 0.3}, {1.5, 2.2},
	{-0.7, -0.6}, {0.25, 0.75}, {2.0, 2.6}, {-0.2, 1.1}, {0.9, 1.9},
}

// TestClickAddsPoint clicks at toClient(x, y) with quick clicks, which
// Ebiten's own polling drops: each must add exactly one point at (x, y) of
// the selected class, and shift-click the other class.
func TestClickAddsPoint(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.emptyScene()

	for i, d := range clickData[:4] {
		c := tb.clickable(d[0], d[1])
		tb.do(chromedp.MouseClickXY(c.X, c.Y))
		pts := tb.waitPoints(i+1, fmt.Sprintf("click %d at (%v, %v)", i+1, d[0], d[1]))
		tb.checkPoint(fmt.Sprintf("click %d", i+1), pts[i], d[0], d[1], 0)
	}

	// Shift-click adds the other class.
	d := clickData[4]
	c := tb.clickable(d[0], d[1])
	tb.do(chromedp.MouseClickXY(c.X, c.Y, chromedp.ButtonModifiers(chromedp.ModifierShift)))
	pts := tb.waitPoints(5, "shift-click")
	tb.checkPoint("shift-click with red selected", pts[4], d[0], d[1], 1)

	// With blue selected (the class radio), a click adds blue and a
	// shift-click red.
	if e := tb.try(`document.querySelector('input[name="class"][value="1"]').click()`); e != "" {
		t.Fatal(e)
	}
	if got := tb.state().Class; got != 1 {
		t.Fatalf("after clicking the blue class radio, state().class = %d, want 1", got)
	}
	d = clickData[5]
	c = tb.clickable(d[0], d[1])
	tb.do(chromedp.MouseClickXY(c.X, c.Y))
	pts = tb.waitPoints(6, "click with blue selected")
	tb.checkPoint("click with blue selected", pts[5], d[0], d[1], 1)
	d = clickData[6]
	c = tb.clickable(d[0], d[1])
	tb.do(chromedp.MouseClickXY(c.X, c.Y, chromedp.ButtonModifiers(chromedp.ModifierShift)))
	pts = tb.waitPoints(7, "shift-click with blue selected")
	tb.checkPoint("shift-click with blue selected", pts[6], d[0], d[1], 0)
}

// TestTenQuickClicks sends ten quick clicks back to back, without waiting
// for a frame between them: all ten must register, once each.
func TestTenQuickClicks(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.emptyScene()
	var clicks []chromedp.Action[chromedp.Void]
	for _, d := range clickData {
		c := tb.clickable(d[0], d[1])
		clicks = append(clicks, chromedp.MouseClickXY(c.X, c.Y))
	}
	tb.do(clicks...)
	pts := tb.waitPoints(len(clickData), "ten quick clicks")
	px := tb.dataPerPixel()
	for i, d := range clickData {
		tb.checkPointPx(px, fmt.Sprintf("quick click %d", i+1), pts[i], d[0], d[1], 0)
	}
}

// nearest returns the index of the point nearest to (x, y).
func nearest(pts []Point, x, y float64) int {
	best, bestD := -1, math.Inf(1)
	for i, p := range pts {
		if d := math.Hypot(p.X-x, p.Y-y); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// addPoints adds points through the API and waits for a frame.
func (tb *tab) addPoints(ds [][2]float64) {
	tb.t.Helper()
	for _, d := range ds {
		if e := tb.try(fmt.Sprintf(`advplay.addPoint(%v, %v, 0)`, d[0], d[1])); e != "" {
			tb.t.Fatalf("addPoint(%v, %v, 0): %s", d[0], d[1], e)
		}
	}
	tb.waitFrames(2)
}

// TestRemoveClick right-clicks, and ctrl-clicks, next to a point: the
// nearest point goes, and only it.
func TestRemoveClick(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.emptyScene()
	tb.addPoints(clickData[:5])

	for _, tc := range []struct {
		name string
		opt  chromedp.MouseOption
	}{
		{"right-click", chromedp.ButtonRight},
		{"ctrl-click", chromedp.ButtonModifiers(chromedp.ModifierCtrl)},
	} {
		before := tb.state().Points
		target := before[1]
		c := tb.clickable(target.X, target.Y)
		// A few pixels off the point: removal takes the nearest one.
		c.X, c.Y = c.X+3, c.Y-2
		if at := tb.fromClient(c.X, c.Y); nearest(before, at.X, at.Y) != 1 {
			t.Fatalf("test setup: point 1 is not the nearest to the %s", tc.name)
		}
		tb.do(chromedp.MouseClickXY(c.X, c.Y, tc.opt))
		after := tb.waitPoints(len(before)-1, tc.name)
		want := append(append([]Point(nil), before[:1]...), before[2:]...)
		if fmt.Sprint(after) != fmt.Sprint(want) {
			t.Errorf("%s next to point 1 %+v: points are %+v, want %+v", tc.name, target, after, want)
		}
	}
}

// clickButton clicks the centre of the element with the id, with the mouse.
func (tb *tab) clickButton(id string) {
	tb.t.Helper()
	c := evalJS[xy](tb, `(() => { const r = document.getElementById("`+id+`").getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`)
	tb.do(chromedp.MouseClickXY(c.X, c.Y))
}

// mouseButtons sets the buttons held during a mouse event (1 is left).
func mouseButtons(b int64) chromedp.MouseOption {
	return func(p *input.DispatchMouseEventParams) { p.Buttons = b }
}

// drag presses the left button at from, moves to to in steps and
// releases there.
func (tb *tab) drag(from, to xy, steps int) {
	tb.t.Helper()
	acts := []chromedp.Action[chromedp.Void]{
		chromedp.MouseEvent(chromedp.MouseMoved, from.X, from.Y),
		chromedp.MouseEvent(chromedp.MousePressed, from.X, from.Y, chromedp.ButtonLeft, mouseButtons(1), chromedp.ClickCount(1)),
	}
	for i := 1; i <= steps; i++ {
		f := float64(i) / float64(steps)
		acts = append(acts, chromedp.MouseEvent(chromedp.MouseMoved, from.X+f*(to.X-from.X), from.Y+f*(to.Y-from.Y), chromedp.ButtonLeft, mouseButtons(1)))
	}
	acts = append(acts, chromedp.MouseEvent(chromedp.MouseReleased, to.X, to.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	tb.do(acts...)
}

// TestDragMovesPoint drags a point with the mouse: it moves to where the
// mouse let go, nothing is added; a drag on empty space pans instead.
func TestDragMovesPoint(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.emptyScene()
	tb.addPoints(clickData[:3])
	before := tb.state().Points

	from := tb.clickable(before[1].X, before[1].Y)
	dest := [2]float64{1.0, 1.0}
	to := tb.clickable(dest[0], dest[1])
	tb.drag(from, to, 8)
	tb.waitFrames(3)
	after := tb.state().Points
	if len(after) != len(before) {
		t.Fatalf("a drag changed the number of points from %d to %d", len(before), len(after))
	}
	tb.checkPoint("dragged point", after[1], dest[0], dest[1], before[1].Label)
	if after[0] != before[0] || after[2] != before[2] {
		t.Errorf("a drag of point 1 moved other points: %+v, was %+v", after, before)
	}

	// A drag on empty space pans the view: the points stay, their client
	// positions shift by the drag.
	empty := tb.clickable(-0.5, 0.5)
	p0 := tb.toClient(after[0].X, after[0].Y)
	tb.drag(empty, xy{empty.X + 60, empty.Y + 40}, 6)
	tb.waitFrames(3)
	if pts := tb.state().Points; fmt.Sprint(pts) != fmt.Sprint(after) {
		t.Errorf("a drag on empty space changed the points: %+v, was %+v", pts, after)
	}
	p1 := tb.toClient(after[0].X, after[0].Y)
	if math.Abs(p1.X-p0.X-60) > 1 || math.Abs(p1.Y-p0.Y-40) > 1 {
		t.Errorf("a drag of (60, 40) px on empty space moved point 0 on screen by (%.1f, %.1f), want a pan by (60, 40)", p1.X-p0.X, p1.Y-p0.Y)
	}
}
