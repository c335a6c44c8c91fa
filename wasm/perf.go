//go:build js && wasm

package main

import (
	"slices"
	"time"

	"advplay/engine/scene"
)

// window keeps the last durations of one kind of work.
type window struct {
	ms  [120]float64
	n   int
	pos int
}

func (w *window) add(d time.Duration) {
	w.ms[w.pos] = float64(d.Microseconds()) / 1000
	w.pos = (w.pos + 1) % len(w.ms)
	w.n = min(w.n+1, len(w.ms))
}

// median returns the median of the kept durations in milliseconds.
func (w *window) median() float64 { return w.quantile(0.5) }

// quantile returns the q-quantile (0 ≤ q < 1) of the kept durations in
// milliseconds, the smallest kept value with a fraction q below it.
func (w *window) quantile(q float64) float64 {
	if w.n == 0 {
		return 0
	}
	s := slices.Clone(w.ms[:w.n])
	slices.Sort(s)
	return s[int(q*float64(len(s)))]
}

// perfStats times our own work per frame. The headless browser's frame
// rate says little about our code, so the medians of Update and Draw are
// what tests and budgets read.
type perfStats struct {
	update, draw window
	// work is Update plus Draw of each frame; lastUpdate waits for its Draw.
	work       window
	lastUpdate time.Duration
	// Parts of Update: the shading and the points layer, when rebuilt.
	shade, pointsLayer window
	// Update's phases, every frame.
	input, train, figures, layers, curves, notify window
	// frames counts Draw calls, composed those that drew the frame.
	frames, composed int
	lastFrame        time.Time
	interval         window
}

// perfReport is state().perf.
type perfReport struct {
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
	Frames        int     `json:"frames"`
	Composed      int     `json:"composed"`
	Asleep        bool    `json:"asleep"`
	ShadeMs       float64 `json:"shadeMs"`
	PointsLayerMs float64 `json:"pointsLayerMs"`
	// Phases holds the medians of Update's phases: input, train, figures
	// (re-attack and readout), layers, curves and notify (telling the page).
	Phases map[string]float64 `json:"phases"`
}

func (p *perfStats) report(s scene.Perf, asleep bool) perfReport {
	return perfReport{Perf: s, UpdateMs: p.update.median(), DrawMs: p.draw.median(), Work95Ms: p.work.quantile(0.95),
		FrameIntervalMs: p.interval.median(), Frames: p.frames, Composed: p.composed, Asleep: asleep,
		ShadeMs: p.shade.median(), PointsLayerMs: p.pointsLayer.median(),
		Phases: map[string]float64{"input": p.input.median(), "train": p.train.median(), "figures": p.figures.median(),
			"layers": p.layers.median(), "curves": p.curves.median(), "notify": p.notify.median()}}
}

// frameDrawn records one Draw; composed says it drew the frame rather than
// leaving the screen as it was. The draw window keeps composed frames only,
// so that DrawMs is the cost of drawing; work keeps every frame.
func (p *perfStats) frameDrawn(start time.Time, composed bool) {
	now := time.Now()
	if composed {
		p.draw.add(now.Sub(start))
		p.composed++
	}
	p.work.add(p.lastUpdate + now.Sub(start))
	p.lastUpdate = 0
	if !p.lastFrame.IsZero() {
		p.interval.add(start.Sub(p.lastFrame))
	}
	p.lastFrame = start
	p.frames++
}

// updated records one Update that began at start.
func (p *perfStats) updated(start time.Time) {
	d := time.Since(start)
	p.update.add(d)
	p.lastUpdate += d
}

// phase records the time since start in w.
func (p *perfStats) phase(w *window, start time.Time) { w.add(time.Since(start)) }
