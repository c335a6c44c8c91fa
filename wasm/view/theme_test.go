package view

import (
	"image/color"
	"math"
	"testing"
)

func TestContrastRatio(t *testing.T) {
	black, white := color.NRGBA{0, 0, 0, 0xff}, color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for _, c := range []struct {
		a, b color.NRGBA
		want float64
		tol  float64
	}{
		// WCAG 2.2's definition: black on white is (1.05)/(0.05) = 21.
		{black, white, 21, 1e-12},
		{white, white, 1, 0},
		// #777777 on white is the well-known 4.48:1 (luminance 0.1845).
		{color.NRGBA{0x77, 0x77, 0x77, 0xff}, white, 4.48, 0.005},
	} {
		if got := ContrastRatio(c.a, c.b); math.Abs(got-c.want) > c.tol {
			t.Errorf("ContrastRatio(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
		if ContrastRatio(c.a, c.b) != ContrastRatio(c.b, c.a) {
			t.Errorf("ContrastRatio(%v, %v) is not symmetric", c.a, c.b)
		}
	}
	if got := Over(white, black, 0.5); got != (color.NRGBA{0x80, 0x80, 0x80, 0xff}) {
		t.Errorf("Over(white, black, 0.5) = %v, want mid grey", got)
	}
}

// TestMarkContrast checks WCAG 1.4.11 for the points in every theme: opaque
// marks keep 3:1 against the background and the deepest shading, and
// MinMarkAlpha is the least opacity that still does.
func TestMarkContrast(t *testing.T) {
	const shading = 0.16 // the playground's shading strength
	for name, th := range Themes {
		if th.Name != name {
			t.Errorf("Themes[%q].Name = %q", name, th.Name)
		}
		for label := range 2 {
			for _, bg := range th.MarkBackgrounds(shading) {
				if r := ContrastRatio(th.Mark(label), bg); r < MarkContrast {
					t.Errorf("%s: opaque mark %d on %v: contrast %.2f, want ≥ %d", name, label, bg, r, MarkContrast)
				}
			}
			a := th.MinMarkAlpha(label, shading)
			if a >= 1 {
				t.Errorf("%s: mark %d needs full opacity", name, label)
				continue
			}
			worst := func(alpha float64) float64 {
				w := math.Inf(1)
				for _, bg := range th.MarkBackgrounds(shading) {
					w = math.Min(w, ContrastRatio(Over(th.Mark(label), bg, alpha), bg))
				}
				return w
			}
			if w, below := worst(a), worst(a-0.01); w < MarkContrast || below >= MarkContrast {
				t.Errorf("%s: mark %d: MinMarkAlpha %v gives contrast %.3f, and %v gives %.3f; want the first ≥ 3 and the second < 3", name, label, a, w, a-0.01, below)
			}
			t.Logf("%s: mark %d keeps 3:1 from opacity %.2f", name, label, a)
		}
	}
	if f := Themes["transparent"].Fill(); f.A != 0 {
		t.Errorf("transparent theme fills with %v, want a clear colour", f)
	}
	if f := Themes["dark"].Fill(); f != Themes["dark"].Background {
		t.Errorf("dark theme fills with %v, want its background", f)
	}
	if ThemeNamed("nonsense").Name != "light" {
		t.Errorf("ThemeNamed of an unknown name is not the light theme")
	}
}
