//go:build !js

package browsertest

// The scene in the URL: the page keeps location.hash on the scene, so the
// address is a link to it; Share copies the link and Embed an iframe of
// it. A scene too large for a link stays in the tab's sessionStorage.

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"advplay/engine/scene/share"
)

// settledHref waits until location.hash holds a scene ("#s1.…") and has
// not changed for 800 ms (the page writes it at most every 300 ms), checks
// that it is the scene advplay.hash() describes, and returns location.href.
func (tb *tab) settledHref() string {
	tb.t.Helper()
	tb.waitSettled("location.hash to hold the scene and settle", stepTimeout, `location.hash`, `v.startsWith("#s1.")`)
	type hrefs struct{ Href, Hash, Want string }
	h := evalJS[hrefs](tb, `({href: location.href, hash: location.hash, want: "#" + advplay.hash()})`)
	if h.Hash != h.Want {
		tb.t.Errorf("location.hash settled on a scene (%d characters) that is not advplay.hash() (%d characters)", len(h.Hash), len(h.Want))
	}
	return h.Href
}

// randomPoints is a JavaScript expression: n points at pseudo-random
// positions in [-1, 3]² with random labels, from a fixed seed (a 32-bit
// LCG, Numerical Recipes' constants).
func randomPoints(n int, seed uint32) string {
	return fmt.Sprintf(`(() => { let s = %d;
	  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
	  return Array.from({length: %d}, () => ({x: -1 + 4 * r(), y: -1 + 4 * r(), label: r() < 0.5 ? 0 : 1})); })()`, seed, n)
}

// TestShareURLRoundTrip builds a scene with API calls, real clicks, the ε
// slider and the attack menu; the page writes it to location.hash, and the
// very URL opened in a fresh tab, and a reload of the same tab, give the
// same points, ε, attack and figures.
func TestShareURLRoundTrip(t *testing.T) {
	s := newSite(t, siteOptions{})
	tb := s.openPlay(t, "", desktop)
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
	want, wantSt := tb.rawState("window"), tb.state()
	if len(wantSt.Points) != n+3 {
		t.Fatalf("the scene has %d points, want %d: the preset's, less one removed, plus two by API and three by clicks", len(wantSt.Points), n+3)
	}
	t.Logf("the scene's link is %d characters: %s", len(href), abbrev(href))

	// The same URL in a fresh tab.
	start := time.Now()
	fresh := newTab(t, href, desktop)
	fresh.waitReady("")
	fresh.waitTrained("window")
	t.Logf("the link opened in a fresh tab in %v", time.Since(start).Round(time.Millisecond))
	got, gotSt := fresh.rawState("window"), fresh.state()
	sameFields(t, "the shared link in a fresh tab", got, want, "points", "epsilon", "attack", "metrics", "preset", "seed", "n", "noise", "show")
	// The model: every fit starts afresh, so the link's page has the same
	// weights as the page that built the scene, bit for bit.
	wm, gm := append(wantSt.Model.Weights, wantSt.Model.Bias), append(gotSt.Model.Weights, gotSt.Model.Bias)
	if len(gm) != len(wm) {
		t.Errorf("the shared link's model has %d parameters, was %d", len(gm), len(wm))
	}
	for i, w := range wm[:min(len(wm), len(gm))] {
		if g := gm[i]; g != w {
			t.Errorf("the shared link's model differs: parameter %d is %v, was %v (%.1g apart)", i, g, w, g-w)
		}
	}
	if same, diff := sameState(want, got); !same {
		t.Logf("the fresh tab's state() differs elsewhere: %s", diff)
	}
	if notice := fresh.notice(); notice != "" {
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
	sameFields(t, "after a reload", tb.rawState("window"), want, "points", "epsilon", "attack", "metrics")
}

// TestShareURLSize adds 500 points at random positions: the link stays
// within 8 KB, and it decodes (natively, with the same package) to the
// page's points.
func TestShareURLSize(t *testing.T) {
	s := newSite(t, siteOptions{})
	tb := s.openPlay(t, "", desktop)
	n0 := len(tb.state().Points)
	if n := evalJS[int](tb, `(() => { for (const p of `+randomPoints(500, 12345)+`) advplay.addPoint(p.x, p.y, p.label);
	  return advplay.state().points.length; })()`); n != n0+500 {
		t.Fatalf("after adding 500 points the scene has %d, want %d", n, n0+500)
	}
	tb.waitFrames(2)
	href := tb.settledHref()
	// 8 KB: the longest request line that common servers and proxies take
	// (nginx's default buffer, for one), so a link of the scene survives
	// being pasted anywhere; engine/scene's TestEncode500PointsFitsURLBudget
	// holds the fragment alone to it.
	t.Logf("figure: a scene with %d preset and 500 added points: location.href is %d bytes (budget 8192)", n0, len(href))
	if len(href) > 8192 {
		t.Errorf("a scene with 500 added points gives a link of %d bytes, over the 8 KB budget", len(href))
	}
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := share.Decode(u.Fragment)
	if err != nil {
		t.Fatalf("share.Decode of the page's link: %v", err)
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

// TestURLLargeSceneReload loads 35,000 points at random positions, a
// scene too large for a link: the page keeps it in the tab's
// sessionStorage under "#local=…", a reload restores it exactly, and the
// same address in another tab falls back to the default scene with a
// notice.
func TestURLLargeSceneReload(t *testing.T) {
	s := newSite(t, siteOptions{})
	tb := s.openPlay(t, "", desktop)
	n := evalJS[int](tb, `(() => { advplay.set({points: `+randomPoints(35000, 777)+`});
	  return advplay.summary().metrics.n; })()`)
	if n != 35000 {
		t.Fatalf("set({points: 35,000 points}) left %d points", n)
	}
	tb.waitSettled("the address to settle on a #local= scene", 15*time.Second, `location.hash`, `v.startsWith("#local=")`)
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
	// metrics.n counts the points without sending 35,000 of them again.
	want, wantN := tb.rawState("window"), tb.summary().Metrics.N

	start := time.Now()
	tb.do(chromedp.Reload())
	tb.waitReady("")
	tb.waitTrained("window")
	t.Logf("the reload with 35,001 points took %v", time.Since(start).Round(time.Millisecond))
	got, gotN := tb.rawState("window"), tb.summary().Metrics.N
	if gotN != wantN {
		t.Errorf("a refresh of the 35,000-point scene lost the point added last: %d points, had %d (the address %s points to an older copy)", gotN, wantN, st.Href)
	} else {
		sameFields(t, "after reloading a #local= scene", got, want, "points", "epsilon", "attack", "metrics")
	}
	if nt := tb.notice(); nt != "" {
		t.Errorf("after reloading a #local= scene, the notice says %q", nt)
	}
	href := evalJS[string](tb, `location.href`)

	// With room in sessionStorage (only the address's own copy kept), a
	// reload restores the scene and says nothing is wrong.
	want = tb.rawState("window")
	if e := tb.try(`const keep = "advplay:" + location.hash.slice(7);
	  for (const k of Object.keys(sessionStorage)) if (k !== keep) sessionStorage.removeItem(k);
	  location.reload()`); e != "" {
		t.Fatal(e)
	}
	time.Sleep(200 * time.Millisecond)
	tb.waitReady("")
	nt := tb.notice()
	t.Logf("reloaded with room in sessionStorage: %d points, notice %q", tb.summary().Metrics.N, nt)
	sameFields(t, "after reloading a #local= scene with room in sessionStorage", tb.rawState("window"), want, "points")
	if strings.Contains(nt, "Ignored") {
		t.Errorf("after a reload that restored the #local= scene, the notice says %q (the module's start-up notice about the fragment, shown after the loader restored the scene)", nt)
	}
	tb.close()

	other := newTab(t, href, desktop)
	other.waitReady("")
	nt = other.notice()
	t.Logf("the #local= address in another tab: %d points, notice %q", other.summary().Metrics.N, nt)
	if !strings.Contains(nt, "another tab") {
		t.Errorf("the #local= address opened in another tab shows the notice %q; the loader means to say that the scene is kept in another tab", nt)
	}
	if got := other.summary().Metrics.N; got != defaultPoints {
		t.Errorf("the #local= address opened in another tab has %d points, want the default scene's %d", got, defaultPoints)
	}
}

// TestURLBadFragment opens play.html with hostile fragments: the page comes
// up with the default scene and a one-line notice that the link's scene
// was ignored, without console errors.
func TestURLBadFragment(t *testing.T) {
	s := newSite(t, siteOptions{})
	ref := s.openPlay(t, "", desktop)
	ref.waitTrained("window")
	def := ref.rawState("window")
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
			tb := s.open(t, "play.html#"+tc.hash, desktop)
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
			if same, diff := sameState(def, tb.rawState("window")); !same {
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

// TestShareButtons clicks Share and Embed: with clipboard permission the
// link and an iframe snippet are copied and the notice says so; without
// it the fallback runs without an exception.
func TestShareButtons(t *testing.T) {
	s := newSite(t, siteOptions{})

	t.Run("clipboard_allowed", func(t *testing.T) {
		tb := s.openPlay(t, "?controls=full", desktop)
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if err := tb.setPermission(s, name, browser.PermissionSettingGranted); err != nil {
				t.Fatalf("granting %s: %v", name, err)
			}
		}
		if e := tb.try(`advplay.addPoint(0.5, 2.5, 1); advplay.set({epsilon: 0.2})`); e != "" {
			t.Fatal(e)
		}
		tb.clickButton("share")
		notice := tb.waitNotice("the Share notice")
		href := evalJS[string](tb, `location.href`)
		clip := evalAwait[string](tb, `navigator.clipboard.readText()`)
		t.Logf("Share: notice %q; clipboard %s", notice, abbrev(clip))
		if !strings.Contains(strings.ToLower(notice), "copied") {
			t.Errorf("Share: the notice says %q, want that the link was copied", notice)
		}
		if clip != href || !strings.Contains(clip, "#s1.") {
			t.Errorf("Share copied %s, want location.href %s with the scene", abbrev(clip), abbrev(href))
		} else {
			u, _ := url.Parse(clip)
			sc, err := share.Decode(u.Fragment)
			if err != nil {
				t.Errorf("Share copied a link whose scene does not decode: %v", err)
			} else if n, want := len(sc.State().Points), len(tb.state().Points); n != want {
				t.Errorf("Share copied a link with %d points, the page has %d", n, want)
			}
		}

		tb.clearNotice()
		// Embed opens a dialog with the HTML, Hugo and Jekyll forms; each
		// Copy button copies its form.
		tb.clickButton("embed")
		tb.waitJS("the Embed dialog", stepTimeout, `document.getElementById("embed-dialog").open`)
		href = evalJS[string](tb, `location.href`)
		want := embedSrc(t, href)
		forms := evalJS[map[string]string](tb, `({html: document.getElementById("embed-html").value, element: document.getElementById("embed-element").value,
		  hugo: document.getElementById("embed-hugo").value, jekyll: document.getElementById("embed-jekyll").value})`)
		fragment := want[strings.Index(want, "#")+1:]
		if focused := evalJS[string](tb, `document.activeElement.id`); focused != "embed-element" {
			t.Errorf("the Embed dialog opened with the focus on %q, want the element form", focused)
		}
		checkElementSnippet(t, openBlank(t), forms["element"], s.URL+"/play.html", fragment)
		for _, f := range []string{"hugo", "jekyll"} {
			if !strings.Contains(forms[f], `scene="`+fragment+`"`) || !strings.Contains(forms[f], `controls="minimal"`) {
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
		checkSnippet(t, openBlank(t), clip, want)
	})

	t.Run("clipboard_denied", func(t *testing.T) {
		blank := openBlank(t)
		var dialogs []page.EventJavascriptDialogOpening
		var mu sync.Mutex
		tb := s.open(t, "play.html", desktop, func(ctx context.Context) {
			record(chromedp.Events(ctx, page.JavascriptDialogOpening), &mu, func(ev page.EventJavascriptDialogOpening) {
				dialogs = append(dialogs, ev)
				// Dismiss it, as a visitor closing the prompt would; the
				// page is blocked until then.
				go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			})
		})
		tb.waitReady("")
		if err := tb.setPermission(s, "clipboard-write", browser.PermissionSettingDenied); err != nil {
			t.Logf("denying clipboard-write: %v", err)
		}
		for _, id := range []string{"share", "embed"} {
			mu.Lock()
			n0 := len(dialogs)
			mu.Unlock()
			tb.clearNotice()
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
				notice := tb.notice()
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

// setPermission sets the browser's permission name, such as
// "clipboard-write", for the site's origin.
func (tb *tab) setPermission(s *site, name string, setting browser.PermissionSetting) error {
	_, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: name}, Setting: setting, Origin: s.URL,
	})
	return err
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

// checkElementSnippet checks the <adv-play> snippet from the Embed
// button: the element's module script next to play.html, and one
// <adv-play> of the page at src with the scene fragment and the slim
// controls, parsed in tb, a tab without a Content-Security-Policy.
func checkElementSnippet(t *testing.T, tb *tab, snippet, src, fragment string) {
	t.Helper()
	type parsed struct {
		Tags                               int
		Script, Type, Src, Scene, Controls string
	}
	p := evalJS[parsed](tb, `(() => { const d = new DOMParser().parseFromString(`+jsString(snippet)+`, "text/html");
	  const s = d.querySelector("script"), e = d.querySelector("adv-play");
	  return {tags: d.querySelectorAll("*").length - 3, script: s ? s.getAttribute("src") : "", type: s ? s.type : "",
	    src: e ? e.getAttribute("src") : "", scene: e ? e.getAttribute("scene") : "", controls: e ? e.getAttribute("controls") : ""}; })()`)
	t.Logf("Embed: the element form %s", abbrev(snippet))
	if p.Tags != 2 || p.Type != "module" || p.Script != strings.TrimSuffix(src, "play.html")+"embed/adv-play.js" {
		t.Errorf("the element form is %d elements with the script %q of type %q, want a module script at embed/adv-play.js beside play.html and an <adv-play>: %s", p.Tags, p.Script, p.Type, snippet)
	}
	if p.Src != src || p.Scene != fragment || p.Controls != "minimal" {
		t.Errorf("the element form's <adv-play> has src %q, scene %q, controls %q; want %q, the page's scene and minimal", p.Src, abbrev(p.Scene), p.Controls, src)
	}
}

// checkSnippet checks an iframe snippet from the Embed button: an iframe
// of the address src with width and height and a title, which a browser
// parses back to that address. It has no loading="lazy": a lazy frame is
// not loaded, so not a tab stop, and the figure defers its own start. It
// parses the snippet in tb, a tab without a Content-Security-Policy
// (openBlank).
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
