//go:build !js

package browsertest

// Loading the page: main.wasm's size, the time to the first frame, the
// loader's fallback for a host that serves main.wasm plainly, and the
// controls form.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Budgets of the page's load.
const (
	// gzipBudget and brotliBudget bound main.wasm over the wire: under 3 s
	// at 10 Mbit/s, a slow home connection, and less than the pictures of
	// a blog post with a few figures. A bare Ebiten game is about 2.4 MB
	// gzip; the rest is advplay's own.
	gzipBudget   = 3.4e6 // bytes of main.wasm.gz
	brotliBudget = 2.5e6 // bytes of main.wasm.br
	// firstFrameBudget is the aim for navigation to the first drawn frame
	// in headless Chromium here: about as long as a reader waits for a
	// figure before scrolling on. Printed beside the figure, never
	// asserted: a busy machine stretches every time.
	firstFrameBudget = 2 * time.Second
)

// TestWasmSize prints main.wasm's sizes and checks the compressed ones
// against the budget. (TestMain has checked that they are main.wasm's.)
func TestWasmSize(t *testing.T) {
	mb := func(n int) float64 { return float64(n) / 1e6 }
	for _, name := range []string{"main.wasm", "worker.wasm"} {
		path := filepath.Join(snapDir, name)
		var sizes [3]int
		for i, ext := range []string{"", ".gz", ".br"} {
			b, err := os.ReadFile(path + ext)
			if err != nil {
				t.Fatal(err)
			}
			sizes[i] = len(b)
		}
		t.Logf("figure: %s: raw %.2f MB, gzip %.2f MB (budget %.1f), brotli %.2f MB (budget %.1f)",
			name, mb(sizes[0]), mb(sizes[1]), gzipBudget/1e6, mb(sizes[2]), brotliBudget/1e6)
		if sizes[1] > gzipBudget {
			t.Errorf("%s.gz is %d bytes, over the budget of %.0f", name, sizes[1], gzipBudget)
		}
		if sizes[2] > brotliBudget {
			t.Errorf("%s.br is %d bytes, over the budget of %.0f", name, sizes[2], brotliBudget)
		}
	}
}

// TestLoad loads play.html, waits for window.advplay and the advplay:ready
// event, and measures navigation to the first drawn frame inside the page.
func TestLoad(t *testing.T) {
	// The first load of the package runs on a cold browser cache; a second
	// one, in a fresh tab after the first closed, shows the warm figure.
	for _, run := range []string{"first load", "second load"} {
		t.Run(strings.ReplaceAll(run, " ", "_"), func(t *testing.T) { testLoad(t, run) })
	}
}

func testLoad(t *testing.T, run string) {
	tb := openPlay(t, desktop)
	type timing struct {
		ReadyAt, FirstFrameAt float64
		ReadyEvents           int
		Transfer              float64 // main.wasm bytes over the wire
	}
	tm := evalJS[timing](tb, `(() => {
	  const e = performance.getEntriesByName(new URL("main.wasm", location.href).href)[0];
	  return {readyAt: __bt.readyAt, firstFrameAt: __bt.firstFrameAt, readyEvents: __bt.readyEvents,
	    transfer: e ? e.encodedBodySize : -1};
	})()`)
	load := machineLoad()
	t.Logf("figure: %s: navigation to first drawn frame %.0f ms (advplay:ready at %.0f ms; budget %v; %s)",
		run, tm.FirstFrameAt, tm.ReadyAt, firstFrameBudget, load)
	t.Logf("%s: main.wasm came over the wire as %.2f MB", run, tm.Transfer/1e6)
	if tm.ReadyEvents != 1 {
		t.Errorf("%s: advplay:ready fired %d times, want once", run, tm.ReadyEvents)
	}
	if got := evalJS[bool](tb, `getComputedStyle(document.getElementById("loading")).display === "none" && getComputedStyle(document.getElementById("panel")).display !== "none"`); !got {
		t.Errorf("%s: after ready, the loading box should be hidden and the controls shown", run)
	}
	if got := evalJS[string](tb, `["state", "set", "addPoint", "removePoint", "clear", "toClient", "fromClient"].filter((f) => typeof advplay[f] !== "function").join(", ")`); got != "" {
		t.Errorf("%s: advplay lacks functions of the contract: %s", run, got)
	}
}

// TestLoadPlainWasm serves main.wasm as application/octet-stream, with
// no precompressed variant: the loader falls back to compiling the bytes,
// and the page comes up.
func TestLoadPlainWasm(t *testing.T) {
	s := newSite(t, siteOptions{plainWasm: true})
	start := time.Now()
	tb := s.openPlay(t, "", desktop)
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

// TestFormNamesDoNotShadow checks that no control in the controls form
// has an id or name that is also a property of the form: a form exposes
// its controls by id and name as properties, so an <input id="hidden">
// makes form.hidden that input instead of a boolean, and a button
// id="reset" hides form.reset().
func TestFormNamesDoNotShadow(t *testing.T) {
	tb := openPlay(t, desktop)
	clashes := evalJS[[]string](tb, `(() => {
	  const form = document.getElementById("panel");
	  const out = [];
	  for (const el of form.elements) {
	    for (const key of [el.id, el.name]) {
	      if (key && key in HTMLFormElement.prototype && !out.includes(key)) out.push(key);
	    }
	  }
	  return out;
	})()`)
	for _, k := range clashes {
		t.Errorf("a control in #panel has the id or name %q, which shadows the form's own property: document.getElementById(\"panel\").%s is that control", k, k)
	}
}
