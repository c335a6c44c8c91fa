package view

import (
	"math"
	"testing"

	"advplay/engine/mlp"
	"advplay/engine/model"
)

// TestShadeIndex checks the table against σ itself: within one shade
// over the table's range, the end shades beyond it, the middle for NaN.
func TestShadeIndex(t *testing.T) {
	for z := -13.0; z <= 13; z += 0.0007 {
		if d := ShadeIndex(z) - PaletteIndex(z); d < -1 || d > 1 {
			t.Fatalf("ShadeIndex(%v) = %d, PaletteIndex %d: more than one shade apart", z, ShadeIndex(z), PaletteIndex(z))
		}
	}
	for _, c := range []struct {
		z    float64
		want int
	}{{math.Inf(-1), 0}, {-1e300, 0}, {1e300, PaletteSize - 1}, {math.Inf(1), PaletteSize - 1}, {math.NaN(), PaletteSize / 2}, {0, PaletteSize / 2}} {
		if got := ShadeIndex(c.z); got != c.want {
			t.Errorf("ShadeIndex(%v) = %d, want %d", c.z, got, c.want)
		}
	}
}

func TestShades(t *testing.T) {
	light := Shades(Themes["light"], ShadingStrength)
	// p → 0 is the deepest red tint, p → 1 the deepest blue, the middle
	// the background.
	if light[0] != Shade(0.5/PaletteSize, Themes["light"].Background, ShadingStrength) || light[PaletteSize/2].A != 0xff {
		t.Errorf("light shades: first %v, middle %v", light[0], light[PaletteSize/2])
	}
	clear := Shades(Themes["transparent"], ShadingStrength)
	if a := clear[PaletteSize/2].A; a > 4 {
		t.Errorf("transparent shades are not clear in the middle: alpha %d", a)
	}
}

// TestLogitGrid checks the fast paths against the model's own Logit.
func TestLogitGrid(t *testing.T) {
	net, err := mlp.New(mlp.Config{Hidden: []int{4}, Activation: mlp.Tanh}, 1)
	if err != nil {
		t.Fatal(err)
	}
	xs, ys := []float64{-1, 0, 2.5}, []float64{3, -0.5}
	for _, m := range []model.Model{&model.Linear{W: [2]float64{1.5, -2}, B: 0.25}, net} {
		out := make([]float64, len(xs)*len(ys))
		LogitGrid(m, xs, ys, out)
		for r, y := range ys {
			for c, x := range xs {
				// The network's grid path sums in another order: a few ulps.
				if want := m.Logit([2]float64{x, y}); math.Abs(out[r*len(xs)+c]-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Errorf("%T at (%v, %v): %v, want %v", m, x, y, out[r*len(xs)+c], want)
				}
			}
		}
	}
}
