package view

import (
	"image/color"

	"advplay/engine/logistic"
	"advplay/engine/model"
)

// ShadingStrength is how deep the shading's tint gets where the model is
// certain.
const ShadingStrength = 0.16

// PaletteSize is the number of shades between certain red and certain
// blue.
const PaletteSize = 256

// PaletteIndex maps a logit to its shade: probabilities in equal steps,
// NaN to the middle.
func PaletteIndex(z float64) int {
	p := logistic.Sigmoid(z)
	if p != p {
		p = 0.5
	}
	return min(PaletteSize-1, max(0, int(p*PaletteSize)))
}

// The shading looks a logit's shade up in a table over z ∈ [−zRange,
// zRange] instead of taking σ per cell. A bin is 0.006 wide in z, less
// than a quarter of a shade where σ is steepest; beyond the range σ is
// within 1e-5 of 0 or 1, the first or last shade.
const (
	zRange = 12
	zBins  = 4096
)

var shadeTable = func() (t [zBins]uint8) {
	for i := range t {
		z := (float64(i)+0.5)/zBins*2*zRange - zRange
		t[i] = uint8(PaletteIndex(z))
	}
	return t
}()

// ShadeIndex is PaletteIndex through a table, for every cell of the
// shading: it differs from PaletteIndex by at most one shade.
func ShadeIndex(z float64) int {
	switch {
	case z != z:
		return PaletteSize / 2
	case z < -zRange:
		return 0
	case z >= zRange:
		// Also before the conversion below, which a huge z would overflow.
		return PaletteSize - 1
	}
	k := int((z + zRange) * (float64(zBins) / (2 * zRange)))
	return int(shadeTable[min(k, zBins-1)])
}

// Shades returns the shading's palette for a theme: Shade over the
// background, or for a transparent theme Tint alone over the host page's
// background, translucent as it is faint and premultiplied as Ebiten's
// pixels are.
func Shades(t Theme, strength float64) (pal [PaletteSize]color.NRGBA) {
	bg := t.Background
	bg.A = 0xff
	for i := range pal {
		p := (float64(i) + 0.5) / PaletteSize
		if t.Transparent {
			pal[i] = Tint(p, strength)
		} else {
			pal[i] = Shade(p, bg, strength)
		}
	}
	return pal
}

// LogitGrid fills out[r·len(xs)+c] with m's logit at (xs[c], ys[r]), with
// fast paths for logistic regression (an affine function) and for models
// that evaluate a whole grid at once. It panics if out is shorter than
// len(xs)·len(ys).
func LogitGrid(m model.Model, xs, ys, out []float64) {
	if len(out) < len(xs)*len(ys) {
		panic("view: LogitGrid: out is too short")
	}
	switch m := m.(type) {
	case *model.Linear:
		for r, y := range ys {
			row := out[r*len(xs) : (r+1)*len(xs)]
			base := m.W[1]*y + m.B
			for c, x := range xs {
				row[c] = m.W[0]*x + base
			}
		}
	case interface{ LogitGrid(xs, ys, out []float64) }:
		m.LogitGrid(xs, ys, out)
	default:
		for r, y := range ys {
			for c, x := range xs {
				out[r*len(xs)+c] = m.Logit([2]float64{x, y})
			}
		}
	}
}
