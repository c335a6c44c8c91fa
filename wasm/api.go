//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"math"
	"syscall/js"
	"time"

	"advplay/engine/scene"
	"advplay/wasm/jsvalue"
	"advplay/wasm/perf"
	"advplay/wasm/readout"
)

// api is window.advplay: the functions the page's controls, embedding
// pages and tests call, and the one way back, the summary pushed to the
// page after each frame that changed what it shows.
//
// Data flows one way. JavaScript only sends commands (set, addPoint, …);
// every call runs synchronously between frames, so state() right after
// set() already shows the change. The page learns of changes from the
// push alone: its boot object (window.advplayBoot, site/loader.js) gives
// one callback, push, which Update calls at most once a frame with a
// versioned summary. The controls, the URL, the host page's messages and
// the live readout all follow that push.
//
// Go cannot throw a JavaScript exception, so a failing call returns an
// Error object and the loader's wrapper throws it.
type api struct {
	g     *game
	funcs map[string]js.Func
	// boot is the page's window.advplayBoot: install(raw), push(summary)
	// and notice(message), each optional.
	boot js.Value
	// lastNotice is the latest message for the page's notice line.
	lastNotice string
	// seen is what the page was last told about, and version counts the
	// summaries pushed.
	seen    seenState
	version int
	// linkPushes counts the pushes that brought only the link.
	linkPushes int
	// calls counts the calls into the module from JavaScript.
	calls int
	// linked is what the last link pushed described; linkDue is when the
	// next one is due, after linkDelay without change.
	linked, pending linkState
	linkDue         time.Time
}

// linkState is what the scene's link (Encode) describes.
type linkState struct {
	points   int
	settings scene.Settings
	running  bool
}

// linkDelay is how long the scene must stay as it is before its link is
// pushed: encoding compresses every point, and a link that follows a
// slider held down step by step would only fill the browser's history
// of replaceState calls.
const linkDelay = 300 * time.Millisecond

// seenState identifies what the page shows of the game, to tell it only
// of changes: the scene, the readout's size, the chart's series and what
// the keyboard last said.
type seenState struct {
	points, model, attack int
	settings              scene.Settings
	running               bool
	compact               bool
	curves                int
	saidSeq               int
	cursor                cursorValue
	shown                 int
}

// seenNow returns the current seenState.
func (a *api) seenNow() seenState {
	p, m, at := a.g.scene.Versions()
	return seenState{points: p, model: m, attack: at, settings: a.g.scene.Settings(), running: a.g.scene.Running(),
		compact: a.g.compactReadout(), curves: a.g.curves, saidSeq: a.g.saidSeq, cursor: a.g.cursorValue(), shown: a.g.shown}
}

func newAPI(g *game) *api {
	a := &api{g: g, funcs: map[string]js.Func{}, boot: js.Global().Get("advplayBoot")}
	if a.boot.Type() == js.TypeObject {
		// The page's helper for long arrays of points (see jsvalue.Flatten).
		jsvalue.Flatten = a.boot.Get("flattenPoints")
	}
	a.def("state", a.state)
	a.def("set", a.set)
	a.def("addPoint", a.addPoint)
	a.def("removePoint", a.removePoint)
	a.def("clear", func([]js.Value) (any, error) { a.g.scene.Clear(); return nil, nil })
	a.def("reset", func([]js.Value) (any, error) { a.g.scene.Reset(); return nil, nil })
	a.def("fitView", func([]js.Value) (any, error) { a.g.fitView(); return nil, nil })
	a.def("toClient", a.toClient)
	a.def("fromClient", a.fromClient)
	a.def("curve", func([]js.Value) (any, error) { return jsvalue.ToJS(a.g.scene.Curves()), nil })
	a.def("chartTable", func([]js.Value) (any, error) { return jsvalue.ToJS(a.g.chartTable()), nil })
	a.def("dimensionCurve", func([]js.Value) (any, error) { return jsvalue.ToJS(a.g.scene.DimensionCurve()), nil })
	a.def("sample", a.sample)
	a.def("weights", func([]js.Value) (any, error) { return jsvalue.ToJS(a.g.scene.Weights()), nil })
	a.def("options", func([]js.Value) (any, error) { return jsvalue.ToJS(readout.Options()), nil })
	a.def("summary", a.summary)
	a.def("hash", func([]js.Value) (any, error) { return a.g.scene.Encode(), nil })
	a.def("loadHash", a.loadHash)
	a.def("message", a.message)
	a.def("pointsCSV", func([]js.Value) (any, error) { return a.g.scene.PointsCSV(), nil })
	a.def("curveCSV", func([]js.Value) (any, error) { return a.g.scene.CurveCSV(), nil })
	a.def("importCSV", a.importCSV)
	a.def("exportPNG", a.exportPNG)
	return a
}

// def registers a function; errors become Error objects. A call that
// changes what the page shows wakes the game loop, which may be resting.
func (a *api) def(name string, f func(args []js.Value) (any, error)) {
	a.funcs[name] = js.FuncOf(func(this js.Value, args []js.Value) any {
		a.calls++
		before, tf, pngs := a.seenNow(), a.g.tf, len(a.g.pngRequests)
		v, err := f(args)
		if a.seenNow() != before || a.g.tf != tf || len(a.g.pngRequests) != pngs {
			a.g.rest.nudge()
		}
		if err != nil {
			return jsvalue.Error(fmt.Errorf("advplay.%s: %w", name, err))
		}
		return v
	})
}

// install hands the functions to the page's boot object, which defines
// window.advplay and announces readiness; without one (a page of its own),
// they become window.advplay as they are.
func (a *api) install() {
	// Told before install runs, so that what the loader then reports
	// (about a link it restores itself) comes last.
	if a.g.startNotice != "" {
		a.notice(a.g.startNotice)
	}
	raw := js.Global().Get("Object").New()
	for name, f := range a.funcs {
		raw.Set(name, f)
	}
	if a.hook("install", raw) {
		return
	}
	js.Global().Set("advplay", raw)
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

// afterUpdate runs at the end of each Update and pushes the summary to
// the page when what it shows changed: at most one push a frame.
func (a *api) afterUpdate() {
	link := a.dueLink()
	now := a.seenNow()
	if now == a.seen && link == "" {
		return
	}
	linkOnly := now == a.seen
	a.seen = now
	a.version++
	if linkOnly {
		a.linkPushes++
	}
	// Peek, not Summary: a running training's attack stays as stale as
	// the game lets it.
	sum := a.summaryOf(a.g.scene.Peek())
	sum.Link, sum.LinkOnly = link, linkOnly
	a.hook("push", jsvalue.ToJS(sum))
}

// dueLink returns the scene's link when it changed and has stayed as it
// is for linkDelay, and "" otherwise. While one is pending, a timer wakes
// the loop when it is due.
func (a *api) dueLink() string {
	p, _, _ := a.g.scene.Versions()
	now := linkState{points: p, settings: a.g.scene.Settings(), running: a.g.scene.Running()}
	switch {
	case now == a.linked:
		a.linkDue = time.Time{}
		return ""
	case a.linkDue.IsZero() || now != a.pending:
		a.pending, a.linkDue = now, time.Now().Add(linkDelay)
		time.AfterFunc(linkDelay, a.g.rest.nudge)
		return ""
	case time.Now().Before(a.linkDue):
		return ""
	}
	a.linked, a.linkDue = now, time.Time{}
	return a.g.scene.Encode()
}

// summaryValue is state() without the points, cheap enough for every
// frame, with the readout in words.
type summaryValue struct {
	// Version counts the summaries pushed; a summary() between two pushes
	// carries the last one's.
	Version int `json:"version"`
	// Link is the scene as a URL fragment, pushed once the scene has
	// stayed as it is for linkDelay; empty otherwise.
	Link string `json:"link,omitempty"`
	// LinkOnly says nothing but the link is new since the last push.
	LinkOnly bool `json:"linkOnly,omitempty"`
	scene.State
	Points  []scene.PointState `json:"points,omitempty"`
	Perf    perf.Report        `json:"perf"`
	Readout readoutValue       `json:"readout"`
	Cursor  cursorValue        `json:"cursor"`
	// Shown is the point under the mouse or the keyboard cursor, whose
	// details the plot shows; −1 for none.
	Shown int `json:"shown"`
}

// cursorValue is the keyboard cursor in data coordinates, with the point
// it carries (−1 for none).
type cursorValue struct {
	Visible  bool    `json:"visible"`
	X        float64 `json:"x"`
	Y        float64 `json:"y"`
	Carrying int     `json:"carrying"`
}

// readoutValue is what the page shows and reads aloud as text: the
// readout's lines, the sentence for the live region, the plot's
// description, what the keyboard last did (numbered, so that the same
// words twice are read twice), and the chart's version, to rebuild its
// table.
type readoutValue struct {
	Lines        []readout.Line `json:"lines"`
	Announcement string         `json:"announcement"`
	Description  string         `json:"description"`
	Said         string         `json:"said"`
	SaidSeq      int            `json:"saidSeq"`
	Chart        int            `json:"chart"`
}

func (a *api) summaryOf(st scene.State) summaryValue {
	return summaryValue{Version: a.version, State: st, Perf: a.perfReport(st.Perf), Readout: readoutValue{
		Lines:        readout.Lines(st, a.g.compactReadout()),
		Announcement: readout.Announcement(st),
		Description:  readout.Describe(st, a.g.scene.Points()),
		Said:         a.g.said,
		SaidSeq:      a.g.saidSeq,
		Chart:        a.g.curves,
	}, Cursor: a.g.cursorValue(), Shown: a.g.shown}
}

func (a *api) summary([]js.Value) (any, error) {
	return jsvalue.ToJS(a.summaryOf(a.g.scene.Summary())), nil
}

// perfReport is state().perf: the frame timings, the scene's own, and
// the traffic between the page and the module.
func (a *api) perfReport(s scene.Perf) perf.Report {
	r := a.g.perf.Report(s)
	// At rest means nothing is pending, not even the link of the last
	// change, which a timer brings (a plot out of view waits until it
	// comes back for it).
	r.Asleep = a.g.rest.sleeping() && (a.linkDue.IsZero() || !a.g.rest.visible())
	r.Calls, r.Pushes, r.LinkPushes = a.calls, a.version, a.linkPushes
	r.Trainer, r.WorkerMs = a.g.remote.where(), a.g.remote.computeMs
	return r
}

// notice shows a one-line message on the page.
func (a *api) notice(msg string) {
	a.lastNotice = msg
	a.hook("notice", msg)
}

// stateValue is state() as JSON-able data: the scene's state plus the
// frame timings.
type stateValue struct {
	scene.State
	Perf perf.Report `json:"perf"`
}

func (a *api) state([]js.Value) (any, error) {
	st := a.g.scene.State()
	return jsvalue.ToJS(stateValue{State: st, Perf: a.perfReport(st.Perf)}), nil
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
	return nil, a.g.scene.Apply(p)
}

func (a *api) addPoint(args []js.Value) (any, error) {
	x, y, err := jsvalue.Pair(args, "x", "y")
	if err != nil {
		return nil, err
	}
	label := a.g.scene.Settings().Class
	if len(args) > 2 {
		v, err := jsvalue.FromJS(args[2])
		if err != nil {
			return nil, fmt.Errorf("label: %w", err)
		}
		if label, err = scene.Label("label", v); err != nil {
			return nil, err
		}
	}
	i, err := a.g.scene.AddPoint(x, y, label)
	if err != nil {
		return nil, err
	}
	return i, nil
}

// sample returns point i in full, with what the attack does to it (the
// glyph gallery's pictures).
func (a *api) sample(args []js.Value) (any, error) {
	i, err := index(args)
	if err != nil {
		return nil, err
	}
	sv, err := a.g.scene.Sample(i)
	if err != nil {
		return nil, err
	}
	return jsvalue.ToJS(sv), nil
}

func (a *api) removePoint(args []js.Value) (any, error) {
	i, err := index(args)
	if err != nil {
		return nil, err
	}
	return nil, a.g.scene.RemovePoint(i)
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
	px, py := a.g.toClient(x, y)
	return map[string]any{"x": px, "y": py}, nil
}

func (a *api) fromClient(args []js.Value) (any, error) {
	px, py, err := jsvalue.Pair(args, "px", "py")
	if err != nil {
		return nil, err
	}
	x, y := a.g.fromClient(px, py)
	return map[string]any{"x": x, "y": y}, nil
}

func (a *api) loadHash(args []js.Value) (any, error) {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return nil, errors.New("hash: must be a string")
	}
	s, err := scene.Decode(args[0].String())
	if err != nil {
		return nil, err
	}
	a.g.replaceScene(s)
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
			if id := args[0].Get("id"); id.Type() == js.TypeString || id.Type() == js.TypeNumber {
				if id.Type() == js.TypeString {
					reply["id"] = id.String()
				} else {
					reply["id"] = id.Float()
				}
			}
		}
		return jsvalue.ToJS(reply), nil
	}
	reply := a.g.scene.Message(v)
	if reply == nil {
		return nil, nil
	}
	return jsvalue.ToJS(reply), nil
}

func (a *api) importCSV(args []js.Value) (any, error) {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return nil, errors.New("text: must be the CSV file's text")
	}
	return nil, a.g.scene.ImportCSV(args[0].String())
}

// exportPNG returns a Promise of the picture on the canvas as an ImageData,
// without the hover details. The picture is composed offscreen in the next
// Update, since reading pixels back from the GPU belongs in the game loop.
func (a *api) exportPNG([]js.Value) (any, error) {
	var resolve, reject js.Value
	executor := js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve, reject = args[0], args[1]
		return nil
	})
	defer executor.Release()
	promise := js.Global().Get("Promise").New(executor)
	a.g.pngRequests = append(a.g.pngRequests, pngRequest{resolve: resolve, reject: reject})
	return promise, nil
}
