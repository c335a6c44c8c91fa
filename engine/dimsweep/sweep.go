package dimsweep

import (
	"fmt"
	"math"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/theory"
)

// Dims are the dimensions of the default sweep: 2, 4, …, 1024.
var Dims = []int{2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}

// DefaultPerClass is the default number of points per class, for training
// and again for testing, in every dimension.
const DefaultPerClass = 1000

// Config describes a sweep.
type Config struct {
	// Epsilon is the attack budget ε ≥ 0, the same for FGSM and FGM.
	Epsilon float64
	// PerClass is the number of points per class; zero means
	// DefaultPerClass. The training points of the largest dimension must
	// fit in data.MaxCoordinates.
	PerClass int
	// Sigma is the clouds' standard deviation; zero means data.CloudSigma.
	Sigma float64
	Seed  uint64
	// Dims are the dimensions in order; nil means Dims.
	Dims []int
	// Fit configures the fits.
	Fit linear.FitOptions
}

// Errors are error rates clean, under FGSM (the L∞ ball) and under FGM
// (the L2 ball).
type Errors struct {
	Clean, LInf, L2 float64
}

// Result is the sweep's outcome in one dimension.
type Result struct {
	Dim int
	// Fit is the converged fit on the training points.
	Fit linear.FitResult
	// Fitted and Best are the errors measured on the test points, of the
	// fit and of the best line.
	Fitted, Best Errors
	// FittedTheory is theory.LinearError with the fit's own (w, b),
	// BestTheory is theory.DimensionError.
	FittedTheory, BestTheory Errors
	// Reach is ε‖w‖₁/‖w‖₂ of the fit, how far FGSM moves a point towards
	// its boundary (linear.Model.Reach); the best line's is ε√d.
	Reach float64
	// TestPoints is the number of test points counted.
	TestPoints int
}

// Seeds returns the seeds of the training and the test points of
// dimension d in a sweep with the given seed: splitmix64's finalizer of
// seed, d and the role, so that the streams of different dimensions and
// sweeps do not overlap in any way that matters. data.CloudsIn(d, perClass,
// σ, train) draws the training points again.
func Seeds(seed uint64, d int) (train, test uint64) {
	return mix(seed ^ mix(uint64(d)<<1)), mix(seed ^ mix(uint64(d)<<1|1))
}

// mix is splitmix64's output function (S. Vigna, public domain).
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Sweep is the computation in progress.
type Sweep struct {
	cfg     Config
	results []Result
	// The dimension in progress, index k of cfg.Dims.
	k      int
	phase  phase
	train  data.Samples
	buf    data.Samples // the storage of train, for every dimension
	gen    *data.GaussianStream
	fitter *linear.Fitter
	fit    linear.FitResult
	counts [2][3]*linear.Counter // [fit, best][clean, L∞, L2]
	row    []float64
	err    error
	done   bool
	work   int // units of drawing and testing done, for Progress
	total  int
}

type phase int

const (
	generating phase = iota
	fitting
	counting
)

// New returns a sweep. It returns an error naming the field if ε is
// negative or not finite, PerClass is negative, Sigma is negative or not
// finite, a dimension is below 1, or the training points of a dimension
// would hold more than data.MaxCoordinates coordinates.
func New(c Config) (*Sweep, error) {
	if !(c.Epsilon >= 0) || math.IsInf(c.Epsilon, 0) {
		return nil, fmt.Errorf("dimsweep: epsilon is %v, must be a finite number ≥ 0", c.Epsilon)
	}
	if c.PerClass < 0 {
		return nil, fmt.Errorf("dimsweep: points per class is %d, must not be negative", c.PerClass)
	}
	if c.PerClass == 0 {
		c.PerClass = DefaultPerClass
	}
	if c.Sigma == 0 {
		c.Sigma = data.CloudSigma
	}
	if !(c.Sigma > 0) || math.IsInf(c.Sigma, 0) {
		return nil, fmt.Errorf("dimsweep: sigma is %v, must be a finite number > 0", c.Sigma)
	}
	if c.Dims == nil {
		c.Dims = Dims
	}
	c.Dims = append([]int(nil), c.Dims...)
	s := &Sweep{cfg: c}
	maxDim := 0
	for _, d := range c.Dims {
		if d < 1 {
			return nil, fmt.Errorf("dimsweep: dimension %d is below 1", d)
		}
		if 2*c.PerClass > data.MaxCoordinates/d {
			return nil, fmt.Errorf("dimsweep: 2×%d points in %d dimensions are more than %d coordinates", c.PerClass, d, data.MaxCoordinates)
		}
		s.total += 2 * c.PerClass * d * (drawCost + countCost) // the fits' length is not known
		maxDim = max(maxDim, d)
	}
	// One buffer for the training points of every dimension, allocated
	// once rather than in the middle of a frame.
	s.buf = data.Samples{X: make([]float64, 0, 2*c.PerClass*maxDim), Labels: make([]uint8, 0, 2*c.PerClass)}
	if len(c.Dims) == 0 {
		s.done = true
	}
	if err := c.Fit.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// Run returns the results of the whole sweep at once.
func Run(c Config) ([]Result, error) {
	s, err := New(c)
	if err != nil {
		return nil, err
	}
	for !s.Step(math.MaxInt) {
	}
	return s.Results(), s.Err()
}

// Results returns the results of the dimensions finished so far, in the
// order of Config.Dims.
func (s *Sweep) Results() []Result { return s.results }

// Done reports whether the sweep has finished, or failed.
func (s *Sweep) Done() bool { return s.done }

// Err returns the error that stopped the sweep, if any.
func (s *Sweep) Err() error { return s.err }

// Config returns the configuration with its defaults filled in.
func (s *Sweep) Config() Config { return s.cfg }

// The work units of Step: one coordinate of a pass of the fit is 1,
// drawing a coordinate (a normal deviate) costs drawCost and drawing and
// testing one (six error counts) countCost, the ratios of their times in
// WebAssembly, so that a budget buys about the same time in every phase.
const (
	drawCost  = 10
	countCost = 12
)

// Step advances the sweep by about budget units of work and reports
// whether it is done: one unit is one coordinate of one pass of the fit
// over the points, about 3 ns in WebAssembly, so a budget of 10⁶ takes
// about 3 ms there. Drawing and testing the points count the same time in
// units. Every call makes progress, at least one point.
func (s *Sweep) Step(budget int) (done bool) {
	for !s.done && budget > 0 {
		budget -= s.stepPhase(budget)
	}
	return s.done
}

// stepPhase does up to budget work in the current phase and returns the
// work done, at least 1.
func (s *Sweep) stepPhase(budget int) int {
	d := s.cfg.Dims[s.k]
	switch s.phase {
	case generating:
		if s.gen == nil {
			train, _ := Seeds(s.cfg.Seed, d)
			g, err := data.NewGaussianStream(data.CloudMeans(d), s.cfg.PerClass, s.cfg.Sigma, train)
			if err != nil {
				return s.fail(err)
			}
			s.gen = g
			s.train = data.Samples{Dim: d, X: s.buf.X[:0], Labels: s.buf.Labels[:0]}
		}
		rows := min(max(1, budget/(d*drawCost)), s.gen.Remaining())
		if s.gen.Fill(&s.train, rows) {
			s.gen = nil
			s.phase = fitting
			f, err := linear.NewFitter(s.train, s.cfg.Fit)
			if err != nil {
				return s.fail(err)
			}
			s.fitter = f
		}
		s.work += rows * d * drawCost
		return max(1, rows*d*drawCost)
	case fitting:
		work := max(budget, d)
		if s.fitter.Step(work) {
			res, err := s.fitter.Result()
			if err != nil {
				return s.fail(err)
			}
			s.fit = res
			s.fitter, s.train = nil, data.Samples{}
			s.startTesting(d)
		}
		return work
	}
	rows := min(max(1, budget/(d*countCost)), s.gen.Remaining())
	for range rows {
		label, _ := s.gen.Next(s.row)
		for _, byModel := range s.counts {
			for _, c := range byModel {
				c.Add(s.row, label)
			}
		}
	}
	s.work += rows * d * countCost
	if s.gen.Remaining() == 0 {
		s.finishDimension(d)
	}
	return max(1, rows*d*countCost)
}

func (s *Sweep) fail(err error) int {
	s.err, s.done = err, true
	return 1
}

func (s *Sweep) startTesting(d int) {
	_, test := Seeds(s.cfg.Seed, d)
	s.gen, _ = data.NewGaussianStream(data.CloudMeans(d), s.cfg.PerClass, s.cfg.Sigma, test)
	s.row = make([]float64, d)
	best := linear.Bisector(data.CloudMeans(d))
	for i, m := range []linear.Model{s.fit.Model, best} {
		s.counts[i] = [3]*linear.Counter{
			linear.NewCounter(m, 0, attack.LInf),
			linear.NewCounter(m, s.cfg.Epsilon, attack.LInf),
			linear.NewCounter(m, s.cfg.Epsilon, attack.L2),
		}
	}
	s.phase = counting
}

func (s *Sweep) finishDimension(d int) {
	eps, sigma := s.cfg.Epsilon, s.cfg.Sigma
	rates := func(c [3]*linear.Counter) Errors {
		return Errors{Clean: c[0].Rate(), LInf: c[1].Rate(), L2: c[2].Rate()}
	}
	m := s.fit.Model
	means := data.CloudMeans(d)
	general := func(eps float64, ball attack.Norm) float64 {
		return theory.LinearError(m.W, m.B, means, sigma, eps, ball)
	}
	s.results = append(s.results, Result{
		Dim:    d,
		Fit:    s.fit,
		Fitted: rates(s.counts[0]),
		Best:   rates(s.counts[1]),
		FittedTheory: Errors{
			Clean: general(0, attack.LInf),
			LInf:  general(eps, attack.LInf),
			L2:    general(eps, attack.L2),
		},
		BestTheory: Errors{
			Clean: theory.DimensionError(d, sigma, 0, attack.LInf),
			LInf:  theory.DimensionError(d, sigma, eps, attack.LInf),
			L2:    theory.DimensionError(d, sigma, eps, attack.L2),
		},
		Reach:      m.Reach(eps, attack.LInf),
		TestPoints: s.counts[0][0].Points,
	})
	s.gen, s.row, s.counts = nil, nil, [2][3]*linear.Counter{}
	s.k++
	s.phase = generating
	if s.k == len(s.cfg.Dims) {
		s.done = true
	}
}

// Progress returns the fraction of the work done, between 0 and 1: the
// drawing and testing of points, which are known in advance, and not the
// fits, whose length is not.
func (s *Sweep) Progress() float64 {
	if s.done || s.total == 0 {
		return 1
	}
	return float64(s.work) / float64(s.total)
}
