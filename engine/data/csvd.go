package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadSamplesCSV reads labelled points in d dimensions, one per row: d
// coordinates, then the label (0 or 1, or red or blue). The header row
// x1,x2,…,xd,label is optional (case-insensitive; for d = 2 WriteCSV's
// x,y,label is accepted too); with or without it,
// the first row sets d, and every row must have d+1 fields. Blank lines
// are skipped, fields may be quoted, and a leading UTF-8 byte order mark
// is ignored.
//
// It returns a *CSVError naming the line, and the column where there is
// one, of the first problem: a row with another number of fields, a value
// that is not a finite number, an unknown label, a header that is not
// x1,…,xd,label, an empty file, or more than MaxCoordinates coordinates.
// On error it returns empty Samples.
func ReadSamplesCSV(r io.Reader) (Samples, error) {
	cr := newCSVReader(r)
	s := Samples{}
	first := true
	headerLine := 0
	for {
		rec, line, err := readRecord(cr)
		if err == io.EOF {
			break
		}
		if err != nil {
			return Samples{}, err
		}
		if first {
			first = false
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
			if len(rec) < 2 {
				return Samples{}, &CSVError{Line: line, Column: 2, Err: fmt.Errorf("has %d field, want at least 2 (x1,label)", len(rec))}
			}
			s.Dim = len(rec) - 1
			if s.Dim > MaxCoordinates {
				return Samples{}, &CSVError{Line: line, Err: fmt.Errorf("has %d fields, more than %d coordinates", len(rec), MaxCoordinates)}
			}
			if isHeader(rec) {
				if col, err := checkSamplesHeader(rec); err != nil {
					return Samples{}, &CSVError{Line: line, Column: col, Err: err}
				}
				headerLine = line
				continue
			}
		}
		if len(rec) != s.Dim+1 {
			return Samples{}, &CSVError{Line: line, Column: min(len(rec), s.Dim+1) + 1, Err: fmt.Errorf("has %d fields, want %d (x1,…,x%d,label)", len(rec), s.Dim+1, s.Dim)}
		}
		if len(s.X)+s.Dim > MaxCoordinates {
			return Samples{}, &CSVError{Line: line, Err: fmt.Errorf("more than %d coordinates (%d points in %d dimensions)", MaxCoordinates, MaxCoordinates/s.Dim, s.Dim)}
		}
		for j, f := range rec[:s.Dim] {
			v, err := parseCoordinate(strings.TrimSpace(f), math.Inf(1))
			if err != nil {
				return Samples{}, &CSVError{Line: line, Column: j + 1, Field: "x" + strconv.Itoa(j+1), Err: err}
			}
			s.X = append(s.X, v)
		}
		label, err := ParseLabel(rec[s.Dim])
		if err != nil {
			return Samples{}, &CSVError{Line: line, Column: s.Dim + 1, Field: "label", Err: err}
		}
		s.Labels = append(s.Labels, uint8(label))
	}
	if s.Len() == 0 {
		if headerLine > 0 {
			return Samples{}, &CSVError{Line: headerLine + 1, Err: fmt.Errorf("no points after the header on line %d", headerLine)}
		}
		return Samples{}, &CSVError{Line: 1, Err: errors.New("the file is empty, want rows of x1,…,xd,label")}
	}
	return s, nil
}

// isHeader reports whether a first row is a header: a row without a
// number or a label in it.
func isHeader(rec []string) bool {
	for _, f := range rec {
		name := strings.TrimSpace(f)
		if _, err := strconv.ParseFloat(name, 64); err == nil || isLabelWord(name) {
			return false
		}
	}
	return true
}

// checkSamplesHeader returns an error, and its 1-based column, unless rec
// is x1,…,xd,label.
func checkSamplesHeader(rec []string) (col int, err error) {
	d := len(rec) - 1
	if d == 2 && strings.EqualFold(strings.TrimSpace(rec[0]), "x") && strings.EqualFold(strings.TrimSpace(rec[1]), "y") && strings.EqualFold(strings.TrimSpace(rec[2]), "label") {
		return 0, nil
	}
	for j, f := range rec {
		want := "x" + strconv.Itoa(j+1)
		if j == d {
			want = "label"
		}
		if !strings.EqualFold(strings.TrimSpace(f), want) {
			return j + 1, fmt.Errorf("header field %q is not %s (want x1,…,x%d,label)", f, want, d)
		}
	}
	return 0, nil
}

// WriteSamplesCSV writes s with the header x1,…,xd,label, coordinates in
// the shortest form that reads back to the same float64. It panics if s is
// inconsistent (len(X) is not Len()·Dim).
func WriteSamplesCSV(w io.Writer, s Samples) error {
	if s.Dim < 1 || len(s.X) != s.Len()*s.Dim {
		panic(fmt.Sprintf("data: WriteSamplesCSV: %d coordinates for %d points in %d dimensions", len(s.X), s.Len(), s.Dim))
	}
	cw := csv.NewWriter(w)
	rec := make([]string, s.Dim+1)
	for j := range s.Dim {
		rec[j] = "x" + strconv.Itoa(j+1)
	}
	rec[s.Dim] = "label"
	if err := cw.Write(rec); err != nil {
		return err
	}
	for i := range s.Len() {
		for j, v := range s.Row(i) {
			rec[j] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		rec[s.Dim] = strconv.Itoa(s.Label(i))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
