package view

import "math"

// Rect is an axis-aligned rectangle.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether (x, y) is inside r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Transform maps data coordinates to screen pixels with the same scale on
// both axes, so that angles and the L∞ ball's squares look true.
type Transform struct {
	// Plot is the screen rectangle the data is drawn in.
	Plot Rect
	// Center is the data point at the middle of Plot.
	CX, CY float64
	// Scale is screen pixels per data unit.
	Scale float64
}

// ToScreen maps a data point to screen pixels.
func (t Transform) ToScreen(x, y float64) (sx, sy float64) {
	return t.Plot.X + t.Plot.W/2 + (x-t.CX)*t.Scale,
		t.Plot.Y + t.Plot.H/2 - (y-t.CY)*t.Scale
}

// ToData maps screen pixels to a data point.
func (t Transform) ToData(sx, sy float64) (x, y float64) {
	return t.CX + (sx-t.Plot.X-t.Plot.W/2)/t.Scale,
		t.CY - (sy-t.Plot.Y-t.Plot.H/2)/t.Scale
}

// Visible returns the data rectangle shown in Plot as min and max corners.
func (t Transform) Visible() (minX, minY, maxX, maxY float64) {
	minX, maxY = t.ToData(t.Plot.X, t.Plot.Y)
	maxX, minY = t.ToData(t.Plot.X+t.Plot.W, t.Plot.Y+t.Plot.H)
	return
}

// Scale limits keep zooming meaningful: 1e-3 to 1e6 pixels per unit.
const (
	MinScale = 1e-3
	MaxScale = 1e6
)

// Fit returns the transform showing the data box [minX,maxX]×[minY,maxY]
// in plot with the given margin fraction on every side. An empty or
// degenerate box is widened to at least one unit; an inverted or
// non-finite box is replaced by the article's [−1,3]×[−1,3].
func Fit(plot Rect, minX, minY, maxX, maxY, margin float64) Transform {
	if !(maxX >= minX) || !(maxY >= minY) || !finite(minX, minY, maxX-minX, maxY-minY) {
		minX, minY, maxX, maxY = -1, -1, 3, 3
	}
	if !(margin >= 0) || math.IsInf(margin, 0) {
		margin = 0
	}
	w, h := math.Max(maxX-minX, 1), math.Max(maxY-minY, 1)
	scale := math.Min(plot.W/(w*(1+2*margin)), plot.H/(h*(1+2*margin)))
	return Transform{
		Plot:  plot,
		CX:    (minX + maxX) / 2,
		CY:    (minY + maxY) / 2,
		Scale: clamp(scale, MinScale, MaxScale),
	}
}

// Zoom returns t zoomed by factor about the screen point (sx, sy), which
// stays over the same data point. A factor that is not a finite positive
// number, or a non-finite anchor, leaves t unchanged.
func (t Transform) Zoom(factor, sx, sy float64) Transform {
	if !(factor > 0) || !finite(factor, sx, sy) {
		return t
	}
	x, y := t.ToData(sx, sy)
	t.Scale = clamp(t.Scale*factor, MinScale, MaxScale)
	// Move the centre so that (x, y) maps back to (sx, sy).
	t.CX = x - (sx-t.Plot.X-t.Plot.W/2)/t.Scale
	t.CY = y + (sy-t.Plot.Y-t.Plot.H/2)/t.Scale
	return t
}

// Pan returns t moved so that the content follows a drag of (dx, dy)
// screen pixels. A non-finite drag leaves t unchanged.
func (t Transform) Pan(dx, dy float64) Transform {
	if !finite(dx, dy) {
		return t
	}
	t.CX -= dx / t.Scale
	t.CY += dy / t.Scale
	return t
}

// WithPlot returns t showing the same data centre and scale in a new plot
// rectangle, as after a window resize.
func (t Transform) WithPlot(plot Rect) Transform {
	t.Plot = plot
	return t
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// finite reports whether every v is neither NaN nor infinite.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
