package scene

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"advplay/engine/attack"
	"advplay/engine/data"
	"advplay/engine/dimsweep"
	"advplay/engine/glyphs"
	"advplay/engine/linear"
	"advplay/engine/logistic"
	"advplay/engine/theory"
)

// mustApply returns the default scene changed by a JSON patch.
func mustApply(t testing.TB, patch string) *Scene {
	t.Helper()
	s := newScene(t)
	if err := s.Apply(decode(t, patch)); err != nil {
		t.Fatalf("Apply(%s): %v", patch, err)
	}
	return s
}

// editedHigh returns the scene of patch with every kind of edit: removed,
// moved and added points.
func editedHigh(t testing.TB, patch string) *Scene {
	t.Helper()
	s := mustApply(t, patch)
	for _, i := range []int{9, 3, 0} {
		if err := s.RemovePoint(i); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.MovePoint(4, 1.23456, -0.5); err != nil {
		t.Fatal(err)
	}
	for k, xy := range [][2]float64{{0.5, 0.25}, {1.75, -0.125}, {1.0, 0.0}} {
		if _, err := s.AddPoint(xy[0], xy[1], k%2); err != nil {
			t.Fatal(err)
		}
	}
	s.Flush()
	return s
}

// TestDimensionRefusals: every bad dimension, glyph pair, combination and
// size is refused with an error naming its field, and nothing changes:
// not the state, not the link.
func TestDimensionRefusals(t *testing.T) {
	scenes := map[string]string{
		"plane": `{}`,
		"d8":    `{"dimension": 8}`,
		"mlp":   `{"model": {"kind": "mlp"}, "training": {"running": false}}`,
		"glyph": `{"preset": "glyphs", "n": 30}`,
	}
	cases := []struct {
		scene, patch, path string
	}{
		{"plane", `{"dimension": 1}`, "dimension"},
		{"plane", `{"dimension": 1025}`, "dimension"},
		{"plane", `{"dimension": 8.5}`, "dimension"},
		{"plane", `{"dimension": "8"}`, "dimension"},
		{"plane", `{"dimension": null}`, "dimension"},
		{"plane", `{"preset": "moons", "dimension": 8}`, "dimension"},
		{"plane", `{"preset": "empty", "dimension": 3}`, "dimension"},
		{"plane", `{"preset": "glyphs", "dimension": 64}`, "dimension"},
		{"glyph", `{"dimension": 8}`, "dimension"},
		{"plane", `{"glyphs": "38"}`, "glyphs"},
		{"d8", `{"glyphs": "37"}`, "glyphs"},
		{"plane", `{"preset": "glyphs", "glyphs": "33"}`, "glyphs"},
		{"plane", `{"preset": "glyphs", "glyphs": "3"}`, "glyphs"},
		{"plane", `{"preset": "glyphs", "glyphs": "378"}`, "glyphs"},
		{"plane", `{"preset": "glyphs", "glyphs": 37}`, "glyphs"},
		{"plane", `{"preset": "glyphs", "glyphs": "3 "}`, "glyphs"}, // a space draws nothing
		{"glyph", `{"glyphs": "3\u4e00"}`, "glyphs"},                // Go Regular has no CJK
		// 2·n·d > data.MaxCoordinates = 4,000,000, naming what the patch set.
		{"plane", `{"dimension": 1024, "n": 2000}`, "dimension"},
		{"plane", `{"preset": "article", "dimension": 512}`, "dimension"},
		{"d8", `{"n": 25000, "dimension": 81}`, "dimension"},
		{"glyph", `{"n": 2552}`, "n"}, // 2×2552×784 = 4,001,536
		{"d8", `{"preset": "small", "dimension": 1000, "n": 2001}`, "dimension"},
		// The plane's models and recipes.
		{"plane", `{"dimension": 8, "model": {"kind": "mlp"}}`, "model.kind"},
		{"d8", `{"model": {"kind": "mlp"}}`, "model.kind"},
		{"plane", `{"dimension": 8, "training": {"recipe": "article"}}`, "training.recipe"},
		{"d8", `{"training": {"recipe": "article"}}`, "training.recipe"},
		{"plane", `{"dimension": 8, "defense": {"method": "fgsm"}}`, "defense.method"},
		{"glyph", `{"defense": {"method": "pgd"}}`, "defense.method"},
		// Custom points are in the plane.
		{"d8", `{"points": [{"x": 0, "y": 0, "label": 0}], "dimension": 8}`, "points"},
		{"glyph", `{"points": [{"x": 0, "y": 0, "label": 0}], "glyphs": "38"}`, "points"},
		// The chart.
		{"plane", `{"chart": {"mode": "sideways"}}`, "chart.mode"},
		{"plane", `{"chart": "dimension"}`, "chart"},
		{"plane", `{"chart": {"modes": "dimension"}}`, "chart.modes"},
	}
	for _, c := range cases {
		s := mustApply(t, scenes[c.scene])
		if s.Settings().Dimension > MinDimension {
			if _, err := s.AddPoint(0.5, 0.25, 1); err != nil { // an edit to keep
				t.Fatal(err)
			}
		}
		before := snapshot(t, s)
		err := s.Apply(decode(t, c.patch))
		if err == nil {
			t.Errorf("%s: Apply(%s) succeeded, want an error naming %s", c.scene, c.patch, c.path)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.path+": ") {
			t.Errorf("%s: Apply(%s) = %q, want an error starting %q", c.scene, c.patch, err, c.path+": ")
		}
		if after := snapshot(t, s); after != before {
			t.Errorf("%s: Apply(%s) failed with %q but changed the scene", c.scene, c.patch, err)
		}
	}
}

// TestDimensionErrorMessages: the size error says how many points fit.
func TestDimensionErrorMessages(t *testing.T) {
	err := newScene(t).Apply(decode(t, `{"dimension": 1024, "n": 2000}`))
	// data.MaxCoordinates/(2·1024) = 1953 points per class fit.
	for _, want := range []string{"dimension", "2×2000 points in 1024 dimensions", "4000000 coordinates", "at most 1953 points per class"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	err = newScene(t).Apply(decode(t, `{"dimension": 8, "model": {"kind": "mlp"}}`))
	for _, want := range []string{"model.kind", "the MLP", "plane", "8"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestDimensionSettings: what each accepted patch sets, and the points
// it generates, straight from the engine (data.CloudsIn, glyphs.Generate).
func TestDimensionSettings(t *testing.T) {
	clouds := func(d, n int, seed uint64) data.Samples {
		s, err := data.CloudsIn(d, n, data.CloudSigma, seed)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	glyph := func(pair string, n int, sigma float64, seed uint64) data.Samples {
		c := glyphs.Default
		c.Pair, c.PerClass, c.Sigma = pair, n, sigma
		s, err := glyphs.Generate(c, seed)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	cases := []struct {
		patch  string
		d      int
		pair   string
		n      int
		points data.Samples // zero in the plane
	}{
		{`{"dimension": 8}`, 8, "", 100, clouds(8, 100, 1)},
		{`{"dimension": 3, "seed": 4, "n": 50}`, 3, "", 50, clouds(3, 50, 4)},
		{`{"preset": "article", "dimension": 64, "n": 300}`, 64, "", 300, clouds(64, 300, 1)},
		{`{"preset": "glyphs"}`, glyphs.Dim, "37", glyphs.Default.PerClass, glyph("37", glyphs.Default.PerClass, glyphs.Default.Sigma, 1)},
		{`{"preset": "glyphs", "glyphs": "38", "n": 20, "noise": 0.3, "seed": 5}`, glyphs.Dim, "38", 20, glyph("38", 20, 0.3, 5)},
		{`{"preset": "glyphs", "dimension": 784, "glyphs": "Ag", "n": 10}`, glyphs.Dim, "Ag", 10, glyph("Ag", 10, glyphs.Default.Sigma, 1)},
		// A value the preset already has changes nothing.
		{`{"preset": "moons", "dimension": 2, "glyphs": ""}`, 2, "", data.ShapesPerClass, data.Samples{}},
		{`{"dimension": 2}`, 2, "", 100, data.Samples{}},
		{`{"chart": {"mode": "dimension"}}`, 2, "", 100, data.Samples{}},
	}
	for _, c := range cases {
		s := mustApply(t, c.patch)
		st := s.State()
		if st.Dimension != c.d || st.Glyphs != c.pair || st.N != c.n || len(st.Model.Weights) != c.d {
			t.Errorf("%s: dimension %d, glyphs %q, n %d, %d weights; want %d, %q, %d", c.patch, st.Dimension, st.Glyphs, st.N, len(st.Model.Weights), c.d, c.pair, c.n)
		}
		if c.d == 2 {
			continue
		}
		got := s.Samples()
		if got.Dim != c.d || !slices.Equal(got.X, c.points.X) || !slices.Equal(got.Labels, c.points.Labels) {
			t.Errorf("%s: the points are not the engine's", c.patch)
		}
		for i, p := range st.Points {
			if !slices.Equal(p.Coords, got.Row(i)) {
				t.Fatalf("%s: state.points[%d].coords differ from the point", c.patch, i)
			}
		}
	}
	// Choosing a preset sets its dimension; the same preset keeps it.
	s := mustApply(t, `{"dimension": 8}`)
	if err := s.Apply(decode(t, `{"seed": 3}`)); err != nil || s.Settings().Dimension != 8 {
		t.Errorf("a new seed: dimension %d, %v; want 8", s.Settings().Dimension, err)
	}
	if err := s.Apply(decode(t, `{"preset": "article"}`)); err != nil || s.Settings().Dimension != 2 {
		t.Errorf("another preset: dimension %d, %v; want 2", s.Settings().Dimension, err)
	}
	if got := Presets(); !slices.Contains(got, glyphs.Name) || got[len(got)-1] != "empty" {
		t.Errorf("Presets() = %v, want the glyphs among them and empty last", got)
	}
}

// TestHighFit: above two dimensions the scene's model is linear.Fit on its
// points, bit for bit; its figures are the closed-form attack counted in d
// dimensions (linear.Counter); and the plane shows every point at
// (ŵ·x, V·x) of linear.NewPlane with the model W = (‖w‖₂, 0), B = b, whose
// logit is the point's in d dimensions.
func TestHighFit(t *testing.T) {
	for _, patch := range []string{
		`{"dimension": 8}`,
		`{"dimension": 3, "attack": {"method": "fgm"}, "epsilon": 0.8}`,
		`{"preset": "article", "n": 500, "dimension": 100, "epsilon": 0.1, "attack": {"method": "pgd"}}`,
		`{"preset": "glyphs", "n": 200, "epsilon": 0.05}`,
		`{"preset": "glyphs", "n": 100, "noise": 1, "epsilon": 0.2, "attack": {"method": "pgd", "norm": "l2"}}`,
	} {
		s := mustApply(t, patch)
		st := s.State()
		samples := s.Samples()
		fit, err := linear.Fit(samples, linear.FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m := fit.Model
		if !slices.Equal(st.Model.Weights, m.W) || st.Model.Bias != m.B {
			t.Fatalf("%s: the scene's model is not linear.Fit's", patch)
		}
		if st.Training.Method != "lbfgs" || !st.Training.Converged || st.Training.Epoch != fit.Iterations {
			t.Errorf("%s: training %+v, fit %d iterations, converged %v", patch, st.Training, fit.Iterations, fit.Converged)
		}
		ball := st.AttackConfig().BallNorm()
		clean, adv := linear.NewCounter(m, 0, ball), linear.NewCounter(m, st.Epsilon, ball)
		flipped := 0
		for i := range samples.Len() {
			c, a := clean.Add(samples.Row(i), samples.Label(i)), adv.Add(samples.Row(i), samples.Label(i))
			if !c && a {
				flipped++
			}
			if s.View().Flipped[i] != (!c && a) {
				t.Fatalf("%s: point %d flipped %v", patch, i, s.View().Flipped[i])
			}
		}
		if st.Metrics.CleanError != clean.Rate() || st.Metrics.AdversarialError != adv.Rate() || st.Metrics.Flipped != flipped {
			t.Errorf("%s: metrics %+v; counted clean %v, attacked %v, %d flipped", patch, st.Metrics, clean.Rate(), adv.Rate(), flipped)
		}
		w, b, ok := planeLinear(s)
		if !ok || w != [2]float64{m.Norm2(), 0} || b != m.B {
			t.Errorf("%s: Linear() = %v %v %v, want (‖w‖₂, 0) = (%v, 0), %v", patch, w, b, ok, m.Norm2(), m.B)
		}
		plane, err := linear.NewPlane(m)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range s.View().Points {
			row := samples.Row(i)
			h, v := plane.Project(row)
			// The scene's x has no offset b/‖w‖₂: 4 ulps of slack for
			// adding and taking it away.
			if !approx(p.X, h-plane.Offset, 1e-15*(1+math.Abs(plane.Offset))) || p.Y != v {
				t.Fatalf("%s: point %d at (%v, %v), the plane has (%v, %v)", patch, i, p.X, p.Y, h-plane.Offset, v)
			}
			// The logit in the plane is the logit in d dimensions, up to
			// the rounding of two sums of d terms.
			if z, zp := m.Logit(row), w[0]*p.X+w[1]*p.Y+b; !approx(z, zp, 1e-12*float64(len(row))) {
				t.Fatalf("%s: point %d: logit %v in d dimensions, %v in the plane", patch, i, z, zp)
			}
			// The twin moves by the closed form's step in the plane.
			dh, dv := plane.AttackStep(m, p.Label, st.Epsilon, ball)
			if a := s.View().Adversarial[i]; a.X != p.X+dh || a.Y != p.Y+dv {
				t.Fatalf("%s: twin %d at %+v, want (%v, %v)", patch, i, a, p.X+dh, p.Y+dv)
			}
		}
		pr := st.Projection
		if pr == nil || !approx(pr.Reach, m.Reach(st.Epsilon, ball), 1e-15) || pr.Norm1 != m.Norm1() || pr.Norm2 != m.Norm2() {
			t.Errorf("%s: projection %+v, want reach %v", patch, pr, m.Reach(st.Epsilon, ball))
		}
		if ball == attack.LInf && pr.StepLInf != st.Epsilon {
			t.Errorf("%s: ‖δ‖∞ = %v, want ε = %v", patch, pr.StepLInf, st.Epsilon)
		}
		if ball == attack.L2 && !approx(pr.StepL2, st.Epsilon, 1e-15) {
			t.Errorf("%s: ‖δ‖₂ = %v, want ε = %v", patch, pr.StepL2, st.Epsilon)
		}
	}
}

// TestHighTheory: the errors measured on fresh points of the preset's
// distribution, under the scene's model and the closed-form attack, lie
// within 3 binomial standard deviations of Theory, the closed form with
// the fit's own (w, b) (theory.LinearError). The fresh points are drawn
// with another seed (the scene's own are its training points, which a fit
// in many dimensions separates better than fresh ones: see package
// dimsweep). Each ε is where the best line's L∞ error is ½,
// ε = √2/√d (theory.DimensionError), for errors far from 0 and 1.
func TestHighTheory(t *testing.T) {
	const n = 2000
	for _, d := range []int{4, 16, 64, 256} {
		for _, method := range []string{"fgsm", "fgm"} {
			eps := math.Sqrt2 / math.Sqrt(float64(d))
			s := mustApply(t, fmt.Sprintf(`{"preset": "article", "n": %d, "dimension": %d, "epsilon": %v, "attack": {"method": %q}}`, n, d, eps, method))
			fresh, err := data.CloudsIn(d, n, data.CloudSigma, 99)
			if err != nil {
				t.Fatal(err)
			}
			checkTheory(t, s, fresh, fmt.Sprintf("d = %d, %s at ε = %.3f", d, method, eps))
		}
	}
	c := glyphs.Default
	c.PerClass = n
	fresh, err := glyphs.Generate(c, 99)
	if err != nil {
		t.Fatal(err)
	}
	// The glyphs package doc: FGSM at ε = 0.1 flips about 70 %.
	checkTheory(t, mustApply(t, `{"preset": "glyphs", "epsilon": 0.1}`), fresh, "glyphs, fgsm at ε = 0.1")
}

func checkTheory(t *testing.T, s *Scene, fresh data.Samples, what string) {
	t.Helper()
	st := s.Summary()
	m := linear.Model{W: s.Summary().Model.Weights, B: st.Model.Bias}
	th, ok := s.Chart().Theory(st.Epsilon)
	if !ok {
		t.Fatalf("%s: no theory", what)
	}
	got := linear.ErrorRate(m, fresh, st.Epsilon, st.AttackConfig().BallNorm())
	sd := math.Sqrt(th * (1 - th) / float64(fresh.Len()))
	if math.Abs(got-th) > 3*sd {
		t.Errorf("%s: %.4f on fresh points, closed form %.4f ± 3×%.4f", what, got, th, sd)
	} else {
		t.Logf("%s: %.4f on fresh points, closed form %.4f (sd %.4f)", what, got, th, sd)
	}
}

// TestHighCurves: above two dimensions the chart's "clean" and "attack"
// series are the errors in d dimensions at each ε of the grid, as
// linear.ErrorRate counts them by attacking every point, and "theory" is
// Theory; at the scene's ε they are its figures.
func TestHighCurves(t *testing.T) {
	for _, patch := range []string{
		`{"dimension": 8, "noise": 1.5}`,
		`{"dimension": 50, "attack": {"method": "fgm"}, "noise": 2, "epsilon": 0.5}`,
		`{"preset": "glyphs", "n": 100, "noise": 0.5, "epsilon": 0.05}`,
	} {
		s := mustApply(t, patch)
		st := s.State()
		samples := s.Samples()
		m := linear.Model{W: s.Summary().Model.Weights, B: st.Model.Bias}
		ball := st.AttackConfig().BallNorm()
		cs := s.Chart().Full()
		names := []string{}
		for _, c := range cs {
			names = append(names, c.Name)
		}
		if !slices.Equal(names, []string{"clean", "attack", "theory"}) {
			t.Fatalf("%s: series %v", patch, names)
		}
		// A point whose margin ties the attack's drop may round either
		// way: one point of slack.
		slack := 1 / float64(samples.Len())
		for i, p := range cs[1].Points {
			if brute := linear.ErrorRate(m, samples, p.Epsilon, ball); math.Abs(p.Error-brute) > slack {
				t.Fatalf("%s: attack[%d] = %+v, counted %v", patch, i, p, brute)
			}
			if cs[0].Points[i].Error != st.Metrics.CleanError {
				t.Fatalf("%s: clean[%d] = %+v, metrics %v", patch, i, cs[0].Points[i], st.Metrics.CleanError)
			}
			if th, _ := s.Chart().Theory(p.Epsilon); cs[2].Points[i].Error != th {
				t.Fatalf("%s: theory[%d] = %+v, Theory %v", patch, i, cs[2].Points[i], th)
			}
		}
		if got := s.ErrorAt(st.Epsilon); got != st.Metrics.AdversarialError {
			t.Errorf("%s: ErrorAt(ε) = %v, metrics %v", patch, got, st.Metrics.AdversarialError)
		}
		// Theory is theory.LinearError with the fit's (w, b) and the
		// preset's means.
		means := data.CloudMeans(st.Dimension)
		if st.Preset == glyphs.Name {
			c := glyphs.Default
			c.Pair = st.Glyphs
			means, _ = c.Means()
		}
		if th, _ := s.Chart().Theory(0.3); th != theory.LinearError(m.W, m.B, means, st.Noise, 0.3, ball) {
			t.Errorf("%s: Theory(0.3) = %v, theory.LinearError %v", patch, th, theory.LinearError(m.W, m.B, means, st.Noise, 0.3, ball))
		}
	}
}

// TestHighEdits: above two dimensions a point added at plane coordinates
// (x, y) lands there in the plane, at the midpoint m of the class means
// moved by (x − x_m)·ŵ + (y − y_m)·V; a moved point moves within the plane;
// a removed point is gone; and the next fit starts afresh on the edited
// points.
func TestHighEdits(t *testing.T) {
	for _, patch := range []string{`{"dimension": 8}`, `{"preset": "glyphs", "n": 100}`} {
		s := mustApply(t, patch)
		d := s.Settings().Dimension
		means := s.pts.hd.midMeans()
		plane := s.pts.hd.plane
		mid := make([]float64, d)
		for j := range mid {
			mid[j] = (means[0][j] + means[1][j]) / 2
		}
		mx, my := plane.Project(mid)
		// Each coordinate is snapped to the Quantum grid, moving the
		// point by at most Quantum/2 along each axis: ‖ŵ‖₁·Quantum/2 ≤
		// √d·Quantum/2 in the plane.
		tol := math.Sqrt(float64(d)) * Quantum / 2
		n := len(s.View().Points)
		i, err := s.AddPoint(1.75, -0.5, 1)
		if err != nil || i != n {
			t.Fatalf("%s: AddPoint = %d, %v", patch, i, err)
		}
		p := s.View().Points[i]
		if math.Abs(p.X-1.75) > tol || math.Abs(p.Y+0.5) > tol || p.Label != 1 {
			t.Errorf("%s: added at (1.75, -0.5), shown at %+v", patch, p)
		}
		row := s.pts.hd.samples.Row(i)
		for j, v := range row {
			want := mid[j] + (1.75-mx)*plane.U[j] + (-0.5-my)*plane.V[j]
			if math.Abs(v-want) > Quantum/2 || v != Quantize(v) {
				t.Fatalf("%s: added point's x%d = %v, want %v on the grid", patch, j+1, v, want)
			}
		}
		// Moving point 5 changes it along ŵ and V only.
		old := slices.Clone(s.pts.hd.samples.Row(5))
		q := s.View().Points[5]
		if err := s.MovePoint(5, q.X-0.5, q.Y+0.25); err != nil {
			t.Fatal(err)
		}
		moved := s.pts.hd.samples.Row(5)
		for j := range moved {
			want := old[j] - 0.5*plane.U[j] + 0.25*plane.V[j]
			if math.Abs(moved[j]-want) > Quantum/2 {
				t.Fatalf("%s: moved point's x%d = %v, want %v", patch, j+1, moved[j], want)
			}
		}
		if r := s.View().Points[5]; math.Abs(r.X-(q.X-0.5)) > tol || math.Abs(r.Y-(q.Y+0.25)) > tol {
			t.Errorf("%s: moved to (%v, %v), shown at %+v", patch, q.X-0.5, q.Y+0.25, r)
		}
		third := slices.Clone(s.pts.hd.samples.Row(3))
		if err := s.RemovePoint(2); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.pts.hd.samples.Row(2), third) || s.pts.hd.samples.Len() != n || len(s.View().Points) != n {
			t.Errorf("%s: removing point 2 left %d points, point 2 not the old point 3", patch, s.pts.hd.samples.Len())
		}
		// The edits refit from scratch.
		st := s.State()
		fit, err := linear.Fit(s.Samples(), linear.FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(st.Model.Weights, fit.Model.W) || st.Model.Bias != fit.Model.B {
			t.Errorf("%s: after edits the model is not a fresh fit of the edited points", patch)
		}
		// The preset's own points are untouched by the edits.
		base, _, err := generateHigh(s.Settings())
		if err != nil || !slices.Equal(base.X, s.pts.hd.base.X) {
			t.Errorf("%s: the preset's points changed with the edits (%v)", patch, err)
		}
	}
}

// TestHighEditErrors: the edits above two dimensions check their
// arguments as in the plane, and the scene's room in coordinates.
func TestHighEditErrors(t *testing.T) {
	s := mustApply(t, `{"dimension": 8}`)
	before := snapshot(t, s)
	for _, err := range []error{
		func() error { _, err := s.AddPoint(math.NaN(), 0, 1); return err }(),
		func() error { _, err := s.AddPoint(0, 0, 2); return err }(),
		s.MovePoint(200, 0, 0),
		s.MovePoint(0, 0, 2e6),
		s.RemovePoint(-1),
	} {
		if err == nil {
			t.Error("a bad edit was taken")
		}
	}
	if snapshot(t, s) != before {
		t.Error("a refused edit changed the scene")
	}
	// In 1024 dimensions data.MaxCoordinates = 4,000,000 coordinates are
	// 3906 points: 2×1950 leave room for 6 more.
	full := mustApply(t, `{"dimension": 1024, "n": 1950}`)
	room := data.MaxCoordinates/1024 - 2*1950
	for k := range room {
		if _, err := full.AddPoint(0, 0, k%2); err != nil {
			t.Fatalf("point %d of %d: %v", k+1, room, err)
		}
	}
	if _, err := full.AddPoint(0, 0, 1); err == nil || !strings.Contains(err.Error(), "coordinates") {
		t.Errorf("a point beyond data.MaxCoordinates: %v", err)
	}
}

// TestHighSample: the glyph gallery's figures are the model's on the
// point and on its attacked copy, x + δ with δ the closed-form step.
func TestHighSample(t *testing.T) {
	s := mustApply(t, `{"preset": "glyphs", "n": 100, "epsilon": 0.1}`)
	m := linear.Model{W: s.Summary().Model.Weights, B: s.State().Model.Bias}
	if m.Dim() != glyphs.Dim {
		t.Fatalf("Weights() has %d values, want %d", m.Dim(), glyphs.Dim)
	}
	for _, i := range []int{0, 150} {
		v, err := s.Sample(i)
		if err != nil {
			t.Fatal(err)
		}
		row := s.Samples().Row(i)
		step := m.Step(make([]float64, m.Dim()), v.Label, 0.1, attack.LInf)
		if !slices.Equal(v.Clean, row) || !slices.Equal(v.Perturbation, step) || len(v.Attacked) != glyphs.Dim {
			t.Fatalf("sample %d: clean, perturbation or attacked differ", i)
		}
		for j := range row {
			if v.Attacked[j] != row[j]+step[j] || math.Abs(step[j]) > 0.1 {
				t.Fatalf("sample %d: pixel %d attacked to %v, want %v + %v", i, j, v.Attacked[j], row[j], step[j])
			}
		}
		if v.Probability != logistic.Sigmoid(m.Logit(row)) || v.AttackedProbability != logistic.Sigmoid(m.Logit(v.Attacked)) {
			t.Errorf("sample %d: probabilities %v, %v", i, v.Probability, v.AttackedProbability)
		}
		if v.Flipped != s.View().Flipped[i] {
			t.Errorf("sample %d: flipped %v, the scene says %v", i, v.Flipped, s.View().Flipped[i])
		}
	}
	if _, err := s.Sample(200); err == nil || !strings.HasPrefix(err.Error(), "index: ") {
		t.Errorf("Sample(200) of 200: %v", err)
	}
	// In the plane the sample is the point and its attacked twin.
	p := newScene(t)
	v, err := p.Sample(3)
	a := p.View().Adversarial[3]
	if err != nil || !slices.Equal(v.Attacked, []float64{a.X, a.Y}) || len(p.Summary().Model.Weights) != 2 {
		t.Errorf("Sample(3) in the plane = %+v, %v; twin %+v", v, err, a)
	}
}

// TestDimensionCurve: the error-against-dimension chart is dimsweep's at
// the scene's ε, noise and seed, FGSM and FGM side by side, whatever the
// slicing; a new ε starts it over.
func TestDimensionCurve(t *testing.T) {
	dims := []int{2, 8, 32}
	cfg := dimsweep.Config{Epsilon: 0.2, Sigma: 0.7, Seed: 3, Dims: dims}
	want, err := dimsweep.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	run := func(budget time.Duration) (*Scene, []DimensionPoint, int) {
		s := mustApply(t, `{"epsilon": 0.2, "noise": 0.7, "seed": 3, "chart": {"mode": "dimension"}}`)
		s.dims.dims = dims
		calls := 0
		for {
			calls++
			s.Dimensions().Refine(budget)
			if !s.Dimensions().Busy() {
				break
			}
		}
		return s, s.Dimensions().Curve(), calls
	}
	s, whole, _ := run(time.Hour)
	_, sliced, calls := run(time.Nanosecond)
	if calls < 10 {
		t.Errorf("a budget of 1 ns took only %d calls", calls)
	}
	if !reflect.DeepEqual(whole, sliced) {
		t.Errorf("sliced in %d calls the curve differs:\n%+v\n%+v", calls, sliced, whole)
	}
	if len(whole) != 2*len(dims) || s.Dimensions().Progress() != 1 {
		t.Fatalf("%d points, progress %v; want %d", len(whole), s.Dimensions().Progress(), 2*len(dims))
	}
	for k, r := range want {
		fgsm, fgm := whole[2*k], whole[2*k+1]
		if fgsm.Dimension != r.Dim || fgsm.Attack != "fgsm" || fgsm.Error != r.Fitted.LInf || fgsm.Theory != r.FittedTheory.LInf || fgsm.Best != r.BestTheory.LInf || fgsm.Clean != r.Fitted.Clean {
			t.Errorf("d = %d: fgsm %+v, dimsweep %+v", r.Dim, fgsm, r)
		}
		if fgm.Dimension != r.Dim || fgm.Attack != "fgm" || fgm.Error != r.Fitted.L2 || fgm.Theory != r.FittedTheory.L2 || fgm.Best != r.BestTheory.L2 {
			t.Errorf("d = %d: fgm %+v, dimsweep %+v", r.Dim, fgm, r)
		}
	}
	if s.Dimensions().Refine(time.Hour) {
		t.Error("nothing changed, but the chart has new points")
	}
	if err := s.Apply(decode(t, `{"epsilon": 0.3}`)); err != nil {
		t.Fatal(err)
	}
	s.Dimensions().Refine(time.Nanosecond)
	if !s.Dimensions().Busy() && len(dims) > 1 {
		t.Error("a new ε did not start the chart over")
	}
}

// TestHighRandomEdits: any sequence of edits and patches above two
// dimensions leaves a scene whose link restores it.
func TestHighRandomEdits(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 5))
	s := mustApply(t, `{"dimension": 5, "n": 20}`)
	for k := range 60 {
		n := len(s.View().Points)
		switch op := rnd.IntN(6); {
		case op < 2:
			s.AddPoint(rnd.Float64()*4-1, rnd.Float64()*4-2, rnd.IntN(2))
		case op < 4 && n > 0:
			s.MovePoint(rnd.IntN(n), rnd.Float64()*4-1, rnd.Float64()*4-2)
		case op < 5 && n > 0:
			s.RemovePoint(rnd.IntN(n))
		default:
			s.Apply(Patch{"epsilon": rnd.Float64(), "attack": Patch{"method": []string{"fgsm", "fgm", "pgd"}[rnd.IntN(3)]}})
		}
		if k%10 == 9 {
			s.Flush() // the points in the plane of the refitted model
			checkRoundTrip(t, s)
			if err := checkValid(s.State()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRaisingDimensionResetsPlaneSettings raises the dimension of scenes
// whose model, recipe or defense is for the plane only, without asking for
// them in the same patch: they go back to their defaults (logistic
// regression fitted to convergence, no defense), as a menu choice should.
func TestRaisingDimensionResetsPlaneSettings(t *testing.T) {
	for _, c := range []struct{ scene, patch string }{
		{`{"model": {"kind": "mlp"}}`, `{"dimension": 8}`},
		{`{"model": {"kind": "mlp"}}`, `{"preset": "glyphs"}`},
		{`{"training": {"recipe": "article"}}`, `{"preset": "glyphs"}`},
		{`{"defense": {"method": "fgsm", "epsilon": 0.2}}`, `{"dimension": 16}`},
	} {
		s := mustApply(t, c.scene)
		if err := s.Apply(decode(t, c.patch)); err != nil {
			t.Errorf("%s then %s: %v", c.scene, c.patch, err)
			continue
		}
		set := s.Settings()
		if set.Dimension <= MinDimension || set.Model.Kind != KindLogReg || set.Recipe != RecipeConverged || set.Defense.Method != "none" {
			t.Errorf("%s then %s: dimension %d, model %s, recipe %s, defense %s; want logistic regression fitted to convergence without defense above two dimensions",
				c.scene, c.patch, set.Dimension, set.Model.Kind, set.Recipe, set.Defense.Method)
		}
	}
}
