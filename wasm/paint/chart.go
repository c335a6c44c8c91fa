//go:build js && wasm

package paint

import (
	"fmt"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"advplay/engine/metrics"
	"advplay/wasm/view"
)

// legendSample is a series whose indexes strokeCurve dashes twice.
var legendSample = func() []metrics.CurvePoint {
	s := make([]metrics.CurvePoint, 9)
	for i := range s {
		s[i].Epsilon = float64(i)
	}
	return s
}()

// drawChart draws the inset chart of error against ε (or the dimension)
// into dst, an image the size of the chart, with the marker of the
// scene's own place on its axis.
func (p *Painter) drawChart(dst *ebiten.Image, f *Frame) {
	b := dst.Bounds()
	r := view.Rect{W: float64(b.Dx()), H: float64(b.Dy())}
	dpr := f.DPR
	// Opaque, unlike the readout: curves over the plot's points read badly.
	bg := p.theme.Panel
	if bg.A != 0 {
		bg.A = 0xff
	}
	vector.DrawFilledRect(dst, 0, 0, float32(r.W), float32(r.H), bg, false)
	vector.StrokeRect(dst, 0, 0, float32(r.W), float32(r.H), float32(dpr), p.theme.Grid, false)
	_, small := p.res.fonts(dpr)
	curves := f.Chart.Series
	labels := make([]float64, len(curves))
	for i, c := range curves {
		labels[i] = measure(small, view.Series(c.Name).Label)
	}
	box := view.LayoutChart(r, dpr, labels)
	if box.Plot.W <= 0 || box.Plot.H <= 0 {
		return
	}
	ticks := view.ErrorTicks(curves)
	top := ticks[len(ticks)-1].Value
	ax, in := f.Chart.Axis, box.Plot
	at := func(x, err float64) (float32, float32) {
		return float32(in.X + (x-ax.Min)/(ax.Max-ax.Min)*in.W), float32(in.Y + in.H - err/top*in.H)
	}
	p.drawChartAxes(dst, f, box, ticks, at)
	// The scene's own ε (or dimension).
	x, y := at(ax.MarkX, ax.MarkY)
	if ax.Mark {
		vector.StrokeLine(dst, x, float32(in.Y), x, float32(in.Y+in.H), float32(dpr), p.theme.Muted, false)
	}
	// Anti-aliased strokes last and together, so they share one offscreen pass.
	for i, c := range curves {
		st, e := view.Series(c.Name), box.Legend[i]
		sampleAt := func(i, _ float64) (float32, float32) {
			return float32(e.X + i*1.75*dpr), float32(e.Y + 8*dpr)
		}
		strokeCurve(dst, p.res.white, legendSample, sampleAt, st.Color, st.Dashed, dpr)
		label(dst, st.Label, small, e.X+18*dpr, e.Y, alignStart, st.Color)
	}
	// Last series first, so that the model shown (listed first) is drawn
	// over the plain one it is compared with, and over the theory.
	for i := len(curves) - 1; i >= 0; i-- {
		st := view.Series(curves[i].Name)
		strokeCurve(dst, p.res.white, curves[i].Points, at, st.Color, st.Dashed, dpr)
	}
	if ax.Point {
		vector.DrawFilledCircle(dst, x, y, float32(3.5*dpr), view.Purple, true)
	}
}

// drawChartAxes draws the chart's grid lines at the error ticks, with
// their labels (every other one in a short chart, counting down from the
// top), the horizontal axis's labels and the title; at maps a point of
// the chart to dst.
func (p *Painter) drawChartAxes(dst *ebiten.Image, f *Frame, box view.ChartBox, ticks []view.Tick, at func(x, err float64) (float32, float32)) {
	dpr, in, ax := f.DPR, box.Plot, f.Chart.Axis
	_, small := p.res.fonts(dpr)
	put := func(s string, x, y float64, a align, c color.Color) { label(dst, s, small, x, y, a, c) }
	every := 1
	if in.H/float64(len(ticks)-1) < 13*dpr {
		every = 2
	}
	for i, t := range ticks {
		_, y := at(ax.Min, t.Value)
		vector.StrokeLine(dst, float32(in.X), y, float32(in.X+in.W), y, float32(dpr), p.theme.Grid, false)
		if (len(ticks)-1-i)%every == 0 {
			put(fmt.Sprintf("%.0f%%", t.Value*100), in.X-4*dpr, float64(y)-7*dpr, alignEnd, p.theme.Muted)
		}
	}
	for _, t := range ax.Ticks {
		x, _ := at(t.Value, 0)
		put(t.Label, float64(x), in.Y+in.H+3*dpr, alignCenter, p.theme.Muted)
	}
	put(ax.Title, box.Pad, box.Pad-2*dpr, alignStart, p.theme.Text)
}

// strokeCurve strokes a series as one path, dashed or solid.
func strokeCurve(dst, white *ebiten.Image, pts []metrics.CurvePoint, at func(e, v float64) (float32, float32), c color.NRGBA, dashed bool, dpr float64) {
	var path vector.Path
	for i, pt := range pts {
		x, y := at(pt.Epsilon, pt.Error)
		if i == 0 || dashed && i%4 == 0 {
			path.MoveTo(x, y)
			continue
		}
		if dashed && i%4 == 3 {
			continue
		}
		path.LineTo(x, y)
	}
	vs, is := path.AppendVerticesAndIndicesForStroke(nil, nil, &vector.StrokeOptions{Width: float32(1.8 * dpr), LineJoin: vector.LineJoinRound})
	for i := range vs {
		vs[i].SrcX, vs[i].SrcY = 1, 1
		vs[i].ColorR, vs[i].ColorG, vs[i].ColorB, vs[i].ColorA = float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	}
	dst.DrawTriangles(vs, is, white, &ebiten.DrawTrianglesOptions{AntiAlias: true})
}
