//go:build js && wasm

package main

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"advplay/engine/attack"
	"advplay/engine/scene"
	"advplay/wasm/keys"
	"advplay/wasm/readout"
	"advplay/wasm/view"
)

// frameKey is everything a frame shows, as Update leaves it: when it has
// not changed since the last frame drawn, the screen (which Ebiten does not
// clear) already shows it. The details of the point shown are fixed by
// its index and the versions in the layer keys.
type frameKey struct {
	cells  cellsKey
	points pointsKey
	twins  twinsKey
	chart  chartKey
	tf     view.Transform
	model  int
	show   scene.Show
	hover  int
	// The keyboard cursor, and the point it carries (−1 for none).
	cursorX, cursorY float64
	cursorShown      bool
	carrying         int
}

// currentFrameKey returns the frameKey of what Update has prepared.
func (g *game) currentFrameKey() frameKey {
	_, mv, _ := g.scene.Versions()
	return frameKey{cells: g.cache.cellsKey, points: g.cache.pointsKey, twins: g.cache.twinsKey, chart: g.cache.chartKey,
		tf: g.tf, model: mv, show: g.scene.Settings().Show, hover: g.shown,
		cursorX: g.cursor.X, cursorY: g.cursor.Y, cursorShown: g.cursor.Visible, carrying: g.cursor.Carrying()}
}

// Draw composes the frame from the cached layers and draws the cheap
// overlays: grid, boundary, chart, the keyboard cursor and the details of
// the point shown; or, when nothing has changed since the last frame it
// drew, leaves the screen as it is: in software WebGL every full-screen
// pass is dear, and a page at rest must cost nothing. It changes nothing
// but the timing statistics and the record of what it drew.
func (g *game) Draw(screen *ebiten.Image) {
	start := time.Now()
	if g.res == nil || g.cache.points == nil || g.drawn == g.frame && !g.redraw {
		g.perf.Drawn(start, false)
		return
	}
	g.drawn = g.frame
	g.pacer.Composed(start)
	g.compose(screen, false)
	plot := screen.SubImage(rectOf(g.layout.Plot)).(*ebiten.Image)
	g.drawHover(plot)
	g.drawCursor(plot)
	g.perf.Drawn(start, true)
}

// compose draws the frame without the hover details, for the screen and,
// with the readout that the page shows as HTML beside the canvas, for a
// PNG export.
func (g *game) compose(dst *ebiten.Image, withReadout bool) {
	plot := g.layout.Plot
	clip := dst.SubImage(rectOf(plot)).(*ebiten.Image)
	shaded := g.scene.Settings().Show.Shading && g.cache.cells != nil
	if shaded && !g.theme.Transparent {
		// The opaque shading covers the plot, so only the rest needs the
		// background: every full-screen pass counts in software WebGL.
		g.fillOutside(dst, plot)
	} else {
		dst.Fill(g.theme.Fill())
	}
	if shaded {
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		b := g.cache.cells.Bounds()
		op.GeoM.Scale(plot.W/float64(b.Dx()), plot.H/float64(b.Dy()))
		op.GeoM.Translate(plot.X, plot.Y)
		clip.DrawImage(g.cache.cells, op)
	}
	g.drawGrid(clip)
	g.drawBoundary(clip)
	// Empty layers are skipped: compositing a screen-sized image costs the
	// same whatever it holds, and software WebGL feels every one.
	if len(g.scene.Points()) > 0 {
		clip.DrawImage(g.cache.points, nil)
		if g.cache.twinsKey.attacked {
			clip.DrawImage(g.cache.twins, nil)
		}
	}
	if withReadout {
		g.drawReadout(dst)
	}
	if g.scene.Settings().Show.Chart && g.cache.chart != nil && g.layout.Chart.H > 0 {
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(math.Round(g.layout.Chart.X), math.Round(g.layout.Chart.Y))
		dst.DrawImage(g.cache.chart, op)
	}
}

// fillOutside fills the screen around the plot with the background.
func (g *game) fillOutside(dst *ebiten.Image, plot view.Rect) {
	s := g.layout.Screen
	// The plot as the clip sees it, in whole pixels, so that no seam is
	// left unpainted between the two.
	ir := rectOf(plot)
	plot = view.Rect{X: float64(ir.Min.X), Y: float64(ir.Min.Y), W: float64(ir.Dx()), H: float64(ir.Dy())}
	for _, r := range []view.Rect{
		{X: 0, Y: 0, W: s.W, H: plot.Y},                                      // above
		{X: 0, Y: plot.Y + plot.H, W: s.W, H: s.H - plot.Y - plot.H},         // below
		{X: 0, Y: plot.Y, W: plot.X, H: plot.H},                              // left
		{X: plot.X + plot.W, Y: plot.Y, W: s.W - plot.X - plot.W, H: plot.H}, // right
	} {
		if r.W > 0 && r.H > 0 {
			vector.DrawFilledRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), g.theme.Fill(), false)
		}
	}
}

func rectOf(r view.Rect) image.Rectangle {
	return image.Rect(int(r.X), int(r.Y), int(math.Ceil(r.X+r.W)), int(math.Ceil(r.Y+r.H)))
}

// drawGrid draws light grid lines at the ticks, labelled along the plot's
// bottom and left edges.
func (g *game) drawGrid(dst *ebiten.Image) {
	minX, minY, maxX, maxY := g.tf.Visible()
	plot := g.layout.Plot
	_, small := g.res.fonts(g.dpr)
	width := float32(g.dpr)
	put := func(s string, x, y float64, a align) { label(dst, s, small, x, y, a, g.theme.Muted) }
	// Labels sit beside their line; those that would run off the plot, or
	// into the corner where the axes' labels meet, are left out.
	edge := 24 * g.dpr
	chart := g.layout.Chart
	underChart := func(x, y float64) bool {
		return g.scene.Settings().Show.Chart && x > chart.X-edge && y > chart.Y-edge
	}
	for _, t := range view.AxisTicks(minX, maxX, int(plot.W/(70*g.dpr))) {
		sx, _ := g.tf.ToScreen(t.Value, 0)
		vector.StrokeLine(dst, float32(sx), float32(plot.Y), float32(sx), float32(plot.Y+plot.H), width, g.theme.Grid, false)
		if sx > plot.X+edge && sx < plot.X+plot.W-edge && !underChart(sx, plot.Y+plot.H) {
			put(t.Label, sx+3*g.dpr, plot.Y+plot.H-16*g.dpr, alignStart)
		}
	}
	for _, t := range view.AxisTicks(minY, maxY, int(plot.H/(60*g.dpr))) {
		_, sy := g.tf.ToScreen(0, t.Value)
		vector.StrokeLine(dst, float32(plot.X), float32(sy), float32(plot.X+plot.W), float32(sy), width, g.theme.Grid, false)
		if sy > plot.Y+edge && sy < plot.Y+plot.H-edge {
			put(t.Label, plot.X+4*g.dpr, sy-15*g.dpr, alignStart)
		}
	}
}

// drawBoundary draws the decision boundary in purple: the line
// w·x + b = 0 of logistic regression, or the traced contour z = 0 of a
// non-linear model.
func (g *game) drawBoundary(dst *ebiten.Image) {
	w, b, ok := g.scene.Linear()
	if !ok {
		g.batch(dst, g.res.softLine, func(bt *batcher) {
			for _, s := range g.cache.contour {
				bt.softLine(s.X0, s.Y0, s.X1, s.Y1, 2.5*g.dpr, view.Purple, 1)
			}
		})
		return
	}
	minX, minY, maxX, maxY := g.tf.Visible()
	x0, y0, x1, y1, ok := view.ClipLine(w, b, minX, minY, maxX, maxY)
	if !ok {
		return
	}
	sx0, sy0 := g.tf.ToScreen(x0, y0)
	sx1, sy1 := g.tf.ToScreen(x1, y1)
	g.batch(dst, g.res.softLine, func(b *batcher) {
		b.softLine(sx0, sy0, sx1, sy1, 2.5*g.dpr, view.Purple, 1)
	})
}

// drawHover highlights the point under the mouse and shows its details.
func (g *game) drawHover(dst *ebiten.Image) {
	pts := g.scene.Points()
	i := g.shown
	// An API call between Update and Draw may have removed points.
	if i < 0 || i >= len(pts) || g.hoverInfo == nil {
		return
	}
	p := pts[i]
	info := *g.hoverInfo
	set := g.scene.Settings()
	sx, sy := g.tf.ToScreen(p.X, p.Y)
	radius, _ := pointStyle(len(pts))
	g.batch(dst, g.res.ring.at(2*(radius+5)*g.dpr), func(b *batcher) {
		b.sprite(sx, sy, (radius+5)*g.dpr, g.theme.Text, 0.9)
	})

	// The attack's direction: sign(∇ₓJ) for L∞, ∇ₓJ/‖∇ₓJ‖ for L2.
	d := [2]float64{attack.Sign(info.Grad[0]), attack.Sign(info.Grad[1])}
	if set.Attack.Method == attack.FGM || set.Attack.Norm == attack.L2 && set.Attack.Method == attack.PGD {
		n := math.Hypot(info.Grad[0], info.Grad[1])
		if n > 0 {
			d = [2]float64{info.Grad[0] / n, info.Grad[1] / n}
		}
	}
	if d != [2]float64{} {
		length := 28 * g.dpr
		n := math.Hypot(d[0], d[1])
		ex, ey := sx+d[0]/n*length, sy-d[1]/n*length
		g.arrow(dst, sx, sy, ex, ey, view.Purple)
	}

	lines := []string{fmt.Sprintf("%s %s at (%.3f, %.3f)", readout.ClassName(p.Label), readout.Shape(p.Label), p.X, p.Y),
		fmt.Sprintf("margin %.3f", info.Margin)}
	if !math.IsNaN(info.MinFlip) {
		if info.MinFlip == 0 {
			lines = append(lines, "already misclassified")
		} else {
			lines = append(lines, fmt.Sprintf("flips at ε ≥ %.3f", info.MinFlip))
		}
	}
	lines = append(lines, fmt.Sprintf("grad J = (%.3g, %.3g)", info.Grad[0], info.Grad[1]))
	g.textBox(dst, lines, sx+14*g.dpr, sy+14*g.dpr, false)
}

// arrow draws a line with a head at (x1, y1).
func (g *game) arrow(dst *ebiten.Image, x0, y0, x1, y1 float64, c color.NRGBA) {
	w := 2 * g.dpr
	a := math.Atan2(y1-y0, x1-x0)
	h := 8 * g.dpr
	g.batch(dst, g.res.softLine, func(b *batcher) {
		b.softLine(x0, y0, x1, y1, w, c, 1)
		for _, da := range []float64{2.6, -2.6} {
			b.softLine(x1, y1, x1+h*math.Cos(a+da), y1+h*math.Sin(a+da), w, c, 1)
		}
	})
}

// textBox draws lines of text on a translucent panel. With alignRight the
// box's right edge is at x; it is kept inside the plot.
func (g *game) textBox(dst *ebiten.Image, lines []string, x, y float64, alignRight bool) (w, h float64) {
	face, _ := g.res.fonts(g.dpr)
	lh := g.res.faceHeight
	for _, l := range lines {
		w = math.Max(w, measure(face, l))
	}
	pad := 8 * g.dpr
	w, h = w+2*pad, float64(len(lines))*lh+2*pad-4*g.dpr
	if alignRight {
		x -= w
	}
	plot := g.layout.Plot
	x = math.Max(plot.X, math.Min(x, plot.X+plot.W-w))
	y = math.Max(plot.Y, math.Min(y, plot.Y+plot.H-h))
	vector.DrawFilledRect(dst, float32(x), float32(y), float32(w), float32(h), g.theme.Panel, false)
	vector.StrokeRect(dst, float32(x), float32(y), float32(w), float32(h), float32(g.dpr), g.theme.Grid, false)
	for k, l := range lines {
		label(dst, l, face, x+pad, y+pad+float64(k)*lh-2*g.dpr, alignStart, g.theme.Text)
	}
	return w, h
}

// compactReadout reports whether the plot is too small for more than the
// two error figures, as in a small embed.
func (g *game) compactReadout() bool {
	return g.layout.Plot.W < 560*g.dpr || g.layout.Plot.H < 440*g.dpr
}

// drawReadout draws the readout's lines in the plot's top right corner,
// for an exported picture.
func (g *game) drawReadout(dst *ebiten.Image) {
	lines := readout.Lines(g.scene.Peek(), g.compactReadout())
	text := make([]string, len(lines))
	for i, l := range lines {
		text[i] = l.String()
	}
	g.textBox(dst, text, g.layout.ReadoutX, g.layout.ReadoutY, true)
}

// drawCursor draws the keyboard cursor: a cross-hair with a ring, in the
// theme's text colour on a halo of its background, so that it shows over
// points and shading alike.
func (g *game) drawCursor(dst *ebiten.Image) {
	if !g.cursor.Visible {
		return
	}
	x, y := g.cursor.X, g.cursor.Y
	arm, gap := 11*g.dpr, 4*g.dpr
	g.batch(dst, g.res.softLine, func(b *batcher) {
		for _, pass := range []struct {
			c     color.NRGBA
			width float64
		}{{g.theme.Background, 4.5 * g.dpr}, {g.theme.Text, 2 * g.dpr}} {
			c := pass.c
			c.A = 0xff
			b.softLine(x-arm, y, x-gap, y, pass.width, c, 1)
			b.softLine(x+gap, y, x+arm, y, pass.width, c, 1)
			b.softLine(x, y-arm, x, y-gap, pass.width, c, 1)
			b.softLine(x, y+gap, x, y+arm, pass.width, c, 1)
		}
	})
	r := (keys.Reach / 4) * g.dpr
	g.batch(dst, g.res.ring.at(2*(r+1.5*g.dpr)), func(b *batcher) {
		b.sprite(x, y, r+1.5*g.dpr, g.theme.Background, 0.9)
		b.sprite(x, y, r, view.Purple, 1)
	})
}
