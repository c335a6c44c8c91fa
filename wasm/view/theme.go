package view

import (
	"image/color"
	"math"
)

// Theme is a palette of the playground: the canvas draws with it and the
// page's CSS takes the same colours from it.
type Theme struct {
	Name string
	// Transparent themes paint no background of their own: the host
	// page's shows through. Background is then the colour assumed under
	// the marks for their contrast, white.
	Transparent bool
	Background  color.NRGBA
	Text        color.NRGBA
	Muted       color.NRGBA
	Grid        color.NRGBA
	Panel       color.NRGBA // background of the readout and the chart
	Arrow       color.NRGBA
	// Marks are the points' colours by label: the article's red and blue,
	// lightened on a dark background to keep their contrast.
	Marks [2]color.NRGBA
}

// Themes are the playground's palettes by name: light, dark and
// transparent (light colours over the host page).
var Themes = map[string]Theme{
	"light": {
		Name: "light", Background: color.NRGBA{0xfb, 0xfb, 0xfa, 0xff}, Text: color.NRGBA{0x22, 0x22, 0x22, 0xff},
		Muted: color.NRGBA{0x66, 0x66, 0x66, 0xff}, Grid: color.NRGBA{0xe2, 0xe2, 0xe0, 0xff},
		Panel: color.NRGBA{0xff, 0xff, 0xff, 0xf4}, Arrow: color.NRGBA{0x33, 0x33, 0x33, 0xff},
		Marks: [2]color.NRGBA{Red, Blue},
	},
	"dark": {
		Name: "dark", Background: color.NRGBA{0x16, 0x18, 0x1d, 0xff}, Text: color.NRGBA{0xe6, 0xe6, 0xe6, 0xff},
		Muted: color.NRGBA{0x9a, 0x9a, 0x9a, 0xff}, Grid: color.NRGBA{0x2c, 0x2f, 0x36, 0xff},
		Panel: color.NRGBA{0x1e, 0x21, 0x27, 0xf4}, Arrow: color.NRGBA{0xdd, 0xdd, 0xdd, 0xff},
		Marks: [2]color.NRGBA{{0xf0, 0x5a, 0x5a, 0xff}, {0x4c, 0x9b, 0xe0, 0xff}},
	},
	"transparent": {
		Name: "transparent", Transparent: true, Background: color.NRGBA{0xff, 0xff, 0xff, 0xff}, Text: color.NRGBA{0x22, 0x22, 0x22, 0xff},
		Muted: color.NRGBA{0x66, 0x66, 0x66, 0xff}, Grid: color.NRGBA{0xe2, 0xe2, 0xe0, 0xff},
		Panel: color.NRGBA{0xff, 0xff, 0xff, 0xf4}, Arrow: color.NRGBA{0x33, 0x33, 0x33, 0xff},
		Marks: [2]color.NRGBA{Red, Blue},
	},
}

// ThemeNamed returns the theme of that name, or the light one.
func ThemeNamed(name string) Theme {
	if t, ok := Themes[name]; ok {
		return t
	}
	return Themes["light"]
}

// Fill returns the colour the canvas clears to: the background, fully
// transparent for a transparent theme.
func (t Theme) Fill() color.NRGBA {
	c := t.Background
	if t.Transparent {
		c.A = 0
	}
	return c
}

// Mark returns the colour of a label's points.
func (t Theme) Mark(label int) color.NRGBA { return t.Marks[label&1] }

// MarkContrast is the contrast ratio every mark keeps against what lies
// under it, WCAG 2.2's 3:1 for graphical objects (1.4.11).
const MarkContrast = 3

// MarkBackgrounds returns what a mark may lie on: the background, and the
// shading at its deepest tint of either class with the given strength.
func (t Theme) MarkBackgrounds(shading float64) []color.NRGBA {
	return []color.NRGBA{t.Background, Shade(0, t.Background, shading), Shade(1, t.Background, shading)}
}

// MinMarkAlpha returns the least opacity at which a label's marks keep
// MarkContrast against every background MarkBackgrounds gives, in steps of
// 1/100; 1 if even opaque marks do not.
func (t Theme) MinMarkAlpha(label int, shading float64) float64 {
	bgs := t.MarkBackgrounds(shading)
	for k := 1; k <= 100; k++ {
		a := float64(k) / 100
		ok := true
		for _, bg := range bgs {
			if ContrastRatio(Over(t.Mark(label), bg, a), bg) < MarkContrast {
				ok = false
				break
			}
		}
		if ok {
			return a
		}
	}
	return 1
}

// Luminance returns the relative luminance of c's colour (its alpha
// ignored), as WCAG 2.2 defines it for sRGB.
func Luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// ContrastRatio returns WCAG's contrast ratio of two opaque colours,
// (L₁ + 0.05)/(L₂ + 0.05) with L₁ the lighter: 1 to 21.
func ContrastRatio(a, b color.NRGBA) float64 {
	la, lb := Luminance(a), Luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// Over returns fg drawn with opacity alpha (0–1) over the opaque bg,
// blended in sRGB as the GPU blends: bg + alpha·(fg − bg), rounded.
func Over(fg, bg color.NRGBA, alpha float64) color.NRGBA {
	alpha = clamp(alpha, 0, 1)
	mix := func(b, f uint8) uint8 { return uint8(math.Round(float64(b) + (float64(f)-float64(b))*alpha)) }
	return color.NRGBA{R: mix(bg.R, fg.R), G: mix(bg.G, fg.G), B: mix(bg.B, fg.B), A: 0xff}
}
