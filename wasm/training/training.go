//go:build js && wasm

// Package training runs the scene's step-wise trainings off the game loop:
// in a Web Worker (wasm/worker) when it can, where the engine runs at full
// speed and the page's main thread only draws what the training has
// reached and stays free for input; otherwise in the page, between frames,
// in short slices.
//
// The worker is loaded the first time a training starts, and trains the
// scene from its link (package share); the scene here takes each progress
// it sends (scene.Handover), which gives the same bits as training here.
// If the worker cannot start (no Worker, a policy that forbids it, a
// failed download), training runs in the page, and the notice says so.
package training

import (
	"time"

	"advplay/engine/scene"
	"advplay/wasm/eventloop"
)

// Host is what a Runner needs of the page's module.
type Host struct {
	// Scene returns the scene the page shows (a loaded link replaces it).
	Scene func() *scene.Scene
	// Visible reports whether the plot can be seen: nothing trains while
	// it cannot.
	Visible func() bool
	// Changed tells the module that a model changed: the page must be
	// told, and a picture drawn.
	Changed func()
	// Notice shows a line on the page.
	Notice func(string)
	// Ticked records how long one slice of training took in the page.
	Ticked func(time.Duration)
}

// Runner runs the trainings of one page.
type Runner struct {
	host   Host
	worker worker
	// wake is signalled by Nudge: a training may have started, or the
	// plot come into view.
	wake    chan struct{}
	yielder *eventloop.Yielder
	ticker  scene.Ticker
}

// slice is how long a training runs in the page before it lets the
// browser's event loop go on: input, frames and the page's own scripts,
// each task of the main thread well under 50 ms, frame included; tick is
// how long one Tick should take, so that a slice ends close to it.
const (
	slice = 20 * time.Millisecond
	tick  = 5 * time.Millisecond
)

// New returns a Runner for host; Run must then run in a goroutine of its
// own.
func New(host Host) *Runner {
	r := &Runner{host: host, wake: make(chan struct{}, 1), yielder: eventloop.New(),
		ticker: scene.Ticker{Target: tick, MaxEpochs: 5000}}
	r.worker.runner = r
	return r
}

// Nudge tells the runner that something changed: a training may have
// started or paused, or the plot come into or gone out of view. It never
// blocks.
func (r *Runner) Nudge() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
	r.worker.follow()
}

// Update starts the worker, hands it a training that starts, and passes on
// pauses. Update runs in the game loop, and the page's own training loop
// (Run) calls it as soon as a change wakes it.
func (r *Runner) Update() { r.worker.update() }

// Prepare readies the worker for a training of the digits to come: it
// starts the worker, if it has not started, and has it fetch the digit
// files names (package digitfiles) while the page fetches them too, so
// that neither the worker's start nor its fetch waits for the training.
func (r *Runner) Prepare(names []string) { r.worker.prepare(names) }

// Where says where a training runs: "worker", "page", or "starting" while
// the worker loads; ComputeMs is the worker's own training time for the
// current training.
func (r *Runner) Where() (string, float64) { return r.worker.where(), r.worker.computeMs }

// Run trains here while the scene has a running training that the worker
// does not have and the plot can be seen, as fast as the engine goes, in
// slices separated by a yield to the event loop, and waits otherwise. It
// never returns. The scene gives the same bits however its epochs are
// split, so the slices never change the result.
func (r *Runner) Run() {
	for {
		r.Update()
		sc := r.host.Scene()
		if !sc.Running() || !r.host.Visible() || r.worker.busy() {
			<-r.wake
			continue
		}
		r.ticker.Run(sc, slice, r.host.Ticked)
		r.host.Changed()
		r.yielder.Yield()
	}
}
