//go:build !js

package browsertest

// The keyboard: the plot is one tab stop in play.html and in every embed,
// with no keyboard trap (WCAG 2.1.2), and it is operable from the
// keyboard (WCAG 2.1.1, 2.5.7): a cursor, add, carry and remove points.

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusPath describes what has the keyboard focus, through figures (see
// figuresJS): "body", "#eps", "canvas", "figure[1] > canvas", or
// "figure[2] > button" for an <adv-play> that waits with its Start button.
const focusPath = `(() => {
  const describe = (el) => el.id ? "#" + el.id : el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
  let doc = document, path = [];
  for (;;) {
    let el = doc.activeElement;
    if (!el) { path.push("none"); break; }
    if (el.tagName === "IFRAME" || el.tagName === "ADV-PLAY") {
      path.push("figure[" + [...doc.querySelectorAll("iframe, adv-play")].indexOf(el) + "]");
      if (el.tagName === "ADV-PLAY") {
        el = el.shadowRoot.activeElement;
        if (!el) break;
        if (el.tagName !== "IFRAME") { path.push(describe(el)); break; }
      }
      try { doc = el.contentDocument; } catch (e) { doc = null; }
      if (!doc) break;
      continue;
    }
    path.push(describe(el));
    break;
  }
  return path.join(" > ");
})()`

// press sends one key to whatever has the focus.
func (tb *tab) press(key string, opts ...chromedp.KeyOption) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(key, opts...))
}

// focus returns focusPath.
func (tb *tab) focus() string {
	tb.t.Helper()
	return evalJS[string](tb, focusPath)
}

// cursor returns the keyboard cursor, summary().cursor.
func (tb *tab) cursor() Cursor {
	tb.t.Helper()
	return tb.summary().Cursor
}

// said returns what the plot's keyboard live region says now.
func (tb *tab) said() string {
	tb.t.Helper()
	return evalJS[string](tb, `document.getElementById("plot-status").textContent`)
}

// TestKeyboardTabOrder tabs through play.html: the plot is the first tab
// stop, ε follows within a few presses, Tab goes on through every control
// and out of the page, Shift+Tab comes back through the plot and out, and
// Escape leaves the plot. Keys the plot does not use keep their default.
func TestKeyboardTabOrder(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.waitFrames(2)
	if f := tb.focus(); !strings.HasPrefix(f, "body") {
		t.Errorf("at start the focus is on %q, want the page (body): the canvas must not take it", f)
	}
	// Past the last control the focus leaves the page: to the browser's
	// own interface, or, headless, back to the document itself.
	var order []string
	for range 60 {
		tb.press(kb.Tab)
		f := tb.focus()
		order = append(order, f)
		if strings.HasPrefix(f, "body") {
			break
		}
	}
	t.Logf("Tab order: %s", strings.Join(order, ", "))
	if order[0] != "canvas" {
		t.Fatalf("the first Tab lands on %q, want the plot (canvas)", order[0])
	}
	if !strings.HasPrefix(order[len(order)-1], "body") {
		t.Fatalf("60 Tabs never left the page: a keyboard trap (last %q)", order[len(order)-1])
	}
	eps := -1
	for i, f := range order {
		if f == "#eps" {
			eps = i
			break
		}
	}
	// From the top of the panel: its title link, the collapse button, ε.
	if eps < 0 || eps > 3 {
		t.Errorf("ε is tab stop %d (%v), want it within three presses after the plot", eps, order)
	}
	if strings.Count(strings.Join(order, ","), "canvas") != 1 {
		t.Errorf("the plot is %d tab stops, want one", strings.Count(strings.Join(order, ","), "canvas"))
	}

	// Back: Shift+Tab from the first control reaches the plot, then leaves.
	tb.do(chromedp.Focus(chromedp.CSS("#panel h1 a")))
	tb.press(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	if f := tb.focus(); f != "canvas" {
		t.Errorf("Shift+Tab from the panel's first control lands on %q, want the plot", f)
	}
	tb.press(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	if f := tb.focus(); f == "canvas" {
		t.Errorf("Shift+Tab from the plot stays on it: a keyboard trap")
	}

	// Into the plot from the keyboard: the cursor shows at the plot's
	// centre; keys the plot does not use do not move it; Escape leaves.
	tb.do(chromedp.Focus(chromedp.CSS("#panel h1 a")))
	tb.press(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	tb.waitFrames(2)
	c := tb.cursor()
	l := tb.layoutNow()
	centre := tb.fromClient(l.Plot.X+l.Plot.W/2, l.Plot.Y+l.Plot.H/2)
	if !c.Visible || math.Abs(c.X-centre.X) > tb.dataPerPixel() || math.Abs(c.Y-centre.Y) > tb.dataPerPixel() {
		t.Errorf("after tabbing into the plot the cursor is %+v, want it visible at the plot's centre (%.3f, %.3f)", c, centre.X, centre.Y)
	}
	for _, key := range []string{kb.F6, kb.PageDown, "a"} {
		tb.press(key)
	}
	tb.waitFrames(2)
	if c2 := tb.cursor(); c2 != c {
		t.Errorf("F6, PageDown and a moved the cursor from %+v to %+v", c, c2)
	}
	tb.press(kb.Escape)
	tb.waitFrames(2)
	if f := tb.focus(); f == "canvas" {
		t.Errorf("Escape left the focus on the plot")
	}
	if tb.cursor().Visible {
		t.Errorf("the cursor still shows after Escape")
	}
}

// TestKeyboardEdit adds, carries and removes points from the keyboard,
// and checks what the plot says after each.
func TestKeyboardEdit(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.emptyScene()
	tb.do(chromedp.Focus(chromedp.CSS("#panel h1 a")))
	tb.press(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	tb.waitFrames(2)
	start := tb.cursor()
	step := 8 * tb.dataPerPixel() // keys.Step CSS pixels

	// Enter adds a point of the selected class (red) at the cursor,
	// Shift+Enter one of the other class.
	tb.press(kb.Enter)
	pts := tb.waitPoints(1, "Enter")
	tb.checkPoint("Enter", pts[0], start.X, start.Y, 0)
	if s := tb.said(); !strings.HasPrefix(s, "Added a red circle at") {
		t.Errorf("after Enter the plot says %q", s)
	}
	tb.press(kb.ArrowRight)
	tb.press(kb.ArrowRight)
	tb.press(kb.ArrowUp, chromedp.KeyModifiers(chromedp.ModifierShift))
	tb.press(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierShift))
	pts = tb.waitPoints(2, "Shift+Enter")
	// Two steps right, five steps up (Shift: keys.BigStep = 5 steps).
	tb.checkPoint("arrows then Shift+Enter", pts[1], start.X+2*step, start.Y+5*step, 1)

	// Space picks up the point nearest the cursor (the blue one), the
	// arrows carry it, Space puts it down.
	tb.press(" ")
	tb.waitFrames(2)
	if c := tb.cursor(); c.Carrying != 1 {
		t.Fatalf("after Space the cursor carries %d, want point 1", c.Carrying)
	}
	for range 3 {
		tb.press(kb.ArrowDown)
	}
	tb.press(" ")
	tb.waitFrames(2)
	pts = tb.state().Points
	tb.checkPoint("carried down three steps", pts[1], start.X+2*step, start.Y+2*step, 1)
	if s := tb.said(); !strings.HasPrefix(s, "Put the point down at") {
		t.Errorf("after putting it down the plot says %q", s)
	}
	// Escape while carrying puts it back and keeps the focus.
	tb.press(" ")
	tb.press(kb.ArrowLeft, chromedp.KeyModifiers(chromedp.ModifierShift))
	tb.press(kb.Escape)
	tb.waitFrames(2)
	pts = tb.state().Points
	tb.checkPoint("put back", pts[1], start.X+2*step, start.Y+2*step, 1)
	if f := tb.focus(); f != "canvas" {
		t.Errorf("Escape while carrying moved the focus to %q", f)
	}

	// Delete removes the point nearest the cursor: the blue one, on it.
	tb.press(kb.Delete)
	pts = tb.waitPoints(1, "Delete")
	if pts[0].Label != 0 {
		t.Errorf("Delete removed the red point, which is farther from the cursor")
	}
	if s := tb.said(); !strings.HasPrefix(s, "Removed the blue square at") {
		t.Errorf("after Delete the plot says %q", s)
	}
	// + zooms in about the cursor: a step is then smaller in data units.
	before := tb.dataPerPixel()
	tb.press("+")
	tb.waitFrames(2)
	if after := tb.dataPerPixel(); math.Abs(before/after-1.25) > 1e-9 {
		t.Errorf("+ zoomed by %v, want 1.25", before/after)
	}
}

// TestKeyboardBadInput presses keys on an empty scene, at the plot's
// edge and 200 times in a second, in play.html and in an embed with
// controls=none: every Enter adds exactly one point, nothing throws, and
// the cursor stays on the plot.
func TestKeyboardBadInput(t *testing.T) {
	for _, page := range []string{"play.html", "play.html?controls=none"} {
		t.Run(page, func(t *testing.T) {
			tb := openTab(t, page, desktop)
			tb.waitReady("")
			tb.emptyScene()
			tb.do(chromedp.Focus(chromedp.CSS("canvas")))
			// Keys that act on points, with no point: said, not thrown.
			for _, key := range []string{kb.Delete, " ", "n", kb.Backspace} {
				tb.press(key)
			}
			tb.waitFrames(2)
			if n := len(tb.state().Points); n != 0 {
				t.Fatalf("Delete, Space, n and Backspace on an empty scene left %d points", n)
			}
			if s := tb.said(); s == "" {
				t.Errorf("the plot said nothing about keys with no point")
			}
			// 200 presses in about a second, dispatched in the page: the
			// right arrow runs into the edge; every Enter adds one point.
			got := evalAwait[string](tb, `new Promise((res) => {
			  const c = document.querySelector("canvas");
			  let i = 0;
			  const press = (key) => {
			    c.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true, cancelable: true}));
			    c.dispatchEvent(new KeyboardEvent("keyup", {key, bubbles: true, cancelable: true}));
			  };
			  const tick = () => {
			    for (let k = 0; k < 10; k++, i++) press(i % 2 ? "ArrowRight" : "Enter");
			    if (i < 200) setTimeout(tick, 50); else res("ok");
			  };
			  tick();
			})`)
			if got != "ok" {
				t.Fatal(got)
			}
			pts := tb.waitPoints(100, "100 Enters among 200 keys")
			l := tb.layoutNow()
			for i, p := range pts {
				c := tb.toClient(p.X, p.Y)
				if !l.Plot.Contains(c.X, c.Y) {
					t.Errorf("point %d at client (%.0f, %.0f), off the plot %+v", i, c.X, c.Y, l.Plot)
					break
				}
			}
			tb.waitFrames(3)
			if n := len(tb.state().Points); n != 100 {
				t.Errorf("%d points after 100 Enters, want 100", n)
			}
		})
	}
}

// TestKeyboardBlogPost tabs through the blog example once its figures
// have started: every figure without controls is one tab stop, its plot
// (one with controls its plot, then each control once), and the reader
// gets through all of them to the host page's last link. (A figure that
// waits is one tab stop too, its Start button: TestAdvPlayElement.)
func TestKeyboardBlogPost(t *testing.T) {
	tb := openTab(t, "examples/blog-post.html", desktop)
	last := evalJS[string](tb, `(() => { const a = [...document.querySelectorAll("a[href]")]; return a[a.length - 1].textContent.trim(); })()`)
	tb.waitJS("the element to be defined", stepTimeout, `customElements.get("adv-play") !== undefined`)
	frames := evalJS[int](tb, figuresJS+`.length`)
	for i := range frames {
		tb.try(fmt.Sprintf(`%s[%d].start()`, figuresJS, i))
	}
	for i := range frames {
		tb.waitReady(frameJS(i))
	}
	tb.waitJS("every figure to replace its poster", stepTimeout, figuresJS+`.every((el) => el.shadowRoot.children.length === 1)`)
	tb.try(`window.scrollTo(0, 0); document.activeElement.blur()`)
	visited := map[string]bool{}
	reached := false
	var order []string
	prev := tb.focus()
	for range 150 {
		tb.press(kb.Tab)
		// The focus moves when the browser has handled the key, which on
		// a busy machine takes a while: wait for it to move (a trap never
		// lets it, and the count below finds that).
		f := tb.focus()
		for wait := time.Now(); f == prev && time.Since(wait) < 3*time.Second; f = tb.focus() {
			time.Sleep(30 * time.Millisecond)
		}
		// And let the figure that took it settle before the next key.
		time.Sleep(50 * time.Millisecond)
		prev = f
		order = append(order, f)
		if strings.HasPrefix(f, "figure[") {
			visited[strings.SplitN(f, " > ", 2)[0]] = true
		}
		if evalJS[bool](tb, `(() => { const a = [...document.querySelectorAll("a[href]")]; return document.activeElement === a[a.length - 1]; })()`) {
			reached = true
			break
		}
	}
	t.Logf("Tab order: %s", strings.Join(order, ", "))
	if !reached {
		t.Fatalf("150 Tabs never reached the page's last link %q: a keyboard trap?", last)
	}
	if len(visited) != frames {
		t.Errorf("Tab visited %d of the %d figures: %v", len(visited), frames, visited)
	}
	controls := evalJS[[]string](tb, figuresJS+`.map((el) => el.getAttribute("controls") || "minimal")`)
	for i := range frames {
		name := fmt.Sprintf("figure[%d]", i)
		var stops []string
		for _, f := range order {
			if strings.HasPrefix(f, name+" ") {
				stops = append(stops, f)
			}
		}
		// A figure without controls is its plot alone; one with them is
		// its plot and then its controls, each once.
		switch {
		case len(stops) == 0:
		case controls[i] == "none" && len(stops) > 1:
			t.Errorf("figure %d (controls none) took %d tab stops, want one: %v", i, len(stops), stops)
		case stops[0] != name+" > canvas":
			t.Errorf("figure %d's first tab stop is %s, want its plot", i, stops[0])
		case len(slices.Compact(slices.Sorted(slices.Values(stops)))) != len(stops):
			t.Errorf("figure %d's tab stops repeat: %v", i, stops)
		}
	}
}

// TestNoPositiveTabindex checks every page and frame for a tabindex above
// zero, which would pull an element out of the reading order.
func TestNoPositiveTabindex(t *testing.T) {
	for _, page := range []string{"play.html", "index.html", "examples/blog-post.html"} {
		tb := openTab(t, page, desktop)
		if page == "play.html" {
			tb.waitReady("")
		}
		// Ebiten gives its canvas a tabindex of its own: wait for a
		// figure to start.
		tb.waitJS("a figure to start", readyTimeout, framesJS+`.some((f) => f.contentWindow.advplay) || !!window.advplay`)
		bad := evalJS[[]string](tb, `(() => {
		  const out = [];
		  const scan = (doc, where) => {
		    for (const el of doc.querySelectorAll("[tabindex]")) if (el.tabIndex > 0) out.push(where + " " + el.outerHTML.slice(0, 80));
		    const frames = [...doc.querySelectorAll("iframe, adv-play")].map((el) => el.shadowRoot ? el.shadowRoot.querySelector("iframe") : el).filter(Boolean);
		    for (const f of frames) scan(f.contentDocument, where + " > iframe");
		  };
		  scan(document, "page");
		  return out;
		})()`)
		if len(bad) > 0 {
			t.Errorf("%s: positive tabindex on %v", page, bad)
		}
		tb.close()
	}
}

// TestKeyboardStartButton tabs to a figure that has not started, whose
// one tab stop is its Start button, and presses Enter: the figure starts,
// the plot takes the focus over from the button, and the next Tab leaves
// the figure.
//
// The host page embeds plain iframes; <adv-play> has a Start button of its
// own (TestAdvPlayElement).
func TestKeyboardStartButton(t *testing.T) {
	s := newSite(t, siteOptions{pages: map[string]string{"/frames.html": `<!doctype html><html lang="en"><head><title>host</title><link rel="icon" href="data:,"></head>
<body><h1>A host</h1><a href="#top">before</a>
<iframe src="play.html?controls=none" width="400" height="300" title="near figure"></iframe>
<div style="height: 6000px"></div>
<iframe src="play.html?controls=none" width="400" height="300" title="far figure"></iframe>
<a href="#top">after</a></body></html>`}})
	tb := s.open(t, "frames.html", desktop)
	// The last figure is out of view, so it waits with its Start button.
	last := evalJS[int](tb, figuresJS+`.length`) - 1
	name := fmt.Sprintf("figure[%d]", last)
	for range 150 {
		tb.press(kb.Tab)
		time.Sleep(30 * time.Millisecond)
		if strings.HasPrefix(tb.focus(), name+" ") {
			break
		}
	}
	if f := tb.focus(); f != name+" > #start" {
		t.Fatalf("tabbing to the last figure focused %q, want its Start button", f)
	}
	tb.press(kb.Enter)
	// While the figure starts, its canvas is already in its place, first
	// in the tab order, but out of it until the plot is ready: a Tab from
	// the Start button cannot land on it, and it never moves with the
	// focus on it.
	frame := frameJS(last)
	tb.waitJS("the figure's canvas", tabTimeout, frame+`.document.querySelector("canvas") !== null`)
	if v := evalJS[[]any](tb, `(() => { const w = `+frame+`, c = w.document.querySelector("canvas");
	  return [!!w.advplay, c.tabIndex, c === w.document.getElementById("plot-area").firstElementChild]; })()`); v[0] == false && (v[1] != -1.0 || v[2] != true) {
		t.Errorf("before the figure was ready, its canvas had tabIndex %v and was first in #plot-area: %v; want -1 and true", v[1], v[2])
	}
	tb.waitReady(frame)
	if f := tb.focus(); f != name+" > canvas" {
		t.Errorf("after the figure started, the focus is on %q, want its plot", f)
	}
	tb.press(kb.Tab)
	time.Sleep(30 * time.Millisecond)
	if f := tb.focus(); strings.HasPrefix(f, name+" ") {
		t.Errorf("a Tab from the started figure's plot stayed in the figure, on %q", f)
	}
}
