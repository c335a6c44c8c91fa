package portable

import (
	"math"
	"math/big"
	"testing"
)

// expRelTol is the relative error of Exp that the tests accept where e^x
// is a normal float64: Exp's doc promises 1e-15. Against math.Exp, which is
// within 1 ulp (2.2e-16 relative) of e^x, the same bound is used: Exp's own
// error is a few 1e-16 (the sweep logs the worst case), so the sum stays
// below 1e-15.
const expRelTol = 1e-15

// expSubnormalULPs is the tolerance, in units of the smallest subnormal
// 2^−1074, for results below 2^−1022, where a float64 has fewer than 53
// significant bits and a relative bound is meaningless. Exp rounds such a
// result twice (to 53 bits, then to the subnormal grid), so it is within
// 1 unit of the correctly rounded value; math.Exp may be 1 unit off too.
const expSubnormalULPs = 2

// expClose reports whether got is within the tolerances above of want,
// the correctly rounded e^x or math.Exp(x).
func expClose(got, want float64) bool {
	switch {
	case math.IsNaN(want):
		return math.IsNaN(got)
	case math.IsInf(want, 0):
		return got == want
	case want < 0x1p-1022:
		return math.Abs(got-want) <= expSubnormalULPs*math.SmallestNonzeroFloat64
	}
	return math.Abs(got-want) <= expRelTol*want
}

// bigExp returns e^x rounded to float64 from bigExpFloat. big.Float.Float64
// rounds to nearest, subnormals included, and returns ±Inf beyond the
// float64 range.
func bigExp(x float64) float64 {
	f, _ := bigExpFloat(x).Float64()
	return f
}

// bigExpFloat returns e^x computed independently of Exp and math.Exp in
// 256-bit arithmetic: e^x = (e^{x/2^12})^{2^12}, with the inner
// exponential from 40 terms of its Taylor series (|x/2^12| < 0.19 for
// |x| < 780, so the remainder is below 0.19^40/40! ≈ 1e-77). The 12
// squarings multiply the relative error by 2^12, which leaves about 240
// correct bits.
func bigExpFloat(x float64) *big.Float {
	const prec, halvings, terms = 256, 12, 40
	y := new(big.Float).SetPrec(prec).SetFloat64(x)
	y.SetMantExp(y, -halvings)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for i := 1; i <= terms; i++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(i)))
		sum.Add(sum, term)
	}
	for range halvings {
		sum.Mul(sum, sum)
	}
	return sum
}

// TestBigExp checks the reference on values known exactly or from
// math.Exp at points where math.Exp is accurate.
func TestBigExp(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ x, want float64 }{
		{0, 1},
		{1, math.E},      // math.E is e correctly rounded
		{-1, 1 / math.E}, // 1/e: two roundings, compared to 1 ulp below
		{10 * math.Ln2, 1024},
	} {
		if got := bigExp(c.x); math.Abs(got-c.want) > 0x1p-52*c.want {
			t.Errorf("bigExp(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

func TestExpSpecialValues(t *testing.T) {
	t.Parallel()
	// Inputs: the special cases of math.Exp's doc, the exact points
	// e^0 = 1 and e^{k·ln2} ≈ 2^k, and the edges of the normal, subnormal
	// and overflow ranges (ln(MaxFloat64) ≈ 709.7827, ln(2^−1022) ≈
	// −708.3964, ln(2^−1074) ≈ −744.44, and −745.1332, below which e^x
	// rounds to 0).
	for _, x := range []float64{
		0, math.Copysign(0, -1),
		1, -1, 0.5, 1e-300, -1e-300, 5e-324, 1e-17, -1e-17,
		math.Ln2, 10 * math.Ln2, -10 * math.Ln2, 700, -700, 709, -709,
		709.782712893383973096, math.Nextafter(709.782712893383973096, 0),
		math.Nextafter(709.782712893383973096, 1000),
		709.79, 710, 1000, math.MaxFloat64,
		-708.3964185322641, math.Nextafter(-708.3964185322641, 0), math.Nextafter(-708.3964185322641, -1000),
		-708.5, -720, -730, -740, -744.44, -744.5, -745, -745.13, -745.1332191019412,
		-745.14, -746, -1000, -math.MaxFloat64,
	} {
		got, want := Exp(x), bigExp(x)
		if math.Abs(x) > 780 {
			want = math.Exp(x) // beyond bigExp's range; e^x is 0 or +Inf
		}
		if !expClose(got, want) {
			t.Errorf("Exp(%v) = %v (%x), want %v (%x)", x, got, got, want, want)
		}
	}
	for _, c := range []struct{ x, want float64 }{
		{math.Inf(1), math.Inf(1)},
		{math.Inf(-1), 0},
		{math.NaN(), math.NaN()},
	} {
		if got := Exp(c.x); !expClose(got, c.want) {
			t.Errorf("Exp(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

// TestExpSweep compares Exp with math.Exp on a dense uniform grid over the
// whole finite range and on a fine grid of the subnormal region, where
// the range reduction is done differently.
func TestExpSweep(t *testing.T) {
	t.Parallel()
	for _, r := range []struct {
		lo, hi float64
		n      int
	}{
		// The whole range up to 709 (math.Exp on amd64 overflows early, a
		// few ulps below ln(MaxFloat64); the edge is checked against bigExp
		// below), stepping by about 0.011: about 130,000 points.
		{-746, 709, 131071},
		// A step that is not a multiple of ln2/256, so that every table
		// entry and reduced argument r in ±ln2/512 is visited.
		{-1, 1, 65537},
		// Results below 2^−1022.
		{-745.2, -708.3, 40001},
	} {
		var worst, worstX float64
		for i := range r.n + 1 {
			x := r.lo + (r.hi-r.lo)*float64(i)/float64(r.n)
			got, want := Exp(x), math.Exp(x)
			if !expClose(got, want) {
				t.Errorf("Exp(%v) = %v (%x), math.Exp = %v (%x)", x, got, got, want, want)
				continue
			}
			if want >= 0x1p-1022 {
				if e := math.Abs(got-want) / want; e > worst {
					worst, worstX = e, x
				}
			}
		}
		t.Logf("[%v, %v]: worst relative difference from math.Exp %.3g at x = %v", r.lo, r.hi, worst, worstX)
	}
}

// TestExpEdges compares Exp with the 256-bit reference where the result
// leaves the normal range: at the overflow threshold and at 2^−1022.
func TestExpEdges(t *testing.T) {
	t.Parallel()
	for _, r := range []struct {
		lo, hi float64
		n      int
	}{
		{709.77, 709.79, 1000},
		{-708.41, -708.38, 1000},
		{-745.2, -744, 1000},
	} {
		for i := range r.n + 1 {
			x := r.lo + (r.hi-r.lo)*float64(i)/float64(r.n)
			if got, want := Exp(x), bigExp(x); !expClose(got, want) {
				t.Errorf("Exp(%v) = %v (%x), want %v (%x)", x, got, got, want, want)
			}
		}
	}
}

// TestExpTable checks the table against math.Exp2: both are within an ulp
// of 2^{j/256}, and the table must be correctly rounded, so the two agree
// to 1 ulp.
func TestExpTable(t *testing.T) {
	t.Parallel()
	tab := ExpTable()
	for j, v := range tab {
		want := math.Exp2(float64(j) / 256)
		if ulps := math.Abs(v-want) / (math.Nextafter(want, 2) - want); ulps > 1 {
			t.Errorf("ExpTable()[%d] = %v, math.Exp2 = %v: %v ulps apart", j, v, want, ulps)
		}
	}
	if tab[0] != 1 {
		t.Errorf("ExpTable()[0] = %v, want 1 exactly", tab[0])
	}
}

// TestExpConstants checks what the exported constants' docs promise, for
// kernels that inline Exp by hand: ExpShifterBits is ExpShifter's bit
// pattern, ExpLn2Hi + ExpLn2Lo is ln2/256 to 2⁻⁸⁵ relative and
// n·ExpLn2Hi is exact for |n| < 2^21, ExpInvLn2 is 256/ln2 rounded, and
// e^x is a normal float64 for |x| ≤ ExpClamp.
func TestExpConstants(t *testing.T) {
	t.Parallel()
	if got := math.Float64bits(ExpShifter); got != ExpShifterBits {
		t.Errorf("ExpShifter's bits are %#x, ExpShifterBits %#x", got, uint64(ExpShifterBits))
	}
	const prec = 256
	ln2 := bigLog2(prec)
	step := new(big.Float).SetPrec(prec).Quo(ln2, big.NewFloat(256))
	sum := new(big.Float).SetPrec(prec).Add(big.NewFloat(ExpLn2Hi), big.NewFloat(ExpLn2Lo))
	diff, _ := new(big.Float).SetPrec(prec).Sub(sum, step).Float64()
	if s, _ := step.Float64(); math.Abs(diff) > 0x1p-85*s {
		t.Errorf("ExpLn2Hi + ExpLn2Lo − ln2/256 = %g, want below 2⁻⁸⁵ relative", diff)
	}
	// n·ExpLn2Hi is exact for |n| < 2^21 if ExpLn2Hi has at most 32
	// significant bits: its low 21 mantissa bits are zero.
	if low := math.Float64bits(ExpLn2Hi) & (1<<21 - 1); low != 0 {
		t.Errorf("ExpLn2Hi has low mantissa bits %#x, want none", low)
	}
	inv, _ := new(big.Float).SetPrec(prec).Quo(big.NewFloat(256), ln2).Float64()
	if ExpInvLn2 != inv {
		t.Errorf("ExpInvLn2 = %v, 256/ln2 rounds to %v", float64(ExpInvLn2), inv)
	}
	if lo, hi := Exp(-ExpClamp), Exp(ExpClamp); !(lo >= 0x1p-1022) || math.IsInf(hi, 0) {
		t.Errorf("Exp(±ExpClamp) = %v, %v: want normal float64s", lo, hi)
	}
}

// bigLog2 returns ln 2 to prec bits from the series ln 2 = Σ 1/(k·2^k),
// whose terms after the k-th sum to less than the k-th.
func bigLog2(prec uint) *big.Float {
	one := new(big.Float).SetPrec(prec + 16).SetInt64(1)
	sum := new(big.Float).SetPrec(prec + 16)
	for k := 1; k <= int(prec)+16; k++ {
		kTimes2k := new(big.Int).Lsh(big.NewInt(int64(k)), uint(k))
		term := new(big.Float).SetPrec(prec + 16).SetInt(kTimes2k)
		sum.Add(sum, term.Quo(one, term))
	}
	return sum.SetPrec(prec)
}

// TestExpReduce checks expReduce's promise, |r| ≤ ln2/512 (plus a few
// ulps of rounding) with x = n·ln2/256 + r to within the rounding of r,
// over [−ExpClamp, ExpClamp], the range of the kernels that inline it.
func TestExpReduce(t *testing.T) {
	t.Parallel()
	const bound = math.Ln2 / 512 * (1 + 1e-12)
	for i := range 200001 {
		x := ExpClamp * (float64(i)/100000 - 1)
		n, r := expReduce(x)
		if !(math.Abs(r) <= bound) {
			t.Fatalf("expReduce(%v) = %d, %v: |r| above ln2/512", x, n, r)
		}
		if back := float64(n)*(math.Ln2/256) + r; math.Abs(back-x) > 1e-12*max(1, math.Abs(x)) {
			t.Fatalf("expReduce(%v) = %d, %v: n·ln2/256 + r = %v", x, n, r, back)
		}
	}
}
