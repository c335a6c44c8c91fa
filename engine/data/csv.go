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

// MaxCSVPoints is the most points ReadCSV accepts.
const MaxCSVPoints = 100000

// CSVError reports a bad CSV input at a line and, when known, a column.
type CSVError struct {
	Line int // 1-based line in the file
	// Column is the 1-based field number, or 0 for the whole line. For a
	// syntax error (a bare or unterminated quote) it is the 1-based
	// character position in the line, as encoding/csv reports it.
	Column int
	Field  string // column name, if known
	Err    error
}

func (e *CSVError) Error() string {
	switch {
	case e.Line == 0:
		return "csv: " + e.Err.Error()
	case e.Column == 0:
		return fmt.Sprintf("csv: line %d: %v", e.Line, e.Err)
	case e.Field != "":
		return fmt.Sprintf("csv: line %d, column %d (%s): %v", e.Line, e.Column, e.Field, e.Err)
	}
	return fmt.Sprintf("csv: line %d, column %d: %v", e.Line, e.Column, e.Err)
}

func (e *CSVError) Unwrap() error { return e.Err }

var columnNames = [3]string{"x", "y", "label"}

// ReadCSV reads points with columns x, y and label. The header row is
// optional; when present it names the three columns in any order
// (case-insensitive). Labels are 0 or 1, or red (0) or blue (1).
// Blank lines are skipped, fields may be quoted, and a leading UTF-8 byte
// order mark is ignored.
//
// It returns a *CSVError naming the line and column of the first problem:
// a row without three fields, a value that is not a finite number, an
// unknown label, an empty file, or more than MaxCSVPoints rows. On error
// it returns no points at all.
func ReadCSV(r io.Reader) ([]Point, error) {
	return ReadCSVWithin(r, math.Inf(1))
}

// ReadCSVWithin is ReadCSV for coordinates bounded by ±bound: a larger one
// is an error naming its line and column, like any other bad value.
func ReadCSVWithin(r io.Reader, bound float64) ([]Point, error) {
	cr := newCSVReader(r)
	order := [3]int{0, 1, 2} // order[k] is the field index of column k
	var points []Point
	first := true
	headerLine := 0 // the line of the header row, if there is one
	for {
		rec, line, err := readRecord(cr)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if first {
			// A UTF-8 byte order mark, as spreadsheets write, is not data.
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
		}
		if len(rec) != 3 {
			// The column is the first extra field, or the first missing one.
			return nil, &CSVError{Line: line, Column: min(len(rec), 3) + 1, Err: fmt.Errorf("has %d fields, want 3 (x,y,label)", len(rec))}
		}
		if first {
			first = false
			if o, ok, col, err := headerOrder(rec); err != nil {
				return nil, &CSVError{Line: line, Column: col, Err: err}
			} else if ok {
				order = o
				headerLine = line
				continue
			}
		}
		if len(points) == MaxCSVPoints {
			return nil, &CSVError{Line: line, Err: fmt.Errorf("more than %d points", MaxCSVPoints)}
		}
		p, err := parsePoint(rec, order, line, bound)
		if err != nil {
			return nil, err
		}
		points = append(points, p)
	}
	if len(points) == 0 {
		if headerLine > 0 {
			return nil, &CSVError{Line: headerLine + 1, Err: fmt.Errorf("no points after the header on line %d", headerLine)}
		}
		return nil, &CSVError{Line: 1, Err: errors.New("the file is empty, want rows of x,y,label")}
	}
	return points, nil
}

// parsePoint returns the point in rec, a row of line whose field order[k]
// holds column k, with coordinates bounded by ±bound; or a *CSVError naming
// the first field that is not a valid value.
func parsePoint(rec []string, order [3]int, line int, bound float64) (Point, error) {
	var p Point
	for k, name := range columnNames {
		field := strings.TrimSpace(rec[order[k]])
		var err error
		switch k {
		case 0:
			p.X, err = parseCoordinate(field, bound)
		case 1:
			p.Y, err = parseCoordinate(field, bound)
		case 2:
			p.Label, err = ParseLabel(field)
		}
		if err != nil {
			return Point{}, &CSVError{Line: line, Column: order[k] + 1, Field: name, Err: err}
		}
	}
	return p, nil
}

// newCSVReader returns the reader both CSV formats use: any number of
// fields per row (checked with a line number), leading spaces trimmed.
func newCSVReader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	return cr
}

// readRecord returns the next record and its line, io.EOF at the end, or a
// *CSVError for a syntax error.
func readRecord(cr *csv.Reader) (rec []string, line int, err error) {
	rec, err = cr.Read()
	if err == io.EOF {
		return nil, 0, err
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, 0, &CSVError{Line: pe.Line, Column: pe.Column, Err: pe.Err}
		}
		return nil, 0, &CSVError{Err: err}
	}
	line, _ = cr.FieldPos(0)
	return rec, line, nil
}

// headerOrder reports whether rec is a header row and, if so, which field
// holds each column. A row with a number or a label in it is data. Any
// other row is a header, and one that does not name x, y and label once
// each, in some order, is an error; col is then the 1-based field at fault.
func headerOrder(rec []string) (order [3]int, ok bool, col int, err error) {
	for _, f := range rec {
		name := strings.TrimSpace(f)
		if _, perr := strconv.ParseFloat(name, 64); perr == nil || isLabelWord(name) {
			return order, false, 0, nil // a data row
		}
	}
	seen := 0
	for i, f := range rec {
		name := strings.ToLower(strings.TrimSpace(f))
		k := -1
		for j, c := range columnNames {
			if name == c {
				k = j
			}
		}
		if k < 0 {
			return order, false, i + 1, fmt.Errorf("header field %q is not x, y or label", f)
		}
		if seen&(1<<k) != 0 {
			return order, false, i + 1, fmt.Errorf("header names %q twice", name)
		}
		seen |= 1 << k
		order[k] = i
	}
	return order, true, 0, nil
}

func isLabelWord(s string) bool {
	_, err := ParseLabel(s)
	return err == nil
}

func parseCoordinate(s string, bound float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if s == "" {
			return 0, errors.New("is empty, want a number")
		}
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	if math.Abs(v) > bound {
		return 0, fmt.Errorf("%q is outside ±%g", s, bound)
	}
	return v, nil
}

// ParseLabel parses a class label: 0 or red, 1 or blue (case-insensitive).
func ParseLabel(s string) (int, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "0", "red":
		return 0, nil
	case "1", "blue":
		return 1, nil
	}
	return 0, fmt.Errorf("label %q is not 0, 1, red or blue", s)
}

// WriteCSV writes points with the header x,y,label, coordinates in the
// shortest form that reads back to the same float64.
func WriteCSV(w io.Writer, points []Point) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(columnNames[:]); err != nil {
		return err
	}
	for _, p := range points {
		rec := []string{
			strconv.FormatFloat(p.X, 'g', -1, 64),
			strconv.FormatFloat(p.Y, 'g', -1, 64),
			strconv.Itoa(p.Label),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
