package data_test

import (
	"math"
	"testing"

	"advplay/engine/data"
)

type shapeFunc func(perClass int, noise float64, seed uint64) []data.Point

var shapes = []struct {
	name string
	gen  shapeFunc
	// onCurve returns how far a noise-free point is from its class's
	// curve; index is the point's index within its class and n perClass.
	onCurve func(p data.Point, index, n int) float64
}{
	{name: "moons", gen: data.Moons, onCurve: func(p data.Point, _, _ int) float64 {
		// Back to scikit-learn's coordinates: upper arc x²+y²=1, y ≥ 0;
		// lower arc (x−1)²+(y−½)²=1, y ≤ ½.
		x := (p.X-data.ShapeCenter[0])/data.MoonsScale + 0.5
		y := (p.Y-data.ShapeCenter[1])/data.MoonsScale + 0.25
		if p.Label == 0 {
			return math.Abs(math.Hypot(x, y)-1) + math.Max(0, -y)
		}
		return math.Abs(math.Hypot(x-1, y-0.5)-1) + math.Max(0, y-0.5)
	}},
	{name: "circles", gen: data.Circles, onCurve: func(p data.Point, _, _ int) float64 {
		r := []float64{data.CirclesOuter, data.CirclesInner}[p.Label]
		return math.Abs(math.Hypot(p.X-data.ShapeCenter[0], p.Y-data.ShapeCenter[1]) - r)
	}},
	{name: "xor", gen: data.XOR, onCurve: func(p data.Point, i, _ int) float64 {
		c := data.XORCenters[p.Label][i%2]
		return math.Hypot(p.X-c[0], p.Y-c[1])
	}},
	{name: "spiral", gen: data.Spiral, onCurve: func(p data.Point, i, n int) float64 {
		r := data.SpiralRadius * float64(i) / float64(n)
		return math.Abs(math.Hypot(p.X-data.ShapeCenter[0], p.Y-data.ShapeCenter[1]) - r)
	}},
}

// TestShapesNoiseFree checks that with noise 0 every point lies on its
// class's curve (to 1e-12, a few ulps of coordinates of order 1) and that
// the seed does not matter.
func TestShapesNoiseFree(t *testing.T) {
	const tol = 1e-12
	for _, s := range shapes {
		for _, n := range []int{1, 2, 5, 100} {
			points := s.gen(n, 0, 1)
			if len(points) != 2*n {
				t.Fatalf("%s n=%d: %d points", s.name, n, len(points))
			}
			for i, p := range points {
				if d := s.onCurve(p, i%n, n); d > tol {
					t.Errorf("%s n=%d: point %d %+v is %g off its curve", s.name, n, i, p, d)
				}
			}
			other := s.gen(n, 0, 99)
			for i := range points {
				if points[i] != other[i] {
					t.Errorf("%s n=%d: noise-free point %d depends on the seed", s.name, n, i)
					break
				}
			}
		}
	}
}

// TestShapesExtent checks the shared scale: noise-free shapes stay inside
// [−1, 3]², the square of the article's clouds, and moons fill exactly
// [−1, 3]×[0, 2] (the arcs' ends and tops are among the evenly spaced
// points).
func TestShapesExtent(t *testing.T) {
	const tol = 1e-12
	for _, s := range shapes {
		lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
		for _, p := range s.gen(201, 0, 1) {
			lo = [2]float64{math.Min(lo[0], p.X), math.Min(lo[1], p.Y)}
			hi = [2]float64{math.Max(hi[0], p.X), math.Max(hi[1], p.Y)}
		}
		if lo[0] < -1-tol || lo[1] < -1-tol || hi[0] > 3+tol || hi[1] > 3+tol {
			t.Errorf("%s: extent [%v, %v]×[%v, %v] leaves [−1, 3]²", s.name, lo[0], hi[0], lo[1], hi[1])
		}
		if s.name == "moons" {
			want := [4]float64{-1, 3, 0, 2}
			got := [4]float64{lo[0], hi[0], lo[1], hi[1]}
			for k := range got {
				if math.Abs(got[k]-want[k]) > tol {
					t.Errorf("moons: extent %v, want %v", got, want)
					break
				}
			}
		}
	}
}

// TestShapesNoise checks that noise adds independent N(0, σ²) to each
// coordinate: the difference from the noise-free points has mean ≈ 0 and
// standard deviation ≈ σ. With 2·2·2000 = 8000 draws the standard error of
// the mean is σ/√8000 ≈ 0.011σ and of the standard deviation about
// σ/√16000 ≈ 0.008σ; the tolerances are 0.05σ, over 4 standard errors.
func TestShapesNoise(t *testing.T) {
	const n = 2000
	for _, s := range shapes {
		for _, sigma := range []float64{0.05, 0.3} {
			clean := s.gen(n, 0, 7)
			noisy := s.gen(n, sigma, 7)
			var sum, sumSq float64
			for i := range clean {
				if noisy[i].Label != clean[i].Label {
					t.Fatalf("%s: label of point %d changed with noise", s.name, i)
				}
				for _, d := range []float64{noisy[i].X - clean[i].X, noisy[i].Y - clean[i].Y} {
					sum += d
					sumSq += d * d
				}
			}
			m := float64(2 * len(clean))
			mean := sum / m
			sd := math.Sqrt(sumSq/m - mean*mean)
			if math.Abs(mean) > 0.05*sigma || math.Abs(sd-sigma) > 0.05*sigma {
				t.Errorf("%s σ=%v: noise mean %v, sd %v", s.name, sigma, mean, sd)
			}
		}
	}
}

func TestShapesDeterministic(t *testing.T) {
	for _, s := range shapes {
		a, b, c := s.gen(50, 0.2, 42), s.gen(50, 0.2, 42), s.gen(50, 0.2, 43)
		same, differ := true, false
		for i := range a {
			same = same && a[i] == b[i]
			differ = differ || a[i] != c[i]
		}
		if !same {
			t.Errorf("%s: seed 42 gave different points twice", s.name)
		}
		if !differ {
			t.Errorf("%s: seeds 42 and 43 gave the same points", s.name)
		}
		if got := s.gen(0, 0.2, 1); len(got) != 0 {
			t.Errorf("%s: perClass 0 gave %d points", s.name, len(got))
		}
	}
}

// TestXORQuadrants checks the xor labels: with little noise, class 1 lies
// where (x−1)(y−1) > 0. σ = 0.1 puts a point 10σ from each axis, so none
// crosses.
func TestXORQuadrants(t *testing.T) {
	for i, p := range data.XOR(500, 0.1, 5) {
		q := (p.X - data.ShapeCenter[0]) * (p.Y - data.ShapeCenter[1])
		if (q > 0) != (p.Label == 1) {
			t.Fatalf("point %d %+v in the wrong quadrant", i, p)
		}
	}
}
