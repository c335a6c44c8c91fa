package data

import (
	"errors"
	"fmt"
	"math"
)

// MaxCoordinates is the most coordinates n·d that a Samples made by this
// package may hold: 4,000,000 float64 values, 32 MB, what a browser tab can
// hold twice over (a training set and a copy) beside everything else.
// GaussianSamples, CloudsIn and ReadSamplesCSV return an error beyond it.
const MaxCoordinates = 4_000_000

// Samples is n labelled points in ℝ^d, stored row by row in one slice:
// point i is X[i·Dim : (i+1)·Dim] and its label, 0 or 1, is Labels[i]. A
// coordinate costs 8 bytes and a label 1, with no per-point overhead.
type Samples struct {
	Dim    int
	X      []float64
	Labels []uint8
}

// Len returns the number of points, len(Labels).
func (s Samples) Len() int { return len(s.Labels) }

// Row returns the coordinates of point i, a slice of X (not a copy) whose
// capacity ends with the row. It panics if i is out of range.
func (s Samples) Row(i int) []float64 {
	if i < 0 || i >= s.Len() {
		panic(fmt.Sprintf("data: Samples.Row(%d) of %d points", i, s.Len()))
	}
	return s.X[i*s.Dim : (i+1)*s.Dim : (i+1)*s.Dim]
}

// Label returns the label of point i as an int.
func (s Samples) Label(i int) int { return int(s.Labels[i]) }

// Validate returns an error if Dim is below 1, if len(X) is not
// Len()·Dim, or if a coordinate is not finite or a label is not 0 or 1;
// the error names the first bad point and coordinate.
func (s Samples) Validate() error {
	if s.Dim < 1 {
		return fmt.Errorf("data: dimension is %d, must be at least 1", s.Dim)
	}
	if len(s.X) != s.Len()*s.Dim {
		return fmt.Errorf("data: %d coordinates for %d points in %d dimensions, want %d", len(s.X), s.Len(), s.Dim, s.Len()*s.Dim)
	}
	for i, l := range s.Labels {
		if l > 1 {
			return fmt.Errorf("data: point %d: label is %d, not 0 or 1", i, l)
		}
		for j, v := range s.Row(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("data: point %d: x%d is %v, not a finite number", i, j+1, v)
			}
		}
	}
	return nil
}

// checkSize returns an error if n points in dim dimensions are more than
// MaxCoordinates coordinates, or dim is below 1.
func checkSize(n, dim int) error {
	if dim < 1 {
		return fmt.Errorf("data: dimension is %d, must be at least 1", dim)
	}
	if n > MaxCoordinates/dim {
		return fmt.Errorf("data: %d points in %d dimensions are more than %d coordinates", n, dim, MaxCoordinates)
	}
	return nil
}

// SamplesFromPoints returns points in the plane as Samples of dimension 2.
// It returns an error if a point is invalid (Validate) or there are more
// than MaxCoordinates/2 points.
func SamplesFromPoints(points []Point) (Samples, error) {
	if err := Validate(points); err != nil {
		return Samples{}, err
	}
	if err := checkSize(len(points), 2); err != nil {
		return Samples{}, err
	}
	s := Samples{Dim: 2, X: make([]float64, 0, 2*len(points)), Labels: make([]uint8, len(points))}
	for i, p := range points {
		s.X = append(s.X, p.X, p.Y)
		s.Labels[i] = uint8(p.Label)
	}
	return s, nil
}

// Points returns Samples of dimension 2 as points. It returns an error for
// any other dimension.
func (s Samples) Points() ([]Point, error) {
	if s.Dim != 2 {
		return nil, errors.New("data: only samples of dimension 2 are points in the plane")
	}
	points := make([]Point, s.Len())
	for i := range points {
		points[i] = Point{X: s.X[2*i], Y: s.X[2*i+1], Label: int(s.Labels[i])}
	}
	return points, nil
}
