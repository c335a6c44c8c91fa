// Package csvfile exports a scene's points and chart as CSV files and
// imports points from one: what the page's Export menu and its drop of a
// file on the plot use, and the command line's -csv.
package csvfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"advplay/engine/data"
	"advplay/engine/scene"
	"advplay/engine/scene/patch"
)

// Points returns the scene's points and their adversarial twins as CSV
// with the header x,y,label,x_adv,y_adv,flipped. Above two dimensions it
// returns the points alone in d dimensions, with the header x1,…,xd,label
// (data.WriteSamplesCSV), which Import reads back.
func Points(s *scene.Scene) string {
	s.Flush()
	var b bytes.Buffer
	if s.Settings().Dimension > scene.MinDimension {
		data.WriteSamplesCSV(&b, s.Samples()) // a bytes.Buffer does not fail
		return b.String()
	}
	v := s.View()
	w := csv.NewWriter(&b)
	w.Write([]string{"x", "y", "label", "x_adv", "y_adv", "flipped"})
	for i, p := range v.Points {
		a := v.Adversarial[i]
		w.Write([]string{ftoa(p.X), ftoa(p.Y), strconv.Itoa(p.Label), ftoa(a.X), ftoa(a.Y), strconv.FormatBool(v.Flipped[i])})
	}
	w.Flush()
	return b.String()
}

// Curves returns the scene's chart as CSV: one row per ε, one column per
// series (scene.Chart.Full).
func Curves(s *scene.Scene) string {
	curves := s.Chart().Full()
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

// Import replaces the scene's points with those of a CSV file whose
// coordinates must lie within ±scene.MaxCoordinate: with three fields a
// row, points in the plane (data.ReadCSV: x, y and label in any order);
// with more, points in d = fields − 1 dimensions, scene.MinDimension ≤ d ≤
// scene.MaxDimension, with the optional header x1,…,xd,label
// (data.ReadSamplesCSV), which scene.SetSamples then takes. Extra columns
// such as an export's x_adv are not allowed; the error names the line, and
// the column where there is one, of the first problem, and on error
// nothing changes.
func Import(s *scene.Scene, text string) error {
	fields, line := firstRecord(text)
	if fields <= 3 {
		points, err := data.ReadCSVWithin(strings.NewReader(text), scene.MaxCoordinate)
		if err != nil {
			return err
		}
		if len(points) > scene.MaxPoints {
			return fmt.Errorf("the file has %d points, more than the %d a scene holds", len(points), scene.MaxPoints)
		}
		samples, err := data.SamplesFromPoints(points)
		if err != nil {
			return err
		}
		return s.SetSamples(samples)
	}
	if d := fields - 1; d > scene.MaxDimension {
		return &data.CSVError{Line: line, Err: fmt.Errorf("has %d fields: %d coordinates a point, more than the %d dimensions a scene has", fields, d, scene.MaxDimension)}
	}
	samples, err := data.ReadSamplesCSV(strings.NewReader(text))
	if err != nil {
		return err
	}
	if err := s.SetSamples(samples); err != nil {
		var fe *patch.Error
		var i, j int
		if errors.As(err, &fe) {
			if n, _ := fmt.Sscanf(fe.Path, "points[%d].x%d", &i, &j); n == 2 {
				return &data.CSVError{Line: recordLine(text, i), Column: j, Field: fmt.Sprintf("x%d", j), Err: fmt.Errorf("is outside ±%g", float64(scene.MaxCoordinate))}
			}
		}
		return err
	}
	return nil
}

// csvReader returns a reader of CSV text that skips blank lines and takes
// any number of fields a row, as package data's readers do.
func csvReader(text string) *csv.Reader {
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff")))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return r
}

// firstRecord returns the number of fields of the first row of a CSV text
// and its line, or 0 if there is none or it does not parse (the readers of
// package data then report why).
func firstRecord(text string) (fields, line int) {
	r := csvReader(text)
	rec, err := r.Read()
	if err != nil {
		return 0, 0
	}
	line, _ = r.FieldPos(0)
	return len(rec), line
}

// recordLine returns the line of the i-th point of a CSV text that
// data.ReadSamplesCSV read: its (i+1)-th row of numbers.
func recordLine(text string, i int) int {
	r := csvReader(text)
	for k := 0; ; k++ {
		rec, err := r.Read()
		if err != nil {
			return 0
		}
		if k == 0 && isHeaderRow(rec) {
			k--
			continue
		}
		if k == i {
			line, _ := r.FieldPos(0)
			return line
		}
	}
}

// isHeaderRow reports whether the first field of a row, x1 in a row of
// data, is not a number: data.ReadSamplesCSV has then read the row as the
// header.
func isHeaderRow(rec []string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(rec[0]), 64)
	return err != nil
}
