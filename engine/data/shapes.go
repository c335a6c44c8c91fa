package data

import (
	"math"

	"advplay/engine/portable"
)

// The non-linear datasets: moons, circles, xor and spiral.
//
// Every shape is centred on ShapeCenter = (1, 1), the midpoint of the
// article's clouds, and spans about [−1, 3]², the square those clouds fill,
// so one view of the plane fits every preset. Each returns perClass red
// points (label 0) followed by perClass blue points (label 1), and adds
// independent Gaussian noise N(0, noise²) to each coordinate, drawn from
// NewRand(seed) in the order the points are returned. With noise 0 the
// points lie exactly on the underlying curves (and the seed does not
// matter); moons, circles and spiral place them at evenly spaced
// parameters, as scikit-learn's make_moons and make_circles do.
//
// Only arithmetic, math.Sin, math.Cos (pure Go on every architecture) and
// portable.Normal are used, so a seed gives bit-identical points natively
// and under js/wasm.

// ShapeCenter is the centre of the moons, circles, xor and spiral presets.
var ShapeCenter = [2]float64{1, 1}

// Defaults of the non-linear presets (points per class, noise).
const (
	ShapesPerClass = 200

	MoonsNoise   = 0.15
	CirclesNoise = 0.12
	XORNoise     = 0.4
	SpiralNoise  = 0.1
)

// MoonsScale is the factor from scikit-learn's make_moons coordinates to
// ours: the moons span [−1, 2]×[−0.5, 1] there and [−1, 3]×[0, 2] here.
const MoonsScale = 4.0 / 3

// Moons returns two interleaving half circles, as scikit-learn's
// make_moons: class 0 (red) on the upper arc (cos t, sin t) and class 1
// (blue) on the lower arc (1 − cos t, ½ − sin t), t evenly spaced in [0, π],
// then scaled by MoonsScale and centred on ShapeCenter. The arcs come
// within 0.5·MoonsScale ≈ 0.67 of each other at the tips. perClass must not
// be negative.
func Moons(perClass int, noise float64, seed uint64) []Point {
	rnd := NewRand(seed)
	points := make([]Point, 0, 2*perClass)
	for label := range 2 {
		for i := range perClass {
			t := math.Pi * spaced(i, perClass, true)
			s, c := math.Sin(t), math.Cos(t)
			x, y := c, s
			if label == 1 {
				x, y = 1-c, 0.5-s
			}
			// scikit-learn's moons are centred on (0.5, 0.25).
			x = ShapeCenter[0] + MoonsScale*(x-0.5) + noise*portable.Normal(rnd)
			y = ShapeCenter[1] + MoonsScale*(y-0.25) + noise*portable.Normal(rnd)
			points = append(points, Point{X: x, Y: y, Label: label})
		}
	}
	return points
}

// Radii of the circles preset; their ratio is scikit-learn's make_circles
// factor 0.5.
const (
	CirclesOuter = 1.6
	CirclesInner = 0.8
)

// Circles returns two concentric circles around ShapeCenter, as
// scikit-learn's make_circles with factor 0.5: class 0 (red) on the outer
// circle of radius CirclesOuter, class 1 (blue) on the inner one of radius
// CirclesInner, at evenly spaced angles. perClass must not be negative.
func Circles(perClass int, noise float64, seed uint64) []Point {
	rnd := NewRand(seed)
	points := make([]Point, 0, 2*perClass)
	for label, r := range [2]float64{CirclesOuter, CirclesInner} {
		for i := range perClass {
			t := 2 * math.Pi * spaced(i, perClass, false)
			x := ShapeCenter[0] + r*math.Cos(t) + noise*portable.Normal(rnd)
			y := ShapeCenter[1] + r*math.Sin(t) + noise*portable.Normal(rnd)
			points = append(points, Point{X: x, Y: y, Label: label})
		}
	}
	return points
}

// XORCenters holds the centres of the xor preset's blobs, by label. Class 1
// (blue) sits in the quadrants around ShapeCenter where (x−1)(y−1) > 0, as
// in the TensorFlow Playground's xor; class 0 (red) in the other two.
var XORCenters = [2][2][2]float64{
	{{0, 2}, {2, 0}},
	{{0, 0}, {2, 2}},
}

// XOR returns four Gaussian blobs of standard deviation noise, one in each
// quadrant around ShapeCenter, at the centres XORCenters: the points of a
// class alternate between its two blobs, first one first. With noise 0 all
// points of a blob coincide at its centre. perClass must not be negative.
func XOR(perClass int, noise float64, seed uint64) []Point {
	rnd := NewRand(seed)
	points := make([]Point, 0, 2*perClass)
	for label := range 2 {
		for i := range perClass {
			m := XORCenters[label][i%2]
			x := m[0] + noise*portable.Normal(rnd)
			y := m[1] + noise*portable.Normal(rnd)
			points = append(points, Point{X: x, Y: y, Label: label})
		}
	}
	return points
}

// Shape of the spiral preset: each arm turns SpiralTurns times while its
// radius grows linearly from 0 to SpiralRadius.
const (
	SpiralRadius = 1.9
	SpiralTurns  = 1.75
)

// Spiral returns two interleaved spirals around ShapeCenter, as the
// TensorFlow Playground's: point i of n lies at radius r = SpiralRadius·u
// and angle θ = 2π·SpiralTurns·u + δ, with u = i/n, at (r·sin θ, r·cos θ)
// from the centre; δ = π for class 0 (red) and 0 for class 1 (blue), so
// the two arms are a half turn apart, about 0.54 at equal radius. perClass
// must not be negative.
func Spiral(perClass int, noise float64, seed uint64) []Point {
	rnd := NewRand(seed)
	points := make([]Point, 0, 2*perClass)
	for label, delta := range [2]float64{math.Pi, 0} {
		for i := range perClass {
			u := spaced(i, perClass, false)
			r := SpiralRadius * u
			t := 2*math.Pi*SpiralTurns*u + delta
			x := ShapeCenter[0] + r*math.Sin(t) + noise*portable.Normal(rnd)
			y := ShapeCenter[1] + r*math.Cos(t) + noise*portable.Normal(rnd)
			points = append(points, Point{X: x, Y: y, Label: label})
		}
	}
	return points
}

// spaced returns the i-th of n evenly spaced values in [0, 1]: with
// endpoint, i/(n−1) as numpy's linspace (0 when n = 1); without, i/n.
func spaced(i, n int, endpoint bool) float64 {
	if endpoint {
		if n < 2 {
			return 0
		}
		return float64(i) / float64(n-1)
	}
	return float64(i) / float64(n)
}
