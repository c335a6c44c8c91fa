//go:build !js

package browsertest

// Into higher dimensions: the article's clouds in d dimensions, the glyph
// pictures, the projection, the gallery and the error-against-dimension
// chart (engine/scene's package doc and engine/theory's DimensionError).

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestDimensions sets the clouds' dimension from the API and the slider,
// checks the projection's state and readout, refusals that name the
// field, a click in the plane, and the error-against-dimension chart.
func TestDimensions(t *testing.T) {
	tb := openPlay(t, desktop)
	if e := tb.try(`advplay.set({preset: "small", dimension: 64, epsilon: 0.1})`); e != "" {
		t.Fatal(e)
	}
	type dimState struct {
		Dimension  int
		Weights    int
		Coords     int
		Projection struct{ Reach, StepLInf, SqrtD float64 }
		Lines      string
	}
	read := func() dimState {
		return evalJS[dimState](tb, `(() => { const s = advplay.state(); return {dimension: s.dimension, weights: s.model.weights.length,
		  coords: s.points[0].coords ? s.points[0].coords.length : 0, projection: s.projection || {},
		  lines: advplay.summary().readout.lines.map((l) => l.label).join(" | ")}; })()`)
	}
	s := read()
	t.Logf("figure: the clouds in 64 dimensions at ε 0.1: along ŵ each point moves %.3f, %.2f·ε (at most √d = %.0f); readout: %s", s.Projection.Reach, s.Projection.Reach/0.1, s.Projection.SqrtD, s.Lines)
	if s.Dimension != 64 || s.Weights != 64 || s.Coords != 64 || s.Projection.StepLInf != 0.1 || s.Projection.SqrtD != 8 {
		t.Errorf("state at d = 64: %+v; want 64 weights and coordinates, ‖δ‖∞ = ε = 0.1, √d = 8", s)
	}
	if !strings.Contains(s.Lines, "projection of 64 dimensions") {
		t.Errorf("the readout does not say the plot is a projection: %s", s.Lines)
	}
	// Refusals name the field and change nothing.
	for patch, field := range map[string]string{
		`{dimension: 1.5}`:                     "dimension",
		`{dimension: 2000}`:                    "dimension",
		`{preset: "moons", dimension: 8}`:      "dimension",
		`{preset: "glyphs", glyphs: "33"}`:     "glyphs",
		`{preset: "article", dimension: 1024}`: "dimension",
	} {
		e := tb.try(`advplay.set(` + patch + `)`)
		if !strings.Contains(e, field) {
			t.Errorf("set(%s) threw %q, want an error naming %s", patch, e, field)
		}
		if got := read(); got.Dimension != 64 {
			t.Errorf("the refused set(%s) changed the dimension to %d", patch, got.Dimension)
		}
	}
	// The slider: one step right from 64 is the next stop, 128.
	tb.waitFrames(2)
	tb.do(chromedp.Focus(chromedp.ID("dimension")), chromedp.KeyEvent(kb.ArrowRight))
	tb.waitFrames(2)
	if got := read(); got.Dimension != 128 {
		t.Errorf("one step of the dimension slider from 64 gave %d, want 128", got.Dimension)
	}
	// A click in the plane adds a point there.
	before := tb.state()
	c := tb.clickable(-0.5, 0.5)
	tb.do(chromedp.MouseClickXY(c.X, c.Y))
	pts := tb.waitPoints(len(before.Points)+1, "a click at d = 128")
	tb.checkPoint("click at d = 128", pts[len(pts)-1], -0.5, 0.5, before.Class)

	// The error against the dimension, FGSM against FGM.
	start := time.Now()
	if e := tb.try(`advplay.set({dimension: 2, chart: {mode: "dimension"}})`); e != "" {
		t.Fatal(e)
	}
	tb.waitJS("the dimension chart", 2*time.Minute, `advplay.chartTable().rows.length === 10`)
	took := time.Since(start)
	type table struct {
		Key     string
		Columns []string
		Rows    [][]float64
	}
	tab := evalJS[table](tb, `advplay.chartTable()`)
	var rows []string
	for _, r := range tab.Rows {
		rows = append(rows, fmt.Sprintf("d %g: FGSM %.1f %% (theory %.1f %%), FGM %.1f %%", r[0], 100*r[1], 100*r[2], 100*r[3]))
	}
	t.Logf("figure: error against dimension at ε 0.1, computed in the page in %.1f s: %s", took.Seconds(), strings.Join(rows, "; "))
	if tab.Key != "d" || len(tab.Rows) != 10 {
		t.Fatalf("chartTable in the dimension mode: key %q, %d rows; want d and ten dimensions", tab.Key, len(tab.Rows))
	}
	first, last := tab.Rows[0], tab.Rows[9]
	// Φ((ε√d − √2)/σ) at ε 0.1, σ 0.5: 0.545 % at d = 2 and 99.98 % at
	// d = 1024 for the best line (engine/theory's DimensionError); the fit
	// is close to it. FGM's Φ((ε − √2)/σ) is the same for every d.
	if first[1] > 0.05 || last[1] < 0.9 {
		t.Errorf("FGSM error %.3f at d = 2 and %.3f at d = 1024; want it to climb from near 0 to near 1", first[1], last[1])
	}
	if last[3] > 0.05 {
		t.Errorf("FGM error %.3f at d = 1024; want it flat, near its value at d = 2 (%.3f)", last[3], first[3])
	}
	// "Chart as a table" shows the same rows, keyed by d, as the push
	// brought them.
	tb.waitJS("the chart's table in the page", stepTimeout, `document.querySelectorAll("#chart-table tbody tr").length === 10`)
	type shown struct {
		Caption, Key string
		First, Last  []string
	}
	got := evalJS[shown](tb, `(() => { const t = document.getElementById("chart-table"), r = t.tBodies[0].rows;
	  const cells = (row) => [...row.cells].map((c) => c.textContent);
	  return {caption: t.caption.textContent, key: t.tHead.rows[0].cells[0].textContent, first: cells(r[0]), last: cells(r[r.length - 1])}; })()`)
	t.Logf("Chart as a table: %q, first row %v, last %v", got.Caption, got.First, got.Last)
	if got.Key != "d" || got.First[0] != "2" || got.Last[0] != "1024" || !strings.Contains(got.Caption, "dimension") ||
		got.First[1] != fmt.Sprintf("%.2f", 100*first[1]) {
		t.Errorf("Chart as a table in the dimension mode: caption %q, key %q, rows %v … %v; want d, 2 … 1024 and the errors of chartTable()", got.Caption, got.Key, got.First, got.Last)
	}
	tb.screenshot("dimensions-1280x800")
}

// TestGlyphGallery selects the glyph preset: the pictures show with the
// model's probabilities, a sample's pair is whole, and another pair of
// characters is taken.
func TestGlyphGallery(t *testing.T) {
	for _, vp := range []viewport{desktop, phone} {
		tb := openPlay(t, vp)
		start := time.Now()
		if e := tb.try(`advplay.set({preset: "glyphs", epsilon: 0.1})`); e != "" {
			t.Fatal(e)
		}
		took := time.Since(start)
		tb.waitJS("the gallery", stepTimeout, `document.querySelectorAll("#gallery-grid figure").length === 10`)
		type sample struct {
			Clean, Perturbation, Attacked    int
			Probability, AttackedProbability float64
			Label                            int
		}
		sm := evalJS[sample](tb, `(() => { const v = advplay.sample(0); return {clean: v.clean.length, perturbation: v.perturbation.length,
		  attacked: v.attacked.length, probability: v.probability, attackedProbability: v.attackedProbability, label: v.label}; })()`)
		st := tb.summary()
		if vp.w == desktop.w {
			t.Logf("figure: the glyph preset (\"37\", 2×1000 pictures of 784 pixels) generated, fitted and attacked in the page in %.0f ms (target 500); FGSM at ε 0.1 misclassifies %.1f %%, clean %.1f %%; sample 0 goes from p %.3f to %.3f",
				float64(took.Milliseconds()), 100*st.Metrics.AdversarialError, 100*st.Metrics.CleanError, sm.Probability, sm.AttackedProbability)
		}
		if sm.Clean != 784 || sm.Perturbation != 784 || sm.Attacked != 784 {
			t.Errorf("sample(0): %+v; want 784 values each", sm)
		}
		if st.Metrics.AdversarialError < 0.5 {
			t.Errorf("FGSM at ε 0.1 misclassifies %.1f %% of the glyphs, want at least half (engine/glyphs' default)", 100*st.Metrics.AdversarialError)
		}
		if e := tb.try(`advplay.set({glyphs: "38"})`); e != "" {
			t.Errorf("set({glyphs: \"38\"}): %s", e)
		}
		name := "glyphs-" + fmt.Sprint(vp.w) + "x" + fmt.Sprint(vp.h)
		tb.waitFrames(3)
		tb.screenshot(name)
		tb.close()
	}
}
