package portable

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// The tests compare the portable functions with package math, which they
// may call: math's functions serve as an independent reference, accurate
// to about 1 ulp, even though they are not portable themselves.

// ulp returns the spacing of float64s at |x|: 2^−1074 below 2^−1022.
func ulp(x float64) float64 {
	x = math.Abs(x)
	if x < 0x1p-1022 {
		return math.SmallestNonzeroFloat64
	}
	return math.Nextafter(x, math.Inf(1)) - x
}

// ulps returns |got − want| in units of the last place of want, 0 when
// both are the same infinity or both NaN, and +Inf when only one is.
func ulps(got, want float64) float64 {
	switch {
	case math.IsNaN(got) || math.IsNaN(want):
		if math.IsNaN(got) && math.IsNaN(want) {
			return 0
		}
		return math.Inf(1)
	case got == want:
		return 0
	case math.IsInf(got, 0) || math.IsInf(want, 0):
		return math.Inf(1)
	}
	return math.Abs(got-want) / ulp(want)
}

// bigTanh returns tanh(x) correctly rounded, as (e^{2x}−1)/(e^{2x}+1) in
// 256-bit arithmetic from bigExpFloat, for |x| ≤ 350, which keeps e^{2x}
// in its range. The subtraction cancels about −log₂|x| bits, so below
// 2^−60 it returns x itself: tanh x = x·(1 − x²/3 + …), and a relative
// correction below 2^−120 cannot change the rounding of x.
func bigTanh(x float64) float64 {
	if math.Abs(x) < 0x1p-60 {
		return x
	}
	e := bigExpFloat(2 * x)
	one := new(big.Float).SetPrec(256).SetInt64(1)
	num := new(big.Float).SetPrec(256).Sub(e, one)
	den := new(big.Float).SetPrec(256).Add(e, one)
	f, _ := num.Quo(num, den).Float64()
	return f
}

// bigHypot returns √(p²+q²) correctly rounded: the squares and their sum
// are exact in 2200 bits (2·1074 + 53 bits cover any two float64 squares),
// and big.Float.Sqrt rounds once.
func bigHypot(p, q float64) float64 {
	const prec = 2200
	a := new(big.Float).SetPrec(prec).SetFloat64(p)
	b := new(big.Float).SetPrec(prec).SetFloat64(q)
	a.Mul(a, a)
	b.Mul(b, b)
	a.Add(a, b)
	f, _ := new(big.Float).SetPrec(53).Sqrt(a).Float64()
	return f
}

// TestULP measures each function's error in ulps on a seeded sample of its
// range, against math's function and, where one is at hand, against the
// correctly rounded value computed in math/big. The bounds:
//   - Exp is faithfully rounded (one of the two float64s around e^x): the
//     table entry is correctly rounded and the degree-4 polynomial's
//     truncation error is below 4e-17 relative, so only the final
//     2^{j/256}·(1+p) rounds by about ½ ulp. math.Exp is within 1 ulp of
//     e^x under js/wasm but up to 2 ulps on amd64 with FMA (measured on
//     this sample), so the two may be 3 ulps apart.
//   - Log and Hypot are Go's algorithms, which math's amd64 assembly
//     follows operation for operation: 0 ulps from math.Log and
//     math.Hypot on both architectures. Hypot's own error is at most 2 ulps
//     (the rounding of q/p, q², 1 + q², the square root and the product).
//   - Tanh is within 3 ulps of tanh(x) where its result is not tiny (the
//     correctly rounded table entry and three roundings of the addition
//     formula, measured on this sample), and math.Tanh within 1 more.
//
// Each case logs its worst error, so that a change of algorithm shows.
func TestULP(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(1, 3))
	uniform := func(lo, hi float64) func() float64 {
		return func() float64 { return lo + (hi-lo)*rnd.Float64() }
	}
	// logUniform spreads positive numbers over the binades 2^lo … 2^hi.
	logUniform := func(lo, hi int) func() float64 {
		return func() float64 { return math.Ldexp(1+rnd.Float64(), lo+rnd.IntN(hi-lo)) }
	}
	for _, c := range []struct {
		name       string
		f, math    func(float64) float64
		exact      func(float64) float64 // nil: none
		draw       func() float64
		n          int
		maxVsMath  float64
		maxVsExact float64
	}{
		{"Exp", Exp, math.Exp, bigExp, uniform(-708, 709), 20000, 3, 1},
		{"Exp near 0", Exp, math.Exp, bigExp, uniform(-1, 1), 20000, 3, 1},
		{"Log", Log, math.Log, nil, logUniform(-1022, 1023), 200000, 0, 0},
		{"Log near 1", Log, math.Log, nil, uniform(0.5, 2), 200000, 0, 0},
		{"Tanh", Tanh, math.Tanh, bigTanh, uniform(-21, 21), 20000, 4, 3},
		{"Tanh small", Tanh, math.Tanh, bigTanh, logUniform(-1000, -6), 20000, 4, 3},
		// Hypot as a function of q with p = 1: the ratio q/p is what its
		// arithmetic depends on; the two-argument sample follows.
		{"Hypot(1, q)", func(q float64) float64 { return Hypot(1, q) }, func(q float64) float64 { return math.Hypot(1, q) },
			func(q float64) float64 { return bigHypot(1, q) }, logUniform(-30, 30), 20000, 0, 2},
	} {
		var worstMath, worstExact, atMath, atExact float64
		for range c.n {
			x := c.draw()
			got := c.f(x)
			if d := ulps(got, c.math(x)); d > worstMath {
				worstMath, atMath = d, x
			}
			if c.exact != nil {
				if d := ulps(got, c.exact(x)); d > worstExact {
					worstExact, atExact = d, x
				}
			}
		}
		if c.exact != nil {
			t.Logf("%s: %.3g ulps from math at %v, %.3g from the exact value at %v", c.name, worstMath, atMath, worstExact, atExact)
		} else {
			t.Logf("%s: %.3g ulps from math at %v", c.name, worstMath, atMath)
		}
		if worstMath > c.maxVsMath {
			t.Errorf("%s: %.3g ulps from math at x = %v, want ≤ %v", c.name, worstMath, atMath, c.maxVsMath)
		}
		if worstExact > c.maxVsExact {
			t.Errorf("%s: %.3g ulps from the exact value at x = %v, want ≤ %v", c.name, worstExact, atExact, c.maxVsExact)
		}
	}
}

// TestHypotPairs compares Hypot with math.Hypot and the exact value on
// pairs spread over 200 binades each, so that the ratio q/p ranges from
// 2^−200 to 1 and the result from tiny to huge; bounds as in TestULP.
func TestHypotPairs(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(2, 3))
	worst := 0.0
	for range 20000 {
		p := math.Ldexp(2*rnd.Float64()-1, rnd.IntN(200)-100)
		q := math.Ldexp(2*rnd.Float64()-1, rnd.IntN(200)-100)
		got := Hypot(p, q)
		if want := math.Hypot(p, q); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("Hypot(%v, %v) = %v, math.Hypot %v", p, q, got, want)
		}
		worst = max(worst, ulps(got, bigHypot(p, q)))
	}
	t.Logf("Hypot: %.3g ulps from the exact value at worst", worst)
	if worst > 2 {
		t.Errorf("Hypot is %.3g ulps from the exact value, want ≤ 2", worst)
	}
}

// TestSpecialValues checks each function at ±Inf, NaN, ±0, subnormal
// arguments and the edges of its range, against the special cases that
// math's documentation lists and values known in closed form. tol is in
// ulps of want; 0 demands the same bits (so the sign of a zero counts).
func TestSpecialValues(t *testing.T) {
	t.Parallel()
	inf, nan, negZero := math.Inf(1), math.NaN(), math.Copysign(0, -1)
	tiny := math.SmallestNonzeroFloat64 // 2^−1074
	for _, c := range []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"Exp(+Inf)", Exp(inf), inf, 0},
		{"Exp(−Inf)", Exp(-inf), 0, 0},
		{"Exp(NaN)", Exp(nan), nan, 0},
		{"Exp(0)", Exp(0), 1, 0},
		{"Exp(−0)", Exp(negZero), 1, 0},
		{"Exp(2^−1074)", Exp(tiny), 1, 0},
		{"Exp(−2^−1074)", Exp(-tiny), 1, 0},
		{"Exp(1)", Exp(1), math.E, 1},           // math.E is e correctly rounded
		{"Exp(710)", Exp(710), inf, 0},          // e^710 > MaxFloat64
		{"Exp(−746)", Exp(-746), 0, 0},          // e^−746 < 2^−1075: rounds to 0
		{"Exp(−744.44)", Exp(-744.44), tiny, 1}, // ln 2^−1074 ≈ −744.4401
		{"Log(+Inf)", Log(inf), inf, 0},
		{"Log(−Inf)", Log(-inf), nan, 0},
		{"Log(NaN)", Log(nan), nan, 0},
		{"Log(0)", Log(0), -inf, 0},
		{"Log(−0)", Log(negZero), -inf, 0},
		{"Log(−1)", Log(-1), nan, 0},
		{"Log(1)", Log(1), 0, 0},
		{"Log(e)", Log(math.E), 1, 1},
		{"Log(2)", Log(2), math.Ln2, 0},                                // k·Ln2Hi + k·Ln2Lo rounds to ln 2
		{"Log(MaxFloat64)", Log(math.MaxFloat64), 709.782712893384, 1}, // ln(2^1024 − 2^971)
		// Subnormals: log(m·2^−1074) = log(m) − 1074·ln 2; math.Log on
		// amd64 is wrong here, so the reference is the normal argument
		// m·2^−1074·2^100 and 100·ln 2, each term within an ulp of the
		// 745 or so they add up to.
		{"Log(2^−1074)", Log(tiny), math.Log(0x1p-974) - 100*math.Ln2, 2},
		{"Log(3·2^−1074)", Log(3 * tiny), math.Log(3*0x1p-974) - 100*math.Ln2, 2},
		{"Log(0x1p-1030)", Log(0x1p-1030), math.Log(0x1p-930) - 100*math.Ln2, 2},
		{"Hypot(+Inf, NaN)", Hypot(inf, nan), inf, 0},
		{"Hypot(NaN, −Inf)", Hypot(nan, -inf), inf, 0},
		{"Hypot(NaN, 1)", Hypot(nan, 1), nan, 0},
		{"Hypot(1, NaN)", Hypot(1, nan), nan, 0},
		{"Hypot(0, 0)", Hypot(0, 0), 0, 0},
		{"Hypot(−0, −0)", Hypot(negZero, negZero), 0, 0},
		{"Hypot(3, −4)", Hypot(3, -4), 5, 0},
		{"Hypot(3·2^−1074, 4·2^−1074)", Hypot(3*tiny, 4*tiny), 5 * tiny, 0}, // every step exact
		{"Hypot(2^−1074, 2^−1074)", Hypot(tiny, tiny), tiny, 0},             // √2 units round to 1
		{"Hypot(MaxFloat64, MaxFloat64)", Hypot(math.MaxFloat64, math.MaxFloat64), inf, 0},
		{"Hypot(1e308, 1e308)", Hypot(1e308, 1e308), 1e308 * math.Sqrt2, 1},
		{"Tanh(+Inf)", Tanh(inf), 1, 0},
		{"Tanh(−Inf)", Tanh(-inf), -1, 0},
		{"Tanh(NaN)", Tanh(nan), nan, 0},
		{"Tanh(0)", Tanh(0), 0, 0},
		{"Tanh(−0)", Tanh(negZero), negZero, 0},
		{"Tanh(2^−1074)", Tanh(tiny), tiny, 0}, // tanh x = x − x³/3 + …
		{"Tanh(−2^−1030)", Tanh(-0x1p-1030), -0x1p-1030, 0},
		{"Tanh(1e-10)", Tanh(1e-10), 1e-10, 0}, // x³/3 is 1e-20 relative
		{"Tanh(20)", Tanh(20), 1, 0},           // 1 − tanh 20 ≈ 8.5e-18 < 2^−54
		{"Tanh(−700)", Tanh(-700), -1, 0},
	} {
		if c.tol == 0 {
			if math.Float64bits(c.got) != math.Float64bits(c.want) && !(math.IsNaN(c.got) && math.IsNaN(c.want)) {
				t.Errorf("%s = %v, want %v exactly", c.name, c.got, c.want)
			}
			continue
		}
		if d := ulps(c.got, c.want); d > c.tol {
			t.Errorf("%s = %v, want %v within %v ulps (%.3g apart)", c.name, c.got, c.want, c.tol, d)
		}
	}
}
