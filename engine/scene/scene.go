package scene

import (
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"advplay/engine/data"
	"advplay/engine/model"
)

// Scene is the playground's state: the settings, the points, the trained
// model and every point attacked, with the chart and the dimension sweep
// working on their series. The zero value is not usable; call New.
//
// A Scene is not safe for concurrent use, and needs no lock where advplay
// uses it: in the browser every goroutine (the game loop, the trainer
// between frames, the JavaScript callbacks) runs on the one thread of
// js/wasm, which switches goroutines only where one blocks or sleeps, never
// in the middle of a method; the command line uses a scene from one
// goroutine.
type Scene struct {
	settings Settings
	pts      pointSet
	fit      fitting
	att      attacked
	chart    Chart
	dims     DimensionChart

	// Versions count changes, so that a view can cache what it draws;
	// presetVersion counts regenerations, after which a view refits.
	pointsVersion, modelVersion, attackVersion, presetVersion int

	perf Perf
}

// Perf holds timings of the scene's own work in milliseconds, for
// state().perf; the view adds its frame timings.
type Perf struct {
	TrainMs  float64 `json:"trainMs"`
	AttackMs float64 `json:"attackMs"`
}

// New returns a scene with the given settings and the preset's points, to
// be trained and attacked at the first Flush. It returns an error if the
// settings are invalid.
func New(set Settings) (*Scene, error) {
	s := &Scene{}
	s.chart.s, s.dims.s = s, s
	set = set.generated()
	if err := s.pts.load(set); err != nil {
		return nil, err
	}
	s.settings = set
	s.presetVersion = nextVersion()
	s.pointsChanged()
	return s, nil
}

// Restore returns the scene a share link describes: the settings in p,
// then, once the preset's points are generated, the edits that read
// returns, given how many points the preset has and their dimension. An
// error from Apply's check of p, from read or from the edits is returned
// as it is; nothing is trained before the edits are in.
func Restore(p Patch, read func(base, dim int) (Edits, error)) (*Scene, error) {
	set := DefaultSettings()
	set.Preset, set.N = "empty", 0
	s := &Scene{settings: set.generated()}
	s.chart.s, s.dims.s = s, s
	c, err := parse(s.settings, p)
	if err != nil {
		return nil, err
	}
	if err := s.apply(c); err != nil {
		return nil, err
	}
	e, err := read(s.pts.baseLen(), s.pts.dim())
	if err != nil {
		return nil, err
	}
	if err := s.pts.applyEdits(e); err != nil {
		return nil, err
	}
	s.settings.Dimension = s.pts.dim()
	s.pointsChanged()
	// The attack of the test digits takes a while, and a training worker
	// never needs it: Summary does it all when asked, a page in slices.
	s.FlushFor(0)
	return s, nil
}

// Settings returns the current settings.
func (s *Scene) Settings() Settings { return s.settings }

// Apply applies a patch of settable fields (Fields), for example
// {"epsilon": 0.2}, {"attack": {"method": "pgd"}} or
// {"preset": "article", "seed": 3}, and the commands training.running and
// points. It checks the whole patch first: on error it returns an error
// naming the field, such as "epsilon: must be a number from 0 to 1, got
// -1", and changes nothing.
//
// Setting preset, seed, n, noise, dimension or glyphs regenerates the
// points (dropping edits); points replaces them with a custom set in the
// plane. Changing the recipe, the model, the defense or the training
// retrains; changing ε or the attack re-attacks. Choosing another preset
// sets n, noise, dimension and glyphs to its defaults unless the patch
// sets them too.
//
// dimension (a whole number from MinDimension to MaxDimension) applies to
// the clouds presets (CloudPresets) only, and glyphs (two distinct
// characters that Go Regular draws, such as "37") to the glyphs preset
// only; for another preset a patch that changes them is refused (one that
// repeats the preset's own value changes nothing). The points may hold at
// most data.MaxCoordinates coordinates, 2·n·d: beyond that the error names
// n or dimension, whichever the patch set (dimension if both). Above two
// dimensions the model is logistic regression fitted to convergence: a
// patch that would combine d > 2 with the MLP, the article's recipe or a
// defense is refused, naming the field it set (model.kind,
// training.recipe or defense.method), and one that leaves them as they
// were puts them back to their defaults.
//
// On the MNIST preset Apply leaves the attack of the test digits, which
// takes a while, to Summary or FlushFor (it is FlushFor(0)).
func (s *Scene) Apply(p Patch) error {
	c, err := parse(s.settings, p)
	if err != nil {
		return err
	}
	if err := s.apply(c); err != nil {
		return err
	}
	s.FlushFor(0)
	return nil
}

// apply carries out a checked change, without the Flush. Generating the
// preset's points is the only step that can fail, and comes first.
func (s *Scene) apply(c change) error {
	switch {
	case c.regenerate:
		if err := s.pts.load(c.next); err != nil {
			return fmt.Errorf("preset: %w", err)
		}
		s.presetVersion = nextVersion()
		s.pointsChanged()
	case c.hasPoints:
		s.pts.setPoints(c.points)
		s.presetVersion = nextVersion()
		s.pointsChanged()
	}
	s.settings = c.next
	s.fit.stale = s.fit.stale || c.retrain
	s.att.stale = s.att.stale || c.reattack
	if c.running != nil {
		s.FlushTraining()
		if !s.fit.setRunning(*c.running) {
			s.fit.stale = true
		}
	}
	return nil
}

// pointsChanged records that the points changed: the model and the attack
// are stale.
func (s *Scene) pointsChanged() {
	s.pointsVersion = nextVersion()
	s.fit.stale = true
	s.att.stale = true
}

// AddPoint appends a point, snapped to Quantum, and returns its index.
// Above two dimensions (x, y) are plane coordinates: the point lands there
// in the plane with its other coordinates at the midpoint of the class
// means, each snapped to Quantum (see space.go). It returns an error
// naming the argument if a coordinate is not a finite number within
// ±MaxCoordinate, the label is not 0 or 1, or the scene is full (MaxPoints
// points, or data.MaxCoordinates coordinates).
func (s *Scene) AddPoint(x, y float64, label int) (int, error) {
	if err := s.pts.checkEditable(); err != nil {
		return 0, err
	}
	if err := checkPoint(x, y, label); err != nil {
		return 0, err
	}
	i, err := s.pts.add(x, y, label)
	if err != nil {
		return 0, err
	}
	s.pointsChanged()
	return i, nil
}

// MovePoint moves point i to (x, y), snapped to Quantum. Above two
// dimensions it moves the point within the plane to the plane coordinates
// (x, y), keeping its other coordinates. It returns an error if i is out
// of range or a coordinate is invalid.
func (s *Scene) MovePoint(i int, x, y float64) error {
	if err := s.pts.checkEditable(); err != nil {
		return err
	}
	if err := s.pts.checkIndex(i); err != nil {
		return err
	}
	if err := checkPoint(x, y, 0); err != nil {
		return err
	}
	if err := s.pts.move(i, x, y); err != nil {
		return err
	}
	s.pointsChanged()
	return nil
}

// RemovePoint removes point i. It returns an error if i is out of range.
func (s *Scene) RemovePoint(i int) error {
	if err := s.pts.checkEditable(); err != nil {
		return err
	}
	if err := s.pts.checkIndex(i); err != nil {
		return err
	}
	s.pts.remove(i)
	s.pointsChanged()
	return nil
}

// SetSamples replaces all points with a custom set in d dimensions,
// MinDimension ≤ d ≤ MaxDimension, each coordinate snapped to Quantum: the
// preset becomes "empty", the dimension d, and every point counts as
// added. It returns an error naming the first bad point and coordinate
// (points[i].xj, j from 1, or points[i].x in the plane), or the limit
// exceeded — MaxPoints points, data.MaxCoordinates coordinates — and
// changes nothing then. The samples are copied.
func (s *Scene) SetSamples(in data.Samples) error {
	if err := checkSamples(in); err != nil {
		return err
	}
	set := s.settings
	set.Preset, set.N, set.Glyphs, set.Dimension = "empty", 0, "", in.Dim
	if in.Dim == MinDimension {
		pts, _ := in.Points()
		s.pts.setPoints(pts)
	} else {
		s.pts.setSamples(in)
	}
	if set.Dimension > MinDimension {
		_ = checkHigh(Patch{}, &set) // back to what d > 2 allows
	}
	s.settings = set
	s.presetVersion = nextVersion()
	s.pointsChanged()
	return nil
}

// FlushTraining does the part of Flush that restarts or refits the
// training after a change, without re-attacking.
func (s *Scene) FlushTraining() {
	if !s.fit.stale {
		return
	}
	start := time.Now()
	s.fit.restart(s.settings, &s.pts)
	s.perf.TrainMs = ms(time.Since(start))
	s.modelVersion = nextVersion()
	if s.pts.high() {
		s.pointsVersion = nextVersion() // the points moved to the new plane
	}
	s.att.stale = true
}

// Flush recomputes whatever a change made stale: it retrains the converged
// fit (or restarts a step-wise training) and re-attacks every point.
func (s *Scene) Flush() {
	s.FlushTraining()
	if !s.att.stale {
		return
	}
	if s.pts.digits != nil {
		s.FlushFor(math.MaxInt64)
		return
	}
	start := time.Now()
	s.att.stale = false
	s.attackVersion = nextVersion()
	s.att.run(&s.pts, s.fit.model, highModel(s.fit.main, s.pts.dim()), s.settings.AttackConfig())
	s.perf.AttackMs = ms(time.Since(start))
}

// Tick advances a running training by at most epochs epochs (each of the
// two models, under a defense) and reports whether a model changed. It
// leaves the attack stale: a view may let the attack lag a running
// training by a few frames, since attacking every point is the expensive
// part of a frame.
func (s *Scene) Tick(epochs int) bool {
	s.FlushTraining()
	if !s.fit.running || epochs <= 0 {
		return false
	}
	start := time.Now()
	s.fit.step(epochs)
	s.perf.TrainMs = ms(time.Since(start))
	s.modelVersion = nextVersion()
	s.att.stale = true
	return true
}

// Running reports whether a step-wise training is in progress.
func (s *Scene) Running() bool { return s.fit.running }

// View is what a view draws, as of the last Flush (FlushTraining for the
// model): the slices must not be modified.
type View struct {
	// Points are the points in the plane; above two dimensions, their
	// places in the model's plane (x = ŵ·x, y = V·x; see space.go), which
	// move whenever the model is refitted.
	Points []data.Point
	// Adversarial are the attacked points, and Flipped says which points
	// the attack turned from right to wrong, parallel to Points.
	Adversarial []data.Point
	Flipped     []bool
	// Model is the model in the plane, and Linear the same when it is
	// logistic regression (nil for the MLP); above two dimensions, its
	// equivalent in the plane, w = (‖w‖₂, 0), b.
	Model  model.Model
	Linear *model.Linear
	// AttackStale says the model changed since the points were attacked.
	AttackStale bool
	Metrics     Metrics
	Versions    Versions
}

// Versions are counters that change whenever the points, the model, the
// attacked points or the preset's points (regenerated or replaced, after
// which a view fits them again) change. They count every change of every
// scene, so that a view switching to another scene never mistakes it for
// the old one.
type Versions struct {
	Points, Model, Attack, Preset int
}

// View returns what a view draws.
func (s *Scene) View() View {
	return View{Points: s.pts.points, Adversarial: s.att.adv, Flipped: s.att.flipped, Model: s.fit.model, Linear: s.fit.linear,
		AttackStale: s.att.stale, Metrics: s.att.figures,
		Versions: Versions{Points: s.pointsVersion, Model: s.modelVersion, Attack: s.attackVersion, Preset: s.presetVersion}}
}

// Info returns the hover details of point i as of the last Flush. It
// panics if i is out of range. Above two dimensions Grad is
// ∇ₓJ = (σ(z) − y)·w seen in the plane, (σ(z) − y)·(‖w‖₂, 0), and Margin
// and MinFlip are those in d dimensions.
func (s *Scene) Info(i int) PointInfo {
	if s.pts.digits != nil {
		return digitInfo(&s.pts, &s.att, s.fit.main.digitModel(mnistDim), i)
	}
	return s.att.info(&s.pts, s.fit.model, s.fit.linear, highModel(s.fit.main, s.pts.dim()), s.settings.AttackConfig().BallNorm(), i)
}

// Edits returns how the points differ from the preset's, what a share
// link stores; the rows must not be modified.
func (s *Scene) Edits() Edits { return s.pts.edits() }

// Chart returns the error-against-ε chart, and Dimensions the
// error-against-dimension chart: background work a view refines a slice
// at a time.
func (s *Scene) Chart() *Chart { return &s.chart }

// Dimensions: see Chart.
func (s *Scene) Dimensions() *DimensionChart { return &s.dims }

// versions numbers every change of every scene, so that a view switching
// to a new scene (a link loaded) never mistakes it for the old one.
var versions atomic.Int64

func nextVersion() int { return int(versions.Add(1)) }
