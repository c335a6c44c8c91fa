//go:build !js

package browsertest

// The start: the main thread's long tasks while play.html starts, each
// named by the steps it holds, as the loader and the module mark them.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// startupScript records the page's long tasks (over 50 ms of the main
// thread) and long animation frames, with the scripts that ran in them,
// from before the page's own scripts.
const startupScript = `(() => {
  const st = window.__startup = {tasks: [], frames: []};
  const watch = (type, f) => { try { new PerformanceObserver((l) => l.getEntries().forEach(f)).observe({type, buffered: true}); } catch (e) {} };
  watch("longtask", (e) => st.tasks.push({start: e.startTime, duration: e.duration}));
  watch("long-animation-frame", (e) => st.frames.push({start: e.startTime, duration: e.duration,
    scripts: (e.scripts || []).map((s) => ({invoker: s.invoker, source: (s.sourceURL || "").split("/").pop(), duration: s.duration, start: s.startTime}))}));
})();`

// startTask is one long task of the start, named.
type startTask struct {
	Start, Duration float64
	// What lists the marks inside the task and, before them, the last one
	// before it; Scripts the scripts a long animation frame saw in it.
	What    string
	Scripts []string
}

// startupTasks opens path at vp, waits for the module's first frame and a
// moment after it, and returns its long tasks from navigation to then,
// longest first, and the page's marks.
func startupTasks(t *testing.T, s *site, path string, vp viewport) ([]startTask, map[string]float64) {
	t.Helper()
	tb := s.open(t, path, vp, func(ctx context.Context) {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: startupScript}); err != nil {
			t.Fatalf("adding the start-up script: %v", err)
		}
	})
	tb.waitReady("")
	// The frames after the first, and the first push's work.
	time.Sleep(1500 * time.Millisecond)
	type entry struct {
		Start, Duration float64
		Scripts         []struct {
			Invoker, Source string
			Duration, Start float64
		}
	}
	type marks struct {
		Name string
		At   float64
	}
	type result struct {
		Tasks, Frames []entry
		Marks         []marks
	}
	r := evalJS[result](tb, `({tasks: __startup.tasks, frames: __startup.frames,
	  marks: performance.getEntriesByType("mark").filter((m) => m.name.startsWith("advplay:")).map((m) => ({name: m.name, at: m.startTime}))})`)
	tb.close()
	at := map[string]float64{}
	for _, m := range r.Marks {
		at[m.Name] = m.At
	}
	var out []startTask
	for _, e := range r.Tasks {
		end := e.Start + e.Duration
		var inside []string
		before := "navigation"
		for _, m := range r.Marks {
			switch {
			case m.At < e.Start:
				before = m.Name
			case m.At <= end:
				inside = append(inside, m.Name)
			}
		}
		what := "after " + strings.TrimPrefix(before, "advplay:")
		if len(inside) > 0 {
			names := make([]string, len(inside))
			for i, n := range inside {
				names[i] = strings.TrimPrefix(n, "advplay:")
			}
			what += "; " + strings.Join(names, ", ")
		}
		task := startTask{Start: e.Start, Duration: e.Duration, What: what}
		for _, f := range r.Frames {
			for _, sc := range f.Scripts {
				if sc.Start >= e.Start && sc.Start <= end && sc.Duration >= 5 {
					task.Scripts = append(task.Scripts, fmt.Sprintf("%s %s %.0f ms", sc.Source, sc.Invoker, sc.Duration))
				}
			}
		}
		out = append(out, task)
	}
	slices.SortFunc(out, func(a, b startTask) int { return int(b.Duration - a.Duration) })
	return out, at
}

// bareStartTasks opens the bare Ebiten page at url, which fills the
// screen and has none of advplay's code, and returns the lengths of its
// long tasks from navigation to two seconds after its module runs,
// longest first: the floor that Go and Ebiten set for any start here.
func bareStartTasks(t *testing.T, url string, vp viewport) []float64 {
	t.Helper()
	tb := newTab(t, url+"/bare.html", vp, func(ctx context.Context) {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: startupScript}); err != nil {
			t.Fatalf("adding the start-up script: %v", err)
		}
	})
	defer tb.close()
	tb.waitJS("the bare page to run", readyTimeout, `window.bareReady === true`)
	time.Sleep(2 * time.Second)
	d := evalJS[[]float64](tb, `__startup.tasks.map((e) => e.duration)`)
	slices.SortFunc(d, func(a, b float64) int { return int(b - a) })
	return d
}

// blocking is the main thread's time beyond 50 ms in each of tasks, as
// Lighthouse's total blocking time counts it.
func blocking(tasks []float64) float64 {
	var b float64
	for _, d := range tasks {
		b += max(d-50, 0)
	}
	return b
}

// TestStartupTasks prints the main thread's long tasks while play.html
// starts, at 1280×800 and on a phone, each named by the loader's and the
// module's marks inside it (or the last before it), and the longest;
// beside them, in the same run, those of the bare Ebiten page, the floor
// any Ebiten game's start has here. The aim is no task over 200 ms on the
// desktop; a time is never asserted.
func TestStartupTasks(t *testing.T) {
	bare := bareSite(t)
	for _, c := range []struct {
		name string
		vp   viewport
	}{{"desktop", desktop}, {"phone", phone}} {
		t.Run(c.name, func(t *testing.T) {
			tasks, marks := startupTasks(t, pkgSite, "play.html", c.vp)
			var steps []string
			for _, k := range []string{"fetch", "instantiated", "run", "main", "game", "update 0", "draw 0", "draw 1"} {
				if v, ok := marks["advplay:"+k]; ok {
					steps = append(steps, fmt.Sprintf("%s %.0f", k, v))
				}
			}
			t.Logf("%s: marks (ms from navigation): %s", c.name, strings.Join(steps, ", "))
			for _, task := range tasks {
				t.Logf("%s: long task at %.0f ms, %.0f ms: %s %v", c.name, task.Start, task.Duration, task.What, task.Scripts)
			}
			load := machineLoad()
			if len(tasks) == 0 {
				t.Logf("figure: start-up, %s: no task over 50 ms (aim 200 ms; %s)", c.name, load)
				return
			}
			durations := make([]float64, len(tasks))
			for i, task := range tasks {
				durations[i] = task.Duration
			}
			t.Logf("figure: start-up, %s: %d long tasks, the longest %.0f ms (%s; aim 200 ms), %.0f ms blocking (%s)",
				c.name, len(tasks), tasks[0].Duration, tasks[0].What, blocking(durations), load)
			floor := bareStartTasks(t, bare, c.vp)
			if len(floor) == 0 {
				floor = []float64{0}
			}
			t.Logf("figure: start-up floor, %s: a bare Ebiten page (it fills the screen; no code of advplay) in the same run: %d long tasks, the longest %.0f ms, %.0f ms blocking (%s)",
				c.name, len(floor), floor[0], blocking(floor), machineLoad())
		})
	}
}
