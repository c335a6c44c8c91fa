package readout

import (
	"math"

	"advplay/engine/metrics"
	"advplay/engine/scene"
	"advplay/wasm/view"
)

// SeriesLabel returns the legend's name for a chart series
// (view.Series).
func SeriesLabel(name string) string { return view.Series(name).Label }

// Table is the chart's series as a table: a row per ε, a column per
// series, errors as fractions, NaN where a series has no value at that ε.
type Table struct {
	// Key names the first column: "ε", or "d" for the dimension chart.
	Key     string      `json:"key"`
	Columns []string    `json:"columns"`
	Rows    [][]float64 `json:"rows"` // ε, then one value per column
}

// TableStep is the ε between the table's rows: the chart's curves have
// values at every 0.01 or every 0.05, and a row every 0.05 keeps the
// table short enough to read.
const TableStep = 0.05

// ChartTable returns the series as a Table with a row at every multiple
// of TableStep from 0 to scene.MaxEpsilon.
func ChartTable(curves []scene.Curve) Table {
	t := Table{Key: "ε"}
	for _, c := range curves {
		t.Columns = append(t.Columns, SeriesLabel(c.Name))
	}
	steps := int(math.Round(scene.MaxEpsilon / TableStep))
	for k := 0; k <= steps; k++ {
		eps := float64(k) * TableStep
		row := []float64{eps}
		for _, c := range curves {
			v := math.NaN()
			for _, p := range c.Points {
				// Grids are k/100 or k/20: a match within 1e-9 is the same ε.
				if math.Abs(p.Epsilon-eps) < 1e-9 {
					v = p.Error
					break
				}
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// The dimension chart's series, as Curves whose Epsilon field holds log₂ d.
const (
	SeriesFGSM       = "fgsm"
	SeriesFGSMTheory = "fgsm theory"
	SeriesFGM        = "fgm"
	SeriesFGMTheory  = "fgm theory"
)

// DimensionSeries returns the error-against-dimension chart as curves over
// log₂ d: FGSM (L∞) and FGM (L2) measured, each with its closed form for
// the fitted line, so that one climbs with √d and the other stays flat.
func DimensionSeries(points []scene.DimensionPoint) []scene.Curve {
	out := []scene.Curve{{Name: SeriesFGSM}, {Name: SeriesFGSMTheory}, {Name: SeriesFGM}, {Name: SeriesFGMTheory}}
	for _, p := range points {
		x := math.Log2(float64(p.Dimension))
		k := 0
		if p.Attack == "fgm" {
			k = 2
		}
		out[k].Points = append(out[k].Points, metrics.CurvePoint{Epsilon: x, Error: p.Error})
		out[k+1].Points = append(out[k+1].Points, metrics.CurvePoint{Epsilon: x, Error: p.Theory})
	}
	return out
}

// DimensionTable returns the dimension chart as a Table, a row per
// dimension (Key "d"); while no dimension is done, its Rows are empty,
// not nil, so that the page's table and the API show an empty list.
func DimensionTable(points []scene.DimensionPoint) Table {
	t := Table{Key: "d", Rows: [][]float64{}}
	series := DimensionSeries(points)
	for _, c := range series {
		t.Columns = append(t.Columns, SeriesLabel(c.Name))
	}
	for i, p := range series[0].Points {
		row := []float64{math.Exp2(p.Epsilon)}
		for _, c := range series {
			v := math.NaN()
			if i < len(c.Points) {
				v = c.Points[i].Error
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
