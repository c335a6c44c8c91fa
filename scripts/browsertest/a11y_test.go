//go:build !js

package browsertest

// Accessibility rules checked by axe-core (scripts/browsertest/package.json
// pins it; `npm ci --prefix scripts/browsertest` installs it). It is
// injected into the pages under test through the DevTools protocol and is
// never served with the site.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// axeSource returns axe-core's script, or skips the test loudly when it is
// not installed and the browser tests are not required.
func axeSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join(repoRoot, "scripts", "browsertest", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		if os.Getenv("ADVPLAY_REQUIRE_BROWSER") == "1" {
			t.Fatalf("axe-core is missing (%v): run npm ci --prefix scripts/browsertest", err)
		}
		t.Skipf("ACCESSIBILITY CHECK SKIPPED: %v (npm ci --prefix scripts/browsertest)", err)
	}
	return string(b)
}

// Violation is one of axe's results.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// TestAccessibilityRules runs axe's WCAG 2.2 A and AA rules and its best
// practices over play.html, index.html and the blog example, frames
// included, and fails on any serious or critical violation. Lesser ones
// are logged.
func TestAccessibilityRules(t *testing.T) {
	axe := axeSource(t)
	for _, page := range []string{"play.html", "index.html", "examples/blog-post.html"} {
		t.Run(page, func(t *testing.T) {
			tb := openTab(t, page, desktop)
			// Every started figure is checked as it is; wait for those in
			// view to start.
			tb.waitJS("the page and its figures to be ready", readyTimeout, `document.readyState === "complete" &&
			  (document.body.classList.contains("play") ? !!window.advplay :
			   `+framesJS+`.every((f) => {
			     const w = f.contentWindow, s = w.document.getElementById("start");
			     return w.advplay || (s && !s.hidden && s.getAttribute("aria-disabled") !== "true"); }))`)
			time.Sleep(1500 * time.Millisecond) // let the figures settle
			// Frames run axe themselves: inject it everywhere.
			tb.try(`(() => {
			  window.eval(` + jsString(axe) + `);
			  for (const f of ` + framesJS + `) f.contentWindow.eval(` + jsString(axe) + `);
			})()`)
			vs := evalAwait[[]Violation](tb, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, iframes: true}).then((r) => r.violations)`)
			for _, v := range vs {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, strings.TrimSpace(strings.ReplaceAll(fmtTarget(n.Target), "\n", " ")))
				}
				msg := v.ID + " (" + v.Impact + "): " + v.Help + " at " + strings.Join(where, "; ")
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s", msg)
				} else {
					t.Logf("%s", msg)
				}
			}
			t.Logf("figure: axe on %s: %d violations, %d serious or critical", page, len(vs), countSerious(vs))
		})
	}
}

func countSerious(vs []Violation) int {
	n := 0
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			n++
		}
	}
	return n
}

func fmtTarget(target []any) string {
	var parts []string
	for _, p := range target {
		switch p := p.(type) {
		case string:
			parts = append(parts, p)
		case []any:
			parts = append(parts, fmtTarget(p))
		}
	}
	return strings.Join(parts, " > ")
}

// TestLiveRegion moves ε ten times, 50 ms apart, as a slider held down
// does: the live region reads the new figures once they settle, not at
// every step, and what it reads is the page's state. It may read at most
// once a second while the steps go on (site/readout.js): how long they
// took is measured in the page, since a busy machine stretches them.
func TestLiveRegion(t *testing.T) {
	tb := openPlay(t, desktop)
	tb.waitFrames(2)
	evalJS[bool](tb, `(() => {
	  window.__btLive = [];
	  new MutationObserver(() => window.__btLive.push(document.getElementById("live").textContent))
	    .observe(document.getElementById("live"), {childList: true, characterData: true, subtree: true});
	  return true;
	})()`)
	type run struct {
		Live   []string
		SpanMs float64
	}
	got := evalAwait[run](tb, `new Promise((res) => {
	  let i = 0, first = 0;
	  const step = () => {
	    if (i === 0) first = performance.now();
	    advplay.set({epsilon: 0.3 + 0.02 * ++i});
	    if (i < 10) setTimeout(step, 50);
	    else { const span = performance.now() - first; setTimeout(() => res({live: window.__btLive, spanMs: span}), 2000); }
	  };
	  step();
	})`)
	st := tb.summary()
	want := fmt.Sprintf("Under FGSM at ε %.2f: %.2f %% misclassified; clean %.2f %%.", st.Epsilon, 100*st.Metrics.AdversarialError, 100*st.Metrics.CleanError)
	// One reading a second while the steps go on, and one once they settle.
	limit := int(got.SpanMs/1000) + 2
	t.Logf("figure: ten ε steps over %.0f ms: the live region changed %d times (at most %d), last to %q", got.SpanMs, len(got.Live), limit, last(got.Live))
	if len(got.Live) == 0 || last(got.Live) != want {
		t.Errorf("the live region reads %q, want %q", last(got.Live), want)
	}
	if len(got.Live) > limit {
		t.Errorf("the live region changed %d times for ten steps over %.0f ms, want at most %d (once a second while they go on, once when they settle)", len(got.Live), got.SpanMs, limit)
	}
}

func last(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}
