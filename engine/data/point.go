package data

import (
	"fmt"
	"math"
)

// Point is a labelled point. Label 0 is class 0 (red), label 1 is class 1
// (blue).
type Point struct {
	X, Y  float64
	Label int
}

// Vec returns the point's coordinates as a vector.
func (p Point) Vec() [2]float64 { return [2]float64{p.X, p.Y} }

// Target returns the label as the float64 target of the log-loss.
func (p Point) Target() float64 { return float64(p.Label) }

// Validate returns an error if any point has a non-finite coordinate or a
// label other than 0 or 1. The error names the index of the first bad point.
func Validate(points []Point) error {
	for i, p := range points {
		if err := p.check(); err != nil {
			return fmt.Errorf("point %d: %w", i, err)
		}
	}
	return nil
}

func (p Point) check() error {
	switch {
	case math.IsNaN(p.X) || math.IsInf(p.X, 0):
		return fmt.Errorf("x is %v, not a finite number", p.X)
	case math.IsNaN(p.Y) || math.IsInf(p.Y, 0):
		return fmt.Errorf("y is %v, not a finite number", p.Y)
	case p.Label != 0 && p.Label != 1:
		return fmt.Errorf("label is %d, not 0 or 1", p.Label)
	}
	return nil
}

// Columns is a point set laid out for fast loops: X1[i], X2[i] and Y[i] are
// the coordinates and the label of point i.
type Columns struct {
	X1, X2, Y []float64
}

// ToColumns returns the points as columns.
func ToColumns(points []Point) Columns {
	c := Columns{
		X1: make([]float64, len(points)),
		X2: make([]float64, len(points)),
		Y:  make([]float64, len(points)),
	}
	for i, p := range points {
		c.X1[i], c.X2[i], c.Y[i] = p.X, p.Y, float64(p.Label)
	}
	return c
}
