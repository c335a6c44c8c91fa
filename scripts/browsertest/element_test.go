//go:build !js

package browsertest

// The <adv-play> element (site/embed/adv-play.js): its attributes, its
// poster, its lazy start, set() and its events, several on one page, and
// the keyboard.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"advplay/engine/scene/share"

	"github.com/chromedp/chromedp/kb"
)

// figuresJS lists a page's figures in document order: its iframes and its
// <adv-play> elements.
const figuresJS = `[...document.querySelectorAll("iframe, adv-play")]`

// framesJS lists the iframes of a page's started figures, those inside
// <adv-play> elements included.
const framesJS = figuresJS + `.map((el) => el.tagName === "ADV-PLAY" ? el.shadowRoot && el.shadowRoot.querySelector("iframe") : el).filter(Boolean)`

// frameJS returns the expression for the window of the i-th figure's
// iframe (see figuresJS), or null if it has not started.
func frameJS(i int) string {
	return fmt.Sprintf(`(() => { const el = %s[%d]; const f = el.tagName === "ADV-PLAY" ? el.shadowRoot.querySelector("iframe") : el; return f ? f.contentWindow : null; })()`, figuresJS, i)
}

// posterName is the poster scripts/posters makes for a scene fragment at a
// size and theme: the FNV-1a hash of the fragment names it.
func posterName(scene string, w, h int, theme string) string {
	f := fnv.New32a()
	f.Write([]byte(scene))
	return fmt.Sprintf("posters/%08x-%dx%d-%s.png", f.Sum32(), w, h, theme)
}

const elementScene = "s1.Yk8sKslMzkllnODHAAYP7GfNBIGT9ixp6cW5XAxQwJKTmZfGyJmcn1eWWpSemsLIyMDIkpefl8rAnJiSwpaTn16Ums4kIMBSkpiXwZKYkpj7hRksDzOOgYEBEAAA__8"

// TestAdvPlayElement checks the element on a host page of its own: the
// figure in view starts by itself with its scene and epsilon attributes,
// the one far below waits without a request, set() resolves and rejects as
// the figure answers, events reach the host, and a reader who tabs to the
// waiting figure and presses Enter lands on its plot.
func TestAdvPlayElement(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(snapDir, "embed", "adv-play.js"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(src)
	w.Close()
	t.Logf("figure: adv-play.js is %d bytes, %d gzip (budget 5,120)", len(src), gz.Len())
	if gz.Len() > 5120 {
		t.Errorf("adv-play.js is %d bytes gzip, over the 5 KB budget", gz.Len())
	}

	s := newSite(t, siteOptions{pages: map[string]string{"/element.html": `<!doctype html><html lang="en"><head><title>host</title><link rel="icon" href="data:,">
<script type="module" src="embed/adv-play.js"></script></head>
<body><h1>A host</h1><a href="#top">before</a>
<adv-play id="near" scene="` + elementScene + `" epsilon="0.3" width="400" height="300" theme="light" title="near figure"></adv-play>
<div style="height: 6000px"></div>
<adv-play id="far" width="320" height="240" controls="none" title="far figure"></adv-play>
<a href="#top">after</a></body></html>`}})
	tb := s.open(t, "element.html", desktop)
	tb.waitJS("the element to be defined", stepTimeout, `customElements.get("adv-play") !== undefined`)
	// Neither scene has a poster in the build, so neither asks for one.
	if evalJS[bool](tb, `!!document.getElementById("far").shadowRoot.querySelector("img")`) {
		t.Errorf("the far figure shows a poster, but the build made none for its scene")
	}
	near := `document.getElementById("near").shadowRoot.querySelector("iframe").contentWindow`
	tb.waitJS("the near figure to start by itself", readyTimeout, `!!document.getElementById("near").shadowRoot.querySelector("iframe")`)
	tb.waitReady(near)
	tb.waitJS("the epsilon attribute to reach the figure", stepTimeout, near+`.advplay.summary().epsilon === 0.3`)
	sc, err := share.Decode(elementScene)
	if err != nil {
		t.Fatal(err)
	}
	if n, want := evalJS[int](tb, near+`.advplay.summary().metrics.n`), len(sc.State().Points); n != want {
		t.Errorf("the near figure has %d points, want the scene's %d", n, want)
	}
	box := evalJS[[]float64](tb, `(() => { const r = document.getElementById("near").getBoundingClientRect(); return [r.width, r.height]; })()`)
	if box[0] != 400 || box[1] != 300 {
		t.Errorf("the near figure is %v×%v CSS px, want its width and height, 400×300", box[0], box[1])
	}
	if evalJS[bool](tb, `!!document.getElementById("far").shadowRoot.querySelector("iframe")`) {
		t.Errorf("the far figure started before the reader came near it")
	}
	served := strings.Join(s.served(), " ")
	if n := strings.Count(served, "/play.html"); n != 1 {
		t.Errorf("play.html was requested %d times, want once (only the near figure)", n)
	}
	for _, path := range s.served() {
		if strings.HasPrefix(path, "/posters/") {
			if _, err := os.Stat(filepath.Join(snapDir, filepath.FromSlash(path))); err != nil {
				t.Errorf("the page asked for a poster the build did not make: %s", path)
			}
		}
	}

	// set() and the events.
	if e := tb.try(`const el = document.getElementById("near"); window.__changes = []; window.__errors = [];
	  el.addEventListener("advplay:change", (e) => __changes.push(e.detail.epsilon));
	  el.addEventListener("advplay:error", (e) => __errors.push(e.detail))`); e != "" {
		t.Fatal(e)
	}
	if got := evalAwait[string](tb, `document.getElementById("near").set({epsilon: 0.1}).then(() => "resolved", (e) => "rejected: " + e.message)`); got != "resolved" {
		t.Errorf("set({epsilon: 0.1}): %s", got)
	}
	tb.waitJS("advplay:change with ε 0.1 and el.state to follow", stepTimeout, `__changes.includes(0.1) && document.getElementById("near").state.epsilon === 0.1`)
	got := evalAwait[string](tb, `document.getElementById("near").set({epsilon: -1}).then(() => "resolved", (e) => "rejected: " + e.message)`)
	t.Logf("set({epsilon: -1}): %s", got)
	if !strings.HasPrefix(got, "rejected: ") || !strings.Contains(got, "epsilon") {
		t.Errorf("set({epsilon: -1}): %s, want a rejection naming epsilon", got)
	}
	if e := evalJS[[]string](tb, `__errors`); len(e) != 1 || !strings.Contains(e[0], "epsilon") {
		t.Errorf("advplay:error events: %q, want one naming epsilon", e)
	}
	if eps := evalJS[float64](tb, near+`.advplay.summary().epsilon`); eps != 0.1 {
		t.Errorf("after a refused set, ε is %v, want 0.1 still", eps)
	}
	tb.try(`document.getElementById("near").setAttribute("epsilon", "0.4")`)
	tb.waitJS("the new epsilon attribute to reach the figure", stepTimeout, near+`.advplay.summary().epsilon === 0.4`)

	// The keyboard: Tab from the first link reaches the near figure's plot,
	// then the far figure's Start button; Enter starts it with the focus
	// on its plot.
	tb.try(`document.querySelector("a").focus()`)
	var order []string
	for range 8 {
		tb.press(kb.Tab)
		time.Sleep(30 * time.Millisecond)
		f := tb.focus()
		order = append(order, f)
		if f == "figure[1] > button" {
			break
		}
	}
	t.Logf("Tab order: %s", strings.Join(order, ", "))
	if !slices.Contains(order, "figure[0] > canvas") || order[len(order)-1] != "figure[1] > button" {
		t.Fatalf("Tab order %v, want the near figure's plot and then the far figure's Start button", order)
	}
	tb.press(kb.Enter)
	far := `document.getElementById("far").shadowRoot.querySelector("iframe").contentWindow`
	tb.waitJS("the far figure to start", stepTimeout, `!!document.getElementById("far").shadowRoot.querySelector("iframe")`)
	tb.waitReady(far)
	tb.waitJS("the far figure's plot to take the focus", stepTimeout, `document.activeElement.id === "far"`)
	if f := tb.focus(); f != "figure[1] > canvas" {
		t.Errorf("after Enter on the Start button, the focus is on %q, want the far figure's plot", f)
	}
	tb.press(kb.Tab)
	time.Sleep(30 * time.Millisecond)
	if f := tb.focus(); f != "a" {
		t.Errorf("a Tab from the far figure's plot went to %q, want the page's last link", f)
	}
	tb.screenshot("element")
}
