package keys

import (
	"math"
	"slices"
	"testing"
)

// points is a Scene of fixed screen positions.
type points [][2]float64

func (p points) Len() int                        { return len(p) }
func (p points) Screen(i int) (float64, float64) { return p[i][0], p[i][1] }

// plot is a 400×300 plot at (100, 50), as on a screen with the panel on
// the left; its centre is (300, 200).
var plot = Rect{X: 100, Y: 50, W: 400, H: 300}

func kinds(as []Action) []ActionKind {
	out := make([]ActionKind, len(as))
	for i, a := range as {
		out[i] = a.Kind
	}
	return out
}

func TestHandled(t *testing.T) {
	for _, c := range []struct {
		k    Key
		want bool
	}{
		// Focus navigation and the browser's own keys stay the browser's:
		// no keyboard trap (WCAG 2.1.2).
		{Key{Key: "Tab"}, false},
		{Key{Key: "Tab", Shift: true}, false},
		{Key{Key: "F6"}, false},
		{Key{Key: "PageDown"}, false},
		{Key{Key: "ArrowLeft", Mod: true}, false},
		{Key{Key: "+", Mod: true}, false}, // browser zoom
		{Key{Key: "a"}, false},
		{Key{Key: "ArrowLeft"}, true},
		{Key{Key: "ArrowDown", Shift: true}, true},
		{Key{Key: "Enter", Shift: true}, true},
		{Key{Key: "Escape"}, true},
		{Key{Key: " "}, true},
		{Key{Key: "Delete"}, true},
		{Key{Key: "Backspace"}, true},
		{Key{Key: "N", Shift: true}, true},
		{Key{Key: "-"}, true},
		{Key{Key: "Home"}, true},
	} {
		if got := Handled(c.k); got != c.want {
			t.Errorf("Handled(%+v) = %v, want %v", c.k, got, c.want)
		}
	}
}

func TestShowAndMove(t *testing.T) {
	const scale = 2 // device pixels per CSS pixel
	big := plot
	big.W, big.H = 2000, 1500
	for _, c := range []struct {
		key    Key
		dx, dy float64
	}{
		{Key{Key: "ArrowLeft"}, -Step * scale, 0},
		{Key{Key: "ArrowRight"}, Step * scale, 0},
		{Key{Key: "ArrowUp"}, 0, -Step * scale},
		{Key{Key: "ArrowDown"}, 0, Step * scale},
		{Key{Key: "ArrowRight", Shift: true}, BigStep * scale, 0},
		{Key{Key: "ArrowUp", Shift: true}, 0, -BigStep * scale},
	} {
		var cur Cursor
		out := cur.Handle(c.key, big, scale, points{}, nil)
		// The first key shows the cursor at the centre, then moves it.
		if !slices.Equal(kinds(out), []ActionKind{MoveCursor, MoveCursor}) {
			t.Fatalf("%v: actions %v, want show and move", c.key, kinds(out))
		}
		cx, cy := big.X+big.W/2, big.Y+big.H/2
		if out[0].X != cx || out[0].Y != cy {
			t.Errorf("%v: shown at (%v, %v), want the plot's centre (%v, %v)", c.key, out[0].X, out[0].Y, cx, cy)
		}
		if out[1].X != cx+c.dx || out[1].Y != cy+c.dy || cur.X != out[1].X || cur.Y != out[1].Y {
			t.Errorf("%v: moved to (%v, %v), want (%v, %v)", c.key, out[1].X, out[1].Y, cx+c.dx, cy+c.dy)
		}
	}
}

// TestEdgePans presses an arrow 200 times: the cursor stays inside the
// plot, and every step beyond the edge pans the view by exactly a step.
func TestEdgePans(t *testing.T) {
	var cur Cursor
	cur.Show(plot)
	var pan, moved float64
	for range 200 {
		out := cur.Handle(Key{Key: "ArrowRight"}, plot, 1, points{}, nil)
		for _, a := range out {
			switch a.Kind {
			case Pan:
				pan += a.DX
				if a.DY != 0 {
					t.Fatalf("pan has DY %v", a.DY)
				}
			case MoveCursor:
				if !(a.X >= plot.X && a.X <= plot.X+plot.W) {
					t.Fatalf("cursor left the plot: x = %v", a.X)
				}
			}
		}
	}
	moved = cur.X - (plot.X + plot.W/2)
	// The content moves left (negative pan) by what the cursor could not.
	if got, want := moved-pan, 200.0*Step; got != want {
		t.Errorf("cursor moved %v and the view panned %v: %v in all, want %v", moved, -pan, got, want)
	}
	if want := plot.X + plot.W - Step*edge; cur.X != want {
		t.Errorf("cursor at x = %v, want it held %v px from the edge at %v", cur.X, Step*edge, want)
	}
}

func TestAddRemove(t *testing.T) {
	var cur Cursor
	cur.Show(plot)
	pts := points{{300, 200 + Reach + 1}, {300 + 10, 200}, {300 - 5, 200}}
	out := cur.Handle(Key{Key: "Enter"}, plot, 1, pts, nil)
	if len(out) != 1 || out[0].Kind != Add || out[0].Other || out[0].X != 300 || out[0].Y != 200 {
		t.Errorf("Enter: %+v, want one Add at the cursor (300, 200)", out)
	}
	out = cur.Handle(Key{Key: "Enter", Shift: true}, plot, 1, pts, nil)
	if len(out) != 1 || out[0].Kind != Add || !out[0].Other {
		t.Errorf("Shift+Enter: %+v, want one Add of the other class", out)
	}
	for _, key := range []string{"Delete", "Backspace"} {
		out = cur.Handle(Key{Key: key}, plot, 1, pts, nil)
		// Point 2 is 5 px away, point 1 10 px, point 0 beyond reach.
		if len(out) != 1 || out[0].Kind != Remove || out[0].Index != 2 {
			t.Errorf("%s: %+v, want Remove of point 2, the nearest", key, out)
		}
	}
	far := points{{300, 200 + Reach + 1}}
	out = cur.Handle(Key{Key: "Delete"}, plot, 1, far, nil)
	if len(out) != 1 || out[0].Kind != Nothing || out[0].Reason == "" {
		t.Errorf("Delete with no point within reach: %+v, want Nothing with a reason", out)
	}
	out = cur.Handle(Key{Key: "Delete"}, plot, 1, points{}, nil)
	if len(out) != 1 || out[0].Kind != Nothing {
		t.Errorf("Delete on an empty scene: %+v, want Nothing", out)
	}
}

func TestCarry(t *testing.T) {
	var cur Cursor
	cur.Show(plot)
	pts := points{{310, 190}}
	out := cur.Handle(Key{Key: " "}, plot, 1, pts, nil)
	if len(out) != 1 || out[0].Kind != PickUp || out[0].Index != 0 || cur.X != 310 || cur.Y != 190 {
		t.Fatalf("Space: %+v, cursor (%v, %v); want PickUp of point 0 with the cursor on it", out, cur.X, cur.Y)
	}
	if cur.Carrying() != 0 || cur.Target(pts, 0) != 0 {
		t.Errorf("Carrying() = %d, Target = %d, want 0 and 0", cur.Carrying(), cur.Target(pts, 0))
	}
	out = cur.Handle(Key{Key: "ArrowLeft"}, plot, 1, pts, nil)
	if len(out) != 1 || out[0].Kind != Carry || out[0].X != 310-Step || out[0].Y != 190 {
		t.Errorf("ArrowLeft while carrying: %+v, want Carry to (%v, 190)", out, 310-Step)
	}
	out = cur.Handle(Key{Key: " "}, plot, 1, pts, nil)
	if len(out) != 1 || out[0].Kind != PutDown || out[0].X != 310-Step {
		t.Errorf("Space while carrying: %+v, want PutDown where it is", out)
	}
	// Escape puts a carried point back where it was picked up.
	cur.Handle(Key{Key: " "}, plot, 1, pts, nil)
	cur.Handle(Key{Key: "ArrowDown", Shift: true}, plot, 1, pts, nil)
	out = cur.Handle(Key{Key: "Escape"}, plot, 1, pts, nil)
	if len(out) != 1 || out[0].Kind != PutBack || out[0].X != 310 || out[0].Y != 190 || !cur.Visible {
		t.Errorf("Escape while carrying: %+v, visible %v; want PutBack to (310, 190), focus kept", out, cur.Visible)
	}
	// Enter puts it down too, rather than adding a point.
	cur.Handle(Key{Key: " "}, plot, 1, pts, nil)
	out = cur.Handle(Key{Key: "Enter"}, plot, 1, pts, nil)
	if len(out) != 1 || out[0].Kind != PutDown {
		t.Errorf("Enter while carrying: %+v, want PutDown", out)
	}
	// Losing the focus puts a carried point down.
	cur.Handle(Key{Key: " "}, plot, 1, pts, nil)
	out = cur.Hide(nil)
	if len(out) != 1 || out[0].Kind != PutDown || cur.Visible || cur.Carrying() != -1 {
		t.Errorf("Hide while carrying: %+v, want PutDown and a hidden cursor", out)
	}
	// A carried point removed through the API is forgotten.
	cur.Show(plot)
	cur.Handle(Key{Key: " "}, plot, 1, pts, nil)
	out = cur.Handle(Key{Key: "ArrowLeft"}, plot, 1, points{}, nil)
	if len(out) != 1 || out[0].Kind != MoveCursor {
		t.Errorf("ArrowLeft after the carried point went away: %+v, want a plain move", out)
	}
}

func TestEscapeLeaves(t *testing.T) {
	var cur Cursor
	cur.Show(plot)
	out := cur.Handle(Key{Key: "Escape"}, plot, 1, points{}, nil)
	if len(out) != 1 || out[0].Kind != Leave || cur.Visible {
		t.Errorf("Escape: %+v, visible %v; want Leave and a hidden cursor", out, cur.Visible)
	}
}

func TestJump(t *testing.T) {
	// Point 2 lies outside the plot: the view pans to bring it in.
	pts := points{{150, 100}, {450, 300}, {900, 200}}
	var cur Cursor
	cur.Show(plot)
	var seen []float64
	var pans [][2]float64
	for range 4 {
		out := cur.Handle(Key{Key: "n"}, plot, 1, pts, nil)
		last := out[len(out)-1]
		if last.Kind != MoveCursor {
			t.Fatalf("n: %+v, want a cursor move last", out)
		}
		if len(out) == 2 && out[0].Kind == Pan {
			pans = append(pans, [2]float64{out[0].DX, out[0].DY})
			// The caller pans; the scene follows.
			for i := range pts {
				pts[i][0] += out[0].DX
				pts[i][1] += out[0].DY
			}
		}
		seen = append(seen, last.X)
	}
	// Points 0 and 1 are in view; point 2 is brought to the centre
	// (300, 200) by a pan of (−600, 0), which takes point 0 to (−450, 100),
	// and the wrap back to it pans by (750, 100).
	if want := []float64{150, 450, 300, 300}; !slices.Equal(seen, want) {
		t.Errorf("cursor x after each jump: %v, want %v", seen, want)
	}
	if want := [][2]float64{{-600, 0}, {750, 100}}; !slices.Equal(pans, want) {
		t.Errorf("pans: %v, want %v", pans, want)
	}
	out := cur.Handle(Key{Key: "N", Shift: true}, plot, 1, pts, nil)
	if last := out[len(out)-1]; last.Kind != MoveCursor {
		t.Errorf("Shift+N: %+v, want a move to the previous point", out)
	}
	out = cur.Handle(Key{Key: "n"}, plot, 1, points{}, nil)
	if len(out) != 1 || out[0].Kind != Nothing {
		t.Errorf("n with no points: %+v, want Nothing", out)
	}
}

func TestZoomAndFit(t *testing.T) {
	var cur Cursor
	cur.Show(plot)
	for _, c := range []struct {
		key    string
		factor float64
	}{{"+", ZoomFactor}, {"=", ZoomFactor}, {"-", 1 / ZoomFactor}, {"_", 1 / ZoomFactor}} {
		out := cur.Handle(Key{Key: c.key}, plot, 1, points{}, nil)
		if len(out) != 1 || out[0].Kind != Zoom || math.Abs(out[0].Factor-c.factor) > 1e-15 || out[0].X != cur.X {
			t.Errorf("%q: %+v, want Zoom by %v about the cursor", c.key, out, c.factor)
		}
	}
	for _, key := range []string{"0", "Home"} {
		out := cur.Handle(Key{Key: key}, plot, 1, points{}, nil)
		if len(out) != 1 || out[0].Kind != Fit {
			t.Errorf("%q: %+v, want Fit", key, out)
		}
	}
	if out := cur.Handle(Key{Key: "Tab"}, plot, 1, points{}, nil); len(out) != 0 {
		t.Errorf("Tab: %+v, want nothing", out)
	}
}
