//go:build !js

package browsertest

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
	"maps"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"advplay/engine/data"
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
	stepTimeout  = 10 * time.Second // a click to show in state()
)

var (
	// browserCtx is the chromedp context of the one Chromium the package
	// starts; each test opens its own tab from it.
	browserCtx context.Context
	// baseURL serves dist/ through devserver.Handler.
	baseURL string
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
	srv := httptest.NewServer(devserver.Handler(snap))
	defer srv.Close()
	baseURL = srv.URL

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU, // Ebiten renders through software WebGL
		chromedp.Flag("disable-background-networking", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
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

// initScript runs in every frame before the page's own scripts. It
// records when advplay:ready fires, when the first frame after it is
// drawn (the first animation frame at which perf.frames > 0), and the
// messages posted to the window.
const initScript = `(() => {
  const bt = window.__bt = {readyAt: null, firstFrameAt: null, readyEvents: 0, messages: []};
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
})();`

// tab is one test's browser tab.
type tab struct {
	t   *testing.T
	ctx context.Context

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

// openTab opens path (relative to the site) in a new tab at the viewport's
// size, with time for a long training; see newTab.
func openTab(t *testing.T, path string, vp viewport) *tab {
	t.Helper()
	return newTab(t, baseURL+"/"+path, vp, tabTimeout+trainTimeout)
}

// newTab opens a tab at the viewport's size, records its console and
// Content-Security-Policy violations, runs before (to subscribe to events)
// and loads the URL u. The tab closes when the test ends or on tab.close,
// after its console is checked for errors.
func newTab(t *testing.T, u string, vp viewport, timeout time.Duration, before ...func(ctx context.Context)) *tab {
	t.Helper()
	needBrowser(t)
	ctx, cancelTab := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	tb := &tab{t: t, ctx: ctx}
	done := record(chromedp.Console(ctx), &tb.mu, func(m chromedp.ConsoleMessage) { tb.console = append(tb.console, m) })
	closeTab := sync.OnceFunc(func() {
		tb.checkConsole()
		cancelTimeout()
		cancelTab()
		<-done
	})
	t.Cleanup(closeTab)
	closers.Store(tb, closeTab)
	for _, src := range []string{initScript, cspScript} {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
			t.Fatalf("adding an init script: %v", err)
		}
	}
	for _, f := range before {
		f(ctx)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.w, vp.h, vp.opts...), chromedp.Navigate(u)); err != nil {
		t.Fatalf("loading %s: %v", abbrev(u), err)
	}
	return tb
}

// openPlay opens play.html and waits until advplay is ready and has drawn
// a frame.
func openPlay(t *testing.T, vp viewport) *tab {
	t.Helper()
	tb := openTab(t, "play.html", vp)
	tb.waitReady("")
	return tb
}

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

// try runs JavaScript statements and returns "" or what they threw, as
// "Error: message" for an Error and "non-Error: ..." otherwise.
func (tb *tab) try(stmts string) string {
	tb.t.Helper()
	return evalJS[string](tb, `(() => { try { `+stmts+`; return ""; } catch (e) {
	  return e instanceof Error ? "Error: " + e.message : "non-Error: " + String(e); } })()`)
}

func abbrev(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// State mirrors advplay.state().
type State struct {
	Preset  string  `json:"preset"`
	Seed    uint64  `json:"seed"`
	N       int     `json:"n"`
	Noise   float64 `json:"noise"`
	Epsilon float64 `json:"epsilon"`
	Attack  struct {
		Method      string  `json:"method"`
		Steps       int     `json:"steps"`
		StepSize    float64 `json:"stepSize"`
		Norm        string  `json:"norm"`
		RandomStart bool    `json:"randomStart"`
	} `json:"attack"`
	Class  int     `json:"class"`
	Mode   string  `json:"mode"`
	Points []Point `json:"points"`
	Model  struct {
		Kind    string     `json:"kind"`
		Weights [2]float64 `json:"weights"`
		Bias    float64    `json:"bias"`
	} `json:"model"`
	Training struct {
		Recipe  string  `json:"recipe"`
		Epoch   int     `json:"epoch"`
		Epochs  int     `json:"epochs"`
		Running bool    `json:"running"`
		Loss    float64 `json:"loss"`
		Error   string  `json:"error"`
	} `json:"training"`
	Metrics struct {
		CleanError       float64 `json:"cleanError"`
		AdversarialError float64 `json:"adversarialError"`
		N                int     `json:"n"`
		Flipped          int     `json:"flipped"`
	} `json:"metrics"`
	Perf Perf `json:"perf"`
}

// Point is a point of state().points.
type Point struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Label int     `json:"label"`
}

// Perf is state().perf, in milliseconds.
type Perf struct {
	UpdateMs        float64 `json:"updateMs"`
	DrawMs          float64 `json:"drawMs"`
	Work95Ms        float64 `json:"work95Ms"` // Update+Draw per frame, 95th percentile
	FrameIntervalMs float64 `json:"frameIntervalMs"`
	Frames          int     `json:"frames"`
	Composed        int     `json:"composed"` // frames that drew the screen
	Asleep          bool    `json:"asleep"`   // the loop rests, nothing pending
	TrainMs         float64 `json:"trainMs"`
	AttackMs        float64 `json:"attackMs"`
	// ShadeMs and PointsLayerMs time the rebuilds of the cached layers.
	ShadeMs       float64 `json:"shadeMs"`
	PointsLayerMs float64 `json:"pointsLayerMs"`
	// Phases are the medians of Update's phases, such as "train" and
	// "layers".
	Phases map[string]float64 `json:"phases"`
}

// phases formats Update's phases in a fixed order.
func (p Perf) phases() string {
	keys := slices.Sorted(maps.Keys(p.Phases))
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.1f", k, p.Phases[k])
	}
	return b.String()
}

// dataPoints converts state points to the engine's.
func dataPoints(ps []Point) []data.Point {
	out := make([]data.Point, len(ps))
	for i, p := range ps {
		out[i] = data.Point{X: p.X, Y: p.Y, Label: p.Label}
	}
	return out
}

// state returns advplay.state(). It goes through JSON.stringify, whose
// shortest round-trip numbers Go parses back bit for bit.
func (tb *tab) state() State {
	tb.t.Helper()
	return tb.decodeState(`advplay.state()`)
}

// summary returns advplay.summary(): state() without the points.
func (tb *tab) summary() State {
	tb.t.Helper()
	return tb.decodeState(`advplay.summary()`)
}

func (tb *tab) decodeState(call string) State {
	tb.t.Helper()
	s := evalJS[string](tb, `JSON.stringify(`+call+`)`)
	var st State
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		tb.t.Fatalf("decoding %s: %v", call, err)
	}
	return st
}

// xy is a position, in data units or CSS pixels.
type xy struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

func (tb *tab) toClient(x, y float64) xy {
	tb.t.Helper()
	return evalJS[xy](tb, fmt.Sprintf(`advplay.toClient(%v, %v)`, x, y))
}

func (tb *tab) fromClient(px, py float64) xy {
	tb.t.Helper()
	return evalJS[xy](tb, fmt.Sprintf(`advplay.fromClient(%v, %v)`, px, py))
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
