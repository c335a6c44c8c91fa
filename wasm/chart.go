//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"advplay/engine/metrics"
	"advplay/engine/scene"
	"advplay/wasm/readout"
	"advplay/wasm/view"
)

// chartStyle gives each series of the chart its colour and dash; its
// legend's name is readout.SeriesLabel's.
var chartStyle = map[string]struct {
	color  color.NRGBA
	dashed bool
}{
	"clean":        {color.NRGBA{0x70, 0x70, 0x70, 0xff}, true},
	"attack":       {view.Purple, false},
	"theory":       {color.NRGBA{0x2a, 0x9d, 0x5c, 0xff}, true},
	"fgsm":         {view.Purple, false},
	"fgsm theory":  {view.Purple, true},
	"fgm":          {color.NRGBA{0xe0, 0x7b, 0x00, 0xff}, false},
	"fgm theory":   {color.NRGBA{0xe0, 0x7b, 0x00, 0xff}, true},
	"pgd":          {color.NRGBA{0xe0, 0x7b, 0x00, 0xff}, false},
	"plain clean":  {color.NRGBA{0xb0, 0xb0, 0xb0, 0xff}, true},
	"plain attack": {color.NRGBA{0xe0, 0x7b, 0x00, 0xff}, false},
}

// legendSample is a series whose indexes strokeCurve dashes twice.
var legendSample = make([]metrics.CurvePoint, 9)

func init() {
	for i := range legendSample {
		legendSample[i].Epsilon = float64(i)
	}
}

// chartSeries returns the series the chart shows: the error against ε,
// or, in the dimension mode, against log₂ d.
func (g *game) chartSeries() []scene.Curve {
	if g.scene.Settings().Chart.Mode == scene.ChartDimension {
		return readout.DimensionSeries(g.scene.DimensionCurve())
	}
	var curves []scene.Curve
	for _, c := range g.scene.ChartCurves() {
		if c.Name != "theory" || g.scene.Settings().Show.Theory {
			curves = append(curves, c)
		}
	}
	return curves
}

// chartTable returns the chart's series as a table.
func (g *game) chartTable() readout.Table {
	if g.scene.Settings().Chart.Mode == scene.ChartDimension {
		return readout.DimensionTable(g.scene.DimensionCurve())
	}
	return readout.ChartTable(g.chartSeries())
}

// chartAxis is the chart's horizontal axis: its range, its labelled
// ticks, the title, and the marker of the scene's own place on it.
type chartAxis struct {
	min, max    float64
	ticks       []view.Tick
	title       string
	markX       float64
	markY       float64
	mark, point bool
}

// axis returns the horizontal axis of the chart's mode.
func (g *game) axis() chartAxis {
	set := g.scene.Settings()
	if set.Chart.Mode == scene.ChartDimension {
		a := chartAxis{min: 1, max: math.Log2(scene.MaxDimension), title: fmt.Sprintf("error against dimension d at ε %.2f", set.Epsilon)}
		for _, d := range []int{2, 16, 128, 1024} {
			a.ticks = append(a.ticks, view.Tick{Value: math.Log2(float64(d)), Label: fmt.Sprint(d)})
		}
		if g.scene.DimensionBusy() {
			a.title = fmt.Sprintf("%s: %.0f %%…", a.title, 100*g.scene.DimensionProgress())
		}
		if slices.Contains(scene.CloudPresets, set.Preset) {
			a.mark, a.markX = true, math.Log2(float64(set.Dimension))
		}
		return a
	}
	a := chartAxis{min: 0, max: scene.MaxEpsilon, title: "error against ε", mark: true, point: true,
		markX: set.Epsilon, markY: g.scene.Metrics().AdversarialError}
	for _, e := range []float64{0, 0.5, 1} {
		a.ticks = append(a.ticks, view.Tick{Value: e, Label: fmt.Sprint(e)})
	}
	if g.scene.Running() {
		// The chart is computed from a snapshot and trails the training.
		a.title = fmt.Sprintf("%s, epoch %d", a.title, g.scene.ChartEpoch())
	}
	return a
}

// drawChart draws the inset chart of error against ε into dst, an image
// the size of the chart, with a marker at the current ε.
func (g *game) drawChart(dst *ebiten.Image) {
	b := dst.Bounds()
	r := view.Rect{W: float64(b.Dx()), H: float64(b.Dy())}
	dpr := g.dpr
	// Opaque, unlike the readout: curves over the plot's points read badly.
	bg := g.theme.Panel
	if bg.A != 0 {
		bg.A = 0xff
	}
	vector.DrawFilledRect(dst, 0, 0, float32(r.W), float32(r.H), bg, false)
	vector.StrokeRect(dst, 0, 0, float32(r.W), float32(r.H), float32(dpr), g.theme.Grid, false)
	_, small := g.res.fonts(dpr)
	pad := 8 * dpr
	curves := g.chartSeries()
	// Title on the first line, the legend on as many as it needs (a sample
	// of each line, then its name), then the plot.
	type entry struct{ x, y float64 }
	legend := make([]entry, len(curves))
	lx, ly := pad, pad+14*dpr
	for i, c := range curves {
		w := measure(small, readout.SeriesLabel(c.Name))
		if lx > pad && lx+18*dpr+w > r.W-pad {
			lx, ly = pad, ly+14*dpr
		}
		legend[i] = entry{lx, ly}
		lx += 18*dpr + w + 10*dpr
	}
	in := view.Rect{X: pad + 30*dpr, Y: ly + 20*dpr}
	in.W, in.H = r.W-pad-4*dpr-in.X, r.H-pad-16*dpr-in.Y
	if in.W <= 0 || in.H <= 0 {
		return
	}
	top := 0.1
	for _, c := range curves {
		for _, p := range c.Points {
			top = max(top, p.Error)
		}
	}
	// At most five ticks. From 0 that asks for a step of at most 2.5/4 of
	// the top, so there are at least two, and the rounding up below adds at
	// most one step.
	ticks := view.Ticks(0, top, 5)
	if last := ticks[len(ticks)-1].Value; last < top {
		// Round the top up to the next tick.
		step := ticks[1].Value - ticks[0].Value
		ticks = append(ticks, view.Tick{Value: last + step, Label: fmt.Sprint(last + step)})
	}
	top = ticks[len(ticks)-1].Value
	ax := g.axis()
	at := func(x, err float64) (float32, float32) {
		return float32(in.X + (x-ax.min)/(ax.max-ax.min)*in.W), float32(in.Y + in.H - err/top*in.H)
	}
	put := func(s string, x, y float64, a align, c color.Color) { label(dst, s, small, x, y, a, c) }
	// In a short chart, every other label, counting down from the top.
	every := 1
	if in.H/float64(len(ticks)-1) < 13*dpr {
		every = 2
	}
	for i, t := range ticks {
		_, y := at(ax.min, t.Value)
		vector.StrokeLine(dst, float32(in.X), y, float32(in.X+in.W), y, float32(dpr), g.theme.Grid, false)
		if (len(ticks)-1-i)%every == 0 {
			put(fmt.Sprintf("%.0f%%", t.Value*100), in.X-4*dpr, float64(y)-7*dpr, alignEnd, g.theme.Muted)
		}
	}
	for _, t := range ax.ticks {
		x, _ := at(t.Value, 0)
		put(t.Label, float64(x), in.Y+in.H+3*dpr, alignCenter, g.theme.Muted)
	}
	put(ax.title, pad, pad-2*dpr, alignStart, g.theme.Text)

	// The scene's own ε (or dimension).
	x, y := at(ax.markX, ax.markY)
	if ax.mark {
		vector.StrokeLine(dst, x, float32(in.Y), x, float32(in.Y+in.H), float32(dpr), g.theme.Muted, false)
	}

	// Anti-aliased strokes last and together, so they share one offscreen pass.
	for i, c := range curves {
		st, e := chartStyle[c.Name], legend[i]
		sampleAt := func(i, _ float64) (float32, float32) {
			return float32(e.x + i*1.75*dpr), float32(e.y + 8*dpr)
		}
		g.strokeCurve(dst, legendSample, sampleAt, st.color, st.dashed)
		put(readout.SeriesLabel(c.Name), e.x+18*dpr, e.y, alignStart, st.color)
	}
	// Last series first, so that the model shown (listed first) is drawn
	// over the plain one it is compared with, and over the theory.
	for i := len(curves) - 1; i >= 0; i-- {
		st := chartStyle[curves[i].Name]
		g.strokeCurve(dst, curves[i].Points, at, st.color, st.dashed)
	}
	if ax.point {
		vector.DrawFilledCircle(dst, x, y, float32(3.5*dpr), view.Purple, true)
	}
}

// strokeCurve strokes a series as one path, dashed or solid.
func (g *game) strokeCurve(dst *ebiten.Image, pts []metrics.CurvePoint, at func(e, v float64) (float32, float32), c color.NRGBA, dashed bool) {
	var p vector.Path
	for i, pt := range pts {
		x, y := at(pt.Epsilon, pt.Error)
		if i == 0 || dashed && i%4 == 0 {
			p.MoveTo(x, y)
			continue
		}
		if dashed && i%4 == 3 {
			continue
		}
		p.LineTo(x, y)
	}
	g.strokePath(dst, &p, 1.8*g.dpr, c)
}

// strokePath strokes a path, anti-aliased, in a solid colour.
func (g *game) strokePath(dst *ebiten.Image, p *vector.Path, width float64, c color.NRGBA) {
	vs, is := p.AppendVerticesAndIndicesForStroke(nil, nil, &vector.StrokeOptions{Width: float32(width), LineJoin: vector.LineJoinRound})
	for i := range vs {
		vs[i].SrcX, vs[i].SrcY = 1, 1
		vs[i].ColorR, vs[i].ColorG, vs[i].ColorB, vs[i].ColorA = float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	}
	dst.DrawTriangles(vs, is, g.res.white, &ebiten.DrawTrianglesOptions{AntiAlias: true})
}
