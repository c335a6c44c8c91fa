//go:build !js

package browsertest

// Tests of issue 4: the scene in the URL, embedding in a host page,
// postMessage, export and import, and the page's security. Each test
// serves the built site from its own server (newSite), which can add host
// pages, change how main.wasm is served, and log every request.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"advplay/engine/scene"
	"advplay/scripts/devserver"
)

// testSite is one test's web server: the snapshot of dist/ through
// devserver.Handler, host pages served from strings, and a log of the
// paths requested.
type testSite struct {
	URL   string
	mu    sync.Mutex
	paths []string
}

// siteOptions changes what a testSite serves.
type siteOptions struct {
	// pages maps a path such as "/host.html" to an HTML page.
	pages map[string]string
	// plainWasm serves main.wasm as application/octet-stream, without a
	// precompressed variant, as a bare static host might.
	plainWasm bool
}

func newSite(t *testing.T, opts siteOptions) *testSite {
	t.Helper()
	needBrowser(t)
	s := &testSite{}
	files := devserver.Handler(snapDir)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		if body, ok := opts.pages[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			io.WriteString(w, body)
			return
		}
		if opts.plainWasm && strings.HasSuffix(r.URL.Path, ".wasm") {
			f, err := os.Open(filepath.Join(snapDir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path))))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeContent(w, r, "", st.ModTime(), f)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// served returns the paths requested so far.
func (s *testSite) served() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.paths)
}

// cspScript runs in every frame before the page's scripts and records
// Content-Security-Policy violations.
const cspScript = `(() => {
  window.__btCSP = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__btCSP.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
  });
})();`

// openAt opens the full URL u in a new tab at the viewport's size; see
// newTab.
func openAt(t *testing.T, u string, vp viewport, before ...func(ctx context.Context)) *tab {
	t.Helper()
	return newTab(t, u, vp, tabTimeout, before...)
}

// closers maps an open tab to the func that closes it.
var closers sync.Map

// close closes a tab before its test ends, after checking its
// console: every tab renders at full speed in software WebGL, and the
// machine has two cores.
func (tb *tab) close() {
	if f, ok := closers.LoadAndDelete(tb); ok {
		f.(func())()
	}
}

// openSitePlay opens play.html with a query and fragment on the site and
// waits until advplay is ready.
func openSitePlay(t *testing.T, s *testSite, rest string, vp viewport) *tab {
	t.Helper()
	tb := openAt(t, s.URL+"/play.html"+rest, vp)
	tb.waitReady("")
	return tb
}

// evalAwait is evalJS for an expression whose value is a Promise: it
// waits for the Promise and decodes what it resolves to.
func evalAwait[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", abbrev(expr), err)
	}
	return v
}

// cspViolations returns the violations the window win recorded.
func (tb *tab) cspViolations(win string) []string {
	tb.t.Helper()
	return evalJS[[]string](tb, `(`+win+`.__btCSP || [])`)
}

// settledHref waits until location.hash holds a scene ("#s1.…") and has
// not changed for 800 ms (the page writes it at most every 300 ms), checks
// that it is the scene advplay.hash() describes, and returns location.href.
func (tb *tab) settledHref() string {
	tb.t.Helper()
	tb.waitJS("location.hash to hold the scene and settle", stepTimeout,
		`(() => { const h = location.hash, now = performance.now();
		  if (h !== __btHash) { __btHash = h; __btSince = now; }
		  return h.startsWith("#s1.") && now - __btSince > 800; })()`,
		`window.__btHash = location.hash; window.__btSince = performance.now()`)
	type hrefs struct{ Href, Hash, Want string }
	h := evalJS[hrefs](tb, `({href: location.href, hash: location.hash, want: "#" + advplay.hash()})`)
	if h.Hash != h.Want {
		tb.t.Errorf("location.hash settled on a scene (%d characters) that is not advplay.hash() (%d characters)", len(h.Hash), len(h.Want))
	}
	return h.Href
}

// stateOf returns win.advplay.state() without perf as generic JSON, for
// comparisons (see stateJSON).
func (tb *tab) stateOf(win string) map[string]any {
	tb.t.Helper()
	s := evalJS[string](tb, `(() => { const s = `+win+`.advplay.state(); delete s.perf; return JSON.stringify(s); })()`)
	var v map[string]any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		tb.t.Fatalf("decoding %s.advplay.state(): %v", win, err)
	}
	return v
}

// waitTrained waits until win's model is trained: training not running.
func (tb *tab) waitTrained(win string) {
	tb.t.Helper()
	tb.waitJS("the model to finish training", 30*time.Second, `!`+win+`.advplay.summary().training.running`)
}

// sameFields compares the named top-level fields of two states exactly.
func sameFields(t *testing.T, what string, got, want map[string]any, fields ...string) {
	t.Helper()
	for _, f := range fields {
		if !reflect.DeepEqual(got[f], want[f]) {
			t.Errorf("%s: state().%s differs: %s", what, f, firstDiff("", want[f], got[f]))
		}
	}
}

// TestShareURLRoundTrip builds a scene with API calls, real clicks, the ε
// slider and the attack menu; the page writes it to location.hash, and the
// very URL opened in a fresh tab, and a reload of the same tab, give the
// same points, ε, attack and figures.
func TestShareURLRoundTrip(t *testing.T) {
	s := newSite(t, siteOptions{})
	tb := openSitePlay(t, s, "", desktop)
	tb.waitTrained("window")
	// API: two added points and a removed preset point.
	if e := tb.try(`advplay.addPoint(0.1234, 1.9876, 1); advplay.addPoint(1.5, 0.25, "red"); advplay.removePoint(3)`); e != "" {
		t.Fatal(e)
	}
	tb.waitFrames(2)
	n := len(tb.state().Points)
	// Real clicks, away from the clouds (a click on a point would grab it).
	for i, d := range [][2]float64{{-1.5, 3.0}, {3.0, 1.0}, {-1.5, 1.5}} {
		c := tb.clickable(d[0], d[1])
		tb.do(chromedp.MouseClickXY(c.X, c.Y))
		pts := tb.waitPoints(n+i+1, fmt.Sprintf("click at (%v, %v)", d[0], d[1]))
		tb.checkPoint(fmt.Sprintf("click %d", i+1), pts[len(pts)-1], d[0], d[1], 0)
	}
	// The ε slider and the attack menu, as a visitor moves them.
	if e := tb.try(`const r = document.getElementById("eps"); r.value = "0.37"; r.dispatchEvent(new Event("input", {bubbles: true}));
	  const a = document.getElementById("attack"); a.value = "pgd"; a.dispatchEvent(new Event("change", {bubbles: true}))`); e != "" {
		t.Fatal(e)
	}
	st := tb.state()
	if st.Epsilon != 0.37 || st.Attack.Method != "pgd" {
		t.Fatalf("after moving the slider to 0.37 and choosing PGD, state() has ε %v, attack %q", st.Epsilon, st.Attack.Method)
	}
	tb.waitFrames(3)
	tb.waitTrained("window")
	href := tb.settledHref()
	want := tb.stateOf("window")
	if pts := want["points"].([]any); len(pts) != n+3 {
		t.Fatalf("the scene has %d points, want %d: the preset's, less one removed, plus two by API and three by clicks", len(pts), n+3)
	}
	t.Logf("the scene's link is %d characters: %s", len(href), abbrev(href))

	// The same URL in a fresh tab.
	start := time.Now()
	fresh := openAt(t, href, desktop)
	fresh.waitReady("")
	fresh.waitTrained("window")
	t.Logf("the link opened in a fresh tab in %v", time.Since(start).Round(time.Millisecond))
	got := fresh.stateOf("window")
	sameFields(t, "the shared link in a fresh tab", got, want, "points", "epsilon", "attack", "metrics", "preset", "seed", "n", "noise", "show")
	// The model: every fit starts afresh, so the link's page has the same
	// weights as the page that built the scene, bit for bit.
	var wm, gm State
	for _, c := range []struct {
		v   map[string]any
		dst *State
	}{{want, &wm}, {got, &gm}} {
		b, _ := json.Marshal(c.v)
		if err := json.Unmarshal(b, c.dst); err != nil {
			t.Fatal(err)
		}
	}
	for i, w := range []float64{wm.Model.Weights[0], wm.Model.Weights[1], wm.Model.Bias} {
		g := []float64{gm.Model.Weights[0], gm.Model.Weights[1], gm.Model.Bias}[i]
		if g != w {
			t.Errorf("the shared link's model differs: parameter %d is %v, was %v (%.1g apart)", i, g, w, g-w)
		}
	}
	if same, diff := sameState(want, got); !same {
		t.Logf("the fresh tab's state() differs elsewhere: %s", diff)
	}
	if notice := evalJS[string](fresh, `document.getElementById("notice").textContent`); notice != "" {
		t.Errorf("the shared link's page shows the notice %q", notice)
	}
	fresh.close()

	// A reload of the first tab keeps everything.
	tb.do(chromedp.Reload())
	tb.waitReady("")
	tb.waitTrained("window")
	if h := evalJS[string](tb, `location.href`); h != href {
		t.Errorf("after the reload, location.href is %s, want %s", abbrev(h), abbrev(href))
	}
	sameFields(t, "after a reload", tb.stateOf("window"), want, "points", "epsilon", "attack", "metrics")
}

// lcgPoints is JavaScript that adds n points at pseudo-random positions in
// [-1, 3]² with random labels, from a fixed seed (a 32-bit LCG, Numerical
// Recipes' constants).
func lcgPoints(n int) string {
	return fmt.Sprintf(`(() => { let s = 12345;
	  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
	  for (let i = 0; i < %d; i++) advplay.addPoint(-1 + 4 * r(), -1 + 4 * r(), r() < 0.5 ? 0 : 1);
	  return advplay.state().points.length; })()`, n)
}

// TestShareURLSize adds 500 points at random positions: the link stays
// within 8 KB, and it decodes (natively, with the same package) to the
// page's points.
func TestShareURLSize(t *testing.T) {
	s := newSite(t, siteOptions{})
	tb := openSitePlay(t, s, "", desktop)
	n0 := len(tb.state().Points)
	if n := evalJS[int](tb, lcgPoints(500)); n != n0+500 {
		t.Fatalf("after adding 500 points the scene has %d, want %d", n, n0+500)
	}
	tb.waitFrames(2)
	href := tb.settledHref()
	t.Logf("figure: a scene with %d preset and 500 added points: location.href is %d bytes (budget 8192)", n0, len(href))
	if len(href) > 8192 {
		t.Errorf("a scene with 500 added points gives a link of %d bytes, over the 8 KB budget", len(href))
	}
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scene.Decode(u.Fragment)
	if err != nil {
		t.Fatalf("scene.Decode of the page's link: %v", err)
	}
	want := tb.state().Points
	got := sc.State().Points
	if len(got) != len(want) {
		t.Fatalf("the link decodes to %d points, the page has %d", len(got), len(want))
	}
	for i := range got {
		if got[i].X != want[i].X || got[i].Y != want[i].Y || got[i].Label != want[i].Label {
			t.Fatalf("the link decodes point %d to %+v, the page has %+v", i, got[i], want[i])
		}
	}
}

// TestShareLargeSceneReload loads 35,000 points at random positions, a
// scene too large for a link: the page keeps it in the tab's
// sessionStorage under "#local=…", a reload restores it exactly, and the
// same address in another tab falls back to the default scene with a
// notice.
func TestShareLargeSceneReload(t *testing.T) {
	s := newSite(t, siteOptions{})
	tb := openSitePlay(t, s, "", desktop)
	n := evalJS[int](tb, `(() => { let s = 777;
	  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
	  advplay.set({points: Array.from({length: 35000}, () => ({x: -1 + 4 * r(), y: -1 + 4 * r(), label: r() < 0.5 ? 0 : 1}))});
	  return advplay.summary().metrics.n; })()`)
	if n != 35000 {
		t.Fatalf("set({points: 35,000 points}) left %d points", n)
	}
	tb.waitJS("the address to settle on a #local= scene", 15*time.Second,
		`(() => { const h = location.hash, now = performance.now();
		  if (h !== __btHash) { __btHash = h; __btSince = now; }
		  return h.startsWith("#local=") && now - __btSince > 800; })()`,
		`window.__btHash = location.hash; window.__btSince = performance.now()`)
	type store struct {
		Href, Notice  string
		Copies, Chars int
	}
	stored := func() store {
		return evalJS[store](tb, `(() => { const ks = Object.keys(sessionStorage).filter((k) => k.startsWith("advplay:"));
		  return {href: location.href, notice: document.getElementById("notice").textContent, copies: ks.length,
		    chars: ks.reduce((a, k) => a + sessionStorage.getItem(k).length, 0)}; })()`)
	}
	st := stored()
	hashLen := evalJS[int](tb, `advplay.hash().length`)
	t.Logf("35,000 random points: the scene is %d characters; the address is %s; sessionStorage holds %d copies (%d characters); notice %q",
		hashLen, st.Href, st.Copies, st.Chars, st.Notice)
	if st.Copies > 1 {
		t.Errorf("sessionStorage holds %d copies of the scene (%d characters) for one #local= address: each write stores a new copy and none is removed", st.Copies, st.Chars)
	}
	if st.Notice != "" {
		t.Errorf("with a 35,000-point scene and no edits, the notice says %q", st.Notice)
	}

	// An edit, and a refresh: the edit must survive.
	if e := tb.try(`advplay.addPoint(2.5, -0.5, 1)`); e != "" {
		t.Fatal(e)
	}
	time.Sleep(1500 * time.Millisecond)
	st = stored()
	t.Logf("after one more point: the address is %s; %d copies (%d characters); notice %q", st.Href, st.Copies, st.Chars, st.Notice)
	want := tb.stateOf("window")

	start := time.Now()
	tb.do(chromedp.Reload())
	tb.waitReady("")
	tb.waitTrained("window")
	t.Logf("the reload with 35,001 points took %v", time.Since(start).Round(time.Millisecond))
	got := tb.stateOf("window")
	if gp, wp := got["points"].([]any), want["points"].([]any); len(gp) != len(wp) {
		t.Errorf("a refresh of the 35,000-point scene lost the point added last: %d points, had %d (the address %s points to an older copy)", len(gp), len(wp), st.Href)
	} else {
		sameFields(t, "after reloading a #local= scene", got, want, "points", "epsilon", "attack", "metrics")
	}
	if nt := evalJS[string](tb, `document.getElementById("notice").textContent`); nt != "" {
		t.Errorf("after reloading a #local= scene, the notice says %q", nt)
	}
	href := evalJS[string](tb, `location.href`)

	// With room in sessionStorage (only the address's own copy kept), a
	// reload restores the scene and says nothing is wrong.
	want = tb.stateOf("window")
	if e := tb.try(`const keep = "advplay:" + location.hash.slice(7);
	  for (const k of Object.keys(sessionStorage)) if (k !== keep) sessionStorage.removeItem(k);
	  location.reload()`); e != "" {
		t.Fatal(e)
	}
	time.Sleep(200 * time.Millisecond)
	tb.waitReady("")
	nt := evalJS[string](tb, `document.getElementById("notice").textContent`)
	t.Logf("reloaded with room in sessionStorage: %d points, notice %q", tb.summary().Metrics.N, nt)
	sameFields(t, "after reloading a #local= scene with room in sessionStorage", tb.stateOf("window"), want, "points")
	if strings.Contains(nt, "Ignored") {
		t.Errorf("after a reload that restored the #local= scene, the notice says %q (the module's start-up notice about the fragment, shown after the loader restored the scene)", nt)
	}
	tb.close()

	other := openAt(t, href, desktop)
	other.waitReady("")
	nt = evalJS[string](other, `document.getElementById("notice").textContent`)
	t.Logf("the #local= address in another tab: %d points, notice %q", other.summary().Metrics.N, nt)
	if !strings.Contains(nt, "another tab") {
		t.Errorf("the #local= address opened in another tab shows the notice %q; the loader means to say that the scene is kept in another tab", nt)
	}
	if got := other.summary().Metrics.N; got != 200 {
		t.Errorf("the #local= address opened in another tab has %d points, want the default scene's 200", got)
	}
}

// TestShareBadHash opens play.html with hostile fragments: the page comes
// up with the default scene and a one-line notice that the link's scene
// was ignored, without console errors.
func TestShareBadHash(t *testing.T) {
	s := newSite(t, siteOptions{})
	ref := openSitePlay(t, s, "", desktop)
	ref.waitTrained("window")
	def := ref.stateOf("window")
	// A valid scene's hash, cut in the middle of its deflate stream.
	if e := ref.try(`advplay.addPoint(0.5, 0.5, 1)`); e != "" {
		t.Fatal(e)
	}
	valid := evalJS[string](ref, `advplay.hash()`)
	cut := valid[:len(valid)*2/3]
	if (len(cut)-len("s1."))%4 == 1 { // not a base64 error: a truncated stream
		cut = cut[:len(cut)-1]
	}
	ref.close()
	for _, tc := range []struct{ name, hash string }{
		{"garbage", "garbage"},
		{"bad_base64", "s1.!!!!"},
		{"truncated", cut},
		{"1MB", "s1." + strings.Repeat("A", 1_000_000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			tb := openAt(t, s.URL+"/play.html#"+tc.hash, desktop)
			tb.waitReady("")
			tb.waitTrained("window")
			t.Logf("ready in %v", time.Since(start).Round(time.Millisecond))
			type notice struct {
				Text    string
				Shown   bool
				Height  float64
				LineHgt float64
			}
			nt := evalJS[notice](tb, `(() => { const n = document.getElementById("notice"), cs = getComputedStyle(n);
			  return {text: n.textContent, shown: n.offsetParent !== null && cs.display !== "none" && !n.hidden,
			    height: n.getBoundingClientRect().height, lineHgt: parseFloat(cs.lineHeight) || 1.2 * parseFloat(cs.fontSize)}; })()`)
			t.Logf("notice (%.0f px high, about %.1f lines): %q", nt.Height, nt.Height/nt.LineHgt, nt.Text)
			switch {
			case !nt.Shown || nt.Text == "":
				t.Errorf("#%s: no notice is shown (text %q, shown %v)", abbrev(tc.hash), nt.Text, nt.Shown)
			case !strings.Contains(strings.ToLower(nt.Text), "ignored") || !strings.Contains(nt.Text, "link"):
				t.Errorf("#%s: the notice %q does not say that the link's scene was ignored", abbrev(tc.hash), nt.Text)
			case strings.Contains(nt.Text, "\n") || len(nt.Text) > 200:
				t.Errorf("#%s: the notice is not one short line: %q", abbrev(tc.hash), abbrev(nt.Text))
			}
			got := tb.stateOf("window")
			if same, diff := sameState(def, got); !same {
				t.Errorf("#%s: the page did not fall back to the default scene: %s", abbrev(tc.hash), diff)
			}
			// It works: the page writes its own scene over the bad one.
			if e := tb.try(`advplay.set({epsilon: 0.25})`); e != "" {
				t.Errorf("set after a bad hash: %s", e)
			}
			if h := tb.settledHref(); len(h) > 10000 {
				t.Errorf("the bad hash is still in the address: %d characters", len(h))
			}
		})
	}
}

// TestEmbedQueryParams checks controls= and theme=.
func TestEmbedQueryParams(t *testing.T) {
	s := newSite(t, siteOptions{pages: map[string]string{
		"/magenta.html": `<!doctype html><html><head><title>host</title><link rel="icon" href="data:,">
<style>html, body { margin: 0; background: #ff00ff; }</style></head>
<body><iframe id="f" src="play.html?theme=transparent&controls=none" width="800" height="600" style="border: 0; display: block"></iframe></body></html>`,
	}})

	// controls=full (the default) and controls=none: the panel goes, and
	// the plot takes its room.
	full := openSitePlay(t, s, "", desktop)
	fullX := full.toClient(0, 0).X
	full.close()
	none := openSitePlay(t, s, "?controls=none", desktop)
	if d := evalJS[string](none, `getComputedStyle(document.getElementById("panel")).display`); d != "none" {
		t.Errorf("controls=none: #panel is displayed as %q, want none", d)
	}
	if c := evalJS[string](none, `advplay.summary().show.controls`); c != "none" {
		t.Errorf("controls=none: state().show.controls is %q", c)
	}
	noneX := none.toClient(0, 0).X
	t.Logf("toClient(0, 0).x: %.1f with controls=full, %.1f with controls=none", fullX, noneX)
	if !(noneX < fullX-20) {
		t.Errorf("controls=none: the data point (0, 0) is at x = %.1f px, with controls=full at %.1f: the plot should use the panel's room", noneX, fullX)
	}
	none.close()

	// controls=minimal: only the rows marked for it.
	minimal := openSitePlay(t, s, "?controls=minimal", desktop)
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
	garbage := openSitePlay(t, s, "?controls=xyz&theme=%3Cb%3E", desktop)
	type opts struct{ Controls, Theme, Panel string }
	o := evalJS[opts](garbage, `({controls: document.documentElement.dataset.controls, theme: document.documentElement.dataset.theme,
	  panel: getComputedStyle(document.getElementById("panel")).display})`)
	if o.Controls != "full" || o.Theme != "light" || o.Panel == "none" {
		t.Errorf("controls=xyz&theme=<b>: data-controls %q, data-theme %q, panel %q; want full, light, displayed", o.Controls, o.Theme, o.Panel)
	}
	garbage.close()

	// theme=dark: the canvas is dark where nothing is drawn.
	dark := openSitePlay(t, s, "?theme=dark&controls=none", desktop)
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
	host := openAt(t, s.URL+"/magenta.html", desktop)
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

// hostPage is a page that embeds play.html (with the query q) in an
// iframe with the id f.
func hostPage(q string) string {
	return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title></head>
<body><iframe id="f" src="play.html` + q + `" width="720" height="480" title="advplay"></iframe></body></html>`
}

// frameMsg is the iframe's window, seen from the host page.
const frameMsg = `document.getElementById("f").contentWindow`

// exchange posts the message msg (a JavaScript expression) from the host
// page to the iframe and returns the messages the iframe posts back,
// until the JavaScript predicate until (over the array got) holds or wait
// has passed.
func (tb *tab) exchange(msg, until string, wait time.Duration) []map[string]any {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`new Promise((res) => {
	  const f = `+frameMsg+`;
	  const got = [];
	  let timer = 0;
	  const finish = () => { removeEventListener("message", on); clearTimeout(timer); res(JSON.stringify(got)); };
	  const on = (e) => { if (e.source !== f) return; got.push(e.data); if (`+until+`) finish(); };
	  addEventListener("message", on);
	  f.postMessage(`+msg+`, "*");
	  timer = setTimeout(finish, `+fmt.Sprint(wait.Milliseconds())+`);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("posting %s: %v", abbrev(msg), err)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(s), &got); err != nil {
		tb.t.Fatalf("decoding the replies to %s: %v", abbrev(msg), err)
	}
	return got
}

// withID returns the messages whose id is id.
func withID(msgs []map[string]any, id any) []map[string]any {
	var out []map[string]any
	for _, m := range msgs {
		if reflect.DeepEqual(m["id"], id) {
			out = append(out, m)
		}
	}
	return out
}

// types lists the messages' types.
func types(msgs []map[string]any) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, fmt.Sprint(m["type"]))
	}
	return out
}

// TestEmbedPostMessage drives an embed from a host page with postMessage.
func TestEmbedPostMessage(t *testing.T) {
	s := newSite(t, siteOptions{pages: map[string]string{
		"/host.html":       hostPage(""),
		"/host-other.html": hostPage("?origin=https://other.example"),
	}})
	tb := openAt(t, s.URL+"/host.html", desktop)
	tb.waitReady(frameMsg)
	tb.waitJS("advplay:ready posted to the host", stepTimeout, `__bt.messages.some((m) => m && m.type === "advplay:ready")`)
	tb.waitTrained(frameMsg)

	// An idle embed is quiet: advplay:change comes only when the scene
	// changes.
	tb.waitFramesIn(frameMsg, 10)
	idle := evalAwait[int](tb, `new Promise((res) => { const n0 = __bt.messages.length;
	  setTimeout(() => res(__bt.messages.slice(n0).filter((m) => m && m.type === "advplay:change").length), 2000); })`)
	if idle > 0 {
		t.Errorf("an idle embed posted %d advplay:change messages in 2 s, with nothing changing; want none (README: \"whenever the scene changes\")", idle)
	}

	// set: ok, then a change with the new ε.
	got := tb.exchange(`{advplay: "set", patch: {epsilon: 0.4}, id: 1}`,
		`got.some((m) => m && m.type === "advplay:change" && m.state && m.state.epsilon === 0.4)`, 3*time.Second)
	t.Logf("set ε 0.4 → %v", types(got))
	if r := withID(got, 1.0); len(r) != 1 || r[0]["type"] != "advplay:ok" {
		t.Errorf("set ε 0.4 with id 1: replies %v, want one advplay:ok with id 1", r)
	}
	if !slices.ContainsFunc(got, func(m map[string]any) bool {
		st, _ := m["state"].(map[string]any)
		return m["type"] == "advplay:change" && st != nil && st["epsilon"] == 0.4
	}) {
		t.Errorf("set ε 0.4: no advplay:change with state.epsilon 0.4 within 3 s (got %v)", types(got))
	}
	if eps := evalJS[float64](tb, frameMsg+`.advplay.state().epsilon`); eps != 0.4 {
		t.Errorf("after set ε 0.4 by message, the embed's ε is %v", eps)
	}

	// addPoint: ok, and one more point.
	n0 := evalJS[int](tb, frameMsg+`.advplay.summary().metrics.n`)
	got = tb.exchange(`{advplay: "addPoint", x: 1, y: 1, label: "blue", id: 2}`, `got.some((m) => m && m.id === 2)`, 3*time.Second)
	if r := withID(got, 2.0); len(r) != 1 || r[0]["type"] != "advplay:ok" {
		t.Errorf("addPoint with id 2: replies %v, want one advplay:ok", r)
	}
	if n := evalJS[int](tb, frameMsg+`.advplay.summary().metrics.n`); n != n0+1 {
		t.Errorf("after addPoint by message, metrics.n is %d, want %d", n, n0+1)
	}

	// state: the full state, points included.
	got = tb.exchange(`{advplay: "state", id: "s"}`, `got.some((m) => m && m.id === "s")`, 3*time.Second)
	if r := withID(got, "s"); len(r) != 1 || r[0]["type"] != "advplay:state" {
		t.Errorf("state with id \"s\": replies %v, want one advplay:state", types(r))
	} else {
		st, _ := r[0]["state"].(map[string]any)
		pts, _ := st["points"].([]any)
		if len(pts) != n0+1 {
			t.Errorf("advplay:state has %d points, want %d", len(pts), n0+1)
		} else if last, _ := pts[len(pts)-1].(map[string]any); last["x"] != 1.0 || last["y"] != 1.0 || last["label"] != 1.0 {
			t.Errorf("advplay:state's last point is %v, want {x: 1, y: 1, label: 1}", last)
		}
	}

	// Malformed messages: an error naming the field, and no change.
	for i, tc := range []struct{ name, msg, field string }{
		{"unknown command", `{advplay: "explode"}`, "advplay"},
		{"ε NaN", `{advplay: "set", patch: {epsilon: NaN}}`, "epsilon"},
		{"ε −1", `{advplay: "set", patch: {epsilon: -1}}`, "epsilon"},
		{"ε huge", `{advplay: "set", patch: {epsilon: 1e308}}`, "epsilon"},
		{"ε a string", `{advplay: "set", patch: {epsilon: "0.2"}}`, "epsilon"},
		{"patch not an object", `{advplay: "set", patch: 5}`, "patch"},
		{"patch missing", `{advplay: "set"}`, "patch"},
		{"extra field", `{advplay: "set", patch: {epsilon: 0.1}, force: true}`, "force"},
		{"addPoint without y", `{advplay: "addPoint", x: 1}`, "y"},
		{"addPoint bad label", `{advplay: "addPoint", x: 1, y: 1, label: "green"}`, "label"},
		{"100,001 points", `{advplay: "set", patch: {points: Array.from({length: 100001}, (_, i) => ({x: i % 300 / 100, y: Math.floor(i / 300) / 100, label: i % 2}))}}`, "points"},
	} {
		id := float64(100 + i)
		before := tb.stateOf(frameMsg)
		msg := fmt.Sprintf(`Object.assign(%s, {id: %v})`, tc.msg, id)
		start := time.Now()
		got := tb.exchange(msg, fmt.Sprintf(`got.some((m) => m && (m.id === %v || m.type === "advplay:error"))`, id), 5*time.Second)
		took := time.Since(start)
		var errs []map[string]any
		for _, m := range got {
			if m["type"] == "advplay:error" {
				errs = append(errs, m)
			}
		}
		switch {
		case len(errs) == 0:
			t.Errorf("%s: no advplay:error within 5 s (got %v)", tc.name, types(got))
		case !strings.Contains(fmt.Sprint(errs[0]["message"]), tc.field):
			t.Errorf("%s: advplay:error %q does not name %s", tc.name, errs[0]["message"], tc.field)
		case errs[0]["id"] != id:
			t.Errorf("%s: the advplay:error %q does not echo the message's id %v (its id: %v)", tc.name, errs[0]["message"], id, errs[0]["id"])
		default:
			t.Logf("%s → %q (%v)", tc.name, errs[0]["message"], took.Round(time.Millisecond))
		}
		if same, diff := sameState(before, tb.stateOf(frameMsg)); !same {
			t.Errorf("%s: the refused message changed the state: %s", tc.name, diff)
		}
	}

	// A message that is not for advplay gets no reply.
	got = tb.exchange(`{type: "webpackOk", hello: 1, id: 77}`, `false`, 1500*time.Millisecond)
	for _, m := range got {
		if m["id"] != nil || m["type"] != "advplay:change" {
			t.Errorf("a message without an advplay field got the reply %v, want none", m)
		}
	}

	// origin=https://other.example: the host's own origin is not heard.
	other := openAt(t, s.URL+"/host-other.html", desktop)
	other.waitReady(frameMsg)
	other.waitTrained(frameMsg)
	before := other.stateOf(frameMsg)
	got = other.exchange(`{advplay: "set", patch: {epsilon: 0.4}, id: 5}`, `false`, 1500*time.Millisecond)
	if len(got) != 0 {
		t.Errorf("origin=https://other.example: a message from %s got replies %v, want none", s.URL, types(got))
	}
	if same, diff := sameState(before, other.stateOf(frameMsg)); !same {
		t.Errorf("origin=https://other.example: a message from %s changed the state: %s", s.URL, diff)
	}
	if n := evalJS[int](other, `__bt.messages.filter((m) => m && m.type === "advplay:ready").length`); n != 0 {
		t.Errorf("origin=https://other.example: the host at %s received advplay:ready", s.URL)
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
			tb := openAt(t, s.URL+"/two.html", vp)
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

// clickButton clicks the centre of the element with the id, with the mouse.
func (tb *tab) clickButton(id string) {
	tb.t.Helper()
	c := evalJS[xy](tb, `(() => { const r = document.getElementById("`+id+`").getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`)
	tb.do(chromedp.MouseClickXY(c.X, c.Y))
}

// TestShareButtons clicks Share and Embed: with clipboard permission the
// link and an iframe snippet are copied and the notice says so; without
// it the fallback runs without an exception.
func TestShareButtons(t *testing.T) {
	s := newSite(t, siteOptions{})

	t.Run("clipboard_allowed", func(t *testing.T) {
		tb := openSitePlay(t, s, "?controls=full", desktop)
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: s.URL,
			}); err != nil {
				t.Fatalf("granting %s: %v", name, err)
			}
		}
		if e := tb.try(`advplay.addPoint(0.5, 2.5, 1); advplay.set({epsilon: 0.2})`); e != "" {
			t.Fatal(e)
		}
		tb.clickButton("share")
		tb.waitJS("the Share notice", stepTimeout, `document.getElementById("notice").textContent !== ""`)
		notice := evalJS[string](tb, `document.getElementById("notice").textContent`)
		href := evalJS[string](tb, `location.href`)
		clip := evalAwait[string](tb, `navigator.clipboard.readText()`)
		t.Logf("Share: notice %q; clipboard %s", notice, abbrev(clip))
		if !strings.Contains(strings.ToLower(notice), "copied") {
			t.Errorf("Share: the notice says %q, want that the link was copied", notice)
		}
		if clip != href || !strings.Contains(clip, "#s1.") {
			t.Errorf("Share copied %s, want location.href %s with the scene", abbrev(clip), abbrev(href))
		} else if st := tb.stateOf("window"); st != nil {
			u, _ := url.Parse(clip)
			sc, err := scene.Decode(u.Fragment)
			if err != nil {
				t.Errorf("Share copied a link whose scene does not decode: %v", err)
			} else if n := len(sc.State().Points); n != len(st["points"].([]any)) {
				t.Errorf("Share copied a link with %d points, the page has %d", n, len(st["points"].([]any)))
			}
		}

		if e := tb.try(`document.getElementById("notice").textContent = ""`); e != "" {
			t.Fatal(e)
		}
		// Embed opens a dialog with the HTML, Hugo and Jekyll forms; each
		// Copy button copies its form.
		tb.clickButton("embed")
		tb.waitJS("the Embed dialog", stepTimeout, `document.getElementById("embed-dialog").open`)
		href = evalJS[string](tb, `location.href`)
		want := embedSrc(t, href)
		forms := evalJS[map[string]string](tb, `({html: document.getElementById("embed-html").value,
		  hugo: document.getElementById("embed-hugo").value, jekyll: document.getElementById("embed-jekyll").value})`)
		scene := want[strings.Index(want, "#")+1:]
		for _, f := range []string{"hugo", "jekyll"} {
			if !strings.Contains(forms[f], `scene="`+scene+`"`) || !strings.Contains(forms[f], `controls="minimal"`) {
				t.Errorf("the Embed dialog's %s form %s lacks the scene or minimal controls", f, abbrev(forms[f]))
			}
		}
		tb.do(chromedp.Click(chromedp.CSS(`#embed-dialog [data-copy="embed-html"]`)))
		tb.waitJS("the copy's status", stepTimeout, `document.getElementById("embed-status").textContent !== ""`)
		status := evalJS[string](tb, `document.getElementById("embed-status").textContent`)
		clip = evalAwait[string](tb, `navigator.clipboard.readText()`)
		t.Logf("Embed: status %q; clipboard %s", status, clip)
		if !strings.Contains(strings.ToLower(status), "copied") || clip != forms["html"] {
			t.Errorf("Copy HTML: status %q, clipboard %s; want the HTML form copied", status, abbrev(clip))
		}
		checkSnippet(t, openAt(t, "about:blank", desktop), clip, want)
	})

	t.Run("clipboard_denied", func(t *testing.T) {
		blank := openAt(t, "about:blank", desktop)
		var dialogs []page.EventJavascriptDialogOpening
		var mu sync.Mutex
		tb := openAt(t, s.URL+"/play.html", desktop, func(ctx context.Context) {
			record(chromedp.Events(ctx, page.JavascriptDialogOpening), &mu, func(ev page.EventJavascriptDialogOpening) {
				dialogs = append(dialogs, ev)
				// Dismiss it, as a visitor closing the prompt would; the
				// page is blocked until then.
				go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			})
		})
		tb.waitReady("")
		if _, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: "clipboard-write"}, Setting: browser.PermissionSettingDenied, Origin: s.URL,
		}); err != nil {
			t.Logf("denying clipboard-write: %v", err)
		}
		for _, id := range []string{"share", "embed"} {
			mu.Lock()
			n0 := len(dialogs)
			mu.Unlock()
			if e := tb.try(`document.getElementById("notice").textContent = ""`); e != "" {
				t.Fatal(e)
			}
			tb.clickButton(id)
			if id == "embed" {
				tb.waitJS("the Embed dialog", stepTimeout, `document.getElementById("embed-dialog").open`)
				tb.do(chromedp.Click(chromedp.CSS(`#embed-dialog [data-copy="embed-html"]`)))
			}
			deadline := time.Now().Add(5 * time.Second)
			var what string
			for time.Now().Before(deadline) {
				mu.Lock()
				n := len(dialogs)
				mu.Unlock()
				notice := evalJS[string](tb, `document.getElementById("notice").textContent`)
				if id == "embed" {
					// The dialog's own status asks for Ctrl+C, with the
					// snippet selected.
					notice = evalJS[string](tb, `document.getElementById("embed-status").textContent`)
					if notice != "" {
						sel := evalJS[string](tb, `(() => { const a = document.getElementById("embed-html"); return a.value.slice(a.selectionStart, a.selectionEnd); })()`)
						checkSnippet(t, blank, sel, embedSrc(t, evalJS[string](tb, `location.href`)))
					}
				}
				if n > n0 {
					mu.Lock()
					d := dialogs[n-1]
					mu.Unlock()
					what = fmt.Sprintf("a %s dialog %q with the text %s", d.Type, d.Message, abbrev(d.DefaultPrompt))
					if d.DefaultPrompt != evalJS[string](tb, `location.href`) {
						t.Errorf("%s's fallback offers %s, not location.href", id, abbrev(d.DefaultPrompt))
					}
					break
				}
				if notice != "" {
					what = fmt.Sprintf("the notice %q", notice)
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			if what == "" {
				what = "nothing within 5 s"
				t.Errorf("%s with the clipboard denied: nothing happened (no notice, no prompt)", id)
			}
			t.Logf("figure: %s with the clipboard denied: %s", id, what)
			if e := tb.try(`advplay.state()`); e != "" {
				t.Errorf("after %s, the page does not answer: %s", id, e)
			}
		}
	})
}

// embedSrc returns the address an Embed snippet should hold for a page at
// href: the same scene with the slim controls, which fit a 720×480 frame.
func embedSrc(t *testing.T, href string) string {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("controls", "minimal")
	u.RawQuery = q.Encode()
	return u.String()
}

// checkSnippet checks an iframe snippet from the Embed button: an iframe
// of the address src with width and height and a title, which a browser
// parses back to that address. It has no loading="lazy": a lazy frame is
// not loaded, so not a tab stop, and the figure defers its own start. It parses the snippet in tb,
// a tab without a Content-Security-Policy (about:blank).
func checkSnippet(t *testing.T, tb *tab, snippet, src string) {
	t.Helper()
	type parsed struct {
		Tags                       int
		Src, Width, Height, Title  string
		Loading, Style, Extra, Out string
	}
	p := evalJS[parsed](tb, `(() => { const d = new DOMParser().parseFromString(`+jsString(snippet)+`, "text/html");
	  const fs = d.body.querySelectorAll("*"), f = d.querySelector("iframe");
	  if (!f) return {tags: fs.length};
	  return {tags: fs.length, src: f.getAttribute("src"), width: f.getAttribute("width"), height: f.getAttribute("height"),
	    title: f.getAttribute("title") || "", loading: f.getAttribute("loading") || "", style: f.getAttribute("style") || "",
	    extra: [...f.attributes].map((a) => a.name).filter((n) => !["src", "width", "height", "title", "loading", "style"].includes(n)).join(","),
	    out: d.body.textContent}; })()`)
	switch {
	case p.Tags != 1 || p.Src == "":
		t.Errorf("the Embed snippet %s is not one iframe element", abbrev(snippet))
		return
	case p.Src != src:
		t.Errorf("the Embed snippet's src is %s, want %s", abbrev(p.Src), abbrev(src))
	case p.Width == "" || p.Height == "" || p.Title == "" || p.Loading != "":
		t.Errorf("the Embed snippet lacks width, height or title, or is lazy: %s", snippet)
	case p.Extra != "" || strings.TrimSpace(p.Out) != "":
		t.Errorf("the Embed snippet has more than an iframe: attributes %q, text %q", p.Extra, p.Out)
	}
	if p.Style != "" {
		t.Logf("note: the Embed snippet has style=%q, which a host page with a strict style-src (such as examples/blog-post.html's) refuses", p.Style)
	}
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestShareExportImport checks exportPNG, the CSV exports, importCSV with
// good and bad files, a dropped file, and the file chooser.
func TestShareExportImport(t *testing.T) {
	s := newSite(t, siteOptions{})
	dl := t.TempDir()
	var mu sync.Mutex
	done := map[string]string{} // download guid → state
	began := map[string]string{}
	tb := openAt(t, s.URL+"/play.html", desktop, func(ctx context.Context) {
		yes := true
		if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dl, EventsEnabled: &yes,
		}); err != nil {
			t.Logf("Browser.setDownloadBehavior: %v", err)
		}
		record(chromedp.BrowserEvents(ctx, browser.DownloadWillBegin), &mu, func(ev browser.EventDownloadWillBegin) {
			began[ev.GUID] = ev.SuggestedFilename
		})
		record(chromedp.BrowserEvents(ctx, browser.DownloadProgress), &mu, func(ev browser.EventDownloadProgress) {
			done[ev.GUID] = string(ev.State)
		})
	})
	tb.waitReady("")
	tb.waitTrained("window")

	// exportPNG: an ImageData the size of the canvas's backing store.
	type png struct {
		W, H, CW, CH, Translucent float64
		Box                       [4]float64 // of the translucent pixels
		Alpha                     []float64  // a few of their alphas
		Edge                      float64    // how many lie within 3 px of the box's edges
	}
	p := evalAwait[png](tb, `advplay.exportPNG().then((im) => { const c = document.querySelector("canvas");
	  let n = 0, x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1; const alpha = [];
	  for (let i = 3; i < im.data.length; i += 4) {
	    if (im.data[i] === 255) continue;
	    n++; const k = (i - 3) / 4, x = k % im.width, y = Math.floor(k / im.width);
	    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
	    if (alpha.length < 5 && !alpha.includes(im.data[i])) alpha.push(im.data[i]);
	  }
	  let edge = 0;
	  for (let i = 3; i < im.data.length; i += 4) {
	    if (im.data[i] === 255) continue;
	    const k = (i - 3) / 4, x = k % im.width, y = Math.floor(k / im.width);
	    if (x - x0 < 3 || x1 - x < 3 || y - y0 < 3 || y1 - y < 3) edge++;
	  }
	  return {w: im.width, h: im.height, cw: c.width, ch: c.height, translucent: n, box: n ? [x0, y0, x1, y1] : [0, 0, 0, 0], alpha, edge}; })`)
	t.Logf("exportPNG: %v×%v, canvas backing store %v×%v, %v translucent pixels in %v, alphas %v", p.W, p.H, p.CW, p.CH, p.Translucent, p.Box, p.Alpha)
	if p.W != p.CW || p.H != p.CH {
		t.Errorf("exportPNG gave %v×%v pixels, the canvas has %v×%v", p.W, p.H, p.CW, p.CH)
	}
	if p.Translucent > 0 {
		t.Errorf("exportPNG in the light theme has %v pixels that are not opaque (alphas such as %v), %v of them within 3 px of the edges of %v, the plot: the PNG has a translucent frame around the plot", p.Translucent, p.Alpha, p.Edge, p.Box)
	}

	// The CSV exports.
	n := len(tb.state().Points)
	pointsCSV := evalJS[string](tb, `advplay.pointsCSV()`)
	lines := strings.Split(strings.TrimRight(pointsCSV, "\n"), "\n")
	if lines[0] != "x,y,label,x_adv,y_adv,flipped" {
		t.Errorf("pointsCSV() starts with %q", lines[0])
	}
	if len(lines) != n+1 {
		t.Errorf("pointsCSV() has %d lines for %d points, want a header and one line each", len(lines), n)
	}
	curveCSV := evalJS[string](tb, `advplay.curveCSV()`)
	clines := strings.Split(strings.TrimRight(curveCSV, "\n"), "\n")
	t.Logf("curveCSV(): %d lines, header %q", len(clines), clines[0])
	if !strings.HasPrefix(clines[0], "epsilon,") || len(clines) < 3 {
		t.Errorf("curveCSV() is %s", abbrev(curveCSV))
	}

	// The export menu downloads the points.
	if e := tb.try(`const x = document.getElementById("export"); x.value = "points"; x.dispatchEvent(new Event("change", {bubbles: true}))`); e != "" {
		t.Fatal(e)
	}
	var file string
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && file == "" {
		mu.Lock()
		for g, st := range done {
			if st == string(browser.DownloadProgressStateCompleted) {
				file = g
			}
		}
		mu.Unlock()
		time.Sleep(100 * time.Millisecond)
	}
	mu.Lock()
	t.Logf("downloads begun %v, states %v", began, done)
	mu.Unlock()
	if file == "" {
		t.Errorf("choosing \"Points and twins (CSV)\" in the export menu downloaded nothing within 10 s")
	} else if b, err := os.ReadFile(filepath.Join(dl, file)); err != nil {
		t.Errorf("reading the download: %v", err)
	} else if string(b) != pointsCSV {
		t.Errorf("the downloaded %s (%d bytes) is not pointsCSV() (%d bytes)", began[file], len(b), len(pointsCSV))
	} else if began[file] != "advplay-points.csv" {
		t.Errorf("the download is named %q, want advplay-points.csv", began[file])
	}
	if e := tb.try(`document.getElementById("export").value === "" || (() => { throw new Error("the export menu did not reset") })()`); e != "" {
		t.Error(e)
	}

	// importCSV: a good file replaces the points exactly.
	good := "label,x,y\nred,0.25,0.5\n1,1.5,-0.25\n0,-1,2.0001\nblue,3,3\n"
	wantPts := []Point{{0.25, 0.5, 0}, {1.5, -0.25, 1}, {-1, 2.0001, 0}, {3, 3, 1}}
	if e := tb.try(`advplay.importCSV(` + jsString(good) + `)`); e != "" {
		t.Fatalf("importCSV of a good file threw %s", e)
	}
	if pts := tb.state().Points; !reflect.DeepEqual(pts, wantPts) {
		t.Errorf("after importCSV, the points are %+v, want %+v", pts, wantPts)
	}

	// Bad files: an Error naming the line, and the points unchanged.
	before := tb.stateOf("window")
	for _, tc := range []struct{ name, csv, want string }{
		{"bad label on line 3", "x,y,label\n0,0,0\n1,1,green\n2,2,1\n", "line 3"},
		{"NaN on line 2", "0,0,1\nNaN,1,0\n", "line 2"},
		{"empty file", "", "line 1"},
		{"two fields on line 4", "x,y,label\n0,0,0\n1,1,1\n2,2\n", "line 4"},
		{"four fields on line 2", "0,0,0\n1,1,1,1\n", "line 2"},
		{"huge coordinate on line 2", "0,0,0\n1e300,1,1\n", "line 2"},
	} {
		e := tb.try(`advplay.importCSV(` + jsString(tc.csv) + `)`)
		t.Logf("importCSV(%s): %s", tc.name, e)
		if !strings.HasPrefix(e, "Error: ") || !strings.Contains(e, tc.want) {
			t.Errorf("importCSV(%s) threw %q, want an Error naming %s", tc.name, e, tc.want)
		}
		if same, diff := sameState(before, tb.stateOf("window")); !same {
			t.Errorf("importCSV(%s) changed the scene: %s", tc.name, diff)
		}
	}

	// The file chooser.
	dir := t.TempDir()
	chosen := filepath.Join(dir, "chosen.csv")
	if err := os.WriteFile(chosen, []byte("x,y,label\n2,0,0\n0,2,1\n1,1,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	clearNotice := func() {
		if e := tb.try(`document.getElementById("notice").textContent = ""`); e != "" {
			t.Fatal(e)
		}
	}
	notice := func() string { return evalJS[string](tb, `document.getElementById("notice").textContent`) }
	clearNotice()
	tb.do(chromedp.SetUploadFiles("#import", []string{chosen}))
	tb.waitJS("the notice after choosing a file", stepTimeout, `document.getElementById("notice").textContent !== ""`)
	if pts := tb.state().Points; !reflect.DeepEqual(pts, []Point{{2, 0, 0}, {0, 2, 1}, {1, 1, 0}}) {
		t.Errorf("after choosing chosen.csv in the file chooser, the points are %+v", pts)
	}
	t.Logf("file chooser: notice %q", notice())

	// Files dropped on the canvas by the browser's own drag and drop
	// (Input.dispatchDragEvent, as from the desktop).
	dropFile := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		clearNotice()
		l := tb.layoutNow()
		at := xy{l.Plot.X + l.Plot.W/2, l.Plot.Y + l.Plot.H/2}
		data := &input.DragData{Items: []*input.DragDataItem{}, Files: []string{path}, DragOperationsMask: 1}
		for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
			if _, err := chromedp.Call(tb.ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: at.X, Y: at.Y, Data: data}); err != nil {
				t.Fatalf("Input.dispatchDragEvent %s of %s: %v", typ, name, err)
			}
		}
		tb.waitJS("the notice after dropping "+name, stepTimeout, `document.getElementById("notice").textContent !== ""`)
	}
	dropFile("dropped.csv", "x,y,label\n0.5,0.5,1\n-0.5,1.5,0\n")
	if pts := tb.state().Points; !reflect.DeepEqual(pts, []Point{{0.5, 0.5, 1}, {-0.5, 1.5, 0}}) {
		t.Errorf("after dropping dropped.csv on the canvas, the points are %+v", pts)
	}
	t.Logf("drop: notice %q", notice())
	before = tb.stateOf("window")
	dropFile("bad.csv", "x,y,label\n1,1,1\n2,2,purple\n")
	if nt := notice(); !strings.Contains(nt, "line 3") {
		t.Errorf("dropping a CSV with a bad label on line 3: the notice says %q", nt)
	} else {
		t.Logf("drop of a bad file: notice %q", nt)
	}
	if same, diff := sameState(before, tb.stateOf("window")); !same {
		t.Errorf("dropping a bad CSV changed the scene: %s", diff)
	}
	tb.waitFrames(3)

	// A drop made up by a script, with a DataTransfer built in JavaScript:
	// the loader imports it, and the module must survive it.
	// Reported below instead.
	tb.expectConsoleError("Go program has already exited")
	tb.expectConsoleError("panic: syscall/js")
	clearNotice()
	if e := tb.try(`const dt = new DataTransfer(); dt.items.add(new File(["x,y,label\n1.25,0.75,1\n"], "synthetic.csv", {type: "text/csv"}));
	  const c = document.querySelector("canvas"), r = c.getBoundingClientRect();
	  const at = {bubbles: true, cancelable: true, dataTransfer: dt, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2};
	  c.dispatchEvent(new DragEvent("dragover", at));
	  c.dispatchEvent(new DragEvent("drop", at))`); e != "" {
		t.Fatalf("dispatching a synthetic drop: %s", e)
	}
	tb.waitJS("the notice after a synthetic drop", stepTimeout, `document.getElementById("notice").textContent !== ""`)
	time.Sleep(500 * time.Millisecond)
	alive := tb.try(`advplay.summary(); advplay.set({epsilon: 0.1})`)
	var pts []Point
	if alive == "" {
		pts = tb.state().Points
	}
	tb.mu.Lock()
	var panics []string
	for _, m := range tb.console {
		if strings.HasPrefix(m.Text, "panic: ") {
			panics = append(panics, m.Text)
		}
	}
	tb.mu.Unlock()
	t.Logf("synthetic drop: notice %q, points %+v, API %q", notice(), pts, alive)
	if alive != "" || len(panics) > 0 {
		t.Errorf("a drop event with a DataTransfer built by a script killed the Go program: %v; the API now throws %q (Ebiten's own drop listener on the canvas reads items[0].webkitGetAsEntry(), null for such a file, and Value.Get panics)", panics, alive)
	} else if !reflect.DeepEqual(pts, []Point{{1.25, 0.75, 1}}) {
		t.Errorf("after a synthetic drop of synthetic.csv, the points are %+v", pts)
	}
}

// cspOf parses a Content-Security-Policy into its directives.
func cspOf(policy string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[strings.ToLower(f[0])] = f[1:]
		}
	}
	return out
}

// TestShareSecurity checks the Content-Security-Policy of play.html and
// index.html, that the served HTML has no inline script or style, and that
// a whole session requests nothing but the site's own files, without CSP
// violations.
func TestShareSecurity(t *testing.T) {
	s := newSite(t, siteOptions{})
	// The HTML as served, parsed by the browser without running it, in a
	// page without a policy of its own.
	tb := openAt(t, "about:blank", desktop)
	for _, tc := range []struct {
		path   string
		script []string
	}{
		{"/play.html", []string{"'self'", "'wasm-unsafe-eval'"}},
		{"/index.html", []string{"'self'"}},
		{"/examples/blog-post.html", []string{"'self'"}},
	} {
		resp, err := http.Get(s.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		type audit struct {
			CSP                  []string
			InlineScripts        int
			StyleAttrs, Handlers []string
			StyleElements        int
			External             []string
		}
		a := evalJS[audit](tb, `(() => { const d = new DOMParser().parseFromString(`+jsString(string(body))+`, "text/html");
		  const all = [...d.querySelectorAll("*")];
		  const tag = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
		  const refs = [...d.querySelectorAll("[src], [href]")].map((el) => el.getAttribute("src") || el.getAttribute("href"));
		  return {csp: [...d.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map((m) => m.content),
		    inlineScripts: d.querySelectorAll("script:not([src])").length,
		    styleAttrs: all.filter((el) => el.hasAttribute("style")).map(tag),
		    handlers: all.filter((el) => [...el.attributes].some((x) => x.name.startsWith("on"))).map(tag),
		    styleElements: d.querySelectorAll("style").length,
		    external: refs.filter((r) => /^[a-z][a-z0-9+.-]*:/i.test(r) && !/^(data|mailto):/i.test(r) || r.startsWith("//"))}; })()`)
		if len(a.CSP) != 1 {
			t.Errorf("%s has %d Content-Security-Policy meta tags, want 1", tc.path, len(a.CSP))
			continue
		}
		t.Logf("%s: CSP %q", tc.path, a.CSP[0])
		csp := cspOf(a.CSP[0])
		if src, ok := csp["script-src"]; !ok {
			t.Errorf("%s: the CSP has no script-src", tc.path)
		} else if !slices.Equal(slices.Sorted(slices.Values(src)), slices.Sorted(slices.Values(tc.script))) {
			t.Errorf("%s: script-src is %v, want exactly %v", tc.path, src, tc.script)
		}
		if d := csp["default-src"]; !slices.Equal(d, []string{"'none'"}) && !slices.Equal(d, []string{"'self'"}) {
			t.Errorf("%s: default-src is %v, want 'none' or 'self'", tc.path, d)
		}
		for dir, vals := range csp {
			for _, v := range vals {
				if v == "'unsafe-inline'" || v == "'unsafe-eval'" || v == "*" || strings.Contains(v, "://") || v == "https:" || v == "http:" {
					t.Errorf("%s: the CSP allows %s in %s", tc.path, v, dir)
				}
			}
		}
		if a.InlineScripts > 0 || a.StyleElements > 0 || len(a.StyleAttrs) > 0 || len(a.Handlers) > 0 {
			t.Errorf("%s: %d inline scripts, %d <style> elements, style attributes on %v, event handler attributes on %v; want none",
				tc.path, a.InlineScripts, a.StyleElements, a.StyleAttrs, a.Handlers)
		}
		if len(a.External) > 0 {
			t.Errorf("%s refers to other sites: %v", tc.path, a.External)
		}
	}
	tb.close()

	// A whole session on play.html and on index.html, watching requests.
	// (The test server, like devserver, answers /index.html with a
	// redirect to /.)
	for _, path := range []string{"/play.html", "/index.html"} {
		var mu sync.Mutex
		var reqs []string
		sess := openAt(t, s.URL+path, desktop, func(ctx context.Context) {
			record(chromedp.Events(ctx, network.RequestWillBeSent), &mu, func(ev network.EventRequestWillBeSent) {
				reqs = append(reqs, ev.Request.URL)
			})
		})
		win := "window"
		if path == "/index.html" {
			win = `document.querySelector("iframe").contentWindow`
		}
		sess.waitReady(win)
		sess.waitTrained(win)
		if path == "/play.html" {
			c := sess.clickable(-1.5, 3.0)
			sess.do(chromedp.MouseClickXY(c.X, c.Y))
			sess.waitFrames(3)
			if e := sess.try(`advplay.set({epsilon: 0.3, attack: {method: "fgm"}, preset: "moons"})`); e != "" {
				t.Fatal(e)
			}
			sess.waitFrames(3)
			sess.clickButton("fit")
			// The PNG export through the menu, and a CSV.
			if e := sess.try(`const x = document.getElementById("export"); x.value = "png"; x.dispatchEvent(new Event("change", {bubbles: true}));
			  x.value = "curve"; x.dispatchEvent(new Event("change", {bubbles: true}))`); e != "" {
				t.Fatal(e)
			}
			sess.waitFrames(5)
		} else {
			if e := sess.try(win + `.advplay.set({epsilon: 0.3})`); e != "" {
				t.Fatal(e)
			}
			sess.waitFramesIn(win, 3)
		}
		time.Sleep(500 * time.Millisecond)
		mu.Lock()
		got := slices.Clone(reqs)
		mu.Unlock()
		var own, other []string
		for _, r := range got {
			switch {
			case strings.HasPrefix(r, s.URL+"/"):
				own = append(own, strings.TrimPrefix(r, s.URL))
			case strings.HasPrefix(r, "data:") || strings.HasPrefix(r, "blob:"+s.URL+"/"):
				own = append(own, abbrev(r))
			default:
				other = append(other, r)
			}
		}
		t.Logf("%s session: %d requests: %v", path, len(got), own)
		if len(other) > 0 {
			t.Errorf("%s session: requests beyond the site: %v", path, other)
		}
		for _, win := range []string{"window", `(document.querySelector("iframe") ? document.querySelector("iframe").contentWindow : window)`} {
			if v := sess.cspViolations(win); len(v) > 0 {
				t.Errorf("%s session: CSP violations: %v", path, v)
			}
		}
	}
	t.Logf("paths served: %v", slices.Compact(slices.Sorted(slices.Values(s.served()))))
}

// TestShareWrongMIME serves main.wasm as application/octet-stream, with
// no precompressed variant: the loader falls back to compiling the bytes,
// and the page comes up.
func TestShareWrongMIME(t *testing.T) {
	s := newSite(t, siteOptions{plainWasm: true})
	start := time.Now()
	tb := openSitePlay(t, s, "", desktop)
	type info struct {
		Type, Encoding string
		FirstFrameAt   float64
		Transfer       float64
	}
	i := evalAwait[info](tb, `fetch("main.wasm", {method: "HEAD"}).then((r) => {
	  const e = performance.getEntriesByName(new URL("main.wasm", location.href).href)[0];
	  return {type: r.headers.get("Content-Type") || "", encoding: r.headers.get("Content-Encoding") || "",
	    firstFrameAt: __bt.firstFrameAt, transfer: e ? e.encodedBodySize : -1}; })`)
	t.Logf("figure: main.wasm as %q (encoding %q, %.1f MB over the wire): first frame at %.0f ms, %v from the test's start",
		i.Type, i.Encoding, i.Transfer/1e6, i.FirstFrameAt, time.Since(start).Round(time.Millisecond))
	if i.Type != "application/octet-stream" || i.Encoding != "" {
		t.Fatalf("test setup: main.wasm was served as %q with encoding %q", i.Type, i.Encoding)
	}
	if n := len(tb.state().Points); n == 0 {
		t.Errorf("with main.wasm as application/octet-stream, the scene is empty")
	}
}

// TestEmbedBlogPost loads examples/blog-post.html: every embed comes up,
// the figure captions show their numbers, and the scrolly figure follows
// the reader's scrolling.
func TestEmbedBlogPost(t *testing.T) {
	s := newSite(t, siteOptions{})
	start := time.Now()
	tb := openAt(t, s.URL+"/examples/blog-post.html", desktop)
	n := evalJS[int](tb, `document.querySelectorAll("iframe").length`)
	if n != 4 {
		t.Errorf("blog-post.html has %d iframes, want 4 (three figures and the scrolly one)", n)
	}
	// The iframes are lazy: bring each into view to load it.
	for i := range n {
		win := fmt.Sprintf(`document.querySelectorAll("iframe")[%d].contentWindow`, i)
		if e := tb.try(fmt.Sprintf(`document.querySelectorAll("iframe")[%d].scrollIntoView({block: "center"})`, i)); e != "" {
			t.Fatal(e)
		}
		tb.waitReady(win)
		t.Logf("iframe %d ready at %v", i, time.Since(start).Round(time.Millisecond))
	}
	if e := tb.try(`window.scrollTo(0, 0)`); e != "" {
		t.Fatal(e)
	}
	tb.waitJS("the figure captions to show numbers", 90*time.Second,
		`[...document.querySelectorAll(".live")].every((el) => /\d.*%/.test(el.textContent))`)
	captions := evalJS[[]string](tb, `[...document.querySelectorAll(".live")].map((el) => el.textContent)`)
	t.Logf("figure: blog-post.html: the captions show numbers %v after navigation: %q", time.Since(start).Round(time.Millisecond), captions)
	// The scrolly figure: at the last step ε is 1.
	if e := tb.try(`const steps = document.querySelectorAll(".scrolly .step"); steps[steps.length - 1].scrollIntoView({block: "center"})`); e != "" {
		t.Fatal(e)
	}
	tb.waitJS("the scrolly figure to reach ε = 1", 20*time.Second,
		`document.getElementById("scrolly-frame").contentWindow.advplay.summary().epsilon === 1 && document.getElementById("scrolly-eps").textContent === "1.00"`)
	tb.waitJS("the scrolly readout to show the embed's error at ε = 1", 5*time.Second,
		`(() => { const e = 100 * document.getElementById("scrolly-frame").contentWindow.advplay.summary().metrics.adversarialError;
		  return document.getElementById("scrolly-err").textContent === (e < 10 ? e.toFixed(2) : e.toFixed(1)) + " %"; })()`)
	t.Logf("scrolly at the last step: ε %s, error %s", evalJS[string](tb, `document.getElementById("scrolly-eps").textContent`),
		evalJS[string](tb, `document.getElementById("scrolly-err").textContent`))
	tb.screenshot("blog-post")
}
