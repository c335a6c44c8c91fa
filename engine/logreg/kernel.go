package logreg

import (
	"math"

	"advplay/engine/logistic"
	"advplay/engine/portable"
)

// expTable is portable.Exp's table of 2^{j/256}.
var expTable = portable.ExpTable()

// gradSums returns Σ(σ(zᵢ)−yᵢ)·x1ᵢ, Σ(σ(zᵢ)−yᵢ)·x2ᵢ and Σ(σ(zᵢ)−yᵢ) with
// zᵢ = w1·x1ᵢ + w2·x2ᵢ + b. x2 and y must be as long as x1.
//
// The points are taken in two interleaved lanes, the first and the second
// half, so that the adds do not form one long dependency chain. That order
// of summation is part of the result and is the same on every platform.
//
// σ(z) is 1/(1 + e^{−z}) with portable.Exp inlined by hand, with its
// constants: a call per point costs more than all the arithmetic, natively
// and even more under js/wasm. TestGradSumsMatchesSigmoid holds the two
// bit-identical. |z| is clamped to portable.ExpClamp, 700: σ(−700) ≈
// 1e-304, so clamping changes the residual σ(z)−y by less than 1e-300 and
// saves the kernel every special case of Exp.
func gradSums(x1, x2, y []float64, w1, w2, b float64) (g1, g2, g0 float64) {
	h := len(x1) / 2
	x1a, x1b := x1[:h], x1[h:2*h]
	x2a, x2b := x2[:h], x2[h:2*h]
	ya, yb := y[:h], y[h:2*h]
	x1b, x2a, x2b, ya, yb = x1b[:h], x2a[:h], x2b[:h], ya[:h], yb[:h]
	table := &expTable
	var a1, a2, a0, c1, c2, c0 float64
	for i := range x1a {
		u1, u2 := x1a[i], x2a[i]
		v1, v2 := x1b[i], x2b[i]
		zu := w1*u1 + w2*u2 + b
		zv := w1*v1 + w2*v2 + b
		if zu > portable.ExpClamp {
			zu = portable.ExpClamp
		} else if zu < -portable.ExpClamp {
			zu = -portable.ExpClamp
		}
		if zv > portable.ExpClamp {
			zv = portable.ExpClamp
		} else if zv < -portable.ExpClamp {
			zv = -portable.ExpClamp
		}
		// e^{−z}, exactly as portable.Exp computes it.
		tu := zu*-portable.ExpInvLn2 + portable.ExpShifter
		tv := zv*-portable.ExpInvLn2 + portable.ExpShifter
		nu := int64(math.Float64bits(tu) - portable.ExpShifterBits)
		nv := int64(math.Float64bits(tv) - portable.ExpShifterBits)
		ku := tu - portable.ExpShifter
		kv := tv - portable.ExpShifter
		su := (-zu - ku*portable.ExpLn2Hi) - ku*portable.ExpLn2Lo
		sv := (-zv - kv*portable.ExpLn2Hi) - kv*portable.ExpLn2Lo
		pu := su + su*su*(portable.ExpC2+su*(portable.ExpC3+su*portable.ExpC4))
		pv := sv + sv*sv*(portable.ExpC2+sv*(portable.ExpC3+sv*portable.ExpC4))
		ju := table[nu&portable.ExpTableMask]
		jv := table[nv&portable.ExpTableMask]
		eu := math.Float64frombits(math.Float64bits(ju+ju*pu) + uint64(nu>>portable.ExpTableBits)<<52)
		ev := math.Float64frombits(math.Float64bits(jv+jv*pv) + uint64(nv>>portable.ExpTableBits)<<52)
		ru := 1/(1+eu) - ya[i]
		rv := 1/(1+ev) - yb[i]
		a1, a2, a0 = a1+ru*u1, a2+ru*u2, a0+ru
		c1, c2, c0 = c1+rv*v1, c2+rv*v2, c0+rv
	}
	g1, g2, g0 = a1+c1, a2+c2, a0+c0
	if len(x1) > 2*h {
		i := 2 * h
		r := logistic.Sigmoid(w1*x1[i]+w2*x2[i]+b) - y[i]
		g1, g2, g0 = g1+r*x1[i], g2+r*x2[i], g0+r
	}
	return g1, g2, g0
}
