//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"math"
	"syscall/js"
	"time"

	"advplay/engine/mnist"
	"advplay/engine/scene"
	"advplay/engine/scene/csvfile"
	"advplay/engine/scene/message"
	"advplay/engine/scene/patch"
	"advplay/engine/scene/share"
	"advplay/wasm/digitfiles"
	"advplay/wasm/jsvalue"
	"advplay/wasm/perf"
	"advplay/wasm/push"
	"advplay/wasm/readout"
)

// api is window.advplay: the functions the page's controls, embedding
// pages and tests call, and the one way back, the summary pushed to the
// page (package push).
//
// Data flows one way. JavaScript only sends commands (set, addPoint, …);
// every call runs synchronously, so state() right after set() already
// shows the change. The page learns of changes from the push alone: its
// boot object (window.advplayBoot, site/loader.js) gives one callback,
// push, which gets a versioned summary after each batch of commands (in a
// microtask, whether or not a frame is drawn) and after each frame that
// changed what the page shows, at most one per frame's time
// (pushEvery). The controls, the link, the notice, the host page's
// messages and the readout all follow it.
//
// Go cannot throw a JavaScript exception, so a failing call returns an
// Error object and the loader's wrapper throws it.
type api struct {
	g *game
	// boot is the page's window.advplayBoot: install(raw) and
	// push(summary), each optional.
	boot   js.Value
	funcs  map[string]js.Func
	pusher push.Pusher
	// calls counts the calls into the module from JavaScript.
	calls int
	// A push is pending; the last was at lastPush; the link's timer is
	// set for linkTimer.
	pending             bool
	lastPush, linkTimer time.Time
	fire                js.Func
	// note is the notice line; plotNotices the plot's refused edits taken.
	note        push.Notice
	plotNotices int
	// shown is set once the page knows the first frame is drawn.
	shown bool
}

// pushEvery is the least time between two pushes: about a frame.
const pushEvery = 16 * time.Millisecond

// attackSlice is the longest a push or a frame works on an attack of the
// digits (Scene.FlushFor) before it lets the page paint and answer.
const attackSlice = 40 * time.Millisecond

func newAPI(g *game) *api {
	a := &api{g: g, funcs: map[string]js.Func{}, boot: js.Global().Get("advplayBoot")}
	a.fire = js.FuncOf(func(js.Value, []js.Value) any {
		a.pushNow()
		return nil
	})
	if a.boot.Type() == js.TypeObject {
		// The page's helper for long arrays of points (see jsvalue.Flatten).
		jsvalue.Flatten = a.boot.Get("flattenPoints")
	}
	sc := func() *scene.Scene { return g.plot.Scene() }
	toJS := func(v any) (any, error) { return jsvalue.ToJS(v), nil }
	a.def("state", func([]js.Value) (any, error) { return a.state(), nil })
	a.def("summary", func([]js.Value) (any, error) { return a.summary(), nil })
	a.def("set", a.set)
	a.def("addPoint", a.addPoint)
	a.def("removePoint", func(args []js.Value) (any, error) {
		i, err := index(args)
		if err != nil {
			return nil, err
		}
		return nil, sc().RemovePoint(i)
	})
	a.def("clear", func([]js.Value) (any, error) { return nil, sc().Apply(patch.Patch{"preset": "empty"}) })
	a.def("reset", func([]js.Value) (any, error) { return nil, sc().Apply(patch.Patch{"preset": sc().Settings().Preset}) })
	a.def("fitView", func([]js.Value) (any, error) { g.plot.Fit(); return nil, nil })
	a.def("toClient", a.toClient)
	a.def("fromClient", a.fromClient)
	a.def("curve", func([]js.Value) (any, error) { return toJS(sc().Chart().Full()) })
	a.def("chartTable", func([]js.Value) (any, error) {
		return toJS(readout.ChartTableOf(sc().Settings(), sc().Chart().Series(), sc().Dimensions().Curve()))
	})
	a.def("dimensionCurve", func([]js.Value) (any, error) { return toJS(sc().Dimensions().Curve()) })
	a.def("sample", func(args []js.Value) (any, error) {
		i, err := index(args)
		if err != nil {
			return nil, err
		}
		v, err := sc().Sample(i)
		return jsvalue.ToJS(v), err
	})
	a.def("weights", func([]js.Value) (any, error) { return toJS(sc().Summary().Model.Weights) })
	a.def("options", func([]js.Value) (any, error) { return toJS(readout.ChoicesOf(push.LocalLink)) })
	a.def("hash", func([]js.Value) (any, error) { return share.Encode(sc()), nil })
	a.def("share", func([]js.Value) (any, error) { a.pusher.LinkNow(); return nil, nil })
	a.def("loadHash", a.loadHash)
	a.def("message", a.message)
	a.def("pointsCSV", func([]js.Value) (any, error) { return csvfile.Points(sc()), nil })
	a.def("curveCSV", func([]js.Value) (any, error) { return csvfile.Curves(sc()), nil })
	a.def("importCSV", func(args []js.Value) (any, error) {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return nil, errors.New("text: must be the CSV file's text")
		}
		return nil, csvfile.Import(sc(), args[0].String())
	})
	a.def("exportPNG", a.exportPNG)
	return a
}

// def registers a function; errors become Error objects. Every call may
// change what the page shows: it wakes the game loop when something the
// picture shows changed, and asks for a push.
func (a *api) def(name string, f func(args []js.Value) (any, error)) {
	wrap := func(err error) error { return fmt.Errorf("advplay.%s: %w", name, err) }
	a.funcs[name] = js.FuncOf(func(this js.Value, args []js.Value) any {
		v, err := a.call(func() (any, error) { return f(args) })
		if missing, ok := mnist.IsMissing(err); ok {
			// A scene of the digits whose files are not here yet: the
			// call waits for them and then takes effect whole, or fails
			// naming the file; until then nothing changes.
			return a.afterDigits(missing.Names, func() (any, error) { return f(args) }, wrap)
		}
		if err != nil {
			return jsvalue.Error(wrap(err))
		}
		return v
	})
}

// afterDigits returns a promise of retry's result once the digit files
// names are fetched, saying so on the notice line meanwhile; it rejects
// with wrap's error, also shown there, when they cannot be fetched or
// retry fails. The training worker starts and fetches them meanwhile, as
// the training of the digits is its to do.
func (a *api) afterDigits(names []string, retry func() (any, error), wrap func(error) error) js.Value {
	a.notice("Fetching the MNIST digits…", "info")
	a.g.runner.Prepare(names)
	return digitfiles.Promise(names, func() (any, error) {
		a.notice("", "info")
		return a.call(retry)
	}, func(err error) error {
		err = wrap(err)
		a.notice(err.Error(), "")
		return err
	})
}

// call makes one call of the API: it wakes the game loop when something
// the picture shows changed, and asks for a push.
func (a *api) call(f func() (any, error)) (any, error) {
	a.calls++
	before := a.g.steering()
	pngs := len(a.g.pngRequests)
	v, err := f()
	if a.g.steering() != before || len(a.g.pngRequests) != pngs {
		a.g.rest.Nudge()
	}
	a.requestPush()
	return v, err
}

// install hands the functions to the page's boot object, which defines
// window.advplay and announces readiness; without one (a page of its own),
// they become window.advplay as they are.
func (a *api) install() {
	raw := js.Global().Get("Object").New()
	for name, f := range a.funcs {
		raw.Set(name, f)
	}
	if a.hook("install", raw) {
		return
	}
	js.Global().Set("advplay", raw)
}

// drawn tells the page, once, that the first frame is drawn: the loader
// then takes the poster away, which the frame now covers.
func (a *api) drawn() {
	if !a.shown {
		a.shown = true
		a.hook("drawn")
	}
}

// hook calls the boot object's function name with args, and reports
// whether there was one.
func (a *api) hook(name string, args ...any) bool {
	if a.boot.Type() != js.TypeObject {
		return false
	}
	f := a.boot.Get(name)
	if f.Type() != js.TypeFunction {
		return false
	}
	f.Invoke(args...)
	return true
}

// requestPush asks for a push: in a microtask, after the commands of the
// current task, or, within pushEvery of the last, when that has passed. It
// never blocks, and asks once however often it is called before the push.
func (a *api) requestPush() {
	if a.pending || !a.g.ready {
		return
	}
	a.pending = true
	if wait := time.Until(a.lastPush.Add(pushEvery)); wait > 0 {
		js.Global().Call("setTimeout", a.fire, wait.Milliseconds()+1)
		return
	}
	js.Global().Call("queueMicrotask", a.fire)
}

// pushNow pushes the summary if the page must be told, and sets a timer
// for the link's.
func (a *api) pushNow() {
	a.pending = false
	a.lastPush = time.Now()
	sc := a.g.plot.Scene()
	// Computing never waits for a frame: the figures follow a command at
	// once, but lag a running training by up to perf.AttackEvery.
	sc.FlushTraining()
	if !sc.Running() && !sc.FlushFor(attackSlice) {
		// A long attack of the digits goes on in slices, a push each.
		time.AfterFunc(pushEvery, a.requestPush)
	}
	if a.g.plot.Stale() {
		// The digits moved in their plane: a frame fits the view to them.
		a.g.rest.Nudge()
	}
	if sum, ok := a.pusher.Build(sc, a.frame(), time.Now()); ok {
		a.hook("push", jsvalue.ToJS(sum))
	}
	if due, ok := a.pusher.LinkDue(); ok && due != a.linkTimer {
		a.linkTimer = due
		time.AfterFunc(time.Until(due), a.requestPush)
	}
}

// frame returns what the summary shows besides the scene.
func (a *api) frame() push.Frame {
	g := a.g
	said, seq := g.plot.Said()
	if text, n := g.plot.Notice(); n > 0 && text != "" {
		a.noticeSeq(text, "error", n)
	}
	top, right, bottom, left := g.plot.Layout().Box()
	sc := g.plot.Scene()
	return push.Frame{Compact: g.plot.Layout().Compact(), Said: said, SaidSeq: seq, Notice: a.note, Cursor: g.plot.CursorData(),
		Shown: g.plot.Shown(), Plot: push.Box{Top: top, Right: right, Bottom: bottom, Left: left}, Perf: a.perfReport(sc.Peek().Perf),
		Chart: g.chart, Table: func() readout.Table {
			return readout.ChartTableOf(sc.Settings(), sc.Chart().Series(), sc.Dimensions().Curve())
		}}
}

// notice shows a line under the controls, in the next push.
func (a *api) notice(text, kind string) {
	a.note = push.Notice{Text: text, Kind: kind, Seq: a.note.Seq + 1}
	a.requestPush()
}

// noticeSeq takes the plot's refused edit number n, once.
func (a *api) noticeSeq(text, kind string, n int) {
	if n != a.plotNotices {
		a.plotNotices = n
		a.note = push.Notice{Text: text, Kind: kind, Seq: a.note.Seq + 1}
	}
}

// perfReport is state().perf: the frame timings, the scene's own, and
// the traffic between the page and the module.
func (a *api) perfReport(s scene.Perf) perf.Report {
	r := a.g.perf.Report(s)
	_, due := a.pusher.LinkDue()
	// At rest means nothing is pending, not even the link of the last
	// change, which a timer brings.
	r.Asleep = a.g.rest.Sleeping() && !due && !a.pending
	r.Calls = a.calls
	r.Pushes, r.LinkPushes = a.pusher.Pushes()
	r.Trainer, r.WorkerMs = a.g.runner.Where()
	return r
}

// stateValue is state() as JSON-able data: the scene's state plus the
// frame timings.
type stateValue struct {
	scene.State
	Perf perf.Report `json:"perf"`
}

func (a *api) state() any {
	st := a.g.plot.Scene().State()
	r := a.perfReport(st.Perf)
	r.Memory = perf.ReadMemory()
	return jsvalue.ToJS(stateValue{State: st, Perf: r})
}

// summary returns what the last push said, with the figures as they are
// now.
func (a *api) summary() any {
	sc := a.g.plot.Scene()
	sc.Flush()
	return jsvalue.ToJS(a.pusher.Peek(sc, a.frame()))
}

func (a *api) set(args []js.Value) (any, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("takes one argument, a patch object, got %d", len(args))
	}
	v, err := jsvalue.FromJS(args[0])
	if err != nil {
		return nil, err
	}
	p, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("patch: must be an object such as {epsilon: 0.2}")
	}
	return nil, a.g.plot.Scene().Apply(p)
}

func (a *api) addPoint(args []js.Value) (any, error) {
	x, y, err := jsvalue.Pair(args, "x", "y")
	if err != nil {
		return nil, err
	}
	sc := a.g.plot.Scene()
	label := sc.Settings().Class
	if len(args) > 2 {
		v, err := jsvalue.FromJS(args[2])
		if err != nil {
			return nil, fmt.Errorf("label: %w", err)
		}
		if label, err = patch.Label("label", v); err != nil {
			return nil, err
		}
	}
	return sc.AddPoint(x, y, label)
}

// index returns argument 0 as a point's index: a whole number, which the
// scene then checks against its points.
func index(args []js.Value) (int, error) {
	v, err := jsvalue.Number(args, 0, "index")
	if err != nil {
		return 0, err
	}
	if v != math.Trunc(v) {
		return 0, fmt.Errorf("index: must be a whole number, got %v", v)
	}
	return int(v), nil
}

func (a *api) toClient(args []js.Value) (any, error) {
	x, y, err := jsvalue.Pair(args, "x", "y")
	if err != nil {
		return nil, err
	}
	ox, oy := a.g.pointer.Origin()
	px, py := a.g.plot.ToClient(x, y, ox, oy)
	return map[string]any{"x": px, "y": py}, nil
}

func (a *api) fromClient(args []js.Value) (any, error) {
	px, py, err := jsvalue.Pair(args, "px", "py")
	if err != nil {
		return nil, err
	}
	ox, oy := a.g.pointer.Origin()
	x, y := a.g.plot.FromClient(px, py, ox, oy)
	return map[string]any{"x": x, "y": y}, nil
}

func (a *api) loadHash(args []js.Value) (any, error) {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return nil, errors.New("hash: must be a string")
	}
	s, err := share.Decode(args[0].String())
	if err != nil {
		return nil, err
	}
	a.g.plot.SetScene(s)
	return nil, nil
}

// message handles a postMessage from a host page: it returns the reply, or
// null for a message that is not for advplay.
func (a *api) message(args []js.Value) (any, error) {
	if len(args) != 1 {
		return nil, errors.New("takes one argument, the message data")
	}
	v, err := jsvalue.FromJS(args[0])
	if err != nil {
		reply := map[string]any{"type": "advplay:error", "message": err.Error()}
		// Echo the id, so that a host waiting on it hears of the refusal.
		if args[0].Type() == js.TypeObject {
			if id := args[0].Get("id"); id.Type() == js.TypeString {
				reply["id"] = id.String()
			} else if id.Type() == js.TypeNumber {
				reply["id"] = id.Float()
			}
		}
		return jsvalue.ToJS(reply), nil
	}
	reply := message.Handle(a.g.plot.Scene(), v)
	if names, ok := reply["missing"].([]string); ok {
		// As for a call (see def): the reply waits for the digit files.
		return a.afterDigits(names, func() (any, error) {
			r := message.Handle(a.g.plot.Scene(), v)
			delete(r, "missing")
			return jsvalue.ToJS(r), nil
		}, func(err error) error { return fmt.Errorf("advplay.message: %w", err) }), nil
	}
	if reply != nil {
		return jsvalue.ToJS(reply), nil
	}
	return nil, nil
}
