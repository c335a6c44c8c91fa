package data

import (
	"fmt"
	"math"
	"strings"
)

// Preset describes a named generated dataset.
type Preset struct {
	Name string
	// PerClass and Noise are the defaults; Noise is the generator's spread:
	// the standard deviation σ of the clouds and of the xor blobs, and of
	// the Gaussian noise added to each coordinate of moons, circles and
	// spiral (see shapes.go).
	PerClass int
	Noise    float64
	// Generate returns the points, red (label 0) first. perClass ≥ 0 and
	// noise ≥ 0 have been checked by the caller.
	Generate func(perClass int, noise float64, seed uint64) []Point
}

// MaxPerClass is the largest number of points per class a preset generates.
const MaxPerClass = 50000

// MaxNoise is the largest noise a preset accepts.
const MaxNoise = 5

// Presets lists the datasets in menu order.
var Presets = []Preset{
	{Name: "article", PerClass: ArticlePerClass, Noise: CloudSigma, Generate: cloudsWithSigma},
	{Name: "small", PerClass: 100, Noise: CloudSigma, Generate: cloudsWithSigma},
	{Name: "moons", PerClass: ShapesPerClass, Noise: MoonsNoise, Generate: Moons},
	{Name: "circles", PerClass: ShapesPerClass, Noise: CirclesNoise, Generate: Circles},
	{Name: "xor", PerClass: ShapesPerClass, Noise: XORNoise, Generate: XOR},
	{Name: "spiral", PerClass: ShapesPerClass, Noise: SpiralNoise, Generate: Spiral},
	{Name: "empty", Generate: func(int, float64, uint64) []Point { return nil }},
}

// LookupPreset returns the preset with the given name.
func LookupPreset(name string) (Preset, bool) {
	for _, p := range Presets {
		if p.Name == name {
			return p, true
		}
	}
	return Preset{}, false
}

// PresetNames returns the names of all presets.
func PresetNames() []string {
	names := make([]string, len(Presets))
	for i, p := range Presets {
		names[i] = p.Name
	}
	return names
}

// Generate returns the named preset with perClass points per class and the
// given noise; a negative perClass or noise means the preset's default. It
// returns an error naming the parameter for an unknown name, too many
// points, or noise that is not finite or above MaxNoise.
func Generate(name string, perClass int, noise float64, seed uint64) ([]Point, error) {
	p, ok := LookupPreset(name)
	if !ok {
		return nil, fmt.Errorf("data: preset %q is not one of %s", name, strings.Join(PresetNames(), ", "))
	}
	if perClass < 0 {
		perClass = p.PerClass
	}
	if perClass > MaxPerClass {
		return nil, fmt.Errorf("data: n is %d points per class, at most %d", perClass, MaxPerClass)
	}
	if noise < 0 {
		noise = p.Noise
	}
	if math.IsNaN(noise) || noise > MaxNoise {
		return nil, fmt.Errorf("data: noise is %v, must be between 0 and %v", noise, MaxNoise)
	}
	return p.Generate(perClass, noise, seed), nil
}

func cloudsWithSigma(perClass int, sigma float64, seed uint64) []Point {
	return GaussianClouds(perClass, sigma, seed)
}
