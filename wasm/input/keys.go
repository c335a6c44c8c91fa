//go:build js && wasm

package input

import (
	"syscall/js"

	"advplay/wasm/keys"
)

// Keys takes the keyboard from Ebiten and gives it to the page and to
// package keys.
//
// Ebiten v2.8.8's browser backend gives its canvas tabindex=1, focuses it
// at start when the page is not in an iframe, and calls preventDefault on
// every keydown the canvas receives, Tab included: focus could enter the
// plot but never leave it, in the page and in every embed. The game
// starts unfocused (RunGameOptions.InitUnfocused), the page gives the
// canvas tabindex=0 once the game is ready (-1 until then), and a
// listener on window in the capture phase, which runs
// before any listener on the canvas, stops every key event aimed at the
// canvas from reaching Ebiten's. The plot's own keys (keys.Handled) are
// queued for Update and their default prevented; every other key, Tab
// and Shift+Tab first, keeps the browser's default action, so the plot is
// one tab stop like any other control. The game reads no key through
// Ebiten.
type Keys struct {
	canvas js.Value
	queue  []keys.Key
	// focused is whether the canvas has the focus; focusChanged is set
	// when it gained or lost it since the last drain, and visibleFocus
	// when it gained it from the keyboard (:focus-visible), which shows
	// the cursor at once.
	focused, focusChanged, visibleFocus bool
}

// maxKeys bounds the queue if frames stop; a key held down repeats about
// 30 times a second, far below it.
const maxKeys = 1024

// ListenKeys takes the keys aimed at canvas before Ebiten does, queues the
// plot's own and calls wake after each.
func ListenKeys(canvas js.Value, wake func()) *Keys {
	k := &Keys{canvas: canvas}
	if !canvas.Truthy() {
		return k
	}
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

func (k *Keys) listen(target js.Value, name string, capture bool, f func(js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		f(args[0])
		return nil
	})
	target.Call("addEventListener", name, fn, map[string]any{"capture": capture})
}

// Pending reports whether keys or a focus change wait for Update.
func (k *Keys) Pending() bool { return len(k.queue) > 0 || k.focusChanged }

// Blur moves the focus out of the plot, as Escape asks.
func (k *Keys) Blur() {
	if k.canvas.Truthy() {
		k.canvas.Call("blur")
	}
}

// Drain returns the queued keys and empties the queue.
func (k *Keys) Drain() []keys.Key {
	q := k.queue
	k.queue = nil
	return q
}

// TakeFocus reports whether the canvas gained or lost the focus since the
// last call, whether it has it, and whether it came from the keyboard
// (:focus-visible), which shows the cursor at once.
func (k *Keys) TakeFocus() (changed, focused, fromKeyboard bool) {
	changed = k.focusChanged
	k.focusChanged = false
	return changed, k.focused, k.visibleFocus
}
