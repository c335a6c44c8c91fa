package poster

import (
	"image"
	"image/color"
	"math"

	"advplay/wasm/view"
)

// The palette's ramps: how many steps of opacity each ink gets over what
// it is drawn on. The marks get the most, since translucent marks pile up
// in a crowd (the article's 20,000 points are drawn at opacity 0.35:
// PointStyle); the rest are anti-aliased edges and text.
const (
	markSteps  = 6 // each class over the background
	mixSteps   = 3 // one class over the other, both ways
	inkSteps   = 8 // purple, text, muted, arrows over the background
	panelSteps = 4 // text and the chart's series over the panel
)

// palette returns the poster's colours, premultiplied: the background,
// the theme's shades exactly, then ramps of every colour the poster
// draws, from the background or the panel under it to the colour itself,
// and mixtures of the two classes' colours. It has at most 256 colours;
// duplicates are dropped, the first kept.
func (r *renderer) palette() []color.RGBA {
	t := r.theme
	var pal []color.RGBA
	seen := map[color.RGBA]bool{}
	add := func(c color.RGBA) {
		if !seen[c] && len(pal) < 256 {
			seen[c] = true
			pal = append(pal, c)
		}
	}
	ramp := func(ink color.NRGBA, base color.RGBA, steps int) {
		for k := 1; k <= steps; k++ {
			add(overPremul(premul(ink, float64(k)/float64(steps)), base))
		}
	}
	bg := premul(t.Fill(), 1)
	add(bg)
	for _, c := range r.shades {
		// Opaque shades, or premultiplied tints (view.Shades).
		add(color.RGBA(c))
	}
	ramp(t.Mark(0), bg, markSteps)
	ramp(t.Mark(1), bg, markSteps)
	for i := 1; i < mixSteps; i++ {
		for j := 1; j < mixSteps; j++ {
			a, b := float64(i)/mixSteps, float64(j)/mixSteps
			add(overPremul(premul(t.Mark(1), b), overPremul(premul(t.Mark(0), a), bg)))
			add(overPremul(premul(t.Mark(0), b), overPremul(premul(t.Mark(1), a), bg)))
		}
	}
	ramp(view.Purple, bg, inkSteps)
	ramp(t.Text, bg, inkSteps)
	ramp(t.Muted, bg, inkSteps)
	ramp(t.Arrow, bg, inkSteps)
	ramp(t.Grid, bg, 2)
	panel := premul(t.Panel, 1)
	opaque := t.Panel
	opaque.A = 0xff
	for _, base := range []color.RGBA{overPremul(panel, bg), premul(opaque, 1)} {
		add(base)
		ramp(t.Text, base, panelSteps)
		ramp(t.Muted, base, panelSteps)
	}
	chartBg := premul(opaque, 1)
	ramp(view.Purple, chartBg, panelSteps)
	for _, c := range r.series {
		ramp(c, chartBg, panelSteps)
	}
	return pal
}

// overPremul returns the premultiplied s over d.
func overPremul(s, d color.RGBA) color.RGBA {
	k := 255 - uint32(s.A)
	m := func(a, b uint8) uint8 { return a + uint8((uint32(b)*k+127)/255) }
	return color.RGBA{m(s.R, d.R), m(s.G, d.G), m(s.B, d.B), m(s.A, d.A)}
}

// quantize maps every pixel of img to the nearest colour of pal (in
// premultiplied RGBA, without dithering, which would cost the PNG's
// compression), and returns the paletted image with the colours used, in
// the palette's order, the translucent ones first (so that the PNG's
// transparency table ends early).
func quantize(img *image.RGBA, pal []color.RGBA) *image.Paletted {
	b := img.Bounds()
	idx := make([]uint8, b.Dx()*b.Dy())
	nearest := map[uint32]uint8{}
	used := make([]bool, len(pal))
	prevKey, prev := uint32(0), -1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):]
		for x := 0; x < b.Dx(); x++ {
			p := row[4*x : 4*x+4 : 4*x+4]
			key := uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
			if key != prevKey || prev < 0 {
				k, ok := nearest[key]
				if !ok {
					k = nearestIndex(pal, color.RGBA{p[0], p[1], p[2], p[3]})
					nearest[key] = k
				}
				prevKey, prev = key, int(k)
			}
			idx[(y-b.Min.Y)*b.Dx()+x] = uint8(prev)
			used[prev] = true
		}
	}
	// Keep the colours used, in order.
	remap := make([]uint8, len(pal))
	var out color.Palette
	for _, opaque := range []bool{false, true} {
		for i, c := range pal {
			if used[i] && (c.A == 0xff) == opaque {
				remap[i] = uint8(len(out))
				out = append(out, unpremul(c))
			}
		}
	}
	for i, k := range idx {
		idx[i] = remap[k]
	}
	return &image.Paletted{Pix: idx, Stride: b.Dx(), Rect: image.Rect(0, 0, b.Dx(), b.Dy()), Palette: out}
}

// nearestIndex returns the index of the colour of pal nearest to c, the
// first of equals.
func nearestIndex(pal []color.RGBA, c color.RGBA) uint8 {
	best, bestD := 0, math.MaxInt
	for i, q := range pal {
		dr, dg, db, da := int(q.R)-int(c.R), int(q.G)-int(c.G), int(q.B)-int(c.B), int(q.A)-int(c.A)
		if d := dr*dr + dg*dg + db*db + da*da; d < bestD {
			best, bestD = i, d
		}
	}
	return uint8(best)
}

// unpremul returns the straight colour of a premultiplied one, as the
// PNG's palette holds it.
func unpremul(c color.RGBA) color.NRGBA {
	if c.A == 0 {
		return color.NRGBA{}
	}
	u := func(v uint8) uint8 { return uint8(min(255, (int(v)*255+int(c.A)/2)/int(c.A))) }
	return color.NRGBA{u(c.R), u(c.G), u(c.B), c.A}
}
