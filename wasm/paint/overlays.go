//go:build js && wasm

package paint

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"advplay/engine/attack"
	"advplay/wasm/keys"
	"advplay/wasm/readout"
	"advplay/wasm/view"
)

// compose draws the frame without the hover details, for the screen and,
// with the readout that the page shows as HTML beside the canvas, for a
// picture exported.
func (p *Painter) compose(dst *ebiten.Image, f *Frame, withReadout bool) {
	plot := f.Layout.Plot
	clip := dst.SubImage(rectOf(plot)).(*ebiten.Image)
	shaded := f.Settings.Show.Shading && p.cache.cells != nil
	if shaded && !p.theme.Transparent {
		// The opaque shading covers the plot, so only the rest needs the
		// background: every full-screen pass counts in software WebGL.
		fillOutside(dst, f.Layout, p.theme.Fill())
	} else {
		dst.Fill(p.theme.Fill())
	}
	if shaded {
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		b := p.cache.cells.Bounds()
		op.GeoM.Scale(plot.W/float64(b.Dx()), plot.H/float64(b.Dy()))
		op.GeoM.Translate(plot.X, plot.Y)
		clip.DrawImage(p.cache.cells, op)
	}
	p.drawGrid(clip, f)
	p.drawBoundary(clip, f)
	// Empty layers are skipped: compositing a screen-sized image costs the
	// same whatever it holds, and software WebGL feels every one.
	if len(f.View.Points) > 0 {
		clip.DrawImage(p.cache.points, nil)
		if p.cache.twinsKey.attacked {
			clip.DrawImage(p.cache.twins, nil)
		}
	}
	if withReadout {
		text := make([]string, len(f.Readout))
		for i, l := range f.Readout {
			text[i] = l.String()
		}
		p.textBox(dst, f, text, f.Layout.ReadoutX, f.Layout.ReadoutY, true)
	}
	if f.Settings.Show.Chart && p.cache.chart != nil && f.Layout.Chart.H > 0 {
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(math.Round(f.Layout.Chart.X), math.Round(f.Layout.Chart.Y))
		dst.DrawImage(p.cache.chart, op)
	}
}

// fillOutside fills the screen around the plot with the background.
func fillOutside(dst *ebiten.Image, l view.Layout, fill color.Color) {
	// The plot as the clip sees it, in whole pixels, so that no seam is
	// left unpainted between the two.
	ir := rectOf(l.Plot)
	plot := view.Rect{X: float64(ir.Min.X), Y: float64(ir.Min.Y), W: float64(ir.Dx()), H: float64(ir.Dy())}
	for _, r := range view.Around(l.Screen, plot) {
		vector.DrawFilledRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), fill, false)
	}
}

// drawGrid draws light grid lines at the ticks, labelled along the plot's
// bottom and left edges.
func (p *Painter) drawGrid(dst *ebiten.Image, f *Frame) {
	minX, minY, maxX, maxY := f.TF.Visible()
	plot, dpr := f.Layout.Plot, f.DPR
	_, small := p.res.fonts(dpr)
	width := float32(dpr)
	put := func(s string, x, y float64) { label(dst, s, small, x, y, alignStart, p.theme.Muted) }
	// Labels sit beside their line; those that would run off the plot, or
	// into the corner where the axes' labels meet, are left out.
	edge := 24 * dpr
	chart := f.Layout.Chart
	underChart := func(x, y float64) bool {
		return f.Settings.Show.Chart && x > chart.X-edge && y > chart.Y-edge
	}
	for _, t := range view.AxisTicks(minX, maxX, int(plot.W/(70*dpr))) {
		sx, _ := f.TF.ToScreen(t.Value, 0)
		vector.StrokeLine(dst, float32(sx), float32(plot.Y), float32(sx), float32(plot.Y+plot.H), width, p.theme.Grid, false)
		if sx > plot.X+edge && sx < plot.X+plot.W-edge && !underChart(sx, plot.Y+plot.H) {
			put(t.Label, sx+3*dpr, plot.Y+plot.H-16*dpr)
		}
	}
	for _, t := range view.AxisTicks(minY, maxY, int(plot.H/(60*dpr))) {
		_, sy := f.TF.ToScreen(0, t.Value)
		vector.StrokeLine(dst, float32(plot.X), float32(sy), float32(plot.X+plot.W), float32(sy), width, p.theme.Grid, false)
		if sy > plot.Y+edge && sy < plot.Y+plot.H-edge {
			put(t.Label, plot.X+4*dpr, sy-15*dpr)
		}
	}
}

// drawBoundary draws the decision boundary in purple: the line
// w·x + b = 0 of logistic regression, or the traced contour z = 0 of a
// non-linear model.
func (p *Painter) drawBoundary(dst *ebiten.Image, f *Frame) {
	lin := f.View.Linear
	if lin == nil {
		p.batch(dst, p.res.softLine, func(bt *batcher) {
			for _, s := range p.cache.contour {
				bt.softLine(s.X0, s.Y0, s.X1, s.Y1, 2.5*f.DPR, view.Purple, 1)
			}
		})
		return
	}
	minX, minY, maxX, maxY := f.TF.Visible()
	x0, y0, x1, y1, ok := view.ClipLine(lin.W, lin.B, minX, minY, maxX, maxY)
	if !ok {
		return
	}
	sx0, sy0 := f.TF.ToScreen(x0, y0)
	sx1, sy1 := f.TF.ToScreen(x1, y1)
	p.batch(dst, p.res.softLine, func(b *batcher) {
		b.softLine(sx0, sy0, sx1, sy1, 2.5*f.DPR, view.Purple, 1)
	})
}

// drawHover highlights the point shown and gives its details.
func (p *Painter) drawHover(dst *ebiten.Image, f *Frame) {
	pts := f.View.Points
	i := f.Shown
	// An API call between Update and Draw may have removed points.
	if i < 0 || i >= len(pts) {
		return
	}
	q, info, dpr := pts[i], f.Info, f.DPR
	sx, sy := f.TF.ToScreen(q.X, q.Y)
	radius, _ := view.PointStyle(len(pts))
	p.batch(dst, p.res.ring.at(2*(radius+5)*dpr), func(b *batcher) {
		b.sprite(sx, sy, (radius+5)*dpr, p.theme.Text, 0.9)
	})

	// The attack's direction: sign(∇ₓJ) for L∞, ∇ₓJ/‖∇ₓJ‖ for L2.
	set := f.Settings
	d := [2]float64{attack.Sign(info.Grad[0]), attack.Sign(info.Grad[1])}
	if set.Attack.Method == attack.FGM || set.Attack.Norm == attack.L2 && set.Attack.Method == attack.PGD {
		if n := math.Hypot(info.Grad[0], info.Grad[1]); n > 0 {
			d = [2]float64{info.Grad[0] / n, info.Grad[1] / n}
		}
	}
	if d != [2]float64{} {
		length := 28 * dpr
		n := math.Hypot(d[0], d[1])
		p.arrow(dst, dpr, sx, sy, sx+d[0]/n*length, sy-d[1]/n*length, view.Purple)
	}
	lines := []string{fmt.Sprintf("%s %s at (%.3f, %.3f)", readout.ClassName(q.Label), readout.Shape(q.Label), q.X, q.Y),
		fmt.Sprintf("margin %.3f", info.Margin)}
	if !math.IsNaN(info.MinFlip) {
		if info.MinFlip == 0 {
			lines = append(lines, "already misclassified")
		} else {
			lines = append(lines, fmt.Sprintf("flips at ε ≥ %.3f", info.MinFlip))
		}
	}
	lines = append(lines, fmt.Sprintf("grad J = (%.3g, %.3g)", info.Grad[0], info.Grad[1]))
	p.textBox(dst, f, lines, sx+14*dpr, sy+14*dpr, false)
}

// arrow draws a line with a head at (x1, y1).
func (p *Painter) arrow(dst *ebiten.Image, dpr, x0, y0, x1, y1 float64, c color.NRGBA) {
	w, h := 2*dpr, 8*dpr
	a := math.Atan2(y1-y0, x1-x0)
	p.batch(dst, p.res.softLine, func(b *batcher) {
		b.softLine(x0, y0, x1, y1, w, c, 1)
		for _, da := range []float64{2.6, -2.6} {
			b.softLine(x1, y1, x1+h*math.Cos(a+da), y1+h*math.Sin(a+da), w, c, 1)
		}
	})
}

// textBox draws lines of text on a translucent panel. With alignRight the
// box's right edge is at x; it is kept inside the plot.
func (p *Painter) textBox(dst *ebiten.Image, f *Frame, lines []string, x, y float64, alignRight bool) {
	dpr := f.DPR
	face, _ := p.res.fonts(dpr)
	lh := p.res.faceHeight
	var w float64
	for _, l := range lines {
		w = math.Max(w, measure(face, l))
	}
	pad := 8 * dpr
	w, h := w+2*pad, float64(len(lines))*lh+2*pad-4*dpr
	if alignRight {
		x -= w
	}
	plot := f.Layout.Plot
	x = math.Max(plot.X, math.Min(x, plot.X+plot.W-w))
	y = math.Max(plot.Y, math.Min(y, plot.Y+plot.H-h))
	vector.DrawFilledRect(dst, float32(x), float32(y), float32(w), float32(h), p.theme.Panel, false)
	vector.StrokeRect(dst, float32(x), float32(y), float32(w), float32(h), float32(dpr), p.theme.Grid, false)
	for k, l := range lines {
		label(dst, l, face, x+pad, y+pad+float64(k)*lh-2*dpr, alignStart, p.theme.Text)
	}
}

// drawCursor draws the keyboard cursor: a cross-hair with a ring, in the
// theme's text colour on a halo of its background, so that it shows over
// points and shading alike.
func (p *Painter) drawCursor(dst *ebiten.Image, f *Frame) {
	if !f.Cursor.Visible {
		return
	}
	x, y, dpr := f.Cursor.X, f.Cursor.Y, f.DPR
	arm, gap := 11*dpr, 4*dpr
	p.batch(dst, p.res.softLine, func(b *batcher) {
		for _, pass := range []struct {
			c     color.NRGBA
			width float64
		}{{p.theme.Background, 4.5 * dpr}, {p.theme.Text, 2 * dpr}} {
			c := pass.c
			c.A = 0xff
			b.softLine(x-arm, y, x-gap, y, pass.width, c, 1)
			b.softLine(x+gap, y, x+arm, y, pass.width, c, 1)
			b.softLine(x, y-arm, x, y-gap, pass.width, c, 1)
			b.softLine(x, y+gap, x, y+arm, pass.width, c, 1)
		}
	})
	r := (keys.Reach / 4) * dpr
	p.batch(dst, p.res.ring.at(2*(r+1.5*dpr)), func(b *batcher) {
		b.sprite(x, y, r+1.5*dpr, p.theme.Background, 0.9)
		b.sprite(x, y, r, view.Purple, 1)
	})
}
