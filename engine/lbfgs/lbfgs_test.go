package lbfgs

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/optimize/functions"
)

// problem is a test function with its gradient.
type problem struct {
	name string
	f    func(x, grad []float64) float64
	x0   []float64
	min  float64 // the minimum value
}

// rosenbrock is the extended Rosenbrock function, minimum 0 at (1, …, 1)
// (functions.ExtendedRosenbrock in gonum).
func rosenbrock(x, grad []float64) float64 {
	var f float64
	clear(grad)
	for i := 0; i < len(x)-1; i++ {
		a, b := 1-x[i], x[i+1]-x[i]*x[i]
		f += a*a + 100*b*b
		grad[i] += -2*a - 400*b*x[i]
		grad[i+1] += 200 * b
	}
	return f
}

// quadratic is ½xᵀAx − bᵀx with A = diag(1, 2, …, n) + 1·1ᵀ/n, minimum
// at A⁻¹b; its value there is −½bᵀA⁻¹b, which for b = 1 is −½·Σ 1/(i+1+…)
// and is computed by the test from the solution instead.
func quadratic(n int) func(x, grad []float64) float64 {
	return func(x, grad []float64) float64 {
		var sum float64
		for _, v := range x {
			sum += v
		}
		var f float64
		for i, v := range x {
			ax := float64(i+1)*v + sum/float64(n)
			grad[i] = ax - 1
			f += 0.5*v*ax - v
		}
		return f
	}
}

// barrier is Σ (xᵢ − 0.5)² − log(1 − xᵢ²): +Inf outside (−1, 1), which
// a line search must treat as too long a step.
func barrier(x, grad []float64) float64 {
	var f float64
	for i, v := range x {
		if math.Abs(v) >= 1 {
			clear(grad)
			return math.Inf(1)
		}
		f += (v-0.5)*(v-0.5) - math.Log(1-v*v)
		grad[i] = 2*(v-0.5) + 2*v/(1-v*v)
	}
	return f
}

// minimize runs m on p until the largest gradient component is at most tol
// or the line search fails, checking the strong Wolfe conditions at every
// accepted iterate. It returns the last iterate and the iterations.
func minimize(t *testing.T, p problem, m *Method, tol float64) (Location, int, error) {
	t.Helper()
	loc := Location{X: append([]float64(nil), p.x0...), Gradient: make([]float64, len(p.x0))}
	loc.F = p.f(loc.X, loc.Gradient)
	op, err := m.Init(&loc)
	iters := 0
	prevF := loc.F
	prev := append([]float64(nil), p.x0...)
	prevG := append([]float64(nil), loc.Gradient...)
	for err == nil && iters < 10000 {
		if op == Evaluate {
			loc.F = p.f(loc.X, loc.Gradient)
		} else {
			iters++
			// The accepted step: sufficient decrease and curvature along
			// the step's direction d = x − x_prev (any positive multiple
			// of the search direction gives the same conditions).
			var d0, da float64
			for i := range prev {
				d := loc.X[i] - prev[i]
				d0 += prevG[i] * d
				da += loc.Gradient[i] * d
			}
			if !(loc.F <= prevF+decreaseFactor*d0) || math.Abs(da) > -curvatureFactor*d0*(1+1e-9)+1e-300 {
				t.Errorf("%s: iteration %d breaks the strong Wolfe conditions: f %v from %v, φ'(0) %v, φ'(α) %v", p.name, iters, loc.F, prevF, d0, da)
			}
			prevF = loc.F
			copy(prev, loc.X)
			copy(prevG, loc.Gradient)
			if maxAbs(loc.Gradient) <= tol {
				return loc, iters, nil
			}
		}
		op, err = m.Iterate(&loc)
	}
	return loc, iters, err
}

func maxAbs(v []float64) float64 {
	var m float64
	for _, x := range v {
		m = max(m, math.Abs(x))
	}
	return m
}

// TestMinimize checks that L-BFGS reaches the known minimum of classic
// test functions to a gradient of 1e-8, in a number of iterations close
// to gonum's L-BFGS with More–Thuente on the same start (within twice
// its count, plus ten).
func TestMinimize(t *testing.T) {
	t.Parallel()
	q := quadratic(20)
	for _, p := range []problem{
		{"rosenbrock 2", rosenbrock, []float64{-1.2, 1}, 0},
		{"rosenbrock 10", rosenbrock, []float64{-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1}, 0},
		{"quadratic 20", q, make([]float64, 20), math.NaN()},
		{"barrier 5", barrier, []float64{-0.9, 0.9, 0, 0.3, -0.5}, math.NaN()},
	} {
		loc, iters, err := minimize(t, p, &Method{}, 1e-8)
		if err != nil {
			t.Errorf("%s: %v after %d iterations at %v", p.name, err, iters, loc.X)
			continue
		}
		if !math.IsNaN(p.min) && math.Abs(loc.F-p.min) > 1e-12 {
			t.Errorf("%s: minimum %v, want %v", p.name, loc.F, p.min)
		}
		ref := gonumIterations(p)
		t.Logf("%s: %d iterations, gonum %d; f = %v", p.name, iters, ref, loc.F)
		if iters > 2*ref+10 {
			t.Errorf("%s: %d iterations, gonum's L-BFGS needs %d", p.name, iters, ref)
		}
	}
}

// gonumIterations returns the major iterations of gonum's L-BFGS on p to
// the same tolerance.
func gonumIterations(p problem) int {
	res, err := optimize.Minimize(optimize.Problem{
		Func: func(x []float64) float64 { return p.f(x, make([]float64, len(x))) },
		Grad: func(g, x []float64) { p.f(x, g) },
	}, p.x0, &optimize.Settings{GradientThreshold: 1e-8, Converger: optimize.NeverTerminate{}}, &optimize.LBFGS{Store: DefaultStore})
	if err != nil && res == nil {
		return -1
	}
	return res.Stats.MajorIterations
}

// TestGonumFunction checks the Rosenbrock gradient used above against
// gonum's own.
func TestGonumFunction(t *testing.T) {
	t.Parallel()
	x := []float64{0.3, -0.7, 1.1, 2}
	g, want := make([]float64, 4), make([]float64, 4)
	f := rosenbrock(x, g)
	functions.ExtendedRosenbrock{}.Grad(want, x)
	if wf := (functions.ExtendedRosenbrock{}).Func(x); math.Abs(f-wf) > 1e-12 {
		t.Errorf("f = %v, gonum %v", f, wf)
	}
	for i := range g {
		if math.Abs(g[i]-want[i]) > 1e-12 {
			t.Errorf("grad %v, gonum %v", g, want)
			break
		}
	}
}

// TestReproducible: the same problem gives the same bits, also after the
// method's memory was used on another problem (Init forgets it).
func TestReproducible(t *testing.T) {
	t.Parallel()
	p := problem{"rosenbrock 4", rosenbrock, []float64{-1.2, 1, -1.2, 1}, 0}
	a, _, errA := minimize(t, p, &Method{}, 1e-10)
	m := &Method{}
	minimize(t, problem{"quadratic 4", quadratic(4), make([]float64, 4), math.NaN()}, m, 1e-10)
	b, _, errB := minimize(t, p, m, 1e-10)
	if errA != nil || errB != nil {
		t.Fatalf("errors %v, %v", errA, errB)
	}
	for i := range a.X {
		if math.Float64bits(a.X[i]) != math.Float64bits(b.X[i]) {
			t.Fatalf("x = %v, then %v", a.X, b.X)
		}
	}
}

// TestStore: with a memory of one pair it still converges, more slowly.
func TestStore(t *testing.T) {
	t.Parallel()
	p := problem{"rosenbrock 10", rosenbrock, []float64{-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1}, 0}
	_, one, err := minimize(t, p, &Method{Store: 1}, 1e-8)
	if err != nil {
		t.Fatal(err)
	}
	_, ten, _ := minimize(t, p, &Method{}, 1e-8)
	t.Logf("iterations: store 1 %d, store 10 %d", one, ten)
	if one < ten {
		t.Errorf("one pair took %d iterations, ten %d; want more with less memory", one, ten)
	}
}

// TestErrors: a zero gradient at the start, and a line search that cannot
// decrease a function whose value is only rounding noise, end with the
// documented errors and the last iterate in place.
func TestErrors(t *testing.T) {
	t.Parallel()
	loc := Location{X: []float64{1, 2}, F: 3, Gradient: []float64{0, 0}}
	if _, err := (&Method{}).Init(&loc); !errors.Is(err, ErrNoDescent) {
		t.Errorf("zero gradient: %v, want ErrNoDescent", err)
	}
	if loc.X[0] != 1 || loc.X[1] != 2 {
		t.Errorf("Init moved X to %v on an error", loc.X)
	}
	// f = |x| has a kink at 0 where no step meets the curvature condition
	// for long: the search ends, at a point no worse than the start.
	abs := func(x, g []float64) float64 { g[0] = math.Copysign(1, x[0]); return math.Abs(x[0]) }
	m := &Method{}
	loc = Location{X: []float64{0.3}, Gradient: make([]float64, 1)}
	loc.F = abs(loc.X, loc.Gradient)
	op, err := m.Init(&loc)
	for i := 0; err == nil && i < 1000; i++ {
		if op == Evaluate {
			loc.F = abs(loc.X, loc.Gradient)
		}
		op, err = m.Iterate(&loc)
	}
	if !errors.Is(err, ErrLineSearch) {
		t.Errorf("|x|: %v, want ErrLineSearch", err)
	}
	if !(loc.F <= 0.3) || loc.F != math.Abs(loc.X[0]) {
		t.Errorf("|x|: ended at x %v with f %v", loc.X, loc.F)
	}
}

func TestInitPanics(t *testing.T) {
	t.Parallel()
	for _, loc := range []Location{{}, {X: []float64{1}, Gradient: []float64{1, 2}}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Init(%+v) did not panic", loc)
				}
			}()
			(&Method{}).Init(&loc)
		}()
	}
}

func Example() {
	// Minimize (x−3)² + 10·(y+1)².
	f := func(x, g []float64) float64 {
		g[0], g[1] = 2*(x[0]-3), 20*(x[1]+1)
		return (x[0]-3)*(x[0]-3) + 10*(x[1]+1)*(x[1]+1)
	}
	loc := Location{X: []float64{0, 0}, Gradient: make([]float64, 2)}
	loc.F = f(loc.X, loc.Gradient)
	var m Method
	op, err := m.Init(&loc)
	for err == nil {
		if op == Evaluate {
			loc.F = f(loc.X, loc.Gradient)
		} else if maxAbs(loc.Gradient) < 1e-9 {
			break
		}
		op, err = m.Iterate(&loc)
	}
	fmt.Printf("(%.6f, %.6f) %v\n", loc.X[0], loc.X[1], err)
	// Output: (3.000000, -1.000000) <nil>
}

// TestAllFinite checks AllFinite on each kind of element, and on none.
func TestAllFinite(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want bool
	}{
		{nil, true},
		{[]float64{0, -1, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64}, true},
		{[]float64{1, math.NaN()}, false},
		{[]float64{math.Inf(1), 2}, false},
		{[]float64{3, math.Inf(-1), 4}, false},
	} {
		if got := AllFinite(c.v); got != c.want {
			t.Errorf("AllFinite(%v) = %v, want %v", c.v, got, c.want)
		}
	}
}
