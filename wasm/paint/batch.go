//go:build js && wasm

package paint

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

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
func (p *Painter) batch(dst, src *ebiten.Image, fill func(*batcher)) {
	b := &p.cache.batch
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
