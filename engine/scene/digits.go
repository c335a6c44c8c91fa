package scene

import (
	"fmt"
	"math"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/mlp"
	"advplay/engine/mnist"
	"advplay/engine/network"
	"advplay/engine/scene/patch"
)

// The MNIST preset shows real handwritten digits: two of them (Digits,
// class 0 first, "37" by default, Goodfellow et al.'s Fig. 2), in
// d = 784 pixels of [0, 1]. The model learns from N training digits per
// class and the scene's points are the pair's test digits, on which every
// error is counted, as in the paper: the points cannot be added, moved or
// removed. The files come from package mnist's shelf (mnist.Load): a page
// fetches them when the preset is chosen, and Apply fails with an error
// that wraps *mnist.MissingError until they are there, changing nothing.
//
// The models are logistic regression (linear.Fitter, L-BFGS on the
// digits, or advtrain.FitLinearBox under a defense, the worst case in the
// box exactly) and a network of 784 inputs (package network: Adam on
// minibatches, plainly or on PGD or FGSM points). Every attack stays in
// the L∞ ball and in the pixel box [0, 1], as a picture requires: on
// logistic regression FGSM and PGD are both the exact worst case in the
// box (linear.Model.PerturbBox), on the network they are package
// network's.
//
// The plane shows each digit x at (z(x), v(x)): across, the model's logit
// z, so that the boundary is the vertical line z = 0 for every model, and
// up, the digit along the first principal direction of the test digits,
// v(x) = p·x − p·x̄, which spreads each class out. The model in the plane
// is then σ(u) at (u, v).

// MNIST is the name of the digits preset.
const MNIST = "mnist"

// DefaultDigits is the pair the MNIST preset starts with.
const DefaultDigits = "37"

// The MNIST preset's training defaults, which choosing it sets unless the
// patch sets them too: one hidden layer of network.DefaultUnits ReLU
// units, trained for network.PGDTrainEpochs epochs (the PGD-trained
// network's, which plain training reaches in as many); and the most
// epochs a visitor may ask for, a few minutes of PGD training in a page.
const (
	digitEpochs    = network.PGDTrainEpochs
	MaxDigitEpochs = 40
)

// digitSide is the MNIST preset's beside the test digits (the highDim
// samples): the pair, the training digits, and the principal direction
// of the plane's vertical axis.
type digitSide struct {
	pair  mnist.Pair
	train data.Samples
	pc    []float64
	pcMid float64
	// vert is each test digit's place along pc.
	vert []float64
}

// checkDigits checks a digit pair as the digits field takes it: two
// distinct characters 0 to 9, such as "37".
func checkDigits(v string) error {
	r := []rune(v)
	if len(r) != 2 || r[0] < '0' || r[0] > '9' || r[1] < '0' || r[1] > '9' {
		return patch.Errorf("digits", "must be two digits 0 to 9 such as \"37\", class 0 first, got %q", v)
	}
	if r[0] == r[1] {
		return patch.Errorf("digits", "must be two different digits, got %q", v)
	}
	return nil
}

// digitPair returns the MNIST pair the settings describe: their digits,
// already checked, and N training digits per class.
func digitPair(set Settings) mnist.Pair {
	return mnist.Pair{Digits: [2]int{int(set.Digits[0] - '0'), int(set.Digits[1] - '0')}, N: set.N}
}

// DigitFiles returns the names of the files the MNIST preset needs for
// set, as package mnist names them, and nil for another preset.
func DigitFiles(set Settings) []string {
	if set.Preset != MNIST || checkDigits(set.Digits) != nil {
		return nil
	}
	names := digitPair(set).FileNames()
	return names[:]
}

// loadDigits makes the MNIST preset's points, the test digits of the pair,
// with the training digits beside them.
func (p *pointSet) loadDigits(set Settings) error {
	pair := digitPair(set)
	train, test, err := mnist.Load(pair)
	if err != nil {
		return err
	}
	ink := inkOf(test)
	pc, mid := principal(ink, test.Dim)
	p.setHigh(&highDim{base: test, samples: test, shared: true, means: classMeans(train)}, identity(test.Len()))
	d := &digitSide{pair: pair, train: train, pc: pc, pcMid: mid, vert: make([]float64, test.Len())}
	for i := range d.vert {
		d.vert[i] = ink.dot(i, pc) - mid
	}
	p.digits = d
	p.hd.view = func(x []float64) (float64, float64) { return 0, d.vertical(x) }
	p.points = p.hd.projectAll()
	return nil
}

// vertical returns a digit's place along the principal direction.
func (d *digitSide) vertical(x []float64) float64 {
	var v float64
	for j, p := range d.pc {
		v += p * x[j]
	}
	return v - d.pcMid
}

// classMeans returns the mean of each class of s.
func classMeans(s data.Samples) [2][]float64 {
	var sums [2][]float64
	var counts [2]int
	for k := range sums {
		sums[k] = make([]float64, s.Dim)
	}
	for i := range s.Len() {
		l := s.Label(i)
		counts[l]++
		for j, v := range s.Row(i) {
			sums[l][j] += v
		}
	}
	for k := range sums {
		for j := range sums[k] {
			sums[k][j] /= float64(max(counts[k], 1))
		}
	}
	return sums
}

// principalTolerance ends principal's power iteration: once no
// coordinate of the direction moves by more than it, the direction is
// settled past what the eye can see: a unit vector of 784 coordinates,
// each within about 1e-4 of where it settles (on 3 against 7, after about
// nine iterations); principalMaxIterations bounds it when the two first
// eigenvalues are close.
const (
	principalTolerance     = 1e-4
	principalMaxIterations = 50
)

// ink holds the pixels of digits that are not blank, row i's in idx and
// val from start[i] to start[i+1], in increasing order. Four pixels in
// five are blank, and a pass over the others costs a fifth of a pass over
// every pixel, with the same result bit for bit: a blank pixel adds
// c·0 = ±0 to a sum, which leaves it as it was (a sum that starts at +0
// never becomes −0 by adding ±0), as long as c is a finite number.
type ink struct {
	idx   []int32
	val   []float64
	start []int
}

// inkOf returns the pixels of the digits of s that are not blank.
func inkOf(s data.Samples) ink {
	nz := 0
	for _, v := range s.X {
		if v != 0 {
			nz++
		}
	}
	k := ink{idx: make([]int32, 0, nz), val: make([]float64, 0, nz), start: make([]int, 1, s.Len()+1)}
	for i := range s.Len() {
		for j, v := range s.Row(i) {
			if v != 0 {
				k.idx = append(k.idx, int32(j))
				k.val = append(k.val, v)
			}
		}
		k.start = append(k.start, len(k.idx))
	}
	return k
}

// len returns the number of digits.
func (k ink) len() int { return len(k.start) - 1 }

// dot returns digit i's x·y, as the package's dot gives it; y holds the
// digits' every pixel.
func (k ink) dot(i int, y []float64) float64 {
	var s float64
	for n := k.start[i]; n < k.start[i+1]; n++ {
		s += k.val[n] * y[k.idx[n]]
	}
	return s
}

// addScaled adds a·x to dst, x digit i, as the package's addScaled does.
func (k ink) addScaled(dst []float64, a float64, i int) {
	for n := k.start[i]; n < k.start[i+1]; n++ {
		dst[k.idx[n]] += a * k.val[n]
	}
}

// principal returns the unit first principal direction p of the n
// digits of dimension d whose ink is k, by power iteration on their
// covariance from the direction of the all-ones vector, with the sign that
// makes Σ pⱼ ≥ 0, and p·x̄, the mean's place along it.
func principal(k ink, d int) (p []float64, mid float64) {
	n := k.len()
	mean := make([]float64, d)
	for i := range n {
		k.addScaled(mean, 1, i)
	}
	for j := range mean {
		mean[j] /= float64(max(n, 1))
	}
	p = make([]float64, d)
	for j := range p {
		p[j] = 1 / math.Sqrt(float64(d))
	}
	next := make([]float64, d)
	for range principalMaxIterations {
		// The covariance times p, Σᵢ tᵢ (xᵢ − x̄) with tᵢ = (xᵢ − x̄)·p,
		// as Σᵢ tᵢ xᵢ − (Σᵢ tᵢ) x̄: one pass over each digit, not two.
		clear(next)
		meanP := dot(mean, p)
		var sumT float64
		for i := range n {
			t := k.dot(i, p) - meanP
			k.addScaled(next, t, i)
			sumT += t
		}
		addScaled(next, -sumT, mean)
		var norm, sum float64
		for _, v := range next {
			norm += v * v
			sum += v
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			break
		}
		if sum < 0 {
			norm = -norm
		}
		var moved float64
		for j := range next {
			next[j] /= norm
			moved = math.Max(moved, math.Abs(next[j]-p[j]))
		}
		p, next = next, p
		if moved <= principalTolerance {
			break
		}
	}
	return p, dot(p, mean)
}

// dot returns x·y; y is at least as long as x.
func dot(x, y []float64) float64 {
	var s float64
	for j, v := range x {
		s += v * y[j]
	}
	return s
}

// addScaled adds a·x to dst; x is at least as long as dst.
func addScaled(dst []float64, a float64, x []float64) {
	for j := range dst {
		dst[j] += a * x[j]
	}
}

// checkDigitSettings makes next fit the MNIST preset: it refuses what the
// digits do not offer, naming the field the patch m set — the article's
// recipe, an attack in the L2 ball (FGM, or PGD in L2), more epochs than
// MaxDigitEpochs, a network of other widths than package network takes —
// and puts back to its default what m leaves as it was.
func checkDigitSettings(m Patch, next *Settings) error {
	if next.Preset != MNIST {
		return nil
	}
	def := DefaultSettings()
	net := next.Model.networkConfig()
	for _, c := range []struct {
		path  string
		bad   bool
		reset func()
		why   string
	}{
		{"training.recipe", next.Recipe != RecipeConverged, func() { next.Recipe = RecipeConverged },
			"the article's recipe is for the clouds; on the digits logistic regression is fitted to convergence"},
		{"attack.method", next.Attack.Method == attack.FGM, func() { next.Attack.Method = def.Attack.Method },
			"FGM attacks in the L2 ball; on the digits the attacks stay in the L∞ ball and the pixel box: fgsm or pgd"},
		{"attack.norm", next.Attack.Norm != def.Attack.Norm, func() { next.Attack.Norm = def.Attack.Norm },
			"on the digits the attacks stay in the L∞ ball (linf) and the pixel box"},
		{"n", next.N < 1 || next.N > mnist.DefaultTrainImages, func() { next.N = mnist.DefaultTrainImages },
			fmt.Sprintf("must be 1 to %d training digits per class, got %d", mnist.DefaultTrainImages, next.N)},
		{"training.epochs", next.Epochs > MaxDigitEpochs, func() { next.Epochs = digitEpochs },
			fmt.Sprintf("must be at most %d on the digits, got %d", MaxDigitEpochs, next.Epochs)},
		{"model.hidden", next.Model.Kind == KindMLP && net.Validate() != nil, func() { next.Model.Hidden = digitHidden() },
			fmt.Sprint(net.Validate())},
	} {
		if !c.bad {
			continue
		}
		if _, ok := lookup(m, c.path); ok {
			return patch.Errorf(c.path, "%s", c.why)
		}
		c.reset()
	}
	return nil
}

// digitHidden is the network's default on the digits.
func digitHidden() [mlp.MaxLayers]int { return [mlp.MaxLayers]int{network.DefaultUnits} }

// digitDefaults returns set, just switched to or from the MNIST preset,
// with the training defaults of the preset it is now: the network's width,
// activation and epochs.
func digitDefaults(set Settings, leaving bool) Settings {
	def := DefaultSettings()
	switch {
	case set.Preset == MNIST:
		set.Digits, set.N, set.Noise = DefaultDigits, mnist.DefaultTrainImages, 0
		set.Model.Hidden, set.Model.Activation = digitHidden(), mlp.ReLU
		set.Epochs = digitEpochs
	case leaving:
		set.Model.Hidden, set.Model.Activation = def.Model.Hidden, def.Model.Activation
		set.Epochs = def.Epochs
	}
	return set
}
