package keys

import "math"

// Key is one keydown event as the browser reports it.
type Key struct {
	// Key is KeyboardEvent.key, such as "ArrowLeft", "Enter", " " or "+".
	Key   string
	Shift bool
	// Mod is true when Ctrl, Alt or Meta is held: such chords belong to
	// the browser and the page, never to the plot.
	Mod bool
}

// Handled reports whether the plot acts on k, and so whether the browser
// must not (its default action is prevented). Every other key, Tab first
// of all, keeps its default action, so focus moves on as usual.
func Handled(k Key) bool {
	if k.Mod {
		return false
	}
	switch k.Key {
	case "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown",
		"Enter", "Delete", "Backspace", " ", "Escape",
		"n", "N", "+", "=", "-", "_", "0", "Home":
		return true
	}
	return false
}

// ActionKind is what a key means for the scene.
type ActionKind int

// Action kinds.
const (
	// MoveCursor reports that the cursor moved to X, Y (or was shown
	// there).
	MoveCursor ActionKind = iota
	// Add adds a point at X, Y; Other is true for the other class.
	Add
	// Remove removes point Index.
	Remove
	// PickUp starts carrying point Index.
	PickUp
	// Carry moves the carried point Index to X, Y.
	Carry
	// PutDown ends carrying point Index at X, Y.
	PutDown
	// PutBack returns the carried point Index to X, Y, where it was.
	PutBack
	// Pan moves the view by DX, DY, as a drag would.
	Pan
	// Zoom scales the view by Factor about X, Y.
	Zoom
	// Fit fits the view to the points.
	Fit
	// Leave moves the focus out of the plot.
	Leave
	// Nothing reports a key that did nothing, such as Delete with no point
	// near the cursor; Reason says why, for the announcement.
	Nothing
)

// Action is one thing the playground should do.
type Action struct {
	Kind   ActionKind
	X, Y   float64
	DX, DY float64
	Factor float64
	Index  int
	Other  bool
	Reason string
}

// Step and BigStep are the cursor's moves in CSS pixels, plain and with
// Shift; ZoomFactor is one press of + or −.
const (
	Step       = 8
	BigStep    = 40
	ZoomFactor = 1.25
)

// Reach is how near, in CSS pixels, a point must be to the cursor for
// Delete and Space to act on it: the highlighted point.
const Reach = 48

// Rect is a screen rectangle.
type Rect struct{ X, Y, W, H float64 }

// Scene is what the cursor needs to know of the points: where each is on
// the screen.
type Scene interface {
	// Len returns the number of points.
	Len() int
	// Screen returns point i's position in screen pixels.
	Screen(i int) (x, y float64)
}

// Cursor is the keyboard cursor over the plot. Its zero value is hidden;
// Show places it.
type Cursor struct {
	// X, Y is the cursor's position in screen pixels.
	X, Y float64
	// Visible is true while the plot has the keyboard focus.
	Visible bool
	// carrying is the index of the point picked up, or -1; fromX, fromY
	// is where it was.
	carrying     int
	fromX, fromY float64
}

// Show shows the cursor at the centre of plot, as when the plot gets the
// keyboard focus, and returns the MoveCursor action that announces it.
func (c *Cursor) Show(plot Rect) Action {
	c.X, c.Y = plot.X+plot.W/2, plot.Y+plot.H/2
	c.Visible, c.carrying = true, -1
	return Action{Kind: MoveCursor, X: c.X, Y: c.Y}
}

// Hide hides the cursor, as when the plot loses the focus. A carried point
// is put down where it is, as a drag that ends.
func (c *Cursor) Hide(out []Action) []Action {
	if c.Visible && c.carrying >= 0 {
		out = append(out, Action{Kind: PutDown, Index: c.carrying, X: c.X, Y: c.Y})
	}
	c.Visible, c.carrying = false, -1
	return out
}

// Carrying returns the index of the point being carried, or -1.
func (c *Cursor) Carrying() int {
	if !c.Visible {
		return -1
	}
	return c.carrying
}

// Target returns the point the keys act on: the one nearest the cursor
// within reach pixels, or -1. A carried point is always the target.
func (c *Cursor) Target(s Scene, reach float64) int {
	if c.Carrying() >= 0 {
		return c.carrying
	}
	best, bestD := -1, reach*reach
	for i := range s.Len() {
		x, y := s.Screen(i)
		dx, dy := x-c.X, y-c.Y
		// Ties go to the later point, which is drawn on top.
		if d := dx*dx + dy*dy; d <= bestD {
			best, bestD = i, d
		}
	}
	return best
}

// Handle applies one key to the cursor and appends the resulting actions
// to out. plot is the plot's rectangle and scale the device pixels per
// CSS pixel. Keys that Handled refuses do nothing. A key pressed while the
// cursor is hidden shows it first, at the plot's centre.
func (c *Cursor) Handle(k Key, plot Rect, scale float64, s Scene, out []Action) []Action {
	if !Handled(k) {
		return out
	}
	if !c.Visible {
		out = append(out, c.Show(plot))
	}
	if c.carrying >= s.Len() {
		c.carrying = -1 // the point went away (an edit through the API)
	}
	step := Step * scale
	if k.Shift {
		step = BigStep * scale
	}
	switch k.Key {
	case "ArrowLeft":
		return c.move(-step, 0, plot, out)
	case "ArrowRight":
		return c.move(step, 0, plot, out)
	case "ArrowUp":
		return c.move(0, -step, plot, out)
	case "ArrowDown":
		return c.move(0, step, plot, out)
	case "Enter":
		if c.carrying >= 0 {
			return c.putDown(out)
		}
		return append(out, Action{Kind: Add, X: c.X, Y: c.Y, Other: k.Shift})
	case " ":
		return c.pickUp(s, Reach*scale, out)
	case "Delete", "Backspace":
		return c.remove(s, Reach*scale, out)
	case "Escape":
		return c.escape(out)
	case "n", "N":
		return c.jump(k.Shift || k.Key == "N", plot, s, out)
	case "+", "=":
		return append(out, Action{Kind: Zoom, X: c.X, Y: c.Y, Factor: ZoomFactor})
	case "-", "_":
		return append(out, Action{Kind: Zoom, X: c.X, Y: c.Y, Factor: 1 / ZoomFactor})
	case "0", "Home":
		return append(out, Action{Kind: Fit})
	}
	return out
}

// pickUp picks up the target within reach pixels, the cursor jumping onto
// it, or puts down the point carried.
func (c *Cursor) pickUp(s Scene, reach float64, out []Action) []Action {
	if c.carrying >= 0 {
		return c.putDown(out)
	}
	i := c.Target(s, reach)
	if i < 0 {
		return append(out, Action{Kind: Nothing, Reason: "no point near the cursor to pick up"})
	}
	c.carrying = i
	c.fromX, c.fromY = s.Screen(i)
	// The cursor jumps onto the point, so that carrying it moves it by
	// whole steps from where it was.
	c.X, c.Y = c.fromX, c.fromY
	return append(out, Action{Kind: PickUp, Index: i, X: c.X, Y: c.Y})
}

// remove removes the point carried, or else the target within reach
// pixels.
func (c *Cursor) remove(s Scene, reach float64, out []Action) []Action {
	if c.carrying >= 0 {
		i := c.carrying
		c.carrying = -1
		return append(out, Action{Kind: Remove, Index: i})
	}
	i := c.Target(s, reach)
	if i < 0 {
		return append(out, Action{Kind: Nothing, Reason: "no point near the cursor to remove"})
	}
	return append(out, Action{Kind: Remove, Index: i})
}

// escape puts the point carried back where it was picked up, the cursor
// with it, or else hides the cursor and leaves the plot.
func (c *Cursor) escape(out []Action) []Action {
	if c.carrying >= 0 {
		i := c.carrying
		c.carrying = -1
		c.X, c.Y = c.fromX, c.fromY
		return append(out, Action{Kind: PutBack, Index: i, X: c.fromX, Y: c.fromY})
	}
	c.Visible = false
	return append(out, Action{Kind: Leave})
}

// putDown ends carrying the point carried, where the cursor is.
func (c *Cursor) putDown(out []Action) []Action {
	i := c.carrying
	c.carrying = -1
	return append(out, Action{Kind: PutDown, Index: i, X: c.X, Y: c.Y})
}

// edge is how close, in steps, the cursor comes to the plot's border
// before the view pans instead.
const edge = 1

// move moves the cursor by (dx, dy). Near the plot's border the cursor
// stays and the view pans the other way, so that the cursor can reach
// any place in the data; the announced position is always in the plot.
func (c *Cursor) move(dx, dy float64, plot Rect, out []Action) []Action {
	margin := math.Min(math.Max(math.Abs(dx), math.Abs(dy))*edge, math.Min(plot.W, plot.H)/4)
	nx := clamp(c.X+dx, plot.X+margin, plot.X+plot.W-margin)
	ny := clamp(c.Y+dy, plot.Y+margin, plot.Y+plot.H-margin)
	if px, py := c.X+dx-nx, c.Y+dy-ny; px != 0 || py != 0 {
		out = append(out, Action{Kind: Pan, DX: -px, DY: -py})
	}
	c.X, c.Y = nx, ny
	if c.carrying >= 0 {
		return append(out, Action{Kind: Carry, Index: c.carrying, X: c.X, Y: c.Y})
	}
	return append(out, Action{Kind: MoveCursor, X: c.X, Y: c.Y})
}

// jump moves the cursor onto the next point after the target (or the
// previous one, back), in the points' order, and pans the view to it when
// it is outside the plot.
func (c *Cursor) jump(back bool, plot Rect, s Scene, out []Action) []Action {
	n := s.Len()
	if n == 0 {
		return append(out, Action{Kind: Nothing, Reason: "there are no points"})
	}
	if c.carrying >= 0 {
		return append(out, Action{Kind: Nothing, Reason: "put the carried point down first"})
	}
	i := c.Target(s, 0.5)
	switch {
	case i < 0 && back:
		i = n - 1
	case i < 0:
		i = 0
	case back:
		i = (i - 1 + n) % n
	default:
		i = (i + 1) % n
	}
	x, y := s.Screen(i)
	inset := Rect{plot.X + plot.W/10, plot.Y + plot.H/10, plot.W * 0.8, plot.H * 0.8}
	if cx, cy := clamp(x, inset.X, inset.X+inset.W), clamp(y, inset.Y, inset.Y+inset.H); cx != x || cy != y {
		// Bring the point to the middle of the plot.
		mx, my := plot.X+plot.W/2, plot.Y+plot.H/2
		out = append(out, Action{Kind: Pan, DX: mx - x, DY: my - y})
		x, y = mx, my
	}
	c.X, c.Y = x, y
	return append(out, Action{Kind: MoveCursor, X: x, Y: y})
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
