//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"strings"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"advplay/engine/data"
	"advplay/engine/scene"
	"advplay/wasm/gesture"
	"advplay/wasm/keys"
	"advplay/wasm/perf"
	"advplay/wasm/view"
)

// game is the Ebiten game. Update applies input and advances training;
// Draw only reads, and the expensive layers are rebuilt offscreen only
// when what they show has changed.
type game struct {
	scene *scene.Scene
	theme view.Theme
	// minMarkAlpha is, by label, the least opacity that keeps a mark's
	// contrast in this theme.
	minMarkAlpha [2]float64

	// Screen geometry, refreshed in LayoutF.
	cssW, cssH float64
	dpr        float64
	layout     view.Layout
	panel      view.Rect // the controls panel in CSS pixels (see relayout)
	tf         view.Transform
	fitted     int  // scene.PresetVersion the view was last fitted to
	viewMoved  bool // the visitor panned or zoomed since the last fit

	pointer    *pointerInput
	recognizer *gesture.Recognizer
	actions    []gesture.Action
	hover      int // index of the point under the mouse, or -1
	// shown is the point whose details are shown, or -1: found once per
	// Update, after the input (see findShown).
	shown  int
	mouseX float64
	mouseY float64

	// The keyboard: its input, the cursor over the plot, and what the
	// keys last did, in words for the live region (said, numbered by
	// saidSeq so that the same words twice are read twice).
	keys       *keyInput
	cursor     keys.Cursor
	keyActions []keys.Action
	said       string
	saidSeq    int

	// rest stops the loop when nothing changes; redraw forces a frame
	// after the WebGL context was restored. lastShown is when the picture
	// last followed the scene (see still).
	rest          *rest
	redraw        bool
	lastShown     time.Time
	shownSteering steering
	// pacer spaces the pictures of a running training (see still).
	pacer perf.Pacer

	// remote trains in a worker; trainer here, between frames, when the
	// worker cannot.
	remote  *remote
	trainer *trainer

	ready bool
	api   *api
	perf  perf.Stats
	// startNotice reports a link whose scene could not be restored.
	startNotice string
	pngRequests []pngRequest

	res   *resources
	cache layerCache
	// What Draw shows beyond the layers, prepared in Update: the details
	// of the point under the mouse or the keyboard cursor.
	hoverInfo     *scene.PointInfo
	lastAttack    time.Time
	lastCurves    time.Time
	curvesSkipped bool
	// curves counts the chart series RefineCurves completed, for the
	// chart layer's cache; dimensionsDone says the dimension chart has new
	// points not shown yet.
	curves         int
	dimensionsDone bool
	// frame is what Update prepared; drawn, what Draw last drew.
	frame frameKey
	drawn frameKey
}

func newGame() (*game, error) {
	sc, notice, err := initialScene()
	if err != nil {
		return nil, err
	}
	g := &game{scene: sc, theme: currentTheme(), dpr: 1, hover: -1, shown: -1, startNotice: notice}
	for label := range g.minMarkAlpha {
		g.minMarkAlpha[label] = g.theme.MinMarkAlpha(label, view.ShadingStrength)
	}
	g.recognizer = gesture.New(g.hitTest, 6)
	canvas := js.Global().Get("document").Call("querySelector", "canvas")
	g.rest = newRest(canvas)
	g.pointer = listenPointer(canvas, g.rest.nudge)
	g.keys = listenKeys(canvas, g.rest.nudge)
	g.trainer = newTrainer(g)
	g.remote = &remote{g: g}
	g.rest.onNudge = func() {
		g.trainer.nudge()
		g.remote.follow()
	}
	g.api = newAPI(g)
	go g.trainer.run()
	return g, nil
}

// initialScene restores the scene from the page's #fragment, or starts
// with the default scene and a notice saying what was ignored.
func initialScene() (*scene.Scene, string, error) {
	hash := js.Global().Get("location").Get("hash").String()
	// "#local=…" names a scene too large for a link, which the loader
	// restores from this tab's storage.
	if hash != "" && hash != "#" && !strings.HasPrefix(hash, "#local=") {
		if sc, err := scene.Decode(hash); err == nil {
			return sc, "", nil
		} else {
			def, derr := scene.New(scene.DefaultSettings())
			return def, "Ignored the scene in the link: " + err.Error() + ".", derr
		}
	}
	sc, err := scene.New(scene.DefaultSettings())
	return sc, "", err
}

// replaceScene switches to another scene, as when a link is loaded.
func (g *game) replaceScene(s *scene.Scene) {
	g.scene = s
	g.hover = -1
	g.recognizer = gesture.New(g.hitTest, 6)
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
	if g.rest.pause(g.settled()) {
		// Woken from rest by an event or an API call: the frame waits for
		// an animation frame, so that the call or the event handler
		// returns at once and the work goes where the browser expects it.
		g.rest.animationFrame()
	}
	g.pacer.Measure(time.Now(), g.scene.Running())
	g.redraw = false
	start := g.takeInput()
	if g.still() {
		// The frame would show what it showed. Between the pictures of a
		// training the loop waits here instead of running frames: Ebiten
		// presents the unchanged screen for a few frames after each
		// change, and where the browser composites in software it reads
		// each of them back on the main thread. The readout's text
		// follows every wake: progress, input, API calls. The picture
		// then waits for an animation frame, as every frame does.
		for g.still() {
			g.api.afterUpdate()
			g.rest.until(g.lastShown.Add(g.pacer.Every(g.rest.reducedMotion)))
			g.takeInput()
		}
		g.rest.animationFrame()
		start = g.takeInput()
	}
	g.lastShown, g.shownSteering = time.Now(), g.steering()
	t := time.Now()
	g.refreshFigures()
	if v := g.scene.PresetVersion(); v != g.fitted {
		g.fitView()
	}
	g.perf.Figures.Since(t)
	// The chart's series before the layers, which draw them: a frame that
	// completes a series shows it, so nothing is left to draw when the
	// loop comes to rest.
	t = time.Now()
	g.refreshCurves()
	g.perf.Curves.Since(t)
	t = time.Now()
	g.refreshLayers()
	g.servePNGRequests()
	g.perf.Layers.Since(t)
	t = time.Now()
	g.api.afterUpdate()
	g.perf.Notify.Since(t)
	g.frame = g.currentFrameKey()
	g.perf.Updated(start)
	return nil
}

// takeInput begins an Update: it follows the layout, takes the pointer's
// and the keyboard's input and hands a starting training to the worker.
// It returns when it began.
func (g *game) takeInput() time.Time {
	start := time.Now()
	if g.rest.lost {
		g.redraw, g.rest.lost = true, false
	}
	g.relayout()
	if !g.ready {
		g.ready = true
		g.keys.enable()
		g.api.install()
	}
	g.handleInput()
	g.handleKeys()
	g.shown = g.findShown()
	g.remote.update()
	g.perf.Input.Since(start)
	return start
}

// still reports whether this frame keeps the picture as it is while a
// training runs that the visitor is not steering frame by frame (see
// perf.Pacer). The readout's figures follow every frame, and what the
// visitor does shows at once.
func (g *game) still() bool {
	return g.scene.Running() && g.drawn == g.frame && !g.redraw && !g.cache.twinsDeferred && len(g.pngRequests) == 0 &&
		time.Since(g.lastShown) < g.pacer.Every(g.rest.reducedMotion) && g.steering() == g.shownSteering
}

// steering is what the visitor changes directly: the points, the
// settings, the view, the hover and the keyboard cursor. A change of it
// is the visitor's own action, shown at once.
type steering struct {
	layout view.Layout
	points int
	set    scene.Settings
	tf     view.Transform
	hover  int
	cursor cursorValue
}

func (g *game) steering() steering {
	p, _, _ := g.scene.Versions()
	return steering{layout: g.layout, points: p, set: g.scene.Settings(), tf: g.tf, hover: g.hover, cursor: g.cursorValue()}
}

// settled reports whether the last frame left nothing to do: it was drawn
// as Update prepared it, nothing trains or computes in slices, and no
// input or request waits. The loop may then rest until woken.
func (g *game) settled() bool {
	return g.ready && g.drawn == g.frame && !g.redraw && g.cache.chartKey.curves == g.curves &&
		!g.scene.Running() && !g.scene.ChartBusy() && !g.scene.DimensionBusy() && !g.dimensionsDone && !g.scene.AttackStale() &&
		len(g.pngRequests) == 0 && len(g.pointer.queue) == 0 && !g.pointer.lostFocus && !g.keys.pending()
}

// relayout recomputes the layout when the screen or the controls panel
// changed size. It reads the panel's rectangle, which costs the browser a
// layout, only when the panel may have moved.
func (g *game) relayout() {
	if g.rest.panelMoved {
		g.rest.panelMoved = false
		g.panel = panelRect()
	}
	w, h := math.Ceil(g.cssW*g.dpr), math.Ceil(g.cssH*g.dpr)
	l := view.Compute(w, h, g.dpr, g.panel)
	if l == g.layout {
		return
	}
	old := g.layout
	g.layout = l
	// The page places its HTML readout in the plot's top right corner.
	style := js.Global().Get("document").Get("documentElement").Get("style")
	style.Call("setProperty", "--plot-top", fmt.Sprintf("%.1fpx", (l.ReadoutY)/g.dpr))
	style.Call("setProperty", "--plot-right", fmt.Sprintf("%.1fpx", (l.Screen.W-l.ReadoutX)/g.dpr))
	// And the glyph gallery in its bottom left corner.
	style.Call("setProperty", "--plot-left", fmt.Sprintf("%.1fpx", l.Plot.X/g.dpr+10))
	style.Call("setProperty", "--plot-bottom", fmt.Sprintf("%.1fpx", (l.Screen.H-l.Plot.Y-l.Plot.H)/g.dpr+10))
	if g.tf.Scale == 0 || old.Plot.W == 0 || !g.viewMoved {
		// Until the visitor pans or zooms, the view keeps fitting the
		// points, also when the controls appear or the window turns.
		g.fitView()
		return
	}
	// Keep the centre; rescale so the same data width stays visible.
	g.tf = g.tf.WithPlot(l.Plot)
	if old.Plot.W > 0 && l.Plot.W > 0 {
		g.tf.Scale *= math.Min(l.Plot.W/old.Plot.W, l.Plot.H/math.Max(old.Plot.H, 1))
	}
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

// fitView frames the points, or the article's default box when there are
// none.
func (g *game) fitView() {
	g.fitted = g.scene.PresetVersion()
	g.viewMoved = false
	minX, minY, maxX, maxY := -1.0, -1.0, 3.0, 3.0
	if pts := g.scene.Points(); len(pts) > 0 {
		minX, minY, maxX, maxY = bounds(pts)
		// Never zoom in further than the article's box would show.
		cx, cy := (minX+maxX)/2, (minY+maxY)/2
		half := math.Max(math.Max(maxX-minX, maxY-minY)/2, 1.5)
		minX, maxX, minY, maxY = math.Min(minX, cx-half), math.Max(maxX, cx+half), math.Min(minY, cy-half), math.Max(maxY, cy+half)
	}
	g.tf = view.Fit(g.layout.Plot, minX, minY, maxX, maxY, 0.06)
}

func bounds(pts []data.Point) (minX, minY, maxX, maxY float64) {
	minX, minY = math.Inf(1), math.Inf(1)
	maxX, maxY = math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	return
}

// curveBudget is the time each frame may spend on the chart's curves,
// which for a non-linear model means attacking every point at each ε.
const curveBudget = 6 * time.Millisecond

// dimensionBudget is the time each frame may spend on the
// error-against-dimension chart, and dimensionEvery how often the chart
// shows its progress.
const (
	dimensionBudget = 16 * time.Millisecond
	dimensionEvery  = 700 * time.Millisecond
)

// curveEvery is how often a running training's chart starts over; each
// new chart attacks or sorts every point.
const curveEvery = 500 * time.Millisecond

// refreshCurves works on the chart within curveBudget: every frame while a
// chart is being filled in or after a change, and at most every curveEvery
// while a training runs.
func (g *game) refreshCurves() {
	if g.scene.Running() && !g.scene.ChartBusy() && time.Since(g.lastCurves) < curveEvery {
		return
	}
	// While a training runs, the chart waits its turn every other frame.
	if g.curvesSkipped = !g.curvesSkipped; g.scene.Running() && g.curvesSkipped {
		return
	}
	if g.scene.Settings().Chart.Mode == scene.ChartDimension {
		// Ten fits in up to 1,024 dimensions: the frame's whole budget
		// for our work, which nothing else uses at rest. The chart shows
		// the dimensions done at most every dimensionEvery, and at the
		// end: every picture costs the main thread where WebGL is software.
		g.dimensionsDone = g.scene.RefineDimensionCurve(dimensionBudget) || g.dimensionsDone
		if g.dimensionsDone && (!g.scene.DimensionBusy() || time.Since(g.lastCurves) >= dimensionEvery) {
			g.dimensionsDone = false
			g.curves++
			g.lastCurves = time.Now()
		}
		return
	}
	if g.scene.RefineCurves(curveBudget) {
		g.curves++
		g.lastCurves = time.Now()
	}
}

// While a training runs, its model is re-attacked and the figures and the
// twins redrawn at most every attackEvery: attacking and redrawing every
// point for every picture would eat the frame budget. The boundary and
// shading follow every picture.
const attackEvery = 200 * time.Millisecond

// refreshFigures brings the scene's figures up to date — at once after an
// edit, at most every attackEvery while a training runs — and prepares the
// details of the point under the mouse or the keyboard cursor, which Draw
// shows.
func (g *game) refreshFigures() {
	g.scene.FlushTraining()
	if g.scene.AttackStale() && (!g.scene.Running() || time.Since(g.lastAttack) >= attackEvery) {
		g.scene.Flush()
		g.lastAttack = time.Now()
	}
	g.hoverInfo = nil
	if i := g.shown; i >= 0 {
		info := g.scene.Info(i)
		g.hoverInfo = &info
	}
}

// findShown returns the point whose details are shown: the keyboard
// cursor's target while the plot has the keyboard, else the point under
// the mouse; -1 for none.
func (g *game) findShown() int {
	i := g.hover
	if g.cursor.Visible {
		i = g.cursor.Target(onScreen{g}, keys.Reach*g.dpr)
	}
	if i >= len(g.scene.Points()) {
		return -1
	}
	return i
}

// hitTest returns the point under a screen position, or -1.
func (g *game) hitTest(sx, sy float64) int {
	pts := g.scene.Points()
	xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		xs[i], ys[i] = g.tf.ToScreen(p.X, p.Y)
	}
	return view.Nearest(xs, ys, sx, sy, hitRadius*g.dpr)
}

// hitRadius is how close, in CSS pixels, a press must be to grab a point.
const hitRadius = 10

// handleInput drains the queued pointer events through the recognizer.
func (g *game) handleInput() {
	set := g.scene.Settings()
	g.recognizer.RemoveMode = set.Mode == scene.ModeRemove
	if g.pointer.lostFocus {
		g.pointer.lostFocus = false
		for _, a := range g.recognizer.Reset(g.actions[:0]) {
			g.apply(a, set)
		}
	}
	for _, e := range g.pointer.drain(g.dpr) {
		g.actions = g.recognizer.Handle(e, g.actions[:0])
		for _, a := range g.actions {
			g.apply(a, set)
		}
	}
}

func (g *game) apply(a gesture.Action, set scene.Settings) {
	switch a.Kind {
	case gesture.AddPoint:
		if !g.layout.Plot.Contains(a.X, a.Y) || g.layout.Chart.Contains(a.X, a.Y) && set.Show.Chart {
			return
		}
		x, y := g.tf.ToData(a.X, a.Y)
		label := set.Class
		if a.Other {
			label = 1 - label
		}
		if _, err := g.scene.AddPoint(x, y, label); err != nil {
			g.api.notice(err.Error())
		}
	case gesture.RemovePoint:
		if i := g.hitTest(a.X, a.Y); i >= 0 {
			_ = g.scene.RemovePoint(i)
			g.hover = -1
		}
	case gesture.DragMove:
		x, y := g.tf.ToData(a.X, a.Y)
		_ = g.scene.MovePoint(a.Index, x, y)
	case gesture.Pan:
		g.pan(a.DX, a.DY)
	case gesture.Zoom:
		g.zoom(a.Factor, a.X, a.Y)
	case gesture.Hover:
		g.mouseX, g.mouseY = a.X, a.Y
		g.hover = -1
		if a.Index >= 0 {
			g.hover = g.hitTest(a.X, a.Y)
		}
	}
	if d := g.recognizer.Dragging(); d >= 0 {
		g.hover = d
	}
}

// pan moves the view by a drag of (dx, dy) screen pixels, and zoom scales
// it about (x, y); from then on the view no longer fits the points by
// itself.
func (g *game) pan(dx, dy float64) {
	g.tf = g.tf.Pan(dx, dy)
	g.viewMoved = true
}

func (g *game) zoom(factor, x, y float64) {
	g.tf = g.tf.Zoom(factor, x, y)
	g.viewMoved = true
}

// toClient maps a data point to CSS pixels in the page.
func (g *game) toClient(x, y float64) (float64, float64) {
	sx, sy := g.tf.ToScreen(x, y)
	ox, oy := g.pointer.origin()
	return ox + sx/g.dpr, oy + sy/g.dpr
}

// fromClient maps CSS pixels in the page to a data point.
func (g *game) fromClient(px, py float64) (float64, float64) {
	ox, oy := g.pointer.origin()
	return g.tf.ToData((px-ox)*g.dpr, (py-oy)*g.dpr)
}
