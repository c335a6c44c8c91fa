package data

import (
	"fmt"
	"math/rand/v2"

	"advplay/engine/article"
)

// The article's clouds: class 1 ~ N((2,2), 0.5²·I), class 0 ~ N((0,0),
// 0.5²·I), with 10,000 points each (package article).
const (
	CloudSigma      = article.Sigma
	ArticlePerClass = article.PerClass
)

// CloudMean returns the mean of the article's cloud for a label.
func CloudMean(label int) [2]float64 { return article.Mean(label) }

// NewRand returns the seeded generator that every dataset uses: PCG, whose
// output is specified bit for bit, so a seed means the same points on
// every platform.
func NewRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x61647670_6c6179)) // "advplay"
}

// Clouds returns the article's two Gaussian clouds with perClass points
// each: first the red points (label 0), then the blue ones (label 1).
// It returns an error if perClass is negative.
func Clouds(perClass int, seed uint64) ([]Point, error) {
	if perClass < 0 {
		return nil, fmt.Errorf("data: points per class is %d, must not be negative", perClass)
	}
	return GaussianClouds(perClass, CloudSigma, seed), nil
}

// GaussianClouds returns the article's clouds with standard deviation sigma
// in place of 0.5. perClass and sigma must not be negative; GaussianClouds
// panics otherwise. It is CloudsIn(2, perClass, sigma, seed) as points.
func GaussianClouds(perClass int, sigma float64, seed uint64) []Point {
	g, err := NewGaussianStream(CloudMeans(2), perClass, sigma, seed)
	if err != nil {
		panic(err)
	}
	points := make([]Point, 0, 2*perClass)
	var x [2]float64
	for {
		label, ok := g.Next(x[:])
		if !ok {
			return points
		}
		points = append(points, Point{X: x[0], Y: x[1], Label: label})
	}
}
