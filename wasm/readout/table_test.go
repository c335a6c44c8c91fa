package readout

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"advplay/engine/metrics"
	"advplay/engine/scene"
)

func TestChartTable(t *testing.T) {
	// A fine series at every 0.01 and a coarse one at every 0.05, as the
	// scene's CurveSteps and BruteSteps grids make them.
	var fine, coarse []metrics.CurvePoint
	for k := 0; k <= scene.CurveSteps; k++ {
		e := float64(k) / scene.CurveSteps
		fine = append(fine, metrics.CurvePoint{Epsilon: e, Error: e / 2})
	}
	for k := 0; k <= scene.BruteSteps; k++ {
		e := float64(k) / scene.BruteSteps
		coarse = append(coarse, metrics.CurvePoint{Epsilon: e, Error: e})
	}
	tab := ChartTable([]scene.Curve{{Name: "fgsm", Points: fine}, {Name: "pgd", Points: coarse[:10]}})
	if len(tab.Columns) != 2 || tab.Columns[0] != "FGSM" || tab.Columns[1] != "PGD" {
		t.Errorf("columns %v, want the legend's names [FGSM PGD]", tab.Columns)
	}
	// 0, 0.05, …, 1: 21 rows.
	if len(tab.Rows) != 21 {
		t.Fatalf("%d rows, want 21", len(tab.Rows))
	}
	for k, row := range tab.Rows {
		eps := float64(k) * TableStep
		if math.Abs(row[0]-eps) > 1e-12 || math.Abs(row[1]-eps/2) > 1e-12 {
			t.Errorf("row %d: %v, want ε %v and FGSM %v", k, row, eps, eps/2)
		}
		// The coarse series stops after 10 points (ε 0.45).
		if k < 10 && math.Abs(row[2]-eps) > 1e-12 || k >= 10 && !math.IsNaN(row[2]) {
			t.Errorf("row %d: PGD %v, want %v", k, row[2], map[bool]float64{true: eps, false: math.NaN()}[k < 10])
		}
	}
	if l := SeriesLabel("unknown"); l != "unknown" {
		t.Errorf("SeriesLabel of an unknown series = %q, want the name itself", l)
	}
}

func TestDimensionTable(t *testing.T) {
	pts := []scene.DimensionPoint{
		{Dimension: 2, Attack: "fgsm", Error: 0.01, Theory: 0.012},
		{Dimension: 2, Attack: "fgm", Error: 0.008, Theory: 0.0076},
		{Dimension: 1024, Attack: "fgsm", Error: 1, Theory: 0.9998},
		{Dimension: 1024, Attack: "fgm", Error: 0.007, Theory: 0.0076},
	}
	series := DimensionSeries(pts)
	if len(series) != 4 || series[0].Points[1].Epsilon != 10 || series[3].Points[1].Error != 0.0076 {
		t.Errorf("DimensionSeries: %+v; want four series over log₂ d, 10 for d = 1024", series)
	}
	tab := DimensionTable(pts)
	if tab.Key != "d" || len(tab.Rows) != 2 || tab.Rows[1][0] != 1024 || tab.Rows[1][1] != 1 || tab.Rows[0][3] != 0.008 {
		t.Errorf("DimensionTable: %+v", tab)
	}
	if tab.Columns[2] != "FGM (L2)" {
		t.Errorf("columns %v", tab.Columns)
	}
}

// TestDimensionTableEmpty: before the first dimension is done, the table
// has its columns and an empty list of rows, never null.
func TestDimensionTableEmpty(t *testing.T) {
	b, err := json.Marshal(DimensionTable(nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := `"rows":[]`; !strings.Contains(string(b), want) {
		t.Errorf("DimensionTable(nil) is %s, want %s in it", b, want)
	}
}
