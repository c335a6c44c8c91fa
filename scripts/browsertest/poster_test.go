//go:build !js

package browsertest

// The posters (site/poster.js, scripts/posters): a picture of the page's
// own scene from the first paint, before any WebAssembly arrives, which
// the module's first frame replaces; the same picture as the live canvas;
// and the blog's <adv-play> figures showing theirs before they start.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"advplay/engine/scene"
	"advplay/engine/scene/share"
	"advplay/wasm/view"
)

// posterScript records, from before the page's own scripts, what #poster
// shows at the first animation frame (before the first paint) and the
// page's largest contentful paints.
const posterScript = `(() => {
  const p = window.__poster = {firstFrame: null, lcp: []};
  requestAnimationFrame(() => {
    const img = document.getElementById("poster");
    p.firstFrame = img ? {src: img.getAttribute("src") || "", hidden: img.hidden} : {src: "", hidden: true};
  });
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => p.lcp.push({id: e.element ? e.element.id : "", url: e.url, size: e.size})))
      .observe({type: "largest-contentful-paint", buffered: true});
  } catch (e) {}
})();`

// posterBudget is the most bytes a poster may weigh: it is the page's
// largest paint, and must come long before the module.
const posterBudget = 60000

// presetFragment returns the fragment of a preset's scene as a fresh page
// shows it once the preset is chosen, as scripts/posters makes it.
func presetFragment(t *testing.T, preset string) string {
	t.Helper()
	s, err := scene.New(scene.DefaultSettings())
	if err == nil {
		err = s.Apply(scene.Patch{"preset": preset})
	}
	if err != nil {
		t.Fatal(err)
	}
	return share.Encode(s)
}

// scrollyScene is the blog example's scrolly figure, shown with
// controls=none at 640×480.
const scrollyScene = "s1.Yk8sKslMzkllfMHOAAYP7BmggCUtvTiXC87LycxLY-RMzs8rSy1KT01hZGRkZMnLz0tlYE5MSWHLyU8vSk1nEhBgKUnMy2BJTEnM_cIMlp81EwROgowFBAAA__8"

// posterCase is play.html opened at a viewport, and the poster it should
// show ("" for none).
type posterCase struct {
	name, rest string
	vp         viewport
	poster     string
	// exact says the poster was made for this very size, so that it
	// shows pixel for pixel.
	exact bool
}

func posterCases(t *testing.T) []posterCase {
	moons := presetFragment(t, "moons")
	return []posterCase{
		{"default_desktop", "", desktop, posterName("", 1280, 800, "light"), true},
		{"default_phone", "", phone, posterName("", 390, 844, "light"), true},
		{"moons_desktop", "#" + moons, desktop, posterName(moons, 1280, 800, "light"), true},
		// A link the site uses: the blog's scrolly figure as its element
		// loads it.
		{"blog_scrolly", "?controls=none&theme=light&start=now#" + scrollyScene, viewport{w: 640, h: 480}, posterName(scrollyScene, 640, 480, "light"), true},
		// No poster of this size: the nearest, scaled.
		{"default_1350x940", "", viewport{w: 1350, h: 940}, posterName("", 1280, 800, "light"), false},
		// Nothing close enough: none.
		{"default_2560x1440", "", viewport{w: 2560, h: 1440}, "", false},
		// A scene the build made no poster for.
		{"unknown_scene", "#" + presetFragment(t, "moons") + "x", desktop, "", false},
	}
}

// TestPosterAtFirstPaint opens play.html with its WebAssembly held back:
// the poster of its own scene, size and theme is in place at the first
// animation frame, is the page's largest contentful paint, and shows the
// picture the build made, pixel for pixel where it was made for that
// size; then, with the WebAssembly let through, the module's first frame
// takes it away. A size too far from every poster's, and a scene without
// one, show none and ask for none.
func TestPosterAtFirstPaint(t *testing.T) {
	for _, c := range posterCases(t) {
		t.Run(c.name, func(t *testing.T) {
			hold := make(chan struct{})
			released := false
			release := func() {
				if !released {
					released = true
					close(hold)
				}
			}
			defer release()
			s := newSite(t, siteOptions{holdWasm: hold})
			tb := s.open(t, "play.html"+c.rest, c.vp, func(ctx context.Context) {
				if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: posterScript}); err != nil {
					t.Fatalf("adding the poster script: %v", err)
				}
			})
			tb.waitJS("the first animation frame", stepTimeout, `__poster.firstFrame !== null && document.readyState !== "loading"`)
			if c.poster == "" {
				checkNoPoster(t, tb, s)
				return
			}
			tb.waitJS("the poster to load", stepTimeout, `(() => { const p = document.getElementById("poster"); return p.complete && p.naturalWidth > 0; })()`)
			tb.waitJS("the largest contentful paint", stepTimeout, `__poster.lcp.length > 0`)
			// The text of the loading box may paint a frame before the
			// decoded poster, and be the first candidate: give the
			// poster's own entry a few seconds to come.
			for wait := time.Now(); time.Since(wait) < 5*time.Second; time.Sleep(100 * time.Millisecond) {
				if evalJS[bool](tb, `__poster.lcp[__poster.lcp.length - 1].id === "poster"`) {
					break
				}
			}
			type seen struct {
				FirstFrame struct {
					Src    string
					Hidden bool
				}
				Src, LCP string
				Shown    bool
				Wasm     int
			}
			v := evalJS[seen](tb, `(() => { const p = document.getElementById("poster");
			  return {firstFrame: __poster.firstFrame, src: p.getAttribute("src"), shown: !p.hidden && getComputedStyle(p).display !== "none",
			    lcp: (__poster.lcp[__poster.lcp.length - 1].id || __poster.lcp[__poster.lcp.length - 1].url), wasm: performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length}; })()`)
			t.Logf("poster %s; at the first animation frame %+v; largest contentful paint #%s", v.Src, v.FirstFrame, v.LCP)
			if v.Src != c.poster || !v.Shown {
				t.Errorf("#poster shows %q (shown %v), want %q", v.Src, v.Shown, c.poster)
			}
			if v.FirstFrame.Src != c.poster || v.FirstFrame.Hidden {
				t.Errorf("at the first animation frame, before the first paint, #poster had src %q (hidden %v), want %q", v.FirstFrame.Src, v.FirstFrame.Hidden, c.poster)
			}
			// Chromium leaves out an image that covers the whole viewport,
			// as it would a background (Chrome 88's LCP changes, in
			// Chromium's docs/speed/metrics_changelog/2020_11_lcp.md): an
			// embed of the poster's very size paints it first all the same,
			// as firstFrame says.
			full := evalJS[bool](tb, `(() => { const r = document.getElementById("poster").getBoundingClientRect();
			  return r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight; })()`)
			if v.LCP != "poster" && !full {
				t.Errorf("the largest contentful paint is #%s, want the poster", v.LCP)
			}
			if v.Wasm != 0 {
				t.Errorf("test setup: %d .wasm files arrived while they were held", v.Wasm)
			}
			if c.exact {
				comparePoster(t, tb, c)
			}
			release()
			tb.waitReady("")
			tb.waitJS("the poster to go once the first frame is drawn", stepTimeout, `document.getElementById("poster").hidden && !document.getElementById("poster").hasAttribute("src")`)
		})
	}
}

// checkNoPoster checks that the page shows no poster and asked for none.
func checkNoPoster(t *testing.T, tb *tab, s *site) {
	t.Helper()
	if evalJS[bool](tb, `!document.getElementById("poster").hidden || document.documentElement.hasAttribute("data-poster")`) {
		t.Errorf("#poster is shown, with no poster close enough to the window or the scene")
	}
	for _, p := range s.served() {
		if strings.HasPrefix(p, "/posters/") {
			t.Errorf("the page asked for %s, with no poster close enough", p)
		}
	}
}

// comparePoster checks the page's screenshot against the poster file
// where neither the controls nor the loading card cover it: the poster
// shows pixel for pixel at the size it was made for.
func comparePoster(t *testing.T, tb *tab, c posterCase) {
	t.Helper()
	want := readPoster(t, c.poster)
	got := tb.screenshot("poster-" + c.name)
	type rect struct{ X, Y, W, H float64 }
	covered := evalJS[[]rect](tb, `["panel", "loading"].map((id) => document.getElementById(id).getBoundingClientRect())
	  .map((r) => ({x: r.x, y: r.y, w: r.width, h: r.height}))`)
	// The boxes' shadows reach 12 pixels beyond them.
	const shadow = 14
	in := func(x, y int) bool {
		for _, r := range covered {
			if float64(x) >= r.X-shadow && float64(x) < r.X+r.W+shadow && float64(y) >= r.Y-shadow && float64(y) < r.Y+r.H+shadow {
				return true
			}
		}
		return false
	}
	b := want.Bounds()
	if gb := got.Bounds(); gb.Dx() != b.Dx() || gb.Dy() != b.Dy() {
		t.Fatalf("the screenshot is %v, the poster %v", gb, b)
	}
	var n, off int
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if in(x, y) {
				continue
			}
			n++
			if colorDistance(got.At(x, y), want.At(x, y)) > 6 {
				off++
			}
		}
	}
	t.Logf("the screenshot and the poster differ at %d of %d pixels compared", off, n)
	if n == 0 || off > n/100 {
		t.Errorf("the screenshot and the poster %s differ at %d of %d pixels: the page does not show it as it was made", c.poster, off, n)
	}
}

// readPoster decodes a poster of the snapshot of dist/.
func readPoster(t *testing.T, name string) image.Image {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(snapDir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return img
}

// colorDistance is the largest difference of two colours' 8-bit
// channels, alpha premultiplied.
func colorDistance(a, b color.Color) int {
	r0, g0, b0, a0 := a.RGBA()
	r1, g1, b1, a1 := b.RGBA()
	d := 0
	for _, p := range [][2]uint32{{r0, r1}, {g0, g1}, {b0, b1}, {a0, a1}} {
		d = max(d, int(math.Abs(float64(p[0]>>8)-float64(p[1]>>8))))
	}
	return d
}

// TestPosterMatchesCanvas compares each poster with the live canvas once
// the module has started: for every point away from the boundary, the
// shading around it is on the same side in the poster, on the canvas and
// by the live model (state().model). The side of a pixel is its nearest
// shade of the theme's palette (view.Shades), whose index says the
// probability of class 1 there; pixels near no shade (marks, arrows, text)
// and shades near one half are left out. A poster of another scene, a
// model trained otherwise, or a view laid out otherwise puts points on the
// wrong side.
func TestPosterMatchesCanvas(t *testing.T) {
	for _, c := range posterCases(t) {
		if !c.exact {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			tb := pkgSite.open(t, "play.html"+c.rest, c.vp)
			tb.waitReady("")
			tb.waitTrained("window")
			tb.waitFrames(5)
			st := tb.state()
			if st.Model.Kind != "logreg" {
				t.Skipf("the scene's model is %s: the test reads logistic regression's boundary", st.Model.Kind)
			}
			canvas := tb.screenshot("canvas-" + c.name)
			poster := readPoster(t, c.poster)
			pal := view.Shades(view.ThemeNamed("light"), view.ShadingStrength)
			type client struct{ X, Y float64 }
			pos := evalDecode[[]client](tb, "the points' client positions",
				`JSON.stringify(advplay.state().points.map((p) => advplay.toClient(p.x, p.y)))`)
			var checked, wrong int
			var firstWrong []string
			for i, p := range st.Points {
				z := st.Model.Weights[0]*p.X + st.Model.Weights[1]*p.Y + st.Model.Bias
				if math.Abs(z) < 1.5 {
					continue // near the boundary
				}
				model := 0
				if z > 0 {
					model = 1
				}
				ps, okP := shadeSide(poster, pos[i].X, pos[i].Y, pal)
				cs, okC := shadeSide(canvas, pos[i].X, pos[i].Y, pal)
				if !okP || !okC {
					continue
				}
				checked++
				if ps != model || cs != model {
					wrong++
					if len(firstWrong) < 5 {
						firstWrong = append(firstWrong, fmt.Sprintf("point %d (%.2f, %.2f) at (%.0f, %.0f): model %d, poster %d, canvas %d", i, p.X, p.Y, pos[i].X, pos[i].Y, model, ps, cs))
					}
				}
			}
			t.Logf("%d points, %d away from the boundary with shading around them checked, %d on another side", len(st.Points), checked, wrong)
			if checked < len(st.Points)/4 {
				t.Errorf("only %d of %d points could be checked", checked, len(st.Points))
			}
			if wrong > 0 {
				t.Errorf("%d points lie on another side of the boundary in the poster or on the canvas than the model says: %s", wrong, strings.Join(firstWrong, "; "))
			}
		})
	}
}

// shadeSide returns the class whose side of the boundary the shading
// around (x, y) shows: the majority of the pixels on rings 7 to 11 pixels
// from it whose colour is within 10 of a shade of pal and whose shade is
// not within a sixteenth of one half. ok is false when fewer than 8 pixels
// count, or they are not at least four to one.
func shadeSide(img image.Image, x, y float64, pal [view.PaletteSize]color.NRGBA) (side int, ok bool) {
	var votes [2]int
	for r := 7.0; r <= 11; r += 2 {
		for k := range 24 {
			a := 2 * math.Pi * float64(k) / 24
			px, py := int(math.Round(x+r*math.Cos(a))), int(math.Round(y+r*math.Sin(a)))
			if !image.Pt(px, py).In(img.Bounds()) {
				continue
			}
			c := img.At(px, py)
			best, bestD := -1, 11
			for i, s := range pal {
				if d := colorDistance(c, s); d < bestD {
					best, bestD = i, d
				}
			}
			if best < 0 || math.Abs(float64(best)-view.PaletteSize/2) < view.PaletteSize/16 {
				continue
			}
			votes[best*2/view.PaletteSize]++
		}
	}
	switch {
	case votes[0]+votes[1] < 8:
		return 0, false
	case votes[1] >= 4*votes[0]:
		return 1, true
	case votes[0] >= 4*votes[1]:
		return 0, true
	}
	return 0, false
}

// TestPosterFiles checks every poster the build made: within the budget,
// a PNG of the size its name says, listed in the manifest, and named in
// the scripts that choose them; and the posters play.html shows without
// JavaScript exist.
func TestPosterFiles(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(snapDir, "posters", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Posters []struct {
			Name          string
			Width, Height int
			Bytes         int
		}
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	scripts := map[string]string{}
	for _, f := range []string{"poster.js", "embed/adv-play.js"} {
		b, err := os.ReadFile(filepath.Join(snapDir, f))
		if err != nil {
			t.Fatal(err)
		}
		scripts[f] = string(b)
	}
	largest := 0
	for _, e := range m.Posters {
		f, err := os.ReadFile(filepath.Join(snapDir, "posters", e.Name))
		if err != nil {
			t.Errorf("%s: %v", e.Name, err)
			continue
		}
		largest = max(largest, len(f))
		cfg, err := png.DecodeConfig(bytes.NewReader(f))
		if err != nil || cfg.Width != e.Width || cfg.Height != e.Height || !strings.Contains(e.Name, fmt.Sprintf("-%dx%d-", e.Width, e.Height)) {
			t.Errorf("%s: %v, %d×%d", e.Name, err, cfg.Width, cfg.Height)
		}
		if len(f) > posterBudget {
			t.Errorf("%s is %d bytes, over the budget of %d", e.Name, len(f), posterBudget)
		}
		for file, src := range scripts {
			if !strings.Contains(src, `"`+strings.TrimSuffix(e.Name, ".png")+`"`) {
				t.Errorf("%s does not list the poster %s", file, e.Name)
			}
		}
	}
	t.Logf("figure: %d posters, the largest %d bytes (budget %d)", len(m.Posters), largest, posterBudget)
	page, err := os.ReadFile(filepath.Join(snapDir, "play.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{posterName("", 1280, 800, "light"), posterName("", 390, 844, "light")} {
		if !strings.Contains(string(page), name) {
			t.Errorf("play.html's noscript does not show %s", name)
		}
		if _, err := os.Stat(filepath.Join(snapDir, filepath.FromSlash(name))); err != nil {
			t.Errorf("play.html's noscript shows %s: %v", name, err)
		}
	}
}

// TestBlogPosters loads the blog example with its WebAssembly held back:
// each <adv-play> shows its poster before it starts, loaded, and the page
// asks for no poster that is not there (a 404 would be a console error).
func TestBlogPosters(t *testing.T) {
	hold := make(chan struct{})
	defer close(hold)
	s := newSite(t, siteOptions{holdWasm: hold})
	tb := s.open(t, "examples/blog-post.html", desktop)
	tb.waitJS("the element to be defined", stepTimeout, `customElements.get("adv-play") !== undefined`)
	for i := range 5 {
		tb.try(fmt.Sprintf(`document.querySelectorAll("adv-play")[%d].scrollIntoView({block: "center"})`, i))
		tb.waitJS(fmt.Sprintf("figure %d's poster to load", i), stepTimeout, fmt.Sprintf(`(() => {
		  const img = document.querySelectorAll("adv-play")[%d].shadowRoot.querySelector("img");
		  return !!img && img.complete && img.naturalWidth > 0; })()`, i))
	}
	type fig struct {
		Poster, Scene string
		W, H          int
	}
	figs := evalJS[[]fig](tb, `[...document.querySelectorAll("adv-play")].map((el) => ({poster: new URL(el.shadowRoot.querySelector("img").src).pathname,
	  scene: el.getAttribute("scene"), w: Number(el.getAttribute("width")), h: Number(el.getAttribute("height"))}))`)
	for i, f := range figs {
		want := "/" + posterName(f.Scene, f.W, f.H, "light")
		t.Logf("figure %d shows %s before it starts", i, f.Poster)
		if !strings.HasSuffix(f.Poster, want) {
			t.Errorf("figure %d shows %s, want %s", i, f.Poster, want)
		}
	}
	if n := evalJS[int](tb, `performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length`); n != 0 {
		t.Errorf("test setup: %d .wasm files arrived while they were held", n)
	}
	tb.screenshot("blog-posters")
}
