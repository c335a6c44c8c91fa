package poster

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"time"

	"advplay/engine/metrics"
	"advplay/engine/scene"
	"advplay/wasm/readout"
	"advplay/wasm/view"
)

// renderer draws one poster as package paint draws a frame: the same
// layers in the same order, with the same sizes, colours and alphas. The
// comments name the paint function each method follows.
type renderer struct {
	s            *scene.Scene
	v            scene.View
	set          scene.Settings
	l            view.Layout
	tf           view.Transform
	theme        view.Theme
	dpr          float64
	c            *canvas
	f            faces
	shades       [view.PaletteSize]color.NRGBA
	minMarkAlpha [2]float64
	// series are the chart's series colours, for the palette.
	series []color.NRGBA
	info   Info
}

func newRenderer(s *scene.Scene, l view.Layout, tf view.Transform, t view.Theme) *renderer {
	r := &renderer{s: s, v: s.View(), set: s.Settings(), l: l, tf: tf, theme: t, dpr: l.Scale,
		c: newCanvas(int(l.Screen.W), int(l.Screen.H)), f: newFaces(l.Scale), shades: view.Shades(t, view.ShadingStrength)}
	for label := range r.minMarkAlpha {
		r.minMarkAlpha[label] = t.MinMarkAlpha(label, view.ShadingStrength)
	}
	r.info.Layout, r.info.Transform = l, tf
	return r
}

// draw draws the layers o asks for (paint's compose, with the readout as
// Export draws it).
func (r *renderer) draw(o Options) {
	plot := r.l.Plot
	clip := rectOf(plot).Intersect(r.c.img.Bounds())
	r.c.fill(premul(r.theme.Fill(), 1))
	logits, g := r.logits()
	if r.set.Show.Shading && o.layers&layerShading != 0 {
		r.drawShading(clip, logits, g)
	}
	chart := o.Chart && r.set.Show.Chart && r.l.Chart.H > 0 && r.l.Chart.W > 0 && o.layers&layerChart != 0
	if o.layers&layerGrid != 0 {
		r.drawGrid(clip, chart)
	}
	if o.layers&layerBoundary != 0 {
		r.drawBoundary(clip, logits, g)
	}
	if len(r.v.Points) > 0 {
		if o.layers&layerPoints != 0 {
			r.drawPoints(clip)
		}
		if r.attacked() && o.layers&layerTwins != 0 {
			r.drawTwins(clip)
		}
	}
	if o.Readout && o.layers&layerReadout != 0 {
		r.drawReadout()
	}
	if chart {
		r.drawChart()
	}
}

// attacked reports whether the twins are drawn: ε > 0 and the attacked
// points match the points (paint's Frame.attacked).
func (r *renderer) attacked() bool {
	return r.set.Epsilon > 0 && len(r.v.Adversarial) == len(r.v.Points)
}

// logits returns a network's logits at the centres of the shading's grid
// cells (paint's drawShading), from which its shading is interpolated and
// its boundary traced; nil for logistic regression, whose shading and
// boundary are drawn from its weights.
func (r *renderer) logits() ([]float64, view.Grid) {
	g := view.ShadingGrid(r.l.Plot, r.dpr, r.v.Linear != nil)
	if r.v.Linear != nil {
		return nil, g
	}
	xs, ys := make([]float64, g.Cols), make([]float64, g.Rows)
	for c := range xs {
		xs[c], _ = r.tf.ToData(g.X(c), 0)
	}
	for row := range ys {
		_, ys[row] = r.tf.ToData(0, g.Y(row))
	}
	logits := make([]float64, g.Cols*g.Rows)
	view.LogitGrid(r.v.Model, xs, ys, logits)
	return logits, g
}

// drawShading fills the plot with the shade of the model's probability:
// every pixel is one of the theme's shades. For a network the logits are
// interpolated bilinearly between the cells' centres, where the canvas
// scales the cells' colours up with linear filtering. For logistic
// regression, whose logit is affine and so exactly what the canvas's
// interpolation gives, each row is the row above moved by a whole number
// of pixels, the nearest to the boundary's slope, so that the PNG's
// compression finds every row in the one before it: no shade lies more
// than half a pixel from its place.
func (r *renderer) drawShading(clip image.Rectangle, logits []float64, g view.Grid) {
	plot := r.l.Plot
	x0, x1 := centres(plot.X, plot.X+plot.W)
	y0, y1 := centres(plot.Y, plot.Y+plot.H)
	x0, x1 = max(x0, clip.Min.X), min(x1, clip.Max.X)
	y0, y1 = max(y0, clip.Min.Y), min(y1, clip.Max.Y)
	if x0 >= x1 || y0 >= y1 {
		return
	}
	z := make([]float64, x1-x0)
	row := r.shadingRows(logits, g, x0, x1)
	pix := r.c.img.Pix
	for y := y0; y < y1; y++ {
		row(y, z)
		i := r.c.img.PixOffset(x0, y)
		for _, v := range z {
			// Shades are opaque, or premultiplied tints over the
			// transparent background.
			c := r.shades[view.ShadeIndex(v)]
			pix[i], pix[i+1], pix[i+2], pix[i+3] = c.R, c.G, c.B, c.A
			i += 4
		}
	}
}

// shadingRows returns a function that fills z with the logits of row y's
// pixels from x0 to x1 (see drawShading).
func (r *renderer) shadingRows(logits []float64, g view.Grid, x0, x1 int) func(y int, z []float64) {
	if lin := r.v.Linear; lin != nil {
		// z = a·px + b·py + c at the pixel centres (px + ½, py + ½).
		tf := r.tf
		cx, cy := tf.ToData(0.5, 0.5)
		a, b := lin.W[0]/tf.Scale, -lin.W[1]/tf.Scale
		c := lin.W[0]*cx + lin.W[1]*cy + lin.B
		return func(y int, z []float64) {
			base := b*float64(y) + c
			if a != 0 {
				base = a*math.Round(b/a*float64(y)) + c
			}
			for k := range z {
				z[k] = a*float64(x0+k) + base
			}
		}
	}
	plot := r.l.Plot
	type tap struct {
		i0, i1 int
		f      float64
	}
	at := func(n int, p, origin, cell float64) tap {
		u := (p-origin)/cell - 0.5
		u = math.Max(0, math.Min(float64(n-1), u))
		i0 := int(u)
		return tap{i0, min(i0+1, n-1), u - float64(i0)}
	}
	cols := make([]tap, x1-x0)
	for k := range cols {
		cols[k] = at(g.Cols, float64(x0+k)+0.5, plot.X, g.CellW)
	}
	return func(y int, z []float64) {
		rt := at(g.Rows, float64(y)+0.5, plot.Y, g.CellH)
		top, bottom := logits[rt.i0*g.Cols:], logits[rt.i1*g.Cols:]
		for k, ct := range cols {
			a := top[ct.i0] + (top[ct.i1]-top[ct.i0])*ct.f
			b := bottom[ct.i0] + (bottom[ct.i1]-bottom[ct.i0])*ct.f
			z[k] = a + (b-a)*rt.f
		}
	}
}

// drawGrid draws the grid lines at the ticks, labelled along the plot's
// bottom and left edges (paint's drawGrid).
func (r *renderer) drawGrid(clip image.Rectangle, chartShown bool) {
	minX, minY, maxX, maxY := r.tf.Visible()
	plot, dpr := r.l.Plot, r.dpr
	grid, muted := premul(r.theme.Grid, 1), premul(r.theme.Muted, 1)
	put := func(s string, x, y float64) { r.c.text(clip, r.f.small, s, x, y, muted) }
	edge := 24 * dpr
	chart := r.l.Chart
	underChart := func(x, y float64) bool {
		return chartShown && x > chart.X-edge && y > chart.Y-edge
	}
	for _, t := range view.AxisTicks(minX, maxX, int(plot.W/(70*dpr))) {
		sx, _ := r.tf.ToScreen(t.Value, 0)
		r.c.fillRect(clip, view.Rect{X: sx - dpr/2, Y: plot.Y, W: dpr, H: plot.H}, grid)
		if sx > plot.X+edge && sx < plot.X+plot.W-edge && !underChart(sx, plot.Y+plot.H) {
			put(t.Label, sx+3*dpr, plot.Y+plot.H-16*dpr)
		}
	}
	for _, t := range view.AxisTicks(minY, maxY, int(plot.H/(60*dpr))) {
		_, sy := r.tf.ToScreen(0, t.Value)
		r.c.fillRect(clip, view.Rect{X: plot.X, Y: sy - dpr/2, W: plot.W, H: dpr}, grid)
		if sy > plot.Y+edge && sy < plot.Y+plot.H-edge {
			put(t.Label, plot.X+4*dpr, sy-15*dpr)
		}
	}
}

// drawBoundary draws the decision boundary in purple, 2.5 CSS pixels
// wide: logistic regression's line, or a network's contour z = 0 traced
// on the shading's grid (paint's drawBoundary and drawShading).
func (r *renderer) drawBoundary(clip image.Rectangle, logits []float64, g view.Grid) {
	w := 2.5 * r.dpr
	var sh shape
	if lin := r.v.Linear; lin != nil {
		minX, minY, maxX, maxY := r.tf.Visible()
		x0, y0, x1, y1, ok := view.ClipLine(lin.W, lin.B, minX, minY, maxX, maxY)
		if !ok {
			return
		}
		sx0, sy0 := r.tf.ToScreen(x0, y0)
		sx1, sy1 := r.tf.ToScreen(x1, y1)
		if q := segment(pt{sx0, sy0}, pt{sx1, sy1}, w); q != nil {
			sh.add(q, false)
		}
	} else {
		for _, s := range view.Contour(logits, g.Cols, g.Rows, 0) {
			a := pt{g.X(0) + s.X0*g.CellW, g.Y(0) + s.Y0*g.CellH}
			b := pt{g.X(0) + s.X1*g.CellW, g.Y(0) + s.Y1*g.CellH}
			if q := segment(a, b, w); q != nil {
				sh.add(q, false)
			}
			// Round ends close the joints between the contour's pieces.
			sh.add(circle(b.x, b.y, w/2), false)
		}
	}
	r.c.fillShape(clip, &sh, premul(view.Purple, 1))
}

// markAlpha returns the opacity of a label's marks among n points
// (paint's markAlpha).
func (r *renderer) markAlpha(label, n int) float64 {
	_, alpha := view.PointStyle(n)
	return math.Max(alpha, r.minMarkAlpha[label&1])
}

// The marks' geometry, from paint's sprites of spriteSize = 64 pixels,
// drawn at a half-side h: a disc of radius 31/32 h, a square of half-side
// 31/32 h, a ring and a frame stroked 8 pixels wide about 26/32 h, so
// from 22/32 h to 30/32 h, and a cross of two strokes 9 pixels wide from
// corner to corner between 10 and 54 pixels, ±22/32 h.
const (
	fullMark  = 31.0 / 32
	outerMark = 30.0 / 32
	innerMark = 22.0 / 32
	crossArm  = 22.0 / 32
	crossLine = 9.0 / 32
)

// markHalf returns the half-side of a label's mark for a disc of radius
// radius: a square of the same area as the disc (paint's resources.mark).
func markHalf(label int, radius float64) float64 {
	if label == 1 {
		return radius * math.Sqrt(math.Pi) / 2
	}
	return radius
}

// mark returns a label's mark at (x, y) of half-side h: a disc or a
// square, filled, or hollow for a twin.
func mark(label int, hollow bool, x, y, h float64) *shape {
	var s shape
	switch {
	case label == 1 && hollow:
		s.add(square(x, y, h*outerMark), false)
		s.add(square(x, y, h*innerMark), true)
	case label == 1:
		s.add(square(x, y, h*fullMark), false)
	case hollow:
		s.add(circle(x, y, h*outerMark), false)
		s.add(circle(x, y, h*innerMark), true)
	default:
		s.add(circle(x, y, h*fullMark), false)
	}
	return &s
}

// snap returns the centre of the pixel under a data point. The canvas
// places a mark to a fraction of a pixel; a poster centres it on a pixel,
// so that alike marks are alike pixels, which the PNG's compression finds
// again and again.
func (r *renderer) snap(x, y float64) (float64, float64) {
	sx, sy := r.tf.ToScreen(x, y)
	return math.Floor(sx) + 0.5, math.Floor(sy) + 0.5
}

// tinyMark is the radius in device pixels below which marks are drawn
// hard-edged: among thousands of points (PointStyle's radius falls below 3
// CSS pixels beyond 2,200), anti-aliased edges piled up in a crowd are a
// noise of colours that costs the PNG more than all the rest, and at that
// size a hard-edged mark looks as a mark does on the canvas.
const tinyMark = 3

// drawPoints draws the points: red discs, then blue squares (paint's
// drawPoints).
func (r *renderer) drawPoints(clip image.Rectangle) {
	pts := r.v.Points
	radius, _ := view.PointStyle(len(pts))
	r.c.hard = radius*r.dpr < tinyMark
	defer func() { r.c.hard = false }()
	for label := range 2 {
		h := markHalf(label, radius*r.dpr)
		c := premul(r.theme.Mark(label), r.markAlpha(label, len(pts)))
		for _, q := range pts {
			if q.Label == label {
				x, y := r.snap(q.X, q.Y)
				r.c.fillShape(clip, mark(label, false, x, y, h), c)
			}
		}
	}
}

// maxArrows is paint's: the most points that get an arrow to their twin.
const maxArrows = 5000

// drawTwins draws the arrows from each point to its twin, the twins as
// hollow marks, and a cross on every twin the attack flipped (paint's
// drawTwins).
func (r *renderer) drawTwins(clip image.Rectangle) {
	pts, adv, flipped := r.v.Points, r.v.Adversarial, r.v.Flipped
	radius, alpha := view.PointStyle(len(pts))
	rad := radius * r.dpr
	r.c.hard = rad < tinyMark
	defer func() { r.c.hard = false }()
	if r.set.Show.Arrows && len(pts) <= maxArrows {
		c := premul(r.theme.Arrow, math.Max(0.12, math.Min(0.45, alpha*0.55)))
		w := math.Max(1, 0.9*r.dpr)
		for i, q := range pts {
			x0, y0 := r.snap(q.X, q.Y)
			x1, y1 := r.snap(adv[i].X, adv[i].Y)
			if s := segment(pt{x0, y0}, pt{x1, y1}, w); s != nil {
				r.c.fillConvex(clip, s, c)
			}
		}
	}
	for label := range 2 {
		h := markHalf(label, rad*1.05)
		c := premul(r.theme.Mark(label), math.Min(1, r.markAlpha(label, len(pts))+0.15))
		for _, q := range adv {
			if q.Label == label {
				x, y := r.snap(q.X, q.Y)
				r.c.fillShape(clip, mark(label, true, x, y, h), c)
			}
		}
	}
	crossR, crossA := view.CrossStyle(len(pts), rad, r.dpr)
	c := premul(r.theme.Text, crossA)
	arm, w := crossR*crossArm, crossR*crossLine
	for i, q := range adv {
		if i < len(flipped) && flipped[i] {
			x, y := r.snap(q.X, q.Y)
			var s shape
			s.add(segment(pt{x - arm, y - arm}, pt{x + arm, y + arm}, w), false)
			s.add(segment(pt{x + arm, y - arm}, pt{x - arm, y + arm}, w), false)
			r.c.fillShape(clip, &s, c)
		}
	}
}

// drawReadout draws the readout's lines in a box whose top right corner
// is the layout's readout corner, kept inside the plot (paint's textBox).
func (r *renderer) drawReadout() {
	lines := readoutLines(r.s, r.l)
	dpr, face, lh := r.dpr, r.f.face, r.f.lineHeight
	var w float64
	for _, l := range lines {
		w = math.Max(w, measure(face, l))
	}
	pad := 8 * dpr
	w, h := w+2*pad, float64(len(lines))*lh+2*pad-4*dpr
	plot := r.l.Plot
	x := math.Max(plot.X, math.Min(r.l.ReadoutX-w, plot.X+plot.W-w))
	y := math.Max(plot.Y, math.Min(r.l.ReadoutY, plot.Y+plot.H-h))
	box := view.Rect{X: x, Y: y, W: w, H: h}
	all := r.c.img.Bounds()
	r.c.fillRect(all, box, premul(r.theme.Panel, 1))
	r.c.strokeRect(all, box, dpr, premul(r.theme.Grid, 1))
	text := premul(r.theme.Text, 1)
	for k, l := range lines {
		r.c.text(all, face, l, x+pad, y+pad+float64(k)*lh-2*dpr, text)
	}
	r.info.Readout, r.info.ReadoutLines = box, lines
}

// chartSeries returns the chart's series and axis, computed in full.
func (r *renderer) chartSeries() ([]scene.Curve, readout.Axis) {
	s := r.s
	var dims []scene.DimensionPoint
	if r.set.Chart.Mode == scene.ChartDimension {
		// The whole sweep, about a second natively (DimensionChart.Refine).
		for s.Dimensions().Refine(time.Minute) || s.Dimensions().Busy() {
		}
		dims = s.Dimensions().Curve()
	}
	var curves []scene.Curve
	if r.set.Chart.Mode != scene.ChartDimension {
		curves = s.Chart().Full()
	}
	state := readout.ChartState{Error: r.v.Metrics.AdversarialError, DimensionsDone: 1}
	return readout.ChartSeries(r.set, curves, dims), readout.ChartAxis(r.set, state)
}

// legendSample is paint's: a series whose indexes strokeCurve dashes
// twice.
var legendSample = func() []metrics.CurvePoint {
	s := make([]metrics.CurvePoint, 9)
	for i := range s {
		s[i].Epsilon = float64(i)
	}
	return s
}()

// drawChartAxes draws the chart's grid lines at the error ticks, every
// other one labelled when they crowd, ε's ticks below, and the mark at the
// scene's ε; put writes a label aligned at a fraction of its width, and
// fill fills a rectangle.
func (r *renderer) drawChartAxes(in view.Rect, ticks []view.Tick, ax readout.Axis, toChart func(x, e float64) pt,
	put func(s string, x, y, align float64, col color.NRGBA), fill func(view.Rect, color.NRGBA)) {
	dpr := r.dpr
	every := 1
	if in.H/float64(len(ticks)-1) < 13*dpr {
		every = 2
	}
	for i, t := range ticks {
		y := toChart(ax.Min, t.Value).y
		fill(view.Rect{X: in.X, Y: y - dpr/2, W: in.W, H: dpr}, r.theme.Grid)
		if (len(ticks)-1-i)%every == 0 {
			put(fmt.Sprintf("%.0f%%", t.Value*100), in.X-4*dpr, y-7*dpr, 1, r.theme.Muted)
		}
	}
	for _, t := range ax.Ticks {
		put(t.Label, toChart(t.Value, 0).x, in.Y+in.H+3*dpr, 0.5, r.theme.Muted)
	}
	if ax.Mark {
		mk := toChart(ax.MarkX, ax.MarkY)
		fill(view.Rect{X: mk.x - dpr/2, Y: in.Y, W: dpr, H: in.H}, r.theme.Muted)
	}
}

// drawChart draws the inset chart of the error against ε (or against the
// dimension) at the layout's chart corner, rounded to whole pixels
// (paint's drawChart and drawChartAxes).
func (r *renderer) drawChart() {
	cr := r.l.Chart
	dpr := r.dpr
	c := newCanvas(max(1, int(math.Ceil(cr.W))), max(1, int(math.Ceil(cr.H))))
	all := c.img.Bounds()
	rect := view.Rect{W: float64(all.Dx()), H: float64(all.Dy())}
	// Opaque, unlike the readout.
	bg := r.theme.Panel
	if bg.A != 0 {
		bg.A = 0xff
	}
	c.fill(premul(bg, 1))
	c.strokeRect(all, rect, dpr, premul(r.theme.Grid, 1))
	at := image.Pt(int(math.Round(cr.X)), int(math.Round(cr.Y)))
	defer func() {
		r.c.compose(c.img, at)
		r.info.Chart = view.Rect{X: float64(at.X), Y: float64(at.Y), W: rect.W, H: rect.H}
	}()
	small := r.f.small
	curves, ax := r.chartSeries()
	labels := make([]float64, len(curves))
	for i, cv := range curves {
		st := view.Series(cv.Name)
		labels[i] = measure(small, st.Label)
		r.series = append(r.series, st.Color)
	}
	box := view.LayoutChart(rect, dpr, labels)
	if box.Plot.W <= 0 || box.Plot.H <= 0 {
		return
	}
	ticks := view.ErrorTicks(curves)
	top := ticks[len(ticks)-1].Value
	in := box.Plot
	toChart := func(x, e float64) pt {
		return pt{in.X + (x-ax.Min)/(ax.Max-ax.Min)*in.W, in.Y + in.H - e/top*in.H}
	}
	put := func(s string, x, y, align float64, col color.NRGBA) {
		c.text(all, small, s, x-align*measure(small, s), y, premul(col, 1))
	}
	r.drawChartAxes(in, ticks, ax, toChart, put, func(x view.Rect, col color.NRGBA) { c.fillRect(all, x, premul(col, 1)) })
	put(ax.Title, box.Pad, box.Pad-2*dpr, 0, r.theme.Text)
	mk := toChart(ax.MarkX, ax.MarkY)
	for i, cv := range curves {
		st, e := view.Series(cv.Name), box.Legend[i]
		sampleAt := func(i, _ float64) pt { return pt{e.X + i*1.75*dpr, e.Y + 8*dpr} }
		strokeCurve(c, all, legendSample, sampleAt, st.Color, st.Dashed, dpr)
		put(st.Label, e.X+18*dpr, e.Y, 0, st.Color)
	}
	// Last series first, so that the model shown is drawn over the rest.
	for i := len(curves) - 1; i >= 0; i-- {
		st := view.Series(curves[i].Name)
		strokeCurve(c, all, curves[i].Points, toChart, st.Color, st.Dashed, dpr)
	}
	if ax.Point {
		var dot shape
		dot.add(circle(mk.x, mk.y, 3.5*dpr), false)
		c.fillShape(all, &dot, premul(view.Purple, 1))
	}
}

// strokeCurve strokes a series 1.8 CSS pixels wide with round joins,
// solid, or dashed two steps on and two off (paint's strokeCurve).
func strokeCurve(c *canvas, clip image.Rectangle, pts []metrics.CurvePoint, at func(x, e float64) pt, col color.NRGBA, dashed bool, dpr float64) {
	var sh shape
	var run []pt
	for i, p := range pts {
		q := at(p.Epsilon, p.Error)
		if i == 0 || dashed && i%4 == 0 {
			sh.stroke(run, 1.8*dpr)
			run = append(run[:0], q)
			continue
		}
		if dashed && i%4 == 3 {
			continue
		}
		run = append(run, q)
	}
	sh.stroke(run, 1.8*dpr)
	c.fillShape(clip, &sh, premul(col, 1))
}
