package scene

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"advplay/engine/data"
	"advplay/engine/scene/patch"
)

// pointSet is the scene's points. In the plane, points is what the
// visitor sees: the preset's generated points (base) in base order, some
// moved or removed, followed by the points the visitor added; origin[i] is
// the base index of points[i], or -1 for an added point. Above two
// dimensions hd holds the truth, the points in ℝ^d, base is nil, and
// points are their places in the model's plane (see space.go).
type pointSet struct {
	base   []data.Point
	points []data.Point
	origin []int
	hd     *highDim
	// digits is the MNIST preset's training side; hd holds its test
	// digits (see digits.go).
	digits *digitSide
}

// high reports whether the points are above two dimensions.
func (p *pointSet) high() bool { return p.hd != nil }

// load replaces the points with the preset's, as set (already
// generated()) describes them.
func (p *pointSet) load(set Settings) error {
	if set.Preset == MNIST {
		return p.loadDigits(set)
	}
	p.digits = nil
	if set.Dimension > MinDimension {
		samples, means, err := generateHigh(set)
		if err != nil {
			return err
		}
		p.setHigh(&highDim{base: samples, samples: samples, shared: true, means: means}, identity(samples.Len()))
		return nil
	}
	base, err := data.Generate(set.Preset, set.N, set.Noise, set.Seed)
	if err != nil {
		return err
	}
	p.hd, p.base = nil, base
	p.points = slices.Clone(base)
	p.origin = identity(len(base))
	return nil
}

// identity returns the origins of n base points in base order.
func identity(n int) []int {
	origin := make([]int, n)
	for i := range origin {
		origin[i] = i
	}
	return origin
}

// setHigh makes h the points in d = h.samples.Dim dimensions, with origin
// their base indices (-1 for added points), shown in the plane of the
// class means' bisector until a model is fitted.
func (p *pointSet) setHigh(h *highDim, origin []int) {
	h.setPlane(nil)
	p.hd, p.base = h, nil
	p.points = h.projectAll()
	p.origin = origin
}

// dim returns the dimension of the points.
func (p *pointSet) dim() int {
	if p.high() {
		return p.hd.samples.Dim
	}
	return MinDimension
}

func (p *pointSet) checkIndex(i int) error {
	if i < 0 || i >= len(p.points) {
		return patch.Errorf("index", "must be a point index from 0 to %d, got %d", len(p.points)-1, i)
	}
	return nil
}

// checkPoint checks a point placed in the plane.
func checkPoint(x, y float64, label int) error {
	if _, err := coordinate("x", x); err != nil {
		return err
	}
	if _, err := coordinate("y", y); err != nil {
		return err
	}
	if label != 0 && label != 1 {
		return patch.Errorf("label", "must be 0 (red) or 1 (blue), got %d", label)
	}
	return nil
}

// add appends a point at plane coordinates (x, y), checked by the caller.
func (p *pointSet) add(x, y float64, label int) (int, error) {
	if p.high() {
		return p.addHigh(x, y, label)
	}
	if len(p.points) >= MaxPoints {
		return 0, fmt.Errorf("points: the scene is full (%d points); remove some or clear", MaxPoints)
	}
	p.points = append(p.points, data.Point{X: Quantize(x), Y: Quantize(y), Label: label})
	p.origin = append(p.origin, -1)
	return len(p.points) - 1, nil
}

// move moves point i to plane coordinates (x, y), checked by the caller.
func (p *pointSet) move(i int, x, y float64) error {
	if p.high() {
		return p.moveHigh(i, x, y)
	}
	p.points[i].X, p.points[i].Y = Quantize(x), Quantize(y)
	return nil
}

// remove removes point i, checked by the caller.
func (p *pointSet) remove(i int) {
	if p.high() {
		p.removeHigh(i)
	}
	p.points = append(p.points[:i], p.points[i+1:]...)
	p.origin = append(p.origin[:i], p.origin[i+1:]...)
}

// setPoints replaces the points with a custom set in the plane, checked by
// the caller, each snapped to Quantum; every point counts as added.
func (p *pointSet) setPoints(points []data.Point) {
	p.hd, p.base, p.digits = nil, nil, nil
	p.points = make([]data.Point, len(points))
	p.origin = make([]int, len(points))
	for i, q := range points {
		p.points[i] = data.Point{X: Quantize(q.X), Y: Quantize(q.Y), Label: q.Label}
		p.origin[i] = -1
	}
}

// setSamples replaces the points with a custom set in d > 2 dimensions,
// checked by the caller, each coordinate snapped to Quantum; every point
// counts as added.
func (p *pointSet) setSamples(in data.Samples) {
	samples := data.Samples{Dim: in.Dim, X: make([]float64, len(in.X)), Labels: slices.Clone(in.Labels)}
	for j, v := range in.X {
		samples.X[j] = Quantize(v)
	}
	origin := make([]int, in.Len())
	for i := range origin {
		origin[i] = -1
	}
	p.digits = nil
	p.setHigh(&highDim{base: data.Samples{Dim: in.Dim}, samples: samples}, origin)
}

// checkEditable refuses to add, move or remove points of the MNIST
// preset, whose points are the test digits.
func (p *pointSet) checkEditable() error {
	if p.digits != nil {
		return fmt.Errorf("points: the %s preset's points are the test digits of MNIST, which stay as they are; choose another preset to edit points", MNIST)
	}
	return nil
}

// baseLen returns the number of the preset's points.
func (p *pointSet) baseLen() int {
	if p.high() {
		return p.hd.base.Len()
	}
	return len(p.base)
}

// row returns the coordinates of point i: its d coordinates above two
// dimensions (not a copy), x and y in the plane.
func (p *pointSet) row(i int) []float64 {
	if p.high() {
		return p.hd.samples.Row(i)
	}
	return []float64{p.points[i].X, p.points[i].Y}
}

// baseRow returns the coordinates of the preset's point b, and baseLabel
// its label.
func (p *pointSet) baseRow(b int) []float64 {
	if p.high() {
		return p.hd.base.Row(b)
	}
	return []float64{p.base[b].X, p.base[b].Y}
}

func (p *pointSet) baseLabel(b int) int {
	if p.high() {
		return p.hd.base.Label(b)
	}
	return p.base[b].Label
}

// Edits are how a scene's points differ from its preset's: what share
// links store, since the preset's own points are generated again from
// the settings.
type Edits struct {
	// Dim is the dimension of every row.
	Dim int
	// Removed lists the base indices of the preset's points that were
	// removed, in increasing order.
	Removed []int
	// Moved lists the preset's points that were moved, in increasing base
	// order, with their coordinates.
	Moved []Moved
	// Added lists the points added, in order.
	Added []Added
}

// Moved is one of the preset's points, at new coordinates.
type Moved struct {
	Base int
	Row  []float64
}

// Added is a point added to the preset's, with its label.
type Added struct {
	Row   []float64
	Label int
}

// edits returns the points' edits; rows are not copies.
func (p *pointSet) edits() Edits {
	e := Edits{Dim: p.dim()}
	kept := make([]bool, p.baseLen())
	for i, o := range p.origin {
		if o < 0 {
			e.Added = append(e.Added, Added{Row: p.row(i), Label: p.points[i].Label})
			continue
		}
		kept[o] = true
		if row := p.row(i); !slices.Equal(row, p.baseRow(o)) {
			e.Moved = append(e.Moved, Moved{Base: o, Row: row})
		}
	}
	for b, k := range kept {
		if !k {
			e.Removed = append(e.Removed, b)
		}
	}
	return e
}

// applyEdits applies e to the preset's points as just generated: e.Dim
// must be the points' dimension, or, on the empty preset, the dimension of
// points a d-dimensional CSV brought, which arrive as added points. It
// returns an error saying what is wrong, and changes nothing then.
func (p *pointSet) applyEdits(e Edits) error {
	d := p.dim()
	imported := p.baseLen() == 0 && e.Dim != d
	switch {
	case imported && (e.Dim < MinDimension || e.Dim > MaxDimension):
		return fmt.Errorf("dimension: must be a whole number from %d to %d, got %d", MinDimension, MaxDimension, e.Dim)
	case !imported && e.Dim != d:
		return fmt.Errorf("edits of %d coordinates for points in %d dimensions", e.Dim, d)
	}
	removed, movedTo, err := p.checkEdits(e)
	if err != nil {
		return err
	}
	if p.digits != nil {
		if len(e.Removed) > 0 || len(e.Moved) > 0 || len(e.Added) > 0 {
			return p.checkEditable()
		}
		return nil // the digits as loaded, shared, not copied
	}
	n := p.baseLen() + len(e.Added)
	out := data.Samples{Dim: e.Dim, X: make([]float64, 0, n*e.Dim), Labels: make([]uint8, 0, n)}
	origin := make([]int, 0, p.baseLen())
	for b := range p.baseLen() {
		if removed[b] {
			continue
		}
		row, ok := movedTo[b]
		if !ok {
			row = p.baseRow(b)
		}
		out.X = append(out.X, row...)
		out.Labels = append(out.Labels, uint8(p.baseLabel(b)))
		origin = append(origin, b)
	}
	for _, a := range e.Added {
		out.X = append(out.X, a.Row...)
		out.Labels = append(out.Labels, uint8(a.Label))
		origin = append(origin, -1)
	}
	switch {
	case imported:
		p.setHigh(&highDim{base: data.Samples{Dim: e.Dim}, samples: out}, origin)
	case p.high():
		p.setHigh(&highDim{base: p.hd.base, samples: out, means: p.hd.means}, origin)
	default:
		p.points, _ = out.Points()
		p.origin = origin
	}
	return nil
}

// checkEdits checks e against the preset's points: removed and moved
// points exist, each once and in increasing order, none is both, every
// coordinate is in range, and the points fit in a scene. It returns which
// base points are removed and where the moved ones go.
func (p *pointSet) checkEdits(e Edits) (removed []bool, movedTo map[int][]float64, err error) {
	nb := p.baseLen()
	removed = make([]bool, nb)
	for k, b := range e.Removed {
		if b < 0 || b >= nb || k > 0 && b <= e.Removed[k-1] {
			return nil, nil, errors.New("removes a point that does not exist")
		}
		removed[b] = true
	}
	movedTo = map[int][]float64{}
	for k, m := range e.Moved {
		if m.Base < 0 || m.Base >= nb || removed[m.Base] || k > 0 && m.Base <= e.Moved[k-1].Base {
			return nil, nil, errors.New("moves a point that does not exist")
		}
		if err := checkRow(m.Row, 0, e.Dim); err != nil {
			return nil, nil, fmt.Errorf("moves a point out of range: %w", err)
		}
		movedTo[m.Base] = m.Row
	}
	if nb-len(e.Removed)+len(e.Added) > min(MaxPoints, data.MaxCoordinates/e.Dim) {
		return nil, nil, errors.New("has too many added points")
	}
	for _, a := range e.Added {
		if err := checkRow(a.Row, a.Label, e.Dim); err != nil {
			return nil, nil, fmt.Errorf("adds a point out of range: %w", err)
		}
	}
	return removed, movedTo, nil
}

// checkRow checks the d coordinates and the label of a point: x and y in
// the plane (as checkPoint), x1 to xd above.
func checkRow(row []float64, label, d int) error {
	if len(row) != d {
		return fmt.Errorf("a point of %d coordinates in %d dimensions", len(row), d)
	}
	if d == MinDimension {
		return checkPoint(row[0], row[1], label)
	}
	if label != 0 && label != 1 {
		return patch.Errorf("label", "must be 0 (red) or 1 (blue), got %d", label)
	}
	for j, v := range row {
		if _, err := coordinate(fmt.Sprintf("x%d", j+1), v); err != nil {
			return err
		}
	}
	return nil
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
