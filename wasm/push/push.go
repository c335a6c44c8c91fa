// Package push builds the one summary the module pushes to the page, and
// decides when: data flows one way, the page sending commands and the
// module telling it, in versioned summaries, everything it shows — the
// figures and their text, the notice, the plot's box for the overlays, the
// chart as a table and the pictures of the gallery, each of these two only
// when it changed — and, once the scene has stayed as it is for LinkDelay,
// its link.
//
// It has no ebiten or syscall/js import and is tested natively; the
// module's glue sends what Build returns.
package push

import (
	"time"

	"advplay/engine/scene"
	"advplay/wasm/perf"
	"advplay/wasm/readout"
)

// LocalLink begins the fragment of a link to a scene too large for a
// link, which the page keeps in its tab's storage instead: "#local=key".
const LocalLink = "local="

// LinkDelay is how long the scene must stay as it is before its link is
// pushed: encoding compresses every edited point, and a link that follows
// a slider held down step by step would only fill the browser's history of
// replaceState calls.
const LinkDelay = 300 * time.Millisecond

// Summary is what the module pushes: the scene's state without the
// points, and what the page shows beside it.
type Summary struct {
	// Version counts the summaries pushed.
	Version int `json:"version"`
	// Link is the scene as a link's fragment, pushed once the scene has
	// stayed as it is for LinkDelay, or at once when asked; empty
	// otherwise. LinkOnly says nothing but the link is new.
	Link     string `json:"link,omitempty"`
	LinkOnly bool   `json:"linkOnly,omitempty"`
	scene.State
	Perf    perf.Report `json:"perf"`
	Readout Text        `json:"readout"`
	Cursor  Cursor      `json:"cursor"`
	// Shown is the point under the mouse or the keyboard cursor, whose
	// details the plot shows; −1 for none.
	Shown  int    `json:"shown"`
	Notice Notice `json:"notice"`
	// Plot is where the plot lies on the canvas, in CSS pixels: the page
	// places the readout in its top right corner and the gallery in its
	// bottom left.
	Plot Box `json:"plot"`
	// Table is the chart as a table, and Gallery the pictures above two
	// dimensions: each only in the summary after it changed.
	Table   *Table   `json:"table,omitempty"`
	Gallery *Gallery `json:"gallery,omitempty"`
}

// Text is what the page shows and reads aloud as text: the readout's
// lines, the sentence for the live region, the plot's description, and
// what the keyboard last did, numbered so that the same words twice are
// read twice.
type Text struct {
	Lines        []readout.Line `json:"lines"`
	Announcement string         `json:"announcement"`
	Description  string         `json:"description"`
	Said         string         `json:"said"`
	SaidSeq      int            `json:"saidSeq"`
}

// Cursor is the keyboard cursor in data coordinates, with the point it
// carries (−1 for none).
type Cursor struct {
	Visible  bool    `json:"visible"`
	X        float64 `json:"x"`
	Y        float64 `json:"y"`
	Carrying int     `json:"carrying"`
}

// Notice is the one line under the controls: a problem (Kind "error") or
// a confirmation ("info"), numbered so that the same words twice show
// twice.
type Notice struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
	Seq  int    `json:"seq"`
}

// Box is the plot's place on the canvas in CSS pixels: its distances from
// the canvas's edges, and where the readout's corner is.
type Box struct {
	Top    float64 `json:"top"`
	Right  float64 `json:"right"`
	Bottom float64 `json:"bottom"`
	Left   float64 `json:"left"`
}

// Table is the chart as a table, with the chart's version.
type Table struct {
	readout.Table
	Version int `json:"version"`
}

// Gallery is the pictures of a scene above two dimensions: a few points
// with what the attack does to them (the point under the mouse or the
// cursor first) and the model's weights, for logistic regression.
type Gallery struct {
	Samples []Sample  `json:"samples"`
	Weights []float64 `json:"weights,omitempty"`
	// Side is the pictures' side in pixels: d = Side².
	Side int `json:"side"`
}

// Sample is one point of the gallery.
type Sample struct {
	Index int `json:"index"`
	scene.SampleView
}

// Frame is what the summary shows besides the scene: the view's state as
// the module holds it.
type Frame struct {
	Compact bool
	Said    string
	SaidSeq int
	Notice  Notice
	Cursor  Cursor
	Shown   int
	Plot    Box
	Perf    perf.Report
	// Chart counts the chart's series completed, and Series returns them.
	Chart  int
	Series func() []scene.Curve
	// Table returns the chart as a table.
	Table func() readout.Table
}
