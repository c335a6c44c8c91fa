package portable

import (
	"math"
)

// Tanh is computed from a table and the addition formula
//
//	tanh(c + d) = (tanh c + tanh d) / (1 + tanh c · tanh d),
//
// with c = k/32 the nearest multiple of 1/32 to |x| (so |d| ≤ 1/64), tanh c
// from a table, and tanh d from its odd Taylor polynomial to d⁷, whose
// truncation error 62·d⁹/2835 is below 2e-18. That is a dozen operations and
// one division, no branch the hardware can mispredict, and no function
// call, which matters to the network's hidden units, evaluated millions of
// times a second. math.Tanh calls math.Exp, assembly on amd64 and pure Go
// on js/wasm.
const (
	tanhScale     = 32 // table entries per unit of |x|
	tanhSaturate  = 20 // tanh(x) rounds to ±1 beyond: 1 − tanh(20) ≈ 8.5e-18
	tanhTableSize = 1024
	tanhTableMask = tanhTableSize - 1 // masking the index spares a bounds check
	tanhShifter   = 0x1.8p52          // (t + tanhShifter) − tanhShifter rounds t to an integer
	tanhP3        = -1.0 / 3
	tanhP5        = 2.0 / 15
	tanhP7        = -17.0 / 315
)

// Tanh returns the hyperbolic tangent of x, within 5e-16 of tanh(x)
// (absolute error: the table entry is correctly rounded, ≤ 1.1e-16, the
// polynomial's truncation error is below 2e-18, and the addition formula
// adds three roundings of values below 2, ≤ 3.3e-16). Below |x| = 1/64
// the table entry is 0 and the result is the polynomial alone, accurate
// to a few ulps relative down to the subnormals.
//
// Special cases are as for math.Tanh: Tanh(±0) = ±0, Tanh(±Inf) = ±1,
// Tanh(NaN) = NaN.
func Tanh(x float64) float64 {
	v := [1]float64{x}
	TanhSlice(v[:])
	return v[0]
}

// TanhSlice replaces each element x of v with Tanh(x), bit for bit, without
// a call per element.
func TanhSlice(v []float64) {
	table := &tanhTable
	for i, x := range v {
		// A comparison, not the builtin min: under js/wasm that is a
		// runtime call, which costs more than the rest.
		a := math.Abs(x)
		if a > tanhSaturate {
			a = tanhSaturate
		}
		t := a*tanhScale + tanhShifter
		k := math.Float64bits(t) - math.Float64bits(tanhShifter)
		d := a - (t-tanhShifter)*(1.0/tanhScale) // exact (Sterbenz)
		d2 := d * d
		u := d + d*d2*(tanhP3+d2*(tanhP5+d2*tanhP7))
		c := table[k&tanhTableMask]
		v[i] = math.Copysign((c+u)/(1+c*u), x)
	}
}
