package advtrain

import (
	"errors"
	"math"

	"advplay/engine/data"
	"advplay/engine/logreg"
	"advplay/engine/model"
	"advplay/engine/portable"
	"advplay/engine/spd"
)

// FitLinear returns logistic regression trained adversarially as c says,
// to convergence: it minimizes LinearFGSMObjective, the closed form of the
// training loss for a linear model. The closed form covers PGD training
// too, since PGD on a linear model ends at FGSM's corner of the L∞ ball
// (package attack); the two recipes differ only in α (DefaultConfig). When
// the plain fit (logreg.Fit) found the points separable and added its
// ridge penalty, the same penalty λ/2·‖θ‖² on θ = (w, b) is added to the
// summed losses here, since the adversarial loss may have no finite
// minimum either.
//
// The minimization is Newton's method from the converged plain fit, with
// a backtracking line search. The objective is convex in θ, and smooth
// inside each orthant of w, where ‖w‖₁ = e·w for the signs e ∈ {±1}² is
// linear: there each point's loss is a softplus of an affine function of
// θ, and one pass over the points gives the objective, its gradient and
// its exact 3×3 Hessian (linearSums). Where a weight is zero ‖w‖₁ has a
// kink, handled as OWL-QN handles it (G. Andrew, J. Gao, "Scalable
// Training of L1-Regularized Log-Linear Models", ICML 2007): the step
// follows the pseudo-gradient, the subgradient of least norm; a zero
// weight whose smooth derivative is at most ε·D in size, with
// D = (1−α)·Σσ(−s·z + ε‖w‖₁) the weight of the attacked points, stays zero
// (that is the optimality condition there), any other zero weight leaves
// into the orthant where the objective falls, and a step that would carry
// a weight across zero stops at zero; the line search tries that
// breakpoint before shorter steps. A step longer than 1 + ‖θ‖ (each
// parameter in the scale of its coordinate) is damped
// (Levenberg–Marquardt), for where a large ε puts every attacked point in
// the linear part of its loss the Hessian nearly vanishes. The fit stops
// when no component of the pseudo-gradient exceeds LinearGradTolerance per
// point, when no step lowers the objective by more than its rounding, or
// after 100 steps. On the article's clouds, FGSM or PGD training at ε from
// 0.05 to 10 takes at most 12 passes over the points.
//
// It returns an error if points is empty or invalid, c is invalid, or the
// minimization diverges (a weight that is not a finite number).
func FitLinear(points []data.Point, c Config) (model.Linear, error) {
	m, _, err := fitLinear(points, c)
	return m, err
}

// fitLinear is FitLinear, and also returns the problem it minimized, nil
// when it returned the plain fit.
func fitLinear(points []data.Point, c Config) (model.Linear, *linearProblem, error) {
	if err := c.Validate(); err != nil {
		return model.Linear{}, nil, err
	}
	plain, err := logreg.Fit(points, logreg.FitOptions{})
	if err != nil {
		return model.Linear{}, nil, err
	}
	if !c.adversarial() || c.Epsilon == 0 {
		return plain.Model, nil, nil
	}
	p := &linearProblem{cols: newSignedColumns(points), alpha: c.Alpha, eps: c.Epsilon}
	if plain.Separable {
		p.ridge = plain.L2
	}
	theta := p.minimize([3]float64{plain.Model.W[0], plain.Model.W[1], plain.Model.B})
	for _, v := range theta {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return model.Linear{}, p, errors.New("advtrain: fitting the linear model diverged")
		}
	}
	return model.Linear{W: [2]float64{theta[0], theta[1]}, B: theta[2]}, p, nil
}

// LinearGradTolerance is the largest component of the objective's
// (pseudo-)gradient, per point, at which FitLinear stops.
const LinearGradTolerance = 1e-10

// LinearFGSMObjective returns the objective that FGSM training with c
// minimizes for the linear model m on points, in closed form
// (Goodfellow et al. 2015, §5): with the signed label s = 2y−1 and
// z = w·x + b, the FGSM point x + ε·sign(∇ₓJ) moves x by −ε·s·sign(w),
// since ∇ₓJ = (σ(z)−y)·w points along −s·w, and lowers the signed margin
// s·z by exactly ε‖w‖₁, so the objective is the mean of
//
//	α·softplus(−s·z) + (1−α)·softplus(−s·z + ε‖w‖₁).
//
// Seen as a function of (w, b) it is the clean loss plus an L1-like
// penalty on w whose weight grows with ε and with how close each point is
// to the boundary. For c without adversarial points it is the clean mean
// loss, and 0 for no points.
func LinearFGSMObjective(m model.Linear, points []data.Point, c Config) float64 {
	if len(points) == 0 {
		return 0
	}
	if !c.adversarial() {
		c.Alpha, c.Epsilon = 1, 0
	}
	s := newSignedColumns(points).sums([3]float64{m.W[0], m.W[1], m.B}, c.Alpha, c.Epsilon)
	return s.f / float64(len(points))
}

// signedColumns holds the points multiplied by their signed labels:
// x̂ = s·(x₁, x₂, 1) with s = 2y−1, so that the signed margin is θ·x̂.
type signedColumns struct {
	x1, x2, s []float64
	scale     [3]float64 // the root mean square of each column, 1 for 0
}

// newSignedColumns lays the points out as signedColumns, in one
// allocation.
func newSignedColumns(points []data.Point) signedColumns {
	n := len(points)
	buf := make([]float64, 3*n)
	c := signedColumns{x1: buf[:n:n], x2: buf[n : 2*n : 2*n], s: buf[2*n:]}
	var ss1, ss2 float64
	for i, p := range points {
		s := float64(2*p.Label - 1)
		c.x1[i], c.x2[i], c.s[i] = s*p.X, s*p.Y, s
		ss1 += p.X * p.X
		ss2 += p.Y * p.Y
	}
	c.scale = [3]float64{1, 1, 1}
	for j, ss := range []float64{ss1, ss2} {
		if rms := math.Sqrt(ss / float64(n)); rms > 0 && !math.IsInf(rms, 0) {
			c.scale[j] = rms
		}
	}
	return c
}

// linearSums holds what one pass over the points gives at θ. With the
// signed margin mᵢ = θ·x̂ᵢ, the clean argument cᵢ = −mᵢ and the attacked
// one aᵢ = ε‖w‖₁ − mᵢ, the objective is Σ α·softplus(cᵢ) + (1−α)·softplus(aᵢ)
// and
//
//	A = Σ (α·σ(cᵢ) + (1−α)·σ(aᵢ))·x̂ᵢ,     D = (1−α)·Σ σ(aᵢ),
//	S = Σ (α·σ'(cᵢ) + (1−α)·σ'(aᵢ))·x̂ᵢx̂ᵢᵀ, T = (1−α)·Σ σ'(aᵢ)·x̂ᵢ,
//	U = (1−α)·Σ σ'(aᵢ).
//
// In the orthant of the signs e = (e₁, e₂, 0), where ∂aᵢ/∂θ = −x̂ᵢ + ε·e,
// the gradient is −A + ε·D·e and the Hessian is
// S − ε·(T·eᵀ + e·Tᵀ) + ε²·U·e·eᵀ.
type linearSums struct {
	f    float64
	a    [3]float64
	d    float64
	s    [6]float64 // upper triangle: 00 01 02 11 12 22
	t    [3]float64
	u    float64
	norm float64 // the largest component of the pseudo-gradient, once known
}

// productChunk is how many factors in (1, 2] a product takes before its
// logarithm is taken: 2^512 is far from overflow.
const productChunk = 512

// expTable is portable.Exp's table of 2^{j/256}.
var expTable = portable.ExpTable()

// sums returns the linearSums at θ with one exponential per point and
// argument x: with E = e^{−|x|} (as portable.Exp computes it) and
// u = 1+E rounded, σ(|x|) = 1/u, σ(−|x|) = E/u, σ'(x) = E/u² and
// softplus(x) = max(x, 0) + log(u) + (E − (u−1))/u, the last term being
// log1p's correction for the rounding of u. The logarithms are not taken
// point by point: the u of up to productChunk points are multiplied, and
// the logarithm of the product (portable.Log) is added. A product rounds
// by at most 2⁻⁵³ per factor and portable.Log by less than an ulp, so the
// objective f is within n·2⁻⁵³·(1 + f) of the exact sum of the losses, no
// more than summing n positive terms may round anyway. |x| is clamped to
// portable.ExpClamp: e^{−700} ≈ 1e-304 is still normal, and what the
// kernel adds for a larger argument is below 1e-300 either way.
//
// A chunk of points is swept once for their margins, once for each
// argument (the clean one is skipped for α = 0, the attacked one for
// α = 1), and once to add up the sums, in order, so they are the same on
// every platform.
func (c signedColumns) sums(theta [3]float64, alpha, eps float64) linearSums {
	w0, w1, b := theta[0], theta[1], theta[2]
	el := eps * (math.Abs(w0) + math.Abs(w1))
	weight := [2]float64{1 - alpha, alpha} // attacked, clean
	offset := [2]float64{el, 0}            // x = offset − m
	var margin [productChunk]float64
	var sig, dsig [2][productChunk]float64 // σ and σ' of each argument; 0 where skipped
	var s linearSums                       // d, t and u still without their factor 1−α
	var logs [2]float64
	for lo := 0; lo < len(c.x1); lo += productChunk {
		hi := min(lo+productChunk, len(c.x1))
		xs1, xs2, ss := c.x1[lo:hi], c.x2[lo:hi], c.s[lo:hi]
		ms := margin[:len(xs1)]
		margins(ms, xs1, xs2, ss, w0, w1, b)
		for k := range 2 {
			if weight[k] == 0 {
				continue
			}
			sp, prod := logisticTerms(sig[k][:len(ms)], dsig[k][:len(ms)], ms, offset[k])
			s.f += weight[k] * sp
			logs[k] += portable.Log(prod)
		}
		s.add(xs1, xs2, ss, &sig, &dsig, weight)
	}
	k := weight[0]
	s.f = s.f + weight[0]*logs[0] + weight[1]*logs[1]
	s.d *= k
	s.t = [3]float64{k * s.t[0], k * s.t[1], k * s.t[2]}
	s.u *= k
	return s
}

// margins sets ms[i] to the signed margin θ·x̂ᵢ of the points x̂ᵢ =
// (xs1[i], xs2[i], ss[i]), θ = (w0, w1, b).
func margins(ms, xs1, xs2, ss []float64, w0, w1, b float64) {
	xs2, ss, ms = xs2[:len(xs1)], ss[:len(xs1)], ms[:len(xs1)]
	for i, x1 := range xs1 {
		ms[i] = w0*x1 + w1*xs2[i] + b*ss[i]
	}
}

// logisticTerms sets sk[i] and dk[i] to σ(x) and σ'(x) at the argument
// x = offset − ms[i] of each point, and returns Σ of softplus(x) − log(u)
// and the product of the u, as sums' doc says.
func logisticTerms(sk, dk, ms []float64, offset float64) (sp, prod float64) {
	sk, dk = sk[:len(ms)], dk[:len(ms)]
	prod = 1.0
	for i, m := range ms {
		x := offset - m
		// E = e^{−|x|}, exactly as portable.Exp(−|x|), inlined by hand:
		// a call per point would cost more than all the arithmetic.
		// TestSumsOnePoint holds the two bit-identical. (Comparisons
		// rather than min and max, which are calls under js/wasm and
		// would double the time.)
		y := math.Abs(x)
		if y > portable.ExpClamp {
			y = portable.ExpClamp
		}
		tn := y*-portable.ExpInvLn2 + portable.ExpShifter
		n := int64(math.Float64bits(tn) - portable.ExpShifterBits)
		kn := tn - portable.ExpShifter
		r := (-y - kn*portable.ExpLn2Hi) - kn*portable.ExpLn2Lo
		j := expTable[n&portable.ExpTableMask]
		e := math.Float64frombits(math.Float64bits(j+j*(r+r*r*(portable.ExpC2+r*(portable.ExpC3+r*portable.ExpC4)))) + uint64(n>>portable.ExpTableBits)<<52)
		uu := 1 + e
		inv := 1 / uu
		prod *= uu
		sigma := inv
		if x < 0 {
			sigma = e * inv
		}
		sk[i], dk[i] = sigma, e*inv*inv
		pos := 0.0 // max(x, 0)
		if x > 0 {
			pos = x
		}
		sp += pos + (e-(uu-1))*inv
	}
	return sp, prod
}

// add adds to a, s, d, t and u the terms of the points x̂ᵢ = (xs1[i],
// xs2[i], ss[i]), whose arguments have the σ in sig and the σ' in dsig,
// attacked then clean, weighted by weight; d, t and u without their
// factor weight[0].
func (s *linearSums) add(xs1, xs2, ss []float64, sig, dsig *[2][productChunk]float64, weight [2]float64) {
	xs2, ss = xs2[:len(xs1)], ss[:len(xs1)]
	sa, sc, da, dc := sig[0][:len(xs1)], sig[1][:len(xs1)], dsig[0][:len(xs1)], dsig[1][:len(xs1)]
	a0, a1, a2, d := s.a[0], s.a[1], s.a[2], s.d
	s00, s01, s02, s11, s12, s22 := s.s[0], s.s[1], s.s[2], s.s[3], s.s[4], s.s[5]
	t0, t1, t2, u := s.t[0], s.t[1], s.t[2], s.u
	for i, x1 := range xs1 {
		x2, x3 := xs2[i], ss[i]
		g := weight[0]*sa[i] + weight[1]*sc[i]
		h := weight[0]*da[i] + weight[1]*dc[i]
		a0 += g * x1
		a1 += g * x2
		a2 += g * x3
		s00 += h * x1 * x1
		s01 += h * x1 * x2
		s02 += h * x1 * x3
		s11 += h * x2 * x2
		s12 += h * x2 * x3
		s22 += h
		d += sa[i]
		t0 += da[i] * x1
		t1 += da[i] * x2
		t2 += da[i] * x3
		u += da[i]
	}
	s.a, s.d = [3]float64{a0, a1, a2}, d
	s.s = [6]float64{s00, s01, s02, s11, s12, s22}
	s.t, s.u = [3]float64{t0, t1, t2}, u
}

// linearProblem is the objective FitLinear minimizes: the sum of the
// points' losses plus ridge/2·‖θ‖².
type linearProblem struct {
	cols              signedColumns
	alpha, eps, ridge float64
	passes            int // over the points, so far
}

const (
	maxNewtonIterations = 100
	maxLineSearchSteps  = 40
	// armijo is the fraction of the decrease predicted by the
	// pseudo-gradient that a step must achieve.
	armijo = 1e-4
)

// eval returns the sums at θ, with the penalty ridge/2·‖θ‖² in the
// objective, and counts the pass.
func (p *linearProblem) eval(theta [3]float64) linearSums {
	p.passes++
	s := p.cols.sums(theta, p.alpha, p.eps)
	s.f += p.ridge / 2 * (theta[0]*theta[0] + theta[1]*theta[1] + theta[2]*theta[2])
	return s
}

// minimize returns the minimizer of p found by Newton's method from theta
// (see FitLinear).
func (p *linearProblem) minimize(theta [3]float64) [3]float64 {
	tol := LinearGradTolerance * float64(len(p.cols.x1))
	cur := p.eval(theta)
	for range maxNewtonIterations {
		pg, e, free := p.pseudoGradient(&cur, theta)
		if cur.norm <= tol {
			break
		}
		d := p.newtonStep(p.hessian(&cur, e), pg, free, theta, e)
		next, s, ok := p.lineSearch(theta, &cur, pg, d, e)
		if !ok {
			break
		}
		theta, cur = next, s
	}
	return theta
}

// pseudoGradient returns the gradient of p at θ where it exists, and
// elsewhere the subgradient of least norm, from the sums s at θ; it also
// stores its largest component in s.norm. e holds the orthant the
// weights stay in or, for a zero weight, move into, and free is false for
// a zero weight that stays zero because 0 is in its subdifferential.
func (p *linearProblem) pseudoGradient(s *linearSums, theta [3]float64) (pg, e [3]float64, free [3]bool) {
	pen := p.eps * s.d // ∂/∂‖w‖₁
	for j := range 2 {
		h := -s.a[j] + p.ridge*theta[j]
		free[j] = true
		switch {
		case theta[j] > 0:
			pg[j], e[j] = h+pen, 1
		case theta[j] < 0:
			pg[j], e[j] = h-pen, -1
		case h+pen < 0:
			pg[j], e[j] = h+pen, 1
		case h-pen > 0:
			pg[j], e[j] = h-pen, -1
		default:
			free[j] = false
		}
	}
	pg[2], free[2] = -s.a[2]+p.ridge*theta[2], true
	s.norm = max(math.Abs(pg[0]), math.Abs(pg[1]), math.Abs(pg[2]))
	return pg, e, free
}

// hessian returns the Hessian of p in the orthant e from the sums s.
func (p *linearProblem) hessian(s *linearSums, e [3]float64) [3][3]float64 {
	v := s.s
	sym := [3][3]float64{{v[0], v[1], v[2]}, {v[1], v[3], v[4]}, {v[2], v[4], v[5]}}
	var h [3][3]float64
	for i := range 3 {
		for j := range 3 {
			h[i][j] = sym[i][j] - p.eps*(s.t[i]*e[j]+e[i]*s.t[j]) + p.eps*p.eps*s.u*e[i]*e[j]
		}
		h[i][i] += p.ridge
	}
	return h
}

// newtonStep returns the Newton step −H⁻¹·pg on the free parameters,
// damped (spd.Damped) to a length of at most 1 + ‖θ‖, enough to cross the
// origin or to double θ, both measured with each parameter multiplied by
// the root mean square of its column of x̂, so that a coordinate in
// thousands and one in thousandths are treated alike. A zero weight that
// the step would move out of its orthant e is held at zero instead, and
// the step solved again without it.
func (p *linearProblem) newtonStep(h [3][3]float64, pg [3]float64, free [3]bool, theta, e [3]float64) [3]float64 {
	sc := p.cols.scale
	var hs [3][3]float64
	var gs, ts [3]float64
	for i := range 3 {
		for j := range 3 {
			hs[i][j] = h[i][j] / (sc[i] * sc[j])
		}
		gs[i], ts[i] = pg[i]/sc[i], theta[i]*sc[i]
	}
	radius := 1 + math.Sqrt(ts[0]*ts[0]+ts[1]*ts[1]+ts[2]*ts[2])
	for {
		d := spd.Damped(hs, gs, free, radius)
		for i := range 3 {
			d[i] /= sc[i]
		}
		again := false
		for j := range 2 {
			if free[j] && theta[j] == 0 && d[j]*e[j] <= 0 {
				free[j], again = false, true
			}
		}
		if !again {
			return d
		}
	}
}

// lineSearch returns the first point θ + t·d, t = 1, then smaller, with
// any weight that crosses zero set to zero, at which the objective falls
// by at least armijo times the decrease pg·Δθ predicts, or by less than
// its rounding while the pseudo-gradient shrinks; and the sums there. It
// reports false if there is no such point. cur holds the sums at θ.
func (p *linearProblem) lineSearch(theta [3]float64, cur *linearSums, pg, d, e [3]float64) ([3]float64, linearSums, bool) {
	// Two evaluations of the objective differ by at most twice its
	// rounding, which sums bounds by n·2⁻⁵³·(f + 1).
	slack := 2 * float64(len(p.cols.x1)) * 0x1p-53 * (cur.f + 1)
	slope := pg[0]*d[0] + pg[1]*d[1] + pg[2]*d[2] // φ'(0), φ(t) the objective at θ + t·d
	breaks := breakpoints(theta, d, e)
	t := 1.0
	for range maxLineSearchSteps {
		next, projected := pathPoint(theta, d, t, breaks)
		s := p.eval(next)
		dec := pg[0]*(next[0]-theta[0]) + pg[1]*(next[1]-theta[1]) + pg[2]*(next[2]-theta[2])
		if s.f < cur.f && s.f <= cur.f+armijo*dec {
			return next, s, true
		}
		g, _, _ := p.pseudoGradient(&s, next)
		if s.f <= cur.f+slack && s.norm < cur.norm {
			return next, s, true
		}
		// The minimum of the cubic through φ(0), φ'(0), φ(t) and φ'(t)
		// (J. Nocedal, S. Wright, "Numerical Optimization", 2nd ed., 2006,
		// (3.59)), or after a projection of the parabola through φ(0), φ(t)
		// and the slope pg·Δθ/t, kept within [t/10, t/2]; t/10 if it is
		// not a number, as for φ(t) = +Inf.
		tq := -dec * t / (2 * (s.f - cur.f - dec))
		if !projected {
			st := g[0]*d[0] + g[1]*d[1] + g[2]*d[2]
			d1 := slope + st - 3*(s.f-cur.f)/t
			if disc := d1*d1 - slope*st; disc >= 0 {
				d2 := math.Sqrt(disc)
				tq = t - t*(st+d2-d1)/(st-slope+2*d2)
			}
		}
		switch {
		case !(tq >= t/10):
			tq = t / 10
		case tq > t/2:
			tq = t / 2
		}
		// Past a breakpoint the objective has a kink, and its minimum
		// along the path is often there: the breakpoint comes first.
		for _, b := range breaks {
			if b < t && b > tq {
				tq = b
			}
		}
		t = tq
	}
	return theta, *cur, false
}

// breakpoints returns, for each weight that the direction d moves towards
// zero from θ in the orthant e, the step −θⱼ/dⱼ at which it reaches zero,
// and +Inf for the others.
func breakpoints(theta, d, e [3]float64) [2]float64 {
	breaks := [2]float64{math.Inf(1), math.Inf(1)}
	for j := range 2 {
		if theta[j] != 0 && d[j]*e[j] < 0 {
			breaks[j] = -theta[j] / d[j]
		}
	}
	return breaks
}

// pathPoint returns the point at step t along the path from θ in the
// direction d, θ + t·d with each weight past its breakpoint set to zero,
// and reports whether any was.
func pathPoint(theta, d [3]float64, t float64, breaks [2]float64) (next [3]float64, projected bool) {
	for j := range 3 {
		next[j] = theta[j] + t*d[j]
		if j < 2 && t >= breaks[j] {
			next[j], projected = 0, true
		}
	}
	return next, projected
}
