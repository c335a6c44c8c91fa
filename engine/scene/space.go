package scene

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/glyphs"
	"advplay/engine/linear"
	"advplay/engine/logistic"
	"advplay/engine/mnist"
	"advplay/engine/model"
	"advplay/engine/scene/patch"
)

// Above two dimensions — the clouds carried to d dimensions (data.CloudsIn),
// the glyphs (package glyphs, d = 784) or a d-dimensional CSV — the truth is
// the points in ℝ^d, and the plane the page draws is the model's
// (linear.Plane): a point x is shown at
//
//	(ŵ·x, V·x),   ŵ = w/‖w‖₂,
//
// with V the plane's fixed unit direction orthogonal to ŵ. The model in
// the plane is then W = (‖w‖₂, 0), B = b, which gives every point the
// logit w·x + b it has in d dimensions (up to rounding), so the boundary is
// the vertical line x = −b/‖w‖₂ and shading, hover and hit-testing work as
// in the plane. Unlike linear.Plane's horizontal coordinate, x here has no
// offset b/‖w‖₂: moving the boundary moves the line, not the points.
//
// The model is logistic regression fitted to convergence in d + 1
// parameters (linear.Fit); the MLP, the article's descent and adversarial
// training are for the plane only. The attacks are the closed forms of
// package linear: FGSM (L∞) moves every point by −s·ε·sign(w) and FGM (L2)
// by −s·ε·ŵ (s = +1 for class 1, −1 for class 0). PGD on a linear model
// ends at the same corner of its ball as FGSM (L∞) or FGM (L2) — the
// worst case in the ball — so PGD is taken to be that closed form, whatever
// its steps. Errors are counted in d dimensions.
//
// A point added or moved at plane coordinates (x, y) lands at
//
//	m + (x − x_m)·ŵ + (y − y_m)·V
//
// (moved: its own coordinates in place of m), where m is the midpoint of
// the class means — the preset's distribution means, or the sample class
// means of imported points — and (x_m, y_m) its place in the plane: it
// shows at (x, y), and its other coordinates are the midpoint's. Each of
// its d coordinates is then snapped to the Quantum grid, as a point placed
// in the plane is, which moves it in the plane by at most √d·Quantum/2
// either way (‖ŵ‖₁ ≤ √d), and typically by a few 10⁻⁵.

// highDim is the d-dimensional side of a scene with d > 2.
type highDim struct {
	// base is the preset's points; samples the scene's, base rows in base
	// order, some moved or removed, followed by the added ones (origin
	// says which is which). samples shares base's storage until the first
	// edit.
	base, samples data.Samples
	shared        bool
	// means are the preset's class means, nil for imported points.
	means [2][]float64
	// plane is the view's: the fitted model's, or before a fit (or
	// without one) the bisector's of the class means. Its Offset is 0.
	plane linear.Plane
	// view, when set, places a point in the plane instead of plane: the
	// MNIST preset's (model's logit, principal direction).
	view func(x []float64) (float64, float64)
}

// cloudPreset reports whether a preset is one of CloudPresets.
func cloudPreset(name string) bool { return slices.Contains(CloudPresets, name) }

// presetDimension returns the dimension a preset has when chosen: 2 for
// the presets of package data, glyphs.Dim for the glyphs.
func presetDimension(name string) int {
	switch name {
	case glyphs.Name:
		return glyphs.Dim
	case MNIST:
		return mnist.Dim
	}
	return MinDimension
}

// generated returns the settings of the points a preset generates: only
// the clouds presets keep a dimension of their own (the zero value
// meaning 2), the glyphs and the digits have their pictures' 784 and every
// other preset 2, so regenerating "empty" drops the points a
// d-dimensional CSV brought, and their dimension; the glyph pair is the
// glyphs preset's only, the digit pair the MNIST preset's.
func (set Settings) generated() Settings {
	switch {
	case set.Preset == glyphs.Name || set.Preset == MNIST:
		set.Dimension = presetDimension(set.Preset)
	case !cloudPreset(set.Preset) || set.Dimension == 0:
		set.Dimension = MinDimension
	}
	if set.Preset != glyphs.Name {
		set.Glyphs = ""
	}
	if set.Preset != MNIST {
		set.Digits = ""
	}
	return set
}

// glyphConfig returns the glyph preset's configuration for the settings.
func glyphConfig(set Settings) glyphs.Config {
	c := glyphs.Default
	c.Pair, c.PerClass, c.Sigma = set.Glyphs, set.N, set.Noise
	return c
}

// generateHigh returns the points of a preset above two dimensions, and
// the class means they were drawn around.
func generateHigh(set Settings) (data.Samples, [2][]float64, error) {
	if set.Preset == glyphs.Name {
		c := glyphConfig(set)
		means, err := c.Means()
		if err != nil {
			return data.Samples{}, means, err
		}
		s, err := glyphs.Generate(c, set.Seed)
		return s, means, err
	}
	s, err := data.CloudsIn(set.Dimension, set.N, set.Noise, set.Seed)
	return s, data.CloudMeans(set.Dimension), err
}

// own copies samples out of base's storage before its first edit.
func (h *highDim) own() {
	if h.shared {
		h.samples = data.Samples{Dim: h.samples.Dim, X: slices.Clone(h.samples.X), Labels: slices.Clone(h.samples.Labels)}
		h.shared = false
	}
}

// setPlane makes the view's plane that of m, or the fallback's if m is
// nil or has no boundary.
func (h *highDim) setPlane(m *linear.Model) {
	if m != nil {
		if p, err := linear.NewPlane(*m); err == nil {
			p.Offset = 0
			h.plane = p
			return
		}
	}
	h.plane = h.fallbackPlane()
}

// fallbackPlane is the plane of the perpendicular bisector of the class
// means, or, when they coincide, of the first coordinate axis.
func (h *highDim) fallbackPlane() linear.Plane {
	if p, err := linear.NewPlane(linear.Bisector(h.midMeans())); err == nil {
		p.Offset = 0
		return p
	}
	e := linear.Model{W: make([]float64, h.samples.Dim)}
	e.W[0] = 1
	p, _ := linear.NewPlane(e)
	p.Offset = 0
	return p
}

// midMeans returns the class means: the preset's, or the sample means of
// the points (the mean of all points for a class without any; zero
// without points).
func (h *highDim) midMeans() [2][]float64 {
	if h.means[0] != nil {
		return h.means
	}
	d := h.samples.Dim
	var sums [2][]float64
	var counts [2]int
	all := make([]float64, d)
	for k := range sums {
		sums[k] = make([]float64, d)
	}
	for i := range h.samples.Len() {
		l := h.samples.Label(i)
		counts[l]++
		for j, v := range h.samples.Row(i) {
			sums[l][j] += v
			all[j] += v
		}
	}
	for k := range sums {
		n := counts[k]
		if n == 0 {
			sums[k], n = slices.Clone(all), max(h.samples.Len(), 1)
		}
		for j := range sums[k] {
			sums[k][j] /= float64(n)
		}
	}
	return sums
}

// project returns the plane coordinates (ŵ·x, V·x) of x.
func (h *highDim) project(x []float64) (float64, float64) {
	if h.view != nil {
		return h.view(x)
	}
	return h.plane.Project(x)
}

// projectAll returns every point's plane coordinates.
func (h *highDim) projectAll() []data.Point {
	pts := make([]data.Point, h.samples.Len())
	for i := range pts {
		x, y := h.project(h.samples.Row(i))
		pts[i] = data.Point{X: x, Y: y, Label: h.samples.Label(i)}
	}
	return pts
}

// place returns the point from at plane coordinates (fx, fy) moved within
// the plane to (x, y), each coordinate snapped to the Quantum grid. It
// returns an error naming x or y if a coordinate would leave
// ±MaxCoordinate.
func (h *highDim) place(from []float64, fx, fy, x, y float64) ([]float64, error) {
	dx, dy := x-fx, y-fy
	out := make([]float64, len(from))
	for j, v := range from {
		c := v + dx*h.plane.U[j]
		if h.plane.V != nil {
			c += dy * h.plane.V[j]
		}
		out[j] = Quantize(c)
		if !(math.Abs(out[j]) <= MaxCoordinate) {
			name := "x"
			if math.Abs(dy) > math.Abs(dx) {
				name = "y"
			}
			return nil, patch.Errorf(name, "puts coordinate x%d of the point at %v, beyond ±%v", j+1, c, float64(MaxCoordinate))
		}
	}
	return out, nil
}

// midpoint returns the midpoint of the class means.
func (h *highDim) midpoint() []float64 {
	means := h.midMeans()
	m := make([]float64, len(means[0]))
	for j := range m {
		m[j] = (means[0][j] + means[1][j]) / 2
	}
	return m
}

// checkRoom returns an error if one more point of d coordinates would
// exceed MaxPoints or data.MaxCoordinates.
func checkRoom(n, d int) error {
	if n >= MaxPoints {
		return fmt.Errorf("points: the scene is full (%d points); remove some or clear", MaxPoints)
	}
	if (n+1)*d > data.MaxCoordinates {
		return fmt.Errorf("points: the scene is full (%d points in %d dimensions; at most %d coordinates); remove some or clear", n, d, data.MaxCoordinates)
	}
	return nil
}

// addHigh adds a point at plane coordinates (x, y), checked by the caller.
func (p *pointSet) addHigh(x, y float64, label int) (int, error) {
	h := p.hd
	if err := checkRoom(h.samples.Len(), h.samples.Dim); err != nil {
		return 0, err
	}
	m := h.midpoint()
	mx, my := h.project(m)
	row, err := h.place(m, mx, my, x, y)
	if err != nil {
		return 0, err
	}
	h.own()
	h.samples.X = append(h.samples.X, row...)
	h.samples.Labels = append(h.samples.Labels, uint8(label))
	px, py := h.project(row)
	p.points = append(p.points, data.Point{X: px, Y: py, Label: label})
	p.origin = append(p.origin, -1)
	return len(p.points) - 1, nil
}

// moveHigh moves point i within the plane to (x, y), checked by the caller.
func (p *pointSet) moveHigh(i int, x, y float64) error {
	h := p.hd
	row, err := h.place(h.samples.Row(i), p.points[i].X, p.points[i].Y, x, y)
	if err != nil {
		return err
	}
	h.own()
	copy(h.samples.Row(i), row)
	p.points[i].X, p.points[i].Y = h.project(row)
	return nil
}

// removeHigh removes point i's coordinates, checked by the caller.
func (p *pointSet) removeHigh(i int) {
	h := p.hd
	h.own()
	d := h.samples.Dim
	h.samples.X = append(h.samples.X[:i*d], h.samples.X[(i+1)*d:]...)
	h.samples.Labels = append(h.samples.Labels[:i], h.samples.Labels[i+1:]...)
}

// checkSamples checks a custom set of points in d dimensions for
// SetSamples: the dimension, the values, the counts and every coordinate's
// range, naming the first bad point and coordinate (points[i].xj, j from 1).
func checkSamples(in data.Samples) error {
	if in.Dim < MinDimension || in.Dim > MaxDimension {
		return patch.Errorf("dimension", "must be a whole number from %d to %d, got %d", MinDimension, MaxDimension, in.Dim)
	}
	if len(in.X) != in.Len()*in.Dim {
		return fmt.Errorf("points: %d coordinates for %d points in %d dimensions", len(in.X), in.Len(), in.Dim)
	}
	n := in.Len()
	if n > MaxPoints {
		return fmt.Errorf("points: %d points is more than the %d a scene holds", n, MaxPoints)
	}
	if n*in.Dim > data.MaxCoordinates {
		return fmt.Errorf("points: %d points in %d dimensions are more than %d coordinates", n, in.Dim, data.MaxCoordinates)
	}
	for i := range n {
		var err error
		if in.Dim == MinDimension {
			err = checkPoint(in.X[2*i], in.X[2*i+1], int(in.Labels[i]))
		} else {
			err = checkRow(in.Row(i), int(in.Labels[i]), in.Dim)
		}
		var pe *patch.Error
		if errors.As(err, &pe) {
			return patch.Errorf(fmt.Sprintf("points[%d].%s", i, pe.Path), "%s", pe.Msg)
		}
		if err != nil {
			return fmt.Errorf("points[%d]: %w", i, err)
		}
	}
	return nil
}

// highModel returns the d-dimensional model the run fitted, or the zero
// model of dimension d without one.
func highModel(r *run, d int) linear.Model {
	if r != nil && r.high != nil {
		return r.high.Model
	}
	return linear.Model{W: make([]float64, d)}
}

// inPlane returns the model in the plane equivalent to m: W = (‖w‖₂, 0),
// B = b.
func inPlane(m linear.Model) *model.Linear {
	return &model.Linear{W: [2]float64{m.Norm2(), 0}, B: m.B}
}

// fitHigh fits logistic regression to convergence in d + 1 parameters.
func fitHigh(samples data.Samples) (*run, error) {
	res, err := linear.Fit(samples, linear.FitOptions{})
	if err != nil {
		return nil, err
	}
	m := inPlane(res.Model)
	r := &run{model: m, linear: m, high: &res, method: "lbfgs", lossAt: -1}
	r.fit.Loss, r.fit.Iterations, r.fit.L2 = res.Loss, res.Iterations, res.L2
	return r, nil
}

// reproject shows the points in the plane of the model r fitted.
func (p *pointSet) reproject(r *run) {
	if p.digits != nil {
		// The digits move to the new model's logits with its first
		// attack (FlushFor); until then they stay.
		return
	}
	var m *linear.Model
	if r != nil && r.high != nil {
		m = &r.high.Model
	}
	p.hd.setPlane(m)
	p.points = p.hd.projectAll()
}

// flipCurve is the exact error-against-ε curve of a linear model in d
// dimensions under the closed-form attack of one ball, from each point's
// flip threshold t = margin/‖w‖_dual, where the margin s·(w·x + b) falls
// by ε‖w‖_dual (‖w‖₁ for L∞, ‖w‖₂ for L2): a class-1 point is wrong at ε
// when t ≤ ε, a class-0 point when t < ε, since a point on the boundary is
// class 0 — as metrics.LinearCurve in the plane.
type flipCurve struct {
	t [2][]float64 // sorted, by label
	n int
}

// threshold returns a point's flip threshold: margin/dual, or for dual = 0
// (w = 0, which no attack moves) −∞ if it is misclassified and +∞ if not.
func threshold(margin, dual float64, label int) float64 {
	if dual > 0 {
		return margin / dual
	}
	if margin < 0 || margin == 0 && label == 1 {
		return math.Inf(-1)
	}
	return math.Inf(1)
}

// newFlipCurve returns the curve of m on the points in d dimensions.
func newFlipCurve(samples data.Samples, m linear.Model, ball attack.Norm) *flipCurve {
	dual := m.Norm1()
	if ball == attack.L2 {
		dual = m.Norm2()
	}
	c := &flipCurve{n: samples.Len()}
	for i := range c.n {
		l := samples.Label(i)
		c.t[l] = append(c.t[l], threshold(margin(m, samples.Row(i), l), dual, l))
	}
	slices.Sort(c.t[0])
	slices.Sort(c.t[1])
	return c
}

// margin returns s·(w·x + b), positive when x is on its own side.
func margin(m linear.Model, x []float64, label int) float64 {
	z := m.Logit(x)
	if label == 0 {
		return -z
	}
	return z
}

// Error returns the error rate at ε, or 0 without points.
func (c *flipCurve) Error(eps float64) float64 {
	if c.n == 0 {
		return 0
	}
	wrong1 := sort.Search(len(c.t[1]), func(i int) bool { return c.t[1][i] > eps })
	wrong0 := sort.Search(len(c.t[0]), func(i int) bool { return c.t[0][i] >= eps })
	return float64(wrong0+wrong1) / float64(c.n)
}

// infoHigh is Info above two dimensions, for point i of samples under
// the model m and the attack's ball.
func infoHigh(samples data.Samples, m linear.Model, ball attack.Norm, i int) PointInfo {
	row, l := samples.Row(i), samples.Label(i)
	mg := margin(m, row, l)
	dual := m.Norm1()
	if ball == attack.L2 {
		dual = m.Norm2()
	}
	r := logistic.Residual(m.Logit(row), float64(l))
	return PointInfo{Grad: [2]float64{r * m.Norm2(), 0}, Margin: mg, MinFlip: max(0, threshold(mg, dual, l))}
}
