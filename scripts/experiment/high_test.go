package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/glyphs"
	"advplay/engine/linear"
	"advplay/engine/scene"
	"advplay/engine/scene/csvfile"
	"advplay/engine/scene/share"
	"advplay/engine/theory"
)

// highDoc is the -json document above two dimensions.
type highDoc struct {
	Recipe    string
	Seed      uint64
	N, Points int
	Dimension int
	Glyphs    string
	Attack    string
	Weights   []float64
	Bias      float64
	Rows      []struct {
		Epsilon, Error float64
		Exact, Theory  *float64
		Best, Article  *float64
	}
	SceneError *float64
}

func runHigh(t *testing.T, args ...string) highDoc {
	t.Helper()
	return runJSON[highDoc](t, args...)
}

// TestDimensionFlag: -dimension runs the clouds in d dimensions through
// the same engine as the page: the fit is linear.Fit on data.CloudsIn, the
// error is counted in d dimensions (linear.ErrorRate), theory is
// theory.LinearError with the fit's (w, b) and best theory.DimensionError.
func TestDimensionFlag(t *testing.T) {
	t.Parallel()
	const d, n = 32, 300
	for _, method := range []string{"fgsm", "fgm", "pgd"} {
		doc := runHigh(t, "-dimension", "32", "-n", "300", "-seed", "2", "-attack", method, "-eps", "0,0.1,0.3")
		samples, err := data.CloudsIn(d, n, data.CloudSigma, 2)
		if err != nil {
			t.Fatal(err)
		}
		fit, err := linear.Fit(samples, linear.FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m := fit.Model
		if doc.Dimension != d || doc.N != n || doc.Points != 2*n || doc.Recipe != "lbfgs" || !slices.Equal(doc.Weights, m.W) || doc.Bias != m.B {
			t.Fatalf("%s: dimension %d, n %d, %d points, recipe %q, %d weights; want linear.Fit's in %d dimensions", method, doc.Dimension, doc.N, doc.Points, doc.Recipe, len(doc.Weights), d)
		}
		// PGD on a linear model ends at FGSM's corner (package scene).
		ball := attack.Config{Method: attack.Method(method)}.BallNorm()
		for _, r := range doc.Rows {
			if got := linear.ErrorRate(m, samples, r.Epsilon, ball); r.Error != got {
				t.Errorf("%s, ε = %v: error %v, counted %v", method, r.Epsilon, r.Error, got)
			}
			th := theory.LinearError(m.W, m.B, data.CloudMeans(d), data.CloudSigma, r.Epsilon, ball)
			best := theory.DimensionError(d, data.CloudSigma, r.Epsilon, ball)
			if r.Theory == nil || *r.Theory != th || r.Best == nil || *r.Best != best || r.Exact != nil || r.Article != nil {
				t.Errorf("%s, ε = %v: theory %v, best %v; want %v and %v, and no exact or article column", method, r.Epsilon, r.Theory, r.Best, th, best)
			}
		}
	}
}

// TestGlyphsFlag: -preset glyphs -glyphs runs the glyph images: the fit is
// linear.Fit on glyphs.Generate, theory the closed form on the glyphs'
// distribution; there is no best column, which is the clouds' closed form.
func TestGlyphsFlag(t *testing.T) {
	t.Parallel()
	doc := runHigh(t, "-preset", "glyphs", "-glyphs", "38", "-n", "100", "-eps", "0,0.1")
	c := glyphs.Default
	c.Pair, c.PerClass = "38", 100
	samples, err := glyphs.Generate(c, 1)
	if err != nil {
		t.Fatal(err)
	}
	fit, err := linear.Fit(samples, linear.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Dimension != glyphs.Dim || doc.Glyphs != "38" || !slices.Equal(doc.Weights, fit.Model.W) {
		t.Fatalf("dimension %d, glyphs %q, %d weights; want %d, \"38\", linear.Fit's", doc.Dimension, doc.Glyphs, len(doc.Weights), glyphs.Dim)
	}
	means, _ := c.Means()
	for _, r := range doc.Rows {
		th := theory.LinearError(fit.Model.W, fit.Model.B, means, c.Sigma, r.Epsilon, attack.LInf)
		if r.Theory == nil || *r.Theory != th || r.Best != nil {
			t.Errorf("ε = %v: theory %v, best %v; want %v and no best", r.Epsilon, r.Theory, r.Best, th)
		}
	}
	// The default -n of the glyphs is glyphs.Default's.
	if doc := runHigh(t, "-preset", "glyphs", "-eps", "0"); doc.N != glyphs.Default.PerClass || doc.Glyphs != glyphs.Default.Pair {
		t.Errorf("-preset glyphs: n %d, glyphs %q; want %d, %q", doc.N, doc.Glyphs, glyphs.Default.PerClass, glyphs.Default.Pair)
	}
}

// TestHighText: the table above two dimensions says where the points live
// and what the attack does along ŵ, with the theory columns.
func TestHighText(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want []string
		cols []string
	}{
		{[]string{"-dimension", "16", "-n", "200", "-eps", "0,0.2"},
			[]string{"L-BFGS to convergence", "clouds in 16 dimensions", "200 points per class", "‖w‖₁/‖w‖₂", "√d = 4.00", "in closed form"},
			[]string{"ε", "error", "theory", "best"}},
		{[]string{"-preset", "glyphs", "-glyphs", "Ag", "-n", "50", "-eps", "0,0.1", "-attack", "pgd"},
			[]string{`the glyphs "A" against "g"`, "28×28 pixels (d = 784)", "50 images per class", "√d = 28.00", "where PGD on a linear model ends"},
			[]string{"ε", "error", "theory"}},
	} {
		code, stdout, stderr := runArgs(c.args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", c.args, code, stderr)
		}
		for _, s := range c.want {
			if !strings.Contains(stdout, s) {
				t.Errorf("%q: output lacks %q:\n%s", c.args, s, stdout)
			}
		}
		if got := tableHeader(t, stdout); !slices.Equal(got, c.cols) {
			t.Errorf("%q: columns %v, want %v", c.args, got, c.cols)
		}
	}
}

// TestHighScene: -scene takes a link of a scene above two dimensions, and
// its figures are the page's; -data-out writes the points in d dimensions,
// which the page imports back.
func TestHighScene(t *testing.T) {
	t.Parallel()
	sc, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Apply(map[string]any{"dimension": 12.0, "epsilon": 0.25, "attack": map[string]any{"method": "fgm"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.AddPoint(1.5, 0.5, 0); err != nil {
		t.Fatal(err)
	}
	page := sc.State()
	doc := runHigh(t, "-scene", "https://example.org/play.html#"+share.Encode(sc), "-eps", "0,0.25")
	if doc.Dimension != 12 || doc.Points != len(page.Points) || !slices.Equal(doc.Weights, page.Model.Weights) {
		t.Fatalf("dimension %d, %d points; the page has 12 and %d, or other weights", doc.Dimension, doc.Points, len(page.Points))
	}
	if *doc.SceneError != page.Metrics.AdversarialError || doc.Rows[1].Error != page.Metrics.AdversarialError || doc.Rows[0].Error != page.Metrics.CleanError {
		t.Errorf("errors %v and %v (scene %v); the page has %v and %v", doc.Rows[0].Error, doc.Rows[1].Error, *doc.SceneError, page.Metrics.CleanError, page.Metrics.AdversarialError)
	}
	if th, _ := sc.Chart().Theory(0.25); doc.Rows[1].Theory == nil || *doc.Rows[1].Theory != th {
		t.Errorf("theory %v, the scene's %v", doc.Rows[1].Theory, th)
	}

	out := filepath.Join(t.TempDir(), "points.csv")
	runHigh(t, "-dimension", "5", "-n", "20", "-data-out", out, "-eps", "0")
	text, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	in, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(text), "x1,x2,x3,x4,x5,label\n") || csvfile.Import(in, string(text)) != nil || in.Samples().Len() != 40 {
		t.Errorf("-data-out in 5 dimensions wrote %.40q, which imports to %d points", text, in.Samples().Len())
	}
}
