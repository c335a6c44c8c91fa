//go:build !js

package browsertest

// The page's security: its Content-Security-Policy, no inline script or
// style, and no request beyond the site's own files.

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// cspViolations returns the Content-Security-Policy violations that the
// window win recorded (see initScript).
func (tb *tab) cspViolations(win string) []string {
	tb.t.Helper()
	return evalJS[[]string](tb, `((w) => w.__bt ? w.__bt.csp : [])(`+win+`)`)
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

// TestContentSecurityPolicy checks the Content-Security-Policy of
// play.html, index.html and the blog example, that the served HTML has no
// inline script or style, and that a whole session requests nothing but
// the site's own files, without CSP violations.
func TestContentSecurityPolicy(t *testing.T) {
	s := newSite(t, siteOptions{})
	// The HTML as served, parsed by the browser without running it, in a
	// page without a policy of its own.
	tb := openBlank(t)
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
		sess := s.open(t, strings.TrimPrefix(path, "/"), desktop, func(ctx context.Context) {
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
		for _, win := range []string{"window", `(` + framesJS + `[0] || window).contentWindow || window`} {
			if v := sess.cspViolations(win); len(v) > 0 {
				t.Errorf("%s session: CSP violations: %v", path, v)
			}
		}
	}
	t.Logf("paths served: %v", slices.Compact(slices.Sorted(slices.Values(s.served()))))
}
