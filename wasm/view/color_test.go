package view

import (
	"image/color"
	"math"
	"testing"
)

// dist is the Euclidean distance between two colours in RGB.
func dist(a, b color.NRGBA) float64 {
	dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

var backgrounds = []color.NRGBA{
	{0xff, 0xff, 0xff, 0xff}, // light theme
	{0x12, 0x14, 0x18, 0xff}, // dark theme
	{0x80, 0x80, 0x80, 0xff},
}

func TestShadeMidpointIsBackground(t *testing.T) {
	for _, bg := range backgrounds {
		for _, s := range []float64{0, 0.3, 1} {
			if got := Shade(0.5, bg, s); got != bg {
				t.Errorf("Shade(0.5, %v, %v) = %v, want the background", bg, s, got)
			}
			if got := Shade(math.NaN(), bg, s); got != bg {
				t.Errorf("Shade(NaN, %v, %v) = %v, want the background", bg, s, got)
			}
		}
	}
}

func TestShadeEnds(t *testing.T) {
	for _, bg := range backgrounds {
		// At full strength the ends are the class colours themselves:
		// the tint weight is √1 · 1 = 1.
		if got := Shade(0, bg, 1); got != Red {
			t.Errorf("Shade(0, %v, 1) = %v, want Red %v", bg, got, Red)
		}
		if got := Shade(1, bg, 1); got != Blue {
			t.Errorf("Shade(1, %v, 1) = %v, want Blue %v", bg, got, Blue)
		}
		// At partial strength p = 0 leans towards red, p = 1 towards blue.
		for _, s := range []float64{0.2, 0.5} {
			lo, hi := Shade(0, bg, s), Shade(1, bg, s)
			if !(dist(lo, Red) < dist(bg, Red)) {
				t.Errorf("Shade(0, %v, %v) = %v does not lean red", bg, s, lo)
			}
			if !(dist(hi, Blue) < dist(bg, Blue)) {
				t.Errorf("Shade(1, %v, %v) = %v does not lean blue", bg, s, hi)
			}
			// It lies on the straight line from the background to the class
			// colour, a fraction s of the way (the tint weight √t·s with t = 1
			// at the ends), rounded per channel.
			mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*s)) }
			if want := (color.NRGBA{mix(bg.R, Red.R), mix(bg.G, Red.G), mix(bg.B, Red.B), 0xff}); lo != want {
				t.Errorf("Shade(0, %v, %v) = %v, want %v", bg, s, lo, want)
			}
			if want := (color.NRGBA{mix(bg.R, Blue.R), mix(bg.G, Blue.G), mix(bg.B, Blue.B), 0xff}); hi != want {
				t.Errorf("Shade(1, %v, %v) = %v, want %v", bg, s, hi, want)
			}
		}
	}
}

// TestShadeMonotone checks that the tint deepens steadily away from 1/2:
// the distance to the background never shrinks as p moves to 0 or to 1.
func TestShadeMonotone(t *testing.T) {
	for _, bg := range backgrounds {
		prevLo, prevHi := 0.0, 0.0
		for i := 0; i <= 500; i++ {
			d := float64(i) / 1000 // 0 … 0.5
			lo, hi := Shade(0.5-d, bg, 0.6), Shade(0.5+d, bg, 0.6)
			dl, dh := dist(lo, bg), dist(hi, bg)
			// Rounding to bytes may wobble by under one unit per channel.
			if dl < prevLo-1.8 || dh < prevHi-1.8 {
				t.Fatalf("bg %v: tint shrinks at distance %v from 1/2: %v→%v, %v→%v", bg, d, prevLo, dl, prevHi, dh)
			}
			prevLo, prevHi = math.Max(prevLo, dl), math.Max(prevHi, dh)
			if i > 0 && (dist(lo, Red) >= dist(bg, Red) || dist(hi, Blue) >= dist(bg, Blue)) && dl > 2 {
				t.Fatalf("bg %v: at distance %v the tint goes the wrong way: %v %v", bg, d, lo, hi)
			}
		}
		if prevLo < 20 || prevHi < 20 {
			t.Errorf("bg %v: the tint barely shows at the ends: %v, %v", bg, prevLo, prevHi)
		}
	}
}

func TestShadeClamps(t *testing.T) {
	bg := backgrounds[0]
	cases := []struct {
		p, s float64
		want color.NRGBA
	}{
		{-3, 1, Red}, {math.Inf(-1), 1, Red}, {7, 1, Blue}, {math.Inf(1), 1, Blue},
		// Strength beyond [0, 1] is clamped; NaN strength means none.
		{0, 5, Red}, {1, 1e9, Blue}, {0, -1, bg}, {1, math.NaN(), bg},
	}
	for _, c := range cases {
		if got := Shade(c.p, bg, c.s); got != c.want {
			t.Errorf("Shade(%v, bg, %v) = %v, want %v", c.p, c.s, got, c.want)
		}
		if got := Shade(c.p, bg, c.s); got.A != 0xff {
			t.Errorf("Shade(%v, bg, %v) is not opaque", c.p, c.s)
		}
	}
}

// Tint is transparent where the model is unsure and, where it is certain,
// the class colour at the given opacity, premultiplied.
func TestTint(t *testing.T) {
	if c := Tint(0.5, 0.3); c.A != 0 || c.R != 0 || c.G != 0 || c.B != 0 {
		t.Errorf("Tint(1/2) = %v, want transparent", c)
	}
	for _, tc := range []struct {
		p    float64
		want color.NRGBA
	}{{0, Red}, {1, Blue}} {
		c := Tint(tc.p, 0.4)
		// Opacity 0.4 at certainty; each channel premultiplied by it.
		if c.A != 102 || c.R != uint8(math.Round(float64(tc.want.R)*0.4)) || c.B != uint8(math.Round(float64(tc.want.B)*0.4)) {
			t.Errorf("Tint(%v, 0.4) = %v, want %v at opacity 0.4, premultiplied", tc.p, c, tc.want)
		}
	}
	prev := -1
	for p := 0.5; p <= 1; p += 0.05 {
		if a := int(Tint(p, 0.3).A); a < prev {
			t.Errorf("opacity falls from %d to %d at p = %v", prev, a, p)
		} else {
			prev = a
		}
	}
	if c := Tint(math.NaN(), math.NaN()); c.A != 0 {
		t.Errorf("Tint(NaN, NaN) = %v, want transparent", c)
	}
}
