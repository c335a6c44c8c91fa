package lbfgs

import (
	"errors"
	"math"
)

// Operation is what Init and Iterate ask of the caller next.
type Operation int

const (
	// Evaluate asks for F and Gradient at Location.X.
	Evaluate Operation = iota + 1
	// MajorIteration says that Location is a new iterate, with F and
	// Gradient evaluated there: the line search accepted it. The caller
	// may stop, or call Iterate to go on.
	MajorIteration
)

// Location is a point and the function's value and gradient there.
type Location struct {
	X        []float64
	F        float64
	Gradient []float64
}

// DefaultStore is the number of curvature pairs Method keeps when Store is
// zero.
const DefaultStore = 10

// The line search's constants: the factors c₁ and c₂ of the strong Wolfe
// conditions φ(α) ≤ φ(0) + c₁·α·φ'(0) and |φ'(α)| ≤ c₂·|φ'(0)|, the
// values Nocedal and Wright give for quasi-Newton methods (§3.1), and the
// most evaluations one line search may take.
const (
	decreaseFactor  = 1e-4
	curvatureFactor = 0.9
	maxTrials       = 50
)

// Errors that end a minimization. The last accepted iterate stays in the
// Location.
var (
	// ErrNoDescent is returned by Init when the gradient is zero (or not
	// a number): there is no direction to go.
	ErrNoDescent = errors.New("lbfgs: the gradient is zero or not finite")
	// ErrLineSearch is returned when the line search found no step that
	// satisfies the Wolfe conditions within maxTrials evaluations, or its
	// interval shrank to nothing: in float64 the function cannot be
	// decreased further along the direction.
	ErrLineSearch = errors.New("lbfgs: the line search found no acceptable step")
)

// Method is L-BFGS with a strong Wolfe line search, driven by Init and
// Iterate (see the package documentation). The zero value is ready to use,
// with DefaultStore pairs.
type Method struct {
	// Store is the number of curvature pairs (s, y) kept; zero means
	// DefaultStore.
	Store int

	// The memory: pairs s = xₖ₊₁ − xₖ, y = ∇fₖ₊₁ − ∇fₖ with ρ = 1/(y·s),
	// oldest first from head in a ring of Store.
	s, y  [][]float64
	rho   []float64
	head  int
	count int
	// ts and ty hold a new pair until it is kept.
	ts, ty []float64

	// The last iterate, where the line search starts, and its direction.
	x0, g0, dir []float64
	f0          float64
	ls          lineSearch
	// next says the last call returned MajorIteration: the next Iterate
	// starts a line search.
	next bool
	// alpha is the two-loop recursion's scratch.
	alpha []float64
}

// Init starts a minimization from loc, whose F and Gradient must hold the
// value and gradient at X, and forgets any curvature memory. It sets loc.X
// to the first point to evaluate and returns Evaluate, or returns
// ErrNoDescent, leaving loc as it was. It panics if X and Gradient differ
// in length or are empty.
func (m *Method) Init(loc *Location) (Operation, error) {
	n := len(loc.X)
	if n == 0 || len(loc.Gradient) != n {
		panic("lbfgs: Location.X and Gradient must have the same non-zero length")
	}
	store := m.Store
	if store <= 0 {
		store = DefaultStore
	}
	if len(m.x0) != n || len(m.s) != store {
		m.s, m.y = make([][]float64, store), make([][]float64, store)
		for i := range m.s {
			m.s[i], m.y[i] = make([]float64, n), make([]float64, n)
		}
		m.rho, m.alpha = make([]float64, store), make([]float64, store)
		m.x0, m.g0, m.dir = make([]float64, n), make([]float64, n), make([]float64, n)
		m.ts, m.ty = make([]float64, n), make([]float64, n)
	}
	m.head, m.count = 0, 0
	copy(m.x0, loc.X)
	copy(m.g0, loc.Gradient)
	m.f0 = loc.F
	gnorm := math.Sqrt(dot(m.g0, m.g0))
	if !(gnorm > 0) || math.IsInf(gnorm, 0) || !finite(m.f0) {
		return 0, ErrNoDescent
	}
	for i, g := range m.g0 {
		m.dir[i] = -g
	}
	// Without curvature, a first step of unit length.
	return m.start(loc, 1/gnorm), nil
}

// Iterate takes loc with F and Gradient evaluated at X, as Init or the
// last Iterate asked, and returns what to do next: Evaluate, with loc.X
// set to the next point; or MajorIteration, with loc a new iterate. After
// MajorIteration, a call to Iterate starts the next line search from loc.
// It returns ErrLineSearch, with loc set back to the last iterate, when no
// acceptable step was found.
func (m *Method) Iterate(loc *Location) (Operation, error) {
	if m.next {
		m.next = false
		m.direction()
		a := 1.0
		if m.count == 0 {
			a = 1 / math.Sqrt(dot(m.g0, m.g0))
		}
		return m.start(loc, a), nil
	}
	dphi := dot(loc.Gradient, m.dir)
	a, accept, ok := m.ls.next(loc.F, dphi)
	switch {
	case !ok:
		m.restore(loc)
		return 0, ErrLineSearch
	case !accept:
		m.place(loc, a)
		return Evaluate, nil
	}
	m.remember(loc)
	m.next = true
	return MajorIteration, nil
}

// start begins a line search along dir from x0 with the first step a.
func (m *Method) start(loc *Location, a float64) Operation {
	d0 := dot(m.g0, m.dir)
	if !(d0 < 0) {
		// Not a descent direction (the memory's curvature misled it):
		// forget the memory and go down the gradient.
		m.count = 0
		for i, g := range m.g0 {
			m.dir[i] = -g
		}
		d0 = dot(m.g0, m.dir)
		a = 1 / math.Sqrt(-d0)
	}
	m.ls = lineSearch{f0: m.f0, d0: d0, fPrev: m.f0, dPrev: d0, a: a}
	m.place(loc, a)
	return Evaluate
}

// place sets loc.X to x0 + a·dir.
func (m *Method) place(loc *Location, a float64) {
	for i, x := range m.x0 {
		loc.X[i] = x + a*m.dir[i]
	}
}

// restore sets loc back to the last iterate.
func (m *Method) restore(loc *Location) {
	copy(loc.X, m.x0)
	copy(loc.Gradient, m.g0)
	loc.F = m.f0
}

// remember makes loc the new iterate and keeps its curvature pair when
// y·s > 0, which keeps the inverse Hessian approximation positive
// definite (Nocedal and Wright, §6.1); the oldest pair makes room.
func (m *Method) remember(loc *Location) {
	s, y := m.ts, m.ty
	for i := range s {
		s[i] = loc.X[i] - m.x0[i]
		y[i] = loc.Gradient[i] - m.g0[i]
	}
	if ys := dot(y, s); ys > 0 && finite(ys) {
		store := len(m.s)
		k := m.head
		if m.count < store {
			k = (m.head + m.count) % store
			m.count++
		} else {
			m.head = (m.head + 1) % store
		}
		m.s[k], m.ts = m.ts, m.s[k]
		m.y[k], m.ty = m.ty, m.y[k]
		m.rho[k] = 1 / ys
	}
	copy(m.x0, loc.X)
	copy(m.g0, loc.Gradient)
	m.f0 = loc.F
}

// direction sets dir = −H·g0 by the two-loop recursion (Nocedal and
// Wright, Algorithm 7.4), with H₀ = γI, γ = s·y/(y·y) of the newest pair.
func (m *Method) direction() {
	q := m.dir
	copy(q, m.g0)
	store := len(m.s)
	for j := m.count - 1; j >= 0; j-- {
		k := (m.head + j) % store
		m.alpha[k] = m.rho[k] * dot(m.s[k], q)
		axpy(-m.alpha[k], m.y[k], q)
	}
	if m.count > 0 {
		k := (m.head + m.count - 1) % store
		gamma := 1 / (m.rho[k] * dot(m.y[k], m.y[k]))
		for i := range q {
			q[i] *= gamma
		}
	}
	for j := range m.count {
		k := (m.head + j) % store
		beta := m.rho[k] * dot(m.y[k], q)
		axpy(m.alpha[k]-beta, m.s[k], q)
	}
	for i := range q {
		q[i] = -q[i]
	}
}

// lineSearch finds a step α along a descent direction at which
// φ(α) = f(x₀ + α·d) satisfies the strong Wolfe conditions, by Nocedal and
// Wright's Algorithm 3.5 (bracketing, growing the step) and 3.6 (zoom,
// narrowing an interval that holds such a step), with cubic interpolation
// safeguarded by bisection. A trial where φ is not finite counts as too
// long a step.
type lineSearch struct {
	f0, d0 float64 // φ(0) and φ'(0) < 0
	zoom   bool
	// While bracketing: the previous trial, starting at 0.
	aPrev, fPrev, dPrev float64
	// While zooming: the end lo, which satisfies the sufficient decrease
	// and has the lowest φ so far, and the other end hi.
	lo, flo, dlo float64
	hi, fhi, dhi float64
	a            float64 // the current trial
	trials       int
}

// next takes φ(a) and φ'(a) of the current trial and returns the next
// step and whether it is accepted; ok is false when the search failed.
func (l *lineSearch) next(f, d float64) (a float64, accept, ok bool) {
	l.trials++
	if l.trials > maxTrials {
		return 0, false, false
	}
	sufficient := f <= l.f0+decreaseFactor*l.a*l.d0 // false for NaN and +Inf
	wolfe := math.Abs(d) <= -curvatureFactor*l.d0
	if !l.zoom {
		switch {
		case !sufficient || l.trials > 1 && f >= l.fPrev:
			l.startZoom(l.aPrev, l.fPrev, l.dPrev, l.a, f, d)
		case wolfe:
			return l.a, true, true
		case d >= 0:
			l.startZoom(l.a, f, d, l.aPrev, l.fPrev, l.dPrev)
		default:
			// Still going down steeply: a longer step, between twice and
			// five times as far from the previous trial.
			lo, hi := l.a+(l.a-l.aPrev), l.a+4*(l.a-l.aPrev)
			next := cubicMin(l.aPrev, l.fPrev, l.dPrev, l.a, f, d)
			if !(next >= lo) {
				next = lo
			}
			next = min(next, hi)
			l.aPrev, l.fPrev, l.dPrev, l.a = l.a, f, d, next
			return next, false, true
		}
	} else {
		switch {
		case !sufficient || f >= l.flo:
			l.hi, l.fhi, l.dhi = l.a, f, d
		case wolfe:
			return l.a, true, true
		default:
			if d*(l.hi-l.lo) >= 0 {
				l.hi, l.fhi, l.dhi = l.lo, l.flo, l.dlo
			}
			l.lo, l.flo, l.dlo = l.a, f, d
		}
	}
	if math.Abs(l.hi-l.lo) <= 1e-14*max(math.Abs(l.lo), math.Abs(l.hi)) {
		return 0, false, false
	}
	l.a = l.zoomTrial()
	return l.a, false, true
}

func (l *lineSearch) startZoom(lo, flo, dlo, hi, fhi, dhi float64) {
	l.zoom = true
	l.lo, l.flo, l.dlo, l.hi, l.fhi, l.dhi = lo, flo, dlo, hi, fhi, dhi
}

// zoomTrial returns the next trial between lo and hi: the minimizer of the
// cubic through both ends when that lies well inside the interval (at
// least a tenth of its width from either end), and its midpoint otherwise.
func (l *lineSearch) zoomTrial() float64 {
	a, b := min(l.lo, l.hi), max(l.lo, l.hi)
	w := b - a
	c := cubicMin(l.lo, l.flo, l.dlo, l.hi, l.fhi, l.dhi)
	if c >= a+0.1*w && c <= b-0.1*w {
		return c
	}
	return a + w/2
}

// cubicMin returns the minimizer of the cubic interpolating φ and φ' at a
// and b (Nocedal and Wright, (3.59)), or NaN when it has none or a value
// is not finite.
func cubicMin(a, fa, da, b, fb, db float64) float64 {
	d1 := da + db - 3*(fa-fb)/(a-b)
	disc := d1*d1 - da*db
	if !(disc >= 0) || math.IsInf(disc, 0) {
		return math.NaN()
	}
	d2 := math.Sqrt(disc)
	if b < a {
		d2 = -d2
	}
	return b - (b-a)*(db+d2-d1)/(db-da+2*d2)
}

// dot returns Σ aᵢbᵢ, summed in order.
func dot(a, b []float64) float64 {
	var s float64
	b = b[:len(a)]
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// axpy sets y += a·x.
func axpy(a float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += a * v
	}
}

// finite reports whether v is neither NaN nor ±Inf.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// AllFinite reports whether every element of v is a finite number, neither
// NaN nor ±Inf: the check a caller makes on Location.X or Gradient, or on
// the parameters of any other minimization, to tell that it diverged.
func AllFinite(v []float64) bool {
	for _, x := range v {
		if !finite(x) {
			return false
		}
	}
	return true
}
