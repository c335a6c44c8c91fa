//go:build !js

package browsertest

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"github.com/chromedp/chromedp"
)

// distinctColors counts the distinct colours in r of img.
func distinctColors(img image.Image, r image.Rectangle) int {
	seen := map[color.RGBA]bool{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			seen[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)] = true
		}
	}
	return len(seen)
}

// meanRGB averages the pixels in a (2k+1)² square about (x, y).
func meanRGB(img image.Image, x, y, k int) (r, g, b float64) {
	n := 0.0
	for j := y - k; j <= y+k; j++ {
		for i := x - k; i <= x+k; i++ {
			c := color.RGBAModel.Convert(img.At(i, j)).(color.RGBA)
			r, g, b = r+float64(c.R), g+float64(c.G), b+float64(c.B)
			n++
		}
	}
	return r / n, g / n, b / n
}

// TestCanvasNotBlank screenshots a scene with one red and one blue point:
// the canvas has many colours, and the pixels at each point's client
// position have the point's colour.
func TestCanvasNotBlank(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.emptyScene()
	red, blue := [2]float64{0, 1.5}, [2]float64{1.2, 2.4}
	if e := tb.try(fmt.Sprintf(`advplay.addPoint(%v, %v, 0); advplay.addPoint(%v, %v, 1)`, red[0], red[1], blue[0], blue[1])); e != "" {
		t.Fatal(e)
	}
	tb.waitFrames(3)
	rc, bc := tb.clickable(red[0], red[1]), tb.clickable(blue[0], blue[1])
	img := tb.screenshot("canvas-two-points-1280x800")

	l := tb.layoutNow()
	plot := image.Rect(int(l.Plot.X), int(l.Plot.Y), int(l.Plot.X+l.Plot.W), int(l.Plot.Y+l.Plot.H))
	n := distinctColors(img, plot)
	t.Logf("the plot area %v has %d distinct colours", plot, n)
	if n < 50 {
		t.Errorf("the plot area has only %d distinct colours: is the canvas blank?", n)
	}
	r, g, b := meanRGB(img, int(rc.X), int(rc.Y), 1)
	t.Logf("pixels at the red point (%.0f, %.0f): rgb(%.0f, %.0f, %.0f)", rc.X, rc.Y, r, g, b)
	if !(r > 120 && r > b+50 && r > g+50) {
		t.Errorf("the pixels at the red point's client position (%.0f, %.0f) are rgb(%.0f, %.0f, %.0f), not reddish", rc.X, rc.Y, r, g, b)
	}
	r, g, b = meanRGB(img, int(bc.X), int(bc.Y), 1)
	t.Logf("pixels at the blue point (%.0f, %.0f): rgb(%.0f, %.0f, %.0f)", bc.X, bc.Y, r, g, b)
	if !(b > 100 && b > r+50) {
		t.Errorf("the pixels at the blue point's client position (%.0f, %.0f) are rgb(%.0f, %.0f, %.0f), not bluish", bc.X, bc.Y, r, g, b)
	}
}

// TestScreenshotDesktop saves play.html at 1280×800 as a first-time
// visitor sees it.
func TestScreenshotDesktop(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.waitFrames(5)
	img := tb.screenshot("play-1280x800")
	if n := distinctColors(img, img.Bounds()); n < 100 {
		t.Errorf("play.html at 1280×800 has only %d distinct colours", n)
	}
	tb.checkFits()
}

// checkFits checks that the controls panel lies inside the viewport,
// leaves a usable plot, and that no control sticks out of the panel
// sideways.
func (tb *tab) checkFits() {
	tb.t.Helper()
	type fit struct {
		W, H                     float64
		Left, Top, Right, Bottom float64
		ScrollW, ClientW         float64
		Wide                     []string
	}
	f := evalJS[fit](tb, `(() => {
	  const p = document.getElementById("panel").getBoundingClientRect();
	  const body = document.getElementById("panel");
	  const wide = [...body.querySelectorAll("input, select, button, label")]
	    .filter((el) => el.offsetParent !== null)
	    .filter((el) => { const r = el.getBoundingClientRect(); return r.right > p.right + 0.5 || r.left < p.left - 0.5; })
	    .map((el) => el.id || el.textContent.trim() || el.tagName);
	  return {w: innerWidth, h: innerHeight, left: p.left, top: p.top, right: p.right, bottom: p.bottom,
	    scrollW: body.scrollWidth, clientW: body.clientWidth, wide};
	})()`)
	if f.Left < 0 || f.Top < 0 || f.Right > f.W || f.Bottom > f.H {
		tb.t.Errorf("%v×%v: the controls panel (%.0f, %.0f)–(%.0f, %.0f) sticks out of the viewport", f.W, f.H, f.Left, f.Top, f.Right, f.Bottom)
	}
	if f.ScrollW > f.ClientW+1 {
		tb.t.Errorf("%v×%v: the controls panel scrolls sideways (%v px of content in %v)", f.W, f.H, f.ScrollW, f.ClientW)
	}
	if len(f.Wide) > 0 {
		tb.t.Errorf("%v×%v: controls stick out of the panel: %v", f.W, f.H, f.Wide)
	}
	l := tb.layoutNow()
	tb.t.Logf("%v×%v: panel (%.0f, %.0f)–(%.0f, %.0f); plot %+v; chart %+v", f.W, f.H, f.Left, f.Top, f.Right, f.Bottom, l.Plot, l.Chart)
	if l.Plot.W < 200 || l.Plot.H < 200 {
		tb.t.Errorf("%v×%v: the plot is only %.0f×%.0f px next to the controls", f.W, f.H, l.Plot.W, l.Plot.H)
	}
}

// TestScreenshotPhone loads play.html on a 390×844 touch phone: the
// controls fit, the plot is visible, and a tap adds a point.
func TestScreenshotPhone(t *testing.T) {
	tb := openPlay(t, phone)
	tb.waitFrames(5)
	tb.screenshot("play-390x844")
	tb.checkFits()

	// Collapse the controls, as a phone visitor would to see the plot.
	if e := tb.try(`document.getElementById("collapse").click()`); e != "" {
		t.Fatal(e)
	}
	tb.waitFrames(5)
	tb.screenshot("play-390x844-collapsed")
	l := tb.layoutNow()
	t.Logf("collapsed: plot %+v, chart %+v", l.Plot, l.Chart)

	// A tap in the free part of the plot adds one point there.
	before := tb.state()
	cx := l.Plot.X + l.Plot.W*0.3
	cy := l.Plot.Y + l.Plot.H*0.4
	if l.Chart.Contains(cx, cy) {
		t.Fatalf("test setup: the tap position is on the chart")
	}
	want := tb.fromClient(cx, cy)
	tb.do(chromedp.TapXY(cx, cy))
	pts := tb.waitPoints(len(before.Points)+1, "a tap")
	tb.checkPoint("tap", pts[len(pts)-1], want.X, want.Y, before.Class)
	tb.screenshot("play-390x844-after-tap")
}
