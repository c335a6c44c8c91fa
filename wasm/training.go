//go:build js && wasm

package main

import (
	"syscall/js"
	"time"
)

// trainChunk is how long a training runs before it lets the browser's
// event loop go on: input, frames and the page's own scripts. It keeps
// every task of the main thread well under 50 ms, frame included.
const trainChunk = 20 * time.Millisecond

// tickTarget is how long one Tick should take; the epochs per Tick follow
// it, so that a chunk ends close to trainChunk.
const tickTarget = 5 * time.Millisecond

// trainer runs a running training here, between frames, when the worker
// (see remote) cannot: as fast as the engine goes, in chunks of
// trainChunk separated by a yield to the event loop.
// A frame draws whatever the training has reached. The scene gives the
// same bits however its epochs are split, so the chunks never change the
// result; a hidden page or an embed out of view does not train at all and
// goes on where it was.
type trainer struct {
	g *game
	// wake is signalled by rest.nudge: a training may have started, or the
	// plot come into view.
	wake chan struct{}
	// next resumes after a yield: a message posted to ourselves, which the
	// event loop delivers after whatever is waiting, with no timer delay.
	next          chan struct{}
	port          js.Value
	onMessage     js.Func
	epochsPerTick int
}

func newTrainer(g *game) *trainer {
	t := &trainer{g: g, wake: make(chan struct{}, 1), next: make(chan struct{}, 1), epochsPerTick: 20}
	mc := js.Global().Get("MessageChannel").New()
	t.onMessage = js.FuncOf(func(js.Value, []js.Value) any {
		select {
		case t.next <- struct{}{}:
		default:
		}
		return nil
	})
	mc.Get("port1").Set("onmessage", t.onMessage)
	t.port = mc.Get("port2")
	return t
}

// nudge tells the trainer that something changed. It never blocks.
func (t *trainer) nudge() {
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// run trains while the scene has a running training and the plot can be
// seen, and waits otherwise. It never returns.
func (t *trainer) run() {
	for {
		t.g.remote.update()
		if !t.g.scene.Running() || !t.g.rest.visible() || t.g.remote.busy() {
			<-t.wake
			continue
		}
		start := time.Now()
		for t.g.scene.Running() && time.Since(start) < trainChunk {
			tick := time.Now()
			t.g.scene.Tick(t.epochsPerTick)
			t.g.perf.Train.Since(tick)
			if took := time.Since(tick); took > 0 {
				next := float64(t.epochsPerTick) * float64(tickTarget) / float64(took)
				// Change gradually: timings in a browser are noisy.
				t.epochsPerTick = max(1, min(5000, int(0.7*float64(t.epochsPerTick)+0.3*next)))
			}
		}
		// A new model to draw.
		t.g.rest.nudge()
		t.port.Call("postMessage", nil)
		<-t.next
	}
}
