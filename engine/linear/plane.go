package linear

import (
	"errors"
	"fmt"
	"math"

	"advplay/engine/attack"
)

// Plane is the two-dimensional view of ℝ^d in which a linear model's
// boundary is a vertical line. The horizontal coordinate of x is its
// signed distance to the boundary,
//
//	h = ŵ·x + b/‖w‖₂,   ŵ = w/‖w‖₂,
//
// positive on the class-1 side, so the boundary is h = 0; the vertical
// coordinate is v = V·x along a fixed unit vector V orthogonal to ŵ.
//
// V is the alternating vector a = (1, −1, 1, −1, …)/√d made orthogonal to
// ŵ by one Gram–Schmidt step and normalized. It is defined by d alone, as
// spread over the coordinates as 1_d, and orthogonal to 1_d in even d, so
// for the clouds' best line (w ∝ 1_d) it needs no correction at all. When
// a is nearly parallel to ŵ (what remains of it after the step is shorter
// than 1/2) V is instead the first standard basis vector eⱼ whose remainder
// is at least 1/2 long, which exists for every d ≥ 2 since some |ŵⱼ| ≤ 1/√d.
// For d = 1 there is no orthogonal direction and V is nil: v is always 0.
//
// Since the projection is linear, an attacked point x + δ projects to
// Project(x) plus Project's linear part of δ, which is the same for every
// point of a class (Model.Step): AttackStep.
type Plane struct {
	U []float64 // ŵ
	V []float64 // nil when d = 1
	// Offset is b/‖w‖₂, added to ŵ·x.
	Offset float64
}

// NewPlane returns the plane of m. It returns an error if w is zero or not
// finite, since then there is no boundary to draw.
func NewPlane(m Model) (Plane, error) {
	n := m.Norm2()
	if n == 0 || math.IsNaN(n) || math.IsInf(n, 0) || math.IsNaN(m.B) || math.IsInf(m.B, 0) {
		return Plane{}, errors.New("linear: the model has no boundary to draw (w is zero or not finite)")
	}
	d := m.Dim()
	p := Plane{U: make([]float64, d), Offset: m.B / n}
	for j, v := range m.W {
		p.U[j] = v / n
	}
	if d == 1 {
		return p, nil
	}
	a := make([]float64, d)
	for j := range a {
		a[j] = 1 / math.Sqrt(float64(d))
		if j%2 == 1 {
			a[j] = -a[j]
		}
	}
	if p.V = orthonormal(a, p.U); p.V != nil {
		return p, nil
	}
	for j := range d {
		clear(a)
		a[j] = 1
		if p.V = orthonormal(a, p.U); p.V != nil {
			return p, nil
		}
	}
	panic("linear: NewPlane: no basis vector is far from ŵ") // impossible for d ≥ 2
}

// orthonormal returns a − (a·u)u normalized, a unit vector orthogonal to
// the unit vector u, or nil if a − (a·u)u is shorter than 1/2 (a unit a).
// It overwrites a.
func orthonormal(a, u []float64) []float64 {
	var dot float64
	for j, v := range u {
		dot += a[j] * v
	}
	var sq float64
	for j, v := range u {
		a[j] -= dot * v
		sq += a[j] * a[j]
	}
	if sq < 0.25 {
		return nil
	}
	n := math.Sqrt(sq)
	for j := range a {
		a[j] /= n
	}
	return a
}

// Project returns the coordinates (h, v) of x in the plane. It panics if x
// is not of the plane's dimension.
func (p Plane) Project(x []float64) (h, v float64) {
	h, v = p.linear(x)
	return h + p.Offset, v
}

func (p Plane) linear(x []float64) (h, v float64) {
	if len(x) != len(p.U) {
		panic(fmt.Sprintf("linear: Plane: point of length %d in %d dimensions", len(x), len(p.U)))
	}
	for j, u := range p.U {
		h += u * x[j]
	}
	if p.V != nil {
		for j, e := range p.V {
			v += e * x[j]
		}
	}
	return h, v
}

// AttackStep returns the step (dh, dv) in the plane of the attack of
// budget eps in the given ball on a point of the given label, for the
// model m that the plane was made from: dh is −s·m.Reach(eps, ball) (s = +1
// for class 1, −1 for class 0), since the step always heads for the
// boundary, and dv is V·δ, zero for FGM whose step is along ŵ. It panics
// if m is not of the plane's dimension or label is not 0 or 1.
func (p Plane) AttackStep(m Model, label int, eps float64, ball attack.Norm) (dh, dv float64) {
	return p.linear(m.Step(make([]float64, m.Dim()), label, eps, ball))
}
