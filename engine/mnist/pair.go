package mnist

import (
	"fmt"
	"slices"

	"advplay/engine/data"
)

// DefaultTrainImages is the number of training images per digit that the
// files hold (the first of that digit in MNIST's training file), and the
// default Pair.N.
const DefaultTrainImages = 2000

// Pair chooses two digits and a training size: class 0 is Digits[0],
// class 1 is Digits[1].
type Pair struct {
	Digits [2]int
	// N is the number of training images per class, the first N of each
	// digit's training file.
	N int
}

// DefaultPair is Goodfellow et al.'s 3 against 7 (Fig. 2 of "Explaining
// and Harnessing Adversarial Examples", 2015), with DefaultTrainImages
// per class.
var DefaultPair = Pair{Digits: [2]int{3, 7}, N: DefaultTrainImages}

// Validate returns an error naming the field that is wrong: digits that are
// not 0 to 9 or are the same, or n below 1 or so large that the 2n
// training images are more than data.MaxCoordinates pixels. Whether the
// files hold n images is known only from them: Samples checks it.
func (p Pair) Validate() error {
	for _, d := range p.Digits {
		if d < 0 || d > 9 {
			return fmt.Errorf("mnist: digits: %d is not a digit 0 to 9", d)
		}
	}
	if p.Digits[0] == p.Digits[1] {
		return fmt.Errorf("mnist: digits: %d against itself, must be two different digits", p.Digits[0])
	}
	if maxN := data.MaxCoordinates / (2 * Dim); p.N < 1 || p.N > maxN {
		return fmt.Errorf("mnist: n is %d, must be 1 to %d training images per digit", p.N, maxN)
	}
	return nil
}

// FileNames returns the names of the four files Samples needs, in the
// order first digit train, test, second digit train, test. It panics if
// the digits are not 0 to 9.
func (p Pair) FileNames() [4]string {
	return [4]string{
		FileName(p.Digits[0], Train), FileName(p.Digits[0], Test),
		FileName(p.Digits[1], Train), FileName(p.Digits[1], Test),
	}
}

// Samples returns the training and test sets of the pair from the decoded
// files sets (in any order; others are ignored), as data.Samples of
// dimension Dim with each pixel v scaled to v/255 ∈ [0, 1] and labels 0
// for Digits[0] and 1 for Digits[1]. The training set is the first N
// images of each digit's training file, N of class 0 then N of class 1;
// the test set is both digits' whole test files, class 0 first. It
// returns an error naming the field if p is invalid (Validate), a file is
// missing from sets or invalid, or N is more than a training file holds.
func (p Pair) Samples(sets ...Set) (train, test data.Samples, err error) {
	if err := p.Validate(); err != nil {
		return data.Samples{}, data.Samples{}, err
	}
	var files [2][2]*Set // [class][split]
	for i := range sets {
		s := &sets[i]
		for class, d := range p.Digits {
			if s.Digit == d && (s.Split == Train || s.Split == Test) {
				files[class][s.Split] = s
			}
		}
	}
	for class, d := range p.Digits {
		for _, split := range []Split{Train, Test} {
			s := files[class][split]
			if s == nil {
				return data.Samples{}, data.Samples{}, fmt.Errorf("mnist: digits: no %s file of digit %d", split, d)
			}
			if err := s.Validate(); err != nil {
				return data.Samples{}, data.Samples{}, fmt.Errorf("%w (%s)", err, FileName(d, split))
			}
		}
		if have := files[class][Train].Len(); p.N > have {
			return data.Samples{}, data.Samples{}, fmt.Errorf("mnist: n is %d, but the training file of digit %d holds %d images", p.N, d, have)
		}
	}
	nTest := files[0][Test].Len() + files[1][Test].Len()
	if nTest > data.MaxCoordinates/Dim {
		return data.Samples{}, data.Samples{}, fmt.Errorf("mnist: %d test images are more than %d pixels", nTest, data.MaxCoordinates)
	}
	tr, te := newSamples(2*p.N), newSamples(nTest)
	for class := range 2 {
		tr.append(files[class][Train].Pixels[:p.N*Dim], uint8(class))
		te.append(files[class][Test].Pixels, uint8(class))
	}
	return tr.Samples, te.Samples, nil
}

// samples is data.Samples being filled.
type samples struct{ data.Samples }

func newSamples(n int) samples {
	return samples{data.Samples{Dim: Dim, X: make([]float64, 0, n*Dim), Labels: make([]uint8, 0, n)}}
}

// append adds the images in pixels, scaled to [0, 1], with the label.
func (s *samples) append(pixels []byte, label uint8) {
	n := len(s.X)
	s.X = slices.Grow(s.X, len(pixels))[:n+len(pixels)]
	dst := s.X[n:]
	for i, v := range pixels {
		dst[i] = scaled[v]
	}
	for range len(pixels) / Dim {
		s.Labels = append(s.Labels, label)
	}
}

// scaled is Scale of every byte.
var scaled = func() (t [256]float64) {
	for v := range t {
		t[v] = Scale(byte(v))
	}
	return t
}()

// Scale returns the pixel value v as a number in [0, 1], v/255 correctly
// rounded: 0 for the background, 1 for full ink.
func Scale(v byte) float64 { return float64(v) / 255 }
