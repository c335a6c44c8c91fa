package gesture

import (
	"math"
	"reflect"
	"testing"
)

// A small world of points for hit testing: a point is hit within 10 px.
var points = [][2]float64{{100, 100}, {200, 100}, {300, 300}}

func hit(x, y float64) int {
	best, bestD := -1, 10.0
	for i, p := range points {
		if d := math.Hypot(p[0]-x, p[1]-y); d <= bestD {
			best, bestD = i, d
		}
	}
	return best
}

const slop = 6

func run(r *Recognizer, events ...Event) []Action {
	var out []Action
	for _, e := range events {
		out = r.Handle(e, out)
	}
	return out
}

// Shorthands for a mouse and for touch.
func down(id int, x, y float64) Event { return Event{Kind: Down, ID: id, X: x, Y: y, Mouse: true} }
func move(id int, x, y float64) Event { return Event{Kind: Move, ID: id, X: x, Y: y, Mouse: true} }
func up(id int, x, y float64) Event   { return Event{Kind: Up, ID: id, X: x, Y: y, Mouse: true} }
func touch(k Kind, id int, x, y float64) Event {
	return Event{Kind: k, ID: id, X: x, Y: y}
}

func kinds(as []Action) []ActionKind {
	out := make([]ActionKind, len(as))
	for i, a := range as {
		out[i] = a.Kind
	}
	return out
}

// TestQuickClick is why this package exists: a press and release at the
// same spot with no move in between, as a touchpad tap delivers within one
// frame, must add exactly one point.
func TestQuickClick(t *testing.T) {
	r := New(hit, slop)
	got := run(r, down(1, 500, 400), up(1, 500, 400))
	want := []Action{{Kind: AddPoint, X: 500, Y: 400}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("quick click: %+v, want %+v", got, want)
	}
	// Ten in a row, all queued before one Update, add ten points.
	var events []Event
	for i := range 10 {
		x := 400 + 13*float64(i)
		events = append(events, down(1, x, 400), up(1, x, 400))
	}
	got = run(New(hit, slop), events...)
	if len(got) != 10 {
		t.Fatalf("10 quick clicks: %d actions %+v", len(got), got)
	}
	for i, a := range got {
		if a.Kind != AddPoint || a.X != 400+13*float64(i) || a.Y != 400 || a.Other {
			t.Errorf("click %d: %+v", i, a)
		}
	}
	// A tap on a touch screen, with a fresh pointer id each time.
	got = run(New(hit, slop), touch(Down, 7, 50, 60), touch(Up, 7, 50, 60), touch(Down, 8, 70, 60), touch(Up, 8, 70, 60))
	if want := []ActionKind{AddPoint, AddPoint}; !reflect.DeepEqual(kinds(got), want) {
		t.Errorf("two taps: %+v", got)
	}
}

func TestClickOnAPointStillAdds(t *testing.T) {
	// A click without moving adds a point even on top of another: only a
	// drag moves a point.
	got := run(New(hit, slop), down(1, 100, 100), up(1, 100, 100))
	if want := []Action{{Kind: AddPoint, X: 100, Y: 100}}; !reflect.DeepEqual(got, want) {
		t.Errorf("%+v, want %+v", got, want)
	}
}

func TestShiftClick(t *testing.T) {
	e := down(1, 10, 20)
	e.Shift = true
	got := run(New(hit, slop), e, up(1, 10, 20))
	if want := []Action{{Kind: AddPoint, X: 10, Y: 20, Other: true}}; !reflect.DeepEqual(got, want) {
		t.Errorf("shift-click: %+v, want %+v", got, want)
	}
}

// TestSlop: wandering up to Slop pixels is still a click (at the press
// position); beyond it the press pans the view by the whole distance.
func TestSlop(t *testing.T) {
	cases := []struct {
		name   string
		dx, dy float64
		want   []Action
	}{
		{"no move", 0, 0, []Action{{Kind: AddPoint, X: 500, Y: 500}}},
		{"3-4-5: 5 px", 3, 4, []Action{{Kind: AddPoint, X: 500, Y: 500}}},
		{"exactly slop", 6, 0, []Action{{Kind: AddPoint, X: 500, Y: 500}}},
		{"just beyond", 0, -6.5, []Action{{Kind: Pan, DX: 0, DY: -6.5}}},
		{"far", 30, 40, []Action{{Kind: Pan, DX: 30, DY: 40}}},
	}
	for _, c := range cases {
		got := run(New(hit, slop), down(1, 500, 500), move(1, 500+c.dx, 500+c.dy), up(1, 500+c.dx, 500+c.dy))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestPanSumsToTheDrag(t *testing.T) {
	// Several small moves, the first ones within the slop: the pans add up
	// to the whole drag, and no click follows.
	path := [][2]float64{{502, 501}, {504, 503}, {510, 505}, {530, 520}, {531, 490}, {400, 480}}
	events := []Event{down(1, 500, 500)}
	for _, p := range path {
		events = append(events, move(1, p[0], p[1]))
	}
	events = append(events, up(1, 400, 480))
	got := run(New(hit, slop), events...)
	var dx, dy float64
	for _, a := range got {
		if a.Kind != Pan {
			t.Fatalf("unexpected %+v in %+v", a, got)
		}
		dx += a.DX
		dy += a.DY
	}
	if dx != -100 || dy != -20 {
		t.Errorf("pans sum to (%v, %v), want (-100, -20)", dx, dy)
	}
	// The first pan comes with the move that leaves the slop: (510, 505)
	// is √125 ≈ 11.2 px away, the ones before are within 6.
	if len(got) != 4 {
		t.Errorf("%d pans, want 4: %+v", len(got), got)
	}
}

func TestDrag(t *testing.T) {
	// Press on point 1 at (200, 100), a few pixels off its centre.
	got := run(New(hit, slop),
		down(1, 203, 98),
		move(1, 205, 99), // within the slop: nothing yet
		move(1, 220, 110),
		move(1, 250, 150),
		up(1, 260, 155),
	)
	want := []Action{
		{Kind: DragStart, Index: 1},
		{Kind: DragMove, Index: 1, X: 220, Y: 110},
		{Kind: DragMove, Index: 1, X: 250, Y: 150},
		{Kind: DragMove, Index: 1, X: 260, Y: 155}, // the final position
		{Kind: DragEnd, Index: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("drag:\n got %+v\nwant %+v", got, want)
	}
}

func TestDragging(t *testing.T) {
	r := New(hit, slop)
	if r.Dragging() != -1 {
		t.Fatalf("Dragging() = %d before any event", r.Dragging())
	}
	run(r, down(1, 300, 300), move(1, 320, 320))
	if r.Dragging() != 2 {
		t.Errorf("Dragging() = %d during the drag of point 2", r.Dragging())
	}
	run(r, up(1, 320, 320))
	if r.Dragging() != -1 {
		t.Errorf("Dragging() = %d after the drag", r.Dragging())
	}
}

func TestCancelEndsDrag(t *testing.T) {
	r := New(hit, slop)
	got := run(r, down(1, 100, 100), move(1, 150, 150), Event{Kind: Cancel, ID: 1, X: 900, Y: 900, Mouse: true})
	want := []Action{
		{Kind: DragStart, Index: 0},
		{Kind: DragMove, Index: 0, X: 150, Y: 150},
		{Kind: DragEnd, Index: 0}, // no move to the cancel position
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cancel:\n got %+v\nwant %+v", got, want)
	}
	// A cancelled click adds nothing; the recognizer then works as new.
	got = run(r, down(2, 10, 10), Event{Kind: Cancel, ID: 2, X: 10, Y: 10}, down(3, 20, 20), up(3, 20, 20))
	if want := []Action{{Kind: AddPoint, X: 20, Y: 20}}; !reflect.DeepEqual(got, want) {
		t.Errorf("cancelled click, then a click: %+v, want %+v", got, want)
	}
}

func TestRemove(t *testing.T) {
	right := down(1, 200, 100)
	right.Button = 2
	rightUp := up(1, 200, 100)
	rightUp.Button = 2
	ctrl := down(1, 200, 100)
	ctrl.Ctrl = true
	want := []Action{{Kind: RemovePoint, X: 200, Y: 100}}

	if got := run(New(hit, slop), right, rightUp); !reflect.DeepEqual(got, want) {
		t.Errorf("right click: %+v, want %+v", got, want)
	}
	if got := run(New(hit, slop), ctrl, up(1, 200, 100)); !reflect.DeepEqual(got, want) {
		t.Errorf("ctrl-click: %+v, want %+v", got, want)
	}
	r := New(hit, slop)
	r.RemoveMode = true
	if got := run(r, touch(Down, 4, 200, 100), touch(Up, 4, 200, 100)); !reflect.DeepEqual(got, want) {
		t.Errorf("tap in remove mode: %+v, want %+v", got, want)
	}
	// Remove mode on empty space removes the nearest point as well; the
	// playground decides whether anything is near.
	if got := run(r, down(1, 600, 600), up(1, 600, 600)); !reflect.DeepEqual(got, []Action{{Kind: RemovePoint, X: 600, Y: 600}}) {
		t.Errorf("remove mode, empty space: %+v", got)
	}
	// A right-button press on a point never drags it, and a right drag
	// does nothing at all.
	if got := run(New(hit, slop), right, move(1, 260, 160), rightUp); len(got) != 0 {
		t.Errorf("right drag: %+v, want nothing", got)
	}
	// In remove mode, dragging still pans (on a phone there is no other
	// one-finger way to move the view) and never moves a point.
	got := run(r, touch(Down, 5, 200, 100), touch(Move, 5, 240, 130), touch(Up, 5, 240, 130))
	if want := []Action{{Kind: Pan, DX: 40, DY: 30}}; !reflect.DeepEqual(got, want) {
		t.Errorf("drag in remove mode: %+v, want %+v", got, want)
	}
}

// TestPinch: two fingers zoom by the ratio of their distances and pan by
// the shift of their midpoint; lifting them adds no point.
func TestPinch(t *testing.T) {
	r := New(hit, slop)
	var got []Action
	got = run(r, touch(Down, 1, 100, 100)) // on point 0
	got = r.Handle(touch(Down, 2, 200, 100), got)
	if len(got) != 0 {
		t.Fatalf("two fingers down: %+v", got)
	}
	// Finger 2 moves from (200, 100) to (300, 100): distance 100 → 200,
	// midpoint (150, 100) → (200, 100).
	got = r.Handle(touch(Move, 2, 300, 100), nil)
	want := []Action{
		{Kind: Pan, DX: 50, DY: 0},
		{Kind: Zoom, X: 200, Y: 100, Factor: 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spread:\n got %+v\nwant %+v", got, want)
	}
	// Finger 1 moves from (100, 100) to (100, 400): distance 200 → √(200²+300²),
	// midpoint (200, 100) → (200, 250).
	got = r.Handle(touch(Move, 1, 100, 400), nil)
	if len(got) != 2 || got[0].Kind != Pan || got[0].DX != 0 || got[0].DY != 150 ||
		got[1].Kind != Zoom || math.Abs(got[1].Factor-math.Hypot(200, 300)/200) > 1e-15 || got[1].X != 200 || got[1].Y != 250 {
		t.Errorf("rotate and spread: %+v", got)
	}
	// Lifting both fingers adds nothing, and the remaining finger in
	// between pans.
	got = run(r, touch(Up, 1, 100, 400), touch(Move, 2, 310, 120), touch(Up, 2, 310, 120))
	if want := []Action{{Kind: Pan, DX: 10, DY: 20}}; !reflect.DeepEqual(got, want) {
		t.Errorf("after the pinch: %+v, want %+v", got, want)
	}
	// The recognizer is back to normal.
	if got := run(r, touch(Down, 3, 5, 5), touch(Up, 3, 5, 5)); len(got) != 1 || got[0].Kind != AddPoint {
		t.Errorf("tap after the pinch: %+v", got)
	}
}

// TestPinchCumulative: over many small moves the zoom factors multiply to
// the ratio of the final and first distances, and the pans add up to the
// midpoint's shift.
func TestPinchCumulative(t *testing.T) {
	r := New(hit, slop)
	run(r, touch(Down, 1, 400, 400), touch(Down, 2, 500, 400))
	zoom, dx, dy := 1.0, 0.0, 0.0
	var a, b [2]float64 = [2]float64{400, 400}, [2]float64{500, 400}
	for i := 1; i <= 50; i++ {
		a = [2]float64{400 - 2*float64(i), 400 + float64(i)}
		b = [2]float64{500 + 3*float64(i), 400 - float64(i)/2}
		for _, act := range run(r, touch(Move, 1, a[0], a[1]), touch(Move, 2, b[0], b[1])) {
			switch act.Kind {
			case Zoom:
				zoom *= act.Factor
			case Pan:
				dx += act.DX
				dy += act.DY
			default:
				t.Fatalf("unexpected %+v", act)
			}
		}
	}
	wantZoom := math.Hypot(a[0]-b[0], a[1]-b[1]) / 100
	if math.Abs(zoom-wantZoom) > 1e-12 {
		t.Errorf("zoom %v, want %v", zoom, wantZoom)
	}
	wantDX, wantDY := (a[0]+b[0])/2-450, (a[1]+b[1])/2-400
	if math.Abs(dx-wantDX) > 1e-9 || math.Abs(dy-wantDY) > 1e-9 {
		t.Errorf("pan (%v, %v), want (%v, %v)", dx, dy, wantDX, wantDY)
	}
}

func TestPinchEndsDrag(t *testing.T) {
	r := New(hit, slop)
	got := run(r, touch(Down, 1, 100, 100), touch(Move, 1, 130, 130), touch(Down, 2, 400, 400))
	want := []Action{
		{Kind: DragStart, Index: 0},
		{Kind: DragMove, Index: 0, X: 130, Y: 130},
		{Kind: DragEnd, Index: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("second finger during a drag:\n got %+v\nwant %+v", got, want)
	}
	if r.Dragging() != -1 {
		t.Errorf("still dragging %d", r.Dragging())
	}
	got = run(r, touch(Up, 1, 130, 130), touch(Up, 2, 400, 400))
	if len(got) != 0 {
		t.Errorf("lifting after the pinch: %+v", got)
	}
}

// TestThreeFingers: a third finger never clicks, even when it is the last
// one lifted, and the pinch continues between the remaining two without a
// jump.
func TestThreeFingers(t *testing.T) {
	r := New(hit, slop)
	got := run(r,
		touch(Down, 1, 100, 500), touch(Down, 2, 200, 500), touch(Down, 3, 150, 700),
		touch(Up, 1, 100, 500), // the pinch is now between 2 and 3
	)
	if len(got) != 0 {
		t.Fatalf("three fingers down, one up: %+v", got)
	}
	// Finger 3 moves from (150, 700) to (150, 800): the distance from
	// finger 2 at (200, 500) goes from √(50²+200²) to √(50²+300²).
	got = r.Handle(touch(Move, 3, 150, 800), nil)
	if len(got) != 2 || got[1].Kind != Zoom || math.Abs(got[1].Factor-math.Hypot(50, 300)/math.Hypot(50, 200)) > 1e-12 {
		t.Errorf("zoom between fingers 2 and 3: %+v", got)
	}
	got = run(r, touch(Up, 2, 200, 500), touch(Up, 3, 150, 800))
	if len(got) != 0 {
		t.Errorf("lifting the last fingers: %+v", got)
	}
}

// TestLostRelease: a second press of a pointer that is still down (its
// release was lost) restarts it instead of starting a pinch with itself,
// and later pinches measure real fingers.
func TestLostRelease(t *testing.T) {
	r := New(hit, slop)
	got := run(r, down(1, 10, 10), down(1, 50, 50), up(1, 50, 50))
	if want := []Action{{Kind: AddPoint, X: 50, Y: 50}}; !reflect.DeepEqual(got, want) {
		t.Errorf("press, lost release, click: %+v, want %+v", got, want)
	}
	// Before the fix this panicked: the lost pointer stayed first in line
	// for the next pinch.
	got = run(r, touch(Down, 2, 100, 100), touch(Down, 3, 200, 100), touch(Move, 3, 300, 100))
	if want := []ActionKind{Pan, Zoom}; !reflect.DeepEqual(kinds(got), want) || got[1].Factor != 2 {
		t.Errorf("pinch after a lost release: %+v", got)
	}
	// A drag whose release was lost ends when the pointer is pressed again.
	r = New(hit, slop)
	got = run(r, down(1, 100, 100), move(1, 140, 140), down(1, 500, 500))
	want := []ActionKind{DragStart, DragMove, DragEnd}
	if !reflect.DeepEqual(kinds(got), want) {
		t.Errorf("drag with a lost release: %+v", got)
	}
}

func TestWheel(t *testing.T) {
	cases := []struct {
		dy   float64
		want []Action
	}{
		// Factor exp(−dy/500): a notch of 100 px down zooms out by e^−0.2.
		{100, []Action{{Kind: Zoom, X: 320, Y: 240, Factor: math.Exp(-0.2)}}},
		{-100, []Action{{Kind: Zoom, X: 320, Y: 240, Factor: math.Exp(0.2)}}},
		{-500, []Action{{Kind: Zoom, X: 320, Y: 240, Factor: math.E}}},
		{0, nil},
		{math.NaN(), nil},
		{math.Inf(1), nil},
	}
	for _, c := range cases {
		got := run(New(hit, slop), Event{Kind: Wheel, X: 320, Y: 240, DeltaY: c.dy})
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("wheel %v: %+v, want %+v", c.dy, got, c.want)
		}
	}
	// Opposite notches cancel.
	r := New(hit, slop)
	got := run(r, Event{Kind: Wheel, DeltaY: 53}, Event{Kind: Wheel, DeltaY: -53})
	if len(got) != 2 || math.Abs(got[0].Factor*got[1].Factor-1) > 1e-15 {
		t.Errorf("opposite notches: %+v", got)
	}
}

func TestHover(t *testing.T) {
	r := New(hit, slop)
	// A mouse moving with no button down hovers.
	got := run(r, move(1, 40, 50))
	if len(got) != 1 || got[0].Kind != Hover || got[0].X != 40 || got[0].Y != 50 || got[0].Index < 0 {
		t.Errorf("mouse move: %+v", got)
	}
	// Touch and pen never hover.
	if got := run(r, touch(Move, 9, 40, 50)); len(got) != 0 {
		t.Errorf("touch move: %+v", got)
	}
	// While the button is down the mouse pans or drags, never hovers.
	got = run(r, down(1, 500, 500), move(1, 501, 501), move(1, 520, 520))
	for _, a := range got {
		if a.Kind == Hover {
			t.Errorf("hover while pressed: %+v", got)
		}
	}
	run(r, up(1, 520, 520))
	// Leaving the canvas hides the hover, but not during a press (the
	// pointer is captured and comes back).
	if got := run(r, Event{Kind: Leave, ID: 1, Mouse: true}); !reflect.DeepEqual(got, []Action{{Kind: Hover, Index: -1}}) {
		t.Errorf("leave: %+v", got)
	}
	run(r, down(1, 10, 10))
	if got := run(r, Event{Kind: Leave, ID: 1, Mouse: true}); len(got) != 0 {
		t.Errorf("leave while pressed: %+v", got)
	}
}

func TestStrayEvents(t *testing.T) {
	// Releases and cancels of unknown pointers, and moves of unknown touch
	// pointers, do nothing.
	got := run(New(hit, slop), up(5, 1, 1), Event{Kind: Cancel, ID: 6}, touch(Move, 7, 1, 1), Event{Kind: Kind(99)})
	if len(got) != 0 {
		t.Errorf("stray events: %+v", got)
	}
}

// TestAppends checks that Handle appends to out rather than replacing it.
func TestAppends(t *testing.T) {
	out := []Action{{Kind: Pan, DX: 1}}
	out = New(hit, slop).Handle(Event{Kind: Wheel, DeltaY: 1}, out)
	if len(out) != 2 || out[0].Kind != Pan || out[1].Kind != Zoom {
		t.Errorf("Handle replaced out: %+v", out)
	}
}

// The middle button pans but never adds a point.
func TestMiddleButtonDoesNotClick(t *testing.T) {
	r := New(func(x, y float64) int { return -1 }, 6)
	var out []Action
	out = r.Handle(Event{Kind: Down, ID: 1, X: 10, Y: 10, Button: middleButton, Mouse: true}, out)
	out = r.Handle(Event{Kind: Up, ID: 1, X: 10, Y: 10, Button: middleButton, Mouse: true}, out)
	if len(out) != 0 {
		t.Errorf("middle click gave %v, want nothing", out)
	}
}

// Reset ends a drag and forgets the pointers whose release was lost, so
// that the next touch is a plain click, not a pinch.
func TestResetForgetsLostPointers(t *testing.T) {
	r := New(func(x, y float64) int { return 0 }, 6)
	var out []Action
	out = r.Handle(Event{Kind: Down, ID: 1, X: 10, Y: 10}, out)
	out = r.Handle(Event{Kind: Move, ID: 1, X: 40, Y: 10}, out)
	if r.Dragging() != 0 {
		t.Fatalf("not dragging after a move of 30 px")
	}
	out = r.Reset(out[:0])
	if len(out) != 1 || out[0].Kind != DragEnd {
		t.Errorf("Reset gave %v, want one DragEnd", out)
	}
	out = r.Handle(Event{Kind: Down, ID: 2, X: 100, Y: 100}, out[:0])
	out = r.Handle(Event{Kind: Up, ID: 2, X: 100, Y: 100}, out)
	if len(out) != 1 || out[0].Kind != AddPoint {
		t.Errorf("click after Reset gave %v, want one AddPoint", out)
	}
}
