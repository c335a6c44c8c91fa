package linear

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
)

// boxPoint returns a point of d pixels in [0, 1] from rnd, a third of them
// 0, a sixth 1 and the rest uniform, as in a picture: rooms of 0, of 1 and
// in between.
func boxPoint(rnd interface{ Float64() float64 }, d int) []float64 {
	x := make([]float64, d)
	for j := range x {
		switch u := rnd.Float64(); {
		case u < 1.0/3:
		case u < 0.5:
			x[j] = 1
		default:
			x[j] = rnd.Float64()
		}
	}
	return x
}

// TestBoxBruteForce checks PerturbBox and BoxDrop against all corners of
// the intersection of the L∞ ball and the box, in d = 7 dimensions: that
// intersection is the product of the intervals [max(lo, xⱼ−ε), min(hi,
// xⱼ+ε)], so a linear function has its minimum at one of its 2⁷ corners.
// The least margin over the corners must equal the margin of PerturbBox's
// point and the clean margin minus BoxDrop, to 1e-13 (sums of seven terms
// below 4 in size, each rounded to 2⁻⁵³ relative); PerturbBox's point
// must lie in the intersection, computed with the same roundings of
// xⱼ ± ε, exactly. A coordinate outside the box (box [−0.5, 0.25]) may
// only stay or move towards the box.
func TestBoxBruteForce(t *testing.T) {
	t.Parallel()
	const d = 7
	rnd := data.NewRand(11)
	for trial := range 300 {
		m := Model{W: make([]float64, d), B: rnd.NormFloat64()}
		for j := range m.W {
			m.W[j] = rnd.NormFloat64()
		}
		m.W[trial%d] = 0 // sign(0) = 0: never moved
		box := PixelBox
		if trial%3 == 2 {
			box = Box{Lo: -0.5, Hi: 0.25} // points partly outside: rooms of 0 there
		}
		x := boxPoint(rnd, d)
		eps := []float64{0, 0.05, 0.3, 0.7, 2}[trial%5]
		label := trial % 2
		s := float64(2*label - 1)
		best := math.Inf(1)
		corner := make([]float64, d)
		// Each coordinate's interval: within ε of xⱼ and in the box, or,
		// for a coordinate outside the box, between xⱼ and the box.
		lo, hi := make([]float64, d), make([]float64, d)
		for j, v := range x {
			lo[j], hi[j] = min(v, max(box.Lo, v-eps)), max(v, min(box.Hi, v+eps))
		}
		for mask := range 1 << d {
			for j := range x {
				corner[j] = lo[j]
				if mask>>j&1 == 1 {
					corner[j] = hi[j]
				}
			}
			best = min(best, s*m.Logit(corner))
		}
		adv := m.PerturbBox(make([]float64, d), x, label, eps, box)
		clean := s * m.Logit(x)
		for j, v := range adv {
			if v < lo[j] || v > hi[j] {
				t.Fatalf("trial %d: x%d moves from %v to %v, out of [%v, %v]", trial, j, x[j], v, lo[j], hi[j])
			}
		}
		got, drop := s*m.Logit(adv), m.BoxDrop(x, label, eps, box)
		if math.Abs(got-best) > 1e-13 || math.Abs(clean-drop-best) > 1e-13 {
			t.Fatalf("trial %d (ε = %v, label %d): PerturbBox margin %v, clean − BoxDrop %v, best corner %v", trial, eps, label, got, clean-drop, best)
		}
		if drop > eps*m.Norm1()*(1+1e-15) || drop < 0 {
			t.Fatalf("trial %d: BoxDrop %v outside [0, ε‖w‖₁ = %v]", trial, drop, eps*m.Norm1())
		}
	}
}

// TestBoxInactive checks that where the box is out of reach (pixels in
// [0, 1], box [−10, 10], ε ≤ 1) the box attack is FGSM: the same points
// bit for bit, a drop of ε‖w‖₁ (to 1e-14 relative: the same terms summed
// in another order), the same error rates exactly, and thresholds of
// m₀/‖w‖₁.
func TestBoxInactive(t *testing.T) {
	t.Parallel()
	const d = 40
	rnd := data.NewRand(12)
	m := Model{W: make([]float64, d), B: 0.4}
	for j := range m.W {
		m.W[j] = rnd.NormFloat64()
	}
	m.W[3] = 0
	far := Box{Lo: -10, Hi: 10}
	s := data.Samples{Dim: d}
	for i := range 400 {
		s.X = append(s.X, boxPoint(rnd, d)...)
		s.Labels = append(s.Labels, uint8(i%2))
	}
	for _, eps := range []float64{0, 0.1, 0.5, 1} {
		for i := range s.Len() {
			x, label := s.Row(i), s.Label(i)
			got := m.PerturbBox(make([]float64, d), x, label, eps, far)
			want := m.Perturb(make([]float64, d), x, label, eps, attack.LInf)
			for j := range got {
				if got[j] != want[j] {
					t.Fatalf("ε = %v, point %d: x%d = %v, FGSM %v", eps, i, j, got[j], want[j])
				}
			}
			if drop, want := m.BoxDrop(x, label, eps, far), eps*m.Norm1(); math.Abs(drop-want) > 1e-14*want {
				t.Fatalf("ε = %v, point %d: BoxDrop %v, ε‖w‖₁ %v", eps, i, drop, want)
			}
		}
		if got, want := BoxErrorRate(m, s, eps, far), ErrorRate(m, s, eps, attack.LInf); got != want {
			t.Errorf("ε = %v: BoxErrorRate %v, ErrorRate %v", eps, got, want)
		}
	}
	for i := range s.Len() {
		x, label := s.Row(i), s.Label(i)
		margin := float64(2*label-1) * m.Logit(x)
		got := m.FlipThreshold(x, label, far)
		want := max(margin, 0) / m.Norm1()
		if margin <= 0 {
			want = 0
		}
		if math.Abs(got-want) > 1e-14*(1+want) {
			t.Errorf("point %d: threshold %v, m₀/‖w‖₁ = %v", i, got, want)
		}
	}
}

// TestFlipThreshold checks thresholds against the drop they solve for: at
// the threshold t, BoxDrop(t) equals the clean margin to 1e-12 relative
// (a few roundings of terms below 10), and the attack flips the point
// just above t (1 + 1e-9) but not just below; a point whose margin exceeds
// the largest drop has +Inf, one misclassified already 0. The slope of
// BoxDrop is also checked against central differences (step 1e-7, away
// from the rooms, where Δ is linear and the differences exact but for
// rounding, 1e-6 relative): it is Σ|wⱼ| over the rooms larger than ε.
// One point in five has coordinates outside the box.
func TestFlipThreshold(t *testing.T) {
	t.Parallel()
	const d = 30
	rnd := data.NewRand(13)
	flipped, never := 0, 0
	for trial := range 500 {
		m := Model{W: make([]float64, d), B: 2 * rnd.NormFloat64()}
		for j := range m.W {
			m.W[j] = rnd.NormFloat64() / 4
		}
		x := boxPoint(rnd, d)
		if trial%5 == 0 {
			// Coordinates outside the box, whose rooms are wider than it.
			x[0], x[1] = -0.5, 1.75
		}
		label := trial % 2
		s := float64(2*label - 1)
		margin := s * m.Logit(x)
		th := m.FlipThreshold(x, label, PixelBox)
		switch {
		case margin < 0 || (margin == 0 && label == 1):
			if th != 0 {
				t.Fatalf("trial %d: misclassified point has threshold %v", trial, th)
			}
			continue
		case math.IsInf(th, 1):
			never++
			if most := m.BoxDrop(x, label, 1, PixelBox); most >= margin {
				t.Fatalf("trial %d: threshold +Inf, but the largest drop %v reaches the margin %v", trial, most, margin)
			}
			continue
		}
		flipped++
		if drop := m.BoxDrop(x, label, th, PixelBox); math.Abs(drop-margin) > 1e-12*(1+margin) {
			t.Fatalf("trial %d: drop %v at the threshold %v, margin %v", trial, drop, th, margin)
		}
		above := m.PerturbBox(make([]float64, d), x, label, th*(1+1e-9)+1e-300, PixelBox)
		below := m.PerturbBox(make([]float64, d), x, label, th*(1-1e-9), PixelBox)
		if !wrong(m.Logit(above), label) || wrong(m.Logit(below), label) {
			t.Fatalf("trial %d: threshold %v does not separate right from wrong", trial, th)
		}
		// The slope of Δ at ε = th/2, unless a room is within the step.
		eps, h := th/2, 1e-7
		slope, near := 0.0, false
		for j, w := range m.W {
			r := PixelBox.room(x[j], -s*w)
			if w == 0 {
				continue
			}
			near = near || math.Abs(r-eps) < 2*h
			if r > eps {
				slope += math.Abs(w)
			}
		}
		fd := (m.BoxDrop(x, label, eps+h, PixelBox) - m.BoxDrop(x, label, eps-h, PixelBox)) / (2 * h)
		if !near && math.Abs(fd-slope) > 1e-6*(1+slope) {
			t.Fatalf("trial %d: dΔ/dε = %v by differences, Σ|wⱼ| over rooms > ε = %v", trial, fd, slope)
		}
	}
	// Both kinds of point must occur, or the test checked little.
	if flipped < 100 || never < 10 {
		t.Errorf("%d points flipped and %d never: the trials miss a case", flipped, never)
	}
}

// TestErrorCurve checks that the curve gives BoxErrorRate's rate, exactly,
// at every ε of a grid, on 1,000 random points in 50 dimensions.
func TestErrorCurve(t *testing.T) {
	t.Parallel()
	const d = 50
	rnd := data.NewRand(14)
	m := Model{W: make([]float64, d), B: 0.5}
	for j := range m.W {
		m.W[j] = rnd.NormFloat64() / 3
	}
	s := data.Samples{Dim: d}
	for i := range 1000 {
		s.X = append(s.X, boxPoint(rnd, d)...)
		s.Labels = append(s.Labels, uint8(i%2))
	}
	c := NewErrorCurve(m, s, PixelBox)
	if len(c.Thresholds) != s.Len() {
		t.Fatalf("%d thresholds for %d points", len(c.Thresholds), s.Len())
	}
	prev := -1.0
	for eps := 0.0; eps <= 1.2; eps += 1.0 / 64 {
		got, want := c.Rate(eps), BoxErrorRate(m, s, eps, PixelBox)
		if got != want {
			t.Errorf("ε = %v: curve %v, BoxErrorRate %v", eps, got, want)
		}
		if got < prev {
			t.Errorf("ε = %v: the curve falls from %v to %v", eps, prev, got)
		}
		prev = got
	}
	if (ErrorCurve{}).Rate(0.3) != 0 {
		t.Error("an empty curve's rate is not 0")
	}
}

// TestBoxPanics checks the programmer errors.
func TestBoxPanics(t *testing.T) {
	t.Parallel()
	m := Model{W: []float64{1, -2}, B: 0.5}
	x := []float64{0.2, 0.9}
	s := data.Samples{Dim: 3, X: make([]float64, 3), Labels: []uint8{1}}
	for _, c := range []struct {
		name string
		f    func()
		want string
	}{
		{"dst length", func() { m.PerturbBox(make([]float64, 3), x, 0, 0.1, PixelBox) }, "dst of length 3"},
		{"point length", func() { m.BoxDrop(x[:1], 0, 0.1, PixelBox) }, "point of length 1"},
		{"label", func() { m.BoxDrop(x, 2, 0.1, PixelBox) }, "label 2"},
		{"negative budget", func() { m.BoxDrop(x, 0, -0.1, PixelBox) }, "budget -0.1"},
		{"NaN budget", func() { m.PerturbBox(make([]float64, 2), x, 0, math.NaN(), PixelBox) }, "budget NaN"},
		{"empty box", func() { m.FlipThreshold(x, 1, Box{Lo: 1, Hi: 0}) }, "box [1, 0] is empty"},
		{"rate dimension", func() { BoxErrorRate(m, s, 0.1, PixelBox) }, "samples of dimension 3"},
		{"curve dimension", func() { NewErrorCurve(m, s, PixelBox) }, "samples of dimension 3"},
	} {
		func() {
			defer func() {
				r := fmt.Sprint(recover())
				if !strings.HasPrefix(r, "linear: ") || !strings.Contains(r, c.want) {
					t.Errorf("%s: panic %q, want one saying %q", c.name, r, c.want)
				}
			}()
			c.f()
		}()
	}
}
