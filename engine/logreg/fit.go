package logreg

import (
	"errors"
	"fmt"
	"math"

	"advplay/engine/data"
	"advplay/engine/model"
	"advplay/engine/portable"
	"advplay/engine/spd"
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
// Newton's method to a gradient norm of at most GradTolerance·N: damped
// steps (spd.Damped) within a trust radius, so that a singular Hessian, as
// for points on one line, still gives a step, and a backtracking line
// search.
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
// stops Newton at once, and the discriminant of very tight clusters
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
	a, b, d := s00/dof, s01/dof, s11/dof
	// The condition number λ₊/λ₋ of the covariance, from its eigenvalues
	// (a+d)/2 ± √(((a−d)/2)² + b²).
	r := portable.Hypot((a-d)/2, b)
	if lo := (a+d)/2 - r; !(lo > 0) || ((a+d)/2+r)/lo > 1e12 {
		return model.Linear{}, false
	}
	// w = Σ⁻¹(μ₁−μ₀): the solve of Σ·w = −g for g = μ₀−μ₁.
	w, ok := spd.Solve([spd.N][spd.N]float64{{a, b}, {b, d}},
		[spd.N]float64{mean[0][0] - mean[1][0], mean[0][1] - mean[1][1]}, [spd.N]bool{true, true, false}, 0)
	if !ok {
		return model.Linear{}, false
	}
	m := model.Linear{W: [2]float64{w[0], w[1]}}
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
// which the line search and the next Newton step share.
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

// Limits of newton's line search: a step that must shrink more than
// maxLineSearchSteps halvings is given up, and a step is taken when the
// objective falls by at least armijo times the decrease its slope predicts.
const (
	maxLineSearchSteps = 40
	armijo             = 1e-4
)

// newton minimizes the objective from init by damped Newton steps. Each
// step is measured with every parameter multiplied by the root mean square
// of its column of (x₁, x₂, 1), so that a coordinate in thousands and one
// in thousandths are treated alike, and kept to a length of 1 + ‖θ‖ in
// those units: enough to cross the origin or to double θ. It returns
// errSeparable when l2 = 0 and some evaluated θ separated the points, and
// errNoConvergence when the gradient does not reach the tolerance.
func newton(cols data.Columns, l2 float64, penalizeB bool, init []float64) (FitResult, error) {
	obj := &objective{cols: cols, l2: l2, penalizeB: penalizeB}
	checkSeparable := l2 == 0
	n := float64(len(cols.X1))
	tol := GradTolerance * n
	scale := columnScales(cols)
	theta := [3]float64{init[0], init[1], init[2]}
	obj.eval(theta[:])
	steps := 0
	for {
		if checkSeparable && obj.separated {
			return FitResult{}, errSeparable
		}
		if norm(obj.grad) <= tol {
			break
		}
		if steps == maxNewtonIterations {
			return FitResult{}, errNoConvergence
		}
		next, ok := lineSearch(obj, theta, newtonStep(obj, theta, scale))
		if !ok {
			if checkSeparable && obj.separated {
				return FitResult{}, errSeparable
			}
			return FitResult{}, errNoConvergence
		}
		theta = next
		steps++
	}
	return FitResult{
		Model: model.Linear{W: [2]float64{theta[0], theta[1]}, B: theta[2]},
		// Not f − penalty, which loses the digits of a loss far below
		// the penalty.
		Loss:       obj.loss / n,
		GradNorm:   norm(obj.grad),
		Iterations: steps,
		L2:         l2,
	}, nil
}

// columnScales returns the root mean square of each column of (x₁, x₂, 1),
// or 1 for a column of zeros.
func columnScales(c data.Columns) [3]float64 {
	var s0, s1 float64
	for i, u := range c.X1 {
		s0 += u * u
		s1 += c.X2[i] * c.X2[i]
	}
	sc := [3]float64{math.Sqrt(s0 / float64(len(c.X1))), math.Sqrt(s1 / float64(len(c.X1))), 1}
	for j, v := range sc {
		if !(v > 0) || math.IsInf(v, 0) {
			sc[j] = 1
		}
	}
	return sc
}

// newtonStep returns the damped Newton step at θ, where obj was last
// evaluated, in the scaled units newton describes.
func newtonStep(obj *objective, theta, sc [3]float64) [3]float64 {
	h := obj.hess
	sym := [3][3]float64{{h[0], h[1], h[2]}, {h[1], h[3], h[4]}, {h[2], h[4], h[5]}}
	var hs [3][3]float64
	var gs, ts [3]float64
	for i := range 3 {
		for j := range 3 {
			hs[i][j] = sym[i][j] / (sc[i] * sc[j])
		}
		gs[i], ts[i] = obj.grad[i]/sc[i], theta[i]*sc[i]
	}
	d := spd.Damped(hs, gs, [3]bool{true, true, true}, 1+norm(ts))
	for i := range 3 {
		d[i] /= sc[i]
	}
	return d
}

// lineSearch returns θ + t·d for the first t of 1, 1/2, 1/4, … at which
// the objective falls by at least armijo times the decrease its slope
// predicts, or by less than its rounding while the gradient shrinks (near
// the optimum the decrease of a step is below the rounding of the loss,
// though the gradient is still accurate). It leaves obj evaluated there,
// and reports false, with obj evaluated at θ, if there is no such t.
func lineSearch(obj *objective, theta, d [3]float64) ([3]float64, bool) {
	f, gnorm := obj.f, norm(obj.grad)
	slope := obj.grad[0]*d[0] + obj.grad[1]*d[1] + obj.grad[2]*d[2]
	// Two evaluations of the objective differ by at most twice its
	// rounding, which the sum over the points bounds by N·2⁻⁵³·(f + 1).
	slack := 2 * float64(len(obj.cols.X1)) * 0x1p-53 * (math.Abs(f) + 1)
	t := 1.0
	for range maxLineSearchSteps {
		next := [3]float64{theta[0] + t*d[0], theta[1] + t*d[1], theta[2] + t*d[2]}
		obj.eval(next[:])
		if obj.f < f && obj.f <= f+armijo*t*slope || obj.f <= f+slack && norm(obj.grad) < gnorm {
			return next, true
		}
		t /= 2
	}
	obj.eval(theta[:])
	return theta, false
}

func norm(v [3]float64) float64 { return math.Sqrt(v[0]*v[0] + v[1]*v[1] + v[2]*v[2]) }

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
