package glyphs

import (
	"fmt"
	"image"
	"image/draw"
	"sync"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Side is the width and height of a glyph image in pixels, as MNIST's.
const Side = 28

// Dim is the number of pixels of a glyph image, Side², the dimension d.
const Dim = Side * Side

// The layout of a glyph in its image: rendered at emPixels pixels per em,
// which makes a Go Regular digit about 20 pixels tall (MNIST fits its
// digits in a 20×20 box), scaled down only if it would exceed maxExtent
// pixels either way, and centred on the image by its outline's bounding
// box.
const (
	emPixels  = 28
	maxExtent = 24
)

var goRegular = sync.OnceValues(func() (*sfnt.Font, error) {
	return sfnt.Parse(goregular.TTF)
})

// Coverage returns the image of the character r in Go Regular as Side×Side
// coverage values in [0, 1], row by row from the top: the fraction of each
// pixel the glyph covers, in 1/255 steps (the anti-aliasing of
// golang.org/x/image/vector, whose integer arithmetic at this size is the
// same on every platform). It returns an error naming glyphs if the font
// has no glyph for r or the glyph draws nothing (a space).
func Coverage(r rune) ([]float64, error) {
	f, err := goRegular()
	if err != nil {
		return nil, fmt.Errorf("glyphs: parsing Go Regular: %v", err)
	}
	var buf sfnt.Buffer
	idx, err := f.GlyphIndex(&buf, r)
	if err != nil || idx == 0 {
		return nil, fmt.Errorf("glyphs: Go Regular has no glyph for %q", r)
	}
	segs, err := f.LoadGlyph(&buf, idx, fixed.I(emPixels), nil)
	if err != nil {
		return nil, fmt.Errorf("glyphs: loading the glyph for %q: %v", r, err)
	}
	b := segs.Bounds()
	w, h := float32(b.Max.X-b.Min.X)/64, float32(b.Max.Y-b.Min.Y)/64
	if len(segs) == 0 || w <= 0 || h <= 0 {
		return nil, fmt.Errorf("glyphs: the glyph for %q draws nothing", r)
	}
	scale := min(1, maxExtent/max(w, h))
	// Pixel coordinates: the bounding box's centre goes to the image's.
	cx, cy := float32(b.Min.X+b.Max.X)/128, float32(b.Min.Y+b.Max.Y)/128
	at := func(p fixed.Point26_6) (float32, float32) {
		return (float32(p.X)/64-cx)*scale + Side/2, (float32(p.Y)/64-cy)*scale + Side/2
	}
	z := vector.NewRasterizer(Side, Side)
	z.DrawOp = draw.Src
	for _, s := range segs {
		x0, y0 := at(s.Args[0])
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			z.MoveTo(x0, y0)
		case sfnt.SegmentOpLineTo:
			z.LineTo(x0, y0)
		case sfnt.SegmentOpQuadTo:
			x1, y1 := at(s.Args[1])
			z.QuadTo(x0, y0, x1, y1)
		case sfnt.SegmentOpCubeTo:
			x1, y1 := at(s.Args[1])
			x2, y2 := at(s.Args[2])
			z.CubeTo(x0, y0, x1, y1, x2, y2)
		}
	}
	dst := image.NewAlpha(image.Rect(0, 0, Side, Side))
	z.Draw(dst, dst.Bounds(), image.Opaque, image.Point{})
	out := make([]float64, Dim)
	for i, a := range dst.Pix {
		out[i] = float64(a) / 255
	}
	return out, nil
}
