package portable

import (
	"math"
)

// The constants of Exp's table-driven range reduction: x = n·ln2/256 + r
// with n = 256m + j rounded from x·256/ln2 and |r| ≤ ln2/512, so that
// e^x = 2^m · 2^{j/256} · e^r, and e^r needs only a degree-4 polynomial
// (truncation error r⁵/120 < 4e-17).
//
// A kernel that inlines Exp by hand for speed, because a call per point
// costs more than the rest of its arithmetic (natively, and more under
// js/wasm), must use these constants and ExpTable, with the operations of
// expReduce and expReconstruct in their order, so that it gives Exp's
// bits; and a test of the kernel must hold it to Exp.
const (
	// ExpTableBits is log₂ of the size of ExpTable.
	ExpTableBits = 8
	// ExpTableMask takes j = n mod 256 from n.
	ExpTableMask = 1<<ExpTableBits - 1
	// ExpInvLn2 is 256/ln2: n is x·ExpInvLn2 rounded to an integer.
	ExpInvLn2 = (1 << ExpTableBits) / math.Ln2
	// ExpLn2Hi + ExpLn2Lo is ln2/256, split so that n·ExpLn2Hi is exact
	// for |n| < 2^21: r = (x − n·ExpLn2Hi) − n·ExpLn2Lo.
	ExpLn2Hi = 0x1.62e42ff000000p-9
	ExpLn2Lo = -0x1.718432a1b0e26p-43 // ln2/256 − ExpLn2Hi
	// ExpShifter pushes the fraction bits of a float64 out, so that
	// t = x·ExpInvLn2 + ExpShifter rounds x·ExpInvLn2 to the integer n,
	// t − ExpShifter is n as a float64, and the bits of t minus
	// ExpShifterBits, the bits of ExpShifter, are n as an integer.
	ExpShifter     = 0x1.8p52
	ExpShifterBits = 0x4338000000000000
	// ExpC2, ExpC3 and ExpC4 are the coefficients of the polynomial:
	// e^r − 1 ≈ r + r²·(ExpC2 + r·(ExpC3 + r·ExpC4)).
	ExpC2, ExpC3, ExpC4 = 1.0 / 2, 1.0 / 6, 1.0 / 24
	// ExpClamp is a round bound on |x| within which e^x is a normal
	// float64 (e^{±700} ≈ 1e±304), so that Exp takes none of its special
	// cases. A kernel that inlines Exp clamps its arguments to ±ExpClamp
	// to leave the special cases out; it must say why the clamp does not
	// matter to it.
	ExpClamp = 700
)

// Bounds of Exp's special cases.
const (
	// Beyond these e^x overflows or underflows to zero.
	expOverflow  = 709.782712893383973096
	expUnderflow = -745.1332191019412076235
	// Below expNormalMin the result is subnormal and needs a two-step scale.
	expNormalMin = -708.3964185322641
)

// expTableSize is the number of entries of ExpTable.
const expTableSize = 1 << ExpTableBits

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
		// The 2^64 goes into the exponent, as 64·256 more in n, not into
		// x: x + 64·ln2 would round x to a coarser grid and cost up to
		// 5.7e-14 relative.
		n, r := expReduce(x)
		return expReconstruct(n+64<<ExpTableBits, r) * 0x1p-64
	}
	return expReconstruct(expReduce(x))
}

// expReduce returns n, x·256/ln2 rounded to an integer, and the remainder
// r = x − n·ln2/256, |r| ≤ ln2/512: the first half of Exp's arithmetic.
// expReconstruct(expReduce(x)) is Exp(x) wherever e^x is a normal float64,
// and meaningless elsewhere. The compiler inlines both.
func expReduce(x float64) (n int64, r float64) {
	t := x*ExpInvLn2 + ExpShifter
	kf := t - ExpShifter // n as a float64
	return int64(math.Float64bits(t) - ExpShifterBits), (x - kf*ExpLn2Hi) - kf*ExpLn2Lo
}

// expReconstruct returns 2^{n/256}·e^r for r as expReduce returns it:
// 2^{⌊n/256⌋} times the table's 2^{j/256}, j = n mod 256, times e^r from
// its polynomial. The result must be a normal float64.
func expReconstruct(n int64, r float64) float64 {
	tj := expTable[n&ExpTableMask]
	v := tj + tj*(r+r*r*(ExpC2+r*(ExpC3+r*ExpC4)))
	return math.Float64frombits(math.Float64bits(v) + uint64(n>>ExpTableBits)<<52)
}

// ExpTable returns the table of 2^{j/256}, j = 0…255, that Exp uses, for
// kernels that inline Exp by hand.
func ExpTable() [expTableSize]float64 { return expTable }
