package glyphs

import (
	"fmt"
	"image"
	"math"
	"unicode/utf8"

	"advplay/engine/data"
)

// Name is the preset's name, which its errors carry.
const Name = "glyphs"

// Config describes the two glyph classes.
type Config struct {
	// Pair is the two characters, class 0 first.
	Pair string
	// Ink is the value of a fully covered pixel; the background is 0.
	Ink float64
	// Sigma is the standard deviation of the noise on each pixel.
	Sigma float64
	// PerClass is the number of images of each class.
	PerClass int
}

// Default is the preset: "3" against "7", ink 0.3, σ = 0.15, 1000 images
// of each. See the package documentation for why.
var Default = Config{Pair: "37", Ink: 0.3, Sigma: 0.15, PerClass: 1000}

// Means returns the two class means: Ink times the coverage of each
// character of Pair (Coverage). It returns an error naming glyphs if Pair
// is not two distinct characters that Go Regular draws, or Ink is not a
// finite number.
func (c Config) Means() ([2][]float64, error) {
	runes := []rune(c.Pair)
	if !utf8.ValidString(c.Pair) || len(runes) != 2 || runes[0] == runes[1] {
		return [2][]float64{}, fmt.Errorf("%s: pair %q is not two distinct characters", Name, c.Pair)
	}
	if math.IsNaN(c.Ink) || math.IsInf(c.Ink, 0) {
		return [2][]float64{}, fmt.Errorf("%s: ink is %v, must be a finite number", Name, c.Ink)
	}
	var means [2][]float64
	for k, r := range runes {
		cov, err := Coverage(r)
		if err != nil {
			return [2][]float64{}, err
		}
		for j := range cov {
			cov[j] *= c.Ink
		}
		means[k] = cov
	}
	return means, nil
}

// Generate returns PerClass noisy images of each character, class 0
// first: each pixel is the mean's plus N(0, σ²) noise, with no clipping,
// so that the classes are exactly the isotropic Gaussians of the closed
// forms (theory.LinearError). It is data.GaussianSamples(Means, PerClass,
// Sigma, seed). Besides Means' errors it returns one naming glyphs if
// PerClass or Sigma is negative, Sigma is not finite, or the images hold
// more than data.MaxCoordinates pixels.
func Generate(c Config, seed uint64) (data.Samples, error) {
	means, err := c.Means()
	if err != nil {
		return data.Samples{}, err
	}
	s, err := data.GaussianSamples(means, c.PerClass, c.Sigma, seed)
	if err != nil {
		return data.Samples{}, fmt.Errorf("%s: %w", Name, err)
	}
	return s, nil
}

// Gray returns an image of Side×Side pixels x, for display: lo maps to
// white, hi to black (ink is dark, as on paper), values beyond them to the
// nearer end. It panics if len(x) is not Dim or lo ≥ hi.
func Gray(x []float64, lo, hi float64) *image.Gray {
	if len(x) != Dim || !(lo < hi) {
		panic(fmt.Sprintf("glyphs: Gray of %d pixels in [%v, %v]", len(x), lo, hi))
	}
	img := image.NewGray(image.Rect(0, 0, Side, Side))
	for i, v := range x {
		t := (v - lo) / (hi - lo)
		img.Pix[i] = uint8(math.Round(255 * (1 - max(0, min(1, t)))))
	}
	return img
}
