package scene

import (
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"advplay/engine/data"
	"advplay/engine/dimsweep"
	"advplay/engine/metrics"
	"advplay/engine/model"
)

// Scene is the playground's state. The zero value is not usable; call New.
type Scene struct {
	settings Settings

	// base is the preset's generated points. points is what the visitor
	// sees: base points in base order, some moved or removed, followed by
	// the points the visitor added. origin[i] is the base index of
	// points[i], or -1 for an added point.
	base   []data.Point
	points []data.Point
	origin []int
	// hd is the truth above two dimensions, where points holds the
	// points' places in the model's plane and base is nil (see space.go);
	// nil in the plane.
	hd *highDim

	needTrain  bool
	needAttack bool

	// main is the model the scene shows; under a defense, baseline is the
	// same model trained without it, for comparison.
	main, baseline *run
	model          model.Model
	linear         *model.Linear // model, when it is logistic regression
	running        bool
	trainErr       string

	// The chart: the last complete series and the job working on the next.
	chart      []Curve
	chartKey   curveKey
	chartEpoch int
	chartJob   *curveJob

	// The dimension chart: the last complete one, its key and the sweep
	// working on the next; dimDims are its dimensions (nil: dimsweep.Dims).
	dimCurve []DimensionPoint
	dimKey   dimensionKey
	dimJob   *dimsweep.Sweep
	dimDims  []int

	adv     []data.Point
	flipped []bool
	clean   []bool // clean[i]: points[i] is classified correctly
	figures Metrics
	exact   *metrics.LinearCurve

	// Versions count changes, so that a view can cache what it draws.
	pointsVersion, modelVersion, attackVersion int
	// presetVersion counts regenerations, after which a view refits.
	presetVersion int

	perf Perf
}

// Metrics are the scene's error figures.
type Metrics struct {
	CleanError       float64 `json:"cleanError"`
	AdversarialError float64 `json:"adversarialError"`
	N                int     `json:"n"`
	Flipped          int     `json:"flipped"`
}

// Perf holds timings of the scene's own work in milliseconds, for
// state().perf; the view adds its frame timings.
type Perf struct {
	TrainMs  float64 `json:"trainMs"`
	AttackMs float64 `json:"attackMs"`
}

// New returns a scene with the given settings and the preset's points.
// It returns an error if the settings are invalid.
func New(s Settings) (*Scene, error) {
	sc := &Scene{}
	if err := sc.loadPreset(s); err != nil {
		return nil, err
	}
	return sc, nil
}

// Settings returns the current settings.
func (s *Scene) Settings() Settings { return s.settings }

// Points returns the points; the slice must not be modified. Above two
// dimensions they are the points' places in the model's plane (x = ŵ·x,
// y = V·x; see space.go), which change whenever the model is refitted;
// Samples has their coordinates in d dimensions.
func (s *Scene) Points() []data.Point { return s.points }

// loadPreset replaces the points with the preset's and applies settings,
// with the dimension and glyph pair the preset has (Settings.generated).
func (s *Scene) loadPreset(set Settings) error {
	set = set.generated()
	if set.Dimension > MinDimension {
		samples, means, err := generateHigh(set)
		if err != nil {
			return err
		}
		s.settings = set
		origin := make([]int, samples.Len())
		for i := range origin {
			origin[i] = i
		}
		s.setHigh(&highDim{base: samples, samples: samples, shared: true, means: means}, origin)
		s.presetVersion = nextVersion()
		return nil
	}
	base, err := data.Generate(set.Preset, set.N, set.Noise, set.Seed)
	if err != nil {
		return err
	}
	s.settings = set
	s.hd = nil
	s.base = base
	s.points = append([]data.Point(nil), base...)
	s.origin = make([]int, len(base))
	for i := range s.origin {
		s.origin[i] = i
	}
	s.presetVersion = nextVersion()
	s.pointsChanged()
	return nil
}

// pointsChanged marks the model and the attack stale.
func (s *Scene) pointsChanged() {
	s.pointsVersion = nextVersion()
	s.needTrain = true
	s.needAttack = true
}

// Quantum is the grid every point a visitor places is snapped to, in data
// units. Points stay exactly what a shared link or a CSV export says, and a
// click is far coarser than this anyway.
const Quantum = 1e-4

// Quantize snaps v to the Quantum grid: the float64 nearest to k·10⁻⁴.
// It is idempotent, and its result prints and parses back exactly. Zero is
// always +0 (never "-0"); NaN, ±Inf and values beyond 10¹⁵, where every
// float64 is already the nearest to a grid point, are returned unchanged.
func Quantize(v float64) float64 {
	if !(math.Abs(v) < 1e15) {
		return v // v/Quantum would overflow for |v| near MaxFloat64
	}
	q := math.Round(v/Quantum) / (1 / Quantum)
	if q == 0 {
		return 0 // not −0, which prints as "-0"
	}
	return q
}

func checkPoint(x, y float64, label int) error {
	if _, err := coordinate("x", x); err != nil {
		return err
	}
	if _, err := coordinate("y", y); err != nil {
		return err
	}
	if label != 0 && label != 1 {
		return &fieldError{"label", fmt.Sprintf("must be 0 (red) or 1 (blue), got %d", label)}
	}
	return nil
}

// AddPoint appends a point, snapped to Quantum, and returns its index.
// Above two dimensions (x, y) are plane coordinates: the point lands there
// in the plane with its other coordinates at the midpoint of the class
// means, each snapped to Quantum (see space.go). It returns an error
// naming the argument if a coordinate is not a finite number within
// ±MaxCoordinate, the label is not 0 or 1, or the scene is full (MaxPoints
// points, or data.MaxCoordinates coordinates).
func (s *Scene) AddPoint(x, y float64, label int) (int, error) {
	if err := checkPoint(x, y, label); err != nil {
		return 0, err
	}
	if s.high() {
		return s.addHigh(x, y, label)
	}
	if len(s.points) >= MaxPoints {
		return 0, fmt.Errorf("points: the scene is full (%d points); remove some or clear", MaxPoints)
	}
	s.points = append(s.points, data.Point{X: Quantize(x), Y: Quantize(y), Label: label})
	s.origin = append(s.origin, -1)
	s.pointsChanged()
	return len(s.points) - 1, nil
}

// MovePoint moves point i to (x, y), snapped to Quantum. Above two
// dimensions it moves the point within the plane to the plane coordinates
// (x, y), keeping its other coordinates. It returns an error if i is out
// of range or a coordinate is invalid.
func (s *Scene) MovePoint(i int, x, y float64) error {
	if err := s.checkIndex(i); err != nil {
		return err
	}
	if err := checkPoint(x, y, 0); err != nil {
		return err
	}
	if s.high() {
		return s.moveHigh(i, x, y)
	}
	s.points[i].X, s.points[i].Y = Quantize(x), Quantize(y)
	s.pointsChanged()
	return nil
}

// RemovePoint removes point i. It returns an error if i is out of range.
func (s *Scene) RemovePoint(i int) error {
	if err := s.checkIndex(i); err != nil {
		return err
	}
	if s.high() {
		s.removeHigh(i)
	}
	s.points = append(s.points[:i], s.points[i+1:]...)
	s.origin = append(s.origin[:i], s.origin[i+1:]...)
	s.pointsChanged()
	return nil
}

func (s *Scene) checkIndex(i int) error {
	if i < 0 || i >= len(s.points) {
		return &fieldError{"index", fmt.Sprintf("must be a point index from 0 to %d, got %d", len(s.points)-1, i)}
	}
	return nil
}

// Clear removes every point; the preset becomes "empty", in the plane.
func (s *Scene) Clear() {
	set := s.settings
	set.Preset, set.N = "empty", 0
	if err := s.loadPreset(set); err != nil {
		panic("scene: clearing failed: " + err.Error())
	}
}

// Reset regenerates the preset's points, dropping every edit.
func (s *Scene) Reset() {
	if err := s.loadPreset(s.settings); err != nil {
		panic("scene: reset failed: " + err.Error())
	}
}

// SetPoints replaces all points with a custom set, snapped to Quantum: the
// preset becomes "empty", in the plane, and every point counts as added.
// It returns an error naming the first bad point, and changes nothing
// then.
func (s *Scene) SetPoints(points []data.Point) error {
	if len(points) > MaxPoints {
		return fmt.Errorf("points: %d points is more than the %d a scene holds", len(points), MaxPoints)
	}
	for i, p := range points {
		if err := checkPoint(p.X, p.Y, p.Label); err != nil {
			return fmt.Errorf("points[%d].%w", i, err)
		}
	}
	set := s.settings
	set.Preset, set.N = "empty", 0
	if err := s.loadPreset(set); err != nil {
		return err
	}
	s.points = make([]data.Point, len(points))
	s.origin = make([]int, len(points))
	for i, p := range points {
		s.points[i] = data.Point{X: Quantize(p.X), Y: Quantize(p.Y), Label: p.Label}
		s.origin[i] = -1
	}
	return nil
}

// AttackStale reports whether the model has changed since the points were
// last attacked: a Flush would re-attack. A view may let the attack lag a
// running training by a few frames, since attacking every point is the
// expensive part of a frame.
func (s *Scene) AttackStale() bool { return s.needAttack }

// FlushTraining does the part of Flush that restarts or refits the
// training after a change, without re-attacking.
func (s *Scene) FlushTraining() {
	if s.needTrain {
		s.needTrain = false
		s.train()
		s.needAttack = true
	}
}

// Flush recomputes whatever a change made stale: it retrains the converged
// fit (or restarts the article's training) and re-attacks every point.
func (s *Scene) Flush() {
	s.FlushTraining()
	if s.needAttack {
		s.needAttack = false
		s.attack()
	}
}

func (s *Scene) attack() {
	start := time.Now()
	defer func() { s.perf.AttackMs = ms(time.Since(start)) }()
	s.attackVersion = nextVersion()
	if s.high() {
		s.attackHigh()
		return
	}
	cfg := s.settings.AttackConfig()
	ev, err := metrics.Evaluate(s.model, s.points, cfg)
	if err != nil {
		// Settings and points are validated on the way in.
		panic("scene: attack failed: " + err.Error())
	}
	s.adv, s.flipped, s.clean = ev.Adversarial, ev.Flipped, ev.Correct
	s.figures = Metrics{N: len(s.points), Flipped: ev.NumFlipped, CleanError: ev.CleanError, AdversarialError: ev.AdversarialError}
	s.exact = nil
	if s.linear != nil {
		s.exact, err = metrics.NewLinearCurve(*s.linear, s.points, cfg.BallNorm())
		if err != nil {
			panic("scene: exact curve failed: " + err.Error())
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// versions numbers every change of every scene, so that a view switching
// to a new scene (a link loaded) never mistakes it for the old one.
var versions atomic.Int64

func nextVersion() int { return int(versions.Add(1)) }
