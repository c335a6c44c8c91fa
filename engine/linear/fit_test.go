package linear

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/logreg"
)

// objectiveAt returns the Fitter's objective and gradient at θ = (w, b),
// from one complete pass.
func objectiveAt(f *Fitter, theta []float64) (float64, []float64) {
	copy(f.loc.X, theta)
	f.pass(f.s.Len())
	f.finishEvaluation()
	return f.loc.F, append([]float64(nil), f.loc.Gradient...)
}

// TestObjective checks the objective against its definition, the mean
// log-loss (logistic.LogLoss) plus λ/2·‖w‖², to 1e-14 relative (sums of
// 400 terms of similar size), and its gradient against central finite
// differences (gonum diff/fd, default step h = 6e-6) to 1e-7: the
// truncation error h²/6·|F”'| is below 1e-9, as |σ”| ≤ 0.1 and the
// coordinates and weights here stay below 4 (|F”'| ≤ 0.1·(6·4)³ < 1.4e3),
// and the rounding error 2⁻⁵²·|F|/h is about 1e-10 for |F| < 10.
func TestObjective(t *testing.T) {
	t.Parallel()
	s, _ := data.CloudsIn(5, 200, 0.8, 4)
	rnd := data.NewRand(5)
	for _, l2 := range []float64{-1, 1e-4, 0.3} {
		f, err := NewFitter(s, FitOptions{L2: l2})
		if err != nil {
			t.Fatal(err)
		}
		theta := make([]float64, 6)
		for j := range theta {
			theta[j] = rnd.NormFloat64()
		}
		got, grad := objectiveAt(f, theta)
		var want, sq float64
		m := Model{W: theta[:5], B: theta[5]}
		for i := range s.Len() {
			want += logistic.LogLoss(m.Logit(s.Row(i)), float64(s.Label(i)))
		}
		for _, v := range m.W {
			sq += v * v
		}
		want = want/float64(s.Len()) + f.l2/2*sq
		if math.Abs(got-want) > 1e-14*want {
			t.Errorf("λ = %v: objective %v, definition %v", f.l2, got, want)
		}
		fdGrad := fd.Gradient(nil, func(x []float64) float64 { v, _ := objectiveAt(f, x); return v }, theta, &fd.Settings{Formula: fd.Central})
		for j := range grad {
			if math.Abs(grad[j]-fdGrad[j]) > 1e-7 {
				t.Errorf("λ = %v: ∂F/∂θ%d = %v, central differences %v", f.l2, j, grad[j], fdGrad[j])
			}
		}
	}
}

// TestFitMatchesNewton compares the unpenalized L-BFGS fit in two
// dimensions with logreg.Fit, Newton's method on the same maximum
// likelihood, on the article's 2×10,000 points (not separable, so the
// optimum exists). Both stop with gradient components of at most 1e-9 per
// point (logreg: ‖∇‖₂ ≤ 1e-9·N on the summed loss); the mean loss is
// μ-strongly convex near the optimum with μ the least eigenvalue of its
// Hessian, computed here, so each fit is within √3·1e-9/μ of the optimum
// in every component, and the two within twice that.
func TestFitMatchesNewton(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2} {
		points, _ := data.Clouds(data.ArticlePerClass, seed)
		s, _ := data.SamplesFromPoints(points)
		newton, err := logreg.Fit(points, logreg.FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Fit(s, FitOptions{L2: -1})
		if err != nil || !res.Converged {
			t.Fatalf("seed %d: Fit: %+v, %v", seed, res, err)
		}
		// The mean Hessian Σ σ'(z)·(x,1)(x,1)ᵀ/N at Newton's optimum.
		h := mat.NewSymDense(3, nil)
		for _, p := range points {
			z := newton.Model.Logit(p.Vec())
			sg := logistic.Sigmoid(z)
			v := []float64{p.X, p.Y, 1}
			for a := range 3 {
				for b := a; b < 3; b++ {
					h.SetSym(a, b, h.At(a, b)+sg*(1-sg)*v[a]*v[b]/float64(len(points)))
				}
			}
		}
		var eig mat.EigenSym
		if !eig.Factorize(h, false) {
			t.Fatal("EigenSym failed")
		}
		mu := eig.Values(nil)[0]
		tol := 2 * math.Sqrt(3) * 1e-9 / mu
		want := []float64{newton.Model.W[0], newton.Model.W[1], newton.Model.B}
		got := []float64{res.Model.W[0], res.Model.W[1], res.Model.B}
		for j := range want {
			if math.Abs(got[j]-want[j]) > tol {
				t.Errorf("seed %d: θ%d = %v, Newton %v (tolerance %.2g from μ = %.3g)", seed, j, got[j], want[j], tol, mu)
			}
		}
	}
}

// TestFitConverges checks that the default fit converges, every gradient
// component at most DefaultGradTolerance, on the clouds of every
// dimension of the sweep's range, and on separable points where only the
// ridge penalty keeps the weights finite.
func TestFitConverges(t *testing.T) {
	t.Parallel()
	for _, d := range []int{2, 16, 128, 1024} {
		s, _ := data.CloudsIn(d, 500, data.CloudSigma, uint64(d))
		res, err := Fit(s, FitOptions{})
		if err != nil {
			t.Fatalf("d = %d: %v", d, err)
		}
		if !res.Converged || !(res.GradNorm <= DefaultGradTolerance) || res.Iterations == 0 {
			t.Errorf("d = %d: converged %v, gradient %.3g after %d iterations", d, res.Converged, res.GradNorm, res.Iterations)
		}
		if res.L2 != DefaultL2 {
			t.Errorf("d = %d: L2 = %v, want DefaultL2", d, res.L2)
		}
	}
	// Four points separated by a wide gap.
	s := data.Samples{Dim: 2, X: []float64{0, 0, 0, 1, 5, 0, 5, 1}, Labels: []uint8{0, 0, 1, 1}}
	res, err := Fit(s, FitOptions{})
	if err != nil || !res.Converged || ErrorRate(res.Model, s, 0, attack.LInf) != 0 {
		t.Errorf("separable points: %+v, %v", res, err)
	}
}

// TestFitSlicing checks that a fit spread over Steps of any budget gives
// the same result, bit for bit, as Fit.
func TestFitSlicing(t *testing.T) {
	t.Parallel()
	s, _ := data.CloudsIn(32, 300, data.CloudSigma, 3)
	want, err := Fit(s, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, budget := range []int{1, 31, 32, 1000, 600 * 32} {
		f, _ := NewFitter(s, FitOptions{})
		steps := 0
		for !f.Step(budget) {
			steps++
			if f.Done() {
				t.Fatal("Done before Step reported done")
			}
		}
		got, err := f.Result()
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("budget %d: %+v, %v; want %+v", budget, got, err, want)
		}
		// At least one point per Step, at most max(1, budget/d).
		if per := max(1, budget/32); steps+1 < want.Evaluations*600/per {
			t.Errorf("budget %d: %d steps for %d passes of 600 points", budget, steps+1, want.Evaluations)
		}
	}
}

func TestFitErrors(t *testing.T) {
	t.Parallel()
	s, _ := data.CloudsIn(3, 10, 1, 1)
	for _, c := range []struct {
		name string
		s    data.Samples
		opt  FitOptions
	}{
		{"no points", data.Samples{Dim: 3}, FitOptions{}},
		{"invalid", data.Samples{Dim: 1, X: []float64{math.NaN()}, Labels: []uint8{0}}, FitOptions{}},
		{"NaN L2", s, FitOptions{L2: math.NaN()}},
		{"Inf L2", s, FitOptions{L2: math.Inf(1)}},
		{"negative tolerance", s, FitOptions{GradTolerance: -1}},
		{"negative iterations", s, FitOptions{MaxIterations: -1}},
	} {
		if _, err := Fit(c.s, c.opt); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	// An iteration limit is not an error: the best point so far comes back.
	res, err := Fit(s, FitOptions{MaxIterations: 1})
	if err != nil || res.Converged || res.Iterations != 1 {
		t.Errorf("MaxIterations 1: %+v, %v; want one iteration, not converged", res, err)
	}
}
