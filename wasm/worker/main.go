//go:build js && wasm

// Command worker trains a scene in a Web Worker, at the engine's full
// speed and off the page's main thread, and sends its progress back. The
// page (wasm/training) loads it the first time a training starts, or
// when the MNIST preset is chosen, hands it the scene's link, and shows
// each progress as it comes; it has the engine and no Ebiten, so it is a
// third of the page's module.
//
// Messages to it: {type: "train", id, link} trains the scene the link
// describes, from scratch, forgetting any other; {type: "pause", id} and
// {type: "resume", id} pause and resume it; {type: "fetch", names} fetches
// MNIST digit files ahead of a training that will need them. The page may
// post before the worker is ready: site/worker.js keeps those messages
// until main listens. Messages from it: {type: "ready"} once it listens;
// {type: "progress", id, progress, computeMs}, at most every
// progressEvery and when the training stops; {type: "error", id,
// message} when a link does not decode.
package main

import (
	"syscall/js"
	"time"

	"advplay/engine/digitfit"
	"advplay/engine/mnist"
	"advplay/engine/scene"
	"advplay/engine/scene/share"
	"advplay/wasm/digitfiles"
	"advplay/wasm/eventloop"
	"advplay/wasm/jsvalue"
)

// chunk is how long the worker trains before it reads its messages;
// progressEvery how often it reports.
const (
	chunk         = 50 * time.Millisecond
	progressEvery = 100 * time.Millisecond
)

type worker struct {
	scene   *scene.Scene
	id      float64
	paused  bool
	compute time.Duration
	// wake resumes the training loop after a message.
	wake    chan struct{}
	yielder *eventloop.Yielder
}

func main() {
	// The worker trains the digits' models; the page's main module
	// carries none of their code.
	scene.DigitTrainers = digitfit.All()
	w := &worker{wake: make(chan struct{}, 1), yielder: eventloop.New()}
	js.Global().Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		w.receive(args[0].Get("data"))
		return nil
	}))
	post(map[string]any{"type": "ready"})
	w.run()
}

func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

func post(m map[string]any) { js.Global().Call("postMessage", jsvalue.ToJS(m)) }

func (w *worker) receive(msg js.Value) {
	if msg.Get("type").String() == "fetch" {
		names := make([]string, msg.Get("names").Length())
		for i := range names {
			names[i] = msg.Get("names").Index(i).String()
		}
		// A failure shows when the training's own fetch fails too.
		go digitfiles.Fetch(names)
		return
	}
	id := msg.Get("id").Float()
	switch msg.Get("type").String() {
	case "train":
		link := msg.Get("link").String()
		w.paused = false
		sc, err := share.Decode(link)
		if missing, ok := mnist.IsMissing(err); ok {
			// A scene of the digits: fetch them (from the browser's
			// cache, where the page's own fetch left them), then train.
			w.id, w.scene = id, nil
			go func() {
				err := digitfiles.Fetch(missing.Names)
				if w.id != id {
					return // a newer training came meanwhile
				}
				if err == nil {
					sc, err = share.Decode(link)
				}
				w.start(id, sc, err)
			}()
			return
		}
		w.start(id, sc, err)
		return
	case "pause":
		if id == w.id {
			w.paused = true
		}
	case "resume":
		if id == w.id {
			w.paused = false
		}
	}
	signal(w.wake)
}

// start trains sc for the training id, or reports err.
func (w *worker) start(id float64, sc *scene.Scene, err error) {
	if err != nil {
		post(map[string]any{"type": "error", "id": id, "message": err.Error()})
		return
	}
	w.scene, w.id, w.compute = sc, id, 0
	signal(w.wake)
}

// run trains whatever scene it was given, in chunks, reporting its
// progress, and waits for a message when there is nothing to train.
func (w *worker) run() {
	// Ticks of about a tenth of a chunk.
	ticker := scene.Ticker{Target: chunk / 10, MaxEpochs: 10000}
	var reported time.Time
	for {
		if w.scene == nil || w.paused || !w.scene.Running() {
			<-w.wake
			continue
		}
		w.compute += ticker.Run(w.scene, chunk, nil)
		if !w.scene.Running() || time.Since(reported) >= progressEvery {
			reported = time.Now()
			post(map[string]any{"type": "progress", "id": w.id, "progress": w.scene.Handover().Progress(),
				"computeMs": float64(w.compute.Microseconds()) / 1000})
		}
		// Let the event loop deliver messages, then go on.
		w.yielder.Yield()
	}
}
