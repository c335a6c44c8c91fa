package advtrain

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/logistic"
	"advplay/engine/mnist"
	"advplay/engine/mnist/mnisttest"
)

// noBox is no box at all: the attack is plain FGSM.
var noBox = linear.Box{Lo: math.Inf(-1), Hi: math.Inf(1)}

// pixelSamples returns n points of d pixels in [0, 1], about 70 % of them
// 0, 10 % 1 and the rest uniform, labelled by whether the first five
// pixels' sum plus N(0, 0.3²) noise exceeds 1: pictures in miniature, not
// separable.
func pixelSamples(n, d int, seed uint64) data.Samples {
	rnd := data.NewRand(seed)
	s := data.Samples{Dim: d, X: make([]float64, n*d), Labels: make([]uint8, n)}
	for i := range n {
		row := s.X[i*d : (i+1)*d]
		var sum float64
		for j := range row {
			switch u := rnd.Float64(); {
			case u < 0.7:
			case u < 0.8:
				row[j] = 1
			default:
				row[j] = rnd.Float64()
			}
			if j < 5 {
				sum += row[j]
			}
		}
		if sum+0.3*rnd.NormFloat64() > 1 {
			s.Labels[i] = 1
		}
	}
	return s
}

// bruteObjective returns FitLinearBox's objective at m by attacking every
// point (linear.Model.PerturbBox) and summing the losses through package
// logistic, point by point.
func bruteObjective(m linear.Model, s data.Samples, alpha, eps, l2 float64, box linear.Box) float64 {
	adv := make([]float64, s.Dim)
	var f float64
	for i := range s.Len() {
		x, label := s.Row(i), s.Label(i)
		y := float64(label)
		f += alpha*logistic.LogLoss(m.Logit(x), y) + (1-alpha)*logistic.LogLoss(m.Logit(m.PerturbBox(adv, x, label, eps, box)), y)
	}
	var sq float64
	for _, v := range m.W {
		sq += v * v
	}
	return f/float64(s.Len()) + l2/2*sq
}

// randomModel returns weights N(0, scale²), a few of them zero.
func randomModel(rnd interface{ NormFloat64() float64 }, d int, scale float64) linear.Model {
	m := linear.Model{W: make([]float64, d), B: rnd.NormFloat64()}
	for j := range m.W {
		if j%5 != 2 {
			m.W[j] = scale * rnd.NormFloat64()
		}
	}
	return m
}

// TestBoxObjective checks LinearBoxObjective, which sums over the nonzero
// coordinates only, against attacking each point and summing its losses,
// to 1e-12 relative: both add 300 positive losses of similar size (2⁻⁵³
// each) and Δ differs only in its rounding, sums of 23 terms below 3.
func TestBoxObjective(t *testing.T) {
	t.Parallel()
	const d = 23
	s := pixelSamples(300, d, 1)
	rnd := data.NewRand(2)
	for _, box := range []linear.Box{linear.PixelBox, noBox, {Lo: -0.2, Hi: 0.6}} {
		for _, c := range []Config{DefaultConfig(FGSM, 0.05), DefaultConfig(PGD, 0.3), {Method: FGSM, Epsilon: 0.2, Alpha: 0.9}, DefaultConfig(None, 0.1)} {
			m := randomModel(rnd, d, 1)
			opt := BoxOptions{Box: box, L2: 0.01}
			got, err := LinearBoxObjective(m, s, c, opt)
			if err != nil {
				t.Fatal(err)
			}
			alpha, eps := c.Alpha, c.Epsilon
			if c.Method == None {
				alpha, eps = 1, 0
			}
			want := bruteObjective(m, s, alpha, eps, 0.01, box)
			if math.Abs(got-want) > 1e-12*want {
				t.Errorf("box %v, %+v: objective %v, attacking the points %v", box, c, got, want)
			}
		}
	}
}

// TestBoxDerivatives checks the one-sided derivatives of the objective
// against differences: central ones (step h = 1e-5) for a nonzero weight
// and the bias, whose error h²/6·|F”'| is below 1e-10 (|σ”| ≤ 0.1, and
// the coordinates and rooms stay below 2 in the argument's derivative);
// forward and backward ones (h = 1e-7) for a zero weight, where F has its
// kink, whose error h/2·|F”| is below 1e-7 (|σ'| ≤ 1/4, (1 + 1)² and
// λ ≤ 0.01). Rounding adds 2⁻⁵²·F/h, below 1e-9.
func TestBoxDerivatives(t *testing.T) {
	t.Parallel()
	const d = 17
	s := pixelSamples(200, d, 3)
	rnd := data.NewRand(4)
	for _, box := range []linear.Box{linear.PixelBox, noBox} {
		for _, c := range []Config{DefaultConfig(FGSM, 0.1), DefaultConfig(PGD, 0.4)} {
			p, err := newBoxProblem(s, c, BoxOptions{Box: box, L2: 0.01})
			if err != nil {
				t.Fatal(err)
			}
			m := randomModel(rnd, d, 0.5)
			theta := append(append([]float64(nil), m.W...), m.B)
			at := func(j int, h float64) float64 {
				x := append([]float64(nil), theta...)
				x[j] += h
				return p.eval(x)
			}
			f0 := p.eval(theta)
			sides := make([][2]float64, d)
			for j, v := range m.W {
				right, left := p.sides(j, v)
				sides[j] = [2]float64{right, left}
			}
			g := make([]float64, d+1)
			p.gradient(theta, nil, nil, g)
			gb := g[d]
			for j, v := range m.W {
				right, left := sides[j][0], sides[j][1]
				if v != 0 {
					// Away from 0 the derivative is the side of v's sign.
					want := right
					if v < 0 {
						want = left
					}
					const h = 1e-5
					if fd := (at(j, h) - at(j, -h)) / (2 * h); math.Abs(fd-want) > 1e-8 {
						t.Errorf("box %v %+v: ∂F/∂w%d = %v at w = %v, central differences %v", box, c, j, want, v, fd)
					}
					continue
				}
				const h = 1e-7
				fwd, bwd := (at(j, h)-f0)/h, (f0-at(j, -h))/h
				if math.Abs(fwd-right) > 2e-7 || math.Abs(bwd-left) > 2e-7 || left > right {
					t.Errorf("box %v %+v: at w%d = 0, derivatives %v right and %v left, differences %v and %v", box, c, j, right, left, fwd, bwd)
				}
			}
			const h = 1e-5
			if fd := (at(d, h) - at(d, -h)) / (2 * h); math.Abs(fd-gb) > 1e-8 {
				t.Errorf("box %v %+v: ∂F/∂b = %v, central differences %v", box, c, gb, fd)
			}
		}
	}
}

// TestFitLinearBoxOptimal checks the fits on miniature pictures: each
// converges to a pseudo-gradient of 1e-7, and no step of h = 1e-3 along a
// coordinate, either way (off zero too, across the kinks), lowers the
// objective by more than h·1e-7 plus its rounding, 1e-15 relative: F is
// convex, so F(θ ± h·eⱼ) ≥ F(θ) + h·F'(θ; ±eⱼ), and each directional
// derivative along ±eⱼ is at least −|pgⱼ| (at a zero weight both are ≥ 0
// where pgⱼ = 0). A tolerance of 1e-8 is about the least float64 resolves
// on 400 points: the step that would lower F by g²/∂²F is then below the
// rounding of F's sum.
func TestFitLinearBoxOptimal(t *testing.T) {
	t.Parallel()
	const d = 23
	s := pixelSamples(400, d, 5)
	for _, c := range []Config{DefaultConfig(FGSM, 0.05), DefaultConfig(PGD, 0.05), DefaultConfig(FGSM, 0.3), DefaultConfig(PGD, 0.3), DefaultConfig(None, 0)} {
		for _, box := range []linear.Box{linear.PixelBox, noBox} {
			opt := BoxOptions{Box: box, L2: 1e-3, GradTolerance: 1e-7}
			res, err := FitLinearBox(s, c, opt)
			if err != nil || !res.Converged {
				t.Fatalf("box %v %+v: %+v, %v", box, c, res, err)
			}
			p, _ := newBoxProblem(s, c, opt)
			theta := append(append([]float64(nil), res.Model.W...), res.Model.B)
			f0 := p.eval(theta)
			if f0 != res.Objective {
				t.Errorf("box %v %+v: objective %v, reported %v", box, c, f0, res.Objective)
			}
			zeros := 0
			for j := range theta {
				if j < d && theta[j] == 0 {
					zeros++
				}
				for _, h := range []float64{1e-3, -1e-3} {
					x := append([]float64(nil), theta...)
					x[j] += h
					if f := p.eval(x); f < f0-1e-3*opt.GradTolerance-1e-15*f0 {
						t.Errorf("box %v %+v: the objective falls from %v to %v along θ%d by %v", box, c, f0, f, j, h)
					}
				}
			}
			t.Logf("box %v %+v: %d iterations, %d passes, %d zero weights, ‖w‖₁ = %.3f", box, c, res.Iterations, res.Evaluations, zeros, res.Model.Norm1())
		}
	}
}

// TestFitLinearBoxMatches2D checks the d-dimensional fit without a box
// against FitLinear, Newton's method on the same objective in the plane,
// on the article's clouds (not separable, so FitLinear adds no ridge and
// neither does this fit, L2 < 0), and on clouds whose x₂ is noise alone,
// where w₂ must be exactly 0: the objectives agree to their rounding,
// 2n·2⁻⁵³ relative for n points, and so do the zero weights.
func TestFitLinearBoxMatches2D(t *testing.T) {
	t.Parallel()
	article := data.GaussianClouds(2000, data.CloudSigma, 1)
	noise := data.GaussianClouds(1000, data.CloudSigma, 2)
	for i := range noise {
		noise[i].Y -= data.CloudMean(noise[i].Label)[1]
	}
	for _, tc := range []struct {
		name   string
		points []data.Point
		c      Config
		zero   [2]bool
	}{
		{"article clouds", article, DefaultConfig(FGSM, 0.3), [2]bool{false, false}},
		{"article clouds", article, DefaultConfig(PGD, 0.3), [2]bool{false, false}},
		{"article clouds", article, DefaultConfig(FGSM, 2), [2]bool{true, true}},
		{"x₂ noise", noise, DefaultConfig(FGSM, 0.3), [2]bool{false, true}},
		{"x₂ noise", noise, DefaultConfig(PGD, 0.2), [2]bool{false, true}},
	} {
		s, _ := data.SamplesFromPoints(tc.points)
		opt := BoxOptions{Box: noBox, L2: -1, GradTolerance: 1e-10}
		res, err := FitLinearBox(s, tc.c, opt)
		if err != nil {
			t.Fatal(err)
		}
		want, err := FitLinear(tc.points, tc.c)
		if err != nil {
			t.Fatal(err)
		}
		fWant, _ := LinearBoxObjective(linear.Model{W: want.W[:], B: want.B}, s, tc.c, opt)
		slack := 2 * float64(s.Len()) * 0x1p-53 * fWant
		if math.Abs(res.Objective-fWant) > slack {
			t.Errorf("%s %+v: objective %v at %v, FitLinear's %v at %v", tc.name, tc.c, res.Objective, res.Model, fWant, want)
		}
		for j, zero := range tc.zero {
			if zero != (res.Model.W[j] == 0) || zero != (want.W[j] == 0) {
				t.Errorf("%s %+v: w = %v, FitLinear %v; want w%d zero: %v", tc.name, tc.c, res.Model.W, want.W, j+1, zero)
			}
		}
	}
}

// TestFitLinearBoxPlain checks that without adversarial points the fit
// minimizes linear.Fit's objective, the mean log-loss plus λ/2·‖w‖²: both
// fitted to a gradient of 1e-8 per component, each objective is within
// ‖g‖²/(2μ) ≤ 24·(1e-8)²/(2μ) of the minimum, μ being the least
// eigenvalue of the Hessian (1/n)·Σ σ'(zᵢ)·(xᵢ, 1)(xᵢ, 1)ᵀ + λ·diag(1, …,
// 1, 0), computed here at linear.Fit's optimum; the two may differ by
// twice that, plus their rounding (1e-14 relative, sums of 400 terms).
func TestFitLinearBoxPlain(t *testing.T) {
	t.Parallel()
	const d, l2, tol = 23, 1e-3, 1e-8
	s := pixelSamples(400, d, 6)
	want, err := linear.Fit(s, linear.FitOptions{L2: l2, GradTolerance: tol})
	if err != nil || !want.Converged {
		t.Fatalf("linear.Fit: %+v, %v", want, err)
	}
	h := mat.NewSymDense(d+1, nil)
	for i := range s.Len() {
		z := want.Model.Logit(s.Row(i))
		w := logistic.Sigmoid(z) * logistic.Sigmoid(-z) / float64(s.Len())
		x := append(append([]float64(nil), s.Row(i)...), 1)
		h.SymRankOne(h, w, mat.NewVecDense(d+1, x))
	}
	for j := range d {
		h.SetSym(j, j, h.At(j, j)+l2)
	}
	var eig mat.EigenSym
	if !eig.Factorize(h, false) {
		t.Fatal("EigenSym failed")
	}
	mu := eig.Values(nil)[0]
	fWant := bruteObjective(want.Model, s, 1, 0, l2, linear.PixelBox)
	slack := 2*float64(d+1)*tol*tol/(2*mu) + 1e-14*fWant
	for _, c := range []Config{DefaultConfig(None, 0.3), DefaultConfig(FGSM, 0), {Method: PGD, Epsilon: 0.3, Alpha: 1}} {
		res, err := FitLinearBox(s, c, BoxOptions{L2: l2, GradTolerance: tol})
		if err != nil || !res.Converged {
			t.Fatalf("%+v: %+v, %v", c, res, err)
		}
		if math.Abs(res.Objective-fWant) > slack {
			t.Errorf("%+v: objective %v, linear.Fit's %v (tolerance %.2g from μ = %.3g)", c, res.Objective, fWant, slack, mu)
		}
	}
}

// TestFitLinearBoxBitIdentical pins the fitted parameters: the hashes
// were computed natively on linux/amd64, and the test passing under
// js/wasm shows the page fits the same model as the command line.
func TestFitLinearBoxBitIdentical(t *testing.T) {
	t.Parallel()
	s := pixelSamples(500, 37, 7)
	for _, tc := range []struct {
		c    Config
		want uint64
	}{
		{DefaultConfig(FGSM, 0.1), 0xc385acd7a5a91cc3},
		{DefaultConfig(PGD, 0.2), 0x2eb208a5a1c1e893},
	} {
		res, err := FitLinearBox(s, tc.c, BoxOptions{L2: 1e-3})
		if err != nil {
			t.Fatal(err)
		}
		h := fnv.New64a()
		for _, v := range append(res.Model.W, res.Model.B) {
			h.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)))
		}
		if got := h.Sum64(); got != tc.want {
			t.Errorf("%+v: parameters hash to %#x, want %#x", tc.c, got, tc.want)
		}
	}
}

func TestFitLinearBoxErrors(t *testing.T) {
	t.Parallel()
	s := pixelSamples(10, 3, 8)
	c := DefaultConfig(FGSM, 0.1)
	for _, tc := range []struct {
		name string
		s    data.Samples
		c    Config
		opt  BoxOptions
		want string
	}{
		{"no points", data.Samples{Dim: 3}, c, BoxOptions{}, "no points"},
		{"invalid points", data.Samples{Dim: 1, X: []float64{math.NaN()}, Labels: []uint8{0}}, c, BoxOptions{}, "not a finite number"},
		{"config", s, Config{Method: FGSM, Epsilon: -1}, BoxOptions{}, "epsilon"},
		{"flat box", s, c, BoxOptions{Box: linear.Box{Lo: 1, Hi: 1}}, "box [1, 1]"},
		{"NaN box", s, c, BoxOptions{Box: linear.Box{Lo: math.NaN(), Hi: 1}}, "box [NaN, 1]"},
		{"L2", s, c, BoxOptions{L2: math.Inf(1)}, "L2 penalty is +Inf"},
		{"tolerance", s, c, BoxOptions{GradTolerance: -1}, "tolerance is -1"},
		{"iterations", s, c, BoxOptions{MaxIterations: -2}, "MaxIterations is -2"},
	} {
		if _, err := FitLinearBox(tc.s, tc.c, tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
	if _, err := LinearBoxObjective(linear.Model{W: make([]float64, 2)}, s, c, BoxOptions{}); err == nil || !strings.Contains(err.Error(), "dimension 2") {
		t.Errorf("model of the wrong dimension: %v", err)
	}
	// An iteration limit is not an error: the best point so far comes back.
	res, err := FitLinearBox(s, c, BoxOptions{MaxIterations: 1})
	if err != nil || res.Converged || res.Iterations != 1 {
		t.Errorf("MaxIterations 1: %+v, %v; want one iteration, not converged", res, err)
	}
}

// robustFigures returns the figures of one model on the test digits.
type robustFigures struct {
	clean, fgsm, worst, fgsm2, worst2, l1, l2 float64
	nonzero                                   int
}

func measureRobust(m linear.Model, test data.Samples, eps float64) robustFigures {
	r := robustFigures{
		clean: linear.ErrorRate(m, test, 0, attack.LInf),
		fgsm:  linear.ErrorRate(m, test, eps, attack.LInf), worst: linear.BoxErrorRate(m, test, eps, linear.PixelBox),
		fgsm2: linear.ErrorRate(m, test, 0.2, attack.LInf), worst2: linear.BoxErrorRate(m, test, 0.2, linear.PixelBox),
		l1: m.Norm1(), l2: m.Norm2(),
	}
	for _, v := range m.W {
		if v != 0 {
			r.nonzero++
		}
	}
	return r
}

// TestBoxDigits trains logistic regression adversarially on 3 against 7
// (2×2,000 training digits, λ = linear.DigitsL2, the pixel box) at ε of
// 0.05, 0.1 and 0.2, with Goodfellow et al.'s mix (α = 1/2) and on the
// worst case alone (α = 0, PGD training), and measures on the 2,038 test
// digits the clean error, FGSM without the box and the worst case within
// it, at the training ε and at 0.2, and the weights' norms. It asserts
// what the figures show: at ε = 0.05 each recipe cuts both attacks' error
// at that ε to less than half the plain fit's; and that a fit to a
// hundredth of DefaultBoxGradTolerance changes no error by more than two
// test digits (FGSM at 0.2 for ε = 0.1, α = 1/2: 48.92 against 48.82 %); and that trained on the worst case alone at ε = 0.4 it
// collapses to w = 0. What else the figures show is in FitLinearBox's doc.
func TestBoxDigits(t *testing.T) {
	if testing.Short() {
		t.Skip("nine fits of the digits")
	}
	train, test := mnisttest.Pair(t, mnist.DefaultPair)
	plainFit, err := linear.Fit(train, linear.DigitsFitOptions())
	if err != nil {
		t.Fatal(err)
	}
	plain := map[float64]robustFigures{}
	for _, eps := range []float64{0.05, 0.1, 0.2} {
		plain[eps] = measureRobust(plainFit.Model, test, eps)
		f := plain[eps]
		t.Logf("figure: robust linear, 3 vs 7, plain fit: at ε = %.2f FGSM %.2f %%, worst case %.2f %%; clean %.2f %%, at 0.2 FGSM %.2f %% and worst %.2f %%, ‖w‖₁ = %.1f, ‖w‖₂ = %.2f, %d nonzero weights",
			eps, 100*f.fgsm, 100*f.worst, 100*f.clean, 100*f.fgsm2, 100*f.worst2, f.l1, f.l2, f.nonzero)
	}
	// The collapse: at ε = 0.4 no weight survives training on the worst
	// case alone, and b = 0 on the balanced training set.
	collapsed, err := FitLinearBox(train, DefaultConfig(PGD, 0.4), BoxOptions{L2: linear.DigitsL2})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("figure: robust linear, 3 vs 7, train ε = 0.40, α = 0: ‖w‖₁ = %v, b = %v, clean error %.2f %%",
		collapsed.Model.Norm1(), collapsed.Model.B, 100*linear.ErrorRate(collapsed.Model, test, 0, attack.LInf))
	if collapsed.Model.Norm1() != 0 {
		t.Errorf("trained on the worst case at ε = 0.4: ‖w‖₁ = %v, want the collapse to w = 0", collapsed.Model.Norm1())
	}
	for _, eps := range []float64{0.05, 0.1, 0.2} {
		for _, c := range []Config{DefaultConfig(FGSM, eps), DefaultConfig(PGD, eps)} {
			res, err := FitLinearBox(train, c, BoxOptions{L2: linear.DigitsL2})
			if err != nil || !res.Converged {
				t.Fatalf("%+v: %+v, %v", c, res, err)
			}
			f := measureRobust(res.Model, test, eps)
			t.Logf("figure: robust linear, 3 vs 7, train ε = %.2f, α = %.1f: clean %.2f %%, at ε FGSM %.2f %% and worst case %.2f %%, at 0.2 FGSM %.2f %% and worst %.2f %%, ‖w‖₁ = %.2f, ‖w‖₂ = %.3f, %d nonzero weights, b = %.2f (%d iterations, %d passes)",
				eps, c.Alpha, 100*f.clean, 100*f.fgsm, 100*f.worst, 100*f.fgsm2, 100*f.worst2, f.l1, f.l2, f.nonzero, res.Model.B, res.Iterations, res.Evaluations)
			if eps == 0.1 && c.Method == FGSM {
				// The default tolerance against one a hundred times tighter.
				tight, err := FitLinearBox(train, c, BoxOptions{L2: linear.DigitsL2, GradTolerance: DefaultBoxGradTolerance / 100})
				if err != nil {
					t.Fatal(err)
				}
				ft := measureRobust(tight.Model, test, eps)
				t.Logf("figure: robust linear, the same at a tolerance of %g: %d passes instead of %d", DefaultBoxGradTolerance/100, tight.Evaluations, res.Evaluations)
				two := 2.5 / float64(test.Len())
				if math.Abs(ft.clean-f.clean) > two || math.Abs(ft.fgsm-f.fgsm) > two || math.Abs(ft.worst-f.worst) > two || math.Abs(ft.fgsm2-f.fgsm2) > two || math.Abs(ft.worst2-f.worst2) > two {
					t.Errorf("%+v: errors %+v at the default tolerance, %+v at a hundredth of it", c, f, ft)
				}
			}
			if eps == 0.05 && (f.fgsm > plain[eps].fgsm/2 || f.worst > plain[eps].worst/2) {
				t.Errorf("%+v: at ε = 0.05 FGSM %.2f %% and worst case %.2f %%, not under half the plain fit's %.2f %% and %.2f %%",
					c, 100*f.fgsm, 100*f.worst, 100*plain[eps].fgsm, 100*plain[eps].worst)
			}
		}
	}
}

// benchBoxDigits times FitLinearBox on 3 against 7 as the preset fits it.
func benchBoxDigits(b *testing.B, c Config) {
	train, _ := mnisttest.Pair(b, mnist.DefaultPair)
	var res BoxFit
	for b.Loop() {
		var err error
		if res, err = FitLinearBox(train, c, BoxOptions{L2: linear.DigitsL2}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Evaluations), "passes")
}

func BenchmarkFitLinearBoxDigitsFGSM005(b *testing.B) { benchBoxDigits(b, DefaultConfig(FGSM, 0.05)) }
func BenchmarkFitLinearBoxDigitsFGSM01(b *testing.B)  { benchBoxDigits(b, DefaultConfig(FGSM, 0.1)) }
func BenchmarkFitLinearBoxDigitsFGSM02(b *testing.B)  { benchBoxDigits(b, DefaultConfig(FGSM, 0.2)) }
func BenchmarkFitLinearBoxDigitsPGD005(b *testing.B)  { benchBoxDigits(b, DefaultConfig(PGD, 0.05)) }
func BenchmarkFitLinearBoxDigitsPGD01(b *testing.B)   { benchBoxDigits(b, DefaultConfig(PGD, 0.1)) }
func BenchmarkFitLinearBoxDigitsPGD02(b *testing.B)   { benchBoxDigits(b, DefaultConfig(PGD, 0.2)) }
