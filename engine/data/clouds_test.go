package data

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The -update flag rewrites golden files. It is registered here only if no
// other test file of the package has registered it already (package-level
// variables are initialized before init functions run).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// cloudsGoldenPath holds the article's clouds as generated natively on
// linux/amd64: the SHA-256 of all 2×10,000 points of seeds 1, 2 and 3, and
// the first cloudsGoldenPoints points of seed 1 written exactly (floats in
// hexadecimal). Regenerate with
//
//	go test ./engine/data -run TestCloudsGolden -update
//
// Under js/wasm the same test compares the browser's generator with the
// native one bit for bit.
var cloudsGoldenPath = filepath.Join("testdata", "clouds.golden")

const cloudsGoldenPoints = 200

// cloudsDigest returns the SHA-256 of the points: for each point the
// IEEE-754 bits of X and Y and the label, as little-endian 64-bit words.
func cloudsDigest(points []Point) string {
	h := sha256.New()
	var buf [24]byte
	for _, p := range points {
		binary.LittleEndian.PutUint64(buf[0:], math.Float64bits(p.X))
		binary.LittleEndian.PutUint64(buf[8:], math.Float64bits(p.Y))
		binary.LittleEndian.PutUint64(buf[16:], uint64(p.Label))
		h.Write(buf[:])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// cloudsGolden renders the golden file's content from the generator.
func cloudsGolden(t *testing.T) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# data.Clouds(%d, seed), generated natively; see clouds_test.go.\n", ArticlePerClass)
	fmt.Fprintf(&b, "# sha256 <seed> <digest of all points>, then point <i> <x> <y> <label> for seed 1.\n")
	var first []Point
	for seed := uint64(1); seed <= 3; seed++ {
		points, err := Clouds(ArticlePerClass, seed)
		if err != nil {
			t.Fatalf("Clouds(%d, %d): %v", ArticlePerClass, seed, err)
		}
		if seed == 1 {
			first = points[:cloudsGoldenPoints]
		}
		fmt.Fprintf(&b, "sha256 %d %s\n", seed, cloudsDigest(points))
	}
	for i, p := range first {
		fmt.Fprintf(&b, "point %d %x %x %d\n", i, p.X, p.Y, p.Label)
	}
	return b.Bytes()
}

func TestCloudsGolden(t *testing.T) {
	t.Parallel()
	got := cloudsGolden(t)
	if updateGolden() {
		if err := os.WriteFile(cloudsGoldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", cloudsGoldenPath)
		return
	}
	want, err := os.ReadFile(cloudsGoldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update natively to create it)", err)
	}
	gs, ws := bufio.NewScanner(bytes.NewReader(got)), bufio.NewScanner(bytes.NewReader(want))
	for line := 1; ; line++ {
		g, w := gs.Scan(), ws.Scan()
		if !g && !w {
			break
		}
		if g != w || gs.Text() != ws.Text() {
			t.Fatalf("%s:%d: generated %q, golden %q", cloudsGoldenPath, line, gs.Text(), ws.Text())
		}
	}
	// The golden file must hold what the comment says, or the test proves
	// nothing.
	if n := strings.Count(string(want), "\npoint "); n != cloudsGoldenPoints {
		t.Errorf("%s holds %d points, want %d", cloudsGoldenPath, n, cloudsGoldenPoints)
	}
	if n := strings.Count(string(want), "\nsha256 "); n != 3 {
		t.Errorf("%s holds %d digests, want 3", cloudsGoldenPath, n)
	}
}

func TestCloudsDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := Clouds(500, 7)
	b, _ := Clouds(500, 7)
	c, _ := Clouds(500, 8)
	if cloudsDigest(a) != cloudsDigest(b) {
		t.Error("Clouds(500, 7) differs between two calls")
	}
	if cloudsDigest(a) == cloudsDigest(c) {
		t.Error("Clouds(500, 7) and Clouds(500, 8) are identical")
	}
	// GaussianClouds with σ = 0.5 is the same generator.
	if g := GaussianClouds(500, CloudSigma, 7); cloudsDigest(g) != cloudsDigest(a) {
		t.Error("GaussianClouds(500, CloudSigma, 7) differs from Clouds(500, 7)")
	}
}

func TestCloudsShape(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 3, 1000} {
		points, err := Clouds(n, 1)
		if err != nil {
			t.Fatalf("Clouds(%d, 1): %v", n, err)
		}
		if len(points) != 2*n {
			t.Fatalf("Clouds(%d, 1) has %d points, want %d", n, len(points), 2*n)
		}
		for i, p := range points {
			if want := i / max(n, 1); p.Label != want {
				t.Fatalf("Clouds(%d, 1)[%d].Label = %d, want %d (red first, then blue)", n, i, p.Label, want)
			}
		}
		if err := Validate(points); err != nil {
			t.Errorf("Validate(Clouds(%d, 1)): %v", n, err)
		}
	}
	if points, err := Clouds(-1, 1); err == nil || points != nil {
		t.Errorf("Clouds(-1, 1) = %d points, %v; want nil and an error", len(points), err)
	}
}

// TestCloudsMoments checks the sample moments of each cloud of 10,000
// points against N(μ, 0.5²·I), for three seeds. The bounds are 4 standard
// errors: 4·σ/√n = 0.02 for a mean, 4·σ/√(2n) ≈ 0.0142 for a standard
// deviation (normal data), and 4/√n = 0.04 for the x–y correlation.
func TestCloudsMoments(t *testing.T) {
	t.Parallel()
	const n = ArticlePerClass
	meanTol := 4 * CloudSigma / math.Sqrt(n)
	stdTol := 4 * CloudSigma / math.Sqrt(2*n)
	corrTol := 4 / math.Sqrt(n)
	for seed := uint64(1); seed <= 3; seed++ {
		points, _ := Clouds(n, seed)
		for label := range 2 {
			cloud := points[label*n : (label+1)*n]
			var sx, sy float64
			for _, p := range cloud {
				sx += p.X
				sy += p.Y
			}
			mx, my := sx/n, sy/n
			var vx, vy, cxy float64
			for _, p := range cloud {
				vx += (p.X - mx) * (p.X - mx)
				vy += (p.Y - my) * (p.Y - my)
				cxy += (p.X - mx) * (p.Y - my)
			}
			sdx, sdy := math.Sqrt(vx/(n-1)), math.Sqrt(vy/(n-1))
			corr := cxy / math.Sqrt(vx*vy)
			mu := CloudMean(label)
			if math.Abs(mx-mu[0]) > meanTol || math.Abs(my-mu[1]) > meanTol {
				t.Errorf("seed %d, class %d: mean (%.4f, %.4f), want (%v, %v) ± %.3f", seed, label, mx, my, mu[0], mu[1], meanTol)
			}
			if math.Abs(sdx-CloudSigma) > stdTol || math.Abs(sdy-CloudSigma) > stdTol {
				t.Errorf("seed %d, class %d: std (%.4f, %.4f), want %v ± %.4f", seed, label, sdx, sdy, CloudSigma, stdTol)
			}
			if math.Abs(corr) > corrTol {
				t.Errorf("seed %d, class %d: x–y correlation %.4f, want 0 ± %.2f", seed, label, corr, corrTol)
			}
		}
	}
}

func TestCloudMean(t *testing.T) {
	t.Parallel()
	// The article: red ~ N((0,0), ·), blue ~ N((2,2), ·).
	if m := CloudMean(0); m != [2]float64{0, 0} {
		t.Errorf("CloudMean(0) = %v, want [0 0]", m)
	}
	if m := CloudMean(1); m != [2]float64{2, 2} {
		t.Errorf("CloudMean(1) = %v, want [2 2]", m)
	}
}
