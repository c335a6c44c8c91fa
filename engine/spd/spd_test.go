package spd

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"advplay/engine/data"
)

// randomSPD returns a random symmetric positive-definite 3×3 matrix
// A·Aᵀ + δI, with A's entries drawn at scale, and a random vector.
func randomSPD(seed uint64, scale, delta float64) ([N][N]float64, [N]float64) {
	rnd := data.NewRand(seed)
	var a, h [N][N]float64
	var g [N]float64
	for i := range N {
		for j := range N {
			a[i][j] = scale * (2*rnd.Float64() - 1)
		}
		g[i] = 2*rnd.Float64() - 1
	}
	for i := range N {
		for j := range N {
			for k := range N {
				h[i][j] += a[i][k] * a[j][k]
			}
		}
		h[i][i] += delta
	}
	return h, g
}

// gonumSolve solves (H + μI)·d = −g on the free parameters with gonum's
// Cholesky, the reference.
func gonumSolve(h [N][N]float64, g [N]float64, free [N]bool, mu float64) ([N]float64, bool) {
	var idx []int
	for j := range N {
		if free[j] {
			idx = append(idx, j)
		}
	}
	k := len(idx)
	sym := mat.NewSymDense(k, nil)
	rhs := mat.NewVecDense(k, nil)
	for i, a := range idx {
		for j, b := range idx[:i+1] {
			v := h[a][b]
			if i == j {
				v += mu
			}
			sym.SetSym(i, j, v)
		}
		rhs.SetVec(i, -g[a])
	}
	var chol mat.Cholesky
	if !chol.Factorize(sym) {
		return [N]float64{}, false
	}
	var x mat.VecDense
	if err := chol.SolveVecTo(&x, rhs); err != nil {
		return [N]float64{}, false
	}
	var d [N]float64
	for i, a := range idx {
		d[a] = x.AtVec(i)
	}
	return d, true
}

// TestSolveAgainstGonum compares Solve with gonum's Cholesky solve on
// random positive-definite systems of every subset of the parameters, with
// and without μ. The tolerance is relative to the condition of the
// system: both are backward stable, so they agree to a few ulps times the
// condition number, here below 1e4 (δ ≥ 1e-3 against entries of about 1).
func TestSolveAgainstGonum(t *testing.T) {
	t.Parallel()
	masks := [][N]bool{{true, true, true}, {true, true, false}, {true, false, true}, {false, true, true}, {true, false, false}, {false, false, true}}
	for seed := range uint64(200) {
		h, g := randomSPD(seed, 1, 1e-3+float64(seed%7))
		for _, free := range masks {
			for _, mu := range []float64{0, 0.5} {
				got, ok := Solve(h, g, free, mu)
				want, wantOK := gonumSolve(h, g, free, mu)
				if ok != wantOK {
					t.Fatalf("seed %d, free %v, μ %v: ok %v, gonum %v", seed, free, mu, ok, wantOK)
				}
				for j := range N {
					if !free[j] && got[j] != 0 {
						t.Errorf("seed %d, free %v: d[%d] = %v, want 0 (not free)", seed, free, j, got[j])
					}
					if math.Abs(got[j]-want[j]) > 1e-10*(1+math.Abs(want[j])) {
						t.Errorf("seed %d, free %v, μ %v: d = %v, gonum %v", seed, free, mu, got, want)
						break
					}
				}
			}
		}
	}
}

// TestSolveResidual checks (H + μI)·d + g = 0 on the free parameters, to
// rounding.
func TestSolveResidual(t *testing.T) {
	t.Parallel()
	for seed := range uint64(50) {
		h, g := randomSPD(seed+1000, 3, 0.1)
		free := [N]bool{true, true, true}
		d, ok := Solve(h, g, free, 0.25)
		if !ok {
			t.Fatalf("seed %d: not positive definite", seed)
		}
		for i := range N {
			r := g[i] + 0.25*d[i]
			for j := range N {
				r += h[i][j] * d[j]
			}
			if math.Abs(r) > 1e-12 {
				t.Errorf("seed %d: residual %v in row %d", seed, r, i)
			}
		}
	}
}

// TestSolveNotPositiveDefinite: singular, indefinite and non-finite
// systems are reported, with d = 0.
func TestSolveNotPositiveDefinite(t *testing.T) {
	t.Parallel()
	all := [N]bool{true, true, true}
	g := [N]float64{1, 2, 3}
	for _, c := range []struct {
		name string
		h    [N][N]float64
	}{
		{"zero", [N][N]float64{}},
		// Rank 2: the columns of (u, v, 1) for points on the line v = 2u − 1.
		{"singular", [N][N]float64{{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}},
		{"indefinite", [N][N]float64{{1, 0, 0}, {0, -1, 0}, {0, 0, 1}}},
		{"NaN", [N][N]float64{{math.NaN(), 0, 0}, {0, 1, 0}, {0, 0, 1}}},
		{"Inf", [N][N]float64{{math.Inf(1), 0, 0}, {0, 1, 0}, {0, 0, 1}}},
	} {
		d, ok := Solve(c.h, g, all, 0)
		if ok || d != ([N]float64{}) {
			t.Errorf("%s: Solve = %v, %v; want 0, false", c.name, d, ok)
		}
	}
}

// TestDamped checks the damped step: the plain Newton step when it is
// within the radius; otherwise within the radius and a descent direction
// (d·g < 0) that stays one on a singular H, where the Newton step does
// not exist.
func TestDamped(t *testing.T) {
	t.Parallel()
	all := [N]bool{true, true, true}
	for seed := range uint64(100) {
		h, g := randomSPD(seed+2000, 1, 0.5)
		newton, _ := Solve(h, g, all, 0)
		n := math.Sqrt(newton[0]*newton[0] + newton[1]*newton[1] + newton[2]*newton[2])
		for _, radius := range []float64{2 * n, n / 2, n / 100} {
			d := Damped(h, g, all, radius)
			length := math.Sqrt(d[0]*d[0] + d[1]*d[1] + d[2]*d[2])
			if radius > n && d != newton {
				t.Errorf("seed %d: radius %v ≥ the Newton step's %v, Damped %v, want the Newton step %v", seed, radius, n, d, newton)
			}
			if length > radius*(1+1e-12) {
				t.Errorf("seed %d: |d| = %v beyond the radius %v", seed, length, radius)
			}
			if dot := d[0]*g[0] + d[1]*g[1] + d[2]*g[2]; !(dot < 0) {
				t.Errorf("seed %d, radius %v: d·g = %v, want a descent direction", seed, radius, dot)
			}
		}
	}
	singular := [N][N]float64{{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}
	g := [N]float64{1, -1, 0.5}
	d := Damped(singular, g, all, 3)
	if length := math.Sqrt(d[0]*d[0] + d[1]*d[1] + d[2]*d[2]); length > 3 || d[0]*g[0]+d[1]*g[1]+d[2]*g[2] >= 0 {
		t.Errorf("singular H: Damped = %v (length %v), want a descent step within 3", d, length)
	}
	if d := Damped(singular, [N]float64{}, all, 1); d != ([N]float64{}) {
		t.Errorf("g = 0: Damped = %v, want 0", d)
	}
}

func TestDampedPanics(t *testing.T) {
	t.Parallel()
	for _, r := range []float64{0, -1, math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Damped with radius %v did not panic", r)
				}
			}()
			Damped([N][N]float64{}, [N]float64{1}, [N]bool{true}, r)
		}()
	}
}

func ExampleSolve() {
	// The normal equations of a 2×2 system in the first two parameters.
	h := [N][N]float64{{4, 2}, {2, 3}}
	g := [N]float64{-2, -1}
	d, ok := Solve(h, g, [N]bool{true, true, false}, 0)
	fmt.Printf("%.4f %v\n", d, ok)
	// Output: [0.5000 0.0000 0.0000] true
}
