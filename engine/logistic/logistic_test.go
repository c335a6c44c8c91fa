package logistic

import (
	"fmt"
	"math"
	"testing"

	"math/rand/v2"
)

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
// The tolerance is 1e-15 relative (portable.Exp's bound; the rest is one
// or two roundings), and exact for a want of 0.
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
// The reference uses math.Exp, not portable.Exp. The tolerance is 1e-14
// relative: a handful of roundings of a value within 1e-15 of math.Exp's.
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
