package portable

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestTanhAbsolute checks Tanh against math.Tanh, which is accurate to
// about 1 ulp, to Tanh's documented absolute error of 5e-16. The grid
// steps through every table interval, on both sides of 0 and into
// saturation.
func TestTanhAbsolute(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(3, 3))
	xs := []float64{0, math.Copysign(0, -1), 1e-300, -1e-10, 0.3, 1.0 / 64, 1.0 / 32, 0.625, -0.625, 1, -3, 19, 20, 21, 700, -800, math.MaxFloat64, math.Inf(1), math.Inf(-1)}
	for i := range 100000 {
		xs = append(xs, float64(i-50000)/2000, 0.1*rnd.NormFloat64())
	}
	worst := 0.0
	for _, x := range xs {
		got, want := Tanh(x), math.Tanh(x)
		d := math.Abs(got - want)
		worst = max(worst, d)
		if d > 5e-16 {
			t.Errorf("Tanh(%v) = %v, math.Tanh %v, error %g", x, got, want, d)
		}
		if math.Signbit(got) != math.Signbit(x) {
			t.Errorf("Tanh(%v) = %v has the wrong sign", x, got)
		}
		if math.Abs(got) > 1 {
			t.Errorf("|Tanh(%v)| = %v > 1", x, got)
		}
	}
	t.Logf("largest difference from math.Tanh: %g", worst)
}

// TestTanhTable checks the table against math.Tanh to 1 ulp: the table is
// correctly rounded and math.Tanh is accurate to about 1 ulp.
func TestTanhTable(t *testing.T) {
	t.Parallel()
	for k, v := range tanhTable {
		want := math.Tanh(min(float64(k), tanhScale*tanhSaturate) / tanhScale)
		if ulps(v, want) > 1 {
			t.Errorf("tanhTable[%d] = %v, math.Tanh %v", k, v, want)
		}
	}
}

// TestTanhSlice checks that TanhSlice is Tanh element by element, bit for
// bit, NaN included.
func TestTanhSlice(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(5, 5))
	v := make([]float64, 4000)
	for i := range v {
		v[i] = 30*rnd.Float64() - 15
	}
	v[14] = math.NaN()
	want := make([]float64, len(v))
	for i, x := range v {
		want[i] = Tanh(x)
	}
	TanhSlice(v)
	for i, got := range v {
		if math.Float64bits(got) != math.Float64bits(want[i]) {
			t.Fatalf("TanhSlice element %d = %v, Tanh %v", i, got, want[i])
		}
	}
}
