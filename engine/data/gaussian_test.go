package data

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestCloudsInPlane checks that the clouds in two dimensions are the
// article's clouds bit for bit and in the same order (TestCloudsGolden
// pins those to the golden file), for several seeds, sizes and spreads.
func TestCloudsInPlane(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		perClass int
		sigma    float64
		seed     uint64
	}{
		{ArticlePerClass, CloudSigma, 1},
		{1000, CloudSigma, 7},
		{3, 1.5, 42},
		{0, CloudSigma, 1},
	} {
		s, err := CloudsIn(2, c.perClass, c.sigma, c.seed)
		if err != nil {
			t.Fatal(err)
		}
		points, err := s.Points()
		if err != nil {
			t.Fatal(err)
		}
		if want := GaussianClouds(c.perClass, c.sigma, c.seed); !samePoints(points, want) {
			t.Errorf("CloudsIn(2, %d, %v, %d) differs from GaussianClouds", c.perClass, c.sigma, c.seed)
		}
	}
}

// TestCloudOffset checks that the means are 2√2 apart in every dimension
// (to 4 ulps: one rounding in the square root, one in the product, and
// m·√d rounds twice more), and that d = 2 gives the article's (2,2)
// exactly.
func TestCloudOffset(t *testing.T) {
	t.Parallel()
	if m := CloudOffset(2); m != 2 {
		t.Errorf("CloudOffset(2) = %v, want 2", m)
	}
	for _, d := range []int{1, 2, 3, 4, 16, 784, 1024} {
		dist := CloudOffset(d) * math.Sqrt(float64(d))
		if math.Abs(dist-2*math.Sqrt2) > 4*0x1p-52*2*math.Sqrt2 {
			t.Errorf("d = %d: distance between the means %v, want 2√2", d, dist)
		}
		means := CloudMeans(d)
		for j := range d {
			if means[0][j] != 0 || means[1][j] != CloudOffset(d) {
				t.Fatalf("CloudMeans(%d)[·][%d] = %v, %v", d, j, means[0][j], means[1][j])
			}
		}
	}
}

// TestGaussianStreamSlices checks that drawing the points a few at a time,
// or one by one with Next, gives GaussianSamples bit for bit.
func TestGaussianStreamSlices(t *testing.T) {
	t.Parallel()
	means := CloudMeans(5)
	want, err := GaussianSamples(means, 100, 0.7, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, chunk := range []int{1, 7, 64, 1000} {
		g, _ := NewGaussianStream(means, 100, 0.7, 3)
		s := Samples{Dim: 5}
		calls := 0
		for !g.Fill(&s, chunk) {
			calls++
		}
		if !reflect.DeepEqual(s, want) {
			t.Errorf("Fill in chunks of %d differs from GaussianSamples", chunk)
		}
		if wantCalls := (200+chunk-1)/chunk - 1; calls != wantCalls {
			t.Errorf("Fill in chunks of %d: %d calls before done, want %d", chunk, calls, wantCalls)
		}
	}
	g, _ := NewGaussianStream(means, 100, 0.7, 3)
	x := make([]float64, 5)
	for i := 0; ; i++ {
		label, ok := g.Next(x)
		if !ok {
			if i != 200 {
				t.Errorf("Next stopped after %d points, want 200", i)
			}
			break
		}
		if label != want.Label(i) || !reflect.DeepEqual(x, want.Row(i)) {
			t.Fatalf("Next: point %d differs from GaussianSamples", i)
		}
	}
}

// TestCloudsInMoments checks each coordinate's sample mean and the pooled
// standard deviation of the clouds in 16 dimensions against N(m·1, σ²I)
// and N(0, σ²I): 4 standard errors, σ/√n for a mean (n = 5,000) and
// σ/√(2·n·d) for the pooled deviation.
func TestCloudsInMoments(t *testing.T) {
	t.Parallel()
	const d, n, sigma = 16, 5000, 0.5
	s, err := CloudsIn(d, n, sigma, 9)
	if err != nil {
		t.Fatal(err)
	}
	m := CloudOffset(d)
	for k := range 2 {
		var sum [d]float64
		var sq float64
		for i := k * n; i < (k+1)*n; i++ {
			for j, v := range s.Row(i) {
				sum[j] += v
				dv := v - float64(k)*m
				sq += dv * dv
			}
		}
		for j := range d {
			if got := sum[j] / n; math.Abs(got-float64(k)*m) > 4*sigma/math.Sqrt(n) {
				t.Errorf("class %d, x%d: mean %.4f, want %.4f", k, j+1, got, float64(k)*m)
			}
		}
		if sd := math.Sqrt(sq / (n * d)); math.Abs(sd-sigma) > 4*sigma/math.Sqrt(2*n*d) {
			t.Errorf("class %d: standard deviation %.4f, want %v", k, sd, sigma)
		}
	}
}

func TestGaussianErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		d, n     int
		sigma    float64
		fragment string
	}{
		{"negative n", 3, -1, 0.5, "negative"},
		{"negative σ", 3, 10, -0.5, "σ"},
		{"NaN σ", 3, 10, math.NaN(), "σ"},
		{"d = 0", 0, 10, 0.5, "dimension"},
		{"too many", 1024, MaxCoordinates/2048 + 1, 0.5, "coordinates"},
	} {
		if _, err := CloudsIn(c.d, c.n, c.sigma, 1); err == nil || !strings.Contains(err.Error(), c.fragment) || !strings.Contains(err.Error(), "data: ") {
			t.Errorf("%s: CloudsIn error %v, want one naming %q", c.name, err, c.fragment)
		}
	}
	// The largest allowed size is accepted.
	if _, err := CloudsIn(1024, MaxCoordinates/2048, 0.5, 1); err != nil {
		t.Errorf("CloudsIn at MaxCoordinates: %v", err)
	}
}
