// Package perf keeps the timings of the playground's own frame work: the
// headless browser's frame rate says little about our code, so the
// medians and high quantiles of Update and Draw, and of Update's phases,
// are what tests and budgets read (state().perf).
//
// It holds no ebiten or syscall/js import and is tested natively.
package perf

import (
	"runtime"
	"slices"
	"time"

	"advplay/engine/scene"
)

// Window keeps the last 120 durations of one kind of work.
type Window struct {
	ms  [120]float64
	n   int
	pos int
}

// Add records a duration.
func (w *Window) Add(d time.Duration) {
	w.ms[w.pos] = float64(d.Microseconds()) / 1000
	w.pos = (w.pos + 1) % len(w.ms)
	w.n = min(w.n+1, len(w.ms))
}

// Since records the time since start.
func (w *Window) Since(start time.Time) { w.Add(time.Since(start)) }

// Median returns the median of the kept durations in milliseconds, 0 for
// none.
func (w *Window) Median() float64 { return w.Quantile(0.5) }

// Quantile returns the q-quantile (0 ≤ q < 1) of the kept durations in
// milliseconds: the smallest kept value with a fraction q of them below
// it; 0 for none.
func (w *Window) Quantile(q float64) float64 {
	if w.n == 0 {
		return 0
	}
	s := slices.Clone(w.ms[:w.n])
	slices.Sort(s)
	return s[int(q*float64(len(s)))]
}

// Stats times the frames: Update and Draw, their sum per frame, Update's
// phases and the layers rebuilt, and counts the frames.
type Stats struct {
	Update, Draw Window
	// Work is Update plus Draw of each frame.
	Work Window
	// Shade and PointsLayer time the rebuilds of those layers.
	Shade, PointsLayer Window
	// Update's phases, every frame.
	Input, Train, Figures, Layers, Curves, Notify Window
	Interval                                      Window

	lastUpdate time.Duration
	lastFrame  time.Time
	// frames counts Draw calls, composed those that drew the frame.
	frames, composed int
}

// Report is state().perf.
type Report struct {
	scene.Perf
	UpdateMs float64 `json:"updateMs"`
	// DrawMs is the median Draw that composed the frame; an unchanged
	// frame is left on the screen at almost no cost.
	DrawMs float64 `json:"drawMs"`
	// Work95Ms is the 95th percentile of Update plus Draw per frame.
	Work95Ms float64 `json:"work95Ms"`
	// FrameIntervalMs is the median time between frames, as drawn.
	FrameIntervalMs float64 `json:"frameIntervalMs"`
	// Frames counts the frames the game loop ran; Composed those that drew
	// the screen. At rest neither grows: the loop sleeps, and Asleep says
	// so.
	Frames   int  `json:"frames"`
	Composed int  `json:"composed"`
	Asleep   bool `json:"asleep"`
	// Calls counts the calls into the module from JavaScript, Pushes the
	// summaries it pushed to the page, and LinkPushes those of them that
	// brought only a new link (no change of the scene, so no
	// advplay:change event).
	Calls      int `json:"calls"`
	Pushes     int `json:"pushes"`
	LinkPushes int `json:"linkPushes"`
	// Trainer says where a training runs: "worker" (a Web Worker),
	// "page" (the main thread, between frames) or "starting" (the worker
	// loads); WorkerMs is the worker's own training time for the current
	// training.
	Trainer  string  `json:"trainer"`
	WorkerMs float64 `json:"workerMs"`
	// ShadeMs and PointsLayerMs are the medians of those layers' rebuilds.
	ShadeMs       float64 `json:"shadeMs"`
	PointsLayerMs float64 `json:"pointsLayerMs"`
	// Phases holds the medians of Update's phases: input, train, figures
	// (re-attack), curves, layers and notify (telling the page).
	Phases map[string]float64 `json:"phases"`
	// Memory is the module's memory, in state() only (reading it stops
	// the program for a moment).
	Memory *Memory `json:"memory,omitempty"`
}

// Memory is what the Go program holds: its live heap, and all it obtained
// from the browser, which is the WebAssembly memory it grew (that never
// shrinks).
type Memory struct {
	HeapBytes uint64 `json:"heapBytes"`
	SysBytes  uint64 `json:"sysBytes"`
}

// ReadMemory returns the program's memory now.
func ReadMemory() *Memory {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return &Memory{HeapBytes: m.HeapAlloc, SysBytes: m.Sys}
}

// Report returns the statistics with the scene's own timings.
func (p *Stats) Report(s scene.Perf) Report {
	return Report{Perf: s, UpdateMs: p.Update.Median(), DrawMs: p.Draw.Median(), Work95Ms: p.Work.Quantile(0.95),
		FrameIntervalMs: p.Interval.Median(), Frames: p.frames, Composed: p.composed,
		ShadeMs: p.Shade.Median(), PointsLayerMs: p.PointsLayer.Median(),
		Phases: map[string]float64{"input": p.Input.Median(), "train": p.Train.Median(), "figures": p.Figures.Median(),
			"layers": p.Layers.Median(), "curves": p.Curves.Median(), "notify": p.Notify.Median()}}
}

// Frames returns the number of frames drawn, and of those that composed
// the screen.
func (p *Stats) Frames() (frames, composed int) { return p.frames, p.composed }

// Drawn records one Draw that began at start; composed says it drew the
// frame rather than leaving the screen as it was. Draw keeps composed
// frames only, so that DrawMs is the cost of drawing; Work keeps every
// frame.
func (p *Stats) Drawn(start time.Time, composed bool) {
	now := time.Now()
	if composed {
		p.Draw.Add(now.Sub(start))
		p.composed++
	}
	p.Work.Add(p.lastUpdate + now.Sub(start))
	p.lastUpdate = 0
	if !p.lastFrame.IsZero() {
		p.Interval.Add(start.Sub(p.lastFrame))
	}
	p.lastFrame = start
	p.frames++
}

// Updated records one Update that began at start.
func (p *Stats) Updated(start time.Time) {
	d := time.Since(start)
	p.Update.Add(d)
	p.lastUpdate += d
}
