package logistic

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"math/rand/v2"
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

// bigExp returns e^x rounded to float64, computed independently of Exp and
// math.Exp in 256-bit arithmetic: e^x = (e^{x/2^12})^{2^12}, with the inner
// exponential from 40 terms of its Taylor series (|x/2^12| < 0.19 for
// |x| < 780, so the remainder is below 0.19^40/40! ≈ 1e-77). The 12
// squarings multiply the relative error by 2^12, which leaves about 240
// correct bits. big.Float.Float64 rounds to nearest, subnormals included,
// and returns ±Inf beyond the float64 range.
func bigExp(x float64) float64 {
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
	f, _ := sum.Float64()
	return f
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

// closedForms lists logits z, the label y, and the closed forms of the
// sigmoid, log-loss and residual, evaluated independently of the code under
// test:
//   - for |z| ≥ 40, e^{−|z|} < 5e-18 is below half an ulp of 1, so
//     σ(z) = 1, σ(−z) = e^{−z} and log(1+e^{−|z|}) = e^{−|z|} to double
//     precision;
//   - for z = 0: σ = 1/2, loss = ln 2, residual = ±1/2;
//   - for |z| = 1000, e^{−1000} ≈ 5e-435 underflows to 0, so σ(−1000) = 0,
//     LogLoss(1000, 0) = 1000 and LogLoss(−1000, 0) = 0.
//
// The tolerance is 1e-15 relative (Exp's bound; the rest is one or two
// roundings), and exact for a want of 0.
func closedForms() []struct{ z, y, sigmoid, loss, residual float64 } {
	e40 := math.Exp(-40)
	e700 := math.Exp(-700)
	return []struct{ z, y, sigmoid, loss, residual float64 }{
		{z: 0, y: 0, sigmoid: 0.5, loss: math.Ln2, residual: 0.5},
		{z: 0, y: 1, sigmoid: 0.5, loss: math.Ln2, residual: -0.5},
		{z: 40, y: 1, sigmoid: 1, loss: e40, residual: -e40},
		{z: 40, y: 0, sigmoid: 1, loss: 40 + e40, residual: 1},
		{z: -40, y: 0, sigmoid: e40, loss: e40, residual: e40},
		{z: -40, y: 1, sigmoid: e40, loss: 40 + e40, residual: -1},
		{z: 700, y: 1, sigmoid: 1, loss: e700, residual: -e700},
		{z: -700, y: 0, sigmoid: e700, loss: e700, residual: e700},
		{z: 1000, y: 0, sigmoid: 1, loss: 1000, residual: 1},
		{z: 1000, y: 1, sigmoid: 1, loss: 0, residual: 0},
		{z: -1000, y: 0, sigmoid: 0, loss: 0, residual: 0},
		{z: -1000, y: 1, sigmoid: 0, loss: 1000, residual: -1},
		{z: 999.5, y: 0, sigmoid: 1, loss: 999.5, residual: 1},
	}
}

// relClose reports whether |got − want| ≤ tol·|want|; for want = 0 it
// demands got = 0.
func relClose(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Abs(want)
}

func TestClosedForms(t *testing.T) {
	t.Parallel()
	const tol = 1e-15
	for _, c := range closedForms() {
		if got := Sigmoid(c.z); !relClose(got, c.sigmoid, tol) {
			t.Errorf("Sigmoid(%v) = %v, want %v", c.z, got, c.sigmoid)
		}
		if got := LogLoss(c.z, c.y); !relClose(got, c.loss, tol) {
			t.Errorf("LogLoss(%v, %v) = %v, want %v", c.z, c.y, got, c.loss)
		}
		if got := Residual(c.z, c.y); !relClose(got, c.residual, tol) {
			t.Errorf("Residual(%v, %v) = %v, want %v", c.z, c.y, got, c.residual)
		}
	}
}

// TestResidualNonZero checks the property the attacks rely on: for a point
// that the model gets right with any confidence up to |z| = 700, the
// residual is still non-zero, so FGSM still moves it. The naive σ(z) − 1
// is exactly 0 from z ≈ 37 on.
func TestResidualNonZero(t *testing.T) {
	t.Parallel()
	for z := 1.0; z <= 700; z += 0.5 {
		if r := Residual(z, 1); !(r < 0) {
			t.Errorf("Residual(%v, 1) = %v, want < 0", z, r)
		}
		if r := Residual(-z, 0); !(r > 0) {
			t.Errorf("Residual(%v, 0) = %v, want > 0", -z, r)
		}
	}
}

// TestAccuracyOverRange compares the functions with their definitions
// evaluated along a route that is accurate for the z at hand, for
// |z| ≤ 1000 in steps of 1/8:
//
//	σ(z)     = 1/(1+e^{−z})         for z ≥ 0,  e^{z}/(1+e^{z}) for z < 0;
//	J(z, y)  = softplus(z) − y·z, softplus(z) = log1p(e^{−|z|}) + max(z, 0);
//	r(z, y)  = σ(z) − y, with 1 − σ(z) = σ(−z).
//
// The reference uses math.Exp, not Exp. The tolerance is 1e-14 relative:
// a handful of roundings of a value within 1e-15 of math.Exp's.
func TestAccuracyOverRange(t *testing.T) {
	t.Parallel()
	const tol = 1e-14
	sigma := func(z float64) float64 {
		if z >= 0 {
			return 1 / (1 + math.Exp(-z))
		}
		e := math.Exp(z)
		return e / (1 + e)
	}
	softplus := func(z float64) float64 { return math.Log1p(math.Exp(-math.Abs(z))) + math.Max(z, 0) }
	check := func(name string, z, y, got, want float64) {
		t.Helper()
		if math.IsNaN(got) || math.IsInf(got, 0) {
			t.Errorf("%s(%v, %v) = %v, want finite", name, z, y, got)
			return
		}
		// Below 2^−1022 both are subnormal or 0; Sigmoid's 1/(1+e^{−z})
		// rounds e^{−z} to +Inf from z ≈ −709.8 and returns 0 there, an
		// absolute error below 2^−1022.
		if math.Abs(want) < 0x1p-1022 {
			if math.Abs(got-want) > 0x1p-1022 {
				t.Errorf("%s(%v, %v) = %v, want %v", name, z, y, got, want)
			}
			return
		}
		if !relClose(got, want, tol) {
			t.Errorf("%s(%v, %v) = %v, want %v (relative error %.2g)", name, z, y, got, want, math.Abs(got-want)/math.Abs(want))
		}
	}
	for z := -1000.0; z <= 1000; z += 0.125 {
		check("Sigmoid", z, 0, Sigmoid(z), sigma(z))
		check("Softplus", z, 0, Softplus(z), softplus(z))
		for _, y := range []float64{0, 1} {
			// J(z, 0) = softplus(z), J(z, 1) = softplus(−z): the same
			// formula without the cancellation of softplus(z) − z.
			want := softplus(z)
			if y == 1 {
				want = softplus(-z)
			}
			check("LogLoss", z, y, LogLoss(z, y), want)
			want = sigma(z)
			if y == 1 {
				want = -sigma(-z)
			}
			check("Residual", z, y, Residual(z, y), want)
		}
	}
}

// TestLogLossDerivative checks that Residual is the derivative of LogLoss
// by a central difference with step h = 1e-5, whose truncation error
// h²/6·|J⁽³⁾| ≤ 1e-11 (|J⁽³⁾| ≤ 1/(6√3)) and whose rounding error is about
// ε·|J|/h ≤ 2e-16·20/1e-5 = 4e-10: tolerance 1e-8 absolute.
func TestLogLossDerivative(t *testing.T) {
	t.Parallel()
	const h, tol = 1e-5, 1e-8
	for _, z := range []float64{-20, -5, -1, -0.1, 0, 0.3, 2, 7, 20} {
		for _, y := range []float64{0, 1} {
			fd := (LogLoss(z+h, y) - LogLoss(z-h, y)) / (2 * h)
			if r := Residual(z, y); math.Abs(r-fd) > tol {
				t.Errorf("Residual(%v, %v) = %v, central difference of LogLoss = %v", z, y, r, fd)
			}
		}
	}
}

// TestSoftplusIdentity checks softplus(z) − softplus(−z) = z, which holds
// exactly in real arithmetic, to 4 ulps of max(|z|, 1).
func TestSoftplusIdentity(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(1, 1))
	for range 10000 {
		z := 2000*rnd.Float64() - 1000
		got := Softplus(z) - Softplus(-z)
		if tol := 4 * 0x1p-52 * math.Max(math.Abs(z), 1); math.Abs(got-z) > tol {
			t.Errorf("Softplus(%v) − Softplus(%v) = %v, want %v", z, -z, got, z)
		}
	}
}

func ExampleLogLoss() {
	// The log-loss of a confidently wrong logit grows linearly, without
	// overflow, and that of a confidently right one goes to 0.
	fmt.Println(LogLoss(1000, 0), LogLoss(-1000, 0))
	fmt.Println(LogLoss(0, 1) == math.Ln2)
	// Output:
	// 1000 0
	// true
}

func ExampleResidual() {
	// σ(40) − 1 rounds to 0 in float64; Residual keeps it.
	fmt.Println(Sigmoid(40)-1, Residual(40, 1) < 0)
	// Output:
	// 0 true
}
