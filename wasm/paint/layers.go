//go:build js && wasm

package paint

import (
	"image/color"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"advplay/wasm/view"
)

// layerCache holds the offscreen images that are expensive to draw, with
// the inputs each was drawn from. Refresh rebuilds a layer when its inputs
// change; Draw only composes them. Anti-aliased vector drawing renders
// through a second offscreen buffer the size of its destination, so the
// lines that need it are drawn here, once, not every frame.
type layerCache struct {
	// cells: the probability shading at one pixel per cell, drawn scaled
	// up over the plot; contour, the decision boundary of a non-linear
	// model traced on its grid of logits, in screen pixels.
	cells        *ebiten.Image
	cellsKey     cellsKey
	logits       []float64
	contour      []view.Segment
	palette      *[view.PaletteSize]color.NRGBA
	pix          []byte
	cellsSkipped bool
	// points: the points. twins: their adversarial twins, the arrows and
	// the flip marks, redrawn more often (with every re-attack).
	points    *ebiten.Image
	pointsKey pointsKey
	twins     *ebiten.Image
	twinsKey  twinsKey
	// twinsDeferred says this frame left the twins to the next;
	// redrewPoints that it rebuilt the points.
	twinsDeferred, redrewPoints bool
	// chart: the inset chart.
	chart    *ebiten.Image
	chartKey chartKey
	batch    batcher
}

type cellsKey struct {
	model  int
	tf     view.Transform
	layout view.Layout
}

type pointsKey struct {
	points int
	tf     view.Transform
	screen view.Rect
}

type twinsKey struct {
	points, attack int
	tf             view.Transform
	screen         view.Rect
	arrows         bool
	attacked       bool
}

type chartKey struct {
	version int
	attack  int
	epsilon float64
	layout  view.Layout
	theory  bool
	title   string
	mark    float64
}

// Deferred reports whether the last Refresh left the twins to the next
// frame.
func (p *Painter) Deferred() bool { return p.cache.twinsDeferred }

// Refresh rebuilds the layers whose inputs changed, and notes what the
// next Draw will show. It runs in Update.
//
// Until the painter has drawn its first frame, it rebuilds one layer a
// frame, and Draw draws nothing until all are ready. The first of each
// kind of drawing is dear: the browser compiles the module's code for it
// on its first call, and Ebiten its shaders on their first use; the whole
// first picture at once held the main thread for a second. Spread over
// frames, each is a task of its own. (The page shows a poster of the
// scene meanwhile.)
func (p *Painter) Refresh(f *Frame) {
	p.cache.redrewPoints = false
	for _, step := range [...]func(*Frame) bool{p.refreshResources, p.refreshShading,
		p.refreshPoints, p.refreshTwins, p.refreshChart} {
		if step(f) && !p.warm {
			p.pending = true
			return
		}
	}
	p.pending = false
	vs := f.View.Versions
	p.prepared = frameKey{cells: p.cache.cellsKey, points: p.cache.pointsKey, twins: p.cache.twinsKey, chart: p.cache.chartKey,
		tf: f.TF, model: vs.Model, show: f.Settings.Show, shown: f.Shown,
		cursorX: f.Cursor.X, cursorY: f.Cursor.Y, cursorShown: f.Cursor.Visible, carrying: f.Cursor.Carrying()}
}

// Each refresh step below brings one layer up to date and reports
// whether it had to rebuild it.

// refreshResources makes the shared images once, and the fonts at the
// frame's scale whenever it changes.
func (p *Painter) refreshResources(f *Frame) bool {
	made := p.res == nil
	if made {
		p.res = newResources()
	}
	ready := p.res.fontsReady(f.DPR)
	p.res.fonts(f.DPR)
	return made || !ready
}

// refreshShading rebuilds the shading. A training network's shading, its
// most expensive layer, follows every other frame; the view and
// everything else, every frame.
func (p *Painter) refreshShading(f *Frame) bool {
	ck := cellsKey{model: f.View.Versions.Model, tf: f.TF, layout: f.Layout}
	p.cache.cellsSkipped = !p.cache.cellsSkipped
	lag := f.View.Linear == nil && f.Running && p.cache.cellsSkipped && ck.tf == p.cache.cellsKey.tf && ck.layout == p.cache.cellsKey.layout
	if (ck == p.cache.cellsKey && p.cache.cells != nil) || lag {
		return false
	}
	p.cache.cellsKey = ck
	start := time.Now()
	p.drawShading(f)
	since(&p.perf.Shade, start)
	return true
}

func (p *Painter) refreshPoints(f *Frame) bool {
	pk := pointsKey{points: f.View.Versions.Points, tf: f.TF, screen: f.Layout.Screen}
	if pk == p.cache.pointsKey && p.cache.points != nil {
		return false
	}
	p.cache.pointsKey = pk
	p.cache.points = sized(p.cache.points, f.Layout.Screen)
	start := time.Now()
	p.drawPoints(p.cache.points, f)
	since(&p.perf.PointsLayer, start)
	p.cache.redrewPoints = true
	return true
}

func (p *Painter) refreshTwins(f *Frame) bool {
	vs := f.View.Versions
	tk := twinsKey{points: vs.Points, attack: vs.Attack, tf: f.TF, screen: f.Layout.Screen, arrows: f.Settings.Show.Arrows, attacked: f.attacked()}
	p.cache.twinsDeferred = false
	if tk == p.cache.twinsKey && p.cache.twins != nil {
		return false
	}
	if p.cache.redrewPoints && tk.attacked && f.Running {
		// While a training runs, new points and their twins are drawn in
		// two frames, the twins at once in the next: together they would
		// hold the main thread twice as long. Until then the old twins,
		// which belong to other points, are not shown.
		p.cache.twinsKey.attacked = false
		p.cache.twinsDeferred = true
		return false
	}
	p.cache.twinsKey = tk
	p.cache.twins = sized(p.cache.twins, f.Layout.Screen)
	start := time.Now()
	if tk.attacked {
		p.drawTwins(p.cache.twins, f)
	}
	since(&p.perf.PointsLayer, start)
	return true
}

func (p *Painter) refreshChart(f *Frame) bool {
	chk := chartKey{version: f.Chart.Version, attack: f.View.Versions.Attack, epsilon: f.Settings.Epsilon, layout: f.Layout,
		theory: f.Settings.Show.Theory, title: f.Chart.Axis.Title, mark: f.Chart.Axis.MarkX}
	if chk == p.cache.chartKey && p.cache.chart != nil {
		return false
	}
	p.cache.chartKey = chk
	p.cache.chart = sized(p.cache.chart, view.Rect{W: f.Layout.Chart.W, H: f.Layout.Chart.H})
	p.drawChart(p.cache.chart, f)
	return true
}

// sized returns img cleared, or a new image if img is nil or of another
// size than r.
func sized(img *ebiten.Image, r view.Rect) *ebiten.Image {
	w, h := max(1, int(math.Ceil(r.W))), max(1, int(math.Ceil(r.H)))
	if img != nil && img.Bounds().Dx() == w && img.Bounds().Dy() == h {
		img.Clear()
		return img
	}
	if img != nil {
		img.Deallocate()
	}
	return ebiten.NewImage(w, h)
}

// drawShading computes the probability of class 1 at the centre of each
// cell of a grid covering the plot (view.ShadingGrid), and traces a
// non-linear model's boundary on it.
func (p *Painter) drawShading(f *Frame) {
	plot := f.Layout.Plot
	g := view.ShadingGrid(plot, f.DPR, f.View.Linear != nil)
	p.cache.cells = sized(p.cache.cells, view.Rect{W: float64(g.Cols), H: float64(g.Rows)})
	xs, ys := make([]float64, g.Cols), make([]float64, g.Rows)
	for c := range xs {
		xs[c], _ = f.TF.ToData(g.X(c), 0)
	}
	for r := range ys {
		_, ys[r] = f.TF.ToData(0, g.Y(r))
	}
	logits := resized(p.cache.logits, g.Cols*g.Rows)
	view.LogitGrid(f.View.Model, xs, ys, logits)
	p.cache.logits = logits
	p.cache.contour = p.cache.contour[:0]
	if f.View.Linear == nil {
		for _, seg := range view.Contour(logits, g.Cols, g.Rows, 0) {
			p.cache.contour = append(p.cache.contour, view.Segment{X0: g.X(0) + seg.X0*g.CellW, Y0: g.Y(0) + seg.Y0*g.CellH,
				X1: g.X(0) + seg.X1*g.CellW, Y1: g.Y(0) + seg.Y1*g.CellH})
		}
	}
	palette := p.shadePalette()
	pix := resized(p.cache.pix, 4*len(logits))
	for i, z := range logits {
		c := palette[view.ShadeIndex(z)]
		pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = c.R, c.G, c.B, c.A
	}
	p.cache.pix = pix
	p.cache.cells.WritePixels(pix)
}

// resized returns s with length n, reusing its storage when it is large
// enough. The contents are not kept.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// shadePalette returns the shades for the theme, made once.
func (p *Painter) shadePalette() *[view.PaletteSize]color.NRGBA {
	if p.cache.palette == nil {
		pal := view.Shades(p.theme, view.ShadingStrength)
		p.cache.palette = &pal
	}
	return p.cache.palette
}

// markAlpha returns the opacity of a label's marks among n points: as
// view.PointStyle says, but never so faint that a mark loses its contrast
// against the background or the shading under it.
func markAlpha(minAlpha [2]float64, label, n int) float64 {
	_, alpha := view.PointStyle(n)
	return math.Max(alpha, minAlpha[label&1])
}

// drawPoints draws the points into an offscreen image: red discs, then
// blue squares.
func (p *Painter) drawPoints(dst *ebiten.Image, f *Frame) {
	pts := f.View.Points
	radius, _ := view.PointStyle(len(pts))
	for label := range 2 {
		src, r := p.res.mark(label, false, radius*f.DPR)
		c, alpha := p.theme.Mark(label), markAlpha(p.minMarkAlpha, label, len(pts))
		p.batch(dst, src, func(add *batcher) {
			for _, q := range pts {
				if q.Label == label {
					x, y := f.TF.ToScreen(q.X, q.Y)
					add.sprite(x, y, r, c, alpha)
				}
			}
		})
	}
}

// maxArrows is the most points that get an arrow to their twin; beyond it
// the arrows would only be a grey haze over the clouds.
const maxArrows = 5000

// drawTwins draws the adversarial twins as hollow marks, the arrows from
// each point to its twin, and a cross on every twin the attack flipped.
func (p *Painter) drawTwins(dst *ebiten.Image, f *Frame) {
	pts, adv, flipped := f.View.Points, f.View.Adversarial, f.View.Flipped
	radius, alpha := view.PointStyle(len(pts))
	r := radius * f.DPR
	if f.Settings.Show.Arrows && len(pts) <= maxArrows {
		p.batch(dst, p.res.white, func(add *batcher) {
			a := math.Max(0.12, math.Min(0.45, alpha*0.55))
			for i, q := range pts {
				x0, y0 := f.TF.ToScreen(q.X, q.Y)
				x1, y1 := f.TF.ToScreen(adv[i].X, adv[i].Y)
				add.line(x0, y0, x1, y1, math.Max(1, 0.9*f.DPR), p.theme.Arrow, a)
			}
		})
	}
	for label := range 2 {
		src, half := p.res.mark(label, true, r*1.05)
		c, a := p.theme.Mark(label), math.Min(1, markAlpha(p.minMarkAlpha, label, len(pts))+0.15)
		p.batch(dst, src, func(add *batcher) {
			for _, q := range adv {
				if q.Label == label {
					x, y := f.TF.ToScreen(q.X, q.Y)
					add.sprite(x, y, half, c, a)
				}
			}
		})
	}
	crossR, crossA := view.CrossStyle(len(pts), r, f.DPR)
	p.batch(dst, p.res.cross.at(2*crossR), func(add *batcher) {
		for i, q := range adv {
			if i < len(flipped) && flipped[i] {
				x, y := f.TF.ToScreen(q.X, q.Y)
				add.sprite(x, y, crossR, p.theme.Text, crossA)
			}
		}
	})
}
