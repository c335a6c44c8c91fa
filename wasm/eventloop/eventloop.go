//go:build js && wasm

// Package eventloop lets a long computation in Go hand the browser's event
// loop back between its slices, so that input, frames and messages go on.
package eventloop

import "syscall/js"

// Yielder yields to the event loop through a message posted to itself on
// a MessageChannel: the browser delivers it after whatever already waits,
// with none of the delay a timer of 0 ms has (clamped to 4 ms when nested,
// and throttled in background tabs).
type Yielder struct {
	port      js.Value
	onMessage js.Func
	next      chan struct{}
}

// New returns a Yielder. It panics if the global scope has no
// MessageChannel.
func New() *Yielder {
	y := &Yielder{next: make(chan struct{}, 1)}
	mc := js.Global().Get("MessageChannel")
	if mc.Type() != js.TypeFunction {
		panic("eventloop: no MessageChannel")
	}
	ch := mc.New()
	y.onMessage = js.FuncOf(func(js.Value, []js.Value) any {
		select {
		case y.next <- struct{}{}:
		default:
		}
		return nil
	})
	ch.Get("port1").Set("onmessage", y.onMessage)
	y.port = ch.Get("port2")
	return y
}

// Yield returns after the event loop has run the tasks that were waiting.
// Only one goroutine may call it at a time.
func (y *Yielder) Yield() {
	y.port.Call("postMessage", nil)
	<-y.next
}
