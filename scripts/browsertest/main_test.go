//go:build !js

package browsertest

// The harness: one headless Chromium for the package, the built site
// served from a snapshot of dist/ (by the package's server, or by a test's
// own with host pages of its own), tabs that record their console, and the
// waits and evaluations every test uses.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"iter"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"advplay/scripts/devserver"
)

// chromiumPath is the browser the tests drive; .ci/run installs it.
// ADVPLAY_CHROMIUM overrides it.
var chromiumPath = "/usr/bin/chromium"

// Timeouts. The machine is small and shared, so they are generous: they
// catch a hang, not a slow run.
const (
	tabTimeout   = 5 * time.Minute  // a whole test's tab, plus trainTimeout
	readyTimeout = 60 * time.Second // navigation to advplay:ready
	// stepTimeout bounds a wait for a click to show in state(): generous,
	// since a CI machine with both cores busy runs the page several times
	// slower, and a passing wait returns at once.
	stepTimeout = 30 * time.Second
)

// benchFigures is set by ADVPLAY_BENCH=1 (make bench): the tests that
// only time something, and print it as a figure, run then and not in
// make test, whose checks they do not add to (figuresOnly).
var benchFigures = os.Getenv("ADVPLAY_BENCH") == "1"

// figuresOnly skips the rest of a test that only prints timings, unless
// make bench runs it.
func figuresOnly(t *testing.T) {
	t.Helper()
	if !benchFigures {
		t.Skip("timings only: make bench prints them (ADVPLAY_BENCH=1)")
	}
}

// trainTimeout bounds the article recipe in the page: about 20–60 s in
// headless software GL, more on a loaded machine. ADVPLAY_TRAIN_TIMEOUT
// (a Go duration) overrides it.
var trainTimeout = 4 * time.Minute

func init() {
	if v := os.Getenv("ADVPLAY_TRAIN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			panic("browsertest: ADVPLAY_TRAIN_TIMEOUT: " + err.Error())
		}
		trainTimeout = d
	}
}

var (
	// browserCtx is the chromedp context of the one Chromium the package
	// starts; each test opens its own tabs from it.
	browserCtx context.Context
	// pkgSite serves the snapshot of dist/ to the tests that need no site
	// of their own.
	pkgSite *site
	// distDir is the built site, repoRoot the module's root, snapDir the
	// copy of distDir that the tests serve.
	distDir, repoRoot, snapDir string
	// skipReason is set when Chromium is missing and not required.
	skipReason string
)

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	if p := os.Getenv("ADVPLAY_CHROMIUM"); p != "" {
		chromiumPath = p
	}
	root, err := findRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	repoRoot, distDir = root, filepath.Join(root, "dist")
	for _, f := range []string{"main.wasm", "main.wasm.gz", "main.wasm.br", "play.html", "index.html", "loader.js", "wasm_exec.js"} {
		if _, err := os.Stat(filepath.Join(distDir, f)); err != nil {
			fmt.Fprintf(os.Stderr, "browsertest: %s is missing: run make build first\n", filepath.Join(distDir, f))
			return 1
		}
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("ADVPLAY_REQUIRE_BROWSER") == "1" {
			fmt.Fprintf(os.Stderr, "browsertest: FAIL: %s not found, and ADVPLAY_REQUIRE_BROWSER=1 says the browser tests must run (apt-get install chromium)\n", chromiumPath)
			return 1
		}
		snapDir = distDir
		skipReason = chromiumPath + " not found (apt-get install chromium)"
		fmt.Fprintf(os.Stderr, "\n*** BROWSER TESTS SKIPPED: %s ***\n\n", skipReason)
		return m.Run()
	}

	// Serve a snapshot: other work may rebuild dist/ while the tests run.
	snap, err := snapshotDist(distDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer os.RemoveAll(snap)
	snapDir = snap
	pkgSite = startSite(siteOptions{})
	defer pkgSite.srv.Close()

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(chromedp.DisableGPU)...) // Ebiten renders through software WebGL
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		fmt.Fprintf(os.Stderr, "browsertest: starting %s: %v\n", chromiumPath, err)
		return 1
	}
	browserCtx = bctx
	return m.Run()
}

// chromiumOptions returns the options of a headless Chromium for the
// tests, with extra ones that choose how it renders.
func chromiumOptions(extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
	)
	return append(opts, extra...)
}

// gpuCompositing starts, for one test, a second Chromium that composites
// on a GPU: SwiftShader, the software GPU, through ANGLE. The package's
// browser (DisableGPU) composites in software, and so reads every WebGL
// frame back from the GPU process on the page's main thread; a browser
// with a GPU does not, and this one shows what remains without that.
func gpuCompositing(t *testing.T) context.Context {
	t.Helper()
	needBrowser(t)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromiumOptions(chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true))...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s with GPU compositing: %v", chromiumPath, err)
	}
	return bctx
}

// snapshotDist copies the built site into a temporary directory, after
// checking that main.wasm.gz and main.wasm.br are main.wasm's: a build in
// progress or an interrupted one leaves them stale or truncated.
func snapshotDist(dir string) (string, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "main.wasm"))
	if err != nil {
		return "", err
	}
	for _, c := range []struct {
		ext    string
		reader func(io.Reader) (io.Reader, error)
	}{
		{".gz", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
		{".br", func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
	} {
		f, err := os.Open(filepath.Join(dir, "main.wasm"+c.ext))
		if err != nil {
			return "", err
		}
		r, err := c.reader(f)
		var got []byte
		if err == nil {
			got, err = io.ReadAll(r)
		}
		f.Close()
		if err != nil || !bytes.Equal(got, raw) {
			return "", fmt.Errorf("dist/main.wasm%s is not main.wasm compressed (%v): a build in progress, or a stale one? run make build first", c.ext, err)
		}
	}
	snap, err := os.MkdirTemp("", "advplay-dist-")
	if err != nil {
		return "", err
	}
	if err := os.CopyFS(snap, os.DirFS(dir)); err != nil {
		os.RemoveAll(snap)
		return "", fmt.Errorf("copying dist/: %w", err)
	}
	return snap, nil
}

// findRoot returns the directory of advplay's go.mod, above the working
// directory.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(b), []byte("module advplay")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("cannot find advplay's go.mod above the working directory")
		}
		dir = parent
	}
}

func needBrowser(t *testing.T) {
	t.Helper()
	if skipReason != "" {
		t.Skip("BROWSER TESTS SKIPPED: " + skipReason)
	}
}

// site is a web server for the snapshot of dist/, through
// devserver.Handler as make serve serves it, that also serves the host
// pages of siteOptions and logs the paths requested.
type site struct {
	URL string
	srv *httptest.Server

	mu    sync.Mutex
	paths []string
}

// siteOptions changes what a site serves.
type siteOptions struct {
	// pages maps a path such as "/host.html" to an HTML page.
	pages map[string]string
	// plainWasm serves main.wasm as application/octet-stream, without a
	// precompressed variant, as a bare static host might.
	plainWasm bool
	// holdWasm, when set, holds every request for a .wasm file until it
	// is closed: the page as it is before any WebAssembly arrives.
	holdWasm chan struct{}
	// notFound answers 404 for these paths, as if the build had not made
	// them.
	notFound map[string]bool
}

func startSite(opts siteOptions) *site {
	s := &site{}
	files := devserver.Handler(snapDir)
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		if opts.notFound[r.URL.Path] {
			http.NotFound(w, r)
			return
		}
		if body, ok := opts.pages[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			io.WriteString(w, body)
			return
		}
		if opts.holdWasm != nil && strings.HasSuffix(r.URL.Path, ".wasm") {
			select {
			case <-opts.holdWasm:
			case <-r.Context().Done():
				return
			}
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
	s.URL = s.srv.URL
	return s
}

// newSite starts a site for one test, closed when the test ends. Its
// origin is the test's own, and so are the storage, the permissions and
// the request log that go with it.
func newSite(t *testing.T, opts siteOptions) *site {
	t.Helper()
	needBrowser(t)
	s := startSite(opts)
	t.Cleanup(s.srv.Close)
	return s
}

// served returns the paths requested so far.
func (s *site) served() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.paths)
}

// open opens path (relative to the site, with any query and fragment) in
// a new tab; see newTab.
func (s *site) open(t *testing.T, path string, vp viewport, before ...func(ctx context.Context)) *tab {
	t.Helper()
	needBrowser(t)
	return newTab(t, s.URL+"/"+path, vp, before...)
}

// openPlay opens play.html with the query and fragment rest on the site,
// and waits until advplay is ready and has drawn a frame.
func (s *site) openPlay(t *testing.T, rest string, vp viewport) *tab {
	t.Helper()
	tb := s.open(t, "play.html"+rest, vp)
	tb.waitReady("")
	return tb
}

// openTab opens path on the package's site.
func openTab(t *testing.T, path string, vp viewport) *tab {
	t.Helper()
	return pkgSite.open(t, path, vp)
}

// openPlay opens play.html on the package's site and waits until advplay
// is ready and has drawn a frame.
func openPlay(t *testing.T, vp viewport) *tab {
	t.Helper()
	return pkgSite.openPlay(t, "", vp)
}

// openBlank opens about:blank, a page without a Content-Security-Policy
// of its own, in which to parse HTML.
func openBlank(t *testing.T) *tab {
	t.Helper()
	return newTab(t, "about:blank", desktop)
}

// initScript runs in every frame before the page's own scripts. It
// records when advplay:ready fires, when the first frame after it is
// drawn (the first animation frame at which perf.frames > 0), the
// messages posted to the window, and Content-Security-Policy violations.
const initScript = `(() => {
  const bt = window.__bt = {readyAt: null, firstFrameAt: null, readyEvents: 0, messages: [], csp: []};
  addEventListener("advplay:ready", () => {
    bt.readyEvents++;
    if (bt.readyAt !== null) return;
    bt.readyAt = performance.now();
    const frame = () => {
      if (advplay.summary().perf.frames > 0) { bt.firstFrameAt = performance.now(); return; }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  addEventListener("message", (e) => { bt.messages.push(e.data); });
  document.addEventListener("securitypolicyviolation", (e) => {
    bt.csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
  });
})();`

// tab is one test's browser tab.
type tab struct {
	t   *testing.T
	ctx context.Context
	// closeTab checks the console and closes the tab, once.
	closeTab func()

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
	// expected lists substrings of console errors that a test provokes on
	// purpose.
	expected []string
}

// viewport is a tab's emulated size.
type viewport struct {
	w, h int64
	opts []chromedp.EmulateViewportOption
}

var (
	desktop = viewport{w: 1280, h: 800}
	// phone is an iPhone 12-ish portrait screen with touch.
	phone = viewport{w: 390, h: 844, opts: []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait}}
)

// record passes each event of evs to f, holding mu, until the stream ends,
// in a goroutine; the channel it returns closes then.
func record[E any](evs iter.Seq2[E, error], mu *sync.Mutex, f func(E)) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range evs {
			if err != nil {
				return
			}
			mu.Lock()
			f(ev)
			mu.Unlock()
		}
	}()
	return done
}

// newTab opens a tab at the viewport's size, with time for a long
// training, records its console, runs before (to subscribe to events)
// and loads the URL u. The tab closes when the test ends or on tab.close,
// after its console is checked for errors.
func newTab(t *testing.T, u string, vp viewport, before ...func(ctx context.Context)) *tab {
	t.Helper()
	return newTabIn(t, browserCtx, u, vp, before...)
}

// newTabIn is newTab in the browser of context browser.
func newTabIn(t *testing.T, browser context.Context, u string, vp viewport, before ...func(ctx context.Context)) *tab {
	t.Helper()
	needBrowser(t)
	ctx, cancelTab := chromedp.NewContext(browser)
	ctx, cancelTimeout := context.WithTimeout(ctx, tabTimeout+trainTimeout)
	tb := &tab{t: t, ctx: ctx}
	done := record(chromedp.Console(ctx), &tb.mu, func(m chromedp.ConsoleMessage) { tb.console = append(tb.console, m) })
	tb.closeTab = sync.OnceFunc(func() {
		tb.checkConsole()
		cancelTimeout()
		cancelTab()
		<-done
	})
	t.Cleanup(tb.closeTab)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: initScript}); err != nil {
		t.Fatalf("adding the init script: %v", err)
	}
	for _, f := range before {
		f(ctx)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.w, vp.h, vp.opts...), chromedp.Navigate(u)); err != nil {
		t.Fatalf("loading %s: %v", abbrev(u), err)
	}
	return tb
}

// close closes the tab before its test ends, after checking its console:
// every tab renders at full speed in software WebGL, and the machine has
// two cores.
func (tb *tab) close() { tb.closeTab() }

// waitReady waits for advplay:ready and the first drawn frame in the page,
// or in the window expression win (such as an iframe's contentWindow).
func (tb *tab) waitReady(win string) {
	tb.t.Helper()
	if win == "" {
		win = "window"
	}
	expr := fmt.Sprintf(`(() => {
	  const w = %s;
	  if (!w || !w.document) return {ready: false, failed: ""};
	  const l = w.document.getElementById("loading");
	  const failed = l && l.classList.contains("failed") ? l.textContent.trim() : "";
	  return {ready: !!(w.advplay && w.__bt && w.__bt.firstFrameAt !== null), failed};
	})()`, win)
	type status struct {
		Ready  bool
		Failed string
	}
	deadline := time.Now().Add(readyTimeout)
	for {
		s := evalJS[status](tb, expr)
		if s.Failed != "" {
			tb.t.Fatalf("the page failed to start, and says: %q", s.Failed)
		}
		if s.Ready {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("advplay did not become ready and draw a frame within %v", readyTimeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// evalJS evaluates a JavaScript expression and decodes its JSON value; it
// fails the test on an exception.
func evalJS[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", abbrev(expr), err)
	}
	return v
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

// evalDecode evaluates a JavaScript expression whose value is a JSON
// string and decodes it into a T; what names the value in a failure.
func evalDecode[T any](tb *tab, what, expr string) T {
	tb.t.Helper()
	var v T
	if err := json.Unmarshal([]byte(evalJS[string](tb, expr)), &v); err != nil {
		tb.t.Fatalf("decoding %s: %v", what, err)
	}
	return v
}

// try runs JavaScript statements and returns "" or what they threw, as
// "Error: message" for an Error and "non-Error: ..." otherwise.
func (tb *tab) try(stmts string) string {
	tb.t.Helper()
	return evalJS[string](tb, `(() => { try { `+stmts+`; return ""; } catch (e) {
	  return e instanceof Error ? "Error: " + e.message : "non-Error: " + String(e); } })()`)
}

// notice returns the page's notice line, where it tells the visitor what
// went wrong or what a button did.
func (tb *tab) notice() string {
	tb.t.Helper()
	return evalJS[string](tb, `document.getElementById("notice").textContent`)
}

// waitNotice waits until the notice line says something, and returns it;
// what names the wait in a failure.
func (tb *tab) waitNotice(what string) string {
	tb.t.Helper()
	tb.waitJS(what, stepTimeout, `document.getElementById("notice").textContent !== ""`)
	return tb.notice()
}

// clearNotice empties the notice line, so that the next one can be seen.
func (tb *tab) clearNotice() {
	tb.t.Helper()
	if e := tb.try(`document.getElementById("notice").textContent = ""`); e != "" {
		tb.t.Fatal(e)
	}
}

// abbrev shortens s to a line for messages.
func abbrev(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// waitFrames waits until the page has run n more frames or come to rest
// with nothing pending, so that queued input has been handled and the view
// updated; see waitFramesIn.
func (tb *tab) waitFrames(n int) {
	tb.t.Helper()
	tb.waitFramesIn("window", n)
}

// waitFramesIn waits until the page in the window expression win has run
// n more frames, or rests: its game loop sleeps with no input, call or
// training pending (perf.asleep), which it does only once everything it
// was given is handled and drawn.
func (tb *tab) waitFramesIn(win string, n int) {
	tb.t.Helper()
	// Frames can take 0.5 s each on a loaded machine.
	tb.waitJS(fmt.Sprintf("%d more frames or rest", n), stepTimeout+time.Duration(n)*time.Second/2,
		`(() => { const p = `+win+`.advplay.summary().perf; if (window.__btStart === undefined) window.__btStart = p.frames; return p.asleep || p.frames >= __btStart + `+fmt.Sprint(n)+`; })()`,
		`delete window.__btStart`)
}

// waitTrained waits until win's model is trained: training not running.
func (tb *tab) waitTrained(win string) {
	tb.t.Helper()
	tb.waitJS("the model to finish training", 30*time.Second, `!`+win+`.advplay.summary().training.running`)
}

// waitJS waits, inside the page, until the JavaScript expression cond is
// truthy, failing the test after timeout. setup runs first. Polling in the
// page takes one round trip, which matters on a loaded machine.
func (tb *tab) waitJS(what string, timeout time.Duration, cond string, setup ...string) {
	tb.t.Helper()
	type result struct {
		OK  bool
		Err string
	}
	expr := `new Promise((res) => {
	  ` + strings.Join(setup, ";") + `;
	  const t0 = performance.now();
	  const tick = () => {
	    let v;
	    try { v = (` + cond + `); } catch (e) { return res({ok: false, err: String(e)}); }
	    if (v) return res({ok: true});
	    if (performance.now() - t0 > ` + fmt.Sprint(timeout.Milliseconds()) + `) return res({ok: false});
	    setTimeout(tick, 15);
	  };
	  tick();
	})`
	r, err := chromedp.Run(tb.ctx, chromedp.Evaluate[result](expr, chromedp.EvalAwaitPromise))
	switch {
	case err != nil:
		tb.t.Fatalf("waiting for %s: %v", what, err)
	case r.Err != "":
		tb.t.Fatalf("waiting for %s: %s", what, r.Err)
	case !r.OK:
		tb.t.Fatalf("timed out after %v waiting for %s", timeout, what)
	}
}

// waitSettled waits until the JavaScript expression value has kept one
// value for 800 ms, a value v for which the JavaScript expression ok
// holds.
func (tb *tab) waitSettled(what string, timeout time.Duration, value, ok string) {
	tb.t.Helper()
	tb.waitJS(what, timeout,
		`(() => { const v = `+value+`, now = performance.now();
		  if (v !== __btValue) { __btValue = v; __btSince = now; }
		  return (`+ok+`) && now - __btSince > 800; })()`,
		`window.__btValue = `+value+`; window.__btSince = performance.now()`)
}

// do runs actions in the tab.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("browser actions: %v", err)
	}
}

// screenshot captures the viewport, saves it as screenshots/name.png and
// returns it decoded.
func (tb *tab) screenshot(name string) image.Image {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join(repoRoot, "scripts", "browsertest", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.t.Fatal(err)
	}
	file := filepath.Join(dir, name+".png")
	if err := os.WriteFile(file, buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot saved: %s", file)
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		tb.t.Fatalf("decoding screenshot %s: %v", name, err)
	}
	return img
}

// expectConsoleError declares a console error that the test provokes.
func (tb *tab) expectConsoleError(substr string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.expected = append(tb.expected, substr)
}

// consoleWith returns the console messages so far that start with prefix.
func (tb *tab) consoleWith(prefix string) []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, m := range tb.console {
		if strings.HasPrefix(m.Text, prefix) {
			out = append(out, m.Text)
		}
	}
	return out
}

// ignoredConsole are browser messages that say nothing about advplay.
var ignoredConsole = []string{
	// Software WebGL reading pixels back, a performance warning.
	"GPU stall due to ReadPixels",
}

// checkConsole fails the test on uncaught exceptions, console errors, and
// a Go panic (which wasm_exec.js prints with console.log), and logs
// warnings.
func (tb *tab) checkConsole() {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, m := range tb.console {
		text := m.Text
		if m.Exception != nil && m.Exception.Exception != nil && m.Exception.Exception.Description != "" {
			text = m.Exception.Exception.Description
		}
		if slices.ContainsFunc(ignoredConsole, func(s string) bool { return strings.Contains(text, s) }) {
			continue
		}
		where := ""
		if m.URL != "" {
			where = fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
		}
		goCrash := strings.HasPrefix(text, "panic: ") || strings.HasPrefix(text, "fatal error: ") || strings.Contains(text, "Go program has already exited")
		switch {
		case m.IsException() || m.Type == chromedp.ConsoleError || goCrash:
			if slices.ContainsFunc(tb.expected, func(s string) bool { return strings.Contains(text, s) }) {
				tb.t.Logf("console (expected) %s: %s", m.Type, abbrev(text))
				continue
			}
			tb.t.Errorf("console %s%s: %s", m.Type, where, text)
		case m.Type == chromedp.ConsoleWarning:
			tb.t.Logf("console warning%s: %s", where, abbrev(text))
		}
	}
}

// machineLoad describes the 1-minute load average, printed beside every
// timing: other work shares the machine's cores and stretches them, which
// is why no test asserts a time.
func machineLoad() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load unknown"
	}
	load, err := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	if err != nil {
		return "load unknown"
	}
	return fmt.Sprintf("load average %.1f on %d cores", load, runtime.NumCPU())
}

// mostlyTraining reports whether the page's timings, medians over its last
// 120 frames, now mostly cover a training's frames: of the frames it has
// drawn, those since the training began (at) are at least 3 and no fewer
// than those before. A training draws a frame only for each new picture,
// and the page none at rest before it.
func mostlyTraining(frames, at int) bool {
	return frames-at >= max(3, min(60, at))
}

// median returns the median of xs, or NaN for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
