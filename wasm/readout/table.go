package readout

import (
	"math"

	"advplay/engine/scene"
)

// seriesLabels name the chart's series as its legend does.
var seriesLabels = map[string]string{
	"clean":        "clean",
	"attack":       "attacked",
	"theory":       "theory",
	"fgsm":         "FGSM",
	"pgd":          "PGD",
	"plain clean":  "plain clean",
	"plain attack": "plain attacked",
}

// SeriesLabel returns the legend's name for a chart series.
func SeriesLabel(name string) string {
	if l, ok := seriesLabels[name]; ok {
		return l
	}
	return name
}

// Table is the chart's series as a table: a row per ε, a column per
// series, errors as fractions, NaN where a series has no value at that ε.
type Table struct {
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
	var t Table
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
