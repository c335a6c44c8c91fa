//go:build !js

package browsertest

// Export and import: the picture as PNG, the points and the curves as
// CSV, through the API and the export menu, and CSV files read back
// through the API, the file chooser and a drop on the canvas.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestExportImport checks exportPNG, the CSV exports, importCSV with
// good and bad files, a dropped file, and the file chooser.
func TestExportImport(t *testing.T) {
	s := newSite(t, siteOptions{})
	dl := t.TempDir()
	var mu sync.Mutex
	done := map[string]string{} // download guid → state
	began := map[string]string{}
	tb := s.open(t, "play.html", desktop, func(ctx context.Context) {
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
	if pts := tb.state().Points; !slices.Equal(pts, wantPts) {
		t.Errorf("after importCSV, the points are %+v, want %+v", pts, wantPts)
	}

	// Bad files: an Error naming the line, and the points unchanged.
	before := tb.rawState("window")
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
		if same, diff := sameState(before, tb.rawState("window")); !same {
			t.Errorf("importCSV(%s) changed the scene: %s", tc.name, diff)
		}
	}

	// The file chooser.
	dir := t.TempDir()
	chosen := filepath.Join(dir, "chosen.csv")
	if err := os.WriteFile(chosen, []byte("x,y,label\n2,0,0\n0,2,1\n1,1,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.clearNotice()
	tb.do(chromedp.SetUploadFiles("#import", []string{chosen}))
	nt := tb.waitNotice("the notice after choosing a file")
	if pts := tb.state().Points; !slices.Equal(pts, []Point{{2, 0, 0}, {0, 2, 1}, {1, 1, 0}}) {
		t.Errorf("after choosing chosen.csv in the file chooser, the points are %+v", pts)
	}
	t.Logf("file chooser: notice %q", nt)

	// Files dropped on the canvas by the browser's own drag and drop
	// (Input.dispatchDragEvent, as from the desktop).
	dropFile := func(name, text string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		tb.clearNotice()
		l := tb.layoutNow()
		at := xy{l.Plot.X + l.Plot.W/2, l.Plot.Y + l.Plot.H/2}
		data := &input.DragData{Items: []*input.DragDataItem{}, Files: []string{path}, DragOperationsMask: 1}
		for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
			if _, err := chromedp.Call(tb.ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: at.X, Y: at.Y, Data: data}); err != nil {
				t.Fatalf("Input.dispatchDragEvent %s of %s: %v", typ, name, err)
			}
		}
		return tb.waitNotice("the notice after dropping " + name)
	}
	nt = dropFile("dropped.csv", "x,y,label\n0.5,0.5,1\n-0.5,1.5,0\n")
	if pts := tb.state().Points; !slices.Equal(pts, []Point{{0.5, 0.5, 1}, {-0.5, 1.5, 0}}) {
		t.Errorf("after dropping dropped.csv on the canvas, the points are %+v", pts)
	}
	t.Logf("drop: notice %q", nt)
	before = tb.rawState("window")
	if nt := dropFile("bad.csv", "x,y,label\n1,1,1\n2,2,purple\n"); !strings.Contains(nt, "line 3") {
		t.Errorf("dropping a CSV with a bad label on line 3: the notice says %q", nt)
	} else {
		t.Logf("drop of a bad file: notice %q", nt)
	}
	if same, diff := sameState(before, tb.rawState("window")); !same {
		t.Errorf("dropping a bad CSV changed the scene: %s", diff)
	}
	tb.waitFrames(3)

	// A drop made up by a script, with a DataTransfer built in JavaScript:
	// the loader imports it, and the module must survive it.
	// Reported below instead.
	tb.expectConsoleError("Go program has already exited")
	tb.expectConsoleError("panic: syscall/js")
	tb.clearNotice()
	if e := tb.try(`const dt = new DataTransfer(); dt.items.add(new File(["x,y,label\n1.25,0.75,1\n"], "synthetic.csv", {type: "text/csv"}));
	  const c = document.querySelector("canvas"), r = c.getBoundingClientRect();
	  const at = {bubbles: true, cancelable: true, dataTransfer: dt, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2};
	  c.dispatchEvent(new DragEvent("dragover", at));
	  c.dispatchEvent(new DragEvent("drop", at))`); e != "" {
		t.Fatalf("dispatching a synthetic drop: %s", e)
	}
	tb.waitNotice("the notice after a synthetic drop")
	time.Sleep(500 * time.Millisecond)
	alive := tb.try(`advplay.summary(); advplay.set({epsilon: 0.1})`)
	var pts []Point
	if alive == "" {
		pts = tb.state().Points
	}
	panics := tb.consoleWith("panic: ")
	t.Logf("synthetic drop: notice %q, points %+v, API %q", tb.notice(), pts, alive)
	if alive != "" || len(panics) > 0 {
		t.Errorf("a drop event with a DataTransfer built by a script killed the Go program: %v; the API now throws %q (Ebiten's own drop listener on the canvas reads items[0].webkitGetAsEntry(), null for such a file, and Value.Get panics)", panics, alive)
	} else if !slices.Equal(pts, []Point{{1.25, 0.75, 1}}) {
		t.Errorf("after a synthetic drop of synthetic.csv, the points are %+v", pts)
	}
}

// TestExportPNGHidden asks for a picture while the page is hidden, when
// the plot draws nothing: the promise is rejected at once with a reason,
// and the export works again once the page is shown.
func TestExportPNGHidden(t *testing.T) {
	tb := openPlay(t, desktop)
	type outcome struct {
		OK     bool
		Error  string
		Width  int
		Millis float64
	}
	exportNow := `new Promise((res) => { const t0 = performance.now();
	  advplay.exportPNG().then((img) => res({ok: true, width: img.width, millis: performance.now() - t0}),
	    (e) => res({ok: false, error: String(e && e.message), millis: performance.now() - t0})); })`
	tb.try(`Object.defineProperty(document, "hidden", {configurable: true, get: () => true}); document.dispatchEvent(new Event("visibilitychange"))`)
	hidden := evalAwait[outcome](tb, exportNow)
	t.Logf("exportPNG while hidden: %+v", hidden)
	if hidden.OK || !strings.Contains(hidden.Error, "exportPNG") || !strings.Contains(hidden.Error, "cannot be seen") {
		t.Errorf("exportPNG while hidden gave %+v, want a rejection that says why", hidden)
	}
	tb.try(`delete document.hidden; document.dispatchEvent(new Event("visibilitychange"))`)
	if shown := evalAwait[outcome](tb, exportNow); !shown.OK || shown.Width != 1280 {
		t.Errorf("exportPNG once shown again gave %+v, want a 1280-pixel-wide picture", shown)
	}
}
