package view

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// isNice reports whether step is 1, 2 or 5 times a power of ten within a
// relative tolerance rel (steps measured as differences of tick values
// carry the rounding of those values).
func isNice(step, rel float64) bool {
	if !(step > 0) || math.IsInf(step, 0) {
		return false
	}
	e := math.Floor(math.Log10(step))
	for _, k := range []float64{e - 1, e, e + 1} {
		p := math.Pow(10, k)
		for _, m := range []float64{1, 2, 5} {
			if math.Abs(step-m*p) <= rel*m*p {
				return true
			}
		}
	}
	return false
}

// diffTol is the relative tolerance of a step measured as the difference
// of two tick values near v: a few ulps of v against the step.
func diffTol(v, step float64) float64 {
	return 1e-12 + 4*math.Abs(v)*0x1p-52/step
}

func TestTicks(t *testing.T) {
	cases := []struct {
		lo, hi   float64
		maxCount int
		// step is the expected spacing, worked out by hand: the range over
		// maxCount−1 rounded up to 1, 2 or 5 times a power of ten.
		step float64
	}{
		{-1, 3, 5, 1},          // 4/4 = 1
		{-1, 3, 9, 0.5},        // 4/8 = 0.5
		{0, 1, 6, 0.2},         // 1/5 = 0.2
		{0, 1, 5, 0.5},         // 1/4 = 0.25 → 0.5
		{0, 0.35, 5, 0.1},      // 0.0875 → 0.1
		{-0.37, 0.12, 6, 0.1},  // 0.098 → 0.1
		{-1234, 5678, 8, 1000}, // 987 → 1000
		{1e6, 1e6 + 3, 4, 1},   // 1 → 1
		{0.9999, 1.0001, 3, 1e-4},
		{-3e-7, 2e-7, 11, 5e-8}, // 5e-8 → 5e-8
		{7, 7.05, 2, 0.05},
		{-2.5, -0.5, 3, 1},
	}
	for _, c := range cases {
		ticks := Ticks(c.lo, c.hi, c.maxCount)
		name := strconv.FormatFloat(c.lo, 'g', -1, 64) + "…" + strconv.FormatFloat(c.hi, 'g', -1, 64)
		if len(ticks) == 0 {
			t.Errorf("%s: no ticks", name)
			continue
		}
		if len(ticks) > c.maxCount+1 {
			t.Errorf("%s: %d ticks, want at most about %d", name, len(ticks), c.maxCount)
		}
		step := c.step
		labels := map[string]bool{}
		for i, tk := range ticks {
			// Every tick is a whole multiple of the step, inside the range.
			k := tk.Value / step
			if math.Abs(k-math.Round(k)) > 1e-6 {
				t.Errorf("%s: tick %v is not a multiple of %v", name, tk.Value, step)
			}
			if tk.Value < c.lo-step*1e-6 || tk.Value > c.hi+step*1e-6 {
				t.Errorf("%s: tick %v outside the range", name, tk.Value)
			}
			if i > 0 && !near(tk.Value-ticks[i-1].Value, step, 1e-6*math.Max(1, math.Abs(tk.Value))/step) {
				t.Errorf("%s: ticks %v and %v are not %v apart", name, ticks[i-1].Value, tk.Value, step)
			}
			// The label reads back as the value, with no "-0".
			if labels[tk.Label] {
				t.Errorf("%s: label %q repeats", name, tk.Label)
			}
			labels[tk.Label] = true
			if strings.HasPrefix(tk.Label, "-") && strings.Trim(tk.Label, "-0.") == "" {
				t.Errorf("%s: label %q is a negative zero", name, tk.Label)
			}
			v, err := strconv.ParseFloat(tk.Label, 64)
			if err != nil || math.Abs(v-tk.Value) > step*1e-6 {
				t.Errorf("%s: label %q for value %v", name, tk.Label, tk.Value)
			}
		}
		if !isNice(step, 1e-12) {
			t.Errorf("%s: the expected step %v is not nice; fix the table", name, step)
		}
		// The ticks cover the range: no gap of a whole step at either end.
		if ticks[0].Value-c.lo >= step*(1+1e-6) || c.hi-ticks[len(ticks)-1].Value >= step*(1+1e-6) {
			t.Errorf("%s: ticks %v … %v leave a gap of a step at an end", name, ticks[0].Value, ticks[len(ticks)-1].Value)
		}
	}
}

// TestTicksProperties sweeps many ranges and counts and checks the
// properties without a hand-made expectation.
func TestTicksProperties(t *testing.T) {
	for _, lo := range []float64{-1e9, -123.456, -1, -0.0031, 0, 0.5, 17, 4e5} {
		for _, width := range []float64{1e-6, 0.0137, 0.9, 1, 3.3, 77, 1e4, 5e8} {
			for _, n := range []int{2, 3, 5, 7, 10, 16} {
				hi := lo + width
				ticks := Ticks(lo, hi, n)
				if len(ticks) > n {
					t.Errorf("Ticks(%v, %v, %d): %d ticks", lo, hi, n, len(ticks))
				}
				if len(ticks) < 2 {
					continue // the step can exceed the range when n is small
				}
				step := ticks[1].Value - ticks[0].Value
				rel := diffTol(math.Max(math.Abs(lo), math.Abs(hi)), step)
				if !isNice(step, rel) {
					t.Errorf("Ticks(%v, %v, %d): step %v is not 1, 2 or 5 × 10^k", lo, hi, n, step)
				}
				if step < width/float64(n-1)*(1-rel) {
					t.Errorf("Ticks(%v, %v, %d): step %v is below range/(n−1) = %v", lo, hi, n, step, width/float64(n-1))
				}
				seen := map[string]bool{}
				for _, tk := range ticks {
					if seen[tk.Label] || tk.Label == "-0" || strings.HasPrefix(tk.Label, "-0") && strings.Trim(tk.Label, "-0.") == "" {
						t.Errorf("Ticks(%v, %v, %d): bad or repeated label %q", lo, hi, n, tk.Label)
					}
					seen[tk.Label] = true
					if tk.Value < lo-step*1e-6 || tk.Value > hi+step*1e-6 {
						t.Errorf("Ticks(%v, %v, %d): tick %v outside", lo, hi, n, tk.Value)
					}
				}
			}
		}
	}
}

func TestTicksZeroLabel(t *testing.T) {
	// −0.3 / 0.1 rounds up to −2.9999…; the tick at zero must read "0".
	for _, c := range [][2]float64{{-0.3, 0.3}, {-1e-12, 1}, {-5, 0}, {-0.25, 0.05}} {
		found := false
		for _, tk := range Ticks(c[0], c[1], 7) {
			if tk.Value == 0 {
				found = true
				if math.Signbit(tk.Value) || strings.Trim(tk.Label, "0.") != "" {
					t.Errorf("Ticks(%v, %v): zero tick %v labelled %q", c[0], c[1], tk.Value, tk.Label)
				}
			}
		}
		if !found {
			t.Errorf("Ticks(%v, %v): no tick at zero", c[0], c[1])
		}
	}
}

func TestTicksEdgeCases(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		lo, hi float64
		n      int
	}{
		{1, 1, 5}, {2, 1, 5}, {0, 1, 1}, {0, 1, 0}, {0, 1, -3},
		{nan, 1, 5}, {0, nan, 5}, {-inf, 0, 5}, {0, inf, 5}, {-inf, inf, 5},
		{-1e308, 1e308, 5}, // the width overflows to +Inf
	}
	for _, c := range cases {
		if got := Ticks(c.lo, c.hi, c.n); got != nil {
			t.Errorf("Ticks(%v, %v, %d) = %v, want nil", c.lo, c.hi, c.n, got)
		}
	}
}

// TestTicksTinyRange looks at ranges near the float64 resolution of their
// values, where k·step stops advancing: the ticks must still be few, in
// order and distinctly labelled.
func TestTicksTinyRange(t *testing.T) {
	for _, c := range [][2]float64{
		{1e6, math.Nextafter(1e6, 2e6)},
		{1e6, 1e6 + 1e-9},
		{1e15, 1e15 + 1},
		{-1e16, -1e16 + 4},
		{0.1, math.Nextafter(0.1, 1)},
	} {
		ticks := Ticks(c[0], c[1], 5)
		if len(ticks) > 5 {
			t.Errorf("Ticks(%v, %v): %d ticks", c[0], c[1], len(ticks))
		}
		for i := 1; i < len(ticks); i++ {
			if !(ticks[i].Value > ticks[i-1].Value) || ticks[i].Label == ticks[i-1].Label {
				t.Errorf("Ticks(%v, %v): ticks %d and %d: %v %q, %v %q", c[0], c[1], i-1, i, ticks[i-1].Value, ticks[i-1].Label, ticks[i].Value, ticks[i].Label)
			}
		}
	}
}

// AxisTicks gives a short axis at least three ticks where Ticks, rounding
// its step up, gives one: [-3.2, 4.1] with 3 asks for a step of 3.65,
// which rounds to 5 and leaves only 0.
func TestAxisTicksAtLeastThree(t *testing.T) {
	if n := len(Ticks(-3.2, 4.1, 3)); n != 1 {
		t.Fatalf("Ticks(-3.2, 4.1, 3) gives %d ticks; the case below no longer tests anything", n)
	}
	for _, c := range []struct{ lo, hi float64 }{{-3.2, 4.1}, {0, 1}, {-0.7, 0.7}, {10, 17}} {
		got := AxisTicks(c.lo, c.hi, 2)
		if len(got) < 3 {
			t.Errorf("AxisTicks(%v, %v, 2) = %v, want at least 3 ticks", c.lo, c.hi, got)
		}
		for _, tk := range got {
			if tk.Value < c.lo || tk.Value > c.hi {
				t.Errorf("AxisTicks(%v, %v, 2): tick %v outside the range", c.lo, c.hi, tk.Value)
			}
		}
	}
}
