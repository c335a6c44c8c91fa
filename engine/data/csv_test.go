package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// samePoints reports whether a and b hold the same points bit for bit
// (so that −0 and 0 differ).
func samePoints(a, b []Point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i].X) != math.Float64bits(b[i].X) ||
			math.Float64bits(a[i].Y) != math.Float64bits(b[i].Y) || a[i].Label != b[i].Label {
			return false
		}
	}
	return true
}

func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	clouds, _ := Clouds(1000, 1)
	for _, c := range []struct {
		name   string
		points []Point
	}{
		{"clouds", clouds},
		// Values whose shortest decimal form is long, tiny or huge.
		{"extremes", []Point{
			{X: math.Copysign(0, -1), Y: 0, Label: 0},
			{X: math.SmallestNonzeroFloat64, Y: -math.MaxFloat64, Label: 1},
			{X: 0.1 + 0.2, Y: 1.0 / 3, Label: 1},
			{X: 1e-300, Y: -2.2250738585072014e-308, Label: 0},
			{X: math.Nextafter(1, 2), Y: math.Nextafter(1, 0), Label: 1},
		}},
		{"one", []Point{{X: 2, Y: 2, Label: 1}}},
	} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, c.points); err != nil {
			t.Fatalf("%s: WriteCSV: %v", c.name, err)
		}
		if !strings.HasPrefix(buf.String(), "x,y,label\n") {
			t.Errorf("%s: WriteCSV output starts %q, want the header x,y,label", c.name, buf.String()[:min(buf.Len(), 20)])
		}
		got, err := ReadCSV(&buf)
		if err != nil {
			t.Fatalf("%s: ReadCSV(WriteCSV(points)): %v", c.name, err)
		}
		if !samePoints(got, c.points) {
			t.Errorf("%s: ReadCSV(WriteCSV(points)) differs from points", c.name)
		}
	}
}

func TestReadCSV(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		in   string
		want []Point
	}{
		{"no header", "1,2,0\n3,4,1\n", []Point{{1, 2, 0}, {3, 4, 1}}},
		{"header", "x,y,label\n1,2,0\n", []Point{{1, 2, 0}}},
		{"header yxl", "y,x,label\n1,2,0\n", []Point{{2, 1, 0}}},
		{"header lxy", "label,x,y\n1,2,3\n", []Point{{2, 3, 1}}},
		{"header lyx", "label,y,x\n0,2,3\n", []Point{{3, 2, 0}}},
		{"header xly", "x,label,y\n5,1,6\n", []Point{{5, 6, 1}}},
		{"header ylx", "y,label,x\n5,1,6\n", []Point{{6, 5, 1}}},
		{"header case and spaces", " X , Y ,LABEL\n1,2,0\n", []Point{{1, 2, 0}}},
		{"quoted header", "\"x\",\"y\",\"label\"\n1,2,0\n", []Point{{1, 2, 0}}},
		{"red and blue", "x,y,label\n1,2,red\n3,4,blue\n5,6,Blue\n7,8,RED\n", []Point{{1, 2, 0}, {3, 4, 1}, {5, 6, 1}, {7, 8, 0}}},
		{"quoted fields", "\"1.5\",\"-2\",\"blue\"\n", []Point{{1.5, -2, 1}}},
		{"quoted comma-free field with spaces", "\" 1 \",2,\" 0 \"\n", []Point{{1, 2, 0}}},
		{"blank lines", "\n\nx,y,label\n\n1,2,0\n\n\n3,4,1\n\n", []Point{{1, 2, 0}, {3, 4, 1}}},
		{"CRLF", "x,y,label\r\n1,2,0\r\n3,4,1\r\n", []Point{{1, 2, 0}, {3, 4, 1}}},
		{"no final newline", "1,2,0", []Point{{1, 2, 0}}},
		{"spaces", "  1 ,  2,  1  \n", []Point{{1, 2, 1}}},
		{"exponents and signs", "-1e-3,+2.5E2,0\n", []Point{{-0.001, 250, 0}}},
		{"byte order mark", "\ufeffx,y,label\n1,2,0\n", []Point{{1, 2, 0}}},
		{"byte order mark, no header", "\ufeff1,2,0\n", []Point{{1, 2, 0}}},
	} {
		got, err := ReadCSV(strings.NewReader(c.in))
		if err != nil {
			t.Errorf("%s: ReadCSV(%q): %v", c.name, c.in, err)
			continue
		}
		if !samePoints(got, c.want) {
			t.Errorf("%s: ReadCSV(%q) = %v, want %v", c.name, c.in, got, c.want)
		}
	}
}

// TestReadCSVErrors checks that each bad input gets a *CSVError at the
// right line and column, whose text names both, and no points.
func TestReadCSVErrors(t *testing.T) {
	t.Parallel()
	var tooMany strings.Builder
	tooMany.WriteString("x,y,label\n")
	for range MaxCSVPoints + 1 {
		tooMany.WriteString("0,0,0\n")
	}
	for _, c := range []struct {
		name   string
		in     string
		line   int
		column int    // 0: the error is about the whole line
		text   string // a fragment the message must contain
	}{
		{"empty file", "", 1, 0, "empty"},
		{"only blank lines", "\n\n\n", 1, 0, "empty"},
		{"header only", "x,y,label\n", 2, 0, "no points after the header on line 1"},
		{"header then blank lines", "\nx,y,label\n\n\n", 3, 0, "no points"},
		{"two fields", "x,y,label\n1,2,0\n1,2\n", 3, 3, "has 2 fields"},
		{"one field", "1\n", 1, 2, "has 1 fields"},
		{"four fields", "x,y,label\n1,2,0,4\n", 2, 4, "has 4 fields"},
		{"header with two fields", "x,y\n1,2\n", 1, 3, "has 2 fields"},
		{"bare quote", "x,y,label\n1,a\"b,0\n", 2, 4, "bare \""},
		{"unterminated quote", "x,y,label\n\"1,2,0\n", 2, 8, "\""},
		{"NaN", "x,y,label\n1,2,0\n1,NaN,0\n", 3, 2, "not a finite number"},
		{"nan lower case", "nan,1,0\n", 1, 1, "not a finite number"},
		{"Inf", "x,y,label\nInf,2,0\n", 2, 1, "not a finite number"},
		{"-Inf", "x,y,label\n1,-Inf,1\n", 2, 2, "not a finite number"},
		{"overflow", "x,y,label\n1e400,2,1\n", 2, 1, "not a"},
		{"empty field", "x,y,label\n1,,0\n", 2, 2, "empty"},
		{"empty label", "x,y,label\n1,2,\n", 2, 3, "label"},
		{"not a number", "x,y,label\n1,two,0\n", 2, 2, "\"two\" is not a number"},
		{"label 2", "x,y,label\n1,2,2\n", 2, 3, "label \"2\""},
		{"label green", "x,y,label\n1,2,green\n", 2, 3, "green"},
		{"label 0.5", "1,2,0.5\n", 1, 3, "0.5"},
		{"reordered header, bad label", "label,x,y\n3,1,2\n", 2, 1, "label \"3\""},
		{"reordered header, bad y", "label,y,x\n1,oops,2\n", 2, 2, "oops"},
		{"blank lines before the bad row", "x,y,label\n\n1,2,0\n\n\n1,2,purple\n", 6, 3, "purple"},
		{"bad row after a multi-line quoted field", "x,y,label\n\"1\n\",2,0\n3,4,5\n", 4, 3, "label \"5\""},
		{"duplicate header name", "x,x,label\n1,2,0\n", 1, 2, "twice"},
		{"duplicate header name, case", "label,y,LABEL\n1,2,0\n", 1, 3, "twice"},
		{"unknown header name", "x,y,class\n1,2,0\n", 1, 3, "\"class\""},
		{"header after data", "1,2,0\nx,y,label\n", 2, 1, "\"x\" is not a number"},
		{"more than MaxCSVPoints", tooMany.String(), MaxCSVPoints + 2, 0, fmt.Sprintf("more than %d points", MaxCSVPoints)},
	} {
		points, err := ReadCSV(strings.NewReader(c.in))
		if err == nil {
			t.Errorf("%s: ReadCSV returned %d points and no error", c.name, len(points))
			continue
		}
		if points != nil {
			t.Errorf("%s: ReadCSV returned %d points with the error %v, want none", c.name, len(points), err)
		}
		var ce *CSVError
		if !errors.As(err, &ce) {
			t.Errorf("%s: error %v (%T) is not a *CSVError", c.name, err, err)
			continue
		}
		if ce.Line != c.line || ce.Column != c.column {
			t.Errorf("%s: error %q at line %d, column %d; want line %d, column %d", c.name, err, ce.Line, ce.Column, c.line, c.column)
		}
		msg := err.Error()
		wantAt := fmt.Sprintf("line %d", c.line)
		if c.column != 0 {
			wantAt += fmt.Sprintf(", column %d", c.column)
		}
		if !strings.Contains(msg, wantAt) || !strings.Contains(msg, c.text) {
			t.Errorf("%s: error %q, want it to contain %q and %q", c.name, msg, wantAt, c.text)
		}
	}
}

// TestReadCSVMaxPoints checks the limit itself: exactly MaxCSVPoints rows
// are accepted.
func TestReadCSVMaxPoints(t *testing.T) {
	t.Parallel()
	in := "x,y,label\n" + strings.Repeat("1,2,1\n", MaxCSVPoints)
	points, err := ReadCSV(strings.NewReader(in))
	if err != nil || len(points) != MaxCSVPoints {
		t.Errorf("ReadCSV of %d rows: %d points, %v; want all of them", MaxCSVPoints, len(points), err)
	}
}

func TestCSVErrorText(t *testing.T) {
	t.Parallel()
	inner := errors.New("boom")
	for _, c := range []struct {
		err  CSVError
		want string
	}{
		{CSVError{Err: inner}, "csv: boom"},
		{CSVError{Line: 3, Err: inner}, "csv: line 3: boom"},
		{CSVError{Line: 3, Column: 2, Err: inner}, "csv: line 3, column 2: boom"},
		{CSVError{Line: 3, Column: 2, Field: "y", Err: inner}, "csv: line 3, column 2 (y): boom"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("%+v.Error() = %q, want %q", c.err, got, c.want)
		}
		if !errors.Is(&c.err, inner) {
			t.Errorf("%+v does not unwrap to its Err", c.err)
		}
	}
}

func TestParseLabel(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in    string
		label int
		ok    bool
	}{
		{"0", 0, true}, {"1", 1, true}, {"red", 0, true}, {"blue", 1, true},
		{"Red", 0, true}, {"BLUE", 1, true}, {" 1 ", 1, true},
		{"2", 0, false}, {"-1", 0, false}, {"1.0", 0, false}, {"", 0, false}, {"purple", 0, false},
	} {
		got, err := ParseLabel(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.label) {
			t.Errorf("ParseLabel(%q) = %d, %v; want %d, ok = %v", c.in, got, err, c.label, c.ok)
		}
	}
}

// FuzzReadCSV checks both readers on the same input: that ReadCSV and
// ReadSamplesCSV never panic, that an error comes with no points and names
// a line, and that accepted points are valid and survive writing and
// reading unchanged. The seed corpus is in testdata/fuzz/FuzzReadCSV; run
// with
//
//	go test ./engine/data -run=NONE -fuzz=FuzzReadCSV -fuzztime=1m
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"x,y,label\n1,2,0\n3,4,1\n",
		"label,y,x\nblue,1e-3,-0\n",
		"1,2,red\n",
		"x1,x2,x3,label\n1,2,3,0\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzReadCSV(t, in)
		fuzzReadSamplesCSV(t, in)
	})
}

// csvErrorLine fails t unless err is a *CSVError naming a line of in.
func csvErrorLine(t *testing.T, in []byte, err error) {
	var ce *CSVError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a *CSVError", err, err)
	}
	if lines := bytes.Count(in, []byte("\n")) + 2; ce.Line < 1 || ce.Line > lines {
		t.Fatalf("error %v names line %d of an input with at most %d", err, ce.Line, lines-1)
	}
}

func fuzzReadCSV(t *testing.T, in []byte) {
	points, err := ReadCSV(bytes.NewReader(in))
	if err != nil {
		if points != nil {
			t.Fatalf("ReadCSV returned %d points with the error %v", len(points), err)
		}
		csvErrorLine(t, in, err)
		return
	}
	if len(points) == 0 || len(points) > MaxCSVPoints {
		t.Fatalf("ReadCSV returned %d points and no error", len(points))
	}
	if err := Validate(points); err != nil {
		t.Fatalf("ReadCSV accepted an invalid point: %v", err)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, points); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	again, err := ReadCSV(&buf)
	if err != nil {
		t.Fatalf("ReadCSV(WriteCSV(points)): %v", err)
	}
	if !samePoints(points, again) {
		t.Fatalf("ReadCSV(WriteCSV(points)) differs from points")
	}
}

func fuzzReadSamplesCSV(t *testing.T, in []byte) {
	s, err := ReadSamplesCSV(bytes.NewReader(in))
	if err != nil {
		if s.Len() != 0 || s.X != nil {
			t.Fatalf("ReadSamplesCSV returned %d points with the error %v", s.Len(), err)
		}
		csvErrorLine(t, in, err)
		return
	}
	if s.Len() == 0 || len(s.X) > MaxCoordinates {
		t.Fatalf("ReadSamplesCSV returned %d points in %d dimensions and no error", s.Len(), s.Dim)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("ReadSamplesCSV accepted invalid samples: %v", err)
	}
	var buf bytes.Buffer
	if err := WriteSamplesCSV(&buf, s); err != nil {
		t.Fatalf("WriteSamplesCSV: %v", err)
	}
	again, err := ReadSamplesCSV(&buf)
	if err != nil {
		t.Fatalf("ReadSamplesCSV(WriteSamplesCSV(s)): %v", err)
	}
	if !sameSamples(s, again) {
		t.Fatalf("ReadSamplesCSV(WriteSamplesCSV(s)) differs from s")
	}
}
