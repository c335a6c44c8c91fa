package portable

import (
	"math"
	"math/big"
)

// Table-driven range reduction: x = (256m + j)·ln2/256 + r with
// |r| ≤ ln2/512, so e^x = 2^m · 2^{j/256} · e^r, and e^r needs only a
// degree-4 polynomial (truncation error r⁵/120 < 4e-17).
const (
	tableBits = 8
	tableSize = 1 << tableBits

	invLn2Scaled = tableSize / math.Ln2
	// ln2/256 split so that n·ln2Hi is exact for |n| < 2^21.
	ln2Hi = 0x1.62e42ff000000p-9
	ln2Lo = -0x1.718432a1b0e26p-43 // ln2/256 − ln2Hi

	// roundShifter pushes the fraction bits of a float64 out, so that
	// (t + roundShifter) − roundShifter rounds t to the nearest integer and
	// the low mantissa bits of t + roundShifter hold that integer.
	roundShifter = 0x1.8p52

	// Beyond these e^x overflows or underflows to zero.
	expOverflow  = 709.782712893383973096
	expUnderflow = -745.1332191019412076235
	// Below expNormalMin the result is subnormal and needs a two-step scale.
	expNormalMin = -708.3964185322641

	c2 = 1.0 / 2
	c3 = 1.0 / 6
	c4 = 1.0 / 24
)

// expTable[j] = 2^{j/256}, correctly rounded.
var expTable = makeExpTable()

// makeExpTable computes 2^{j/256} in 200-bit arithmetic from repeated square
// roots, which math/big does exactly the same way on every platform.
func makeExpTable() [tableSize]float64 {
	const prec = 200
	var roots [tableBits]*big.Float // roots[k] = 2^{1/2^{k+1}}
	r := new(big.Float).SetPrec(prec).SetInt64(2)
	for k := range roots {
		r = new(big.Float).SetPrec(prec).Sqrt(r)
		roots[k] = r
	}
	var t [tableSize]float64
	for j := range t {
		v := new(big.Float).SetPrec(prec).SetInt64(1)
		for k := range tableBits {
			if j&(1<<(tableBits-1-k)) != 0 {
				v.Mul(v, roots[k])
			}
		}
		t[j], _ = v.Float64()
	}
	return t
}

// Exp returns e^x with a relative error below 1e-15 wherever the result is
// a normal float64, and within one unit in the last place of the
// subnormal grid below 2^−1022, computed identically on every architecture.
//
// Special cases are as for math.Exp: Exp(+Inf) = +Inf, Exp(−Inf) = 0,
// Exp(NaN) = NaN; Exp overflows to +Inf above about 709.78 and underflows
// to 0 below about −745.13.
func Exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > expOverflow:
		return math.Inf(1)
	case x < expUnderflow:
		return 0
	case x < expNormalMin:
		// Build e^x·2^64, a normal float64, then scale down exactly once.
		// The 2^64 goes into the exponent, not into x: x + 64·ln2 would
		// round x to a coarser grid and cost up to 5.7e-14 relative.
		return expReduced(x, 64) * 0x1p-64
	}
	return expReduced(x, 0)
}

// expReduced returns e^x·2^scale for x and scale whose result is a normal
// float64.
func expReduced(x float64, scale int64) float64 {
	t := x*invLn2Scaled + roundShifter
	n := int64(math.Float64bits(t) - math.Float64bits(roundShifter))
	kf := t - roundShifter
	r := (x - kf*ln2Hi) - kf*ln2Lo
	p := r + r*r*(c2+r*(c3+r*c4))
	tj := expTable[n&(tableSize-1)]
	v := tj + tj*p
	return math.Float64frombits(math.Float64bits(v) + uint64(n>>tableBits+scale)<<52)
}

// ExpTable returns the table of 2^{j/256}, j = 0…255, that Exp uses, for
// kernels that inline Exp by hand.
func ExpTable() [tableSize]float64 { return expTable }
