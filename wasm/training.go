//go:build js && wasm

package main

import (
	"time"

	"advplay/engine/scene"
	"advplay/wasm/eventloop"
)

// trainChunk is how long a training runs before it lets the browser's
// event loop go on: input, frames and the page's own scripts. It keeps
// every task of the main thread well under 50 ms, frame included.
const trainChunk = 20 * time.Millisecond

// tickTarget is how long one Tick should take, so that a chunk ends
// close to trainChunk.
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
	wake    chan struct{}
	yielder *eventloop.Yielder
	ticker  scene.Ticker
}

func newTrainer(g *game) *trainer {
	return &trainer{g: g, wake: make(chan struct{}, 1), yielder: eventloop.New(),
		ticker: scene.Ticker{Target: tickTarget, MaxEpochs: 5000}}
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
		t.ticker.Run(t.g.scene, trainChunk, t.g.perf.Train.Add)
		// A new model to draw.
		t.g.rest.nudge()
		t.yielder.Yield()
	}
}
