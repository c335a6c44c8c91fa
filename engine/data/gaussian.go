package data

import (
	"fmt"
	"math"
	"math/rand/v2"

	"advplay/engine/portable"
)

// GaussianStream draws labelled points from two isotropic Gaussian classes,
// class k ~ N(μₖ, σ²I): first perClass points of class 0, then perClass of
// class 1. Coordinate j of a point is μₖ[j] + σ·z, where z is the next
// value of portable.Normal on NewRand(seed), coordinates in order, so
// a seed gives the same points, bit for bit, on every platform.
//
// Every generator of Gaussian classes in this package runs this one loop:
// the article's clouds are the stream in two dimensions, and
// GaussianSamples stores it. A caller that must bound the work of a call
// (a browser frame) draws a few points at a time, or uses each point and
// forgets it, which needs no memory for n·d coordinates.
type GaussianStream struct {
	means    [2][]float64
	perClass int
	sigma    float64
	rnd      *rand.Rand
	next     int // index of the next point
}

// NewGaussianStream returns the stream of perClass points of each class
// around means[0] and means[1] with standard deviation sigma. It panics if
// the means are empty or of different lengths, and returns an error if
// perClass is negative or sigma is negative or not finite.
func NewGaussianStream(means [2][]float64, perClass int, sigma float64, seed uint64) (*GaussianStream, error) {
	if len(means[0]) == 0 || len(means[0]) != len(means[1]) {
		panic(fmt.Sprintf("data: NewGaussianStream: means of lengths %d and %d", len(means[0]), len(means[1])))
	}
	if perClass < 0 {
		return nil, fmt.Errorf("data: points per class is %d, must not be negative", perClass)
	}
	if !(sigma >= 0) || math.IsInf(sigma, 0) {
		return nil, fmt.Errorf("data: noise σ is %v, must be a finite number ≥ 0", sigma)
	}
	return &GaussianStream{means: means, perClass: perClass, sigma: sigma, rnd: NewRand(seed)}, nil
}

// Dim returns the dimension of the points.
func (g *GaussianStream) Dim() int { return len(g.means[0]) }

// Remaining returns the number of points not drawn yet.
func (g *GaussianStream) Remaining() int { return 2*g.perClass - g.next }

// Next writes the next point into x and returns its label; ok is false,
// and x untouched, once all 2·perClass points have been drawn. It panics
// if len(x) is not Dim.
func (g *GaussianStream) Next(x []float64) (label int, ok bool) {
	if len(x) != g.Dim() {
		panic(fmt.Sprintf("data: GaussianStream.Next: point of length %d in %d dimensions", len(x), g.Dim()))
	}
	if g.next == 2*g.perClass {
		return 0, false
	}
	label = g.next / max(g.perClass, 1)
	g.next++
	for j, m := range g.means[label] {
		x[j] = m + g.sigma*portable.Normal(g.rnd)
	}
	return label, true
}

// Fill draws up to rows points of the stream into s, appending to s.X and
// s.Labels, and reports whether the stream is exhausted. s.Dim must be
// Dim; Fill panics otherwise.
func (g *GaussianStream) Fill(s *Samples, rows int) (done bool) {
	if s.Dim != g.Dim() {
		panic(fmt.Sprintf("data: GaussianStream.Fill: samples of dimension %d, stream of %d", s.Dim, g.Dim()))
	}
	for range min(rows, g.Remaining()) {
		n := len(s.X)
		s.X = append(s.X, g.means[0]...) // room for the row, overwritten
		label, _ := g.Next(s.X[n:])
		s.Labels = append(s.Labels, uint8(label))
	}
	return g.Remaining() == 0
}

// GaussianSamples returns all points of NewGaussianStream(means, perClass,
// sigma, seed) as Samples. Besides the stream's errors it returns one if
// the 2·perClass points hold more than MaxCoordinates coordinates.
func GaussianSamples(means [2][]float64, perClass int, sigma float64, seed uint64) (Samples, error) {
	g, err := NewGaussianStream(means, perClass, sigma, seed)
	if err != nil {
		return Samples{}, err
	}
	if err := checkSize(2*perClass, g.Dim()); err != nil {
		return Samples{}, err
	}
	s := Samples{Dim: g.Dim(), X: make([]float64, 0, 2*perClass*g.Dim()), Labels: make([]uint8, 0, 2*perClass)}
	g.Fill(&s, 2*perClass)
	return s, nil
}

// CloudOffset returns m = 2·√(2/d), the coordinate of the class-1 mean
// m·1_d of the clouds in d dimensions: the distance between the means,
// m·√d, is 2√2 in every dimension, and for d = 2 the means are the
// article's (0,0) and (2,2). It panics if d < 1.
func CloudOffset(d int) float64 {
	if d < 1 {
		panic(fmt.Sprintf("data: CloudOffset(%d): dimension below 1", d))
	}
	return 2 * math.Sqrt(2/float64(d))
}

// CloudMeans returns the means of the clouds in d dimensions: 0 for
// class 0 and CloudOffset(d)·1_d for class 1. It panics if d < 1.
func CloudMeans(d int) [2][]float64 {
	m := CloudOffset(d)
	means := [2][]float64{make([]float64, d), make([]float64, d)}
	for j := range means[1] {
		means[1][j] = m
	}
	return means
}

// CloudsIn returns the article's clouds carried to d dimensions: class 0 ~
// N(0, σ²I_d) and class 1 ~ N(CloudOffset(d)·1_d, σ²I_d), perClass points
// each, class 0 first. For d = 2 the points are GaussianClouds(perClass,
// sigma, seed) bit for bit, in the same order. It returns an error if d is
// below 1, perClass or sigma is negative, sigma is not finite, or the
// points hold more than MaxCoordinates coordinates.
func CloudsIn(d, perClass int, sigma float64, seed uint64) (Samples, error) {
	if err := checkSize(0, d); err != nil {
		return Samples{}, err
	}
	return GaussianSamples(CloudMeans(d), perClass, sigma, seed)
}
