package scene

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"advplay/engine/data"
)

// PointsCSV returns the points and their adversarial twins as CSV with the
// header x,y,label,x_adv,y_adv,flipped.
func (s *Scene) PointsCSV() string {
	s.Flush()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"x", "y", "label", "x_adv", "y_adv", "flipped"})
	for i, p := range s.points {
		a := s.adv[i]
		w.Write([]string{ftoa(p.X), ftoa(p.Y), strconv.Itoa(p.Label), ftoa(a.X), ftoa(a.Y), strconv.FormatBool(s.flipped[i])})
	}
	w.Flush()
	return b.String()
}

// CurveCSV returns the chart's series as CSV: one row per ε, one column
// per series.
func (s *Scene) CurveCSV() string {
	curves := s.Curves()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := []string{"epsilon"}
	for _, c := range curves {
		head = append(head, c.Name+"_error")
	}
	w.Write(head)
	for i := range curves[0].Points {
		row := []string{ftoa(curves[0].Points[i].Epsilon)}
		for _, c := range curves {
			row = append(row, ftoa(c.Points[i].Error))
		}
		w.Write(row)
	}
	w.Flush()
	return b.String()
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// ImportCSV replaces the points with those of a CSV file (see
// data.ReadCSV), whose coordinates must lie within ±MaxCoordinate. Extra
// columns such as an export's x_adv are not allowed; the error names the
// line and column of the first problem, and on error nothing changes.
func (s *Scene) ImportCSV(text string) error {
	points, err := data.ReadCSVWithin(strings.NewReader(text), MaxCoordinate)
	if err != nil {
		return err
	}
	if len(points) > MaxPoints {
		return fmt.Errorf("the file has %d points, more than the %d a scene holds", len(points), MaxPoints)
	}
	return s.SetPoints(points)
}
