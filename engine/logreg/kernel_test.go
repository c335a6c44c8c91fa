package logreg

import (
	"math"
	"testing"

	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/portable"
)

// refGradSums is gradSums written plainly with logistic.Sigmoid, summing in
// the order gradSums documents: lane a over the first half, lane c over the
// second half (each in index order), then a + c, then the last point when
// the length is odd.
func refGradSums(x1, x2, y []float64, w1, w2, b float64) (g1, g2, g0 float64) {
	h := len(x1) / 2
	var a1, a2, a0, c1, c2, c0 float64
	for i := range h {
		r := logistic.Sigmoid(w1*x1[i]+w2*x2[i]+b) - y[i]
		a1, a2, a0 = a1+r*x1[i], a2+r*x2[i], a0+r
	}
	for i := h; i < 2*h; i++ {
		r := logistic.Sigmoid(w1*x1[i]+w2*x2[i]+b) - y[i]
		c1, c2, c0 = c1+r*x1[i], c2+r*x2[i], c0+r
	}
	g1, g2, g0 = a1+c1, a2+c2, a0+c0
	if len(x1)%2 == 1 {
		i := len(x1) - 1
		r := logistic.Sigmoid(w1*x1[i]+w2*x2[i]+b) - y[i]
		g1, g2, g0 = g1+r*x1[i], g2+r*x2[i], g0+r
	}
	return g1, g2, g0
}

// gradCols returns n points with coordinates ~ N(0, 3²) and random labels.
func gradCols(n int, seed uint64) data.Columns {
	rnd := data.NewRand(seed)
	c := data.Columns{X1: make([]float64, n), X2: make([]float64, n), Y: make([]float64, n)}
	for i := range n {
		c.X1[i] = 3 * rnd.NormFloat64()
		c.X2[i] = 3 * rnd.NormFloat64()
		c.Y[i] = float64(rnd.IntN(2))
	}
	return c
}

// maxAbsLogit returns max |w·x + b| over the points.
func maxAbsLogit(c data.Columns, w1, w2, b float64) float64 {
	var m float64
	for i := range c.X1 {
		m = math.Max(m, math.Abs(w1*c.X1[i]+w2*c.X2[i]+b))
	}
	return m
}

// TestGradSumsMatchesSigmoid holds the hand-inlined exponential of the
// kernel bit-identical to logistic.Sigmoid, for every length parity and for
// logits up to |z| = 700, where the kernel's clamp does nothing.
func TestGradSumsMatchesSigmoid(t *testing.T) {
	t.Parallel()
	weights := []struct{ w1, w2, b float64 }{
		{0, 0, 0},
		{1.34, 1.34, -1.48}, // the article's recipe
		{9, 9, -18},         // a converged fit
		{-5, 20, 3},
		{30, -25, 0.5}, // |z| up to about 700 on these points
	}
	for _, n := range []int{0, 1, 2, 3, 4, 5, 17, 1000, 1001} {
		c := gradCols(n, uint64(n)+1)
		for _, w := range weights {
			if m := maxAbsLogit(c, w.w1, w.w2, w.b); m > portable.ExpClamp {
				// Out of the bit-identical range: scale the weights down.
				s := portable.ExpClamp / m
				w.w1, w.w2, w.b = w.w1*s, w.w2*s, w.b*s
			}
			g1, g2, g0 := gradSums(c.X1, c.X2, c.Y, w.w1, w.w2, w.b)
			r1, r2, r0 := refGradSums(c.X1, c.X2, c.Y, w.w1, w.w2, w.b)
			if math.Float64bits(g1) != math.Float64bits(r1) || math.Float64bits(g2) != math.Float64bits(r2) ||
				math.Float64bits(g0) != math.Float64bits(r0) {
				t.Errorf("n = %d, w = %+v: gradSums = (%v, %v, %v), reference (%v, %v, %v)", n, w, g1, g2, g0, r1, r2, r0)
			}
		}
	}
}

// TestGradSumsClamp checks logits beyond ±portable.ExpClamp, where the
// kernel clamps z. σ(−700) ≈ 9.9e-305, so the clamp changes a residual by
// less than 1e-300 and a sum over 1001 points with |x| < 20 by less than
// 2e-296; in practice the rounding of the sums absorbs it.
func TestGradSumsClamp(t *testing.T) {
	t.Parallel()
	c := gradCols(1001, 99)
	for _, w := range []struct{ w1, w2, b float64 }{
		{400, 300, -10},
		{-1e6, 1e6, 0},
		{1e300, 0, 0}, // z = ±Inf for most points
	} {
		if maxAbsLogit(c, w.w1, w.w2, w.b) <= portable.ExpClamp {
			t.Fatalf("w = %+v: no logit beyond the clamp; the case tests nothing", w)
		}
		g1, g2, g0 := gradSums(c.X1, c.X2, c.Y, w.w1, w.w2, w.b)
		r1, r2, r0 := refGradSums(c.X1, c.X2, c.Y, w.w1, w.w2, w.b)
		for _, d := range []float64{g1 - r1, g2 - r2, g0 - r0} {
			if !(math.Abs(d) <= 2e-296) {
				t.Errorf("w = %+v: gradSums = (%v, %v, %v), reference (%v, %v, %v)", w, g1, g2, g0, r1, r2, r0)
				break
			}
		}
	}
}
