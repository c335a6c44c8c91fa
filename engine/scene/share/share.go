package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"advplay/engine/data"
	"advplay/engine/mlp"
	"advplay/engine/scene"
)

// The prefixes of the three records.
const (
	prefix1 = "s1."
	prefix2 = "s2."
	prefix3 = "s3."
)

// Limits that keep a hostile link from costing memory or time: MaxLength
// characters, a record of at most maxRecordBytes, strings of at most
// maxStringField bytes.
const (
	MaxLength      = 4 << 20
	maxRecordBytes = 16 << 20
	maxStringField = 64
)

// Encode returns the scene as a link's fragment (without the "#"), which
// Decode turns back into the same scene with the same figures.
func Encode(s *scene.Scene) string {
	set := s.Settings()
	version := 1
	switch {
	case set.Digits != "":
		version = 3
	case set.Dimension != scene.MinDimension || set.Chart.Mode != scene.ChartEpsilon:
		version = 2
	}
	var w writer
	for i := range scene.Fields {
		if f := &scene.Fields[i]; f.Link <= version {
			w.value(f.Kind, f.Get(&set))
		}
	}
	w.edits(s.Edits())

	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zw.Write(w.buf)
	zw.Close()
	p := []string{prefix1, prefix2, prefix3}[version-1]
	return p + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// edits writes the edits: the removed base indices and the moved points'
// as gaps from the previous, each moved point's grid indices, and the
// added points' grid indices relative to the previous added point, with
// the label in the lowest bit of the first (clicked points cluster, and
// small numbers deflate well).
func (w *writer) edits(e scene.Edits) {
	w.uvarint(uint64(len(e.Removed)))
	prev := -1
	for _, b := range e.Removed {
		w.uvarint(uint64(b - prev - 1))
		prev = b
	}
	w.uvarint(uint64(len(e.Moved)))
	prev = -1
	for _, m := range e.Moved {
		w.uvarint(uint64(m.Base - prev - 1))
		prev = m.Base
		for _, v := range m.Row {
			w.varint(gridIndex(v))
		}
	}
	w.uvarint(uint64(len(e.Added)))
	last := make([]int64, e.Dim)
	for _, a := range e.Added {
		for j, v := range a.Row {
			k := gridIndex(v)
			if j == 0 {
				w.varint((k-last[j])*2 + int64(a.Label))
			} else {
				w.varint(k - last[j])
			}
			last[j] = k
		}
	}
}

// gridIndex returns k with scene.Quantize(v) = k·Quantum.
func gridIndex(v float64) int64 { return int64(math.Round(v / scene.Quantum)) }

// fromGrid returns the coordinate of grid index k, exactly as
// scene.Quantize computes it.
func fromGrid(k int64) float64 { return float64(k) / (1 / scene.Quantum) }

// Decode returns the scene a link's fragment from Encode describes. A
// leading "#" is allowed. It returns an error saying what is wrong — not
// an advplay scene, truncated, corrupted, or a value out of range, naming
// the field — for any other input, and never panics.
func Decode(link string) (*scene.Scene, error) {
	r, version, err := open(link)
	if err != nil {
		return nil, err
	}
	p, imported, err := r.settings(version)
	if err != nil {
		return nil, err
	}
	editsRead := false
	var readErr error
	s, err := scene.Restore(p, func(base, dim int) (scene.Edits, error) {
		editsRead = true
		if imported > 0 {
			dim = imported
		}
		e, err := r.edits(base, dim)
		readErr = err
		return e, err
	})
	switch {
	case err == nil:
		return s, nil
	case !editsRead:
		return nil, fmt.Errorf("the scene in the link has a bad value: %w", err)
	case readErr != nil:
		return nil, readErr
	}
	// The edits read, but do not fit the preset's points.
	return nil, fmt.Errorf("the scene in the link %w", err)
}

// open returns a reader of the record a link's fragment holds, and the
// record's version.
func open(link string) (*reader, int, error) {
	link = strings.TrimPrefix(link, "#")
	if len(link) > MaxLength {
		return nil, 0, fmt.Errorf("the scene in the link is %d characters, more than %d", len(link), MaxLength)
	}
	version := 1
	switch {
	case strings.HasPrefix(link, prefix2):
		version = 2
	case strings.HasPrefix(link, prefix3):
		version = 3
	case !strings.HasPrefix(link, prefix1):
		return nil, 0, errors.New("the link's #fragment is not an advplay scene")
	}
	packed, err := base64.RawURLEncoding.DecodeString(link[len(prefix1):])
	if err != nil {
		return nil, 0, errors.New("the scene in the link is corrupted (bad base64)")
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(packed)), maxRecordBytes+1))
	if err != nil {
		return nil, 0, errors.New("the scene in the link is truncated or corrupted")
	}
	if len(raw) > maxRecordBytes {
		return nil, 0, errors.New("the scene in the link is too large")
	}
	return &reader{buf: raw}, version, nil
}

// settings reads the fields of a record of version as a patch for
// scene.Restore to check. Points imported from a d-dimensional CSV are
// all added points of the empty preset: their dimension is theirs, not a
// setting, and is returned as imported (0 otherwise).
func (r *reader) settings(version int) (p scene.Patch, imported int, err error) {
	p = scene.Patch{}
	for i := range scene.Fields {
		if f := &scene.Fields[i]; f.Link <= version {
			set(p, f.Path, r.value(f.Kind))
		}
	}
	if r.err != nil {
		return nil, 0, r.err
	}
	if d, ok := p["dimension"].(float64); ok && p["preset"] == "empty" && d != scene.MinDimension {
		if d < scene.MinDimension || d > scene.MaxDimension {
			return nil, 0, fmt.Errorf("the scene in the link has a bad value: dimension: must be a whole number from %d to %d, got %v", scene.MinDimension, scene.MaxDimension, d)
		}
		imported = int(d)
		delete(p, "dimension")
	}
	return p, imported, nil
}

// set puts v at path ("attack.method") in p.
func set(p scene.Patch, path string, v any) {
	head, key, nested := strings.Cut(path, ".")
	if !nested {
		p[head] = v
		return
	}
	m, ok := p[head].(scene.Patch)
	if !ok {
		m = scene.Patch{}
		p[head] = m
	}
	m[key] = v
}

// edits reads the edits of a preset of base points in dim dimensions.
func (r *reader) edits(base, dim int) (scene.Edits, error) {
	e := scene.Edits{Dim: dim}
	count := r.count(base, "removed points")
	prev := -1
	for range count {
		b := prev + 1 + r.count(base, "a removed point's index")
		if r.err == nil && b >= base {
			return e, errors.New("the scene in the link removes a point that does not exist")
		}
		e.Removed = append(e.Removed, b)
		prev = b
	}
	count = r.count(base, "moved points")
	prev = -1
	for range count {
		b := prev + 1 + r.count(base, "a moved point's index")
		row := make([]float64, dim)
		for j := range row {
			row[j] = fromGrid(r.varint())
		}
		e.Moved = append(e.Moved, scene.Moved{Base: b, Row: row})
		prev = b
	}
	if r.err != nil {
		return e, r.err
	}
	count = r.count(min(scene.MaxPoints, data.MaxCoordinates/dim)-(base-len(e.Removed)), "added points")
	last := make([]int64, dim)
	for range count {
		row := make([]float64, dim)
		label := 0
		for j := range row {
			k := r.varint()
			if j == 0 {
				label = int(k & 1)
				k = (k - int64(label)) / 2
			}
			last[j] += k
			row[j] = fromGrid(last[j])
		}
		e.Added = append(e.Added, scene.Added{Row: row, Label: label})
	}
	if r.err != nil {
		return e, r.err
	}
	if len(r.buf) != r.pos {
		return e, errors.New("the scene in the link has trailing data")
	}
	return e, nil
}

// writer builds the binary record.
type writer struct{ buf []byte }

func (w *writer) uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *writer) varint(v int64)   { w.buf = binary.AppendVarint(w.buf, v) }

// value writes a field's value, as scene.Field.Get returns it.
func (w *writer) value(k scene.Kind, v any) {
	switch k {
	case scene.Number:
		w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(v.(float64)))
	case scene.Whole:
		w.uvarint(uint64(v.(float64)))
	case scene.Flag:
		b := byte(0)
		if v.(bool) {
			b = 1
		}
		w.buf = append(w.buf, b)
	case scene.Choice, scene.Text:
		s := v.(string)
		w.uvarint(uint64(len(s)))
		w.buf = append(w.buf, s...)
	case scene.Widths:
		list := v.([]any)
		w.uvarint(uint64(len(list)))
		for _, n := range list {
			w.uvarint(uint64(n.(float64)))
		}
	}
}

// reader reads the record; after the first error every read returns a
// zero value and err keeps that first error.
type reader struct {
	buf []byte
	pos int
	err error
}

var errTruncated = errors.New("the scene in the link is truncated")

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// value reads a field's value as a patch holds it, for scene.Apply to
// check: float64 for numbers, bool, string, []any of float64 for widths.
func (r *reader) value(k scene.Kind) any {
	switch k {
	case scene.Number:
		if r.err != nil || len(r.buf)-r.pos < 8 {
			r.fail(errTruncated)
			return 0.0
		}
		v := math.Float64frombits(binary.LittleEndian.Uint64(r.buf[r.pos:]))
		r.pos += 8
		return v
	case scene.Whole:
		return float64(r.uvarint())
	case scene.Flag:
		if r.err != nil || r.pos >= len(r.buf) {
			r.fail(errTruncated)
			return false
		}
		b := r.buf[r.pos]
		r.pos++
		if b > 1 {
			r.fail(errors.New("the scene in the link is corrupted (bad flag)"))
		}
		return b == 1
	case scene.Choice, scene.Text:
		n := r.uvarint()
		if r.err != nil {
			return ""
		}
		if n > maxStringField || uint64(len(r.buf)-r.pos) < n {
			r.fail(errTruncated)
			return ""
		}
		s := string(r.buf[r.pos : r.pos+int(n)])
		r.pos += int(n)
		return s
	case scene.Widths:
		n := r.count(mlp.MaxLayers, "hidden layers")
		list := make([]any, n)
		for i := range list {
			list[i] = float64(r.uvarint())
		}
		return list
	}
	panic(fmt.Sprintf("share: no reader for kind %d", k))
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.buf[r.pos:])
	if n <= 0 {
		r.fail(errTruncated)
		return 0
	}
	r.pos += n
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.buf[r.pos:])
	if n <= 0 {
		r.fail(errTruncated)
		return 0
	}
	r.pos += n
	return v
}

// count reads a count or index that must not exceed limit.
func (r *reader) count(limit int, what string) int {
	v := r.uvarint()
	if r.err == nil && v > uint64(max(limit, 0)) {
		r.fail(fmt.Errorf("the scene in the link has too many %s", what))
		return 0
	}
	return int(v)
}
