package attack

import (
	"fmt"
	"math"
	"math/rand/v2"

	"advplay/engine/data"
	"advplay/engine/model"
	"advplay/engine/portable"
)

// Method names an attack.
type Method string

// The attacks.
const (
	FGSM Method = "fgsm" // one step of ε·Sign(∇ₓJ): the L∞ ball
	FGM  Method = "fgm"  // one step of ε·∇ₓJ/‖∇ₓJ‖₂: the L2 ball
	PGD  Method = "pgd"  // iterated steps, projected back onto the ball
)

// Methods lists the attacks in the order a menu shows them.
var Methods = []Method{FGSM, FGM, PGD}

// Norm is the ball an attack stays in.
type Norm string

// The norms.
const (
	LInf Norm = "linf"
	L2   Norm = "l2"
)

// Box is an axis-aligned clip box; attacked points are kept inside it.
type Box struct {
	Min, Max [2]float64
}

// Config describes an attack. The zero values of Steps, StepSize and Norm
// mean PGD's defaults: 10 steps of ε/4 in the L∞ ball.
type Config struct {
	Method  Method
	Epsilon float64

	// PGD only.
	Steps       int
	StepSize    float64
	Norm        Norm
	RandomStart bool
	Seed        uint64

	// Box, if not nil, clips every attacked point.
	Box *Box
}

// DefaultPGDSteps is the number of PGD steps when Config.Steps is 0.
const DefaultPGDSteps = 10

// Validate returns an error naming the first invalid field.
func (c Config) Validate() error {
	switch c.Method {
	case FGSM, FGM, PGD:
	default:
		return fmt.Errorf("attack: method %q is not one of fgsm, fgm, pgd", c.Method)
	}
	if !(c.Epsilon >= 0) || math.IsInf(c.Epsilon, 0) {
		return fmt.Errorf("attack: epsilon is %v, must be a finite number ≥ 0", c.Epsilon)
	}
	if c.Steps < 0 || c.Steps > 1000 {
		return fmt.Errorf("attack: steps is %d, must be between 0 (default %d) and 1000", c.Steps, DefaultPGDSteps)
	}
	if !(c.StepSize >= 0) || math.IsInf(c.StepSize, 0) {
		return fmt.Errorf("attack: step size is %v, must be a finite number ≥ 0", c.StepSize)
	}
	switch c.Norm {
	case "", LInf, L2:
	default:
		return fmt.Errorf("attack: norm %q is not one of linf, l2", c.Norm)
	}
	if b := c.Box; b != nil {
		for i := range 2 {
			if !(b.Min[i] <= b.Max[i]) || math.IsInf(b.Min[i], 0) || math.IsInf(b.Max[i], 0) {
				return fmt.Errorf("attack: box axis %d is [%v, %v], must be finite with min ≤ max", i, b.Min[i], b.Max[i])
			}
		}
	}
	return nil
}

// BallNorm returns the norm of the ball the attack stays in: L∞ for FGSM,
// L2 for FGM, and Config.Norm (default L∞) for PGD.
func (c Config) BallNorm() Norm {
	switch {
	case c.Method == FGM:
		return L2
	case c.Method == PGD && c.Norm == L2:
		return L2
	}
	return LInf
}

// AtEpsilon returns the attack c with budget eps, as an error-against-ε
// curve runs it: PGD's step size goes back to its default ε/4, since a step
// chosen for one ε would not scale with another (a fixed step of 0.05
// would be half the ball at ε = 0.1 and never reach its edge in 10 steps
// at ε = 1).
func (c Config) AtEpsilon(eps float64) Config {
	c.Epsilon = eps
	if c.Method == PGD {
		c.StepSize = 0
	}
	return c
}

func (c Config) steps() int {
	if c.Steps == 0 {
		return DefaultPGDSteps
	}
	return c.Steps
}

func (c Config) stepSize() float64 {
	if c.StepSize == 0 {
		return c.Epsilon / 4
	}
	return c.StepSize
}

// Apply returns the attacked copy of points under m; labels are unchanged.
// It returns an error if c or the points are invalid.
func Apply(m model.Model, points []data.Point, c Config) ([]data.Point, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := data.Validate(points); err != nil {
		return nil, err
	}
	out := make([]data.Point, len(points))
	var rnd *rand.Rand
	if c.Method == PGD && c.RandomStart {
		rnd = data.NewRand(c.Seed)
	}
	if lin, ok := m.(*model.Linear); ok && c.Method == FGSM && c.Epsilon > 0 && fastLinearOK(lin) {
		fgsmLinear(lin, points, c, out)
		return out, nil
	}
	for i, p := range points {
		x := perturb(m, p.Vec(), p.Target(), c, rnd)
		out[i] = data.Point{X: x[0], Y: x[1], Label: p.Label}
	}
	return out, nil
}

// For logistic regression FGSM needs no exponential: the residual σ(z)−y
// is negative for class 1 and positive for class 0, so Sign(∇ₓJ) is
// ∓Sign(w). fastLinearOK and perturbLinear give exactly what perturb
// computes, and fall back to it where the residual could round to zero
// (|z| beyond fastLinearRange) or its product with a tiny weight could
// underflow.
const fastLinearRange = 700

func fastLinearOK(m *model.Linear) bool {
	for _, w := range m.W {
		if w != 0 && math.Abs(w) < 1e-200 || math.IsNaN(w) || math.IsInf(w, 0) {
			return false
		}
	}
	return true
}

// fgsmLinear is FGSM on logistic regression, for ε > 0: a class-0 point
// moves by +ε·sign(w), a class-1 point by −ε·sign(w).
func fgsmLinear(m *model.Linear, points []data.Point, c Config, out []data.Point) {
	d := [2]float64{c.Epsilon * Sign(m.W[0]), c.Epsilon * Sign(m.W[1])}
	for i, p := range points {
		z := m.W[0]*p.X + m.W[1]*p.Y + m.B
		var x [2]float64
		switch {
		case !(math.Abs(z) <= fastLinearRange):
			x = perturb(m, p.Vec(), p.Target(), c, nil)
		case p.Label == 1:
			x = c.clip([2]float64{p.X - d[0], p.Y - d[1]})
		default:
			x = c.clip([2]float64{p.X + d[0], p.Y + d[1]})
		}
		out[i] = data.Point{X: x[0], Y: x[1], Label: p.Label}
	}
}

// Perturb returns the attacked copy of one point x with label y. c must be
// valid; PGD's random start draws from rnd, which may be nil only if
// c.RandomStart is false.
func Perturb(m model.Model, x [2]float64, y float64, c Config, rnd *rand.Rand) [2]float64 {
	return perturb(m, x, y, c, rnd)
}

func perturb(m model.Model, x [2]float64, y float64, c Config, rnd *rand.Rand) [2]float64 {
	if c.Epsilon == 0 {
		return x
	}
	switch c.Method {
	case FGSM:
		return c.clip(step(x, m.InputGrad(x, y), c.Epsilon, LInf))
	case FGM:
		return c.clip(step(x, m.InputGrad(x, y), c.Epsilon, L2))
	}
	// PGD returns the strongest point it visits: the single full step from
	// x (FGSM or FGM) or any iterate, whichever has the highest loss. The
	// last iterate alone can be weaker than one step, when a random start
	// leads to another local maximum; keeping the best makes PGD at least
	// as strong as FGSM, point by point.
	norm := c.BallNorm()
	best := c.clip(step(x, m.InputGrad(x, y), c.Epsilon, norm))
	bestLoss := model.Loss(m, best, y)
	adv := x
	if c.RandomStart {
		adv = c.clip(project(add(x, randomInBall(rnd, c.Epsilon, norm)), x, c.Epsilon, norm))
	}
	alpha := c.stepSize()
	for range c.steps() {
		adv = step(adv, m.InputGrad(adv, y), alpha, norm)
		adv = c.clip(project(adv, x, c.Epsilon, norm))
		if l := model.Loss(m, adv, y); l > bestLoss {
			best, bestLoss = adv, l
		}
	}
	return best
}

// step moves x by size along g: by size·Sign(g) for L∞ and by size·g/‖g‖₂
// for L2. A zero gradient, or a zero component under L∞, does not move
// (Sign(0) = 0).
func step(x, g [2]float64, size float64, norm Norm) [2]float64 {
	if norm == L2 {
		n := portable.Hypot(g[0], g[1])
		if n == 0 {
			return x
		}
		return [2]float64{x[0] + size*g[0]/n, x[1] + size*g[1]/n}
	}
	return [2]float64{x[0] + size*Sign(g[0]), x[1] + size*Sign(g[1])}
}

// Sign returns +1, −1 or 0 with the sign of v: the sign FGSM steps by,
// where Sign(0) = 0 leaves a coordinate with no gradient in place.
func Sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// project returns the point of the ε-ball around center nearest to x.
func project(x, center [2]float64, eps float64, norm Norm) [2]float64 {
	d := [2]float64{x[0] - center[0], x[1] - center[1]}
	if norm == L2 {
		n := portable.Hypot(d[0], d[1])
		if n <= eps {
			return x
		}
		return [2]float64{center[0] + d[0]*eps/n, center[1] + d[1]*eps/n}
	}
	return [2]float64{
		center[0] + math.Max(-eps, math.Min(eps, d[0])),
		center[1] + math.Max(-eps, math.Min(eps, d[1])),
	}
}

// randomInBall draws uniformly from the ε-ball around the origin.
func randomInBall(rnd *rand.Rand, eps float64, norm Norm) [2]float64 {
	if norm == L2 {
		// Uniform in the disc: radius ∝ √u.
		r := eps * math.Sqrt(rnd.Float64())
		t := 2 * math.Pi * rnd.Float64()
		return [2]float64{r * math.Cos(t), r * math.Sin(t)}
	}
	return [2]float64{eps * (2*rnd.Float64() - 1), eps * (2*rnd.Float64() - 1)}
}

func add(a, b [2]float64) [2]float64 { return [2]float64{a[0] + b[0], a[1] + b[1]} }

func (c Config) clip(x [2]float64) [2]float64 {
	if c.Box == nil {
		return x
	}
	for i := range 2 {
		x[i] = math.Max(c.Box.Min[i], math.Min(c.Box.Max[i], x[i]))
	}
	return x
}
