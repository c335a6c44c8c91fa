//go:build js && wasm

package main

import (
	"syscall/js"

	"advplay/engine/data"
	"advplay/engine/scene"
	"advplay/wasm/keys"
	"advplay/wasm/readout"
)

// keyInput takes the keyboard from Ebiten and gives it to the page and to
// package keys.
//
// Ebiten v2.8.8's browser backend gives its canvas tabindex=1, focuses it
// at start when the page is not in an iframe, and calls preventDefault on
// every keydown the canvas receives, Tab included: focus could enter the
// plot but never leave it, in the page and in every embed. The game
// starts unfocused (RunGameOptions.InitUnfocused), the canvas gets
// tabindex=0 once the game is ready (-1 until then, see main), and a
// listener on window in the capture phase, which runs
// before any listener on the canvas, stops every key event aimed at the
// canvas from reaching Ebiten's. The plot's own keys (keys.Handled) are
// queued for Update and their default prevented; every other key, Tab
// and Shift+Tab first, keeps the browser's default action, so the plot is
// one tab stop like any other control. The game reads no key through
// Ebiten.
type keyInput struct {
	canvas js.Value
	queue  []keys.Key
	// focused is whether the canvas has the focus; focusChanged is set
	// when it gained or lost it since the last drain, and visibleFocus
	// when it gained it from the keyboard (:focus-visible), which shows
	// the cursor at once.
	focused, focusChanged, visibleFocus bool
	funcs                               []js.Func
}

// maxKeys bounds the queue if frames stop; a key held down repeats about
// 30 times a second, far below it.
const maxKeys = 1024

// placeCanvas puts the canvas in the page's main landmark, first in the
// tab order, before the controls: the plot is what a visitor tabbing into
// the page or into an embed meets first.
func placeCanvas(canvas js.Value) {
	doc := js.Global().Get("document")
	home := doc.Call("getElementById", "plot-area")
	if !home.Truthy() {
		home = doc.Get("body")
	}
	home.Call("insertBefore", canvas, home.Get("firstChild"))
}

// enable puts the plot in the tab order, once the game is ready.
func (k *keyInput) enable() {
	if k.canvas.Truthy() {
		k.canvas.Call("setAttribute", "tabindex", 0)
	}
}

func listenKeys(canvas js.Value, wake func()) *keyInput {
	k := &keyInput{canvas: canvas}
	if !canvas.Truthy() {
		return k
	}
	// A plot that takes its own keys: screen readers pass them through to
	// an application, and read its label and the scene's description.
	canvas.Call("setAttribute", "role", "application")
	canvas.Call("setAttribute", "aria-roledescription", "plot")
	canvas.Call("setAttribute", "aria-label", "advplay plot")
	canvas.Call("setAttribute", "aria-describedby", "plot-description plot-keys")
	onCanvas := func(e js.Value) bool { return e.Get("target").Equal(canvas) }
	k.listen(js.Global(), "keydown", true, func(e js.Value) {
		if !onCanvas(e) {
			return
		}
		e.Call("stopImmediatePropagation")
		key := keys.Key{
			Key:   e.Get("key").String(),
			Shift: e.Get("shiftKey").Bool(),
			Mod:   e.Get("ctrlKey").Bool() || e.Get("altKey").Bool() || e.Get("metaKey").Bool(),
		}
		if !keys.Handled(key) {
			return
		}
		e.Call("preventDefault")
		if len(k.queue) < maxKeys {
			k.queue = append(k.queue, key)
		}
		wake()
	})
	k.listen(js.Global(), "keyup", true, func(e js.Value) {
		if onCanvas(e) {
			e.Call("stopImmediatePropagation")
		}
	})
	k.listen(canvas, "focus", false, func(js.Value) {
		k.focused, k.focusChanged = true, true
		k.visibleFocus = canvas.Call("matches", ":focus-visible").Bool()
		wake()
	})
	k.listen(canvas, "blur", false, func(js.Value) {
		k.focused, k.focusChanged = false, true
		wake()
	})
	return k
}

func (k *keyInput) listen(target js.Value, name string, capture bool, f func(js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		f(args[0])
		return nil
	})
	k.funcs = append(k.funcs, fn)
	target.Call("addEventListener", name, fn, map[string]any{"capture": capture})
}

// pending reports whether keys or a focus change wait for Update.
func (k *keyInput) pending() bool { return len(k.queue) > 0 || k.focusChanged }

// blur moves the focus out of the plot, as Escape asks.
func (k *keyInput) blur() {
	if k.canvas.Truthy() {
		k.canvas.Call("blur")
	}
}

// onScreen is the scene's points in screen pixels, for the keyboard cursor.
type onScreen struct{ g *game }

func (s onScreen) Len() int { return len(s.g.scene.Points()) }

func (s onScreen) Screen(i int) (float64, float64) {
	p := s.g.scene.Points()[i]
	return s.g.tf.ToScreen(p.X, p.Y)
}

// handleKeys applies the queued keys and focus changes, one key at a time
// so that each sees what the one before it did.
func (g *game) handleKeys() {
	k := g.keys
	if k.focusChanged {
		k.focusChanged = false
		switch {
		case k.focused && k.visibleFocus && !g.cursor.Visible:
			a := g.cursor.Show(g.plotRect())
			g.applyKey(a, g.scene.Settings())
		case !k.focused:
			for _, a := range g.cursor.Hide(g.keyActions[:0]) {
				g.applyKey(a, g.scene.Settings())
			}
		}
	}
	for _, key := range k.queue {
		set := g.scene.Settings()
		g.keyActions = g.cursor.Handle(key, g.plotRect(), g.dpr, onScreen{g}, g.keyActions[:0])
		for _, a := range g.keyActions {
			g.applyKey(a, set)
		}
	}
	k.queue = k.queue[:0]
}

// plotRect is the plot's rectangle for package keys.
func (g *game) plotRect() keys.Rect {
	p := g.layout.Plot
	return keys.Rect{X: p.X, Y: p.Y, W: p.W, H: p.H}
}

// applyKey does what a key means, and says what it did.
func (g *game) applyKey(a keys.Action, set scene.Settings) {
	pts := g.scene.Points()
	x, y := g.tf.ToData(a.X, a.Y)
	switch a.Kind {
	case keys.MoveCursor:
		target := ""
		if i := g.cursor.Target(onScreen{g}, keys.Reach*g.dpr); i >= 0 {
			target = readout.Point(pts[i], g.scene.Info(i))
		}
		g.say(readout.Cursor(x, y, target))
	case keys.Add:
		label := set.Class
		if a.Other {
			label = 1 - label
		}
		if _, err := g.scene.AddPoint(x, y, label); err != nil {
			g.say(err.Error())
			return
		}
		all := g.scene.Points()
		g.say(readout.Added(all[len(all)-1], all))
	case keys.Remove:
		p := pts[a.Index]
		if err := g.scene.RemovePoint(a.Index); err != nil {
			g.say(err.Error())
			return
		}
		g.hover = -1
		g.say(readout.Removed(p, g.scene.Points()))
	case keys.PickUp:
		g.say(readout.PickedUp(pts[a.Index]))
	case keys.Carry, keys.PutDown, keys.PutBack:
		if err := g.scene.MovePoint(a.Index, x, y); err != nil {
			g.say(err.Error())
			return
		}
		say := map[keys.ActionKind]func(data.Point) string{keys.Carry: readout.Carrying, keys.PutDown: readout.PutDown, keys.PutBack: readout.PutBack}[a.Kind]
		g.say(say(g.scene.Points()[a.Index]))
	case keys.Pan:
		g.pan(a.DX, a.DY)
	case keys.Zoom:
		g.zoom(a.Factor, a.X, a.Y)
		minX, minY, maxX, maxY := g.tf.Visible()
		g.say(readout.Zoomed(a.Factor > 1, minX, maxX, minY, maxY))
	case keys.Fit:
		g.fitView()
		g.say(readout.Fitted)
	case keys.Leave:
		g.keys.blur()
	case keys.Nothing:
		g.say(readout.Sentence(a.Reason))
	}
}

// cursorValue returns the keyboard cursor for summary().
func (g *game) cursorValue() cursorValue {
	x, y := g.tf.ToData(g.cursor.X, g.cursor.Y)
	return cursorValue{Visible: g.cursor.Visible, X: x, Y: y, Carrying: g.cursor.Carrying()}
}

// say sets what the keyboard's live region reads next.
func (g *game) say(s string) {
	g.said = s
	g.saidSeq++
}
