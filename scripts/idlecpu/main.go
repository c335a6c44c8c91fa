//go:build !js

// Command idlecpu measures what advplay costs at rest: the CPU time of the
// whole headless Chromium (browser, GPU and renderer processes) over a
// window after the page has settled, as a percentage of one core. It
// measures a bare Ebiten page in the same run, which is the floor any
// Ebiten game pays, and reports each page beside it.
//
//	make build && go run ./scripts/idlecpu
//	go run ./scripts/idlecpu -pages play.html -measure 20s
//
// Each page gets a fresh browser of its own, so that nothing else runs in
// it. The bare page is built from scripts/idlecpu/bare.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"advplay/scripts/barepage"
	"advplay/scripts/devserver"
)

func main() {
	dist := flag.String("dist", "dist", "the built site")
	pages := flag.String("pages", "bare,play.html,examples/blog-post.html", "pages to measure, comma-separated; bare is the bare Ebiten page")
	settle := flag.Duration("settle", 8*time.Second, "time after load before measuring")
	measure := flag.Duration("measure", 20*time.Second, "measuring window")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the browser")
	width := flag.Int64("width", 1280, "viewport width")
	height := flag.Int64("height", 800, "viewport height")
	flag.Parse()
	if err := run(*dist, strings.Split(*pages, ","), *settle, *measure, *chromium, *width, *height); err != nil {
		fmt.Fprintln(os.Stderr, "idlecpu:", err)
		os.Exit(1)
	}
}

func run(dist string, pages []string, settle, measure time.Duration, chromium string, w, h int64) error {
	bare, err := barepage.Build(".")
	if err != nil {
		return err
	}
	defer os.RemoveAll(bare)
	mux := http.NewServeMux()
	mux.Handle("/bare/", http.StripPrefix("/bare/", devserver.Handler(bare)))
	mux.Handle("/", devserver.Handler(dist))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	fmt.Printf("idle CPU of the whole browser, %% of one core, over %v after %v settling (%d cores, load %s)\n",
		measure, settle, runtime.NumCPU(), loadAverage())
	for _, p := range pages {
		u := srv.URL + "/" + p
		if p == "bare" {
			u = srv.URL + "/bare/bare.html"
		}
		r, err := measurePage(u, settle, measure, chromium, w, h)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		fmt.Printf("%-28s total %5.1f %%  (%s)  memory %.0f MB PSS, %d figures started\n", p, r.total, r.byType, r.pssMB, r.figures)
	}
	return nil
}

type result struct {
	total  float64
	byType string
	// pssMB is the browser's proportional set size at the end, all its
	// processes together; figures how many advplay figures had started.
	pssMB   float64
	figures int
}

func measurePage(u string, settle, measure time.Duration, chromium string, w, h int64) (result, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, settle+measure+restTimeout+time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h), chromedp.Navigate(u)); err != nil {
		return result{}, err
	}
	time.Sleep(settle)
	// A busy machine starts the figures more slowly than settle allows:
	// measure only once every one of them rests.
	if err := waitAtRest(ctx, restTimeout); err != nil {
		return result{}, err
	}
	pid := chromedp.FromContext(ctx).Browser.Process().Pid
	before := treeTicks(pid)
	time.Sleep(measure)
	after := treeTicks(pid)
	var r result
	var parts []string
	for _, k := range []string{"browser", "gpu-process", "renderer", "utility", "other"} {
		d := float64(after[k]-before[k]) / clockTicks / measure.Seconds() * 100
		r.total += d
		if d > 0.05 {
			parts = append(parts, fmt.Sprintf("%s %.1f", k, d))
		}
	}
	r.byType = strings.Join(parts, ", ")
	r.pssMB = float64(treePSS(pid)) / 1024
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](startedFigures))
	if err != nil {
		return result{}, err
	}
	r.figures = n
	return r, nil
}

// startedFigures counts the advplay figures of a page, itself or in an
// iframe (an <adv-play>'s too), whose module has started.
const startedFigures = `[window, ...Array.from(document.querySelectorAll("iframe, adv-play"),
  (el) => el.shadowRoot ? el.shadowRoot.querySelector("iframe") : el).filter(Boolean).map((f) => f.contentWindow)]
  .filter((w) => { try { return !!w.advplay; } catch (e) { return false; } }).length`

// treePSS returns the proportional set size, in kB, of root and its
// descendants (each process's smaps_rollup): memory shared between them
// is counted once in all.
func treePSS(root int) int64 {
	var total int64
	for pid := range tree(root) {
		b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "smaps_rollup"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "Pss:"); ok {
				f := strings.Fields(v)
				if len(f) > 0 {
					kb, _ := strconv.ParseInt(f[0], 10, 64)
					total += kb
				}
				break
			}
		}
	}
	return total
}

// restTimeout bounds the wait for a page to come to rest: a CI machine with
// both cores busy starts the blog example's five figures several times
// more slowly than an idle one.
const restTimeout = 6 * time.Minute

// atRest is true when every advplay figure of the page, itself or in an
// iframe, rests (state().perf.asleep) or waits for the reader to come near
// (its Start button, or an <adv-play> that has not started): what the page
// costs then is its cost at rest.
// Another page, such as the bare one, is at rest once settled.
const atRest = `(() => [window, ...Array.from(document.querySelectorAll("iframe, adv-play"),
  (el) => el.shadowRoot ? el.shadowRoot.querySelector("iframe") : el).filter(Boolean).map((f) => f.contentWindow)].every((w) => {
  try {
    if (w.advplay) return w.advplay.summary().perf.asleep;
    const start = w.document.getElementById("start");
    if (!w.document.getElementById("plot-area")) return true;
    return !!start && !start.hidden && start.getAttribute("aria-disabled") !== "true";
  } catch (e) {
    return true;
  }
}))()`

// waitAtRest polls atRest until it has held twice, a second apart, or
// fails after timeout.
func waitAtRest(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	held := 0
	for held < 2 {
		rest, err := chromedp.Run(ctx, chromedp.Evaluate[bool](atRest))
		if err != nil {
			return err
		}
		if held = 0; rest {
			held = 1
			time.Sleep(time.Second)
			if rest, err = chromedp.Run(ctx, chromedp.Evaluate[bool](atRest)); err != nil {
				return err
			}
			if rest {
				held = 2
			}
		}
		if held < 2 {
			if time.Now().After(deadline) {
				return fmt.Errorf("the page did not come to rest within %v", timeout)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	return nil
}

// clockTicks is USER_HZ, the unit of /proc/pid/stat's times on Linux.
const clockTicks = 100

// proc is a process's parent and CPU ticks (user + system).
type proc struct {
	ppid  int
	ticks int64
}

// tree returns the processes of root and its descendants.
func tree(root int) map[int]proc {
	procs := map[int]proc{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The command name is in parentheses and may hold spaces.
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if len(f) < 13 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		procs[pid] = proc{ppid, ut + st}
	}
	in := func(pid int) bool {
		for pid > 1 {
			if pid == root {
				return true
			}
			pid = procs[pid].ppid
		}
		return false
	}
	out := map[int]proc{}
	for pid, p := range procs {
		if in(pid) {
			out[pid] = p
		}
	}
	return out
}

// treeTicks returns the CPU ticks of root and its descendants, summed by
// Chromium process type. Processes that ended within the window are lost,
// which at rest is none.
func treeTicks(root int) map[string]int64 {
	out := map[string]int64{}
	for pid, p := range tree(root) {
		out[processType(pid, root)] += p.ticks
	}
	return out
}

// processType returns Chromium's --type= of a process, "browser" for the
// root.
func processType(pid, root int) string {
	if pid == root {
		return "browser"
	}
	b, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	// Chromium rewrites its argv, which may then hold spaces, not NULs.
	for _, a := range strings.Fields(strings.ReplaceAll(string(b), "\x00", " ")) {
		if t, ok := strings.CutPrefix(a, "--type="); ok {
			switch t {
			case "gpu-process", "renderer", "utility":
				return t
			}
			return "other"
		}
	}
	return "other"
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}
