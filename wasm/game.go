//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"strings"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"advplay/engine/mnist"
	"advplay/engine/scene"
	"advplay/engine/scene/share"
	"advplay/wasm/digitfiles"
	"advplay/wasm/input"
	"advplay/wasm/paint"
	"advplay/wasm/perf"
	"advplay/wasm/plot"
	"advplay/wasm/push"
	"advplay/wasm/readout"
	"advplay/wasm/rest"
	"advplay/wasm/training"
	"advplay/wasm/view"
)

// game is the Ebiten game. Update takes the input, advances the scene's
// figures and background work and prepares the frame; Draw only reads,
// composing the layers that package paint rebuilt offscreen when their
// inputs changed.
//
// Everything here — the game loop, the page's training loop, the
// JavaScript callbacks of the API and the input — runs on the one thread
// of js/wasm, which switches goroutines only where one blocks or sleeps:
// they share the scene and the plot without a lock.
type game struct {
	plot    *plot.Plot
	theme   view.Theme
	painter *paint.Painter
	frame   paint.Frame

	rest    *rest.Rest
	pointer *input.Pointer
	keys    *input.Keys
	runner  *training.Runner
	api     *api

	ready bool
	// The screen's size in CSS pixels and the device scale, from LayoutF,
	// and the controls panel's rectangle (see view.Compute).
	cssW, cssH, dpr float64
	panel           view.Rect

	schedule perf.Schedule
	pacer    perf.Pacer
	perf     perf.Stats
	// lastShown is when the picture last followed the scene, and
	// shownSteering what the visitor steered then (see still).
	lastShown     time.Time
	shownSteering steering
	// chart counts the chart's series completed; dimensionsDone says the
	// dimension chart has points not shown yet.
	chart          int
	dimensionsDone bool
	pngRequests    []pngRequest
}

// newGame builds the game on the scene of the page's link, calling yield
// once the scene is ready (its fit is the first long step of a start).
func newGame(yield func()) (*game, error) {
	sc, notice, err := initialScene()
	if err != nil {
		return nil, err
	}
	mark("advplay:scene")
	yield()
	g := &game{plot: plot.New(sc), theme: currentTheme(), dpr: 1}
	g.painter = paint.New(g.theme, &g.perf)
	canvas := js.Global().Get("document").Call("querySelector", "canvas")
	g.rest = rest.New(canvas)
	g.pointer = input.ListenPointer(canvas, g.rest.Nudge)
	g.keys = input.ListenKeys(canvas, g.rest.Nudge)
	g.api = newAPI(g)
	g.runner = training.New(training.Host{
		Scene:   g.plot.Scene,
		Visible: g.rest.Visible,
		Changed: func() { g.rest.Nudge(); g.api.requestPush() },
		Notice:  func(s string) { g.api.notice(s, "error") },
		Ticked:  g.perf.Train.Add,
	})
	g.rest.OnNudge = g.runner.Nudge
	if notice != "" {
		g.api.notice(notice, "error")
	}
	go g.runner.Run()
	return g, nil
}

// initialScene restores the scene from the page's #fragment, or starts
// with the default scene and a notice saying what was ignored. A fragment
// "#local=…" names a scene too large for a link, which the loader restores
// from this tab's storage.
func initialScene() (*scene.Scene, string, error) {
	hash := js.Global().Get("location").Get("hash").String()
	if hash != "" && hash != "#" && !strings.HasPrefix(hash, "#"+push.LocalLink) {
		sc, err := share.Decode(hash)
		if missing, ok := mnist.IsMissing(err); ok {
			// A link to the digits: fetch them first (the page paints and
			// answers meanwhile, this goroutine waits).
			if err = digitfiles.Fetch(missing.Names); err == nil {
				sc, err = share.Decode(hash)
			}
		}
		if err == nil {
			return sc, "", nil
		} else {
			def, derr := scene.New(scene.DefaultSettings())
			return def, "Ignored the scene in the link: " + err.Error() + ".", derr
		}
	}
	sc, err := scene.New(scene.DefaultSettings())
	return sc, "", err
}

// currentTheme reads the theme the loader chose from <html data-theme>.
func currentTheme() view.Theme {
	name := js.Global().Get("document").Get("documentElement").Get("dataset").Get("theme")
	if name.Type() == js.TypeString {
		return view.ThemeNamed(name.String())
	}
	return view.ThemeNamed("light")
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *game) Layout(w, h int) (int, int) { panic("advplay: Layout is not used") }

// LayoutF returns the outside size times the device scale, so that the
// canvas fills the window or iframe and stays crisp on high-DPI screens.
func (g *game) LayoutF(w, h float64) (float64, float64) {
	dpr := ebiten.Monitor().DeviceScaleFactor()
	if dpr <= 0 {
		dpr = 1
	}
	g.cssW, g.cssH, g.dpr = w, h, dpr
	return math.Ceil(w * dpr), math.Ceil(h * dpr)
}

func (g *game) Update() error {
	g.markStart("update")
	if g.rest.Pause(g.settled()) {
		// Woken from rest by an event or an API call: the frame waits for
		// an animation frame, so that the call or the event handler
		// returns at once and the work goes where the browser expects it.
		g.rest.AnimationFrame()
	}
	g.pacer.Measure(time.Now(), g.plot.Scene().Running())
	start := g.takeInput()
	if g.still() {
		// The frame would show what it showed. Between the pictures of a
		// training the loop waits here instead of running frames: Ebiten
		// presents the unchanged screen for a few frames after each
		// change, and where the browser composites in software it reads
		// each of them back on the main thread. The summary follows every
		// wake; the picture then waits for an animation frame, as every
		// frame does.
		for g.still() {
			g.api.requestPush()
			g.rest.Until(g.lastShown.Add(g.pacer.Every(g.rest.ReducedMotion())))
			g.takeInput()
		}
		g.rest.AnimationFrame()
		start = g.takeInput()
	}
	g.lastShown, g.shownSteering = time.Now(), g.steering()
	g.markStart("figures")
	t := time.Now()
	g.refreshFigures()
	g.perf.Figures.Since(t)
	// The chart's series before the layers, which draw them: a frame that
	// completes a series shows it, so nothing is left to draw when the
	// loop comes to rest.
	g.markStart("charts")
	t = time.Now()
	g.refreshCharts()
	g.perf.Curves.Since(t)
	g.markStart("prepare")
	t = time.Now()
	g.prepareFrame()
	g.markStart("refresh")
	g.painter.Refresh(&g.frame)
	g.markStart("refreshed")
	g.servePNGRequests()
	g.perf.Layers.Since(t)
	t = time.Now()
	g.api.requestPush()
	g.perf.Notify.Since(t)
	g.perf.Updated(start)
	return nil
}

// Draw composes the frame Update prepared, or leaves the screen as it is
// when it shows that already.
func (g *game) Draw(screen *ebiten.Image) {
	g.markStart("draw")
	start := time.Now()
	drew := g.painter.Draw(screen, &g.frame)
	if drew {
		g.pacer.Composed(start)
		g.api.drawn()
	}
	g.perf.Drawn(start, drew)
	g.markStart("drawn")
}

// markStart marks the start of the first frames' Update and Draw (see
// mark).
func (g *game) markStart(what string) {
	if frames, _ := g.perf.Frames(); frames < startFrames {
		mark(fmt.Sprintf("advplay:%s %d", what, frames))
	}
}

// startFrames is how many of the first frames are marked.
const startFrames = 3

// takeInput begins an Update: it follows the layout, takes the pointer's
// and the keyboard's input and hands a starting training to the worker.
// It returns when it began.
func (g *game) takeInput() time.Time {
	start := time.Now()
	if g.rest.TakeLost() {
		g.painter.Redraw()
	}
	if g.rest.TakePanelMoved() {
		g.panel = panelRect()
	}
	g.plot.Resize(g.cssW, g.cssH, g.dpr, g.panel)
	if !g.ready {
		g.ready = true
		g.api.install()
	}
	if g.pointer.TakeLost() {
		g.plot.PointerLost()
	}
	for _, e := range g.pointer.Drain(g.dpr) {
		g.plot.Pointer(e)
	}
	if changed, focused, fromKeyboard := g.keys.TakeFocus(); changed {
		g.plot.Focus(focused, fromKeyboard)
	}
	for _, k := range g.keys.Drain() {
		if g.plot.Key(k) {
			g.keys.Blur()
		}
	}
	g.runner.Update()
	g.perf.Input.Since(start)
	return start
}

// panelRect returns the controls panel's rectangle in CSS pixels, or zero
// when it is hidden.
func panelRect() view.Rect {
	el := js.Global().Get("document").Call("getElementById", "panel")
	if !el.Truthy() {
		return view.Rect{}
	}
	r := el.Call("getBoundingClientRect")
	return view.Rect{X: r.Get("x").Float(), Y: r.Get("y").Float(), W: r.Get("width").Float(), H: r.Get("height").Float()}
}

// still reports whether this frame keeps the picture as it is while a
// training runs that the visitor is not steering frame by frame (see
// perf.Pacer). What the visitor does shows at once.
func (g *game) still() bool {
	return g.plot.Scene().Running() && !g.painter.Changed() && !g.painter.Deferred() && len(g.pngRequests) == 0 &&
		time.Since(g.lastShown) < g.pacer.Every(g.rest.ReducedMotion()) && g.steering() == g.shownSteering
}

// steering is what the visitor changes directly: the points, the
// settings, a training's pause, the view, and the point and cursor shown. A change of it is
// the visitor's own action, shown at once.
type steering struct {
	layout  view.Layout
	points  int
	set     scene.Settings
	running bool
	tf      view.Transform
	shown   int
	cursor  push.Cursor
}

func (g *game) steering() steering {
	sc := g.plot.Scene()
	return steering{layout: g.plot.Layout(), points: sc.View().Versions.Points, set: sc.Settings(), running: sc.Running(), tf: g.plot.Transform(),
		shown: g.plot.Shown(), cursor: g.plot.CursorData()}
}

// settled reports whether the last frame left nothing to do: it was drawn
// as Update prepared it, nothing trains or computes in slices, and no
// input or request waits. The loop may then rest until woken.
func (g *game) settled() bool {
	sc := g.plot.Scene()
	return g.ready && !g.painter.Changed() && !sc.Running() && !sc.Chart().Busy() && !sc.Dimensions().Busy() &&
		!g.dimensionsDone && !sc.View().AttackStale && len(g.pngRequests) == 0 && !g.pointer.Pending() && !g.keys.Pending()
}

// refreshFigures brings the scene's figures up to date — at once after an
// edit, at most every perf.AttackEvery while a training runs — and fits
// the view to points regenerated since.
func (g *game) refreshFigures() {
	sc := g.plot.Scene()
	sc.FlushTraining()
	if sc.View().AttackStale && g.schedule.Attack(time.Now(), sc.Running()) {
		sc.FlushFor(attackSlice)
	}
	if g.plot.Stale() {
		g.plot.Fit()
	}
}

// refreshCharts works on the chart of the settings' mode within its
// budget (perf.Schedule says when).
func (g *game) refreshCharts() {
	sc := g.plot.Scene()
	now := time.Now()
	if sc.Settings().Chart.Mode == scene.ChartDimension {
		if !g.schedule.Chart(now, sc.Running(), sc.Dimensions().Busy()) {
			return
		}
		g.dimensionsDone = sc.Dimensions().Refine(perf.DimensionBudget) || g.dimensionsDone
		if g.dimensionsDone && g.schedule.ShowDimensions(now, sc.Dimensions().Busy()) {
			g.dimensionsDone = false
			g.chart++
			g.schedule.Charted(now)
		}
		return
	}
	if g.schedule.Chart(now, sc.Running(), sc.Chart().Busy()) && sc.Chart().Refine(perf.CurveBudget) {
		g.chart++
		g.schedule.Charted(now)
	}
}

// prepareFrame sets out what the frame shows.
func (g *game) prepareFrame() {
	sc := g.plot.Scene()
	v, set := sc.View(), sc.Settings()
	shown := g.plot.Shown()
	f := paint.Frame{View: v, Settings: set, Running: sc.Running(), Layout: g.plot.Layout(), TF: g.plot.Transform(), DPR: g.plot.Layout().Scale,
		Shown: shown, Cursor: g.plot.Cursor(), Chart: g.chartFrame(sc)}
	if shown >= 0 {
		f.Info = sc.Info(shown)
	}
	g.frame = f
}

// chartFrame returns the chart of the settings' mode.
func (g *game) chartFrame(sc *scene.Scene) paint.Chart {
	set, dims := sc.Settings(), sc.Dimensions()
	state := readout.ChartState{Error: sc.View().Metrics.AdversarialError, Running: sc.Running(), Epoch: sc.Chart().Epoch(),
		DimensionsBusy: dims.Busy(), DimensionsDone: dims.Progress()}
	return paint.Chart{Series: readout.ChartSeries(set, sc.Chart().Series(), dims.Curve()), Axis: readout.ChartAxis(set, state), Version: g.chart}
}

// readoutLines returns the readout the page shows, for an exported
// picture.
func readoutLines(g *game) []readout.Line {
	return readout.Lines(g.plot.Scene().Peek(), g.plot.Layout().Compact())
}
