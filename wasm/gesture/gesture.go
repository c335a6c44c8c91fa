package gesture

import "math"

// Kind is the kind of a pointer event.
type Kind int

// Event kinds.
const (
	Down Kind = iota
	Move
	Up
	Cancel
	Wheel
	Leave
)

// Event is one pointer event in screen pixels.
type Event struct {
	Kind Kind
	// ID tells simultaneous pointers (fingers) apart.
	ID   int
	X, Y float64
	// Button is 0 for the primary button or a touch, 2 for the secondary.
	Button int
	Shift  bool
	Ctrl   bool // Ctrl or Cmd
	// Mouse is true for a mouse, false for touch and pen; only a mouse
	// hovers.
	Mouse bool
	// DeltaY is the wheel's vertical scroll in pixels.
	DeltaY float64
}

// ActionKind is what a gesture means.
type ActionKind int

// Action kinds.
const (
	// AddPoint adds a point at X, Y; Other is true for the other class
	// (shift-click).
	AddPoint ActionKind = iota
	// RemovePoint removes the point nearest to X, Y.
	RemovePoint
	// DragStart starts moving point Index.
	DragStart
	// DragMove moves point Index to X, Y.
	DragMove
	// DragEnd ends the drag of point Index.
	DragEnd
	// Pan moves the view by DX, DY.
	Pan
	// Zoom scales the view by Factor about X, Y.
	Zoom
	// Hover reports the mouse at X, Y, or off the canvas if Index is -1.
	Hover
)

// Action is one thing the playground should do.
type Action struct {
	Kind   ActionKind
	X, Y   float64
	DX, DY float64
	Factor float64
	Index  int
	Other  bool
}

// Hit returns the index of the point under the screen position (x, y),
// or -1.
type Hit func(x, y float64) int

// Recognizer turns events into actions. Its zero value is not usable;
// call New.
type Recognizer struct {
	// Slop is how far, in pixels, a press may wander and still be a click.
	Slop float64
	// RemoveMode makes a click remove the nearest point instead of adding.
	RemoveMode bool

	hit      Hit
	pointers map[int]*pointer
	order    []int // pointer IDs in the order they went down
	// drag is the point being dragged, or -1.
	drag  int
	pinch *pinch
}

type pointer struct {
	startX, startY float64
	x, y           float64
	button         int
	shift, ctrl    bool
	moved          bool
	onPoint        int
}

type pinch struct {
	dist, midX, midY float64
}

// New returns a Recognizer that finds points with hit and treats a press
// as a click while it stays within slop pixels.
func New(hit Hit, slop float64) *Recognizer {
	return &Recognizer{Slop: slop, hit: hit, pointers: map[int]*pointer{}, drag: -1}
}

// Dragging returns the index of the point being dragged, or -1.
func (r *Recognizer) Dragging() int { return r.drag }

// Handle consumes one event and appends the resulting actions to out.
func (r *Recognizer) Handle(e Event, out []Action) []Action {
	switch e.Kind {
	case Wheel:
		if e.DeltaY != 0 && !math.IsNaN(e.DeltaY) && !math.IsInf(e.DeltaY, 0) {
			out = append(out, Action{Kind: Zoom, X: e.X, Y: e.Y, Factor: math.Exp(-e.DeltaY / 500)})
		}
	case Down:
		return r.down(e, out)
	case Move:
		return r.move(e, out)
	case Up:
		return r.up(e, out, false)
	case Cancel:
		return r.up(e, out, true)
	case Leave:
		if len(r.pointers) == 0 {
			out = append(out, Action{Kind: Hover, Index: -1})
		}
	}
	return out
}

func (r *Recognizer) down(e Event, out []Action) []Action {
	if _, ok := r.pointers[e.ID]; ok {
		// A press of a pointer that is already down: its release was lost
		// (the browser or a full event queue dropped it). Forget the old
		// press, as if cancelled, so that the pointer is not counted twice.
		out = r.up(Event{Kind: Cancel, ID: e.ID, X: e.X, Y: e.Y}, out, true)
	}
	p := &pointer{startX: e.X, startY: e.Y, x: e.X, y: e.Y, button: e.Button, shift: e.Shift, ctrl: e.Ctrl, onPoint: -1}
	r.pointers[e.ID] = p
	r.order = append(r.order, e.ID)
	switch {
	case len(r.pointers) == 2:
		// A second finger turns whatever the first was doing into a pinch.
		out = r.endDrag(out)
		for _, q := range r.pointers {
			q.moved = true // neither finger clicks any more
		}
		r.pinch = r.measurePinch()
	case len(r.pointers) > 2:
		p.moved = true // a third finger joins the pinch; it never clicks
	case !r.removes(p):
		p.onPoint = r.hit(e.X, e.Y)
	}
	return out
}

func (r *Recognizer) removes(p *pointer) bool {
	return r.RemoveMode || p.button == 2 || p.ctrl
}

func (r *Recognizer) move(e Event, out []Action) []Action {
	p, ok := r.pointers[e.ID]
	if !ok {
		if e.Mouse {
			out = append(out, Action{Kind: Hover, X: e.X, Y: e.Y, Index: 0})
		}
		return out
	}
	dx, dy := e.X-p.x, e.Y-p.y
	p.x, p.y = e.X, e.Y
	if r.pinch != nil {
		next := r.measurePinch()
		if next != nil && r.pinch.dist > 0 {
			out = append(out, Action{Kind: Pan, DX: next.midX - r.pinch.midX, DY: next.midY - r.pinch.midY})
			out = append(out, Action{Kind: Zoom, X: next.midX, Y: next.midY, Factor: next.dist / r.pinch.dist})
		}
		r.pinch = next
		return out
	}
	if !p.moved && math.Hypot(e.X-p.startX, e.Y-p.startY) > r.Slop {
		p.moved = true
		if p.onPoint >= 0 {
			r.drag = p.onPoint
			out = append(out, Action{Kind: DragStart, Index: r.drag})
		} else {
			// Pan by the whole distance from the press, not just this move.
			dx, dy = e.X-p.startX, e.Y-p.startY
		}
	}
	if !p.moved {
		return out
	}
	if r.drag >= 0 {
		return append(out, Action{Kind: DragMove, Index: r.drag, X: e.X, Y: e.Y})
	}
	if p.button == 2 || p.ctrl {
		return out // a secondary-button (or ctrl) drag does nothing
	}
	return append(out, Action{Kind: Pan, DX: dx, DY: dy})
}

func (r *Recognizer) up(e Event, out []Action, cancel bool) []Action {
	p, ok := r.pointers[e.ID]
	if !ok {
		return out
	}
	delete(r.pointers, e.ID)
	for i, id := range r.order {
		if id == e.ID {
			r.order = append(r.order[:i], r.order[i+1:]...)
			break
		}
	}
	if r.pinch != nil {
		// Measure again: the pinch may now be between other fingers, and
		// it ends when fewer than two remain.
		r.pinch = r.measurePinch()
		return out
	}
	if r.drag >= 0 {
		if !cancel {
			out = append(out, Action{Kind: DragMove, Index: r.drag, X: e.X, Y: e.Y})
		}
		return r.endDrag(out)
	}
	if cancel || p.moved || len(r.pointers) > 0 {
		return out
	}
	if p.button == middleButton {
		return out // the middle button only pans
	}
	if r.removes(p) {
		return append(out, Action{Kind: RemovePoint, X: p.startX, Y: p.startY})
	}
	return append(out, Action{Kind: AddPoint, X: p.startX, Y: p.startY, Other: p.shift})
}

// middleButton is the Button of the middle mouse button.
const middleButton = 1

// Reset forgets every pointer, ending a drag or pinch, as when the page
// loses focus and their releases may never arrive.
func (r *Recognizer) Reset(out []Action) []Action {
	out = r.endDrag(out)
	clear(r.pointers)
	r.order = r.order[:0]
	r.pinch = nil
	return out
}

func (r *Recognizer) endDrag(out []Action) []Action {
	if r.drag >= 0 {
		out = append(out, Action{Kind: DragEnd, Index: r.drag})
		r.drag = -1
	}
	return out
}

// measurePinch returns the distance and midpoint of the first two pointers
// down.
func (r *Recognizer) measurePinch() *pinch {
	if len(r.order) < 2 {
		return nil
	}
	a, b := r.pointers[r.order[0]], r.pointers[r.order[1]]
	return &pinch{dist: math.Hypot(a.x-b.x, a.y-b.y), midX: (a.x + b.x) / 2, midY: (a.y + b.y) / 2}
}
