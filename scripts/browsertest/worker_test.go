//go:build !js

package browsertest

// Training off the main thread: a Web Worker trains at the engine's speed,
// the page draws what it has reached, and without a worker the page trains
// itself and says so.

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"advplay/scripts/barepage"
	"advplay/scripts/devserver"
)

// longTasks records the main thread's long tasks (over 50 ms) in
// window.__btLT, from the moment it is reset.
const longTasks = `(() => {
  if (window.__btLTObserver) return true;
  window.__btLT = [];
  window.__btLTObserver = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__btLT.push(e.duration); });
  window.__btLTObserver.observe({type: "longtask"});
  return true;
})()`

// trainRun is a training timed in the page: its wall time, the worker's own
// compute time, where it ran, and the main thread's long tasks meanwhile.
type trainRun struct {
	WallMs, WorkerMs float64
	Trainer          string
	Epoch, Epochs    int
	LongTasks        []float64
}

// train applies patch, which starts a training, and times it to its end.
func (tb *tab) train(patch string) trainRun {
	tb.t.Helper()
	evalJS[bool](tb, longTasks)
	evalJS[bool](tb, `(window.__btLT = [], window.__btT0 = performance.now(), true)`)
	if e := tb.try(`advplay.set(` + patch + `)`); e != "" {
		tb.t.Fatal(e)
	}
	tb.waitJS("the training to end", trainTimeout, `!advplay.summary().training.running`)
	return evalJS[trainRun](tb, `(() => { const s = advplay.summary(); return {wallMs: performance.now() - __btT0, workerMs: s.perf.workerMs,
	  trainer: s.perf.trainer, epoch: s.training.epoch, epochs: s.training.epochs, longTasks: __btLT}; })()`)
}

// longest returns the longest of the durations ds, 0 for none.
func longest(ds []float64) float64 {
	m := 0.0
	for _, d := range ds {
		m = max(m, d)
	}
	return m
}

// nodeArticleMs times the article's recipe in the engine alone, as
// WebAssembly under Node (BenchmarkArticleRecipe), or returns 0 if it
// cannot.
func nodeArticleMs(t *testing.T) float64 {
	t.Helper()
	cmd := exec.Command("go", "test", "-run=NONE", "-bench=^BenchmarkArticleRecipe$", "-benchtime=1x", "-count=1",
		"-exec="+strings.TrimSpace(goEnv(t, "GOROOT"))+"/lib/wasm/go_js_wasm_exec", "./engine/logreg")
	cmd.Dir = repoRoot
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Logf("timing the recipe under Node: %v\n%s", err, out)
		return 0
	}
	m := regexp.MustCompile(`BenchmarkArticleRecipe\S*\s+\d+\s+(\d+) ns/op`).FindSubmatch(out)
	if m == nil {
		return 0
	}
	ns, _ := strconv.ParseFloat(string(m[1]), 64)
	return ns / 1e6
}

func goEnv(t *testing.T, name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestWorkerTrains runs the article's recipe and the network on the moons
// in the page, where a worker trains them, and prints the time in the page
// against the engine's own time: the worker's compute time in the same
// run, and for the recipe the engine under Node. The article's table
// still comes out bit for bit (TestArticleRecipe checks the figures).
//
// make test runs them in the package's browser, which composites in
// software, and checks that the worker trained them to the end. make
// bench runs them again in one that composites on a (software) GPU, where
// the browser no longer reads each picture back on the main thread (see
// gpuCompositing), and prints for both the main thread's long tasks, the
// click's delay and the floor a bare Ebiten page sets.
func TestWorkerTrains(t *testing.T) {
	needBrowser(t)
	node, bare := 0.0, ""
	browsers := []struct {
		name    string
		browser func() context.Context
	}{
		{"software compositing", func() context.Context { return browserCtx }},
		{"GPU compositing", func() context.Context { return gpuCompositing(t) }},
	}
	if !benchFigures {
		browsers = browsers[:1]
	}
	for _, b := range browsers {
		bctx := b.browser()
		tb := newTabIn(t, bctx, pkgSite.URL+"/play.html", desktop)
		tb.waitReady("")
		load := machineLoad()
		for _, c := range []struct{ name, patch string }{
			{"the article's recipe (20,000 epochs on 2×10,000 points)", `{preset: "article", training: {recipe: "article"}}`},
			{"a 2-16-16-1 network on the moons (500 epochs, Adam)", `{preset: "moons", model: {kind: "mlp", hidden: [16, 16]}, training: {optimizer: "adam", epochs: 500}}`},
		} {
			r := tb.train(c.patch)
			if r.Trainer != "worker" {
				t.Errorf("%s: %s trained in %q, want the worker", b.name, c.name, r.Trainer)
			}
			if r.Epoch != r.Epochs {
				t.Errorf("%s: %s stopped at epoch %d of %d", b.name, c.name, r.Epoch, r.Epochs)
			}
			t.Logf("figure: %s in the page (%s): %.1f s, %.2f× the worker's own %.1f s; %d main-thread tasks over 50 ms, the longest %.0f ms (%s)",
				c.name, b.name, r.WallMs/1000, r.WallMs/r.WorkerMs, r.WorkerMs/1000, len(r.LongTasks), longest(r.LongTasks), load)
			if strings.HasPrefix(c.name, "the article") && benchFigures {
				tb.clickWhileTraining(c.patch, b.name)
				if node == 0 {
					node = nodeArticleMs(t)
				}
				if node > 0 {
					t.Logf("figure: the article's recipe: the engine alone as WebAssembly under Node %.1f s; the page (%s) %.2f× that", node/1000, b.name, r.WallMs/node)
				}
			}
		}
		tb.close()
		if !benchFigures {
			continue
		}
		if bare == "" {
			bare = bareSite(t)
		}
		f := bareFrames(t, bctx, bare)
		t.Logf("figure: the floor (%s): a bare Ebiten page showing a new %d×%d frame in every frame, with a worker keeping one core busy as a training does: %.0f frames/s, %d of them tasks over 50 ms, the longest %.0f ms (%s)",
			b.name, desktop.w, desktop.h, f.PerSecond, len(f.LongTasks), longest(f.LongTasks), load)
	}
}

// bareSite serves the bare Ebiten page (scripts/barepage) for one test.
func bareSite(t *testing.T) string {
	t.Helper()
	dir, err := barepage.Build(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(devserver.Handler(dir))
	t.Cleanup(func() { srv.Close(); os.RemoveAll(dir) })
	return srv.URL
}

// frameRate is how often a page showed a frame, and its main thread's
// long tasks meanwhile.
type frameRate struct {
	PerSecond float64
	LongTasks []float64
}

// bareFrames opens the bare page of the site at url in browser, drawing
// every frame beside a busy worker, and measures it for three seconds.
func bareFrames(t *testing.T, browser context.Context, url string) frameRate {
	t.Helper()
	tb := newTabIn(t, browser, url+"/bare.html?frames&busy", desktop)
	defer tb.close()
	tb.waitJS("the bare page to run", tabTimeout, `window.bareReady === true`)
	time.Sleep(2 * time.Second)
	evalJS[bool](tb, longTasks)
	return evalAwait[frameRate](tb, `new Promise((res) => {
	  window.__btLT = [];
	  let frames = 0;
	  const t0 = performance.now();
	  const tick = () => {
	    frames++;
	    if (performance.now() - t0 < 3000) return requestAnimationFrame(tick);
	    res({perSecond: 1000 * frames / (performance.now() - t0), longTasks: window.__btLT});
	  };
	  requestAnimationFrame(tick);
	})`)
}

// clickWhileTraining starts the training of patch again and, a second
// in, clicks in the plot: it prints how long the click took to land as a
// point, which also restarts the training, as any edit does.
func (tb *tab) clickWhileTraining(patch, browser string) {
	tb.t.Helper()
	if e := tb.try(`advplay.set(` + patch + `)`); e != "" {
		tb.t.Fatal(e)
	}
	time.Sleep(time.Second)
	l := tb.layoutNow()
	x, y := l.Plot.X+l.Plot.W*0.3, l.Plot.Y+l.Plot.H*0.3
	n := len(tb.state().Points)
	evalJS[bool](tb, `(() => { window.__btClick = null; document.querySelector("canvas").addEventListener("pointerdown", () => { window.__btClick = performance.now(); }, {once: true}); return true; })()`)
	tb.do(chromedp.MouseClickXY(x, y))
	ms := evalAwait[float64](tb, `new Promise((res) => { const t = () => advplay.summary().metrics.n > `+fmt.Sprint(n)+` ? res(performance.now() - window.__btClick) : setTimeout(t, 5); t(); })`)
	load := machineLoad()
	tb.t.Logf("figure: a click a second into the article's training landed as a point %.0f ms after its pointerdown (%s; %s)", ms, browser, load)
	tb.waitJS("the restarted training to end", trainTimeout, `!advplay.summary().training.running`)
}

// TestWorkerFallback takes Web Workers away: the training runs in the page
// itself, between frames, ends with the same weights, and the notice says
// why it is slower.
func TestWorkerFallback(t *testing.T) {
	tb := pkgSite.open(t, "play.html", desktop, func(ctx context.Context) {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `delete window.Worker;`}); err != nil {
			t.Fatal(err)
		}
	})
	tb.waitReady("")
	patch := `{preset: "small", n: 300, training: {recipe: "article"}}`
	r := tb.train(patch)
	if r.Trainer != "page" {
		t.Errorf("without Worker the training ran in %q, want the page", r.Trainer)
	}
	notice := evalJS[string](tb, `document.getElementById("notice").textContent`)
	if !strings.Contains(notice, "Training runs in the page itself") || !strings.Contains(notice, "Web Workers") {
		t.Errorf("the notice says %q, want that training runs in the page for want of Web Workers", notice)
	}
	fallback := tb.state()

	// The same scene trained by a worker, in another tab.
	other := openPlay(t, desktop)
	other.train(patch)
	worker := other.state()
	if fallback.Model.Bias != worker.Model.Bias || !slices.Equal(fallback.Model.Weights, worker.Model.Weights) {
		t.Errorf("trained in the page: w %v b %v; by a worker: w %v b %v", fallback.Model.Weights, fallback.Model.Bias, worker.Model.Weights, worker.Model.Bias)
	}
	t.Logf("figure: without a worker, the article's recipe on 2×300 points trains in the page in %.1f s, with %d main-thread tasks over 50 ms (the longest %.0f ms)",
		r.WallMs/1000, len(r.LongTasks), longest(r.LongTasks))
}
