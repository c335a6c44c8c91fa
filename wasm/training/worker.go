//go:build js && wasm

package training

import (
	"errors"
	"math"
	"syscall/js"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
)

// worker is the page's side of the training worker.
type worker struct {
	runner *Runner
	port   js.Value
	status status
	// task is the training handed to the worker, numbered id; paused says
	// the worker was told to pause it.
	task   scene.Training
	id     float64
	handed bool
	paused bool
	// local is set when a running training could not be handed over (it
	// had started here): the trainer here finishes it.
	local bool
	// computeMs is the worker's own training time for the task.
	computeMs float64
}

type status int

const (
	remoteNone status = iota
	remoteLoading
	remoteReady
	remoteFailed
)

// busy reports whether the trainer here must leave the training alone:
// the worker is coming, or has it.
func (r *worker) busy() bool {
	switch r.status {
	case remoteFailed:
		return false
	case remoteReady:
		return !r.local
	}
	return true
}

// where says where a training runs: in the worker, in the page, or not
// yet (the worker loads).
func (r *worker) where() string {
	switch {
	case r.status == remoteFailed || r.local:
		return "page"
	case r.status == remoteReady:
		return "worker"
	}
	return "starting"
}

// start loads the worker.
func (r *worker) start() {
	r.status = remoteLoading
	ctor := js.Global().Get("Worker")
	if ctor.Type() != js.TypeFunction {
		r.fail("this browser has no Web Workers")
		return
	}
	defer func() {
		// The constructor throws when a policy forbids the worker.
		if e := recover(); e != nil {
			r.fail("the page's policy forbids a Web Worker")
		}
	}()
	r.port = ctor.New("worker.js")
	// The worker's messages are taken at once, as API calls are: a frame
	// can be far off when the GPU is slow, and the training is done.
	onMessage := js.FuncOf(func(this js.Value, args []js.Value) any {
		r.receive(args[0].Get("data"))
		r.runner.host.Changed()
		return nil
	})
	onError := js.FuncOf(func(this js.Value, args []js.Value) any {
		args[0].Call("preventDefault")
		r.fail("the training worker did not start")
		r.runner.host.Changed()
		return nil
	})
	r.port.Call("addEventListener", "message", onMessage)
	r.port.Call("addEventListener", "error", onError)
}

// prepare starts the worker and has it fetch the digit files names:
// worker.js keeps the message until the module listens, so the download
// goes on while it compiles. Nothing if the worker failed: the page
// trains.
func (r *worker) prepare(names []string) {
	switch r.status {
	case remoteFailed:
		return
	case remoteNone:
		r.start()
	}
	if r.status == remoteFailed || len(names) == 0 {
		return // the constructor failed
	}
	list := make([]any, len(names))
	for i, n := range names {
		list[i] = n
	}
	r.port.Call("postMessage", map[string]any{"type": "fetch", "names": list})
}

// fail falls back to training here, and says why.
func (r *worker) fail(why string) {
	r.status = remoteFailed
	if r.port.Truthy() {
		r.port.Call("terminate")
	}
	if h := r.runner.host.Scene().Handover(); r.handed && h.Current(r.task) {
		// The worker had the training: start it again here.
		h.Restart()
	}
	r.handed = false
	r.runner.host.Notice("Training runs in the page itself, more slowly: " + why + ".")
	r.runner.Nudge()
}

// update starts the worker, hands it a training that starts, and passes
// on pauses. Update and the trainer call it, the trainer as soon as a
// change wakes it.
func (r *worker) update() {
	sc := r.runner.host.Scene()
	h := sc.Handover()
	if r.status == remoteNone && sc.Running() {
		r.start()
	}
	if r.status != remoteReady {
		return
	}
	if !sc.Running() {
		r.local = false
	}
	if sc.Running() && !r.local && !(r.handed && h.Current(r.task)) {
		if task, ok := h.Start(); ok {
			r.id++
			r.task, r.handed, r.paused, r.computeMs = task, true, false, 0
			r.port.Call("postMessage", map[string]any{"type": "train", "id": r.id, "link": share.Encode(sc)})
		} else {
			r.local = true
			r.runner.Nudge()
		}
	}
	r.follow()
}

// follow pauses the worker's training while the scene's is paused or the
// plot cannot be seen (a hidden tab, an embed out of view), and resumes
// it after. It is also called from the page's visibility events, when
// Update does not run.
func (r *worker) follow() {
	sc := r.runner.host.Scene()
	if r.status != remoteReady || !r.handed || !sc.Handover().Current(r.task) {
		return
	}
	if pause := !sc.Running() || !r.runner.host.Visible(); pause != r.paused {
		r.paused = pause
		kind := map[bool]string{true: "pause", false: "resume"}[pause]
		r.port.Call("postMessage", map[string]any{"type": kind, "id": r.id})
	}
}

func (r *worker) receive(m js.Value) {
	switch m.Get("type").String() {
	case "ready":
		r.status = remoteReady
		r.runner.Nudge()
	case "failed":
		r.fail(m.Get("message").String())
	case "error":
		r.fail("the worker could not read the scene: " + m.Get("message").String())
	case "progress":
		if m.Get("id").Float() != r.id || !r.handed || r.paused {
			return // an old training's, or one paused here
		}
		p, err := progressOf(m.Get("progress"))
		if err != nil {
			r.fail("its progress could not be read: " + err.Error())
			return
		}
		r.computeMs = m.Get("computeMs").Float()
		// A training replaced here since (an edit) refuses it: nothing to do.
		_ = r.runner.host.Scene().Handover().Apply(r.task, p)
	}
}

// maxParams bounds the parameters of a model in a progress: far more than
// the largest network the scene takes (784 inputs, 256 units a layer),
// beyond the bound on arrays from the page (jsvalue.MaxLength), which a
// network on the digits passes.
const maxParams = 1 << 22

// progressOf reads a scene.Progress that the worker sent as a plain
// object (jsvalue.ToJS of one), parameters included, bit for bit.
func progressOf(v js.Value) (scene.Progress, error) {
	run := func(v js.Value) (scene.RunProgress, error) {
		if v.Type() != js.TypeObject {
			return scene.RunProgress{}, errors.New("a model's progress is not an object")
		}
		params := v.Get("params")
		if params.Type() != js.TypeObject || params.Length() > maxParams {
			return scene.RunProgress{}, errors.New("no parameters")
		}
		num := func(name string) float64 {
			if f := v.Get(name); f.Type() == js.TypeNumber {
				return f.Float()
			}
			return math.NaN()
		}
		p := scene.RunProgress{Epoch: int(num("epoch")), Loss: num("loss"),
			Done: v.Get("done").Truthy(), Converged: v.Get("converged").Truthy(), Params: make([]float64, params.Length())}
		if epoch := num("epoch"); !(epoch >= 0) {
			return scene.RunProgress{}, errors.New("a model's progress has no epoch")
		}
		for i := range p.Params {
			x := params.Index(i)
			if x.Type() != js.TypeNumber {
				return scene.RunProgress{}, errors.New("a parameter is not a number")
			}
			p.Params[i] = x.Float()
		}
		return p, nil
	}
	if v.Type() != js.TypeObject {
		return scene.Progress{}, errors.New("the progress is not an object")
	}
	main, err := run(v.Get("main"))
	if err != nil {
		return scene.Progress{}, err
	}
	p := scene.Progress{Main: main}
	// The baseline (the plain model beside a defended one) and the rival
	// (the robust linear model beside a robust network on the digits).
	for _, side := range []struct {
		name string
		dst  **scene.RunProgress
	}{{"baseline", &p.Baseline}, {"rival", &p.Rival}} {
		if b := v.Get(side.name); b.Truthy() {
			r, err := run(b)
			if err != nil {
				return scene.Progress{}, err
			}
			*side.dst = &r
		}
	}
	return p, nil
}
