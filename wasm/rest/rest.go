//go:build js && wasm

// Package rest lets the game loop stop when there is nothing to do, so
// that a page at rest, an embed scrolled out of view and a hidden tab cost
// nothing.
package rest

import (
	"syscall/js"
	"time"
)

// Rest is the loop's rest and its wakes.
//
// Ebiten's browser loop asks for an animation frame after every frame, and
// each frame hands Update and Draw to Ebiten whether or not anything
// changed. Instead, Update blocks on wake when the scene is settled or the
// plot cannot be seen: the loop's goroutine waits inside Update, so no
// animation frame is requested and neither the page nor its GPU does any
// work. Every source of change wakes it: pointer and key events on the
// canvas, API calls that change something, a resize, the page becoming
// visible or the plot coming into view, and a restored WebGL context.
// Event handlers only send on the buffered channel and never block, so the
// browser's event loop is never held.
type Rest struct {
	wake chan struct{}
	// hidden is document.hidden; offscreen is true while no part of the
	// canvas is in the viewport (of the top page, inside an iframe).
	hidden, offscreen bool
	// asleep is true while Update waits.
	asleep bool
	// lost is set when the WebGL context was restored: the screen must be
	// drawn again even though nothing changed (TakeLost).
	lost bool
	// reducedMotion follows the visitor's prefers-reduced-motion.
	reducedMotion bool
	// panelMoved is set when the controls panel may have changed its
	// rectangle: at start, on a resize of the window or of the panel. The
	// panel is position: fixed, so scrolling never moves it.
	panelMoved bool
	// OnNudge, when set, is told of every nudge too (the trainer waits
	// for them).
	OnNudge func()
	// frame and onFrame: see animationFrame.
	frame   chan struct{}
	onFrame js.Func
}

// New listens on the page and on canvas for what wakes the loop.
func New(canvas js.Value) *Rest {
	r := &Rest{wake: make(chan struct{}, 1), panelMoved: true, frame: make(chan struct{}, 1)}
	r.onFrame = js.FuncOf(func(js.Value, []js.Value) any {
		r.frame <- struct{}{}
		return nil
	})
	doc := js.Global().Get("document")
	r.hidden = doc.Get("hidden").Bool()
	r.listen(doc, "visibilitychange", func(js.Value) {
		r.hidden = doc.Get("hidden").Bool()
		r.Nudge()
	})
	r.listen(js.Global(), "resize", func(js.Value) {
		r.panelMoved = true
		r.Nudge()
	})
	if mm := js.Global().Get("matchMedia"); mm.Type() == js.TypeFunction {
		q := mm.Invoke("(prefers-reduced-motion: reduce)")
		r.reducedMotion = q.Get("matches").Bool()
		r.listen(q, "change", func(e js.Value) {
			r.reducedMotion = e.Get("matches").Bool()
			r.Nudge()
		})
	}
	// The controls panel takes its part of the screen (see view.Compute):
	// when it collapses or grows, the layout follows.
	if ro := js.Global().Get("ResizeObserver"); ro.Truthy() {
		if panel := doc.Call("getElementById", "panel"); panel.Truthy() {
			cb := js.FuncOf(func(js.Value, []js.Value) any {
				r.panelMoved = true
				r.Nudge()
				return nil
			})
			ro.New(cb).Call("observe", panel)
		}
	}
	if !canvas.Truthy() {
		return r
	}
	r.listen(canvas, "webglcontextrestored", func(js.Value) {
		r.lost = true
		r.Nudge()
	})
	if io := js.Global().Get("IntersectionObserver"); io.Truthy() {
		// The implicit root is the top-level viewport, so an embed knows
		// when its iframe is scrolled out of the host page's view.
		cb := js.FuncOf(func(this js.Value, args []js.Value) any {
			entries := args[0]
			for i := range entries.Length() {
				r.offscreen = !entries.Index(i).Get("isIntersecting").Bool()
			}
			r.Nudge()
			return nil
		})
		io.New(cb).Call("observe", canvas)
	}
	return r
}

func (r *Rest) listen(target js.Value, name string, f func(js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		f(args[0])
		return nil
	})
	target.Call("addEventListener", name, fn)
}

// Nudge wakes the loop if it waits, or makes its next wait return at once.
// It never blocks.
func (r *Rest) Nudge() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
	if r.OnNudge != nil {
		r.OnNudge()
	}
}

// Visible reports whether the plot can be seen: the page is shown and the
// canvas is in view.
func (r *Rest) Visible() bool { return !r.hidden && !r.offscreen }

// Pause waits, inside Update, while the plot cannot be seen, or, when
// settled, until something wakes it. A wake that came while the last frame
// ran makes it return at once, so no change is ever slept through.
//
// It reports whether it waited.
func (r *Rest) Pause(settled bool) bool {
	if !settled && r.Visible() {
		return false
	}
	r.asleep = true
	for {
		<-r.wake
		if r.Visible() {
			break
		}
	}
	r.asleep = false
	return true
}

// Until waits, inside Update, until t or until something wakes the loop,
// and then for as long as the plot cannot be seen.
func (r *Rest) Until(t time.Time) {
	if d := time.Until(t); d > 0 {
		timer := time.NewTimer(d)
		select {
		case <-r.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
	r.Pause(false)
}

// AnimationFrame waits, inside Update, for the browser's next animation
// frame, so that a picture drawn after a wait is drawn, like every other,
// just before the browser takes it in: then the next frame comes only once
// the browser has shown it, and perf.Pacer measures what it cost.
func (r *Rest) AnimationFrame() {
	js.Global().Call("requestAnimationFrame", r.onFrame)
	<-r.frame
}

// Sleeping reports whether the loop waits with nothing pending: the page
// is at rest.
func (r *Rest) Sleeping() bool { return r.asleep && len(r.wake) == 0 }

// TakeLost reports whether the WebGL context came back since the last
// call: the screen must be drawn again.
func (r *Rest) TakeLost() bool {
	lost := r.lost
	r.lost = false
	return lost
}

// TakePanelMoved reports whether the controls panel may have changed its
// rectangle since the last call: at start, on a resize of the window or
// of the panel (it is position: fixed, so scrolling never moves it).
func (r *Rest) TakePanelMoved() bool {
	moved := r.panelMoved
	r.panelMoved = false
	return moved
}

// ReducedMotion reports whether the visitor prefers reduced motion.
func (r *Rest) ReducedMotion() bool { return r.reducedMotion }
