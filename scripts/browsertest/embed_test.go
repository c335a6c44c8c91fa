//go:build !js

package browsertest

// Embedding (README, "Embed it in your blog"): play.html in host pages'
// iframes, its query parameters, how it fits its frame, the blog example,
// and the story page index.html around an embedded playground.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEmbedQueryParams checks controls= and theme=.
func TestEmbedQueryParams(t *testing.T) {
	s := newSite(t, siteOptions{pages: map[string]string{
		"/magenta.html": `<!doctype html><html><head><title>host</title><link rel="icon" href="data:,">
<style>html, body { margin: 0; background: #ff00ff; }</style></head>
<body><iframe id="f" src="play.html?theme=transparent&controls=none" width="800" height="600" style="border: 0; display: block"></iframe></body></html>`,
	}})

	// controls=full (the default) and controls=none: the panel goes, and
	// the plot takes its room.
	full := s.openPlay(t, "", desktop)
	fullX := full.toClient(0, 0).X
	full.close()
	none := s.openPlay(t, "?controls=none", desktop)
	if d := evalJS[string](none, `getComputedStyle(document.getElementById("panel")).display`); d != "none" {
		t.Errorf("controls=none: #panel is displayed as %q, want none", d)
	}
	if c := none.summary().Show.Controls; c != "none" {
		t.Errorf("controls=none: state().show.controls is %q", c)
	}
	noneX := none.toClient(0, 0).X
	t.Logf("toClient(0, 0).x: %.1f with controls=full, %.1f with controls=none", fullX, noneX)
	if !(noneX < fullX-20) {
		t.Errorf("controls=none: the data point (0, 0) is at x = %.1f px, with controls=full at %.1f: the plot should use the panel's room", noneX, fullX)
	}
	none.close()

	// controls=minimal: only the rows marked for it.
	minimal := s.openPlay(t, "?controls=minimal", desktop)
	type row struct {
		ID, Class, Display string
		Minimal            bool
	}
	rows := evalJS[[]row](minimal, `[...document.querySelectorAll("#panel-body > *, #panel .panel-head")].map((el) => ({
	  id: el.id || el.querySelector("[id]")?.id || "", class: el.className, display: getComputedStyle(el).display, minimal: el.hasAttribute("data-minimal")}))`)
	shown := []string{}
	for _, r := range rows {
		if r.Display != "none" {
			shown = append(shown, r.ID)
		}
		if r.Minimal != (r.Display != "none") {
			t.Errorf("controls=minimal: the row %q (%s) is displayed as %q", r.ID, r.Class, r.Display)
		}
	}
	t.Logf("controls=minimal shows: %v", shown)
	if d := evalJS[string](minimal, `getComputedStyle(document.getElementById("panel")).display`); d == "none" {
		t.Errorf("controls=minimal: the panel is not displayed")
	}
	minimal.close()

	// Garbage values fall back to the defaults.
	garbage := s.openPlay(t, "?controls=xyz&theme=%3Cb%3E", desktop)
	type opts struct{ Controls, Theme, Panel string }
	o := evalJS[opts](garbage, `({controls: document.documentElement.dataset.controls, theme: document.documentElement.dataset.theme,
	  panel: getComputedStyle(document.getElementById("panel")).display})`)
	if o.Controls != "full" || o.Theme != "light" || o.Panel == "none" {
		t.Errorf("controls=xyz&theme=<b>: data-controls %q, data-theme %q, panel %q; want full, light, displayed", o.Controls, o.Theme, o.Panel)
	}
	garbage.close()

	// theme=dark: the canvas is dark where nothing is drawn.
	dark := s.openPlay(t, "?theme=dark&controls=none", desktop)
	if e := dark.try(`advplay.set({show: {shading: false, chart: false}})`); e != "" {
		t.Fatal(e)
	}
	dark.waitFrames(3)
	img := dark.screenshot("theme-dark")
	// A point of the view far from both clouds (centred at (0,0) and (2,2)).
	c := dark.toClient(3.2, -0.8)
	r, g, b := meanRGB(img, int(c.X), int(c.Y), 2)
	t.Logf("theme=dark: background at (%.0f, %.0f) is rgb(%.0f, %.0f, %.0f)", c.X, c.Y, r, g, b)
	if r+g+b > 3*60 {
		t.Errorf("theme=dark: the background at (%.0f, %.0f) is rgb(%.0f, %.0f, %.0f), not dark", c.X, c.Y, r, g, b)
	}
	r, g, b = meanRGB(img, 5, 5, 2)
	t.Logf("theme=dark: the corner (5, 5) is rgb(%.0f, %.0f, %.0f)", r, g, b)
	if r+g+b > 3*60 {
		t.Errorf("theme=dark: the top-left corner is rgb(%.0f, %.0f, %.0f), not dark", r, g, b)
	}
	dark.close()

	// theme=transparent over a magenta host page.
	host := s.open(t, "magenta.html", desktop)
	const frame = `document.getElementById("f").contentWindow`
	host.waitReady(frame)
	host.waitFramesIn(frame, 3)
	img = host.screenshot("theme-transparent-on-magenta")
	magenta := func(x, y int) (bool, string) {
		r, g, b := meanRGB(img, x, y, 2)
		return r > 200 && b > 200 && g < 100, fmt.Sprintf("rgb(%.0f, %.0f, %.0f)", r, g, b)
	}
	// Where the shading is flat, far from the clouds, and on the boundary.
	far := evalJS[xy](host, frame+`.advplay.toClient(-1.5, 3.0)`)
	_, c1 := magenta(int(far.X), int(far.Y))
	on := evalJS[xy](host, frame+`.advplay.toClient(1, 1)`)
	_, c2 := magenta(int(on.X), int(on.Y))
	t.Logf("figure: theme=transparent on a magenta page, shading on: the plot far from the clouds is %s, on the boundary %s", c1, c2)
	// Without the shading nothing but the grid, the points and the
	// readouts may cover the host's page.
	if e := host.try(frame + `.advplay.set({show: {shading: false}})`); e != "" {
		t.Fatal(e)
	}
	host.waitFramesIn(frame, 3)
	img = host.screenshot("theme-transparent-on-magenta-no-shading")
	ok1, c1 := magenta(int(far.X), int(far.Y))
	ok2, c2 := magenta(5, 300)
	t.Logf("theme=transparent on magenta, shading off: the plot far from the clouds is %s, the left edge %s", c1, c2)
	if !ok1 || !ok2 {
		t.Errorf("theme=transparent with the shading off: the empty plot is %s and %s, not the host page's magenta", c1, c2)
	}
	if e := host.try(frame + `.advplay.set({epsilon: 0.3})`); e != "" {
		t.Errorf("theme=transparent: set threw %s", e)
	}
}

// TestEmbedFit embeds two playgrounds, 400×300 and 720×480, in one page:
// both come up, neither scrolls, each canvas fills its iframe, and at a
// device scale of 2 the canvas has twice the pixels.
func TestEmbedFit(t *testing.T) {
	s := newSite(t, siteOptions{pages: map[string]string{"/two.html": `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>two embeds</title></head>
<body><iframe id="a" src="play.html" width="400" height="300" title="small"></iframe>
<iframe id="b" src="play.html?controls=minimal" width="720" height="480" title="large"></iframe></body></html>`}})
	for _, scale := range []float64{1, 2} {
		t.Run(fmt.Sprintf("scale%v", scale), func(t *testing.T) {
			vp := viewport{w: 1280, h: 800, opts: []chromedp.EmulateViewportOption{chromedp.EmulateScale(scale)}}
			start := time.Now()
			tb := s.open(t, "two.html", vp)
			for _, id := range []string{"a", "b"} {
				tb.waitReady(`document.getElementById("` + id + `").contentWindow`)
			}
			t.Logf("both embeds ready in %v", time.Since(start).Round(time.Millisecond))
			for _, f := range []struct {
				id   string
				w, h float64
			}{{"a", 400, 300}, {"b", 720, 480}} {
				win := `document.getElementById("` + f.id + `").contentWindow`
				tb.waitFramesIn(win, 3)
				type fit struct {
					InnerW, InnerH, DPR                      float64
					ScrollW, ClientW, ScrollH, ClientH       float64
					CanvasCSSW, CanvasCSSH, CanvasX, CanvasY float64
					CanvasW, CanvasH                         float64
				}
				r := evalJS[fit](tb, `(() => { const w = `+win+`, d = w.document, se = d.scrollingElement, c = d.querySelector("canvas"), b = c.getBoundingClientRect();
				  return {innerW: w.innerWidth, innerH: w.innerHeight, dpr: w.devicePixelRatio,
				    scrollW: se.scrollWidth, clientW: se.clientWidth, scrollH: se.scrollHeight, clientH: se.clientHeight,
				    canvasCSSW: b.width, canvasCSSH: b.height, canvasX: b.x, canvasY: b.y, canvasW: c.width, canvasH: c.height}; })()`)
				t.Logf("iframe %s (%v×%v): inner %v×%v, dpr %v, scroll %v×%v in %v×%v, canvas %v×%v CSS px at (%v, %v), backing store %v×%v",
					f.id, f.w, f.h, r.InnerW, r.InnerH, r.DPR, r.ScrollW, r.ScrollH, r.ClientW, r.ClientH, r.CanvasCSSW, r.CanvasCSSH, r.CanvasX, r.CanvasY, r.CanvasW, r.CanvasH)
				if r.ScrollW > r.ClientW || r.ScrollH > r.ClientH {
					t.Errorf("iframe %s: the page scrolls: %v×%v of content in %v×%v", f.id, r.ScrollW, r.ScrollH, r.ClientW, r.ClientH)
				}
				if r.CanvasX != 0 || r.CanvasY != 0 || r.CanvasCSSW != r.InnerW || r.CanvasCSSH != r.InnerH {
					t.Errorf("iframe %s: the canvas is %v×%v at (%v, %v), want the whole %v×%v", f.id, r.CanvasCSSW, r.CanvasCSSH, r.CanvasX, r.CanvasY, r.InnerW, r.InnerH)
				}
				if r.DPR != scale {
					t.Errorf("iframe %s: devicePixelRatio is %v, want %v", f.id, r.DPR, scale)
				}
				if wantW, wantH := r.InnerW*scale, r.InnerH*scale; r.CanvasW < wantW-1 || r.CanvasW > wantW+1 || r.CanvasH < wantH-1 || r.CanvasH > wantH+1 {
					t.Errorf("iframe %s at scale %v: the canvas backing store is %v×%v, want %v×%v (crisp: CSS size times devicePixelRatio)", f.id, scale, r.CanvasW, r.CanvasH, wantW, wantH)
				}
				// And it works: a set applies in each embed.
				if e := tb.try(win + `.advplay.set({epsilon: 0.15})`); e != "" {
					t.Errorf("iframe %s: set threw %s", f.id, e)
				}
			}
			tb.screenshot(fmt.Sprintf("two-embeds-scale%v", scale))
		})
	}
}

// TestEmbedBlogPost loads examples/blog-post.html: every <adv-play>
// figure comes up as the reader scrolls to it, the figure captions show
// their numbers, and the scrolly figure follows the reader's scrolling.
func TestEmbedBlogPost(t *testing.T) {
	s := newSite(t, siteOptions{})
	start := time.Now()
	tb := s.open(t, "examples/blog-post.html", desktop)
	tb.waitJS("the element to be defined", stepTimeout, `customElements.get("adv-play") !== undefined`)
	n := evalJS[int](tb, `document.querySelectorAll("adv-play").length`)
	if n != 6 || evalJS[int](tb, figuresJS+`.length`) != 6 {
		t.Errorf("blog-post.html has %d <adv-play> figures, want 6 and no other (three figures, the scrolly one, the one in 64 dimensions and the digits)", n)
	}
	// The figures start as they come near the viewport: bring each into view.
	for i := range n {
		if e := tb.try(fmt.Sprintf(`document.querySelectorAll("adv-play")[%d].scrollIntoView({block: "center"})`, i)); e != "" {
			t.Fatal(e)
		}
		tb.waitJS(fmt.Sprintf("figure %d to start", i), stepTimeout, frameJS(i)+` !== null`)
		tb.waitReady(frameJS(i))
		t.Logf("figure %d ready at %v", i, time.Since(start).Round(time.Millisecond))
	}
	if e := tb.try(`window.scrollTo(0, 0)`); e != "" {
		t.Fatal(e)
	}
	tb.waitJS("the figure captions to show numbers", 90*time.Second,
		`[...document.querySelectorAll(".live")].every((el) => /\d.*%/.test(el.textContent))`)
	tb.waitJS("the figure in 64 dimensions to show its figures", 30*time.Second, `/\d.*%/.test(document.querySelector(".live-dims").textContent)`)
	captions := evalJS[[]string](tb, `[...document.querySelectorAll(".live, .live-dims")].map((el) => el.textContent)`)
	t.Logf("figure: blog-post.html: the captions show numbers %v after navigation: %q", time.Since(start).Round(time.Millisecond), captions)
	// The scrolly figure: at the last step ε is 1.
	if e := tb.try(`const steps = document.querySelectorAll(".scrolly .step"); steps[steps.length - 1].scrollIntoView({block: "center"})`); e != "" {
		t.Fatal(e)
	}
	tb.waitJS("the scrolly figure to reach ε = 1", 20*time.Second,
		scrollyJS+`.advplay.summary().epsilon === 1 && document.getElementById("scrolly-eps").textContent === "1.00"`)
	tb.waitJS("the scrolly readout to show the embed's error at ε = 1", 5*time.Second,
		`(() => { const e = 100 * `+scrollyJS+`.advplay.summary().metrics.adversarialError;
		  return document.getElementById("scrolly-err").textContent === (e < 10 ? e.toFixed(2) : e.toFixed(1)) + " %"; })()`)
	t.Logf("scrolly at the last step: ε %s, error %s", evalJS[string](tb, `document.getElementById("scrolly-eps").textContent`),
		evalJS[string](tb, `document.getElementById("scrolly-err").textContent`))
	for i := range n {
		for _, win := range []string{"window", frameJS(i)} {
			if v := tb.cspViolations(win); len(v) > 0 {
				t.Errorf("blog-post.html, figure %d: CSP violations: %v", i, v)
			}
		}
	}
	tb.screenshot("blog-post")
}

// scrollyJS is the window of the blog post's scrolly figure.
const scrollyJS = `document.getElementById("scrolly-frame").shadowRoot.querySelector("iframe").contentWindow`

// TestIndexPage loads the story page: its iframe's advplay comes up (same
// origin), the page hears advplay:ready by postMessage, and the iframe
// answers postMessage, refusing bad ε by name.
func TestIndexPage(t *testing.T) {
	tb := openTab(t, "index.html", desktop)
	const frame = `document.querySelector("iframe").contentWindow`
	if n := evalJS[int](tb, `document.querySelectorAll("iframe").length`); n < 1 {
		t.Fatalf("index.html has no iframe")
	}
	if src := evalJS[string](tb, `document.querySelector("iframe").getAttribute("src")`); src == "" || src[0] == '/' {
		t.Errorf("the iframe's src %q should be a relative path", src)
	}
	tb.waitReady(frame)
	tb.waitJS("advplay:ready posted to the parent", stepTimeout, `__bt.messages.some((m) => m && m.type === "advplay:ready")`)
	n := evalJS[int](tb, frame+`.advplay.state().points.length`)
	t.Logf("the embedded playground is up with %d points", n)
	if n == 0 {
		t.Errorf("the embedded playground has no points")
	}
	tb.screenshot("index-1280x800")

	// postMessage from the parent: bad ε refused, a good one applied.
	for i, eps := range []string{"NaN", "-1", "1e308", "Infinity"} {
		r := tb.request(frame, i+1, `{advplay: "set", patch: {epsilon: `+eps+`}}`)
		t.Logf("postMessage set ε %s: %v", eps, r)
		if r.Type != "advplay:error" || !strings.Contains(r.Message, "epsilon") {
			t.Errorf("postMessage set ε %s: reply %v, want advplay:error naming epsilon", eps, r)
		}
	}
	if r := tb.request(frame, 9, `{advplay: "set", patch: {epsilon: 0.2}}`); r.Type != "advplay:ok" {
		t.Errorf("postMessage set ε 0.2: reply %v, want advplay:ok", r)
	}
	if got := evalJS[float64](tb, frame+`.advplay.state().epsilon`); got != 0.2 {
		t.Errorf("after postMessage set ε 0.2, the iframe's ε is %v", got)
	}
}
