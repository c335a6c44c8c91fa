package plot

import (
	"math"
	"strings"
	"testing"

	"advplay/engine/scene"
	"advplay/wasm/gesture"
	"advplay/wasm/keys"
	"advplay/wasm/view"
)

// newPlot returns the plot of the default scene (2×100 clouds) on a
// 1280×800 screen at device scale 1, without the controls panel.
func newPlot(t *testing.T) *Plot {
	t.Helper()
	s, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	s.Flush()
	p := New(s)
	if !p.Resize(1280, 800, 1, view.Rect{}) {
		t.Fatal("the first Resize reported no change")
	}
	return p
}

// click presses and releases the primary button at screen (x, y).
func click(p *Plot, x, y float64, shift bool) {
	p.Pointer(gesture.Event{Kind: gesture.Down, X: x, Y: y, Mouse: true, Shift: shift})
	p.Pointer(gesture.Event{Kind: gesture.Up, X: x, Y: y, Mouse: true, Shift: shift})
}

// TestFit: the view frames every point, with the article's box as its
// least extent.
func TestFit(t *testing.T) {
	p := newPlot(t)
	plot := p.Layout().Plot
	for i, q := range p.Scene().View().Points {
		if x, y := p.Transform().ToScreen(q.X, q.Y); !plot.Contains(x, y) {
			t.Fatalf("point %d at (%v, %v) is off the plot %+v", i, x, y, plot)
		}
	}
	minX, _, maxX, _ := p.Transform().Visible()
	if maxX-minX < 3 {
		t.Errorf("the view spans %v in x, less than the article's box of 3", maxX-minX)
	}
}

// TestClickAdds: a click adds a point of the selected class where it
// lands, snapped to scene.Quantum; shift-click one of the other class; a
// click on the chart adds nothing.
func TestClickAdds(t *testing.T) {
	p := newPlot(t)
	plot := p.Layout().Plot
	sx, sy := plot.X+plot.W*0.3, plot.Y+plot.H*0.2
	wx, wy := p.Transform().ToData(sx, sy)
	n := len(p.Scene().View().Points)
	click(p, sx, sy, false)
	pts := p.Scene().View().Points
	if len(pts) != n+1 {
		t.Fatalf("a click made %d points of %d", len(pts), n)
	}
	got := pts[n]
	if math.Abs(got.X-wx) > scene.Quantum || math.Abs(got.Y-wy) > scene.Quantum || got.Label != 0 {
		t.Errorf("the click added %+v, want (%v, %v) red", got, wx, wy)
	}
	click(p, sx+40, sy, true)
	if pts := p.Scene().View().Points; pts[len(pts)-1].Label != 1 {
		t.Errorf("shift-click added label %d, want the other class, 1", pts[len(pts)-1].Label)
	}
	chart := p.Layout().Chart
	before := len(p.Scene().View().Points)
	click(p, chart.X+chart.W/2, chart.Y+chart.H/2, false)
	if after := len(p.Scene().View().Points); after != before {
		t.Errorf("a click on the chart added %d points", after-before)
	}
}

// TestRemoveAndDrag: in remove mode a click removes the point under it;
// a drag moves a point to where the pointer ends.
func TestRemoveAndDrag(t *testing.T) {
	p := newPlot(t)
	q := p.Scene().View().Points[0]
	sx, sy := p.Transform().ToScreen(q.X, q.Y)
	tx, ty := sx+30, sy-20
	p.Pointer(gesture.Event{Kind: gesture.Down, X: sx, Y: sy, Mouse: true})
	p.Pointer(gesture.Event{Kind: gesture.Move, X: sx + 15, Y: sy - 10, Mouse: true})
	p.Pointer(gesture.Event{Kind: gesture.Move, X: tx, Y: ty, Mouse: true})
	p.Pointer(gesture.Event{Kind: gesture.Up, X: tx, Y: ty, Mouse: true})
	moved := p.Scene().View().Points[0]
	wx, wy := p.Transform().ToData(tx, ty)
	if math.Abs(moved.X-wx) > scene.Quantum || math.Abs(moved.Y-wy) > scene.Quantum {
		t.Errorf("dragged to (%v, %v), want (%v, %v)", moved.X, moved.Y, wx, wy)
	}
	if err := p.Scene().Apply(scene.Patch{"mode": "remove"}); err != nil {
		t.Fatal(err)
	}
	n := len(p.Scene().View().Points)
	click(p, tx, ty, false)
	if got := len(p.Scene().View().Points); got != n-1 {
		t.Errorf("a click in remove mode left %d points of %d", got, n)
	}
}

// TestKeys: the plot gaining the focus from the keyboard shows the cursor
// and says where it is; Enter adds a point at the cursor and says so;
// Escape asks to leave; losing the focus hides the cursor.
func TestKeys(t *testing.T) {
	p := newPlot(t)
	p.Focus(true, true)
	if !p.Cursor().Visible {
		t.Fatal("the cursor is hidden after a keyboard focus")
	}
	said, seq := p.Said()
	if seq == 0 || !strings.Contains(said, "Cursor") {
		t.Errorf("on focus the keys said %q (%d), want where the cursor is", said, seq)
	}
	n := len(p.Scene().View().Points)
	p.Key(keys.Key{Key: "ArrowRight"})
	if p.Key(keys.Key{Key: "Enter"}) {
		t.Error("Enter asked to leave the plot")
	}
	pts := p.Scene().View().Points
	if len(pts) != n+1 {
		t.Fatalf("Enter made %d points of %d", len(pts), n)
	}
	c := p.CursorData()
	if math.Abs(pts[n].X-c.X) > scene.Quantum || math.Abs(pts[n].Y-c.Y) > scene.Quantum {
		t.Errorf("Enter added %+v, the cursor is at (%v, %v)", pts[n], c.X, c.Y)
	}
	if said, _ := p.Said(); !strings.Contains(said, "Added") {
		t.Errorf("after Enter the keys said %q", said)
	}
	if !p.Key(keys.Key{Key: "Escape"}) {
		t.Error("Escape did not ask to leave the plot")
	}
	p.Focus(false, false)
	if p.Cursor().Visible {
		t.Error("the cursor shows after the plot lost the focus")
	}
}

// TestRefusedEdit: an edit the scene refuses is the notice, numbered.
func TestRefusedEdit(t *testing.T) {
	p := newPlot(t)
	if p.add(2*scene.MaxCoordinate, 0, 0, false) {
		t.Fatal("a point beyond scene.MaxCoordinate was added")
	}
	text, seq := p.Notice()
	if seq != 1 || !strings.HasPrefix(text, "x: ") {
		t.Errorf("notice %q (%d), want one naming x", text, seq)
	}
}

// TestResizeKeepsView: once the visitor zoomed, a resize keeps the view's
// centre; before, the view fits the points again.
func TestResizeKeepsView(t *testing.T) {
	p := newPlot(t)
	plot := p.Layout().Plot
	p.zoom(2, plot.X+plot.W/2, plot.Y+plot.H/2)
	x0, y0 := p.Transform().ToData(plot.X+plot.W/2, plot.Y+plot.H/2)
	p.Resize(1000, 700, 1, view.Rect{})
	plot = p.Layout().Plot
	x1, y1 := p.Transform().ToData(plot.X+plot.W/2, plot.Y+plot.H/2)
	if math.Abs(x1-x0) > 1e-9 || math.Abs(y1-y0) > 1e-9 {
		t.Errorf("the centre moved from (%v, %v) to (%v, %v)", x0, y0, x1, y1)
	}
	p.Fit()
	if p.moved {
		t.Error("Fit left the view as moved")
	}
}

// TestToClient: ToClient and FromClient invert each other, at any device
// scale and canvas origin.
func TestToClient(t *testing.T) {
	p := newPlot(t)
	p.Resize(640, 400, 2, view.Rect{})
	px, py := p.ToClient(1.25, -0.5, 30, 40)
	x, y := p.FromClient(px, py, 30, 40)
	if math.Abs(x-1.25) > 1e-12 || math.Abs(y+0.5) > 1e-12 {
		t.Errorf("(1.25, -0.5) → (%v, %v) → (%v, %v)", px, py, x, y)
	}
}
