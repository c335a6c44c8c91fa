//go:build js && wasm

// Package input takes the canvas's pointer and key events from the
// browser as they arrive, between frames, and queues them for Update.
package input

import (
	"syscall/js"

	"advplay/wasm/gesture"
)

// Pointer queues the canvas's Pointer Events as they arrive, between
// frames, so that Update sees every press and release even when both land
// within one tick. Polling Ebiten's mouse state once per frame would drop
// such quick clicks and taps.
type Pointer struct {
	canvas js.Value
	queue  []rawEvent
	wake   func()
	// lostFocus is set when the window blurs: releases may never arrive,
	// so the recognizer must forget the pointers it holds.
	lostFocus bool
}

// rawEvent is a pointer event in CSS pixels relative to the canvas.
type rawEvent struct {
	kind   gesture.Kind
	id     int
	x, y   float64
	button int
	shift  bool
	ctrl   bool
	mouse  bool
	deltaY float64
}

// maxQueued bounds the queue if frames stop (a hidden tab). Beyond it
// only moves and wheel turns are dropped: a lost press or release would
// leave a gesture half done.
const maxQueued = 4096

// ListenPointer queues the canvas's pointer events and calls wake after
// each. The page's style sheet keeps the browser from scrolling or zooming
// on the canvas (touch-action: none).
func ListenPointer(canvas js.Value, wake func()) *Pointer {
	p := &Pointer{canvas: canvas, wake: wake}
	if !p.canvas.Truthy() {
		return p
	}
	p.on("pointerdown", gesture.Down, func(e js.Value) {
		p.canvas.Call("setPointerCapture", e.Get("pointerId"))
	})
	p.on("pointermove", gesture.Move, nil)
	p.on("pointerup", gesture.Up, nil)
	p.on("pointercancel", gesture.Cancel, nil)
	p.on("pointerleave", gesture.Leave, nil)
	p.on("wheel", gesture.Wheel, func(e js.Value) { e.Call("preventDefault") })
	p.listen("contextmenu", func(e js.Value) { e.Call("preventDefault") }, false)
	blur := js.FuncOf(func(js.Value, []js.Value) any {
		p.lostFocus = true
		p.wake()
		return nil
	})
	js.Global().Call("addEventListener", "blur", blur)
	return p
}

func (p *Pointer) on(name string, kind gesture.Kind, also func(js.Value)) {
	p.listen(name, func(e js.Value) {
		if also != nil {
			also(e)
		}
		if len(p.queue) >= maxQueued && (kind == gesture.Move || kind == gesture.Wheel) {
			return
		}
		rect := p.canvas.Call("getBoundingClientRect")
		ev := rawEvent{
			kind:  kind,
			x:     e.Get("clientX").Float() - rect.Get("left").Float(),
			y:     e.Get("clientY").Float() - rect.Get("top").Float(),
			shift: e.Get("shiftKey").Bool(),
			ctrl:  e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool(),
		}
		if kind == gesture.Wheel {
			ev.deltaY = e.Get("deltaY").Float()
			if e.Get("deltaMode").Int() == 1 { // lines
				ev.deltaY *= 16
			}
		} else {
			ev.id = e.Get("pointerId").Int()
			ev.button = e.Get("button").Int()
			ev.mouse = e.Get("pointerType").String() == "mouse"
		}
		p.queue = append(p.queue, ev)
		p.wake()
	}, kind != gesture.Wheel)
}

func (p *Pointer) listen(name string, f func(js.Value), passive bool) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		f(args[0])
		return nil
	})
	p.canvas.Call("addEventListener", name, fn, map[string]any{"passive": passive})
}

// Drain returns the queued events in device pixels and empties the queue.
func (p *Pointer) Drain(dpr float64) []gesture.Event {
	if len(p.queue) == 0 {
		return nil
	}
	out := make([]gesture.Event, len(p.queue))
	for i, r := range p.queue {
		out[i] = gesture.Event{
			Kind: r.kind, ID: r.id, X: r.x * dpr, Y: r.y * dpr, Button: r.button,
			Shift: r.shift, Ctrl: r.ctrl, Mouse: r.mouse, DeltaY: r.deltaY * dpr,
		}
	}
	p.queue = p.queue[:0]
	return out
}

// Origin returns the canvas's top-left corner in the page, in CSS pixels.
func (p *Pointer) Origin() (float64, float64) {
	if !p.canvas.Truthy() {
		return 0, 0
	}
	r := p.canvas.Call("getBoundingClientRect")
	return r.Get("left").Float(), r.Get("top").Float()
}

// Pending reports whether events wait for Update.
func (p *Pointer) Pending() bool { return len(p.queue) > 0 || p.lostFocus }

// TakeLost reports whether the window lost the focus since the last call:
// the releases of the pointers held may never come.
func (p *Pointer) TakeLost() bool {
	lost := p.lostFocus
	p.lostFocus = false
	return lost
}
