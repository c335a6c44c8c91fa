package logreg

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"advplay/engine/data"
	"advplay/engine/model"
	"advplay/engine/portable"
)

// SeparableL2 is the ridge penalty Fit applies when the data are linearly
// separable (or hold one class only). There the maximum-likelihood weights
// do not exist: the loss keeps falling as ‖w‖ grows. With the penalty the
// fit has a unique finite answer, which for small λ points along the
// maximum-margin direction.
const SeparableL2 = 1e-2

// FitOptions configure Fit.
type FitOptions struct {
	// L2 is the ridge penalty λ ≥ 0 on the weights; the objective is
	// Σᵢ J(xᵢ, yᵢ) + λ/2·‖w‖². The bias is not penalized.
	L2 float64
	// Init, if not nil, is the starting point, for example the previous
	// fit after a point moved. The zero model is used otherwise.
	Init *model.Linear
}

// FitResult is the outcome of Fit.
type FitResult struct {
	Model model.Linear
	// Loss is the mean log-loss on the points, without the penalty.
	Loss float64
	// GradNorm is the Euclidean norm of the objective's gradient at Model.
	GradNorm float64
	// Iterations is the number of Newton steps taken.
	Iterations int
	// Separable reports that the points were linearly separable, so the
	// result is the fit with penalty SeparableL2 on w and b instead.
	Separable bool
	// L2 is the penalty actually applied.
	L2 float64
}

// GradTolerance is the gradient norm per point at which Fit stops:
// ‖∇‖ ≤ GradTolerance·N.
const GradTolerance = 1e-9

const maxNewtonIterations = 100

// Fit returns the maximum-likelihood logistic regression on points, found by
// Newton's method (gonum/optimize) to a gradient norm of at most
// GradTolerance·N.
//
// If the unpenalized fit classifies every point correctly, the points are
// linearly separable and no finite maximum exists; Fit then refits with
// penalty SeparableL2 on both w and b and reports Separable. It never loops
// without end and never returns NaN weights.
//
// Fit returns an error if points is empty or invalid, or if L2 is negative
// or not finite.
func Fit(points []data.Point, opt FitOptions) (FitResult, error) {
	if len(points) == 0 {
		return FitResult{}, errors.New("logreg: no points to fit")
	}
	if err := data.Validate(points); err != nil {
		return FitResult{}, err
	}
	if !(opt.L2 >= 0) || math.IsInf(opt.L2, 0) {
		return FitResult{}, fmt.Errorf("logreg: L2 penalty is %v, must be a finite number ≥ 0", opt.L2)
	}
	cols := data.ToColumns(points)
	init := startingPoint(cols, opt.L2, opt.Init)
	res, err := newton(cols, opt.L2, false, init)
	if err == nil {
		return res, nil
	}
	if !errors.Is(err, errSeparable) && !errors.Is(err, errNoConvergence) {
		return FitResult{}, err
	}
	// No finite optimum: refit with a small ridge on w and b.
	res, err = newton(cols, opt.L2+SeparableL2, true, init)
	if err != nil {
		return FitResult{}, err
	}
	res.Separable = true
	return res, nil
}

var (
	errSeparable     = errors.New("logreg: points are linearly separable")
	errNoConvergence = errors.New("logreg: Newton did not converge")
)

// startingPoint returns where Newton starts: the caller's previous fit,
// otherwise linear discriminant analysis, which is exact for the article's
// clouds and cuts the Newton steps from about 13 to about 5, otherwise zero.
// A candidate is used only if the objective there is no worse than at zero,
// N·log 2: a start so far out that the loss overflows (or is Inf−Inf)
// stops gonum's Newton at once, and the discriminant of very tight clusters
// has weights of 1e12 from which Newton does not recover.
func startingPoint(c data.Columns, l2 float64, prev *model.Linear) []float64 {
	zeroObjective := float64(len(c.X1)) * math.Ln2
	usable := func(m model.Linear) ([]float64, bool) {
		theta := m.Params(make([]float64, 3))
		o := objective{cols: c, l2: l2}
		o.eval(theta)
		return theta, o.f <= zeroObjective // false for NaN
	}
	if prev != nil && finite(prev) {
		if theta, ok := usable(*prev); ok {
			return theta
		}
	}
	if m, ok := discriminant(c); ok {
		if theta, ok := usable(m); ok {
			return theta
		}
	}
	return []float64{0, 0, 0}
}

// discriminant returns Fisher's linear discriminant with pooled covariance:
// w = Σ⁻¹(μ₁−μ₀), b = −w·(μ₀+μ₁)/2 + log(n₁/n₀). It reports false when a
// class is missing or the pooled covariance is singular.
func discriminant(c data.Columns) (model.Linear, bool) {
	var n [2]float64
	var mean [2][2]float64
	for i := range c.X1 {
		k := int(c.Y[i])
		n[k]++
		mean[k][0] += c.X1[i]
		mean[k][1] += c.X2[i]
	}
	if n[0] == 0 || n[1] == 0 || n[0]+n[1] < 4 {
		return model.Linear{}, false
	}
	for k := range 2 {
		mean[k][0] /= n[k]
		mean[k][1] /= n[k]
	}
	var s00, s01, s11 float64
	for i := range c.X1 {
		m := mean[int(c.Y[i])]
		d0, d1 := c.X1[i]-m[0], c.X2[i]-m[1]
		s00 += d0 * d0
		s01 += d0 * d1
		s11 += d1 * d1
	}
	dof := n[0] + n[1] - 2
	cov := mat.NewSymDense(2, []float64{s00 / dof, s01 / dof, s01 / dof, s11 / dof})
	var chol mat.Cholesky
	if !chol.Factorize(cov) || chol.Cond() > 1e12 {
		return model.Linear{}, false
	}
	var w mat.VecDense
	diff := mat.NewVecDense(2, []float64{mean[1][0] - mean[0][0], mean[1][1] - mean[0][1]})
	if err := chol.SolveVecTo(&w, diff); err != nil {
		return model.Linear{}, false
	}
	m := model.Linear{W: [2]float64{w.AtVec(0), w.AtVec(1)}}
	mid := [2]float64{(mean[0][0] + mean[1][0]) / 2, (mean[0][1] + mean[1][1]) / 2}
	m.B = -(m.W[0]*mid[0] + m.W[1]*mid[1]) + portable.Log(n[1]/n[0])
	return m, finite(&m)
}

func finite(m *model.Linear) bool {
	for _, v := range []float64{m.W[0], m.W[1], m.B} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// objective evaluates the penalized negative log-likelihood, its gradient
// and its Hessian in one pass over the data, and remembers the last point,
// since gonum asks for the three separately at the same θ.
type objective struct {
	cols        data.Columns
	l2          float64
	penalizeB   bool
	at          [3]float64
	valid       bool
	f           float64
	loss        float64 // f without the penalty
	grad        [3]float64
	hess        [6]float64 // upper triangle: 00 01 02 11 12 22
	evaluations int
	// separated is set once some evaluated θ classified every point
	// correctly: that proves the data linearly separable.
	separated bool
}

func (o *objective) eval(theta []float64) {
	at := [3]float64{theta[0], theta[1], theta[2]}
	if o.valid && at == o.at {
		return
	}
	o.at, o.valid = at, true
	o.evaluations++
	var f, g0, g1, g2, h00, h01, h02, h11, h12, h22 float64
	allCorrect := true
	c := o.cols
	x2, y := c.X2[:len(c.X1)], c.Y[:len(c.X1)]
	for i, u := range c.X1 {
		v := x2[i]
		z := at[0]*u + at[1]*v + at[2]
		loss, r, d := pointTerms(z, y[i])
		allCorrect = allCorrect && (z > 0) == (y[i] == 1) && z != 0
		f += loss
		g0 += r * u
		g1 += r * v
		g2 += r
		h00 += d * u * u
		h01 += d * u * v
		h02 += d * u
		h11 += d * v * v
		h12 += d * v
		h22 += d
	}
	o.separated = o.separated || allCorrect
	o.loss = f
	l := o.l2
	f += l / 2 * (at[0]*at[0] + at[1]*at[1])
	g0 += l * at[0]
	g1 += l * at[1]
	h00 += l
	h11 += l
	if o.penalizeB {
		f += l / 2 * at[2] * at[2]
		g2 += l * at[2]
		h22 += l
	}
	o.f = f
	o.grad = [3]float64{g0, g1, g2}
	o.hess = [6]float64{h00, h01, h02, h11, h12, h22}
}

func newton(cols data.Columns, l2 float64, penalizeB bool, init []float64) (FitResult, error) {
	obj := &objective{cols: cols, l2: l2, penalizeB: penalizeB}
	checkSeparable := l2 == 0
	problem := optimize.Problem{
		Status: func() (optimize.Status, error) {
			if checkSeparable && obj.separated {
				return optimize.Failure, errSeparable
			}
			return optimize.NotTerminated, nil
		},
		Func: func(x []float64) float64 { obj.eval(x); return obj.f },
		Grad: func(grad, x []float64) { obj.eval(x); copy(grad, obj.grad[:]) },
		Hess: func(h *mat.SymDense, x []float64) {
			obj.eval(x)
			k := 0
			for i := range 3 {
				for j := i; j < 3; j++ {
					h.SetSym(i, j, obj.hess[k])
					k++
				}
			}
		},
	}
	n := float64(len(cols.X1))
	settings := &optimize.Settings{
		// gonum compares the max-norm of the gradient with the threshold;
		// ‖g‖₂ ≤ √3·‖g‖∞ for three parameters, so this bounds the
		// Euclidean norm that FitResult.GradNorm reports by GradTolerance·N.
		GradientThreshold: GradTolerance * n / math.Sqrt(3),
		MajorIterations:   maxNewtonIterations,
		Converger:         optimize.NeverTerminate{},
	}
	method := &optimize.Newton{GradStopThreshold: math.NaN()}
	result, err := optimize.Minimize(problem, init, settings, method)
	polished := 0
	switch {
	case checkSeparable && obj.separated:
		return FitResult{}, errSeparable
	case result != nil && result.Status == optimize.IterationLimit:
		return FitResult{}, errNoConvergence
	case err != nil && result != nil:
		// gonum's line search gives up when the decrease of a step is
		// below the rounding of the loss, which a strong penalty can
		// cause before the gradient is small enough. Plain Newton steps
		// need only the gradient, which stays accurate: finish with them.
		var ok bool
		if polished, ok = polish(obj, result.X, GradTolerance*n); !ok {
			if checkSeparable && obj.separated {
				return FitResult{}, errSeparable
			}
			return FitResult{}, fmt.Errorf("logreg: Newton fit failed: %w", err)
		}
	case err != nil || result == nil:
		return FitResult{}, fmt.Errorf("logreg: Newton fit failed: %w", err)
	}
	m := model.Linear{W: [2]float64{result.X[0], result.X[1]}, B: result.X[2]}
	obj.eval(result.X)
	return FitResult{
		Model: m,
		// Not f − penalty, which loses the digits of a loss far below
		// the penalty.
		Loss:       obj.loss / n,
		GradNorm:   math.Sqrt(obj.grad[0]*obj.grad[0] + obj.grad[1]*obj.grad[1] + obj.grad[2]*obj.grad[2]),
		Iterations: result.Stats.MajorIterations + polished,
		L2:         l2,
	}, nil
}

// maxPolishSteps bounds the undamped Newton steps of polish.
const maxPolishSteps = 5

// polish takes undamped Newton steps on theta, in place, until the
// Euclidean norm of the gradient is at most tol. It returns the number of
// steps and whether it got there.
func polish(obj *objective, theta []float64, tol float64) (steps int, ok bool) {
	for ; ; steps++ {
		obj.eval(theta)
		g := obj.grad
		if math.Sqrt(g[0]*g[0]+g[1]*g[1]+g[2]*g[2]) <= tol {
			return steps, true
		}
		if steps == maxPolishSteps {
			return steps, false
		}
		h := obj.hess
		var chol mat.Cholesky
		if !chol.Factorize(mat.NewSymDense(3, []float64{h[0], h[1], h[2], h[1], h[3], h[4], h[2], h[4], h[5]})) {
			return steps, false
		}
		var d mat.VecDense
		if err := chol.SolveVecTo(&d, mat.NewVecDense(3, g[:])); err != nil {
			return steps, false
		}
		for i := range theta {
			theta[i] -= d.AtVec(i)
		}
	}
}

// pointTerms returns a point's log-loss, residual σ(z)−y and curvature
// σ(z)(1−σ(z)) from one exponential, e = e^{−|z|} ≤ 1, which keeps all three
// accurate for any z. y must be 0 or 1.
func pointTerms(z, y float64) (loss, residual, curvature float64) {
	e := portable.Exp(-math.Abs(z))
	inv := 1 / (1 + e)
	big, small := inv, e*inv // σ(|z|) and σ(−|z|)
	curvature = big * small
	softplusNeg := math.Log1p(e) // log(1+e^{−|z|})
	p, q := big, small           // σ(z), 1−σ(z)
	if z < 0 {
		p, q = small, big
	}
	if y == 1 {
		residual = -q
		loss = softplusNeg + max(-z, 0)
	} else {
		residual = p
		loss = softplusNeg + max(z, 0)
	}
	return loss, residual, curvature
}
