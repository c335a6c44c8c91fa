//go:build js && wasm

package main

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"advplay/engine/model"
	"advplay/wasm/scene"
	"advplay/wasm/view"
)

// layerCache holds the offscreen images that are expensive to draw, with
// the inputs each was drawn from. Update rebuilds a layer when its inputs
// change; Draw only composes them. Anti-aliased vector drawing renders
// through a second offscreen buffer the size of its destination, so the
// lines that need it are drawn here, once, not every frame.
type layerCache struct {
	// base: background, probability shading, grid, ticks and boundary.
	base    *ebiten.Image
	baseKey baseKey
	cells   *ebiten.Image // the shading at one pixel per cell
	// points: the points, their adversarial twins, arrows and flip marks.
	points    *ebiten.Image
	pointsKey pointsKey
	// chart: the inset error-against-ε chart.
	chart    *ebiten.Image
	chartKey chartKey
	batch    batcher
}

type baseKey struct {
	model  int
	tf     view.Transform
	layout view.Layout
	theme  string
	show   scene.Show
}

type pointsKey struct {
	points, attack int
	tf             view.Transform
	screen         view.Rect
	arrows         bool
}

type chartKey struct {
	attack  int
	epsilon float64
	layout  view.Layout
	theme   string
	theory  bool
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

	bk := baseKey{model: mv, tf: g.tf, layout: g.layout, theme: g.theme.name, show: set.Show}
	if bk != g.cache.baseKey || g.cache.base == nil {
		g.cache.baseKey = bk
		g.cache.base = sized(g.cache.base, g.layout.Screen)
		g.drawBase(g.cache.base)
	}
	pk := pointsKey{points: pv, attack: av, tf: g.tf, screen: g.layout.Screen, arrows: set.Show.Arrows}
	if pk != g.cache.pointsKey || g.cache.points == nil {
		g.cache.pointsKey = pk
		g.cache.points = sized(g.cache.points, g.layout.Screen)
		g.drawPointsLayer(g.cache.points)
	}
	ck := chartKey{attack: av, epsilon: set.Epsilon, layout: g.layout, theme: g.theme.name, theory: set.Show.Theory}
	if ck != g.cache.chartKey || g.cache.chart == nil {
		g.cache.chartKey = ck
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

// drawBase draws the background, the shading, the grid and the boundary.
func (g *game) drawBase(dst *ebiten.Image) {
	dst.Fill(g.theme.background)
	set := g.scene.Settings()
	plot := g.layout.Plot
	clip := dst.SubImage(rectOf(plot)).(*ebiten.Image)
	if set.Show.Shading {
		g.drawShading()
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		b := g.cache.cells.Bounds()
		op.GeoM.Scale(plot.W/float64(b.Dx()), plot.H/float64(b.Dy()))
		op.GeoM.Translate(plot.X, plot.Y)
		clip.DrawImage(g.cache.cells, op)
	}
	g.drawGrid(clip)
	g.drawBoundary(clip)
}

// drawShading computes the probability of class 1 at the centre of each
// cell of a grid covering the plot.
func (g *game) drawShading() {
	plot := g.layout.Plot
	cols := max(16, int(plot.W/(shadingCell*g.dpr)))
	rows := max(16, int(plot.H/(shadingCell*g.dpr)))
	g.cache.cells = sized(g.cache.cells, view.Rect{W: float64(cols), H: float64(rows)})
	m := g.scene.Model()
	pix := make([]byte, 4*cols*rows)
	bg := g.theme.background
	bg.A = 0xff
	for r := range rows {
		for c := range cols {
			sx := plot.X + (float64(c)+0.5)*plot.W/float64(cols)
			sy := plot.Y + (float64(r)+0.5)*plot.H/float64(rows)
			x, y := g.tf.ToData(sx, sy)
			col := view.Shade(model.Prob(m, [2]float64{x, y}), bg, shadingStrength)
			k := 4 * (r*cols + c)
			pix[k], pix[k+1], pix[k+2], pix[k+3] = col.R, col.G, col.B, 0xff
		}
	}
	g.cache.cells.WritePixels(pix)
}

// shadingStrength is how deep the tint gets where the model is certain.
const shadingStrength = 0.16

// pointStyle returns the radius in CSS pixels and the opacity of points
// for a count: large and solid for a handful, small and translucent for
// the article's 20,000 so that density still shows.
func pointStyle(n int) (radius, alpha float64) {
	nf := math.Max(float64(n), 1)
	return math.Max(1.6, math.Min(7, 14*math.Pow(nf, -0.2))), math.Max(0.35, math.Min(0.9, 2.2*math.Pow(nf, -0.17)))
}

// drawPointsLayer draws the points, their adversarial twins, the arrows
// between them and the flip marks into an offscreen image.
func (g *game) drawPointsLayer(dst *ebiten.Image) {
	set := g.scene.Settings()
	pts := g.scene.Points()
	adv := g.scene.Adversarial()
	flipped := g.scene.Flipped()
	radius, alpha := pointStyle(len(pts))
	r := radius * g.dpr
	attacked := set.Epsilon > 0 && len(adv) == len(pts)

	if attacked && set.Show.Arrows {
		g.batch(dst, g.res.white, func(add *batcher) {
			a := math.Max(0.12, math.Min(0.45, alpha*0.55))
			for i, p := range pts {
				x0, y0 := g.tf.ToScreen(p.X, p.Y)
				x1, y1 := g.tf.ToScreen(adv[i].X, adv[i].Y)
				add.line(x0, y0, x1, y1, math.Max(1, 0.9*g.dpr), g.theme.arrow, a)
			}
		})
	}
	g.batch(dst, g.res.disc, func(add *batcher) {
		for _, p := range pts {
			x, y := g.tf.ToScreen(p.X, p.Y)
			add.sprite(x, y, r, view.ClassColor(p.Label), alpha)
		}
	})
	if !attacked {
		return
	}
	g.batch(dst, g.res.ring, func(add *batcher) {
		for _, p := range adv {
			x, y := g.tf.ToScreen(p.X, p.Y)
			add.sprite(x, y, r*1.05, view.ClassColor(p.Label), math.Min(1, alpha+0.15))
		}
	})
	g.batch(dst, g.res.cross, func(add *batcher) {
		for i, p := range adv {
			if flipped[i] {
				x, y := g.tf.ToScreen(p.X, p.Y)
				add.sprite(x, y, math.Max(r*0.9, 3.5*g.dpr), g.theme.text, 0.85)
			}
		}
	})
}

// batcher collects textured quads from one source image and draws them
// in as few DrawTriangles calls as uint16 indices allow.
type batcher struct {
	dst, src *ebiten.Image
	vertices []ebiten.Vertex
	indices  []uint16
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

func (b *batcher) quad(dst, src [4][2]float64, c color.NRGBA, alpha float64) {
	if len(b.vertices) >= 4*maxQuads {
		b.flush()
	}
	base := uint16(len(b.vertices))
	for k := range 4 {
		b.vertices = append(b.vertices, ebiten.Vertex{
			DstX: float32(dst[k][0]), DstY: float32(dst[k][1]),
			SrcX: float32(src[k][0]), SrcY: float32(src[k][1]),
			ColorR: float32(c.R) / 255, ColorG: float32(c.G) / 255, ColorB: float32(c.B) / 255,
			ColorA: float32(alpha),
		})
	}
	b.indices = append(b.indices, base, base+1, base+2, base, base+2, base+3)
}

func (b *batcher) flush() {
	if len(b.indices) > 0 {
		b.dst.DrawTriangles(b.vertices, b.indices, b.src, &ebiten.DrawTrianglesOptions{Filter: ebiten.FilterLinear, AntiAlias: false})
	}
	b.vertices, b.indices = b.vertices[:0], b.indices[:0]
}

// batch runs fill with a batcher drawing src onto dst, then draws the rest.
func (g *game) batch(dst, src *ebiten.Image, fill func(*batcher)) {
	b := &g.cache.batch
	b.dst, b.src = dst, src
	b.vertices, b.indices = b.vertices[:0], b.indices[:0]
	fill(b)
	b.flush()
}
