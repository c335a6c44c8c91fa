package glyphs

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

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/linear"
	"advplay/engine/theory"
)

var update = flag.Bool("update", false, "rewrite testdata/means.golden")

// goldenPairs are the pairs whose means the golden file pins: the default,
// its reverse, and letters, punctuation and a non-ASCII character.
var goldenPairs = []string{"37", "73", "01", "Ag", "?!", "éW"}

// goldenPath holds the SHA-256 of each pair's means at the default ink,
// the IEEE-754 bits of every pixel as little-endian 64-bit words, as
// rendered natively on linux/amd64. Regenerate with
//
//	go test ./engine/glyphs -run TestMeansGolden -update
//
// Under js/wasm the same test checks that the browser renders the same
// images bit for bit.
var goldenPath = filepath.Join("testdata", "means.golden")

func meansDigest(t *testing.T, pair string) string {
	c := Default
	c.Pair = pair
	means, err := c.Means()
	if err != nil {
		t.Fatalf("Means(%q): %v", pair, err)
	}
	h := sha256.New()
	var buf [8]byte
	for _, m := range means {
		for _, v := range m {
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
			h.Write(buf[:])
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestMeansGolden(t *testing.T) {
	t.Parallel()
	var got bytes.Buffer
	fmt.Fprintf(&got, "# SHA-256 of the means at ink %v, see glyphs_test.go.\n", Default.Ink)
	for _, p := range goldenPairs {
		fmt.Fprintf(&got, "%s %s\n", p, meansDigest(t, p))
	}
	if *update {
		if err := os.WriteFile(goldenPath, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update natively to create it)", err)
	}
	gs, ws := bufio.NewScanner(&got), bufio.NewScanner(bytes.NewReader(want))
	for line := 1; ; line++ {
		g, w := gs.Scan(), ws.Scan()
		if !g && !w {
			break
		}
		if g != w || gs.Text() != ws.Text() {
			t.Errorf("%s:%d: rendered %q, golden %q", goldenPath, line, gs.Text(), ws.Text())
		}
	}
	if n := strings.Count(string(want), "\n"); n != len(goldenPairs)+1 {
		t.Errorf("%s has %d lines, want %d", goldenPath, n, len(goldenPairs)+1)
	}
}

// TestCoverage checks the rendering: coverage in [0, 1] on the 255-step
// grid, some ink, centred by the bounding box of the inked pixels to within
// a pixel (the outline's box is centred exactly; anti-aliasing rounds), a
// digit about 20 pixels tall, and nothing outside the maxExtent box.
func TestCoverage(t *testing.T) {
	t.Parallel()
	for _, r := range "37W.gé" {
		cov, err := Coverage(r)
		if err != nil {
			t.Fatalf("Coverage(%q): %v", r, err)
		}
		minX, minY, maxX, maxY := Side, Side, -1, -1
		var ink float64
		for i, v := range cov {
			if !(v >= 0 && v <= 1) || v*255 != math.Round(v*255) {
				t.Fatalf("Coverage(%q)[%d] = %v, not k/255 in [0, 1]", r, i, v)
			}
			if v > 0 {
				x, y := i%Side, i/Side
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
				ink += v
			}
		}
		if ink == 0 {
			t.Fatalf("Coverage(%q) has no ink", r)
		}
		// The inked box is [min, max+1) in pixels; its centre is Side/2.
		if cx, cy := float64(minX+maxX+1)/2, float64(minY+maxY+1)/2; math.Abs(cx-Side/2) > 1 || math.Abs(cy-Side/2) > 1 {
			t.Errorf("Coverage(%q): inked box [%d,%d]×[%d,%d] centred at (%v, %v), want (14, 14)", r, minX, maxX, minY, maxY, cx, cy)
		}
		if w, h := maxX-minX+1, maxY-minY+1; w > maxExtent+1 || h > maxExtent+1 {
			t.Errorf("Coverage(%q): %d×%d pixels, more than %d", r, w, h, maxExtent)
		}
		if r == '3' || r == '7' {
			if h := maxY - minY + 1; h < 19 || h > 23 {
				t.Errorf("Coverage(%q) is %d pixels tall, want about 20", r, h)
			}
		}
	}
}

func TestMeansErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		pair     string
		fragment string
	}{
		{"33", "not two distinct"},
		{"3", "not two distinct"},
		{"377", "not two distinct"},
		{"", "not two distinct"},
		{"\xff7", "not two distinct"},
		{"3 ", "draws nothing"},
		{"3\u4e2d", "no glyph"},
		{"\U0001F600a", "no glyph"},
	} {
		cfg := Default
		cfg.Pair = c.pair
		_, err := cfg.Means()
		if err == nil || !strings.HasPrefix(err.Error(), Name+": ") || !strings.Contains(err.Error(), c.fragment) {
			t.Errorf("pair %q: error %v, want one naming %s and containing %q", c.pair, err, Name, c.fragment)
		}
		if _, err := Generate(cfg, 1); err == nil || !strings.HasPrefix(err.Error(), Name+": ") {
			t.Errorf("pair %q: Generate error %v, want one naming %s", c.pair, err, Name)
		}
	}
	for _, c := range []Config{
		{Pair: "37", Ink: math.NaN(), Sigma: 0.1, PerClass: 10},
		{Pair: "37", Ink: 0.3, Sigma: -1, PerClass: 10},
		{Pair: "37", Ink: 0.3, Sigma: 0.1, PerClass: -1},
		{Pair: "37", Ink: 0.3, Sigma: 0.1, PerClass: data.MaxCoordinates/(2*Dim) + 1},
	} {
		if _, err := Generate(c, 1); err == nil || !strings.HasPrefix(err.Error(), Name+": ") {
			t.Errorf("Generate(%+v): error %v, want one naming %s", c, err, Name)
		}
	}
}

// TestDefault checks the three promises of the default preset (package
// documentation) on the default fit and 2×2500 fresh test images: a clean
// error of at most 5 %, FGSM with ε = 0.1 flipping at least half of the
// images, and the measured errors within 3 binomial standard deviations of
// theory.LinearError with the fit's own (w, b), plus 1/N. The readability
// of the attacked images cannot be tested; the figure that stands for it,
// the share of attacked images that the best line (the nearest mean, the
// ideal reader of these images) still reads as their own glyph, is logged
// and must stay at least 3/4.
func TestDefault(t *testing.T) {
	t.Parallel()
	train, err := Generate(Default, 1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := linear.Fit(train, linear.FitOptions{})
	if err != nil || !res.Converged {
		t.Fatalf("fit: %+v, %v", res, err)
	}
	testCfg := Default
	testCfg.PerClass = 2500
	test, _ := Generate(testCfg, 2)
	means, _ := Default.Means()
	m := res.Model
	n := float64(test.Len())
	within := func(got, want float64) bool { return math.Abs(got-want) <= 3*math.Sqrt(want*(1-want)/n)+1/n }
	clean, cleanTheory := linear.ErrorRate(m, test, 0, attack.LInf), theory.LinearError(m.W, m.B, means, Default.Sigma, 0, attack.LInf)
	fgsm, fgsmTheory := linear.ErrorRate(m, test, 0.1, attack.LInf), theory.LinearError(m.W, m.B, means, Default.Sigma, 0.1, attack.LInf)
	if clean > 0.05 || cleanTheory > 0.05 || !within(clean, cleanTheory) {
		t.Errorf("clean error %.4f, closed form %.4f, want at most 0.05", clean, cleanTheory)
	}
	if fgsm < 0.5 || fgsmTheory < 0.5 || !within(fgsm, fgsmTheory) {
		t.Errorf("FGSM ε = 0.1: error %.4f, closed form %.4f, want at least 0.5", fgsm, fgsmTheory)
	}
	best := linear.Bisector(means)
	// The geometry the package documentation quotes: the means 8.06·ink
	// apart, the best line's ‖w‖₁/‖w‖₂ = 10.9.
	if dist, rho := best.Norm2()/Default.Ink, best.Norm1()/best.Norm2(); math.Abs(dist-8.06) > 0.005 || math.Abs(rho-10.9) > 0.05 {
		t.Errorf("‖μ₁ − μ₀‖₂ = %.4f·ink, best line's ‖w‖₁/‖w‖₂ = %.3f; the documentation says 8.06 and 10.9", dist, rho)
	}
	read := 0
	adv := make([]float64, Dim)
	for i := range test.Len() {
		m.Perturb(adv, test.Row(i), test.Label(i), 0.1, attack.LInf)
		if best.Predict(adv) == test.Label(i) {
			read++
		}
	}
	t.Logf("fit: %d iterations, reach ε‖w‖₁/‖w‖₂ = %.3f at ε = 0.1 (best line %.3f, at most ε√%d = %.1f)", res.Iterations, m.Reach(0.1, attack.LInf), best.Reach(0.1, attack.LInf), Dim, 0.1*math.Sqrt(Dim))
	t.Logf("clean %.4f (closed form %.2g), FGSM ε = 0.1 %.4f (closed form %.4f); the best line reads %.4f of the attacked images as their glyph",
		clean, cleanTheory, fgsm, fgsmTheory, float64(read)/n)
	if float64(read)/n < 0.75 {
		t.Errorf("the best line reads only %.4f of the attacked images as their glyph", float64(read)/n)
	}
}

func TestGray(t *testing.T) {
	t.Parallel()
	x := make([]float64, Dim)
	x[0], x[1], x[2], x[3] = -1, 0, 0.15, 0.3
	x[4] = 5
	img := Gray(x, 0, 0.3)
	if want := []uint8{255, 255, 128, 0, 0}; !bytes.Equal(img.Pix[:5], want) {
		t.Errorf("Gray pixels %v, want %v (white at lo, black at hi, clipped)", img.Pix[:5], want)
	}
	defer func() {
		if s, ok := recover().(string); !ok || !strings.HasPrefix(s, "glyphs: ") {
			t.Errorf("Gray with lo = hi: recovered %q, want a glyphs: panic", s)
		}
	}()
	Gray(x, 1, 1)
}

// halfEpsilon returns the ε at which FGSM flips half of the images of the
// two classes of c against m, by bisection on theory.LinearError, to 1e-6.
func halfEpsilon(m linear.Model, means [2][]float64, sigma float64) float64 {
	lo, hi := 0.0, 10.0
	for hi-lo > 1e-6 {
		mid := (lo + hi) / 2
		if theory.LinearError(m.W, m.B, means, sigma, mid, attack.LInf) < 0.5 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// TestTradeOff checks the package documentation's table: for the fit on
// 2×1000 images of "3" and "7", the ε that flips half the images is about
// 0.3 of the ink when σ is half the ink, whatever the ink, so that ε = 0.1
// flips half only when the ink is below about 0.33, and a faint attack
// (ε ≤ ink/6) flips almost nothing; only noise of twice the ink spreads
// the weights enough to bring that ε to 0.17 of the ink, when the clean
// error reaches 5 % and the images are noise to the eye. Each row's bounds
// are the documented figures rounded outwards.
func TestTradeOff(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		ink, sigma       float64
		cleanMax         float64 // closed-form clean error at most
		halfMin, halfMax float64 // ε_half/ink between
		fgsmMin, fgsmMax float64 // closed-form FGSM error at ε = 0.1 between
	}{
		{0.3, 0.15, 1e-6, 0.28, 0.33, 0.5, 0.9},
		{0.6, 0.3, 1e-6, 0.28, 0.33, 0, 0.01},
		{1, 0.5, 1e-6, 0.28, 0.33, 0, 1e-6},
		{1, 2, 0.06, 0.15, 0.19, 0.15, 0.4},
	} {
		cfg := Config{Pair: "37", Ink: c.ink, Sigma: c.sigma, PerClass: 1000}
		s, _ := Generate(cfg, 1)
		res, err := linear.Fit(s, linear.FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		means, _ := cfg.Means()
		m := res.Model
		clean := theory.LinearError(m.W, m.B, means, c.sigma, 0, attack.LInf)
		fgsm := theory.LinearError(m.W, m.B, means, c.sigma, 0.1, attack.LInf)
		half := halfEpsilon(m, means, c.sigma) / c.ink
		t.Logf("ink %v, σ %v: clean %.3g, FGSM ε = 0.1 %.4f, ε_half = %.3f·ink, ‖w‖₁/‖w‖₂ = %.1f", c.ink, c.sigma, clean, fgsm, half, m.Norm1()/m.Norm2())
		if clean > c.cleanMax || half < c.halfMin || half > c.halfMax || fgsm < c.fgsmMin || fgsm > c.fgsmMax {
			t.Errorf("ink %v, σ %v: clean %.3g (at most %v), ε_half %.3f·ink (in [%v, %v]), FGSM %.4f (in [%v, %v])",
				c.ink, c.sigma, clean, c.cleanMax, half, c.halfMin, c.halfMax, fgsm, c.fgsmMin, c.fgsmMax)
		}
	}
}
