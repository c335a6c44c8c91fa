package readout

import (
	"fmt"
	"math"
	"slices"

	"advplay/engine/scene"
	"advplay/wasm/view"
)

// Axis is the chart's horizontal axis: its range, its labelled ticks, its
// title, and the marker of the scene's own place on it (a vertical line
// at MarkX when Mark, and a dot at (MarkX, MarkY) when Point).
type Axis struct {
	Min, Max     float64
	Ticks        []view.Tick
	Title        string
	MarkX, MarkY float64
	Mark, Point  bool
}

// ChartState is what the chart's axis and series follow besides the
// settings: the error under attack at the scene's ε, whether a model
// trains and the epoch the chart's series trail it at, and how far the
// error-against-dimension chart is.
type ChartState struct {
	Error          float64
	Running        bool
	Epoch          int
	DimensionsBusy bool
	DimensionsDone float64
}

// ChartAxis returns the chart's axis in the settings' chart mode: ε from 0
// to scene.MaxEpsilon with the scene's ε and its error marked, or log₂ d
// from 2 to scene.MaxDimension with the clouds' own dimension marked.
func ChartAxis(set scene.Settings, c ChartState) Axis {
	if set.Chart.Mode == scene.ChartDimension {
		a := Axis{Min: 1, Max: math.Log2(scene.MaxDimension), Title: fmt.Sprintf("error against dimension d at ε %.2f", set.Epsilon)}
		for _, d := range []int{2, 16, 128, 1024} {
			a.Ticks = append(a.Ticks, view.Tick{Value: math.Log2(float64(d)), Label: fmt.Sprint(d)})
		}
		if c.DimensionsBusy {
			a.Title = fmt.Sprintf("%s: %.0f %%…", a.Title, 100*c.DimensionsDone)
		}
		if slices.Contains(scene.CloudPresets, set.Preset) {
			a.Mark, a.MarkX = true, math.Log2(float64(set.Dimension))
		}
		return a
	}
	a := Axis{Min: 0, Max: scene.MaxEpsilon, Title: "error against ε", Mark: true, Point: true, MarkX: set.Epsilon, MarkY: c.Error}
	for _, e := range []float64{0, 0.5, 1} {
		a.Ticks = append(a.Ticks, view.Tick{Value: e, Label: fmt.Sprint(e)})
	}
	if c.Running {
		// The chart is computed from a snapshot and trails the training.
		a.Title = fmt.Sprintf("%s, epoch %d", a.Title, c.Epoch)
	}
	return a
}

// ChartSeries returns the series the chart shows in the settings' chart
// mode: those of the error against ε (without the theory when it is not
// shown), or the error against dimension as curves over log₂ d.
func ChartSeries(set scene.Settings, curves []scene.Curve, dims []scene.DimensionPoint) []scene.Curve {
	if set.Chart.Mode == scene.ChartDimension {
		return DimensionSeries(dims)
	}
	var out []scene.Curve
	for _, c := range curves {
		if c.Name != "theory" || set.Show.Theory {
			out = append(out, c)
		}
	}
	return out
}

// ChartTableOf returns the chart as a table in the settings' chart mode: a
// row every TableStep of ε, or a row per dimension (Key "d").
func ChartTableOf(set scene.Settings, curves []scene.Curve, dims []scene.DimensionPoint) Table {
	if set.Chart.Mode == scene.ChartDimension {
		return DimensionTable(dims)
	}
	return ChartTable(ChartSeries(set, curves, dims))
}
