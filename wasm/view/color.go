package view

import (
	"image/color"
	"math"
)

// The article's colours: red for class 0, blue for class 1, and a purple
// decision boundary.
var (
	Red    = color.NRGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	Blue   = color.NRGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	Purple = color.NRGBA{R: 0x80, G: 0x3d, B: 0xbf, A: 0xff}
)

// Shade returns the background colour for a probability p of class 1: a
// soft tint of red below 1/2, of blue above, fading to the background bg
// at 1/2. strength (0–1) sets how deep the tint gets at p = 0 or 1.
// NaN is treated as 1/2; strength is clamped to [0, 1], NaN meaning 0.
func Shade(p float64, bg color.NRGBA, strength float64) color.NRGBA {
	if math.IsNaN(p) {
		p = 0.5
	}
	if math.IsNaN(strength) {
		strength = 0
	}
	strength = clamp(strength, 0, 1)
	p = clamp(p, 0, 1)
	tint, t := Red, (0.5-p)*2
	if p > 0.5 {
		tint, t = Blue, (p-0.5)*2
	}
	// A square root makes the tint visible well before p saturates.
	t = math.Sqrt(t) * strength
	mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return color.NRGBA{R: mix(bg.R, tint.R), G: mix(bg.G, tint.G), B: mix(bg.B, tint.B), A: 0xff}
}

// Tint returns the shading for a probability p of class 1 over a
// transparent background: the class colour with an opacity that grows as
// Shade's mix does, up to strength, premultiplied. NaN is treated as 1/2.
func Tint(p, strength float64) color.NRGBA {
	if math.IsNaN(p) {
		p = 0.5
	}
	p = clamp(p, 0, 1)
	tint, t := Red, (0.5-p)*2
	if p > 0.5 {
		tint, t = Blue, (p-0.5)*2
	}
	if math.IsNaN(strength) {
		strength = 0
	}
	a := math.Sqrt(t) * clamp(strength, 0, 1)
	scale := func(v uint8) uint8 { return uint8(math.Round(float64(v) * a)) }
	return color.NRGBA{R: scale(tint.R), G: scale(tint.G), B: scale(tint.B), A: uint8(math.Round(255 * a))}
}
