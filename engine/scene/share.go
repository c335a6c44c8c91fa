package scene

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
)

// A scene travels in the URL hash as
//
//	s1.<base64url(deflate(record))>
//
// where the record holds the settings followed by the edits made to the
// preset's points: which were removed, which were moved where, and which
// were added. The preset's own points are regenerated from its seed, so a
// link to the article's 20,000 points with a few edits stays short, and
// every coordinate a visitor placed is stored exactly as its Quantum grid
// index.
const hashPrefix = "s1."

// Limits that keep a hostile hash from costing memory or time.
const (
	maxHashLength  = 4 << 20 // characters
	maxRecordBytes = 16 << 20
	maxStringField = 64
)

// Encode returns the scene as a URL-hash string (without the "#"), which
// Decode turns back into the same scene with the same figures.
func (s *Scene) Encode() string {
	var w recordWriter
	st := s.settings
	w.str(st.Preset)
	w.uvarint(st.Seed)
	w.uvarint(uint64(st.N))
	w.float(st.Noise)
	w.float(st.Epsilon)
	w.str(string(st.Attack.Method))
	w.uvarint(uint64(st.Attack.Steps))
	w.float(st.Attack.StepSize)
	w.str(string(st.Attack.Norm))
	w.boolean(st.Attack.RandomStart)
	w.str(st.Recipe)
	w.boolean(st.Show.Arrows)
	w.boolean(st.Show.Shading)
	w.boolean(st.Show.Chart)
	w.boolean(st.Show.Theory)
	w.str(st.Show.Controls)
	w.uvarint(uint64(st.Class))
	w.str(st.Mode)
	s.encodeModel(&w)

	// Edits to the preset's points.
	kept := make([]bool, len(s.base))
	var moved, added []int
	for i, o := range s.origin {
		if o < 0 {
			added = append(added, i)
			continue
		}
		kept[o] = true
		if s.points[i] != s.base[o] {
			moved = append(moved, i)
		}
	}
	var removed []int
	for i, k := range kept {
		if !k {
			removed = append(removed, i)
		}
	}
	w.uvarint(uint64(len(removed)))
	prev := -1
	for _, b := range removed {
		w.uvarint(uint64(b - prev - 1))
		prev = b
	}
	w.uvarint(uint64(len(moved)))
	prev = -1
	for _, i := range moved {
		o := s.origin[i]
		w.uvarint(uint64(o - prev - 1))
		prev = o
		w.varint(gridIndex(s.points[i].X))
		w.varint(gridIndex(s.points[i].Y))
	}
	w.uvarint(uint64(len(added)))
	var px, py int64
	for _, i := range added {
		p := s.points[i]
		kx, ky := gridIndex(p.X), gridIndex(p.Y)
		// Coordinates relative to the previous added point, with the label
		// in the lowest bit of x: clicked points cluster, and small
		// numbers deflate well.
		w.varint((kx-px)*2 + int64(p.Label))
		w.varint(ky - py)
		px, py = kx, ky
	}

	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zw.Write(w.buf)
	zw.Close()
	return hashPrefix + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// gridIndex returns k with Quantize(v) = k·Quantum.
func gridIndex(v float64) int64 { return int64(math.Round(v / Quantum)) }

// fromGrid returns the coordinate of grid index k, exactly as Quantize
// computes it.
func fromGrid(k int64) float64 { return float64(k) / (1 / Quantum) }

// Decode returns the scene a hash from Encode describes. A leading "#" is
// allowed. It returns an error saying what is wrong — not an advplay scene,
// truncated, corrupted, or a value out of range — for any other input, and
// never panics.
func Decode(hash string) (*Scene, error) {
	hash = strings.TrimPrefix(hash, "#")
	if len(hash) > maxHashLength {
		return nil, fmt.Errorf("the scene in the link is %d characters, more than %d", len(hash), maxHashLength)
	}
	if !strings.HasPrefix(hash, hashPrefix) {
		return nil, errors.New("the link's #fragment is not an advplay scene")
	}
	packed, err := base64.RawURLEncoding.DecodeString(hash[len(hashPrefix):])
	if err != nil {
		return nil, errors.New("the scene in the link is corrupted (bad base64)")
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(packed)), maxRecordBytes+1))
	if err != nil {
		return nil, errors.New("the scene in the link is truncated or corrupted")
	}
	if len(raw) > maxRecordBytes {
		return nil, errors.New("the scene in the link is too large")
	}
	r := &recordReader{buf: raw}
	patch := Patch{
		"preset":  r.str(),
		"seed":    r.uvarintFloat(),
		"n":       r.uvarintFloat(),
		"noise":   r.float(),
		"epsilon": r.float(),
		"attack": Patch{
			"method":      r.str(),
			"steps":       r.uvarintFloat(),
			"stepSize":    r.float(),
			"norm":        r.str(),
			"randomStart": r.boolean(),
		},
		"training": Patch{"recipe": r.str()},
		"show": Patch{
			"arrows":   r.boolean(),
			"shading":  r.boolean(),
			"chart":    r.boolean(),
			"theory":   r.boolean(),
			"controls": r.str(),
		},
		"class": r.uvarintFloat(),
		"mode":  r.str(),
	}
	decodeModel(r, patch)
	if r.err != nil {
		return nil, r.err
	}
	set := DefaultSettings()
	set.Preset, set.N = "empty", 0
	s, err := New(set)
	if err != nil {
		return nil, err
	}
	if err := s.Apply(patch); err != nil {
		return nil, fmt.Errorf("the scene in the link has a bad value: %w", err)
	}
	if err := s.applyEdits(r); err != nil {
		return nil, err
	}
	s.Flush()
	return s, nil
}

// applyEdits reads the edit lists and applies them to the freshly generated
// preset.
func (s *Scene) applyEdits(r *recordReader) error {
	nb := len(s.base)
	removed := make([]bool, nb)
	count := r.count(nb, "removed points")
	prev := -1
	for range count {
		b := prev + 1 + r.count(nb, "a removed point's index")
		if r.err == nil && b >= nb {
			return errors.New("the scene in the link removes a point that does not exist")
		}
		if r.err != nil {
			return r.err
		}
		removed[b], prev = true, b
	}
	movedTo := map[int][2]float64{}
	count = r.count(nb, "moved points")
	prev = -1
	for range count {
		b := prev + 1 + r.count(nb, "a moved point's index")
		x, y := fromGrid(r.varint()), fromGrid(r.varint())
		if r.err != nil {
			return r.err
		}
		if b >= nb || removed[b] {
			return errors.New("the scene in the link moves a point that does not exist")
		}
		if err := checkPoint(x, y, 0); err != nil {
			return fmt.Errorf("the scene in the link moves a point out of range: %w", err)
		}
		movedTo[b], prev = [2]float64{x, y}, b
	}
	points := make([]data.Point, 0, nb)
	origin := make([]int, 0, nb)
	for i, p := range s.base {
		if removed[i] {
			continue
		}
		if m, ok := movedTo[i]; ok {
			p.X, p.Y = m[0], m[1]
		}
		points = append(points, p)
		origin = append(origin, i)
	}
	count = r.count(MaxPoints-len(points), "added points")
	var kx, ky int64
	for range count {
		dx, dy := r.varint(), r.varint()
		if r.err != nil {
			return r.err
		}
		label := int(dx & 1)
		kx, ky = kx+(dx-int64(label))/2, ky+dy
		x, y := fromGrid(kx), fromGrid(ky)
		if err := checkPoint(x, y, label); err != nil {
			return fmt.Errorf("the scene in the link adds a point out of range: %w", err)
		}
		points = append(points, data.Point{X: x, Y: y, Label: label})
		origin = append(origin, -1)
	}
	if r.err != nil {
		return r.err
	}
	if len(r.buf) != r.pos {
		return errors.New("the scene in the link has trailing data")
	}
	s.points, s.origin = points, origin
	s.pointsChanged()
	return nil
}

// recordWriter builds the binary record.
type recordWriter struct{ buf []byte }

func (w *recordWriter) uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *recordWriter) varint(v int64)   { w.buf = binary.AppendVarint(w.buf, v) }
func (w *recordWriter) float(v float64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(v))
}
func (w *recordWriter) str(s string) {
	w.uvarint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}
func (w *recordWriter) boolean(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// recordReader reads the record; after the first error every read
// returns a zero value and err keeps that first error.
type recordReader struct {
	buf []byte
	pos int
	err error
}

var errTruncated = errors.New("the scene in the link is truncated")

func (r *recordReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *recordReader) uvarint() uint64 {
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

// uvarintFloat reads an unsigned number as a JSON-style float64 for Apply,
// which checks its range.
func (r *recordReader) uvarintFloat() float64 { return float64(r.uvarint()) }

func (r *recordReader) varint() int64 {
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

func (r *recordReader) float() float64 {
	if r.err != nil || len(r.buf)-r.pos < 8 {
		r.fail(errTruncated)
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.buf[r.pos:]))
	r.pos += 8
	return v
}

func (r *recordReader) str() string {
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
}

func (r *recordReader) boolean() bool {
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
}

// count reads a count or index that must not exceed limit.
func (r *recordReader) count(limit int, what string) int {
	v := r.uvarint()
	if r.err == nil && v > uint64(max(limit, 0)) {
		r.fail(fmt.Errorf("the scene in the link has too many %s", what))
		return 0
	}
	return int(v)
}
