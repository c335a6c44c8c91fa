package poster

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"advplay/wasm/view"
)

// canvas is an image being drawn: premultiplied RGBA, blended in sRGB as
// the page's WebGL blends (source over, no gamma).
type canvas struct {
	img *image.RGBA
	z   vector.Rasterizer
	// hard draws shapes without anti-aliasing: each pixel fully or not
	// at all, as it is covered by at least hardCover of it or not.
	hard bool
}

// hardCover is the least part of a pixel a hard-edged shape must cover to
// colour it: at a quarter, the thinnest marks (a twin's ring, 0.5 pixels
// wide about a radius of 1.6 pixels among the article's 20,000 points)
// keep a whole outline of pixels.
const hardCover = 0.25

func newCanvas(w, h int) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h))}
}

// premul returns c at opacity alpha (0–1), premultiplied.
func premul(c color.NRGBA, alpha float64) color.RGBA {
	a := math.Max(0, math.Min(1, alpha)) * float64(c.A) / 255
	m := func(v uint8) uint8 { return uint8(math.Round(float64(v) * a)) }
	return color.RGBA{m(c.R), m(c.G), m(c.B), uint8(math.Round(255 * a))}
}

// fill sets every pixel to c, premultiplied.
func (cv *canvas) fill(c color.RGBA) {
	pix := cv.img.Pix
	for i := 0; i < len(pix); i += 4 {
		pix[i], pix[i+1], pix[i+2], pix[i+3] = c.R, c.G, c.B, c.A
	}
}

// over blends the premultiplied colour s over pixel i of the image.
func (cv *canvas) over(i int, s color.RGBA) {
	pix := cv.img.Pix
	k := 255 - uint32(s.A)
	pix[i] = s.R + uint8((uint32(pix[i])*k+127)/255)
	pix[i+1] = s.G + uint8((uint32(pix[i+1])*k+127)/255)
	pix[i+2] = s.B + uint8((uint32(pix[i+2])*k+127)/255)
	pix[i+3] = s.A + uint8((uint32(pix[i+3])*k+127)/255)
}

// rectOf returns the whole pixels r touches, as paint's rectOf.
func rectOf(r view.Rect) image.Rectangle {
	return image.Rect(int(r.X), int(r.Y), int(math.Ceil(r.X+r.W)), int(math.Ceil(r.Y+r.H)))
}

// fillRect blends c over the pixels of clip whose centres lie in r, as
// the canvas fills a rectangle without anti-aliasing.
func (cv *canvas) fillRect(clip image.Rectangle, r view.Rect, c color.RGBA) {
	x0, x1 := centres(r.X, r.X+r.W)
	y0, y1 := centres(r.Y, r.Y+r.H)
	b := image.Rect(x0, y0, x1, y1).Intersect(clip).Intersect(cv.img.Bounds())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := cv.img.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x++ {
			cv.over(i, c)
			i += 4
		}
	}
}

// centres returns the pixels [i0, i1) whose centres i + 0.5 lie in
// [lo, hi).
func centres(lo, hi float64) (int, int) {
	return int(math.Ceil(lo - 0.5)), int(math.Ceil(hi - 0.5))
}

// strokeRect strokes r's outline with a line of width w centred on it,
// without anti-aliasing, as the canvas's StrokeRect.
func (cv *canvas) strokeRect(clip image.Rectangle, r view.Rect, w float64, c color.RGBA) {
	h := w / 2
	outer := view.Rect{X: r.X - h, Y: r.Y - h, W: r.W + w, H: r.H + w}
	cv.fillRect(clip, view.Rect{X: outer.X, Y: outer.Y, W: outer.W, H: w}, c)
	cv.fillRect(clip, view.Rect{X: outer.X, Y: r.Y + r.H - h, W: outer.W, H: w}, c)
	cv.fillRect(clip, view.Rect{X: outer.X, Y: r.Y + h, W: w, H: r.H - w}, c)
	cv.fillRect(clip, view.Rect{X: r.X + r.W - h, Y: r.Y + h, W: w, H: r.H - w}, c)
}

// fillConvex blends c over the pixels of clip whose centres lie inside
// the convex polygon pts, as the canvas draws a solid quad without
// anti-aliasing.
func (cv *canvas) fillConvex(clip image.Rectangle, pts []pt, c color.RGBA) {
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
	}
	y0, y1 := centres(minY, maxY)
	b := clip.Intersect(cv.img.Bounds())
	y0, y1 = max(y0, b.Min.Y), min(y1, b.Max.Y)
	for y := y0; y < y1; y++ {
		cy := float64(y) + 0.5
		lo, hi := math.Inf(1), math.Inf(-1)
		for i, p := range pts {
			q := pts[(i+1)%len(pts)]
			if (p.y <= cy) == (q.y <= cy) {
				continue
			}
			x := p.x + (cy-p.y)/(q.y-p.y)*(q.x-p.x)
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		if !(hi > lo) {
			continue
		}
		x0, x1 := centres(lo, hi)
		x0, x1 = max(x0, b.Min.X), min(x1, b.Max.X)
		for x := x0; x < x1; x++ {
			cv.over(cv.img.PixOffset(x, y), c)
		}
	}
}

// pt is a point in device pixels.
type pt struct{ x, y float64 }

// shape is a set of closed polygons filled together with anti-aliasing:
// solids wound one way, holes the other, so that overlapping solids merge
// and a hole cuts through them.
type shape struct {
	polys [][]pt
}

// add adds a polygon, a solid or a hole; one of fewer than three points
// covers nothing and is left out.
func (s *shape) add(poly []pt, hole bool) {
	if len(poly) < 3 {
		return
	}
	if (area(poly) < 0) != hole {
		for i, j := 0, len(poly)-1; i < j; i, j = i+1, j-1 {
			poly[i], poly[j] = poly[j], poly[i]
		}
	}
	s.polys = append(s.polys, poly)
}

// area returns the polygon's signed area.
func area(poly []pt) float64 {
	var a float64
	for i, p := range poly {
		q := poly[(i+1)%len(poly)]
		a += p.x*q.y - q.x*p.y
	}
	return a / 2
}

// circle returns a polygon close to the circle of radius r about (x, y):
// its vertices lie on the circle, and its sides stray from the circle by
// less than a twentieth of a pixel.
func circle(x, y, r float64) []pt {
	n := int(math.Ceil(math.Pi * math.Sqrt(10*r)))
	n = max(12, min(256, n))
	out := make([]pt, n)
	for i := range out {
		a := 2 * math.Pi * float64(i) / float64(n)
		out[i] = pt{x + r*math.Cos(a), y + r*math.Sin(a)}
	}
	return out
}

// square returns the square of half-side h about (x, y).
func square(x, y, h float64) []pt {
	return []pt{{x - h, y - h}, {x + h, y - h}, {x + h, y + h}, {x - h, y + h}}
}

// segment returns the rectangle a line of width w from a to b covers,
// with butt ends, or nil for a line shorter than half a pixel (which the
// canvas leaves out too).
func segment(a, b pt, w float64) []pt {
	dx, dy := b.x-a.x, b.y-a.y
	n := math.Hypot(dx, dy)
	if n < 0.5 {
		return nil
	}
	nx, ny := -dy/n*w/2, dx/n*w/2
	return []pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}}
}

// stroke adds a polyline of width w with round joins and butt ends.
func (s *shape) stroke(pts []pt, w float64) {
	for i := 1; i < len(pts); i++ {
		if q := segment(pts[i-1], pts[i], w); q != nil {
			s.add(q, false)
		}
		if i+1 < len(pts) {
			s.add(circle(pts[i].x, pts[i].y, w/2), false)
		}
	}
}

// fillShape blends c over the pixels of clip, each by the part of it the
// shape covers.
func (cv *canvas) fillShape(clip image.Rectangle, s *shape, c color.RGBA) {
	if len(s.polys) == 0 || c.A == 0 {
		return
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, poly := range s.polys {
		for _, p := range poly {
			minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
			minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
		}
	}
	if !finite(minX, minY, maxX, maxY) {
		return
	}
	b := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	b = b.Intersect(clip).Intersect(cv.img.Bounds())
	if b.Empty() {
		return
	}
	z := &cv.z
	z.Reset(b.Dx(), b.Dy())
	ox, oy := float64(b.Min.X), float64(b.Min.Y)
	for _, poly := range s.polys {
		z.MoveTo(float32(poly[0].x-ox), float32(poly[0].y-oy))
		for _, p := range poly[1:] {
			z.LineTo(float32(p.x-ox), float32(p.y-oy))
		}
		z.ClosePath()
	}
	if !cv.hard {
		z.Draw(cv.img, b, image.NewUniform(c), image.Point{})
		return
	}
	mask := image.NewAlpha(image.Rect(0, 0, b.Dx(), b.Dy()))
	z.DrawOp = draw.Src
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	for y := range b.Dy() {
		for x := range b.Dx() {
			if float64(mask.Pix[y*mask.Stride+x]) >= hardCover*255 {
				cv.over(cv.img.PixOffset(b.Min.X+x, b.Min.Y+y), c)
			}
		}
	}
}

// text draws s in face and the premultiplied colour c with the top of its
// line at y and its start at x, as the canvas's label.
func (cv *canvas) text(clip image.Rectangle, face font.Face, s string, x, y float64, c color.RGBA) {
	dst, ok := cv.img.SubImage(clip).(*image.RGBA)
	if !ok || dst.Bounds().Empty() {
		return
	}
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: face,
		Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y*64)) + face.Metrics().Ascent}}
	d.DrawString(s)
}

// compose blends src over cv at offset at, as the canvas draws a layer.
func (cv *canvas) compose(src *image.RGBA, at image.Point) {
	r := src.Bounds().Add(at)
	draw.Draw(cv.img, r, src, image.Point{}, draw.Over)
}
