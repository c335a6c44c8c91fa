package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestSamplesCSVRoundTrip(t *testing.T) {
	t.Parallel()
	clouds, _ := CloudsIn(7, 100, CloudSigma, 1)
	for _, c := range []struct {
		name   string
		s      Samples
		header string
	}{
		{"clouds in 7 dimensions", clouds, "x1,x2,x3,x4,x5,x6,x7,label\n"},
		{"extremes", Samples{Dim: 3, X: []float64{
			math.Copysign(0, -1), math.SmallestNonzeroFloat64, -math.MaxFloat64,
			0.1 + 0.2, 1.0 / 3, math.Nextafter(1, 2),
		}, Labels: []uint8{1, 0}}, "x1,x2,x3,label\n"},
		{"one coordinate", Samples{Dim: 1, X: []float64{2}, Labels: []uint8{1}}, "x1,label\n"},
	} {
		var buf bytes.Buffer
		if err := WriteSamplesCSV(&buf, c.s); err != nil {
			t.Fatalf("%s: WriteSamplesCSV: %v", c.name, err)
		}
		if !strings.HasPrefix(buf.String(), c.header) {
			t.Errorf("%s: output starts %q, want the header %q", c.name, buf.String()[:min(buf.Len(), 40)], c.header)
		}
		got, err := ReadSamplesCSV(&buf)
		if err != nil {
			t.Fatalf("%s: ReadSamplesCSV(WriteSamplesCSV(s)): %v", c.name, err)
		}
		if !sameSamples(got, c.s) {
			t.Errorf("%s: ReadSamplesCSV(WriteSamplesCSV(s)) differs from s", c.name)
		}
	}
}

// sameSamples reports whether a and b hold the same points bit for bit.
func sameSamples(a, b Samples) bool {
	if a.Dim != b.Dim || len(a.X) != len(b.X) || !reflect.DeepEqual(a.Labels, b.Labels) {
		return false
	}
	for i := range a.X {
		if math.Float64bits(a.X[i]) != math.Float64bits(b.X[i]) {
			return false
		}
	}
	return true
}

func TestReadSamplesCSV(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		in   string
		want Samples
	}{
		{"no header", "1,2,3,0\n4,5,6,1\n", Samples{Dim: 3, X: []float64{1, 2, 3, 4, 5, 6}, Labels: []uint8{0, 1}}},
		{"header", "x1,x2,x3,label\n1,2,3,blue\n", Samples{Dim: 3, X: []float64{1, 2, 3}, Labels: []uint8{1}}},
		{"header case and spaces", " X1 ,LABEL\n-1,red\n", Samples{Dim: 1, X: []float64{-1}, Labels: []uint8{0}}},
		{"the plane's header", "x,y,label\n1,2,0\n", Samples{Dim: 2, X: []float64{1, 2}, Labels: []uint8{0}}},
		{"blank lines, CRLF, quotes", "\r\nx1,x2,label\r\n\r\n\"1\",2,1\r\n", Samples{Dim: 2, X: []float64{1, 2}, Labels: []uint8{1}}},
		{"byte order mark", "\ufeffx1,x2,label\n1,2,0\n", Samples{Dim: 2, X: []float64{1, 2}, Labels: []uint8{0}}},
	} {
		got, err := ReadSamplesCSV(strings.NewReader(c.in))
		if err != nil {
			t.Errorf("%s: ReadSamplesCSV(%q): %v", c.name, c.in, err)
			continue
		}
		if !sameSamples(got, c.want) {
			t.Errorf("%s: ReadSamplesCSV(%q) = %+v, want %+v", c.name, c.in, got, c.want)
		}
	}
}

// TestReadSamplesCSVErrors checks that each bad input gets a *CSVError at
// the right line and column, whose text names both, and empty Samples.
func TestReadSamplesCSVErrors(t *testing.T) {
	t.Parallel()
	// MaxCoordinates/1000 rows of 1000 coordinates are the limit; one more
	// row is too many. The row is written once and repeated.
	row := strings.Repeat("0,", 1000) + "1\n"
	tooMany := strings.Repeat(row, MaxCoordinates/1000+1)
	for _, c := range []struct {
		name   string
		in     string
		line   int
		column int
		text   string
	}{
		{"empty file", "", 1, 0, "empty"},
		{"header only", "x1,x2,label\n", 2, 0, "no points after the header on line 1"},
		{"one field", "1\n", 1, 2, "want at least 2"},
		{"short row", "x1,x2,label\n1,2,0\n1,2\n", 3, 3, "has 2 fields, want 3"},
		{"long row", "1,2,0\n1,2,3,0\n", 2, 4, "has 4 fields, want 3"},
		{"bad header name", "x1,y,label\n1,2,0\n", 1, 2, "\"y\" is not x2"},
		{"header out of order", "x2,x1,label\n1,2,0\n", 1, 1, "\"x2\" is not x1"},
		{"header without label", "x1,x2,x3\n1,2,0\n", 1, 3, "\"x3\" is not label"},
		{"NaN", "x1,x2,label\n1,NaN,0\n", 2, 2, "x2"},
		{"not a number", "1,2,0\n1,two,1\n", 2, 2, "\"two\" is not a number"},
		{"bad label", "1,2,0\n\n3,4,purple\n", 3, 3, "purple"},
		{"bare quote", "1,a\"b,0\n", 1, 4, "bare \""},
		{"more than MaxCoordinates", tooMany, MaxCoordinates/1000 + 1, 0, fmt.Sprintf("more than %d coordinates", MaxCoordinates)},
	} {
		s, err := ReadSamplesCSV(strings.NewReader(c.in))
		if err == nil {
			t.Errorf("%s: ReadSamplesCSV returned %d points and no error", c.name, s.Len())
			continue
		}
		if s.Len() != 0 || s.X != nil || s.Dim != 0 {
			t.Errorf("%s: ReadSamplesCSV returned %+v with the error, want empty Samples", c.name, s)
		}
		var ce *CSVError
		if !errors.As(err, &ce) {
			t.Errorf("%s: error %v (%T) is not a *CSVError", c.name, err, err)
			continue
		}
		if ce.Line != c.line || ce.Column != c.column {
			t.Errorf("%s: error %q at line %d, column %d; want line %d, column %d", c.name, err, ce.Line, ce.Column, c.line, c.column)
		}
		if msg := err.Error(); !strings.Contains(msg, fmt.Sprintf("line %d", c.line)) || !strings.Contains(msg, c.text) {
			t.Errorf("%s: error %q, want it to name line %d and contain %q", c.name, msg, c.line, c.text)
		}
	}
}
