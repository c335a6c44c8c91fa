package poster

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
	"advplay/wasm/plot"
	"advplay/wasm/readout"
	"advplay/wasm/view"
)

// newScene returns the default scene changed by patch.
func newScene(t *testing.T, patch scene.Patch) *scene.Scene {
	t.Helper()
	s, err := scene.New(scene.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if patch != nil {
		if err := s.Apply(patch); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// network is a small network on the moons, trained for few epochs so
// that the tests stay fast; its boundary is a curve all the same.
var network = scene.Patch{"preset": "moons", "n": 60.0,
	"model": map[string]any{"kind": "mlp", "hidden": []any{8.0}}, "training": map[string]any{"epochs": 150.0}}

// fullPanel is the controls panel of a 1280×800 page (site/style.css's
// #panel: 10 pixels from the top left, 272 wide, as tall as the window
// less 20).
var fullPanel = view.Rect{X: 10, Y: 10, W: 272, H: 780}

// near reports whether the model's logit keeps its sign within margin
// device pixels of the screen point (sx, sy): otherwise the point lies
// too close to the boundary for its pixel to say which side it is on.
func nearBoundary(s *scene.Scene, tf view.Transform, sx, sy, margin float64) bool {
	m := s.View().Model
	x, y := tf.ToData(sx, sy)
	positive := m.Logit([2]float64{x, y}) > 0
	for _, d := range [][2]float64{{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}} {
		x, y := tf.ToData(sx+d[0]*margin, sy+d[1]*margin)
		if (m.Logit([2]float64{x, y}) > 0) != positive {
			return true
		}
	}
	return false
}

// TestShadingSide checks that the pixel under each point shows the shade
// of the side the live model predicts there: the transform in Info maps
// the point to the poster, and the shading is drawn from the same model.
// Only the shading is drawn, so that no mark hides it.
func TestShadingSide(t *testing.T) {
	for _, c := range []struct {
		name  string
		patch scene.Patch
		theme string
		scale float64
		panel view.Rect
	}{
		{"default", nil, "light", 1, view.Rect{}},
		{"default, dark, panel", nil, "dark", 1, fullPanel},
		{"default at 1.5", nil, "light", 1.5, view.Rect{}},
		{"network", network, "light", 1, view.Rect{}},
		{"network, dark, at 2", network, "dark", 2, view.Rect{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newScene(t, c.patch)
			img, info, err := Render(s, Options{Width: 640, Height: 400, Scale: c.scale, Theme: c.theme, Panel: c.panel, layers: layerShading})
			if err != nil {
				t.Fatal(err)
			}
			// Each shade is on one side: the first half of the palette is
			// red's (p < ½), the second blue's.
			side := map[color.NRGBA]bool{}
			for i, sh := range view.Shades(view.ThemeNamed(c.theme), view.ShadingStrength) {
				side[sh] = i >= view.PaletteSize/2
			}
			v := s.View()
			checked := 0
			for _, p := range v.Points {
				sx, sy := info.Transform.ToScreen(p.X, p.Y)
				if !info.Layout.Plot.Contains(sx, sy) {
					continue
				}
				// A few pixels: the shading's place is exact to half a
				// pixel, a network's interpolated between cells of 3 CSS
				// pixels (view.ShadingCell) or more.
				if nearBoundary(s, info.Transform, sx, sy, 4*info.Layout.Scale) {
					continue
				}
				checked++
				got := img.At(int(sx), int(sy)).(color.NRGBA)
				blue, ok := side[got]
				if !ok {
					t.Fatalf("point (%v, %v) at pixel (%d, %d): colour %v is no shade", p.X, p.Y, int(sx), int(sy), got)
				}
				if want := v.Model.Logit(p.Vec()) > 0; blue != want {
					t.Errorf("point (%v, %v) at pixel (%d, %d): shade of blue %v, model says %v", p.X, p.Y, int(sx), int(sy), blue, want)
				}
			}
			// Most points lie well away from the boundary; without them
			// the test would check nothing.
			if checked < len(v.Points)*3/4 {
				t.Errorf("checked %d of %d points", checked, len(v.Points))
			}
		})
	}
}

// TestPointColours checks that each point's pixel shows its class's
// colour, on the full poster, wherever no mark of the other class drawn
// later, the readout or the chart covers it. ε is 0, so that no twin is
// drawn over the points.
func TestPointColours(t *testing.T) {
	for _, c := range []struct {
		name  string
		patch scene.Patch
		theme string
		scale float64
	}{
		{"default", scene.Patch{"epsilon": 0.0}, "light", 1},
		{"default, dark at 2", scene.Patch{"epsilon": 0.0}, "dark", 2},
		{"network", mergePatch(network, scene.Patch{"epsilon": 0.0}), "light", 1},
		// 20,000 points, drawn hard-edged (tinyMark).
		{"article", scene.Patch{"preset": "article", "epsilon": 0.0}, "light", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newScene(t, c.patch)
			img, info, err := Render(s, Options{Width: 720, Height: 480, Scale: c.scale, Theme: c.theme, Readout: true, Chart: true})
			if err != nil {
				t.Fatal(err)
			}
			th := view.ThemeNamed(c.theme)
			pts := s.View().Points
			radius, alpha := view.PointStyle(len(pts))
			var marks [2]color.NRGBA
			for l := range marks {
				marks[l] = view.Over(th.Mark(l), th.Background, math.Max(alpha, th.MinMarkAlpha(l, view.ShadingStrength)))
			}
			// The pixels the blue squares, drawn after the red discs,
			// may cover: within the square's half-side and a pixel.
			b := img.Bounds()
			blue := make([]bool, b.Dx()*b.Dy())
			reach := int(math.Ceil(markHalf(1, radius*info.Layout.Scale))) + 1
			for _, p := range pts {
				if p.Label != 1 {
					continue
				}
				sx, sy := info.Transform.ToScreen(p.X, p.Y)
				for y := int(sy) - reach; y <= int(sy)+reach; y++ {
					for x := int(sx) - reach; x <= int(sx)+reach; x++ {
						if image.Pt(x, y).In(b) {
							blue[y*b.Dx()+x] = true
						}
					}
				}
			}
			checked := 0
			for _, p := range pts {
				sx, sy := info.Transform.ToScreen(p.X, p.Y)
				x, y := int(sx), int(sy)
				if !info.Layout.Plot.Contains(sx, sy) || info.Readout.Contains(sx, sy) || info.Chart.Contains(sx, sy) ||
					p.Label == 0 && blue[y*b.Dx()+x] {
					continue
				}
				checked++
				got := img.At(x, y).(color.NRGBA)
				if d0, d1 := dist(got, marks[0]), dist(got, marks[1]); (d1 < d0) != (p.Label == 1) {
					t.Errorf("point (%v, %v) of class %d at pixel (%d, %d): colour %v, %.0f from red's mark, %.0f from blue's",
						p.X, p.Y, p.Label, x, y, got, d0, d1)
				}
			}
			if checked < len(pts)/2 {
				t.Errorf("checked %d of %d points", checked, len(pts))
			}
		})
	}
}

func mergePatch(a, b scene.Patch) scene.Patch {
	out := scene.Patch{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// dist is the Euclidean distance of two colours in RGB.
func dist(a, b color.NRGBA) float64 {
	dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

// TestReadout checks that the readout box holds the readout's lines, the
// first of them drawn in the text's colour where its glyphs are.
func TestReadout(t *testing.T) {
	for _, c := range []struct {
		name          string
		width, height int
		compact       bool
	}{
		{"full", 1280, 800, false},
		// Under 560×440 CSS pixels the readout has its two error figures
		// only (view.Layout.Compact).
		{"compact", 480, 360, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newScene(t, nil)
			img, info, err := Render(s, Options{Width: c.width, Height: c.height, Readout: true})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, l := range readout.Lines(s.Peek(), c.compact) {
				want = append(want, l.String())
			}
			if strings.Join(info.ReadoutLines, "\n") != strings.Join(want, "\n") {
				t.Fatalf("readout lines %q, want %q", info.ReadoutLines, want)
			}
			// The box lies in the plot's top right corner, 10 CSS pixels in
			// (view.Compute's readout corner).
			box, plot := info.Readout, info.Layout.Plot
			if box.W <= 0 || math.Abs(box.X+box.W-(plot.X+plot.W-10)) > 1 || math.Abs(box.Y-(plot.Y+10)) > 1 {
				t.Errorf("readout box %+v, want its top right corner 10 pixels inside the plot %+v", box, plot)
			}
			// The first line's glyphs, drawn alone with the same face, at
			// the same place (paint's textBox: 8 pixels of padding, the
			// line's top 2 pixels higher).
			f := newFaces(1)
			glyphs := image.NewAlpha(img.Bounds())
			d := font.Drawer{Dst: glyphs, Src: image.Opaque, Face: f.face,
				Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round((box.X + 8) * 64)), Y: fixed.Int26_6(math.Round((box.Y+6)*64)) + f.face.Metrics().Ascent}}
			d.DrawString(info.ReadoutLines[0])
			ink, inked := 0, 0
			text := view.ThemeNamed("light").Text
			for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
				for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
					// Where a glyph covers most of a pixel, the pixel is
					// near the text's colour: within a quarter of the way
					// from it to the white panel.
					if glyphs.AlphaAt(x, y).A >= 0xc0 {
						ink++
						if dist(img.At(x, y).(color.NRGBA), text) < 0.25*dist(color.NRGBA{0xff, 0xff, 0xff, 0xff}, text) {
							inked++
						}
					}
				}
			}
			if ink == 0 || inked < ink*9/10 {
				t.Errorf("%d of the first line's %d ink pixels are in the text's colour", inked, ink)
			}
		})
	}
}

// TestDeterministic checks that a scene gives the same bytes every time,
// also from another copy of the scene decoded from the same link.
func TestDeterministic(t *testing.T) {
	s := newScene(t, network)
	link := share.Encode(s)
	var out [3][]byte
	for i := range out {
		sc := s
		if i > 0 {
			var err error
			if sc, err = share.Decode(link); err != nil {
				t.Fatal(err)
			}
		}
		img, _, err := Render(sc, Options{Width: 640, Height: 400, Theme: "dark", Readout: true, Chart: true})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) || !bytes.Equal(out[1], out[2]) {
		t.Errorf("three renders of one scene gave %d, %d and %d bytes, not the same", len(out[0]), len(out[1]), len(out[2]))
	}
}

// TestOptionErrors checks that bad options are refused, naming the field.
func TestOptionErrors(t *testing.T) {
	s := newScene(t, nil)
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{Height: 400}, "Width"},
		{Options{Width: -3, Height: 400}, "Width"},
		{Options{Width: 640}, "Height"},
		{Options{Width: 640, Height: -1}, "Height"},
		{Options{Width: 640, Height: 400, Scale: -1}, "Scale"},
		{Options{Width: 640, Height: 400, Scale: math.NaN()}, "Scale"},
		{Options{Width: 640, Height: 400, Scale: math.Inf(1)}, "Scale"},
		// MaxSide device pixels at most: 5000 CSS pixels at 2 are 10,000.
		{Options{Width: 5000, Height: 400, Scale: 2}, "Width"},
		{Options{Width: 640, Height: MaxSide + 1}, "Height"},
		{Options{Width: 640, Height: 400, Theme: "sepia"}, "Theme"},
		{Options{Width: 640, Height: 400, Panel: view.Rect{W: -10, H: 100}}, "Panel"},
		{Options{Width: 640, Height: 400, Panel: view.Rect{X: math.NaN(), W: 10, H: 100}}, "Panel"},
	} {
		_, _, err := Render(s, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Render(%+v): error %v, want one naming %s", c.opts, err, c.want)
		}
	}
}

// TestLayout checks that a poster is the page's size in device pixels and
// maps points exactly as the page's plot does at that size.
func TestLayout(t *testing.T) {
	for _, c := range []struct {
		w, h  int
		scale float64
		panel view.Rect
	}{
		{640, 400, 0, view.Rect{}}, // Scale 0 means 1
		{640, 400, 1, fullPanel},
		{333, 251, 1.5, view.Rect{}}, // ⌈499.5⌉ × ⌈376.5⌉
		{720, 480, 2, view.Rect{X: 10, Y: 10, W: 272, H: 460}},
	} {
		s := newScene(t, nil)
		img, info, err := Render(s, Options{Width: c.w, Height: c.h, Scale: c.scale, Panel: c.panel})
		if err != nil {
			t.Fatal(err)
		}
		scale := c.scale
		if scale == 0 {
			scale = 1
		}
		wantW, wantH := int(math.Ceil(float64(c.w)*scale)), int(math.Ceil(float64(c.h)*scale))
		if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
			t.Errorf("%d×%d at %v: image %v, want %d×%d", c.w, c.h, c.scale, b, wantW, wantH)
		}
		p := plot.New(s)
		p.Resize(float64(c.w), float64(c.h), scale, c.panel)
		if info.Layout != p.Layout() || info.Transform != p.Transform() {
			t.Errorf("%d×%d at %v: layout %+v and transform %+v, the page's %+v and %+v", c.w, c.h, c.scale, info.Layout, info.Transform, p.Layout(), p.Transform())
		}
	}
}

// TestChartShown checks that the chart is drawn when asked for and the
// scene shows it, and only then.
func TestChartShown(t *testing.T) {
	for _, c := range []struct {
		name  string
		patch scene.Patch
		chart bool
		want  bool
	}{
		{"asked, shown", nil, true, true},
		{"not asked", nil, false, false},
		{"hidden by the scene", scene.Patch{"show": map[string]any{"chart": false}}, true, false},
		{"dimension chart", scene.Patch{"chart": map[string]any{"mode": "dimension"}}, true, true},
	} {
		s := newScene(t, c.patch)
		_, info, err := Render(s, Options{Width: 720, Height: 480, Chart: c.chart})
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Chart.W > 0; got != c.want {
			t.Errorf("%s: chart %+v, want drawn %v", c.name, info.Chart, c.want)
		}
	}
}

// TestTransparent checks that a transparent poster leaves the page's
// background showing where the canvas paints nothing: the panel's column.
func TestTransparent(t *testing.T) {
	s := newScene(t, nil)
	img, info, err := Render(s, Options{Width: 720, Height: 480, Theme: "transparent", Panel: view.Rect{X: 10, Y: 10, W: 272, H: 460}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := img.At(5, 5).RGBA(); a != 0 {
		t.Errorf("beside the plot: alpha %d, want 0", a)
	}
	// The plot's shading is translucent there, and nowhere opaque.
	x, y := int(info.Layout.Plot.X)+3, int(info.Layout.Plot.Y)+3
	if _, _, _, a := img.At(x, y).RGBA(); a == 0 || a == 0xffff {
		t.Errorf("in the plot's corner: alpha %d, want the shading's translucent tint", a)
	}
}

// TestSizes checks the posters the site's first paint needs against the
// budget set for them: 60 KB for a 1280×800 poster of the default scene or
// of the article's 2×10,000 points with the full panel, and 40 KB, well
// under, for a 720×480 one without it. Poster sizes of every preset are
// measured by go run ./scripts/posters.
func TestSizes(t *testing.T) {
	for _, c := range []struct {
		name  string
		patch scene.Patch
		w, h  int
		panel view.Rect
		limit int
	}{
		{"default", nil, 1280, 800, fullPanel, 60 << 10},
		{"default", nil, 720, 480, view.Rect{}, 40 << 10},
		{"article", scene.Patch{"preset": "article"}, 1280, 800, fullPanel, 60 << 10},
		{"article", scene.Patch{"preset": "article"}, 720, 480, view.Rect{}, 40 << 10},
	} {
		s := newScene(t, c.patch)
		img, _, err := Render(s, Options{Width: c.w, Height: c.h, Panel: c.panel, Readout: true, Chart: true})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if buf.Len() > c.limit {
			t.Errorf("%s at %d×%d: %d bytes, more than %d", c.name, c.w, c.h, buf.Len(), c.limit)
		}
	}
}

// TestEncode checks that Encode writes a PNG that decodes to the same
// colours, at each bit depth and with translucent colours, and refuses an
// image without a palette.
func TestEncode(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 4, 5, 16, 17, 256} {
		// Odd widths leave a partial byte at the end of a packed row.
		img := image.NewPaletted(image.Rect(0, 0, 37, 11), nil)
		for i := range n {
			img.Palette = append(img.Palette, color.NRGBA{uint8(i), uint8(255 - i), uint8(7 * i), uint8(255 - i%3*100)})
		}
		for i := range img.Pix {
			img.Pix[i] = uint8(rnd.IntN(n))
		}
		var buf bytes.Buffer
		if err := Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%d colours: %v", n, err)
		}
		for y := range 11 {
			for x := range 37 {
				g := color.NRGBAModel.Convert(got.At(x, y))
				if w := img.Palette[img.ColorIndexAt(x, y)]; g != w {
					t.Fatalf("%d colours: pixel (%d, %d) decodes to %v, want %v", n, x, y, g, w)
				}
			}
		}
	}
	for _, bad := range []*image.Paletted{nil, image.NewPaletted(image.Rect(0, 0, 2, 2), nil)} {
		if err := Encode(&bytes.Buffer{}, bad); err == nil {
			t.Errorf("Encode(%v): no error", bad)
		}
	}
}

// TestDegenerate checks that posters with little or no room for the plot
// render at their size: one pixel, a few, and a panel over the whole
// window or most of it.
func TestDegenerate(t *testing.T) {
	for _, preset := range []string{"small", "empty", "moons"} {
		for _, o := range []Options{
			{Width: 1, Height: 1},
			{Width: 10, Height: 7, Readout: true, Chart: true},
			{Width: 300, Height: 200, Panel: view.Rect{W: 300, H: 200}, Readout: true, Chart: true},
			{Width: 300, Height: 200, Panel: view.Rect{W: 290, H: 200}, Readout: true, Chart: true, Scale: 3},
		} {
			s := newScene(t, scene.Patch{"preset": preset})
			img, _, err := Render(s, o)
			if err != nil {
				t.Fatal(err)
			}
			scale := max(o.Scale, 1)
			if b := img.Bounds(); b.Dx() != int(math.Ceil(float64(o.Width)*scale)) || b.Dy() != int(math.Ceil(float64(o.Height)*scale)) {
				t.Errorf("%s, %+v: image %v", preset, o, b)
			}
		}
	}
}
