//go:build js && wasm

package main

import (
	"image/color"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"advplay/engine/model"
	"advplay/wasm/view"
)

// layerCache holds the offscreen images that are expensive to draw, with
// the inputs each was drawn from. Update rebuilds a layer when its inputs
// change; Draw only composes them. Anti-aliased vector drawing renders
// through a second offscreen buffer the size of its destination, so the
// lines that need it are drawn here, once, not every frame.
type layerCache struct {
	// cells: the probability shading at one pixel per cell, drawn scaled
	// up over the plot.
	cells    *ebiten.Image
	cellsKey cellsKey
	// logits on the shading grid, row by row, and the decision boundary
	// of a non-linear model traced on it, in screen pixels.
	logits             []float64
	gridCols, gridRows int
	contour            []view.Segment
	palette            *[view.PaletteSize]color.NRGBA
	paletteTheme       string
	pix                []byte
	cellsSkipped       bool
	// points: the points. twins: their adversarial twins, the arrows and
	// the flip marks, redrawn more often (with every re-attack).
	points    *ebiten.Image
	pointsKey pointsKey
	twins     *ebiten.Image
	twinsKey  twinsKey
	// twinsDeferred says this frame left the twins to the next.
	twinsDeferred bool
	// chart: the inset error-against-ε chart.
	chart    *ebiten.Image
	chartKey chartKey
	batch    batcher
}

type cellsKey struct {
	model  int
	tf     view.Transform
	layout view.Layout
	theme  string
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
	curves  int
	attack  int
	epsilon float64
	layout  view.Layout
	theme   string
	theory  bool
	// The title names the snapshot's epoch while a model trains.
	running    bool
	chartEpoch int
	// The dimension chart's marker.
	mode      string
	dimension int
}

// shadingCell is the side of one shading cell in CSS pixels.
const shadingCell = 3

// refreshLayers rebuilds the layers whose inputs changed. It runs in
// Update.
func (g *game) refreshLayers() {
	if g.res == nil {
		g.res = newResources()
	}
	g.res.fonts(g.dpr)
	set := g.scene.Settings()
	pv, mv, av := g.scene.Versions()

	ck := cellsKey{model: mv, tf: g.tf, layout: g.layout, theme: g.theme.Name}
	// A training network's shading, its most expensive layer, follows
	// every other frame; the view and everything else, every frame.
	_, linear := g.scene.Model().(*model.Linear)
	g.cache.cellsSkipped = !g.cache.cellsSkipped
	lag := !linear && g.scene.Running() && g.cache.cellsSkipped && ck.tf == g.cache.cellsKey.tf && ck.layout == g.cache.cellsKey.layout
	if (ck != g.cache.cellsKey || g.cache.cells == nil) && !lag {
		g.cache.cellsKey = ck
		start := time.Now()
		g.drawShading()
		g.perf.Shade.Add(time.Since(start))
	}
	pk := pointsKey{points: pv, tf: g.tf, screen: g.layout.Screen}
	redrewPoints := false
	if pk != g.cache.pointsKey || g.cache.points == nil {
		g.cache.pointsKey = pk
		g.cache.points = sized(g.cache.points, g.layout.Screen)
		start := time.Now()
		g.drawPoints(g.cache.points)
		g.perf.PointsLayer.Add(time.Since(start))
		redrewPoints = true
	}
	tk := twinsKey{points: pv, attack: av, tf: g.tf, screen: g.layout.Screen, arrows: set.Show.Arrows, attacked: g.attacked()}
	g.cache.twinsDeferred = false
	if tk != g.cache.twinsKey || g.cache.twins == nil {
		if redrewPoints && tk.attacked && g.scene.Running() {
			// While a training runs, new points and their twins are drawn
			// in two frames, the twins at once in the next: together they
			// would hold the main thread twice as long. Until then the
			// old twins, which belong to other points, are not shown.
			g.cache.twinsKey.attacked = false
			g.cache.twinsDeferred = true
		} else {
			g.cache.twinsKey = tk
			g.cache.twins = sized(g.cache.twins, g.layout.Screen)
			start := time.Now()
			if tk.attacked {
				g.drawTwins(g.cache.twins)
			}
			g.perf.PointsLayer.Add(time.Since(start))
		}
	}
	chk := chartKey{curves: g.curves, attack: av, epsilon: set.Epsilon, layout: g.layout, theme: g.theme.Name, theory: set.Show.Theory,
		running: g.scene.Running(), chartEpoch: g.scene.ChartEpoch(), mode: set.Chart.Mode, dimension: set.Dimension}
	if chk != g.cache.chartKey || g.cache.chart == nil {
		g.cache.chartKey = chk
		g.cache.chart = sized(g.cache.chart, view.Rect{W: g.layout.Chart.W, H: g.layout.Chart.H})
		g.drawChart(g.cache.chart)
	}
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

// The shading grid has at most maxShadingCells cells (about 155×155 on
// a 1280×800 screen): enough for a smooth picture once scaled up with
// linear filtering, few enough to recompute every frame. A network costs
// far more per cell than a line, so its grid stops at 128×128, the size
// issue 5 asks to keep at 20 frames/s while training.
const (
	maxShadingCells    = 24000
	maxNetShadingCells = 128 * 128
)

// drawShading computes the probability of class 1 at the centre of each
// cell of a grid covering the plot, and keeps the logits for the MLP's
// contour.
func (g *game) drawShading() {
	plot := g.layout.Plot
	limit := float64(maxShadingCells)
	if _, linear := g.scene.Model().(*model.Linear); !linear {
		limit = maxNetShadingCells
	}
	cell := math.Max(shadingCell*g.dpr, math.Sqrt(plot.W*plot.H/limit))
	cols := max(16, int(plot.W/cell))
	rows := max(16, int(plot.H/cell))
	g.cache.cells = sized(g.cache.cells, view.Rect{W: float64(cols), H: float64(rows)})
	xs, ys := make([]float64, cols), make([]float64, rows)
	for c := range xs {
		xs[c], _ = g.tf.ToData(plot.X+(float64(c)+0.5)*plot.W/float64(cols), 0)
	}
	for r := range ys {
		_, ys[r] = g.tf.ToData(0, plot.Y+(float64(r)+0.5)*plot.H/float64(rows))
	}
	logits := resized(g.cache.logits, cols*rows)
	view.LogitGrid(g.scene.Model(), xs, ys, logits)
	g.cache.logits, g.cache.gridCols, g.cache.gridRows = logits, cols, rows
	g.cache.contour = g.cache.contour[:0]
	if _, linear := g.scene.Model().(*model.Linear); !linear {
		// Cell (c, r) has its centre at grid point (c, r).
		sx, sy := plot.W/float64(cols), plot.H/float64(rows)
		for _, seg := range view.Contour(logits, cols, rows, 0) {
			g.cache.contour = append(g.cache.contour, view.Segment{
				X0: plot.X + (seg.X0+0.5)*sx, Y0: plot.Y + (seg.Y0+0.5)*sy,
				X1: plot.X + (seg.X1+0.5)*sx, Y1: plot.Y + (seg.Y1+0.5)*sy,
			})
		}
	}

	palette := g.shadePalette()
	pix := resized(g.cache.pix, 4*cols*rows)
	for i, z := range logits {
		c := palette[view.ShadeIndex(z)]
		pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = c.R, c.G, c.B, c.A
	}
	g.cache.pix = pix
	g.cache.cells.WritePixels(pix)
}

// resized returns s with length n, reusing its storage when it is large
// enough. The contents are not kept.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// pointStyle returns the radius in CSS pixels and the opacity of points
// for a count: large and solid for a handful, small and translucent for
// the article's 20,000 so that density still shows.
func pointStyle(n int) (radius, alpha float64) {
	nf := math.Max(float64(n), 1)
	return math.Max(1.6, math.Min(7, 14*math.Pow(nf, -0.2))), math.Max(0.35, math.Min(0.9, 2.2*math.Pow(nf, -0.17)))
}

// maxArrows is the most points that get an arrow to their twin; beyond it
// the arrows would only be a grey haze over the clouds.
const maxArrows = 5000

// attacked reports whether the twins are worth drawing: ε > 0 and the
// attacked points match the points.
func (g *game) attacked() bool {
	return g.scene.Settings().Epsilon > 0 && len(g.scene.Adversarial()) == len(g.scene.Points())
}

// markAlpha returns the opacity of a label's marks among n points: as
// pointStyle says, but never so faint that a mark loses its contrast
// against the background or the shading under it.
func (g *game) markAlpha(label, n int) float64 {
	_, alpha := pointStyle(n)
	return math.Max(alpha, g.minMarkAlpha[label&1])
}

// drawPoints draws the points into an offscreen image: red discs, then
// blue squares.
func (g *game) drawPoints(dst *ebiten.Image) {
	pts := g.scene.Points()
	radius, _ := pointStyle(len(pts))
	for label := range 2 {
		src, r := g.res.mark(label, false, radius*g.dpr)
		c, alpha := g.theme.Mark(label), g.markAlpha(label, len(pts))
		g.batch(dst, src, func(add *batcher) {
			for _, p := range pts {
				if p.Label == label {
					x, y := g.tf.ToScreen(p.X, p.Y)
					add.sprite(x, y, r, c, alpha)
				}
			}
		})
	}
}

// drawTwins draws the adversarial twins as hollow marks, the arrows from
// each point to its twin, and a cross on every twin the attack flipped.
func (g *game) drawTwins(dst *ebiten.Image) {
	set := g.scene.Settings()
	pts := g.scene.Points()
	adv := g.scene.Adversarial()
	flipped := g.scene.Flipped()
	radius, alpha := pointStyle(len(pts))
	r := radius * g.dpr
	if set.Show.Arrows && len(pts) <= maxArrows {
		g.batch(dst, g.res.white, func(add *batcher) {
			a := math.Max(0.12, math.Min(0.45, alpha*0.55))
			for i, p := range pts {
				x0, y0 := g.tf.ToScreen(p.X, p.Y)
				x1, y1 := g.tf.ToScreen(adv[i].X, adv[i].Y)
				add.line(x0, y0, x1, y1, math.Max(1, 0.9*g.dpr), g.theme.Arrow, a)
			}
		})
	}
	for label := range 2 {
		src, half := g.res.mark(label, true, r*1.05)
		c, a := g.theme.Mark(label), math.Min(1, g.markAlpha(label, len(pts))+0.15)
		g.batch(dst, src, func(add *batcher) {
			for _, p := range adv {
				if p.Label == label {
					x, y := g.tf.ToScreen(p.X, p.Y)
					add.sprite(x, y, half, c, a)
				}
			}
		})
	}
	// Crosses mark the flips: bold for a few points, fainter and no larger
	// than a point in a crowd, so that they do not bury the cloud.
	crossR, crossA := math.Max(r*0.9, 3.5*g.dpr), 0.85
	if n := len(pts); n > 1000 {
		crossR, crossA = r*1.1, math.Max(0.3, 0.85*math.Pow(1000/float64(n), 0.35))
	}
	g.batch(dst, g.res.cross.at(2*crossR), func(add *batcher) {
		for i, p := range adv {
			if i < len(flipped) && flipped[i] {
				x, y := g.tf.ToScreen(p.X, p.Y)
				add.sprite(x, y, crossR, g.theme.Text, crossA)
			}
		}
	})
}

// batcher collects textured quads from one source image and draws them
// in as few DrawTriangles calls as uint16 indices allow.
type batcher struct {
	dst, src *ebiten.Image
	vertices []ebiten.Vertex
}

// maxQuads keeps vertex indices within uint16.
const maxQuads = 16000

// sprite adds the source image as a square of half-side r at (x, y).
func (b *batcher) sprite(x, y, r float64, c color.NRGBA, alpha float64) {
	s := b.src.Bounds()
	x0, y0, x1, y1 := float64(s.Min.X), float64(s.Min.Y), float64(s.Max.X), float64(s.Max.Y)
	b.quad([4][2]float64{{x - r, y - r}, {x + r, y - r}, {x + r, y + r}, {x - r, y + r}},
		[4][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, c, alpha)
}

// line adds a solid segment of the given width; src must be solid white.
func (b *batcher) line(x0, y0, x1, y1, width float64, c color.NRGBA, alpha float64) {
	dx, dy := x1-x0, y1-y0
	n := math.Hypot(dx, dy)
	if n < 0.5 {
		return
	}
	nx, ny := -dy/n*width/2, dx/n*width/2
	s := b.src.Bounds()
	t := [2]float64{float64(s.Min.X) + 0.5, float64(s.Min.Y) + 0.5}
	b.quad([4][2]float64{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}},
		[4][2]float64{t, t, t, t}, c, alpha)
}

// softLine adds a segment drawn with the soft line texture: the quad is
// widened so that the texture's transparent edge rows fall just outside
// the line's width, and linear filtering smooths the edge.
func (b *batcher) softLine(x0, y0, x1, y1, width float64, c color.NRGBA, alpha float64) {
	dx, dy := x1-x0, y1-y0
	n := math.Hypot(dx, dy)
	if n < 0.5 {
		return
	}
	// The texture's inner rows span the width; one more row on each side.
	inner := float64(softLineTexels - 2)
	half := width / 2 * float64(softLineTexels) / inner
	nx, ny := -dy/n*half, dx/n*half
	s := b.src.Bounds()
	top, bottom := float64(s.Min.Y), float64(s.Max.Y)
	l, r := float64(s.Min.X)+1, float64(s.Max.X)-1
	b.quad([4][2]float64{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}},
		[4][2]float64{{l, top}, {r, top}, {r, bottom}, {l, bottom}}, c, alpha)
}

func (b *batcher) quad(dst, src [4][2]float64, c color.NRGBA, alpha float64) {
	if len(b.vertices) >= 4*maxQuads {
		b.flush()
	}
	r, g, bl, a := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(alpha)
	b.vertices = append(b.vertices,
		ebiten.Vertex{DstX: float32(dst[0][0]), DstY: float32(dst[0][1]), SrcX: float32(src[0][0]), SrcY: float32(src[0][1]), ColorR: r, ColorG: g, ColorB: bl, ColorA: a},
		ebiten.Vertex{DstX: float32(dst[1][0]), DstY: float32(dst[1][1]), SrcX: float32(src[1][0]), SrcY: float32(src[1][1]), ColorR: r, ColorG: g, ColorB: bl, ColorA: a},
		ebiten.Vertex{DstX: float32(dst[2][0]), DstY: float32(dst[2][1]), SrcX: float32(src[2][0]), SrcY: float32(src[2][1]), ColorR: r, ColorG: g, ColorB: bl, ColorA: a},
		ebiten.Vertex{DstX: float32(dst[3][0]), DstY: float32(dst[3][1]), SrcX: float32(src[3][0]), SrcY: float32(src[3][1]), ColorR: r, ColorG: g, ColorB: bl, ColorA: a},
	)
}

// quadIndices draws quads (v0 v1 v2 v3) as the triangles v0 v1 v2 and
// v0 v2 v3; the pattern never changes, so it is made once.
var quadIndices = func() []uint16 {
	idx := make([]uint16, 0, 6*maxQuads)
	for q := range maxQuads {
		b := uint16(4 * q)
		idx = append(idx, b, b+1, b+2, b, b+2, b+3)
	}
	return idx
}()

func (b *batcher) flush() {
	if n := len(b.vertices) / 4; n > 0 {
		// Sources come at about their size on screen (see sprite), so
		// Ebiten's mipmaps, and the level it computes from every vertex,
		// are not needed.
		b.dst.DrawTriangles(b.vertices, quadIndices[:6*n], b.src, &ebiten.DrawTrianglesOptions{Filter: ebiten.FilterLinear, DisableMipmaps: true})
	}
	b.vertices = b.vertices[:0]
}

// batch runs fill with a batcher drawing src onto dst, then draws the rest.
func (g *game) batch(dst, src *ebiten.Image, fill func(*batcher)) {
	b := &g.cache.batch
	b.dst, b.src = dst, src
	if b.vertices == nil {
		// The most a batch holds, once: growing it while drawing the
		// article's 20,000 points costs a frame.
		b.vertices = make([]ebiten.Vertex, 0, 4*maxQuads)
	}
	b.vertices = b.vertices[:0]
	fill(b)
	b.flush()
}

// shadePalette returns the shades for the theme, made once per theme.
func (g *game) shadePalette() *[view.PaletteSize]color.NRGBA {
	if g.cache.palette == nil || g.cache.paletteTheme != g.theme.Name {
		pal := view.Shades(g.theme, view.ShadingStrength)
		g.cache.palette, g.cache.paletteTheme = &pal, g.theme.Name
	}
	return g.cache.palette
}
