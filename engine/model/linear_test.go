package model

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"advplay/engine/logistic"
)

// gradTol is the issue's tolerance for the exact gradients against central
// finite differences. fd.Central's default step h = 6e-6 has a truncation
// error of h²/6·|J⁽³⁾| and a rounding error of about 2^−52·|J|/h; with
// |w| ≤ 4 and |x| ≤ 5 below, |J⁽³⁾| ≤ 0.1·4³ and |J| ≤ 40, that is at most
// 4e-11 + 1.5e-9, well inside 1e-6.
const gradTol = 1e-6

// gradCases are models, points and labels: the article's converged
// direction w ∝ (1,1), a tilted boundary, an axis-aligned one with a zero
// weight, points near and far from the boundary on either side, and both
// labels, so that the residual ranges over (−1, 1) and includes values near
// ±1 and near 0.
var gradCases = []struct {
	m Linear
	x [2]float64
}{
	{Linear{W: [2]float64{1, 1}, B: -2}, [2]float64{0, 0}},
	{Linear{W: [2]float64{1, 1}, B: -2}, [2]float64{1.1, 0.95}},
	{Linear{W: [2]float64{1, 1}, B: -2}, [2]float64{2, 2}},
	{Linear{W: [2]float64{3.2, 2.9}, B: -1.48}, [2]float64{-0.4, 0.7}},
	{Linear{W: [2]float64{3.2, 2.9}, B: -1.48}, [2]float64{2.5, 1.5}},
	{Linear{W: [2]float64{-0.5, 4}, B: 0.3}, [2]float64{-1.2, 5}},
	{Linear{W: [2]float64{0, 2}, B: 0}, [2]float64{3, -0.1}},
	{Linear{W: [2]float64{0, 0}, B: 0}, [2]float64{1, 1}},
	{Linear{W: [2]float64{-4, -4}, B: 1}, [2]float64{-5, 4.5}},
}

func TestInputGradFiniteDifference(t *testing.T) {
	t.Parallel()
	for _, c := range gradCases {
		for _, y := range []float64{0, 1} {
			m := c.m
			f := func(x []float64) float64 { return Loss(&m, [2]float64{x[0], x[1]}, y) }
			want := fd.Gradient(nil, f, c.x[:], &fd.Settings{Formula: fd.Central})
			got := m.InputGrad(c.x, y)
			for i := range 2 {
				if math.Abs(got[i]-want[i]) > gradTol {
					t.Errorf("%+v.InputGrad(%v, %v) = %v, central differences %v", m, c.x, y, got, want)
					break
				}
			}
		}
	}
}

func TestParamGradFiniteDifference(t *testing.T) {
	t.Parallel()
	for _, c := range gradCases {
		for _, y := range []float64{0, 1} {
			theta := c.m.Params(make([]float64, 3))
			f := func(th []float64) float64 {
				var m Linear
				m.SetParams(th)
				return Loss(&m, c.x, y)
			}
			want := fd.Gradient(nil, f, theta, &fd.Settings{Formula: fd.Central})
			// ParamGrad adds: start from a non-zero slice and subtract.
			start := []float64{0.25, -1, 3}
			got := append([]float64(nil), start...)
			m := c.m
			m.ParamGrad(got, c.x, y)
			for i := range 3 {
				if d := got[i] - start[i]; math.Abs(d-want[i]) > gradTol {
					t.Errorf("%+v.ParamGrad(%v, %v)[%d] = %v, central difference %v", m, c.x, y, i, d, want[i])
				}
			}
		}
	}
}

// TestLinearClosedForms checks the model's outputs against their
// definitions: z = w·x + b, J = LogLoss(z, y) and the prediction
// rule "class 1 iff z > 0", including a point exactly on the boundary.
func TestLinearClosedForms(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		m     Linear
		x     [2]float64
		z     float64 // by hand
		class int
	}{
		{Linear{W: [2]float64{1, 1}, B: -2}, [2]float64{1, 1}, 0, 0}, // on the boundary: class 0
		{Linear{W: [2]float64{1, 1}, B: -2}, [2]float64{1.5, 1}, 0.5, 1},
		{Linear{W: [2]float64{1, 1}, B: -2}, [2]float64{0, 0}, -2, 0},
		{Linear{W: [2]float64{-2, 0.5}, B: 0.25}, [2]float64{4, 8}, -3.75, 0},
		{Linear{W: [2]float64{-2, 0.5}, B: 0.25}, [2]float64{-4, 8}, 12.25, 1},
	} {
		if got := c.m.Logit(c.x); got != c.z {
			t.Errorf("%+v.Logit(%v) = %v, want %v", c.m, c.x, got, c.z)
		}
		if got := Predict(&c.m, c.x); got != c.class {
			t.Errorf("Predict(%+v, %v) = %d, want %d", c.m, c.x, got, c.class)
		}
		for _, y := range []float64{0, 1} {
			if got, want := Loss(&c.m, c.x, y), logistic.LogLoss(c.z, y); got != want {
				t.Errorf("Loss(%+v, %v, %v) = %v, want %v", c.m, c.x, y, got, want)
			}
		}
	}
}

func TestLinearParams(t *testing.T) {
	t.Parallel()
	m := Linear{W: [2]float64{1.5, -2}, B: 0.125}
	if m.NumParams() != 3 {
		t.Fatalf("NumParams() = %d, want 3", m.NumParams())
	}
	p := m.Params(make([]float64, 3))
	if want := []float64{1.5, -2, 0.125}; p[0] != want[0] || p[1] != want[1] || p[2] != want[2] {
		t.Errorf("Params() = %v, want %v", p, want)
	}
	var n Linear
	n.SetParams(p)
	if n != m {
		t.Errorf("SetParams(Params()) = %+v, want %+v", n, m)
	}
}

// TestLinearNorms checks ‖w‖₁ and ‖w‖₂ on weights whose norms are known
// exactly: a 3-4-5 triangle, a zero weight, negative weights and zero.
func TestLinearNorms(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		w            [2]float64
		norm1, norm2 float64
	}{
		{[2]float64{3, -4}, 7, 5},
		{[2]float64{0, 2}, 2, 2},
		{[2]float64{-1.5, -2}, 3.5, 2.5},
		{[2]float64{0, 0}, 0, 0},
	} {
		m := Linear{W: c.w, B: 9} // the bias is not part of either norm
		if got := m.Norm1(); got != c.norm1 {
			t.Errorf("%v: Norm1() = %v, want %v", c.w, got, c.norm1)
		}
		if got := m.Norm2(); got != c.norm2 {
			t.Errorf("%v: Norm2() = %v, want %v", c.w, got, c.norm2)
		}
	}
}

// TestLinearClone checks that a clone is equal and independent.
func TestLinearClone(t *testing.T) {
	t.Parallel()
	m := Linear{W: [2]float64{1.5, -2}, B: 0.125}
	c := m.Clone()
	if got := *c.(*Linear); got != m {
		t.Fatalf("Clone() = %+v, want %+v", got, m)
	}
	c.SetParams([]float64{7, 8, 9})
	if m != (Linear{W: [2]float64{1.5, -2}, B: 0.125}) {
		t.Errorf("setting the clone's parameters changed the original to %+v", m)
	}
}

// TestLinearPanics checks that wrong slice lengths, a programmer error,
// panic with a message prefixed by the package name.
func TestLinearPanics(t *testing.T) {
	t.Parallel()
	var m Linear
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"ParamGrad short", func() { m.ParamGrad(make([]float64, 2), [2]float64{}, 0) }},
		{"ParamGrad long", func() { m.ParamGrad(make([]float64, 4), [2]float64{}, 0) }},
		{"Params", func() { m.Params(nil) }},
		{"SetParams", func() { m.SetParams([]float64{1, 2}) }},
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "model: ") {
					t.Errorf("%s: recovered %#v, want a panic message starting with \"model: \"", c.name, r)
				}
			}()
			c.f()
		}()
	}
}

func ExampleLinear_InputGrad() {
	// The Bayes boundary x₁ + x₂ = 2 of the article's clouds. For a red
	// point (y = 0) the loss grows fastest towards the blue side, along +w.
	m := Linear{W: [2]float64{1, 1}, B: -2}
	g := m.InputGrad([2]float64{1, 1}, 0) // on the boundary: σ(0) − 0 = 1/2
	fmt.Println(g)
	// Output:
	// [0.5 0.5]
}
