package view

import "math"

// PointStyle returns the radius in CSS pixels and the opacity of points
// for a count: large and solid for a handful, small and translucent for
// the article's 20,000 so that density still shows.
func PointStyle(n int) (radius, alpha float64) {
	nf := math.Max(float64(n), 1)
	return math.Max(1.6, math.Min(7, 14*math.Pow(nf, -0.2))), math.Max(0.35, math.Min(0.9, 2.2*math.Pow(nf, -0.17)))
}

// CrossStyle returns the half-size in device pixels and the opacity of the
// crosses that mark the points an attack flipped, among n points of radius
// r (device pixels) at scale device pixels per CSS pixel: bold for a few
// points, fainter and no larger than a point in a crowd, so that they do
// not bury the cloud.
func CrossStyle(n int, r, scale float64) (half, alpha float64) {
	if n > 1000 {
		return r * 1.1, math.Max(0.3, 0.85*math.Pow(1000/float64(n), 0.35))
	}
	return math.Max(r*0.9, 3.5*scale), 0.85
}

// Grid is the probability shading's grid over the plot: Cols × Rows cells
// of CellW × CellH device pixels, cell (c, r) sampled at its centre.
type Grid struct {
	Cols, Rows   int
	CellW, CellH float64
	plot         Rect
}

// The shading grid has at most MaxShadingCells cells (about 155×155 on a
// 1280×800 screen): enough for a smooth picture once scaled up with linear
// filtering, few enough to recompute every frame. A network costs far
// more per cell than a line, so its grid stops at MaxNetShadingCells,
// 128×128. A cell is at least ShadingCell CSS pixels wide.
const (
	MaxShadingCells    = 24000
	MaxNetShadingCells = 128 * 128
	ShadingCell        = 3
)

// ShadingGrid returns the grid over plot at scale device pixels per CSS
// pixel, for a linear model or, with fewer cells, a network: square cells
// of at least ShadingCell CSS pixels, at most the cells above, and at
// least 16 each way.
func ShadingGrid(plot Rect, scale float64, linear bool) Grid {
	limit := float64(MaxShadingCells)
	if !linear {
		limit = MaxNetShadingCells
	}
	cell := math.Max(ShadingCell*scale, math.Sqrt(plot.W*plot.H/limit))
	g := Grid{Cols: max(16, int(plot.W/cell)), Rows: max(16, int(plot.H/cell)), plot: plot}
	g.CellW, g.CellH = plot.W/float64(g.Cols), plot.H/float64(g.Rows)
	return g
}

// X returns the screen x of column c's centre, Y the screen y of row r's.
func (g Grid) X(c int) float64 { return g.plot.X + (float64(c)+0.5)*g.CellW }

// Y: see X.
func (g Grid) Y(r int) float64 { return g.plot.Y + (float64(r)+0.5)*g.CellH }

// Around returns the parts of screen outside inner, which lies within it:
// the bands above and below, then left and right, each left out when
// empty.
func Around(screen, inner Rect) []Rect {
	var out []Rect
	for _, r := range []Rect{
		{X: 0, Y: 0, W: screen.W, H: inner.Y},
		{X: 0, Y: inner.Y + inner.H, W: screen.W, H: screen.H - inner.Y - inner.H},
		{X: 0, Y: inner.Y, W: inner.X, H: inner.H},
		{X: inner.X + inner.W, Y: inner.Y, W: screen.W - inner.X - inner.W, H: inner.H},
	} {
		if r.W > 0 && r.H > 0 {
			out = append(out, r)
		}
	}
	return out
}

// Unpremultiply turns premultiplied RGBA, as Ebiten's images hold it, into
// the straight RGBA of the browser's ImageData, in place, rounding to the
// nearest.
func Unpremultiply(pix []byte) {
	for i := 0; i+3 < len(pix); i += 4 {
		a := int(pix[i+3])
		if a == 0 || a == 255 {
			continue
		}
		for k := range 3 {
			pix[i+k] = byte(min(255, (int(pix[i+k])*255+a/2)/a))
		}
	}
}
