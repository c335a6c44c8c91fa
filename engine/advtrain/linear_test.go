package advtrain

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"advplay/engine/data"
	"advplay/engine/logistic"
	"advplay/engine/logreg"
	"advplay/engine/model"
	"advplay/engine/portable"
)

// referenceObjective returns FitLinear's objective per point, the mean
// loss plus ridge/2·‖θ‖² over n, and stores its gradient in grad if grad
// is not nil (with sign(0) = 0): point by point through package logistic,
// as FitLinear computed it before it used linearSums.
func referenceObjective(theta []float64, c data.Columns, cfg Config, ridge float64, grad []float64) float64 {
	w0, w1, b := theta[0], theta[1], theta[2]
	alpha, eps := cfg.Alpha, cfg.Epsilon
	l1 := math.Abs(w0) + math.Abs(w1)
	sign := func(v float64) float64 { return math.Copysign(min(math.Abs(v)*math.Inf(1), 1), v) }
	var f, g0, g1, gb float64
	for i := range c.X1 {
		s := 2*c.Y[i] - 1
		z := w0*c.X1[i] + w1*c.X2[i] + b
		u := -s*z + eps*l1
		f += alpha*logistic.Softplus(-s*z) + (1-alpha)*logistic.Softplus(u)
		if grad == nil {
			continue
		}
		a := alpha * logistic.Sigmoid(-s*z)
		d := (1 - alpha) * logistic.Sigmoid(u)
		g0 += (a+d)*(-s*c.X1[i]) + d*eps*sign(w0)
		g1 += (a+d)*(-s*c.X2[i]) + d*eps*sign(w1)
		gb += (a + d) * (-s)
	}
	n := float64(len(c.X1))
	if grad != nil {
		grad[0], grad[1], grad[2] = (g0+ridge*w0)/n, (g1+ridge*w1)/n, (gb+ridge*b)/n
	}
	return (f + ridge/2*(w0*w0+w1*w1+b*b)) / n
}

// lbfgsFit is FitLinear as it was before Newton's method: gonum's L-BFGS
// on referenceObjective from the plain fit, to a gradient of 1e-10 per
// point or 500 iterations, keeping the best point found. It returns the
// parameters and the ridge it added.
func lbfgsFit(tb testing.TB, points []data.Point, c Config) ([]float64, float64) {
	plain, err := logreg.Fit(points, logreg.FitOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	ridge := 0.0
	if plain.Separable {
		ridge = plain.L2
	}
	cols := data.ToColumns(points)
	problem := optimize.Problem{
		Func: func(x []float64) float64 { return referenceObjective(x, cols, c, ridge, nil) },
		Grad: func(g, x []float64) { referenceObjective(x, cols, c, ridge, g) },
	}
	settings := &optimize.Settings{GradientThreshold: 1e-10, MajorIterations: 500}
	res, _ := optimize.Minimize(problem, plain.Model.Params(make([]float64, 3)), settings, &optimize.LBFGS{})
	if res == nil {
		tb.Fatal("L-BFGS returned no point")
	}
	return res.X, ridge
}

// The sums on one point at the logit x, through the clean part (α = 1) and
// through the attacked part (α = 0, ε = 0, where it sees the same logit),
// are package logistic's softplus, σ and σ' to 2e-15 relative
// (portable.Exp's bound of 1e-15, and a rounding or two), and the inlined
// exponential gives portable.Exp's bits: σ = 1/(1+E) or E/(1+E) with
// E = portable.Exp(−|x|), the same operations, rounded the same way.
// Beyond |x| = portable.ExpClamp the exponential is e^{−700}, and the
// tolerance 1e-300 absolute (sums' doc).
func TestSumsOnePoint(t *testing.T) {
	const tol = 2e-15
	close := func(x, got, want float64) bool {
		if math.Abs(x) > portable.ExpClamp {
			return math.Abs(got-want) <= max(1e-300, tol*want)
		}
		return math.Abs(got-want) <= tol*want
	}
	cols := newSignedColumns([]data.Point{{Label: 1}}) // x̂ = (0, 0, 1): the margin is b
	for x := -800.0; x <= 800; x += 0.125 {
		e := portable.Exp(-min(math.Abs(x), portable.ExpClamp))
		sigma := 1 / (1 + e)
		if x < 0 {
			sigma = e * (1 / (1 + e))
		}
		for _, alpha := range []float64{1, 0} {
			s := cols.sums([3]float64{0, 0, -x}, alpha, 0)
			grad, hess := s.a[2], s.s[5]
			if alpha == 0 && (s.d != grad || s.t[2] != hess || s.u != hess) {
				t.Fatalf("x=%v α=0: D, T, U = %v, %v, %v; want σ = %v and σ' = %v", x, s.d, s.t[2], s.u, grad, hess)
			}
			if math.Float64bits(grad) != math.Float64bits(sigma) {
				t.Fatalf("x=%v α=%v: σ = %v, through portable.Exp %v", x, alpha, grad, sigma)
			}
			if want := logistic.Sigmoid(x); !close(x, grad, want) {
				t.Fatalf("x=%v α=%v: σ = %v, logistic %v", x, alpha, grad, want)
			}
			if want := logistic.Sigmoid(-x) * logistic.Sigmoid(x); !close(x, hess, want) {
				t.Fatalf("x=%v α=%v: σ' = %v, logistic %v", x, alpha, hess, want)
			}
			if want := logistic.Softplus(x); !close(x, s.f, want) {
				t.Fatalf("x=%v α=%v: softplus = %v, logistic %v", x, alpha, s.f, want)
			}
		}
	}
}

// On the article's 2×10,000 points the objective that sums computes
// through products of up to 512 factors is within n·2⁻⁵³·(1 + f) of the
// sum of the losses (its doc), plus what that sum itself may round,
// n·2⁻⁵³·f, and 2e-15·f for the terms (TestSumsOnePoint).
func TestSumsObjectiveRounding(t *testing.T) {
	points := data.GaussianClouds(data.ArticlePerClass, data.CloudSigma, 1)
	cols, ref := newSignedColumns(points), data.ToColumns(points)
	n := float64(len(points))
	for _, cfg := range []Config{DefaultConfig(FGSM, 0.3), DefaultConfig(PGD, 0.5), {Method: FGSM, Epsilon: 0.1, Alpha: 0.9}} {
		for _, theta := range [][3]float64{{6, 6, -12}, {-1, 3, 2}, {40, 30, -70}} {
			got := cols.sums(theta, cfg.Alpha, cfg.Epsilon).f
			want := n * referenceObjective(theta[:], ref, cfg, 0, nil)
			if tol := n*0x1p-53*(1+2*want) + 2e-15*want; math.Abs(got-want) > tol {
				t.Errorf("%+v θ=%v: objective %v, sum of the losses %v (tolerance %.2g)", cfg, theta, got, want, tol)
			}
		}
	}
}

// Away from the kinks at wᵢ = 0 the gradient and the Hessian of the
// objective, from linearSums, with a ridge, match central finite
// differences (gonum/diff/fd) of the objective and of the gradient; both
// are per point, O(1), so fd's default steps leave errors near 1e-9, and
// the tolerance is 1e-6.
func TestLinearSumsDerivatives(t *testing.T) {
	points, _ := data.Clouds(200, 3)
	n := float64(len(points))
	for _, cfg := range []Config{DefaultConfig(FGSM, 0.3), DefaultConfig(PGD, 0.1), {Method: FGSM, Epsilon: 0.5, Alpha: 0.9}} {
		p := linearProblem{cols: newSignedColumns(points), alpha: cfg.Alpha, eps: cfg.Epsilon, ridge: 0.01}
		objective := func(x []float64) float64 { return p.eval([3]float64(x)).f / n }
		gradient := func(g, x []float64) {
			s := p.eval([3]float64(x))
			pg, _, _ := p.pseudoGradient(&s, [3]float64(x))
			floats.ScaleTo(g, 1/n, pg[:])
		}
		for _, theta := range [][]float64{{1.3, 1.4, -1.5}, {-0.7, 2.1, 0.4}, {4, -3, -7}} {
			got := make([]float64, 3)
			gradient(got, theta)
			want := fd.Gradient(nil, objective, theta, &fd.Settings{Formula: fd.Central})
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-6 {
					t.Errorf("%+v θ=%v: ∂/∂θ%d = %v, finite differences %v", cfg, theta, i, got[i], want[i])
				}
			}
			s := p.eval([3]float64(theta))
			_, e, _ := p.pseudoGradient(&s, [3]float64(theta))
			h := p.hessian(&s, e)
			jac := mat.NewDense(3, 3, nil)
			fd.Jacobian(jac, gradient, theta, &fd.JacobianSettings{Formula: fd.Central})
			for i := range 3 {
				for j := range 3 {
					if got, want := h[i][j]/n, jac.At(i, j); math.Abs(got-want) > 1e-6 {
						t.Errorf("%+v θ=%v: ∂²/∂θ%d∂θ%d = %v, finite differences %v", cfg, theta, i, j, got, want)
					}
				}
			}
		}
	}
}

// linearCase is a fit that FitLinear and the previous L-BFGS fit are
// compared on.
type linearCase struct {
	name   string
	points []data.Point
	c      Config
}

// smoothCases have their optimum away from the kinks (both weights near
// 6 or more), where L-BFGS converges: the article's clouds at the
// training ε of the page and α of both recipes, and separable clouds,
// fitted with the ridge.
func smoothCases() []linearCase {
	var cases []linearCase
	for _, seed := range []uint64{1, 2, 3} {
		points := data.GaussianClouds(data.ArticlePerClass, data.CloudSigma, seed)
		for _, c := range []Config{DefaultConfig(FGSM, 0.1), DefaultConfig(FGSM, 0.3), DefaultConfig(FGSM, 0.5), DefaultConfig(PGD, 0.3), {Method: FGSM, Epsilon: 0.3, Alpha: 0.9}} {
			cases = append(cases, linearCase{"article clouds", points, c})
		}
	}
	separable, _ := data.Clouds(100, 1) // TestFitLinearShrinksL1
	for _, c := range []Config{DefaultConfig(FGSM, 0.05), DefaultConfig(FGSM, 0.3)} {
		cases = append(cases, linearCase{"separable clouds", separable, c})
	}
	return cases
}

// FitLinear reaches the optimum the previous L-BFGS fit reached. Both stop
// at a gradient below 1e-10 per point; with μ the smallest eigenvalue of
// the Hessian per point at the optimum (by finite differences of the
// reference gradient), a μ-strongly convex function is within ‖∇‖/μ of its
// minimizer, so the two fits are within 2·(‖∇₁‖ + ‖∇₂‖)/μ of each other
// (the 2 for the Hessian's change over that distance). The new fit's
// objective is no higher than the old one's beyond twice the rounding of a
// sum of n positive terms, n·2⁻⁵³ of it.
func TestFitLinearMatchesLBFGS(t *testing.T) {
	for _, tc := range smoothCases() {
		old, ridge := lbfgsFit(t, tc.points, tc.c)
		m, err := FitLinear(tc.points, tc.c)
		if err != nil {
			t.Fatalf("%s %+v: %v", tc.name, tc.c, err)
		}
		theta := m.Params(make([]float64, 3))
		cols := data.ToColumns(tc.points)
		gOld, gNew := make([]float64, 3), make([]float64, 3)
		fOld := referenceObjective(old, cols, tc.c, ridge, gOld)
		fNew := referenceObjective(theta, cols, tc.c, ridge, gNew)
		jac := mat.NewDense(3, 3, nil)
		fd.Jacobian(jac, func(g, x []float64) { referenceObjective(x, cols, tc.c, ridge, g) }, theta, &fd.JacobianSettings{Formula: fd.Central})
		var eig mat.EigenSym
		sym := mat.NewSymDense(3, nil)
		for i := range 3 {
			for j := i; j < 3; j++ {
				sym.SetSym(i, j, (jac.At(i, j)+jac.At(j, i))/2)
			}
		}
		if !eig.Factorize(sym, false) {
			t.Fatalf("%s %+v: no eigenvalues", tc.name, tc.c)
		}
		mu := floats.Min(eig.Values(nil))
		dist := floats.Distance(theta, old, 2)
		tol := 2 * (floats.Norm(gOld, 2) + floats.Norm(gNew, 2)) / mu
		t.Logf("%s %+v: |Δθ| %.2g (bound %.2g, μ %.3g), ‖∇‖∞ %.2g (L-BFGS %.2g), Δf %.2g", tc.name, tc.c, dist, tol, mu, floats.Norm(gNew, math.Inf(1)), floats.Norm(gOld, math.Inf(1)), fNew-fOld)
		if g := floats.Norm(gNew, math.Inf(1)); g > LinearGradTolerance {
			t.Errorf("%s %+v: gradient %v per point, above %v", tc.name, tc.c, g, LinearGradTolerance)
		}
		if !(mu > 0) || dist > tol {
			t.Errorf("%s %+v: θ = %v, L-BFGS %v: %.3g apart, bound %.3g (μ = %v)", tc.name, tc.c, theta, old, dist, tol, mu)
		}
		if n := float64(len(tc.points)); fNew > fOld+2*n*0x1p-53*fOld {
			t.Errorf("%s %+v: objective %v, above L-BFGS's %v", tc.name, tc.c, fNew, fOld)
		}
	}
}

// Where the optimum has a weight at zero, FitLinear finds it: no direction
// along a parameter axis lowers the objective, and the objective is no
// higher than the L-BFGS fit's, which stops near the kink. A forward
// difference with step h = 1e-4 is the one-sided derivative, ≥ 0 at the
// optimum, plus h/2·f” ≥ 0, give or take twice the rounding of the
// objective over h: a mean of n terms near f rounds by at most n·2⁻⁵³·f,
// here 1.6e-12, so the tolerance is 1e-7. At ε = 2 on the article's
// clouds the attack moves every point across any boundary with weights of
// ‖w‖₁ ≥ 1, and w = 0 is optimal, as for PGD training at ε = 5, where the
// plain Newton step is 1e23 long (spd.Damped); with x₂ made independent
// of the label, FGSM and PGD training set w₂ to zero exactly.
func TestFitLinearKinks(t *testing.T) {
	article := data.GaussianClouds(data.ArticlePerClass, data.CloudSigma, 1)
	noise := data.GaussianClouds(1000, data.CloudSigma, 2)
	for i := range noise {
		noise[i].Y -= data.CloudMean(noise[i].Label)[1]
	}
	for _, tc := range []struct {
		linearCase
		zero [2]bool
	}{
		{linearCase{"article clouds", article, DefaultConfig(FGSM, 2)}, [2]bool{true, true}},
		{linearCase{"article clouds", article, DefaultConfig(PGD, 5)}, [2]bool{true, true}},
		{linearCase{"x₂ noise", noise, DefaultConfig(FGSM, 0.3)}, [2]bool{false, true}},
		{linearCase{"x₂ noise", noise, DefaultConfig(PGD, 0.2)}, [2]bool{false, true}},
	} {
		m, err := FitLinear(tc.points, tc.c)
		if err != nil {
			t.Fatal(err)
		}
		theta := m.Params(make([]float64, 3))
		for j, zero := range tc.zero {
			if zero != (theta[j] == 0) {
				t.Errorf("%s %+v: w = %v, want w%d zero: %v", tc.name, tc.c, m.W, j+1, zero)
			}
		}
		cols := data.ToColumns(tc.points)
		f := func(x []float64) float64 { return referenceObjective(x, cols, tc.c, 0, nil) }
		for j := range 3 {
			for _, dir := range []float64{-1, 1} {
				along := func(h float64) float64 {
					x := append([]float64(nil), theta...)
					x[j] += dir * h
					return f(x)
				}
				if d := fd.Derivative(along, 0, &fd.Settings{Formula: fd.Forward, Step: 1e-4}); d < -1e-7 {
					t.Errorf("%s %+v θ=%v: the objective falls along %+v·e%d at %v", tc.name, tc.c, theta, dir, j, d)
				}
			}
		}
		old, _ := lbfgsFit(t, tc.points, tc.c)
		fNew, fOld := f(theta), f(old)
		t.Logf("%s %+v: θ %v, objective %v; L-BFGS θ %v, objective %v", tc.name, tc.c, theta, fNew, old, fOld)
		if n := float64(len(tc.points)); fNew > fOld+2*n*0x1p-53*fOld {
			t.Errorf("%s %+v: objective %v, above L-BFGS's %v", tc.name, tc.c, fNew, fOld)
		}
	}
}

// On small random point sets that make the Hessian singular or badly
// scaled (collinear points, a few distinct locations, coordinates in
// thousands beside coordinates in thousandths), at ε from 0.01 to 10 and
// α of 0, 0.5 and 0.9, FitLinear converges to LinearGradTolerance, and its
// objective is no higher than the L-BFGS fit's beyond 1e-12 relative
// (both are sums of at most 40 terms, whose rounding is far below that).
// Sets that logreg.Fit cannot fit are skipped: FitLinear returns its error.
func TestFitLinearDegenerate(t *testing.T) {
	rnd := data.NewRand(42)
	for trial := range 600 {
		n, kind := 1+rnd.IntN(40), trial%4
		points := make([]data.Point, n)
		for i := range points {
			x, y := 4*rnd.Float64()-2, 4*rnd.Float64()-2
			switch kind {
			case 1:
				y = x / 2
			case 2:
				x, y = float64(rnd.IntN(3)), float64(rnd.IntN(2))
			case 3:
				x, y = 1e3*x, 1e-3*y
			}
			points[i] = data.Point{X: x, Y: y, Label: rnd.IntN(2)}
		}
		c := Config{Method: FGSM, Epsilon: []float64{0.01, 0.1, 0.5, 2, 10}[rnd.IntN(5)], Alpha: []float64{0, 0.5, 0.9}[rnd.IntN(3)]}
		m, p, err := fitLinear(points, c)
		if err != nil || p == nil {
			continue
		}
		theta := [3]float64(m.Params(make([]float64, 3)))
		s := p.eval(theta)
		if p.pseudoGradient(&s, theta); s.norm > LinearGradTolerance*float64(n) {
			t.Errorf("trial %d (kind %d, %d points) %+v: θ = %v, pseudo-gradient %.3g per point", trial, kind, n, c, theta, s.norm/float64(n))
		}
		old, ridge := lbfgsFit(t, points, c)
		cols := data.ToColumns(points)
		fNew, fOld := referenceObjective(theta[:], cols, c, ridge, nil), referenceObjective(old, cols, c, ridge, nil)
		if !(fNew <= fOld+1e-12*(1+fOld)) {
			t.Errorf("trial %d (kind %d, %d points) %+v: objective %v at %v, L-BFGS %v at %v", trial, kind, n, c, fNew, theta, fOld, old)
		}
	}
}

// On the article's clouds FitLinear converges, to LinearGradTolerance, in
// at most 12 passes over the points (its doc), for both recipes at ε from
// 0.05 to 10.
func TestFitLinearPasses(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		points := data.GaussianClouds(data.ArticlePerClass, data.CloudSigma, seed)
		for _, method := range []Method{FGSM, PGD} {
			for _, eps := range []float64{0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10} {
				c := DefaultConfig(method, eps)
				m, p, err := fitLinear(points, c)
				if err != nil {
					t.Fatal(err)
				}
				theta := [3]float64(m.Params(make([]float64, 3)))
				passes := p.passes
				s := p.eval(theta)
				p.pseudoGradient(&s, theta)
				if norm := s.norm / float64(len(points)); passes > 12 || norm > LinearGradTolerance {
					t.Errorf("seed %d %+v: %d passes, pseudo-gradient %.3g per point", seed, c, passes, norm)
				}
			}
		}
	}
}

// FitLinear reaches a lower objective than the plain fit and shrinks ‖w‖₁
// more as ε grows: FGSM training is an L1-like penalty on w (Goodfellow
// et al. 2015, §5). With ε = 0 it is the plain fit itself.
func TestFitLinearShrinksL1(t *testing.T) {
	points, _ := data.Clouds(1000, 1)
	plain, err := logreg.Fit(points, logreg.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l1 := func(m model.Linear) float64 { return math.Abs(m.W[0]) + math.Abs(m.W[1]) }
	prev := l1(plain.Model)
	for _, eps := range []float64{0.1, 0.2, 0.3} {
		cfg := DefaultConfig(FGSM, eps)
		m, err := FitLinear(points, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if LinearFGSMObjective(m, points, cfg) > LinearFGSMObjective(plain.Model, points, cfg) {
			t.Errorf("ε=%v: objective %v above the plain fit's %v", eps, LinearFGSMObjective(m, points, cfg), LinearFGSMObjective(plain.Model, points, cfg))
		}
		if got := l1(m); !(got < prev) {
			t.Errorf("ε=%v: ‖w‖₁ = %v, not below %v", eps, got, prev)
		} else {
			t.Logf("ε=%v: ‖w‖₁ %.3f (plain %.3f)", eps, got, l1(plain.Model))
			prev = got
		}
	}
	m, err := FitLinear(points, DefaultConfig(FGSM, 0))
	if err != nil || m != plain.Model {
		t.Errorf("ε=0: %v, %v; want the plain fit %v", m, err, plain.Model)
	}
	// Separable points: the plain fit's ridge keeps the defended one finite
	// too. (There ‖w‖₁ need not shrink: with the ridge setting the scale,
	// points that stay separable by more than ε pull w up as before.)
	sep, _ := data.Clouds(100, 1)
	ps, err := logreg.Fit(sep, logreg.FitOptions{})
	if err != nil || !ps.Separable {
		t.Fatalf("2×100 clouds, seed 1: separable %v, %v", ps.Separable, err)
	}
	cfg := DefaultConfig(FGSM, 0.3)
	if m, err := FitLinear(sep, cfg); err != nil || math.IsNaN(l1(m)) || l1(m) > 1e3 {
		t.Errorf("separable: w = %v, %v; want finite weights", m.W, err)
	}
	if _, err := FitLinear(nil, DefaultConfig(FGSM, 0.1)); err == nil {
		t.Error("FitLinear on no points: no error")
	}
}

// TestFitLinearBitIdentical pins the fitted parameters: the hashes were
// computed natively on linux/amd64, and the test passing under js/wasm
// shows the page fits the same defended model as the command line.
func TestFitLinearBitIdentical(t *testing.T) {
	article := data.GaussianClouds(data.ArticlePerClass, data.CloudSigma, 1)
	separable, _ := data.Clouds(100, 1)
	for _, tc := range []struct {
		linearCase
		want uint64
	}{
		{linearCase{"article clouds", article, DefaultConfig(FGSM, 0.3)}, 0x98172ccee7b9552e},
		{linearCase{"article clouds", article, DefaultConfig(PGD, 0.3)}, 0xeaaa0cd652840a6e},
		{linearCase{"article clouds", article, DefaultConfig(FGSM, 2)}, 0x4142a880ab9f9426},
		{linearCase{"separable clouds", separable, DefaultConfig(FGSM, 0.3)}, 0x50b909961d4f6e92},
	} {
		m, err := FitLinear(tc.points, tc.c)
		if err != nil {
			t.Fatal(err)
		}
		h := fnv.New64a()
		for _, v := range m.Params(make([]float64, 3)) {
			h.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)))
		}
		if got := h.Sum64(); got != tc.want {
			t.Errorf("%s %+v: parameters %v hash to %#x, want %#x", tc.name, tc.c, m.Params(make([]float64, 3)), got, tc.want)
		}
	}
}
